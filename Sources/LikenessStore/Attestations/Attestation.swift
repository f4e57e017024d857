import Crypto
import Foundation
import LikenessRules

/// Signed receipts that travel with the generated media: a JWS compact serialization (RFC 7515),
/// signed with Ed25519 (RFC 8037), of `{"iat", "iss", "receipt"}` where `receipt` is the stored
/// check exactly as `GET /v1/checks/{id}` answers it. Anyone verifies it offline with the
/// service's public keys (its JWKS).
public enum Attestation {
    public static let type = "likeness-receipt+jws"
    /// A consent receipt (performers.md): a grant signed as attestations are.
    public static let consentType = "likeness-consent+jws"
    public static let algorithm = "EdDSA"
    /// The label of the C2PA assertion that carries an attestation.
    public static let c2paLabel = "org.likeness.consent-check"

    /// Signs a stored receipt's body.
    public static func sign(receipt body: String, issuer: String, with signer: AttestationSigner, now: Date) throws -> String {
        try sign(body, as: "receipt", type: type, issuer: issuer, with: signer, now: now)
    }

    /// Signs a grant as `GET /v1/grants/{id}` answers it: a consent receipt.
    public static func sign(consent grant: String, issuer: String, with signer: AttestationSigner, now: Date) throws -> String {
        try sign(grant, as: "grant", type: consentType, issuer: issuer, with: signer, now: now)
    }

    /// `{"iat", "iss", <claim>: body}` under a header of `type`, signed.
    static func sign(_ body: String, as claim: String, type: String, issuer: String, with signer: AttestationSigner,
                     now: Date) throws -> String {
        var header = JSONText(capacity: 128)
        header.raw("{\"alg\":"); header.string(algorithm)
        header.raw(",\"kid\":"); header.string(signer.kid)
        header.raw(",\"typ\":"); header.string(type)
        header.raw("}")
        var payload = JSONText(capacity: body.utf8.count + 128)
        payload.raw("{\"iat\":"); payload.bytes.append(contentsOf: String(Int(now.timeIntervalSince1970.rounded(.down))).utf8)
        payload.raw(",\"iss\":"); payload.string(issuer)
        payload.raw(","); payload.string(claim); payload.raw(":"); payload.bytes.append(contentsOf: body.utf8)
        payload.raw("}")
        let input = Base64URL.encode(header.bytes) + "." + Base64URL.encode(payload.bytes)
        let signature = try signer.key.signature(for: Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    /// The C2PA assertion of `spec http-api.md`, ready for a manifest definition.
    public struct C2PAAssertion: Codable, Sendable, Equatable {
        public struct Content: Codable, Sendable, Equatable {
            public var attestation: String
            public var check: String
            public var decision: Decision
            public var issuer: String
        }
        public var label: String
        public var data: Content

        public init(attestation: String, check: String, decision: Decision, issuer: String) {
            label = Attestation.c2paLabel
            data = Content(attestation: attestation, check: check, decision: decision, issuer: issuer)
        }
    }

    /// What a verified attestation or consent receipt says.
    public struct Verified: Sendable, Equatable {
        public enum Subject: Sendable, Equatable {
            case check(id: String, decision: Decision, decidedAt: String)
            case consent(grant: String, performer: String, status: String)
        }
        public var kid: String
        public var issuer: String
        public var issuedAt: Date
        public var subject: Subject

        /// The check an attestation signed (nil for a consent receipt).
        public var check: String? {
            switch subject {
            case .check(let id, _, _): id
            case .consent: nil
            }
        }
        public var decision: Decision? {
            switch subject {
            case .check(_, let decision, _): decision
            case .consent: nil
            }
        }
    }

    /// Why an attestation is refused.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Verifies a JWS compact attestation with `keys` (a JWKS): the header must say EdDSA and
    /// `likeness-receipt+jws` (anything else is refused, `none` above all) and name a known key,
    /// whose signature must verify over exactly the header and payload as sent.
    public static func verify(_ token: String, keys: JWKS) throws -> Verified {
        let parts = token.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Refusal(description: "not a JWS compact serialization (header.payload.signature)") }
        guard let headerData = Base64URL.decode(parts[0]),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any]
        else { throw Refusal(description: "the header is not base64url JSON") }
        guard header["alg"] as? String == algorithm else {
            throw Refusal(description: "the header's alg is \(header["alg"].map { "\($0)" } ?? "missing"), not \(algorithm)")
        }
        let typ = header["typ"] as? String
        guard typ == type || typ == consentType else {
            throw Refusal(description: "the header's typ is \(header["typ"].map { "\($0)" } ?? "missing"), not \(type) or \(consentType)")
        }
        if header["crit"] != nil { throw Refusal(description: "the header names critical extensions this verifier does not know") }
        guard let kid = header["kid"] as? String else { throw Refusal(description: "the header names no key (kid)") }
        guard let key = keys.keys.first(where: { $0.kid == kid }) else { throw Refusal(description: "key \(kid) is not one of the service's keys") }
        guard PublicSigningKey.thumbprint(x: key.x) == kid, let verifier = key.verifier else {
            throw Refusal(description: "key \(kid) of the key set is not the key its id names")
        }
        guard let signature = Base64URL.decode(parts[2]), signature.count == 64,
              verifier.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8))
        else { throw Refusal(description: "the signature does not verify with key \(kid): the attestation was altered or not signed by it") }
        guard let payloadData = Base64URL.decode(parts[1]),
              let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              let issuer = payload["iss"] as? String, let iat = payload["iat"] as? Int
        else { throw Refusal(description: "the payload is not a Likeness receipt") }
        let subject: Verified.Subject
        if typ == consentType {
            guard let grant = payload["grant"] as? [String: Any], let id = grant["id"] as? String,
                  let performer = grant["performer"] as? String, let status = grant["status"] as? String
            else { throw Refusal(description: "the payload is not a Likeness consent receipt") }
            subject = .consent(grant: id, performer: performer, status: status)
        } else {
            guard let receipt = payload["receipt"] as? [String: Any], let check = receipt["id"] as? String,
                  let decision = (receipt["decision"] as? String).flatMap(Decision.init(rawValue:)),
                  let decidedAt = receipt["decidedAt"] as? String
            else { throw Refusal(description: "the payload is not a Likeness receipt") }
            subject = .check(id: check, decision: decision, decidedAt: decidedAt)
        }
        return Verified(kid: kid, issuer: issuer, issuedAt: Date(timeIntervalSince1970: Double(iat)), subject: subject)
    }

    /// Verifies an attestation given as itself or inside a C2PA assertion's JSON (the whole
    /// assertion or its `data`), whose check, decision and issuer must then be the signed ones.
    public static func verify(document text: String, keys: JWKS) throws -> Verified {
        let (token, assertion) = try extract(text)
        let verified = try verify(token, keys: keys)
        guard let assertion else { return verified }
        guard case .check(let check, let decision, _) = verified.subject,
              assertion.check == check, assertion.decision == decision, assertion.issuer == verified.issuer else {
            throw Refusal(description: "the assertion's check, decision or issuer is not what its attestation signed")
        }
        return verified
    }

    static func extract(_ text: String) throws -> (token: String, assertion: C2PAAssertion.Content?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") else { return (trimmed, nil) }
        let decoder = JSONDecoder()
        if let assertion = try? decoder.decode(C2PAAssertion.self, from: Data(trimmed.utf8)), assertion.label == c2paLabel {
            return (assertion.data.attestation, assertion.data)
        }
        if let content = try? decoder.decode(C2PAAssertion.Content.self, from: Data(trimmed.utf8)) {
            return (content.attestation, content)
        }
        throw Refusal(description: "the JSON is not a \(c2paLabel) assertion")
    }
}
