import Foundation
import LikenessRules
import Synchronization

/// How fresh the facts held are: a check trusts them only within `trustedFor` of a read of the
/// change log, and never while a change seen is not applied.
extension FactsIndex {
    /// Reads the newest change for a check that found the index stale, or waits for a read that
    /// began since `trustedSince`.
    func confirm(trustedSince: ContinuousClock.Instant) async throws {
        let read = confirming.withLock { current in
            if let current, current.began >= trustedSince { return current.read }
            let began = ContinuousClock.now
            let read = Task { [self] in
                let newest = try await database.snapshot { try ChangeLog.newest($0) }
                saw(newest.seq, readFrom: began)
            }
            current = (began, read)
            return read
        }
        try await read.value
    }

    /// Notes the newest change a read of the log that began at `began` found.
    func saw(_ newest: Int64, readFrom began: ContinuousClock.Instant) {
        state.withLock { s in
            s.seenSeq = max(s.seenSeq, newest)
            s.confirmedAt = max(s.confirmedAt, began)
        }
    }

    /// Once the change of `token` is seen, checks read the database until the index has applied
    /// it (as for any change seen before it is applied): a check that sends a token waits for one
    /// read of the log at most, never for the index to catch up.
    public func reach(_ token: ChangeToken) async throws {
        if state.withLock({ $0.seenSeq >= token.seq }) { return }
        let began = ContinuousClock.now
        let newest = try await ChangeLog.require(token, in: database)
        saw(newest.seq, readFrom: began)
    }
}
