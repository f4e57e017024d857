import Testing
@testable import LikenessRules

@Suite struct JSONArrayElementsTests {
    func elements(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            JSONArrayElements.ranges(of: "uses", in: buffer)?.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func findsEachElementWhateverItHolds() {
        #expect(elements(#"{"uses":[]}"#) == [])
        #expect(elements(#" { "uses" : [ 1 , "a]" ,{"b":[{"c":"}"}]}, [2,[3]] , null ] } "#) == ["1", #""a]""#, #"{"b":[{"c":"}"}]}"#, "[2,[3]]", "null"])
        #expect(elements(#"{"uses":["x\"],{"]}"#) == [#""x\"],{""#])
    }

    @Test(arguments: [
        "", "[]", "{}", #"{"uses":{}}"#, #"{"uses":[1,]}"#, #"{"uses":[1 2]}"#, #"{"uses":[1]} x"#, #"{"uses":[1],"uses":[2]}"#,
        #"{"other":1,"uses":[1]}"#, #"{"uses":[1],"other":1}"#, #"{"uses":["open]}"#, #"{"uses":[{"a":1]}"#, #"{"u\u0073es":[1]}"#,
    ])
    func anythingElseIsLeftToAFullParser(_ text: String) {
        #expect(elements(text) == nil)
    }
}
