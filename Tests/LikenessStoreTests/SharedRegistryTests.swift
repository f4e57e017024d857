import Crypto
import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The registry on every backend (`StorageBackend.available`): its rows, its writes with their
/// audit entries, status history and events, its listings and the facts a check reads.
@Suite struct SharedRegistryTests {
    /// Records read a page at a time come in rowid order, each once, within the bounds asked for.
    @Test(arguments: StorageBackend.available)
    func recordsReadAPageAtATimeComeInRowidOrderEachOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let ids = (1...7).map { "p-page-\($0)" }
            try await database.store.transaction { db in
                for id in ids { try Performer(id: id, name: id, minorUntil: nil, deceasedOn: nil, createdAt: testNow).insert(db) }
            }
            let (read, rowids) = try await database.store.snapshot { db in
                var read: [String] = []
                try Performer.forEachInRowidOrder(page: 2, db) { read.append($0.id) }
                let rowids: [Int64] = try db.rows("SELECT rowid FROM performer ORDER BY rowid", []).map { try $0["rowid"] }
                return (read, rowids)
            }
            #expect(read == ids)
            let bounded = try await database.store.snapshot { db in
                var read: [String] = []
                try Performer.forEachInRowidOrder(after: rowids[1], below: rowids[5], page: 2, db) { read.append($0.id) }
                return read
            }
            #expect(bounded == Array(ids[2..<5]))
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyRecordReadsBackAsWritten(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            try await database.store.transaction { db in
                for optionalsSet in [false, true] {
                    let records = SampleRecords(optionalsSet: optionalsSet)
                    try records.account.insert(db)
                    try records.key.insert(db)
                    try records.performer.insert(db)
                    try records.production.insert(db)
                    try records.role.insert(db)
                    try records.tool.insert(db)
                    try records.union.insert(db)
                    try RowInsert(records.grant).execute(db)
                    try records.approval.insert(db)
                    #expect(try Account.find(records.account.username, db) == records.account)
                    #expect(try APIKey.find(records.key.id, db) == records.key)
                    #expect(try Performer.find(records.performer.id, db) == records.performer)
                    #expect(try Production.find(records.production.id, db) == records.production)
                    #expect(try Role.find(records.role.id, db) == records.role)
                    #expect(try Tool.find(records.tool.id, db) == records.tool)
                    #expect(try UnionState.find(records.union.name, db) == records.union)
                    #expect(try Grant.find(records.grant.id, db) == records.grant)
                    #expect(try Approval.find(records.approval.id, db) == records.approval)
                }
                #expect(try Performer.find("p-nobody", db) == nil)
                var union = SampleRecords(optionalsSet: true).union
                union.strike = false
                try union.upsert(db)
                #expect(try UnionState.find(union.name, db)?.strike == false)
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func grantChangesKeepHistoryAuditAndEventsWithTheirDeliveries(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let webhooks = Webhooks(sealing: SymmetricKey(size: .bits256))
            let records = SampleRecords(optionalsSet: false)
            let hook = try await database.store.transaction { db in
                let hook = try webhooks.register(url: "https://hooks.example/likeness", events: [.grantRevoked], actor: "admin",
                                                 now: testNow, db)
                try Registry.insert(records.performer, actor: "casting", db)
                try Registry.insert(records.production, actor: "casting", db)
                try Registry.insert(records.grant, by: ActedBy(account: "t", role: .casting), db)
                return hook
            }
            let revoked = try await database.store.transaction { db in
                try Registry.change(grant: records.grant.id, .revoke, reason: "withdrawn by letter", by: ActedBy(account: "casting", role: .casting),
                                    now: testNow.addingTimeInterval(60), db)
            }
            #expect(revoked.status == .revoked)
            await #expect { try await database.store.transaction { db in
                try Registry.change(grant: records.grant.id, .resume, reason: "again", by: ActedBy(account: "casting", role: .casting), now: testNow, db)
            } } throws: { ($0 as? LikenessError)?.kind == .conflict }
            await #expect { try await database.store.transaction { try Registry.insert(records.performer, actor: "casting", $0) } }
                throws: { ($0 as? LikenessError)?.code == "duplicate-id" }
            let orphan = {
                var grant = records.grant
                grant.id = "g-orphan"
                grant.performer = "p-nobody"
                return grant
            }()
            await #expect { try await database.store.transaction { try Registry.insert(orphan, by: ActedBy(account: "t", role: .casting), $0) } }
                throws: { ($0 as? LikenessError)?.field == "performer" }

            try await database.store.snapshot { db in
                #expect(try Registry.statusHistory(grant: records.grant.id, db).map(\.status) == [.active, .revoked])
                #expect(try Registry.grants(performer: records.performer.id, db) == [revoked])
                let feed = try Events.feed(after: nil, limit: 10, db)
                #expect(feed.count == 2 && feed[0].contains(#""type":"grant.created""#) && feed[1].contains(#""type":"grant.revoked""#))
                #expect(try Events.feed(after: nil, limit: 1, db).count == 1)
                let deliveries = try Webhooks.deliveries(of: hook.id, limit: 10, db)
                #expect(deliveries.map(\.type) == [.grantRevoked] && deliveries.first?.state == .pending)
                #expect(try Webhooks.list(db).map(\.pending) == [1])
                let actions = try Audit.page(limit: 10, before: nil, db).map(\.action)
                #expect(actions == ["grant.revoke", "grant.create", "production.create", "performer.create", "webhook.create"])
            }
            try await database.store.transaction { try Webhooks.delete(hook.id, actor: "admin", now: testNow, $0) }
            await #expect { try await database.store.transaction { try Webhooks.delete(hook.id, actor: "admin", now: testNow, $0) } }
                throws: { ($0 as? LikenessError)?.kind == .notFound }
        }
    }

    @Test(arguments: StorageBackend.available)
    func listingsPageAndMatchNamesIgnoringCase(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            try await database.store.transaction { db in
                for (id, name) in [("p-ana", "Ana Lima"), ("p-bo", "Bo Anders"), ("p-cy", "Cy Twelve"), ("p-50", "Fifty_Percent")] {
                    try Registry.insert(Performer(id: id, name: name, minorUntil: nil, deceasedOn: nil, createdAt: testNow), actor: "t", db)
                }
            }
            try await database.store.snapshot { db in
                let first = try Listings.performers(matching: nil, limit: 2, offset: 0, db)
                #expect(first.items.map(\.id) == ["p-ana", "p-bo"] && first.more)
                let last = try Listings.performers(matching: nil, limit: 2, offset: 2, db)
                #expect(last.items.map(\.id) == ["p-cy", "p-50"] && !last.more)
                #expect(try Listings.performers(matching: "AN", limit: 10, offset: 0, db).items.map(\.id) == ["p-ana", "p-bo"])
                #expect(try Listings.performers(matching: "_", limit: 10, offset: 0, db).items.map(\.id) == ["p-50"])
                #expect(try Listings.performers(matching: "%", limit: 10, offset: 0, db).items.isEmpty)
            }
        }
    }

    /// Listings order names byte for byte on every backend, whatever the PostgreSQL server's locale
    /// (the test cluster's is ICU's en-US, which would put "ana" before "Zoe").
    @Test(arguments: StorageBackend.available)
    func listingsOrderNamesTheSameOnEveryBackend(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let names = [("p-e", "Émile Zola"), ("p-a", "ana lima"), ("p-z", "Zoe Park"), ("p-b", "Bo"), ("p-b2", "Bo")]
            try await database.store.transaction { db in
                for (id, name) in names {
                    try Registry.insert(Performer(id: id, name: name, minorUntil: nil, deceasedOn: nil, createdAt: testNow), actor: "t", db)
                    try Registry.insert(Production(id: "prod" + id.dropFirst(), title: name, studio: nil, nonFiction: false, contact: nil, createdAt: testNow), actor: "t", db)
                }
            }
            let (performers, productions) = try await database.store.snapshot { db in
                (try Listings.performers(matching: nil, limit: 10, offset: 0, db).items.map(\.id),
                 try Listings.productions(limit: 10, offset: 0, db).items.map(\.id))
            }
            #expect(performers == ["p-b", "p-b2", "p-z", "p-a", "p-e"])
            #expect(productions == ["prod-b", "prod-b2", "prod-z", "prod-a", "prod-e"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCheckReadsTheSameFactsFromEitherBackend(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let records = SampleRecords(optionalsSet: true)
            try await database.store.transaction { db in
                try records.account.insert(db)
                for insert in [records.performer.insert, records.production.insert, records.role.insert, records.tool.insert,
                               records.union.insert, records.approval.insert] { try insert(db) }
                try Registry.insert(records.grant, by: ActedBy(account: "t", role: .casting), db)
            }
            let use = ProposedUse(production: records.production.id, performer: records.performer.id, use: .replica, destination: .final,
                                  at: Day("2026-05-01")!, tool: records.tool.id)
            let facts = try await database.store.snapshot { try DatabaseFacts.facts(for: use, $0) }
            #expect(facts.productionTitle == records.production.title && facts.productionNonFiction)
            #expect(facts.productionHasUnionRole && facts.strikingUnions == [records.union.name])
            #expect(facts.tool == ToolFacts(records.tool) && facts.performer == PerformerFacts(records.performer))
            #expect(facts.roles == [RoleFacts(records.role)] && facts.grants == [GrantFacts(records.grant)])
            #expect(facts.approvals == [ApprovalFacts(records.approval)])
            #expect(facts.productionTitles == [records.production.id: records.production.title])
            await #expect { try await database.store.snapshot { try DatabaseFacts.facts(for: ProposedUse(production: "prod-none", use: .replica, destination: .final, at: Day("2026-05-01")!), $0) } }
                throws: { ($0 as? LikenessError)?.field == "production" }
        }
    }
}

/// One record of each registry type, with every optional field set or none.
struct SampleRecords {
    let account: Account
    let key: APIKey
    let performer: Performer
    let production: Production
    let role: Role
    let tool: Tool
    let union: UnionState
    let grant: Grant
    let approval: Approval

    init(optionalsSet: Bool) {
        let suffix = optionalsSet ? "set" : "unset"
        // Half seconds: the stored millisecond text reads back as the same `Date`.
        let at = Date(timeIntervalSince1970: 1_795_000_000.5)
        account = Account(username: "studio-\(suffix)", role: .studio, passwordHash: "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", createdAt: at)
        key = APIKey(id: "key-\(suffix)", name: "Render farm", role: .production, keyHash: String(repeating: optionalsSet ? "a" : "b", count: 64),
                     createdAt: at, createdBy: "admin")
        performer = Performer(id: "p-\(suffix)", name: "Ana \"Quoted\" Lima", minorUntil: optionalsSet ? Day("2030-01-02") : nil,
                              deceasedOn: optionalsSet ? Day("2031-03-04") : nil, createdAt: at)
        production = Production(id: "prod-\(suffix)", title: "Night Shift", studio: optionalsSet ? "North Studio" : nil,
                                nonFiction: optionalsSet, contact: optionalsSet ? account.username : nil, createdAt: at)
        role = Role(id: "r-\(suffix)", production: production.id, performer: performer.id, name: "Lead", category: .stunt,
                    union: optionalsSet ? "SAG-AFTRA" : nil, createdAt: at)
        tool = Tool(id: "t-\(suffix)", name: "Face Tool", vendor: optionalsSet ? "Vendor Ltd" : nil, retainsInputs: optionalsSet,
                    enterpriseSecured: !optionalsSet, createdAt: at)
        union = UnionState(name: optionalsSet ? "SAG-AFTRA" : "Equity", strike: true, updatedAt: at, updatedBy: "admin")
        grant = Grant(id: "g-\(suffix)", performer: performer.id, production: optionalsSet ? production.id : nil, uses: [.replica, .alteration],
                      aspects: [.face, .voice], destinations: [.final], territories: ["DE", "GB"],
                      excludedContent: optionalsSet ? ["nudity", "políticas \"x\""] : [],
                      validFrom: Day("2026-01-01")!, validUntil: Day("2027-01-01")!, signedBy: .guardian, survivesDeath: optionalsSet,
                      description: "A sufficiently specific description", evidence: optionalsSet ? Evidence(documentRef: "DMS-1", sha256: nil) : nil,
                      status: .active, recordedAt: at, recordedBy: "casting-ana")
        approval = Approval(id: "ap-\(suffix)", production: production.id, performer: optionalsSet ? performer.id : nil,
                            uses: optionalsSet ? [.replica] : nil, destinations: optionalsSet ? [.final] : nil, covers: [.talentLikeness],
                            validUntil: optionalsSet ? Day("2027-06-30") : nil, approvedBy: "Dana (studio)", reference: "MAIL-1",
                            status: optionalsSet ? .revoked : .active, revokedAt: optionalsSet ? at : nil,
                            revokedBy: optionalsSet ? "admin" : nil, revokeReason: optionalsSet ? "superseded" : nil,
                            recordedAt: at, recordedBy: "admin")
    }
}
