import Foundation

/// The registry's entities as plain values; the store gives them their rows (`Records.swift` there).

/// A performer as the registry knows them (no personal data).
public struct Performer: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// The performer is a minor on every day before this one.
    public var minorUntil: Day?
    /// The performer is deceased on this day and after.
    public var deceasedOn: Day?
    public var createdAt: Date

    public init(id: String, name: String, minorUntil: Day?, deceasedOn: Day?, createdAt: Date) {
        self.id = id; self.name = name; self.minorUntil = minorUntil; self.deceasedOn = deceasedOn; self.createdAt = createdAt
    }
}

public struct Production: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var studio: String?
    /// Documentary, docuseries, news or reality: generated material in it could mislead (rule P7).
    public var nonFiction: Bool
    /// The username of the studio account that is the production's contact.
    public var contact: String?
    public var createdAt: Date

    public init(id: String, title: String, studio: String?, nonFiction: Bool, contact: String?, createdAt: Date) {
        self.id = id; self.title = title; self.studio = studio; self.nonFiction = nonFiction; self.contact = contact
        self.createdAt = createdAt
    }
}

/// A performer's role in a production; union-covered when it names a union.
public struct Role: Codable, Sendable, Equatable {
    public var id: String
    public var production: String
    public var performer: String
    public var name: String
    public var category: RoleCategory
    public var union: String?
    public var createdAt: Date

    public init(id: String, production: String, performer: String, name: String, category: RoleCategory, union: String?,
                createdAt: Date) {
        self.id = id; self.production = production; self.performer = performer; self.name = name; self.category = category
        self.union = union; self.createdAt = createdAt
    }
}

/// A registered generative tool.
public struct Tool: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var vendor: String?
    /// The version generating with it, as media manifests name it (`softwareAgent`).
    public var version: String?
    public var retainsInputs: Bool
    public var enterpriseSecured: Bool
    public var createdAt: Date

    public init(id: String, name: String, vendor: String?, version: String? = nil, retainsInputs: Bool, enterpriseSecured: Bool,
                createdAt: Date) {
        self.id = id; self.name = name; self.vendor = vendor; self.version = version; self.retainsInputs = retainsInputs
        self.enterpriseSecured = enterpriseSecured; self.createdAt = createdAt
    }
}

/// A union's strike state.
public struct UnionState: Codable, Sendable, Equatable {
    public var name: String
    public var strike: Bool
    public var updatedAt: Date
    public var updatedBy: String

    public init(name: String, strike: Bool, updatedAt: Date, updatedBy: String) {
        self.name = name; self.strike = strike; self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }
}

/// How a grant's consent was given: a signed document casting recorded (`document`), or an offer
/// signed in the app (`portal`), whose evidence says which offer, the hash of the terms shown, who
/// signed, in which capacity, the name typed and when.
public struct Evidence: Codable, Sendable, Equatable {
    public enum Method: String, Vocabulary { case document, portal }

    public var method: Method
    public var documentRef: String?
    public var sha256: String?
    public var offer: String?
    public var signer: String?
    public var capacity: Capacity?
    public var typedName: String?
    public var signedAt: Date?

    public init(documentRef: String?, sha256: String?) {
        method = .document; self.documentRef = documentRef; self.sha256 = sha256
    }

    public init(portalOffer offer: String, sha256: String, signer: String, capacity: Capacity, typedName: String, signedAt: Date) {
        method = .portal; self.offer = offer; self.sha256 = sha256; self.signer = signer; self.capacity = capacity
        self.typedName = typedName; self.signedAt = signedAt
    }

    enum CodingKeys: String, CodingKey { case method, documentRef, sha256, offer, signer, capacity, typedName, signedAt }

    /// Evidence stored before offers existed has no method: it is a document's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decodeIfPresent(Method.self, forKey: .method) ?? .document
        documentRef = try c.decodeIfPresent(String.self, forKey: .documentRef)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
        offer = try c.decodeIfPresent(String.self, forKey: .offer)
        signer = try c.decodeIfPresent(String.self, forKey: .signer)
        capacity = try c.decodeIfPresent(Capacity.self, forKey: .capacity)
        typedName = try c.decodeIfPresent(String.self, forKey: .typedName)
        signedAt = try c.decodeIfPresent(Date.self, forKey: .signedAt)
    }

    /// The evidence of a grant casting recorded without any: its method only.
    public static let documentWithoutReference = Evidence(documentRef: nil, sha256: nil)
}

/// A performer's consent to uses of their likeness, in a scope and for a period.
public struct Grant: Codable, Sendable, Equatable {
    public var id: String
    public var performer: String
    /// nil: studio-wide.
    public var production: String?
    public var uses: [Use]
    public var aspects: [Aspect]
    public var destinations: [Destination]
    /// `["*"]` for worldwide, else ISO 3166-1 alpha-2 codes.
    public var territories: [String]
    public var excludedContent: [String]
    public var validFrom: Day
    public var validUntil: Day
    public var signedBy: Signer
    public var survivesDeath: Bool
    public var description: String
    public var evidence: Evidence?
    public var status: GrantStatus
    public var recordedAt: Date
    public var recordedBy: String
    /// What is owed per use under the grant (compensation.md); nil: nothing.
    public var fee: Fee?

    public init(id: String, performer: String, production: String?, uses: [Use], aspects: [Aspect],
                destinations: [Destination], territories: [String], excludedContent: [String], validFrom: Day,
                validUntil: Day, signedBy: Signer, survivesDeath: Bool, description: String, evidence: Evidence?,
                status: GrantStatus, recordedAt: Date, recordedBy: String, fee: Fee? = nil) {
        self.id = id; self.performer = performer; self.production = production; self.uses = uses
        self.aspects = aspects; self.destinations = destinations; self.territories = territories
        self.excludedContent = excludedContent; self.validFrom = validFrom; self.validUntil = validUntil
        self.signedBy = signedBy; self.survivesDeath = survivesDeath; self.description = description
        self.evidence = evidence; self.status = status; self.recordedAt = recordedAt; self.recordedBy = recordedBy
        self.fee = fee
    }

    public var isWorldwide: Bool { territories == ["*"] }

    /// Production is encoded as an explicit `null` when studio-wide, as in the spec.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(performer, forKey: .performer)
        try c.encode(production, forKey: .production)
        try c.encode(uses, forKey: .uses)
        try c.encode(aspects, forKey: .aspects)
        try c.encode(destinations, forKey: .destinations)
        try c.encode(territories, forKey: .territories)
        try c.encode(excludedContent, forKey: .excludedContent)
        try c.encode(validFrom, forKey: .validFrom)
        try c.encode(validUntil, forKey: .validUntil)
        try c.encode(signedBy, forKey: .signedBy)
        try c.encode(survivesDeath, forKey: .survivesDeath)
        try c.encode(description, forKey: .description)
        try c.encode(evidence ?? .documentWithoutReference, forKey: .evidence)
        try c.encode(status, forKey: .status)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(recordedBy, forKey: .recordedBy)
        try c.encodeIfPresent(fee, forKey: .fee)
    }
}

/// One change of a grant's status: who (`actor`, and `by` with the role and capacity it acted in),
/// when and why.
public struct GrantStatusChange: Codable, Sendable, Equatable {
    public var id: Int64?
    public var grantId: String
    public var status: GrantStatus
    public var reason: String
    public var at: Date
    public var actor: String
    public var by: ActedBy

    public init(id: Int64?, grantId: String, status: GrantStatus, reason: String, at: Date, actor: String, by: ActedBy) {
        self.id = id; self.grantId = grantId; self.status = status; self.reason = reason; self.at = at; self.actor = actor
        self.by = by
    }
}

/// Who acted: the account, its role, and the capacity a performer-side account acted in.
public struct ActedBy: Codable, Sendable, Equatable {
    public var account: String
    public var role: AccountRole
    public var capacity: Capacity?

    public init(account: String, role: AccountRole, capacity: Capacity? = nil) {
        self.account = account; self.role = role; self.capacity = capacity
    }

    /// Whether the performer's side acted (a performer or representative account).
    public var isPerformerSide: Bool { role.isPerformerSide }
}

/// A studio's written approval of uses in a production.
public struct Approval: Codable, Sendable, Equatable {
    public var id: String
    public var production: String
    public var performer: String?
    /// nil or empty: any use.
    public var uses: [Use]?
    /// nil or empty: any destination.
    public var destinations: [Destination]?
    public var covers: [Requirement]
    public var validUntil: Day?
    public var approvedBy: String
    public var reference: String
    public var status: ApprovalStatus
    public var revokedAt: Date?
    public var revokedBy: String?
    public var revokeReason: String?
    public var recordedAt: Date
    public var recordedBy: String

    public init(id: String, production: String, performer: String?, uses: [Use]?, destinations: [Destination]?,
                covers: [Requirement], validUntil: Day?, approvedBy: String, reference: String, status: ApprovalStatus,
                revokedAt: Date?, revokedBy: String?, revokeReason: String?, recordedAt: Date, recordedBy: String) {
        self.id = id; self.production = production; self.performer = performer; self.uses = uses
        self.destinations = destinations; self.covers = covers; self.validUntil = validUntil; self.approvedBy = approvedBy
        self.reference = reference; self.status = status; self.revokedAt = revokedAt; self.revokedBy = revokedBy
        self.revokeReason = revokeReason; self.recordedAt = recordedAt; self.recordedBy = recordedBy
    }
}

/// A login account; the password is kept only as an Argon2id hash.
public struct Account: Codable, Sendable, Equatable {
    public var username: String
    public var role: AccountRole
    public var passwordHash: String
    public var createdAt: Date
    /// Where notifications go, if given.
    public var email: String?
    /// The kinds of mail it does not receive.
    public var mute: [MailKind]

    public init(username: String, role: AccountRole, passwordHash: String, createdAt: Date, email: String? = nil, mute: [MailKind] = []) {
        self.username = username; self.role = role; self.passwordHash = passwordHash; self.createdAt = createdAt
        self.email = email; self.mute = mute
    }
}

/// A long-lived service credential; only the SHA-256 of the key is stored.
public struct APIKey: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: AccountRole
    public var keyHash: String
    public var createdAt: Date
    public var createdBy: String

    public init(id: String, name: String, role: AccountRole, keyHash: String, createdAt: Date, createdBy: String) {
        self.id = id; self.name = name; self.role = role; self.keyHash = keyHash; self.createdAt = createdAt
        self.createdBy = createdBy
    }
}
