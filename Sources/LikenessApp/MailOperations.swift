import Foundation
import LikenessRules
import LikenessStore

/// Notifications by e-mail (notifications.md): an account's own address and muted kinds, the
/// admin's view of the outbox, and the daily digest. The mails themselves are queued by the
/// operations whose changes they tell of (`Notifications`).
extension Operations {
    /// Sets the caller's own address and muted kinds; answers as `GET /v1/me` does. An API key
    /// has no account to set them on (403).
    public func updateMe(_ input: MeUpdateInput, by caller: Identity) async throws -> AccountSummary {
        try caller.require(.changeOwnAccount)
        let (email, mute) = try input.validated()
        let now = clock.now()
        try await database.transaction { db in
            guard try Account.exists(caller.actor, db) else {
                throw LikenessError(.forbidden, "forbidden", "\(caller.actor) is not an account with an address (an API key has none)")
            }
            try Outbox.update(account: caller.actor, email: email, mute: mute, now: now, db)
        }
        return try await me(by: caller)
    }

    /// The outbox, newest first, without bodies (admins).
    public func mail(state: MailState?, limit: Int, by caller: Identity) async throws -> [MailSummary] {
        try await read(.readMail, by: caller) { try Outbox.list(state: state, limit: limit, $0) }
    }

    /// Queues the daily digest of the uses of `day` (each performer-side account once per day);
    /// returns how many mails were queued.
    public func queueDigest(of day: Day, by caller: Identity) async throws -> Int {
        try caller.require(.sendDigest)
        let (now, codec) = (clock.now(), database.receiptCodec)
        return try await database.transaction { try Notifications.usesDigest(day: day, now: now, codec: codec, $0) }
    }
}
