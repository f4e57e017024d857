import Foundation
import LikenessRules

/// How an import writes its rows: as the API's writes would, but without one audit entry per row
/// (the import is one entry naming its files; see `Importer.auditEntry`) and without a lookup per
/// reference: the schema's primary and foreign keys refuse a duplicate or a dangling id, and only
/// then are the lookups run, to name the field in the error. Each row is validated and made ready
/// (`prepare`) on the reading thread; the writer only runs its statements (`write`).
extension Importer {
    /// A row of an import made ready without a connection: what the writer runs for it, in order.
    struct PreparedRow: Sendable {
        let kind: ImportKind
        let file: String
        let row: String
        /// A lookup the row needs before its insert (a production's contact must be a studio contact).
        var check: (@Sendable (any SQLConnection) throws -> Void)?
        let insert: RowInsert
        /// Run when the schema refuses `insert` for a key: throws the error the API would give.
        let diagnose: @Sendable (any SQLConnection) throws -> Void
        /// What follows the row: a grant's status history.
        var following: [RowInsert] = []
        /// The row's event; an import queues its events' deliveries once, at its end.
        var event: Events.PreparedEvent?
    }

    /// Validates `entry` as the API would and makes its statements; a refusal names its file and row.
    /// Its event, if any, takes the next of `eventIDs`.
    static func prepare(_ entry: Located, actor: String, now: Date, eventIDs: inout IDs.Series) throws -> PreparedRow {
        do {
            return try prepare(entry.item, file: entry.file, row: entry.row, actor: actor, now: now, eventIDs: &eventIDs)
        } catch let error as LikenessError {
            throw ImportError(file: entry.file, row: entry.row, field: error.field, message: error.message)
        }
    }

    private static func prepare(_ item: Item, file: String, row: String, actor: String, now: Date,
                                eventIDs: inout IDs.Series) throws -> PreparedRow {
        switch item {
        case .tool(let i):
            let tool = try i.record(now: now, requireID: true)
            return PreparedRow(kind: .tools, file: file, row: row, insert: RowInsert(tool)) { db in
                try Registry.requireAbsent(Tool.self, tool.id, "tool", db)
            }
        case .production(let i):
            let production = try i.record(now: now, requireID: true)
            var prepared = PreparedRow(kind: .productions, file: file, row: row, insert: RowInsert(production)) { db in
                try Registry.requireAbsent(Production.self, production.id, "production", db)
            }
            if let contact = production.contact { prepared.check = { db in try Registry.requireStudioContact(contact, db) } }
            return prepared
        case .performer(let i):
            let performer = try i.record(now: now, requireID: true)
            return PreparedRow(kind: .performers, file: file, row: row, insert: RowInsert(performer)) { db in
                try Registry.requireAbsent(Performer.self, performer.id, "performer", db)
            }
        case .role(let i):
            let role = try i.record(production: try Validate.requiredID(i.production, "production"), now: now, requireID: true)
            return PreparedRow(kind: .roles, file: file, row: row, insert: RowInsert(role)) { db in
                try Registry.requireExists(Production.self, role.production, "production", field: "production", db)
                try Registry.requireExists(Performer.self, role.performer, "performer", field: "performer", db)
                try Registry.requireAbsent(Role.self, role.id, "role", db)
            }
        case .grant(let i):
            let grant = try i.record(actor: actor, now: now, requireID: true, allowStatus: true)
            // Imports are the CLI's, whose operator acts with every permission (an admin's).
            let recording = Registry.recording(grant, by: ActedBy(account: actor, role: .admin), eventID: eventIDs.make())
            return PreparedRow(kind: .grants, file: file, row: row, insert: RowInsert(grant), diagnose: { db in
                try Registry.requireExists(Performer.self, grant.performer, "performer", field: "performer", db)
                if let production = grant.production {
                    try Registry.requireExists(Production.self, production, "production", field: "production", db)
                }
                try Registry.requireAbsent(Grant.self, grant.id, "grant", db)
            }, following: recording.history, event: recording.event)
        case .approval(let i):
            let approval = try i.record(actor: actor, now: now, requireID: true)
            return PreparedRow(kind: .approvals, file: file, row: row, insert: RowInsert(approval), diagnose: { db in
                try Registry.requireExists(Production.self, approval.production, "production", field: "production", db)
                if let performer = approval.performer {
                    try Registry.requireExists(Performer.self, performer, "performer", field: "performer", db)
                }
                try Registry.requireAbsent(Approval.self, approval.id, "approval", db)
            }, event: try Events.prepared(.approvalCreated, approval, at: approval.recordedAt, id: eventIDs.make()))
        }
    }

    /// Writes a chunk of rows: their lookups, their inserts, what follows them, then their events,
    /// each many rows per statement; ids and sequence numbers come out as written row by row.
    /// When the schema refuses a run of inserts for a key, its rows are written one by one to name
    /// the refused row and give the error the API would give (a duplicate id, an unknown reference).
    static func write(_ rows: [PreparedRow], _ db: any SQLConnection) throws {
        for row in rows {
            try named(row) { try row.check?(db) }
        }
        try db.insertChunk(rows.map(\.insert)) { positions in try writeOneByOne(rows[positions], db) }
        try RowInsert.execute(rows.flatMap(\.following), on: db)
        try RowInsert.execute(rows.compactMap(\.event?.row), on: db)
    }

    /// Writes `rows` one by one until the schema refuses one, and then gives the error the API
    /// would give for it (its `diagnose`).
    private static func writeOneByOne(_ rows: ArraySlice<PreparedRow>, _ db: any SQLConnection) throws {
        for row in rows {
            try named(row) { try db.insertRow(row.insert) { try row.diagnose(db) } }
        }
    }

    /// Runs `body`, naming `row`'s file and row in an error the API would give.
    private static func named(_ row: PreparedRow, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as LikenessError {
            throw ImportError(file: row.file, row: row.row, field: error.field, message: error.message)
        }
    }
}
