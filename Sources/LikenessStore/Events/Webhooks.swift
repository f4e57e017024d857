import Argon2
import Crypto
import Foundation
import LikenessRules

/// A registered webhook as `POST /v1/webhooks` answers it: the only time its secret is shown.
public struct RegisteredWebhook: Codable, Sendable {
    public var id: String
    public var url: String
    public var events: [EventType]
    public var secret: String
}

/// A webhook as listed, with where its deliveries stand (never its secret).
public struct WebhookSummary: Codable, Sendable {
    public var id: String
    public var url: String
    public var events: [EventType]
    public var createdAt: Date
    public var createdBy: String
    public var pending: Int
    public var delivered: Int
    public var failed: Int
}

/// Where one event's delivery to one webhook stands.
public struct DeliveryRecord: Codable, Sendable {
    public var event: String
    public var type: EventType
    public var state: DeliveryState
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: Date?
}

/// Webhooks: receivers of events. Their secrets are random, shown once, and stored sealed
/// (ChaCha20-Poly1305) under the webhook key of the key file, which is not in the database: a copy
/// of the database cannot sign events.
public struct Webhooks: Sendable {
    let sealing: SymmetricKey

    public init(sealing: SymmetricKey) { self.sealing = sealing }

    public func register(url: String, events: [EventType], actor: String, now: Date, _ db: any SQLConnection) throws -> RegisteredWebhook {
        let id = IDs.make("wh", now: now)
        let secret = "whsec_" + Base64URL.encode(Argon2id.randomBytes(32))
        let sealed = try ChaChaPoly.seal(Data(secret.utf8), using: sealing, authenticating: Data(id.utf8)).combined
        try db.execute("""
            INSERT INTO webhook (id, url, events, sealed_secret, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
            """, [id, url, String(decoding: try LikenessJSON.encoder.encode(events), as: UTF8.self), sealed, now, actor])
        try Audit.append(db, actor: actor, action: "webhook.create", subject: id, detail: url, at: now)
        return RegisteredWebhook(id: id, url: url, events: events, secret: secret)
    }

    /// The secret of a webhook, unsealed for signing.
    func secret(of id: String, sealed: Data) throws -> Data {
        try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: sealed), using: sealing, authenticating: Data(id.utf8))
    }

    public static func list(_ db: any SQLConnection) throws -> [WebhookSummary] {
        try db.rows("""
            SELECT w.id, w.url, w.events, w.created_at, w.created_by,
                   count(*) FILTER (WHERE d.state = 'pending') AS pending,
                   count(*) FILTER (WHERE d.state = 'delivered') AS delivered,
                   count(*) FILTER (WHERE d.state = 'failed') AS failed
            FROM webhook w LEFT JOIN webhook_delivery d ON d.webhook_id = w.id
            GROUP BY w.id ORDER BY w.created_at, w.id
            """, []).map { row in
            WebhookSummary(id: try row["id"], url: try row["url"], events: try events(try row["events"]), createdAt: try row["created_at"],
                           createdBy: try row["created_by"], pending: try row["pending"], delivered: try row["delivered"],
                           failed: try row["failed"])
        }
    }

    /// Removes a webhook and its deliveries; 404 when unknown.
    public static func delete(_ id: String, actor: String, now: Date, _ db: any SQLConnection) throws {
        guard try db.row("DELETE FROM webhook WHERE id = ? RETURNING id", [id]) != nil else { throw LikenessError.notFound("webhook", id) }
        try Audit.append(db, actor: actor, action: "webhook.delete", subject: id, at: now)
    }

    /// The newest `limit` deliveries of a webhook, newest event first.
    public static func deliveries(of id: String, limit: Int, _ db: any SQLConnection) throws -> [DeliveryRecord] {
        guard try db.row("SELECT 1 FROM webhook WHERE id = ?", [id]) != nil else { throw LikenessError.notFound("webhook", id) }
        return try db.rows("""
            SELECT e.id, e.type, d.state, d.attempts, d.last_status, d.last_error, d.delivered_at
            FROM webhook_delivery d JOIN event e ON e.seq = d.event_seq
            WHERE d.webhook_id = ? ORDER BY d.event_seq DESC LIMIT ?
            """, [id, limit]).map { row in
            guard let type = EventType(rawValue: try row["type"]), let state = DeliveryState(rawValue: try row["state"]) else {
                throw LikenessError(.internal, "corrupt-row", "a delivery of webhook \(id) cannot be read back")
            }
            return DeliveryRecord(event: try row["id"], type: type, state: state, attempts: try row["attempts"],
                                  lastStatus: try row["last_status"], lastError: try row["last_error"],
                                  deliveredAt: try row["delivered_at"])
        }
    }

    static func events(_ text: String) throws -> [EventType] {
        guard let events = JSONStringArray.parse(text)?.compactMap(EventType.init(rawValue:)) else {
            throw LikenessError(.internal, "corrupt-row", "a webhook's event types cannot be read back")
        }
        return events
    }
}
