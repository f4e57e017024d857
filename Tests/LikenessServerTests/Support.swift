import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// An answer: status and parsed JSON body.
struct Reply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: [String: Any]
    /// The body as text (CSV, JOSE and JSON-LD answers).
    var text = ""

    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
    subscript(key: String) -> Any? { json[key] }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, _ body: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(response.body.readableBytesView)
            let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return Reply(status: response.status, headers: response.headers, json: json, text: String(decoding: data, as: UTF8.self))
        }
    }
}

/// Asserts the spec's error body: `{"error": {"code", "message", "field"?}}`.
func expectError(_ reply: Reply, _ status: HTTPResponse.Status, _ code: String, field: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(reply.status == status, sourceLocation: sourceLocation)
    #expect(reply.errorCode == code, sourceLocation: sourceLocation)
    let message = (reply.json["error"] as? [String: Any])?["message"] as? String
    #expect(message?.isEmpty == false, sourceLocation: sourceLocation)
    if let field { #expect(reply.errorField == field, sourceLocation: sourceLocation) }
}

let validGrant = """
{"performer":"p-lena","production":"prod-nova","uses":["replica"],"aspects":["face"],"destinations":["final"],
 "territories":["*"],"validFrom":"2026-01-01","validUntil":"2027-01-01","signedBy":"performer",
 "description":"Face replica for reshoots of episode 3"}
"""
