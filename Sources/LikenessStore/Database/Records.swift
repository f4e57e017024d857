import Foundation
import LikenessRules

/// A record an import writes by the hundred thousand: its insert's text made once.
protocol BulkInsertable: TableRow {
    static var insertShape: RowInsert.Shape { get }
}

extension Performer: BulkInsertable {
    public static let table = "performer"
    public static let columns = ["id", "name", "minor_until", "deceased_on", "created_at"]
    static let insertShape = RowInsert.Shape(table: table, columns: columns)
    public var values: [any SQLValueConvertible] {
        [id, name, minorUntil?.description, deceasedOn?.description, createdAt]
    }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], name: try row["name"], minorUntil: try Self.day(row, "minor_until"),
                  deceasedOn: try Self.day(row, "deceased_on"), createdAt: try row["created_at"])
    }
}

extension Production: TableRow {
    public static let table = "production"
    public static let columns = ["id", "title", "studio", "non_fiction", "contact", "created_at"]
    public var values: [any SQLValueConvertible] { [id, title, studio, nonFiction ? 1 : 0, contact, createdAt] }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], title: try row["title"], studio: try row["studio"], nonFiction: try Self.flag(row, "non_fiction"),
                  contact: try row["contact"], createdAt: try row["created_at"])
    }
}

extension Role: BulkInsertable {
    public static let table = "role"
    public static let columns = ["id", "production", "performer", "name", "category", "union", "created_at"]
    static let insertShape = RowInsert.Shape(table: table, columns: columns)
    public var values: [any SQLValueConvertible] { [id, production, performer, name, category.rawValue, union, createdAt] }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], production: try row["production"], performer: try row["performer"], name: try row["name"],
                  category: try Self.parsed(row, "category", RoleCategory.init(rawValue:)), union: try row["union"],
                  createdAt: try row["created_at"])
    }
}

extension Tool: TableRow {
    public static let table = "tool"
    public static let columns = ["id", "name", "vendor", "version", "retains_inputs", "enterprise_secured", "created_at"]
    public var values: [any SQLValueConvertible] { [id, name, vendor, version, retainsInputs ? 1 : 0, enterpriseSecured ? 1 : 0, createdAt] }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], name: try row["name"], vendor: try row["vendor"], version: try row["version"], retainsInputs: try Self.flag(row, "retains_inputs"),
                  enterpriseSecured: try Self.flag(row, "enterprise_secured"), createdAt: try row["created_at"])
    }
}

extension UnionState: TableRow {
    public static let table = "union_state"
    public static let columns = ["name", "strike", "updated_at", "updated_by"]
    public var values: [any SQLValueConvertible] { [name, strike ? 1 : 0, updatedAt, updatedBy] }

    public init(row: SQLRow) throws {
        self.init(name: try row["name"], strike: try Self.flag(row, "strike"), updatedAt: try row["updated_at"],
                  updatedBy: try row["updated_by"])
    }
}

/// Its `id` is the database's: rows are written by `Registry.statusRow`, without one.
extension GrantStatusChange: TableRow {
    public static let table = "grant_status_change"
    public static let columns = ["id", "grant_id", "status", "reason", "at", "actor", "by_role", "by_capacity"]
    public var values: [any SQLValueConvertible] {
        [id, grantId, status.rawValue, reason, at, actor, by.role.rawValue, by.capacity?.rawValue]
    }

    public init(row: SQLRow) throws {
        let actor: String = try row["actor"]
        let capacity: String? = try row["by_capacity"]
        self.init(id: try row["id"], grantId: try row["grant_id"], status: try Self.parsed(row, "status", GrantStatus.init(rawValue:)),
                  reason: try row["reason"], at: try row["at"], actor: actor,
                  by: ActedBy(account: actor, role: try Self.parsed(row, "by_role", AccountRole.init(rawValue:)),
                              capacity: try capacity.map { _ in try Self.parsed(row, "by_capacity", Capacity.init(rawValue:)) }))
    }
}

/// Its sets are JSON arrays; `uses` and `destinations` NULL for any.
extension Approval: TableRow {
    public static let table = "approval"
    public static let columns = ["id", "production", "performer", "uses", "destinations", "covers", "valid_until", "approved_by",
                          "reference", "status", "revoked_at", "revoked_by", "revoke_reason", "recorded_at", "recorded_by"]
    public var values: [any SQLValueConvertible] {
        [id, production, performer, uses.map { JSONText.array($0.map(\.rawValue)) },
         destinations.map { JSONText.array($0.map(\.rawValue)) }, JSONText.array(covers.map(\.rawValue)), validUntil?.description,
         approvedBy, reference, status.rawValue, revokedAt, revokedBy, revokeReason, recordedAt, recordedBy]
    }

    public init(row: SQLRow) throws {
        func terms<Term: RawRepresentable<String>>(_ column: String) throws -> [Term]? {
            try (row[column] as String?).map { _ in try Self.terms(row, column) }
        }
        self.init(
            id: try row["id"], production: try row["production"], performer: try row["performer"], uses: try terms("uses"),
            destinations: try terms("destinations"), covers: try Self.terms(row, "covers"), validUntil: try Self.day(row, "valid_until"),
            approvedBy: try row["approved_by"], reference: try row["reference"],
            status: try Self.parsed(row, "status", ApprovalStatus.init(rawValue:)), revokedAt: try row["revoked_at"],
            revokedBy: try row["revoked_by"], revokeReason: try row["revoke_reason"], recordedAt: try row["recorded_at"],
            recordedBy: try row["recorded_by"])
    }
}

extension Account: TableRow {
    public static let table = "account"
    public static let columns = ["username", "role", "password_hash", "created_at", "email", "mute"]
    public var values: [any SQLValueConvertible] { [username, role.rawValue, passwordHash, createdAt, email, Outbox.stored(mute)] }

    public init(row: SQLRow) throws {
        self.init(username: try row["username"], role: try Self.parsed(row, "role", AccountRole.init(rawValue:)),
                  passwordHash: try row["password_hash"], createdAt: try row["created_at"], email: try row["email"],
                  mute: try Outbox.mutes(try row["mute"]))
    }
}

extension APIKey: TableRow {
    public static let table = "api_key"
    public static let columns = ["id", "name", "role", "key_hash", "created_at", "created_by"]
    public var values: [any SQLValueConvertible] { [id, name, role.rawValue, keyHash, createdAt, createdBy] }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], name: try row["name"], role: try Self.parsed(row, "role", AccountRole.init(rawValue:)),
                  keyHash: try row["key_hash"], createdAt: try row["created_at"], createdBy: try row["created_by"])
    }
}

/// Its `check` is the column `check_id` (CHECK is an SQL keyword), its requirements a JSON array.
extension ApprovalRequest: TableRow {
    public static let table = "approval_request"
    public static let columns = ["id", "check_id", "production", "performer", "use", "destination", "requirements", "note", "state",
                          "requested_by", "requested_at", "contact", "approval", "decided_by", "decided_at", "reason"]
    public var values: [any SQLValueConvertible] {
        [id, check, production, performer, use.rawValue, destination.rawValue, JSONText.array(requirements.map(\.rawValue)), note,
         state.rawValue, requestedBy, requestedAt, contact, approval, decidedBy, decidedAt, reason]
    }

    public init(row: SQLRow) throws {
        self.init(
            id: try row["id"], check: try row["check_id"], production: try row["production"], performer: try row["performer"],
            use: try Self.parsed(row, "use", Use.init(rawValue:)), destination: try Self.parsed(row, "destination", Destination.init(rawValue:)),
            requirements: try Self.terms(row, "requirements"), note: try row["note"],
            state: try Self.parsed(row, "state", RequestState.init(rawValue:)), requestedBy: try row["requested_by"],
            requestedAt: try row["requested_at"], contact: try row["contact"], approval: try row["approval"],
            decidedBy: try row["decided_by"], decidedAt: try row["decided_at"], reason: try row["reason"])
    }
}

/// A grant's sets are JSON arrays of strings (as `JSONText` writes them); its evidence a JSON
/// object or NULL. A million grants load through the facts index's own reads (`forEachGrantRun`), not through this reader.
extension Grant: BulkInsertable {
    public static let table = "consent_grant"
    public static let columns = ["id", "performer", "production", "uses", "aspects", "destinations", "territories", "excluded_content",
                          "valid_from", "valid_until", "signed_by", "survives_death", "description", "evidence", "status",
                          "recorded_at", "recorded_by"] + FeeColumns.names
    static let insertShape = RowInsert.Shape(table: table, columns: columns)

    public var values: [any SQLValueConvertible] {
        [id, performer, production, JSONText.array(uses.map(\.rawValue)), JSONText.array(aspects.map(\.rawValue)),
         JSONText.array(destinations.map(\.rawValue)), JSONText.array(territories), JSONText.array(excludedContent),
         validFrom.description, validUntil.description, signedBy.rawValue, survivesDeath ? 1 : 0, description,
         evidence.map(JSONText.evidence), status.rawValue, recordedAt, recordedBy] + FeeColumns.values(fee)
    }

    public init(row: SQLRow) throws {
        let evidence = try (row["evidence"] as String?).map { text in
            guard let evidence = try? LikenessJSON.decoder.decode(Evidence.self, from: Data(text.utf8)) else { throw Self.corrupt(row, "evidence") }
            return evidence
        }
        self.init(
            id: try row["id"], performer: try row["performer"], production: try row["production"], uses: try Self.terms(row, "uses"),
            aspects: try Self.terms(row, "aspects"), destinations: try Self.terms(row, "destinations"),
            territories: try Self.strings(row, "territories"), excludedContent: try Self.strings(row, "excluded_content"),
            validFrom: try Self.parsed(row, "valid_from", Day.init), validUntil: try Self.parsed(row, "valid_until", Day.init),
            signedBy: try Self.parsed(row, "signed_by", Signer.init(rawValue:)), survivesDeath: try Self.flag(row, "survives_death"),
            description: try row["description"], evidence: evidence, status: try Self.parsed(row, "status", GrantStatus.init(rawValue:)),
            recordedAt: try row["recorded_at"], recordedBy: try row["recorded_by"], fee: try FeeColumns.read(row, of: Grant.self))
    }
}
