import Crypto
import Foundation
import LikenessRules

/// One entry of the append-only, hash-chained audit trail. `hash` is
/// SHA-256(previous entry's hash ‖ "\n" ‖ canonical JSON of this entry's content).
public struct AuditEntry: Codable, Sendable, Equatable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String?
    /// Who acted, with the role and capacity, for entries recorded since the performer's side.
    public var by: ActedBy?
    public var prevHash: String
    public var hash: String

    /// The hashed content: seq, at, actor, action, subject and detail as one JSON object, written
    /// here by hand because this form is frozen (every stored chain was hashed over it): keys in
    /// this (sorted) order, no whitespace, `byCapacity`, `byRole` and `detail` left out when absent, the number in decimal,
    /// strings escaped as `JSONText` escapes them (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`,
    /// `\u00XX` for other control characters; `/` and everything else as plain UTF-8). It is defined
    /// by this function, not by any encoder, and must never change.
    static func hash(prev: String, seq: Int64, at: String, actor: String, action: String, subject: String, detail: String?,
                     by: ActedBy? = nil) -> String {
        var w = JSONText(capacity: 256)
        w.raw("{\"action\":"); w.string(action)
        w.raw(",\"actor\":"); w.string(actor)
        w.raw(",\"at\":"); w.string(at)
        if let capacity = by?.capacity { w.raw(",\"byCapacity\":"); w.string(capacity.rawValue) }
        if let role = by?.role { w.raw(",\"byRole\":"); w.string(role.rawValue) }
        if let detail { w.raw(",\"detail\":"); w.string(detail) }
        w.raw(",\"seq\":"); w.bytes.append(contentsOf: String(seq).utf8)
        w.raw(",\"subject\":"); w.string(subject)
        w.raw("}")
        return Hex.encode(SHA256.hash(data: Array((prev + "\n").utf8) + w.bytes))
    }

    static let genesis = String(repeating: "0", count: 64)
}

/// Appending to and verifying the audit trail. Entries are written in the same transaction as the
/// change they record; the schema refuses UPDATE and DELETE on them, and `verify` detects an
/// entry altered, removed or cut off at the end by anyone who bypassed that.
public enum Audit {
    /// RFC 3339 in UTC with milliseconds, e.g. `2026-11-28T07:25:20.123Z`.
    static func timestamp(_ date: Date) -> String {
        UTCText.format(millis: Int((date.timeIntervalSince1970 * 1000).rounded(.down)), separator: UInt8(ascii: "T"),
                       fraction: true, suffix: "Z")
    }

    /// Records an event. Never pass personal data, passwords or keys: only who, what and which subject.
    /// Appenders take turns (`AppendLog.audit`), so the trail stays one chain whoever appends.
    /// `by` records the role and capacity `actor` acted in (the performer's side, and grant changes).
    public static func append(_ db: any SQLConnection, actor: String, action: String, subject: String, detail: String? = nil,
                              by: ActedBy? = nil, at date: Date) throws {
        try db.lockForAppending(.audit)
        let head = try db.row("SELECT seq, hash FROM audit_head WHERE id = 1")
        let headSeq: Int64? = try head?["seq"], headHash: String? = try head?["hash"]
        let seq = (headSeq ?? 0) + 1
        let prev = headHash ?? AuditEntry.genesis
        let at = timestamp(date)
        let hash = AuditEntry.hash(prev: prev, seq: seq, at: at, actor: actor, action: action, subject: subject, detail: detail, by: by)
        try db.execute("""
            INSERT INTO audit_entry (seq, at, actor, action, subject, detail, by_role, by_capacity, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [seq, at, actor, action, subject, detail, by?.role.rawValue, by?.capacity?.rawValue, prev, hash])
        try db.execute("""
            INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """, [seq, hash])
    }

    /// Entries newest first, before `seq` when given.
    public static func page(limit: Int, before: Int64?, _ db: any SQLConnection) throws -> [AuditEntry] {
        try db.rows("""
            SELECT seq, at, actor, action, subject, detail, by_role, by_capacity, prev_hash, hash FROM audit_entry WHERE seq < ? ORDER BY seq DESC LIMIT ?
            """, [before ?? Int64.max, limit]).map(entry)
    }

    static func entry(_ row: SQLRow) throws -> AuditEntry {
        let actor: String = try row["actor"]
        let role: String? = try row["by_role"], capacity: String? = try row["by_capacity"]
        var by: ActedBy?
        if let role {
            let parsedCapacity = capacity.map(Capacity.init(rawValue:))
            guard let role = AccountRole(rawValue: role), parsedCapacity != .some(nil) else {
                throw LikenessError(.internal, "corrupt-row", "audit entry \(try row["seq"] as Int64) has a malformed by_role or by_capacity")
            }
            by = ActedBy(account: actor, role: role, capacity: parsedCapacity ?? nil)
        }
        return AuditEntry(seq: try row["seq"], at: try row["at"], actor: actor, action: try row["action"], subject: try row["subject"],
                          detail: try row["detail"], by: by, prevHash: try row["prev_hash"], hash: try row["hash"])
    }

    /// How many entries `verify` reads at a time.
    static let verifyChunk = 10_000

    /// The result of recomputing the chain.
    public enum Verification: Sendable, Equatable {
        case intact(entries: Int64, head: String)
        case broken(seq: Int64, problem: String)
    }

    /// Recomputes every hash in order; the first entry that was altered, removed or added out of
    /// chain is named.
    public static func verify(_ db: any SQLConnection) throws -> Verification {
        var expectedSeq: Int64 = 1
        var prev = AuditEntry.genesis
        var after: Int64 = 0
        while true {
            let rows = try db.rows("""
                SELECT seq, at, actor, action, subject, detail, by_role, by_capacity, prev_hash, hash FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?
                """, [after, verifyChunk])
            for row in rows {
                let e = try entry(row)
                if e.seq != expectedSeq {
                    return .broken(seq: expectedSeq, problem: "entry \(expectedSeq) is missing (the next one is \(e.seq))")
                }
                if e.prevHash != prev {
                    return .broken(seq: e.seq, problem: "entry \(e.seq) does not follow entry \(e.seq - 1) (previous hash differs)")
                }
                let recomputed = AuditEntry.hash(prev: prev, seq: e.seq, at: e.at, actor: e.actor, action: e.action,
                                                 subject: e.subject, detail: e.detail, by: e.by)
                if recomputed != e.hash {
                    return .broken(seq: e.seq, problem: "entry \(e.seq) was altered (its content does not match its hash)")
                }
                prev = e.hash
                expectedSeq += 1
                after = e.seq
            }
            if rows.count < verifyChunk { break }
        }
        let last = expectedSeq - 1
        let head = try db.row("SELECT seq, hash FROM audit_head WHERE id = 1")
        let recordedSeq: Int64? = try head?["seq"], recordedHash: String? = try head?["hash"]
        let headSeq = recordedSeq ?? 0
        if headSeq != last || (recordedHash ?? AuditEntry.genesis) != prev {
            return .broken(seq: min(headSeq, last) + 1,
                           problem: "the trail ends at entry \(last) but its head records entry \(headSeq): entries were removed or added at the end")
        }
        return .intact(entries: last, head: prev)
    }
}
