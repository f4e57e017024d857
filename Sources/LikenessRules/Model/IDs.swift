import Foundation

/// Server-generated ids: a prefix, the creation time in milliseconds (48 bits) and 64 random bits,
/// in hex. Ids made later sort later, so new rows land at the end of their indexes instead of
/// on a random page of a large index (receipts are written at thousands per second).
public enum IDs {
    public static func make(_ prefix: String, now: Date) -> String {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        let random = UInt64.random(in: .min ... .max)
        let time = withUnsafeBytes(of: millis.bigEndian) { Array($0.dropFirst(2)) }
        return prefix + "-" + Hex.encode(time + withUnsafeBytes(of: random.bigEndian, Array.init))
    }
}
