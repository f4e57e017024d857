import Foundation
import Hummingbird
import LikenessCore
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
    let checks: CheckService

    init(services: Services) {
        self.services = services
        self.checks = CheckService(facts: services.facts, receipts: services.receipts)
    }

    var routes: RouteCollection<AppContext> {
        let r = RouteCollection(context: AppContext.self)
        r.post("checks", use: check)
        r.get("checks/:id", use: get)
        r.get("grants/:id/impact", use: impact)
        r.get("alerts", use: alerts)
        return r
    }

    func check(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.require(.production, .casting)
        let body = try await APIDecoder.body(of: request, context: context)
        let input = try body.withUnsafeReadableBytes(CheckInput.init(commonJSON:))
            ?? APIDecoder.decode(CheckInput.self, from: Data(body.readableBytesView))
        return RawJSON(try await checks.check(input, actor: caller.actor).body)
    }

    /// Production callers read only the checks they made; casting, auditors and admins read all.
    func get(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.require(.production, .casting, .auditor)
        let id = try context.parameters.id("id", "check")
        let owner = caller.role == .production ? caller.actor : nil
        return RawJSON(try await services.database.read { try Receipts.body(id: id, actor: owner, $0) })
    }

    /// Grants expiring within `within` days (default 30) and impacted grants, as of `at` (default today).
    func alerts(_ request: Request, context: AppContext) async throws -> AlertReport {
        try context.require(.casting, .auditor)
        let within = try PersonalController.integer(request, "within", range: 0...3650) ?? 30
        var day = Day.today()
        if let at = request.uri.queryParameters["at"] {
            guard let parsed = Day(String(at)) else {
                throw LikenessError.invalid("at", "at must be a date of the form YYYY-MM-DD", code: "invalid-date")
            }
            day = parsed
        }
        return try await services.database.read { [day] in try Alerts.current(at: day, within: within, $0) }
    }

    func impact(_ request: Request, context: AppContext) async throws -> RawJSON {
        try context.require(.casting, .auditor)
        let id = try context.parameters.id("id", "grant")
        let bodies = try await services.database.read { try Receipts.impact(grant: id, $0) }
        return RawJSON("{\"checks\":[" + bodies.joined(separator: ",") + "]}")
    }
}
