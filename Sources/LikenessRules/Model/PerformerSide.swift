import Foundation

/// The performer's side (performers.md): accounts that act for performers through delegations,
/// invitations that create them, and consent offers they sign or decline.

/// In what capacity an account acts for a performer.
public enum Capacity: String, Vocabulary {
    /// The performer in person.
    case `self`
    /// For a minor, until the day they come of age.
    case guardian
    /// The authorised representative of a deceased performer, from the day of death.
    case estate
    /// A talent agent or lawyer; signs only when the invitation said so.
    case agent

    /// Who signed a grant given in this capacity.
    public var signer: Signer {
        switch self {
        case .self: .performer
        case .guardian: .guardian
        case .estate: .estate
        case .agent: .representative
        }
    }

    /// The account role that acts in this capacity.
    public var role: AccountRole { self == .self ? .performer : .representative }

    /// Whether the capacity can ever apply to `performer` from `today` on: `self` not for a deceased
    /// performer, `guardian` only for a minor, `estate` only once deceased.
    public func canApply(to performer: Performer, today: Day) -> Bool {
        switch self {
        case .self: !performer.isDeceased(on: today)
        case .guardian: performer.isMinor(on: today)
        case .estate: performer.isDeceased(on: today)
        case .agent: true
        }
    }
}

extension Performer {
    /// A minor on every day before `minorUntil`.
    public func isMinor(on day: Day) -> Bool { minorUntil.map { day < $0 } ?? false }
    /// Deceased on `deceasedOn` and every day after.
    public func isDeceased(on day: Day) -> Bool { deceasedOn.map { $0 <= day } ?? false }
}

/// An account acting for a performer in a capacity, since the invitation was accepted.
public struct Delegation: Codable, Sendable, Equatable {
    public var id: String
    public var account: String
    public var performer: String
    public var capacity: Capacity
    /// Always true for `self`, `guardian` and `estate`; for an agent, as the invitation said.
    public var mayConsent: Bool
    public var since: Date
    public var revokedAt: Date?
    public var revokedBy: String?
    public var revokeReason: String?
    /// The invitation it came from (not in answers: the code's record is casting's business).
    public var invitation: String

    public init(id: String, account: String, performer: String, capacity: Capacity, mayConsent: Bool, since: Date,
                revokedAt: Date? = nil, revokedBy: String? = nil, revokeReason: String? = nil, invitation: String) {
        self.id = id; self.account = account; self.performer = performer; self.capacity = capacity; self.mayConsent = mayConsent
        self.since = since; self.revokedAt = revokedAt; self.revokedBy = revokedBy; self.revokeReason = revokeReason
        self.invitation = invitation
    }

    enum CodingKeys: String, CodingKey { case id, account, performer, capacity, mayConsent, since, revokedAt, revokedBy, revokeReason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), account: try c.decode(String.self, forKey: .account),
                  performer: try c.decode(String.self, forKey: .performer), capacity: try c.decode(Capacity.self, forKey: .capacity),
                  mayConsent: try c.decode(Bool.self, forKey: .mayConsent), since: try c.decode(Date.self, forKey: .since),
                  revokedAt: try c.decodeIfPresent(Date.self, forKey: .revokedAt),
                  revokedBy: try c.decodeIfPresent(String.self, forKey: .revokedBy),
                  revokeReason: try c.decodeIfPresent(String.self, forKey: .revokeReason), invitation: "")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(account, forKey: .account)
        try c.encode(performer, forKey: .performer)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(mayConsent, forKey: .mayConsent)
        try c.encode(since, forKey: .since)
        try c.encodeIfPresent(revokedAt, forKey: .revokedAt)
        try c.encodeIfPresent(revokedBy, forKey: .revokedBy)
        try c.encodeIfPresent(revokeReason, forKey: .revokeReason)
    }

    /// What the delegation lets its account do for `performer` on `today` (the spec's table):
    /// nothing once revoked, or while its capacity is out of its period.
    public func authority(over performer: Performer, on today: Day) -> Authority {
        guard revokedAt == nil else { return [] }
        switch capacity {
        case .self:
            guard !performer.isDeceased(on: today) else { return [] }
            return performer.isMinor(on: today) ? [.see] : [.see, .sign, .change]
        case .guardian:
            return performer.isMinor(on: today) ? [.see, .sign, .change] : []
        case .estate:
            return performer.isDeceased(on: today) ? [.see, .sign, .change] : []
        case .agent:
            return mayConsent ? [.see, .sign, .change] : [.see, .change]
        }
    }
}

/// What a performer-side account may do for a performer on a day.
public struct Authority: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Read the performer, their grants, offers and uses.
    public static let see = Authority(rawValue: 1)
    /// Sign or decline the performer's consent offers.
    public static let sign = Authority(rawValue: 2)
    /// Revoke, suspend or resume the performer's grants.
    public static let change = Authority(rawValue: 4)
}

/// A one-time invitation to act for a performer; its code is stored only as a hash.
public struct Invitation: Codable, Sendable, Equatable {
    public var id: String
    public var performer: String
    public var capacity: Capacity
    public var mayConsent: Bool
    public var email: String?
    public var codeHash: String
    public var expiresAt: Date
    public var createdBy: String
    public var createdAt: Date
    public var usedAt: Date?
    public var usedBy: String?

    public init(id: String, performer: String, capacity: Capacity, mayConsent: Bool, email: String?, codeHash: String,
                expiresAt: Date, createdBy: String, createdAt: Date, usedAt: Date? = nil, usedBy: String? = nil) {
        self.id = id; self.performer = performer; self.capacity = capacity; self.mayConsent = mayConsent; self.email = email
        self.codeHash = codeHash; self.expiresAt = expiresAt; self.createdBy = createdBy; self.createdAt = createdAt
        self.usedAt = usedAt; self.usedBy = usedBy
    }
}

/// Where a consent offer stands. An `open` offer past its `respondBy` day reads as `expired`.
public enum OfferState: String, Vocabulary { case open, signed, declined, withdrawn, expired }

/// A consent casting proposes, in a grant's terms, with the plain-language text the signer reads.
public struct ConsentOffer: Codable, Sendable, Equatable {
    public var id: String
    public var performer: String
    public var production: String?
    public var uses: [Use]
    public var aspects: [Aspect]
    public var destinations: [Destination]
    public var territories: [String]
    public var excludedContent: [String]
    public var validFrom: Day
    public var validUntil: Day
    public var survivesDeath: Bool
    public var description: String
    public var respondBy: Day
    /// As stored: `open`, `signed`, `declined` or `withdrawn` (`state(on:)` adds `expired`).
    public var storedState: OfferState
    public var offeredBy: String
    public var offeredAt: Date
    public var terms: String
    public var termsSha256: String
    public var grant: String?
    public var signedAt: Date?
    public var decidedBy: String?
    public var decidedAt: Date?
    public var reason: String?
    /// The fee the grant will carry once signed; the terms state it in words.
    public var fee: Fee?

    public init(id: String, performer: String, production: String?, uses: [Use], aspects: [Aspect], destinations: [Destination],
                territories: [String], excludedContent: [String], validFrom: Day, validUntil: Day, survivesDeath: Bool,
                description: String, respondBy: Day, storedState: OfferState, offeredBy: String, offeredAt: Date, terms: String,
                termsSha256: String, grant: String? = nil, signedAt: Date? = nil, decidedBy: String? = nil, decidedAt: Date? = nil,
                reason: String? = nil, fee: Fee? = nil) {
        self.id = id; self.performer = performer; self.production = production; self.uses = uses; self.aspects = aspects
        self.destinations = destinations; self.territories = territories; self.excludedContent = excludedContent
        self.validFrom = validFrom; self.validUntil = validUntil; self.survivesDeath = survivesDeath; self.description = description
        self.respondBy = respondBy; self.storedState = storedState; self.offeredBy = offeredBy; self.offeredAt = offeredAt
        self.terms = terms; self.termsSha256 = termsSha256; self.grant = grant; self.signedAt = signedAt
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.reason = reason; self.fee = fee
    }

    /// The state on `today`: an open offer past its `respondBy` day is `expired`.
    public func state(on today: Day) -> OfferState {
        storedState == .open && today > respondBy ? .expired : storedState
    }

    /// The offer as the API answers it on `today`.
    public func answer(on today: Day) -> Answer { Answer(offer: self, state: state(on: today)) }

    /// The offer's fields in the API's answer, with its state as of a day.
    public struct Answer: Encodable, Sendable {
        public let offer: ConsentOffer
        public let state: OfferState

        enum CodingKeys: String, CodingKey {
            case id, performer, production, uses, aspects, destinations, territories, excludedContent, validFrom, validUntil
            case survivesDeath, description, state, respondBy, offeredBy, offeredAt, terms, termsSha256, grant, signedAt
            case decidedBy, decidedAt, reason, fee
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            let o = offer
            try c.encode(o.id, forKey: .id)
            try c.encode(o.performer, forKey: .performer)
            try c.encode(o.production, forKey: .production)
            try c.encode(o.uses, forKey: .uses)
            try c.encode(o.aspects, forKey: .aspects)
            try c.encode(o.destinations, forKey: .destinations)
            try c.encode(o.territories, forKey: .territories)
            try c.encode(o.excludedContent, forKey: .excludedContent)
            try c.encode(o.validFrom, forKey: .validFrom)
            try c.encode(o.validUntil, forKey: .validUntil)
            try c.encode(o.survivesDeath, forKey: .survivesDeath)
            try c.encode(o.description, forKey: .description)
            try c.encode(state, forKey: .state)
            try c.encode(o.respondBy, forKey: .respondBy)
            try c.encode(o.offeredBy, forKey: .offeredBy)
            try c.encode(o.offeredAt, forKey: .offeredAt)
            try c.encode(o.terms, forKey: .terms)
            try c.encode(o.termsSha256, forKey: .termsSha256)
            try c.encodeIfPresent(o.grant, forKey: .grant)
            try c.encodeIfPresent(o.signedAt, forKey: .signedAt)
            try c.encodeIfPresent(o.decidedBy, forKey: .decidedBy)
            try c.encodeIfPresent(o.decidedAt, forKey: .decidedAt)
            try c.encodeIfPresent(o.reason, forKey: .reason)
            try c.encodeIfPresent(o.fee, forKey: .fee)
        }
    }
}
