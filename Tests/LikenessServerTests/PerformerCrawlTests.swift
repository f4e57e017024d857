import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
@testable import LikenessServer
import LikenessStore
import LikenessTestSupport
import Testing

/// Each performer-side account walks every API route it can name: the routes' paths filled with
/// every id it has been shown (followed as a crawler follows links) and with the ids of other
/// performers, their grants, checks, offers and delegations. Whatever it is answered never holds
/// another performer's id or name, grant, check or offer, personal data, or the audit trail.
@Suite struct PerformerCrawlTests {
    /// The accounts and the performers each acts for.
    static let accounts: [(username: String, performer: [String], capacity: String)] = [
        ("lena", ["p-lena"], "self"), ("sams-mother", ["p-sam"], "guardian"), ("rui-estate", ["p-rui"], "estate"),
        ("agent-ko", ["p-kofi", "p-ana"], "agent"),
    ]

    @Test(arguments: StorageBackend.available)
    func noPerformerSideAccountReachesAnotherPerformer(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let casting = server.token(.casting), production = server.token(.production)
            for account in Self.accounts {
                for performer in account.performer {
                    let joined = try await join(client, server, performer: performer, capacity: account.capacity, mayConsent: true,
                                                username: account.username)
                    #expect(joined.status == .created, "\(account.username) for \(performer): \(joined.json)")
                }
            }
            // Something of every kind about every performer: checks and offers (personal data is read by privacy alone).
            let performers = try await server.database.column("SELECT id FROM performer ORDER BY id", as: String.self)
            var checksByPerformer: [String: [String]] = [:], offersByPerformer: [String: [String]] = [:]
            for performer in performers {
                let check = try await client.call(.post, "/v1/checks", token: production,
                    #"{"production":"prod-nova","performer":"\#(performer)","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#)
                checksByPerformer[performer, default: []].append(try #require(check["id"] as? String))
                let offer = try await client.call(.post, "/v1/consent-offers", token: casting, lenaOffer.replacingOccurrences(of: "p-lena", with: performer))
                offersByPerformer[performer, default: []].append(try #require(offer["id"] as? String, "\(offer.json)"))
            }
            let names = Dictionary(uniqueKeysWithValues: zip(performers, try await server.database.column("SELECT name FROM performer ORDER BY id",
                                                                                                          as: String.self)))
            let grantIDs = try await server.database.column("SELECT id FROM consent_grant ORDER BY id", as: String.self)
            let grantPerformers = try await server.database.column("SELECT performer FROM consent_grant ORDER BY id", as: String.self)
            let grantsByPerformer = Dictionary(grouping: zip(grantIDs, grantPerformers), by: \.1).mapValues { $0.map(\.0) }
            let delegationIDs = try await server.database.column("SELECT id FROM delegation ORDER BY id", as: String.self)
            let delegations = zip(delegationIDs, try await server.database.column("SELECT performer FROM delegation ORDER BY id", as: String.self))
                .map { (id: $0.0, performer: $0.1) }
            let endpoints = RouteTable.endpoints(services: server.services).filter { $0.method == .get && $0.access != .anyone }

            for account in Self.accounts {
                let token = try await signIn(client, account.username)
                let own = Set(account.performer)
                let others = performers.filter { !own.contains($0) }
                // What must never reach this account.
                var secrets = Set(others)
                for other in others {
                    secrets.insert(names[other]!)
                    secrets.formUnion(grantsByPerformer[other] ?? [])
                    secrets.formUnion(checksByPerformer[other] ?? [])
                    secrets.formUnion(offersByPerformer[other] ?? [])
                }
                secrets.formUnion(delegations.filter { !own.contains($0.performer) }.map(\.id))
                secrets.formUnion(["legalName", "prevHash"])
                // Ids to try: those of others from the start, its own as it is shown them.
                var known = Set(others + (grantsByPerformer[others[0]] ?? []) + (checksByPerformer[others[0]] ?? [])
                                + (offersByPerformer[others[0]] ?? []) + delegations.map(\.id) + ["prod-eternaut", "prod-nova", "t-vault"])
                var tried = Set<String>(), queue = [String]()
                func enqueue(_ path: String) { if tried.insert(path).inserted { queue.append(path) } }
                func fill() {
                    for endpoint in endpoints {
                        let parts = endpoint.path.split(separator: "/").map(String.init)
                        guard let slot = parts.firstIndex(where: { $0.hasPrefix("{") }) else { enqueue(endpoint.path); continue }
                        for id in known where Self.fits(id, after: parts[slot - 1]) {
                            var filled = parts
                            filled[slot] = id
                            enqueue("/" + filled.joined(separator: "/"))
                        }
                    }
                }
                fill()
                while !queue.isEmpty {
                    let path = queue.removeFirst()
                    let reply = try await client.call(.get, path, token: token)
                    #expect(reply.status != .internalServerError, "\(account.username) GET \(path)")
                    for secret in secrets where reply.text.contains(secret) {
                        Issue.record("\(account.username) GET \(path) (\(reply.status)) received \(secret)")
                    }
                    let before = known.count
                    known.formUnion(Self.ids(in: reply.text))
                    if known.count > before { fill() }
                }
                #expect(tried.count > 40, "\(account.username) tried only \(tried.count) paths")
            }
        }
    }

    /// An invitation's code is a credential: a failure logged on its page names the page, not the code.
    @Test func theLogLeavesInvitationCodesOut() {
        #expect(ErrorMiddleware.loggedPath("/join/inv_Zx8f3kq") == "/join/(code)")
        #expect(ErrorMiddleware.loggedPath("/v1/grants/g-1") == "/v1/grants/g-1")
    }

    /// Whether an id looks like one of the resource the path names (a crawler tries every id on
    /// every route; this only keeps the walk short).
    static func fits(_ id: String, after resource: String) -> Bool {
        switch resource {
        case "performers": id.hasPrefix("p-")
        case "grants": id.hasPrefix("g-")
        case "checks": id.hasPrefix("chk-")
        case "consent-offers": id.hasPrefix("off-")
        case "delegations": id.hasPrefix("dlg-")
        case "productions": id.hasPrefix("prod-")
        case "tools": id.hasPrefix("t-")
        case "approvals": id.hasPrefix("ap-")
        case "approval-requests": id.hasPrefix("req-")
        default: id.count < 40
        }
    }

    /// The ids a body shows: every string of the id alphabet with a known prefix.
    static func ids(in text: String) -> Set<String> {
        let pattern = /(?:p|g|chk|off|dlg|prod|t|ap|req)-[A-Za-z0-9._-]{1,60}/
        return Set(text.matches(of: pattern).map { String($0.output) })
    }
}
