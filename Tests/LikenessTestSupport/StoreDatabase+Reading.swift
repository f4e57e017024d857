import LikenessRules
import LikenessStore

/// Reading a test's database through the stores' own SQL, the same on either backend.
extension StoreDatabase {
    /// The first column of every row that `sql` returns.
    public func column<Value: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [],
                                                   as type: Value.Type = Value.self) async throws -> [Value] {
        try await snapshot { db in
            try db.rows(sql, arguments).map { row in
                guard let first = row.values.first, let value = Value(sqlValue: first) else {
                    throw LikenessError(.internal, "database-column", "the query returned \(row.values), not a \(Value.self) first")
                }
                return value
            }
        }
    }

    /// The first column of the first row that `sql` returns; nil when there is no row or it is NULL.
    public func value<Value: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [],
                                                  as type: Value.Type = Value.self) async throws -> Value? {
        try await snapshot { try $0.value(sql, arguments) }
    }
}
