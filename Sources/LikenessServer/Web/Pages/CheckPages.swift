import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// The check simulator (what-if, or the real check), a check's receipt, and finding one by id.
struct CheckPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/simulator", .whatIf, simulator),
            WebPage(.post, "/simulator", .whatIf, simulate),
            WebPage(.get, "/checks", .readCheck, find),
            WebPage(.get, "/checks/{id}", .readCheck, show),
        ]
    }

    /// The proposed use as typed, with what the simulator answered.
    struct SimulatorView: Sendable {
        var production = "", performer = "", territory = "", at = "", content = "", tool = ""
        var uses = WebOption.of(Use.self, chosen: ["replica"])
        var aspects = WebOption.of(Aspect.self, chosen: nil)
        var destinations = WebOption.of(Destination.self, chosen: ["temporary"])
        var inputs = WebOption.of(InputKind.self, chosen: nil)
        var replicatesThirdPartyWork = false, presentedAsReal = false, customary = false
        var mayCheck = false
        var result: WebReceipt.View?
        var errors = WebFormErrors.none
    }

    func simulator(_ visit: WebVisit) async throws -> WebAnswer {
        var view = SimulatorView()
        view.production = visit.query("production") ?? ""
        view.performer = visit.query("performer") ?? ""
        view.at = web.services.clock.today().description
        view.mayCheck = try visit.caller.may(.check)
        return .page(title: "Check simulator", template: "simulator", data: view)
    }

    /// `what-if` decides without storing anything; `check` makes the real check (its receipt stored)
    /// and shows its receipt.
    func simulate(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        var input = CheckInput()
        input.production = visit.field("production")
        input.performer = visit.field("performer")
        input.use = visit.field("use")
        input.aspects = visit.fields("aspects")
        input.destination = visit.field("destination")
        input.territory = visit.field("territory")
        input.at = visit.field("at")
        input.content = GrantPages.list(visit.field("content"))
        input.tool = visit.field("tool")
        input.inputs = visit.fields("inputs")
        input.replicatesThirdPartyWork = visit.checked("replicatesThirdPartyWork")
        input.presentedAsReal = visit.checked("presentedAsReal")
        input.customary = visit.checked("customary") ? true : nil
        var view = SimulatorView(
            production: input.production ?? "", performer: input.performer ?? "", territory: input.territory ?? "",
            at: input.at ?? "", content: visit.field("content") ?? "", tool: input.tool ?? "",
            uses: WebOption.of(Use.self, chosen: input.use.map { [$0] }), aspects: WebOption.of(Aspect.self, chosen: input.aspects),
            destinations: WebOption.of(Destination.self, chosen: input.destination.map { [$0] }),
            inputs: WebOption.of(InputKind.self, chosen: input.inputs),
            replicatesThirdPartyWork: input.replicatesThirdPartyWork ?? false, presentedAsReal: input.presentedAsReal ?? false,
            customary: input.customary ?? false, mayCheck: caller.may(.check))
        do {
            if visit.field("run") == "check" {
                let stored = try await web.services.checks.check(input, by: caller)
                return .redirect("/checks/\(stored.receipt.id)")
            }
            let receipt = try await web.services.checks.whatIf(input, by: caller)
            view.result = try await WebReceipt.views([receipt.whatIfJSON], web: web, caller: caller).first
            return .page(title: "Check simulator", template: "simulator", data: view)
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .notFound || error.kind == .badRequest {
            view.errors = WebFormErrors(error)
            return .page(title: "Check simulator", template: "simulator", data: view, status: error.kind.status)
        }
    }

    /// `?id=` goes to that check's receipt.
    func find(_ visit: WebVisit) async throws -> WebAnswer {
        if let id = visit.query("id") { return .redirect("/checks/\(WebText.percentEncoded(id))") }
        return .page(title: "Receipts", template: "checks", data: [String: String]())
    }

    struct RequestRow: Sendable { let id: String; let state: String; let requestedAt: String }
    struct ShowView: Sendable {
        let receipt: WebReceipt.View
        let json: String
        let mayRequest: Bool
        let requests: [RequestRow]
        let note: String
        let errors: WebFormErrors
        /// Its usage reports and the form to report one (nil when it has neither).
        let usage: CompensationPages.UsageView?
    }

    func show(_ visit: WebVisit) async throws -> WebAnswer {
        try await checkPage(visit, id: try visit.id("id", "check"), note: "", errors: .none, status: .ok)
    }

    /// A receipt in words, its JSON exactly as stored, its approval requests, (for its maker,
    /// when it needs approval) the form to request it, and its usage reports with the form to
    /// report one (`usageForm` as typed, nil for an empty one).
    func checkPage(_ visit: WebVisit, id: String, note: String, errors: WebFormErrors,
                   usageForm: CompensationPages.UsageForm? = nil, status: HTTPResponse.Status) async throws -> WebAnswer {
        let caller = try visit.caller
        let body = try await web.services.operations.receipt(id, by: caller)
        let requests = try await web.services.operations.approvalRequests(state: nil, check: id, by: caller)
        guard let receipt = try await WebReceipt.views([body], web: web, caller: caller).first else { throw LikenessError.notFound("check", id) }
        let open = requests.contains { $0.state == .open }
        return .page(title: "Check \(id)", template: "check", data: ShowView(
            receipt: receipt, json: body,
            mayRequest: receipt.needsApproval && !open && caller.may(.requestApproval) && caller.role != .admin,
            requests: requests.map { RequestRow(id: $0.id, state: $0.state.rawValue, requestedAt: WebText.time($0.requestedAt)) },
            note: note, errors: errors,
            usage: try await CompensationPages(web: web).usage(of: receipt, visit, form: usageForm)), status: status)
    }
}
