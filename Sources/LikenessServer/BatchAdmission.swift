import Synchronization

/// Lets a few batches of checks be read, decided and stored at once; the others wait their turn,
/// first come first served, holding only their request's body. Deciding is CPU work: each batch in
/// flight holds a thousand receipts in memory, and beyond a few at once they made few more checks
/// per second.
final class BatchAdmission: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        precondition(limit > 0)
        self.limit = limit
    }

    /// Runs `body` once fewer than `limit` others run.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { s in
                guard s.running < limit else {
                    s.waiting.append(continuation)
                    return false
                }
                s.running += 1
                return true
            }
            if admitted { continuation.resume() }
        }
        defer {
            // The slot goes to the first waiting, or is freed.
            let next = state.withLock { s in
                if s.waiting.isEmpty {
                    s.running -= 1
                    return nil as CheckedContinuation<Void, Never>?
                }
                return s.waiting.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }
}
