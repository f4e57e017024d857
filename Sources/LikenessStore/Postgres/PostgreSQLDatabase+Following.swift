/// How the facts index follows a PostgreSQL database: reads on a snapshot, no probe (a refresh's
/// first query is the probe), the notifications of `LISTEN`, and full loads on one connection
/// (a second reader would share the server's cores with the first).
extension PostgreSQLDatabase {
    public func readLatest<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await snapshot(body)
    }

    public func newestChangeProbe() -> (@Sendable () throws -> Int64)? { nil }

    /// How long the listener waits before listening again after its connection failed.
    static let relistenAfter: Duration = .seconds(1)

    /// Listens again after a failed connection; each time it starts listening it calls `changed`
    /// once, for what committed while it was not.
    public func followCommittedChanges(_ changed: @Sendable @escaping () async -> Void) async {
        while !Task.isCancelled {
            try? await listenForRegistryChanges(listening: changed, changed: changed)
            try? await Task.sleep(for: Self.relistenAfter)
        }
    }

    public func readAlongside<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) -> (@Sendable () throws -> T)? { nil }
}
