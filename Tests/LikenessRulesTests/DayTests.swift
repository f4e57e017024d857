import Foundation
import Testing
@testable import LikenessRules

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

/// Server-made ids are the prefix, 12 hex digits of milliseconds and 16 random ones, so that ids
/// made later sort later (new receipts go to the end of their index).
@Test func idsSortByCreationTime() throws {
    let times = [0, 1, 999, 1_000, 1_795_000_000_000, 1_795_000_000_001, 281_474_976_710_655]
    let ids = times.map { IDs.make("chk", now: Date(timeIntervalSince1970: Double($0) / 1000 + 0.0001)) }
    #expect(ids == ids.sorted())
    #expect(ids[0].hasPrefix("chk-000000000000"))
    #expect(ids[4].hasPrefix("chk-01a1ee565e00"))
    for id in ids {
        #expect(id.count == 4 + 28 && id.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
    }
    #expect(IDs.make("p", now: Date(timeIntervalSince1970: 5)) != IDs.make("p", now: Date(timeIntervalSince1970: 5)))
}

/// A series of ids made in one instant sorts in the order it was made and looks like any other id;
/// two series of the same instant start at different random bits.
@Test func aSeriesOfIdsSortsInTheOrderItWasMade() throws {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    var series = IDs.Series("evt", now: now)
    let ids = (0..<1_000).map { _ in series.make() }
    #expect(ids == ids.sorted() && Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0.hasPrefix("evt-01a1ee565e00") && $0.count == 4 + 28 })
    #expect(ids.first!.prefix(16) == IDs.make("evt", now: now).prefix(16))
    var other = IDs.Series("evt", now: now)
    #expect(other.make() != ids[0])
}
