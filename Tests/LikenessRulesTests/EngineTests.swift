import Foundation
import Testing
@testable import LikenessRules

/// A registry for the engine, as plain values (the store's job done by hand).
struct World: Sendable {
    var productions = ["prod-nova": "Nova", "prod-tide": "Tide", "prod-true": "True Story"]
    var nonFiction: Set<String> = ["prod-true"]
    var performers: [PerformerFacts] = [
        PerformerFacts(id: "p-lena", name: "Lena Park"),
        PerformerFacts(id: "p-omar", name: "Omar Haddad"),
        PerformerFacts(id: "p-rui", name: "Rui Costa", deceasedOn: Day("2025-10-10")),
        PerformerFacts(id: "p-kid", name: "Kit Young", minorUntil: Day("2026-06-01")),
        PerformerFacts(id: "p-bg", name: "Bea Grant"),
        PerformerFacts(id: "p-two", name: "Tove Lind"),
    ]
    var roles: [(performer: String, role: RoleFacts)] = [
        ("p-lena", RoleFacts(id: "r1", production: "prod-nova", category: .principal, union: "SAG-AFTRA")),
        ("p-omar", RoleFacts(id: "r2", production: "prod-nova", category: .principal)),
        ("p-kid", RoleFacts(id: "r3", production: "prod-nova", category: .principal)),
        ("p-bg", RoleFacts(id: "r4", production: "prod-tide", category: .background)),
        ("p-two", RoleFacts(id: "r5", production: "prod-nova", category: .voice)),
    ]
    var grants: [(performer: String, grant: GrantFacts)] = [
        g("g-lena-1", "p-lena", "prod-nova", [.replica], [.face], [.temporary, .final], nil, "2026-01-01", "2026-12-31"),
        g("g-omar-1", "p-omar", nil, [.replica], [.voice], [.final], ["GB"], "2026-01-01", "2027-06-30"),
        g("g-omar-2", "p-omar", "prod-nova", [.alteration], [.face], [.final], nil, "2026-01-01", "2027-06-30", status: .revoked),
        g("g-rui-1", "p-rui", "prod-tide", [.replica], [.voice], [.final], nil, "2025-01-01", "2028-01-01", signer: .estate),
        g("g-rui-2", "p-rui", nil, [.newPerformance], [.voice], [.final], nil, "2024-01-01", "2030-01-01", survives: true),
        g("g-rui-3", "p-rui", "prod-tide", [.alteration], [.face], [.final], nil, "2024-01-01", "2030-01-01"),
        g("g-kid-1", "p-kid", "prod-nova", [.replica], [.face], [.temporary], nil, "2026-01-01", "2027-01-01"),
        g("g-kid-2", "p-kid", "prod-nova", [.replica], [.voice], [.temporary], nil, "2026-01-01", "2027-01-01", signer: .guardian, excluded: ["violence"]),
        g("g-bg-1", "p-bg", nil, [.replica], [.face], [.final], nil, "2026-01-01", "2027-01-01"),
        g("g-bg-2", "p-bg", "prod-tide", [.replica], [.face], [.final], nil, "2026-01-01", "2027-01-01"),
        g("g-two-face", "p-two", "prod-nova", [.replica, .training], [.face], [.temporary], nil, "2026-01-01", "2027-01-01"),
        g("g-two-voice", "p-two", nil, [.replica], [.voice], [.temporary], ["DE"], "2026-01-01", "2027-01-01"),
        g("g-two-body", "p-two", "prod-nova", [.newPerformance], [.body], [.temporary], nil, "2026-01-01", "2027-01-01", status: .suspended),
        g("g-two-name", "p-two", "prod-nova", [.newPerformance], [.name], [.temporary], nil, "2026-06-01", "2026-12-31"),
    ]
    var approvals: [(production: String, approval: ApprovalFacts)] = [
        a("ap-nova", "prod-nova", covers: [.talentLikeness]),
        a("ap-nova-revoked", "prod-nova", covers: [.finalDeliverable], active: false),
        a("ap-nova-tool", "prod-nova", covers: [.unvettedTool], validUntil: "2026-04-30"),
    ]
    var tools = [
        "t-vault": ToolFacts(Tool(id: "t-vault", name: "Vault", vendor: nil, retainsInputs: false, enterpriseSecured: true, createdAt: .distantPast)),
        "t-web": ToolFacts(Tool(id: "t-web", name: "Web", vendor: nil, retainsInputs: false, enterpriseSecured: false, createdAt: .distantPast)),
        "t-keep": ToolFacts(Tool(id: "t-keep", name: "Keeper", vendor: nil, retainsInputs: true, enterpriseSecured: true, createdAt: .distantPast)),
    ]
    var strikes: Set<String> = []

    static func g(_ id: String, _ performer: String, _ production: String?, _ uses: [Use], _ aspects: [Aspect],
                  _ destinations: [Destination], _ territories: [String]?, _ from: String, _ until: String,
                  signer: Signer = .performer, survives: Bool = false, excluded: [String] = [],
                  status: GrantStatus = .active) -> (String, GrantFacts) {
        (performer, GrantFacts(id: id, production: production, uses: EnumSet(uses), aspects: EnumSet(aspects),
                               destinations: EnumSet(destinations), territories: territories, excludedContent: excluded,
                               validFrom: Day(from)!, validUntil: Day(until)!, signedBy: signer, survivesDeath: survives,
                               status: status))
    }

    static func a(_ id: String, _ production: String, performer: String? = nil, uses: [Use] = [], destinations: [Destination] = [],
                  covers: [Requirement], validUntil: String? = nil, active: Bool = true) -> (String, ApprovalFacts) {
        (production, ApprovalFacts(Approval(
            id: id, production: production, performer: performer, uses: uses, destinations: destinations, covers: covers,
            validUntil: validUntil.flatMap(Day.init), approvedBy: "x", reference: "x", status: active ? .active : .revoked,
            revokedAt: nil, revokedBy: nil, revokeReason: nil, recordedAt: .distantPast, recordedBy: "x")))
    }

    func facts(for use: ProposedUse) -> CheckFacts {
        var facts = CheckFacts(
            productionTitle: productions[use.production]!, productionNonFiction: nonFiction.contains(use.production),
            productionHasUnionRole: roles.contains { $0.role.production == use.production && $0.role.union != nil },
            tool: use.tool.flatMap { tools[$0] }, strikingUnions: strikes, productionTitles: productions)
        if let id = use.performer {
            facts.performer = performers.first { $0.id == id }
            facts.roles = roles.filter { $0.performer == id }.map(\.role)
            facts.grants = grants.filter { $0.performer == id }.map(\.grant)
        }
        facts.approvals = approvals.filter { $0.production == use.production }.map(\.approval)
        return facts
    }
}

/// One row of the decision table.
struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let request: String
    var world: @Sendable (inout World) -> Void = { _ in }
    let decision: Decision
    let codes: [String]
    var obligations: [Obligation]?
    var requirements: [Requirement]?
    var grants: [String]?
    var approvals: [String]?
    var testDescription: String { name }
}

func decide(_ json: String, in world: World) throws -> Verdict {
    let input = try JSONDecoder().decode(CheckInput.self, from: Data(json.utf8))
    let use = try input.validated(today: Day("2026-05-01")!)
    return DecisionEngine.decide(use, world.facts(for: use))
}

let lenaPrevis = #""production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"tool":"t-vault""#

let decisionTable: [Case] = [
    // The worked examples of examples.md.
    Case(name: "1 concept art", request: #"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-vault"}"#,
         decision: .notify, codes: [], obligations: [.notifyContact], requirements: []),
    Case(name: "2 web tool with a script excerpt", request: #"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-web","inputs":["unreleased-material"]}"#,
         decision: .needsApproval, codes: ["principle.tool-not-secured", "approval.unvetted-tool"], requirements: [.unvettedTool]),
    Case(name: "3 Lena previs", request: "{\(lenaPrevis),\"destination\":\"temporary\"}",
         decision: .allowed, codes: [], obligations: [.notifyContact, .notifyUnion], requirements: [.talentLikeness],
         grants: ["g-lena-1"], approvals: ["ap-nova"]),
    Case(name: "4 final cut in Germany", request: "{\(lenaPrevis),\"destination\":\"final\",\"territory\":\"DE\"}",
         decision: .needsApproval, codes: ["approval.final-deliverable"],
         obligations: [.notifyContact, .notifyUnion, .discloseSyntheticMedia], requirements: [.talentLikeness, .finalDeliverable],
         approvals: ["ap-nova"]),
    Case(name: "5 Omar face revoked", request: #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["face","voice"],"destination":"final","territory":"GB","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.revoked", "approval.final-deliverable"], obligations: [], grants: ["g-omar-1"]),
    Case(name: "6 Omar voice without territory", request: #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["voice"],"destination":"final","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.territory", "approval.final-deliverable"], obligations: [.discloseSyntheticMedia]),
    Case(name: "7 Rui estate grant", request: #"{"production":"prod-tide","performer":"p-rui","use":"replica","aspects":["voice"],"destination":"final","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.talent-likeness", "approval.final-deliverable"],
         obligations: [.notifyContact, .discloseSyntheticMedia], requirements: [.talentLikeness, .finalDeliverable], grants: ["g-rui-1"]),
    Case(name: "8 Lena in Tide", request: #"{"production":"prod-tide","performer":"p-lena","use":"replica","aspects":["face"],"destination":"final","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.production", "approval.talent-likeness", "approval.final-deliverable"]),

    // Principles and approvals.
    Case(name: "P1 third-party work", request: #"{"production":"prod-nova","destination":"temporary","tool":"t-vault","replicatesThirdPartyWork":true}"#,
         decision: .needsApproval, codes: ["principle.third-party-work", "approval.third-party-ip"], requirements: [.thirdPartyIP]),
    Case(name: "P2 no tool", request: #"{"production":"prod-tide","use":"generation","destination":"temporary"}"#,
         decision: .needsApproval, codes: ["principle.tool-unverified", "approval.unvetted-tool"], requirements: [.unvettedTool]),
    Case(name: "P2 tool retains inputs", request: #"{"production":"prod-tide","destination":"temporary","tool":"t-keep"}"#,
         decision: .needsApproval, codes: ["principle.tool-retains-data", "approval.unvetted-tool"]),
    Case(name: "P3 unsecured tool without inputs is fine", request: #"{"production":"prod-tide","destination":"temporary","tool":"t-web"}"#,
         decision: .notify, codes: []),
    Case(name: "P4 final deliverable", request: #"{"production":"prod-tide","destination":"final","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.final-deliverable"], obligations: [.notifyContact], requirements: [.finalDeliverable]),
    Case(name: "P6 personal data", request: #"{"production":"prod-tide","destination":"temporary","tool":"t-vault","inputs":["personal-data"]}"#,
         decision: .needsApproval, codes: ["approval.personal-data"], requirements: [.personalData]),
    Case(name: "P6 third-party IP input", request: #"{"production":"prod-tide","destination":"temporary","tool":"t-vault","inputs":["third-party-ip","unreleased-material"]}"#,
         decision: .needsApproval, codes: ["approval.third-party-ip"], requirements: [.thirdPartyIP]),
    Case(name: "U2 synthetic performer in a union production", request: #"{"production":"prod-nova","use":"synthetic","destination":"temporary","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.synthetic-performer"], obligations: [.notifyContact, .notifyUnion],
         requirements: [.syntheticPerformer]),
    Case(name: "U2 synthetic performer, no union role", request: #"{"production":"prod-tide","use":"synthetic","destination":"temporary","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.synthetic-performer"], obligations: [.notifyContact]),
    Case(name: "U2 synthetic drawing on a performer needs consent too", request: #"{"production":"prod-nova","performer":"p-omar","use":"synthetic","aspects":["voice"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.use", "approval.synthetic-performer"],
         obligations: [.notifyUnion], requirements: [.talentLikeness, .syntheticPerformer]),
    Case(name: "A approval expired the day before", request: #"{"production":"prod-nova","destination":"temporary"}"#,
         decision: .needsApproval, codes: ["principle.tool-unverified", "approval.unvetted-tool"], approvals: []),
    Case(name: "A approval valid on its last day settles the principle", request: #"{"production":"prod-nova","destination":"temporary","at":"2026-04-30"}"#,
         decision: .allowed, codes: ["principle.tool-unverified"], requirements: [.unvettedTool], approvals: ["ap-nova-tool"]),
    Case(name: "A revoked approval covers nothing", request: #"{"production":"prod-nova","destination":"final","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.final-deliverable"], approvals: []),
    Case(name: "A approval covering some but not all requirements", request: "{\(lenaPrevis),\"destination\":\"final\",\"inputs\":[\"personal-data\"]}",
         world: { $0.approvals.append(World.a("ap-final", "prod-nova", performer: "p-lena", covers: [.finalDeliverable])) },
         decision: .needsApproval, codes: ["approval.personal-data"], requirements: [.talentLikeness, .finalDeliverable, .personalData],
         approvals: ["ap-nova", "ap-final"]),
    Case(name: "A approval for another performer", request: "{\(lenaPrevis),\"destination\":\"final\"}",
         world: { $0.approvals.append(World.a("ap-omar", "prod-nova", performer: "p-omar", covers: [.finalDeliverable])) },
         decision: .needsApproval, codes: ["approval.final-deliverable"], approvals: ["ap-nova"]),
    Case(name: "A approval limited to other uses and destinations", request: "{\(lenaPrevis),\"destination\":\"final\"}",
         world: {
             $0.approvals.append(World.a("ap-alt", "prod-nova", uses: [.alteration], covers: [.finalDeliverable]))
             $0.approvals.append(World.a("ap-mkt", "prod-nova", destinations: [.marketing], covers: [.finalDeliverable]))
         },
         decision: .needsApproval, codes: ["approval.final-deliverable"]),
    Case(name: "A approval of the use and destination: allowed", request: "{\(lenaPrevis),\"destination\":\"final\",\"territory\":\"US\"}",
         world: { $0.approvals.append(World.a("ap-ok", "prod-nova", uses: [.replica], destinations: [.final], covers: [.finalDeliverable])) },
         decision: .allowed, codes: [], obligations: [.notifyContact, .notifyUnion], approvals: ["ap-nova", "ap-ok"]),
    Case(name: "A approval never overrides a consent denial", request: #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["body"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.missing"], approvals: ["ap-nova"]),

    // Consent: every miss reason.
    Case(name: "customary alteration needs no consent", request: #"{"production":"prod-nova","performer":"p-lena","use":"alteration","customary":true,"aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .notify, codes: ["consent.not-required.customary"], obligations: [.notifyContact], requirements: [], grants: []),
    // The decision order: the customary reason is informational, so a customary alteration whose
    // requirements are all covered is allowed, and one with a requirement uncovered needs approval.
    Case(name: "customary alteration with every requirement covered is allowed", request: #"{"production":"prod-nova","performer":"p-lena","use":"alteration","customary":true,"aspects":["face"],"destination":"final","territory":"US","tool":"t-vault"}"#,
         world: { $0.approvals.append(World.a("ap-final", "prod-nova", covers: [.finalDeliverable])) },
         decision: .allowed, codes: ["consent.not-required.customary"], obligations: [.notifyContact],
         requirements: [.finalDeliverable], approvals: ["ap-final"]),
    Case(name: "customary alteration with a requirement uncovered needs approval", request: #"{"production":"prod-nova","performer":"p-lena","use":"alteration","customary":true,"aspects":["face"],"destination":"final","territory":"US","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["consent.not-required.customary", "approval.final-deliverable"],
         obligations: [.notifyContact], requirements: [.finalDeliverable]),

    // P7: audiences must be able to trust what they see and hear.
    Case(name: "9 a generated archival photo in a documentary", request: #"{"production":"prod-true","use":"generation","destination":"final","territory":"US","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["principle.may-mislead", "approval.final-deliverable", "approval.realistic-depiction"],
         obligations: [.notifyContact, .discloseSyntheticMedia], requirements: [.finalDeliverable, .realisticDepiction]),
    Case(name: "10 a fiction's image presented as real", request: #"{"production":"prod-nova","use":"generation","destination":"temporary","presentedAsReal":true,"tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["principle.may-mislead", "approval.realistic-depiction"],
         obligations: [.notifyContact, .discloseSyntheticMedia], requirements: [.realisticDepiction]),
    Case(name: "10 settled by an approval of realistic depiction", request: #"{"production":"prod-nova","use":"generation","destination":"temporary","presentedAsReal":true,"tool":"t-vault"}"#,
         world: { $0.approvals.append(World.a("ap-real", "prod-nova", covers: [.realisticDepiction])) },
         decision: .allowed, codes: ["principle.may-mislead"], obligations: [.notifyContact, .discloseSyntheticMedia],
         requirements: [.realisticDepiction], approvals: ["ap-real"]),
    Case(name: "P7 presented as real in the final cut", request: #"{"production":"prod-tide","use":"generation","destination":"final","territory":"JP","presentedAsReal":true,"tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["principle.may-mislead", "approval.final-deliverable", "approval.realistic-depiction"],
         obligations: [.notifyContact, .discloseSyntheticMedia], requirements: [.finalDeliverable, .realisticDepiction]),
    Case(name: "P7 presented as real in marketing", request: #"{"production":"prod-tide","use":"generation","destination":"marketing","presentedAsReal":true,"tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["principle.may-mislead", "approval.realistic-depiction"],
         obligations: [.notifyContact, .discloseSyntheticMedia], requirements: [.realisticDepiction]),
    Case(name: "P7 non-fiction in marketing", request: #"{"production":"prod-true","use":"generation","destination":"marketing","territory":"US","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["principle.may-mislead", "approval.realistic-depiction"],
         obligations: [.notifyContact, .discloseSyntheticMedia], requirements: [.realisticDepiction]),
    Case(name: "P7 non-fiction previs is not shown to audiences", request: #"{"production":"prod-true","use":"ideation","destination":"temporary","tool":"t-vault"}"#,
         decision: .notify, codes: [], obligations: [.notifyContact], requirements: []),
    Case(name: "P7 presented as real and non-fiction raise it once", request: #"{"production":"prod-true","use":"generation","destination":"final","presentedAsReal":true,"tool":"t-vault"}"#,
         world: { $0.approvals.append(World.a("ap-true", "prod-true", covers: [.realisticDepiction, .finalDeliverable])) },
         decision: .allowed, codes: ["principle.may-mislead"], obligations: [.notifyContact, .discloseSyntheticMedia],
         requirements: [.finalDeliverable, .realisticDepiction], approvals: ["ap-true"]),
    Case(name: "P7 denial of consent is not settled by approvals", request: #"{"production":"prod-true","performer":"p-lena","use":"replica","aspects":["face"],"destination":"final","territory":"US","tool":"t-vault"}"#,
         world: { $0.approvals.append(World.a("ap-true", "prod-true", covers: Requirement.allCases)) },
         decision: .denied, codes: ["principle.may-mislead", "consent.scope.production"], obligations: [.discloseSyntheticMedia],
         approvals: ["ap-true"]),
    Case(name: "non-customary alteration needs consent and tells the union", request: #"{"production":"prod-nova","performer":"p-lena","use":"alteration","customary":false,"aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.use"], obligations: [.notifyUnion]),
    Case(name: "C1 no grant lists the aspect", request: #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["name"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.missing"]),
    Case(name: "consent.suspended", request: #"{"production":"prod-nova","performer":"p-two","use":"new-performance","aspects":["body"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.suspended"]),
    Case(name: "consent.not-yet-valid", request: #"{"production":"prod-nova","performer":"p-two","use":"new-performance","aspects":["name"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.not-yet-valid"]),
    Case(name: "valid from its first day", request: #"{"production":"prod-nova","performer":"p-two","use":"new-performance","aspects":["name"],"destination":"temporary","tool":"t-vault","at":"2026-06-01"}"#,
         decision: .allowed, codes: [], grants: ["g-two-name"], approvals: ["ap-nova"]),
    Case(name: "consent.expired", request: "{\(lenaPrevis),\"destination\":\"temporary\",\"at\":\"2027-01-01\"}",
         decision: .denied, codes: ["consent.expired"]),
    Case(name: "valid through its last day", request: "{\(lenaPrevis),\"destination\":\"temporary\",\"at\":\"2026-12-31\"}",
         decision: .allowed, codes: []),
    Case(name: "consent.union.production-specific", request: #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["voice"],"destination":"temporary","tool":"t-vault"}"#,
         world: { $0.grants.append(World.g("g-lena-wide", "p-lena", nil, [.replica], [.voice], [.temporary], nil, "2026-01-01", "2027-01-01")) },
         decision: .denied, codes: ["consent.union.production-specific"]),
    Case(name: "consent.background.production-specific, in another production", request: #"{"production":"prod-nova","performer":"p-bg","use":"replica","aspects":["face"],"destination":"final","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.background.production-specific", "consent.scope.production", "approval.final-deliverable"]),
    Case(name: "background performer covered in the production they were hired for", request: #"{"production":"prod-tide","performer":"p-bg","use":"replica","aspects":["face"],"destination":"final","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.talent-likeness", "approval.final-deliverable"], grants: ["g-bg-2"]),
    Case(name: "consent.scope.use", request: #"{"production":"prod-nova","performer":"p-lena","use":"new-performance","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.use"], obligations: [.notifyUnion]),
    Case(name: "C2 training without a covering grant, even temporary", request: #"{"production":"prod-nova","performer":"p-lena","use":"training","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.use"], obligations: []),
    Case(name: "C2 training with a covering grant", request: #"{"production":"prod-nova","performer":"p-two","use":"training","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .allowed, codes: [], obligations: [.notifyContact], grants: ["g-two-face"]),
    Case(name: "consent.scope.destination", request: "{\(lenaPrevis),\"destination\":\"marketing\",\"territory\":\"US\"}",
         decision: .denied, codes: ["consent.scope.destination"], obligations: [.notifyUnion]),
    Case(name: "consent.scope.territory, another country", request: #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["voice"],"destination":"final","territory":"DE","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.territory", "approval.final-deliverable"], obligations: [.discloseSyntheticMedia]),
    Case(name: "consent.scope.content", request: #"{"production":"prod-nova","performer":"p-kid","use":"replica","aspects":["voice"],"destination":"temporary","tool":"t-vault","content":["violence"]}"#,
         decision: .denied, codes: ["consent.scope.content"]),
    Case(name: "consent.guardian-required", request: #"{"production":"prod-nova","performer":"p-kid","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.guardian-required"]),
    Case(name: "minor coming of age: the performer's own grant covers", request: #"{"production":"prod-nova","performer":"p-kid","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-06-01"}"#,
         decision: .allowed, codes: [], grants: ["g-kid-1"]),
    Case(name: "guardian grant covers a minor", request: #"{"production":"prod-nova","performer":"p-kid","use":"replica","aspects":["voice"],"destination":"temporary","tool":"t-vault"}"#,
         decision: .allowed, codes: [], grants: ["g-kid-2"]),
    Case(name: "C3 minor and sexual content, whatever the grants", request: #"{"production":"prod-nova","performer":"p-kid","use":"replica","aspects":["voice"],"destination":"temporary","tool":"t-vault","content":["nudity"]}"#,
         decision: .denied, codes: ["consent.minor-sexual-content"], grants: ["g-kid-2"]),
    Case(name: "C3 applies to customary alterations", request: #"{"production":"prod-nova","performer":"p-kid","use":"alteration","customary":true,"aspects":["face"],"destination":"temporary","tool":"t-vault","content":["sexual"]}"#,
         decision: .denied, codes: ["consent.minor-sexual-content", "consent.not-required.customary"]),
    Case(name: "C3 no longer applies once of age", request: #"{"production":"prod-nova","performer":"p-kid","use":"replica","aspects":["voice"],"destination":"temporary","tool":"t-vault","content":["nudity"],"at":"2026-06-01"}"#,
         decision: .allowed, codes: []),
    Case(name: "consent.estate-required", request: #"{"production":"prod-tide","performer":"p-rui","use":"alteration","aspects":["face"],"destination":"final","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.estate-required", "approval.talent-likeness", "approval.final-deliverable"]),
    Case(name: "the same grant before death", request: #"{"production":"prod-tide","performer":"p-rui","use":"alteration","aspects":["face"],"destination":"final","tool":"t-vault","at":"2025-10-09"}"#,
         decision: .needsApproval, codes: ["approval.talent-likeness", "approval.final-deliverable"], grants: ["g-rui-3"]),
    Case(name: "survivesDeath grant covers after death", request: #"{"production":"prod-tide","performer":"p-rui","use":"new-performance","aspects":["voice"],"destination":"final","territory":"US","tool":"t-vault"}"#,
         world: { $0.approvals.append(World.a("ap-tide", "prod-tide", covers: [.talentLikeness, .finalDeliverable])) },
         decision: .allowed, codes: [], obligations: [.notifyContact], grants: ["g-rui-2"], approvals: ["ap-tide"]),
    Case(name: "aspects covered by two grants", request: #"{"production":"prod-nova","performer":"p-two","use":"replica","aspects":["voice","face"],"destination":"temporary","territory":"DE","tool":"t-vault"}"#,
         decision: .allowed, codes: [], grants: ["g-two-face", "g-two-voice"]),
    Case(name: "two grants for one aspect are both relied on", request: "{\(lenaPrevis),\"destination\":\"temporary\"}",
         world: { $0.grants.append(World.g("g-lena-2", "p-lena", "prod-nova", [.replica], [.face, .voice], [.temporary], nil, "2026-01-01", "2027-01-01")) },
         decision: .allowed, codes: [], grants: ["g-lena-1", "g-lena-2"]),
    Case(name: "one aspect covered, the other not", request: #"{"production":"prod-nova","performer":"p-two","use":"replica","aspects":["face","voice"],"destination":"temporary","territory":"FR","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.territory"], grants: ["g-two-face"]),

    // Union strike.
    Case(name: "U1 strike suspends consent", request: "{\(lenaPrevis),\"destination\":\"temporary\"}",
         world: { $0.strikes = ["SAG-AFTRA"] },
         decision: .denied, codes: ["union.strike"], obligations: [.notifyUnion], grants: ["g-lena-1"]),
    Case(name: "U1 a strike of another union changes nothing", request: "{\(lenaPrevis),\"destination\":\"temporary\"}",
         world: { $0.strikes = ["Equity"] },
         decision: .allowed, codes: []),
    Case(name: "U1 strike does not touch a performer without a union role", request: #"{"production":"prod-nova","performer":"p-two","use":"training","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         world: { $0.strikes = ["SAG-AFTRA"] },
         decision: .allowed, codes: []),
    Case(name: "U1 strike does not affect customary alterations", request: #"{"production":"prod-nova","performer":"p-lena","use":"alteration","customary":true,"aspects":["face"],"destination":"temporary","tool":"t-vault"}"#,
         world: { $0.strikes = ["SAG-AFTRA"] },
         decision: .notify, codes: ["consent.not-required.customary"]),
    Case(name: "several roles: covered by every union they name", request: "{\(lenaPrevis),\"destination\":\"temporary\"}",
         world: {
             $0.roles.append(("p-lena", RoleFacts(id: "r9", production: "prod-nova", category: .stunt, union: "Equity")))
             $0.strikes = ["Equity"]
         },
         decision: .denied, codes: ["union.strike"]),

    // Obligations.
    Case(name: "O2 EEA territory", request: #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["voice"],"destination":"final","territory":"NO","tool":"t-vault"}"#,
         decision: .denied, codes: ["consent.scope.territory", "approval.final-deliverable"], obligations: [.discloseSyntheticMedia]),
    Case(name: "O2 not for temporary output", request: "{\(lenaPrevis),\"destination\":\"temporary\",\"territory\":\"FR\"}",
         decision: .allowed, codes: [], obligations: [.notifyContact, .notifyUnion]),
    Case(name: "O2 not outside the EU/EEA", request: #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["voice"],"destination":"final","territory":"GB","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.final-deliverable"], obligations: [.notifyContact]),
    Case(name: "O2 not without a performer", request: #"{"production":"prod-tide","destination":"final","tool":"t-vault"}"#,
         decision: .needsApproval, codes: ["approval.final-deliverable"], obligations: [.notifyContact]),
]

@Suite struct EngineTests {
    @Test(arguments: decisionTable)
    func decidesAsTheRulesSay(_ c: Case) throws {
        var world = World()
        c.world(&world)
        let verdict = try decide(c.request, in: world)
        #expect(verdict.decision == c.decision)
        #expect(verdict.reasons.map(\.code) == c.codes)
        if let o = c.obligations { #expect(verdict.obligations == o) }
        if let r = c.requirements { #expect(verdict.requirements == r) }
        if let g = c.grants { #expect(verdict.grants == g) }
        if let a = c.approvals { #expect(verdict.approvals == a) }
        for reason in verdict.reasons { #expect(!reason.message.isEmpty) }
    }

    @Test func everyReasonCodeAndObligationIsExercised() {
        let codes = Set(decisionTable.flatMap(\.codes))
        let named: Set<String> = [
            "principle.third-party-work", "principle.tool-unverified", "principle.tool-retains-data", "principle.tool-not-secured",
            "consent.not-required.customary", "consent.missing", "consent.revoked", "consent.suspended", "consent.not-yet-valid",
            "consent.expired", "consent.scope.production", "consent.union.production-specific",
            "consent.background.production-specific", "consent.scope.use", "consent.scope.destination",
            "consent.scope.territory", "consent.scope.content", "consent.guardian-required", "consent.estate-required",
            "consent.minor-sexual-content", "union.strike", "principle.may-mislead",
        ]
        let expected = named.union(Requirement.allCases.map { "approval.\($0.rawValue)" })
        #expect(expected.subtracting(codes).isEmpty, "not exercised: \(expected.subtracting(codes).sorted())")
        let obligations = Set(decisionTable.compactMap(\.obligations).flatMap { $0 })
        #expect(obligations == Set(Obligation.allCases))
        #expect(Set(decisionTable.map(\.decision)) == Set(Decision.allCases))
    }

    @Test func deniedAspectsNameEveryCandidateGrant() throws {
        let verdict = try decide(#"{"production":"prod-nova","performer":"p-bg","use":"replica","aspects":["face"],"destination":"final","tool":"t-vault"}"#, in: World())
        let misses = verdict.reasons.filter { $0.grant != nil }
        #expect(misses.map(\.grant) == ["g-bg-1", "g-bg-2"])
        #expect(misses.allSatisfy { $0.aspect == .face && $0.outcome == .denied })
        #expect(misses[1].message.contains("“Tide”") && misses[1].message.contains("“Nova”"))
        let missing = try decide(#"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["name","body"],"destination":"temporary","tool":"t-vault"}"#, in: World())
        #expect(missing.reasons.map(\.aspect) == [.body, .name])
        #expect(missing.reasons.allSatisfy { $0.grant == nil && $0.message.contains("Omar Haddad") })
    }

    @Test func strikeMessageNamesUnionPerformerAndProduction() throws {
        var world = World()
        world.strikes = ["SAG-AFTRA"]
        let verdict = try decide("{\(lenaPrevis),\"destination\":\"temporary\"}", in: world)
        let strike = try #require(verdict.reasons.first)
        #expect(strike.union == "SAG-AFTRA")
        #expect(strike.message.contains("Lena Park") && strike.message.contains("Nova") && strike.message.contains("SAG-AFTRA"))
    }
}

/// Request validation of checks: every case of the spec's section.
@Suite struct CheckValidationTests {
    @Test(arguments: [
        (#"{"destination":"temporary"}"#, "production", "missing-field"),
        (#"{"production":"bad id","destination":"temporary"}"#, "production", "invalid-id"),
        (#"{"production":"prod-nova"}"#, "destination", "missing-field"),
        (#"{"production":"prod-nova","destination":"forever"}"#, "destination", "invalid-enum"),
        (#"{"production":"prod-nova","use":"dance","destination":"final"}"#, "use", "invalid-enum"),
        (#"{"production":"prod-nova","use":"replica","destination":"final"}"#, "use", "invalid-combination"),
        (#"{"production":"prod-nova","performer":"p-lena","use":"ideation","aspects":["face"],"destination":"final"}"#, "use", "invalid-combination"),
        (#"{"production":"prod-nova","performer":"p-lena","use":"generation","aspects":["face"],"destination":"final"}"#, "use", "invalid-combination"),
        (#"{"production":"prod-nova","performer":"p-lena","aspects":["face"],"destination":"final"}"#, "use", "missing-field"),
        (#"{"production":"prod-nova","performer":"p-lena","use":"replica","destination":"final"}"#, "aspects", "missing-field"),
        (#"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":[],"destination":"final"}"#, "aspects", "empty-set"),
        (#"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["soul"],"destination":"final"}"#, "aspects[0]", "invalid-enum"),
        (#"{"production":"prod-nova","use":"ideation","aspects":["face"],"destination":"final"}"#, "aspects", "invalid-combination"),
        (#"{"production":"prod-nova","destination":"final","territory":"UK"}"#, "territory", "invalid-territory"),
        (#"{"production":"prod-nova","destination":"final","territory":"gb"}"#, "territory", "invalid-territory"),
        (#"{"production":"prod-nova","destination":"final","at":"2026-02-29"}"#, "at", "invalid-date"),
        (#"{"production":"prod-nova","destination":"final","content":["Nudity"]}"#, "content[0]", "invalid-tag"),
        (#"{"production":"prod-nova","destination":"final","inputs":["secrets"]}"#, "inputs[0]", "invalid-enum"),
        (#"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"final","customary":true}"#, "customary", "invalid-combination"),
        (#"{"production":"prod-nova","destination":"final","customary":false}"#, "customary", "invalid-combination"),
        (#"{"production":"prod-nova","destination":"final","tool":"../etc"}"#, "tool", "invalid-id"),
    ])
    func invalidChecksNameTheField(json: String, field: String, code: String) throws {
        let input = try JSONDecoder().decode(CheckInput.self, from: Data(json.utf8))
        #expect { try input.validated(today: Day("2026-05-01")!) } throws: { error in
            let e = error as? LikenessError
            return e?.field == field && e?.code == code && e?.kind == .invalid
        }
    }

    @Test func defaultsAreFilledIn() throws {
        let input = try JSONDecoder().decode(CheckInput.self, from: Data(#"{"production":"prod-nova","destination":"final","content":["b","a","a"]}"#.utf8))
        let use = try input.validated(today: Day("2026-05-01")!)
        #expect(use.use == .generation && use.at == Day("2026-05-01") && use.content == ["a", "b"] && !use.replicatesThirdPartyWork)
    }
}
