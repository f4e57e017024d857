import Foundation
import GRDB
import LikenessRules

/// Instants as the database holds them: the text GRDB writes for a `Date`
/// (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, to the nearest millisecond).
public enum StoredTime {
    public static func text(_ date: Date) -> String {
        UTCText.format(millis: Int((date.timeIntervalSince1970 * 1000).rounded()), separator: UInt8(ascii: " "), fraction: true)
    }

    /// Reads what `text` wrote (and any other time GRDB reads as a `Date`).
    public static func date(_ text: String) -> Date? {
        Date.fromDatabaseValue(text.databaseValue)
    }
}
