import Foundation
import Testing
@testable import LikenessRules

/// The check path's own reader of request bodies must agree with `JSONDecoder` on everything it
/// accepts, and leave everything unusual to it.
@Suite struct CheckInputJSONTests {
    static let usual = [
        #"{"production":"prod-1","performer":"p-1","use":"replica","aspects":["face","voice"],"destination":"final","territory":"DE","tool":"t-vault","at":"2026-05-01"}"#,
        #"{"production":"prod-nova","destination":"temporary","atLeast":"1042"}"#,
        #" { "production" : "prod-nova" , "use" : "alteration" , "customary" : true , "aspects" : [ ] ,"performer":null } "#,
        "{\n\t\"production\": \"prod-nova\",\r\n\"content\": [\"nudity\", \"violence\"],\n\"inputs\": [\"personal-data\"],\n\"replicatesThirdPartyWork\": false\n}\n",
        #"{"production":"prod-nova","performer":"p-lena","use":"synthetic","aspects":["body"],"destination":"marketing","content":null,"customary":null,"tool":null}"#,
        #"{}"#,
        #"{"production":"","use":"not a use","aspects":["", "x y"]}"#,
    ]

    static let unusual = [
        #"{"production":"prod-\u0031"}"#,            // an escape
        #"{"production":"prod-1","extra":1}"#,        // another member
        #"{"production":"prod-1","production":"p"}"#, // a member twice
        #"{"production":1}"#,                         // a number
        #"{"production":"prod-1","aspects":[["face"]]}"#,
        #"{"production":"prod-1"} x"#,                // trailing bytes
        #"{"production":"prod-é"}"#,                  // beyond ASCII
        #"{"production":"prod-1" "use":"replica"}"#,  // a missing comma
        #"{"production":"prod-1",}"#,                 // a trailing comma
        #"{"customary":True}"#,
        #"{"customary":nul}"#,
        #"{"production":"prod-1","atLeast":1042}"#,   // a token as a number
        #"["production"]"#,
        #""#,
    ]

    static func decoded(_ text: [UInt8]) -> CheckInput? {
        try? JSONDecoder().decode(CheckInput.self, from: Data(text))
    }

    static func read(_ text: [UInt8]) -> CheckInput? {
        text.withUnsafeBytes(CheckInput.init(commonJSON:))
    }

    @Test(arguments: usual)
    func readsTheUsualShapeAsJSONDecoderDoes(_ body: String) throws {
        let read = try #require(Self.read(Array(body.utf8)))
        #expect(read == Self.decoded(Array(body.utf8)))
    }

    @Test(arguments: unusual)
    func leavesAnythingElseToJSONDecoder(_ body: String) {
        #expect(Self.read(Array(body.utf8)) == nil)
    }

    /// Thousands of byte-level mutations of the usual bodies: whatever the reader accepts,
    /// `JSONDecoder` accepts too, with the same value.
    @Test func agreesWithJSONDecoderOnMutations() {
        var random = SeededRandom(seed: 7)
        let alphabet = Array(#"{}[]:,"\ ntrufalse0-9aé"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0xFF]
        var accepted = 0
        for body in Self.usual {
            for _ in 0..<1_500 {
                var bytes = Array(body.utf8)
                for _ in 0...Int(random.next() % 3) {
                    let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
                    let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    switch random.next() % 3 {
                    case 0 where !bytes.isEmpty: bytes.remove(at: at)
                    case 1 where !bytes.isEmpty: bytes[at] = byte
                    default: bytes.insert(byte, at: at)
                    }
                }
                guard let read = Self.read(bytes) else { continue }
                accepted += 1
                #expect(read == Self.decoded(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 500)
    }
}

/// SplitMix64: deterministic test randomness.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
