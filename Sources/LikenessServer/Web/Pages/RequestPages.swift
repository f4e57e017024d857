import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// The studio's loop in the browser: requesting approval of a check, the studio contact's queue,
/// approving or declining, and withdrawing.
struct RequestPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/requests", .readApprovalRequests, list),
            WebPage(.post, "/requests", .requestApproval, create),
            WebPage(.get, "/requests/{id}", .readApprovalRequests, show),
            WebPage(.post, "/requests/{id}/approve", .decideApprovalRequest, approve),
            WebPage(.post, "/requests/{id}/decline", .decideApprovalRequest, decline),
            WebPage(.post, "/requests/{id}/withdraw", .withdrawApprovalRequest, withdraw),
        ]
    }

    struct Row: Sendable {
        let id: String, production: WebName, performer: WebName?, use: String, destination: String, state: String
        let requestedBy: String, requestedAt: String, requirements: String
    }
    struct ListView: Sendable {
        let rows: [Row]
        let states: [WebOption]
        let heading: String
        let previous: String?
        let next: String?
    }
    static let pageSize = 50

    static func row(_ r: ApprovalRequest, _ names: WebNames) -> Row {
        Row(id: r.id, production: names.production(r.production)!, performer: names.performer(r.performer), use: WebText.words(r.use.rawValue), destination: r.destination.rawValue,
            state: r.state.rawValue, requestedBy: r.requestedBy, requestedAt: WebText.time(r.requestedAt),
            requirements: r.requirements.map { WebText.words($0.rawValue) }.joined(separator: ", "))
    }

    /// A studio contact sees the open requests of its productions first (its queue, oldest first);
    /// `?state=` picks another, `?page=` pages through 50 at a time.
    func list(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let chosen = visit.query("state") ?? (caller.role == .studio ? "open" : "all")
        let state: RequestState? = chosen == "all" ? nil : try Validate.term(chosen, "state")
        let page = visit.pageNumber()
        let requests = try await web.services.operations.approvalRequests(state: state, limit: Self.pageSize + 1,
                                                                          offset: (page - 1) * Self.pageSize, by: caller)
        let heading = caller.role == .studio && state == .open ? "Approval queue" : "Approval requests"
        func link(_ n: Int) -> String { "/requests?state=\(chosen)&page=\(n)" }
        let shown = Array(requests.prefix(Self.pageSize))
        let names = await WebNames.load(web, caller, performers: shown.map(\.performer), productions: shown.map(\.production))
        return .page(title: heading, template: "requests", data: ListView(
            rows: shown.map { Self.row($0, names) },
            states: WebOption.of([("all", "all")] + RequestState.allCases.map { ($0.rawValue, $0.rawValue) }, chosen: chosen),
            heading: heading, previous: page > 1 ? link(page - 1) : nil, next: requests.count > Self.pageSize ? link(page + 1) : nil))
    }

    func create(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let check = visit.field("check") ?? ""
        do {
            let request = try await web.services.operations.requestApproval(
                ApprovalRequestInput(check: visit.field("check"), note: visit.field("note")), by: caller)
            return .redirect("/requests/\(request.id)")
        } catch let error as LikenessError where (error.kind == .invalid || error.kind == .conflict) && Validate.isID(check) {
            return try await CheckPages(web: web).checkPage(visit, id: check, note: visit.field("note") ?? "",
                                                            errors: WebFormErrors(error), status: error.kind.status)
        }
    }

    struct ShowView: Sendable {
        let request: Row
        let note: String
        let check: String
        let receipt: WebReceipt.View?
        let approval: String?
        let decidedBy: String?
        let decidedAt: String?
        let reason: String?
        let mayDecide: Bool
        let mayWithdraw: Bool
        let scopes: [WebOption]
        let reference: String
        let validUntil: String
        let declineReason: String
        let errors: WebFormErrors
    }

    func show(_ visit: WebVisit) async throws -> WebAnswer {
        try await requestPage(visit, id: try visit.id("id", "approval request"), typed: [:], errors: .none, status: .ok)
    }

    func requestPage(_ visit: WebVisit, id: String, typed: [String: String], errors: WebFormErrors,
                     status: HTTPResponse.Status) async throws -> WebAnswer {
        let caller = try visit.caller
        let request = try await web.services.operations.approvalRequest(id, by: caller)
        let body = try? await web.services.operations.receipt(request.check, by: caller)
        let open = request.state == .open
        let names = await WebNames.load(web, caller, performers: [request.performer], productions: [request.production])
        return .page(title: "Approval request \(id)", template: "request", data: ShowView(
            request: Self.row(request, names), note: request.note, check: request.check, receipt: try await WebReceipt.views(body.map { [$0] } ?? [], web: web, caller: caller).first,
            approval: request.approval, decidedBy: request.decidedBy, decidedAt: request.decidedAt.map(WebText.time), reason: request.reason,
            mayDecide: open && caller.may(.decideApprovalRequest) && caller.role != .admin,
            mayWithdraw: open && request.requestedBy == caller.actor,
            scopes: WebOption.of(ApprovalScope.allCases.map { ($0.rawValue, $0 == .use ? "this performer, use and destination" : "the whole production") },
                                 chosen: typed["scope"] ?? "use"),
            reference: typed["reference"] ?? "", validUntil: typed["validUntil"] ?? "", declineReason: typed["reason"] ?? "",
            errors: errors), status: status)
    }

    /// Records the written approval (so the facts index catches up before the answer).
    func approve(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "approval request")
        let typed = ["reference": visit.field("reference") ?? "", "validUntil": visit.field("validUntil") ?? "", "scope": visit.field("scope") ?? ""]
        do {
            let decision = ApprovalDecisionInput(reference: visit.field("reference"), validUntil: visit.field("validUntil"), scope: visit.field("scope"))
            _ = try await web.services.operations.approve(id, decision, by: caller)
            return .redirect("/requests/\(id)")
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .conflict {
            return try await requestPage(visit, id: id, typed: typed, errors: WebFormErrors(error), status: error.kind.status)
        }
    }

    func decline(_ visit: WebVisit) async throws -> WebAnswer {
        try await end(visit, web.services.operations.decline)
    }

    func withdraw(_ visit: WebVisit) async throws -> WebAnswer {
        try await end(visit, web.services.operations.withdraw)
    }

    /// Declines or withdraws a request with a reason; a missing reason shows the page again with the message.
    func end(_ visit: WebVisit, _ ending: @Sendable (String, ReasonInput, Identity) async throws -> ApprovalRequest) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "approval request")
        do {
            _ = try await ending(id, ReasonInput(reason: visit.field("reason")), caller)
            return .redirect("/requests/\(id)")
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .conflict {
            return try await requestPage(visit, id: id, typed: ["reason": visit.field("reason") ?? ""], errors: WebFormErrors(error),
                                         status: error.kind.status)
        }
    }
}
