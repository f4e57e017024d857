import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessServer
import LikenessStore

/// A server on a fresh database of one backend with the demo fixtures, driven in-process through
/// its router.
public final class TestServer: Sendable {
    public let storage: TestDatabase
    public let services: Services
    /// The key file of the attestations' signing key: where the CLI looks for it on SQLite (beside
    /// the database), in the database's folder on PostgreSQL.
    public let signingKeyPath: String
    public var database: any StoreDatabase { services.database }
    public var clock: TimeSource { services.clock }
    /// A folder of the test's own, for files the test writes.
    public var folder: URL { storage.folder.url }
    /// What the CLI's `--db` takes to work on this server's database.
    public var location: String { storage.location }
    /// What the CLI's commands that sign take to find the key file: nothing on SQLite (the
    /// default, beside the database); on PostgreSQL there is no file to stand beside.
    public var keyFileOptions: [String] { storage.backend == .sqlite ? [] : ["--keys", signingKeyPath] }

    /// Events are looked for every 20 ms and retried after 50 ms, then 100 ms, … (seconds in service).
    public init(_ backend: StorageBackend, fixtures: Bool = true, clock: TimeSource = .test()) async throws {
        storage = try await TestDatabase(backend)
        if fixtures { try await Fixtures.importDemo(into: storage.store) }
        signingKeyPath = backend == .sqlite ? SigningKeys.defaultPath(database: storage.location) : storage.folder.path("keys.json")
        services = try await Services(database: storage.store, signingKeyPath: signingKeyPath, issuer: "https://likeness.test", clock: clock,
                                      deliveryTiming: .init(poll: .milliseconds(20), firstRetry: .milliseconds(50)))
    }

    /// A session token for an account of `role` (named after the role).
    public func token(_ role: AccountRole) -> String {
        services.sessions.open(for: Identity(actor: role.rawValue, role: role), now: clock.now()).token
    }

    public func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: buildRouter(services: services))
        return try await app.test(.router, body)
    }
}
