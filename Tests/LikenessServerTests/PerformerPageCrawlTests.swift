import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
@testable import LikenessServer
import LikenessStore
import LikenessTestSupport
import Testing

/// The web app's side of the crawl: each performer-side account, signed in through the join form,
/// follows every link it is shown from /me (GET only, within the site) and tries the pages of
/// other performers, their grants and offers; no page it gets names another performer or shows
/// their grants, checks, offers, personal data or the audit trail.
@Suite struct PerformerPageCrawlTests {
    @Test(arguments: StorageBackend.available)
    func noPerformerSideAccountSeesAnotherPerformersPage(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        let server = app.server
        try await app.test { client in
            let production = server.token(.production), casting = server.token(.casting)
            let performers = try await server.database.column("SELECT id FROM performer ORDER BY id", as: String.self)
            let names = Dictionary(uniqueKeysWithValues: zip(performers, try await server.database.column(
                "SELECT name FROM performer ORDER BY id", as: String.self)))
            var offers: [String: String] = [:], checks: [String: String] = [:]
            for performer in performers {
                let check = try await client.call(.post, "/v1/checks", token: production,
                    #"{"production":"prod-nova","performer":"\#(performer)","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#)
                checks[performer] = check["id"] as? String
                let offer = try await client.call(.post, "/v1/consent-offers", token: casting,
                                                  lenaOffer.replacingOccurrences(of: "p-lena", with: performer))
                offers[performer] = offer["id"] as? String
            }
            let grantIDs = try await server.database.column("SELECT id FROM consent_grant ORDER BY id", as: String.self)
            let grantPerformers = try await server.database.column("SELECT performer FROM consent_grant ORDER BY id", as: String.self)
            let grants = Dictionary(grouping: zip(grantIDs, grantPerformers), by: \.1).mapValues { $0.map(\.0) }

            for (username, performer, capacity) in [("lena", "p-lena", "self"), ("sams-mother", "p-sam", "guardian"),
                                                    ("rui-estate", "p-rui", "estate"), ("agent-ko", "p-kofi", "agent")] {
                let browser = try await app.join(client, performer, username: username, capacity: capacity)
                var secrets: Set<String> = ["prevHash", "legalName"]
                for other in performers where other != performer {
                    secrets.formUnion([other, names[other]!] + (grants[other] ?? []) + [checks[other], offers[other]].compactMap { $0 })
                }
                var queue = ["/me"] + performers.filter { $0 != performer }.prefix(3).flatMap {
                    ["/me/performers/\($0)", "/performers/\($0)", "/me/offers/\(offers[$0]!)"] + (grants[$0] ?? []).map { "/grants/\($0)" }
                }
                var seen = Set(queue)
                var opened = 0
                while !queue.isEmpty {
                    let path = queue.removeFirst()
                    let page = try await client.open(path, as: browser)
                    opened += 1
                    #expect(page.status != .internalServerError, "\(username) \(path)")
                    // (A page may repeat the address it was asked for: that tells the asker nothing.)
                    for secret in secrets where page.html.contains(secret) && !path.contains(secret) {
                        Issue.record("\(username) GET \(path) (\(page.status)) shows \(secret)")
                    }
                    guard page.status == .ok else { continue }
                    for link in Self.links(in: page.html) where !seen.contains(link) && !link.hasPrefix("/sign-out") {
                        seen.insert(link)
                        queue.append(link)
                    }
                }
                #expect(opened > 10, "\(username) opened only \(opened) pages")
            }
        }
    }

    /// The site's own links of a page (`href="/…"`), without fragments.
    static func links(in html: String) -> [String] {
        html.matches(of: /href="(\/[^"#]*)/).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
    }
}
