import Foundation
import Testing
@testable import LikenessRules

@Suite struct ReceiptJSONTests {
    /// The hand-written receipt JSON is byte for byte what JSONEncoder writes, for every verdict of
    /// the decision table and for hostile strings.
    @Test func receiptJSONMatchesJSONEncoder() throws {
        var receipts: [CheckReceipt] = []
        for c in decisionTable {
            var world = World()
            c.world(&world)
            let input = try JSONDecoder().decode(CheckInput.self, from: Data(c.request.utf8))
            let use = try input.validated(today: Day("2026-05-01")!)
            receipts.append(CheckReceipt(deciding: use, with: world.facts(for: use), now: Date(timeIntervalSince1970: 1_795_000_000.75)))
        }
        var odd = receipts[0]
        odd.reasons = [Reason(code: "x", message: "quote \" backslash \\ slash / nl \n cr \r tab \t bell \u{7} nul \u{0} esc \u{1b} del \u{7f} é 😀 \u{2028}",
                              outcome: .denied, grant: "g\"1", aspect: .face, requirement: .personalData, union: "U/1")]
        odd.request.customary = false
        odd.request.territory = "DE"
        receipts.append(odd)
        for receipt in receipts {
            let expected = try LikenessJSON.encoder.encode(receipt)
            #expect(receipt.json() == String(decoding: expected, as: UTF8.self))
        }
    }
}

/// The grant's set and evidence columns are written by the same writer, byte for byte as
/// `JSONEncoder` would (the store reads them back with SQLite's JSON functions).
@Suite struct GrantColumnJSONTests {
    static let hostile = ["", "plain", "quote \" backslash \\ slash /", "nl \n tab \t nul \u{0} del \u{7f}", "é😀\u{2028}"]

    @Test func setsAreWhatJSONEncoderWrites() throws {
        for values in [[], ["face"], ["DE", "GB"], Self.hostile] {
            #expect(JSONText.array(values) == String(decoding: try LikenessJSON.encoder.encode(values), as: UTF8.self))
        }
    }

    @Test func evidenceIsWhatJSONEncoderWrites() throws {
        for text in Self.hostile {
            for evidence in [Evidence(documentRef: text, sha256: nil), Evidence(documentRef: nil, sha256: text),
                             Evidence(documentRef: text, sha256: String(repeating: "a", count: 64)),
                             Evidence(portalOffer: text, sha256: String(repeating: "b", count: 64), signer: text, capacity: .guardian,
                                      typedName: text, signedAt: Date(timeIntervalSince1970: 1_795_856_400))] {
                #expect(JSONText.evidence(evidence) == String(decoding: try LikenessJSON.encoder.encode(evidence), as: UTF8.self))
            }
        }
    }
}
