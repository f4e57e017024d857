import Crypto
import Foundation
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

/// Imports on every backend: all or nothing, the first bad row named (whether the reader or the
/// schema refuses it), one audit entry, and one change for the facts index when large.
@Suite struct SharedImportTests {
    /// Files for an import, in a folder of their own (removed by `removeAll`).
    struct Files {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-import-\(UUID().uuidString)")

        func file(_ name: String, _ contents: String) throws -> String {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let url = folder.appendingPathComponent(name)
            try contents.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        func removeAll() { try? FileManager.default.removeItem(at: folder) }
    }

    static func count(_ table: String, _ store: any StoreDatabase) async throws -> Int {
        try await store.snapshot { try $0.row("SELECT count(*) AS n FROM \(table)")?["n"] ?? 0 }
    }

    @Test(arguments: StorageBackend.available)
    func importsTheFixturesFromJSONAndCSV(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            let summary = try await Importer(database: store).run(files: [Fixtures.demo, Fixtures.grantsCSV], actor: "test", now: testNow)
            #expect(summary.counts[.performers] == 24)
            #expect(summary.counts[.grants] == 28)
            #expect(try await Self.count("consent_grant", store) == 28)
            let elif = try await store.snapshot { try Grant.find("g-elif-1", $0) }
            #expect(elif?.description == "Replica and alteration for the festival night sequence, \"take 2\"")
            #expect(elif?.excludedContent == ["nudity", "political"])
            #expect(elif?.evidence?.documentRef == "DMS-5120")
            let nina = try await store.snapshot { try Grant.find("g-nina-1", $0) }
            #expect(nina?.production == nil && nina?.territories == ["AT", "CH", "DE"])
            let revoked = try await store.snapshot { try Grant.find("g-omar-2", $0) }
            #expect(revoked?.status == .revoked)
        }
    }

    /// Grants take a fee in four CSV columns (and `fee` in JSON), read exactly; a bad fee names its
    /// field and row, and imports nothing.
    @Test(arguments: StorageBackend.available)
    func grantsTakeFeesFromCSVAndJSON(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store, files = Files()
            defer { files.removeAll() }
            let performers = try files.file("performers.csv", "id,name\np-a,Ana\np-b,Bo\n")
            let grants = try files.file("grants.csv", """
                id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description,feeAmount,feeCurrency,feePer,feePensionHealthPercent
                g-1,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description,150000,USD,day,21.5
                g-2,p-b,replica,face,final,*,2027-01-01,performer,A sufficiently specific description,,,,
                g-3,p-b,replica,face,final,*,2027-01-01,performer,A sufficiently specific description,500,JPY,flat,

                """)
            let json = try files.file("more.json", """
                {"grants":[{"id":"g-4","performer":"p-a","uses":["replica"],"aspects":["voice"],"destinations":["final"],"territories":["*"],
                  "validUntil":"2027-01-01","signedBy":"performer","description":"A sufficiently specific description",
                  "fee":{"amount":2500,"currency":"BHD","per":"minute","pensionHealthPercent":12}}]}
                """)
            _ = try await Importer(database: store).run(files: [performers, grants, json], actor: "t", now: testNow)
            let fees = try await store.snapshot { db in try ["g-1", "g-2", "g-3", "g-4"].map { try Grant.find($0, db)?.fee } }
            #expect(fees[0] == Fee(amount: 150_000, currency: Currency(code: "USD")!, per: .day, pensionHealthHundredths: 2150))
            #expect(fees[1] == nil)
            #expect(fees[2] == Fee(amount: 500, currency: Currency(code: "JPY")!, per: .flat, pensionHealthHundredths: 0))
            #expect(fees[3] == Fee(amount: 2500, currency: Currency(code: "BHD")!, per: .minute, pensionHealthHundredths: 1200))

            for (row, field) in [("150000.5,USD,day,", "fee.amount"), ("1500,USD,day,21.555", "fee.pensionHealthPercent"),
                                 ("1500,US,day,", "fee.currency"), ("1500,USD,,", "fee.per"), ("1.5e3,USD,day,", "feeAmount"),
                                 ("-15,USD,day,", "fee.amount")] {
                let bad = try files.file("bad.csv", """
                    id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description,feeAmount,feeCurrency,feePer,feePensionHealthPercent
                    g-9,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description,\(row)

                    """)
                await #expect { try await Importer(database: store).run(files: [bad], kind: .grants, actor: "t", now: testNow) } throws: { error in
                    (error as? ImportError)?.field == field && (error as? ImportError)?.row == "row 1 (line 2)"
                }
            }
            #expect(try await Self.count("consent_grant", store) == 4)
        }
    }

    /// An import is one audit entry naming each file's SHA-256 and rows; the chain still verifies.
    @Test(arguments: StorageBackend.available)
    func anImportIsOneAuditEntryNamingItsFilesDigestsAndRows(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store, files = Files()
            defer { files.removeAll() }
            let performersCSV = "id,name\np-a,Ana\np-b,Bo\n"
            let performers = try files.file("performers.csv", performersCSV)
            let grants = try files.file("grants.csv", """
                id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description,status
                g-1,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description,
                g-2,p-b,replica,face,final,*,2027-01-01,performer,A sufficiently specific description,revoked

                """)
            let before = try await Self.count("audit_entry", store)
            _ = try await Importer(database: store).run(files: [grants, performers], actor: "casting-ana", now: testNow)
            let entries = try await store.snapshot { db in try Audit.page(limit: 10, before: nil, db).filter { $0.seq > before } }
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.actor == "casting-ana")
            #expect(entry.action == "import")
            #expect(entry.subject == "grants.csv, performers.csv")
            let digest = Hex.encode(SHA256.hash(data: Data(performersCSV.utf8)))
            let detail = entry.detail ?? ""
            #expect(detail.contains("performers.csv sha256=\(digest) rows=2"))
            #expect(detail.contains("grants.csv sha256=") && detail.contains("rows=2;"))
            #expect(detail.hasSuffix("written: 2 performers, 2 grants"))
            guard case .intact = try await store.snapshot({ try Audit.verify($0) }) else { Issue.record("the chain is broken"); return }
            // Each grant keeps its history and its event as written by the API.
            let history = try await store.snapshot { try Registry.statusHistory(grant: "g-2", $0).map(\.reason) }
            #expect(history == ["recorded", "imported as revoked"])
            #expect(try await Self.count("event", store) == 2)
        }
    }

    /// A small import is logged row by row for the facts index; a large one is one change naming
    /// each table's largest rowid before it, and its mark is gone after it.
    @Test(arguments: StorageBackend.available)
    func aLargeImportIsOneChangeNamingTheTablesMarks(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store, files = Files()
            defer { files.removeAll() }
            let changes = { try await store.snapshot { try $0.rows("SELECT entity, entity_id FROM registry_change ORDER BY seq", []) } }
            let performers = try files.file("performers.csv", "id,name\np-a,Ana\np-b,Bo\n")
            _ = try await Importer(database: store, bulkAbove: 10).run(files: [performers], actor: "test", now: testNow)
            #expect(try await changes().map { try $0["entity"] as String } == ["performer", "performer"])

            let before = try await store.snapshot { try BulkInsert.marks($0) }
            _ = try await Importer(database: store, bulkAbove: 10).run(files: [Fixtures.demo, Fixtures.grantsCSV], actor: "test", now: testNow)
            let logged = try await changes().map { (entity: try $0["entity"] as String, id: try $0["entity_id"] as String) }
            #expect(logged.map(\.entity) == ["performer", "performer", FactsIndex.everything])
            #expect(BulkInsert(logged: logged[2].id) == before && before.after["performer"] == 2)
            #expect(try await Self.count("registry_bulk_write", store) == 0)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aBadRowImportsNothingAndNamesFileRowAndField(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store, files = Files()
            defer { files.removeAll() }
            let performers = try files.file("performers.csv", "id,name\np-a,Ana\np-b,Bo\n")
            let grants = try files.file("grants.csv", """
                id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description
                g-1,p-a,replica,face,final,*,2027-01-01,performer,A sufficiently specific description
                g-2,p-b,replica,face,final,*,2027-13-01,performer,A sufficiently specific description

                """)
            await #expect { try await Importer(database: store).run(files: [performers, grants], actor: "t", now: testNow) } throws: { error in
                let e = try #require(error as? ImportError)
                return e.file == "grants.csv" && e.row == "row 2 (line 3)" && e.field == "validUntil"
                    && e.description.contains("grants.csv: row 2 (line 3): validUntil:")
            }
            #expect(try await Self.count("performer", store) == 0)
            #expect(try await Self.count("consent_grant", store) == 0)
        }
    }

    /// Rows are read on one thread and written on another, many per statement: the error is still
    /// the first bad row's, whether the reader refuses it (a bad value) or the schema does (an
    /// unknown performer, a duplicate id), and nothing is written.
    @Test(arguments: StorageBackend.available, [("2027-13-01", "p-a", "g-2500", "validUntil"), ("2027-01-01", "p-x", "g-2500", "performer"),
                                                 ("2027-01-01", "p-a", "g-17", "id")])
    func theFirstBadRowOfALargeFileIsNamedAndNothingIsWritten(backend: StorageBackend, bad: (validUntil: String, performer: String, id: String, field: String)) async throws {
        try await backend.withDatabase { database in
            let store = database.store, files = Files()
            defer { files.removeAll() }
            let performers = try files.file("performers.csv", "id,name\np-a,Ana\n")
            var lines = ["id,performer,uses,aspects,destinations,territories,validUntil,signedBy,description"]
            for n in 1...3_000 {
                let isBad = n == 2_500
                lines.append("\(isBad ? bad.id : "g-\(n)"),\(isBad ? bad.performer : "p-a"),replica,face,final,*,"
                             + "\(isBad ? bad.validUntil : "2027-01-01"),performer,A sufficiently specific description")
            }
            let grants = try files.file("grants.csv", lines.joined(separator: "\n") + "\n")
            await #expect { try await Importer(database: store).run(files: [performers, grants], actor: "t", now: testNow) } throws: { error in
                let e = try #require(error as? ImportError)
                return e.file == "grants.csv" && e.row == "row 2500 (line 2501)" && e.field == bad.field
            }
            #expect(try await Self.count("performer", store) == 0)
            #expect(try await Self.count("consent_grant", store) == 0)
            #expect(try await Self.count("event", store) == 0)
        }
    }

    @Test(arguments: StorageBackend.available)
    func duplicateIdsInOneImportAreConflicts(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store, files = Files()
            defer { files.removeAll() }
            let file = try files.file("performers.csv", "id,name\np-a,Ana\np-a,Ana again\n")
            await #expect { try await Importer(database: store).run(files: [file], actor: "t", now: testNow) } throws: { error in
                (error as? ImportError)?.row == "row 2 (line 3)"
            }
            #expect(try await Self.count("performer", store) == 0)
        }
    }
}
