import Foundation
import LikenessRules

/// One line of a performer's uses ledger: a stored check that named them.
public struct PerformerUse: Codable, Sendable, Equatable {
    public var id: String
    public var production: String
    public var use: Use
    public var aspects: [Aspect]
    public var destination: Destination
    public var territory: String?
    public var tool: String?
    public var decision: Decision
    public var at: Day
    /// As the receipt says it (RFC 3339).
    public var decidedAt: String
    public var grants: [String]
}

/// One page of a performer's uses ledger, newest first; `next` names the check to page on from.
public struct PerformerUsesPage: Codable, Sendable, Equatable {
    public var performer: String
    public var since: Day
    public var until: Day
    public var checks: [PerformerUse]
    public var next: String?

    /// The ledger's columns, the entries' field names, for CSV.
    public static let columns = ["id", "production", "use", "aspects", "destination", "territory", "tool", "decision", "at",
                                 "decidedAt", "grants"]

    /// The rows as CSV (RFC 4180), with a header row of the field names; sets `;`-separated.
    public var csv: String {
        var lines = [Self.columns.joined(separator: ",")]
        for c in checks {
            let fields = [c.id, c.production, c.use.rawValue, c.aspects.map(\.rawValue).joined(separator: ";"), c.destination.rawValue,
                          c.territory ?? "", c.tool ?? "", c.decision.rawValue, c.at.description, c.decidedAt,
                          c.grants.joined(separator: ";")]
            lines.append(fields.map(UseRegister.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// The performers' uses ledger: every stored check that named a performer, filed by performer and
/// day of use in `performer_use`, off the check path. On SQLite (one writer, receipts committed in
/// rowid order) nothing is written per check beyond the receipt's own day and tool: the writer
/// folds the receipts past the ledger's mark (`performer_use_folded`) into it once `foldAt` of
/// them wait, and a read takes the ledger and that short tail of receipts. On PostgreSQL (writers
/// commit side by side, so a mark could pass a receipt not yet committed) each commit appends its
/// lines to a log, folded as the use register's log is; a read takes the ledger and the log.
public enum PerformerUses {
    static let logShape = RowInsert.Shape(table: "performer_use_log",
                                          columns: ["performer", "at", "decided_at", "check_id", "production", "tool"])

    /// The receipt writer folds the log, or the receipts past the mark, once this many wait.
    static let foldAt: Int64 = 20_000

    /// The log row of a stored check that names a performer; nil when it names none.
    static func logRow(_ receipt: CheckReceipt, decidedAt: SQLValue, id: SQLValue, production: SQLValue, tool: SQLValue) -> RowInsert? {
        guard let performer = receipt.request.performer else { return nil }
        return RowInsert(logShape, values: [.text(performer), .text(receipt.request.at.description), decidedAt, id, production, tool])
    }

    /// How many receipts wait past the ledger's mark (SQLite).
    static func receiptsToFold(_ db: any SQLConnection) throws -> Int64 {
        try db.value("SELECT coalesce(max(rowid), 0) - \(mark) FROM check_receipt") ?? 0
    }

    /// Files the receipts past the mark that named a performer in the ledger, and moves the mark to
    /// the last receipt, in the receipts' transaction (SQLite: its one writer commits in rowid order).
    static func foldReceipts(_ db: any SQLConnection) throws {
        try db.execute("""
            INSERT OR IGNORE INTO performer_use (performer, at, decided_at, check_id, production, tool)
              SELECT performer, at, decided_at, id, production, tool FROM check_receipt
              WHERE rowid > \(mark) AND performer IS NOT NULL AND at IS NOT NULL
            """, [])
        try db.execute("""
            INSERT INTO performer_use_folded (id, through) SELECT 1, coalesce(max(rowid), 0) FROM check_receipt WHERE true
            ON CONFLICT (id) DO UPDATE SET through = excluded.through
            """, [])
    }

    /// The last receipt the ledger holds, as SQL (0 before the first fold).
    static let mark = "coalesce((SELECT through FROM performer_use_folded WHERE id = 1), 0)"

    /// The sources a read takes, each as `(table, its check id column, a condition of its own)`:
    /// the ledger, its log, and (SQLite) the receipts past the mark.
    static func sources(_ db: any SQLConnection) -> [(table: String, id: String, only: String)] {
        var sources = [("performer_use", "check_id", "true"), ("performer_use_log", "check_id", "true")]
        if db.dialect == .sqlite {
            sources.append(("check_receipt", "id", "rowid > \(mark) AND at IS NOT NULL"))
        }
        return sources
    }

    /// Moves the log's rows into the ledger, in the receipts' transaction (see `UseRegister.fold`
    /// for why each backend's statement is safe beside other writers).
    static func fold(_ db: any SQLConnection) throws {
        let columns = "performer, at, decided_at, check_id, production, tool"
        switch db.dialect {
        case .sqlite:
            try db.execute("INSERT OR IGNORE INTO performer_use (\(columns)) SELECT \(columns) FROM performer_use_log ORDER BY rowid", [])
            try db.execute("DELETE FROM performer_use_log", [])
        case .postgres:
            try db.execute("""
                WITH moved AS (DELETE FROM performer_use_log RETURNING \(columns))
                INSERT INTO performer_use (\(columns)) SELECT \(columns) FROM moved ORDER BY performer, at, decided_at, check_id
                ON CONFLICT DO NOTHING
                """, [])
        }
    }

    /// The default window: from 90 days before `until` (default: `today`) up to it, inclusive.
    public static func window(since: Day?, until: Day?, today: Day) -> (since: Day, until: Day) {
        let until = until ?? today
        return (since ?? max(until.adding(days: -90), .earliest), until)
    }

    /// One page of `performer`'s ledger in the window, newest first (by day of use, then time of
    /// decision), `limit` checks after the check `before` (from the newest when nil).
    public static func page(performer: String, since: Day, until: Day, limit: Int, before: String?, codec: ReceiptCodec,
                            _ db: any SQLConnection) throws -> PerformerUsesPage {
        try Registry.requireExists(Performer.self, performer, "performer", field: "performer", db)
        guard since <= until else {
            throw LikenessError.invalid("since", "since (\(since)) is after until (\(until))", code: "invalid-range")
        }
        let condition = "performer = ? AND at BETWEEN ? AND ?"
        let arguments: [any SQLValueConvertible] = [performer, since.description, until.description]
        let sources = sources(db)
        var cursor: (at: String, decidedAt: String)?
        if let before {
            for source in sources where cursor == nil {
                if let row = try db.row("""
                    SELECT at, decided_at FROM \(source.table) WHERE performer = ? AND \(source.id) = ? AND \(source.only)
                    """, [performer, before]) { cursor = (try row["at"], try row["decided_at"]) }
            }
            guard cursor != nil else { throw LikenessError.notFound("check of this performer", before, field: "before") }
        }
        // Each source read newest first up to the page (the ledger by its key, the log and the
        // receipts past the mark, which are short, by a scan), merged here.
        var keys: [(at: String, decidedAt: String, id: String)] = []
        for source in sources {
            var sql = "SELECT at, decided_at, \(source.id) AS check_id FROM \(source.table) WHERE \(condition) AND \(source.only)"
            var values = arguments
            if let cursor, let before {
                sql += " AND (at < ? OR (at = ? AND (decided_at < ? OR (decided_at = ? AND \(source.id) < ?))))"
                values += [cursor.at, cursor.at, cursor.decidedAt, cursor.decidedAt, before]
            }
            sql += " ORDER BY at DESC, decided_at DESC, \(source.id) DESC LIMIT \(limit + 1)"
            for row in try db.rows(sql, values) {
                keys.append((try row["at"], try row["decided_at"], try row["check_id"]))
            }
        }
        keys.sort { ($0.at, $0.decidedAt, $0.id) > ($1.at, $1.decidedAt, $1.id) }
        let more = keys.count > limit
        let page = keys.prefix(limit)
        let checks = try page.map { try use(id: $0.id, codec: codec, db) }
        return PerformerUsesPage(performer: performer, since: since, until: until, checks: checks, next: more ? page.last?.id : nil)
    }

    /// What a ledger line reads of a receipt's body.
    struct Body: Decodable {
        struct Request: Decodable {
            let production: String
            let use: Use
            let aspects: [Aspect]?
            let destination: Destination
            let territory: String?
            let tool: String?
            let at: Day
        }
        let id: String
        let decision: Decision
        let grants: [String]?
        let request: Request
        let decidedAt: String
    }

    static func use(id: String, codec: ReceiptCodec, _ db: any SQLConnection) throws -> PerformerUse {
        guard let row = try db.row("SELECT dictionary, body FROM check_receipt WHERE id = ?", [id]),
              let body = try? JSONDecoder().decode(Body.self, from: Data(try codec.body(of: row, db).utf8))
        else { throw LikenessError(.internal, "corrupt-row", "check \(id) cannot be read back") }
        let r = body.request
        return PerformerUse(id: body.id, production: r.production, use: r.use, aspects: r.aspects ?? [], destination: r.destination,
                            territory: r.territory, tool: r.tool, decision: body.decision, at: r.at, decidedAt: body.decidedAt,
                            grants: body.grants ?? [])
    }

    /// Whether a check of one of `performers` names the production, or the tool.
    public static func names(production: String? = nil, tool: String? = nil, performers: [String], _ db: any SQLConnection) throws -> Bool {
        guard !performers.isEmpty, production != nil || tool != nil else { return false }
        let column = production != nil ? "production" : "tool"
        let marks = performers.map { _ in "?" }.joined(separator: ", ")
        let arguments: [any SQLValueConvertible] = performers + [production ?? tool!]
        for source in sources(db) {
            if try db.row("SELECT 1 FROM \(source.table) WHERE performer IN (\(marks)) AND \(column) = ? AND \(source.only) LIMIT 1",
                          arguments) != nil { return true }
        }
        return false
    }

    /// Moves the checks of receipts stored before the ledger existed into it, a chunk per
    /// transaction, then forgets the mark (run at open; nothing to do on a new database).
    public static func backfill(_ database: any StoreDatabase) async throws {
        let codec = database.receiptCodec
        while try await database.transaction({ db in try backfillChunk(backfillChunkSize, codec: codec, db) }) {}
    }

    /// Receipts moved into the ledger per transaction by the backfill.
    static let backfillChunkSize = 5_000

    /// One chunk of the backfill: the newest receipts at or below the mark; false once done.
    static func backfillChunk(_ chunk: Int, codec: ReceiptCodec, _ db: any SQLConnection) throws -> Bool {
        guard let through: Int64 = try db.value("SELECT through FROM performer_use_backfill WHERE id = 1") else { return false }
        let rows = try db.rows("""
            SELECT rowid AS mark, id, decided_at, production, performer, dictionary, body FROM check_receipt
            WHERE rowid <= ? AND performer IS NOT NULL ORDER BY rowid DESC LIMIT ?
            """, [through, chunk])
        var inserts: [RowInsert] = []
        for row in rows {
            let body = try? JSONDecoder().decode(Body.self, from: Data(try codec.body(of: row, db).utf8))
            guard let body else { throw LikenessError(.internal, "corrupt-row", "check \(try row["id"] as String) cannot be read back") }
            let performer: String = try row["performer"]
            inserts.append(RowInsert(logShape, values: [.text(performer), .text(body.request.at.description), .text(try row["decided_at"]),
                                                        .text(body.id), .text(try row["production"]), body.request.tool.map(SQLValue.text) ?? .null]))
        }
        _ = try RowInsert.execute(inserts, on: db)
        if rows.count < chunk {
            try db.execute("DELETE FROM performer_use_backfill", [])
        } else {
            let mark: Int64 = try rows[rows.count - 1]["mark"]
            try db.execute("UPDATE performer_use_backfill SET through = ? WHERE id = 1", [mark - 1])
        }
        try fold(db)
        return rows.count == chunk
    }
}
