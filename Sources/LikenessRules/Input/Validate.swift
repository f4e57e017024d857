import Foundation

/// Field validators that turn raw client values into model values or a 422 naming the field.
public enum Validate {
    public static func isID(_ s: String) -> Bool {
        let b = s.utf8
        guard let first = b.first, b.count <= 64, isAlnum(first) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    /// An id matching `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`, or nil when absent.
    package static func id(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        guard isID(value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(80))' is not a valid id (letters, digits, '.', '_', '-'; at most 64; starting with a letter or digit)", code: "invalid-id")
        }
        return value
    }

    package static func requiredID(_ value: String?, _ field: String) throws -> String {
        guard let id = try id(value, field) else { throw LikenessError.missing(field) }
        return id
    }

    /// Text of at most `max` characters with something other than blanks in it, trimmed of blanks
    /// (space, tab, line feed, carriage return), or nil when absent. Other control characters are
    /// refused (a NUL would also cut the text short inside SQLite). Lengths count Unicode code
    /// points of the text as sent, as JSON Schema's `maxLength` does, so that the OpenAPI document's
    /// `maxLength` and `pattern` (`Validate.textPattern`) say exactly what is accepted.
    package static func text(_ value: String?, _ field: String, max: Int = 500) throws -> String? {
        guard let value else { return nil }
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && !isBlank($0)) || $0.value == 0x7F }) {
            throw LikenessError.invalid(field, "\(field) contains control characters", code: "invalid-characters")
        }
        guard value.unicodeScalars.count <= max else {
            throw LikenessError.invalid(field, "\(field) is longer than \(max) characters", code: "too-long")
        }
        let trimmed = trimmingBlanks(value)
        guard !trimmed.isEmpty else { throw LikenessError.invalid(field, "\(field) must not be empty", code: "empty-value") }
        return trimmed
    }

    /// The JSON Schema pattern of `text` (in the OpenAPI document): no control characters but tab and
    /// line breaks, and something other than blanks.
    public static let textPattern = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*[^\\x00-\\x20\\x7F][^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$"

    /// The blanks `text` trims: space, tab, line feed and carriage return.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    static func trimmingBlanks(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    package static func requiredText(_ value: String?, _ field: String, max: Int = 500) throws -> String {
        guard let text = try text(value, field, max: max) else { throw LikenessError.missing(field) }
        return text
    }

    package static func day(_ value: String?, _ field: String) throws -> Day? {
        guard let value else { return nil }
        guard let day = Day(value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(40))' is not a date of the form YYYY-MM-DD", code: "invalid-date")
        }
        return day
    }

    package static func requiredDay(_ value: String?, _ field: String) throws -> Day {
        guard let day = try day(value, field) else { throw LikenessError.missing(field) }
        return day
    }

    package static func term<E: Vocabulary>(_ value: String?, _ field: String, as: E.Type = E.self) throws -> E? {
        guard let value else { return nil }
        guard let term = E(rawValue: value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(40))' is not one of: \(E.spelled)", code: "invalid-enum")
        }
        return term
    }

    package static func requiredTerm<E: Vocabulary>(_ value: String?, _ field: String, as: E.Type = E.self) throws -> E {
        guard let term: E = try term(value, field) else { throw LikenessError.missing(field) }
        return term
    }

    /// A set of vocabulary values, deduplicated, in canonical order; `nonEmpty` makes `[]` a 422.
    package static func terms<E: Vocabulary>(_ values: [String]?, _ field: String, nonEmpty: Bool, as: E.Type = E.self) throws -> [E]? {
        guard let values else { return nil }
        var set = EnumSet<E>()
        for (i, v) in values.enumerated() {
            set.insert(try requiredTerm(v, "\(field)[\(i)]"))
        }
        if nonEmpty && set.isEmpty { throw emptySet(field) }
        return set.array
    }

    package static func requiredTerms<E: Vocabulary>(_ values: [String]?, _ field: String, as: E.Type = E.self) throws -> [E] {
        guard let terms: [E] = try terms(values, field, nonEmpty: true) else { throw LikenessError.missing(field) }
        return terms
    }

    package static func emptySet(_ field: String) -> LikenessError {
        .invalid(field, "\(field) must list at least one value", code: "empty-set")
    }

    /// Lowercase content tags (`nudity`, `political`, …), deduplicated and sorted.
    package static func tags(_ values: [String]?, _ field: String) throws -> [String] {
        guard let values else { return [] }
        for (i, v) in values.enumerated() {
            let ok = !v.isEmpty && v.utf8.count <= 64 && v.utf8.allSatisfy {
                ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-")
            }
            guard ok else {
                throw LikenessError.invalid("\(field)[\(i)]", "'\(v.prefix(40))' is not a lowercase tag (a-z, 0-9, '-')", code: "invalid-tag")
            }
        }
        return Array(Set(values)).sorted()
    }

    /// One ISO 3166-1 alpha-2 code.
    package static func territory(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        guard Territories.iso3166.contains(value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(40))' is not an ISO 3166-1 alpha-2 code (e.g. GB, DE, US)", code: "invalid-territory")
        }
        return value
    }

    /// `["*"]` (worldwide) or a non-empty list of ISO codes, sorted.
    package static func territories(_ values: [String]?, _ field: String) throws -> [String] {
        guard let values else { throw LikenessError.missing(field) }
        guard !values.isEmpty else { throw emptySet(field) }
        if values.contains("*") {
            guard Set(values) == ["*"] else {
                throw LikenessError.invalid(field, "\"*\" (worldwide) cannot be combined with territories", code: "invalid-territory")
            }
            return ["*"]
        }
        var codes: Set<String> = []
        for (i, v) in values.enumerated() { codes.insert(try territory(v, "\(field)[\(i)]")!) }
        return codes.sorted()
    }

    package static func sha256(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        let lower = value.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw LikenessError.invalid(field, "\(field) must be 64 hexadecimal characters", code: "invalid-hash")
        }
        return lower
    }
}
