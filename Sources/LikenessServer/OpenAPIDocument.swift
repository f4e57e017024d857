import Foundation
import Hummingbird
import LikenessRules
import NIOCore

/// The OpenAPI 3.1 document of the API (`Resources/openapi.yaml`), served as it is at
/// `GET /openapi.yaml`. Tests keep it true to the route table and the model's vocabularies.
public enum OpenAPIDocument {
    /// The document's text; nil when the installation lacks its resource bundle.
    public static let yaml: String? = Bundle.module.url(forResource: "openapi", withExtension: "yaml")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }

    /// Fails at start when the document is missing, rather than at the first request for it.
    static func requirePresent() throws {
        guard yaml != nil else { throw missing }
    }

    static let missing = LikenessError(.internal, "internal", "the OpenAPI document is missing from this installation (Likeness_LikenessServer.resources beside the binary)")

    static func response() throws -> Response {
        guard let yaml else { throw missing }
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: yaml)))
    }
}
