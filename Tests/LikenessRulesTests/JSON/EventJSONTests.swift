import Foundation
import Testing
@testable import LikenessRules

@Suite struct EventJSONTests {
    /// A grant event as `JSONEncoder` writes it (with `production` as null when absent).
    struct GrantEvent: Encodable {
        struct Data: Encodable {
            let grant, performer: String
            let production: String?
            let status, reason: String
            let impactedChecks: [String]
            let by: ActedBy
            enum CodingKeys: String, CodingKey { case grant, performer, production, status, reason, impactedChecks, by }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(grant, forKey: .grant); try c.encode(performer, forKey: .performer)
                try c.encode(production, forKey: .production); try c.encode(status, forKey: .status)
                try c.encode(reason, forKey: .reason); try c.encode(impactedChecks, forKey: .impactedChecks)
                try c.encode(by, forKey: .by)
            }
        }
        let id, type: String
        let at: Date
        let data: Data
    }

    /// The hand-written grant event is byte for byte what JSONEncoder writes, with and without a
    /// production, with impacted checks and hostile strings.
    @Test func grantEventJSONMatchesJSONEncoder() throws {
        let hostile = "quote \" backslash \\ slash / nl \n tab \t nul \u{0} esc \u{1b} del \u{7f} é 😀 \u{2028}"
        let cases = [
            GrantEvent(id: "evt-1", type: "grant.created", at: Date(timeIntervalSince1970: 1_795_856_400.25),
                       data: .init(grant: "g-1", performer: "p-1", production: "prod-1", status: "active", reason: "recorded", impactedChecks: [],
                                   by: ActedBy(account: "amy", role: .casting))),
            GrantEvent(id: "evt-2", type: "grant.revoked", at: Date(timeIntervalSince1970: 0),
                       data: .init(grant: "g/2", performer: "p-2", production: nil, status: "revoked", reason: hostile,
                                   impactedChecks: ["chk-1", "chk-2\"", "chk-3"],
                                   by: ActedBy(account: hostile, role: .representative, capacity: .agent))),
        ]
        for event in cases {
            let expected = String(decoding: try LikenessJSON.encoder.encode(event), as: UTF8.self)
            let d = event.data
            #expect(EventJSON.grant(id: event.id, type: event.type, at: event.at, grant: d.grant, performer: d.performer,
                                    production: d.production, status: d.status, reason: d.reason, impactedChecks: d.impactedChecks, by: d.by)
                    == expected)
        }
    }
}
