import Testing
@testable import LikenessCore

@Suite struct DayTests {
    @Test(arguments: ["2026-01-01", "2024-02-29", "2000-02-29", "1970-01-01", "1969-12-31", "9999-12-31", "0001-01-01"])
    func validDaysRoundTrip(_ text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
    }

    @Test(arguments: ["2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01",
                      "2026/01/01", "2026-01-01T00:00:00Z", "", "0000-01-01", "2026-04-31", " 2026-01-01"])
    func invalidDaysAreRejected(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func orderingAndArithmetic() throws {
        let a = try #require(Day("2026-12-31"))
        #expect(a.adding(days: 1).description == "2027-01-01")
        #expect(a < a.adding(days: 1))
        #expect(Day("1970-01-01")?.ordinal == 0)
    }
}
