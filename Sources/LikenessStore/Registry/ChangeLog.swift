import LikenessRules

/// The registry's change log, `registry_change`: triggers on every registry table append to it,
/// whoever writes. Its newest change is the change token of a state.
public enum ChangeLog {
    static let newestQuery = "SELECT coalesce(max(seq), 0) AS newest FROM registry_change"

    /// The newest change `db` sees: on a transaction that wrote, its own last change.
    public static func newest(_ db: any SQLConnection) throws -> ChangeToken {
        ChangeToken(seq: try db.row(newestQuery)?["newest"] ?? 0)
    }

    /// Throws `ChangeToken.unknown` unless `database` has committed the change of `token`.
    static func require(_ token: ChangeToken, in database: any StoreDatabase) async throws -> ChangeToken {
        let committed = try await database.snapshot { try newest($0) }
        guard committed >= token else { throw ChangeToken.unknown(token) }
        return committed
    }
}
