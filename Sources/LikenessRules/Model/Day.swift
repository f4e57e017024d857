import Foundation

/// A UTC calendar day, written `YYYY-MM-DD` in JSON and in the database.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Parses a strict `YYYY-MM-DD` (a real calendar day, years 0001–9999); nil otherwise.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              y >= 1, (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y)
        else { return nil }
        self.ordinal = Day.ordinal(year: y, month: m, day: d)
    }

    /// The UTC day containing `date`.
    public init(_ date: Date) {
        self.ordinal = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The first day a date can name (`0001-01-01`).
    public static let earliest = Day(ordinal: Day.ordinal(year: 1, month: 1, day: 1))

    /// The last day a date can name (`9999-12-31`): texts of later days would sort before it.
    public static let latest = Day(ordinal: Day.ordinal(year: 9999, month: 12, day: 31))

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public var description: String {
        let (y, m, d) = civil
        guard (0...9999).contains(y) else {
            func pad(_ v: Int, _ w: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, w - s.count)) + s
            }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { text in
            ASCIIDigits.put(y, count: 4, endingAt: 3, in: text)
            text[4] = UInt8(ascii: "-")
            ASCIIDigits.put(m, count: 2, endingAt: 6, in: text)
            text[7] = UInt8(ascii: "-")
            ASCIIDigits.put(d, count: 2, endingAt: 9, in: text)
            return 10
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var civil: (Int, Int, Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
