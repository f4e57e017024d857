import Crypto
import Foundation
import LikenessRules
import Synchronization

/// Delivers the outbox to the webhooks while the server runs: each event to each subscribed webhook
/// as a signed POST, in order per webhook, at least once. A webhook's next event waits until the
/// one before it is delivered or has failed; a failed attempt is retried after `firstRetry`, then
/// twice as long each time (at most 10 minutes apart), until 24 hours after the event, when its
/// delivery is marked `failed` and the next one goes. Each webhook is served by a task of its own,
/// so a slow or dead receiver delays nobody else; the check path never waits for any of this.
/// Deliveries are rows of the database, so events written by another process (the CLI, an import)
/// and those left by a server that stopped are delivered too. Several servers may deliver from one
/// database: an attempt is leased in the database first (its delivery's next attempt moved past
/// the attempt's timeout, if no other server moved it first), so one server at a time sends a
/// webhook's next event; a server lost mid-attempt leaves a lease that runs out, and another retries.
public final class EventDelivery: Sendable {
    public struct Timing: Sendable {
        /// How often the outbox is looked at for due deliveries.
        public var poll: Duration
        /// The pause after a first failed attempt (doubling after each further one).
        public var firstRetry: Duration
        public static let standard = Timing(poll: .milliseconds(100), firstRetry: .seconds(1))
        public init(poll: Duration, firstRetry: Duration) { self.poll = poll; self.firstRetry = firstRetry }
    }

    /// Retries stop this long after the event.
    public static let retryWindow: TimeInterval = 24 * 3600
    /// The longest pause between two attempts.
    static let longestPause: TimeInterval = 600
    /// Each attempt times out after this long (and redirects are not followed: `OutboundHTTP`).
    static let attemptTimeout: TimeInterval = 10
    /// How much of a receiver's answer is kept (in `lastError`).
    static let excerptLength = 200
    /// How long an attempt's lease lasts: past the attempt's timeout, with room for its record
    /// (a server killed mid-attempt delays that delivery by this much at most).
    static let lease: TimeInterval = attemptTimeout + 5

    let database: any StoreDatabase
    let webhooks: Webhooks
    let clock: TimeSource
    let timing: Timing
    /// The hosts deliveries may go to (as the URL spells them, lowercased); nil: any.
    let allowedHosts: Set<String>?
    /// The webhooks being served now (one task each).
    let serving = Mutex<Set<String>>([])

    public init(database: any StoreDatabase, webhooks: Webhooks, clock: TimeSource, timing: Timing = .standard,
                allowedHosts: Set<String>? = nil) {
        self.database = database
        self.webhooks = webhooks
        self.clock = clock
        self.timing = timing
        self.allowedHosts = allowedHosts.map { Set($0.map { $0.lowercased() }) }
    }

    /// Serves every webhook that has a due delivery, until cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = clock.now()
                let due = (try? await database.snapshot { try Self.dueWebhooks(now: now, $0) }) ?? []
                for webhook in due where serving.withLock({ $0.insert(webhook).inserted }) {
                    group.addTask {
                        await self.serve(webhook)
                        _ = self.serving.withLock { $0.remove(webhook) }
                    }
                }
                try? await Task.sleep(for: timing.poll)
            }
        }
    }

    /// Webhooks whose first pending delivery is due.
    static func dueWebhooks(now: Date, _ db: any SQLConnection) throws -> [String] {
        try db.rows("""
            SELECT w.id FROM webhook w
            WHERE (SELECT d.next_attempt_at FROM webhook_delivery d
                   WHERE d.webhook_id = w.id AND d.state = 'pending' ORDER BY d.event_seq LIMIT 1) <= ?
            """, [now]).map { try $0["id"] }
    }

    /// The first pending delivery of a webhook, with what sending it needs.
    struct Head {
        var seq: Int64
        var attempts: Int
        /// As stored: a lease is taken only if it is still this.
        var nextAttemptAt: String
        var event: String
        var eventAt: Date
        var body: String
        var url: String
        var sealedSecret: Data
    }

    static func head(of webhook: String, _ db: any SQLConnection) throws -> Head? {
        try db.row("""
            SELECT d.event_seq, d.attempts, d.next_attempt_at, e.id, e.at, e.body, w.url, w.sealed_secret
            FROM webhook_delivery d JOIN event e ON e.seq = d.event_seq JOIN webhook w ON w.id = d.webhook_id
            WHERE d.webhook_id = ? AND d.state = 'pending' ORDER BY d.event_seq LIMIT 1
            """, [webhook]).map { row in
            Head(seq: try row["event_seq"], attempts: try row["attempts"], nextAttemptAt: try row["next_attempt_at"], event: try row["id"],
                 eventAt: try row["at"], body: try row["body"], url: try row["url"], sealedSecret: try row["sealed_secret"])
        }
    }

    /// Leases the attempt at `head` until `until`: true if no other server has moved its next
    /// attempt since `head` was read.
    static func lease(_ webhook: String, _ head: Head, until: String, _ db: any SQLConnection) throws -> Bool {
        try !db.rows("""
            UPDATE webhook_delivery SET next_attempt_at = ?
            WHERE webhook_id = ? AND event_seq = ? AND state = 'pending' AND next_attempt_at = ?
            RETURNING event_seq
            """, [until, webhook, head.seq, head.nextAttemptAt]).isEmpty
    }

    /// What one attempt gave: the receiver's status (nil when it did not answer) and, for anything
    /// but a 2xx, why.
    struct Outcome {
        var status: Int?
        var error: String?
        var delivered: Bool { status.map { (200..<300).contains($0) } ?? false }
    }

    /// Sends a webhook's due deliveries in order, until none is due (its queue is empty, or waits
    /// for a retry).
    func serve(_ webhook: String) async {
        while !Task.isCancelled {
            let now = clock.now()
            guard let head = try? await database.snapshot({ try Self.head(of: webhook, $0) }),
                  head.nextAttemptAt <= StoredTime.text(now) else {
                return
            }
            let lease = StoredTime.text(now.addingTimeInterval(Self.lease))
            guard (try? await database.transaction({ try Self.lease(webhook, head, until: lease, $0) })) == true else { return }
            let outcome = await attempt(webhook, head)
            let done = clock.now()
            let finished = outcome.delivered || done.timeIntervalSince(head.eventAt) >= Self.retryWindow
            let pause = min(Self.longestPause, timing.firstRetry.seconds * pow(2, Double(head.attempts)))
            let state = (outcome.delivered ? DeliveryState.delivered : finished ? .failed : .pending).rawValue
            let deliveredAt: Date? = outcome.delivered ? done : nil
            // Recorded only while the lease is this server's (one that ran out is another's now).
            _ = try? await database.transaction { db in
                try db.execute("""
                    UPDATE webhook_delivery SET state = ?, attempts = attempts + 1, last_status = ?, last_error = ?,
                      delivered_at = ?, next_attempt_at = ?
                    WHERE webhook_id = ? AND event_seq = ? AND state = 'pending' AND next_attempt_at = ?
                    """, [state, outcome.status, outcome.error, deliveredAt, done.addingTimeInterval(pause), webhook, head.seq, lease])
            }
            if !finished { return }
        }
    }

    /// One signed POST of the event.
    func attempt(_ webhook: String, _ head: Head) async -> Outcome {
        guard let url = URL(string: head.url), let host = url.host?.lowercased() else {
            return Outcome(status: nil, error: "the URL cannot be used")
        }
        if let allowedHosts, !allowedHosts.contains(host) {
            return Outcome(status: nil, error: "\(host) is not one of the hosts this server delivers to (--webhook-hosts)")
        }
        let body = Data(head.body.utf8)
        let secret: Data
        do { secret = try webhooks.secret(of: webhook, sealed: head.sealedSecret) } catch {
            return Outcome(status: nil, error: "the webhook's secret cannot be unsealed with this server's key file")
        }
        let headers = [("Content-Type", "application/json"), ("Likeness-Event-Id", head.event),
                       ("Likeness-Signature", EventSignature.header(secret: secret, body: body, at: clock.now()))]
        do {
            let answer = try await OutboundHTTP.send(.POST, head.url, headers: headers, body: body, timeout: .seconds(Self.attemptTimeout),
                                                     keep: Self.excerptLength * 4)
            let text = Self.excerpt(String(decoding: answer.body, as: UTF8.self))
            return Outcome(status: answer.status, error: answer.succeeded ? nil : "answered \(answer.status)" + (text.isEmpty ? "" : ": " + text))
        } catch {
            return Outcome(status: nil, error: Self.excerpt(String(describing: error)))
        }
    }

    static func excerpt(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(excerptLength).map(Character.init))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
