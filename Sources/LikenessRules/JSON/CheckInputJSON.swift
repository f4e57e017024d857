extension CheckInput {
    /// Reads the usual shape of a check request straight from its bytes, without `JSONDecoder`
    /// (the check path's largest single cost after the decision): one JSON object whose members are
    /// fields of `CheckInput`, each at most once, with ASCII strings free of escapes, arrays of such
    /// strings, booleans and nulls. Anything else — escapes, other members, numbers, nesting,
    /// malformed JSON — gives nil, and `JSONDecoder` then decides, with its own errors. Whatever this
    /// accepts, `JSONDecoder` decodes to the same value (a test holds it to that).
    public init?(commonJSON bytes: UnsafeRawBufferPointer) {
        var reader = Reader(bytes: bytes)
        var input = CheckInput()
        var seen: UInt16 = 0
        func first(_ field: UInt16) -> Bool {
            defer { seen |= 1 << field }
            return seen & (1 << field) == 0
        }
        guard reader.skip("{") else { return nil }
        if !reader.skip("}") {
            repeat {
                guard let key = reader.string(), reader.skip(":") else { return nil }
                switch key {
                case "production": guard first(0), reader.optionalString(into: &input.production) else { return nil }
                case "performer": guard first(1), reader.optionalString(into: &input.performer) else { return nil }
                case "use": guard first(2), reader.optionalString(into: &input.use) else { return nil }
                case "destination": guard first(3), reader.optionalString(into: &input.destination) else { return nil }
                case "territory": guard first(4), reader.optionalString(into: &input.territory) else { return nil }
                case "at": guard first(5), reader.optionalString(into: &input.at) else { return nil }
                case "tool": guard first(6), reader.optionalString(into: &input.tool) else { return nil }
                case "aspects": guard first(7), reader.optionalStrings(into: &input.aspects) else { return nil }
                case "content": guard first(8), reader.optionalStrings(into: &input.content) else { return nil }
                case "inputs": guard first(9), reader.optionalStrings(into: &input.inputs) else { return nil }
                case "replicatesThirdPartyWork": guard first(10), reader.optionalBool(into: &input.replicatesThirdPartyWork) else { return nil }
                case "customary": guard first(11), reader.optionalBool(into: &input.customary) else { return nil }
                case "presentedAsReal": guard first(12), reader.optionalBool(into: &input.presentedAsReal) else { return nil }
                case "atLeast": guard first(13), reader.optionalString(into: &input.atLeast) else { return nil }
                default: return nil
                }
            } while reader.skip(",")
            guard reader.skip("}") else { return nil }
        }
        reader.skipWhitespace()
        guard reader.atEnd else { return nil }
        self = input
    }
}

/// A cursor over JSON bytes for `CheckInput(commonJSON:)`; each read skips leading whitespace.
private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Skips whitespace and then `byte` if it comes next.
    mutating func skip(_ byte: Unicode.Scalar) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(byte.value) else { return false }
        index += 1
        return true
    }

    /// Skips whitespace and then `word` (`null`, `true`, `false`) if it comes next.
    mutating func skip(word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// A string of printable ASCII without escapes; nil for any other value.
    mutating func string() -> String? {
        guard skip("\"") else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    mutating func optionalString(into value: inout String?) -> Bool {
        if skip(word: "null") { return true }
        value = string()
        return value != nil
    }

    mutating func optionalStrings(into value: inout [String]?) -> Bool {
        if skip(word: "null") { return true }
        guard skip("[") else { return false }
        var strings: [String] = []
        if !skip("]") {
            repeat {
                guard let s = string() else { return false }
                strings.append(s)
            } while skip(",")
            guard skip("]") else { return false }
        }
        value = strings
        return true
    }

    mutating func optionalBool(into value: inout Bool?) -> Bool {
        if skip(word: "null") { return true }
        if skip(word: "true") { value = true; return true }
        if skip(word: "false") { value = false; return true }
        return false
    }
}
