import Foundation

/// What is owed in one currency: amounts and contributions summed, in minor units.
public struct CurrencyTotal: Codable, Sendable, Equatable {
    public var currency: String
    public var amount: Int64
    public var pensionHealth: Int64

    public init(currency: String, amount: Int64, pensionHealth: Int64) {
        self.currency = currency; self.amount = amount; self.pensionHealth = pensionHealth
    }

    /// Sums of `lines` per currency, sorted by code. Every line is at most 10^18 minor units and
    /// a window holds far fewer than 9 of those at the limit, so the sums are exact (a sum that
    /// would overflow is refused rather than wrapped).
    public static func totals(of lines: some Sequence<(currency: String, amount: Int64, pensionHealth: Int64)>) throws -> [CurrencyTotal] {
        var sums: [String: (Int64, Int64)] = [:]
        for line in lines {
            let (amount, pensionHealth) = sums[line.currency] ?? (0, 0)
            let a = amount.addingReportingOverflow(line.amount), p = pensionHealth.addingReportingOverflow(line.pensionHealth)
            guard !a.overflow, !p.overflow else {
                throw LikenessError(.conflict, "total-too-large", "the total in \(line.currency) exceeds what 64 bits hold: ask for a shorter window")
            }
            sums[line.currency] = (a.partialValue, p.partialValue)
        }
        return sums.keys.sorted().map { CurrencyTotal(currency: $0, amount: sums[$0]!.0, pensionHealth: sums[$0]!.1) }
    }
}

/// A statement line: the report it came from, and the line.
public struct StatementLine: Sendable, Equatable {
    public var usage: String
    public var check: String
    public var production: String
    public var deliveredOn: Day
    public var line: UsageLine

    public init(usage: String, check: String, production: String, deliveredOn: Day, line: UsageLine) {
        self.usage = usage; self.check = check; self.production = production; self.deliveredOn = deliveredOn; self.line = line
    }
}

/// A window of days on `deliveredOn`, both ends included.
public struct DayWindow: Sendable, Equatable {
    public var since: Day
    public var until: Day

    public init(since: Day, until: Day) { self.since = since; self.until = until }

    /// `since` and `until` as given, each defaulting to the calendar month of `today` (or, when
    /// the other end is given outside it, to that end's month): 422 naming the field for a date
    /// that is not one, and `until` when it is before `since`.
    public static func validated(since: String?, until: String?, today: Day) throws -> DayWindow {
        let month = today.calendarMonth
        let givenSince = try Validate.day(since, "since"), givenUntil = try Validate.day(until, "until")
        let since = givenSince ?? min(month.since, givenUntil?.calendarMonth.since ?? month.since)
        let until = givenUntil ?? max(month.until, givenSince?.calendarMonth.until ?? month.until)
        guard since <= until else {
            throw LikenessError.invalid("until", "until (\(until)) is before since (\(since))", code: "invalid-range")
        }
        return DayWindow(since: since, until: until)
    }
}

extension Day {
    /// The first and last days of this day's calendar month.
    public var calendarMonth: DayWindow {
        let (year, month, _) = civil
        let first = Day(ordinal: Day.ordinal(year: year, month: month, day: 1))
        let next = month == 12 ? Day.ordinal(year: year + 1, month: 1, day: 1) : Day.ordinal(year: year, month: month + 1, day: 1)
        return DayWindow(since: first, until: Day(ordinal: next - 1))
    }
}
