import Foundation
import Hummingbird
import LikenessRules
import LikenessStore

/// A 201 answer with the created resource.
func created<T: ResponseEncodable>(_ value: T) -> EditedResponse<T> { EditedResponse(status: .created, response: value) }

extension Performer: ResponseEncodable {}
extension Production: ResponseEncodable {}
extension Role: ResponseEncodable {}
extension Tool: ResponseEncodable {}
extension UnionState: ResponseEncodable {}
extension Grant: ResponseEncodable {}
extension Approval: ResponseEncodable {}

/// Performers, productions with their roles, tools and unions.
struct RegistryController {
    let services: Services

    /// Who reads the registry (no personal data in it).
    static let readers: Access = .roles([.casting, .production, .privacy, .auditor, .studio])

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/performers", .roles([.casting]), createPerformer),
            Endpoint(.get, "/v1/performers/{id}", Self.readers, getPerformer),
            Endpoint(.patch, "/v1/performers/{id}", .roles([.casting]), patchPerformer),
            Endpoint(.get, "/v1/performers/{id}/grants", Self.readers, performerGrants),
            Endpoint(.post, "/v1/productions", .roles([.casting]), createProduction),
            Endpoint(.get, "/v1/productions/{id}", Self.readers, getProduction),
            Endpoint(.patch, "/v1/productions/{id}", .roles([.casting]), patchProduction),
            Endpoint(.post, "/v1/productions/{id}/roles", .roles([.casting]), createRole),
            Endpoint(.get, "/v1/productions/{id}/roles", Self.readers, productionRoles),
            Endpoint(.post, "/v1/tools", .roles([.admin]), createTool),
            Endpoint(.get, "/v1/tools/{id}", Self.readers, getTool),
            Endpoint(.put, "/v1/unions/{name}", .roles([.admin]), putUnion),
            Endpoint(.get, "/v1/unions/{name}", Self.readers, getUnion),
        ]
    }

    func createPerformer(_ request: Request, context: AppContext) async throws -> EditedResponse<Performer> {
        let caller = try context.caller
        let performer = try await request.decode(as: PerformerInput.self, context: context).record(now: services.clock.now())
        try await services.write { try Registry.insert(performer, actor: caller.actor, $0) }
        return created(performer)
    }

    func getPerformer(_ request: Request, context: AppContext) async throws -> Performer {
        let id = try context.parameters.id("id", "performer")
        return try await services.database.snapshot { try Registry.require(Performer.self, id, "performer", $0) }
    }

    func patchPerformer(_ request: Request, context: AppContext) async throws -> Performer {
        let caller = try context.caller
        let id = try context.parameters.id("id", "performer")
        let patch = try await request.decode(as: PerformerPatch.self, context: context)
        let now = services.clock.now()
        return try await services.write { try Registry.update(performer: id, with: patch, actor: caller.actor, now: now, $0) }
    }

    struct GrantList: ResponseEncodable { let grants: [Grant] }

    func performerGrants(_ request: Request, context: AppContext) async throws -> GrantList {
        let id = try context.parameters.id("id", "performer")
        return GrantList(grants: try await services.database.snapshot { try Registry.grants(performer: id, $0) })
    }

    func createProduction(_ request: Request, context: AppContext) async throws -> EditedResponse<Production> {
        let caller = try context.caller
        let production = try await request.decode(as: ProductionInput.self, context: context).record(now: services.clock.now())
        try await services.write { try Registry.insert(production, actor: caller.actor, $0) }
        return created(production)
    }

    func getProduction(_ request: Request, context: AppContext) async throws -> Production {
        let id = try context.parameters.id("id", "production")
        return try await services.database.snapshot { try Registry.require(Production.self, id, "production", $0) }
    }

    func patchProduction(_ request: Request, context: AppContext) async throws -> Production {
        let caller = try context.caller
        let id = try context.parameters.id("id", "production")
        let patch = try await request.decode(as: ProductionPatch.self, context: context)
        let now = services.clock.now()
        return try await services.write { try Registry.update(production: id, with: patch, actor: caller.actor, now: now, $0) }
    }

    func createRole(_ request: Request, context: AppContext) async throws -> EditedResponse<Role> {
        let caller = try context.caller
        let production = try context.parameters.id("id", "production")
        let input = try await request.decode(as: RoleInput.self, context: context)
        if input.production != nil && input.production != production {
            throw LikenessError.invalid("production", "the production is the one in the path", code: "conflicting-value")
        }
        let role = try input.record(production: production, now: services.clock.now())
        try await services.write { try Registry.insert(role, actor: caller.actor, $0) }
        return created(role)
    }

    struct RoleList: ResponseEncodable { let roles: [Role] }

    func productionRoles(_ request: Request, context: AppContext) async throws -> RoleList {
        let id = try context.parameters.id("id", "production")
        return RoleList(roles: try await services.database.snapshot { try Registry.roles(production: id, $0) })
    }

    func createTool(_ request: Request, context: AppContext) async throws -> EditedResponse<Tool> {
        let admin = try context.caller
        let tool = try await request.decode(as: ToolInput.self, context: context).record(now: services.clock.now())
        try await services.write { try Registry.insert(tool, actor: admin.actor, $0) }
        return created(tool)
    }

    func getTool(_ request: Request, context: AppContext) async throws -> Tool {
        let id = try context.parameters.id("id", "tool")
        return try await services.database.snapshot { try Registry.require(Tool.self, id, "tool", $0) }
    }

    func putUnion(_ request: Request, context: AppContext) async throws -> UnionState {
        let admin = try context.caller
        let name = try context.parameters.require("name")
        guard Validate.isID(name) else {
            throw LikenessError.invalid("name", "'\(name.prefix(64))' is not a valid union name", code: "invalid-id")
        }
        let input = try await request.decode(as: UnionInput.self, context: context)
        guard let strike = input.strike else { throw LikenessError.missing("strike") }
        return try await services.write {
            try Registry.setUnion(name, strike: strike, actor: admin.actor, now: services.clock.now(), $0)
        }
    }

    func getUnion(_ request: Request, context: AppContext) async throws -> UnionState {
        let name = try context.parameters.id("name", "union")
        return try await services.database.snapshot { try Registry.require(UnionState.self, name, "union", $0) }
    }
}
