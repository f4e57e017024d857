import CZlib
import Foundation

/// zlib (RFC 1950) through the system's libz: the format a status list's bits are compressed in
/// (IETF OAuth Token Status List §4.1). Foundation on Linux offers no zlib of its own.
public enum Zlib {
    /// `bytes` compressed at the best compression: a status list is compressed once per change
    /// and fetched by every verifier.
    public static func compress(_ bytes: Data) -> Data {
        var bound = compressBound(uLong(bytes.count))
        var out = Data(count: Int(bound))
        let status = out.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                compress2(target.bindMemory(to: Bytef.self).baseAddress, &bound,
                          source.bindMemory(to: Bytef.self).baseAddress, uLong(bytes.count), Z_BEST_COMPRESSION)
            }
        }
        // compressBound is enough by zlib's contract, and memory failures end the process anyway.
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        out.count = Int(bound)
        return out
    }

    /// The bytes `compressed` holds, when they are zlib data that inflate to at most `limit` bytes.
    public static func decompress(_ compressed: Data, limit: Int) -> Data? {
        var size = uLongf(limit)
        var out = Data(count: limit)
        let status = out.withUnsafeMutableBytes { target in
            compressed.withUnsafeBytes { source in
                uncompress(target.bindMemory(to: Bytef.self).baseAddress, &size,
                           source.bindMemory(to: Bytef.self).baseAddress, uLong(compressed.count))
            }
        }
        guard status == Z_OK else { return nil }
        out.count = Int(size)
        return out
    }
}
