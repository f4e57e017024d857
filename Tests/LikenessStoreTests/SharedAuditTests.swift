import Foundation
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The audit trail's promises on every backend (`StorageBackend.available`).
@Suite struct SharedAuditTests {
    @Test(arguments: StorageBackend.available)
    func theTrailStaysOneChainWhoeverAppends(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            // Four writers at once (on PostgreSQL, four connections), ten entries each, one per transaction.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for entry in 0..<10 {
                            try await store.transaction {
                                try Audit.append($0, actor: "writer-\(writer)", action: "test.append", subject: "entry-\(entry)",
                                                 detail: entry.isMultiple(of: 3) ? "with \"detail\"\n" : nil, at: testNow)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let verification = try await store.snapshot { try Audit.verify($0) }
            guard case .intact(let entries, let head) = verification else {
                Issue.record("the chain is broken: \(verification)")
                return
            }
            #expect(entries == 40)
            let newest = try await store.snapshot { try Audit.page(limit: 3, before: nil, $0) }
            #expect(newest.map(\.seq) == [40, 39, 38])
            #expect(newest.first?.hash == head)
            let older = try await store.snapshot { try Audit.page(limit: 100, before: 38, $0) }
            #expect(older.map(\.seq) == Array((1...37).reversed()))
            #expect(older.last?.prevHash == AuditEntry.genesis)
            // Every writer's entries are all there.
            let all = newest + older
            for writer in 0..<4 { #expect(all.filter { $0.actor == "writer-\(writer)" }.count == 10) }
        }
    }

    @Test(arguments: StorageBackend.available)
    func anAppendRolledBackWithItsChangeLeavesTheChainIntact(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await store.transaction { try Audit.append($0, actor: "a", action: "test.kept", subject: "s", at: testNow) }
            await #expect(throws: ConstraintViolation.self) {
                do {
                    try await store.transaction { db in
                        try Audit.append(db, actor: "a", action: "test.undone", subject: "s", at: testNow)
                        // The change it records fails: neither stays.
                        try db.execute("INSERT INTO performer (id, name, created_at) VALUES ('-bad', 'X', 'now')", [])
                    }
                } catch {
                    throw constraintViolation(error) ?? error
                }
            }
            try await store.transaction { try Audit.append($0, actor: "a", action: "test.next", subject: "s", at: testNow) }
            let entries = try await store.snapshot { try Audit.page(limit: 10, before: nil, $0) }
            #expect(entries.map(\.action) == ["test.next", "test.kept"])
            let verification = try await store.snapshot { try Audit.verify($0) }
            #expect(verification == .intact(entries: 2, head: entries[0].hash))
        }
    }
}
