import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import NIOCore

extension AlertReport: ResponseEncodable {}

/// A JSON body already encoded (receipts are answered exactly as stored).
struct RawJSON: ResponseGenerator {
    let bytes: ByteBuffer
    init(_ text: String) { bytes = ByteBuffer(string: text) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.readableBytes)],
                 body: .init(byteBuffer: bytes))
    }
}

/// `POST /v1/checks`, `GET /v1/checks/{id}`, `GET /v1/grants/{id}/impact`, `GET /v1/alerts`.
struct CheckController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/checks", .roles([.production, .casting]), check),
            Endpoint(.get, "/v1/checks/{id}", .roles([.production, .casting, .auditor]), get),
            Endpoint(.get, "/v1/grants/{id}/impact", .roles([.casting, .auditor]), impact),
            Endpoint(.get, "/v1/alerts", .roles([.casting, .auditor]), alerts),
        ]
    }

    func check(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.caller
        let body = try await APIDecoder.body(of: request, context: context)
        let input = try body.withUnsafeReadableBytes(CheckInput.init(commonJSON:))
            ?? APIDecoder.decode(CheckInput.self, from: Data(body.readableBytesView))
        return RawJSON(try await services.checks.check(input, actor: caller.actor).body)
    }

    /// Production callers read only the checks they made; casting, auditors and admins read all.
    func get(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.caller
        let id = try context.parameters.id("id", "check")
        let owner = caller.role == .production ? caller.actor : nil
        return RawJSON(try await services.database.read { try Receipts.body(id: id, actor: owner, $0) })
    }

    /// Grants expiring within `within` days (default 30) and impacted grants, as of `at` (default today).
    func alerts(_ request: Request, context: AppContext) async throws -> AlertReport {
        let within = try request.integer("within", range: 0...3650) ?? 30
        let day = try request.day("at") ?? services.clock.today()
        return try await services.database.read { [day] in try Alerts.current(at: day, within: within, $0) }
    }

    func impact(_ request: Request, context: AppContext) async throws -> RawJSON {
        let id = try context.parameters.id("id", "grant")
        let bodies = try await services.database.read { try Receipts.impact(grant: id, $0) }
        return RawJSON("{\"checks\":[" + bodies.joined(separator: ",") + "]}")
    }
}
