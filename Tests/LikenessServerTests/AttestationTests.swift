import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessServer
import LikenessStore
import LikenessTestSupport
import NIOCore
import Testing

/// An answer's status, headers and body as text.
struct RawReply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
}

extension TestClientProtocol {
    func raw(_ uri: String, token: String? = nil) async throws -> RawReply {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: headers, body: nil) { response in
            RawReply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }
}

/// The JWS parts of an attestation, decoded.
struct JWSParts {
    let header: [String: Any]
    let payload: [String: Any]
    let payloadBytes: Data
    let signature: Data
    let signingInput: Data

    init(_ token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3)
        let headerBytes = try #require(Base64URL.decode(parts[0]))
        header = try #require(try JSONSerialization.jsonObject(with: headerBytes) as? [String: Any])
        payloadBytes = try #require(Base64URL.decode(parts[1]))
        payload = try #require(try JSONSerialization.jsonObject(with: payloadBytes) as? [String: Any])
        signature = try #require(Base64URL.decode(parts[2]))
        signingInput = Data((parts[0] + "." + parts[1]).utf8)
    }
}

@Suite struct AttestationTests {
    /// A stored check by the production account, its attestation and the service's key set (JSON text).
    func attested(_ server: TestServer, _ client: some TestClientProtocol, body: String = lenaCheck,
                  as token: String? = nil) async throws -> (check: Reply, token: String, jwks: String) {
        let caller = token ?? server.token(.production)
        let check = try await client.call(.post, "/v1/checks", token: caller, body)
        let id = try #require(check["id"] as? String)
        let attestation = try await client.raw("/v1/checks/\(id)/attestation", token: caller)
        #expect(attestation.status == .ok)
        #expect(attestation.headers[.contentType] == "application/jose")
        let jwks = try await client.raw("/.well-known/jwks.json")
        #expect(jwks.status == .ok)
        return (check, attestation.text, jwks.text)
    }

    /// The attestation's header and payload are the spec's, its receipt is the stored check byte
    /// for byte, and its signature verifies with the JWKS key its `kid` names (checked here with
    /// swift-crypto directly, not through Likeness's verifier).
    @Test(arguments: StorageBackend.available)
    func anAttestationCarriesTheStoredCheckAndVerifiesWithTheJWKSKey(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let (check, token, jwksText) = try await attested(server, client)
            let id = try #require(check["id"] as? String)
            let parts = try JWSParts(token)
            #expect(parts.header.count == 3)
            #expect(parts.header["alg"] as? String == "EdDSA" && parts.header["typ"] as? String == "likeness-receipt+jws")
            #expect(parts.payload["iss"] as? String == "https://likeness.test")
            let iat = try #require(parts.payload["iat"] as? Int)
            #expect(abs(Double(iat) - server.clock.now().timeIntervalSince1970) < 5)
            let stored = try await client.raw("/v1/checks/\(id)", token: server.token(.production)).text
            let payloadText = String(decoding: parts.payloadBytes, as: UTF8.self)
            #expect(payloadText.contains(",\"receipt\":" + stored + "}"))

            let jwks = try #require(try JSONSerialization.jsonObject(with: Data(jwksText.utf8)) as? [String: Any])
            let keys = try #require(jwks["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            let key = try #require(keys.first)
            #expect(key["kty"] as? String == "OKP" && key["crv"] as? String == "Ed25519")
            #expect(key["use"] as? String == "sig" && key["alg"] as? String == "EdDSA")
            #expect(key["kid"] as? String == parts.header["kid"] as? String)
            let x = try #require(key["x"] as? String)
            // RFC 7638: the thumbprint of {"crv","kty","x"} in that order, without spaces.
            let thumbprint = Base64URL.encode(Data(SHA256.hash(data: Data(#"{"crv":"Ed25519","kty":"OKP","x":"\#(x)"}"#.utf8))))
            #expect(key["kid"] as? String == thumbprint)
            let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: try #require(Base64URL.decode(x)))
            #expect(publicKey.isValidSignature(parts.signature, for: parts.signingInput))

            let verified = try Attestation.verify(token, keys: try JSONDecoder().decode(JWKS.self, from: Data(jwksText.utf8)))
            #expect(verified.check == id && verified.decision == .allowed && verified.issuer == "https://likeness.test")
        }
    }

    /// Attestations are read by who may read the check: a production account only its own checks,
    /// the key set by anyone.
    @Test(arguments: StorageBackend.available)
    func attestationsFollowTheRightsOfTheCheck(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let id = try #require(try await client.call(.post, "/v1/checks", token: server.token(.production), lenaCheck)["id"] as? String)
            let other = server.services.sessions.open(for: Identity(actor: "other-production", role: .production), now: server.clock.now()).token
            for suffix in ["attestation", "c2pa"] {
                expectError(try await client.call(.get, "/v1/checks/\(id)/\(suffix)", token: other), .notFound, "not-found")
                expectError(try await client.call(.get, "/v1/checks/\(id)/\(suffix)", token: server.token(.privacy)), .forbidden, "forbidden")
                expectError(try await client.call(.get, "/v1/checks/\(id)/\(suffix)"), .unauthorized, "unauthorized")
                expectError(try await client.call(.get, "/v1/checks/chk-none/\(suffix)", token: server.token(.auditor)), .notFound, "not-found")
                for role in [AccountRole.casting, .auditor, .admin] {
                    #expect(try await client.raw("/v1/checks/\(id)/\(suffix)", token: server.token(role)).status == .ok, "\(role)")
                }
            }
        }
    }

    /// `likeness receipt verify` accepts the attestation and its C2PA assertion, and refuses a
    /// changed payload, header or signature, an unknown key, `alg: none`, and a truncated token.
    @Test(arguments: StorageBackend.available)
    func receiptVerifyRefusesEveryAlteration(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let (token, assertion, jwks) = try await server.test { client in
            let (check, token, jwks) = try await attested(server, client)
            let id = try #require(check["id"] as? String)
            return (token, try await client.raw("/v1/checks/\(id)/c2pa", token: server.token(.production)).text, jwks)
        }
        let folder = server.folder
        let jwksFile = folder.appendingPathComponent("jwks.json").path
        try Data(jwks.utf8).write(to: URL(fileURLWithPath: jwksFile))

        let valid = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: token)
        #expect(valid.status == 0, "\(valid.err)")
        #expect(valid.out.contains("valid: check chk-") && valid.out.contains("allowed"))
        // Without --jwks: the local database's keys.
        let local = try await runCLI(["receipt", "verify", "--db", server.location, "-"], stdin: token)
        #expect(local.status == 0, "\(local.err)")
        let c2pa = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: assertion)
        #expect(c2pa.status == 0, "\(c2pa.err)")
        let relabelled = assertion.replacingOccurrences(of: "\"decision\":\"allowed\"", with: "\"decision\":\"denied\"")
        #expect(relabelled != assertion)

        let parts = token.split(separator: ".").map(String.init)
        func encoded(_ json: String) -> String { Base64URL.encode(Data(json.utf8)) }
        let header = String(decoding: try #require(Base64URL.decode(parts[0])), as: UTF8.self)
        let payload = String(decoding: try #require(Base64URL.decode(parts[1])), as: UTF8.self)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[0] ^= 1
        let unknownKey = Curve25519.Signing.PrivateKey()
        let unknownKid = PublicSigningKey.thumbprint(x: Base64URL.encode(unknownKey.publicKey.rawRepresentation))
        let unknownHeader = encoded(header.replacingOccurrences(of: try #require(JWSParts(token).header["kid"] as? String), with: unknownKid))
        let unknownInput = unknownHeader + "." + parts[1]
        let signedByUnknown = unknownInput + "." + Base64URL.encode(try unknownKey.signature(for: Data(unknownInput.utf8)))
        let refused: [(String, String, String)] = [
            ("changed payload", parts[0] + "." + encoded(payload.replacingOccurrences(of: "\"allowed\"", with: "\"denied\"")) + "." + parts[2],
             "does not verify"),
            ("changed header", encoded(header.replacingOccurrences(of: "}", with: ",\"x\":1}")) + "." + parts[1] + "." + parts[2],
             "does not verify"),
            ("changed signature", parts[0] + "." + parts[1] + "." + Base64URL.encode(signature), "does not verify"),
            ("unknown key", signedByUnknown, "is not one of the service's keys"),
            ("alg none", encoded(header.replacingOccurrences(of: "EdDSA", with: "none")) + "." + parts[1] + ".", "alg is none"),
            ("other typ", encoded(header.replacingOccurrences(of: "likeness-receipt+jws", with: "JWT")) + "." + parts[1] + "." + parts[2],
             "typ is JWT"),
            ("truncated", String(token.dropLast(20)), "does not verify"),
            ("two parts", parts[0] + "." + parts[1], "not a JWS"),
            ("relabelled assertion", relabelled, "not what its attestation signed"),
            ("not JSON of an assertion", #"{"label":"c2pa.actions","data":{}}"#, "not a org.likeness.consent-check assertion"),
        ]
        for (name, text, reason) in refused {
            let result = try await runCLI(["receipt", "verify", "--jwks", jwksFile, "-"], stdin: text)
            #expect(result.status == 1, "\(name)")
            #expect(result.err.contains("invalid: ") && result.err.contains(reason), "\(name): \(result.err)")
            #expect(result.out.isEmpty, "\(name)")
        }
        let missing = try await runCLI(["receipt", "verify", "--jwks", folder.appendingPathComponent("none.json").path, "-"], stdin: token)
        #expect(missing.status != 0 && missing.err.contains("none.json"))
    }

    /// After `likeness keys rotate` the old attestation still verifies (its key is retired, not
    /// removed), and a restarted server signs with the new key.
    @Test(arguments: StorageBackend.available)
    func rotationKeepsOldAttestationsVerifiable(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let (old, firstJWKS) = try await server.test { client in
            let (_, token, jwks) = try await attested(server, client)
            return (token, jwks)
        }
        let oldKid = try #require(JWSParts(old).header["kid"] as? String)
        let keyFile = SigningKeys(database: server.database, path: server.signingKeyPath)
        let webhookKey = try keyFile.webhookKey().withUnsafeBytes { Data($0) }
        let rotated = try await runCLI(["keys", "rotate", "--db", server.location, "--actor", "admin"] + server.keyFileOptions)
        #expect(rotated.status == 0, "\(rotated.err)")
        // The key that seals webhook secrets stays: registered webhooks keep signing.
        #expect(try keyFile.webhookKey().withUnsafeBytes { Data($0) } == webhookKey)
        let mode = try FileManager.default.attributesOfItem(atPath: server.signingKeyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let restarted = try await Services(database: server.database, signingKeyPath: server.signingKeyPath,
                                           issuer: "https://likeness.test", clock: server.clock)
        #expect(restarted.signer.kid != oldKid)
        try await Application(router: buildRouter(services: restarted)).test(.router) { client in
            let token = restarted.sessions.open(for: Identity(actor: "production", role: .production), now: server.clock.now()).token
            let check = try await client.call(.post, "/v1/checks", token: token, lenaCheck)
            let new = try await client.raw("/v1/checks/\(try #require(check["id"] as? String))/attestation", token: token).text
            #expect(try JWSParts(new).header["kid"] as? String == restarted.signer.kid)
            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(try await client.raw("/.well-known/jwks.json").text.utf8))
            #expect(jwks.keys.map(\.kid) == [restarted.signer.kid, oldKid])
            #expect(try Attestation.verify(old, keys: jwks).kid == oldKid)
            #expect(try Attestation.verify(new, keys: jwks).kid == restarted.signer.kid)
            // The key set from before the rotation does not know the new key.
            let before = try JSONDecoder().decode(JWKS.self, from: Data(firstJWKS.utf8))
            #expect(throws: Attestation.Refusal.self) { try Attestation.verify(new, keys: before) }
        }
        let audit = try await server.database.column("SELECT actor FROM audit_entry WHERE action = 'signing-key.create' ORDER BY seq",
                                                     as: String.self)
        #expect(audit == ["likeness", "admin"])
    }

    /// The private key is never in the database; a database whose key file went missing refuses
    /// to start rather than silently signing with a new, unknown key.
    @Test(arguments: StorageBackend.available)
    func thePrivateKeyLivesOnlyInTheKeyFile(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        let file = try #require(FileManager.default.contents(atPath: server.signingKeyPath))
        let keyFile = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let d = try #require((keyFile["signingKey"] as? [String: Any])?["d"] as? String)
        let raw = try #require(Base64URL.decode(d))
        for (place, bytes) in try await server.storage.storedBytes() {
            #expect(bytes.range(of: Data(d.utf8)) == nil && bytes.range(of: raw) == nil, "\(place)")
        }

        try FileManager.default.removeItem(atPath: server.signingKeyPath)
        await #expect(throws: LikenessError.self) {
            _ = try await Services(database: server.database, signingKeyPath: server.signingKeyPath, clock: server.clock)
        }
        // The public keys stay in the database: attestations signed before still verify.
        let jwks = try await runCLI(["keys", "jwks", "--db", server.location])
        #expect(jwks.status == 0 && jwks.out.contains(server.services.signer.kid))
    }
}
