/// A fast reader of the JSON arrays of plain strings this store writes (`["a","b"]`);
/// nil when the text needs a full JSON parser (escapes, unusual spacing).
package enum JSONStringArray {
    package static func parse(_ text: String) -> [String]? {
        var out: [String] = []
        var utf8 = text.utf8[...]
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        utf8 = utf8.dropFirst().dropLast()
        if utf8.isEmpty { return [] }
        for part in utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            guard part.count >= 2, part.first == UInt8(ascii: "\""), part.last == UInt8(ascii: "\""),
                  !part.contains(UInt8(ascii: "\\")) else { return nil }
            let inner = part.dropFirst().dropLast()
            guard !inner.contains(UInt8(ascii: "\"")) else { return nil }
            out.append(String(decoding: inner, as: UTF8.self))
        }
        return out
    }
}
