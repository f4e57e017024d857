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
            Endpoint(.post, "/v1/checks/what-if", .roles([.production, .casting, .studio]), whatIf),
            Endpoint(.get, "/v1/checks/{id}", .roles([.production, .casting, .auditor, .studio]), get),
            Endpoint(.get, "/v1/grants/{id}/impact", .roles([.casting, .auditor]), impact),
            Endpoint(.get, "/v1/alerts", .roles([.casting, .auditor]), alerts),
        ]
    }

    func check(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.caller
        let input = try await Self.checkInput(request, context)
        return RawJSON(try await services.checks.check(input, actor: caller.actor).body)
    }

    /// The decision a check would get now, stored nowhere (no receipt, no id, `"whatIf": true`).
    func whatIf(_ request: Request, context: AppContext) async throws -> RawJSON {
        let input = try await Self.checkInput(request, context)
        return RawJSON(try services.checks.decide(input, now: services.clock.now()).whatIfJSON)
    }

    /// A check body: the usual shape read straight from its bytes, anything else by `JSONDecoder`.
    static func checkInput(_ request: Request, _ context: AppContext) async throws -> CheckInput {
        let body = try await APIDecoder.body(of: request, context: context)
        return try body.withUnsafeReadableBytes(CheckInput.init(commonJSON:))
            ?? APIDecoder.decode(CheckInput.self, from: Data(body.readableBytesView))
    }

    /// Production callers read only the checks they made, studio contacts those of their
    /// productions; casting, auditors and admins read all.
    func get(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.caller
        let id = try context.parameters.id("id", "check")
        return RawJSON(try await services.database.read { try Receipts.body(id: id, visibleTo: caller, $0) })
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
