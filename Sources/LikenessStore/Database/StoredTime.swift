import Foundation
import LikenessRules

/// Instants as the database holds them: `yyyy-MM-dd HH:mm:ss.SSS`, UTC, to the nearest
/// millisecond (the text GRDB writes for a `Date`, and what SQLite's `strftime('%Y-%m-%d
/// %H:%M:%f')` gives).
public enum StoredTime {
    /// `date` as it reads back once stored (to the nearest millisecond): a record answered with it
    /// says the same second as when it is read again, and its id's time agrees.
    public static func precision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    public static func text(_ date: Date) -> String {
        UTCText.format(millis: Int((date.timeIntervalSince1970 * 1000).rounded()), separator: UInt8(ascii: " "), fraction: true)
    }

    /// Reads a UTC time as SQLite's date functions write them: `yyyy-MM-dd`, then optionally a
    /// space or `T`, `HH:mm`, `:ss`, a fraction of a second of any length, and `Z`.
    public static func date(_ text: String) -> Date? {
        guard let day = Day(String(text.prefix(10))) else { return nil }
        let bytes = Array(text.utf8.dropFirst(10))
        var at = 0
        func digits(_ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[at..<(at + count)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            at += count
            return value
        }
        func skip(_ separators: UInt8...) -> Bool {
            guard at < bytes.count, separators.contains(bytes[at]) else { return false }
            at += 1
            return true
        }
        var seconds = 0.0
        if skip(UInt8(ascii: " "), UInt8(ascii: "T")) {
            guard let hour = digits(2), skip(UInt8(ascii: ":")), let minute = digits(2), hour < 24, minute < 60 else { return nil }
            seconds = Double(hour * 3600 + minute * 60)
            if skip(UInt8(ascii: ":")) {
                guard let second = digits(2), second < 60 else { return nil }
                seconds += Double(second)
                if skip(UInt8(ascii: ".")) {
                    var scale = 0.1, count = 0
                    while let digit = digits(1) {
                        seconds += Double(digit) * scale
                        scale /= 10
                        count += 1
                    }
                    guard count > 0 else { return nil }
                }
            }
            _ = skip(UInt8(ascii: "Z"))
        }
        guard at == bytes.count else { return nil }
        return Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 + seconds)
    }
}
