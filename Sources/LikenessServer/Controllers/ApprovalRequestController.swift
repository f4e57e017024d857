import Foundation
import Hummingbird
import LikenessRules
import LikenessStore

extension ApprovalRequest: ResponseEncodable {}
extension UseRegister: ResponseEncodable {}

/// The studio's loop: approval requests, and the use register of a production.
struct ApprovalRequestController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/approval-requests", .roles([.production, .casting]), create),
            Endpoint(.get, "/v1/approval-requests", .roles([.production, .casting, .auditor, .studio]), list),
            Endpoint(.get, "/v1/approval-requests/{id}", .roles([.production, .casting, .auditor, .studio]), get),
            Endpoint(.post, "/v1/approval-requests/{id}/approve", .roles([.studio]), approve),
            Endpoint(.post, "/v1/approval-requests/{id}/decline", .roles([.studio]), decline),
            Endpoint(.post, "/v1/approval-requests/{id}/withdraw", .roles([.production, .casting]), withdraw),
            Endpoint(.get, "/v1/productions/{id}/uses", .roles([.casting, .auditor, .studio]), uses),
        ]
    }

    struct RequestList: ResponseEncodable { let requests: [ApprovalRequest] }

    func create(_ request: Request, context: AppContext) async throws -> EditedResponse<ApprovalRequest> {
        let caller = try context.caller
        let (check, note) = try await request.decode(as: ApprovalRequestInput.self, context: context).validated()
        let now = services.clock.now()
        return created(try await services.database.transaction { try ApprovalRequests.create(check: check, note: note, caller: caller, now: now, codec: services.database.receiptCodec, $0) })
    }

    func list(_ request: Request, context: AppContext) async throws -> RequestList {
        let caller = try context.caller
        let state: RequestState? = try Validate.term(request.uri.queryParameters["state"].map(String.init), "state")
        let production = try request.uri.queryParameters["production"].map { try Validate.requiredID(String($0), "production") }
        return RequestList(requests: try await services.database.snapshot {
            try ApprovalRequests.list(state: state, production: production, caller: caller, $0)
        })
    }

    func get(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let caller = try context.caller
        let id = try context.parameters.id("id", "approval request")
        return try await services.database.snapshot { try ApprovalRequests.get(id, caller: caller, $0) }
    }

    /// Records the approval, so the facts index catches up before the answer.
    func approve(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let caller = try context.caller
        let id = try context.parameters.id("id", "approval request")
        let (reference, validUntil, scope) = try await request.decode(as: ApprovalDecisionInput.self, context: context).validated()
        let now = services.clock.now()
        return try await services.write {
            try ApprovalRequests.approve(id, reference: reference, validUntil: validUntil, scope: scope, caller: caller, now: now, $0)
        }
    }

    func decline(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let caller = try context.caller
        let id = try context.parameters.id("id", "approval request")
        let reason = try await request.decode(as: ReasonInput.self, context: context).validated()
        let now = services.clock.now()
        return try await services.database.transaction { try ApprovalRequests.decline(id, reason: reason, caller: caller, now: now, $0) }
    }

    func withdraw(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let caller = try context.caller
        let id = try context.parameters.id("id", "approval request")
        let reason = try await request.decode(as: ReasonInput.self, context: context).validated()
        let now = services.clock.now()
        return try await services.database.transaction { try ApprovalRequests.withdraw(id, reason: reason, caller: caller, now: now, $0) }
    }

    /// `?since=&until=` (default: the 30 days up to today), `?format=csv` for CSV.
    func uses(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller
        let id = try context.parameters.id("id", "production")
        let (since, until) = UseRegister.window(since: try request.day("since"), until: try request.day("until"),
                                                today: services.clock.today())
        let csv: Bool
        switch request.uri.queryParameters["format"].map(String.init) {
        case nil, "json"?: csv = false
        case "csv"?: csv = true
        case let other?:
            throw LikenessError.invalid("format", "'\(other.prefix(20))' is not json or csv", code: "invalid-enum")
        }
        let register = try await services.database.snapshot { db in
            try Registry.requireContact(of: id, caller, db)
            return try UseRegister.read(production: id, since: since, until: until, db)
        }
        guard csv else { return try register.response(from: request, context: context) }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(id)-uses-\(since)-\(until).csv\""],
                        body: .init(byteBuffer: .init(string: register.csv)))
    }
}
