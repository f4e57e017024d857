import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

extension ApprovalRequest: ResponseEncodable {}
extension UseRegister: ResponseEncodable {}

/// The studio's loop: approval requests, and the use register of a production.
struct ApprovalRequestController {
    let services: Services
    var operations: Operations { services.operations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/approval-requests", .requestApproval, create),
            Endpoint(.get, "/v1/approval-requests", .readApprovalRequests, list),
            Endpoint(.get, "/v1/approval-requests/{id}", .readApprovalRequests, get),
            Endpoint(.post, "/v1/approval-requests/{id}/approve", .decideApprovalRequest, approve),
            Endpoint(.post, "/v1/approval-requests/{id}/decline", .decideApprovalRequest, decline),
            Endpoint(.post, "/v1/approval-requests/{id}/withdraw", .withdrawApprovalRequest, withdraw),
            Endpoint(.get, "/v1/productions/{id}/uses", .readUseRegister, uses),
        ]
    }

    struct RequestList: ResponseEncodable { let requests: [ApprovalRequest] }

    func create(_ request: Request, context: AppContext) async throws -> EditedResponse<ApprovalRequest> {
        created(try await operations.requestApproval(try await request.decode(as: ApprovalRequestInput.self, context: context),
                                                     by: context.caller))
    }

    func list(_ request: Request, context: AppContext) async throws -> RequestList {
        let state: RequestState? = try Validate.term(request.uri.queryParameters["state"].map(String.init), "state")
        let production = try request.uri.queryParameters["production"].map { try Validate.requiredID(String($0), "production") }
        return RequestList(requests: try await operations.approvalRequests(state: state, production: production, by: context.caller))
    }

    func get(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        try await operations.approvalRequest(try context.parameters.id("id", "approval request"), by: context.caller)
    }

    func approve(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let id = try context.parameters.id("id", "approval request")
        return try await operations.approve(id, try await request.decode(as: ApprovalDecisionInput.self, context: context), by: context.caller)
    }

    func decline(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let id = try context.parameters.id("id", "approval request")
        return try await operations.decline(id, reason: try await request.decode(as: ReasonInput.self, context: context), by: context.caller)
    }

    func withdraw(_ request: Request, context: AppContext) async throws -> ApprovalRequest {
        let id = try context.parameters.id("id", "approval request")
        return try await operations.withdraw(id, reason: try await request.decode(as: ReasonInput.self, context: context), by: context.caller)
    }

    /// `?since=&until=` (default: the 30 days up to today), `?format=csv` for CSV.
    func uses(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.parameters.id("id", "production")
        let (since, until) = (try request.day("since"), try request.day("until"))
        let csv = try request.wantsCSV()
        let register = try await operations.useRegister(ofProduction: id, since: since, until: until, by: context.caller)
        guard csv else { return try register.response(from: request, context: context) }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(id)-uses-\(register.since)-\(register.until).csv\""],
                        body: .init(byteBuffer: .init(string: register.csv)))
    }
}
