import Crypto
import Foundation
import LikenessRules

/// Where a mail goes: an account's address, or (an invitation) an address alone.
public struct MailRecipient: Sendable, Equatable {
    public let account: String?
    public let address: String
}

/// A pending mail as the sender takes it: what its template needs, and the invitation's code
/// (unsealed) when it carries one.
public struct OutgoingMail: Sendable {
    public let id: String
    public let kind: MailKind
    public let to: String
    public let subject: String
    /// The template's values (a JSON object), the link's path among them.
    public let data: Data
    public let code: String?
    public let attempts: Int
    public let createdAt: Date
}

/// The mail outbox (notifications.md): each mail is a row written in the transaction of the change
/// it tells of, whoever makes the change (the server, the CLI), so a crash loses none; the
/// sender (`LikenessMail`) renders and delivers the pending ones. An invitation's code is kept
/// sealed (ChaCha20-Poly1305 under the key file's webhook key, bound to the mail's id) only while
/// its mail is pending: sending or failing it forgets the code.
public enum Outbox {
    static let shape = RowInsert.Shape(table: "mail", columns: [
        "id", "kind", "account", "to_address", "subject", "data", "sealed_code", "next_attempt_at", "created_at",
    ])

    /// Queues one mail of `kind` to each recipient, in the caller's transaction; `data` fills its
    /// template. `code` (an invitation's) is sealed under `sealing`.
    static func queue(_ kind: MailKind, to recipients: [MailRecipient], subject: String, data: some Encodable, code: String? = nil,
                      sealing: SymmetricKey? = nil, at now: Date, _ db: any SQLConnection) throws {
        guard !recipients.isEmpty else { return }
        let json = String(decoding: try LikenessJSON.encoder.encode(data), as: UTF8.self)
        var rows: [RowInsert] = []
        for recipient in recipients {
            let id = IDs.make("mail", now: now)
            var sealed: Data?
            if let code {
                guard let sealing else {
                    throw LikenessError(.internal, "mail-key-missing", "an invitation's mail needs the key file's webhook key to keep its code sealed")
                }
                sealed = try ChaChaPoly.seal(Data(code.utf8), using: sealing, authenticating: Data(id.utf8)).combined
            }
            rows.append(RowInsert(shape, [id, kind.rawValue, recipient.account, recipient.address, subject, json, sealed, now, now]))
        }
        _ = try RowInsert.execute(rows, on: db)
    }

    /// The accounts among `usernames` that receive `kind`: those with an address that do not mute
    /// it, leaving out `actor` (nobody is mailed about their own action). In the order given.
    static func recipients(_ usernames: [String], kind: MailKind, except actor: String?, _ db: any SQLConnection) throws -> [MailRecipient] {
        var seen: Set<String> = []
        var recipients: [MailRecipient] = []
        for username in usernames where username != actor && seen.insert(username).inserted {
            guard let row = try db.row("SELECT email, mute FROM account WHERE username = ?", [username]),
                  let address: String = try row["email"],
                  !(try mutes(row["mute"])).contains(kind) else { continue }
            recipients.append(MailRecipient(account: username, address: address))
        }
        return recipients
    }

    /// `kinds` as the `mute` column stores them (a JSON array).
    static func stored(_ kinds: [MailKind]) -> String {
        "[" + kinds.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
    }

    /// Sets an account's address and muted kinds (each when given; `email: .some(nil)` removes
    /// the address), with its audit entry (which names what changed, not the address).
    public static func update(account username: String, email: String??, mute: [MailKind]?, now: Date, _ db: any SQLConnection) throws {
        if let email {
            try db.execute("UPDATE account SET email = ? WHERE username = ?", [email, username])
            try Audit.append(db, actor: username, action: "account.email", subject: username, detail: email == nil ? "removed" : "set", at: now)
        }
        if let mute {
            try db.execute("UPDATE account SET mute = ? WHERE username = ?", [stored(mute), username])
            try Audit.append(db, actor: username, action: "account.mute", subject: username, detail: stored(mute), at: now)
        }
    }

    /// The kinds a stored `mute` column names (unknown ones, from a newer release, are kept out).
    static func mutes(_ stored: String) throws -> [MailKind] {
        (try JSONDecoder().decode([String].self, from: Data(stored.utf8))).compactMap(MailKind.init(rawValue:))
    }

    /// The outbox, newest first, without bodies (the admin's list).
    public static func list(state: MailState?, limit: Int, _ db: any SQLConnection) throws -> [MailSummary] {
        var sql = "SELECT id, kind, to_address, subject, state, attempts, last_error, created_at, sent_at FROM mail"
        var arguments: [any SQLValueConvertible] = []
        if let state {
            sql += " WHERE state = ?"
            arguments.append(state.rawValue)
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT \(limit)"
        return try db.rows(sql, arguments).map { row in
            MailSummary(id: try row["id"], kind: try vocabulary(row["kind"]), to: try row["to_address"], subject: try row["subject"],
                        state: try vocabulary(row["state"]), attempts: try row["attempts"], lastError: try row["last_error"],
                        createdAt: try row["created_at"], sentAt: try row["sent_at"])
        }
    }

    static func vocabulary<V: Vocabulary>(_ raw: String) throws -> V {
        guard let value = V(rawValue: raw) else { throw LikenessError(.internal, "corrupt-row", "the outbox holds an unknown value '\(raw)'") }
        return value
    }

    /// Up to `limit` pending mails due at `now`, each leased until `leaseUntil` (its next attempt
    /// moved there, if no other sender moved it first): the mails this sender now sends.
    public static func lease(due now: Date, until leaseUntil: Date, limit: Int, sealing: SymmetricKey?,
                             _ db: any SQLConnection) throws -> [OutgoingMail] {
        let due = try db.rows("""
            SELECT id, next_attempt_at FROM mail WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT \(limit)
            """, [now])
        var leased: [OutgoingMail] = []
        for candidate in due {
            let id: String = try candidate["id"]
            let was: String = try candidate["next_attempt_at"]
            guard let row = try db.row("""
                UPDATE mail SET next_attempt_at = ? WHERE id = ? AND state = 'pending' AND next_attempt_at = ?
                RETURNING id, kind, to_address, subject, data, sealed_code, attempts, created_at
                """, [leaseUntil, id, was]) else { continue }
            var code: String?
            if let sealed: Data = try row["sealed_code"] {
                guard let sealing else { continue }
                code = String(decoding: try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: sealed), using: sealing,
                                                            authenticating: Data(id.utf8)), as: UTF8.self)
            }
            leased.append(OutgoingMail(id: id, kind: try vocabulary(row["kind"]), to: try row["to_address"], subject: try row["subject"],
                                       data: Data((try row["data"] as String).utf8), code: code, attempts: try row["attempts"],
                                       createdAt: try row["created_at"]))
        }
        return leased
    }

    /// Records a mail sent: its code forgotten.
    public static func markSent(_ id: String, attempts: Int, at now: Date, _ db: any SQLConnection) throws {
        try db.execute("""
            UPDATE mail SET state = 'sent', attempts = ?, sent_at = ?, last_error = NULL, sealed_code = NULL WHERE id = ? AND state = 'pending'
            """, [attempts, now, id])
    }

    /// Records a failed attempt: retried at `retryAt`, or (nil: permanent, or past the retry
    /// window) marked `failed`, its code forgotten.
    public static func markFailed(_ id: String, attempts: Int, error: String, retryAt: Date?, _ db: any SQLConnection) throws {
        if let retryAt {
            try db.execute("UPDATE mail SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'",
                           [attempts, error, retryAt, id])
        } else {
            try db.execute("""
                UPDATE mail SET state = 'failed', attempts = ?, last_error = ?, sealed_code = NULL WHERE id = ? AND state = 'pending'
                """, [attempts, error, id])
        }
    }
}
