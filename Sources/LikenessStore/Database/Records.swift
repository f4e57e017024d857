import Foundation
import GRDB
import LikenessRules

/// Shared GRDB configuration of the record types: snake_case columns, dates as SQLite text.
public protocol LikenessRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

extension LikenessRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension Performer: LikenessRecord { public static let databaseTableName = "performer" }

/// A record an import writes by the hundred thousand: its columns by hand, as its row is stored
/// (a test holds them equal to GRDB's encoding), without the cost of `Codable`.
protocol BulkInsertable: TableRecord {
    static var columns: [String] { get }
    static var insertShape: RowInsert.Shape { get }
    var columnValues: [(any DatabaseValueConvertible)?] { get }
}

extension Performer: BulkInsertable {
    static let columns = ["id", "name", "minor_until", "deceased_on", "created_at"]
    static let insertShape = RowInsert.Shape(table: databaseTableName, columns: columns)
    var columnValues: [(any DatabaseValueConvertible)?] {
        [id, name, minorUntil?.description, deceasedOn?.description, StoredTime.text(createdAt)]
    }
}

extension Role: BulkInsertable {
    static let columns = ["id", "production", "performer", "name", "category", "union", "created_at"]
    static let insertShape = RowInsert.Shape(table: databaseTableName, columns: columns)
    var columnValues: [(any DatabaseValueConvertible)?] {
        [id, production, performer, name, category.rawValue, union, StoredTime.text(createdAt)]
    }
}
extension Production: LikenessRecord { public static let databaseTableName = "production" }
extension Role: LikenessRecord { public static let databaseTableName = "role" }
extension Tool: LikenessRecord { public static let databaseTableName = "tool" }
extension UnionState: LikenessRecord { public static let databaseTableName = "union_state" }
extension GrantStatusChange: LikenessRecord { public static let databaseTableName = "grant_status_change" }
extension Approval: LikenessRecord { public static let databaseTableName = "approval" }
extension Account: LikenessRecord { public static let databaseTableName = "account" }
extension APIKey: LikenessRecord { public static let databaseTableName = "api_key" }

/// An approval request's row: its `check` is the column `check_id` (CHECK is an SQL keyword),
/// its requirements a JSON array.
extension ApprovalRequest: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "approval_request"

    public init(row: Row) throws {
        func parsed<T>(_ column: String, _ parse: (String) -> T?) throws -> T {
            guard let text = row[column] as String?, let value = parse(text) else {
                throw LikenessError(.internal, "corrupt-row", "approval request \(row["id"] as String? ?? "?") has a malformed \(column)")
            }
            return value
        }
        self.init(
            id: row["id"], check: row["check_id"], production: row["production"], performer: row["performer"],
            use: try parsed("use", Use.init(rawValue:)), destination: try parsed("destination", Destination.init(rawValue:)),
            requirements: try parsed("requirements") { JSONStringArray.parse($0)?.compactMap(Requirement.init(rawValue:)) },
            note: row["note"], state: try parsed("state", RequestState.init(rawValue:)), requestedBy: row["requested_by"],
            requestedAt: row["requested_at"], contact: row["contact"], approval: row["approval"],
            decidedBy: row["decided_by"], decidedAt: row["decided_at"], reason: row["reason"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["check_id"] = check
        container["production"] = production
        container["performer"] = performer
        container["use"] = use.rawValue
        container["destination"] = destination.rawValue
        container["requirements"] = JSONText.array(requirements.map(\.rawValue))
        container["note"] = note
        container["state"] = state.rawValue
        container["requested_by"] = requestedBy
        container["requested_at"] = requestedAt
        container["contact"] = contact
        container["approval"] = approval
        container["decided_by"] = decidedBy
        container["decided_at"] = decidedAt
        container["reason"] = reason
    }
}

/// A grant's row has one reader and one writer, written by hand: every insert, update, full load
/// of the facts index and refresh goes through them, and a million grants load without Codable.
/// Sets are JSON arrays of strings; evidence is a JSON object or NULL, whose members SQLite reads.
extension Grant: FetchableRecord, PersistableRecord, BulkInsertable {
    public static let databaseTableName = "consent_grant"

    public static var databaseSelection: [any SQLSelectable] {
        [.allColumns(excluding: ["evidence"]),
         SQL("evidence IS NOT NULL AS has_evidence"),
         SQL("json_extract(evidence, '$.documentRef') AS evidence_ref"),
         SQL("json_extract(evidence, '$.sha256') AS evidence_sha256")]
    }

    public init(row: Row) throws {
        func strings(_ column: String) throws -> [String] {
            let text: String = row[column]
            return try JSONStringArray.parse(text) ?? JSONDecoder().decode([String].self, from: Data(text.utf8))
        }
        func terms<E: Vocabulary>(_ column: String) throws -> [E] {
            try strings(column).map { value in
                guard let term = E(rawValue: value) else { throw Self.corrupt(row, column) }
                return term
            }
        }
        func parsed<T>(_ column: String, _ parse: (String) -> T?) throws -> T {
            guard let value = parse(row[column]) else { throw Self.corrupt(row, column) }
            return value
        }
        let evidence = row["has_evidence"] as Bool
            ? Evidence(documentRef: row["evidence_ref"], sha256: row["evidence_sha256"]) : nil
        self.init(
            id: row["id"], performer: row["performer"], production: row["production"], uses: try terms("uses"),
            aspects: try terms("aspects"), destinations: try terms("destinations"), territories: try strings("territories"),
            excludedContent: try strings("excluded_content"), validFrom: try parsed("valid_from", Day.init),
            validUntil: try parsed("valid_until", Day.init), signedBy: try parsed("signed_by", Signer.init(rawValue:)),
            survivesDeath: row["survives_death"], description: row["description"], evidence: evidence,
            status: try parsed("status", GrantStatus.init(rawValue:)), recordedAt: row["recorded_at"],
            recordedBy: row["recorded_by"])
    }

    /// The row's columns, in the order of `columnValues`.
    static let columns = ["id", "performer", "production", "uses", "aspects", "destinations", "territories", "excluded_content",
                          "valid_from", "valid_until", "signed_by", "survives_death", "description", "evidence", "status",
                          "recorded_at", "recorded_by"]

    /// The row's values, as stored (times as `StoredTime`, without a `DateFormatter`).
    var columnValues: [(any DatabaseValueConvertible)?] {
        [id, performer, production, JSONText.array(uses.map(\.rawValue)), JSONText.array(aspects.map(\.rawValue)),
         JSONText.array(destinations.map(\.rawValue)), JSONText.array(territories), JSONText.array(excludedContent),
         validFrom.description, validUntil.description, signedBy.rawValue, survivesDeath, description,
         evidence.map(JSONText.evidence), status.rawValue, StoredTime.text(recordedAt), recordedBy]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        for (column, value) in zip(Self.columns, columnValues) { container[column] = value }
    }


    static let insertShape = RowInsert.Shape(table: databaseTableName, columns: columns)

    static func corrupt(_ row: Row, _ column: String) -> LikenessError {
        LikenessError(.internal, "corrupt-row", "grant \(row["id"] as String? ?? "?") has a malformed \(column)")
    }
}
