import Foundation
import HummingbirdTesting
import LikenessRules
import LikenessTestSupport
import Testing

/// Compensation per use (compensation.md) through the API, on both backends: fees on grants and
/// offers, usage reports and corrections, statements and payables.
@Suite struct CompensationTests {
    /// A performer of the test's own with one grant (replica of the face, temporary, Nova) carrying
    /// `fee` (JSON, or nil for none); returns the grant's id.
    static func performer(_ client: some TestClientProtocol, _ server: TestServer, _ id: String, fee: String?,
                          production: String = "prod-nova") async throws -> String {
        let casting = server.token(.casting)
        let performer = try await client.call(.post, "/v1/performers", token: casting, #"{"id":"\#(id)","name":"Paid Person \#(id)"}"#)
        #expect(performer.status == .created)
        let grant = try await client.call(.post, "/v1/grants", token: casting, """
            {"performer":"\(id)","production":"\(production)","uses":["replica"],"aspects":["face"],"destinations":["temporary"],
             "territories":["*"],"validFrom":"2026-01-01","validUntil":"2027-01-01","signedBy":"performer",
             "description":"Face replica for the compensation tests"\(fee.map { #","fee":\#($0)"# } ?? "")}
            """)
        #expect(grant.status == .created, "\(grant.json)")
        return try #require(grant["id"] as? String)
    }

    /// An allowed check of `performer`'s face replica in Nova, made by `token` (the production
    /// account by default).
    static func check(_ client: some TestClientProtocol, _ server: TestServer, _ performer: String, token: String? = nil,
                      production: String = "prod-nova") async throws -> String {
        let check = try await client.call(.post, "/v1/checks", token: token ?? server.token(.production), """
            {"production":"\(production)","performer":"\(performer)","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-05-01"}
            """)
        #expect(check["decision"] as? String == "allowed", "\(check.json)")
        return try #require(check["id"] as? String)
    }

    static func report(_ client: some TestClientProtocol, _ server: TestServer, _ check: String, _ body: String,
                       token: String? = nil) async throws -> Reply {
        try await client.call(.post, "/v1/checks/\(check)/usage", token: token ?? server.token(.production), body)
    }

    static func lines(_ reply: Reply) throws -> [[String: Any]] { try #require(reply["lines"] as? [[String: Any]], "\(reply.json)") }

    static func numbers(_ line: [String: Any]) -> [Int64] {
        ["quantity", "amount", "pensionHealth"].map { (line[$0] as? NSNumber)?.int64Value ?? .min }
    }

    @Test(arguments: StorageBackend.available)
    func aFeeIsKeptOnItsGrantAndAbsentWithoutOne(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let paid = try await Self.performer(client, server, "p-fee-1", fee: #"{"amount":150000,"currency":"USD","per":"day","pensionHealthPercent":21.5}"#)
            let grant = try await client.call(.get, "/v1/grants/\(paid)", token: server.token(.casting))
            let fee = try #require(grant["fee"] as? [String: Any])
            #expect(fee["amount"] as? Int == 150000 && fee["currency"] as? String == "USD" && fee["per"] as? String == "day")
            #expect((fee["pensionHealthPercent"] as? NSNumber)?.decimalValue == Decimal(string: "21.5"))
            let plain = try await Self.performer(client, server, "p-fee-2", fee: #"{"amount":0,"currency":"JPY","per":"flat"}"#)
            let zero = try #require(try await client.call(.get, "/v1/grants/\(plain)", token: server.token(.casting))["fee"] as? [String: Any])
            #expect(zero["pensionHealthPercent"] as? Int == 0 && zero["amount"] as? Int == 0)
            let none = try await Self.performer(client, server, "p-fee-3", fee: nil)
            #expect(try await client.call(.get, "/v1/grants/\(none)", token: server.token(.casting))["fee"] == nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aBadFeeIsA422NamingItsField(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            _ = try await client.call(.post, "/v1/performers", token: server.token(.casting), #"{"id":"p-bad-fee","name":"Bad Fee"}"#)
            func grant(_ fee: String) async throws -> Reply {
                try await client.call(.post, "/v1/grants", token: server.token(.casting), """
                    {"performer":"p-bad-fee","uses":["replica"],"aspects":["face"],"destinations":["temporary"],"territories":["*"],
                     "validUntil":"2027-01-01","signedBy":"performer","description":"Face replica for the compensation tests","fee":\(fee)}
                    """)
            }
            let cases: [(String, String, String)] = [
                (#"{"amount":100,"currency":"XYZ","per":"use"}"#, "fee.currency", "invalid-currency"),
                (#"{"amount":100,"currency":"usd","per":"use"}"#, "fee.currency", "invalid-currency"),
                (#"{"amount":100,"currency":"XAU","per":"use"}"#, "fee.currency", "invalid-currency"),
                (#"{"amount":-1,"currency":"USD","per":"use"}"#, "fee.amount", "invalid-amount"),
                (#"{"amount":12.5,"currency":"USD","per":"use"}"#, "fee.amount", "invalid-amount"),
                (#"{"amount":1000000000001,"currency":"USD","per":"use"}"#, "fee.amount", "out-of-range"),
                (#"{"amount":10000000000000000000,"currency":"USD","per":"use"}"#, "fee.amount", "out-of-range"),
                (#"{"amount":1e200,"currency":"USD","per":"use"}"#, "fee.amount", "out-of-range"),
                (#"{"amount":100,"currency":"USD","per":"use","pensionHealthPercent":1e-300}"#, "fee.pensionHealthPercent", "out-of-range"),
                (#"{"amount":100,"currency":"USD","per":"hour"}"#, "fee.per", "invalid-enum"),
                (#"{"amount":100,"currency":"USD","per":"use","pensionHealthPercent":30.01}"#, "fee.pensionHealthPercent", "out-of-range"),
                (#"{"amount":100,"currency":"USD","per":"use","pensionHealthPercent":1.005}"#, "fee.pensionHealthPercent", "out-of-range"),
                (#"{"amount":100,"currency":"USD","per":"use","pensionHealthPercent":-1}"#, "fee.pensionHealthPercent", "out-of-range"),
                (#"{"currency":"USD","per":"use"}"#, "fee.amount", "missing-field"),
                (#"{"amount":100,"per":"use"}"#, "fee.currency", "missing-field"),
                (#"{"amount":100,"currency":"USD"}"#, "fee.per", "missing-field"),
            ]
            for (fee, field, code) in cases {
                expectError(try await grant(fee), .unprocessableContent, code, field: field)
            }
            expectError(try await grant(#"{"amount":"100","currency":"USD","per":"use"}"#), .badRequest, "wrong-type")
            #expect(try await grant(#"{"amount":100,"currency":"BHD","per":"use","pensionHealthPercent":30}"#).status == .created)
        }
    }

    /// Per day: fee × days, the contribution rounded half-even; the report is stored, audited and
    /// an event; a correction is exactly the negation, once.
    @Test(arguments: StorageBackend.available)
    func aReportOwesPerDayAndACorrectionReversesItExactly(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let grant = try await Self.performer(client, server, "p-day", fee: #"{"amount":150000,"currency":"USD","per":"day","pensionHealthPercent":21}"#)
            let check = try await Self.check(client, server, "p-day")
            expectError(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-20"}"#), .unprocessableContent, "missing-field", field: "days")
            expectError(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-20","days":1.5}"#), .unprocessableContent, "out-of-range", field: "days")
            expectError(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-20","days":0}"#), .unprocessableContent, "out-of-range", field: "days")
            expectError(try await Self.report(client, server, check, #"{"days":3}"#), .unprocessableContent, "missing-field", field: "deliveredOn")
            expectError(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-31","days":3}"#), .unprocessableContent, "invalid-date", field: "deliveredOn")

            let reported = try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-20","days":3,"note":"Episode 5, scenes 12-14"}"#)
            #expect(reported.status == .created, "\(reported.json)")
            let id = try #require(reported["id"] as? String)
            #expect(id.hasPrefix("use-") && reported["check"] as? String == check && reported["production"] as? String == "prod-nova")
            #expect(reported["performer"] as? String == "p-day" && reported["deliveredOn"] as? String == "2026-11-20" && reported["days"] as? Int == 3)
            #expect(reported["reportedBy"] as? String == "production" && reported["reportedAt"] as? String != nil)
            let line = try #require(try Self.lines(reported).first)
            #expect(line["grant"] as? String == grant && line["performer"] as? String == "p-day" && line["currency"] as? String == "USD")
            #expect(line["basis"] as? String == "day" && Self.numbers(line) == [3, 450000, 94500])

            let listed = try await client.call(.get, "/v1/checks/\(check)/usage", token: server.token(.production))
            #expect((listed["reports"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])

            expectError(try await Self.report(client, server, check, #"{"corrects":"\#(id)","days":3}"#), .unprocessableContent, "out-of-range", field: "days")
            expectError(try await Self.report(client, server, check, #"{"corrects":"\#(id)","days":-2}"#), .unprocessableContent, "invalid-correction", field: "days")
            expectError(try await Self.report(client, server, check, #"{"corrects":"use-none","days":-3}"#), .unprocessableContent, "not-found", field: "corrects")
            let correction = try await Self.report(client, server, check, #"{"corrects":"\#(id)","days":-3}"#)
            #expect(correction.status == .created, "\(correction.json)")
            #expect(correction["corrects"] as? String == id && correction["deliveredOn"] as? String == "2026-11-20" && correction["days"] as? Int == -3)
            #expect(try Self.lines(correction).map(Self.numbers) == [[-3, -450000, -94500]])
            let correctionID = try #require(correction["id"] as? String)
            expectError(try await Self.report(client, server, check, #"{"corrects":"\#(id)"}"#), .conflict, "already-corrected", field: "corrects")
            expectError(try await Self.report(client, server, check, #"{"corrects":"\#(correctionID)","days":3}"#), .unprocessableContent, "out-of-range", field: "days")
            expectError(try await Self.report(client, server, check, #"{"corrects":"\#(correctionID)"}"#), .unprocessableContent, "invalid-reference", field: "corrects")
            let again = try #require(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-21","days":1}"#)["id"] as? String)
            let other = try await Self.check(client, server, "p-day")
            expectError(try await Self.report(client, server, other, #"{"corrects":"\#(again)"}"#), .unprocessableContent, "invalid-reference", field: "corrects")

            let statement = try await client.call(.get, "/v1/performers/p-day/statement", token: server.token(.casting))
            #expect(statement["since"] as? String == "2026-11-01" && statement["until"] as? String == "2026-11-30")
            #expect((statement["lines"] as? [[String: Any]])?.map { $0["usage"] as? String } == [id, correctionID, again])
            let totals = try #require(statement["totals"] as? [[String: Any]])
            #expect(totals.count == 1 && totals[0]["currency"] as? String == "USD" && totals[0]["amount"] as? Int == 150000
                    && totals[0]["pensionHealth"] as? Int == 31500)

            let events = try await client.call(.get, "/v1/events?limit=500", token: server.token(.auditor))
            let usage = (events["events"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "usage.reported" }
            #expect(usage.compactMap { ($0["data"] as? [String: Any])?["id"] as? String } == [id, correctionID, again])
            let audit = try await client.call(.get, "/v1/audit?limit=50", token: server.token(.auditor))
            let entries = (audit["entries"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "usage.report" }
            #expect(Set(entries.compactMap { $0["subject"] as? String }) == [id, correctionID, again], "\(audit.json)")
        }
    }

    /// Per minute rounds up; per use is 1; a flat fee is owed once per grant and production (again
    /// after its first report is corrected); several grants make a line each, in the check's order.
    @Test(arguments: StorageBackend.available)
    func minutesRoundUpUsesCountOneAndAFlatFeeIsOwedOnce(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            _ = try await Self.performer(client, server, "p-min", fee: #"{"amount":2,"currency":"EUR","per":"minute","pensionHealthPercent":25}"#)
            let minuteCheck = try await Self.check(client, server, "p-min")
            expectError(try await Self.report(client, server, minuteCheck, #"{"deliveredOn":"2026-11-02"}"#), .unprocessableContent, "missing-field", field: "minutes")
            expectError(try await Self.report(client, server, minuteCheck, #"{"deliveredOn":"2026-11-02","minutes":0}"#), .unprocessableContent, "out-of-range", field: "minutes")
            expectError(try await Self.report(client, server, minuteCheck, #"{"deliveredOn":"2026-11-02","minutes":1e200}"#), .unprocessableContent, "out-of-range", field: "minutes")
            // A positive number below what a decimal holds is a number all the same: one minute, rounded up.
            #expect(try Self.lines(try await Self.report(client, server, minuteCheck, #"{"deliveredOn":"2026-11-01","minutes":5e-324}"#)).map(Self.numbers) == [[1, 2, 0]])
            expectError(try await Self.report(client, server, "chk-none", #"{"corrects":"use-none","days":-1,"minutes":-5e-324}"#), .notFound, "not-found")
            // 2.2 minutes → 3; 3 × 2 = 6; 25% of 6 = 1.5 → 2 (half-even, up to even); 4.000001 → 5; 25% of 10 = 2.5 → 2.
            let three = try await Self.report(client, server, minuteCheck, #"{"deliveredOn":"2026-11-02","minutes":2.2}"#)
            #expect(try Self.lines(three).map(Self.numbers) == [[3, 6, 2]] && (three["minutes"] as? NSNumber)?.decimalValue == Decimal(string: "2.2"))
            let five = try await Self.report(client, server, minuteCheck, #"{"deliveredOn":"2026-11-02","minutes":4.000001}"#)
            #expect(try Self.lines(five).map(Self.numbers) == [[5, 10, 2]])

            _ = try await Self.performer(client, server, "p-use", fee: #"{"amount":250,"currency":"JPY","per":"use","pensionHealthPercent":1}"#)
            let useCheck = try await Self.check(client, server, "p-use")
            // 1% of 250 = 2.5 → 2 (half-even, down to even).
            #expect(try Self.lines(try await Self.report(client, server, useCheck, #"{"deliveredOn":"2026-11-03"}"#)).map(Self.numbers) == [[1, 250, 2]])

            let flat = try await Self.performer(client, server, "p-flat", fee: #"{"amount":500000,"currency":"GBP","per":"flat","pensionHealthPercent":10}"#)
            let first = try await Self.report(client, server, try await Self.check(client, server, "p-flat"), #"{"deliveredOn":"2026-11-04"}"#)
            #expect(try Self.lines(first).map(Self.numbers) == [[1, 500000, 50000]])
            let secondCheck = try await Self.check(client, server, "p-flat")
            #expect(try Self.lines(try await Self.report(client, server, secondCheck, #"{"deliveredOn":"2026-11-05"}"#)).map(Self.numbers) == [[0, 0, 0]])
            let firstCheck = try #require(first["check"] as? String), firstID = try #require(first["id"] as? String)
            #expect(try Self.lines(try await Self.report(client, server, firstCheck, #"{"corrects":"\#(firstID)"}"#)).map(Self.numbers) == [[-1, -500000, -50000]])
            #expect(try Self.lines(try await Self.report(client, server, secondCheck, #"{"deliveredOn":"2026-11-06"}"#)).map(Self.numbers) == [[1, 500000, 50000]])

            // A second grant with a fee: the check relies on both, a line each in its order.
            let second = try await client.call(.post, "/v1/grants", token: server.token(.casting), """
                {"performer":"p-flat","production":"prod-nova","uses":["replica"],"aspects":["face"],"destinations":["temporary"],
                 "territories":["*"],"validFrom":"2026-01-01","validUntil":"2027-01-01","signedBy":"performer",
                 "description":"A second consent with a fee per use","fee":{"amount":7,"currency":"USD","per":"use"}}
                """)
            let both = try await client.call(.post, "/v1/checks", token: server.token(.production), """
                {"production":"prod-nova","performer":"p-flat","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-05-01"}
                """)
            let relied = try #require(both["grants"] as? [String])
            #expect(Set(relied) == [flat, try #require(second["id"] as? String)])
            let two = try Self.lines(try await Self.report(client, server, try #require(both["id"] as? String), #"{"deliveredOn":"2026-11-07"}"#))
            #expect(two.map { $0["grant"] as? String } == relied)

            let statement = try await client.call(.get, "/v1/performers/p-flat/statement?since=2026-11-01&until=2026-11-30", token: server.token(.auditor))
            let totals = try #require(statement["totals"] as? [[String: Any]])
            #expect(totals.map { $0["currency"] as? String } == ["GBP", "USD"])
            #expect(totals.map { [$0["amount"] as? Int, $0["pensionHealth"] as? Int] } == [[500000, 50000], [7, 0]])
        }
    }

    /// Totals beyond 64 bits are a 409 that says to ask for less, in a statement and in payables.
    @Test(arguments: StorageBackend.available)
    func aTotalBeyond64BitsIsAConflictNotAnError(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            _ = try await Self.performer(client, server, "p-huge", fee: #"{"amount":1000000000000,"currency":"USD","per":"minute"}"#)
            let check = try await Self.check(client, server, "p-huge")
            for _ in 0..<10 {
                #expect(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-20","minutes":1000000}"#).status == .created)
            }
            expectError(try await client.call(.get, "/v1/performers/p-huge/statement", token: server.token(.casting)), .conflict, "total-too-large")
            expectError(try await client.call(.get, "/v1/productions/prod-nova/payables", token: server.token(.casting)), .conflict, "total-too-large")
        }
    }

    /// A report made in the last half-millisecond of a second says the same second when answered
    /// and when read back (it is stored to the millisecond).
    @Test(arguments: StorageBackend.available)
    func aReportSaysTheSameTimeWhenAnsweredAndReadBack(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, clock: .fixed(testNow.addingTimeInterval(0.9996)))
        try await server.test { client in
            _ = try await Self.performer(client, server, "p-time", fee: #"{"amount":1,"currency":"USD","per":"use"}"#)
            let check = try await Self.check(client, server, "p-time")
            let reported = try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-20"}"#)
            let listed = try await client.call(.get, "/v1/checks/\(check)/usage", token: server.token(.production))
            let stored = try #require((listed["reports"] as? [[String: Any]])?.first)
            #expect(reported["reportedAt"] as? String == "2026-11-28T09:00:01Z" && stored["reportedAt"] as? String == reported["reportedAt"] as? String)
        }
    }

    @Test(arguments: StorageBackend.available)
    func onlyAnAllowedOrNotifyCheckNamingAPerformerIsReported(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let denied = try await client.call(.post, "/v1/checks", token: server.token(.production), """
                {"production":"prod-nova","performer":"p-lena","use":"training","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-05-01"}
                """)
            #expect(denied["decision"] as? String != "allowed" && denied["decision"] as? String != "notify", "\(denied.json)")
            expectError(try await Self.report(client, server, try #require(denied["id"] as? String), #"{"deliveredOn":"2026-11-01"}"#),
                        .conflict, "not-reportable")
            let noPerformer = try await client.call(.post, "/v1/checks", token: server.token(.production),
                                                    #"{"production":"prod-nova","use":"generation","destination":"temporary","tool":"t-vault","at":"2026-05-01"}"#)
            expectError(try await Self.report(client, server, try #require(noPerformer["id"] as? String), #"{"deliveredOn":"2026-11-01"}"#),
                        .conflict, "not-reportable")
            expectError(try await Self.report(client, server, "chk-none", #"{"deliveredOn":"2026-11-01"}"#), .notFound, "not-found")
            // A check relying on grants without a fee is reported with no lines.
            let lena = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaCheck)
            let plain = try await Self.report(client, server, try #require(lena["id"] as? String), #"{"deliveredOn":"2026-11-01"}"#)
            #expect(plain.status == .created && (plain["lines"] as? [Any])?.isEmpty == true)
        }
    }

    /// Who may report and read: the production account that made the check (another gets 404),
    /// casting and admin report; statements for staff and the performer's side for its performers;
    /// payables for staff, the production's contact and production accounts that checked it.
    @Test(arguments: StorageBackend.available)
    func eachRoleReportsAndReadsOnlyWhatItMay(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        try await server.test { client in
            _ = try await Self.performer(client, server, "p-role", fee: #"{"amount":1000,"currency":"USD","per":"use"}"#)
            let check = try await Self.check(client, server, "p-role")
            let other = server.token(.production, as: "other-production")
            expectError(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-01"}"#, token: other), .notFound, "not-found")
            expectError(try await client.call(.get, "/v1/checks/\(check)/usage", token: other), .notFound, "not-found")
            for role: AccountRole in [.studio, .auditor, .privacy] {
                expectError(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-01"}"#, token: server.token(role)), .forbidden, "forbidden")
            }
            for role: AccountRole in [.casting, .admin, .production] {
                #expect(try await Self.report(client, server, check, #"{"deliveredOn":"2026-11-01"}"#, token: server.token(role)).status == .created)
            }

            for role: AccountRole in [.casting, .auditor, .admin] {
                #expect(try await client.call(.get, "/v1/performers/p-role/statement", token: server.token(role)).status == .ok)
            }
            for role: AccountRole in [.production, .studio, .privacy] {
                expectError(try await client.call(.get, "/v1/performers/p-role/statement", token: server.token(role)), .forbidden, "forbidden")
            }
            #expect(try await join(client, server, performer: "p-role", capacity: "self", username: "paid-person").status == .created)
            let own = try await signIn(client, "paid-person")
            let mine = try await client.call(.get, "/v1/performers/p-role/statement", token: own)
            #expect(mine.status == .ok && (mine["totals"] as? [[String: Any]])?.first?["amount"] as? Int == 3000)
            let export = try await client.call(.get, "/v1/performers/p-role/export", token: own)
            let payments = try #require(export["payments"] as? [String: Any], "\(export.json)")
            #expect((payments["lines"] as? [Any])?.count == 3 && (payments["totals"] as? [[String: Any]])?.first?["amount"] as? Int == 3000)
            #expect(payments["since"] as? String == "0001-01-01" && payments["until"] as? String == "9999-12-31")
            #expect(try await client.call(.get, "/v1/performers/p-lena/statement", token: own).status == .forbidden)

            let payables = "/v1/productions/prod-nova/payables"
            for token in [server.token(.casting), server.token(.auditor), server.token(.admin), server.token(.production), server.token(.studio, as: "dana")] {
                #expect(try await client.call(.get, payables, token: token).status == .ok)
            }
            for token in [other, server.token(.studio, as: "erin"), server.token(.privacy), own] {
                expectError(try await client.call(.get, payables, token: token), .forbidden, "forbidden")
            }
            expectError(try await client.call(.get, "/v1/productions/prod-none/payables", token: server.token(.casting)), .notFound, "not-found")
        }
    }

    @Test(arguments: StorageBackend.available)
    func statementsAndPayablesSumPerCurrencyInTheirWindowAsJSONAndCSV(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            _ = try await Self.performer(client, server, "p-sum-a", fee: #"{"amount":150000,"currency":"USD","per":"day","pensionHealthPercent":21}"#)
            _ = try await Self.performer(client, server, "p-sum-b", fee: #"{"amount":150000,"currency":"JPY","per":"use","pensionHealthPercent":12.5}"#)
            let a = try await Self.check(client, server, "p-sum-a"), b = try await Self.check(client, server, "p-sum-b")
            for (check, body) in [(a, #"{"deliveredOn":"2026-10-31","days":1}"#), (a, #"{"deliveredOn":"2026-11-01","days":2}"#),
                                  (b, #"{"deliveredOn":"2026-11-30"}"#), (b, #"{"deliveredOn":"2026-12-01"}"#)] {
                #expect(try await Self.report(client, server, check, body).status == .created)
            }
            let november = "since=2026-11-01&until=2026-11-30"
            let statement = try await client.call(.get, "/v1/performers/p-sum-a/statement?\(november)", token: server.token(.casting))
            #expect((statement["lines"] as? [[String: Any]])?.map { $0["deliveredOn"] as? String } == ["2026-11-01"])
            let line = try #require((statement["lines"] as? [[String: Any]])?.first)
            #expect(Set(line.keys) == ["usage", "check", "production", "deliveredOn", "grant", "performer", "currency", "basis", "quantity", "amount", "pensionHealth"])
            let csv = try await client.raw("/v1/performers/p-sum-a/statement?\(november)&format=csv", token: server.token(.casting))
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = csv.text.split(separator: "\r\n").map(String.init)
            #expect(rows.first == "usage,check,production,deliveredOn,grant,performer,currency,basis,quantity,amount,pensionHealth")
            #expect(rows.count == 2 && rows[1].hasSuffix(",2026-11-01,\(line["grant"] as! String),p-sum-a,USD,day,2,300000,63000"))

            let payables = try await client.call(.get, "/v1/productions/prod-nova/payables?\(november)", token: server.token(.casting))
            let performers = try #require(payables["performers"] as? [[String: Any]])
            #expect(performers.map { $0["performer"] as? String } == ["p-sum-a", "p-sum-b"])
            #expect(performers.map { ($0["totals"] as? [[String: Any]])?.map { [$0["currency"] as? String, "\($0["amount"] ?? ""):\($0["pensionHealth"] ?? "")"] } }
                    == [[["USD", "300000:63000"]], [["JPY", "150000:18750"]]])
            let payablesCSV = try await client.raw("/v1/productions/prod-nova/payables?\(november)&format=csv", token: server.token(.casting)).text
            #expect(payablesCSV == "performer,currency,amount,pensionHealth\r\np-sum-a,USD,300000,63000\r\np-sum-b,JPY,150000,18750\r\n")

            let whole = try await client.call(.get, "/v1/productions/prod-nova/payables?since=2026-10-01&until=2026-12-31", token: server.token(.casting))
            #expect(((whole["performers"] as? [[String: Any]])?.first?["totals"] as? [[String: Any]])?.first?["amount"] as? Int == 450000)
            expectError(try await client.call(.get, "/v1/performers/p-sum-a/statement?since=2026-12-01&until=2026-11-01", token: server.token(.casting)),
                        .unprocessableContent, "invalid-range", field: "until")
            expectError(try await client.call(.get, "/v1/performers/p-sum-a/statement?since=yesterday", token: server.token(.casting)),
                        .unprocessableContent, "invalid-date", field: "since")
            expectError(try await client.call(.get, "/v1/productions/prod-nova/payables?format=xml", token: server.token(.casting)),
                        .unprocessableContent, "invalid-enum", field: "format")
        }
    }

    /// An offer's fee is in its terms in words; signing it makes a grant with the same fee.
    @Test(arguments: StorageBackend.available)
    func anOfferStatesItsFeeInWordsAndItsGrantCarriesIt(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let body = String(lenaOffer.dropLast(1)) + #","fee":{"amount":150000,"currency":"USD","per":"day","pensionHealthPercent":21}}"#
            let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), body)
            #expect(offer.status == .created, "\(offer.json)")
            let terms = try #require(offer["terms"] as? String)
            #expect(terms.contains("USD 1,500.00 per day of use, plus 21% to the pension and health plans"), "\(terms)")
            #expect((offer["fee"] as? [String: Any])?["amount"] as? Int == 150000)
            expectError(try await client.call(.post, "/v1/consent-offers", token: server.token(.casting),
                                              String(lenaOffer.dropLast(1)) + #","fee":{"amount":1,"currency":"EURO","per":"day"}}"#),
                        .unprocessableContent, "invalid-currency", field: "fee.currency")
            #expect(try await join(client, server, performer: "p-lena", capacity: "self", username: "lena").status == .created)
            let lena = try await signIn(client, "lena")
            let signed = try await client.call(.post, "/v1/consent-offers/\(try #require(offer["id"] as? String))/sign", token: lena, """
                {"typedName":"Lena Park","agree":true,"termsSha256":"\(try #require(offer["termsSha256"] as? String))"}
                """)
            #expect(signed.status == .created, "\(signed.json)")
            let fee = try #require((signed["grant"] as? [String: Any])?["fee"] as? [String: Any])
            #expect(fee["amount"] as? Int == 150000 && fee["per"] as? String == "day" && fee["pensionHealthPercent"] as? Int == 21)
        }
    }
}
