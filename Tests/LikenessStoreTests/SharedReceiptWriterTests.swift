import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// Writing receipts on every backend: the receipts, and their counts in the use register and its
/// log, which the writer folds into the register now and then.
@Suite struct SharedReceiptWriterTests {
    /// The writer stores many callers' receipts, many rows to a statement, and batches beside them;
    /// the use register adds up a kind of use that several of them hold, even within one
    /// statement; a body reads back as it was answered.
    @Test(arguments: StorageBackend.available)
    func receiptsOfManyCallersAddUpInTheUseRegister(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.production) { database in
            let store = database.store
            let writer = ReceiptWriter(database: store)
            let callers = (0..<3).map { _ in ReceiptWriter.Rows(Self.receipts(70), codec: store.receiptCodec, ledgerLog: true) }
            _ = try await store.transaction { try ReceiptWriter.Rows.insert(callers, $0) }
            let last = Self.receipts(2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<39 { group.addTask { try await writer.store(Self.receipts(2)) } }
                // Batches (on PostgreSQL each its own transaction) beside the single checks.
                for _ in 0..<3 { group.addTask { try await writer.store(Self.receipts(ReceiptWriter.ownTransactionFrom + 8)) } }
                group.addTask { try await writer.store(last) }
                try await group.waitForAll()
            }
            try await store.snapshot { db in
                let batches = 3 * (ReceiptWriter.ownTransactionFrom + 8)
                #expect(try db.row("SELECT count(*) AS n FROM check_receipt")?["n"] == 290 + batches)
                let register = try UseRegister.read(production: "prod-x", since: Day("2026-05-01")!, until: Day("2026-05-01")!, db)
                #expect(register.entries.map(\.checks) == [290 + batches])
                #expect(register.entries.first?.tool == "t-1")
                #expect(register.entries.first?.performer == nil)
                #expect(try Receipts.body(id: last[1].receipt.id, codec: store.receiptCodec, db) == last[1].body)
            }
        }
    }

    /// Each commit appends its counts to the use register's log; the writer folds the log into the
    /// register once its rowids reach `foldAt`. The register reads the same before and after a fold.
    @Test(arguments: StorageBackend.available)
    func theUseRegistersLogIsFoldedWithoutChangingWhatItReads(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.production) { database in
            let codec = database.store.receiptCodec
            let (first, second, third) = ((0..<5).map { _ in Self.caller(codec) }, Self.caller(codec), Self.caller(codec))
            try await database.store.transaction { db in
                try ReceiptWriter.Rows.insert(first, db, foldAt: 12)
                let logged = try Self.useRegisterState(db)
                #expect(logged.log == 10 && logged.folded == 0)
                #expect(logged.read == ["t-1": 5, "t-2": 10])
                try ReceiptWriter.Rows.insert([second], db, foldAt: 12)
                let folded = try Self.useRegisterState(db)
                #expect(folded.log == 0 && folded.folded == 2)
                #expect(folded.read == ["t-1": 6, "t-2": 12])
                try ReceiptWriter.Rows.insert([third], db, foldAt: 12)
                let next = try Self.useRegisterState(db)
                #expect(next.log == 2 && next.folded == 2)
                #expect(next.read == ["t-1": 7, "t-2": 14])
            }
        }
    }

    /// Writers that commit side by side (PostgreSQL's), folding the log often, count every check
    /// once: a fold moves only the rows it deletes.
    @Test(arguments: StorageBackend.available)
    func writersFoldingSideBySideCountEveryCheckOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.production) { database in
            let store = database.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<6 {
                            let rows = Self.caller(store.receiptCodec)
                            _ = try await store.transaction { try ReceiptWriter.Rows.insert([rows], $0, foldAt: 3) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let state = try await store.snapshot { try Self.useRegisterState($0) }
            #expect(state.read == ["t-1": 48, "t-2": 96])
            #expect(state.folded == 2)
        }
    }

    /// The uses ledger reads every check of a performer once, in its order, whatever was folded:
    /// before any fold, across folds every few commits (each a segment of its own), and with checks
    /// waiting after the last fold (SQLite folds from the receipts past its mark, PostgreSQL from
    /// its log: each writes as its sink does); whole and a page at a time, with days of use that
    /// do not follow the order of the checks (a newer segment can hold older days).
    @Test(arguments: StorageBackend.available)
    func theUsesLedgerReadsEveryCheckOnceAcrossFolds(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.production + [
            ("INSERT INTO performer (id, name, created_at) VALUES ('p-x', 'X', '2026-01-01 00:00:00.000')", []),
            ("INSERT INTO performer (id, name, created_at) VALUES ('p-y', 'Y', '2026-01-01 00:00:00.000')", []),
        ]) { database in
            let store = database.store
            let ledgerLog = store.makeReceiptSink().filesLedgerLines
            var lines: [(at: String, decidedAt: Date, id: String)] = []
            func read(limit: Int, before: String?) async throws -> PerformerUsesPage {
                try await store.snapshot {
                    try PerformerUses.page(performer: "p-x", since: Day("2026-01-01")!, until: Day("2026-12-31")!, limit: limit,
                                           before: before, codec: store.receiptCodec, $0)
                }
            }
            for commit in 0..<7 {
                let receipts = (0..<3).map { i in
                    let at = Day("2026-05-01")!.adding(days: (commit * 5 + i) % 4)
                    let use = ProposedUse(production: "prod-x", performer: i == 2 ? "p-y" : "p-x", use: .replica, aspects: [.face],
                                          destination: .temporary, at: at, tool: "t-1")
                    return CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "X"), now: testNow.addingTimeInterval(Double(commit * 3 + i)))
                        .stored(actor: "test")
                }
                lines += receipts.filter { $0.receipt.request.performer == "p-x" }
                    .map { ($0.receipt.request.at.description, $0.receipt.decidedAt, $0.receipt.id) }
                _ = try await store.transaction {
                    try ReceiptWriter.Rows.insert([ReceiptWriter.Rows(receipts, codec: store.receiptCodec, ledgerLog: ledgerLog)], $0,
                                                  usesFoldAt: 5)
                }
                let expected = lines.sorted { ($0.at, $0.decidedAt, $0.id) > ($1.at, $1.decidedAt, $1.id) }.map(\.id)
                let whole = try await read(limit: 100, before: nil)
                #expect(whole.checks.map(\.id) == expected, "after commit \(commit)")
                #expect(whole.checks.first?.tool == "t-1" && whole.checks.first?.production == "prod-x")
                var paged: [String] = [], before: String?
                repeat {
                    let page = try await read(limit: 2, before: before)
                    paged += page.checks.map(\.id)
                    before = page.next
                } while before != nil && paged.count <= expected.count
                #expect(paged == expected, "paged after commit \(commit)")
            }
            let segments = try await store.snapshot { db -> Int64? in try db.value("SELECT count(*) FROM performer_use_segment") }
            #expect((segments ?? 0) >= 2, "\(segments ?? 0) segments")
            #expect(try await store.snapshot { try PerformerUses.names(tool: "t-1", performers: ["p-x"], $0) })
            #expect(try await !store.snapshot { try PerformerUses.names(tool: "t-2", performers: ["p-x"], $0) })
            await #expect(throws: LikenessError.self) { try await read(limit: 2, before: lines.count > 0 ? "chk-unknown" : nil) }
        }
    }

    /// Through the writer's own sink (SQLite: a chunk in each transaction of receipts; PostgreSQL:
    /// a transaction of its own), a use register's log past `UseRegister.foldAt` rows is folded
    /// while checks go on, and the register counts every check once before, during and after.
    @Test(arguments: StorageBackend.available)
    func theWritersSinkFoldsTheUseRegisterWhileChecksGoOn(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.production) { database in
            let store = database.store
            let writer = ReceiptWriter(database: store)
            // 24 callers storing 25 checks at a time (below a batch of its own), 25 keys each: a
            // log row per check, and 21,000 of them.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<24 {
                    group.addTask {
                        for round in 0..<35 {
                            try await writer.store((0..<25).map { Self.receipt(day: (caller * 35 + round) * 25 + $0) })
                        }
                    }
                }
                try await group.waitForAll()
            }
            var stored = 21_000
            #expect(try await Self.registerTotal(store) == stored)
            // Single checks go on until the log is folded: SQLite's fold moves on with each
            // transaction, PostgreSQL's runs beside them.
            var state = try await Self.logState(store)
            while stored < 22_000, state.log >= UseRegister.foldAt || state.recorded {
                try await writer.store([Self.receipt(day: stored)])
                stored += 1
                if stored % 50 == 0 { #expect(try await Self.registerTotal(store) == stored, "after \(stored) checks") }
                state = try await Self.logState(store)
            }
            #expect(state.log < UseRegister.foldAt && !state.recorded, "\(state.log) log rows, a fold recorded: \(state.recorded)")
            let folded = try await store.snapshot { db -> Int64? in try db.value("SELECT count(*) FROM use_register") }
            #expect((folded ?? 0) >= 20_000)
            #expect(try await Self.registerTotal(store) == stored)
        }
    }

    /// A check of prod-x whose day of use is `day` days after 2020-01-01 (a key of the register of its own).
    static func receipt(day: Int) -> StoredReceipt {
        let use = ProposedUse(production: "prod-x", use: .generation, destination: .temporary, at: Day("2020-01-01")!.adding(days: day),
                              tool: "t-1")
        return CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "X"), now: testNow).stored(actor: "test")
    }

    /// The checks prod-x's use register counts over every day of use.
    static func registerTotal(_ store: any StoreDatabase) async throws -> Int {
        try await store.snapshot {
            try UseRegister.read(production: "prod-x", since: Day("2020-01-01")!, until: Day("2099-12-31")!, $0).entries.reduce(0) { $0 + $1.checks }
        }
    }

    /// The rows of the use register's log, and whether a fold under way is recorded.
    static func logState(_ store: any StoreDatabase) async throws -> (log: Int64, recorded: Bool) {
        try await store.snapshot { db in
            (try db.value("SELECT count(*) FROM use_register_log") ?? 0, try db.value("SELECT count(*) FROM use_register_fold") ?? 0 > Int64(0))
        }
    }

    static let production: [(String, [SQLArgument])] = [
        ("INSERT INTO production (id, title, created_at) VALUES ('prod-x', 'X', '2026-01-01 00:00:00.000')", []),
    ]

    static func receipts(_ count: Int, tool: String = "t-1") -> [StoredReceipt] {
        let use = ProposedUse(production: "prod-x", use: .generation, destination: .temporary, at: Day("2026-05-01")!, tool: tool)
        return (0..<count).map { _ in CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "X"), now: testNow).stored(actor: "test") }
    }

    /// One caller's rows: a check with tool t-1 and two with t-2 (two rows of the log).
    static func caller(_ codec: ReceiptCodec) -> ReceiptWriter.Rows {
        ReceiptWriter.Rows(receipts(1) + receipts(2, tool: "t-2"), codec: codec, ledgerLog: true)
    }

    /// The rows of prod-x's use register log and of the register, and the counts it reads by tool.
    static func useRegisterState(_ db: any SQLConnection) throws -> (log: Int?, folded: Int?, read: [String: Int]) {
        let register = try UseRegister.read(production: "prod-x", since: Day("2026-05-01")!, until: Day("2026-05-01")!, db)
        return (try db.row("SELECT count(*) AS n FROM use_register_log")?["n"],
                try db.row("SELECT count(*) AS n FROM use_register")?["n"],
                Dictionary(uniqueKeysWithValues: register.entries.map { ($0.tool ?? "", $0.checks) }))
    }
}
