import Foundation
import LikenessRules

/// A grant about to lapse: casting must re-consent the performer.
public struct ExpiringGrant: Encodable, Sendable, Equatable {
    public var grant: String
    public var performer: String
    public var performerName: String
    public var production: String?
    public var validUntil: Day
    public var daysLeft: Int
    /// The smallest threshold crossed (CLI alerts only).
    public var threshold: Int?

    enum CodingKeys: String, CodingKey { case grant, performer, performerName, production, validUntil, daysLeft, threshold }

    /// `production` is written as `null` for a studio-wide grant.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(grant, forKey: .grant)
        try c.encode(performer, forKey: .performer)
        try c.encode(performerName, forKey: .performerName)
        try c.encode(production, forKey: .production)
        try c.encode(validUntil, forKey: .validUntil)
        try c.encode(daysLeft, forKey: .daysLeft)
        try c.encodeIfPresent(threshold, forKey: .threshold)
    }
}

/// An earlier decision that relied on a grant.
public struct ImpactedCheck: Encodable, Sendable, Equatable {
    public var id: String
    public var production: String
    public var decision: Decision
    public var decidedAt: String
}

/// A grant revoked, suspended or expired while earlier allowed/notify checks relied on it.
public struct ImpactedGrant: Encodable, Sendable, Equatable {
    public var grant: String
    public var performer: String
    /// `revoked`, `suspended` or `expired`.
    public var status: String
    /// When it happened: the status change's time, or the day after `validUntil`.
    public var since: String
    public var reason: String?
    public var checks: [ImpactedCheck]
    /// Identifies the event, so that it is delivered once.
    var key: String
    enum CodingKeys: String, CodingKey { case grant, performer, status, since, reason, checks }
}

/// What `likeness alerts` and `GET /v1/alerts` report.
public struct AlertReport: Encodable, Sendable, Equatable {
    public var at: Day
    public var expiring: [ExpiringGrant]
    public var impacted: [ImpactedGrant]
    /// Delivery keys of the expiring alerts (every threshold crossed).
    var expiringKeys: [String] = []
    enum CodingKeys: String, CodingKey { case at, expiring, impacted }

    public var isEmpty: Bool { expiring.isEmpty && impacted.isEmpty }
}

/// Finds expiring and impacted grants, and remembers which alerts were delivered.
public enum Alerts {
    /// The alerts not yet delivered as of `day`: an expiring grant once per threshold it has crossed
    /// (days left ≤ threshold, within `within` days), an impacted grant once per revocation,
    /// suspension or expiry.
    public static func pending(at day: Day, thresholds: [Int], within: Int, _ db: any SQLConnection) throws -> AlertReport {
        let delivered = Set(try db.rows("SELECT key FROM alert_delivery", []).map { try $0["key"] as String })
        var report = AlertReport(at: day, expiring: [], impacted: [])
        for var grant in try expiring(at: day, within: within, db) {
            let crossed = thresholds.filter { grant.daysLeft <= $0 }
            let keys = crossed.map { "expiring:\(grant.grant):\($0)" }
            guard let smallest = crossed.min(), keys.contains(where: { !delivered.contains($0) }) else { continue }
            grant.threshold = smallest
            report.expiring.append(grant)
            report.expiringKeys += keys.filter { !delivered.contains($0) }
        }
        report.impacted = try impacted(at: day, db).filter { !delivered.contains($0.key) }
        return report
    }

    /// Records a report as delivered.
    /// Records the report as delivered, and mails each expiring grant's performer-side accounts
    /// (`consent.expiring`) in the same transaction; returns the mails queued.
    @discardableResult
    public static func record(_ report: AlertReport, now: Date, _ db: any SQLConnection) throws -> Int {
        let insert = "INSERT INTO alert_delivery (key, grant_id, delivered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
        for key in report.expiringKeys {
            try db.execute(insert, [key, String(key.split(separator: ":")[1]), now])
        }
        for grant in report.impacted { try db.execute(insert, [grant.key, grant.grant, now]) }
        var mails = 0
        for expiring in report.expiring {
            guard let grant = try Grant.find(expiring.grant, db) else { continue }
            mails += try Notifications.consentExpiring(grant, daysLeft: expiring.daysLeft, today: report.at, now: now, db)
        }
        return mails
    }

    /// The whole picture as of `day` (for `GET /v1/alerts`): grants expiring within `within` days and
    /// every impacted grant, delivered or not.
    public static func current(at day: Day, within: Int, _ db: any SQLConnection) throws -> AlertReport {
        AlertReport(at: day, expiring: try expiring(at: day, within: within, db), impacted: try impacted(at: day, db))
    }

    static func expiring(at day: Day, within: Int, _ db: any SQLConnection) throws -> [ExpiringGrant] {
        try db.rows("""
            SELECT g.id, g.performer, p.name, g.production, g.valid_until FROM consent_grant g
            JOIN performer p ON p.id = g.performer
            WHERE g.status = 'active' AND g.valid_until >= ? AND g.valid_until <= ?
            ORDER BY g.valid_until, g.id
            """, [day.description, min(day.adding(days: within), .latest).description]).map { row in
            let until = try Grant.parsed(row, "valid_until", Day.init)
            return ExpiringGrant(grant: try row["id"], performer: try row["performer"], performerName: try row["name"],
                                 production: try row["production"], validUntil: until, daysLeft: until.ordinal - day.ordinal)
        }
    }

    /// Grants that earlier allowed/notify checks relied on and that are revoked or suspended (as of
    /// `day`, by their status history) or expired before `day`.
    static func impacted(at day: Day, _ db: any SQLConnection) throws -> [ImpactedGrant] {
        // Sorts after every time of `day` (`…T23:59:59.999Z`) and before the next day, even after 9999-12-31.
        let endOfDay = day.description + "T24"
        let candidates = try db.rows("""
            SELECT g.id, g.performer, g.status, g.valid_until
            FROM (SELECT DISTINCT grant_id FROM check_reliance) c JOIN consent_grant g ON g.id = c.grant_id
            WHERE g.status <> 'active' OR g.valid_until < ?
            ORDER BY g.id
            """, [day.description])
        var result: [ImpactedGrant] = []
        for row in candidates {
            let id: String = try row["id"]
            var event: (status: String, since: String, reason: String?, key: String)?
            if let change = try db.row("""
                   SELECT id, status, at, reason FROM grant_status_change WHERE grant_id = ? AND at < ? ORDER BY id DESC LIMIT 1
                   """, [id, endOfDay]),
               let status = try change["status"] as String?, status != "active" {
                event = (status, try change["at"], try change["reason"], "impacted:\(id):\(status):\(try change["id"] as Int64)")
            } else if let until = Day(try row["valid_until"] as String), until < day {
                event = ("expired", until.adding(days: 1).description, nil, "impacted:\(id):expired:\(until)")
            }
            guard let event else { continue }
            let relied = try db.rows("""
                SELECT check_id, production, decision, decided_at FROM check_reliance
                WHERE grant_id = ? AND decided_at < ? ORDER BY decided_at, check_id
                """, [id, endOfDay]).map { check in
                guard let decision = Decision(rawValue: try check["decision"]) else {
                    throw LikenessError(.internal, "corrupt-row", "check_reliance \(id) has a malformed decision")
                }
                return ImpactedCheck(id: try check["check_id"], production: try check["production"], decision: decision,
                                     decidedAt: try check["decided_at"])
            }
            guard !relied.isEmpty else { continue }
            result.append(ImpactedGrant(grant: id, performer: try row["performer"], status: event.status, since: event.since,
                                        reason: event.reason, checks: relied, key: event.key))
        }
        return result
    }

    /// The report for people (what cron mails).
    public static func text(_ report: AlertReport) -> String {
        if report.isEmpty { return "Likeness alerts for \(report.at): nothing new." }
        var lines = ["Likeness alerts for \(report.at)"]
        if !report.expiring.isEmpty {
            lines.append("")
            lines.append("Consent about to lapse (re-consent the performer):")
            for g in report.expiring {
                lines.append("  \(g.grant)  \(g.performerName) (\(g.performer))  \(g.production ?? "studio-wide")  expires \(g.validUntil): \(g.daysLeft) day\(g.daysLeft == 1 ? "" : "s") left")
            }
        }
        if !report.impacted.isEmpty {
            lines.append("")
            lines.append("Consent withdrawn or lapsed after decisions relied on it (pull the generated material):")
            for g in report.impacted {
                lines.append("  \(g.grant) (\(g.performer)) \(g.status) since \(g.since)\(g.reason.map { ": \($0)" } ?? "")")
                for c in g.checks { lines.append("    check \(c.id)  \(c.production)  \(c.decision.rawValue) at \(c.decidedAt)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
