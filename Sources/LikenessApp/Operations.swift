import Crypto
import Foundation
import LikenessRules
import LikenessStore

/// The use cases of the registry, the studio's loop and the checks' records, each one function
/// that takes the acting account and does access, validation, the change, its audit entry and its
/// events in one place. The API's controllers, the web app's pages and the CLI's commands call
/// these and only translate (HTTP, forms, arguments).
public struct Operations: Sendable {
    public let database: any StoreDatabase
    public let clock: TimeSource
    /// Runs after each committed registry change, with its change token: the server's facts index
    /// catches up and the answer carries the token; the CLI needs nothing.
    let committed: @Sendable (ChangeToken) async -> Void
    /// Seals an invitation's code while its mail waits (the key file's webhook key); nil where no
    /// key file is at hand, and then an invitation with an address is refused.
    let mailSealing: SymmetricKey?

    public init(database: any StoreDatabase, clock: TimeSource, mailSealing: SymmetricKey? = nil,
                committed: @escaping @Sendable (ChangeToken) async -> Void = { _ in }) {
        self.database = database
        self.clock = clock
        self.mailSealing = mailSealing
        self.committed = committed
    }

    /// A registry change in one transaction; once it has committed, `committed` learns its token.
    func change<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        let (result, token) = try await database.transaction { db in (try body(db), try ChangeLog.newest(db)) }
        await committed(token)
        return result
    }

    /// A read of the registry, after the caller's permission is checked.
    func read<T: Sendable>(_ permission: Permission, by caller: Identity,
                           _ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try caller.require(permission)
        return try await database.snapshot(body)
    }
}
