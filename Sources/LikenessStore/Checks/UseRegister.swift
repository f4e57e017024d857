import Foundation
import LikenessRules

/// One line of a production's use register: the stored checks of one kind of use.
public struct UseRegisterEntry: Codable, Sendable, Equatable {
    public var use: Use
    public var destination: Destination
    public var tool: String?
    public var performer: String?
    public var decision: Decision
    /// How many checks.
    public var checks: Int
    /// The days of the first and the last of them.
    public var first: Day
    public var last: Day
}

/// What a production has shared with its studio contact: every stored check whose day of use
/// falls in the window, grouped by use, destination, tool, performer and decision, in that order.
/// What-if checks are never stored, so never here.
public struct UseRegister: Codable, Sendable, Equatable {
    public var production: String
    public var since: Day
    public var until: Day
    public var entries: [UseRegisterEntry]

    /// The default window: the 30 days up to `today`, inclusive.
    public static func window(since: Day?, until: Day?, today: Day) -> (since: Day, until: Day) {
        let until = until ?? today
        return (since ?? max(until.adding(days: -29), .earliest), until)
    }

    /// The register's columns, the entries' field names, for CSV.
    public static let columns = ["use", "destination", "tool", "performer", "decision", "checks", "first", "last"]

    /// What the register counts a stored check under: its production, day of use and kind of use.
    struct Key: Hashable {
        let production: String
        let at: Day
        let use: Use
        let destination: Destination
        let tool: String?
        let performer: String?
        let decision: Decision

        init(_ receipt: CheckReceipt) {
            let request = receipt.request
            production = request.production
            at = request.at
            use = request.use
            destination = request.destination
            tool = request.tool
            performer = request.performer
            decision = receipt.decision
        }

        /// The log row adding `checks` to the key's count ("" for no tool or performer: a column of
        /// the register's key cannot be null).
        func logRow(checks: Int) -> RowInsert {
            RowInsert(UseRegister.logShape, values: [
                .text(production), .text(at.description), .text(use.rawValue), .text(destination.rawValue), .text(tool ?? ""),
                .text(performer ?? ""), .text(decision.rawValue), .integer(Int64(checks)),
            ])
        }
    }

    static let logShape = RowInsert.Shape(table: "use_register_log",
                                          columns: ["production", "at", "use", "destination", "tool", "performer", "decision", "checks"])

    /// The receipt writer folds the log into the register once it holds this many rows.
    static let foldAt: Int64 = 20_000

    /// The register's key, in its order.
    static let keyColumnNames = ["production", "at", "use", "destination", "tool", "performer", "decision"]
    static let keyColumns = keyColumnNames.joined(separator: ", ")

    /// The log's rows that no fold under way holds in the register yet (`RegisterFold`; on
    /// PostgreSQL, whose folds are whole, every row).
    static let unfolded = """
        NOT EXISTS (SELECT 1 FROM use_register_fold AS f WHERE use_register_log.rowid <= f.through
          AND (\(keyColumnNames.map { "use_register_log." + $0 }.joined(separator: ", ")))
           <= (\(keyColumnNames.map { "f." + $0 }.joined(separator: ", "))))
        """

    /// Adds the log's counts to the register and empties the log, in one transaction. On SQLite
    /// (one writer) the statements see the whole log and nothing else changes it meanwhile; the
    /// server's receipt writer folds it a chunk per transaction instead (`RegisterFold`), whose
    /// rows folded already this fold leaves out, and whose record it drops (that fold gives up).
    /// On PostgreSQL, where writers commit side by side, one statement moves the rows it deletes: a
    /// row another writer commits meanwhile stays in the log, counted once.
    static func fold(_ db: any SQLConnection) throws {
        let columns = keyColumns
        switch db.dialect {
        case .sqlite:
            try db.execute("""
                INSERT INTO use_register (\(columns), checks)
                  SELECT \(columns), checks FROM use_register_log WHERE \(unfolded) ORDER BY \(columns)
                  ON CONFLICT DO UPDATE SET checks = checks + excluded.checks
                """, [])
            try db.execute("DELETE FROM use_register_log", [])
            try db.execute("DELETE FROM use_register_fold", [])
        case .postgres:
            // One row per key (an upsert may not touch a row twice), in the key's order (two
            // folds wait for each other's rows in one order, never in a cycle).
            try db.execute("""
                WITH moved AS (DELETE FROM use_register_log RETURNING \(columns), checks)
                INSERT INTO use_register (\(columns), checks)
                  SELECT \(columns), sum(checks) FROM moved GROUP BY \(columns) ORDER BY \(columns)
                  ON CONFLICT (\(columns)) DO UPDATE SET checks = use_register.checks + excluded.checks
                """, [])
        }
    }

    /// Reads the counts the receipt writer keeps (the register and its log), never a receipt; 404
    /// for an unknown production.
    public static func read(production: String, since: Day, until: Day, _ db: any SQLConnection) throws -> UseRegister {
        try Registry.requireExists(Production.self, production, "production", field: "production", db)
        guard since <= until else {
            throw LikenessError.invalid("since", "since (\(since)) is after until (\(until))", code: "invalid-range")
        }
        let window: [any SQLValueConvertible] = [production, since.description, until.description]
        let rows = try db.rows("""
            SELECT use, destination, tool, performer, decision, CAST(sum(checks) AS BIGINT) AS checks, min(at) AS first, max(at) AS last
            FROM (SELECT use, destination, tool, performer, decision, checks, at FROM use_register
                  WHERE production = ? AND at BETWEEN ? AND ?
                  UNION ALL
                  SELECT use, destination, tool, performer, decision, checks, at FROM use_register_log
                  WHERE production = ? AND at BETWEEN ? AND ? AND \(unfolded)) AS counted
            GROUP BY use, destination, tool, performer, decision
            ORDER BY use, destination, tool, performer, decision
            """, window + window)
        let entries = try rows.map { row in
            guard let use = Use(rawValue: try row["use"]), let destination = Destination(rawValue: try row["destination"]),
                  let decision = Decision(rawValue: try row["decision"]), let first = Day(try row["first"] as String),
                  let last = Day(try row["last"] as String)
            else { throw LikenessError(.internal, "corrupt-row", "a check of production \(production) cannot be read back") }
            let tool: String = try row["tool"], performer: String = try row["performer"]
            return UseRegisterEntry(use: use, destination: destination, tool: tool.isEmpty ? nil : tool,
                                    performer: performer.isEmpty ? nil : performer,
                                    decision: decision, checks: try row["checks"], first: first, last: last)
        }
        return UseRegister(production: production, since: since, until: until, entries: entries)
    }

    /// The entries as CSV (RFC 4180), with a header row of the entries' field names.
    public var csv: String {
        var lines = [Self.columns.joined(separator: ",")]
        for e in entries {
            let fields = [e.use.rawValue, e.destination.rawValue, e.tool ?? "", e.performer ?? "", e.decision.rawValue,
                          String(e.checks), e.first.description, e.last.description]
            lines.append(fields.map(Self.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. The bytes
    /// are scanned, not the characters: all four are ASCII, and a statement quotes 110,000 fields.
    public static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
