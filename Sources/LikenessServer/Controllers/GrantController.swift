import Foundation
import Hummingbird
import LikenessRules
import LikenessStore

/// A grant with its status history (who changed it, when and why).
struct GrantDetail: ResponseEncodable {
    let grant: Grant
    let statusHistory: [GrantStatusChange]

    enum CodingKeys: String, CodingKey { case statusHistory }

    func encode(to encoder: any Encoder) throws {
        try grant.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(statusHistory, forKey: .statusHistory)
    }
}

extension GrantStatusChange: ResponseEncodable {}

/// Consent grants and the studio's approvals.
struct GrantController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/grants", .roles([.casting]), create),
            Endpoint(.get, "/v1/grants/{id}", RegistryController.readers, get),
        ] + Registry.GrantAction.allCases.map { action in
            Endpoint(.post, "/v1/grants/{id}/\(action.rawValue)", .roles([.casting])) { try await change($0, $1, action) }
        } + [
            Endpoint(.post, "/v1/approvals", .roles([.studio]), createApproval),
            Endpoint(.get, "/v1/approvals/{id}", .roles([.casting, .production, .auditor, .studio]), getApproval),
            Endpoint(.post, "/v1/approvals/{id}/revoke", .roles([.studio]), revokeApproval),
        ]
    }

    func create(_ request: Request, context: AppContext) async throws -> EditedResponse<GrantDetail> {
        let caller = try context.caller
        let grant = try await request.decode(as: GrantInput.self, context: context).record(actor: caller.actor, now: services.clock.now())
        let history = try await services.write { db in
            try Registry.insert(grant, db)
            return try Registry.statusHistory(grant: grant.id, db)
        }
        return created(GrantDetail(grant: grant, statusHistory: history))
    }

    func get(_ request: Request, context: AppContext) async throws -> GrantDetail {
        let id = try context.parameters.id("id", "grant")
        return try await services.database.snapshot { db in
            GrantDetail(grant: try Registry.require(Grant.self, id, "grant", db),
                        statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    func change(_ request: Request, _ context: AppContext, _ action: Registry.GrantAction) async throws -> GrantDetail {
        let caller = try context.caller
        let id = try context.parameters.id("id", "grant")
        let reason = try await request.decode(as: ReasonInput.self, context: context).validated()
        let now = services.clock.now()
        return try await services.write { db in
            let grant = try Registry.change(grant: id, action, reason: reason, actor: caller.actor, now: now, db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    /// Admins, and a studio contact for the productions that name it.
    func createApproval(_ request: Request, context: AppContext) async throws -> EditedResponse<Approval> {
        let caller = try context.caller
        let approval = try await request.decode(as: ApprovalInput.self, context: context).record(actor: caller.actor, now: services.clock.now())
        try await services.write { db in
            try Registry.requireContact(of: approval.production, caller, db)
            try Registry.insert(approval, db)
        }
        return created(approval)
    }

    func getApproval(_ request: Request, context: AppContext) async throws -> Approval {
        let id = try context.parameters.id("id", "approval")
        return try await services.database.snapshot { try Registry.require(Approval.self, id, "approval", $0) }
    }

    func revokeApproval(_ request: Request, context: AppContext) async throws -> Approval {
        let caller = try context.caller
        let id = try context.parameters.id("id", "approval")
        let reason = try await request.decode(as: ReasonInput.self, context: context).validated()
        let now = services.clock.now()
        return try await services.write { db in
            try Registry.requireContact(of: try Registry.require(Approval.self, id, "approval", db).production, caller, db)
            return try Registry.revoke(approval: id, reason: reason, actor: caller.actor, now: now, db)
        }
    }
}
