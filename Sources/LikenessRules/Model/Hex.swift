/// Lowercase hexadecimal text of bytes (ids, token hashes, audit hashes).
public enum Hex {
    package static let digits = Array("0123456789abcdef".utf8)

    /// Lowercase hex, written straight into the string (tokens are hashed on every request).
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let bytes = Array(bytes)
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
            for (i, b) in bytes.enumerated() {
                text[2 * i] = digits[Int(b >> 4)]
                text[2 * i + 1] = digits[Int(b & 0xF)]
            }
            return 2 * bytes.count
        }
    }
}
