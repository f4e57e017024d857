import Foundation
import GRDB
import Hummingbird
import LikenessCore

/// A 201 answer with the created resource.
func created<T: ResponseEncodable>(_ value: T) -> EditedResponse<T> { EditedResponse(status: .created, response: value) }

extension Performer: ResponseEncodable {}
extension Production: ResponseEncodable {}
extension Role: ResponseEncodable {}
extension Tool: ResponseEncodable {}
extension UnionState: ResponseEncodable {}
extension Grant: ResponseEncodable {}
extension Approval: ResponseEncodable {}

extension Parameters {
    /// A path id; an id that cannot exist is simply not found.
    func id(_ name: String, _ what: String) throws -> String {
        let value = try require(name)
        guard Validate.isID(value) else { throw LikenessError.notFound(what, String(value.prefix(64))) }
        return value
    }
}

/// Performers, productions with their roles, tools and unions.
struct RegistryController {
    let services: Services

    var routes: RouteCollection<AppContext> {
        let r = RouteCollection(context: AppContext.self)
        r.post("performers", use: createPerformer)
        r.get("performers/:id", use: getPerformer)
        r.patch("performers/:id", use: patchPerformer)
        r.get("performers/:id/grants", use: performerGrants)
        r.post("productions", use: createProduction)
        r.get("productions/:id", use: getProduction)
        r.post("productions/:id/roles", use: createRole)
        r.get("productions/:id/roles", use: productionRoles)
        r.post("tools", use: createTool)
        r.get("tools/:id", use: getTool)
        r.put("unions/:name", use: putUnion)
        r.get("unions/:name", use: getUnion)
        return r
    }

    func createPerformer(_ request: Request, context: AppContext) async throws -> EditedResponse<Performer> {
        let caller = try context.require(.casting)
        let performer = try await request.decode(as: PerformerInput.self, context: context).record(now: Date())
        try await services.write { try Registry.insert(performer, actor: caller.actor, $0) }
        return created(performer)
    }

    func getPerformer(_ request: Request, context: AppContext) async throws -> Performer {
        try context.require(.casting, .production, .privacy, .auditor)
        let id = try context.parameters.id("id", "performer")
        return try await services.database.read { try Registry.require(Performer.self, id, "performer", $0) }
    }

    func patchPerformer(_ request: Request, context: AppContext) async throws -> Performer {
        let caller = try context.require(.casting)
        let id = try context.parameters.id("id", "performer")
        let patch = try await request.decode(as: PerformerPatch.self, context: context)
        return try await services.write { try Registry.update(performer: id, with: patch, actor: caller.actor, $0) }
    }

    struct GrantList: ResponseEncodable { let grants: [Grant] }

    func performerGrants(_ request: Request, context: AppContext) async throws -> GrantList {
        try context.require(.casting, .production, .privacy, .auditor)
        let id = try context.parameters.id("id", "performer")
        return GrantList(grants: try await services.database.read { try Registry.grants(performer: id, $0) })
    }

    func createProduction(_ request: Request, context: AppContext) async throws -> EditedResponse<Production> {
        let caller = try context.require(.casting)
        let production = try await request.decode(as: ProductionInput.self, context: context).record(now: Date())
        try await services.write { try Registry.insert(production, actor: caller.actor, $0) }
        return created(production)
    }

    func getProduction(_ request: Request, context: AppContext) async throws -> Production {
        try context.require(.casting, .production, .privacy, .auditor)
        let id = try context.parameters.id("id", "production")
        return try await services.database.read { try Registry.require(Production.self, id, "production", $0) }
    }

    func createRole(_ request: Request, context: AppContext) async throws -> EditedResponse<Role> {
        let caller = try context.require(.casting)
        let production = try context.parameters.id("id", "production")
        let input = try await request.decode(as: RoleInput.self, context: context)
        if input.production != nil && input.production != production {
            throw LikenessError.invalid("production", "the production is the one in the path", code: "conflicting-value")
        }
        let role = try input.record(production: production, now: Date())
        try await services.write { try Registry.insert(role, actor: caller.actor, $0) }
        return created(role)
    }

    struct RoleList: ResponseEncodable { let roles: [Role] }

    func productionRoles(_ request: Request, context: AppContext) async throws -> RoleList {
        try context.require(.casting, .production, .privacy, .auditor)
        let id = try context.parameters.id("id", "production")
        return RoleList(roles: try await services.database.read { try Registry.roles(production: id, $0) })
    }

    func createTool(_ request: Request, context: AppContext) async throws -> EditedResponse<Tool> {
        let admin = try context.require(.admin)
        let tool = try await request.decode(as: ToolInput.self, context: context).record(now: Date())
        try await services.write { try Registry.insert(tool, actor: admin.actor, $0) }
        return created(tool)
    }

    func getTool(_ request: Request, context: AppContext) async throws -> Tool {
        try context.require(.casting, .production, .privacy, .auditor)
        let id = try context.parameters.id("id", "tool")
        return try await services.database.read { try Registry.require(Tool.self, id, "tool", $0) }
    }

    func putUnion(_ request: Request, context: AppContext) async throws -> UnionState {
        let admin = try context.require(.admin)
        let name = try context.parameters.require("name")
        guard Validate.isID(name) else {
            throw LikenessError.invalid("name", "'\(name.prefix(64))' is not a valid union name", code: "invalid-id")
        }
        let input = try await request.decode(as: UnionInput.self, context: context)
        guard let strike = input.strike else { throw LikenessError.missing("strike") }
        return try await services.write {
            try Registry.setUnion(name, strike: strike, actor: admin.actor, now: Date(), $0)
        }
    }

    func getUnion(_ request: Request, context: AppContext) async throws -> UnionState {
        try context.require(.casting, .production, .privacy, .auditor)
        let name = try context.parameters.id("name", "union")
        return try await services.database.read { try Registry.require(UnionState.self, name, "union", $0) }
    }
}
