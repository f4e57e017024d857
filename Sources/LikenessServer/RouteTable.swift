import Hummingbird
import LikenessApp
import LikenessRules

/// One operation of the API, declared once: method, path (OpenAPI style, `/v1/grants/{id}`), the
/// permission it exercises (`Permission`, whose access rules say who holds it) and what answers
/// it. Registration, the role tests and the OpenAPI document's role notes (`x-roles`) all come
/// from the list of these (`RouteTable`).
public struct Endpoint: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let permission: Permission
    /// Who may call it: the permission's access rule.
    public var access: Access { permission.access }
    /// `access.allowedRoles`, as bits for the check on every request.
    let allowed: EnumSet<AccountRole>?
    let handler: @Sendable (Request, AppContext) async throws -> Response

    init<Answer: ResponseGenerator>(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
                                    _ handler: @escaping @Sendable (Request, AppContext) async throws -> Answer) {
        self.method = method
        self.path = path
        self.permission = permission
        self.allowed = permission.allowed
        let answer: @Sendable (Request, AppContext) async throws -> Response = { request, context in
            try await handler(request, context).response(from: request, context: context)
        }
        // Requests that may write to the registry answer a change token when they did; checks
        // (the hot path) store receipts, never registry changes.
        if method == .get || path.hasPrefix("/v1/checks") {
            self.handler = answer
        } else {
            self.handler = { request, context in try await WrittenChange.answering { try await answer(request, context) } }
        }
    }

    /// The path as Hummingbird's router spells it (`/v1/grants/:id`).
    var routerPath: String { RouteTable.routerPath(path) }

    /// Whether a concrete request path is an instance of this endpoint's path.
    func matches(path requested: Substring) -> Bool {
        let template = path.split(separator: "/"), parts = requested.split(separator: "/")
        return template.count == parts.count
            && zip(template, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}

/// Every operation of the server.
public enum RouteTable {
    /// An OpenAPI-style path (`/v1/grants/{id}`) as Hummingbird's router spells it (`/v1/grants/:id`).
    static func routerPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
    }

    public static func endpoints(services: Services) -> [Endpoint] {
        [
            Endpoint(.get, "/healthz", .readPublicDocuments) { _, _ in ["status": "ok"] },
            Endpoint(.get, "/openapi.yaml", .readPublicDocuments) { _, _ in try OpenAPIDocument.response() },
        ]
            + SessionController(services: services).endpoints
            + AccountController(services: services).endpoints
            + RegistryController(services: services).endpoints
            + GrantController(services: services).endpoints
            + CheckController(services: services).endpoints
            + PersonalController(services: services).endpoints
            + AuditController(services: services).endpoints
            + ApprovalRequestController(services: services).endpoints
            + EventController(services: services).endpoints
            + PerformerSideController(services: services).endpoints
            + MailController(services: services).endpoints
            + CompensationController(services: services).endpoints
    }

    /// The methods declared for the path a request path resolves to (as the router resolves it, a
    /// literal segment before a parameter: `/v1/checks/what-if` is not `/v1/checks/{id}`); empty when
    /// no operation has that path.
    static func methods(for path: Substring, in endpoints: [Endpoint]) -> [HTTPRequest.Method] {
        let matching = endpoints.filter { $0.matches(path: path) }
        func literals(_ template: String) -> [Bool] { template.split(separator: "/").map { !$0.hasPrefix("{") } }
        guard let best = matching.map(\.path).max(by: { literals($0).lexicographicallyPrecedes(literals($1)) { !$0 && $1 } })
        else { return [] }
        return matching.filter { $0.path == best }.map(\.method)
    }
}
