import Crypto
import Foundation
import GRDB
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

@Suite struct ImportTests {
    /// A small import is logged row by row for the facts index (a running server applies it row by
    /// row); a large one is one change naming each table's largest rowid before it, and a running
    /// index reads the rows above those marks: it then holds what a fresh load holds.
    @Test func aLargeImportIsOneChangeFromWhichTheFactsIndexReadsItsRows() async throws {
        func changes(_ db: TempDatabase) async throws -> [String] {
            try await db.database.read { try String.fetchAll($0, sql: "SELECT entity FROM registry_change ORDER BY seq") }
        }
        let small = try TempDatabase()
        _ = try await small.importFixtures()
        let logged = try await changes(small)
        #expect(logged.count > 28 && !logged.contains(FactsIndex.everything))

        let large = try TempDatabase()
        let index = try await FactsIndex.load(from: large.database)
        _ = try await Importer(database: large.database, bulkAbove: 10).run(files: [Fixtures.demo, Fixtures.grantsCSV], actor: "test", now: testNow)
        #expect(try await changes(large) == [FactsIndex.everything])
        #expect(try await large.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM registry_bulk_write") } == 0)
        let marks = try await large.database.read { try String.fetchOne($0, sql: "SELECT entity_id FROM registry_change") }
        #expect(marks.flatMap(BulkInsert.init(logged:)) == BulkInsert(after: Dictionary(uniqueKeysWithValues: BulkInsert.tables.map { ($0, 0) })))
        try await index.refresh()
        #expect(index.grantCount == 28)
        try await expectSameFacts(index, as: large)

        // A second one, onto rows the index holds: a new performer, and grants of a performer who
        // has some, with ids before and after theirs, out of order.
        let performers = try large.file("performers.csv", "id,name\np-new,Nell\n")
        let grants = try large.file("grants.csv", """
            id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description
            g-new-1,p-new,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            zz-elif,p-elif,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            a-elif,p-elif,alteration,voice,final,DE,2027-01-01,performer,A sufficiently specific description

            """)
        let before = try await large.database.read { try BulkInsert.marks($0) }
        _ = try await Importer(database: large.database, bulkAbove: 2).run(files: [performers, grants], actor: "test", now: testNow)
        let second = try await large.database.read { try String.fetchOne($0, sql: "SELECT entity_id FROM registry_change ORDER BY seq DESC LIMIT 1") }
        #expect(second.flatMap(BulkInsert.init(logged:)) == before)
        try await index.refresh()
        #expect(index.grantCount == 31)
        try await expectSameFacts(index, as: large)
    }

    /// A change of entity `*` that names no marks (as imports logged before them) makes the index
    /// load everything again.
    @Test func aBulkChangeWithoutMarksReloadsTheFactsIndex() async throws {
        let db = try TempDatabase()
        let index = try await FactsIndex.load(from: db.database)
        _ = try await db.importFixtures()
        try await db.database.write { try $0.execute(sql: "INSERT INTO registry_change (entity, entity_id) VALUES ('*', 'import')") }
        #expect(BulkInsert(logged: "import") == nil)
        try await index.refresh()
        #expect(index.grantCount == 28)
        try await expectSameFacts(index, as: db)
    }

    /// The facts of every production with every performer (and none) are those a fresh load gives.
    private func expectSameFacts(_ index: FactsIndex, as db: TempDatabase) async throws {
        // Facts from the index itself, not from the database as while it is behind.
        #expect(!index.isBehind)
        let fresh = try await FactsIndex.load(from: db.database)
        let productions = try await db.database.read { try String.fetchAll($0, sql: "SELECT id FROM production") }
        let performers = try await db.database.read { try String.fetchAll($0, sql: "SELECT id FROM performer") }
        #expect(!productions.isEmpty && !performers.isEmpty)
        for production in productions {
            for performer in [nil] + performers {
                let use = ProposedUse(production: production, performer: performer, use: .replica, aspects: [.face],
                                      destination: .final, at: Day("2026-12-01")!)
                #expect(SharedFactsIndexTests.same(try await index.facts(for: use), try await fresh.facts(for: use)),
                        "\(production) \(performer ?? "-")")
            }
        }
    }

    /// The index reads grants in the table's order, in two parts on two connections when there are
    /// many: each performer's grants still come out whole and in id order.
    @Test(arguments: [0, Int.max])
    func theFactsIndexHoldsEachPerformersGrantsInIDOrder(splitAbove: Int) async throws {
        let db = try TempDatabase()
        let grants = try db.file("grants.csv", """
            id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description
            g-9,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            g-2,p-b,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            g-5,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            g-1,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            g-3,p-b,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
            g-0,p-b,replica,face,final,*,2027-01-01,performer,A sufficiently specific description

            """)
        let performers = try db.file("performers.csv", "id,name\np-a,Ana\np-b,Bo\n")
        let productions = try db.file("productions.csv", "id,title\nprod-x,X\n")
        _ = try await Importer(database: db.database).run(files: [productions, performers, grants], actor: "t", now: testNow)
        let index = try await FactsIndex.load(from: db.database, splitAbove: splitAbove)
        #expect(index.grantCount == 6)
        for (performer, ids) in [("p-a", ["g-1", "g-5", "g-9"]), ("p-b", ["g-0", "g-2", "g-3"])] {
            let use = ProposedUse(production: "prod-x", performer: performer, use: .replica, aspects: [.face], destination: .final, at: Day("2026-12-01")!)
            #expect(try await index.facts(for: use).grants.map(\.id) == ids)
        }
    }

    @Test func jsonErrorsNameTheElement() async throws {
        let db = try TempDatabase()
        let file = try db.file("registry.json", """
            {"productions": [{"id": "prod-a", "title": "A"}],
             "performers": [{"id": "p-a", "name": "Ana"}, {"id": "p-b"}]}
            """)
        await #expect { try await Importer(database: db.database).run(files: [file], actor: "t", now: testNow) } throws: { error in
            let e = try #require(error as? ImportError)
            return e.file == "registry.json" && e.row == "performers[1]" && e.field == "name"
        }
        #expect(try await db.count("production") == 0)
    }

    @Test func filesAreImportedInDependencyOrderWhateverTheirOrderOnTheCommandLine() async throws {
        let db = try TempDatabase()
        let grants = try db.file("grants.csv", """
            id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description
            g-1,p-a,replica;training,face;voice,final,GB;DE,2027-01-01,performer,"A sufficiently specific, quoted description"
            """)
        let people = try db.file("people.json", #"{"performers": [{"id": "p-a", "name": "Ana"}]}"#)
        let summary = try await Importer(database: db.database).run(files: [grants, people], actor: "t", now: testNow)
        #expect(summary.counts == [.performers: 1, .grants: 1])
        let g = try await db.database.read { try Grant.find("g-1", $0) }
        #expect(g?.uses == [.replica, .training] && g?.territories == ["DE", "GB"])
    }

    /// RFC 4180 as the reader takes it: quotes with `""` escapes, commas and line breaks inside
    /// quotes, CRLF or LF, a BOM, blank lines skipped, empty fields kept, a quote inside an
    /// unquoted field taken as it is; each record knows the line it starts on.
    @Test func csvRecordsAreReadAsRFC4180Says() throws {
        let text = "\u{FEFF}a,\"b, \"\"c\"\"\",\r\n\n\"multi\nline\",x\"y,\r\nlast,é,\"\""
        var reader = CSVReader(data: Data(text.utf8))
        var records: [(line: Int, fields: [String])] = []
        while let fields = try reader.next() { records.append((reader.recordLine, fields)) }
        #expect(records.map(\.fields) == [["a", "b, \"c\"", ""], ["multi\nline", "x\"y", ""], ["last", "é", ""]])
        #expect(records.map(\.line) == [1, 3, 5])
        var afterQuote = CSVReader(data: Data("a,\"b\"c\n".utf8))
        #expect(throws: CSVReader.Malformed.self) { try afterQuote.next() }
        var invalid = CSVReader(data: Data([0x61, 0x2C, 0xFF, 0x0A]))
        #expect(throws: CSVReader.Malformed.self) { try invalid.next() }
    }

    @Test(arguments: [
        ("things.csv", "id,name\nx,y\n", "cannot tell what the file holds"),
        ("performers.csv", "id,nom\np-a,Ana\n", "unknown column"),
        ("performers.csv", "id,name\np-a,\"Ana\n", "quoted field is not closed"),
        ("performers.csv", "id,name\np-a,Ana,extra\n", "has 3 fields"),
        ("performers.txt", "id,name\n", "unsupported file type"),
        ("performers.json", "{\"performers\": 5}", "wrong type"),
        ("tools.csv", "id,name,retainsInputs,enterpriseSecured\nt-1,T,yes,true\n", "is not true or false"),
    ])
    func malformedFilesAreClearErrors(name: String, contents: String, message: String) async throws {
        let db = try TempDatabase()
        let file = try db.file(name, contents)
        await #expect { try await Importer(database: db.database).run(files: [file], actor: "t", now: testNow) } throws: { error in
            String(describing: error).contains(message)
        }
    }

}

@Suite struct FormattingTests {
    @Test(arguments: ["uses", " uses", "uses  ", "\tuses ", "  ", "", "a b"])
    func csvSetElementsAreTrimmedOfSpacesAndTabs(_ raw: String) {
        #expect(CSVRecord.trimmed(Substring(raw)) == raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
    }

    @Test(arguments: [0.0, 1_795_000_000.123, 1_795_000_000.9999, 951_782_400.5, -86_400.25])
    func auditTimestampsAreRFC3339WithMilliseconds(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Audit.timestamp(date)
        #expect(text.count == 24 && text.hasSuffix("Z") && Array(text)[10] == "T" && Array(text)[19] == ".")
        let parsed = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        #expect(abs((parsed ?? .distantPast).timeIntervalSince(date)) < 0.001)
    }

    /// An import queues its events' deliveries at its end: each subscribed webhook gets every event
    /// of its types, in order, as if each row had been written through the API.
    @Test func anImportsEventsAreQueuedToEachSubscribedWebhookInOrder() async throws {
        let db = try TempDatabase()
        let hooks = Webhooks(sealing: SymmetricKey(size: .bits256))
        let (grants, approvals) = try await db.database.write { db in
            (try hooks.register(url: "http://127.0.0.1:9/g", events: [.grantCreated], actor: "admin", now: testNow, db),
             try hooks.register(url: "http://127.0.0.1:9/a", events: [.approvalCreated, .grantRevoked], actor: "admin", now: testNow, db))
        }
        _ = try await db.importFixtures()
        struct Queued: Sendable { let webhook: String; let type: String; let pending: Bool; let dueAtOnce: Bool }
        let queued = try await db.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.webhook_id, e.type, d.state, d.next_attempt_at = e.at AS due_at_once FROM webhook_delivery d
                JOIN event e ON e.seq = d.event_seq ORDER BY d.webhook_id, d.event_seq
                """).map { Queued(webhook: $0["webhook_id"], type: $0["type"], pending: $0["state"] == "pending", dueAtOnce: $0["due_at_once"]) }
        }
        let count = try await db.database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM event GROUP BY type")
                .map { ($0["type"] as String, $0["n"] as Int) })
        }
        #expect(count["grant.created"] == 28)
        #expect(queued.filter { $0.webhook == grants.id }.count == 28)
        #expect(queued.filter { $0.webhook == grants.id }.allSatisfy { $0.type == "grant.created" })
        #expect(queued.filter { $0.webhook == approvals.id }.count == count["approval.created"] ?? 0)
        #expect((count["approval.created"] ?? 0) > 0)
        #expect(queued.allSatisfy { $0.pending && $0.dueAtOnce })
    }
}
