import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import LikenessTestSupport
import Synchronization
import HummingbirdTesting
import Testing

/// A clock the test moves: starts at `testNow`, goes forward by whole days when told.
final class SteppedClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    var source: TimeSource { TimeSource { [self] in testNow.addingTimeInterval(offset.withLock { $0 }) } }
    func advance(days: Int) { offset.withLock { $0 += TimeInterval(days) * 86_400 } }
}

/// Invites, as casting, someone to act for `performer` and accepts as `username`; the reply to the acceptance.
func join(_ client: some TestClientProtocol, _ server: TestServer, performer: String, capacity: String, mayConsent: Bool = false,
          username: String, password: String = "a-long-enough-password") async throws -> Reply {
    let invited = try await client.call(.post, "/v1/performers/\(performer)/invitations", token: server.token(.casting),
                                        #"{"capacity":"\#(capacity)","mayConsent":\#(mayConsent)}"#)
    #expect(invited.status == .created, "\(invited.json)")
    let code = try #require(invited["code"] as? String)
    return try await client.call(.post, "/v1/invitations/accept", #"{"code":"\#(code)","username":"\#(username)","password":"\#(password)"}"#)
}

/// Signs in as `username` through the API.
func signIn(_ client: some TestClientProtocol, _ username: String, password: String = "a-long-enough-password") async throws -> String {
    let session = try await client.call(.post, "/v1/sessions", #"{"username":"\#(username)","password":"\#(password)"}"#)
    return try #require(session["token"] as? String, "\(session.json)")
}

/// An offer to Lena of her face in Nova's final cut.
let lenaOffer = """
{"performer":"p-lena","production":"prod-nova","uses":["new-performance"],"aspects":["face","voice"],"destinations":["temporary","final"],
 "territories":["*"],"excludedContent":["nudity"],"validFrom":"2026-11-01","validUntil":"2027-06-30",
 "description":"New lines in her voice for the pickup scenes of episode 5"}
"""
let lenaNewPerformance = #"{"production":"prod-nova","performer":"p-lena","use":"new-performance","aspects":["voice"],"destination":"temporary","territory":"DE","tool":"t-vault"}"#

@Suite struct PerformerSideTests {
    @Test(arguments: StorageBackend.available)
    func theLoopOfferSignCheckWithdrawCheck(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let joined = try await join(client, server, performer: "p-lena", capacity: "self", username: "lena")
            #expect(joined.status == .created && joined["role"] as? String == "performer" && joined["username"] as? String == "lena")
            let delegation = try #require(joined["delegation"] as? [String: Any])
            #expect(delegation["capacity"] as? String == "self" && delegation["mayConsent"] as? Bool == true
                    && delegation["performer"] as? String == "p-lena")
            let lena = try await signIn(client, "lena")
            let me = try await client.call(.get, "/v1/me", token: lena)
            #expect(me["role"] as? String == "performer" && (me["delegations"] as? [[String: Any]])?.count == 1)

            let before = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaNewPerformance)
            #expect(before["decision"] as? String == "denied")
            let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), lenaOffer)
            #expect(offer.status == .created && offer["state"] as? String == "open" && offer["respondBy"] as? String == "2026-12-12")
            let terms = try #require(offer["terms"] as? String)
            #expect(terms.contains("Nova") && terms.contains("prod-nova") && terms.contains("withdraw") && terms.contains("nudity")
                    && terms.contains("2027-06-30") && terms.contains("pickup scenes"))
            let hash = try #require(offer["termsSha256"] as? String)
            #expect(hash == ConsentOffers.sha256(terms))
            let id = try #require(offer["id"] as? String)
            #expect(id.hasPrefix("off-"))

            expectError(try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena,
                                              #"{"typedName":"Lena Park","agree":true,"termsSha256":"\#(String(repeating: "0", count: 64))"}"#),
                        .conflict, "terms-mismatch")
            expectError(try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena,
                                              #"{"typedName":"Lena Park","agree":false,"termsSha256":"\#(hash)"}"#), .unprocessableContent,
                        "not-agreed", field: "agree")
            expectError(try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena,
                                              #"{"typedName":"L","agree":true,"termsSha256":"\#(hash)"}"#), .unprocessableContent,
                        "too-short", field: "typedName")
            let signed = try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena,
                                               #"{"typedName":"Lena Park","agree":true,"termsSha256":"\#(hash)"}"#)
            #expect(signed.status == .created, "\(signed.json)")
            let signedOffer = try #require(signed["offer"] as? [String: Any]), grant = try #require(signed["grant"] as? [String: Any])
            #expect(signedOffer["state"] as? String == "signed" && signedOffer["grant"] as? String == grant["id"] as? String)
            #expect(grant["signedBy"] as? String == "performer" && grant["recordedBy"] as? String == "lena" && grant["status"] as? String == "active")
            #expect(grant["uses"] as? [String] == ["new-performance"] && grant["excludedContent"] as? [String] == ["nudity"])
            let evidence = try #require(grant["evidence"] as? [String: Any])
            #expect(evidence["method"] as? String == "portal" && evidence["offer"] as? String == id && evidence["sha256"] as? String == hash
                    && evidence["signer"] as? String == "lena" && evidence["capacity"] as? String == "self"
                    && evidence["typedName"] as? String == "Lena Park" && evidence["signedAt"] as? String != nil)
            expectError(try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena,
                                              #"{"typedName":"Lena Park","agree":true,"termsSha256":"\#(hash)"}"#), .conflict, "invalid-state")
            let grantID = try #require(grant["id"] as? String)

            let allowed = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaNewPerformance)
            #expect(allowed["decision"] as? String == "allowed" && (allowed["grants"] as? [String])?.contains(grantID) == true, "\(allowed.json)")
            let allowedID = try #require(allowed["id"] as? String)

            let revoked = try await client.call(.post, "/v1/grants/\(grantID)/revoke", token: lena, #"{"reason":"I changed my mind"}"#)
            #expect(revoked.status == .ok && revoked["status"] as? String == "revoked")
            let last = try #require((revoked["history"] as? [[String: Any]])?.last)
            let by = try #require(last["by"] as? [String: Any])
            #expect(by["account"] as? String == "lena" && by["role"] as? String == "performer" && by["capacity"] as? String == "self")
            let after = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaNewPerformance)
            #expect(after["decision"] as? String == "denied")
            let impact = try await client.call(.get, "/v1/grants/\(grantID)/impact", token: server.token(.casting))
            #expect((impact["checks"] as? [[String: Any]])?.map { $0["id"] as? String } == [allowedID])
            expectError(try await client.call(.post, "/v1/grants/\(grantID)/resume", token: server.token(.casting), #"{"reason":"no"}"#),
                        .conflict, "invalid-state")

            let record = try await client.call(.get, "/v1/grants/\(grantID)/consent-record", token: lena)
            #expect(record.status == .ok && record.headers[.contentType] == "application/ld+json")
            let status = try #require(record["dpv:hasConsentStatus"] as? [String: Any])
            #expect(status["@id"] as? String == "dpv:ConsentWithdrawn" && record["dct:conformsTo"] as? String == ConsentRecord.profile)
            #expect(record["@context"] as? [String: Any] != nil && record["dct:identifier"] as? String == grantID)
        }
        let events = try await server.database.column("SELECT type FROM event ORDER BY seq", as: String.self)
        #expect(events.suffix(5) == ["delegation.created", "consent-offer.created", "grant.created", "consent-offer.signed", "grant.revoked"])
        let body = try #require(try await server.database.column("SELECT body FROM event WHERE type = 'grant.revoked'", as: String.self).last)
        #expect(body.contains(#""by":{"account":"lena","capacity":"self","role":"performer"}"#), "\(body)")
        let audit = try await server.database.column("SELECT action FROM audit_entry ORDER BY seq", as: String.self)
        #expect(audit.contains("invitation.create") && audit.contains("invitation.accept") && audit.contains("consent-offer.sign"))
        let roles = try await server.database.column("SELECT by_capacity FROM audit_entry WHERE action = 'grant.revoke'", as: String.self)
        #expect(roles == ["self"])
    }

    @Test(arguments: StorageBackend.available)
    func invitationsRefuseCapacitiesThatCannotApplyAndCodesWorkOnce(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let casting = server.token(.casting)
            for (performer, capacity) in [("p-rui", "self"), ("p-lena", "guardian"), ("p-lena", "estate")] {
                expectError(try await client.call(.post, "/v1/performers/\(performer)/invitations", token: casting, #"{"capacity":"\#(capacity)"}"#),
                            .unprocessableContent, "capacity-not-applicable", field: "capacity")
            }
            expectError(try await client.call(.post, "/v1/performers/p-lena/invitations", token: casting, #"{"capacity":"self","expiresInDays":31}"#),
                        .unprocessableContent, "out-of-range", field: "expiresInDays")
            expectError(try await client.call(.post, "/v1/performers/p-nobody/invitations", token: casting, #"{"capacity":"agent"}"#),
                        .notFound, "not-found")
            // A new account's password is at least 12 characters, whatever shorter limit other accounts have.
            let short = try await client.call(.post, "/v1/performers/p-lena/invitations", token: casting, #"{"capacity":"self"}"#)
            let shortReply = try await client.call(.post, "/v1/invitations/accept",
                                                   #"{"code":"\#(short["code"] as! String)","username":"lena","password":"too short"}"#)
            expectError(shortReply, .unprocessableContent, "weak-password", field: "password")
            #expect((shortReply.json["error"] as? [String: Any])?["message"] as? String == "password must be at least 12 characters")
            expectError(try await client.call(.post, "/v1/performers/p-lena/invitations", token: server.token(.production), #"{"capacity":"agent"}"#),
                        .forbidden, "forbidden")
            let agent = try await client.call(.post, "/v1/performers/p-lena/invitations", token: casting, #"{"capacity":"agent"}"#)
            #expect(agent.status == .created && agent["mayConsent"] as? Bool == false)
            let code = try #require(agent["code"] as? String)
            #expect(code.count >= 43)
            let stored = try await server.database.column("SELECT code_hash FROM invitation", as: String.self)
            #expect(!stored.contains(code) && stored.count == 2)

            // Two acceptances at once: one account and delegation, the other the one 404.
            async let first = client.call(.post, "/v1/invitations/accept", #"{"code":"\#(code)","username":"agent-a","password":"a-long-enough-password"}"#)
            async let second = client.call(.post, "/v1/invitations/accept", #"{"code":"\#(code)","username":"agent-b","password":"a-long-enough-password"}"#)
            let replies = try await [first, second]
            #expect(replies.filter { $0.status == .created }.count == 1)
            let lost = try #require(replies.first { $0.status != .created })
            expectError(lost, .notFound, "invitation-not-found")
            let unknown = try await client.call(.post, "/v1/invitations/accept", #"{"code":"inv_nothing","username":"agent-c","password":"a-long-enough-password"}"#)
            expectError(unknown, .notFound, "invitation-not-found")
            #expect((lost.json["error"] as? [String: Any])?["message"] as? String == (unknown.json["error"] as? [String: Any])?["message"] as? String)
            #expect(try await server.database.column("SELECT count(*) FROM delegation", as: Int64.self) == [1])
            // Guessing codes counts against the address's limit: after five misses, a 429 even for a good code.
            let good = try await client.call(.post, "/v1/performers/p-omar/invitations", token: casting, #"{"capacity":"self"}"#)
            let goodCode = try #require(good["code"] as? String)
            // (How many misses came before depends on which of the two racers lost first: a success forgets earlier misses.)
            var statuses: [HTTPResponse.Status] = []
            for guess in 0..<6 where statuses.last != .tooManyRequests {
                statuses.append(try await client.call(.post, "/v1/invitations/accept",
                                                      #"{"code":"inv_guess\#(guess)","username":"omar","password":"a-long-enough-password"}"#).status)
            }
            #expect(statuses.last == .tooManyRequests && statuses.dropLast().allSatisfy { $0 == .notFound }, "\(statuses)")
            let limited = try await client.call(.post, "/v1/invitations/accept", #"{"code":"\#(goodCode)","username":"omar","password":"a-long-enough-password"}"#)
            expectError(limited, .tooManyRequests, "rate-limited")
            #expect(limited.headers[.retryAfter] != nil)
            let trail = try await server.database.column("SELECT actor || ' ' || subject || ' ' || coalesce(detail, '') FROM audit_entry",
                                                         as: String.self).joined(separator: "\n")
            #expect(!trail.contains(code) && !trail.contains(goodCode) && !trail.contains("inv_guess"), "no code in the audit trail")
        }
    }

    @Test(arguments: StorageBackend.available)
    func twoSignaturesRacingMakeOneGrantAndADeclinedOfferIsClosed(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            #expect(try await join(client, server, performer: "p-lena", capacity: "agent", mayConsent: true, username: "agent-ko").status == .created)
            let lena = try await signIn(client, "lena"), agent = try await signIn(client, "agent-ko")
            let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), lenaOffer)
            let id = try #require(offer["id"] as? String), hash = try #require(offer["termsSha256"] as? String)
            let body = #"{"typedName":"Lena Park","agree":true,"termsSha256":"\#(hash)"}"#
            async let first = client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena, body)
            async let second = client.call(.post, "/v1/consent-offers/\(id)/sign", token: agent, body)
            let replies = try await [first, second]
            #expect(replies.map(\.status).sorted { $0.code < $1.code } == [.created, .conflict])
            let grants = try await server.database.column("SELECT count(*) FROM consent_grant WHERE evidence LIKE ?", ["%\(id)%"], as: Int64.self)
            #expect(grants == [1])
            // A declined offer is closed for everyone; casting withdraws only open ones.
            let other = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), lenaOffer)
            let otherID = try #require(other["id"] as? String)
            let declined = try await client.call(.post, "/v1/consent-offers/\(otherID)/decline", token: lena, #"{"reason":"not this season"}"#)
            #expect(declined.status == .ok && declined["state"] as? String == "declined" && declined["reason"] as? String == "not this season")
            expectError(try await client.call(.post, "/v1/consent-offers/\(otherID)/withdraw", token: server.token(.casting), #"{"reason":"late"}"#),
                        .conflict, "invalid-state")
            let listed = try await client.call(.get, "/v1/consent-offers?state=declined&performer=p-lena", token: server.token(.auditor))
            #expect((listed["offers"] as? [[String: Any]])?.map { $0["id"] as? String } == [otherID])
        }
    }

    @Test(arguments: StorageBackend.available)
    func anOfferPastItsDayReadsExpiredAndCannotBeSigned(backend: StorageBackend) async throws {
        let clock = SteppedClock()
        let server = try await TestServer(backend, clock: clock.source)
        try await server.test { client in
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting),
                                              lenaOffer.replacingOccurrences(of: "\"description\"", with: "\"respondBy\":\"2026-11-29\",\"description\""))
            let id = try #require(offer["id"] as? String), hash = try #require(offer["termsSha256"] as? String)
            expectError(try await client.call(.post, "/v1/consent-offers", token: server.token(.casting),
                                              lenaOffer.replacingOccurrences(of: "\"description\"", with: "\"respondBy\":\"2026-11-27\",\"description\"")),
                        .unprocessableContent, "invalid-range", field: "respondBy")
            clock.advance(days: 2)
            let lena = try await signIn(client, "lena")
            #expect(try await client.call(.get, "/v1/consent-offers/\(id)", token: lena)["state"] as? String == "expired")
            expectError(try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: lena,
                                              #"{"typedName":"Lena Park","agree":true,"termsSha256":"\#(hash)"}"#), .conflict, "invalid-state")
            let expired = try await client.call(.get, "/v1/consent-offers?state=expired", token: lena)
            #expect((expired["offers"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aGuardianLosesAuthorityTheDayTheMinorComesOfAge(backend: StorageBackend) async throws {
        let clock = SteppedClock()
        let server = try await TestServer(backend, clock: clock.source)
        try await server.test { client in
            #expect(try await join(client, server, performer: "p-sam", capacity: "guardian", username: "sams-mother").status == .created)
            var guardian = try await signIn(client, "sams-mother")
            #expect(try await client.call(.get, "/v1/performers/p-sam", token: guardian).status == .ok)
            #expect(try await client.call(.get, "/v1/performers/p-sam/grants", token: guardian).status == .ok)
            expectError(try await client.call(.get, "/v1/performers/p-lena", token: guardian), .forbidden, "forbidden")
            clock.advance(days: 52)  // 2027-01-19: still a minor (a session lasts less: sign in again)
            guardian = try await signIn(client, "sams-mother")
            #expect(try await client.call(.get, "/v1/performers/p-sam", token: guardian).status == .ok)
            clock.advance(days: 1)  // 2027-01-20: of age
            guardian = try await signIn(client, "sams-mother")
            expectError(try await client.call(.get, "/v1/performers/p-sam", token: guardian), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/performers/p-sam/uses", token: guardian), .forbidden, "forbidden")
        }
    }

    @Test(arguments: StorageBackend.available)
    func anAgentLosesAuthorityWhenTheDelegationIsRevoked(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let joined = try await join(client, server, performer: "p-lena", capacity: "agent", username: "agent-ko")
            let delegation = try #require((joined["delegation"] as? [String: Any])?["id"] as? String)
            #expect(joined["role"] as? String == "representative")
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            let agent = try await signIn(client, "agent-ko"), lena = try await signIn(client, "lena")
            // An agent without mayConsent sees and protects, but signs nothing.
            let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), lenaOffer)
            let id = try #require(offer["id"] as? String), hash = try #require(offer["termsSha256"] as? String)
            expectError(try await client.call(.post, "/v1/consent-offers/\(id)/sign", token: agent,
                                              #"{"typedName":"Ko Agent","agree":true,"termsSha256":"\#(hash)"}"#), .forbidden, "forbidden")
            #expect(try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: agent, #"{"reason":"pending a review"}"#).status == .ok)
            // Suspended by the performer's side: casting cannot resume it.
            expectError(try await client.call(.post, "/v1/grants/g-lena-1/resume", token: server.token(.casting), #"{"reason":"back"}"#),
                        .forbidden, "forbidden")
            #expect(try await client.call(.get, "/v1/performers/p-lena/delegations", token: lena).status == .ok)
            let revoked = try await client.call(.post, "/v1/delegations/\(delegation)/revoke", token: lena, #"{"reason":"new agency"}"#)
            #expect(revoked.status == .ok && revoked["revokedAt"] as? String != nil)
            expectError(try await client.call(.get, "/v1/performers/p-lena", token: agent), .forbidden, "forbidden")
            expectError(try await client.call(.post, "/v1/grants/g-lena-1/resume", token: agent, #"{"reason":"back"}"#), .forbidden, "forbidden")
            #expect(try await client.call(.post, "/v1/grants/g-lena-1/resume", token: lena, #"{"reason":"review done"}"#).status == .ok)
        }
    }

    @Test(arguments: StorageBackend.available)
    func thePerformersSideReadsOnlyItsOwn(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            let lena = try await signIn(client, "lena")
            let omarCheck = try await client.call(.post, "/v1/checks", token: server.token(.production),
                #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["face"],"destination":"temporary"}"#)
            let omarCheckID = try #require(omarCheck["id"] as? String)
            for path in ["/v1/performers/p-omar", "/v1/performers/p-omar/grants", "/v1/grants/g-omar-1", "/v1/performers/p-omar/uses",
                         "/v1/performers/p-omar/delegations", "/v1/grants/g-omar-1/consent-record", "/v1/performers/p-omar/export",
                         "/v1/audit", "/v1/checks/\(omarCheckID)", "/v1/performers/p-lena/personal", "/v1/alerts", "/v1/events",
                         "/v1/approval-requests", "/v1/productions/prod-eternaut", "/v1/consent-offers?performer=p-omar"] {
                let reply = try await client.call(.get, path, token: lena)
                #expect(reply.status == .forbidden, "\(path): \(reply.status)")
                #expect(!reply.text.contains("Omar") && !reply.text.contains("g-omar"), "\(path)")
            }
            #expect(try await client.call(.get, "/v1/performers/p-lena", token: lena).status == .ok)
            #expect(try await client.call(.get, "/v1/productions/prod-nova", token: lena).status == .ok)
            #expect(try await client.call(.post, "/v1/checks", token: lena, lenaNewPerformance).status == .forbidden)
        }
    }

    @Test(arguments: StorageBackend.available)
    func theUsesLedgerPagesNewestFirstAndLeavesOutWhatIfs(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            let lena = try await signIn(client, "lena")
            var ids: [String] = []
            for day in ["2026-11-20", "2026-11-25", "2026-11-25", "2026-11-27"] {
                let check = try await client.call(.post, "/v1/checks", token: server.token(.production),
                    #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"temporary","at":"\#(day)","tool":"t-vault"}"#)
                ids.append(try #require(check["id"] as? String))
            }
            _ = try await client.call(.post, "/v1/checks/what-if", token: server.token(.production),
                #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"temporary"}"#)
            let first = try await client.call(.get, "/v1/performers/p-lena/uses?limit=3", token: lena)
            #expect(first["since"] as? String == "2026-08-30" && first["until"] as? String == "2026-11-28")
            let page = try #require(first["checks"] as? [[String: Any]])
            #expect(page.map { $0["id"] as? String } == [ids[3], ids[2], ids[1]])
            #expect(page[0]["tool"] as? String == "t-vault" && page[0]["at"] as? String == "2026-11-27" && page[0]["decidedAt"] != nil)
            let next = try #require(first["next"] as? String)
            let second = try await client.call(.get, "/v1/performers/p-lena/uses?limit=3&before=\(next)", token: lena)
            #expect((second["checks"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0]] && second["next"] == nil)
            let csv = try await client.call(.get, "/v1/performers/p-lena/uses?format=csv&since=2026-11-25", token: server.token(.auditor))
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "id,production,use,aspects,destination,territory,tool,decision,at,decidedAt,grants" && lines.count == 4)
            expectError(try await client.call(.get, "/v1/performers/p-lena/uses?limit=501", token: lena), .unprocessableContent, "out-of-range")
        }
    }

    @Test(arguments: StorageBackend.available)
    func consentReceiptsVerifyAndTheExportIsForThePersonOrWhoStandsInForThem(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            #expect(try await join(client, server, performer: "p-lena", capacity: "agent", mayConsent: true, username: "agent-ko").status == .created)
            let lena = try await signIn(client, "lena"), agent = try await signIn(client, "agent-ko")
            let receipt = try await client.call(.get, "/v1/grants/g-lena-1/consent-receipt", token: lena)
            #expect(receipt.status == .ok && receipt.headers[.contentType] == "application/jose")
            let jwks = try await client.execute(uri: "/.well-known/jwks.json", method: .get) { Data($0.body.readableBytesView) }
            let verified = try Attestation.verify(receipt.text, keys: try JSONDecoder().decode(JWKS.self, from: jwks))
            #expect(verified.subject == .consent(grant: "g-lena-1", performer: "p-lena", status: "active"))
            let export = try await client.call(.get, "/v1/performers/p-lena/export", token: lena)
            #expect(export.status == .ok && export.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect((export["grants"] as? [[String: Any]])?.isEmpty == false && (export["personalData"] as? String)?.contains("privacy") == true)
            #expect(export["delegations"] as? [[String: Any]] != nil && export["uses"] as? [[String: Any]] != nil && export["offers"] != nil)
            expectError(try await client.call(.get, "/v1/performers/p-lena/export", token: agent), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/performers/p-lena/export", token: server.token(.casting)), .forbidden, "forbidden")
        }
        let exports = try await server.database.column("SELECT subject FROM audit_entry WHERE action = 'performer.export'", as: String.self)
        #expect(exports == ["p-lena"])
    }
}
