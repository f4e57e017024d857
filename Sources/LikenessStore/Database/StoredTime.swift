import Foundation
import LikenessRules

/// Instants as the database holds them: the text GRDB writes for a `Date`
/// (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, to the nearest millisecond).
public enum StoredTime {
    public static func text(_ date: Date) -> String {
        UTCText.format(millis: Int((date.timeIntervalSince1970 * 1000).rounded()), separator: UInt8(ascii: " "), fraction: true)
    }
}
