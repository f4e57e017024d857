import Foundation
import LikenessRules
import LikenessStore
import Synchronization

/// A fresh, migrated database of one backend for one test, beside a temporary folder for the
/// files that go with it (key files, files to import): on SQLite a file in that folder; on
/// PostgreSQL a database of its own on the test server, dropped when this is deinitialised (or
/// sooner, by `drop`). At most `atOnce` of a backend exist at a time: the tests beyond wait their
/// turn here, so a test makes one at a time (tests that each held one and waited for a second
/// would wait for ever).
public final class TestDatabase: Sendable {
    public let backend: StorageBackend
    public let folder: TemporaryFolder
    /// The database as the stores and the server use it.
    public let store: any StoreDatabase
    /// What `--db` takes to name it: the SQLite file's path or the PostgreSQL database's URL.
    public let location: String
    /// On PostgreSQL, the database's name on the server.
    private let postgresName: String?
    /// The pools opened on the database (on PostgreSQL), nil once it is closed and its turn given.
    private let pools: Mutex<[PostgreSQLDatabase]?>
    private let turns: Turns

    /// Test databases of one backend at once. Swift Testing starts every test at once: on two
    /// cores, with some 250 servers on PostgreSQL connecting (TLS handshakes), importing and loading
    /// together, connections timed out (5 s), and timing tests (event deliveries) missed their
    /// deadlines.
    static let atOnce = 8
    private static let sqliteTurns = Turns(atOnce), postgresTurns = Turns(atOnce)

    public init(_ backend: StorageBackend) async throws {
        let turns = backend == .sqlite ? Self.sqliteTurns : Self.postgresTurns
        await turns.take()
        self.turns = turns
        self.backend = backend
        do {
            switch backend {
            case .sqlite:
                let file = try TempDatabase()
                folder = file.folder
                store = file.database
                location = file.path
                postgresName = nil
                pools = Mutex([])
            case .postgres:
                folder = try TemporaryFolder()
                let (name, url) = try await TestPostgres.createMigratedDatabase()
                let pool = try await Self.pool(url)
                store = pool
                location = url
                postgresName = name
                pools = Mutex([pool])
            }
        } catch {
            await turns.give()
            throw error
        }
    }

    /// Opens the database anew, as a restarted server does (on PostgreSQL, another pool).
    public func reopen() async throws -> any StoreDatabase {
        guard postgresName != nil else { return try SQLiteDatabase(path: location) }
        let pool = try await Self.pool(location)
        pools.withLock { $0?.append(pool) }
        return pool
    }

    /// Closes the database and gives its turn to the next test now; drops it on PostgreSQL (a
    /// SQLite file goes with its folder).
    public func drop() async throws {
        guard close() else { return }
        await turns.give()
        if let postgresName { try await TestPostgres.drop(postgresName) }
    }

    deinit {
        guard close() else { return }
        Task { [postgresName, turns] in
            await turns.give()
            if let postgresName { try await TestPostgres.drop(postgresName) }
        }
    }

    /// Closes the pools, and answers whether the database was still open.
    private func close() -> Bool {
        guard let open = pools.withLock({ pools in defer { pools = nil }; return pools }) else { return false }
        open.forEach { $0.close() }
        return true
    }

    /// A pool of a few connections: enough for a server's background work beside its requests.
    private static func pool(_ url: String) async throws -> PostgreSQLDatabase {
        try await PostgreSQLDatabase(address: PostgresAddress(url: url), connections: 8)
    }
}

extension TestDatabase {
    /// What the database holds, by place, as someone who reads its storage finds it: on SQLite the
    /// database file and its WAL as they are on disk (free pages too); on PostgreSQL, which keeps
    /// its files to itself, every value of every table (bytes as stored, anything else as text).
    public func storedBytes() async throws -> [(place: String, bytes: Data)] {
        switch backend {
        case .sqlite:
            return [location, location + "-wal"].map { file in
                (URL(fileURLWithPath: file).lastPathComponent, FileManager.default.contents(atPath: file) ?? Data())
            }
        case .postgres:
            return try await store.snapshot { db in
                let columns = try db.rows("""
                    SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, c.data_type::text AS data_type
                    FROM information_schema.columns c
                    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                    ORDER BY c.table_name, c.ordinal_position
                    """, [])
                var tables: [(name: String, columns: [String])] = []
                for column in columns {
                    let table: String = try column["table_name"], name: String = try column["column_name"], type: String = try column["data_type"]
                    let selected = type == "bytea" ? "\"\(name)\"" : "\"\(name)\"::text"
                    if tables.last?.name == table { tables[tables.count - 1].columns.append(selected) } else { tables.append((table, [selected])) }
                }
                // A search of no table would find nothing, and prove nothing.
                guard !tables.isEmpty else { throw LikenessError(.internal, "no-tables", "no table found in the current schema") }
                return try tables.map { table in
                    var bytes = Data()
                    for row in try db.rows("SELECT \(table.columns.joined(separator: ", ")) FROM \"\(table.name)\"", []) {
                        for value in row.values {
                            switch value {
                            case .text(let text): bytes.append(Data(text.utf8))
                            case .blob(let blob): bytes.append(blob)
                            case .null, .integer, .real: break
                            }
                        }
                    }
                    return (table.name, bytes)
                }
            }
        }
    }
}

/// A number of turns that tasks take and give back, the others waiting theirs in order.
actor Turns {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func take() async {
        guard free == 0 else {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
