import Crypto
import Foundation
import LikenessRules

/// What Likeness puts into generated media (pipeline.md): the use a check allowed, signed
/// (`likeness-media+jws`), and the C2PA assertions a manifest carries beside it. The performer is
/// named only by a pseudonym; grants, approvals and reasons stay with the full receipt.
public enum MediaAttestation {
    /// The label of the assertion that carries the media attestation.
    public static let label = Attestation.c2paLabel
    static let trainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    static let compositeWithTrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"

    /// The tool a check named, as the registry has it when the check is attested.
    public struct ToolReference: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var vendor: String?
        public var version: String?
    }

    /// The signed use: the payload's `use`, and the assertion's fields.
    public struct AttestedUse: Codable, Sendable, Equatable {
        public var check: String
        public var decision: Decision
        public var decidedAt: String
        public var use: Use
        public var aspects: [Aspect]
        public var destination: Destination
        public var territory: String?
        public var tool: ToolReference?
        public var obligations: [Obligation]
        public var performerRef: String?
    }

    /// A check as the media see it: its use, and whether every grant it relied on (one at least)
    /// lists the `training` use.
    public struct Source: Sendable {
        public let use: AttestedUse
        public let grantsAllowTraining: Bool
    }

    /// What of a stored receipt's body the media attestation reads.
    struct ReceiptFields: Decodable {
        struct Request: Decodable {
            let performer: String?
            let use: Use
            let aspects: [Aspect]
            let destination: Destination
            let territory: String?
            let tool: String?
        }
        let id: String
        let decision: Decision
        let decidedAt: String
        let obligations: [Obligation]
        let grants: [String]
        let request: Request
    }

    /// The media's view of a stored receipt's `body`; `409 not-attestable` unless it is an
    /// `allowed` or `notify` check of a use that makes or changes media (not `training`).
    public static func source(of body: String, pseudonyms: Pseudonyms, _ db: any SQLConnection) throws -> Source {
        guard let receipt = try? JSONDecoder().decode(ReceiptFields.self, from: Data(body.utf8)) else {
            throw LikenessError(.internal, "corrupt-row", "a stored check cannot be read back")
        }
        guard receipt.decision == .allowed || receipt.decision == .notify else {
            throw LikenessError(.conflict, "not-attestable", """
                check \(receipt.id) is \(receipt.decision.rawValue): only an allowed or notify check is attested into media
                """)
        }
        guard receipt.request.use != .training else {
            throw LikenessError(.conflict, "not-attestable", "check \(receipt.id) is of training, which makes no media to attest")
        }
        let tool = try receipt.request.tool.map { id in
            let tool = try Registry.require(Tool.self, id, "tool", db)
            return ToolReference(id: tool.id, name: tool.name, vendor: tool.vendor, version: tool.version)
        }
        var allowTraining = !receipt.grants.isEmpty
        for grant in receipt.grants where allowTraining {
            allowTraining = try Registry.require(Grant.self, grant, "grant", db).uses.contains(.training)
        }
        let use = AttestedUse(check: receipt.id, decision: receipt.decision, decidedAt: receipt.decidedAt, use: receipt.request.use,
                              aspects: receipt.request.aspects, destination: receipt.request.destination,
                              territory: receipt.request.territory, tool: tool, obligations: receipt.obligations,
                              performerRef: receipt.request.performer.map(pseudonyms.reference(performer:)))
        return Source(use: use, grantsAllowTraining: allowTraining)
    }

    /// The manifest fragment of `GET /v1/checks/{id}/c2pa`: the consent check with its media
    /// attestation, the actions (C2PA 2.2 §18.14, IPTC digital source types) and the training and
    /// data mining assertion (CAWG 1.1).
    public struct Manifest: Encodable, Sendable {
        public let assertions: [Assertion]

        public init(source: Source, attestation: String, issuer: String, status: Attestation.StatusReference) {
            let consent = ConsentCheck(use: source.use, attestation: attestation, issuer: issuer,
                                       jwks: issuer + "/.well-known/jwks.json", status: status)
            assertions = [
                Assertion(label: MediaAttestation.label, data: .consentCheck(consent)),
                Assertion(label: "c2pa.actions.v2", data: .actions(Actions(actions: MediaAttestation.actions(of: source.use)))),
                Assertion(label: "cawg.training-mining", data: .trainingMining(TrainingMining(grantsAllowTraining: source.grantsAllowTraining))),
            ]
        }
    }

    public struct Assertion: Encodable, Sendable {
        public let label: String
        public let data: AssertionData
    }

    public enum AssertionData: Encodable, Sendable {
        case consentCheck(ConsentCheck)
        case actions(Actions)
        case trainingMining(TrainingMining)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .consentCheck(let data): try data.encode(to: encoder)
            case .actions(let data): try data.encode(to: encoder)
            case .trainingMining(let data): try data.encode(to: encoder)
            }
        }
    }

    /// `org.likeness.consent-check`: the signed use's fields beside the attestation that signs them.
    public struct ConsentCheck: Encodable, Sendable {
        public let use: AttestedUse
        public let attestation: String
        public let issuer: String
        public let jwks: String
        public let status: Attestation.StatusReference

        enum CodingKeys: String, CodingKey { case attestation, issuer, jwks, status }

        public func encode(to encoder: any Encoder) throws {
            try use.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(attestation, forKey: .attestation)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(jwks, forKey: .jwks)
            try c.encode(status, forKey: .status)
        }
    }

    public struct Actions: Encodable, Sendable {
        public let actions: [Action]
    }

    /// A C2PA action; `parameters` names the check it was allowed by.
    public struct Action: Encodable, Sendable {
        public struct SoftwareAgent: Encodable, Sendable {
            public let name: String
            public let version: String?
        }
        public struct Parameters: Encodable, Sendable {
            public let check: String
            enum CodingKeys: String, CodingKey { case check = "org.likeness.check" }
        }
        public let action: String
        public let digitalSourceType: String?
        public let softwareAgent: SoftwareAgent?
        public let parameters: Parameters
    }

    /// Uses that make new media are `c2pa.created` from trained algorithmic media; an alteration
    /// opens existing footage and edits it into a composite with such media.
    static func actions(of use: AttestedUse) -> [Action] {
        let agent = use.tool.map { Action.SoftwareAgent(name: $0.name, version: $0.version) }
        let parameters = Action.Parameters(check: use.check)
        if use.use == .alteration {
            return [Action(action: "c2pa.opened", digitalSourceType: nil, softwareAgent: agent, parameters: parameters),
                    Action(action: "c2pa.edited", digitalSourceType: compositeWithTrainedAlgorithmicMedia, softwareAgent: agent,
                           parameters: parameters)]
        }
        return [Action(action: "c2pa.created", digitalSourceType: trainedAlgorithmicMedia, softwareAgent: agent, parameters: parameters)]
    }

    /// `cawg.training-mining`: training on the media is allowed only as far as the consent behind
    /// it allows training; mining and inference are not.
    public struct TrainingMining: Encodable, Sendable {
        public struct Entry: Encodable, Sendable { public let use: String }
        public let entries: [String: Entry]

        init(grantsAllowTraining: Bool) {
            let training = Entry(use: grantsAllowTraining ? "allowed" : "notAllowed")
            entries = ["cawg.ai_training": training, "cawg.ai_generative_training": training,
                       "cawg.data_mining": Entry(use: "notAllowed"), "cawg.ai_inference": Entry(use: "notAllowed")]
        }
    }
}

/// Performers' pseudonyms in media: a keyed hash (HMAC-SHA256) of the performer's id under a
/// secret of the key file, so that a pseudonym is stable (across key rotations too) and only the
/// service, which holds the secret, can tell which performer it names.
public struct Pseudonyms: Sendable {
    let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    public func reference(performer id: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: key)))
    }
}
