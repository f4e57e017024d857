import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessApp
@testable import LikenessRules
@testable import LikenessServer
import LikenessStore
import LikenessTestSupport
import Testing
import Yams

/// The served OpenAPI document, parsed.
struct Document {
    let root: [String: Any]

    init() throws {
        let yaml = try #require(OpenAPIDocument.yaml)
        root = try #require(try Yams.load(yaml: yaml) as? [String: Any])
    }

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// Every operation: method, path and its object.
    var operations: [(method: String, path: String, operation: [String: Any])] {
        let paths = root["paths"] as? [String: Any] ?? [:]
        return paths.flatMap { path, item -> [(method: String, path: String, operation: [String: Any])] in
            let item = item as? [String: Any] ?? [:]
            return Self.methods.compactMap { method in
                (item[method] as? [String: Any]).map { (method.uppercased(), path, $0) }
            }
        }
    }

    var schemas: [String: Any] { (root["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:] }

    /// Every `enum` list anywhere in the document, with where it is.
    var enums: [(path: String, values: [String])] {
        var found: [(String, [String])] = []
        func walk(_ node: Any, _ path: String) {
            if let map = node as? [String: Any] {
                if let values = map["enum"] as? [Any] { found.append((path, values.map { "\($0)" })) }
                for (key, value) in map { walk(value, path + "/" + key) }
            } else if let list = node as? [Any] {
                for (i, value) in list.enumerated() { walk(value, path + "/\(i)") }
            }
        }
        walk(root, "")
        return found
    }
}

@Suite struct OpenAPITests {
    @Test(arguments: StorageBackend.available)
    func everyEndpointIsDocumentedAndEveryDocumentedOperationIsRouted(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        let endpoints = RouteTable.endpoints(services: server.services)
        let routed = Set(endpoints.map { "\($0.method) \($0.path)" })
        let documented = Set(try Document().operations.map { "\($0.method) \($0.path)" })
        #expect(routed.count >= 35)
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        // And the router registers exactly the table.
        let registered = Set(buildRouter(services: server.services).routes.map { route in
            let path = route.path.description.split(separator: "/").map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
            return "\(route.method) /\(path)"
        })
        #expect(registered == routed)
    }

    /// Each operation's `x-roles` are the roles the route table lets call it; public operations
    /// say `security: []` and name no roles.
    @Test(arguments: StorageBackend.available)
    func everyOperationNamesTheRolesOfTheRouteTable(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        let endpoints = RouteTable.endpoints(services: server.services)
        for (method, path, operation) in try Document().operations {
            let endpoint = try #require(endpoints.first { "\($0.method)" == method && $0.path == path })
            if let allowed = endpoint.access.allowedRoles {
                let roles = Set((operation["x-roles"] as? [String] ?? []).compactMap(AccountRole.init(rawValue:)))
                #expect(roles == allowed, "\(method) \(path): documented \(roles), routed \(allowed)")
                #expect(operation["security"] == nil, "\(method) \(path) needs credentials")
            } else {
                #expect(operation["x-roles"] == nil && (operation["security"] as? [Any])?.isEmpty == true, "\(method) \(path) is public")
            }
        }
    }

    /// The vocabularies of the document are the model's, in its canonical order.
    @Test func everyEnumListIsTheModelsVocabulary() throws {
        let document = try Document()
        let vocabularies: [String: [String]] = [
            "AccountRole": AccountRole.allCases.map(\.rawValue), "RoleCategory": RoleCategory.allCases.map(\.rawValue),
            "Use": Use.allCases.map(\.rawValue), "PerformerUse": Use.withPerformer.map(\.rawValue),
            "GeneratedUse": Use.withoutPerformer.map(\.rawValue),
            "Aspect": Aspect.allCases.map(\.rawValue), "Destination": Destination.allCases.map(\.rawValue),
            "Signer": Signer.allCases.map(\.rawValue), "InputKind": InputKind.allCases.map(\.rawValue),
            "Requirement": Requirement.allCases.map(\.rawValue), "GrantStatus": GrantStatus.allCases.map(\.rawValue),
            "ApprovalStatus": ApprovalStatus.allCases.map(\.rawValue), "Decision": Decision.allCases.map(\.rawValue),
            "Obligation": Obligation.allCases.map(\.rawValue), "Territory": Territories.iso3166.sorted(),
            "RequestState": RequestState.allCases.map(\.rawValue), "ApprovalScope": ApprovalScope.allCases.map(\.rawValue),
            "EventType": EventType.allCases.map(\.rawValue), "DeliveryState": DeliveryState.allCases.map(\.rawValue),
            // The performer's side.
            "Capacity": Capacity.allCases.map(\.rawValue), "OfferState": OfferState.allCases.map(\.rawValue),
            "EvidenceMethod": Evidence.Method.allCases.map(\.rawValue),
            // Notifications.
            "MailKind": MailKind.allCases.map(\.rawValue), "MailState": MailState.allCases.map(\.rawValue),
            // Compensation: what a fee is paid per, and the currencies it is paid in (ISO 4217's with minor units).
            "FeeBasis": FeeBasis.allCases.map(\.rawValue), "Currency": Currency.exponents.keys.sorted(),
            // The use register's formats, and what an alert reports has happened to a grant.
            "RegisterFormat": ["json", "csv"],
            "ImpactedStatus": ["revoked", "suspended", "expired"],
        ]
        for (name, values) in vocabularies {
            let schema = try #require(document.schemas[name] as? [String: Any], "no schema \(name)")
            #expect((schema["enum"] as? [Any])?.map { "\($0)" } == values, "\(name)")
        }
        // Every other enum of the document is one of these, referenced where it is used.
        let named = Set(vocabularies.keys.map { "/components/schemas/\($0)" })
        for (path, values) in document.enums where !named.contains(path) {
            Issue.record("\(path) lists \(values) inline: reference a schema of the model's vocabulary instead")
        }
    }

    @Test func theTextRulesOfTheDocumentAreTheValidators() throws {
        let schemas = try Document().schemas
        let text = try #require(schemas["Text"] as? [String: Any])
        #expect(text["pattern"] as? String == Validate.textPattern)
        let webhook = try #require((schemas["WebhookInput"] as? [String: Any])?["properties"] as? [String: Any])
        #expect((webhook["url"] as? [String: Any])?["pattern"] as? String == WebhookInput.urlPattern)
    }

    @Test(arguments: StorageBackend.available)
    func theDocumentIsServedWithoutCredentials(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        try await server.test { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }
}
