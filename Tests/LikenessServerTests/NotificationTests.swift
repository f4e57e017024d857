import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessApp
import LikenessMail
import LikenessRules
import LikenessStore
import LikenessTestSupport
import SMTP
import Synchronization
import Testing

/// A mail server in memory: keeps what it is given, and fails the attempts it is told to.
final class RecordingTransport: MailTransport {
    private let state = Mutex<(sent: [SMTPMessage], failures: [SMTPError])>(([], []))

    var sent: [SMTPMessage] { state.withLock { $0.sent } }

    /// The next attempts fail with these, in order.
    func fail(with errors: SMTPError...) { state.withLock { $0.failures += errors } }

    func send(_ messages: [SMTPMessage], sent: @Sendable (Int) async -> Void) async throws {
        for (index, message) in messages.enumerated() {
            if let failure = state.withLock({ $0.failures.isEmpty ? nil : $0.failures.removeFirst() }) { throw failure }
            state.withLock { $0.sent.append(message) }
            await sent(index)
        }
    }

    static func reply(_ code: Int) -> SMTPError {
        SMTPError(.rejected, step: .data, reply: SMTPReply(code: code, lines: ["\(code) try \(code < 500 ? "later" : "never")"]), "the server said \(code)")
    }
}

/// One mail of the outbox as the tests read it: its kind and where it goes.
struct QueuedMail: Hashable, CustomStringConvertible {
    let kind: String
    let to: String
    var description: String { "\(kind) → \(to)" }
}

extension TestServer {
    /// The outbox's mails after `after` of them, oldest first.
    func outbox(after: Int = 0) async throws -> [QueuedMail] {
        let rows = try await database.snapshot { db in
            try db.rows("SELECT kind, to_address FROM mail ORDER BY created_at, id", []).map {
                QueuedMail(kind: try $0["kind"], to: try $0["to_address"])
            }
        }
        return Array(rows.dropFirst(after))
    }

    /// A staff account with an address, signed in.
    func staff(_ name: String, _ role: AccountRole, email: String?) async throws -> String {
        _ = try await services.accounts.create(AccountInput(username: name, password: "\(name)-password-long", role: role.rawValue, email: email),
                                               actor: "test", now: testNow)
        return token(role, as: name)
    }
}

/// Invites `username` as `capacity` for `performer` (by `casting`), accepting with an address.
func joinWithAddress(_ client: some TestClientProtocol, casting: String, performer: String, capacity: String, mayConsent: Bool,
                     username: String) async throws -> String {
    let invited = try await client.call(.post, "/v1/performers/\(performer)/invitations", token: casting,
                                        #"{"capacity":"\#(capacity)","mayConsent":\#(mayConsent)}"#)
    let code = try #require(invited["code"] as? String)
    let accepted = try await client.call(.post, "/v1/invitations/accept",
                                         #"{"code":"\#(code)","username":"\#(username)","password":"a-long-enough-password","email":"\#(username)@example.org"}"#)
    #expect(accepted.status == .created, "\(accepted.json)")
    return try await signIn(client, username)
}

@Suite struct NotificationTests {
    /// Every kind of notifications.md's table, made through the API, goes to exactly the accounts
    /// it names: with an address, not muted, never the one who acted.
    @Test(arguments: StorageBackend.available)
    func everyKindGoesToExactlyTheRightPeople(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        let cara = try await server.staff("cara", .casting, email: "cara@example.org")
        let pat = try await server.staff("pat", .production, email: "pat@example.org")
        let dana = server.token(.studio, as: "dana")
        try await server.test { client in
            let me = try await client.call(.patch, "/v1/me", token: dana, #"{"email":"dana@example.org"}"#)
            #expect(me.status == .ok && me["email"] as? String == "dana@example.org" && me["mute"] as? [String] == [], "\(me.json)")

            // An invitation with an address is mailed there (the code is still in the answer, once).
            let invited = try await client.call(.post, "/v1/performers/p-lena/invitations", token: cara,
                                                #"{"capacity":"self","mayConsent":true,"email":"lena.park@example.org"}"#)
            #expect(invited.status == .created && invited["code"] is String)
            #expect(try await server.outbox() == [QueuedMail(kind: "invitation", to: "lena.park@example.org")])
            let code = try #require(invited["code"] as? String)
            let accepted = try await client.call(.post, "/v1/invitations/accept",
                                                 #"{"code":"\#(code)","username":"lena","password":"a-long-enough-password","email":"lena@example.org"}"#)
            #expect(accepted.status == .created)
            let lena = try await signIn(client, "lena")
            let agent = try await joinWithAddress(client, casting: cara, performer: "p-lena", capacity: "agent", mayConsent: false, username: "ag")
            var seen = 1

            // An offer waits for those who may sign it (the agent may not), and its answer goes to casting.
            let offer = try await client.call(.post, "/v1/consent-offers", token: cara, lenaOffer)
            let offerID = try #require(offer["id"] as? String)
            #expect(try await server.outbox(after: seen) == [QueuedMail(kind: "offer.waiting", to: "lena@example.org")])
            seen += 1
            let terms = try #require(offer["termsSha256"] as? String)
            let signed = try await client.call(.post, "/v1/consent-offers/\(offerID)/sign", token: lena,
                                               #"{"typedName":"Lena Park","termsSha256":"\#(terms)","agree":true}"#)
            #expect(signed.status == .ok || signed.status == .created, "\(signed.json)")
            #expect(try await server.outbox(after: seen) == [QueuedMail(kind: "offer.answered", to: "cara@example.org")])
            seen += 1
            let grant = try #require((signed["grant"] as? [String: Any])?["id"] as? String)

            // The performer withdraws: the agent (who may see) and casting (who offered it) are told, not Lena.
            let revoked = try await client.call(.post, "/v1/grants/\(grant)/revoke", token: lena, #"{"reason":"I changed my mind"}"#)
            #expect(revoked.status == .ok)
            #expect(Set(try await server.outbox(after: seen)) == [QueuedMail(kind: "grant.changed", to: "ag@example.org"),
                                                                   QueuedMail(kind: "grant.changed", to: "cara@example.org")])
            seen += 2

            // Casting suspends one of Lena's grants: her side is told, casting is not (its own action).
            let lenasGrant = try #require(try await server.database.snapshot { db -> String? in
                try db.value("SELECT id FROM consent_grant WHERE performer = 'p-lena' AND status = 'active' AND id <> ? ORDER BY id LIMIT 1", [grant])
            })
            _ = try await client.call(.post, "/v1/grants/\(lenasGrant)/suspend", token: cara, #"{"reason":"Contract under review"}"#)
            #expect(Set(try await server.outbox(after: seen)) == [QueuedMail(kind: "grant.changed", to: "lena@example.org"),
                                                                   QueuedMail(kind: "grant.changed", to: "ag@example.org")])
            seen += 2

            // A muted kind is not sent; invitations cannot be muted; an unknown kind is refused.
            let muted = try await client.call(.patch, "/v1/me", token: agent, #"{"mute":["grant.changed"]}"#)
            #expect(muted["mute"] as? [String] == ["grant.changed"] && muted["email"] as? String == "ag@example.org")
            _ = try await client.call(.post, "/v1/grants/\(lenasGrant)/resume", token: cara, #"{"reason":"Review done"}"#)
            #expect(try await server.outbox(after: seen) == [QueuedMail(kind: "grant.changed", to: "lena@example.org")])
            seen += 1
            let invitationMute = try await client.call(.patch, "/v1/me", token: agent, #"{"mute":["invitation"]}"#)
            #expect(invitationMute.status == .unprocessableContent && invitationMute.errorField == "mute")
            let unknownMute = try await client.call(.patch, "/v1/me", token: agent, #"{"mute":["everything"]}"#)
            #expect(unknownMute.status == .unprocessableContent && unknownMute.errorField == "mute")

            // The studio's loop: the request waits for the contact, the decision goes back to who asked.
            let check = try await client.call(.post, "/v1/checks", token: pat, lenaFinal)
            let checkID = try #require(check["id"] as? String)
            let filed = try await client.call(.post, "/v1/approval-requests", token: pat, #"{"check":"\#(checkID)",\#(note)}"#)
            let requestID = try #require(filed["id"] as? String)
            #expect(try await server.outbox(after: seen) == [QueuedMail(kind: "request.waiting", to: "dana@example.org")])
            seen += 1
            _ = try await client.call(.post, "/v1/approval-requests/\(requestID)/decline", token: dana, #"{"reason":"Not in this cut"}"#)
            #expect(try await server.outbox(after: seen) == [QueuedMail(kind: "request.decided", to: "pat@example.org")])
            seen += 1

            // Without an address nobody is mailed: the studio account erin made no request and dana's
            // address is removed, so a new request is recorded without a mail.
            let removed = try await client.call(.patch, "/v1/me", token: dana, #"{"email":null}"#)
            #expect(removed.status == .ok && removed["email"] == nil)
            let second = try await client.call(.post, "/v1/approval-requests", token: pat, #"{"check":"\#(checkID)","note":"Again, for the trailer"}"#)
            #expect(second.status == .created)
            #expect(try await server.outbox(after: seen) == [])

            // The digest of the day: once per account that may see a performer named by its checks.
            let digest = try await server.services.operations.queueDigest(of: Day(testNow), by: .operator("test"))
            #expect(digest == 2, "Lena's checks: a digest for lena and one for her agent (who muted grant.changed only)")
            #expect(Set(try await server.outbox(after: seen)) == [QueuedMail(kind: "uses.digest", to: "lena@example.org"),
                                                                   QueuedMail(kind: "uses.digest", to: "ag@example.org")])
            seen = try await server.outbox().count
            #expect(try await server.services.operations.queueDigest(of: Day(testNow), by: .operator("test")) == 0)

            // The admin's list: newest first, no bodies, each state filter.
            let list = try await client.call(.get, "/v1/mail?state=pending&limit=3", token: server.token(.admin))
            let mails = try #require(list["mail"] as? [[String: Any]])
            #expect(mails.count == 3 && mails.allSatisfy { $0["state"] as? String == "pending" && $0["body"] == nil && $0["subject"] is String })
            #expect(try await client.call(.get, "/v1/mail", token: cara).status == .forbidden)
            #expect(try await client.call(.get, "/v1/mail?state=lost", token: server.token(.admin)).status == .unprocessableContent)
        }
    }

    /// A digest counts the checks of one day of use for the performers an account may see.
    @Test(arguments: StorageBackend.available)
    func theDigestListsTheDaysChecksOnceAndASecondRunSendsNothing(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let cara = try await server.staff("cara", .casting, email: "cara@example.org")
        try await server.test { client in
            _ = try await joinWithAddress(client, casting: cara, performer: "p-omar", capacity: "self", mayConsent: true, username: "omar")
            for _ in 0..<3 {
                _ = try await client.call(.post, "/v1/checks", token: server.token(.production),
                                          #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["face"],"destination":"temporary"}"#)
            }
            _ = try await client.call(.post, "/v1/checks", token: server.token(.production),
                                      #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"temporary"}"#)
            #expect(try await server.services.operations.queueDigest(of: Day(testNow).adding(days: -1), by: .operator("test")) == 0)
            #expect(try await server.services.operations.queueDigest(of: Day(testNow), by: .operator("test")) == 1)
            let data: String = try #require(try await server.database.snapshot { try $0.value("SELECT data FROM mail WHERE kind = 'uses.digest'") })
            #expect(data.contains("\"count\":3") && data.contains("Omar Haddad") && !data.contains("Lena"))
            #expect(try await server.services.operations.queueDigest(of: Day(testNow), by: .operator("test")) == 0)
        }
    }

    /// The sender renders each mail from its template with links under the base URL, sends it with
    /// a Message-ID that stays the same across retries, retries a 4xx, fails a 5xx at once, and
    /// forgets an invitation's code once its mail is sent.
    @Test(arguments: StorageBackend.available)
    func theSenderRetriesTemporaryFailuresWithTheSameMessageIDAndFailsPermanentOnes(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let cara = try await server.staff("cara", .casting, email: "cara@example.org")
        let transport = RecordingTransport()
        let sender = try await MailSender(database: server.database,
                                          settings: try MailSettings(smtp: nil, from: "likeness@studio.example", baseURL: "https://likeness.example/"),
                                          transport: transport, sealing: try SigningKeys(database: server.database, path: server.signingKeyPath).webhookKey(),
                                          clock: server.clock, timing: .init(poll: .milliseconds(1), firstRetry: .zero))
        try await server.test { client in
            let invited = try await client.call(.post, "/v1/performers/p-lena/invitations", token: cara,
                                                #"{"capacity":"self","mayConsent":true,"email":"lena.park@example.org"}"#)
            let code = try #require(invited["code"] as? String)
            let stored: String? = try await server.database.snapshot { try $0.value("SELECT data FROM mail") }
            #expect(stored?.contains(code) == false, "the code is sealed, not in the mail's values")

            transport.fail(with: RecordingTransport.reply(451))
            #expect(await sender.sendDue() == 1)
            #expect(transport.sent.isEmpty)
            let retried = try await client.call(.get, "/v1/mail", token: server.token(.admin))
            let first = try #require((retried["mail"] as? [[String: Any]])?.first)
            #expect(first["state"] as? String == "pending" && first["attempts"] as? Int == 1 && (first["lastError"] as? String)?.contains("451") == true)
            #expect(await sender.sendDue() == 1)
            let mail = try #require(transport.sent.first)
            #expect(mail.to.address == "lena.park@example.org" && mail.from.address == "likeness@studio.example")
            #expect(mail.body.contains("https://likeness.example/join/\(code)") && mail.subject.contains("Lena Park"))
            #expect(mail.messageID.hasSuffix("@studio.example") && mail.messageID.hasPrefix("mail-"))
            let sealed: Int64? = try await server.database.snapshot { try $0.value("SELECT count(*) FROM mail WHERE sealed_code IS NOT NULL") }
            #expect(sealed == 0)
            let sent = try await client.call(.get, "/v1/mail?state=sent", token: server.token(.admin))
            #expect((sent["mail"] as? [[String: Any]])?.first?["attempts"] as? Int == 2)

            // A 5xx is permanent: failed at once, not tried again.
            _ = try await client.call(.post, "/v1/consent-offers", token: cara, lenaOffer)
            _ = try await joinWithAddress(client, casting: cara, performer: "p-omar", capacity: "self", mayConsent: true, username: "omar")
            _ = try await client.call(.post, "/v1/consent-offers", token: cara, lenaOffer.replacingOccurrences(of: "p-lena", with: "p-omar"))
            transport.fail(with: RecordingTransport.reply(550))
            #expect(await sender.sendDue() == 1)
            let failed = try await client.call(.get, "/v1/mail?state=failed", token: server.token(.admin))
            #expect((failed["mail"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["offer.waiting"])
            #expect(await sender.sendDue() == 0)
            let offerMail = try #require(transport.sent.last)
            #expect(offerMail.body.contains("https://likeness.example/me/offers/") || transport.sent.count == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anAddressMustBePlain(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let cara = try await server.staff("cara", .casting, email: nil)
        try await server.test { client in
            for bad in [#""Cara <cara@example.org>""#, #""cara example@example.org""#, #""cara@localhost""#, #""cara@exa\nmple.org""#,
                        #""cára@example.org""#, "\"" + String(repeating: "a", count: 250) + "@example.org\"", "42"] {
                let reply = try await client.call(.patch, "/v1/me", token: cara, #"{"email":\#(bad)}"#)
                #expect(reply.status == .unprocessableContent || reply.status == .badRequest, "\(bad): \(reply.status)")
                #expect(reply.errorField == "email" || reply.status == .badRequest, "\(bad): \(reply.json)")
            }
            let created = try await client.call(.post, "/v1/accounts", token: server.token(.admin),
                                                #"{"username":"quinn","password":"quinn-password-long","role":"casting","email":"Quinn <q@example.org>"}"#)
            #expect(created.status == .unprocessableContent && created.errorField == "email")
            let key = try await client.call(.post, "/v1/api-keys", token: server.token(.admin), #"{"name":"pipeline","role":"production"}"#)
            let secret = try #require(key["key"] as? String)
            #expect(try await client.call(.patch, "/v1/me", token: secret, #"{"email":"p@example.org"}"#).status == .forbidden)
        }
    }
}

@Suite struct WebNotificationTests {
    /// "Your account": the address and the muted kinds, set through the form (CSRF, the message
    /// beside the field, what was typed kept); the admin's mail page lists the outbox, for admins only.
    @Test(arguments: StorageBackend.available)
    func anAccountSetsItsAddressAndMutesOnItsPageAndAdminsSeeTheOutbox(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        _ = try await app.server.services.accounts.create(AccountInput(username: "casting", password: "casting-password-long", role: "casting"),
                                                          actor: "test", now: testNow)
        let casting = app.browser(.casting), admin = app.browser(.admin)
        try await app.test { client in
            let page = try await client.open("/account", as: casting)
            #expect(page.status == .ok && page.html.contains("name=\"email\"") && page.html.contains("value=\"grant.changed\""))
            #expect(!page.html.contains("value=\"invitation\""), "invitations cannot be muted")
            #expect(try await client.open("/performers", as: casting).html.contains("href=\"/account\""), "every role's navigation links it")

            let refused = try await client.submit("/account", as: casting, csrf: false, [("email", "cara@example.org")])
            #expect(refused.status == .forbidden)
            let bad = try await client.submit("/account", as: casting, [("email", "Cara <cara@example.org>"), ("mute[]", "uses.digest")])
            #expect(bad.status == .unprocessableContent && bad.html.contains("field-error") && bad.html.contains("value=\"Cara &lt;cara@example.org&gt;\""))
            #expect(bad.html.contains("value=\"uses.digest\" checked"))
            let saved = try await client.submit("/account", as: casting, [("email", "cara@example.org"), ("mute[]", "grant.changed"),
                                                                          ("mute[]", "uses.digest")])
            #expect(saved.status == .seeOther && saved.location == "/account?saved=1", "\(saved.status) \(saved.html.components(separatedBy: "<main").dropFirst().first?.dropFirst(10).prefix(600) ?? "")")
            let again = try await client.open("/account?saved=1", as: casting)
            #expect(again.html.contains("value=\"cara@example.org\"") && again.html.contains("value=\"grant.changed\" checked")
                    && again.html.contains("Saved."))
            let cleared = try await client.submit("/account", as: casting, [("email", "")])
            #expect(cleared.status == .seeOther)

            #expect(try await client.open("/admin/mail", as: casting).status == .forbidden)
            let mail = try await client.open("/admin/mail?state=pending", as: admin)
            #expect(mail.status == .ok && mail.html.contains("<h1>Mail</h1>"))
            #expect(try await client.open("/admin/mail?state=nonsense", as: admin).status == .unprocessableContent)
        }
        let account = try await app.server.database.snapshot { try Account.find("casting", $0) }
        #expect(account?.email == nil && account?.mute == [])
    }
}

@Suite struct NotificationPathTests {
    /// Through the web app's forms, the same mails as through the API: Lena signs and withdraws on
    /// her pages; casting (with an address) is told of both, Lena (with one too) of neither.
    @Test(arguments: StorageBackend.available)
    func theWebAppsFormsMailAsTheAPIDoes(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = try await app.server.staff("cara", .casting, email: "cara@example.org")
        try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            #expect(try await client.submit("/account", as: lena, [("email", "lena@example.org")]).status == .seeOther)
            let offer = try await client.call(.post, "/v1/consent-offers", token: casting, lenaOffer)
            let (id, hash) = (try #require(offer["id"] as? String), try #require(offer["termsSha256"] as? String))
            let signed = try await client.submit("/me/offers/\(id)/sign", as: lena, [("typedName", "Lena Park"), ("agree", "yes"), ("termsSha256", hash)])
            let grant = try #require(signed.location?.split(separator: "=").last?.split(separator: "#").first.map(String.init))
            #expect(try await client.submit("/me/grants/\(grant)/revoke", as: lena, [("reason", "Changed my mind")]).status == .seeOther)
        }
        #expect(try await app.server.outbox() == [QueuedMail(kind: "offer.waiting", to: "lena@example.org"),
                                                  QueuedMail(kind: "offer.answered", to: "cara@example.org"),
                                                  QueuedMail(kind: "grant.changed", to: "cara@example.org")])
    }

    /// `likeness alerts`' record of an expiring grant mails the performer's side (as the CLI
    /// records it), once per threshold crossed, on either backend.
    @Test(arguments: StorageBackend.available)
    func anExpiringConsentIsMailedToThePerformersSideOncePerThreshold(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let cara = try await server.staff("cara", .casting, email: "cara@example.org")
        let today = Day(testNow)
        try await server.test { client in
            _ = try await joinWithAddress(client, casting: cara, performer: "p-omar", capacity: "self", mayConsent: true, username: "omar")
            let grant = try await client.call(.post, "/v1/grants", token: cara, """
                {"performer":"p-omar","production":"prod-tide","uses":["replica"],"aspects":["face"],"destinations":["temporary"],
                 "territories":["*"],"validUntil":"\(today.adding(days: 5))","signedBy":"performer","description":"Previs replica, ending soon"}
                """)
            #expect(grant.status == .created, "\(grant.json)")
        }
        func run(on day: Day) async throws -> Int {
            try await server.database.transaction { db in
                try Alerts.record(try Alerts.pending(at: day, thresholds: [7, 1], within: 7, db), now: testNow, db)
            }
        }
        #expect(try await run(on: today) >= 1)
        #expect(try await run(on: today) == 0, "a second run of the same day sends nothing new")
        let omars = try await server.outbox().filter { $0.to == "omar@example.org" }
        #expect(omars.count >= 1 && omars.allSatisfy { $0.kind == "consent.expiring" })
        let data: String? = try await server.database.snapshot {
            try $0.value("SELECT data FROM mail WHERE kind = 'consent.expiring' AND to_address = 'omar@example.org' AND data LIKE '%ending soon%'")
        }
        #expect(data?.contains("\"daysLeft\":5") == true, "\(data ?? "no mail for the new grant")")
    }
}
