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
/// them wait (the server's writer over several transactions: `LedgerFold`), and a read takes
/// the ledger and that short tail of receipts. On PostgreSQL (writers
/// commit side by side, so a mark could pass a receipt not yet committed) each commit appends its
/// lines to a log, folded as the use register's log is; a read takes the ledger and the log.
///
/// Each fold writes one segment: its lines sorted by performer under a segment number above the
/// earlier ones, so that the fold appends to the end of the ledger's key (a table keyed by
/// performer first took a random page write per line, which cost batches of checks a fifth of
/// their rate). A read of one performer probes the segments newest first, and stops once the
/// segments left are older than its page (`performer_use_segment` bounds each one).
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

    static let lineColumns = "performer, at, decided_at, check_id, production, tool"

    /// Files the receipts past the mark that named a performer in the ledger as a new segment, and
    /// moves the mark to the last receipt, in the receipts' transaction (SQLite: its one writer
    /// commits in rowid order, and no other writer numbers a segment meanwhile).
    static func foldReceipts(_ db: any SQLConnection) throws {
        let through: Int64 = try db.value("SELECT coalesce(max(rowid), 0) FROM check_receipt") ?? 0
        let lines = "FROM check_receipt WHERE rowid > \(mark) AND rowid <= \(through) AND performer IS NOT NULL AND at IS NOT NULL"
        let number = try nextSegment(db)
        try writeSegment(number: number, selecting: "performer, at, decided_at, id, production, tool \(lines)", db)
        try moveMark(to: through, db)
    }

    /// Moves the mark to receipt `through` (SQLite): the ledger holds every receipt up to it.
    static func moveMark(to through: Int64, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO performer_use_folded (id, through) VALUES (1, ?)
            ON CONFLICT (id) DO UPDATE SET through = excluded.through
            """, [through])
    }

    /// The number above every segment's (SQLite, whose one writer numbers them).
    static func nextSegment(_ db: any SQLConnection) throws -> Int64 {
        try db.value("SELECT coalesce(max(segment), 0) + 1 FROM performer_use_segment") ?? 1
    }

    /// Writes the lines `selecting` names (`performer, at, decided_at, check id, production, tool
    /// FROM …`) as segment `number`, sorted by its key, and its bounds; nothing when it names none.
    static func writeSegment(number: Int64, selecting: String, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO performer_use (segment, \(lineColumns)) SELECT \(number), * FROM (SELECT \(selecting)) AS line
            ORDER BY 1, 2, 3, 4, 5
            """, [])
        try bound(segment: number, db)
    }

    /// Writes the bounds of segment `number`, which makes reads take it; nothing when it holds no line.
    static func bound(segment number: Int64, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO performer_use_segment (segment, newest_at, newest_decided_at, oldest_at)
            SELECT segment, max(at), max(decided_at), min(at) FROM performer_use WHERE segment = ? GROUP BY segment
            """, [number])
    }

    /// The last receipt the ledger holds, as SQL (0 before the first fold).
    static let mark = "coalesce((SELECT through FROM performer_use_folded WHERE id = 1), 0)"

    /// The lines not yet in a segment a read takes too, each as `(table, its check id column, a
    /// condition of its own)`: the log, and (SQLite) the receipts past the mark.
    static func tails(_ db: any SQLConnection) -> [(table: String, id: String, only: String)] {
        var tails = [("performer_use_log", "check_id", "true")]
        if db.dialect == .sqlite {
            tails.append(("check_receipt", "id", "rowid > \(mark) AND at IS NOT NULL"))
        }
        return tails
    }

    /// Moves the log's rows into the ledger as a segment, in the receipts' transaction (see
    /// `UseRegister.fold` for why each backend's statement is safe beside other writers; on
    /// PostgreSQL a segment is numbered by the last log row it moves, which no other fold moves).
    static func fold(_ db: any SQLConnection) throws {
        switch db.dialect {
        case .sqlite:
            try writeSegment(number: try nextSegment(db), selecting: "\(lineColumns) FROM performer_use_log", db)
            try db.execute("DELETE FROM performer_use_log", [])
        case .postgres:
            try db.execute("""
                WITH moved AS (DELETE FROM performer_use_log RETURNING rowid, \(lineColumns)),
                segment AS (SELECT max(rowid) AS number FROM moved),
                lines AS (
                  INSERT INTO performer_use (segment, \(lineColumns))
                  SELECT segment.number, \(lineColumns) FROM moved CROSS JOIN segment ORDER BY 2, 3, 4, 5
                  RETURNING segment, at, decided_at
                )
                INSERT INTO performer_use_segment (segment, newest_at, newest_decided_at, oldest_at)
                SELECT segment, max(at), max(decided_at), min(at) FROM lines GROUP BY segment
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
        var cursor: Key?
        if let before {
            guard let row = try db.row("SELECT performer, decided_at FROM check_receipt WHERE id = ?", [before]),
                  try row["performer"] as String? == performer
            else { throw LikenessError.notFound("check of this performer", before, field: "before") }
            cursor = Key(at: try use(id: before, codec: codec, db).at.description, decidedAt: try row["decided_at"], id: before)
        }
        var lines = Lines(limit: limit)
        // The lines not yet in a segment (short: read by a scan), then the segments newest first,
        // each read by its key up to the page, until the next is older than the page's last line.
        for tail in tails(db) {
            try lines.add(read(tail.table, id: tail.id, only: tail.only, performer: performer, since: since, until: until,
                               before: cursor, limit: limit, db))
        }
        let segments = try db.rows("""
            SELECT segment, newest_at, newest_decided_at FROM performer_use_segment WHERE newest_at >= ? AND oldest_at <= ?
            ORDER BY newest_at DESC, newest_decided_at DESC
            """, [since.description, until.description])
        for segment in segments {
            let newest = Key(at: try segment["newest_at"], decidedAt: try segment["newest_decided_at"], id: "")
            if let last = lines.lastNeeded, (newest.at, newest.decidedAt) < (last.at, last.decidedAt) { break }
            let number: Int64 = try segment["segment"]
            try lines.add(read("performer_use", id: "check_id", only: "segment = \(number)", performer: performer, since: since,
                               until: until, before: cursor, limit: limit, db))
        }
        let page = lines.keys.prefix(limit)
        let checks = try page.map { try use(id: $0.id, codec: codec, db) }
        return PerformerUsesPage(performer: performer, since: since, until: until, checks: checks,
                                 next: lines.keys.count > limit ? page.last?.id : nil)
    }

    /// A line's place in the ledger's order: newest first by day of use, time of decision, check id.
    struct Key: Comparable {
        let at: String
        let decidedAt: String
        let id: String

        static func < (a: Key, b: Key) -> Bool { (a.at, a.decidedAt, a.id) < (b.at, b.decidedAt, b.id) }
    }

    /// The newest `limit + 1` lines read so far (one more than a page, to tell whether more follow).
    struct Lines {
        let limit: Int
        private(set) var keys: [Key] = []

        init(limit: Int) { self.limit = limit }

        mutating func add(_ more: [Key]) {
            keys = Array((keys + more).sorted(by: >).prefix(limit + 1))
        }

        /// The oldest line the page holds once full: a source whose lines are all older adds nothing.
        var lastNeeded: Key? { keys.count > limit ? keys[limit] : nil }
    }

    /// `performer`'s newest `limit + 1` lines of `table` in the window, older than `before`.
    static func read(_ table: String, id: String, only: String, performer: String, since: Day, until: Day, before: Key?, limit: Int,
                     _ db: any SQLConnection) throws -> [Key] {
        var sql = "SELECT at, decided_at, \(id) AS check_id FROM \(table) WHERE \(only) AND performer = ? AND at BETWEEN ? AND ?"
        var values: [any SQLValueConvertible] = [performer, since.description, until.description]
        if let before {
            sql += " AND (at < ? OR (at = ? AND (decided_at < ? OR (decided_at = ? AND \(id) < ?))))"
            values += [before.at, before.at, before.decidedAt, before.decidedAt, before.id]
        }
        sql += " ORDER BY at DESC, decided_at DESC, \(id) DESC LIMIT \(limit + 1)"
        return try db.rows(sql, values).map { Key(at: try $0["at"], decidedAt: try $0["decided_at"], id: try $0["check_id"]) }
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
        // The ledger by each segment's key (a segment's lines are filed by performer), then the tails.
        if try db.row("""
            SELECT 1 FROM performer_use_segment AS s CROSS JOIN performer_use AS u
            WHERE u.segment = s.segment AND u.performer IN (\(marks)) AND u.\(column) = ? LIMIT 1
            """, arguments) != nil { return true }
        for tail in tails(db) {
            if try db.row("SELECT 1 FROM \(tail.table) WHERE performer IN (\(marks)) AND \(column) = ? AND \(tail.only) LIMIT 1",
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
