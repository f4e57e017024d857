import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

extension RegisteredWebhook: ResponseEncodable {}

/// Webhooks (admins only) and the pollable feed of events.
struct EventController {
    let services: Services
    var webhooks: WebhookOperations { services.webhookOperations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/webhooks", .manageWebhooks, register),
            Endpoint(.get, "/v1/webhooks", .manageWebhooks, list),
            Endpoint(.delete, "/v1/webhooks/{id}", .manageWebhooks, delete),
            Endpoint(.get, "/v1/webhooks/{id}/deliveries", .manageWebhooks, deliveries),
            Endpoint(.get, "/v1/events", .readEvents, feed),
        ]
    }

    struct WebhookList: ResponseEncodable { let webhooks: [WebhookSummary] }
    struct DeliveryList: ResponseEncodable { let deliveries: [DeliveryRecord] }

    /// The secret is in this answer only.
    func register(_ request: Request, context: AppContext) async throws -> EditedResponse<RegisteredWebhook> {
        created(try await webhooks.register(try await request.decode(as: WebhookInput.self, context: context), by: context.caller))
    }

    func list(_ request: Request, context: AppContext) async throws -> WebhookList {
        WebhookList(webhooks: try await webhooks.list(by: context.caller))
    }

    func delete(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        try await webhooks.delete(try context.parameters.id("id", "webhook"), by: context.caller)
        return .noContent
    }

    /// The newest deliveries first (`limit`, default 50).
    func deliveries(_ request: Request, context: AppContext) async throws -> DeliveryList {
        let id = try context.parameters.id("id", "webhook")
        let limit = try request.integer("limit", range: 1...1000) ?? 50
        return DeliveryList(deliveries: try await webhooks.deliveries(of: id, limit: limit, by: context.caller))
    }

    /// Events after `after` (an event id), oldest first, `limit` (default 100) at a time.
    func feed(_ request: Request, context: AppContext) async throws -> RawJSON {
        let after = try request.uri.queryParameters["after"].map { try Validate.requiredID(String($0), "after") }
        let limit = try request.integer("limit", range: 1...1000) ?? 100
        let events = try await services.operations.events(after: after, limit: limit, by: context.caller)
        return RawJSON("{\"events\":[" + events.joined(separator: ",") + "]}")
    }
}
