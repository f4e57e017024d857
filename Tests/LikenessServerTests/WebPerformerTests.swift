import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessApp
import LikenessRules
@testable import LikenessServer
import LikenessStore
import LikenessTestSupport
import NIOCore
import Testing

extension WebTestServer {
    /// An invitation made by casting through the API; its one-time code.
    func invite(_ client: any TestClientProtocol, _ performer: String, capacity: String = "self") async throws -> String {
        let invited = try await client.call(.post, "/v1/performers/\(performer)/invitations", token: server.token(.casting),
                                            #"{"capacity":"\#(capacity)"}"#)
        return try #require(invited["code"] as? String, "\(invited.json)")
    }

    /// Accepts an invitation through the join form, as a browser does: signed in on success.
    func join(_ client: any TestClientProtocol, _ performer: String, username: String, capacity: String = "self") async throws -> Browser {
        let code = try await invite(client, performer, capacity: capacity)
        let page = try await client.submit("/join/\(code)", as: .visitor, [("username", username), ("password", "a-long-enough-password")])
        #expect(page.status == .seeOther && page.location == "/me?joined=1", "\(page.status) \(page.html.prefix(400))")
        let setCookie = try #require(page.headers[.setCookie], "join of \(username) failed: \(page.status)")
        let token = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
        return Browser(cookie: "\(WebApp.cookieName)=\(token)", csrf: csrfToken(token))
    }

    /// An open offer to Lena (`lenaOffer`), made by casting through the API: its id and terms' hash.
    func offerToLena(_ client: any TestClientProtocol) async throws -> (id: String, hash: String) {
        let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), lenaOffer)
        return (try #require(offer["id"] as? String, "\(offer.json)"), try #require(offer["termsSha256"] as? String))
    }

    /// A check of Lena's voice by production (stored, so in her ledger).
    func checkLena(_ client: any TestClientProtocol) async throws {
        let check = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaNewPerformance)
        #expect(check.status == .ok || check.status == .created, "\(check.json)")
    }
}

@Suite struct WebPerformerTests {
    @Test(arguments: StorageBackend.available)
    func joiningWithACodeSignsInAndOpensMeAndAUsedOrBadCodeIsOneMessage(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let code = try await app.invite(client, "p-lena")
            let form = try await client.open("/join/\(code)", as: .visitor)
            #expect(form.status == .ok && form.html.contains("<h1>Accept your invitation</h1>"))
            #expect(form.html.contains("name=\"_csrf\"") && form.html.contains("<label for=\"password\">"))
            #expect(!form.html.contains("Lena"), "the page names nothing of the invitation")
            let short = try await client.submit("/join/\(code)", as: .visitor, [("username", "lena"), ("password", "elevenchars")])
            #expect(short.status == .unprocessableContent)
            #expect(short.html.contains("<p class=\"field-error\" id=\"password-error\">password must be at least 12 characters</p>"))
            #expect(short.html.contains("value=\"lena\""), "the form keeps the username typed")
            let refused = try await client.submit("/join/\(code)", as: .stranger, [("username", "lena"), ("password", "a-long-enough-password")])
            #expect(refused.status == .forbidden && refused.html.contains("This form was refused"))
            let joined = try await client.submit("/join/\(code)", as: .visitor, [("username", "lena"), ("password", "a-long-enough-password")])
            #expect(joined.status == .seeOther && joined.location == "/me?joined=1")
            let setCookie = try #require(joined.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let token = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
            let lena = Browser(cookie: "\(WebApp.cookieName)=\(token)", csrf: app.csrfToken(token))
            let me = try await client.open("/me?joined=1", as: lena)
            #expect(me.status == .ok && me.html.contains("your invitation is accepted"))
            #expect(me.html.contains("<a href=\"/me/performers/p-lena\">Lena"))
            #expect(try await client.open("/", as: lena).location == "/me", "a performer starts at /me")
            for used in [code, "inv_not-a-code", String(repeating: "x", count: 300)] {
                let again = try await client.submit("/join/\(used)", as: .visitor, [("username", "someone"), ("password", "a-long-enough-password")])
                #expect(again.status == .notFound, "\(used.prefix(20))")
                #expect(again.html.contains(JoinPages.notValid.replacingOccurrences(of: "'", with: "&#39;")))
            }
        }
        #expect(try await app.server.database.snapshot { try Account.find("someone", $0) } == nil)
    }

    @Test(arguments: StorageBackend.available)
    func tooManyAttemptsToJoinAreAnsweredPolitelyWith429(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            var last: Page?
            for _ in 0..<30 {
                last = try await client.submit("/join/inv_guessed", as: .visitor, [("username", "guess"), ("password", "a-long-enough-password")])
                if last?.status == .tooManyRequests { break }
            }
            let limited = try #require(last)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.html.contains("Too many attempts from here: please wait") && limited.html.contains("<form class=\"stacked\""))
        }
    }

    @Test(arguments: StorageBackend.available)
    func mePagesListThePerformersOffersWaitingAndRecentUses(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            let offer = try await app.offerToLena(client)
            try await app.checkLena(client)
            let me = try await client.open("/me", as: lena)
            #expect(me.status == .ok && me.html.contains("<h1>My performers</h1>"))
            #expect(me.html.contains("You act for yourself.") && me.html.contains("Sign or decline consent offers"))
            #expect(me.html.contains("1 offer waits for an answer."))
            #expect(me.html.contains("<a href=\"/me/offers/\(offer.id)\">New lines in her voice for the pickup scenes of episode 5</a>"))
            #expect(me.html.contains("new performance of voice → temporary"), "the recent use, in words")
            #expect(me.html.contains("Nova") && me.html.contains("<code class=\"id\" title=\"prod-nova\">prod-nova</code>"),
                    "the production by its title, its id beside it")
            #expect(me.html.components(separatedBy: "<h1").count == 2, "one h1")
            #expect(me.html.contains("<main id=\"main\">") && me.html.contains("<nav aria-label=\"Main\">"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func signingAnOfferThroughTheFormWithTheWrongHashShowsTheFormAgainAndTheRightOneMakesTheGrant(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let offer = try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            let offer = try await app.offerToLena(client)
            let page = try await client.open("/me/offers/\(offer.id)", as: lena)
            #expect(page.status == .ok)
            #expect(page.html.contains("<input type=\"hidden\" name=\"termsSha256\" value=\"\(offer.hash)\">"))
            #expect(page.html.contains("<p>Uses allowed: new performances the performer did not give.</p>"), "the full terms, in words")
            #expect(page.html.contains("Content excluded: nudity."))
            let performerPage = try await client.open("/me/performers/p-lena", as: lena)
            #expect(performerPage.html.contains("action=\"/me/offers/\(offer.id)/sign\""), "the performer's page carries the sign form too")
            let wrong = try await client.submit("/me/offers/\(offer.id)/sign", as: lena,
                                                [("typedName", "Lena Park"), ("agree", "yes"), ("termsSha256", String(repeating: "0", count: 64))])
            #expect(wrong.status == .conflict)
            #expect(wrong.html.contains("The terms have changed since this page was shown to you"))
            #expect(wrong.html.contains("value=\"Lena Park\"") && wrong.html.contains("action=\"/me/offers/\(offer.id)/sign\""))
            let unticked = try await client.submit("/me/offers/\(offer.id)/sign", as: lena,
                                                   [("typedName", "Lena Park"), ("termsSha256", offer.hash)])
            #expect(unticked.status == .unprocessableContent)
            #expect(unticked.html.contains("id=\"agree-\(offer.id)-error\">signing needs agree: true"))
            let forged = try await client.submit("/me/offers/\(offer.id)/sign", as: lena, csrf: false,
                                                 [("typedName", "Lena Park"), ("agree", "yes"), ("termsSha256", offer.hash)])
            #expect(forged.status == .forbidden && forged.html.contains("This form was refused"))
            let signed = try await client.submit("/me/offers/\(offer.id)/sign", as: lena,
                                                 [("typedName", "Lena Park"), ("agree", "yes"), ("termsSha256", offer.hash)])
            #expect(signed.status == .seeOther)
            let location = try #require(signed.location)
            #expect(location.hasPrefix("/me/performers/p-lena?signed=g"))
            let after = try await client.open(location, as: lena)
            #expect(after.html.contains("Signed. The consent is recorded"))
            #expect(after.html.contains("New lines in her voice for the pickup scenes of episode 5 <span class=\"status s-active\">active</span>"))
            return offer
        }
        let stored = try await app.server.database.snapshot { try ConsentOffer.find(offer.id, $0) }
        #expect(stored?.storedState == .signed)
        let grant = try await app.server.database.snapshot { try Grant.find(stored?.grant ?? "", $0) }
        #expect(grant?.evidence?.method == .portal && grant?.evidence?.typedName == "Lena Park" && grant?.signedBy == .performer)
    }

    @Test(arguments: StorageBackend.available)
    func decliningAnOfferWithAReason(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let offer = try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            let offer = try await app.offerToLena(client)
            let forged = try await client.submit("/me/offers/\(offer.id)/decline", as: lena, csrf: false, [("reason", "No")])
            #expect(forged.status == .forbidden)
            let declined = try await client.submit("/me/offers/\(offer.id)/decline", as: lena, [("reason", "Not my voice for this show")])
            #expect(declined.status == .seeOther && declined.location == "/me/performers/p-lena?declined=\(offer.id)#offers")
            let page = try await client.open("/me/performers/p-lena?declined=\(offer.id)", as: lena)
            #expect(page.html.contains("Declined. Nothing was granted.") && page.html.contains("No offer is waiting."))
            let again = try await client.submit("/me/offers/\(offer.id)/decline", as: lena, [("reason", "Twice")])
            #expect(again.status == .conflict)
            return offer
        }
        let stored = try await app.server.database.snapshot { try ConsentOffer.find(offer.id, $0) }
        #expect(stored?.storedState == .declined && stored?.reason == "Not my voice for this show")
    }

    @Test(arguments: StorageBackend.available)
    func revokingAConsentGoesThroughAConfirmationNamingWhatStopsAndWhatStays(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let grant = try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            let offer = try await app.offerToLena(client)
            let signed = try await client.submit("/me/offers/\(offer.id)/sign", as: lena,
                                                 [("typedName", "Lena Park"), ("agree", "yes"), ("termsSha256", offer.hash)])
            let grant = try #require(signed.location?.split(separator: "=").last?.split(separator: "#").first.map(String.init))
            let page = try await client.open("/me/performers/p-lena", as: lena)
            #expect(page.html.contains("href=\"/me/grants/\(grant)/revoke\"") && page.html.contains("href=\"/me/grants/\(grant)/suspend\""))
            #expect(!page.html.contains("href=\"/me/grants/\(grant)/resume\""), "an active grant is not resumed")
            let confirm = try await client.open("/me/grants/\(grant)/revoke", as: lena)
            #expect(confirm.status == .ok && confirm.html.contains("What stops") && confirm.html.contains("What stays on record"))
            #expect(confirm.html.contains("every check that needs this consent") && confirm.html.contains("stay on record"))
            let forged = try await client.submit("/me/grants/\(grant)/revoke", as: lena, csrf: false, [("reason", "Changed my mind")])
            #expect(forged.status == .forbidden)
            let empty = try await client.submit("/me/grants/\(grant)/revoke", as: lena, [("reason", "")])
            #expect(empty.status == .unprocessableContent && empty.html.contains("reason is required") && empty.html.contains("What stops"))
            let revoked = try await client.submit("/me/grants/\(grant)/revoke", as: lena, [("reason", "Changed my mind")])
            #expect(revoked.status == .seeOther && revoked.location == "/me/performers/p-lena?changed=revoke#grant-\(grant)")
            let after = try await client.open("/me/performers/p-lena?changed=revoke", as: lena)
            #expect(after.html.contains("Withdrawn. Every later check") && after.html.contains("s-revoked"))
            #expect(!after.html.contains("href=\"/me/grants/\(grant)/"), "nothing more to do with a revoked grant")
            #expect(try await client.open("/me/grants/\(grant)/resume", as: lena).status == .conflict)
            return grant
        }
        let detail = try await app.server.services.operations.grant(grant, by: .operator("root"))
        #expect(detail.grant.status == .revoked && detail.statusHistory.last?.by.account == "lena" && detail.statusHistory.last?.by.capacity == .self)
    }

    @Test(arguments: StorageBackend.available)
    func aPerformerNeverOpensAnotherPerformersPagesAndStaffUseTheirOwn(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            let omar = try await app.join(client, "p-omar", username: "omar")
            let offer = try await app.offerToLena(client)
            for path in ["/me/performers/p-lena", "/me/performers/p-lena/uses.csv", "/me/offers/\(offer.id)", "/me/grants/g-lena-1/revoke"] {
                let page = try await client.open(path, as: omar)
                #expect(page.status == .forbidden, "\(path)")
                #expect(!page.html.contains("pickup scenes"), "\(path)")
            }
            #expect(try await client.submit("/me/offers/\(offer.id)/sign", as: omar,
                                            [("typedName", "Omar"), ("agree", "yes"), ("termsSha256", offer.hash)]).status == .forbidden)
            #expect(try await client.open("/me/performers/p-lena", as: lena).status == .ok)
            #expect(try await client.open("/performers/p-lena", as: lena).status == .forbidden, "the staff's performer page is not theirs")
            #expect(try await client.open("/me/performers/p-lena", as: app.browser(.casting)).status == .forbidden)
            let staffMe = try await client.open("/me", as: app.browser(.casting))
            #expect(staffMe.status == .ok && staffMe.html.contains("Your account acts for no performer"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func theLedgerIsPagedChartedAndDownloadedAsCSV(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            for _ in 0..<(MePages.ledgerPageSize + 2) { try await app.checkLena(client) }
            let page = try await client.open("/me/performers/p-lena", as: lena)
            #expect(page.status == .ok)
            #expect(page.html.contains("<title id=\"uses-chart-title\">Uses per week</title>"))
            #expect(page.html.contains("<summary>The chart as a table</summary>"))
            #expect(page.html.contains("Every check that named this performer from 2026-08-30 to 2026-11-28: \(MePages.ledgerPageSize + 2)."))
            #expect(page.html.components(separatedBy: "<td class=\"nowrap\" data-label=\"Day\">2026-11-28</td>").count - 1 == MePages.ledgerPageSize)
            let next = try #require(page.html.firstRange(of: "rel=\"next\"").flatMap { _ in
                page.html.components(separatedBy: "<a href=\"").last { $0.contains("rel=\"next\"") }?.split(separator: "\"").first
            }).replacingOccurrences(of: "&amp;", with: "&")
            #expect(next.contains("before=chk"))
            let older = try await client.open(String(next), as: lena)
            #expect(older.html.components(separatedBy: "<td class=\"nowrap\" data-label=\"Day\">2026-11-28</td>").count - 1 == 2)
            #expect(older.html.contains(">Newest uses</a>") && !older.html.contains("rel=\"next\""))
            let csv = try await client.open("/me/performers/p-lena/uses.csv", as: lena)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("attachment") == true)
            let lines = csv.html.split(separator: "\r\n")
            #expect(lines.first == "id,production,use,aspects,destination,territory,tool,decision,at,decidedAt,grants")
            #expect(lines.count == MePages.ledgerPageSize + 3)
            let bad = try await client.open("/me/performers/p-lena?since=yesterday", as: lena)
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test(arguments: StorageBackend.available)
    func theStudiosQueueAndTheReceiptsNamePeopleNotIds(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let services = app.server.services
        _ = try await services.accounts.create(AccountInput(username: "studio", password: "studio-password", role: "studio"),
                                               actor: "root", now: app.server.clock.now())
        _ = try await services.operations.editProduction("prod-nova", ProductionPatch(contact: .value("studio")), by: .operator("root"))
        let lenaName = try await services.operations.performer("p-lena", by: .operator("root")).name
        let novaTitle = try await services.operations.production("prod-nova", by: .operator("root")).title
        let production = app.browser(.production)
        let use: [(String, String)] = [("production", "prod-nova"), ("performer", "p-lena"), ("use", "replica"), ("aspects[]", "face"),
                                       ("destination", "final"), ("territory", "DE"), ("tool", "t-vault"), ("run", "check")]
        try await app.test { client in
            let check = try #require(try await client.submit("/simulator", as: production, use).location)
            let receipt = try await client.open(check, as: production)
            #expect(receipt.html.contains("of \(lenaName) (p-lena) in \(novaTitle) (prod-nova)"))
            let made = try await client.submit("/requests", as: production, [("check", String(check.split(separator: "/").last!)),
                                                                             ("note", "Lena's face replica in the final cut of episode 4")])
            #expect(made.status == .seeOther)
            let queue = try await client.open("/requests", as: app.browser(.studio))
            #expect(queue.html.contains("<a href=\"/productions/prod-nova\">\(novaTitle)</a> <code class=\"id\" title=\"prod-nova\">prod-nova</code>"))
            #expect(queue.html.contains("<a href=\"/performers/p-lena\">\(lenaName)</a> <code class=\"id\" title=\"p-lena\">p-lena</code>"))
        }
    }
}
