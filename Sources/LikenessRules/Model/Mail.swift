import Foundation

/// What a notification mail is about (notifications.md), which is also what an account can mute.
public enum MailKind: String, Vocabulary {
    case invitation
    case offerWaiting = "offer.waiting", offerAnswered = "offer.answered"
    case grantChanged = "grant.changed"
    case requestWaiting = "request.waiting", requestDecided = "request.decided"
    case usesDigest = "uses.digest"
    case consentExpiring = "consent.expiring"

    /// An invitation goes to an address, not to an account, and cannot be muted.
    public var mutable: Bool { self != .invitation }
}

/// Where a mail of the outbox stands.
public enum MailState: String, Vocabulary { case pending, sent, failed }

/// A mail as the admin's list shows it (no body).
public struct MailSummary: Codable, Sendable, Equatable {
    public var id: String
    public var kind: MailKind
    public var to: String
    public var subject: String
    public var state: MailState
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(id: String, kind: MailKind, to: String, subject: String, state: MailState, attempts: Int, lastError: String?,
                createdAt: Date, sentAt: Date?) {
        self.id = id; self.kind = kind; self.to = to; self.subject = subject; self.state = state; self.attempts = attempts
        self.lastError = lastError; self.createdAt = createdAt; self.sentAt = sentAt
    }
}

/// The body of `PATCH /v1/me`: each field present is set (`email: null` removes the address).
public struct MeUpdateInput: Decodable, Sendable {
    /// Absent: unchanged; `.some(nil)`: removed.
    public var email: String??
    public var mute: [String]?

    public init(email: String?? = nil, mute: [String]? = nil) {
        self.email = email
        self.mute = mute
    }

    enum CodingKeys: String, CodingKey { case email, mute }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        email = c.contains(.email) ? .some(try c.decodeIfPresent(String.self, forKey: .email)) : nil
        mute = try c.decodeIfPresent([String].self, forKey: .mute)
    }

    /// The change as values: the address checked as `Validate.email` does, the kinds known and
    /// mutable (each once, in the vocabulary's order).
    public func validated() throws -> (email: String??, mute: [MailKind]?) {
        let email: String?? = try self.email.map { try Validate.email($0, "email") }
        let mute = try self.mute.map { names in
            try names.map { name -> MailKind in
                guard let kind = MailKind(rawValue: name) else {
                    throw LikenessError.invalid("mute", "'\(name.prefix(64))' is not a kind of mail (\(MailKind.spelled))")
                }
                guard kind.mutable else { throw LikenessError.invalid("mute", "invitations cannot be muted") }
                return kind
            }
        }
        return (email, mute.map { Set($0).sorted { $0.index < $1.index } })
    }
}
