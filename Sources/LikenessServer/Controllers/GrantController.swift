import Foundation
import Hummingbird
import LikenessCore

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

    var routes: RouteCollection<AppContext> {
        let r = RouteCollection(context: AppContext.self)
        r.post("grants", use: create)
        r.get("grants/:id", use: get)
        r.post("grants/:id/revoke") { try await change($0, $1, .revoke) }
        r.post("grants/:id/suspend") { try await change($0, $1, .suspend) }
        r.post("grants/:id/resume") { try await change($0, $1, .resume) }
        r.post("approvals", use: createApproval)
        r.get("approvals/:id", use: getApproval)
        r.post("approvals/:id/revoke", use: revokeApproval)
        return r
    }

    func create(_ request: Request, context: AppContext) async throws -> EditedResponse<GrantDetail> {
        let caller = try context.require(.casting)
        let grant = try await request.decode(as: GrantInput.self, context: context).record(actor: caller.actor, now: Date())
        let history = try await services.write { db in
            try Registry.insert(grant, db)
            return try Registry.statusHistory(grant: grant.id, db)
        }
        return created(GrantDetail(grant: grant, statusHistory: history))
    }

    func get(_ request: Request, context: AppContext) async throws -> GrantDetail {
        try context.require(.casting, .production, .privacy, .auditor)
        let id = try context.parameters.id("id", "grant")
        return try await services.database.read { db in
            GrantDetail(grant: try Registry.require(Grant.self, id, "grant", db),
                        statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    func change(_ request: Request, _ context: AppContext, _ action: Registry.GrantAction) async throws -> GrantDetail {
        let caller = try context.require(.casting)
        let id = try context.parameters.id("id", "grant")
        let reason = try await request.decode(as: ReasonInput.self, context: context).validated()
        return try await services.write { db in
            let grant = try Registry.change(grant: id, action, reason: reason, actor: caller.actor, now: Date(), db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    func createApproval(_ request: Request, context: AppContext) async throws -> EditedResponse<Approval> {
        let admin = try context.require(.admin)
        let approval = try await request.decode(as: ApprovalInput.self, context: context).record(actor: admin.actor, now: Date())
        try await services.write { try Registry.insert(approval, $0) }
        return created(approval)
    }

    func getApproval(_ request: Request, context: AppContext) async throws -> Approval {
        try context.require(.casting, .production, .auditor)
        let id = try context.parameters.id("id", "approval")
        return try await services.database.read { try Registry.require(Approval.self, id, "approval", $0) }
    }

    func revokeApproval(_ request: Request, context: AppContext) async throws -> Approval {
        let admin = try context.require(.admin)
        let id = try context.parameters.id("id", "approval")
        let reason = try await request.decode(as: ReasonInput.self, context: context).validated()
        return try await services.write {
            try Registry.revoke(approval: id, reason: reason, actor: admin.actor, now: Date(), $0)
        }
    }
}
