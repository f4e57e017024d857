import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessServer
import LikenessStore
import LikenessTestSupport
import NIOCore
import Testing

/// A server on a fresh database with the demo fixtures, driven in-process through its router.
final class TestServer: @unchecked Sendable {
    let folder: URL
    let path: String
    let database: SQLiteDatabase
    let services: Services
    /// The key file of the attestations' signing key, beside the database.
    let signingKeyPath: String
    var clock: TimeSource { services.clock }

    /// Events are looked for every 20 ms and retried after 50 ms, then 100 ms, … (seconds in service).
    init(fixtures: Bool = true, clock: TimeSource = .test()) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-srv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("db.sqlite").path
        database = try SQLiteDatabase(path: path)
        if fixtures {
            _ = try await Importer(database: database).run(files: [Fixtures.demo, Fixtures.grantsCSV], actor: "fixtures", now: testNow)
        }
        signingKeyPath = SigningKeys.defaultPath(database: path)
        services = try await Services(database: database, signingKeyPath: signingKeyPath, issuer: "https://likeness.test", clock: clock,
                                      deliveryTiming: .init(poll: .milliseconds(20), firstRetry: .milliseconds(50)))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A session token for an account of `role` (named after the role).
    func token(_ role: AccountRole) -> String {
        services.sessions.open(for: Identity(actor: role.rawValue, role: role), now: clock.now()).token
    }

    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: buildRouter(services: services))
        return try await app.test(.router, body)
    }
}

/// An answer: status and parsed JSON body.
struct Reply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: [String: Any]

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
            return Reply(status: response.status, headers: response.headers, json: json)
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
