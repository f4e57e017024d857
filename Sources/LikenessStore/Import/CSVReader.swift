import Foundation
import LikenessRules

/// A streaming RFC 4180 reader (UTF-8, optional BOM, CRLF or LF, quoted fields with `""` escapes).
struct CSVReader {
    private let bytes: [UInt8]
    private var position: Int
    /// 1-based line the reader is on.
    private var line = 1
    /// 1-based line on which the record `next()` returned last starts (after any blank lines).
    private(set) var recordLine = 1

    init(data: Data) {
        bytes = [UInt8](data)
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    struct Malformed: Error { let line: Int; let message: String }

    /// The next record, nil at the end of input. Blank lines are skipped. An unquoted field is
    /// made straight from its bytes; a quoted one is gathered byte by byte (for its `""` escapes).
    mutating func next() throws -> [String]? {
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
        guard position < bytes.count else { return nil }
        var fields: [String] = []
        let startLine = line
        recordLine = line
        while true {
            if position < bytes.count, bytes[position] == 0x22 {
                fields.append(try quotedField(startLine))
            } else {
                let start = position
                while position < bytes.count, bytes[position] != 0x2C, bytes[position] != 0x0A, bytes[position] != 0x0D {
                    position += 1
                }
                fields.append(try text(bytes[start..<position], startLine))
            }
            guard position < bytes.count else { return fields }
            switch bytes[position] {
            case 0x2C:
                position += 1
            default:
                if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
                position += 1
                line += 1
                return fields
            }
        }
    }

    /// A quoted field, from its opening quote to the character after its closing one.
    private mutating func quotedField(_ startLine: Int) throws -> String {
        var field: [UInt8] = []
        position += 1
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x22 {
                if position + 1 < bytes.count, bytes[position + 1] == 0x22 {
                    field.append(0x22)
                    position += 2
                    continue
                }
                position += 1
                if position < bytes.count, ![0x2C, 0x0A, 0x0D].contains(bytes[position]) {
                    throw Malformed(line: line, message: "unexpected character after a closing quote")
                }
                return try text(field[...], startLine)
            }
            if c == 0x0A { line += 1 }
            field.append(c)
            position += 1
        }
        throw Malformed(line: startLine, message: "a quoted field is not closed")
    }

    private func text(_ field: ArraySlice<UInt8>, _ line: Int) throws -> String {
        guard let s = String(validating: field, as: UTF8.self) else {
            throw Malformed(line: line, message: "not valid UTF-8")
        }
        return s
    }
}

/// One CSV record addressed by column name; an empty cell is an absent field.
struct CSVRecord {
    let columns: [String: Int]
    let values: [String]

    func string(_ name: String) -> String? {
        guard let i = columns[name], i < values.count, !values[i].isEmpty else { return nil }
        return values[i]
    }

    /// A `;`-separated set, split on its UTF-8 bytes (`;` is ASCII; splitting the characters
    /// costs a grapheme break per character, a tenth of an import's reading).
    func set(_ name: String) -> [String]? {
        string(name).map { $0.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { Self.trimmed(Substring($0)) } }
    }

    /// A set element without surrounding spaces or tabs.
    static func trimmed(_ part: Substring) -> String {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        let bytes = part.utf8
        guard let first = bytes.first, let last = bytes.last, blank(first) || blank(last) else { return String(part) }
        let start = bytes.firstIndex { !blank($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !blank($0) }.map(bytes.index(after:)) ?? start
        return start < end ? String(part[start..<end]) : ""
    }

    /// A decimal number as written (`1500`, `-2`, `21.5`), read exactly; 422 naming the column
    /// for anything else.
    func decimal(_ name: String) throws -> Decimal? {
        guard let text = string(name) else { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { throw LikenessError.invalid(name, "'\(text.prefix(20))' is not a number (digits, an optional '.' and decimals)", code: "invalid-number") }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        switch string(name)?.lowercased() {
        case nil: return nil
        case "true"?: return true
        case "false"?: return false
        case let other?: throw LikenessError.invalid(name, "'\(other.prefix(20))' is not true or false", code: "invalid-bool")
        }
    }
}
