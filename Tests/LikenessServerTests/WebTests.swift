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

/// The web app on the demo fixtures, driven through the router: a browser's cookie, its CSRF
/// token, and the HTML answered.
final class WebTestServer: @unchecked Sendable {
    let server: TestServer
    let web: WebApp

    /// On a database set up as `likeness init` does, with an enrolled privacy officer (`priya`).
    init(_ backend: StorageBackend) async throws {
        server = try await vaultServer(backend)
        web = try await WebApp(services: server.services)
    }

    /// A signed-in browser of `role` (an account named after the role): its cookie and CSRF token.
    func browser(_ role: AccountRole) -> Browser {
        let token = server.services.sessions.open(for: Identity(actor: role.rawValue, role: role), now: server.clock.now()).token
        return Browser(cookie: "\(WebApp.cookieName)=\(token)", csrf: web.csrfToken(sessionToken: token))
    }

    /// Signs in through the form, as a browser does.
    func signIn(_ client: any TestClientProtocol, _ username: String, _ password: String) async throws -> Browser {
        let page = try await client.submit("/sign-in", as: .visitor, [("username", username), ("password", password)])
        let setCookie = try #require(page.headers[.setCookie], "sign-in of \(username) failed: \(page.status)")
        let token = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
        return Browser(cookie: "\(WebApp.cookieName)=\(token)", csrf: csrfToken(token))
    }

    func csrfToken(_ sessionToken: String) -> String { web.csrfToken(sessionToken: sessionToken) }

    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await Application(router: buildRouter(services: server.services, web: web)).test(.router, body)
    }
}

struct Browser: Sendable {
    let cookie: String?
    let csrf: String?
    /// A visitor who opened the sign-in page: its pre-session cookie, and the same token in the form.
    static let visitor = Browser(cookie: "\(WebApp.signInCookieName)=visitor-token", csrf: "visitor-token")
    /// A browser with no cookie at all (a page on another site posting to Likeness).
    static let stranger = Browser(cookie: nil, csrf: nil)
}

/// A page as answered: status, headers and HTML.
struct Page {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let html: String
    var location: String? { headers[.location] }
}

extension TestClientProtocol {
    func open(_ path: String, as browser: Browser) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie = browser.cookie { headers[.cookie] = cookie }
        return try await execute(uri: path, method: .get, headers: headers) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }

    /// Posts a form; the browser's CSRF token goes with it unless `csrf` is false.
    func submit(_ path: String, as browser: Browser, csrf: Bool = true, _ fields: [(String, String)]) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie = browser.cookie { headers[.cookie] = cookie }
        var all = fields
        if csrf, let token = browser.csrf { all.append((WebApp.csrfField, token)) }
        let body = all.map { "\(WebText.percentEncoded($0.0))=\(WebText.percentEncoded($0.1))" }.joined(separator: "&")
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }
}

@Suite struct WebTests {
    @Test(arguments: StorageBackend.available)
    func aVisitorSeesTheSignInFormAndIsSentThereFromEveryOtherPage(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let start = try await client.open("/", as: .visitor)
            #expect(start.status == .ok)
            #expect(start.html.contains("<form class=\"stacked\" method=\"post\" action=\"/sign-in\""))
            #expect(start.html.contains("<label for=\"username\">"))
            let page = try await client.open("/performers/p-lena", as: .visitor)
            #expect(page.status == .seeOther)
            #expect(page.location == "/?next=/performers/p-lena")
            let css = try await client.open("/static/style.css", as: .visitor)
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func signingInSetsAStrictHttpOnlyCookieThatOpensTheRolesStartPageAndSigningOutEndsIt(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let services = app.server.services
        try await app.test { client in
            let wrong = try await client.submit("/sign-in", as: .visitor, [("username", "amy"), ("password", "wrong password!")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("The username or password is not right."))
            #expect(wrong.html.contains("value=\"amy\""), "the form keeps the username typed")
            let signedIn = try await client.submit("/sign-in", as: .visitor,
                                                   [("username", "amy"), ("password", "casting-password"), ("next", "/alerts")])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/alerts")
            let setCookie = try #require(signedIn.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"))
            let token = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
            let browser = Browser(cookie: "\(WebApp.cookieName)=\(token)", csrf: app.web.csrfToken(sessionToken: token))
            let start = try await client.open("/", as: browser)
            #expect(start.status == .seeOther && start.location == "/performers")
            let alerts = try await client.open("/alerts", as: browser)
            #expect(alerts.status == .ok && alerts.html.contains("amy"))
            // An offsite `next` is ignored.
            let offsite = try await client.submit("/sign-in", as: .visitor,
                                                  [("username", "amy"), ("password", "casting-password"), ("next", "//evil.example/")])
            #expect(offsite.location == "/performers")
            let out = try await client.submit("/sign-out", as: browser, [])
            #expect(out.status == .seeOther && out.location == "/")
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.open("/alerts", as: browser)
            #expect(after.status == .seeOther && after.location == "/?expired=1&next=/alerts")
        }
        let audit = try await services.database.snapshot { try Audit.page(limit: 10, before: nil, $0) }
        #expect(audit.contains { $0.actor == "amy" && $0.action.contains("login") })
    }

    @Test(arguments: StorageBackend.available)
    func failedSignInsAreRateLimited(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            for _ in 0..<5 {
                let page = try await client.submit("/sign-in", as: .visitor, [("username", "nobody"), ("password", "not the password")])
                #expect(page.status == .unauthorized)
            }
            let limited = try await client.submit("/sign-in", as: .visitor, [("username", "nobody"), ("password", "not the password")])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.html.contains("Too many failed sign-ins"))
        }
    }

    /// Every page a role may open answers 200 to it and a 403 page to every other role, as the
    /// API's rights say (admins never read personal data).
    @Test(arguments: StorageBackend.available)
    func eachRoleOpensItsPagesAndGetsAForbiddenPageForTheOthers(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let paths: [(String, Set<AccountRole>)] = [
            ("/performers", [.admin, .casting, .production, .privacy, .auditor, .studio]),
            ("/performers/p-lena", [.admin, .casting, .production, .privacy, .auditor, .studio]),
            ("/performers/new", [.admin, .casting]),
            ("/performers/p-lena/personal", [.privacy]),
            ("/performers/p-lena/personal/edit", [.admin, .casting, .privacy]),
            ("/grants/new?performer=p-lena", [.admin, .casting]),
            ("/grants/g-elif-1", [.admin, .casting, .production, .privacy, .auditor, .studio]),
            ("/grants/g-elif-1/impact", [.admin, .casting, .auditor]),
            ("/productions", [.admin, .casting, .production, .privacy, .auditor, .studio]),
            ("/productions/new", [.admin, .casting]),
            ("/productions/prod-nova", [.admin, .casting, .production, .privacy, .auditor, .studio]),
            ("/productions/prod-nova/uses", [.admin, .casting, .auditor]),
            ("/simulator", [.admin, .casting, .production, .studio]),
            ("/checks", [.admin, .casting, .production, .auditor, .studio]),
            ("/requests", [.admin, .casting, .production, .auditor, .studio]),
            ("/alerts", [.admin, .casting, .auditor]),
            ("/audit", [.admin, .auditor]),
            ("/admin/accounts", [.admin]),
            ("/admin/api-keys", [.admin]),
            ("/admin/tools", [.admin]),
            ("/admin/unions", [.admin]),
        ]
        try await app.test { client in
            let privacy = try await app.signIn(client, "priya", "privacy-password")
            for role in AccountRole.allCases {
                let browser = role == .privacy ? privacy : app.browser(role)
                for (path, allowed) in paths {
                    let page = try await client.open(path, as: browser)
                    if allowed.contains(role) {
                        #expect(page.status == .ok, "\(role) \(path)")
                        #expect(page.html.contains("<nav aria-label=\"Main\">"), "\(role) \(path)")
                    } else {
                        #expect(page.status == .forbidden, "\(role) \(path)")
                        #expect(page.html.contains("This page is not for your role"), "\(role) \(path)")
                    }
                }
            }
            // The studio contact of no production reads no register: the demo's productions name none.
            let studio = try await client.open("/productions/prod-nova/uses", as: app.browser(.studio))
            #expect(studio.status == .forbidden)
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyPageCarriesStrictHeadersAndSignedInPagesAreNotStored(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let privacy = try await app.signIn(client, "priya", "privacy-password")
            for (path, browser) in [("/", Browser.visitor), ("/performers/p-lena", app.browser(.casting)),
                                    ("/performers/p-lena/personal", privacy), ("/nowhere", app.browser(.casting))] {
                let page = try await client.open(path, as: browser)
                let csp = try #require(page.headers[.contentSecurityPolicy], "\(path)")
                #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"))
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                if browser.cookie?.hasPrefix(WebApp.cookieName) == true { #expect(page.headers[.cacheControl] == "no-store", "\(path)") }
            }
            let missing = try await client.open("/nowhere", as: app.browser(.casting))
            #expect(missing.status == .notFound && missing.html.contains("There is no page at /nowhere"))
            // The API keeps its JSON errors.
            let api = try await client.call(.get, "/v1/nowhere")
            expectError(api, .notFound, "not-found")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aFormWithoutItsSessionsCSRFTokenIsRefusedBeforeAnythingIsDone(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = app.browser(.casting)
        let other = app.browser(.casting)
        try await app.test { client in
            let missing = try await client.submit("/performers", as: casting, csrf: false, [("id", "p-new"), ("name", "New Person")])
            #expect(missing.status == .forbidden && missing.html.contains("This form was refused"))
            let foreign = try await client.submit("/performers", as: Browser(cookie: casting.cookie, csrf: other.csrf),
                                                  [("id", "p-new"), ("name", "New Person")])
            #expect(foreign.status == .forbidden)
            let signOut = try await client.submit("/sign-out", as: casting, csrf: false, [])
            #expect(signOut.status == .forbidden)
            #expect(try await client.open("/performers", as: casting).status == .ok, "the session is still open")
        }
        let exists = try await app.server.database.snapshot { try Performer.find("p-new", $0) }
        #expect(exists == nil)
    }

    @Test(arguments: StorageBackend.available)
    func castingRecordsAPerformerAndAConsentThatAppearsOnTheTimeline(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = app.browser(.casting)
        try await app.test { client in
            let made = try await client.submit("/performers", as: casting, [("id", "p-zoe"), ("name", "Zoë Example"), ("minorUntil", "")])
            #expect(made.status == .seeOther && made.location == "/performers/p-zoe")
            let grant = try await client.submit("/grants", as: casting, [
                ("performer", "p-zoe"), ("production", "prod-nova"), ("uses[]", "replica"), ("uses[]", "alteration"), ("aspects[]", "face"),
                ("destinations[]", "final"), ("territories", "DE, FR"), ("validFrom", "2026-11-01"), ("validUntil", "2027-06-30"),
                ("signedBy", "performer"), ("description", "Face replica for the rooftop chase in episode 2"),
            ])
            #expect(grant.status == .seeOther && grant.location == "/performers/p-zoe#timeline")
            let page = try await client.open("/performers/p-zoe", as: casting)
            #expect(page.html.contains("<svg"))
            #expect(page.html.contains("class=\"bar-active\""))
            #expect(page.html.contains("Face replica for the rooftop chase in episode 2"))
            #expect(page.html.contains("Zoë Example"))
            let search = try await client.open("/performers?q=zo", as: casting)
            #expect(search.html.contains("<a href=\"/performers/p-zoe\">Zoë Example</a>"))
        }
        let grants = try await app.server.database.snapshot { try Registry.grants(performer: "p-zoe", $0) }
        #expect(grants.count == 1 && grants[0].territories == ["DE", "FR"] && grants[0].uses == [.replica, .alteration])
    }

    @Test(arguments: StorageBackend.available)
    func anInvalidFormIsShownAgainWithTheSpecsMessageBesideTheFieldAndWhatWasTyped(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = app.browser(.casting)
        try await app.test { client in
            let page = try await client.submit("/grants", as: casting, [
                ("performer", "p-lena"), ("uses[]", "replica"), ("aspects[]", "face"), ("destinations[]", "final"), ("territories", "*"),
                ("validFrom", "2026-11-01"), ("signedBy", "guardian"), ("description", "A description typed with care, kept"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("<p class=\"field-error\">validUntil is required</p>"))
            #expect(page.html.contains("A description typed with care, kept"))
            #expect(page.html.contains("<option value=\"guardian\" selected>"))
            #expect(page.html.contains("value=\"replica\" checked"))
            let short = try await client.submit("/grants/g-elif-1/revoke", as: casting, [("reason", "")])
            #expect(short.status == .unprocessableContent)
            #expect(short.html.contains("reason is required"))
            let duplicate = try await client.submit("/performers", as: casting, [("id", "p-lena"), ("name", "Someone Else")])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.html.contains("a performer with id &#39;p-lena&#39; already exists")
                || duplicate.html.contains("a performer with id 'p-lena' already exists"))
            #expect(duplicate.html.contains("value=\"Someone Else\""))
        }
        #expect(try await app.server.database.snapshot { try Registry.grants(performer: "p-lena", $0) }.allSatisfy { $0.signedBy != .guardian })
    }

    @Test(arguments: StorageBackend.available)
    func theSimulatorAnswersWithoutStoringAndTheRealCheckKeepsAReceipt(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let production = app.browser(.production)
        let use: [(String, String)] = [("production", "prod-nova"), ("performer", "p-lena"), ("use", "replica"), ("aspects[]", "face"),
                                       ("destination", "final"), ("territory", "DE"), ("tool", "t-vault")]
        let before = try await app.server.database.value("SELECT count(*) FROM check_receipt") ?? 0
        try await app.test { client in
            let simulated = try await client.submit("/simulator", as: production, use + [("run", "what-if")])
            #expect(simulated.status == .ok)
            #expect(simulated.html.contains("What a check would answer now"))
            #expect(simulated.html.contains("class=\"decision d-needs-approval\""))
            #expect(simulated.html.contains("Its output goes into a final deliverable"))
            let count = try await app.server.database.value("SELECT count(*) FROM check_receipt") ?? 0
            #expect(count == before)
            let checked = try await client.submit("/simulator", as: production, use + [("run", "check")])
            #expect(checked.status == .seeOther)
            let location = try #require(checked.location)
            #expect(location.hasPrefix("/checks/chk"))
            let receipt = try await client.open(location, as: production)
            #expect(receipt.status == .ok && receipt.html.contains("Request the studio&#39;s written approval")
                || receipt.html.contains("Request the studio's written approval"))
            let invalid = try await client.submit("/simulator", as: production, [("production", "prod-nova"), ("use", "replica"),
                                                                                  ("destination", "final"), ("run", "what-if")])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.html.contains("aspects"))
            // A studio contact may simulate but not check.
            let studio = try await client.submit("/simulator", as: app.browser(.studio), use + [("run", "check")])
            #expect(studio.status == .forbidden)
        }
    }

    @Test(arguments: StorageBackend.available)
    func thePrivacyOfficersReadOfPersonalDataIsAudited(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let written = try await client.submit("/performers/p-lena/personal", as: app.browser(.casting),
                                                  [("legalName", "Lena Maria Example"), ("email", "not-an-email")])
            #expect(written.status == .unprocessableContent)
            #expect(written.html.contains("email is not an e-mail address"))
            #expect(written.html.contains("value=\"Lena Maria Example\""))
            let saved = try await client.submit("/performers/p-lena/personal", as: app.browser(.casting),
                                                [("legalName", "Lena Maria Example"), ("email", "lena@example.org")])
            #expect(saved.status == .seeOther && saved.location == "/performers/p-lena/personal/edit?saved=1")
            let blind = try await client.open("/performers/p-lena/personal/edit", as: app.browser(.casting))
            #expect(!blind.html.contains("lena@example.org"), "casting writes but never reads")
            let privacy = try await app.signIn(client, "priya", "privacy-password")
            let read = try await client.open("/performers/p-lena/personal", as: privacy)
            #expect(read.status == .ok)
            #expect(read.html.contains("value=\"lena@example.org\""))
            #expect(read.headers[.cacheControl] == "no-store")
            let auditor = try await client.open("/audit", as: app.browser(.auditor))
            #expect(auditor.html.contains("<td>priya</td><td>personal.read</td><td>p-lena</td>"))
        }
        let audit = try await app.server.database.snapshot { try Audit.page(limit: 10, before: nil, $0) }
        #expect(audit.filter { $0.action == "personal.read" && $0.actor == "priya" }.count == 1)
    }

    @Test(arguments: StorageBackend.available)
    func thePerformerPageDrawsEachGrantOnTheTimelineWithItsStatusInWords(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let page = try await client.open("/performers/p-elif", as: app.browser(.auditor))
            let grants = try await app.server.database.snapshot { try Registry.grants(performer: "p-elif", $0) }
            #expect(!grants.isEmpty)
            for grant in grants {
                #expect(page.html.contains("<a href=\"/grants/\(grant.id)\"><g class=\"grant\" data-grant=\"\(grant.id)\">"))
            }
            #expect(page.html.contains("class=\"today\""))
            #expect(!page.html.contains("Record a consent grant"), "auditors change nothing")
        }
    }

    /// Production requests approval of a needs-approval check; the studio contact sees it in its
    /// queue, is told what is missing, approves it; a second request is declined with a reason.
    @Test(arguments: StorageBackend.available)
    func theStudioLoopRequestsApprovesAndDeclinesThroughForms(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let services = app.server.services
        _ = try await services.accounts.create(AccountInput(username: "studio", password: "studio-password", role: "studio"),
                                               actor: "root", now: app.server.clock.now())
        _ = try await services.operations.editProduction("prod-nova", ProductionPatch(contact: .value("studio")), by: .operator("root"))
        let production = app.browser(.production), studio = app.browser(.studio)
        let use: [(String, String)] = [("production", "prod-nova"), ("performer", "p-lena"), ("use", "replica"), ("aspects[]", "face"),
                                       ("destination", "final"), ("territory", "DE"), ("tool", "t-vault"), ("run", "check")]
        try await app.test { client in
            let first = try #require(try await client.submit("/simulator", as: production, use).location?.split(separator: "/").last)
            let short = try await client.submit("/requests", as: production, [("check", String(first)), ("note", "too short")])
            #expect(short.status == .unprocessableContent)
            #expect(short.html.contains("note must say why the use is needed in at least 20 characters"))
            #expect(short.html.contains(">too short</textarea>"))
            let made = try await client.submit("/requests", as: production,
                                               [("check", String(first)), ("note", "Lena's face replica in the final cut of episode 4")])
            let request = try #require(made.location)
            #expect(made.status == .seeOther && request.hasPrefix("/requests/"))
            let queue = try await client.open("/requests", as: studio)
            #expect(queue.html.contains("<h1>Approval queue</h1>") && queue.html.contains("href=\"\(request)\""))
            let open = try await client.open(request, as: studio)
            #expect(open.html.contains("Its output goes into a final deliverable"))
            let missing = try await client.submit(request + "/approve", as: studio, [("reference", ""), ("validUntil", "2027-13-01")])
            #expect(missing.status == .unprocessableContent && missing.html.contains("reference is required"))
            #expect(try await client.submit(request + "/approve", as: production, [("reference", "X")]).status == .forbidden)
            let other = try #require(try await client.submit("/simulator", as: production, use).location?.split(separator: "/").last)
            let second = try #require(try await client.submit("/requests", as: production,
                                                              [("check", String(other)), ("note", "The same shot, asked for a second time")]).location)
            #expect(try await client.submit(second + "/decline", as: studio, [("reason", "")]).status == .unprocessableContent)
            #expect(try await client.submit(second + "/decline", as: studio, [("reason", "One request is enough")]).status == .seeOther)
            let declined = try await client.open(second, as: production)
            #expect(declined.html.contains("r-declined") && declined.html.contains("One request is enough"))
            let approved = try await client.submit(request + "/approve", as: studio, [("reference", "NLS-0457"), ("scope", "use")])
            #expect(approved.status == .seeOther)
            #expect(try await client.open(request, as: production).html.contains("<span class=\"status r-approved\">approved</span>"))
            let again = try await client.submit("/simulator", as: production, use)
            let receipt = try await client.open(try #require(again.location), as: production)
            #expect(receipt.html.contains("<span class=\"decision d-allowed\">allowed</span>"))

        }
    }

    @Test(arguments: StorageBackend.available)
    func castingRecordsProductionsRolesAndChangesAGrantsStatus(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = app.browser(.casting)
        try await app.test { client in
            let bad = try await client.submit("/productions", as: casting, [("id", "prod-x"), ("title", ""), ("studio", "Kept Studio")])
            #expect(bad.status == .unprocessableContent && bad.html.contains("value=\"Kept Studio\""))
            let made = try await client.submit("/productions", as: casting, [("id", "prod-x"), ("title", "X Marks"), ("nonFiction", "true")])
            #expect(made.status == .seeOther && made.location == "/productions/prod-x")
            let role = try await client.submit("/productions/prod-x/roles", as: casting,
                                               [("name", "Narrator"), ("performer", "p-nobody"), ("category", "voice")])
            #expect(role.status == .notFound && role.html.contains("no performer with id"))
            #expect(role.html.contains("value=\"Narrator\""))
            #expect(try await client.submit("/productions/prod-x/roles", as: casting,
                                            [("name", "Narrator"), ("performer", "p-lena"), ("category", "voice")]).status == .seeOther)
            let page = try await client.open("/productions/prod-x", as: casting)
            #expect(page.html.contains("Narrator") && page.html.contains("non-fiction"))
            #expect(try await client.submit("/grants/g-elif-1/suspend", as: casting, [("reason", "Contract under review")]).status == .seeOther)
            let suspended = try await client.open("/grants/g-elif-1", as: casting)
            #expect(suspended.html.contains("s-suspended") && suspended.html.contains("Contract under review"))
            #expect(suspended.html.contains("formaction=\"/grants/g-elif-1/resume\""))
            #expect(try await client.submit("/grants/g-elif-1/resume", as: casting, [("reason", "Review done")]).status == .seeOther)
            #expect(try await client.submit("/grants/g-elif-1/resume", as: casting, [("reason", "Twice")]).status == .conflict)
        }
        #expect(try await app.server.database.snapshot { try Grant.find("g-elif-1", $0) }?.status == .active)
    }

    @Test(arguments: StorageBackend.available)
    func adminsManageAccountsKeysToolsAndStrikes(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let admin = app.browser(.admin)
        try await app.test { client in
            let short = try await client.submit("/admin/accounts", as: admin, [("username", "nia"), ("password", "short"), ("role", "auditor")])
            #expect(short.status == .unprocessableContent && short.html.contains("value=\"nia\"")
                && short.html.contains("<option value=\"auditor\" selected>"))
            #expect(try await client.submit("/admin/accounts", as: admin,
                                            [("username", "nia"), ("password", "a long enough password"), ("role", "auditor")]).status == .seeOther)
            #expect(try await client.open("/admin/accounts", as: admin).html.contains("<td>nia</td><td>auditor</td>"))
            let key = try await client.submit("/admin/api-keys", as: admin, [("name", "render farm"), ("role", "production")])
            #expect(key.status == .created)
            let secret = try #require(key.html.firstRange(of: "<p class=\"secret\">").map { key.html[$0.upperBound...].prefix(while: { $0 != "<" }) })
            #expect(secret.hasPrefix("lk_"))
            #expect(try await client.call(.get, "/v1/performers/p-lena", token: String(secret)).status == .ok)
            #expect(!(try await client.open("/admin/api-keys", as: admin).html.contains(String(secret))), "shown once")
            let tool = try await client.submit("/admin/tools", as: admin, [("id", "t-vault"), ("name", "Again")])
            #expect(tool.status == .conflict && tool.html.contains("value=\"Again\""))
            #expect(try await client.submit("/admin/tools", as: admin, [("id", "t-new"), ("name", "New Tool"), ("version", "3.2"),
                                                                        ("retainsInputs", "true")]).status == .seeOther)
            #expect(try await client.open("/admin/tools", as: admin).html.contains("<td>3.2</td>"))
            let tooLong = try await client.submit("/admin/tools", as: admin, [("name", "Long"), ("version", String(repeating: "9", count: 65))])
            #expect(tooLong.status == .unprocessableContent && tooLong.html.contains("version is longer than 64 characters"))
            #expect(try await client.submit("/admin/unions", as: admin, [("name", "SAG-AFTRA"), ("strike", "true")]).status == .seeOther)
            #expect(try await client.open("/admin/unions", as: admin).html.contains("on strike"))
            #expect(try await client.submit("/admin/unions", as: admin, [("name", "no spaces allowed"), ("strike", "true")]).status == .unprocessableContent)
            #expect(try await client.submit("/admin/accounts/nia/delete", as: admin, []).status == .seeOther)
        }
        let (tool, union, nia) = try await app.server.database.snapshot { db in
            (try Tool.find("t-new", db), try UnionState.find("SAG-AFTRA", db), try Account.find("nia", db))
        }
        #expect(tool?.retainsInputs == true && tool?.enterpriseSecured == false && tool?.version == "3.2")
        #expect(union?.strike == true)
        #expect(nia == nil)
    }

    @Test(arguments: StorageBackend.available)
    func longListsArePagedAndSearchIsAGetFormWhoseResultsAreLinks(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        for i in 0..<10 {
            _ = try await app.server.services.operations.recordPerformer(PerformerInput(id: "p-extra-\(i)", name: "Extra \(i)"),
                                                                         by: Identity(actor: "casting", role: .casting))
        }
        let performers = try await app.server.database.snapshot { try Performer.fetch("", [], $0).count }
        #expect(performers > PerformerPages.pageSize)
        try await app.test { client in
            let first = try await client.open("/performers", as: app.browser(.production))
            #expect(first.html.components(separatedBy: "<tr><td><a href=\"/performers/").count - 1 == PerformerPages.pageSize)
            #expect(first.html.contains("<a href=\"/performers?page=2\" rel=\"next\">"))
            let second = try await client.open("/performers?page=2", as: app.browser(.production))
            #expect(second.html.components(separatedBy: "<tr><td><a href=\"/performers/").count - 1 == performers - PerformerPages.pageSize)
            #expect(second.html.contains("rel=\"prev\"") && !second.html.contains("rel=\"next\""))
            let found = try await client.open("/performers?q=lena", as: app.browser(.production))
            #expect(found.html.contains("<a href=\"/performers/p-lena\">"))
            #expect(!found.html.contains("<a href=\"/performers/p-omar\">"))
            let none = try await client.open("/performers?q=%25_nobody", as: app.browser(.production))
            #expect(none.html.contains("No performer found."))
        }
    }

    @Test(arguments: StorageBackend.available)
    func whatPeopleTypeIsEscapedEverywhereItIsShown(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = app.browser(.casting)
        let name = "<script>alert('x')</script> & \"Co\""
        try await app.test { client in
            #expect(try await client.submit("/performers", as: casting, [("id", "p-xss"), ("name", name)]).status == .seeOther)
            #expect(try await client.submit("/grants", as: casting, [
                ("performer", "p-xss"), ("uses[]", "replica"), ("aspects[]", "face"), ("destinations[]", "final"), ("territories", "*"),
                ("validUntil", "2027-01-01"), ("signedBy", "performer"), ("description", "<img src=x onerror=alert(1)> a long description"),
            ]).status == .seeOther)
            for path in ["/performers/p-xss", "/performers?q=script"] {
                let page = try await client.open(path, as: casting)
                #expect(!page.html.contains("<script>") && !page.html.contains("<img src=x"), "\(path)")
                #expect(page.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"), "\(path)")
            }
            let page = try await client.open("/performers/p-xss", as: casting)
            #expect(page.html.contains("&lt;img src=x onerror=alert(1)&gt; a long description"))
        }
    }
}
