import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// Consent grants: recording one, its page with history and status changes, and its impact.
struct GrantPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/grants/new", .recordGrant, newForm),
            WebPage(.post, "/grants", .recordGrant, create),
            WebPage(.get, "/grants/{id}", .readRegistry, show),
            WebPage(.get, "/grants/{id}/impact", .readImpact, impact),
        ] + Registry.GrantAction.allCases.map { action in
            WebPage(.post, "/grants/{id}/\(action.rawValue)", .changeGrant) { try await change($0, action) }
        }
    }

    /// The grant form, as typed.
    struct FormView: Sendable {
        var performer = "", production = "", territories = "*", excludedContent = "", validFrom = "", validUntil = ""
        var description = "", documentRef = "", sha256 = ""
        var survivesDeath = false
        var uses = WebOption.of(Use.self, chosen: nil).filter { Use.withPerformer.map(\.rawValue).contains($0.value) }
        var aspects = WebOption.of(Aspect.self, chosen: nil)
        var destinations = WebOption.of(Destination.self, chosen: nil)
        var signers = WebOption.of(Signer.self, chosen: ["performer"])
        var fee = WebFeeFields()
        var errors = WebFormErrors.none
    }

    func newForm(_ visit: WebVisit) async throws -> WebAnswer {
        var form = FormView()
        form.performer = visit.query("performer") ?? ""
        form.validFrom = web.services.clock.today().description
        return .page(title: "Record a consent grant", template: "grant-form", data: form)
    }

    /// Space- or comma-separated words of a text field, nil when there is none.
    static func list(_ text: String?) -> [String]? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        return words.isEmpty ? nil : words
    }

    func create(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        var input = GrantInput()
        input.performer = visit.field("performer")
        input.production = visit.field("production")
        input.uses = visit.fields("uses")
        input.aspects = visit.fields("aspects")
        input.destinations = visit.fields("destinations")
        input.territories = Self.list(visit.field("territories"))
        input.excludedContent = Self.list(visit.field("excludedContent")) ?? []
        input.validFrom = visit.field("validFrom")
        input.validUntil = visit.field("validUntil")
        input.signedBy = visit.field("signedBy")
        input.survivesDeath = visit.checked("survivesDeath")
        input.description = visit.field("description")
        if visit.field("documentRef") != nil || visit.field("sha256") != nil {
            input.evidence = EvidenceInput(documentRef: visit.field("documentRef"), sha256: visit.field("sha256"))
        }
        let fee = WebFeeFields(visit)
        do {
            input.fee = try fee.input()
            let recorded = try await web.services.operations.recordGrant(input, by: caller)
            return .redirect("/performers/\(recorded.grant.performer)#timeline")
        } catch let error as LikenessError where error.kind != .internal {
            let form = FormView(
                performer: input.performer ?? "", production: input.production ?? "", territories: visit.field("territories") ?? "",
                excludedContent: visit.field("excludedContent") ?? "", validFrom: input.validFrom ?? "", validUntil: input.validUntil ?? "",
                description: input.description ?? "", documentRef: visit.field("documentRef") ?? "", sha256: visit.field("sha256") ?? "",
                survivesDeath: input.survivesDeath ?? false,
                uses: WebOption.of(Use.self, chosen: input.uses).filter { Use.withPerformer.map(\.rawValue).contains($0.value) },
                aspects: WebOption.of(Aspect.self, chosen: input.aspects),
                destinations: WebOption.of(Destination.self, chosen: input.destinations),
                signers: WebOption.of(Signer.self, chosen: input.signedBy.map { [$0] }), fee: fee, errors: WebFormErrors(error))
            return .page(title: "Record a consent grant", template: "grant-form", data: form, status: error.kind.status)
        }
    }

    struct HistoryRow: Sendable { let status: String; let at: String; let actor: String; let reason: String? }
    struct ShowView: Sendable {
        let grant: Grant
        let performerName: WebName
        let productionName: WebName?
        let statusText: String
        /// The fee in the words of the terms, nil when the grant carries none.
        let feeWords: String?
        let usesText: String, aspectsText: String, destinationsText: String, territoriesText: String, excluded: String
        let history: [HistoryRow]
        let actions: [String]
        let mayChange: Bool
        let mayReadImpact: Bool
        let reason: String
        let errors: WebFormErrors
    }

    func show(_ visit: WebVisit) async throws -> WebAnswer {
        try await grantPage(visit, id: try visit.id("id", "grant"), reason: "", errors: .none, status: .ok)
    }

    func grantPage(_ visit: WebVisit, id: String, reason: String, errors: WebFormErrors, status: HTTPResponse.Status) async throws -> WebAnswer {
        let caller = try visit.caller
        let detail = try await web.services.operations.grant(id, by: caller)
        let (grant, history) = (detail.grant, detail.statusHistory)
        let actions = web.services.operations.grantActions(detail, by: caller)
        let names = await WebNames.load(web, caller, performers: [grant.performer], productions: [grant.production])
        return .page(title: "Grant \(grant.id)", template: "grant", data: ShowView(
            grant: grant, performerName: names.performer(grant.performer)!, productionName: names.production(grant.production), statusText: ConsentTimeline.status(of: grant, today: web.services.clock.today()),
            feeWords: grant.fee?.words,
            usesText: grant.uses.map { WebText.words($0.rawValue) }.joined(separator: ", "),
            aspectsText: grant.aspects.map(\.rawValue).joined(separator: ", "),
            destinationsText: grant.destinations.map(\.rawValue).joined(separator: ", "),
            territoriesText: grant.isWorldwide ? "worldwide" : grant.territories.joined(separator: ", "),
            excluded: grant.excludedContent.isEmpty ? "nothing" : grant.excludedContent.joined(separator: ", "),
            history: history.map { HistoryRow(status: $0.status.rawValue, at: WebText.time($0.at), actor: $0.actor, reason: $0.reason) },
            actions: actions.map(\.rawValue), mayChange: !actions.isEmpty, mayReadImpact: caller.may(.readImpact),
            reason: reason, errors: errors), status: status)
    }

    /// Revoke, suspend or resume with a reason; a missing reason shows the page again with the message.
    func change(_ visit: WebVisit, _ action: Registry.GrantAction) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "grant")
        do {
            _ = try await web.services.operations.changeGrant(id, action, reason: ReasonInput(reason: visit.field("reason")), by: caller)
            return .redirect("/grants/\(id)")
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .conflict {
            return try await grantPage(visit, id: id, reason: visit.field("reason") ?? "", errors: WebFormErrors(error), status: error.kind.status)
        }
    }

    struct ImpactView: Sendable { let grant: String; let checks: [WebReceipt.View] }

    /// The earlier allowed or notify checks that relied on the grant.
    func impact(_ visit: WebVisit) async throws -> WebAnswer {
        let id = try visit.id("id", "grant")
        let bodies = try await web.services.operations.impact(ofGrant: id, by: try visit.caller)
        return .page(title: "Impact of grant \(id)", template: "impact",
                     data: ImpactView(grant: id, checks: try await WebReceipt.views(bodies, web: web, caller: try visit.caller)))
    }
}
