import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import LikenessRules
@testable import LikenessServer
@testable import LikenessStore
import LikenessTestSupport
import NIOCore
import Testing

/// What an attacker's bytes get: an answer in words with a 4xx, never a trap or a 5xx; and the
/// sign-in form's defences (its token, where it leads afterwards). The live server's own defences
/// (framing, timeouts, ports, random input) are tried by `scripts/input-fuzz.py` and
/// `scripts/http-hardening.py`.
@Suite struct HostileInputTests {
    /// Posts `body` as it is, with `contentType`, as `browser`.
    func post(_ client: any TestClientProtocol, _ path: String, _ body: String, contentType: String? = "application/x-www-form-urlencoded",
              as browser: Browser = .visitor) async throws -> Page {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        if let cookie = browser.cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }

    @Test(arguments: StorageBackend.available)
    func aFormBodyWithUnencodedOrBrokenCharactersIsAnsweredNotTrapped(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let token = "_csrf=visitor-token"
            // Unencoded, but readable: the sign-in form again, the username kept as sent.
            for body in ["username=a b&password=x y", "username=é&password=<x>", "username=a#b&password=c"] {
                let page = try await post(client, "/sign-in", body + "&" + token)
                #expect(page.status == .unauthorized, "\(body)")
                #expect(page.html.contains("The username or password is not right."))
            }
            // Broken escapes and bytes that are not UTF-8: the 400 page, nothing done.
            for body in ["a=%zz", "a=%", "a=%4", "username=%ff%fe&password=x", "%zz=1"] {
                let page = try await post(client, "/sign-in", body + "&" + token)
                #expect(page.status == .badRequest, "\(body)")
                #expect(page.html.contains("the form could not be read"))
            }
            // Only the type the app's forms send: not multipart, not text/plain (a cross-site "simple" post).
            for type in ["text/plain", "multipart/form-data; boundary=x", "application/json", nil] {
                let page = try await post(client, "/sign-in", "username=a&password=b&" + token, contentType: type)
                #expect(page.status == .unsupportedMediaType, "\(type ?? "no type")")
                #expect(page.html.contains("application/x-www-form-urlencoded"))
            }
            let charset = try await post(client, "/sign-in", "username=a&password=b&" + token,
                                         contentType: "Application/X-WWW-Form-URLEncoded; charset=UTF-8")
            #expect(charset.status == .unauthorized, "parameters and case do not matter")
            // A signed-in user's form is read the same way.
            let casting = app.browser(.casting)
            let refused = try await post(client, "/performers", "name=%zz&_csrf=\(casting.csrf!)", as: casting)
            #expect(refused.status == .badRequest)
            let multipart = try await post(client, "/performers", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAna\r\n--x--",
                                           contentType: "multipart/form-data; boundary=x", as: casting)
            #expect(multipart.status == .unsupportedMediaType)
        }
    }

    /// A set's checkboxes are named `name[]` and keep every value in order; any other name is sent once.
    @Test func formFieldsAreDecodedAsTheFormsSendThem() throws {
        #expect(try WebForm.fields(in: Array("a[]=1&b=x+y&a[]=2&d=&f=%C3%A9%2B&g=a b é<x>".utf8))
                == ["a": ["1", "2"], "b": ["x y"], "d": [""], "f": ["é+"], "g": ["a b é<x>"]])
        #expect(try WebForm.fields(in: Array("".utf8)) == [:])
        for malformed in [Array("a=%e9".utf8), Array("a=%".utf8), Array("a=1&a=2".utf8), [UInt8(ascii: "a"), UInt8(ascii: "="), 0xFF]] {
            #expect(throws: LikenessError.self, "\(malformed)") { try WebForm.fields(in: malformed) }
        }
    }

    /// Only a path of this site in a strict form is followed after sign-in; everything browsers
    /// would read as another site is dropped.
    @Test func nextIsOnlyEverAPathOfThisSite() {
        for accepted in ["/", "/performers/p-lena", "/requests?state=open&page=2", "/%2F/evil.example", "/a/b//c"] {
            #expect(WebText.localPath(accepted) == accepted, "\(accepted)")
        }
        for refused in ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "//evil.example", "/\\evil.example",
                        "\\/evil.example", "/\\/evil.example", "https://evil.example", "javascript:alert(1)", "evil.example",
                        "/ /evil.example", " /performers", "/performers\u{0}", "/é", "/\u{7F}", ""] {
            #expect(WebText.localPath(refused) == nil, "\(refused.debugDescription)")
        }
    }

    @Test(arguments: StorageBackend.available)
    func signingInWithATabbedNextLandsOnTheStartPage(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let form = try await client.open("/?next=/%09/evil.example", as: .visitor)
            #expect(!form.html.contains("evil.example"), "the form does not carry it")
            for next in ["/\t/evil.example", "/\\evil.example", "//evil.example", "/%09/evil.example".removingPercentEncoding!] {
                let page = try await client.submit("/sign-in", as: .visitor,
                                                   [("username", "priya"), ("password", "privacy-password"), ("next", next)])
                #expect(page.status == .seeOther)
                #expect(page.location == "/performers", "\(next.debugDescription) → \(page.location ?? "-")")
            }
        }
    }

    /// Login CSRF: a form posted from another site carries no pre-session cookie (it can neither
    /// read nor set it), so it signs nobody in; the sign-in page hands out the token it needs.
    @Test(arguments: StorageBackend.available)
    func aSignInPostedFromAnotherSiteSignsNobodyIn(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let forged = try await client.submit("/sign-in", as: .stranger, [("username", "priya"), ("password", "privacy-password")])
            #expect(forged.status == .forbidden)
            #expect(forged.headers[.setCookie]?.hasPrefix(WebApp.cookieName + "=") != true, "no session")
            let mismatched = try await client.submit("/sign-in", as: Browser(cookie: "\(WebApp.signInCookieName)=mine", csrf: "theirs"),
                                                     [("username", "priya"), ("password", "privacy-password")])
            #expect(mismatched.status == .forbidden)
            let empty = try await client.submit("/sign-in", as: Browser(cookie: "\(WebApp.signInCookieName)=", csrf: ""),
                                                [("username", "priya"), ("password", "privacy-password")])
            #expect(empty.status == .forbidden)

            // The sign-in page sets the cookie and puts the same token in its form.
            let start = try await client.open("/", as: .stranger)
            let setCookie = try #require(start.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let token = String(try #require(setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last))
            #expect(token.count >= 40)
            #expect(start.html.contains("name=\"_csrf\" value=\"\(token)\""))
            let browser = Browser(cookie: "\(WebApp.signInCookieName)=\(token)", csrf: token)
            let again = try await client.open("/", as: browser)
            #expect(again.headers[.setCookie] == nil, "a visitor keeps the token it has")
            #expect(again.html.contains("value=\"\(token)\""))
            let signedIn = try await client.submit("/sign-in", as: browser, [("username", "priya"), ("password", "privacy-password")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.setCookie]?.hasPrefix(WebApp.cookieName + "=") == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func hugePageNumbersAndLongSearchesAreAnsweredInWords(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let casting = app.browser(.casting)
        try await app.test { client in
            for path in ["/performers", "/productions", "/requests", "/alerts"] {
                let page = try await client.open(path + "?page=9223372036854775807", as: casting)
                #expect(page.status == .ok, "\(path)")
                let negative = try await client.open(path + "?page=-9223372036854775808", as: casting)
                #expect(negative.status == .ok, "\(path)")
            }
            let long = try await client.open("/performers?q=" + String(repeating: "a", count: 60_000), as: casting)
            #expect(long.status == .unprocessableContent)
            #expect(long.html.contains("The search is longer than 200 characters") && long.html.contains("aria-invalid=\"true\""))
            #expect(long.html.contains("value=\"" + String(repeating: "a", count: 60_000) + "\""), "what was typed is kept")
            let control = try await client.open("/performers?q=%00", as: casting)
            #expect(control.status == .unprocessableContent)
            #expect(control.html.contains("control characters"))
        }
    }

    /// Every answer says its type is not to be sniffed; HEAD answers wherever GET does, headers
    /// alike and no body.
    @Test(arguments: StorageBackend.available)
    func answersAreNotSniffedAndHeadWorksWhereGetDoes(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let token = app.server.token(.casting)
        try await app.test { client in
            for (path, auth) in [("/healthz", false), ("/v1/performers", true), ("/v1/nope", true), ("/v1/performers", false),
                                 ("/", false), ("/performers", false), ("/static/style.css", false)] {
                var headers: HTTPFields = [:]
                if auth { headers[.authorization] = "Bearer \(token)" }
                let get = try await client.execute(uri: path, method: .get, headers: headers) { $0 }
                #expect(get.headers[.xContentTypeOptions] == "nosniff", "GET \(path)")
                let head = try await client.execute(uri: path, method: .head, headers: headers) { $0 }
                #expect(head.status == get.status, "HEAD \(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(path)")
                #expect(head.body.readableBytes == 0, "HEAD \(path)")
            }
        }
    }

    /// The database holds password hashes and wrapped vault keys: it, its WAL and its shared
    /// memory are its owner's alone, and so is a backup of it. (SQLite only: PostgreSQL keeps its
    /// files to itself.)
    @Test func theDatabaseAndItsBackupAreCreatedForTheirOwnerOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let database = try SQLiteDatabase(path: path)
        try database.writeNow { try $0.execute(sql: "INSERT INTO login_failure (key_hash, failed_at) VALUES ('k', 1)") }
        try database.backup(to: path + ".backup")
        for file in [path, path + "-wal", path + "-shm", path + ".backup"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, "\(file)")
            #expect(mode == 0o600, "\(file): \(String(mode, radix: 8))")
        }
    }

    /// Only addresses the operator named as proxies are believed about the client behind them.
    @Test func theClientIsThePeerUnlessThePeerIsATrustedProxy() throws {
        let proxies = try TrustedProxies(["10.0.0.1", "::1"])
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9", "an untrusted peer's header is ignored")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.1"]) == "198.51.100.1",
                "the rightmost address the proxy appended, not what the client wrote before it")
        #expect(proxies.client(peer: "::1", forwardedFor: ["198.51.100.1, 10.0.0.1"]) == "198.51.100.1", "through two proxies")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["not-an-address"]) == "10.0.0.1", "a malformed header names the proxy")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: []) == "10.0.0.1")
        #expect(proxies.client(peer: "::ffff:10.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1", "a dual-stack listener's peer")
        #expect(try TrustedProxies(["::FFFF:10.0.0.1"]).client(peer: "10.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: nil, forwardedFor: ["198.51.100.1"]) == "local")
        #expect(TrustedProxies.none.client(peer: "10.0.0.1", forwardedFor: ["198.51.100.1"]) == "10.0.0.1")
        #expect(throws: TrustedProxies.InvalidAddress.self) { try TrustedProxies(["proxy.example"]) }
    }
}
