import Foundation
import Testing
@testable import LikenessRules

/// The store's fast reader of its set columns agrees with `JSONDecoder` on whatever it reads,
/// and leaves the rest (nil) to it.
@Suite struct JSONStringArrayTests {
    @Test(arguments: [
        #"[]"#, #"["face"]"#, #"["face","voice","body"]"#, #"["*"]"#, #"["a b","é😀",""]"#,
        JSONText.array(["replica", "new-performance"]), JSONText.array(["DE", "GB"]),
    ])
    func readsWhatTheStoreWrites(_ text: String) throws {
        let decoded = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        #expect(JSONStringArray.parse(text) == decoded)
    }

    @Test(arguments: [
        #"["a\"b"]"#, #"["a\\b"]"#, #"[ "a" ]"#, #"["a", "b"]"#, #"["a",]"#, #"[1]"#, #"{}"#, #"["a""#, #""#,
        #"["a","b"c"]"#,
    ])
    func leavesAnythingElseToJSONDecoder(_ text: String) {
        #expect(JSONStringArray.parse(text) == nil)
    }

    /// Byte-level mutations of stored arrays: whatever the reader accepts, `JSONDecoder` decodes alike.
    @Test func agreesWithJSONDecoderOnMutations() {
        let seeds = [#"["face","voice"]"#, #"["*"]"#, #"[]"#, #"["nudity","political","violence"]"#]
        let alphabet = Array(#"[]",\ a*"#.utf8)
        var agreed = 0
        for (n, seed) in seeds.enumerated() {
            let bytes = Array(seed.utf8)
            for position in 0..<bytes.count {
                for replacement in alphabet {
                    var mutated = bytes
                    mutated[position] = replacement
                    let text = String(decoding: mutated, as: UTF8.self)
                    guard let read = JSONStringArray.parse(text) else { continue }
                    #expect(read == (try? JSONDecoder().decode([String].self, from: Data(mutated))), "\(n): \(text)")
                    agreed += 1
                }
            }
        }
        #expect(agreed > 20)
    }
}
