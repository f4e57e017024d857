import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessApp
import LikenessRules
@testable import LikenessServer
import LikenessStore
import LikenessTestSupport
import NIOCore
import Testing

extension WebTestServer {
    /// A signed-in browser of an account named `actor` (a second production account, say).
    func browser(_ actor: String, _ role: AccountRole) -> Browser {
        let token = server.services.sessions.open(for: Identity(actor: actor, role: role), now: server.clock.now()).token
        return Browser(cookie: "\(WebApp.cookieName)=\(token)", csrf: web.csrfToken(sessionToken: token))
    }

    /// Casting records, through the grant form, Lena's consent to new lines in her voice in Nova
    /// for USD 1,500.00 per day of use plus 21% to the pension and health plans: its id.
    func recordLenasPaidGrant(_ client: any TestClientProtocol, fee: [(String, String)] = WebCompensationTests.dayFee) async throws -> String {
        let before = Set(try await server.database.snapshot { try Registry.grants(performer: "p-lena", $0) }.map(\.id))
        let page = try await client.submit("/grants", as: browser(.casting), WebCompensationTests.lenaGrant + fee)
        #expect(page.status == .seeOther && page.location == "/performers/p-lena#timeline", "\(page.status) \(page.html.prefix(600))")
        let grants = try await server.database.snapshot { try Registry.grants(performer: "p-lena", $0) }
        return try #require(grants.first { !before.contains($0.id) }?.id)
    }

    /// Production's stored check of Lena's voice in Nova (allowed under the paid grant): its id.
    func checkLenasVoice(_ client: any TestClientProtocol) async throws -> String {
        let check = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaNewPerformance)
        #expect(check["decision"] as? String == "allowed" || check["decision"] as? String == "notify", "\(check.json)")
        return try #require(check["id"] as? String, "\(check.json)")
    }
}

@Suite struct WebCompensationTests {
    /// The grant form's fields but the fee.
    static let lenaGrant: [(String, String)] = [
        ("performer", "p-lena"), ("production", "prod-nova"), ("uses[]", "new-performance"), ("aspects[]", "voice"),
        ("destinations[]", "temporary"), ("territories", "*"), ("validUntil", "2027-06-30"), ("signedBy", "performer"),
        ("description", "New lines in her voice for the pickup scenes of episode 5"),
    ]
    static let dayFee: [(String, String)] = [
        ("feeAmount", "1500.00"), ("feeCurrency", "USD"), ("feePer", "day"), ("feePensionHealthPercent", "21"),
    ]

    @Test(arguments: StorageBackend.available)
    func aFeeTypedInMajorUnitsIsRecordedExactlyAndShownInWordsAndTooManyDecimalsAreAFieldError(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let casting = app.browser(.casting)
            let form = try await client.open("/grants/new?performer=p-lena", as: casting)
            #expect(form.html.contains("name=\"feeAmount\"") && form.html.contains("<option value=\"day\">per day of use</option>"))
            for (fee, field, message) in [
                ([("feeAmount", "1500.005"), ("feeCurrency", "USD"), ("feePer", "day")], "feeAmount", "USD has 2 decimals: 1500.005 has more"),
                ([("feeAmount", "150000.5"), ("feeCurrency", "JPY"), ("feePer", "use")], "feeAmount", "JPY has no minor units: type a whole amount, e.g. 150000"),
                ([("feeAmount", "1,500"), ("feeCurrency", "USD"), ("feePer", "use")], "feeAmount", "type a number in digits, with a point before any decimals (e.g. 1500.00)"),
                ([("feeAmount", "-5"), ("feeCurrency", "USD"), ("feePer", "use")], "feeAmount", "type a number in digits"),
                ([("feeAmount", "1500"), ("feeCurrency", "XYZ"), ("feePer", "use")], "feeCurrency", "&#39;XYZ&#39; is not an ISO 4217 currency code"),
                ([("feeAmount", "1500"), ("feeCurrency", "USD"), ("feePer", "use"), ("feePensionHealthPercent", "31")], "feePensionHealthPercent",
                 "fee.pensionHealthPercent is a number from 0 to 30"),
                ([("feePensionHealthPercent", "21"), ("feeCurrency", "USD"), ("feePer", "use")], "feeAmount", "fee.amount is required"),
            ] {
                let refused = try await client.submit("/grants", as: casting, Self.lenaGrant + fee)
                #expect(refused.status == .unprocessableContent, "\(fee)")
                #expect(refused.html.contains("id=\"\(field)-error\">\(message)"), "\(fee): \(refused.html.components(separatedBy: "field-error").dropFirst().first?.prefix(200) ?? "")")
                #expect(refused.html.contains("value=\"\(fee[0].1)\""), "the form keeps what was typed")
            }
            #expect(try await app.server.database.snapshot { try Registry.grants(performer: "p-lena", $0) }.allSatisfy { $0.fee == nil },
                    "nothing was recorded")
            let yen = try await app.recordLenasPaidGrant(client, fee: [("feeAmount", "150000"), ("feeCurrency", "jpy"), ("feePer", "use")])
            let grant = try await app.server.database.snapshot { try Registry.require(Grant.self, yen, "grant", $0) }
            #expect(grant.fee == Fee(amount: 150_000, currency: Currency(code: "JPY")!, per: .use, pensionHealthHundredths: 0))
            let page = try await client.open("/grants/\(yen)", as: casting)
            #expect(page.html.contains("<dt>Fee</dt><dd>JPY 150,000 per use</dd>"))
            let unpaid = try await client.open("/grants/g-lena-1", as: casting)
            #expect(unpaid.html.contains("<dt>Fee</dt><dd>none: no payment is owed under this grant</dd>"))
            let dollars = try await app.recordLenasPaidGrant(client, fee: [("feeAmount", "0.07"), ("feeCurrency", "USD"), ("feePer", "minute"),
                                                                           ("feePensionHealthPercent", "21.5")])
            let cents = try await app.server.database.snapshot { try Registry.require(Grant.self, dollars, "grant", $0) }.fee
            #expect(cents?.amount == 7 && cents?.pensionHealthHundredths == 2150, "0.07 dollars are 7 cents, exactly")
        }
    }

    @Test(arguments: StorageBackend.available)
    func productionReportsUseOnTheReceiptAndTheStatementAndPayablesShowFormattedAmountsAndTotals(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let grant = try await app.recordLenasPaidGrant(client)
            let grantPage = try await client.open("/grants/\(grant)", as: app.browser(.casting))
            #expect(grantPage.html.contains("<dt>Fee</dt><dd>USD 1,500.00 per day of use, plus 21% to the pension and health plans</dd>"))
            let check = try await app.checkLenasVoice(client)
            let production = app.browser(.production)
            let receipt = try await client.open("/checks/\(check)", as: production)
            #expect(receipt.status == .ok)
            #expect(receipt.html.contains("<form class=\"stacked\" method=\"post\" action=\"/checks/\(check)/usage\" novalidate>"))
            #expect(receipt.html.contains("name=\"deliveredOn\" value=\"2026-11-28\""), "delivered today by default")
            #expect(receipt.html.contains("No use of this check is reported yet."))

            // A field error beside the field, what was typed kept; nothing reported.
            let letters = try await client.submit("/checks/\(check)/usage", as: production, [("deliveredOn", "2026-11-20"), ("days", "two")])
            #expect(letters.status == .unprocessableContent)
            #expect(letters.html.contains("<p class=\"field-error\" id=\"days-error\">type a number in digits, with a point before any decimals (e.g. 3)</p>"))
            #expect(letters.html.contains("value=\"two\"") && letters.html.contains("value=\"2026-11-20\""))
            let zero = try await client.submit("/checks/\(check)/usage", as: production, [("deliveredOn", "2026-11-20"), ("days", "0")])
            #expect(zero.status == .unprocessableContent && zero.html.contains("id=\"days-error\">days is a whole number of days from 1 to 36600"))
            let none = try await client.submit("/checks/\(check)/usage", as: production, [("deliveredOn", "2026-11-20")])
            #expect(none.status == .unprocessableContent && none.html.contains("pays per day of use: the report needs days"))
            let forged = try await client.submit("/checks/\(check)/usage", as: production, csrf: false, [("deliveredOn", "2026-11-20"), ("days", "2")])
            #expect(forged.status == .forbidden)

            let reported = try await client.submit("/checks/\(check)/usage", as: production,
                                                   [("deliveredOn", "2026-11-20"), ("days", "2"), ("note", "Pickup scenes, episode 5")])
            #expect(reported.status == .seeOther)
            let location = try #require(reported.location)
            #expect(location.hasPrefix("/checks/\(check)?reported=use-") && location.hasSuffix("#usage"))
            let after = try await client.open(location, as: production)
            let report = String(location.dropFirst("/checks/\(check)?reported=".count).dropLast("#usage".count))
            #expect(after.html.contains("<p class=\"notice\" role=\"status\">Reported as \(report).</p>"))
            #expect(after.html.contains("Delivered 2026-11-20: 2 days") && after.html.contains("<p>Pickup scenes, episode 5</p>"))
            #expect(after.html.contains("<td class=\"nowrap\" data-label=\"Fee\">per day</td><td data-label=\"Quantity\">2</td><td class=\"nowrap\" data-label=\"Amount\">USD 3,000.00</td><td class=\"nowrap\" data-label=\"Pension and health\">USD 630.00</td>"))
            #expect(after.html.contains("<input type=\"hidden\" name=\"corrects\" value=\"\(report)\">"))
            #expect(after.html.contains("<input type=\"hidden\" name=\"days\" value=\"-2\">"))

            // The staff's performer page: the month's lines and totals, the CSV, and links to the
            // months that have lines, up to the current one.
            let casting = app.browser(.casting)
            let alone = try await client.open("/performers/p-lena", as: casting)
            #expect(alone.html.contains("<p class=\"pager\"> </p>"), "no month before or after has lines")
            let october = try await client.submit("/checks/\(check)/usage", as: production, [("deliveredOn", "2026-10-15"), ("days", "1")])
            #expect(october.status == .seeOther)
            let performer = try await client.open("/performers/p-lena", as: casting)
            #expect(performer.html.contains("<h2 id=\"statement\">Payments for uses: November 2026</h2>"))
            #expect(performer.html.contains("<p class=\"pager\"><a href=\"/performers/p-lena?month=2026-10#statement\">← October 2026</a> </p>"))
            let before = try await client.open("/performers/p-lena?month=2026-10", as: casting)
            #expect(before.html.contains("Payments for uses: October 2026") && before.html.contains("USD 1,500.00") && before.html.contains("USD 315.00"))
            #expect(before.html.contains("<p class=\"pager\"> <a href=\"/performers/p-lena?month=2026-11#statement\">November 2026 →</a></p>"))
            #expect(performer.html.contains("<tr><td>USD</td><td class=\"nowrap\">USD 3,000.00</td><td class=\"nowrap\">USD 630.00</td></tr>"), "the total")
            #expect(performer.html.contains("<a href=\"/checks/\(check)\"><code class=\"id\" title=\"\(check)\">"))
            #expect(performer.html.contains("Nova") && performer.html.contains("<a href=\"/grants/\(grant)\">"))
            #expect(performer.html.contains("<a href=\"/performers/p-lena/statement.csv?month=2026-11\" download>"))
            let csv = try await client.open("/performers/p-lena/statement.csv?month=2026-11", as: casting)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.html.hasPrefix(PerformerStatement.columns.joined(separator: ",") + "\r\n"))
            #expect(csv.html.contains("\(report),\(check),prod-nova,2026-11-20,\(grant),p-lena,USD,day,2,300000,63000\r\n"))
            let september = try await client.open("/performers/p-lena?month=2026-09", as: casting)
            #expect(september.html.contains("Payments for uses: September 2026") && september.html.contains("Nothing is owed for this month."))
            let badMonth = try await client.open("/performers/p-lena?month=2026-13", as: casting)
            #expect(badMonth.status == .unprocessableContent && badMonth.html.contains("month must be a month of the form YYYY-MM"))
            let auditor = try await client.open("/performers/p-lena", as: app.browser(.auditor))
            #expect(auditor.html.contains("USD 3,000.00"))
            let studio = try await client.open("/performers/p-lena", as: app.browser(.studio))
            #expect(studio.status == .ok && !studio.html.contains("Payments for uses"), "a studio reads no statement")

            // The performer's side: the same statement on her page, grants linking to their cards.
            let lena = try await app.join(client, "p-lena", username: "lena")
            let mine = try await client.open("/me/performers/p-lena", as: lena)
            #expect(mine.html.contains("<h2 id=\"statement\">Payments for uses: November 2026</h2>"))
            #expect(mine.html.contains("<a href=\"#grant-\(grant)\">") && mine.html.contains("USD 3,000.00") && mine.html.contains("USD 630.00"))
            #expect(mine.html.contains("<dt>Payment</dt><dd>USD 1,500.00 per day of use, plus 21% to the pension and health plans</dd>"))
            #expect(!mine.html.contains("href=\"/checks/"), "the performer's side opens no receipts")
            #expect(mine.html.contains("<a href=\"/me/performers/p-lena/statement.csv?month=2026-11\" download>"))
            let ownCSV = try await client.open("/me/performers/p-lena/statement.csv?month=2026-11", as: lena)
            #expect(ownCSV.status == .ok && ownCSV.html.contains(",300000,63000\r\n"))
            let other = try await client.open("/me/performers/p-omar/statement.csv", as: lena)
            #expect(other.status == .notFound || other.status == .forbidden, "not her performer")

            // The production's payables: per performer by name, totals, CSV; linked from its page.
            for browser in [casting, production, app.browser(.auditor)] {
                let page = try await client.open("/productions/prod-nova", as: browser)
                #expect(page.html.contains("<a href=\"/productions/prod-nova/payables\">"))
            }
            let payables = try await client.open("/productions/prod-nova/payables", as: production)
            #expect(payables.status == .ok && payables.html.contains("Payables of") && payables.html.contains("November 2026"))
            #expect(payables.html.contains("Lena Park") && payables.html.contains("<td data-label=\"Currency\">USD</td><td class=\"nowrap\" data-label=\"Amount\">USD 3,000.00</td>"))
            #expect(payables.html.contains("<tr><td>USD</td><td class=\"nowrap\">USD 3,000.00</td><td class=\"nowrap\">USD 630.00</td></tr>"))
            let payablesCSV = try await client.open("/productions/prod-nova/payables.csv?month=2026-11", as: production)
            #expect(payablesCSV.html == "performer,currency,amount,pensionHealth\r\np-lena,USD,300000,63000\r\n")

            // Correcting: the report reversed, its button gone, the month owes nothing.
            let corrected = try await client.submit("/checks/\(check)/usage", as: production, [("corrects", report), ("days", "-2")])
            #expect(corrected.status == .seeOther)
            let reversed = try await client.open(try #require(corrected.location), as: production)
            #expect(reversed.html.contains("Corrected: report") && reversed.html.contains("reverses report \(report)."))
            #expect(reversed.html.contains("<td class=\"nowrap\" data-label=\"Fee\">per day</td><td data-label=\"Quantity\">-2</td><td class=\"nowrap\" data-label=\"Amount\">USD -3,000.00</td><td class=\"nowrap\" data-label=\"Pension and health\">USD -630.00</td>"))
            #expect(reversed.html.components(separatedBy: "name=\"corrects\"").count - 1 == 1,
                    "neither the report nor its correction can be corrected again: only October's report can")
            #expect(!reversed.html.contains("name=\"corrects\" value=\"\(report)\""))
            let twice = try await client.submit("/checks/\(check)/usage", as: production, [("corrects", report), ("days", "-2")])
            #expect(twice.status == .conflict && twice.html.contains("<p class=\"form-error\" role=\"alert\">usage report \(report) is already corrected"))
            #expect(twice.html.contains("name=\"days\" value=\"\"") && !twice.html.contains("value=\"-2\""), "the report form stays empty")
            let zeroed = try await client.open("/performers/p-lena", as: casting)
            #expect(zeroed.html.contains("<tr><td>USD</td><td class=\"nowrap\">USD 0.00</td><td class=\"nowrap\">USD 0.00</td></tr>"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func onlyThoseWhoMayReportSeeTheFormAndAnotherProductionAccountGetsNotFound(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            _ = try await app.recordLenasPaidGrant(client)
            let check = try await app.checkLenasVoice(client)
            let form = "action=\"/checks/\(check)/usage\""
            for role in [AccountRole.casting, .admin] {
                let page = try await client.open("/checks/\(check)", as: app.browser(role))
                #expect(page.status == .ok && page.html.contains(form), "\(role)")
            }
            let auditor = try await client.open("/checks/\(check)", as: app.browser(.auditor))
            #expect(auditor.status == .ok && !auditor.html.contains(form) && !auditor.html.contains("<h2 id=\"usage\">"))
            let byAuditor = try await client.submit("/checks/\(check)/usage", as: app.browser(.auditor), [("deliveredOn", "2026-11-20"), ("days", "1")])
            #expect(byAuditor.status == .forbidden)

            let stranger = app.browser("second-unit", .production)
            let hidden = try await client.open("/checks/\(check)", as: stranger)
            #expect(hidden.status == .notFound && !hidden.html.contains(form))
            let posted = try await client.submit("/checks/\(check)/usage", as: stranger, [("deliveredOn", "2026-11-20"), ("days", "1")])
            #expect(posted.status == .notFound)
            let production = try await client.open("/productions/prod-nova", as: stranger)
            #expect(production.status == .ok && !production.html.contains("/payables"), "no link to payables it may not read")
            let payables = try await client.open("/productions/prod-nova/payables", as: stranger)
            #expect(payables.status == .forbidden)

            // A check that is not allowed has no form.
            let denied = try await client.call(.post, "/v1/checks", token: app.server.token(.production),
                                               lenaNewPerformance.replacingOccurrences(of: "\"temporary\"", with: "\"marketing\""))
            #expect(!["allowed", "notify"].contains(denied["decision"] as? String ?? "allowed"), "\(denied.json)")
            let deniedPage = try await client.open("/checks/\(try #require(denied["id"] as? String))", as: app.browser(.production))
            #expect(deniedPage.status == .ok && !deniedPage.html.contains("/usage\""))
            let refused = try await client.submit("/checks/\(try #require(denied["id"] as? String))/usage", as: app.browser(.production),
                                                  [("deliveredOn", "2026-11-20"), ("days", "1")])
            #expect(refused.status == .conflict && refused.html.contains("only an allowed or notify check that names a performer is reported"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func anOffersTermsStateItsFeeOnTheOffersPage(backend: StorageBackend) async throws {
        let app = try await WebTestServer(backend)
        try await app.test { client in
            let lena = try await app.join(client, "p-lena", username: "lena")
            let body = lenaOffer.replacingOccurrences(of: "\"description\"",
                                                      with: #""fee":{"amount":150000,"currency":"USD","per":"day","pensionHealthPercent":21},"description""#)
            let offer = try await client.call(.post, "/v1/consent-offers", token: app.server.token(.casting), body)
            let id = try #require(offer["id"] as? String, "\(offer.json)")
            let page = try await client.open("/me/offers/\(id)", as: lena)
            #expect(page.html.contains("<p>Payment: USD 1,500.00 per day of use, plus 21% to the pension and health plans.</p>"))
        }
    }
}
