import Crypto
import Foundation
import LikenessRules

/// Who is mailed about what (notifications.md's table), each kind a function called in the
/// transaction of the change it tells of. Only accounts with an address receive mail, never for a
/// kind they muted, and nobody about their own action (`Outbox.recipients`). A mail's values name
/// the performer, production and link it is about, never personal data from the vault.
public enum Notifications {
    /// What every mail's template may show: the performer and production it is about (names and
    /// ids), the link's path under the base URL, who acted and why, and the kind's own values.
    struct Values: Encodable {
        var performer: String?
        var performerId: String?
        var production: String?
        var productionId: String?
        var link: String
        var by: String?
        var reason: String?
        var action: String?
        var capacity: String?
        var respondBy: String?
        var description: String?
        var expires: String?
        var note: String?
        var check: String?
        var daysLeft: Int?
        var validUntil: String?
        var day: String?
        var count: Int?
        var performers: [DigestPerformer]?
    }

    /// One performer's checks in a digest.
    struct DigestPerformer: Encodable {
        let performer: String
        let performerId: String
        let count: Int
        /// The checks counted but not listed (nil: none).
        let more: Int?
        let link: String
        let checks: [DigestCheck]
    }

    struct DigestCheck: Encodable {
        let time: String
        let production: String
        let use: String
        let decision: String
    }

    /// An invitation made with an address: the link to accept it, to that address (never muted).
    public static func invitation(_ invitation: Invitation, code: String, sealing: SymmetricKey?, _ db: any SQLConnection) throws {
        guard let address = invitation.email else { return }
        let performer = try performerName(invitation.performer, db)
        try Outbox.queue(.invitation, to: [MailRecipient(account: nil, address: address)],
                         subject: "You are invited to Likeness for \(performer)",
                         data: Values(performer: performer, performerId: invitation.performer, link: "/join/{code}", by: invitation.createdBy,
                                      capacity: invitation.capacity.rawValue, expires: Day(invitation.expiresAt).description),
                         code: code, sealing: sealing, at: invitation.createdAt, db)
    }

    /// A consent offer was made: to the performer-side accounts that may sign it.
    public static func offerWaiting(_ offer: ConsentOffer, by: ActedBy, today: Day, _ db: any SQLConnection) throws {
        let accounts = try sideAccounts(of: offer.performer, needing: .sign, on: today, db)
        let production = try productionTitle(offer.production, db)
        try Outbox.queue(.offerWaiting, to: try Outbox.recipients(accounts, kind: .offerWaiting, except: by.account, db),
                         subject: "A consent offer waits for your answer: \(production)",
                         data: Values(performer: try performerName(offer.performer, db), performerId: offer.performer, production: production,
                                      productionId: offer.production, link: "/me/offers/\(offer.id)", by: offer.offeredBy,
                                      respondBy: offer.respondBy.description, description: offer.description),
                         at: offer.offeredAt, db)
    }

    /// An offer was signed or declined: to the casting account that made it.
    public static func offerAnswered(_ offer: ConsentOffer, signed: Bool, by: ActedBy, now: Date, _ db: any SQLConnection) throws {
        let performer = try performerName(offer.performer, db)
        let production = try productionTitle(offer.production, db)
        let action = signed ? "signed" : "declined"
        try Outbox.queue(.offerAnswered, to: try Outbox.recipients([offer.offeredBy], kind: .offerAnswered, except: by.account, db),
                         subject: "\(performer) \(action) your consent offer: \(production)",
                         data: Values(performer: performer, performerId: offer.performer, production: production, productionId: offer.production,
                                      link: "/performers/\(offer.performer)", by: by.account, reason: offer.reason, action: action,
                                      description: offer.description),
                         at: now, db)
    }

    /// A grant was revoked, suspended or resumed: to the performer-side accounts that may see its
    /// performer; when the performer's side acted, also to whoever recorded or offered the grant.
    public static func grantChanged(_ grant: Grant, action: String, reason: String, by: ActedBy, now: Date, _ db: any SQLConnection) throws {
        let side = try sideAccounts(of: grant.performer, needing: .see, on: Day(now), db)
        var staff: [String] = []
        if by.isPerformerSide {
            staff.append(grant.recordedBy)
            staff += try db.rows("SELECT offered_by FROM consent_offer WHERE grant_id = ?", [grant.id]).map { try $0["offered_by"] }
        }
        let performer = try performerName(grant.performer, db)
        let production = try productionTitle(grant.production, db)
        let values = Values(performer: performer, performerId: grant.performer, production: production, productionId: grant.production,
                            link: "", by: by.account, reason: reason, action: action, description: grant.description)
        let subject = "Consent \(action): \(performer), \(production)"
        var pageFor = values
        pageFor.link = "/me/performers/\(grant.performer)#grant-\(grant.id)"
        try Outbox.queue(.grantChanged, to: try Outbox.recipients(side, kind: .grantChanged, except: by.account, db), subject: subject,
                         data: pageFor, at: now, db)
        pageFor.link = "/grants/\(grant.id)"
        try Outbox.queue(.grantChanged, to: try Outbox.recipients(staff.filter { !side.contains($0) }, kind: .grantChanged, except: by.account, db),
                         subject: subject, data: pageFor, at: now, db)
    }

    /// An approval request was made: to its production's contact.
    public static func requestWaiting(_ request: ApprovalRequest, _ db: any SQLConnection) throws {
        guard let contact = try Production.find(request.production, db)?.contact else { return }
        let production = try productionTitle(request.production, db)
        try Outbox.queue(.requestWaiting, to: try Outbox.recipients([contact], kind: .requestWaiting, except: request.requestedBy, db),
                         subject: "An approval request waits for your decision: \(production)",
                         data: Values(production: production, productionId: request.production, link: "/requests/\(request.id)",
                                      by: request.requestedBy, note: request.note, check: request.check),
                         at: request.requestedAt, db)
    }

    /// An approval request was approved or declined: to the account that made it.
    public static func requestDecided(_ request: ApprovalRequest, by actor: String, now: Date, _ db: any SQLConnection) throws {
        guard request.state == .approved || request.state == .declined else { return }
        let production = try productionTitle(request.production, db)
        try Outbox.queue(.requestDecided, to: try Outbox.recipients([request.requestedBy], kind: .requestDecided, except: actor, db),
                         subject: "Your approval request was \(request.state.rawValue): \(production)",
                         data: Values(production: production, productionId: request.production, link: "/requests/\(request.id)", by: actor,
                                      reason: request.reason, action: request.state.rawValue, note: request.note, check: request.check),
                         at: now, db)
    }

    /// `likeness alerts` found a grant past a threshold: to the performer-side accounts of its performer.
    @discardableResult
    public static func consentExpiring(_ grant: Grant, daysLeft: Int, today: Day, now: Date, _ db: any SQLConnection) throws -> Int {
        let accounts = try sideAccounts(of: grant.performer, needing: .see, on: today, db)
        let recipients = try Outbox.recipients(accounts, kind: .consentExpiring, except: nil, db)
        let performer = try performerName(grant.performer, db)
        let production = try productionTitle(grant.production, db)
        let when = daysLeft <= 0 ? "today" : daysLeft == 1 ? "in 1 day" : "in \(daysLeft) days"
        try Outbox.queue(.consentExpiring, to: recipients, subject: "Consent ends \(when): \(performer), \(production)",
                         data: Values(performer: performer, performerId: grant.performer, production: production, productionId: grant.production,
                                      link: "/me/performers/\(grant.performer)#grant-\(grant.id)", description: grant.description,
                                      daysLeft: daysLeft, validUntil: grant.validUntil.description),
                         at: now, db)
        return recipients.count
    }

    /// The daily digest for `day` (`likeness digest`): to each performer-side account, one mail
    /// listing the checks whose day of use was `day` (the uses ledger's day) that named the
    /// performers it may see, when there were any: each performer's count, and their first
    /// `digestLines` checks. A digest sent for an account and day is recorded, so a second run for
    /// the same day sends nothing new. Returns the mails queued.
    public static func usesDigest(day: Day, now: Date, codec: ReceiptCodec, _ db: any SQLConnection) throws -> Int {
        let accounts: [String] = try db.rows("""
            SELECT DISTINCT a.username FROM account a JOIN delegation d ON d.account = a.username
            WHERE d.revoked_at IS NULL AND a.email IS NOT NULL ORDER BY a.username
            """, []).map { try $0["username"] }
        var queued = 0
        for account in accounts {
            guard let recipient = try Outbox.recipients([account], kind: .usesDigest, except: nil, db).first,
                  try db.row("SELECT 1 FROM mail_digest WHERE account = ? AND day = ?", [account, day.description]) == nil else { continue }
            var performers: [DigestPerformer] = []
            for seen in try Delegations.performers(seenBy: account, on: day, db) {
                var lines: [DigestCheck] = [], count = 0, before: String?
                repeat {
                    let page = try PerformerUses.page(performer: seen.performer.id, since: day, until: day, limit: 500, before: before,
                                                      codec: codec, db)
                    count += page.checks.count
                    for use in page.checks.prefix(digestLines - lines.count) {
                        lines.append(DigestCheck(time: String(use.decidedAt.dropFirst(11).prefix(5)),
                                                 production: try productionTitle(use.production, db), use: use.use.rawValue,
                                                 decision: use.decision.rawValue))
                    }
                    before = page.next
                } while before != nil
                guard count > 0 else { continue }
                performers.append(DigestPerformer(performer: seen.performer.name, performerId: seen.performer.id, count: count,
                                                  more: count > lines.count ? count - lines.count : nil, link: "/me/performers/\(seen.performer.id)#uses", checks: lines))
            }
            try db.execute("INSERT INTO mail_digest (account, day) VALUES (?, ?)", [account, day.description])
            guard !performers.isEmpty else { continue }
            let count = performers.reduce(0) { $0 + $1.count }
            try Outbox.queue(.usesDigest, to: [recipient],
                             subject: "\(count) \(count == 1 ? "use" : "uses") on \(day): \(performers.map(\.performer).joined(separator: ", "))",
                             data: Values(link: "/me", day: day.description, count: count, performers: performers), at: now, db)
            queued += 1
        }
        return queued
    }

    /// The checks a digest lists per performer (it counts them all).
    static let digestLines = 20

    /// The performer-side accounts whose delegation for `performer` gives `authority` on `day`.
    static func sideAccounts(of performer: String, needing authority: Authority, on day: Day, _ db: any SQLConnection) throws -> [String] {
        guard let record = try Performer.find(performer, db) else { return [] }
        return try Delegations.for(performer: performer, db)
            .filter { $0.revokedAt == nil && $0.authority(over: record, on: day).isSuperset(of: authority) }
            .map(\.account)
    }

    static func performerName(_ id: String, _ db: any SQLConnection) throws -> String {
        try Performer.find(id, db)?.name ?? id
    }

    /// A production's title; a studio-wide grant or offer names none.
    static func productionTitle(_ id: String?, _ db: any SQLConnection) throws -> String {
        guard let id else { return "every production of the studio" }
        return try Production.find(id, db)?.title ?? id
    }
}
