import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessCore
import Testing
@testable import LikenessServer

/// `METHOD /path/{param}` for every operation of the served OpenAPI document.
func documentedOperations(_ yaml: String) -> Set<String> {
    var operations: Set<String> = []
    var path: String?
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("  /"), line.hasSuffix(":") {
            path = String(line.dropFirst(2).dropLast())
        } else if !line.hasPrefix("   ") && !line.hasPrefix("  /") && !line.isEmpty && !line.hasPrefix("    ") {
            path = nil
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if let path, line.hasPrefix("    "), !line.hasPrefix("     "),
           let method = ["get", "post", "put", "patch", "delete"].first(where: { trimmed == "\($0):" }) {
            operations.insert("\(method.uppercased()) \(path)")
        }
    }
    return operations
}

@Suite struct OpenAPITests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() async throws {
        let server = try await TestServer(fixtures: false)
        let router = buildRouter(services: server.services)
        let routed = Set(router.routes.map { route in
            let path = route.path.description.split(separator: "/").map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
            return "\(route.method) /\(path)"
        })
        let documented = documentedOperations(OpenAPIDocument.yaml)
        #expect(routed.count >= 35)
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        // And the role matrix covers every authenticated route.
        let authenticated = routed.filter { $0.contains(" /v1/") && $0 != "POST /v1/sessions" && !$0.hasSuffix("/password") }
        for operation in authenticated {
            #expect(routeTable.contains { matches(operation, "\($0.method) \($0.path)") }, "\(operation) is not in the role matrix")
        }
    }

    /// Whether a concrete `METHOD /path` is an instance of a `METHOD /template/{param}`.
    func matches(_ template: String, _ concrete: String) -> Bool {
        let t = template.split(separator: " "), c = concrete.split(separator: " ")
        let tp = t[1].split(separator: "/"), cp = c[1].split(separator: "/")
        return t[0] == c[0] && tp.count == cp.count && zip(tp, cp).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }

    @Test func theDocumentIsServedWithoutCredentials() async throws {
        let server = try await TestServer(fixtures: false)
        try await server.test { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }
}
