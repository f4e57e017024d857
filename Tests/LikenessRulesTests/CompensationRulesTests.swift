import Foundation
@testable import LikenessRules
import Testing

/// The computation of compensation.md on values: currencies' exponents and formatting, the
/// half-even percentage, fees' validation, lines and windows.
@Suite struct CompensationRulesTests {
    @Test(arguments: [
        ("USD", 150_000, "USD 1,500.00"), ("USD", 5, "USD 0.05"), ("USD", 0, "USD 0.00"), ("USD", -150_000, "USD -1,500.00"),
        ("USD", 1_234_567_890_123, "USD 12,345,678,901.23"), ("JPY", 150_000, "JPY 150,000"), ("JPY", 999, "JPY 999"),
        ("JPY", 1000, "JPY 1,000"), ("BHD", 2500, "BHD 2.500"), ("KWD", 1, "KWD 0.001"), ("CLF", 1, "CLF 0.0001"),
        ("EUR", 100_000_000, "EUR 1,000,000.00"), ("GBP", -5, "GBP -0.05"),
    ] as [(String, Int64, String)])
    func amountsAreFormattedForPeopleWithTheCurrencysExponent(code: String, minor: Int64, text: String) throws {
        #expect(try #require(Currency(code: code)).format(minor) == text)
    }

    @Test func onlyActiveCurrenciesWithMinorUnitsAreKnown() {
        #expect(Currency(code: "USD")?.exponent == 2 && Currency(code: "JPY")?.exponent == 0 && Currency(code: "BHD")?.exponent == 3)
        #expect(Currency(code: "CLF")?.exponent == 4 && Currency(code: "ISK")?.exponent == 0 && Currency(code: "TND")?.exponent == 3)
        for code in ["XAU", "XDR", "XTS", "XXX", "usd", "US", "USDX", "", "ZWL", "HRK"] { #expect(Currency(code: code) == nil, "\(code)") }
    }

    @Test(arguments: [
        (50, 100, 0), (150, 100, 2), (250, 100, 2), (350, 100, 4), (-150, 100, -2), (-250, 100, -2), (1, 5000, 0), (3, 5000, 2),
        (100, 2150, 22), (150_000, 2100, 31_500), (1_000_000_000_000, 3000, 300_000_000_000), (7, 0, 0), (49, 100, 0), (51, 100, 1),
    ] as [(Int64, Int, Int64)])
    func aPercentageRoundsHalfToEven(amount: Int64, hundredths: Int, expected: Int64) {
        #expect(Money.percentage(amount, hundredths: hundredths) == expected)
    }

    /// Against Foundation's decimal arithmetic with banker's rounding, over random amounts and
    /// percentages (the Python property test holds the whole API to `decimal` the same way).
    @Test func aPercentageIsDecimalArithmeticRoundedHalfEven() {
        var random = SeededRandom(seed: 36)
        for _ in 0..<20_000 {
            let amount = Int64(random.next() % 1_000_000_000_000) * (random.next() % 5 == 0 ? -1 : 1)
            let hundredths = Int(random.next() % 3001)
            var exact = Decimal(amount) * Decimal(hundredths) / 10_000, rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .bankers)
            #expect(Decimal(Money.percentage(amount, hundredths: hundredths)) == rounded, "\(amount) × \(hundredths)")
        }
    }

    @Test func aFeeIsValidatedExactlyWithoutFloats() throws {
        let fee = try FeeInput(amount: Decimal(string: "1e3"), currency: "USD", per: "day", pensionHealthPercent: Decimal(string: "21.55"))
            .validated(field: "fee")
        #expect(fee.amount == 1000 && fee.pensionHealthHundredths == 2155 && fee.pensionHealthPercent == Decimal(string: "21.55"))
        #expect(fee.words == "USD 10.00 per day of use, plus 21.55% to the pension and health plans")
        let flat = try FeeInput(amount: 500_000, currency: "JPY", per: "flat").validated(field: "fee")
        #expect(flat.pensionHealthHundredths == 0 && flat.words == "JPY 500,000 once, for every use in the production (a flat fee)")
        let cases: [(FeeInput, String)] = [
            (FeeInput(amount: Decimal(string: "0.5"), currency: "USD", per: "use"), "fee.amount"),
            (FeeInput(amount: Decimal(string: "1e13"), currency: "USD", per: "use"), "fee.amount"),
            (FeeInput(amount: Decimal(string: "123456789012345678901234567890"), currency: "USD", per: "use"), "fee.amount"),
            (FeeInput(amount: 1, currency: "USD", per: "use", pensionHealthPercent: Decimal(string: "21.555")), "fee.pensionHealthPercent"),
            (FeeInput(amount: 1, currency: "USD", per: "use", pensionHealthPercent: Decimal(string: "30.01")), "fee.pensionHealthPercent"),
            (FeeInput(amount: 1, currency: "XAU", per: "use"), "fee.currency"),
            (FeeInput(amount: 1, currency: "USD", per: "week"), "fee.per"),
        ]
        for (input, field) in cases {
            #expect(throws: LikenessError.self, "\(field)") { _ = try input.validated(field: "fee") }
            do { _ = try input.validated(field: "fee") } catch let error as LikenessError { #expect(error.field == field) }
        }
    }

    @Test func linesFollowTheBasisAndMinutesRoundUp() throws {
        let usd = try #require(Currency(code: "USD"))
        func fee(_ per: FeeBasis, _ amount: Int64 = 1000, _ hundredths: Int = 1000) -> FeeUnderGrant {
            FeeUnderGrant(grant: "g-\(per)", performer: "p-1", fee: Fee(amount: amount, currency: usd, per: per, pensionHealthHundredths: hundredths))
        }
        let lines = try Compensation.lines([fee(.use), fee(.day), fee(.minute), fee(.flat)], days: 4, minutes: Decimal(string: "0.000001")) { _ in false }
        #expect(lines.map(\.quantity) == [1, 4, 1, 1] && lines.map(\.amount) == [1000, 4000, 1000, 1000])
        #expect(lines.map(\.pensionHealth) == [100, 400, 100, 100] && lines.map(\.grant) == ["g-use", "g-day", "g-minute", "g-flat"])
        #expect(try Compensation.lines([fee(.flat)], days: nil, minutes: nil) { _ in true }.map(\.quantity) == [0])
        #expect(try Compensation.lines([fee(.minute)], days: nil, minutes: Decimal(string: "59.0")) { _ in false }.map(\.quantity) == [59])
        #expect(throws: LikenessError.self) { _ = try Compensation.lines([fee(.day)], days: nil, minutes: 5) { _ in false } }
        #expect(throws: LikenessError.self) { _ = try Compensation.lines([fee(.minute)], days: 5, minutes: nil) { _ in false } }
        #expect(try Compensation.lines([], days: nil, minutes: nil) { _ in false }.isEmpty)
    }

    @Test func theDefaultWindowIsTheCalendarMonthOfToday() throws {
        let cases = [("2026-02-10", "2026-02-01", "2026-02-28"), ("2028-02-29", "2028-02-01", "2028-02-29"),
                     ("2026-12-31", "2026-12-01", "2026-12-31"), ("2026-01-01", "2026-01-01", "2026-01-31")]
        for (today, since, until) in cases {
            let window = try DayWindow.validated(since: nil, until: nil, today: try #require(Day(today)))
            #expect(window.since.description == since && window.until.description == until)
        }
        let mixed = try DayWindow.validated(since: "2026-01-15", until: nil, today: try #require(Day("2026-03-02")))
        #expect(mixed.since.description == "2026-01-15" && mixed.until.description == "2026-03-31")
        let later = try DayWindow.validated(since: "2026-04-10", until: nil, today: try #require(Day("2026-03-02")))
        #expect(later.since.description == "2026-04-10" && later.until.description == "2026-04-30")
        let earlier = try DayWindow.validated(since: nil, until: "2026-01-10", today: try #require(Day("2026-03-02")))
        #expect(earlier.since.description == "2026-01-01" && earlier.until.description == "2026-01-10")
        #expect(throws: LikenessError.self) { _ = try DayWindow.validated(since: "2026-04-01", until: "2026-03-31", today: Day("2026-03-02")!) }
        #expect(throws: LikenessError.self) { _ = try DayWindow.validated(since: "2026-02-30", until: nil, today: Day("2026-03-02")!) }
    }

    @Test func aCorrectionIsTheNegationOfAReportOfTheSameCheckOnce() throws {
        let line = UsageLine(grant: "g-1", performer: "p-1", currency: "USD", basis: .day, quantity: 3, amount: 450_000, pensionHealth: 94_500)
        let report = UsageReport(id: "use-1", check: "chk-1", production: "prod-1", performer: "p-1", deliveredOn: Day("2026-11-20")!, days: 3,
                                 minutes: nil, note: nil, corrects: nil, reportedBy: "ada", reportedAt: Date(), lines: [line])
        #expect(try Compensation.correction(of: report, check: "chk-1", days: -3, minutes: nil) == [line.negated])
        #expect(try Compensation.correction(of: report, check: "chk-1", days: nil, minutes: nil).map(\.amount) == [-450_000])
        #expect(throws: LikenessError.self) { _ = try Compensation.correction(of: report, check: "chk-2", days: nil, minutes: nil) }
        #expect(throws: LikenessError.self) { _ = try Compensation.correction(of: report, check: "chk-1", days: -2, minutes: nil) }
        var correction = report
        correction.corrects = "use-0"
        #expect(throws: LikenessError.self) { _ = try Compensation.correction(of: correction, check: "chk-1", days: nil, minutes: nil) }
    }
}
