import Foundation
import LikenessRules
import LikenessStore

/// Checks: one use decided and its receipt stored (durable before the answer), a batch decided as
/// each would be alone, and a what-if decided and stored nowhere.
public struct CheckOperations: Sendable {
    public let service: CheckService
    let clock: TimeSource

    public init(service: CheckService, clock: TimeSource) {
        self.service = service
        self.clock = clock
    }

    public func check(_ input: CheckInput, by caller: Identity) async throws -> StoredReceipt {
        try caller.require(.check)
        return try await service.check(input, actor: caller.actor)
    }

    /// The results in order; a use that cannot be read or decided is a failure in its place.
    public func check(batch inputs: [Result<CheckInput, LikenessError>], by caller: Identity) async throws -> [Result<StoredReceipt, LikenessError>] {
        try caller.require(.check)
        return try await service.check(batch: inputs, actor: caller.actor)
    }

    /// The decision a check would get now, with no receipt stored.
    public func whatIf(_ input: CheckInput, by caller: Identity) async throws -> CheckReceipt {
        try caller.require(.whatIf)
        return try await service.decide(input, now: clock.now())
    }
}
