import GRDB
import GRDBSQLite
import LikenessRules

/// The facts index's full reads on SQLite, straight from the columns by position: only the
/// columns a check needs, no lookup of columns by name, no `Codable`. A grant's vocabularies are
/// matched byte by byte, and each distinct list of territories or excluded content is parsed once
/// and shared by every grant that has it (they repeat a lot: less to parse and to hold).
extension Database {
    public func forEachPerformerFacts(after: Int64?, _ add: (PerformerFacts) -> Void) throws {
        let rows = try Row.fetchCursor(self, sql: "SELECT id, name, minor_until, deceased_on FROM performer" + Self.above(after))
        while let row = try rows.next() {
            let id: String = row[0]
            func day(_ index: Int, _ column: String) throws -> Day? {
                guard let text = row[index] as String? else { return nil }
                guard let day = Day(text) else { throw corruptFact("performer", id, column) }
                return day
            }
            add(PerformerFacts(id: id, name: row[1], minorUntil: try day(2, "minor_until"), deceasedOn: try day(3, "deceased_on")))
        }
    }

    public func forEachRoleFacts(after: Int64?, _ add: (String, RoleFacts) -> Void) throws {
        let rows = try Row.fetchCursor(self, sql: #"SELECT id, performer, production, category, "union" FROM role"# + Self.above(after))
        while let row = try rows.next() {
            let id: String = row[0]
            guard let category = RoleCategory(rawValue: row[3]) else { throw corruptFact("role", id, "category") }
            add(row[1], RoleFacts(id: id, production: row[2], category: category, union: row[4]))
        }
    }

    public func forEachGrantRun(from: Int64?, below: Int64?, _ add: (String, GrantRun) -> Void) throws {
        var bounds: [String] = [], values: [Int64] = []
        if let from { bounds.append("rowid >= ?"); values.append(from) }
        if let below { bounds.append("rowid < ?"); values.append(below) }
        let arguments = StatementArguments(values)
        let statement = try makeStatement(sql: """
            SELECT id, performer, production, uses, aspects, destinations, territories, excluded_content,
                   valid_from, valid_until, signed_by, survives_death, status
            FROM consent_grant \(bounds.isEmpty ? "" : "WHERE " + bounds.joined(separator: " AND "))
            """)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var reader = SQLiteFactsReader()
        // The run being read, in a buffer that is reused for every run.
        var performer = "", grants: [GrantFacts] = [], inIDOrder = true
        func endRun() {
            guard !grants.isEmpty else { return }
            add(performer, GrantRun(grants: Array(unsafeUninitializedCapacity: grants.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: grants)
            }, inIDOrder: inIDOrder))
            grants.removeAll(keepingCapacity: true)
            inIDOrder = true
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
            }
            try reader.read(SQLiteFactsReader.Columns(handle: handle)) { owner, grant in
                if owner != performer {
                    endRun()
                    performer = owner
                } else if let last = grants.last, last.id >= grant.id {
                    inIDOrder = false
                }
                grants.append(grant)
            }
        }
        endRun()
    }

    /// The clause that keeps the rows whose rowid is above `rowid`, if given (an integer, not text).
    static func above(_ rowid: Int64?) -> String { rowid.map { " WHERE rowid > \($0)" } ?? "" }
}

/// Reads grants' rows through SQLite's C interface, keeping the lists it has parsed.
struct SQLiteFactsReader {
    private var lists: [String: [String]] = [:]
    private let uses = Terms<Use>(), aspects = Terms<Aspect>(), destinations = Terms<Destination>()

    /// The columns of the row a statement is on, read through SQLite's C interface: a text's
    /// bytes are read with their length (no C string to measure) and the vocabularies' sets
    /// straight from those bytes, without making a string.
    struct Columns {
        let handle: OpaquePointer

        func bytes(_ index: Int32) -> UnsafeRawBufferPointer? {
            guard sqlite3_column_type(handle, index) != SQLITE_NULL, let text = sqlite3_column_text(handle, index) else { return nil }
            return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
        }

        func text(_ index: Int32) -> String? { bytes(index).map { String(decoding: $0, as: UTF8.self) } }

        func bool(_ index: Int32) -> Bool { sqlite3_column_int64(handle, index) != 0 }
    }

    mutating func read(_ row: Columns, _ add: (String, GrantFacts) -> Void) throws {
        let id = row.text(0) ?? ""
        func corrupt(_ column: String) -> LikenessError { corruptFact("grant", id, column) }
        guard let performer = row.text(1) else { throw corrupt("performer") }
        guard let uses = row.bytes(3).flatMap(self.uses.set) else { throw corrupt("uses") }
        guard let aspects = row.bytes(4).flatMap(self.aspects.set) else { throw corrupt("aspects") }
        guard let destinations = row.bytes(5).flatMap(self.destinations.set) else { throw corrupt("destinations") }
        guard let territories = row.text(6).flatMap({ list($0) }) else { throw corrupt("territories") }
        guard let excluded = row.text(7).flatMap({ list($0) }) else { throw corrupt("excluded_content") }
        guard let validFrom = row.text(8).flatMap(Day.init) else { throw corrupt("valid_from") }
        guard let validUntil = row.text(9).flatMap(Day.init) else { throw corrupt("valid_until") }
        guard let signedBy = row.text(10).flatMap(Signer.init(rawValue:)) else { throw corrupt("signed_by") }
        guard let status = row.text(12).flatMap(GrantStatus.init(rawValue:)) else { throw corrupt("status") }
        add(performer, GrantFacts(
            id: id, production: row.text(2), uses: uses, aspects: aspects, destinations: destinations,
            territories: territories == ["*"] ? nil : territories, excludedContent: excluded,
            validFrom: validFrom, validUntil: validUntil, signedBy: signedBy, survivesDeath: row.bool(11), status: status))
    }

    /// A JSON array of strings, parsed once per distinct text.
    private mutating func list(_ text: String) -> [String]? {
        if let known = lists[text] { return known }
        guard let parsed = JSONStringArray.parse(text) else { return nil }
        lists[text] = parsed
        return parsed
    }

    /// A vocabulary's terms as bytes, to read a JSON array of them without making strings.
    struct Terms<E: Vocabulary> {
        let terms = E.allCases.map { (Array($0.rawValue.utf8), $0) }

        /// The set a JSON array of terms (as JSONText writes it: no spaces, no escapes) names.
        func set(_ bytes: UnsafeRawBufferPointer) -> EnumSet<E>? {
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return nil }
            var set = EnumSet<E>()
            var at = 1
            while at < bytes.count - 1 {
                guard bytes[at] == UInt8(ascii: "\"") else { return nil }
                var end = at + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                guard end < bytes.count - 1,
                      let term = terms.first(where: { $0.0.elementsEqual(bytes[(at + 1)..<end]) })?.1 else { return nil }
                set.insert(term)
                at = end + 1
                if bytes[at] == UInt8(ascii: ",") { at += 1 } else if at != bytes.count - 1 { return nil }
            }
            return set
        }
    }
}
