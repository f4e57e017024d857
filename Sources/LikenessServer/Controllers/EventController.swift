import Foundation
import Hummingbird
import LikenessRules
import LikenessStore

extension RegisteredWebhook: ResponseEncodable {}

/// Webhooks (admins only) and the pollable feed of events.
struct EventController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/webhooks", .roles([.admin]), register),
            Endpoint(.get, "/v1/webhooks", .roles([.admin]), list),
            Endpoint(.delete, "/v1/webhooks/{id}", .roles([.admin]), delete),
            Endpoint(.get, "/v1/webhooks/{id}/deliveries", .roles([.admin]), deliveries),
            Endpoint(.get, "/v1/events", .roles([.casting, .auditor]), feed),
        ]
    }

    struct WebhookList: ResponseEncodable { let webhooks: [WebhookSummary] }
    struct DeliveryList: ResponseEncodable { let deliveries: [DeliveryRecord] }

    /// The secret is in this answer only.
    func register(_ request: Request, context: AppContext) async throws -> EditedResponse<RegisteredWebhook> {
        let actor = try context.caller.actor
        let (url, events) = try await request.decode(as: WebhookInput.self, context: context).validated()
        let now = services.clock.now()
        let webhooks = services.webhooks
        return created(try await services.database.transaction { try webhooks.register(url: url, events: events, actor: actor, now: now, $0) })
    }

    func list(_ request: Request, context: AppContext) async throws -> WebhookList {
        WebhookList(webhooks: try await services.database.snapshot(Webhooks.list))
    }

    func delete(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        let actor = try context.caller.actor
        let id = try context.parameters.id("id", "webhook")
        let now = services.clock.now()
        try await services.database.transaction { try Webhooks.delete(id, actor: actor, now: now, $0) }
        return .noContent
    }

    /// The newest deliveries first (`limit`, default 50).
    func deliveries(_ request: Request, context: AppContext) async throws -> DeliveryList {
        let id = try context.parameters.id("id", "webhook")
        let limit = try request.integer("limit", range: 1...1000) ?? 50
        return DeliveryList(deliveries: try await services.database.snapshot { try Webhooks.deliveries(of: id, limit: limit, $0) })
    }

    /// Events after `after` (an event id), oldest first, `limit` (default 100) at a time.
    func feed(_ request: Request, context: AppContext) async throws -> RawJSON {
        let after = try request.uri.queryParameters["after"].map { try Validate.requiredID(String($0), "after") }
        let limit = try request.integer("limit", range: 1...1000) ?? 100
        let events = try await services.database.snapshot { try Events.feed(after: after, limit: limit, $0) }
        return RawJSON("{\"events\":[" + events.joined(separator: ",") + "]}")
    }
}
