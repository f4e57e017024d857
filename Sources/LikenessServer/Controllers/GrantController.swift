import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

extension GrantDetail: ResponseEncodable {}
extension GrantStatusChange: ResponseEncodable {}

/// Consent grants and the studio's approvals.
struct GrantController {
    let services: Services
    var operations: Operations { services.operations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/grants", .recordGrant, create),
            Endpoint(.get, "/v1/grants/{id}", .readRegistryRecord, get),
        ] + Registry.GrantAction.allCases.map { action in
            Endpoint(.post, "/v1/grants/{id}/\(action.rawValue)", .changeGrant) { try await change($0, $1, action) }
        } + [
            Endpoint(.post, "/v1/approvals", .recordApproval, createApproval),
            Endpoint(.get, "/v1/approvals/{id}", .readApproval, getApproval),
            Endpoint(.post, "/v1/approvals/{id}/revoke", .revokeApproval, revokeApproval),
        ]
    }

    func create(_ request: Request, context: AppContext) async throws -> EditedResponse<GrantDetail> {
        created(try await operations.recordGrant(try await request.decode(as: GrantInput.self, context: context), by: context.caller))
    }

    func get(_ request: Request, context: AppContext) async throws -> GrantDetail {
        try await operations.grant(try context.parameters.id("id", "grant"), by: context.caller)
    }

    func change(_ request: Request, _ context: AppContext, _ action: Registry.GrantAction) async throws -> GrantDetail {
        let id = try context.parameters.id("id", "grant")
        let reason = try await request.decode(as: ReasonInput.self, context: context)
        return try await operations.changeGrant(id, action, reason: reason, by: context.caller)
    }

    func createApproval(_ request: Request, context: AppContext) async throws -> EditedResponse<Approval> {
        created(try await operations.recordApproval(try await request.decode(as: ApprovalInput.self, context: context), by: context.caller))
    }

    func getApproval(_ request: Request, context: AppContext) async throws -> Approval {
        try await operations.approval(try context.parameters.id("id", "approval"), by: context.caller)
    }

    func revokeApproval(_ request: Request, context: AppContext) async throws -> Approval {
        let id = try context.parameters.id("id", "approval")
        let reason = try await request.decode(as: ReasonInput.self, context: context)
        return try await operations.revokeApproval(id, reason: reason, by: context.caller)
    }
}
