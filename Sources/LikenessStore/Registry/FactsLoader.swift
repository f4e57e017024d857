import GRDB
import LikenessRules

/// Reads the facts of every performer, role and grant for the facts index straight from their
/// columns, by position: only the columns a check needs, no lookup of columns by name, no
/// `Codable`. A grant's vocabularies are matched byte by byte, and each distinct list of
/// territories or excluded content is parsed once and shared by every grant that has it (they
/// repeat a lot: less to parse and to hold).
struct FactsLoader {
    /// Calls `add` with each performer's facts.
    static func performers(_ db: Database, _ add: (PerformerFacts) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name, minor_until, deceased_on FROM performer")
        while let row = try rows.next() {
            let id: String = row[0]
            func day(_ index: Int, _ column: String) throws -> Day? {
                guard let text = row[index] as String? else { return nil }
                guard let day = Day(text) else { throw corrupt("performer", id, column) }
                return day
            }
            add(PerformerFacts(id: id, name: row[1], minorUntil: try day(2, "minor_until"), deceasedOn: try day(3, "deceased_on")))
        }
    }

    /// Calls `add` with each role's performer and facts, in the table's order.
    static func roles(_ db: Database, _ add: (String, RoleFacts) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: #"SELECT id, performer, production, category, "union" FROM role"#)
        while let row = try rows.next() {
            let id: String = row[0]
            guard let category = RoleCategory(rawValue: row[3]) else { throw corrupt("role", id, "category") }
            add(row[1], RoleFacts(id: id, production: row[2], category: category, union: row[4]))
        }
    }

    static func corrupt(_ what: String, _ id: String, _ column: String) -> LikenessError {
        LikenessError(.internal, "corrupt-row", "\(what) \(id) has a malformed \(column)")
    }

    private var lists: [String: [String]] = [:]
    private let uses = Terms<Use>(), aspects = Terms<Aspect>(), destinations = Terms<Destination>()

    /// One performer's grants that come one after another in the table's order.
    struct Run {
        var grants: [GrantFacts]
        /// Whether the run's grants are in id order.
        var inIDOrder = true
    }

    /// Calls `add` with each run of one performer's grants that come one after another in the
    /// table's order (a performer's grants mostly do: one call per run, arrays sized to what they
    /// hold), for the grants whose rowid is at least `from` (if given) and below `below` (if given).
    static func grantRuns(_ db: Database, from: Int64? = nil, below: Int64? = nil, _ add: (String, Run) -> Void) throws {
        var bounds: [String] = [], arguments: StatementArguments = []
        if let from { bounds.append("rowid >= ?"); arguments += [from] }
        if let below { bounds.append("rowid < ?"); arguments += [below] }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, performer, production, uses, aspects, destinations, territories, excluded_content,
                   valid_from, valid_until, signed_by, survives_death, status
            FROM consent_grant \(bounds.isEmpty ? "" : "WHERE " + bounds.joined(separator: " AND "))
            """, arguments: arguments)
        var loader = FactsLoader()
        var performer = "", run = Run(grants: [])
        while let row = try rows.next() {
            try loader.read(row) { owner, grant in
                if owner == performer, let last = run.grants.last {
                    if last.id >= grant.id { run.inIDOrder = false }
                    run.grants.append(grant)
                } else {
                    if !run.grants.isEmpty { add(performer, run) }
                    performer = owner
                    run = Run(grants: [grant])
                }
            }
        }
        if !run.grants.isEmpty { add(performer, run) }
    }

    private mutating func read(_ row: Row, _ add: (String, GrantFacts) -> Void) throws {
        let id: String = row[0]
        func corrupt(_ column: String) -> LikenessError { Self.corrupt("grant", id, column) }
        guard let uses = self.uses.set(row[3]) else { throw corrupt("uses") }
        guard let aspects = self.aspects.set(row[4]) else { throw corrupt("aspects") }
        guard let destinations = self.destinations.set(row[5]) else { throw corrupt("destinations") }
        guard let territories = list(row[6]) else { throw corrupt("territories") }
        guard let excluded = list(row[7]) else { throw corrupt("excluded_content") }
        guard let validFrom = Day(row[8] as String) else { throw corrupt("valid_from") }
        guard let validUntil = Day(row[9] as String) else { throw corrupt("valid_until") }
        guard let signedBy = Signer(rawValue: row[10]) else { throw corrupt("signed_by") }
        guard let status = GrantStatus(rawValue: row[12]) else { throw corrupt("status") }
        add(row[1], GrantFacts(
            id: id, production: row[2], uses: uses, aspects: aspects, destinations: destinations,
            territories: territories == ["*"] ? nil : territories, excludedContent: excluded,
            validFrom: validFrom, validUntil: validUntil, signedBy: signedBy, survivesDeath: row[11], status: status))
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
        func set(_ text: String) -> EnumSet<E>? {
            var text = text
            return text.withUTF8 { bytes -> EnumSet<E>? in
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
}
