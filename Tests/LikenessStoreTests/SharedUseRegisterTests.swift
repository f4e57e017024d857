import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The use register on every backend: the folded counts and the log's, summed per kind of use.
@Suite struct SharedUseRegisterTests {
    @Test(arguments: StorageBackend.available)
    func theRegisterSumsItsCountsAndItsLogWithinTheWindow(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let records = SampleRecords(optionalsSet: false)
            try await database.store.transaction { db in
                try records.production.insert(db)
                let columns = "(production, at, use, destination, tool, performer, decision, checks)"
                for (table, at, tool, checks) in [("use_register", "2026-05-01", "", 3), ("use_register_log", "2026-05-03", "", 2),
                                                  ("use_register_log", "2026-05-02", "t-1", 1), ("use_register", "2026-06-09", "", 7)] {
                    try db.execute("INSERT INTO \(table) \(columns) VALUES (?, ?, 'generation', 'temporary', ?, '', 'allowed', ?)",
                                   [records.production.id, at, tool, checks])
                }
            }
            let register = try await database.store.snapshot {
                try UseRegister.read(production: records.production.id, since: Day("2026-05-01")!, until: Day("2026-05-31")!, $0)
            }
            #expect(register.entries == [
                UseRegisterEntry(use: .generation, destination: .temporary, tool: nil, performer: nil, decision: .allowed, checks: 5,
                                 first: Day("2026-05-01")!, last: Day("2026-05-03")!),
                UseRegisterEntry(use: .generation, destination: .temporary, tool: "t-1", performer: nil, decision: .allowed, checks: 1,
                                 first: Day("2026-05-02")!, last: Day("2026-05-02")!),
            ])
            await #expect { try await database.store.snapshot {
                try UseRegister.read(production: "prod-none", since: Day("2026-05-01")!, until: Day("2026-05-31")!, $0)
            } } throws: { ($0 as? LikenessError)?.field == "production" }
        }
    }
}
