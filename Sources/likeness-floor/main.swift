// The floor of the check path (issue 37): the same stack as `likeness serve` (Hummingbird's HTTP/1
// server, Foundation's JSON) answering `POST /v1/checks` with no database, no facts and no rules.
// It decodes the body a check sends and encodes an answer shaped and sized like a check's, so that
// `scripts/bench` can divide the checks' throughput by what HTTP and JSON alone allow on the same
// machine in the same run. Usage: likeness-floor PORT
import Foundation
import Hummingbird

/// The fields of a check's body (decision-rules.md), as `scripts/bench.d/check.lua` sends them.
struct ProposedUse: Decodable {
    let production: String
    let performer: String?
    let use: String
    let aspects: [String]
    let destination: String
    let territory: String?
    let tool: String?
    let at: String
}

/// A check's answer as the server writes one for the synthetic registry of `scripts/bench`: its
/// request echoed and five reasons, about 1,550 bytes (the checks' answers there average 1,580).
struct CheckAnswer: ResponseEncodable {
    struct Reason: Encodable {
        let aspect: String
        let code: String
        let grant: String
        let message: String
        let outcome: String
    }
    struct Request: Encodable {
        let production: String
        let performer: String?
        let use: String
        let aspects: [String]
        let destination: String
        let territory: String?
        let tool: String?
        let at: String
        let content: [String]
        let inputs: [String]
        let presentedAsReal: Bool
        let replicatesThirdPartyWork: Bool
    }
    let id: String
    let decision: String
    let reasons: [Reason]
    let obligations: [String]
    let grants: [String]
    let approvals: [String]
    let requirements: [String]
    let request: Request
    let decidedAt: String
}

let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8181 : 8181
let router = Router()
router.post("/v1/checks") { request, context -> CheckAnswer in
    let use = try await request.decode(as: ProposedUse.self, context: context)
    let performer = use.performer ?? "none"
    let reasons = (0..<5).map { n in
        CheckAnswer.Reason(aspect: use.aspects.first ?? "face", code: "consent.scope.destination", grant: "g-\(performer)-\(n)",
                           message: "Performer \(performer)'s face: grant g-\(performer)-\(n) does not cover the destination “\(use.destination)” (it covers marketing).",
                           outcome: "denied")
    }
    return CheckAnswer(
        id: "chk-" + UUID().uuidString.lowercased(), decision: "denied", reasons: reasons, obligations: ["notify-union"], grants: [],
        approvals: ["ap-\(performer)"], requirements: ["talent-likeness"],
        request: .init(production: use.production, performer: use.performer, use: use.use, aspects: use.aspects,
                       destination: use.destination, territory: use.territory, tool: use.tool, at: use.at, content: [], inputs: [],
                       presentedAsReal: false, replicatesThirdPartyWork: false),
        decidedAt: Date.now.formatted(.iso8601))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "likeness-floor"))
try await app.runService()
