import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

/// `likeness uses`: a performer's uses ledger, every stored check that named them.
struct UsesCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "uses", abstract: "Every stored check that named a performer, newest first (default: the last 90 days).")
    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option var performer: String
    @Option var since: String?
    @Option var until: String?
    @Flag(help: "Print CSV (a header row of the field names; sets ;-separated).") var csv = false

    func run() async throws {
        let operations = try await operations()
        let since = try Validate.day(self.since, "since"), until = try Validate.day(self.until, "until")
        var pages: [PerformerUsesPage] = [], before: String?
        repeat {
            let page = try await operations.uses(ofPerformer: performer, since: since, until: until, limit: 500, before: before,
                                                 by: .operator("cli"))
            pages.append(page)
            before = page.next
        } while before != nil
        var all = pages[0]
        all.checks = pages.flatMap(\.checks)
        all.next = nil
        if csv { return print(all.csv, terminator: "") }
        print("performer \(all.performer), \(all.since) to \(all.until): \(all.checks.count) checks")
        for c in all.checks {
            print("\(c.at)  \(c.decision.rawValue)  \(c.production)  \(c.use.rawValue) → \(c.destination.rawValue)  \(c.tool ?? "-")  \(c.id)")
        }
    }
}
