import Foundation
import LikenessRules

/// One-time invitations to act for a performer. The code is at least 128 random bits (here 256),
/// shown once and kept only as its SHA-256; an unknown, used or expired code is one answer.
public enum Invitations {
    /// The one answer for a code that is unknown, used or expired.
    public static let notFound = LikenessError(.notFound, "invitation-not-found", "no invitation with this code: it is unknown, used or expired")

    /// A new code and the invitation that keeps its hash.
    public static func make(performer: String, capacity: Capacity, mayConsent: Bool, email: String?, expiresInDays: Int,
                            actor: String, now: Date) -> (invitation: Invitation, code: String) {
        let code = Tokens.random(prefix: "inv_")
        let invitation = Invitation(id: IDs.make("inv", now: now), performer: performer, capacity: capacity, mayConsent: mayConsent,
                                    email: email, codeHash: Tokens.hash(code),
                                    expiresAt: now.addingTimeInterval(TimeInterval(expiresInDays) * 86_400), createdBy: actor,
                                    createdAt: now)
        return (invitation, code)
    }

    /// Stores a new invitation, audited (never with its code).
    public static func insert(_ invitation: Invitation, by: ActedBy, _ db: any SQLConnection) throws {
        try invitation.insert(db)
        try Audit.append(db, actor: by.account, action: "invitation.create", subject: invitation.id,
                         detail: "performer \(invitation.performer), capacity \(invitation.capacity.rawValue)", by: by, at: invitation.createdAt)
    }

    /// The invitation a code opens now; `notFound` when unknown, used or expired.
    public static func usable(code: String, now: Date, _ db: any SQLConnection) throws -> Invitation {
        guard let invitation = try Invitation.fetch("WHERE code_hash = ?", [Tokens.hash(code)], db).first,
              invitation.usedAt == nil, invitation.expiresAt > now else { throw notFound }
        return invitation
    }

    /// Uses the invitation for `account` (created first when `newAccount` is given), adding its
    /// delegation, in the caller's transaction. A code used meanwhile (two acceptances racing) is
    /// `notFound` for the later one.
    public static func accept(code: String, account username: String, newAccount: Account?, now: Date,
                              _ db: any SQLConnection) throws -> (account: Account, delegation: Delegation) {
        let invitation = try usable(code: code, now: now, db)
        guard try db.row("UPDATE invitation SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL RETURNING id",
                         [now, username, invitation.id]) != nil else { throw notFound }
        let account: Account
        if let newAccount {
            guard try !Account.exists(newAccount.username, db) else { throw LikenessError.duplicate("account", newAccount.username) }
            try newAccount.insert(db)
            try Audit.append(db, actor: username, action: "account.create", subject: username,
                             detail: "\(newAccount.role.rawValue), by invitation \(invitation.id)", at: now)
            account = newAccount
        } else {
            account = try Registry.require(Account.self, username, "account", field: "username", db)
        }
        guard account.role == invitation.capacity.role else {
            throw LikenessError(.conflict, "role-mismatch",
                                "'\(username)' is a \(account.role.rawValue) account; capacity \(invitation.capacity.rawValue) is for a \(invitation.capacity.role.rawValue) account",
                                field: "username")
        }
        let delegation = Delegation(id: IDs.make("dlg", now: now), account: username, performer: invitation.performer,
                                    capacity: invitation.capacity, mayConsent: invitation.capacity == .agent ? invitation.mayConsent : true,
                                    since: now, invitation: invitation.id)
        try delegation.insert(db)
        let by = ActedBy(account: username, role: account.role, capacity: invitation.capacity)
        try Audit.append(db, actor: username, action: "invitation.accept", subject: invitation.id, detail: "delegation \(delegation.id)",
                         by: by, at: now)
        try Events.append(.delegationCreated, Delegations.DelegationEvent(delegation, by: by), at: now, db)
        return (account, delegation)
    }
}
