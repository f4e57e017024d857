import Foundation
import Hummingbird
import LikenessApp
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
    var operations: Operations { services.operations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/performers", .recordPerformer, createPerformer),
            Endpoint(.get, "/v1/performers/{id}", .readRegistryRecord, getPerformer),
            Endpoint(.patch, "/v1/performers/{id}", .editPerformer, patchPerformer),
            Endpoint(.get, "/v1/performers/{id}/grants", .readRegistryRecord, performerGrants),
            Endpoint(.post, "/v1/productions", .recordProduction, createProduction),
            Endpoint(.get, "/v1/productions/{id}", .readRegistryRecord, getProduction),
            Endpoint(.patch, "/v1/productions/{id}", .editProduction, patchProduction),
            Endpoint(.post, "/v1/productions/{id}/roles", .recordRole, createRole),
            Endpoint(.get, "/v1/productions/{id}/roles", .readRegistry, productionRoles),
            Endpoint(.post, "/v1/tools", .recordTool, createTool),
            Endpoint(.get, "/v1/tools/{id}", .readRegistryRecord, getTool),
            Endpoint(.put, "/v1/unions/{name}", .setUnionStrike, putUnion),
            Endpoint(.get, "/v1/unions/{name}", .readRegistry, getUnion),
        ]
    }

    func createPerformer(_ request: Request, context: AppContext) async throws -> EditedResponse<Performer> {
        created(try await operations.recordPerformer(try await request.decode(as: PerformerInput.self, context: context), by: context.caller))
    }

    func getPerformer(_ request: Request, context: AppContext) async throws -> Performer {
        try await operations.performer(try context.parameters.id("id", "performer"), by: context.caller)
    }

    func patchPerformer(_ request: Request, context: AppContext) async throws -> Performer {
        let id = try context.parameters.id("id", "performer")
        return try await operations.editPerformer(id, try await request.decode(as: PerformerPatch.self, context: context), by: context.caller)
    }

    struct GrantList: ResponseEncodable { let grants: [Grant] }

    func performerGrants(_ request: Request, context: AppContext) async throws -> GrantList {
        GrantList(grants: try await operations.grants(ofPerformer: try context.parameters.id("id", "performer"), by: context.caller))
    }

    func createProduction(_ request: Request, context: AppContext) async throws -> EditedResponse<Production> {
        created(try await operations.recordProduction(try await request.decode(as: ProductionInput.self, context: context), by: context.caller))
    }

    func getProduction(_ request: Request, context: AppContext) async throws -> Production {
        try await operations.production(try context.parameters.id("id", "production"), by: context.caller)
    }

    func patchProduction(_ request: Request, context: AppContext) async throws -> Production {
        let id = try context.parameters.id("id", "production")
        return try await operations.editProduction(id, try await request.decode(as: ProductionPatch.self, context: context), by: context.caller)
    }

    func createRole(_ request: Request, context: AppContext) async throws -> EditedResponse<Role> {
        let production = try context.parameters.id("id", "production")
        let input = try await request.decode(as: RoleInput.self, context: context)
        return created(try await operations.recordRole(input, in: production, by: context.caller))
    }

    struct RoleList: ResponseEncodable { let roles: [Role] }

    func productionRoles(_ request: Request, context: AppContext) async throws -> RoleList {
        RoleList(roles: try await operations.roles(ofProduction: try context.parameters.id("id", "production"), by: context.caller))
    }

    func createTool(_ request: Request, context: AppContext) async throws -> EditedResponse<Tool> {
        created(try await operations.recordTool(try await request.decode(as: ToolInput.self, context: context), by: context.caller))
    }

    func getTool(_ request: Request, context: AppContext) async throws -> Tool {
        try await operations.tool(try context.parameters.id("id", "tool"), by: context.caller)
    }

    func putUnion(_ request: Request, context: AppContext) async throws -> UnionState {
        let name = try context.parameters.require("name")
        let input = try await request.decode(as: UnionInput.self, context: context)
        return try await operations.setUnion(name, strike: input.strike, by: context.caller)
    }

    func getUnion(_ request: Request, context: AppContext) async throws -> UnionState {
        try await operations.union(try context.parameters.id("name", "union"), by: context.caller)
    }
}
