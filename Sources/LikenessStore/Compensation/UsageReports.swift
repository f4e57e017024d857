import Foundation
import LikenessRules

/// The stored check a usage report is about: who made it, for which production and performer,
/// how it was decided and the grants it relied on (from its receipt).
public struct ReportedCheck: Sendable {
    public var id: String
    public var actor: String
    public var production: String
    public var performer: String?
    public var decision: Decision
    public var grants: [String]
}

/// Usage reports and their lines (compensation.md): written once, read by check, by performer
/// (statements) and by production (payables).
public enum UsageReports {
    /// The check `id` as a report needs it; 404 when unknown or, for a production account, not one
    /// it made (as `GET /v1/checks/{id}` answers it).
    public static func check(_ id: String, visibleTo caller: Identity, codec: ReceiptCodec, _ db: any SQLConnection) throws -> ReportedCheck {
        guard let row = try db.row("""
            SELECT r.actor, r.production, r.performer, r.decision, r.dictionary, r.body, p.contact
            FROM check_receipt r LEFT JOIN production p ON p.id = r.production WHERE r.id = ?
            """, [id]) else { throw LikenessError.notFound("check", id) }
        switch caller.role {
        case .production: guard try row["actor"] == caller.actor else { throw LikenessError.notFound("check", id) }
        case .studio: guard try row["contact"] == caller.actor else { throw LikenessError.notFound("check", id) }
        default: break
        }
        struct Relied: Decodable { let grants: [String] }
        guard let decision = Decision(rawValue: try row["decision"]),
              let body = try? JSONDecoder().decode(Relied.self, from: Data(try codec.body(of: row, db).utf8))
        else { throw LikenessError(.internal, "corrupt-row", "check \(id) cannot be read back") }
        return ReportedCheck(id: id, actor: try row["actor"], production: try row["production"], performer: try row["performer"],
                             decision: decision, grants: body.grants)
    }

    /// The grants among `ids` that carry a fee, in the order of `ids`. A flat fee's grant is locked
    /// against other writers (PostgreSQL) so that two reports racing cannot both count it first.
    public static func fees(of ids: [String], _ db: any SQLConnection) throws -> [FeeUnderGrant] {
        guard !ids.isEmpty else { return [] }
        let rows = try db.rows("""
            SELECT id, performer, fee_amount, fee_currency, fee_per, fee_pension_health FROM consent_grant
            WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) AND fee_amount IS NOT NULL
            """, ids)
        var byID: [String: FeeUnderGrant] = [:]
        for row in rows {
            guard let fee = try FeeColumns.read(row, of: Grant.self) else { continue }
            byID[try row["id"]] = FeeUnderGrant(grant: try row["id"], performer: try row["performer"], fee: fee)
        }
        let fees = ids.compactMap { byID[$0] }
        for flat in fees where flat.fee.per == .flat {
            _ = try db.row("SELECT id FROM consent_grant WHERE id = ?\(db.dialect.locking())", [flat.grant])
        }
        return fees
    }

    /// Whether earlier reports under `grant` and `production` count its flat fee (their flat
    /// quantities sum above 0: a corrected first report counts no more).
    public static func flatCounted(grant: String, production: String, _ db: any SQLConnection) throws -> Bool {
        let counted: Int64? = try db.value("""
            SELECT CAST(coalesce(sum(quantity), 0) AS BIGINT) FROM usage_line WHERE grant_id = ? AND production = ? AND basis = 'flat'
            """, [grant, production])
        return (counted ?? 0) > 0
    }

    /// The report `id` of check `check`, locked against a second correction racing this one; 422
    /// naming `corrects` when there is none, 409 when it is already corrected.
    public static func correctable(_ id: String, _ db: any SQLConnection) throws -> UsageReport {
        guard let row = try db.row("SELECT * FROM usage_report WHERE id = ?\(db.dialect.locking())", [id]) else {
            throw LikenessError.invalid("corrects", "no usage report with id '\(id)'", code: "not-found")
        }
        let report = try report(row, db)
        if let correction: String = try db.value("SELECT id FROM usage_report WHERE corrects = ?", [id]) {
            throw LikenessError(.conflict, "already-corrected", "usage report \(id) is already corrected by \(correction)", field: "corrects")
        }
        return report
    }

    /// Stores a report and its lines (`check` made by `checkActor`), audited, with its event.
    public static func insert(_ report: UsageReport, checkActor: String, by: ActedBy, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO usage_report (id, check_id, check_actor, production, performer, delivered_on, days, minutes, note, corrects,
                                      reported_by, reported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [report.id, report.check, checkActor, report.production, report.performer, report.deliveredOn.description, report.days,
                  report.minutes?.description, report.note, report.corrects, report.reportedBy, report.reportedAt])
        for (position, line) in report.lines.enumerated() {
            try db.execute("""
                INSERT INTO usage_line (usage_id, line_number, check_id, grant_id, performer, production, delivered_on, reported_at, currency,
                                        basis, quantity, amount, pension_health)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [report.id, position, report.check, line.grant, line.performer, report.production, report.deliveredOn.description,
                      report.reportedAt, line.currency, line.basis.rawValue, line.quantity, line.amount, line.pensionHealth])
        }
        let detail = "check \(report.check)" + (report.corrects.map { ", corrects \($0)" } ?? "")
        try Audit.append(db, actor: by.account, action: "usage.report", subject: report.id, detail: detail, by: by, at: report.reportedAt)
        try Events.append(.usageReported, report, at: report.reportedAt, db)
    }

    /// The reports of a check, oldest first.
    public static func list(check: String, _ db: any SQLConnection) throws -> [UsageReport] {
        try db.rows("SELECT * FROM usage_report WHERE check_id = ? ORDER BY reported_at, id", [check]).map { try report($0, db) }
    }

    static func report(_ row: SQLRow, _ db: any SQLConnection) throws -> UsageReport {
        let id: String = try row["id"]
        let minutes = try (row["minutes"] as String?).map { text in
            guard let value = Decimal(string: text) else { throw LikenessError(.internal, "corrupt-row", "usage report \(id) has minutes '\(text)'") }
            return value
        }
        let lines = try db.rows("""
            SELECT grant_id, performer, currency, basis, quantity, amount, pension_health FROM usage_line WHERE usage_id = ? ORDER BY line_number
            """, [id]).map(line)
        guard let deliveredOn = Day(try row["delivered_on"]) else {
            throw LikenessError(.internal, "corrupt-row", "usage report \(id) has no valid deliveredOn")
        }
        return UsageReport(id: id, check: try row["check_id"], production: try row["production"], performer: try row["performer"],
                           deliveredOn: deliveredOn, days: try row["days"], minutes: minutes, note: try row["note"],
                           corrects: try row["corrects"], reportedBy: try row["reported_by"],
                           reportedAt: try row["reported_at"], lines: lines)
    }

    static func line(_ row: SQLRow) throws -> UsageLine {
        guard let basis = FeeBasis(rawValue: try row["basis"]) else { throw LikenessError(.internal, "corrupt-row", "a usage line has no valid basis") }
        return UsageLine(grant: try row["grant_id"], performer: try row["performer"], currency: try row["currency"], basis: basis,
                         quantity: try row["quantity"], amount: try row["amount"], pensionHealth: try row["pension_health"])
    }

    /// A performer's lines delivered in `window`, in the order of delivery and report (read by
    /// position: a statement may hold 10,000 lines).
    public static func statementLines(performer: String, _ window: DayWindow, _ db: any SQLConnection) throws -> [StatementLine] {
        try db.rows("""
            SELECT usage_id, check_id, production, delivered_on, grant_id, currency, basis, quantity, amount, pension_health
            FROM usage_line WHERE performer = ? AND delivered_on BETWEEN ? AND ?
            ORDER BY delivered_on, reported_at, usage_id, line_number
            """, [performer, window.since.description, window.until.description]).map { row in
            guard let day = Day(try row[position: 3]), let basis = FeeBasis(rawValue: try row[position: 6]) else {
                throw LikenessError(.internal, "corrupt-row", "a usage line of \(performer) has no valid day or basis")
            }
            let line = UsageLine(grant: try row[position: 4], performer: performer, currency: try row[position: 5], basis: basis,
                                 quantity: try row[position: 7], amount: try row[position: 8], pensionHealth: try row[position: 9])
            return StatementLine(usage: try row[position: 0], check: try row[position: 1], production: try row[position: 2], deliveredOn: day,
                                 line: line)
        }
    }

    /// What a production owes each performer in `window`: sums per performer and currency, by
    /// performer id then currency code (the database sums, over its covering index).
    public static func payables(production: String, _ window: DayWindow, _ db: any SQLConnection) throws -> [PerformerPayable] {
        var payables: [PerformerPayable] = []
        for row in try Self.summing({ try db.rows("""
            SELECT performer, currency, CAST(sum(amount) AS BIGINT) AS amount, CAST(sum(pension_health) AS BIGINT) AS pension_health
            FROM usage_line
            WHERE production = ? AND delivered_on BETWEEN ? AND ? GROUP BY performer, currency ORDER BY performer, currency
            """, [production, window.since.description, window.until.description]) }) {
            let performer: String = try row["performer"]
            let total = CurrencyTotal(currency: try row["currency"], amount: try row["amount"], pensionHealth: try row["pension_health"])
            if payables.last?.performer == performer { payables[payables.count - 1].totals.append(total) }
            else { payables.append(PerformerPayable(performer: performer, totals: [total])) }
        }
        return payables
    }

    /// The first and last days on which the lines of the performer or production (`column`) `id`
    /// were delivered, nil when it has none: the months its statement or payables pages link to.
    /// Read off the ends of the index that leads with the column and the day.
    public static func deliveredDays(of column: DeliveredColumn, _ id: String, _ db: any SQLConnection) throws -> DayWindow? {
        guard let row = try db.row("""
            SELECT min(delivered_on) AS first, max(delivered_on) AS last FROM usage_line WHERE \(column.rawValue) = ?
            """, [id]),
            let first = try (row["first"] as String?).flatMap(Day.init), let last = try (row["last"] as String?).flatMap(Day.init)
        else { return nil }
        return DayWindow(since: first, until: last)
    }

    /// The columns of usage_line that `deliveredDays` reads by.
    public enum DeliveredColumn: String, Sendable { case performer, production }

    /// Runs a query of sums; a sum beyond 64 bits (SQLite's "integer overflow", PostgreSQL's
    /// "bigint out of range") is a 409 that says to ask for less, never a 500.
    static func summing<T>(_ query: () throws -> T) throws -> T {
        do {
            return try query()
        } catch let error as LikenessError {
            throw error
        } catch where String(reflecting: error).contains("integer overflow") || String(reflecting: error).contains("out of range") {
            throw LikenessError(.conflict, "total-too-large", "a total exceeds what 64 bits hold: ask for a shorter window")
        }
    }

    /// Whether `actor` made any check of `production`: first among the reported checks (indexed),
    /// then among all receipts.
    public static func madeChecks(of production: String, actor: String, _ db: any SQLConnection) throws -> Bool {
        if try db.row("SELECT 1 AS one FROM usage_report WHERE production = ? AND check_actor = ? LIMIT 1", [production, actor]) != nil {
            return true
        }
        return try db.row("SELECT 1 AS one FROM check_receipt WHERE production = ? AND actor = ? LIMIT 1", [production, actor]) != nil
    }
}

/// A performer's totals in a production's payables.
public struct PerformerPayable: Codable, Sendable, Equatable {
    public var performer: String
    public var totals: [CurrencyTotal]
}
