/// Decimal digits written in place (the check path formats a few dates per check).
package enum ASCIIDigits {
    /// `value`'s last `count` digits, zero-padded, ending at `text[end]`.
    package static func put(_ value: Int, count: Int, endingAt end: Int, in text: UnsafeMutableBufferPointer<UInt8>) {
        var value = value
        for position in stride(from: end, to: end - count, by: -1) {
            text[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }
}

/// Instants as text in UTC, `YYYY-MM-DD<separator>HH:MM:SS[.mmm]<suffix>`, made without a
/// `DateFormatter` (receipts, their storage and the audit log write one per check or entry).
package enum UTCText {
    /// `millis` since 1970; with `fraction`, the milliseconds too.
    package static func format(millis: Int, separator: UInt8, fraction: Bool, suffix: StaticString = "") -> String {
        let day = Day(ordinal: Int((Double(millis) / 86_400_000).rounded(.down)))
        let date = day.description
        let inDay = millis - day.ordinal * 86_400_000
        let clock = date.utf8.count  // where the time of day starts
        let length = clock + (fraction ? 13 : 9) + suffix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: length) { text in
            for (i, byte) in date.utf8.enumerated() { text[i] = byte }
            text[clock] = separator
            ASCIIDigits.put(inDay / 3_600_000, count: 2, endingAt: clock + 2, in: text)
            text[clock + 3] = UInt8(ascii: ":")
            ASCIIDigits.put(inDay / 60_000 % 60, count: 2, endingAt: clock + 5, in: text)
            text[clock + 6] = UInt8(ascii: ":")
            ASCIIDigits.put(inDay / 1_000 % 60, count: 2, endingAt: clock + 8, in: text)
            if fraction {
                text[clock + 9] = UInt8(ascii: ".")
                ASCIIDigits.put(inDay % 1_000, count: 3, endingAt: clock + 12, in: text)
            }
            suffix.withUTF8Buffer { tail in
                for (i, byte) in tail.enumerated() { text[length - tail.count + i] = byte }
            }
            return length
        }
    }
}
