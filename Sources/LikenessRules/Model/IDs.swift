import Foundation

/// Server-generated ids: a prefix, the creation time in milliseconds (48 bits) and 64 random bits,
/// in hex. Ids made later sort later, so new rows land at the end of their indexes instead of
/// on a random page of a large index (receipts are written at thousands per second).
public enum IDs {
    public static func make(_ prefix: String, now: Date) -> String {
        text(prefix, millis: millis(now), UInt64.random(in: .min ... .max))
    }

    static func millis(_ date: Date) -> UInt64 {
        UInt64(max(0, date.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
    }

    static func text(_ prefix: String, millis: UInt64, _ random: UInt64) -> String {
        let time = withUnsafeBytes(of: millis.bigEndian) { Array($0.dropFirst(2)) }
        return prefix + "-" + Hex.encode(time + withUnsafeBytes(of: random.bigEndian, Array.init))
    }

    /// Ids for many records made in one instant (an import's events): the first has random bits
    /// like any other, each next one those bits plus one. They sort in the order they are made, so
    /// a million of them grow their index at one end instead of on random pages.
    public struct Series: Sendable {
        let prefix: String
        let millis: UInt64
        var next: UInt64

        public init(_ prefix: String, now: Date) {
            self.prefix = prefix
            millis = IDs.millis(now)
            // Room for 2^32 ids before the bits would wrap.
            next = UInt64.random(in: .min ... .max - UInt64(UInt32.max))
        }

        public mutating func make() -> String {
            defer { next += 1 }
            return IDs.text(prefix, millis: millis, next)
        }
    }
}
