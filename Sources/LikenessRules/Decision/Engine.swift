/// One rule that fired: a stable code, a message for people, the outcome it asks for,
/// and the entities it concerns.
public struct Reason: Codable, Sendable, Equatable {
    public var code: String
    public var message: String
    public var outcome: Decision
    public var grant: String?
    public var aspect: Aspect?
    public var requirement: Requirement?
    public var union: String?

    public init(code: String, message: String, outcome: Decision, grant: String? = nil, aspect: Aspect? = nil,
                requirement: Requirement? = nil, union: String? = nil) {
        self.code = code; self.message = message; self.outcome = outcome; self.grant = grant
        self.aspect = aspect; self.requirement = requirement; self.union = union
    }
}

/// The engine's answer for one proposed use.
public struct Verdict: Sendable, Equatable {
    public var decision: Decision
    public var reasons: [Reason]
    public var obligations: [Obligation]
    /// Grants the decision relied on (each covers a requested aspect).
    public var grants: [String]
    /// Approvals that cover a requirement.
    public var approvals: [String]
    /// Every requirement that arose, covered or not.
    public var requirements: [Requirement]
}

/// The rules of `decision-rules.md` as a pure function of a proposed use and its facts.
public enum DecisionEngine {
    public static func decide(_ use: ProposedUse, _ facts: CheckFacts) -> Verdict {
        var rules = Evaluation(use: use, facts: facts)
        rules.principles()
        rules.consent()
        rules.approvals()
        return rules.verdict()
    }
}

/// The state of one evaluation, rule group by rule group.
struct Evaluation {
    let use: ProposedUse
    let facts: CheckFacts
    var reasons: [Reason] = []
    var requirements = EnumSet<Requirement>()
    /// Principle reasons whose outcome depends on whether their requirement gets covered.
    var principleReasons: [(index: Int, requirement: Requirement)] = []
    var grants: [String] = []
    var approvalIDs: [String] = []
    var uncovered = EnumSet<Requirement>()

    /// The unions covering the performer's roles in this production, sorted.
    let unionsHere: [String]
    /// A role of the performer's as a background performer, in any production.
    let backgroundRole: RoleFacts?
    let consentRequired: Bool

    init(use: ProposedUse, facts: CheckFacts) {
        self.use = use
        self.facts = facts
        var unions: [String] = []
        for role in facts.roles where role.production == use.production {
            if let union = role.union, !unions.contains(union) { unions.append(union) }
        }
        unionsHere = unions.sorted()
        backgroundRole = facts.roles.first { $0.category == .background }
        consentRequired = facts.performer != nil && !use.isCustomaryAlteration
    }

    var production: String { "“\(facts.productionTitle)”" }
    func title(_ id: String) -> String { "“\(facts.productionTitles[id] ?? id)”" }

    mutating func principle(_ code: String, _ message: String, _ requirement: Requirement) {
        requirements.insert(requirement)
        principleReasons.append((reasons.count, requirement))
        reasons.append(Reason(code: code, message: message, outcome: .needsApproval, requirement: requirement))
    }

    // MARK: P1–P7, U2

    mutating func principles() {
        if use.replicatesThirdPartyWork {
            principle("principle.third-party-work",
                      "The output is meant to recreate identifiable third-party or copyrighted work: the studio must approve it in writing.",
                      .thirdPartyIP)
        }
        if let tool = facts.tool {
            if tool.retainsInputs {
                principle("principle.tool-retains-data",
                          "Tool “\(tool.name)” stores, reuses or trains on what it is given: the studio must approve it in writing.",
                          .unvettedTool)
            }
            if !tool.enterpriseSecured && !use.inputs.isEmpty {
                principle("principle.tool-not-secured",
                          "Tool “\(tool.name)” is not enterprise-secured and would receive \(use.inputs.map(\.rawValue).joined(separator: ", ")): the studio must approve it in writing.",
                          .unvettedTool)
            }
        } else {
            principle("principle.tool-unverified",
                      "No registered tool is named for this generative use: an unverified tool needs the studio's written approval.",
                      .unvettedTool)
        }
        if use.presentedAsReal || (facts.productionNonFiction && use.destination != .temporary) {
            principle("principle.may-mislead",
                      use.presentedAsReal
                        ? "Viewers could take the output for a real recording, photograph or document: the studio must approve it in writing, and it must be disclosed as generated."
                        : "\(production) is non-fiction: generated material in it could mislead viewers, so the studio must approve it in writing, and it must be disclosed as generated.",
                      .realisticDepiction)
        }
        if use.destination == .final { requirements.insert(.finalDeliverable) }
        if consentRequired { requirements.insert(.talentLikeness) }
        if use.inputs.contains(.personalData) { requirements.insert(.personalData) }
        if use.inputs.contains(.thirdPartyIP) { requirements.insert(.thirdPartyIP) }
        if use.use == .synthetic { requirements.insert(.syntheticPerformer) }
    }

    // MARK: Consent (C1–C3, U1, U3)

    mutating func consent() {
        guard let performer = facts.performer else { return }
        if performer.isMinor(on: use.at), let tag = use.content.first(where: { $0 == "nudity" || $0 == "sexual" }) {
            reasons.append(Reason(
                code: "consent.minor-sexual-content",
                message: "\(performer.name) is a minor on \(use.at) (until \(performer.minorUntil!)): content tagged “\(tag)” is never allowed, whatever the consents say.",
                outcome: .denied))
        }
        guard consentRequired else {
            // Informational: it never raises the decision.
            reasons.append(Reason(
                code: "consent.not-required.customary",
                message: "A customary alteration of \(performer.name)'s recorded performance needs no consent; share it with the studio contact.",
                outcome: .allowed))
            return
        }
        for union in unionsHere where facts.strikingUnions.contains(union) {
            reasons.append(Reason(
                code: "union.strike",
                message: "\(union) is on strike and covers \(performer.name)'s role in \(production): consent is suspended while the strike lasts.",
                outcome: .denied, union: union))
        }
        // The coverage checks do not depend on the aspect: each grant is checked once.
        let all = facts.grants
        let misses = all.map { miss($0, performer) }
        for aspect in use.aspects {
            var covered = false
            for i in all.indices where misses[i] == nil && all[i].aspects.contains(aspect) {
                covered = true
                if !grants.contains(all[i].id) { grants.append(all[i].id) }
            }
            if covered { continue }
            var candidates = false
            for i in all.indices where all[i].aspects.contains(aspect) {
                guard let miss = misses[i] else { continue }
                candidates = true
                reasons.append(Reason(code: miss.code, message: "\(performer.name)'s \(aspect.rawValue): \(message(miss, all[i], performer))",
                                      outcome: .denied, grant: all[i].id, aspect: aspect))
            }
            if !candidates {
                reasons.append(Reason(
                    code: "consent.missing",
                    message: "\(performer.name) has given no consent that covers their \(aspect.rawValue)\(use.use == .training ? " (training always needs consent)" : "").",
                    outcome: .denied, aspect: aspect))
            }
        }
    }

    /// Why a grant does not cover the proposed use: the first of the seven coverage checks it fails.
    enum Miss {
        case revoked, suspended, notYetValid, expired, production(String), unionProductionSpecific(String)
        case backgroundProductionSpecific(RoleFacts), use, destination, territory([String]), content([String])
        case guardianRequired, estateRequired

        var code: String {
            switch self {
            case .revoked: "consent.revoked"
            case .suspended: "consent.suspended"
            case .notYetValid: "consent.not-yet-valid"
            case .expired: "consent.expired"
            case .production: "consent.scope.production"
            case .unionProductionSpecific: "consent.union.production-specific"
            case .backgroundProductionSpecific: "consent.background.production-specific"
            case .use: "consent.scope.use"
            case .destination: "consent.scope.destination"
            case .territory: "consent.scope.territory"
            case .content: "consent.scope.content"
            case .guardianRequired: "consent.guardian-required"
            case .estateRequired: "consent.estate-required"
            }
        }
    }

    /// The miss of `grant`, or nil when it covers the use. Cheap: no message is built here.
    func miss(_ grant: GrantFacts, _ performer: PerformerFacts) -> Miss? {
        switch grant.status {
        case .revoked: return .revoked
        case .suspended: return .suspended
        case .active: break
        }
        if use.at < grant.validFrom { return .notYetValid }
        if use.at > grant.validUntil { return .expired }
        if let p = grant.production {
            if p != use.production { return .production(p) }
        } else {
            if let union = unionsHere.first { return .unionProductionSpecific(union) }
            if let background = backgroundRole { return .backgroundProductionSpecific(background) }
        }
        if !grant.uses.contains(use.use) { return .use }
        if !grant.destinations.contains(use.destination) { return .destination }
        if let territories = grant.territories, !(use.territory.map(territories.contains) ?? false) {
            return .territory(territories)
        }
        if !use.content.isEmpty {
            let excluded = use.content.filter(grant.excludedContent.contains)
            if !excluded.isEmpty { return .content(excluded) }
        }
        if performer.isMinor(on: use.at) && grant.signedBy != .guardian { return .guardianRequired }
        if performer.isDeceased(on: use.at) && !(grant.signedBy == .estate || (grant.signedBy == .performer && grant.survivesDeath)) {
            return .estateRequired
        }
        return nil
    }

    /// The sentence explaining a miss, naming the grant and what it lacks.
    func message(_ miss: Miss, _ grant: GrantFacts, _ performer: PerformerFacts) -> String {
        let g = "grant \(grant.id)"
        switch miss {
        case .revoked: return "\(g) has been revoked."
        case .suspended: return "\(g) is suspended."
        case .notYetValid: return "\(g) is valid only from \(grant.validFrom) (use on \(use.at))."
        case .expired: return "\(g) expired on \(grant.validUntil) (use on \(use.at))."
        case .production(let p): return "\(g) is for \(title(p)), not \(production)."
        case .unionProductionSpecific(let union):
            return "\(g) is studio-wide, but the role in \(production) is covered by \(union): consent must name the production."
        case .backgroundProductionSpecific(let role):
            return "\(g) is studio-wide, but \(performer.name) was hired as a background performer (in \(title(role.production))): consent must name the production."
        case .use:
            return "\(g) does not cover the use “\(use.use.rawValue)” (it covers \(grant.uses.map(\.rawValue).joined(separator: ", ")))."
        case .destination:
            return "\(g) does not cover the destination “\(use.destination.rawValue)” (it covers \(grant.destinations.map(\.rawValue).joined(separator: ", ")))."
        case .territory(let territories):
            return "\(g) is limited to \(territories.joined(separator: ", ")); the territory is \(use.territory ?? "unspecified")."
        case .content(let excluded): return "\(g) excludes content tagged \(excluded.joined(separator: ", "))."
        case .guardianRequired:
            return "\(performer.name) is a minor on \(use.at); \(g) is signed by the \(grant.signedBy.rawValue), not a guardian."
        case .estateRequired:
            return "\(performer.name) died on \(performer.deceasedOn!); \(g) is signed by the \(grant.signedBy.rawValue)\(grant.signedBy == .performer ? " without surviving death" : ""), not the estate."
        }
    }

    // MARK: A

    func covers(_ approval: ApprovalFacts, _ requirement: Requirement) -> Bool {
        approval.active
            && approval.covers.contains(requirement)
            && (approval.performer == nil || approval.performer == use.performer)
            && (approval.uses.isEmpty || approval.uses.contains(use.use))
            && (approval.destinations.isEmpty || approval.destinations.contains(use.destination))
            && (approval.validUntil.map { use.at <= $0 } ?? true)
    }

    mutating func approvals() {
        for requirement in requirements {
            let covering = facts.approvals.filter { covers($0, requirement) }
            if covering.isEmpty {
                uncovered.insert(requirement)
                reasons.append(Reason(
                    code: "approval.\(requirement.rawValue)",
                    message: "No written approval of the studio for \(production) covers \(Self.describe(requirement)).",
                    outcome: .needsApproval, requirement: requirement))
            }
            for approval in covering where !approvalIDs.contains(approval.id) { approvalIDs.append(approval.id) }
        }
        // A principle escalation is settled by an approval that covers its requirement.
        for (index, requirement) in principleReasons where !uncovered.contains(requirement) {
            reasons[index].outcome = .allowed
        }
    }

    static func describe(_ requirement: Requirement) -> String {
        switch requirement {
        case .talentLikeness: "the use of talent likeness"
        case .finalDeliverable: "output in the final deliverables"
        case .personalData: "personal data given to the tool"
        case .thirdPartyIP: "third-party intellectual property"
        case .unvettedTool: "the use of this tool"
        case .syntheticPerformer: "a synthetic performer"
        case .realisticDepiction: "generated material that viewers could take for real"
        }
    }

    // MARK: Outcome and obligations (O1–O3, U2)

    /// The decision in the order of decision-rules.md ("Outcomes"): denied when a consent, union or
    /// minor rule denies; else needs-approval while a requirement is uncovered; else allowed when
    /// any requirement arose; else notify.
    var decision: Decision {
        if reasons.contains(where: { $0.outcome == .denied }) { return .denied }
        if !uncovered.isEmpty { return .needsApproval }
        return requirements.isEmpty ? .notify : .allowed
    }

    func verdict() -> Verdict {
        let decision = self.decision
        var obligations = EnumSet<Obligation>()
        if decision != .denied { obligations.insert(.notifyContact) }
        if facts.performer != nil && use.destination != .temporary
            && (use.territory.map(Territories.euEEA.contains) ?? true) {
            obligations.insert(.discloseSyntheticMedia)
        }
        if requirements.contains(.realisticDepiction) { obligations.insert(.discloseSyntheticMedia) }
        let unionUse: Bool
        switch use.use {
        case .replica, .newPerformance, .synthetic: unionUse = true
        case .alteration: unionUse = !use.isCustomaryAlteration
        default: unionUse = false
        }
        if facts.performer != nil && !unionsHere.isEmpty && unionUse { obligations.insert(.notifyUnion) }
        if use.use == .synthetic && facts.productionHasUnionRole { obligations.insert(.notifyUnion) }
        return Verdict(decision: decision, reasons: reasons, obligations: obligations.array,
                       grants: grants, approvals: approvalIDs, requirements: requirements.array)
    }
}
