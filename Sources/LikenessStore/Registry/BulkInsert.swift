/// What a bulk import logs for the facts index instead of one change per row: the largest rowid
/// of each registry table it writes, taken before it writes. An import only inserts (it refuses an
/// id that exists), and SQLite gives a new row a rowid above every row of its table, so the
/// import's rows are those above these marks. A running server reads just those rows, not the
/// whole registry again, and its memory does not hold two registries while it does.
struct BulkInsert: Equatable, Sendable {
    /// The tables an import writes, each with its largest rowid before the import (0: empty).
    var after: [String: Int64]

    static let tables = ["tool", "production", "performer", "role", "consent_grant", "approval"]

    /// The marks now: taken in the import's transaction, before its first row.
    static func marks(_ db: any SQLConnection) throws -> BulkInsert {
        var after: [String: Int64] = [:]
        for table in tables {
            after[table] = try db.row("SELECT coalesce(max(rowid), 0) AS mark FROM \(table)")?["mark"] ?? 0
        }
        return BulkInsert(after: after)
    }

    /// As logged in `registry_change.entity_id`: `tool>3 production>1000 …`.
    var logged: String {
        Self.tables.map { "\($0)>\(after[$0] ?? 0)" }.joined(separator: " ")
    }

    /// Reads what `logged` wrote; nil for anything else, such as the `import` logged by imports
    /// before the marks existed, which makes the index reload.
    init?(logged: String) {
        var after: [String: Int64] = [:]
        for mark in logged.split(separator: " ") {
            let parts = mark.split(separator: ">")
            guard parts.count == 2, Self.tables.contains(String(parts[0])), let rowid = Int64(parts[1]) else { return nil }
            after[String(parts[0])] = rowid
        }
        guard after.count == Self.tables.count else { return nil }
        self.after = after
    }

    init(after: [String: Int64]) { self.after = after }

    /// The marks that cover both imports: the lower mark of each table.
    func merged(with other: BulkInsert) -> BulkInsert {
        BulkInsert(after: after.merging(other.after, uniquingKeysWith: min))
    }
}
