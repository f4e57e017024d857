import Foundation
import LikenessRules

/// Who acts for which performer, in which capacity (performers.md), as functions of a connection.
public enum Delegations {
    /// Every delegation of `account`, oldest first (revoked ones included).
    public static func of(account: String, _ db: any SQLConnection) throws -> [Delegation] {
        try Delegation.fetch("WHERE account = ? ORDER BY since, id", [account], db)
    }

    /// Every delegation for `performer`, oldest first (revoked ones included).
    public static func `for`(performer: String, _ db: any SQLConnection) throws -> [Delegation] {
        try Delegation.fetch("WHERE performer = ? ORDER BY since, id", [performer], db)
    }

    /// What `account` may do for `performer` on `today`, over all its delegations for them, with
    /// the capacity it acts in (the one that gives the most; nil when none gives anything).
    public static func authority(of account: String, over performer: Performer, on today: Day,
                                 _ db: any SQLConnection) throws -> (authority: Authority, capacity: Capacity?) {
        var best: (authority: Authority, capacity: Capacity?) = ([], nil)
        for delegation in try Delegation.fetch("WHERE account = ? AND performer = ? AND revoked_at IS NULL ORDER BY since, id",
                                               [account, performer.id], db) {
            let authority = delegation.authority(over: performer, on: today)
            if authority.rawValue.nonzeroBitCount > best.authority.rawValue.nonzeroBitCount {
                best = (authority, delegation.capacity)
            }
        }
        return best
    }

    /// The performers `account` may see on `today`, by id, with its authority over each.
    public static func performers(seenBy account: String, on today: Day,
                                  _ db: any SQLConnection) throws -> [(performer: Performer, authority: Authority, capacity: Capacity)] {
        var seen: [String: (performer: Performer, authority: Authority, capacity: Capacity)] = [:]
        for delegation in try Delegation.fetch("WHERE account = ? AND revoked_at IS NULL", [account], db) {
            guard let performer = try Performer.find(delegation.performer, db) else { continue }
            let authority = delegation.authority(over: performer, on: today)
            guard authority.contains(.see) else { continue }
            if let known = seen[performer.id], known.authority.rawValue.nonzeroBitCount >= authority.rawValue.nonzeroBitCount { continue }
            seen[performer.id] = (performer, authority, delegation.capacity)
        }
        return seen.values.sorted { $0.performer.id < $1.performer.id }
    }

    /// Revokes a delegation (409 when it is already revoked), with its audit entry and event.
    public static func revoke(_ id: String, reason: String, by: ActedBy, now: Date, _ db: any SQLConnection) throws -> Delegation {
        var delegation = try Registry.require(Delegation.self, id, "delegation", db)
        guard delegation.revokedAt == nil else { throw LikenessError.state("delegation \(id) is already revoked") }
        delegation.revokedAt = now
        delegation.revokedBy = by.account
        delegation.revokeReason = reason
        guard try db.row("""
            UPDATE delegation SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL RETURNING id
            """, [now, by.account, reason, id]) != nil else {
            throw LikenessError.state("delegation \(id) is already revoked")
        }
        try Audit.append(db, actor: by.account, action: "delegation.revoke", subject: id, detail: reason, by: by, at: now)
        try Events.append(.delegationRevoked, DelegationEvent(delegation, by: by), at: now, db)
        return delegation
    }

    /// A delegation event's data.
    struct DelegationEvent: Encodable {
        let id: String
        let delegation: String
        let account: String
        let performer: String
        let capacity: Capacity
        let mayConsent: Bool
        let state: String
        let by: ActedBy

        init(_ d: Delegation, by: ActedBy) {
            id = d.id; delegation = d.id; account = d.account; performer = d.performer; capacity = d.capacity
            mayConsent = d.mayConsent; state = d.revokedAt == nil ? "active" : "revoked"; self.by = by
        }
    }
}
