import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

extension UsageReport: ResponseEncodable {}
extension CheckUsage: ResponseEncodable {}
extension ProductionPayables: ResponseEncodable {}

/// Compensation per use (compensation.md): usage reports, performers' statements and productions'
/// payables, as JSON or CSV.
struct CompensationController {
    let services: Services
    var operations: Operations { services.operations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/checks/{id}/usage", .reportUsage, report),
            Endpoint(.get, "/v1/checks/{id}/usage", .readCheck, reports),
            Endpoint(.get, "/v1/performers/{id}/statement", .readStatement, statement),
            Endpoint(.get, "/v1/productions/{id}/payables", .readPayables, payables),
        ]
    }

    func report(_ request: Request, context: AppContext) async throws -> EditedResponse<UsageReport> {
        let id = try context.parameters.id("id", "check")
        let input = try await request.decode(as: UsageInput.self, context: context)
        return created(try await operations.reportUsage(check: id, input, by: context.caller))
    }

    func reports(_ request: Request, context: AppContext) async throws -> CheckUsage {
        try await operations.usage(ofCheck: try context.parameters.id("id", "check"), by: context.caller)
    }

    func statement(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.parameters.id("id", "performer")
        let csv = try request.wantsCSV()
        let statement = try await operations.statement(ofPerformer: id, since: request.text("since"), until: request.text("until"),
                                                       by: context.caller)
        guard csv else { return try RawJSON(ByteBuffer(bytes: statement.json)).response(from: request, context: context) }
        return Response.csv(statement.csv, filename: "\(id)-statement-\(statement.window.since)-\(statement.window.until).csv")
    }

    func payables(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.parameters.id("id", "production")
        let csv = try request.wantsCSV()
        let payables = try await operations.payables(ofProduction: id, since: request.text("since"), until: request.text("until"),
                                                     by: context.caller)
        guard csv else { return try payables.response(from: request, context: context) }
        return Response.csv(payables.csv, filename: "\(id)-payables-\(payables.since)-\(payables.until).csv")
    }
}

extension Request {
    /// A query parameter's text, nil when absent.
    func text(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }
}

extension Response {
    /// A CSV download.
    static func csv(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: .init(string: text)))
    }
}
