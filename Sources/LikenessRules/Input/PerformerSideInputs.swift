import Foundation

/// Bodies of the performer's side's calls (performers.md), validated into values.

extension Validate {
    /// An e-mail address, plain `local@domain` (notifications.md): one `@` with text on both
    /// sides and a dot in the domain, ASCII, no display name (none of `<>()[]\,;:"`), no spaces
    /// or control characters, at most 254 bytes (RFC 5321's limit). Mail servers decide the rest.
    package static func email(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let specials = Set("<>()[]\\,;:\"".unicodeScalars)
        guard value.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !value.unicodeScalars.contains(where: { !$0.isASCII || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
                  || specials.contains($0) })
        else {
            throw LikenessError.invalid(field, "'\(value.prefix(64))' is not a plain e-mail address (local@domain, ASCII, no name or spaces)",
                                        code: "invalid-email")
        }
        return value
    }
}

public struct InvitationInput: Codable, Sendable {
    public var capacity: String?
    public var mayConsent: Bool?
    public var email: String?
    public var expiresInDays: Int?

    public init(capacity: String? = nil, mayConsent: Bool? = nil, email: String? = nil, expiresInDays: Int? = nil) {
        self.capacity = capacity; self.mayConsent = mayConsent; self.email = email; self.expiresInDays = expiresInDays
    }

    /// The invitation's capacity, whether it may consent (always for every capacity but `agent`;
    /// for an agent as asked, default false), address and days to expiry (1 to 30, default 7).
    public func validated() throws -> (capacity: Capacity, mayConsent: Bool, email: String?, expiresInDays: Int) {
        let capacity: Capacity = try Validate.requiredTerm(capacity, "capacity")
        let days = expiresInDays ?? 7
        guard (1...30).contains(days) else {
            throw LikenessError.invalid("expiresInDays", "expiresInDays is a number of days from 1 to 30", code: "out-of-range")
        }
        return (capacity, capacity == .agent ? mayConsent ?? false : true, try Validate.email(email, "email"), days)
    }
}

public struct AcceptInvitationInput: Codable, Sendable {
    public var code: String?
    public var username: String?
    public var password: String?
    public var email: String?

    public init(code: String? = nil, username: String? = nil, password: String? = nil, email: String? = nil) {
        self.code = code; self.username = username; self.password = password; self.email = email
    }
}

/// A consent offer's body: a grant's fields except `signedBy` and `evidence`, and `respondBy`.
public struct ConsentOfferInput: Codable, Sendable {
    public var id: String?
    public var performer: String?
    public var production: String?
    public var uses: [String]?
    public var aspects: [String]?
    public var destinations: [String]?
    public var territories: [String]?
    public var excludedContent: [String]?
    public var validFrom: String?
    public var validUntil: String?
    public var survivesDeath: Bool?
    public var description: String?
    public var respondBy: String?
    public var fee: FeeInput?

    public init() {}

    /// The terms validated exactly as a grant's (same codes and fields), as the grant they would
    /// make, and the day to respond by (default 14 days after today; not before today).
    public func validated(actor: String, now: Date) throws -> (terms: Grant, respondBy: Day) {
        var grant = GrantInput()
        grant.id = id; grant.performer = performer; grant.production = production; grant.uses = uses; grant.aspects = aspects
        grant.destinations = destinations; grant.territories = territories; grant.excludedContent = excludedContent
        grant.validFrom = validFrom; grant.validUntil = validUntil; grant.survivesDeath = survivesDeath
        grant.description = description; grant.fee = fee
        grant.signedBy = Signer.performer.rawValue  // who signs is known only when someone does
        var terms = try grant.record(actor: actor, now: now)
        if id == nil { terms.id = IDs.make("off", now: now) }
        let today = Day(now)
        let respondBy = try Validate.day(respondBy, "respondBy") ?? today.adding(days: 14)
        guard respondBy >= today else {
            throw LikenessError.invalid("respondBy", "respondBy (\(respondBy)) is before today (\(today))", code: "invalid-range")
        }
        return (terms, respondBy)
    }
}

public struct SignOfferInput: Codable, Sendable {
    public var typedName: String?
    public var agree: Bool?
    public var termsSha256: String?

    public init(typedName: String? = nil, agree: Bool? = nil, termsSha256: String? = nil) {
        self.typedName = typedName; self.agree = agree; self.termsSha256 = termsSha256
    }

    /// The typed name (at least 2 characters), the agreement (must be true) and the hash shown.
    public func validated() throws -> (typedName: String, termsSha256: String) {
        guard agree == true else {
            throw LikenessError.invalid("agree", "signing needs agree: true (the signer agrees to the terms shown)", code: "not-agreed")
        }
        let name = try Validate.requiredText(typedName, "typedName", max: 200)
        guard name.unicodeScalars.count >= 2 else {
            throw LikenessError.invalid("typedName", "typedName is the signer's full name (at least 2 characters)", code: "too-short")
        }
        guard let hash = termsSha256 else { throw LikenessError.missing("termsSha256") }
        return (name, hash)
    }
}

public struct OptionalReasonInput: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
    public func validated() throws -> String? { try Validate.text(reason, "reason", max: 2000) }
}
