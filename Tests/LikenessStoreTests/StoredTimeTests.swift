import Foundation
import GRDB
import Testing
@testable import LikenessStore

/// The receipt writer's timestamps are the text GRDB itself writes for a `Date`.
@Test func storedTimeMatchesGRDB() {
    var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 86_399.9996),
                 Date(timeIntervalSince1970: 1_795_000_000.25), Date(timeIntervalSince1970: -1.5)]
    for i in 0..<5_000 {
        // Instants spread over 1950 to 2100 (a prime stride), off the half millisecond (where float
        // rounding could go either way).
        let millis = Int64(i) * 946_702_081 % 4_733_510_400_000 - 631_152_000_000
        dates.append(Date(timeIntervalSince1970: (Double(millis) + [0, 0.25, 0.75][i % 3]) / 1000))
    }
    for date in dates {
        #expect(StoredTime.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSince1970)")
    }
}
