import Foundation
import LikenessRules

/// A check's answer (a stored receipt or a what-if) read back for a page, in words.
struct WebReceipt: Decodable, Sendable {
    struct Line: Sendable { let text: String; let detail: String? }

    var id: String?
    let decision: Decision
    let reasons: [Reason]
    let obligations: [Obligation]
    let grants: [String]
    let approvals: [String]
    let requirements: [Requirement]
    let request: ProposedUse
    let decidedAt: String

    /// Reads receipts and the names of the performers and productions they name, for `caller`.
    static func views(_ bodies: [String], web: WebApp, caller: Identity) async throws -> [View] {
        let receipts = try bodies.map(read)
        let names = await WebNames.load(web, caller, performers: receipts.map(\.request.performer), productions: receipts.map(\.request.production))
        return receipts.map { $0.naming(names) }
    }

    /// Reads a receipt's JSON body (what the API answers).
    static func read(_ body: String) throws -> WebReceipt {
        do {
            return try JSONDecoder().decode(WebReceipt.self, from: Data(body.utf8))
        } catch {
            throw LikenessError(.internal, "corrupt-receipt", "a receipt could not be read back")
        }
    }

    /// What the template shows.
    var view: View { naming(.none) }

    /// What the template shows, naming the performer and production as `names` has them.
    func naming(_ names: WebNames) -> View {
        View(id: id, decision: decision.rawValue, decisionWords: Self.words(decision),
             reasons: reasons.map { Line(text: $0.message, detail: "\($0.code) → \($0.outcome.rawValue)" + ($0.grant.map { ", grant \($0)" } ?? "")) },
             obligations: obligations.map { Line(text: Self.words($0), detail: $0.rawValue) },
             requirements: requirements.map { requirement in
                 let uncovered = reasons.contains { $0.requirement == requirement && $0.code.hasPrefix("approval.") }
                 return Line(text: Self.words(requirement), detail: requirement.rawValue + (uncovered ? ": no approval covers it yet" : ": covered by an approval"))
             },
             grants: grants, approvals: approvals,
             use: "\(WebText.words(request.use.rawValue)) for a \(request.destination.rawValue) destination"
                + (names.performer(request.performer).map { " of \($0.text)" } ?? "") + " in \(names.production(request.production)!.text)"
                + (request.aspects.isEmpty ? "" : " (\(request.aspects.map(\.rawValue).joined(separator: ", ")))"),
             production: request.production, performer: request.performer,
             productionName: names.production(request.production)!, performerName: names.performer(request.performer), day: request.at.description, decidedAt: decidedAt,
             needsApproval: decision == .needsApproval)
    }

    struct View: Sendable {
        let id: String?
        let decision: String
        let decisionWords: String
        let reasons: [Line]
        let obligations: [Line]
        let requirements: [Line]
        let grants: [String]
        let approvals: [String]
        let use: String
        let production: String
        let performer: String?
        let productionName: WebName
        let performerName: WebName?
        let day: String
        let decidedAt: String
        let needsApproval: Bool
    }

    static func words(_ decision: Decision) -> String {
        switch decision {
        case .allowed: "Allowed: the use may go ahead"
        case .notify: "Allowed, with the notices below to give"
        case .needsApproval: "Needs the studio's written approval before the use"
        case .denied: "Denied: the use may not go ahead"
        }
    }

    static func words(_ obligation: Obligation) -> String {
        switch obligation {
        case .notifyContact: "Tell the production's studio contact about this use"
        case .notifyUnion: "Notify the performer's union"
        case .discloseSyntheticMedia: "Disclose to audiences that the material is synthetic"
        }
    }

    static func words(_ requirement: Requirement) -> String {
        switch requirement {
        case .talentLikeness: "It uses a performer's likeness"
        case .finalDeliverable: "Its output goes into a final deliverable"
        case .personalData: "It uses personal data"
        case .thirdPartyIP: "It involves third-party intellectual property"
        case .unvettedTool: "Its tool may keep or train on production data"
        case .syntheticPerformer: "It creates a synthetic performer"
        case .realisticDepiction: "Audiences could take it for a real recording"
        }
    }
}
