import Foundation
import LikenessTestSupport
@testable import LikenessStore

/// A schema as lines of text that mean the same on either backend, read from the database's own
/// catalogue (SQLite's `sqlite_master` and pragmas, PostgreSQL's `pg_catalog` and
/// `information_schema`): one line per table, column, primary key, unique constraint, foreign key
/// and index. Types are mapped (SQLite's TEXT, INTEGER and BLOB are PostgreSQL's text,
/// integer or bigint, and bytea), defaults lose PostgreSQL's casts, and index expressions and
/// predicates are compared without parentheses, casts or case.
///
/// What the two backends do differently on purpose is not described but checked apart:
/// PostgreSQL's `rowid` identity columns stand for SQLite's implicit rowid, which the stores read
/// on some tables (`postgresRowidTables` must be rowid tables on SQLite); CHECK constraints and
/// triggers are compared by their effect (`SchemaEquivalenceTests`).
struct SchemaDescription: Equatable {
    var lines: Set<String> = []
    /// The tables and their columns in order (PostgreSQL's `rowid` left out).
    var columns: [String: [Column]] = [:]
    /// SQLite: the tables without a rowid.
    var withoutRowidTables: Set<String> = []
    /// PostgreSQL: the tables with a `rowid` identity column.
    var postgresRowidTables: Set<String> = []

    struct Column: Equatable {
        let name: String
        /// text, integer, bytes or real.
        let type: String
        /// Filled in when an insert leaves it out (SQLite's INTEGER PRIMARY KEY, PostgreSQL's identity).
        let generated: Bool
    }

    /// SQLite fills in any INTEGER PRIMARY KEY an insert leaves out; PostgreSQL generates only the
    /// keys the stores leave out. The stores give these ones themselves (the audit trail its next
    /// seq, the vault and the receipt codec their generation and dictionary number; the head of the
    /// audit trail, a bulk write's mark, the uses ledger's backfill mark and the use register's fold are always 1; a status
    /// list's number is the one after the last).
    static let keysOnlySQLiteGenerates: Set<String> = [
        "audit_entry.seq", "audit_head.id", "receipt_dictionary.id", "registry_bulk_write.marked", "vault_key.generation",
        "performer_use_backfill.id", "performer_use_folded.id", "performer_use_segment.segment", "status_list.list",
        "use_register_fold.id",
    ]

    /// What differs between two schemas' `lines` (or between two sets of `definitions`), one line
    /// each, for a failure's message; nil when nothing does.
    static func difference(_ first: Set<String>, _ second: Set<String>, names: (String, String) = ("SQLite", "PostgreSQL")) -> String? {
        guard first != second else { return nil }
        let width = max(names.0.count, names.1.count)
        func label(_ name: String) -> String { "only in \(name):" + String(repeating: " ", count: width - name.count) }
        let onlyFirst = first.subtracting(second).sorted().map { "  \(label(names.0)) \($0)" }
        let onlySecond = second.subtracting(first).sorted().map { "  \(label(names.1)) \($0)" }
        return (["the schemas differ:"] + onlyFirst + onlySecond).joined(separator: "\n")
    }

    static func read(_ database: any BackendDatabase, _ backend: StorageBackend) async throws -> SchemaDescription {
        switch backend {
        case .sqlite: try await sqlite(database)
        case .postgres: try await postgres(database)
        }
    }

    private static func sqlite(_ database: any BackendDatabase) async throws -> SchemaDescription {
        var schema = SchemaDescription()
        let tables = try await database.rows("""
            SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        for table in tables {
            let name = table[0]!
            schema.lines.insert("table \(name)")
            if table[1] == "1" { schema.withoutRowidTables.insert(name) }
        }
        let columns = try await database.rows("""
            SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk,
              (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0)
            FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY m.name, c.cid
            """)
        var primaryKeys: [String: [(Int, String)]] = [:]
        for row in columns {
            let (table, name, type) = (row[0]!, row[1]!, row[2]!.uppercased())
            let position = Int(row[5]!)!
            // An INTEGER PRIMARY KEY of a rowid table is the rowid: never NULL, filled in when left out.
            let isRowid = type == "INTEGER" && position == 1 && row[6] == "1" && !schema.withoutRowidTables.contains(table)
            let generated = isRowid && !keysOnlySQLiteGenerates.contains("\(table).\(name)")
            let mapped = switch type {
            case "TEXT": "text"
            case "INTEGER": "integer"
            case "BLOB": "bytes"
            case "REAL": "real"
            default: type.lowercased()
            }
            schema.add(table, Column(name: name, type: mapped, generated: generated), notNull: row[3] == "1" || isRowid, default: row[4])
            if position > 0 { primaryKeys[table, default: []].append((position, name)) }
        }
        for (table, keys) in primaryKeys {
            schema.lines.insert("primary key \(table)(\(keys.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ",")))")
        }
        let uniques = try await database.rows("""
            SELECT m.name, (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno))
            FROM sqlite_master m, pragma_index_list(m.name) i WHERE m.type = 'table' AND i.origin = 'u'
            """)
        for row in uniques { schema.lines.insert("unique \(row[0]!)(\(row[1]!))") }
        let foreignKeys = try await database.rows("""
            SELECT m.name, f.id, f."from", f."table", f."to", f.on_update, f.on_delete
            FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq
            """)
        for key in Dictionary(grouping: foreignKeys, by: { "\($0[0]!) \($0[1]!)" }).values {
            let first = key[0]
            schema.lines.insert(foreignKey(table: first[0]!, columns: key.map { $0[2]! }, references: first[3]!,
                                           referenced: key.map { $0[4] ?? "(its primary key)" }, onUpdate: first[5]!, onDelete: first[6]!))
        }
        for row in try await database.rows("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL") {
            schema.lines.insert(index(table: row[0]!, name: row[1]!, definition: row[2]!))
        }
        return schema
    }

    private static func postgres(_ database: any BackendDatabase) async throws -> SchemaDescription {
        var schema = SchemaDescription()
        let columns = try await database.rows("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text, c.column_default::text,
              c.is_identity::text, c.identity_generation::text,
              EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                      WHERE k.conrelid = quote_ident(c.table_name)::regclass AND k.contype = 'u'
                        AND cardinality(k.conkey) = 1 AND a.attname = c.column_name)::text
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
        for row in columns {
            let (table, name, type) = (row[0]!, row[1]!, row[2]!)
            schema.lines.insert("table \(table)")
            // The rowid SQLite has implicitly, where the stores read it: always generated, unique.
            if name == "rowid" && type == "bigint" && row[5] == "YES" && row[6] == "ALWAYS" && row[7] == "true" {
                schema.postgresRowidTables.insert(table)
                continue
            }
            let mapped = switch type {
            case "text": "text"
            case "integer", "bigint", "smallint": "integer"
            case "bytea": "bytes"
            case "double precision", "real": "real"
            default: type
            }
            let defaultValue = row[4].map { $0.replacingOccurrences(of: #"::[a-z_]+"#, with: "", options: .regularExpression) }
            schema.add(table, Column(name: name, type: mapped, generated: row[5] == "YES"), notNull: row[3] == "NO", default: defaultValue)
        }
        let constraints = try await database.rows("""
            SELECT c.conrelid::regclass::text, c.contype::text,
              (SELECT string_agg(a.attname::text, ',' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
              c.confrelid::regclass::text,
              (SELECT string_agg(a.attname::text, ',' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n),
              c.confupdtype::text, c.confdeltype::text
            FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
            """)
        let actions = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]
        for row in constraints {
            let (table, kind, columns) = (row[0]!, row[1]!, row[2]!)
            switch kind {
            case "p": schema.lines.insert("primary key \(table)(\(columns))")
            case "u" where columns == "rowid" && schema.postgresRowidTables.contains(table): break
            case "u": schema.lines.insert("unique \(table)(\(columns))")
            default:
                schema.lines.insert(foreignKey(table: table, columns: columns.split(separator: ",").map(String.init), references: row[3]!,
                                               referenced: row[4]!.split(separator: ",").map(String.init),
                                               onUpdate: actions[row[5]!]!, onDelete: actions[row[6]!]!))
            }
        }
        let indexes = try await database.rows("""
            SELECT t.relname::text, i.relname::text, pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))
            """)
        for row in indexes { schema.lines.insert(index(table: row[0]!, name: row[1]!, definition: row[2]!)) }
        return schema
    }

    /// Every definition as the backend writes it back (tables, indexes and triggers on SQLite;
    /// constraints, triggers, functions, indexes and columns with their collations on PostgreSQL),
    /// for two databases of one backend, which must match to the letter. SQLite keeps a table's
    /// text as it was written and edits it in place (`ALTER TABLE` adds a column before its last
    /// parenthesis): runs of spaces, spaces beside parentheses and commas, and quotes go.
    static func definitions(_ database: any BackendDatabase, _ backend: StorageBackend) async throws -> Set<String> {
        switch backend {
        case .sqlite:
            let rows = try await database.rows("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            return Set(rows.map { row in
                let sql = row[2]!.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
                    .replacingOccurrences(of: #" ?([(),]) ?"#, with: "$1", options: .regularExpression)
                    .replacingOccurrences(of: "\"", with: "")
                return "\(row[0]!) \(row[1]!): \(sql)"
            })
        case .postgres:
            let rows = try await database.rows("""
                SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname::text || ': ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
                UNION ALL
                SELECT 'trigger ' || t.tgname::text || ': ' || pg_get_triggerdef(t.oid)
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
                UNION ALL
                SELECT 'function ' || p.proname::text || ': ' || pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
                UNION ALL
                SELECT 'index ' || x.indexrelid::regclass::text || ': ' || pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid WHERE c.relnamespace = current_schema()::regnamespace
                UNION ALL
                SELECT 'column ' || table_name::text || '.' || column_name::text || ': ' || data_type::text || ' '
                  || coalesce(collation_name::text, '-') || ' ' || coalesce(column_default::text, '-') || ' ' || is_nullable::text
                  || ' ' || is_identity::text || ' ' || coalesce(identity_generation::text, '-')
                FROM information_schema.columns WHERE table_schema = current_schema()
                """)
            return Set(rows.map { $0[0]! })
        }
    }

    private mutating func add(_ table: String, _ column: Column, notNull: Bool, default defaultValue: String?) {
        let position = columns[table, default: []].count + 1
        columns[table, default: []].append(column)
        lines.insert("column \(table).\(column.name) #\(position): \(column.type)" + (notNull ? " not null" : "")
                     + (defaultValue.map { " default \($0)" } ?? "") + (column.generated ? " generated" : ""))
    }

    private static func foreignKey(table: String, columns: [String], references: String, referenced: [String], onUpdate: String, onDelete: String) -> String {
        "foreign key \(table)(\(columns.joined(separator: ","))) references \(references)(\(referenced.joined(separator: ",")))"
            + " on update \(onUpdate.lowercased()) on delete \(onDelete.lowercased())"
    }

    /// `CREATE [UNIQUE] INDEX name ON [schema.]table [USING method] (columns) [WHERE predicate]`,
    /// as either backend writes it, as one line.
    private static func index(table: String, name: String, definition: String) -> String {
        let unique = definition.uppercased().hasPrefix("CREATE UNIQUE")
        guard let on = definition.range(of: " ON "), let open = definition[on.upperBound...].firstIndex(of: "(") else {
            return "index \(name) on \(table): unreadable definition \(definition)"
        }
        var depth = 0, close = open
        for position in definition[open...].indices {
            if definition[position] == "(" { depth += 1 } else if definition[position] == ")" { depth -= 1 }
            if depth == 0 { close = position; break }
        }
        let columns = normalised(definition[definition.index(after: open)..<close])
        let rest = definition[definition.index(after: close)...].trimmingCharacters(in: .whitespaces)
        let predicate = rest.uppercased().hasPrefix("WHERE ") ? normalised(rest.dropFirst("WHERE ".count)) : nil
        return "index \(name) on \(table)(\(columns))" + (unique ? " unique" : "") + (predicate.map { " where \($0)" } ?? "")
    }

    /// An expression without parentheses, PostgreSQL's casts (`::text`), case or runs of spaces.
    private static func normalised(_ expression: Substring) -> String {
        expression.replacingOccurrences(of: #"::[a-z_]+"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "[()]", with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\s*,\s*"#, with: ",", options: .regularExpression)
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
            .lowercased()
    }
}
