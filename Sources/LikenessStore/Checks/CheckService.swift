import Foundation
import LikenessRules

/// The checking service: validate, gather the facts, decide, store the receipt durably, answer.
/// The server runs it over its in-memory facts index, `likeness check` over the database.
public struct CheckService: Sendable {
    public let facts: any FactsSource
    public let receipts: ReceiptWriter
    public let clock: TimeSource

    public init(facts: any FactsSource, receipts: ReceiptWriter, clock: TimeSource) {
        self.facts = facts
        self.receipts = receipts
        self.clock = clock
    }

    /// Decides without storing anything, as of `now` (the benchmark measures this); with an
    /// `atLeast` token, on a state that holds its change.
    public func decide(_ input: CheckInput, now: Date) async throws -> CheckReceipt {
        let use = try input.validated(today: Day(now))
        if let token = try input.changeToken() { try await facts.reach(token) }
        return CheckReceipt(deciding: use, with: try await facts.facts(for: use), now: now)
    }

    /// Decides, stores the receipt and returns it with its JSON body once the receipt is durable.
    public func check(_ input: CheckInput, actor: String) async throws -> StoredReceipt {
        let stored = try await decide(input, now: clock.now()).stored(actor: actor)
        try await receipts.store([stored])
        return stored
    }

    /// Decides each use of a batch as it would be decided alone (an invalid one, or one naming an
    /// unknown id, gets the error it would get alone and stops nothing), stores every receipt in one
    /// group commit, and answers in order once all of them are durable.
    public func check(batch inputs: [Result<CheckInput, LikenessError>], actor: String) async throws -> [Result<StoredReceipt, LikenessError>] {
        let now = clock.now()
        var results: [Result<StoredReceipt, LikenessError>] = []
        results.reserveCapacity(inputs.count)
        for input in inputs {
            do {
                results.append(.success(try await decide(input.get(), now: now).stored(actor: actor)))
            } catch let error as LikenessError {
                results.append(.failure(error))
            }
        }
        try await receipts.store(results.lazy.compactMap { try? $0.get() })
        return results
    }
}
