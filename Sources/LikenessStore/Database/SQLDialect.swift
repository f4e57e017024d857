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

    /// The end of a `SELECT` that locks the rows it reads until the transaction ends, against
    /// writers of other transactions: PostgreSQL's row locks (`FOR UPDATE`, or `FOR SHARE` when
    /// `shared`); SQLite has one writer at a time and none.
    func locking(shared: Bool = false) -> String {
        switch self {
        case .sqlite: ""
        case .postgres: shared ? " FOR SHARE" : " FOR UPDATE"
        }
    }
}
