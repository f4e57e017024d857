import Crypto
import Foundation
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

/// Every change that starts from a state is a compare-and-set on every backend: changes of one
/// row made at once, each in its own transaction, let exactly one through and answer the others
/// 409 (`invalid-state`), with one audit entry and one event for the one that happened. (SQLite's
/// single writer serialises them anyway; PostgreSQL's READ COMMITTED would let each read the old
/// state and write over the others.)
@Suite struct SharedStateChangeTests {
    static let racers = 8

    /// Runs `change` `racers` times at once, each in a transaction of its own, and counts the
    /// outcomes by error code (`ok` for a success).
    func race(_ store: any StoreDatabase, _ change: @Sendable @escaping (Int, any SQLConnection) throws -> Void) async throws -> [String: Int] {
        try await withThrowingTaskGroup(of: String.self) { group in
            for racer in 0..<Self.racers {
                group.addTask {
                    do {
                        try await store.transaction { try change(racer, $0) }
                        return "ok"
                    } catch let error as LikenessError {
                        return error.code
                    }
                }
            }
            return try await group.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
    }

    func count(_ store: any StoreDatabase, _ sql: String, _ arguments: [any SQLValueConvertible]) async throws -> Int {
        try await store.snapshot { try $0.value(sql, arguments) ?? 0 }
    }

    /// Ana, production X and an active grant of hers for it, with `g-race` as its id.
    func setUp(_ store: any StoreDatabase) async throws {
        try await store.transaction { db in
            try Registry.insert(PerformerInput(id: "p-a", name: "Ana").record(now: testNow), actor: "t", db)
            try Registry.insert(ProductionInput(id: "prod-x", title: "X").record(now: testNow), actor: "t", db)
            try Registry.insert(grantInput(id: "g-race", performer: "p-a", production: "prod-x").record(actor: "t", now: testNow), by: ActedBy(account: "t", role: .casting), db)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aGrantChangesStateOnceWhenChangedAtOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await setUp(store)
            for (action, status) in [(Registry.GrantAction.suspend, "suspended"), (.resume, "active"), (.revoke, "revoked")] {
                let outcomes = try await race(store) { racer, db in
                    _ = try Registry.change(grant: "g-race", action, reason: "racer \(racer)", by: ActedBy(account: "casting-\(racer)", role: .casting), now: testNow, db)
                }
                #expect(outcomes == ["ok": 1, "invalid-state": Self.racers - 1], "\(action)")
                #expect(try await count(store, "SELECT count(*) FROM grant_status_change WHERE grant_id = ? AND status = ? AND reason LIKE 'racer %'",
                                        ["g-race", status]) == 1, "\(action): one row of history")
                #expect(try await count(store, "SELECT count(*) FROM audit_entry WHERE action = ?", ["grant.\(action.rawValue)"]) == 1)
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func anApprovalIsRevokedOnceWhenRevokedAtOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await setUp(store)
            var input = ApprovalInput()
            input.id = "ap-race"; input.production = "prod-x"; input.covers = ["final-deliverable"]
            input.approvedBy = "Dana"; input.reference = "MEMO-1"
            let approval = try input.record(actor: "t", now: testNow)
            try await store.transaction { try Registry.insert(approval, $0) }
            let outcomes = try await race(store) { racer, db in
                _ = try Registry.revoke(approval: "ap-race", reason: "racer \(racer)", actor: "dana", now: testNow, db)
            }
            #expect(outcomes == ["ok": 1, "invalid-state": Self.racers - 1])
            #expect(try await count(store, "SELECT count(*) FROM audit_entry WHERE action = 'approval.revoke'", []) == 1)
            #expect(try await count(store, "SELECT count(*) FROM event WHERE type = 'approval.revoked'", []) == 1)
        }
    }

    /// Approvals, declines and withdrawals of one open request at once: one decision, one
    /// approval recorded at most.
    @Test(arguments: StorageBackend.available)
    func aRequestIsDecidedOnceWhenDecidedAtOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await setUp(store)
            for round in 0..<3 {
                let id = "req-race-\(round)", check = "chk-race-\(round)"
                try await store.transaction { db in
                    try db.execute("""
                        INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, body)
                        VALUES (?, '2026-11-28T09:00:00Z', 'needs-approval', 'prod-x', 'p-a', 'pipeline', ?)
                        """, [check, Data("{}".utf8)])
                    try ApprovalRequest(id: id, check: check, production: "prod-x", performer: "p-a", use: .replica, destination: .final,
                                        requirements: [.finalDeliverable], note: "The hero shot needs her face in the final cut",
                                        state: .open, requestedBy: "pipeline", requestedAt: testNow, contact: "dana").insert(db)
                }
                let admin = Identity(actor: "root", role: .admin)
                let outcomes = try await race(store) { racer, db in
                    switch racer % 3 {
                    case 0: _ = try ApprovalRequests.approve(id, reference: "R-\(racer)", validUntil: nil, scope: .use, caller: admin, now: testNow, db)
                    case 1: _ = try ApprovalRequests.decline(id, reason: "racer \(racer)", caller: admin, now: testNow, db)
                    default: _ = try ApprovalRequests.withdraw(id, reason: "racer \(racer)", caller: admin, now: testNow, db)
                    }
                }
                #expect(outcomes == ["ok": 1, "invalid-state": Self.racers - 1], "round \(round)")
                #expect(try await count(store, "SELECT count(*) FROM audit_entry WHERE subject = ?", [id]) == 1, "round \(round): one decision")
                #expect(try await count(store, "SELECT count(*) FROM event WHERE type = 'approval-request.decided'", []) == round + 1)
            }
            let requests = try await count(store, "SELECT count(*) FROM approval_request WHERE state = 'approved'", [])
            #expect(try await count(store, "SELECT count(*) FROM approval", []) == requests, "one approval per approved request, no more")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aWebhookIsDeletedOnceWhenDeletedAtOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            let webhooks = Webhooks(sealing: SymmetricKey(size: .bits256))
            let registered = try await store.transaction {
                try webhooks.register(url: "http://127.0.0.1:9/hook", events: [.grantRevoked], actor: "root", now: testNow, $0)
            }
            let outcomes = try await race(store) { _, db in try Webhooks.delete(registered.id, actor: "root", now: testNow, db) }
            #expect(outcomes == ["ok": 1, "not-found": Self.racers - 1])
            #expect(try await count(store, "SELECT count(*) FROM audit_entry WHERE action = 'webhook.delete'", []) == 1)
        }
    }
}
