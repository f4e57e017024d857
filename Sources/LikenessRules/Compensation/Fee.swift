import Foundation

/// What a fee is paid per (compensation.md).
public enum FeeBasis: String, Vocabulary {
    case use, day, minute, flat
}

/// A fee in a consent's terms: an amount in minor units of a currency, per use, day of use, minute
/// of use or once, plus a percentage of it to the pension and health plans.
public struct Fee: Codable, Sendable, Equatable {
    public var amount: Int64
    public var currency: Currency
    public var per: FeeBasis
    /// Hundredths of a percent (21.5% is 2150): the spec allows at most two decimals.
    public var pensionHealthHundredths: Int

    /// The largest amount a fee takes: 10^12 minor units (ten billion dollars in cents), so that a
    /// line's amount and every total stay exact integers.
    public static let maximumAmount: Int64 = 1_000_000_000_000

    public init(amount: Int64, currency: Currency, per: FeeBasis, pensionHealthHundredths: Int) {
        self.amount = amount; self.currency = currency; self.per = per; self.pensionHealthHundredths = pensionHealthHundredths
    }

    /// The percentage as the API writes it: a JSON number with at most two decimals (`21`, `21.5`).
    public var pensionHealthPercent: Decimal { Decimal(pensionHealthHundredths) / 100 }

    enum CodingKeys: String, CodingKey { case amount, currency, per, pensionHealthPercent }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(amount, forKey: .amount)
        try c.encode(currency.code, forKey: .currency)
        try c.encode(per, forKey: .per)
        try c.encode(pensionHealthPercent, forKey: .pensionHealthPercent)
    }

    /// Reads what `encode` wrote (stored events and answers), validating as an input does.
    public init(from decoder: any Decoder) throws {
        self = try FeeInput(from: decoder).validated(field: "fee")
    }

    /// The fee in the words of an offer's terms: "USD 1,500.00 per day of use, plus 21% to the
    /// pension and health plans".
    public var words: String {
        let per = switch self.per {
        case .use: "per use"
        case .day: "per day of use"
        case .minute: "per minute of use (each use rounded up to the whole minute)"
        case .flat: "once, for every use in the production (a flat fee)"
        }
        let plus = pensionHealthHundredths == 0 ? "" : ", plus \(pensionHealthPercent)% to the pension and health plans"
        return "\(currency.format(amount)) \(per)\(plus)"
    }
}

/// A fee as clients send it. Numbers arrive as `Decimal` (read from the JSON text, never through a
/// float) so that a fractional amount is a 422 naming the field, not a decoding error.
public struct FeeInput: Codable, Sendable {
    public var amount: Decimal?
    public var currency: String?
    public var per: String?
    public var pensionHealthPercent: Decimal?

    public init(amount: Decimal? = nil, currency: String? = nil, per: String? = nil, pensionHealthPercent: Decimal? = nil) {
        self.amount = amount; self.currency = currency; self.per = per; self.pensionHealthPercent = pensionHealthPercent
    }

    /// The fee, each fault a 422 naming `field.amount`, `field.currency`, `field.per` or
    /// `field.pensionHealthPercent`.
    public func validated(field: String) throws -> Fee {
        guard let amount else { throw LikenessError.missing("\(field).amount") }
        guard let minor = Money.wholeNumber(amount), minor >= 0 else {
            throw LikenessError.invalid("\(field).amount", "\(field).amount is a whole number of minor units, 0 or more (\(amount) is not)",
                                        code: "invalid-amount")
        }
        guard minor <= Fee.maximumAmount else {
            throw LikenessError.invalid("\(field).amount", "\(field).amount is at most \(Fee.maximumAmount) minor units", code: "out-of-range")
        }
        guard let code = currency else { throw LikenessError.missing("\(field).currency") }
        guard let currency = Currency(code: code) else {
            throw LikenessError.invalid("\(field).currency", "'\(code.prefix(16))' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)",
                                        code: "invalid-currency")
        }
        let per: FeeBasis = try Validate.requiredTerm(per, "\(field).per")
        var hundredths = 0
        if let percent = pensionHealthPercent {
            guard let value = Money.wholeNumber(percent * 100), (0...3000).contains(value) else {
                throw LikenessError.invalid("\(field).pensionHealthPercent",
                                            "\(field).pensionHealthPercent is a number from 0 to 30 with at most 2 decimals (\(percent) is not)",
                                            code: "out-of-range")
            }
            hundredths = Int(value)
        }
        return Fee(amount: minor, currency: currency, per: per, pensionHealthHundredths: hundredths)
    }
}
