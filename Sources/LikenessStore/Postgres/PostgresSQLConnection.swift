import Foundation
import LikenessRules
import Logging
import PostgresNIO

/// A PostgreSQL connection inside a transaction, used synchronously by the stores' SQL from a
/// thread that is not one of the connection's event loops (`PostgreSQLDatabase` runs each
/// transaction's body on a Dispatch thread and waits there for each statement's answer).
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws {
        _ = try connection.query(Self.query(sql, arguments), logger: logger).wait()
    }

    func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
        let result = try connection.query(Self.query(sql, arguments), logger: logger).wait()
        // Every row of a result has the same columns: their names are made once and shared.
        var columns: [String]?
        return try result.map { row in
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for cell in row { values.append(try Self.value(cell)) }
            let names = columns ?? row.map(\.columnName)
            columns = names
            return SQLRow(columns: names, values: values)
        }
    }

    /// Whether PostgreSQL refused a statement for a constraint (SQLSTATE class 23).
    static func isConstraintViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState]?.hasPrefix("23") ?? false
    }

    func lockForAppending(_ log: AppendLog) throws {
        try execute("SELECT pg_advisory_xact_lock(?)", [log.rawValue])
    }

    /// The statement with its `?` numbered as PostgreSQL's `$1`, `$2`… (a `?` inside a quoted
    /// string stays), and its arguments bound.
    static func query(_ sql: String, _ arguments: [any SQLValueConvertible]) -> PostgresQuery {
        var numbered = "", index = 0, inQuote = false
        numbered.reserveCapacity(sql.utf8.count + 8)
        for character in sql {
            if character == "'" { inQuote.toggle() }
            if character == "?" && !inQuote {
                index += 1
                numbered += "$\(index)"
            } else {
                numbered.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: numbered, binds: bindings)
    }

    /// A cell as the stores read it: integers (booleans as 0 and 1), reals, text and bytes.
    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea: return .blob(Data((try cell.decode(ByteBuffer.self)).readableBytesView))
        case .text, .varchar, .bpchar, .name: return .text(try cell.decode(String.self))
        default:
            throw LikenessError(.internal, "database-column", "column \(cell.columnName) is of a type the stores do not read (\(cell.dataType))")
        }
    }
}
