import Foundation
import GRDB
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

@Suite struct StoreTests {
    @Test func migratesAnEmptyDatabase() async throws {
        let db = try TempDatabase()
        #expect(try db.database.appliedMigrations() == ["0001-baseline", "0002-login-failure-without-attempt", "0003-performer-side",
                                                        "0004-ledger-from-receipts", "0005-pipeline", "0006-notifications",
                                                        "0007-compensation", "0008-use-register-fold"])
        let mode = try await db.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let fk = try await db.database.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(fk == true)
    }

    /// With the checkpointer, the writer never checkpoints on commit (the WAL grows past SQLite's
    /// automatic limit); the checkpointer copies the whole WAL, which then starts over.
    @Test func theCheckpointerTakesOverCheckpointsFromTheWriter() async throws {
        let db = try TempDatabase()
        let checkpointer = try WALCheckpointer(database: db.database, restartAbove: 2_000)
        #expect(try await db.database.pool.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 0)
        try await db.database.pool.write { try $0.execute(sql: "CREATE TABLE scratch (data BLOB NOT NULL) STRICT") }
        for _ in 0..<300 {  // about 1,500 WAL frames, past SQLite's automatic limit of 1,000
            try await db.database.pool.write { try $0.execute(sql: "INSERT INTO scratch VALUES (randomblob(16000))") }
        }
        let frames = try await checkpointer.checkpoint()
        #expect(frames > 1_000)
        let copied = try await db.database.pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
        #expect(copied.checkpointedFrameCount == copied.walFrameCount)

        // Once all was copied, the next write starts the WAL over.
        for _ in 0..<450 {
            try await db.database.pool.write { try $0.execute(sql: "INSERT INTO scratch VALUES (randomblob(16000))") }
        }
        #expect(try await checkpointer.checkpoint() > 2_000)
        try await db.database.pool.write { try $0.execute(sql: "INSERT INTO scratch VALUES (randomblob(10))") }
        #expect(try await checkpointer.checkpoint() < 10)
    }

    /// Past `restartAbove`, the checkpointer neither waits for the writer nor lets the WAL grow:
    /// the receipt writer checkpoints right after its next commit, and the WAL starts over.
    @Test func theReceiptWriterStartsALongWALOver() async throws {
        let db = try TempDatabase()
        let writer = ReceiptWriter(database: db.database)
        let checkpointer = try WALCheckpointer(database: db.database, restartAbove: 2_000, writer: writer)
        try await db.database.pool.write { try $0.execute(sql: "CREATE TABLE scratch (data BLOB NOT NULL) STRICT") }
        for _ in 0..<450 {  // about 2,250 WAL frames
            try await db.database.pool.write { try $0.execute(sql: "INSERT INTO scratch VALUES (randomblob(16000))") }
        }
        // A reader on an older snapshot keeps the checkpointer from copying the latest frames,
        // as commits arriving during a checkpoint would.
        let snapshotTaken = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0), ended = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? db.database.pool.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch")
                snapshotTaken.signal()
                done.wait()
            }
            ended.signal()
        }
        snapshotTaken.wait()
        for _ in 0..<20 {
            try await db.database.pool.write { try $0.execute(sql: "INSERT INTO scratch VALUES (randomblob(16000))") }
        }
        #expect(try await checkpointer.checkpoint() > 2_000)
        done.signal()
        ended.wait()

        let use = ProposedUse(production: "prod-x", use: .generation, destination: .temporary, at: Day("2026-05-01")!)
        let receipt = CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "X"), now: testNow)
        try await writer.store([receipt.stored(actor: "test")])
        // The writer checkpoints after answering; its next batch is written after that checkpoint.
        var next = receipt
        next.id = IDs.make("chk", now: testNow)
        try await writer.store([next.stored(actor: "test")])
        #expect(try await checkpointer.checkpoint() < 10)
        #expect(try await db.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM check_receipt") } == 2)
    }

    /// Every commit is fsynced (`synchronous = FULL`, 2) on the writer, which GRDB would otherwise
    /// leave at NORMAL; also on a reopened database and on the checkpointer's connection.
    @Test func commitsAreFsynced() async throws {
        let db = try TempDatabase()
        let synchronous = "PRAGMA synchronous"
        #expect(try await db.database.pool.write { try Int.fetchOne($0, sql: synchronous) } == 2)
        let reopened = try SQLiteDatabase(path: db.path, createIfMissing: false)
        #expect(try await reopened.pool.write { try Int.fetchOne($0, sql: synchronous) } == 2)
        #expect(try await reopened.pool.read { try Int.fetchOne($0, sql: synchronous) } == 2)
        let checkpointer = try WALCheckpointer(database: reopened)
        #expect(try checkpointer.synchronous() == 2)
    }

    @Test func openingAMissingDatabaseWithoutCreateIsAClearError() {
        #expect { try SQLiteDatabase(path: "/nonexistent/x.sqlite", createIfMissing: false) } throws: { error in
            (error as? LikenessError)?.message.contains("likeness init") == true
        }
    }

    @Test(arguments: [
        "INSERT INTO role (id, production, performer, name, category, created_at) VALUES ('r1', 'prod-nova', 'p-lena', 'x', 'lead', 'now')",
        "INSERT INTO consent_grant (id, performer, uses, aspects, destinations, territories, excluded_content, valid_from, valid_until, signed_by, survives_death, description, status, recorded_at, recorded_by) VALUES ('g1', 'p-lena', '[]', '[\"face\"]', '[\"final\"]', '[\"*\"]', '[]', '2026-01-01', '2027-01-01', 'performer', 0, 'long enough description here', 'active', 'now', 'x')",
        "INSERT INTO consent_grant (id, performer, uses, aspects, destinations, territories, excluded_content, valid_from, valid_until, signed_by, survives_death, description, status, recorded_at, recorded_by) VALUES ('g1', 'p-lena', '[\"replica\"]', '[\"face\"]', '[\"final\"]', '[\"*\"]', '[]', '2027-01-01', '2026-01-01', 'performer', 0, 'long enough description here', 'active', 'now', 'x')",
        "INSERT INTO consent_grant (id, performer, uses, aspects, destinations, territories, excluded_content, valid_from, valid_until, signed_by, survives_death, description, status, recorded_at, recorded_by) VALUES ('g1', 'p-lena', '[\"replica\"]', '[\"face\"]', '[\"final\"]', '[\"*\"]', '[]', '2026-01-01', '2027-01-01', 'friend', 0, 'long enough description here', 'active', 'now', 'x')",
        "INSERT INTO consent_grant (id, performer, uses, aspects, destinations, territories, excluded_content, valid_from, valid_until, signed_by, survives_death, description, status, recorded_at, recorded_by) VALUES ('g1', 'p-nobody', '[\"replica\"]', '[\"face\"]', '[\"final\"]', '[\"*\"]', '[]', '2026-01-01', '2027-01-01', 'performer', 0, 'long enough description here', 'active', 'now', 'x')",
        "INSERT INTO performer (id, name, minor_until, created_at) VALUES ('p-x', 'X', '2026-02-30', 'now')",
        "INSERT INTO account (username, role, password_hash, created_at) VALUES ('eve', 'admin', 'plaintext', 'now')",
        "UPDATE consent_grant SET status = 'paused' WHERE id = 'g-lena-1'",
    ])
    func schemaConstraintsRejectInvalidRows(_ sql: String) async throws {
        let db = try TempDatabase()
        _ = try await db.importFixtures()
        await #expect(throws: DatabaseError.self) { try await db.database.write { try $0.execute(sql: sql) } }
    }

    @Test(arguments: [
        ("DELETE FROM consent_grant WHERE id = 'g-lena-1'", "never deleted"),
        ("UPDATE consent_grant SET performer = (SELECT min(id) FROM performer WHERE id <> 'p-lena') WHERE id = 'g-lena-1'", "keeps its performer"),
    ])
    func aGrantIsNeverDeletedNorMovedToAnotherPerformer(_ sql: String, _ refusal: String) async throws {
        let db = try TempDatabase()
        _ = try await db.importFixtures()
        await #expect { try await db.database.write { try $0.execute(sql: sql) } } throws: { error in
            (error as? DatabaseError)?.message?.contains(refusal) == true
        }
        #expect(try await db.database.read { try String.fetchOne($0, sql: "SELECT performer FROM consent_grant WHERE id = 'g-lena-1'") } == "p-lena")
    }

    @Test func statusChangesKeepWhoWhenAndWhy() async throws {
        let db = try TempDatabase()
        _ = try await db.importFixtures()
        let now = testNow
        _ = try await db.database.write { try Registry.change(grant: "g-lena-1", .suspend, reason: "contract review", by: ActedBy(account: "amy", role: .casting), now: now, $0) }
        _ = try await db.database.write { try Registry.change(grant: "g-lena-1", .resume, reason: "review done", by: ActedBy(account: "bob", role: .casting), now: now, $0) }
        let revoked = try await db.database.write { try Registry.change(grant: "g-lena-1", .revoke, reason: "withdrawn by email", by: ActedBy(account: "amy", role: .casting), now: now, $0) }
        #expect(revoked.status == .revoked)
        let history = try await db.database.read { try Registry.statusHistory(grant: "g-lena-1", $0) }
        #expect(history.map(\.status) == [.active, .suspended, .active, .revoked])
        #expect(history.map(\.actor) == ["test", "amy", "bob", "amy"])
        #expect(history.last?.reason == "withdrawn by email")
    }

    @Test(arguments: [
        (GrantStatus.revoked, Registry.GrantAction.revoke), (.revoked, .resume), (.revoked, .suspend),
        (.active, .resume), (.suspended, .suspend),
    ])
    func forbiddenTransitionsAreConflicts(from status: GrantStatus, action: Registry.GrantAction) async throws {
        let db = try TempDatabase()
        _ = try await db.importFixtures()
        let grant = ["revoked": "g-omar-2", "active": "g-lena-1", "suspended": "g-yuki-1"][status.rawValue]!
        await #expect { try await db.database.write { try Registry.change(grant: grant, action, reason: "r", by: ActedBy(account: "a", role: .casting), now: testNow, $0) } }
            throws: { ($0 as? LikenessError)?.code == "invalid-state" }
    }

    @Test func revokedApprovalCannotBeRevokedAgain() async throws {
        let db = try TempDatabase()
        _ = try await db.importFixtures()
        let approval = try await db.database.write { try Registry.revoke(approval: "ap-nova", reason: "superseded", actor: "admin", now: testNow, $0) }
        #expect(approval.status == .revoked && approval.revokedBy == "admin")
        await #expect { try await db.database.write { try Registry.revoke(approval: "ap-nova", reason: "again", actor: "admin", now: testNow, $0) } }
            throws: { ($0 as? LikenessError)?.kind == .conflict }
    }
}
