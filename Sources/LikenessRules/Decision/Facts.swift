/// The facts a decision depends on, as the store hands them to the engine.

public struct PerformerFacts: Sendable, Equatable {
    public var id: String
    public var name: String
    public var minorUntil: Day?
    public var deceasedOn: Day?

    public init(id: String, name: String, minorUntil: Day? = nil, deceasedOn: Day? = nil) {
        self.id = id; self.name = name; self.minorUntil = minorUntil; self.deceasedOn = deceasedOn
    }

    public init(_ p: Performer) {
        self.init(id: p.id, name: p.name, minorUntil: p.minorUntil, deceasedOn: p.deceasedOn)
    }

    public func isMinor(on day: Day) -> Bool { minorUntil.map { day < $0 } ?? false }
    public func isDeceased(on day: Day) -> Bool { deceasedOn.map { $0 <= day } ?? false }
}

public struct RoleFacts: Sendable, Equatable {
    public var id: String
    public var production: String
    public var category: RoleCategory
    public var union: String?

    public init(id: String, production: String, category: RoleCategory, union: String? = nil) {
        self.id = id; self.production = production; self.category = category; self.union = union
    }

    public init(_ r: Role) { self.init(id: r.id, production: r.production, category: r.category, union: r.union) }
}

public struct GrantFacts: Sendable, Equatable {
    public var id: String
    public var production: String?
    public var uses: EnumSet<Use>
    public var aspects: EnumSet<Aspect>
    public var destinations: EnumSet<Destination>
    /// nil: worldwide.
    public var territories: [String]?
    public var excludedContent: [String]
    public var validFrom: Day
    public var validUntil: Day
    public var signedBy: Signer
    public var survivesDeath: Bool
    public var status: GrantStatus

    public init(id: String, production: String?, uses: EnumSet<Use>, aspects: EnumSet<Aspect>,
                destinations: EnumSet<Destination>, territories: [String]?, excludedContent: [String], validFrom: Day,
                validUntil: Day, signedBy: Signer, survivesDeath: Bool, status: GrantStatus) {
        self.id = id; self.production = production; self.uses = uses; self.aspects = aspects
        self.destinations = destinations; self.territories = territories; self.excludedContent = excludedContent
        self.validFrom = validFrom; self.validUntil = validUntil; self.signedBy = signedBy
        self.survivesDeath = survivesDeath; self.status = status
    }

    public init(_ g: Grant) {
        self.init(id: g.id, production: g.production, uses: EnumSet(g.uses), aspects: EnumSet(g.aspects),
                  destinations: EnumSet(g.destinations), territories: g.isWorldwide ? nil : g.territories,
                  excludedContent: g.excludedContent, validFrom: g.validFrom, validUntil: g.validUntil,
                  signedBy: g.signedBy, survivesDeath: g.survivesDeath, status: g.status)
    }
}

public struct ApprovalFacts: Sendable, Equatable {
    public var id: String
    public var performer: String?
    /// Empty: any use.
    public var uses: EnumSet<Use>
    /// Empty: any destination.
    public var destinations: EnumSet<Destination>
    public var covers: EnumSet<Requirement>
    public var validUntil: Day?
    public var active: Bool

    public init(_ a: Approval) {
        id = a.id; performer = a.performer
        uses = EnumSet(a.uses ?? []); destinations = EnumSet(a.destinations ?? [])
        covers = EnumSet(a.covers); validUntil = a.validUntil; active = a.status == .active
    }
}

public struct ToolFacts: Sendable, Equatable {
    public var id: String
    public var name: String
    public var retainsInputs: Bool
    public var enterpriseSecured: Bool

    public init(_ t: Tool) {
        id = t.id; name = t.name; retainsInputs = t.retainsInputs; enterpriseSecured = t.enterpriseSecured
    }
}

/// Everything the engine needs for one check.
public struct CheckFacts: Sendable {
    public var productionTitle: String
    /// The production is non-fiction (documentary, docuseries, news, reality): rule P7.
    public var productionNonFiction: Bool
    /// Some role of the production names a union.
    public var productionHasUnionRole: Bool
    public var performer: PerformerFacts?
    /// The performer's roles in every production.
    public var roles: [RoleFacts]
    /// The performer's grants.
    public var grants: [GrantFacts]
    /// The approvals of the production.
    public var approvals: [ApprovalFacts]
    public var tool: ToolFacts?
    public var strikingUnions: Set<String>
    /// Titles of productions by id (at least those the performer's grants and roles name), for messages.
    public var productionTitles: [String: String]

    public init(productionTitle: String, productionNonFiction: Bool = false, productionHasUnionRole: Bool = false,
                performer: PerformerFacts? = nil, roles: [RoleFacts] = [], grants: [GrantFacts] = [],
                approvals: [ApprovalFacts] = [], tool: ToolFacts? = nil, strikingUnions: Set<String> = [],
                productionTitles: [String: String] = [:]) {
        self.productionTitle = productionTitle; self.productionNonFiction = productionNonFiction
        self.productionHasUnionRole = productionHasUnionRole; self.performer = performer; self.roles = roles
        self.grants = grants; self.approvals = approvals; self.tool = tool; self.strikingUnions = strikingUnions
        self.productionTitles = productionTitles
    }
}
