import Foundation
import LikenessRules

/// Money and numbers as people type and read them on the pages. Amounts are stored in minor units
/// (compensation.md); people type major units (`1500.00` dollars), converted here exactly, as
/// decimal digits, never through a binary float.
enum WebMoney {
    /// `minor` units of the currency `code` as people read it (`USD 1,500.00`); a code that is
    /// not a currency any more (it cannot be stored) keeps its plain number.
    static func format(_ minor: Int64, _ code: String) -> String {
        Currency(code: code)?.format(minor) ?? "\(code) \(minor)"
    }

    /// The longest number typed in a form, in characters (the largest fee has 13 digits of minor units).
    static let typedLimit = 30

    /// A number typed in a form field: ASCII digits with at most one point between digits and, when
    /// `signed`, a leading minus (a correction's negative days). nil for an empty field; a 422
    /// naming `field` for anything else (`1e3`, `1,500`, `12abc`, which `Decimal(string:)` would
    /// read in part).
    static func number(_ typed: String?, _ field: String, example: String, signed: Bool = false) throws -> Decimal? {
        guard let typed = typed?.trimmingCharacters(in: .whitespaces).nonEmpty else { return nil }
        let unsigned = signed && typed.hasPrefix("-") ? typed.dropFirst() : Substring(typed)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard typed.count <= typedLimit, (1...2).contains(parts.count),
              parts.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }),
              let value = Decimal(string: typed, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw LikenessError.invalid(field, "type a number in digits, with a point before any decimals (e.g. \(example))",
                                        code: "invalid-number")
        }
        return value
    }

    /// An amount typed in major units of `currency` (`1500.00`, `1500` or `1500.5` for USD) in
    /// minor units (150000): a 422 naming `field` when it has more decimals than the currency has,
    /// is negative or not a number, or exceeds the largest fee.
    static func minorUnits(_ typed: String?, of currency: Currency, _ field: String) throws -> Int64? {
        let example = currency.exponent == 0 ? "150000" : "1500." + String(repeating: "0", count: currency.exponent)
        guard let major = try number(typed, field, example: example) else { return nil }
        // As typed, not as read: `1500.000` is worth 1500 but is no amount in dollars.
        let decimals = typed?.trimmingCharacters(in: .whitespaces).split(separator: ".").dropFirst().first?.count ?? 0
        guard decimals <= currency.exponent else {
            throw LikenessError.invalid(field, currency.exponent == 0
                ? "\(currency.code) has no minor units: type a whole amount, e.g. \(example)"
                : "\(currency.code) has \(currency.exponent) decimals: \(typed ?? "") has more", code: "invalid-amount")
        }
        var scale = Decimal(1)
        for _ in 0..<currency.exponent { scale *= 10 }
        guard let minor = Money.wholeNumber(major * scale), minor <= Fee.maximumAmount else {
            throw LikenessError.invalid(field, "a fee is at most \(currency.format(Fee.maximumAmount))", code: "out-of-range")
        }
        return minor
    }
}

/// The fee fields of the grant form (compensation.md, "Fees in the terms"): the amount in major
/// units, the currency's code, what it is paid per and the pension and health percentage, as typed.
struct WebFeeFields: Sendable {
    var amount = ""
    var currency = "USD"
    var pensionHealthPercent = ""
    var bases = WebFeeFields.bases(chosen: FeeBasis.use.rawValue)

    /// The bases of a fee in words, for the select.
    static func bases(chosen: String?) -> [WebOption] {
        WebOption.of([(FeeBasis.use.rawValue, "per use"), (FeeBasis.day.rawValue, "per day of use"),
                      (FeeBasis.minute.rawValue, "per minute of use"), (FeeBasis.flat.rawValue, "once per production (flat)")],
                     chosen: chosen)
    }

    /// What the form sent (`feeAmount`, `feeCurrency`, `feePer`, `feePensionHealthPercent`).
    init(_ visit: WebVisit) {
        amount = visit.field("feeAmount") ?? ""
        currency = visit.field("feeCurrency") ?? ""
        pensionHealthPercent = visit.field("feePensionHealthPercent") ?? ""
        bases = Self.bases(chosen: visit.field("feePer"))
    }

    init() {}

    /// The fee as the operations take it, nil when neither an amount nor a percentage is typed (no
    /// fee: the currency and basis always have a value, so they cannot say so). The amount's
    /// conversion needs the currency's exponent, so the currency is checked first.
    func input() throws -> FeeInput? {
        guard amount.nonEmpty != nil || pensionHealthPercent.nonEmpty != nil else { return nil }
        let code = currency.trimmingCharacters(in: .whitespaces).uppercased()
        guard let currency = Currency(code: code) else {
            throw code.isEmpty ? LikenessError.missing("fee.currency")
                : LikenessError.invalid("fee.currency", "'\(code.prefix(16))' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)",
                                        code: "invalid-currency")
        }
        guard let minor = try WebMoney.minorUnits(amount, of: currency, "fee.amount") else { throw LikenessError.missing("fee.amount") }
        return FeeInput(amount: Decimal(minor), currency: code, per: bases.first { $0.selected }?.value,
                        pensionHealthPercent: try WebMoney.number(pensionHealthPercent, "fee.pensionHealthPercent", example: "21 or 21.5"))
    }
}
