import Foundation

/// What a usage report owes under one grant with a fee (compensation.md): the fee's basis, the
/// quantity of it, the amount and the pension and health contribution, in minor units.
public struct UsageLine: Codable, Sendable, Equatable {
    public var grant: String
    public var performer: String
    public var currency: String
    public var basis: FeeBasis
    public var quantity: Int64
    public var amount: Int64
    public var pensionHealth: Int64

    public init(grant: String, performer: String, currency: String, basis: FeeBasis, quantity: Int64, amount: Int64, pensionHealth: Int64) {
        self.grant = grant; self.performer = performer; self.currency = currency; self.basis = basis; self.quantity = quantity
        self.amount = amount; self.pensionHealth = pensionHealth
    }

    /// The line a correction makes of this one: every number negated.
    public var negated: UsageLine {
        UsageLine(grant: grant, performer: performer, currency: currency, basis: basis, quantity: -quantity, amount: -amount,
                  pensionHealth: -pensionHealth)
    }
}

/// A production's report of what it actually used under a check; never changed or deleted.
public struct UsageReport: Codable, Sendable, Equatable {
    public var id: String
    public var check: String
    public var production: String
    public var performer: String
    public var deliveredOn: Day
    public var days: Int64?
    /// As reported (a correction's negative), exactly: the lines round it up.
    public var minutes: Decimal?
    public var note: String?
    /// The report this one reverses.
    public var corrects: String?
    public var reportedBy: String
    public var reportedAt: Date
    public var lines: [UsageLine]

    public init(id: String, check: String, production: String, performer: String, deliveredOn: Day, days: Int64?, minutes: Decimal?,
                note: String?, corrects: String?, reportedBy: String, reportedAt: Date, lines: [UsageLine]) {
        self.id = id; self.check = check; self.production = production; self.performer = performer; self.deliveredOn = deliveredOn
        self.days = days; self.minutes = minutes; self.note = note; self.corrects = corrects; self.reportedBy = reportedBy
        self.reportedAt = reportedAt; self.lines = lines
    }
}

/// A grant the reported check relied on, with its fee.
public struct FeeUnderGrant: Sendable, Equatable {
    public var grant: String
    public var performer: String
    public var fee: Fee

    public init(grant: String, performer: String, fee: Fee) {
        self.grant = grant; self.performer = performer; self.fee = fee
    }
}

/// The body of `POST /v1/checks/{id}/usage`.
public struct UsageInput: Codable, Sendable {
    public var deliveredOn: String?
    public var days: Decimal?
    public var minutes: Decimal?
    public var note: String?
    public var corrects: String?

    public init(deliveredOn: String? = nil, days: Decimal? = nil, minutes: Decimal? = nil, note: String? = nil, corrects: String? = nil) {
        self.deliveredOn = deliveredOn; self.days = days; self.minutes = minutes; self.note = note; self.corrects = corrects
    }

    /// At most 100 years of days and a million minutes (694 days of footage) in one report.
    public static let maximumDays: Int64 = 36_600
    public static let maximumMinutes: Decimal = 1_000_000

    /// A report's validated fields: a correction's days and minutes are negative (checked
    /// against the report it names by `Compensation.correction`), any other report's positive.
    public func validated() throws -> (deliveredOn: Day?, days: Int64?, minutes: Decimal?, note: String?, corrects: String?) {
        let corrects = try Validate.id(corrects, "corrects")
        let sign: Int64 = corrects == nil ? 1 : -1
        var wholeDays: Int64?
        if let days {
            let allowed = sign > 0 ? 1...Self.maximumDays : -Self.maximumDays...(-1)
            guard let value = Money.wholeNumber(days), allowed.contains(value) else {
                throw LikenessError.invalid("days", corrects == nil
                    ? "days is a whole number of days from 1 to \(Self.maximumDays)"
                    : "a correction's days are the negative of the days it corrects", code: "out-of-range")
            }
            wholeDays = value
        }
        if let minutes {
            guard minutes.isFinite, (minutes * Decimal(sign)) > 0, (minutes * Decimal(sign)) <= Self.maximumMinutes else {
                throw LikenessError.invalid("minutes", corrects == nil
                    ? "minutes is a number above 0 and at most \(Self.maximumMinutes)"
                    : "a correction's minutes are the negative of the minutes it corrects", code: "out-of-range")
            }
        }
        let day = try Validate.day(deliveredOn, "deliveredOn")
        if corrects == nil, day == nil { throw LikenessError.missing("deliveredOn") }
        return (day, wholeDays, minutes, try Validate.text(note, "note", max: 2000), corrects)
    }
}

/// The computation of compensation.md, on values only.
public enum Compensation {
    /// The lines of a report of `days` or `minutes` under each fee, in the order given:
    /// `use` → 1; `day` → days (required); `minute` → minutes rounded up (required); `flat` → 1 when
    /// no earlier report under the grant and production counts it (`flatCounted`), else 0. The
    /// amount is fee × quantity; the contribution the fee's percentage of it, rounded half-even.
    public static func lines(_ fees: [FeeUnderGrant], days: Int64?, minutes: Decimal?,
                             flatCounted: (String) throws -> Bool) throws -> [UsageLine] {
        try fees.map { item in
            let quantity: Int64
            switch item.fee.per {
            case .use: quantity = 1
            case .day:
                guard let days else {
                    throw LikenessError.invalid("days", "grant \(item.grant) pays per day of use: the report needs days", code: "missing-field")
                }
                quantity = days
            case .minute:
                guard let minutes, let whole = Money.roundedUp(minutes) else {
                    throw LikenessError.invalid("minutes", "grant \(item.grant) pays per minute of use: the report needs minutes",
                                                code: "missing-field")
                }
                quantity = whole
            case .flat: quantity = try flatCounted(item.grant) ? 0 : 1
            }
            // At most 10^12 × 10^6: exact in 64 bits.
            let amount = item.fee.amount * quantity
            return UsageLine(grant: item.grant, performer: item.performer, currency: item.fee.currency.code, basis: item.fee.per,
                             quantity: quantity, amount: amount,
                             pensionHealth: Money.percentage(amount, hundredths: item.fee.pensionHealthHundredths))
        }
    }

    /// The report `input` corrects, checked: of the same check, not itself a correction, and
    /// `days`/`minutes` (when given) exactly the negation of its own. The correction's lines are
    /// the negation of its lines.
    public static func correction(of original: UsageReport, check: String, days: Int64?, minutes: Decimal?) throws -> [UsageLine] {
        guard original.check == check else {
            throw LikenessError.invalid("corrects", "report \(original.id) is of check \(original.check), not \(check)", code: "invalid-reference")
        }
        guard original.corrects == nil else {
            throw LikenessError.invalid("corrects", "report \(original.id) is itself a correction: report the use again instead",
                                        code: "invalid-reference")
        }
        if let days, days != -(original.days ?? 0) {
            throw LikenessError.invalid("days", "a correction's days are the negative of the report's (\(-(original.days ?? 0)))",
                                        code: "invalid-correction")
        }
        if let minutes, minutes != -(original.minutes ?? 0) {
            throw LikenessError.invalid("minutes", "a correction's minutes are the negative of the report's (\(-(original.minutes ?? 0)))",
                                        code: "invalid-correction")
        }
        return original.lines.map(\.negated)
    }
}
