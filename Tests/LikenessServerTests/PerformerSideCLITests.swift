import Foundation
import LikenessTestSupport
import Testing

/// `likeness invite`, `likeness offer` and `likeness uses` on either backend.
@Suite struct PerformerSideCLITests {
    @Test(arguments: StorageBackend.available)
    func invitationsOffersAndTheLedgerFromTheCLI(backend: StorageBackend) async throws {
        try await BackendCLITests.withDatabase(backend) { db, keys, _ in
            func run(_ arguments: [String], stdin: String? = nil, status: Int32 = 0) async throws -> (out: String, err: String) {
                let result = try await runCLI(arguments + ["--db", db], stdin: stdin)
                #expect(result.status == status, "\(arguments.prefix(2)): \(result.err)")
                return (result.out, result.err)
            }
            _ = try await run(["init", "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            _ = try await run(["performer", "add", "--id", "p-kim", "--name", "Kim Lee"])
            _ = try await run(["performer", "add", "--id", "p-old", "--name", "Old Star", "--deceased-on", "2020-01-01"])
            _ = try await run(["production", "add", "--id", "prod-x", "--title", "Night Shift"])

            let invited = try await run(["invite", "--performer", "p-kim", "--capacity", "agent", "--may-consent", "--expires-in", "3"]).out
            #expect(invited.contains("may consent") && invited.contains("expires 2026-12-01"), "\(invited)")
            let code = try #require(invited.split(separator: "\n").first { $0.hasPrefix("code: ") }).dropFirst("code: ".count)
            #expect(code.count >= 43)
            let refused = try await run(["invite", "--performer", "p-old", "--capacity", "self"], status: 1)
            #expect(refused.err.contains("deceased"), "\(refused.err)")
            _ = try await run(["invite", "--performer", "p-kim", "--capacity", "cousin"], status: 64)

            let offer = try await run(["offer", "create", "--id", "off-1", "--performer", "p-kim", "--production", "prod-x", "--use", "replica",
                                       "--aspect", "face", "--destination", "temporary", "--territory", "*", "--valid-until", "2027-06-30",
                                       "--description", "Face replica for the night scenes of episode 2"]).out
            #expect(offer.contains(#""state":"open""#) && offer.contains(#""respondBy":"2026-12-12""#) && offer.contains("termsSha256"))
            let short = try await run(["offer", "create", "--performer", "p-kim", "--use", "replica", "--aspect", "face", "--destination",
                                       "final", "--valid-until", "2027-06-30", "--description", "too short"], status: 1)
            #expect(short.err.contains("description"), "\(short.err)")
            #expect(try await run(["offer", "list", "--state", "open"]).out.contains("off-1  open  p-kim  prod-x"))
            let withdrawn = try await run(["offer", "withdraw", "off-1", "--reason", "the scene was cut"]).out
            #expect(withdrawn.contains(#""state":"withdrawn""#))
            _ = try await run(["offer", "withdraw", "off-1", "--reason", "again"], status: 1)
            #expect(try await run(["offer", "list", "--state", "open"]).out.isEmpty)

            for day in ["2026-11-01", "2026-11-20"] {
                _ = try await run(["check", "--production", "prod-x", "--performer", "p-kim", "--use", "replica", "--aspect", "face",
                                   "--destination", "temporary", "--at", day], status: 3)
            }
            let uses = try await run(["uses", "--performer", "p-kim"]).out
            #expect(uses.contains("2 checks") && uses.range(of: "2026-11-20")!.lowerBound < uses.range(of: "2026-11-01")!.lowerBound, "\(uses)")
            let csv = try await run(["uses", "--performer", "p-kim", "--since", "2026-11-10", "--csv"]).out
            #expect(csv.hasPrefix("id,production,use,aspects,destination,territory,tool,decision,at,decidedAt,grants\r\n")
                    && csv.split(separator: "\r\n").count == 2, "\(csv)")
            _ = try await run(["uses", "--performer", "p-nobody"], status: 1)
        }
    }
}
