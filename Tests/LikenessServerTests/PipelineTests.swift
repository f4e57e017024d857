import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessApp
import LikenessRules
import LikenessServer
@testable import LikenessStore
import LikenessTestSupport
import NIOCore
import Testing

/// The generation pipeline's side, server half (pipeline.md): the issuer, tools' versions, the
/// C2PA manifest fragment with its media attestation, performers' pseudonyms, and the receipts'
/// status lists.
@Suite struct PipelineTests {
    static let iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/"
    /// A check that names no performer, so relies on no grant.
    static let generationCheck = #"{"production":"prod-nova","use":"generation","destination":"temporary","tool":"t-vault","at":"2026-05-01"}"#

    /// A performer of the test's own with one grant for `uses` (face, temporary, Nova), so that
    /// what the check relied on is known exactly.
    static func performerWithGrant(_ client: some TestClientProtocol, _ server: TestServer, id: String, uses: [String]) async throws -> String {
        let casting = server.token(.casting)
        let performer = try await client.call(.post, "/v1/performers", token: casting, #"{"id":"\#(id)","name":"Test Person \#(id)"}"#)
        #expect(performer.status == .created)
        let uses = uses.map { "\"\($0)\"" }.joined(separator: ",")
        let grant = try await client.call(.post, "/v1/grants", token: casting, """
            {"performer":"\(id)","production":"prod-nova","uses":[\(uses)],"aspects":["face"],"destinations":["temporary"],
             "territories":["*"],"validFrom":"2026-01-01","validUntil":"2027-01-01","signedBy":"performer",
             "description":"Face work for the pipeline tests"}
            """)
        #expect(grant.status == .created, "\(grant.json)")
        return try #require(grant["id"] as? String)
    }

    static func check(_ client: some TestClientProtocol, _ server: TestServer, _ body: String) async throws -> (id: String, decision: String) {
        let check = try await client.call(.post, "/v1/checks", token: server.token(.production), body)
        #expect(check.status == .ok || check.status == .created, "\(check.json)")
        return (try #require(check["id"] as? String), try #require(check["decision"] as? String))
    }

    static func assertions(_ reply: Reply) throws -> [String: [String: Any]] {
        let list = try #require(reply["assertions"] as? [[String: Any]], "\(reply.status) \(reply.json)")
        #expect(list.map { $0["label"] as? String } == ["org.likeness.consent-check", "c2pa.actions.v2", "cawg.training-mining"])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["label"] as! String, $0["data"] as! [String: Any]) })
    }

    /// The manifest fragment of an allowed replica: the consent check with exactly the signed
    /// fields, a `c2pa.created` action from trained algorithmic media naming the tool and the
    /// check, training not allowed (the grant does not list it); nothing names the performer,
    /// the grant or a reason.
    @Test(arguments: StorageBackend.available)
    func theManifestFragmentCarriesTheThreeAssertions(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let (id, decision) = try await Self.check(client, server, lenaCheck)
            #expect(decision == "allowed")
            let receipt = try await client.call(.get, "/v1/checks/\(id)", token: server.token(.production))
            let reply = try await client.call(.get, "/v1/checks/\(id)/c2pa", token: server.token(.production))
            #expect(reply.status == .ok)
            let text = try await client.raw("/v1/checks/\(id)/c2pa", token: server.token(.production)).text
            for secret in ["p-lena", "Lena", "g-lena-1", "reason", "grants", "approvals"] {
                #expect(!text.contains(secret), "the manifest names \(secret)")
            }
            let assertions = try Self.assertions(reply)
            let consent = try #require(assertions["org.likeness.consent-check"])
            #expect(Set(consent.keys) == ["attestation", "check", "decision", "decidedAt", "use", "aspects", "destination", "tool",
                                          "obligations", "performerRef", "issuer", "jwks", "status"])
            #expect(consent["check"] as? String == id && consent["decision"] as? String == "allowed")
            #expect(consent["decidedAt"] as? String == receipt["decidedAt"] as? String)
            #expect(consent["use"] as? String == "replica" && consent["aspects"] as? [String] == ["face"])
            #expect(consent["destination"] as? String == "temporary")
            #expect(consent["obligations"] as? [String] == receipt["obligations"] as? [String])
            let tool = try #require(consent["tool"] as? [String: Any])
            #expect(tool["id"] as? String == "t-vault" && tool["name"] as? String == "Vault Studio Gen")
            #expect(tool["vendor"] as? String == "Northlight IT" && tool["version"] == nil)
            #expect(consent["issuer"] as? String == "https://likeness.test")
            #expect(consent["jwks"] as? String == "https://likeness.test/.well-known/jwks.json")
            let status = try #require(consent["status"] as? [String: Any])
            #expect(status["uri"] as? String == "https://likeness.test/v1/status-lists/0")
            #expect((status["idx"] as? Int).map { (0..<131_072).contains($0) } == true)
            #expect((consent["performerRef"] as? String)?.count == 43)

            // The media attestation signs exactly the assertion's fields.
            let jws = try JWSParts(try #require(consent["attestation"] as? String))
            #expect(jws.header["typ"] as? String == "likeness-media+jws" && jws.header["alg"] as? String == "EdDSA")
            #expect(Set(jws.payload.keys) == ["iss", "iat", "status", "use"])
            #expect(jws.payload["iss"] as? String == "https://likeness.test")
            let signedStatus = try #require((jws.payload["status"] as? [String: Any])?["status_list"] as? [String: Any])
            #expect(signedStatus["idx"] as? Int == status["idx"] as? Int && signedStatus["uri"] as? String == status["uri"] as? String)
            let use = try #require(jws.payload["use"] as? [String: Any])
            #expect(Set(use.keys) == ["check", "decision", "decidedAt", "use", "aspects", "destination", "tool", "obligations", "performerRef"])
            for (key, value) in use {
                #expect(try JSONSerialization.data(withJSONObject: ["v": value], options: .sortedKeys)
                        == JSONSerialization.data(withJSONObject: ["v": consent[key]!], options: .sortedKeys), "\(key)")
            }
            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(try await client.raw("/.well-known/jwks.json").text.utf8))
            let verified = try Attestation.verify(document: text, keys: jwks)
            #expect(verified.check == id && verified.decision == .allowed)
            guard case .media(let attested) = verified.subject else { Issue.record("not a media attestation"); return }
            #expect(attested.performerRef == consent["performerRef"] as? String)

            let actions = try #require(assertions["c2pa.actions.v2"]?["actions"] as? [[String: Any]])
            #expect(actions.count == 1)
            #expect(actions.first?["action"] as? String == "c2pa.created")
            #expect(actions.first?["digitalSourceType"] as? String == Self.iptc + "trainedAlgorithmicMedia")
            #expect((actions.first?["softwareAgent"] as? [String: Any])?.mapValues { "\($0)" } == ["name": "Vault Studio Gen"])
            #expect((actions.first?["parameters"] as? [String: Any])?["org.likeness.check"] as? String == id)

            let entries = try #require(assertions["cawg.training-mining"]?["entries"] as? [String: [String: String]])
            #expect(entries == ["cawg.ai_training": ["use": "notAllowed"], "cawg.ai_generative_training": ["use": "notAllowed"],
                                "cawg.data_mining": ["use": "notAllowed"], "cawg.ai_inference": ["use": "notAllowed"]])
        }
    }

    /// An alteration opens the footage and edits it into a composite; the tool's version is its
    /// software agent's; training is allowed when every grant relied on lists it.
    @Test(arguments: StorageBackend.available)
    func anAlterationOpensThenEditsWithTheToolsVersion(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let tool = try await client.call(.post, "/v1/tools", token: server.token(.admin),
                                             #"{"id":"t-versioned","name":"Versioned Gen","version":"2.1.0","retainsInputs":false,"enterpriseSecured":true}"#)
            #expect(tool.status == .created && tool["version"] as? String == "2.1.0")
            #expect(try await client.call(.get, "/v1/tools/t-versioned", token: server.token(.admin))["version"] as? String == "2.1.0")
            _ = try await Self.performerWithGrant(client, server, id: "p-alter", uses: ["alteration", "training"])
            let (id, decision) = try await Self.check(client, server, """
                {"production":"prod-nova","performer":"p-alter","use":"alteration","aspects":["face"],"destination":"temporary",
                 "tool":"t-versioned","at":"2026-05-01"}
                """)
            #expect(decision == "allowed" || decision == "notify", "\(decision)")
            let assertions = try Self.assertions(try await client.call(.get, "/v1/checks/\(id)/c2pa", token: server.token(.production)))
            let actions = try #require(assertions["c2pa.actions.v2"]?["actions"] as? [[String: Any]])
            #expect(actions.map { $0["action"] as? String } == ["c2pa.opened", "c2pa.edited"])
            #expect(actions[0]["digitalSourceType"] == nil)
            #expect(actions[1]["digitalSourceType"] as? String == Self.iptc + "compositeWithTrainedAlgorithmicMedia")
            for action in actions {
                #expect((action["softwareAgent"] as? [String: Any])?.mapValues { "\($0)" } == ["name": "Versioned Gen", "version": "2.1.0"])
                #expect((action["parameters"] as? [String: Any])?["org.likeness.check"] as? String == id)
            }
            let consent = try #require(assertions["org.likeness.consent-check"])
            #expect((consent["tool"] as? [String: Any])?["version"] as? String == "2.1.0")
            let entries = try #require(assertions["cawg.training-mining"]?["entries"] as? [String: [String: String]])
            #expect(entries["cawg.ai_training"] == ["use": "allowed"] && entries["cawg.ai_generative_training"] == ["use": "allowed"])
            #expect(entries["cawg.data_mining"] == ["use": "notAllowed"] && entries["cawg.ai_inference"] == ["use": "notAllowed"])

            // A generation without a performer: no performerRef, a tool without a version, training not allowed (no grant).
            let (generation, _) = try await Self.check(client, server, Self.generationCheck)
            let plain = try Self.assertions(try await client.call(.get, "/v1/checks/\(generation)/c2pa", token: server.token(.production)))
            #expect(plain["org.likeness.consent-check"]?["performerRef"] == nil)
            let created = try #require(plain["c2pa.actions.v2"]?["actions"] as? [[String: Any]])
            #expect(created.count == 1 && (created[0]["softwareAgent"] as? [String: Any])?.mapValues { "\($0)" } == ["name": "Vault Studio Gen"])
            #expect((plain["cawg.training-mining"]?["entries"] as? [String: [String: String]])?["cawg.ai_training"] == ["use": "notAllowed"])
        }
    }

    /// Only an allowed or notify check of a use that makes media is attestable into media; the
    /// others are `409 not-attestable` and get no status index.
    @Test(arguments: StorageBackend.available)
    func checksThatAllowNoMediaAreNotAttestable(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let (needsApproval, decision) = try await Self.check(client, server, lenaCheck.replacingOccurrences(of: "temporary", with: "final"))
            #expect(decision == "needs-approval")
            let (denied, deniedDecision) = try await Self.check(client, server, lenaCheck.replacingOccurrences(of: "face", with: "voice"))
            #expect(deniedDecision == "denied")
            _ = try await Self.performerWithGrant(client, server, id: "p-train", uses: ["training"])
            let (training, trainingDecision) = try await Self.check(client, server, """
                {"production":"prod-nova","performer":"p-train","use":"training","aspects":["face"],"destination":"temporary","tool":"t-vault",
                 "at":"2026-05-01"}
                """)
            #expect(trainingDecision == "allowed" || trainingDecision == "notify", "\(trainingDecision)")
            for id in [needsApproval, denied, training] {
                let reply = try await client.call(.get, "/v1/checks/\(id)/c2pa", token: server.token(.production))
                expectError(reply, .conflict, "not-attestable")
            }
            #expect(try await server.database.column("SELECT count(*) FROM status_index", as: Int.self) == [0])
            // The full receipt of any check is attestable.
            #expect(try await client.raw("/v1/checks/\(denied)/attestation", token: server.token(.production)).status == .ok)
        }
    }

    /// The `performerRef` of the manifest of a new check of `body`, made through `services`.
    static func performerRef(_ services: Services, _ client: any TestClientProtocol, _ body: String) async throws -> String? {
        let token = services.sessions.open(for: Identity(actor: "production", role: .production), now: services.clock.now()).token
        let id = try #require(try await client.call(.post, "/v1/checks", token: token, body)["id"] as? String)
        let reply = try await client.call(.get, "/v1/checks/\(id)/c2pa", token: token)
        return try assertions(reply)["org.likeness.consent-check"]?["performerRef"] as? String
    }

    /// A performer's pseudonym is the same in every check and after `likeness keys rotate`, and
    /// differs between performers; the key it is made with lives in the key file only.
    @Test(arguments: StorageBackend.available)
    func thePerformersPseudonymIsStableAndItsOwn(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let (first, second, other) = try await server.test { client in
            _ = try await Self.performerWithGrant(client, server, id: "p-other", uses: ["replica"])
            return (try await Self.performerRef(server.services, client, lenaCheck),
                    try await Self.performerRef(server.services, client, lenaCheck.replacingOccurrences(of: "2026-05-01", with: "2026-06-01")),
                    try await Self.performerRef(server.services, client, lenaCheck.replacingOccurrences(of: "p-lena", with: "p-other")))
        }
        #expect(first != nil && first == second)
        #expect(other != nil && other != first)

        let keyFile = SigningKeys(database: server.database, path: server.signingKeyPath)
        let pseudonymKey = try keyFile.pseudonymKey().withUnsafeBytes { Data($0) }
        for (place, bytes) in try await server.storage.storedBytes() {
            #expect(bytes.range(of: pseudonymKey) == nil && bytes.range(of: Data(Base64URL.encode(pseudonymKey).utf8)) == nil, "\(place)")
        }
        let rotated = try await runCLI(["keys", "rotate", "--db", server.location, "--actor", "admin"] + server.keyFileOptions)
        #expect(rotated.status == 0, "\(rotated.err)")
        let restarted = try await Services(database: server.database, signingKeyPath: server.signingKeyPath,
                                           issuer: "https://likeness.test", clock: server.clock)
        #expect(restarted.signer.kid != server.services.signer.kid)
        let afterRotation = try await Application(router: buildRouter(services: restarted)).test(.router) { client in
            try await Self.performerRef(restarted, client, lenaCheck)
        }
        #expect(afterRotation == first)
    }

    /// The signed status list of a list, decoded as a verifier would.
    struct StatusList {
        let header: [String: Any]
        let payload: [String: Any]
        let bits: Data
        let reply: RawReply

        init(_ client: some TestClientProtocol, _ uri: String) async throws {
            reply = try await client.raw(String(uri.dropFirst("https://likeness.test".count)))
            #expect(reply.status == .ok)
            let jws = try JWSParts(reply.text)
            header = jws.header
            payload = jws.payload
            let list = try #require(payload["status_list"] as? [String: Any])
            #expect(list["bits"] as? Int == 1)
            let lst = try #require(list["lst"] as? String)
            let compressed = try #require(Base64URL.decode(lst))
            bits = try #require(Zlib.decompress(compressed, limit: 1 << 20))
        }

        /// Status `index`: bit `index % 8` of byte `index / 8`, counting from the least significant.
        func status(_ index: Int) -> Int { Int(bits[index / 8] >> UInt8(index % 8)) & 1 }
        var setBits: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }
    }

    /// An attestation names its status list entry; the list is the spec's token, served to anyone
    /// for a minute; the bit is 0 while the grant is active or suspended and 1 once it is revoked,
    /// for checks attested before the revocation and for those first attested after it.
    @Test(arguments: StorageBackend.available)
    func revocationSetsTheStatusBitAndSuspensionDoesNot(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let production = server.token(.production)
            let (attestedBefore, _) = try await Self.check(client, server, lenaCheck)
            let (attestedAfter, _) = try await Self.check(client, server, lenaCheck.replacingOccurrences(of: "2026-05-01", with: "2026-05-02"))
            let (unrelated, _) = try await Self.check(client, server, Self.generationCheck)
            func entry(_ id: String) async throws -> (idx: Int, uri: String) {
                let token = try await client.raw("/v1/checks/\(id)/attestation", token: production).text
                let status = try #require((JWSParts(token).payload["status"] as? [String: Any])?["status_list"] as? [String: Any])
                return (try #require(status["idx"] as? Int), try #require(status["uri"] as? String))
            }
            let before = try await entry(attestedBefore)
            let other = try await entry(unrelated)
            #expect(try await entry(attestedBefore) == before, "the index is given once")
            #expect(before.uri == "https://likeness.test/v1/status-lists/0" && before.idx != other.idx)

            var list = try await StatusList(client, before.uri)
            #expect(list.reply.headers[.contentType] == "application/statuslist+jwt")
            let maxAge = list.reply.headers[.cacheControl].flatMap { Int($0.replacingOccurrences(of: "max-age=", with: "")) }
            #expect(maxAge.map { (1...60).contains($0) } == true)
            #expect(list.header["typ"] as? String == "statuslist+jwt" && list.header["alg"] as? String == "EdDSA")
            #expect(list.header["kid"] as? String == server.services.signer.kid)
            #expect(list.payload["sub"] as? String == before.uri && list.payload["ttl"] as? Int == 60)
            let iat = try #require(list.payload["iat"] as? Int)
            let exp = try #require(list.payload["exp"] as? Int)
            #expect(exp > iat)
            #expect(list.bits.count == 131_072 / 8 && list.setBits == 0)
            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(try await client.raw("/.well-known/jwks.json").text.utf8))
            let key = try #require(jwks.keys.first)
            let parts = list.reply.text.split(separator: ".")
            let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: try #require(Base64URL.decode(key.x)))
            #expect(publicKey.isValidSignature(try #require(Base64URL.decode(parts[2])), for: Data((parts[0] + "." + parts[1]).utf8)))

            let casting = server.token(.casting)
            #expect(try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: casting, #"{"reason":"pause"}"#).status == .ok)
            list = try await StatusList(client, before.uri)
            #expect(list.setBits == 0, "a suspension sets no bit")
            #expect(try await client.call(.post, "/v1/grants/g-lena-1/resume", token: casting, #"{"reason":"go on"}"#).status == .ok)
            #expect(try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: casting, #"{"reason":"withdrawn"}"#).status == .ok)
            list = try await StatusList(client, before.uri)
            #expect(list.status(before.idx) == 1 && list.status(other.idx) == 0 && list.setBits == 1)

            // Attested for the first time after the revocation: its bit is set at once.
            let after = try await entry(attestedAfter)
            list = try await StatusList(client, after.uri)
            #expect(list.status(after.idx) == 1 && list.status(before.idx) == 1 && list.status(other.idx) == 0 && list.setBits == 2)
        }
    }

    /// The bits are set by the revocation's own transaction: rolled back with it, and visible
    /// inside it before it commits.
    @Test(arguments: StorageBackend.available)
    func theBitsAreSetInTheRevocationsTransaction(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let entry = try await server.test { client in
            let (id, _) = try await Self.check(client, server, lenaCheck)
            #expect(try await client.raw("/v1/checks/\(id)/attestation", token: server.token(.production)).status == .ok)
            return try await server.database.snapshot { try #require(try StatusLists.existing(id, $0)) }
        }
        struct Rollback: Error {}
        let now = server.clock.now()
        await #expect(throws: Rollback.self) {
            try await server.database.transaction { db in
                _ = try Registry.change(grant: "g-lena-1", .revoke, reason: "withdrawn", by: ActedBy(account: "casting", role: .casting),
                                        now: now, db)
                let inside = try #require(try StatusLists.bits(of: entry.list, db))
                #expect(inside.bytes[entry.index / 8] & (1 << UInt8(entry.index % 8)) != 0)
                throw Rollback()
            }
        }
        let outside = try #require(try await server.database.snapshot { try StatusLists.bits(of: entry.list, $0) })
        #expect(outside.bytes.allSatisfy { $0 == 0 })
        #expect(try await server.database.column("SELECT status FROM consent_grant WHERE id = 'g-lena-1'", as: String.self) == ["active"])
    }

    /// Indexes are drawn at random among the unused ones, every one of them reachable, and a new
    /// list opens when the current one is full.
    @Test(arguments: StorageBackend.available)
    func indexesAreRandomAndListsOpenAsNeeded(backend: StorageBackend) async throws {
        var bits = Data(count: StatusLists.size / 8)
        for index in 0..<StatusLists.size where index != 77_777 { bits.setBit(index) }
        #expect(StatusLists.randomUnused(in: bits, assigned: StatusLists.size - 1) == 77_777)
        let server = try await TestServer(backend)
        try await server.test { client in
            var indexes: [Int] = []
            for day in 1...8 {
                let (id, _) = try await Self.check(client, server, lenaCheck.replacingOccurrences(of: "2026-05-01", with: "2026-05-0\(day)"))
                let token = try await client.raw("/v1/checks/\(id)/attestation", token: server.token(.production)).text
                indexes.append(try #require(((JWSParts(token).payload["status"] as? [String: Any])?["status_list"] as? [String: Any])?["idx"] as? Int))
            }
            #expect(Set(indexes).count == 8)
            #expect(indexes != Array(0..<8) && indexes.contains { $0 >= 1000 }, "\(indexes)")

            try await server.database.transaction { try $0.execute("UPDATE status_list SET assigned = 131072 WHERE list = 0", []) }
            let (id, _) = try await Self.check(client, server, lenaCheck)
            let reply = try await client.call(.get, "/v1/checks/\(id)/c2pa", token: server.token(.production))
            let status = try #require(try Self.assertions(reply)["org.likeness.consent-check"]?["status"] as? [String: Any])
            #expect(status["uri"] as? String == "https://likeness.test/v1/status-lists/1")
            #expect(try await client.raw("/v1/status-lists/1").status == .ok)
        }
    }

    /// Lists that do not exist are 404 with the spec's error body, whatever the path says.
    @Test(arguments: StorageBackend.available)
    func unknownStatusListsAreNotFound(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            for list in ["0", "7", "-1", "01", "abc", "99999999999999999999"] {
                expectError(try await client.call(.get, "/v1/status-lists/\(list)"), .notFound, "not-found")
            }
        }
    }

    /// The issuer: the option or `$LIKENESS_ISSUER` without a trailing `/`, else the address served on.
    @Test func theIssuerIsTheGivenURLElseTheAddress() {
        #expect(ServerConfiguration.issuer("https://likeness.example/", host: "0.0.0.0", port: 80) == "https://likeness.example")
        #expect(ServerConfiguration.issuer("https://likeness.example/base", host: "0.0.0.0", port: 80) == "https://likeness.example/base")
        #expect(ServerConfiguration.issuer(nil, host: "127.0.0.1", port: 8080) == "http://127.0.0.1:8080")
        #expect(ServerConfiguration.issuer(nil, host: "::1", port: 9000) == "http://[::1]:9000")
        #expect(ServerConfiguration(databasePath: "x.sqlite", issuer: "https://a.example//", port: 81).issuer == "https://a.example")
        #expect(ServerConfiguration(databasePath: "x.sqlite", host: "localhost", port: 81).issuer == "http://localhost:81")
    }

    /// A tool's version is an optional string of 1 to 64 characters, through the API and imports.
    @Test(arguments: StorageBackend.available)
    func aToolsVersionIsValidated(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            func tool(_ version: String) -> String { #"{"name":"T","version":\#(version),"retainsInputs":false,"enterpriseSecured":true}"# }
            let admin = server.token(.admin)
            expectError(try await client.call(.post, "/v1/tools", token: admin, tool(#""""#)), .unprocessableContent, "empty-value", field: "version")
            expectError(try await client.call(.post, "/v1/tools", token: admin, tool("\"\(String(repeating: "9", count: 65))\"")),
                        .unprocessableContent, "too-long", field: "version")
            expectError(try await client.call(.post, "/v1/tools", token: admin, tool("3")), .badRequest, "wrong-type", field: "version")
            let longest = try await client.call(.post, "/v1/tools", token: admin, tool("\"\(String(repeating: "9", count: 64))\""))
            #expect(longest.status == .created && (longest["version"] as? String)?.count == 64)
            let without = try await client.call(.post, "/v1/tools", token: admin, tool("null"))
            #expect(without.status == .created && without["version"] == nil)
        }
        let csv = server.folder.appendingPathComponent("tools.csv")
        try Data("id,name,version,retainsInputs,enterpriseSecured\nt-csv,CSV Tool,1.0,false,true\nt-plain,Plain,,false,true\n".utf8).write(to: csv)
        let json = server.folder.appendingPathComponent("tools.json")
        try Data(#"{"tools":[{"id":"t-json","name":"JSON Tool","version":"2026.1","retainsInputs":false,"enterpriseSecured":true}]}"#.utf8)
            .write(to: json)
        let imported = try await runCLI(["import", "--db", server.location, csv.path, json.path])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try await server.database.column("SELECT coalesce(version, '-') FROM tool WHERE id IN ('t-csv', 't-plain', 't-json') ORDER BY id",
                                                 as: String.self) == ["1.0", "2026.1", "-"])
        let bad = server.folder.appendingPathComponent("bad/tools.csv")
        try FileManager.default.createDirectory(at: bad.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("id,name,version,retainsInputs,enterpriseSecured\nt-bad,Bad,\(String(repeating: "v", count: 65)),false,true\n".utf8).write(to: bad)
        let refused = try await runCLI(["import", "--db", server.location, bad.path])
        #expect(refused.status != 0 && refused.err.contains("version"), "\(refused.err)")
    }

    /// `likeness receipt verify` takes a media attestation and the manifest fragment holding it,
    /// and refuses a fragment whose shown fields differ from the signed ones.
    @Test(arguments: StorageBackend.available)
    func receiptVerifyAcceptsMediaAttestations(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let (fragment, jwks) = try await server.test { client in
            let (id, _) = try await Self.check(client, server, lenaCheck)
            return (try await client.raw("/v1/checks/\(id)/c2pa", token: server.token(.production)).text,
                    try await client.raw("/.well-known/jwks.json").text)
        }
        let jwksFile = server.folder.appendingPathComponent("jwks.json").path
        try Data(jwks.utf8).write(to: URL(fileURLWithPath: jwksFile))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fragment.utf8)) as? [String: Any])
        let consent = try #require((object["assertions"] as? [[String: Any]])?.first)
        let data = try #require(consent["data"] as? [String: Any])
        let token = try #require(data["attestation"] as? String)
        func json(_ value: Any) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self) }
        for (name, text) in [("token", token), ("fragment", fragment), ("assertion", try json(consent)), ("data", try json(data))] {
            let result = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: text)
            #expect(result.status == 0, "\(name): \(result.err)")
            #expect(result.out.contains("valid: media attestation of check chk-") && result.out.contains("use replica"), "\(name)")
        }
        var altered = data
        altered["destination"] = "final"
        let refused = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: try json(altered))
        #expect(refused.status == 1 && refused.err.contains("not what its attestation signed"), "\(refused.err)")
    }

    /// With `--jwks`, the key is the one the set lists under the token's `kid`, whatever the kid
    /// is (not only an RFC 7638 thumbprint).
    @Test(arguments: StorageBackend.available)
    func receiptVerifyFindsTheKeyByItsKidInTheGivenSet(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let token = try await server.test { client in
            let (id, _) = try await Self.check(client, server, lenaCheck)
            return try await client.raw("/v1/checks/\(id)/attestation", token: server.token(.production)).text
        }
        let key = Curve25519.Signing.PrivateKey()
        let header = Base64URL.encode(Data(#"{"alg":"EdDSA","kid":"k-mine","typ":"likeness-receipt+jws"}"#.utf8))
        let input = header + "." + token.split(separator: ".")[1]
        let mine = input + "." + Base64URL.encode(try key.signature(for: Data(input.utf8)))
        let set = #"{"keys":[{"kty":"OKP","crv":"Ed25519","use":"sig","alg":"EdDSA","kid":"k-mine","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))"}]}"#
        let jwksFile = server.folder.appendingPathComponent("mine.json").path
        try Data(set.utf8).write(to: URL(fileURLWithPath: jwksFile))
        let valid = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: mine)
        #expect(valid.status == 0, "\(valid.err)")
        #expect(valid.out.contains("with key k-mine"))
        // The service's own token names a kid the set does not list.
        let unknown = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: token)
        #expect(unknown.status == 1 && unknown.err.contains("is not one of the service's keys"), "\(unknown.err)")
    }
}
