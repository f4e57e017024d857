import Foundation
import LikenessRules

/// The receipts' status lists (IETF OAuth Token Status List, one bit per status): a check gets an
/// index the first time it is attested, and its bit is 1 exactly when a grant it relied on is
/// revoked. Each list is one row holding its bits, so that a revocation impacting many checks
/// writes a few rows, and serving a list reads one.
public enum StatusLists {
    /// Indexes in a list (the draft leaves the size to the issuer; 16 KiB of bits).
    public static let size = 131_072
    static let byteCount = size / 8

    /// Where a check's status is.
    public struct Entry: Sendable, Equatable {
        public let list: Int
        public let index: Int
    }

    /// A list's bits as stored, and the version they are at (it grows with each change).
    public struct Bits: Sendable {
        public let bytes: Data
        public let version: Int64
    }

    /// The check's entry, given now when it has none: an index chosen at random among the unused
    /// ones of the current list (the first with room; a new one when all are full), so that the
    /// index says nothing of when or in which order checks were attested. Its bit starts set when
    /// a grant the check relied on is revoked already.
    public static func entry(of check: String, _ db: any SQLConnection) throws -> Entry {
        if let entry = try existing(check, db) { return entry }
        // The grants the check relied on stay as they are until this transaction ends (PostgreSQL:
        // a revocation meanwhile waits, then finds this index), so its bit cannot be missed.
        let revoked: [String] = try db.rows("""
            SELECT g.status FROM check_reliance c JOIN consent_grant g ON g.id = c.grant_id WHERE c.check_id = ?\(db.dialect.locking(shared: true))
            """, [check]).map { try $0["status"] }
        var list = try currentList(db)
        // Another transaction may have given the check its index while this one waited for the list.
        if let entry = try existing(check, db) { return entry }
        let index = randomUnused(in: list.assignedBits, assigned: list.assigned)
        list.assignedBits.setBit(index)
        try db.execute("UPDATE status_list SET assigned = assigned + 1, assigned_bits = ? WHERE list = ?",
                       [list.assignedBits, list.number])
        if revoked.contains(GrantStatus.revoked.rawValue) { try setRevoked([index], in: list.number, db) }
        try db.execute("INSERT INTO status_index (check_id, list, idx) VALUES (?, ?, ?)", [check, list.number, index])
        return Entry(list: list.number, index: index)
    }

    /// The check's entry, if it has one.
    public static func existing(_ check: String, _ db: any SQLConnection) throws -> Entry? {
        try db.row("SELECT list, idx FROM status_index WHERE check_id = ?", [check]).map {
            Entry(list: try $0["list"], index: try $0["idx"])
        }
    }

    struct OpenList {
        let number: Int
        let assigned: Int
        var assignedBits: Data
    }

    /// The first list with an unused index, locked until the transaction ends; opened when none has.
    static func currentList(_ db: any SQLConnection) throws -> OpenList {
        let query = "SELECT list, assigned, assigned_bits FROM status_list WHERE assigned < ? ORDER BY list LIMIT 1" + db.dialect.locking()
        while true {
            if let row = try db.row(query, [size]) {
                return OpenList(number: try row["list"], assigned: try row["assigned"], assignedBits: try row["assigned_bits"])
            }
            let empty = Data(count: byteCount)
            // Two transactions opening the next list at once: the second's insert does nothing and
            // it reads the list the first opened (once that has committed).
            try db.execute("""
                INSERT INTO status_list (list, assigned, assigned_bits, revoked, version)
                SELECT coalesce(max(list) + 1, 0), 0, ?, ?, 0 FROM status_list WHERE true ON CONFLICT (list) DO NOTHING
                """, [empty, empty])
        }
    }

    /// An unused index of a list with `assigned` indexes used, uniformly at random among the unused.
    static func randomUnused(in bits: Data, assigned: Int) -> Int {
        var rank = Int.random(in: 0..<(size - assigned))
        return bits.withUnsafeBytes { raw in
            for w in 0..<(raw.count / 8) {
                // Bit i of the list is bit i % 8 of byte i / 8: a little-endian word holds 64 in order.
                let free = ~UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self))
                let count = free.nonzeroBitCount
                guard rank < count else { rank -= count; continue }
                var remaining = free
                for _ in 0..<rank { remaining &= remaining - 1 }
                return w * 64 + remaining.trailingZeroBitCount
            }
            preconditionFailure("a status list counted \(assigned) indexes used but has no unused one")
        }
    }

    /// Sets the bits of the attested checks that relied on `grant` (in the revocation's transaction).
    static func revoke(grant: String, _ db: any SQLConnection) throws {
        var byList: [Int: [Int]] = [:]
        for row in try db.rows("""
            SELECT s.list, s.idx FROM check_reliance c JOIN status_index s ON s.check_id = c.check_id WHERE c.grant_id = ?
            """, [grant]) {
            byList[try row["list"], default: []].append(try row["idx"])
        }
        for (list, indexes) in byList.sorted(by: { $0.key < $1.key }) { try setRevoked(indexes, in: list, db) }
    }

    /// Sets `indexes` in list `number`'s bits, and moves the list to its next version.
    static func setRevoked(_ indexes: [Int], in number: Int, _ db: any SQLConnection) throws {
        guard var bits: Data = try db.value("SELECT revoked FROM status_list WHERE list = ?" + db.dialect.locking(), [number]) else {
            throw LikenessError(.internal, "corrupt-row", "status list \(number) is missing")
        }
        for index in indexes { bits.setBit(index) }
        try db.execute("UPDATE status_list SET revoked = ?, version = version + 1 WHERE list = ?", [bits, number])
    }

    /// The version of list `number`'s bits; nil when there is no such list.
    public static func version(of number: Int, _ db: any SQLConnection) throws -> Int64? {
        try db.value("SELECT version FROM status_list WHERE list = ?", [number])
    }

    /// List `number`'s bits; nil when there is no such list.
    public static func bits(of number: Int, _ db: any SQLConnection) throws -> Bits? {
        try db.row("SELECT revoked, version FROM status_list WHERE list = ?", [number]).map {
            Bits(bytes: try $0["revoked"], version: try $0["version"])
        }
    }
}

extension Data {
    /// Sets bit `index`, least significant bit of each byte first (the draft's order).
    mutating func setBit(_ index: Int) {
        self[startIndex + index / 8] |= UInt8(1) << UInt8(index % 8)
    }
}
