import Crypto
import Foundation
import LikenessRules

/// Signed receipts that travel with the generated media: a JWS compact serialization (RFC 7515),
/// signed with Ed25519 (RFC 8037), of `{"iat", "iss", "status", "receipt"}` where `receipt` is the
/// stored check exactly as `GET /v1/checks/{id}` answers it and `status` where its status list
/// entry is. Anyone verifies it offline with the service's public keys (its JWKS).
public enum Attestation {
    public static let type = "likeness-receipt+jws"
    /// A consent receipt (performers.md): a grant signed as attestations are.
    public static let consentType = "likeness-consent+jws"
    /// A media attestation (pipeline.md): the use of a check, without who it names.
    public static let mediaType = "likeness-media+jws"
    /// A status list token (IETF OAuth Token Status List).
    public static let statusListType = "statuslist+jwt"
    public static let algorithm = "EdDSA"
    /// The label of the C2PA assertion that carries an attestation.
    public static let c2paLabel = "org.likeness.consent-check"

    /// Signs a stored receipt's body, with where its status is.
    public static func sign(receipt body: String, issuer: String, status: StatusReference, with signer: AttestationSigner,
                            now: Date) throws -> String {
        try sign(body, as: "receipt", type: type, issuer: issuer, status: status, with: signer, now: now)
    }

    /// Signs a grant as `GET /v1/grants/{id}` answers it: a consent receipt.
    public static func sign(consent grant: String, issuer: String, with signer: AttestationSigner, now: Date) throws -> String {
        try sign(grant, as: "grant", type: consentType, issuer: issuer, status: nil, with: signer, now: now)
    }

    /// Signs the use of a check for its media, with where its status is.
    public static func sign(media use: MediaAttestation.AttestedUse, issuer: String, status: StatusReference, with signer: AttestationSigner,
                            now: Date) throws -> String {
        let body = String(decoding: try LikenessJSON.encoder.encode(use), as: UTF8.self)
        return try sign(body, as: "use", type: mediaType, issuer: issuer, status: status, with: signer, now: now)
    }

    /// `{"iat", "iss", "status"?, <claim>: body}` under a header of `type`, signed.
    static func sign(_ body: String, as claim: String, type: String, issuer: String, status: StatusReference?,
                     with signer: AttestationSigner, now: Date) throws -> String {
        var header = JSONText(capacity: 128)
        header.raw("{\"alg\":"); header.string(algorithm)
        header.raw(",\"kid\":"); header.string(signer.kid)
        header.raw(",\"typ\":"); header.string(type)
        header.raw("}")
        var payload = JSONText(capacity: body.utf8.count + 256)
        payload.raw("{\"iat\":"); payload.bytes.append(contentsOf: String(Int(now.timeIntervalSince1970.rounded(.down))).utf8)
        payload.raw(",\"iss\":"); payload.string(issuer)
        if let status {
            payload.raw(",\"status\":{\"status_list\":{\"idx\":"); payload.bytes.append(contentsOf: String(status.idx).utf8)
            payload.raw(",\"uri\":"); payload.string(status.uri); payload.raw("}}")
        }
        payload.raw(","); payload.string(claim); payload.raw(":"); payload.bytes.append(contentsOf: body.utf8)
        payload.raw("}")
        return try signed(header: header.bytes, payload: payload.bytes, with: signer)
    }

    /// Signs a status list (IETF OAuth Token Status List §5.1): `bits` (one per index, least
    /// significant first) compressed with zlib, valid for `validFor` seconds from `now`; verifiers
    /// fetch it again after `ttl`.
    public static func sign(statusList bits: Data, uri: String, ttl: Int, validFor: Int, with signer: AttestationSigner,
                            now: Date) throws -> String {
        let iat = Int(now.timeIntervalSince1970.rounded(.down))
        var header = JSONText(capacity: 128)
        header.raw("{\"alg\":"); header.string(algorithm)
        header.raw(",\"kid\":"); header.string(signer.kid)
        header.raw(",\"typ\":"); header.string(statusListType)
        header.raw("}")
        var payload = JSONText(capacity: bits.count / 4 + 256)
        payload.raw("{\"exp\":"); payload.bytes.append(contentsOf: String(iat + validFor).utf8)
        payload.raw(",\"iat\":"); payload.bytes.append(contentsOf: String(iat).utf8)
        payload.raw(",\"status_list\":{\"bits\":1,\"lst\":"); payload.string(Base64URL.encode(Zlib.compress(bits)))
        payload.raw("},\"sub\":"); payload.string(uri)
        payload.raw(",\"ttl\":"); payload.bytes.append(contentsOf: String(ttl).utf8)
        payload.raw("}")
        return try signed(header: header.bytes, payload: payload.bytes, with: signer)
    }

    /// The JWS compact serialization of `header` and `payload` (JSON bytes), signed.
    static func signed(header: [UInt8], payload: [UInt8], with signer: AttestationSigner) throws -> String {
        let input = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try signer.key.signature(for: Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    /// Where a check's status is: index `idx` of the status list at `uri`.
    public struct StatusReference: Codable, Sendable, Equatable {
        public var idx: Int
        public var uri: String

        public init(idx: Int, uri: String) { self.idx = idx; self.uri = uri }
    }

    /// What a verified attestation or consent receipt says.
    public struct Verified: Sendable, Equatable {
        public enum Subject: Sendable, Equatable {
            case check(id: String, decision: Decision, decidedAt: String)
            case consent(grant: String, performer: String, status: String)
            case media(MediaAttestation.AttestedUse)
        }
        public var kid: String
        public var issuer: String
        public var issuedAt: Date
        /// Where the attestation's status is (none for a consent receipt).
        public var status: StatusReference?
        public var subject: Subject

        /// The check an attestation signed (nil for a consent receipt).
        public var check: String? {
            switch subject {
            case .check(let id, _, _): id
            case .media(let use): use.check
            case .consent: nil
            }
        }
        public var decision: Decision? {
            switch subject {
            case .check(_, let decision, _): decision
            case .media(let use): use.decision
            case .consent: nil
            }
        }
    }

    /// Why an attestation is refused.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Verifies a JWS compact attestation with `keys` (a JWKS): the header must say EdDSA and one of
    /// Likeness's types (anything else is refused, `none` above all) and name a key of the set (by
    /// its `kid`, whatever that is: the set is what the caller trusts), whose signature must verify
    /// over exactly the header and payload as sent.
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
        guard typ == type || typ == consentType || typ == mediaType else {
            throw Refusal(description: """
                the header's typ is \(header["typ"].map { "\($0)" } ?? "missing"), not \(type), \(mediaType) or \(consentType)
                """)
        }
        if header["crit"] != nil { throw Refusal(description: "the header names critical extensions this verifier does not know") }
        guard let kid = header["kid"] as? String else { throw Refusal(description: "the header names no key (kid)") }
        guard let key = keys.keys.first(where: { $0.kid == kid }) else { throw Refusal(description: "key \(kid) is not one of the service's keys") }
        guard let verifier = key.verifier else { throw Refusal(description: "key \(kid) of the key set is not an Ed25519 public key") }
        guard let signature = Base64URL.decode(parts[2]), signature.count == 64,
              verifier.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8))
        else { throw Refusal(description: "the signature does not verify with key \(kid): the attestation was altered or not signed by it") }
        guard let payloadData = Base64URL.decode(parts[1]),
              let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              let issuer = payload["iss"] as? String, let iat = payload["iat"] as? Int
        else { throw Refusal(description: "the payload is not a Likeness receipt") }
        var status: StatusReference? = nil
        if let claim = payload["status"] {
            guard let list = (claim as? [String: Any])?["status_list"] as? [String: Any],
                  let idx = list["idx"] as? Int, let uri = list["uri"] as? String
            else { throw Refusal(description: "the payload's status is not a status list entry") }
            status = StatusReference(idx: idx, uri: uri)
        }
        let subject: Verified.Subject
        if typ == mediaType {
            guard let use = payload["use"],
                  let json = try? JSONSerialization.data(withJSONObject: use),
                  let attested = try? JSONDecoder().decode(MediaAttestation.AttestedUse.self, from: json)
            else { throw Refusal(description: "the payload is not a Likeness media attestation") }
            subject = .media(attested)
        } else if typ == consentType {
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
        return Verified(kid: kid, issuer: issuer, issuedAt: Date(timeIntervalSince1970: Double(iat)), status: status, subject: subject)
    }

    /// Verifies an attestation given as itself or inside a C2PA assertion's JSON: the manifest
    /// fragment of `GET /v1/checks/{id}/c2pa`, its `org.likeness.consent-check` assertion or that
    /// assertion's `data`. The assertion's fields must then be the signed ones: all of them for a
    /// media attestation, the check, decision and issuer for a receipt (version 1 of the assertion).
    public static func verify(document text: String, keys: JWKS) throws -> Verified {
        let (token, assertion) = try extract(text)
        let verified = try verify(token, keys: keys)
        guard let assertion else { return verified }
        let matches: Bool
        switch verified.subject {
        case .media(let use):
            let shown = try? JSONDecoder().decode(MediaAttestation.AttestedUse.self, from: JSONSerialization.data(withJSONObject: assertion))
            let status = (assertion["status"] as? [String: Any]).map { ($0["idx"] as? Int, $0["uri"] as? String) }
            matches = shown == use && status?.0 == verified.status?.idx && status?.1 == verified.status?.uri
        case .check(let check, let decision, _):
            matches = assertion["check"] as? String == check && assertion["decision"] as? String == decision.rawValue
        case .consent:
            matches = false
        }
        guard matches, assertion["issuer"] as? String == verified.issuer else {
            throw Refusal(description: "the assertion's fields are not what its attestation signed")
        }
        return verified
    }

    /// The token and, when `text` is JSON, the assertion's data it came in.
    static func extract(_ text: String) throws -> (token: String, assertion: [String: Any]?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") else { return (trimmed, nil) }
        guard var object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
            throw Refusal(description: "the JSON is not a \(c2paLabel) assertion")
        }
        if let assertions = object["assertions"] as? [[String: Any]] {
            object = assertions.first { $0["label"] as? String == c2paLabel } ?? [:]
        }
        if object["label"] != nil {
            object = object["label"] as? String == c2paLabel ? object["data"] as? [String: Any] ?? [:] : [:]
        }
        guard let token = object["attestation"] as? String else { throw Refusal(description: "the JSON is not a \(c2paLabel) assertion") }
        return (token, object)
    }
}
