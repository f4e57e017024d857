import Foundation

/// Request bodies as clients send them, and their validation into records.
/// Enumerations and dates arrive as strings so that a bad value is a 422 naming the field;
/// a wrong JSON type is a decoding error (400).

/// A field that may be absent, explicitly `null` (clear it) or set.
public enum Patch<Value: Decodable & Sendable>: Sendable {
    case absent, null, value(Value)
}

extension KeyedDecodingContainer {
    func decodePatch<V: Decodable & Sendable>(_: V.Type, forKey key: Key) throws -> Patch<V> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(V.self, forKey: key))
    }
}

public struct PerformerInput: Codable, Sendable {
    public var id: String?
    public var name: String?
    public var minorUntil: String?
    public var deceasedOn: String?

    public init(id: String? = nil, name: String? = nil, minorUntil: String? = nil, deceasedOn: String? = nil) {
        self.id = id; self.name = name; self.minorUntil = minorUntil; self.deceasedOn = deceasedOn
    }

    public func record(now: Date, requireID: Bool = false) throws -> Performer {
        Performer(
            id: try requireID ? Validate.requiredID(id, "id") : Validate.id(id, "id") ?? IDs.make("p", now: now),
            name: try Validate.requiredText(name, "name", max: 200),
            minorUntil: try Validate.day(minorUntil, "minorUntil"),
            deceasedOn: try Validate.day(deceasedOn, "deceasedOn"),
            createdAt: now)
    }
}

/// `PATCH /v1/performers/{id}`: `null` clears `minorUntil` or `deceasedOn`.
public struct PerformerPatch: Decodable, Sendable {
    public var name: Patch<String>
    public var minorUntil: Patch<String>
    public var deceasedOn: Patch<String>

    enum CodingKeys: String, CodingKey { case name, minorUntil, deceasedOn }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodePatch(String.self, forKey: .name)
        minorUntil = try c.decodePatch(String.self, forKey: .minorUntil)
        deceasedOn = try c.decodePatch(String.self, forKey: .deceasedOn)
    }

    public func apply(to performer: Performer) throws -> Performer {
        var p = performer
        switch name {
        case .absent: break
        case .null: throw LikenessError.invalid("name", "name cannot be removed", code: "empty-value")
        case .value(let v): p.name = try Validate.requiredText(v, "name", max: 200)
        }
        switch minorUntil {
        case .absent: break
        case .null: p.minorUntil = nil
        case .value(let v): p.minorUntil = try Validate.day(v, "minorUntil")
        }
        switch deceasedOn {
        case .absent: break
        case .null: p.deceasedOn = nil
        case .value(let v): p.deceasedOn = try Validate.day(v, "deceasedOn")
        }
        return p
    }
}

public struct ProductionInput: Codable, Sendable {
    public var id: String?
    public var title: String?
    public var studio: String?
    public var nonFiction: Bool?
    /// The username of a studio account (the store checks that it is one).
    public var contact: String?

    public init(id: String? = nil, title: String? = nil, studio: String? = nil, nonFiction: Bool? = nil,
                contact: String? = nil) {
        self.id = id; self.title = title; self.studio = studio; self.nonFiction = nonFiction; self.contact = contact
    }

    public func record(now: Date, requireID: Bool = false) throws -> Production {
        Production(
            id: try requireID ? Validate.requiredID(id, "id") : Validate.id(id, "id") ?? IDs.make("prod", now: now),
            title: try Validate.requiredText(title, "title", max: 300),
            studio: try Validate.text(studio, "studio", max: 300),
            nonFiction: nonFiction ?? false,
            contact: try Validate.id(contact, "contact"),
            createdAt: now)
    }
}

/// `PATCH /v1/productions/{id}`: `null` clears `studio` or `contact`.
public struct ProductionPatch: Decodable, Sendable {
    public var title: Patch<String>
    public var studio: Patch<String>
    public var nonFiction: Patch<Bool>
    public var contact: Patch<String>

    enum CodingKeys: String, CodingKey { case title, studio, nonFiction, contact }

    public init(title: Patch<String> = .absent, studio: Patch<String> = .absent, nonFiction: Patch<Bool> = .absent,
                contact: Patch<String> = .absent) {
        self.title = title; self.studio = studio; self.nonFiction = nonFiction; self.contact = contact
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodePatch(String.self, forKey: .title)
        studio = try c.decodePatch(String.self, forKey: .studio)
        nonFiction = try c.decodePatch(Bool.self, forKey: .nonFiction)
        contact = try c.decodePatch(String.self, forKey: .contact)
    }

    public func apply(to production: Production) throws -> Production {
        var p = production
        switch title {
        case .absent: break
        case .null: throw LikenessError.invalid("title", "title cannot be removed", code: "empty-value")
        case .value(let v): p.title = try Validate.requiredText(v, "title", max: 300)
        }
        switch studio {
        case .absent: break
        case .null: p.studio = nil
        case .value(let v): p.studio = try Validate.text(v, "studio", max: 300)
        }
        switch nonFiction {
        case .absent: break
        case .null: throw LikenessError.invalid("nonFiction", "nonFiction is true or false", code: "empty-value")
        case .value(let v): p.nonFiction = v
        }
        switch contact {
        case .absent: break
        case .null: p.contact = nil
        case .value(let v): p.contact = try Validate.id(v, "contact")
        }
        return p
    }
}

public struct RoleInput: Codable, Sendable {
    public var id: String?
    /// Only in imports; the HTTP route takes the production from the path.
    public var production: String?
    public var performer: String?
    public var name: String?
    public var category: String?
    public var union: String?

    public init(id: String? = nil, production: String? = nil, performer: String? = nil, name: String? = nil,
                category: String? = nil, union: String? = nil) {
        self.id = id; self.production = production; self.performer = performer
        self.name = name; self.category = category; self.union = union
    }

    public func record(production: String, now: Date, requireID: Bool = false) throws -> Role {
        Role(
            id: try requireID ? Validate.requiredID(id, "id") : Validate.id(id, "id") ?? IDs.make("role", now: now),
            production: production,
            performer: try Validate.requiredID(performer, "performer"),
            name: try Validate.requiredText(name, "name", max: 200),
            category: try Validate.requiredTerm(category, "category"),
            union: try Validate.id(union, "union"),
            createdAt: now)
    }
}

public struct ToolInput: Codable, Sendable {
    public var id: String?
    public var name: String?
    public var vendor: String?
    public var version: String?
    public var retainsInputs: Bool?
    public var enterpriseSecured: Bool?

    public init(id: String? = nil, name: String? = nil, vendor: String? = nil, version: String? = nil, retainsInputs: Bool? = nil,
                enterpriseSecured: Bool? = nil) {
        self.id = id; self.name = name; self.vendor = vendor; self.version = version
        self.retainsInputs = retainsInputs; self.enterpriseSecured = enterpriseSecured
    }

    public func record(now: Date, requireID: Bool = false) throws -> Tool {
        guard let retainsInputs else { throw LikenessError.missing("retainsInputs") }
        guard let enterpriseSecured else { throw LikenessError.missing("enterpriseSecured") }
        return Tool(
            id: try requireID ? Validate.requiredID(id, "id") : Validate.id(id, "id") ?? IDs.make("t", now: now),
            name: try Validate.requiredText(name, "name", max: 200),
            vendor: try Validate.text(vendor, "vendor", max: 200),
            version: try Validate.text(version, "version", max: 64),
            retainsInputs: retainsInputs, enterpriseSecured: enterpriseSecured, createdAt: now)
    }
}

public struct UnionInput: Codable, Sendable {
    public var strike: Bool?
}

public struct EvidenceInput: Codable, Sendable {
    public var documentRef: String?
    public var sha256: String?

    public init(documentRef: String? = nil, sha256: String? = nil) {
        self.documentRef = documentRef; self.sha256 = sha256
    }
}

public struct GrantInput: Codable, Sendable {
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
    public var signedBy: String?
    public var survivesDeath: Bool?
    public var description: String?
    public var evidence: EvidenceInput?
    /// Only in imports (to carry over revoked or suspended grants); new grants are active.
    public var status: String?
    public var fee: FeeInput?

    public init() {}

    /// Validates the body; `validFrom` defaults to the day of recording.
    public func record(actor: String, now: Date, requireID: Bool = false, allowStatus: Bool = false) throws -> Grant {
        let uses: [Use] = try Validate.requiredTerms(uses, "uses")
        if let i = uses.firstIndex(where: { !Use.withPerformer.contains($0) }) {
            throw LikenessError.invalid("uses", "'\(uses[i].rawValue)' is not a use of a performer's likeness (one of: \(Use.withPerformer.map(\.rawValue).joined(separator: ", ")))", code: "invalid-enum")
        }
        let validFrom = try Validate.day(validFrom, "validFrom") ?? Day(now)
        let validUntil = try Validate.requiredDay(validUntil, "validUntil")
        guard validUntil >= validFrom else {
            throw LikenessError.invalid("validUntil", "validUntil (\(validUntil)) is before validFrom (\(validFrom))", code: "invalid-range")
        }
        let description = try Validate.requiredText(description, "description", max: 4000)
        guard description.unicodeScalars.count >= 20 else {
            throw LikenessError.invalid("description", "description must describe the intended use in at least 20 characters", code: "too-short")
        }
        var evidenceRecord: Evidence?
        if let evidence {
            evidenceRecord = Evidence(
                documentRef: try Validate.text(evidence.documentRef, "evidence.documentRef", max: 300),
                sha256: try Validate.sha256(evidence.sha256, "evidence.sha256"))
            if evidenceRecord == Evidence(documentRef: nil, sha256: nil) { evidenceRecord = nil }
        }
        var grantStatus = GrantStatus.active
        if let status {
            guard allowStatus else { throw LikenessError.invalid("status", "new grants are active; use revoke or suspend", code: "read-only-field") }
            grantStatus = try Validate.requiredTerm(status, "status")
        }
        return Grant(
            id: try requireID ? Validate.requiredID(id, "id") : Validate.id(id, "id") ?? IDs.make("g", now: now),
            performer: try Validate.requiredID(performer, "performer"),
            production: try Validate.id(production, "production"),
            uses: uses,
            aspects: try Validate.requiredTerms(aspects, "aspects"),
            destinations: try Validate.requiredTerms(destinations, "destinations"),
            territories: try Validate.territories(territories, "territories"),
            excludedContent: try Validate.tags(excludedContent, "excludedContent"),
            validFrom: validFrom, validUntil: validUntil,
            signedBy: try Validate.requiredTerm(signedBy, "signedBy"),
            survivesDeath: survivesDeath ?? false,
            description: description,
            evidence: evidenceRecord,
            status: grantStatus, recordedAt: now, recordedBy: actor,
            fee: try fee?.validated(field: "fee"))
    }
}

public struct ApprovalInput: Codable, Sendable {
    public var id: String?
    public var production: String?
    public var performer: String?
    public var uses: [String]?
    public var destinations: [String]?
    public var covers: [String]?
    public var validUntil: String?
    public var approvedBy: String?
    public var reference: String?

    public init() {}

    public func record(actor: String, now: Date, requireID: Bool = false) throws -> Approval {
        Approval(
            id: try requireID ? Validate.requiredID(id, "id") : Validate.id(id, "id") ?? IDs.make("ap", now: now),
            production: try Validate.requiredID(production, "production"),
            performer: try Validate.id(performer, "performer"),
            uses: try Validate.terms(uses, "uses", nonEmpty: false),
            destinations: try Validate.terms(destinations, "destinations", nonEmpty: false),
            covers: try Validate.requiredTerms(covers, "covers"),
            validUntil: try Validate.day(validUntil, "validUntil"),
            approvedBy: try Validate.requiredText(approvedBy, "approvedBy", max: 200),
            reference: try Validate.requiredText(reference, "reference", max: 300),
            status: .active, revokedAt: nil, revokedBy: nil, revokeReason: nil,
            recordedAt: now, recordedBy: actor)
    }
}

/// The body of revoke, suspend and resume.
public struct ReasonInput: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
    public func validated() throws -> String { try Validate.requiredText(reason, "reason", max: 2000) }
}
