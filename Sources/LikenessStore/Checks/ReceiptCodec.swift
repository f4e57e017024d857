import Foundation
import LikenessRules
import Synchronization
import Zstd

/// How receipts are kept on disk. Each body is compressed with a dictionary trained on the
/// database's own receipts (receipts are very alike, so it shrinks to about a tenth), or kept as
/// plain UTF-8 while no dictionary exists yet (a new or upgraded database). Either way a body
/// reads back byte for byte. Dictionaries are never changed or deleted: every receipt names the
/// one it was packed with.
public final class ReceiptCodec: Sendable {
    /// A body as stored: its dictionary (nil: plain UTF-8) and its bytes.
    public struct Packed: Sendable {
        public let dictionary: Int64?
        public let bytes: [UInt8]
    }

    struct Current: Sendable {
        let id: Int64
        let dictionary: ZstdDictionary
    }

    struct State: Sendable {
        var current: Current?
        var known: [Int64: ZstdDictionary] = [:]
    }

    let state = Mutex(State())

    /// A dictionary is trained on the newest stored receipts: at least this many ...
    public static let minimumSamples = 1_000
    /// ... and at most this many.
    public static let maximumSamples = 4_000
    /// The largest dictionary, in bytes (16 KiB compressed receipts as well as 64 KiB did).
    static let dictionaryCapacity = 32 * 1024

    init() {}

    /// The id of the dictionary new receipts are packed with; nil before one is trained.
    public var currentDictionary: Int64? { state.withLock { $0.current?.id } }

    /// Packs `body` with the current dictionary (plain before there is one).
    public func pack(_ body: String) -> Packed {
        guard let current = state.withLock({ $0.current }) else { return Packed(dictionary: nil, bytes: Array(body.utf8)) }
        return Packed(dictionary: current.id, bytes: current.dictionary.compress(body.utf8))
    }

    /// The body a stored receipt was packed from, exactly.
    public func unpack(dictionary: Int64?, bytes: Data, _ db: any SQLConnection) throws -> String {
        guard let dictionary else { return String(decoding: bytes, as: UTF8.self) }
        do {
            return String(decoding: try self.dictionary(dictionary, db).decompress(Array(bytes)), as: UTF8.self)
        } catch let failure as Zstd.Failure {
            throw LikenessError(.internal, "corrupt-row", "a stored receipt cannot be unpacked: \(failure)")
        }
    }

    /// Unpacks the `dictionary` and `body` columns of a `check_receipt` row.
    func body(of row: SQLRow, _ db: any SQLConnection) throws -> String {
        try unpack(dictionary: try row["dictionary"], bytes: try row["body"], db)
    }

    /// A dictionary by id, digested once per process (another process may have trained it).
    func dictionary(_ id: Int64, _ db: any SQLConnection) throws -> ZstdDictionary {
        if let known = state.withLock({ $0.known[id] }) { return known }
        guard let bytes: Data = try db.value("SELECT bytes FROM receipt_dictionary WHERE id = ?", [id]) else {
            throw LikenessError(.internal, "corrupt-row", "a stored receipt names dictionary \(id), which is missing")
        }
        let digested = try ZstdDictionary(Array(bytes))
        state.withLock { $0.known[id] = digested }
        return digested
    }

    /// Makes the newest stored dictionary current (at open, and to follow one another process trained).
    public func loadNewest(_ db: any SQLConnection) throws {
        guard let id: Int64 = try db.value("SELECT max(id) FROM receipt_dictionary") else { return }
        let digested = try dictionary(id, db)
        state.withLock { if ($0.current?.id ?? 0) < id { $0.current = Current(id: id, dictionary: digested) } }
    }
}
