import Foundation
import GRDB
import LikenessRules

/// How an import writes its rows: as the API's writes would, but without one audit entry per row
/// (the import is one entry naming its files; see `Importer.auditEntry`) and without a lookup per
/// reference: the schema's primary and foreign keys refuse a duplicate or a dangling id, and only
/// then are the lookups run, to name the field in the error.
extension Importer {
    static func insertRow(_ item: Item, actor: String, now: Date, _ db: Database) throws {
        switch item {
        case .tool(let i):
            let tool = try i.record(now: now, requireID: true)
            try refused(by: { try tool.insert(db) }) {
                try Registry.requireAbsent(Tool.self, tool.id, "tool", db)
            }
        case .production(let i):
            let production = try i.record(now: now, requireID: true)
            if let contact = production.contact { try Registry.requireStudioContact(contact, db) }
            try refused(by: { try production.insert(db) }) {
                try Registry.requireAbsent(Production.self, production.id, "production", db)
            }
        case .performer(let i):
            let performer = try i.record(now: now, requireID: true)
            try refused(by: { try performer.insert(db) }) {
                try Registry.requireAbsent(Performer.self, performer.id, "performer", db)
            }
        case .role(let i):
            let role = try i.record(production: try Validate.requiredID(i.production, "production"), now: now, requireID: true)
            try refused(by: { try role.insert(db) }) {
                try Registry.requireExists(Production.self, role.production, "production", field: "production", db)
                try Registry.requireExists(Performer.self, role.performer, "performer", field: "performer", db)
                try Registry.requireAbsent(Role.self, role.id, "role", db)
            }
        case .grant(let i):
            let grant = try i.record(actor: actor, now: now, requireID: true, allowStatus: true)
            try refused(by: { try grant.insertRow(db) }) {
                try Registry.requireExists(Performer.self, grant.performer, "performer", field: "performer", db)
                if let production = grant.production {
                    try Registry.requireExists(Production.self, production, "production", field: "production", db)
                }
                try Registry.requireAbsent(Grant.self, grant.id, "grant", db)
            }
            try Registry.recorded(grant, db)
        case .approval(let i):
            let approval = try i.record(actor: actor, now: now, requireID: true)
            try refused(by: { try approval.insert(db) }) {
                try Registry.requireExists(Production.self, approval.production, "production", field: "production", db)
                if let performer = approval.performer {
                    try Registry.requireExists(Performer.self, performer, "performer", field: "performer", db)
                }
                try Registry.requireAbsent(Approval.self, approval.id, "approval", db)
            }
            try Events.append(.approvalCreated, approval, at: approval.recordedAt, db)
        }
    }

    /// Runs `insert`; when the schema refuses it for a key, `diagnose` throws the error the API
    /// would give (a duplicate id, an unknown reference). Any other refusal is passed on.
    static func refused(by insert: () throws -> Void, diagnose: () throws -> Void) throws {
        do {
            try insert()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            try diagnose()
            throw error
        }
    }
}
