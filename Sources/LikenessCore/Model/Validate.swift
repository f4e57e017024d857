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
    static func id(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        guard isID(value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(80))' is not a valid id (letters, digits, '.', '_', '-'; at most 64; starting with a letter or digit)", code: "invalid-id")
        }
        return value
    }

    static func requiredID(_ value: String?, _ field: String) throws -> String {
        guard let id = try id(value, field) else { throw LikenessError.missing(field) }
        return id
    }

    /// Trimmed text of 1...max characters, or nil when absent. Control characters other than tab and
    /// line breaks are refused (a NUL would also cut the text short inside SQLite).
    static func text(_ value: String?, _ field: String, max: Int = 500) throws -> String? {
        guard let value else { return nil }
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0x7F }) {
            throw LikenessError.invalid(field, "\(field) contains control characters", code: "invalid-characters")
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw LikenessError.invalid(field, "\(field) must not be empty", code: "empty-value") }
        guard trimmed.count <= max else { throw LikenessError.invalid(field, "\(field) is longer than \(max) characters", code: "too-long") }
        return trimmed
    }

    static func requiredText(_ value: String?, _ field: String, max: Int = 500) throws -> String {
        guard let text = try text(value, field, max: max) else { throw LikenessError.missing(field) }
        return text
    }

    static func day(_ value: String?, _ field: String) throws -> Day? {
        guard let value else { return nil }
        guard let day = Day(value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(40))' is not a date of the form YYYY-MM-DD", code: "invalid-date")
        }
        return day
    }

    static func requiredDay(_ value: String?, _ field: String) throws -> Day {
        guard let day = try day(value, field) else { throw LikenessError.missing(field) }
        return day
    }

    static func term<E: Vocabulary>(_ value: String?, _ field: String, as: E.Type = E.self) throws -> E? {
        guard let value else { return nil }
        guard let term = E(rawValue: value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(40))' is not one of: \(E.spelled)", code: "invalid-enum")
        }
        return term
    }

    static func requiredTerm<E: Vocabulary>(_ value: String?, _ field: String, as: E.Type = E.self) throws -> E {
        guard let term: E = try term(value, field) else { throw LikenessError.missing(field) }
        return term
    }

    /// A set of vocabulary values, deduplicated, in canonical order; `nonEmpty` makes `[]` a 422.
    static func terms<E: Vocabulary>(_ values: [String]?, _ field: String, nonEmpty: Bool, as: E.Type = E.self) throws -> [E]? {
        guard let values else { return nil }
        var set = EnumSet<E>()
        for (i, v) in values.enumerated() {
            set.insert(try requiredTerm(v, "\(field)[\(i)]"))
        }
        if nonEmpty && set.isEmpty { throw emptySet(field) }
        return set.array
    }

    static func requiredTerms<E: Vocabulary>(_ values: [String]?, _ field: String, as: E.Type = E.self) throws -> [E] {
        guard let terms: [E] = try terms(values, field, nonEmpty: true) else { throw LikenessError.missing(field) }
        return terms
    }

    static func emptySet(_ field: String) -> LikenessError {
        .invalid(field, "\(field) must list at least one value", code: "empty-set")
    }

    /// Lowercase content tags (`nudity`, `political`, …), deduplicated and sorted.
    static func tags(_ values: [String]?, _ field: String) throws -> [String] {
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
    static func territory(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        guard Territories.iso3166.contains(value) else {
            throw LikenessError.invalid(field, "'\(value.prefix(40))' is not an ISO 3166-1 alpha-2 code (e.g. GB, DE, US)", code: "invalid-territory")
        }
        return value
    }

    /// `["*"]` (worldwide) or a non-empty list of ISO codes, sorted.
    static func territories(_ values: [String]?, _ field: String) throws -> [String] {
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

    static func sha256(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        let lower = value.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw LikenessError.invalid(field, "\(field) must be 64 hexadecimal characters", code: "invalid-hash")
        }
        return lower
    }
}

/// ISO 3166-1 territories and the EU/EEA subset.
public enum Territories {
    public static let iso3166: Set<String> = Set("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO \
    JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR \
    MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO \
    RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV \
    TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split(separator: " ").map(String.init))

    /// EU member states and the EEA's Iceland, Liechtenstein and Norway (EU AI Act Art. 50 applies).
    public static let euEEA: Set<String> = Set("""
    AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO
    """.split(separator: " ").map(String.init))
}
