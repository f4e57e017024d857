import CZstd
import Synchronization

/// Zstandard compression with a trained dictionary (libzstd): small, very alike inputs (receipts)
/// compress far better with a dictionary learnt from their kind than alone.
public enum Zstd {
    /// A libzstd failure, with its message.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ code: Int) { description = String(cString: ZSTD_getErrorName(code)) }
        init(message: String) { description = message }
    }

    /// Trains a dictionary of at most `capacity` bytes on `samples`; fails when they are too few or too small.
    public static func train(samples: [[UInt8]], capacity: Int) throws -> [UInt8] {
        var joined: [UInt8] = []
        joined.reserveCapacity(samples.reduce(0) { $0 + $1.count })
        for sample in samples { joined.append(contentsOf: sample) }
        let sizes = samples.map { $0.count }
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let size = dictionary.withUnsafeMutableBytes { out in
            joined.withUnsafeBytes { input in
                ZDICT_trainFromBuffer(out.baseAddress, capacity, input.baseAddress, sizes, UInt32(sizes.count))
            }
        }
        if ZDICT_isError(size) != 0 { throw Failure(message: String(cString: ZDICT_getErrorName(size))) }
        return Array(dictionary.prefix(size))
    }

    /// The identifier libzstd wrote into a trained dictionary (0 for raw content).
    public static func identifier(of dictionary: [UInt8]) -> UInt32 {
        dictionary.withUnsafeBytes { ZDICT_getDictID($0.baseAddress, $0.count) }
    }
}

/// A dictionary digested for compression and decompression; immutable, so shared by every
/// thread. Compression contexts are reused from a small pool rather than made per call.
public final class ZstdDictionary: Sendable {
    nonisolated(unsafe) private let compression: OpaquePointer
    nonisolated(unsafe) private let decompression: OpaquePointer
    private let contexts = Mutex<[ContextPair]>([])

    struct ContextPair: @unchecked Sendable {
        let compress: OpaquePointer
        let decompress: OpaquePointer
    }

    /// Digests `bytes` (a trained dictionary) for compression at `level`.
    public init(_ bytes: [UInt8], level: Int32 = 3) throws {
        guard let c = bytes.withUnsafeBytes({ ZSTD_createCDict($0.baseAddress, $0.count, level) }) else {
            throw Zstd.Failure(message: "cannot digest the dictionary for compression")
        }
        guard let d = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }) else {
            ZSTD_freeCDict(c)
            throw Zstd.Failure(message: "cannot digest the dictionary for decompression")
        }
        compression = c
        decompression = d
    }

    deinit {
        for pair in contexts.withLock({ $0 }) {
            ZSTD_freeCCtx(pair.compress)
            ZSTD_freeDCtx(pair.decompress)
        }
        ZSTD_freeCDict(compression)
        ZSTD_freeDDict(decompression)
    }

    private func withContexts<T>(_ body: (ContextPair) throws -> T) rethrows -> T {
        let pair = contexts.withLock { $0.popLast() } ?? ContextPair(compress: ZSTD_createCCtx(), decompress: ZSTD_createDCtx())
        defer { contexts.withLock { $0.append(pair) } }
        return try body(pair)
    }

    /// One zstd frame of `input` (its size recorded in the frame).
    public func compress(_ input: some Collection<UInt8>) -> [UInt8] {
        let source = Array(input)
        let bound = ZSTD_compressBound(source.count)
        return withContexts { pair in
            [UInt8](unsafeUninitializedCapacity: bound) { out, written in
                let size = source.withUnsafeBytes { src in
                    ZSTD_compress_usingCDict(pair.compress, out.baseAddress, bound, src.baseAddress, src.count, compression)
                }
                // Compressing into a buffer of the bound's size cannot fail.
                precondition(ZSTD_isError(size) == 0, "zstd: \(Zstd.Failure(size))")
                written = size
            }
        }
    }

    /// The input of a frame `compress` made with this dictionary; throws for anything else.
    public func decompress(_ frame: [UInt8]) throws -> [UInt8] {
        let size = frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values.
        guard size < UInt64.max - 1, size < 64 << 20 else {
            throw Zstd.Failure(message: "not a zstd frame with a known size")
        }
        return try withContexts { pair in
            var failure: Int?
            let output = [UInt8](unsafeUninitializedCapacity: Int(size)) { out, written in
                let n = frame.withUnsafeBytes { src in
                    ZSTD_decompress_usingDDict(pair.decompress, out.baseAddress, Int(size), src.baseAddress, src.count, decompression)
                }
                if ZSTD_isError(n) != 0 { failure = n; written = 0 } else { written = n }
            }
            if let failure { throw Zstd.Failure(failure) }
            return output
        }
    }
}
