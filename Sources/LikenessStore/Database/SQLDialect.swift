/// Where the SQL of the two backends differs, the text each one speaks.
public enum SQLDialect: Sendable {
    case sqlite, postgres

    /// A condition: the JSON array of strings in `column` holds `value` (an expression or `?`).
    func jsonArray(_ column: String, holds value: String) -> String {
        switch self {
        case .sqlite: "EXISTS (SELECT 1 FROM json_each(\(column)) WHERE value = \(value))"
        case .postgres: "EXISTS (SELECT 1 FROM jsonb_array_elements_text(\(column)::jsonb) WHERE value = \(value))"
        }
    }

    /// `LIKE` that ignores case: SQLite's `LIKE` does for ASCII; PostgreSQL's does not.
    var likeIgnoringCase: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgres: "ILIKE"
        }
    }
}
