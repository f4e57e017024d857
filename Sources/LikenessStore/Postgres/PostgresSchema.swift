import Foundation
import LikenessRules
import PostgresNIO

/// The schema on PostgreSQL: the migrations of `Migrations/postgres/`, applied by
/// `MigrationLedger` (see `PostgreSQLDatabase.migrate`), and the names its SQL shares with the code.
enum PostgresSchema {
    /// The channel on which every commit that logs a registry change notifies (`LISTEN`).
    static let changeChannel = "likeness_registry_change"

    /// The advisory lock that serialises migrations (several servers may start at once).
    static let migrationLock: Int64 = 0x4C_494B_454E_0001
    /// The advisory lock every registry change takes before it logs itself (`likeness_track_change`
    /// in 0001-baseline.sql spells it as a number): changes then commit in the order of their `seq`,
    /// so that a reader of `registry_change WHERE seq > last` never passes over a change that
    /// commits later with a smaller number.
    static let registryLock: Int64 = AppendLog.registry.rawValue

    /// The statements of a migration's SQL, one by one. PostgresNIO speaks only the extended query
    /// protocol, which parses one statement per query (its `simpleQuery` sends that too); the
    /// simple-query protocol, which takes a whole script, it does not send. Split at each `;`
    /// outside a string (`'…'`, `E'…'` with its backslash escapes), a quoted identifier (`"…"`), a
    /// dollar-quoted body (`$$…$$`, `$tag$…$tag$`), a line comment (`--`) or a block comment
    /// (`/* … */`, nested as PostgreSQL nests them).
    static func statements(in sql: String) -> [String] {
        let text = Array(sql.unicodeScalars)
        var statements: [String] = []
        var start = 0, i = 0
        func at(_ index: Int) -> Unicode.Scalar? { index < text.count ? text[index] : nil }
        func flush(_ end: Int) {
            let statement = String(String.UnicodeScalarView(text[start..<end])).trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
        }
        while let c = at(i) {
            switch c {
            case "'", "\"":
                // A doubled quote stands for itself; an E'…' string also escapes with a backslash.
                let escapes = c == "'" && i > 0 && (text[i - 1] == "E" || text[i - 1] == "e")
                i += 1
                while let d = at(i) {
                    if escapes && d == "\\" { i += 2; continue }
                    if d == c { if at(i + 1) == c { i += 2; continue } else { break } }
                    i += 1
                }
                i += 1
            case "-" where at(i + 1) == "-":
                while let d = at(i), d != "\n" { i += 1 }
            case "/" where at(i + 1) == "*":
                var depth = 0
                repeat {
                    if at(i) == "/" && at(i + 1) == "*" { depth += 1; i += 2 }
                    else if at(i) == "*" && at(i + 1) == "/" { depth -= 1; i += 2 }
                    else { i += 1 }
                } while depth > 0 && i < text.count
            case "$":
                // `$tag$` (a tag is a letter or `_`, then letters, digits or `_`) opens a body that
                // the same `$tag$` closes; `$1` and the like are parameters, not quotes.
                var j = i + 1
                while let d = at(j), d == "_" || d.properties.isAlphabetic || (j > i + 1 && ("0"..."9").contains(d)) { j += 1 }
                guard at(j) == "$" else { i += 1; continue }
                let tag = Array(text[i...j])
                i = j + 1
                while i < text.count && !(text[i] == "$" && Array(text[i..<min(i + tag.count, text.count)]) == tag) { i += 1 }
                i += tag.count
            case ";":
                flush(i)
                i += 1
                start = i
            default:
                i += 1
            }
        }
        flush(min(i, text.count))
        return statements
    }
}

extension PostgresSQLConnection: MigrationConnection {
    static let ledgerTableSQL = """
        CREATE TABLE IF NOT EXISTS migration_ledger (
          id TEXT COLLATE "C" PRIMARY KEY,
          checksum TEXT COLLATE "C" NOT NULL CHECK (length(checksum) = 64),
          applied_at TEXT COLLATE "C" NOT NULL
        )
        """

    /// Releases up to 76e10fa recorded their migrations in `schema_migration`.
    static let legacyLedger = LegacyLedger(table: "schema_migration", idColumn: "id", lastRelease: [
        "v1-likeness", "v2-change-notify", "v3-login-failures", "v4-byte-order", "v5-login-attempts",
    ])

    /// Servers starting together wait for each other here, each step in turn.
    func lockMigrations() throws {
        try execute("SELECT pg_advisory_xact_lock(?)", [PostgresSchema.migrationLock])
    }

    func tableExists(_ name: String) throws -> Bool {
        let tables: Int = try value("""
            SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?
            """, [name]) ?? 0
        return tables > 0
    }

    /// Each statement as it stands: a migration's SQL may hold a `?` (a JSON operator), which
    /// `execute` would take for a parameter.
    func runMigration(_ sql: String) throws {
        for statement in PostgresSchema.statements(in: sql) {
            _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
        }
    }
}
