import Foundation
import LikenessTestSupport
import Testing

/// `likeness grant add --fee-*`, `likeness usage`, `likeness statement` and `likeness payables` on
/// either backend.
@Suite struct CompensationCLITests {
    @Test(arguments: StorageBackend.available)
    func feesUsageStatementsAndPayablesFromTheCLI(backend: StorageBackend) async throws {
        try await BackendCLITests.withDatabase(backend) { db, keys, folder in
            func run(_ arguments: [String], stdin: String? = nil, status: Int32 = 0) async throws -> (out: String, err: String) {
                let result = try await runCLI(arguments + ["--db", db], stdin: stdin)
                #expect(result.status == status, "\(arguments.prefix(2)): \(result.err)")
                return (result.out, result.err)
            }
            _ = try await run(["init", "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            _ = try await run(["performer", "add", "--id", "p-kim", "--name", "Kim Lee"])
            _ = try await run(["production", "add", "--id", "prod-x", "--title", "Night Shift"])
            let tools = folder.appendingPathComponent("tools.csv")
            try "id,name,retainsInputs,enterpriseSecured\nt-x,Vault,false,true\n".write(to: tools, atomically: true, encoding: .utf8)
            let approvals = folder.appendingPathComponent("approvals.csv")
            try "id,production,covers,approvedBy,reference\na-x,prod-x,talent-likeness,Studio legal,MEMO-1\n".write(to: approvals, atomically: true, encoding: .utf8)
            _ = try await run(["import", tools.path, approvals.path])
            let terms = ["--performer", "p-kim", "--production", "prod-x", "--use", "replica", "--aspect", "face", "--destination", "temporary",
                         "--territory", "*", "--valid-from", "2026-01-01", "--valid-until", "2027-06-30", "--signed-by", "performer",
                         "--description", "Face replica for the night scenes of episode 2"]
            let bad = try await run(["grant", "add"] + terms + ["--fee-amount", "1500.50", "--fee-currency", "USD", "--fee-per", "day"], status: 1)
            #expect(bad.err.contains("fee.amount"), "\(bad.err)")
            _ = try await run(["grant", "add"] + terms + ["--fee-amount", "15e3", "--fee-currency", "USD", "--fee-per", "day"], status: 64)
            let grant = try await run(["grant", "add"] + terms + ["--fee-amount", "150000", "--fee-currency", "USD", "--fee-per", "day",
                                                                  "--fee-pension-health-percent", "21"]).out
            #expect(grant.contains(#""fee":{"amount":150000,"currency":"USD","pensionHealthPercent":21,"per":"day"}"#), "\(grant)")

            let checked = try await run(["check", "--production", "prod-x", "--performer", "p-kim", "--use", "replica", "--aspect", "face",
                                         "--destination", "temporary", "--tool", "t-x", "--at", "2026-11-02", "--json"]).out
            let check = try #require(try JSONSerialization.jsonObject(with: Data(checked.utf8)) as? [String: Any])["id"] as? String
            let report = try await run(["usage", "report", "--check", try #require(check), "--delivered-on", "2026-11-20", "--days", "2"]).out
            #expect(report.contains(#""amount":300000"#) && report.contains(#""pensionHealth":63000"#), "\(report)")
            _ = try await run(["usage", "report", "--check", check!, "--delivered-on", "2026-11-20"], status: 1)
            #expect(try await run(["usage", "list", "--check", check!]).out.contains("2026-11-20  reported  by cli:"))

            let statement = try await run(["statement", "--performer", "p-kim"]).out
            #expect(statement.contains("delivered 2026-11-01 to 2026-11-30: 1 lines")
                    && statement.contains("Total USD 3,000.00, pension and health USD 630.00"), "\(statement)")
            let csv = try await run(["statement", "--performer", "p-kim", "--since", "2026-11-20", "--until", "2026-11-20", "--csv"]).out
            #expect(csv.hasPrefix("usage,check,production,deliveredOn,grant,performer,currency,basis,quantity,amount,pensionHealth\r\n")
                    && csv.hasSuffix(",p-kim,USD,day,2,300000,63000\r\n"), "\(csv)")
            #expect(try await run(["statement", "--performer", "p-kim", "--since", "2026-12-01"]).out.contains("delivered 2026-12-01 to 2026-12-31: 0 lines"))
            _ = try await run(["statement", "--performer", "p-kim", "--since", "2026-12-01", "--until", "2026-11-01"], status: 1)

            #expect(try await run(["payables", "--production", "prod-x", "--csv"]).out
                    == "performer,currency,amount,pensionHealth\r\np-kim,USD,300000,63000\r\n")
            let json = try await run(["payables", "--production", "prod-x", "--json"]).out
            #expect(json.contains(#""performers":[{"performer":"p-kim","totals":[{"amount":300000,"currency":"USD","pensionHealth":63000}]}]"#), "\(json)")
            _ = try await run(["payables", "--production", "prod-none"], status: 1)
        }
    }
}
