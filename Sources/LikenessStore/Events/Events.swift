import Foundation
import LikenessRules

/// The outbox: every event is written in the transaction of the change it describes, whoever makes
/// the change (the server, the CLI, an import), so a crash loses none; with it goes a pending
/// delivery to every webhook subscribed to its type, which the server's `EventDelivery` sends.
public enum Events {
    /// An event as the feed and the webhooks carry it.
    struct Envelope<Payload: Encodable>: Encodable {
        let id: String
        let type: EventType
        let at: Date
        let data: Payload
    }

    struct StrikeChange: Encodable {
        let union: String
        let strike: Bool
    }

    /// An event made ready to insert, without a connection.
    struct PreparedEvent: Sendable {
        let row: RowInsert
        let type: EventType
        let at: Date
    }

    /// An event of `type` carrying `data`; its id is `id` or a new one.
    static func prepared(_ type: EventType, _ data: some Encodable, at: Date, id: String? = nil) throws -> PreparedEvent {
        let id = id ?? IDs.make("evt", now: at)
        let body = String(decoding: try LikenessJSON.encoder.encode(Envelope(id: id, type: type, at: at, data: data)), as: UTF8.self)
        return prepared(id: id, type, at: at, body: body)
    }

    static func prepared(id: String, _ type: EventType, at: Date, body: String) -> PreparedEvent {
        PreparedEvent(row: RowInsert(shape, [id, type.rawValue, StoredTime.text(at), body]), type: type, at: at)
    }

    static let shape = RowInsert.Shape(table: "event", columns: ["id", "type", "at", "body"])

    /// A grant was recorded or its status changed: the event says its new status and why, and
    /// names the earlier allowed/notify checks that relied on it (material to pull when consent is
    /// withdrawn); `production` is null for a studio-wide grant.
    static func preparedGrant(_ type: EventType, _ grant: Grant, reason: String, at: Date, impactedChecks: [String], by: ActedBy,
                              id: String? = nil) -> PreparedEvent {
        let id = id ?? IDs.make("evt", now: at)
        return prepared(id: id, type, at: at, body: EventJSON.grant(
            id: id, type: type.rawValue, at: at, grant: grant.id, performer: grant.performer, production: grant.production,
            status: grant.status.rawValue, reason: reason, impactedChecks: impactedChecks, by: by))
    }

    /// Appends an event in the caller's transaction, with a pending delivery to each webhook
    /// subscribed to its type.
    static func append(_ type: EventType, _ data: some Encodable, at: Date, _ db: any SQLConnection) throws {
        try insert(prepared(type, data, at: at), db)
    }

    /// Inserts `event` with a pending delivery to each webhook subscribed to its type.
    static func insert(_ event: PreparedEvent, _ db: any SQLConnection) throws {
        guard let seq: Int64 = try db.value(event.row.shape.sql + " RETURNING seq", event.row.values) else {
            throw LikenessError(.internal, "internal", "an event was stored without a sequence number")
        }
        try db.execute("""
            INSERT INTO webhook_delivery (webhook_id, event_seq, next_attempt_at)
            SELECT w.id, ?, ? FROM webhook w WHERE \(db.dialect.jsonArray("w.events", holds: "?"))
            """, [seq, event.at, event.type.rawValue])
    }

    /// Queues a pending delivery of every event after `seq` to each webhook subscribed to its type:
    /// an import inserts its events without deliveries and queues them all at its end.
    static func queueDeliveries(after seq: Int64, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO webhook_delivery (webhook_id, event_seq, next_attempt_at)
            SELECT w.id, e.seq, e.at FROM event e JOIN webhook w ON \(db.dialect.jsonArray("w.events", holds: "e.type"))
            WHERE e.seq > ? ORDER BY e.seq
            """, [seq])
    }

    /// The last event's sequence number (0 when there is none).
    static func lastSeq(_ db: any SQLConnection) throws -> Int64 {
        try db.value("SELECT coalesce(max(seq), 0) FROM event") ?? 0
    }

    /// A grant's event, naming the allowed/notify checks that relied on it unless it was just created.
    static func grant(_ type: EventType, _ grant: Grant, reason: String, at: Date, by: ActedBy, _ db: any SQLConnection) throws {
        let impacted: [String] = type == .grantCreated ? [] : try db.rows("""
            SELECT check_id FROM check_reliance WHERE grant_id = ? ORDER BY decided_at, check_id
            """, [grant.id]).map { try $0["check_id"] }
        try insert(preparedGrant(type, grant, reason: reason, at: at, impactedChecks: impacted, by: by), db)
    }

    static func strike(_ union: String, strike: Bool, at: Date, _ db: any SQLConnection) throws {
        try append(.unionStrikeChanged, StrikeChange(union: union, strike: strike), at: at, db)
    }

    /// The feed: events after `after` (an event id; from the first when nil), oldest first, as stored.
    public static func feed(after: String?, limit: Int, _ db: any SQLConnection) throws -> [String] {
        var seq: Int64 = 0
        if let after {
            guard let found: Int64 = try db.value("SELECT seq FROM event WHERE id = ?", [after]) else {
                throw LikenessError.notFound("event", after, field: "after")
            }
            seq = found
        }
        return try db.rows("SELECT body FROM event WHERE seq > ? ORDER BY seq LIMIT ?", [seq, limit]).map { try $0["body"] }
    }
}
