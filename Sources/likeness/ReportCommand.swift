import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports for the studio contact.",
                                                    subcommands: [Uses.self])
    @OptionGroup var global: GlobalOptions

    struct Uses: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "A production's use register: what it has shared with its studio contact (for cron to mail).",
            discussion: "Every stored check whose day of use falls in the window, grouped by use, destination, tool, performer and decision.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var production: String
        @Option(help: "First day of the window (default: 29 days before --until).") var since: String?
        @Option(help: "Last day of the window (default: today, UTC).") var until: String?
        @Flag(help: "Print CSV (a header row of the entries' field names).") var csv = false
        @Flag(help: "Print JSON, as GET /v1/productions/{id}/uses answers.") var json = false

        func validate() throws {
            if let since, Day(since) == nil { throw ValidationError("--since takes a date of the form YYYY-MM-DD") }
            if let until, Day(until) == nil { throw ValidationError("--until takes a date of the form YYYY-MM-DD") }
            if csv && json { throw ValidationError("choose --csv or --json") }
        }

        func run() async throws {
            let (since, until) = UseRegister.window(since: since.flatMap(Day.init), until: until.flatMap(Day.init),
                                                    today: try clock.today())
            let production = self.production
            let register = try await openStore().snapshot { try UseRegister.read(production: production, since: since, until: until, $0) }
            if csv { return print(register.csv, terminator: "") }
            if json { return try printJSON(register) }
            print("Uses of \(production) from \(since) to \(until): \(register.entries.reduce(0) { $0 + $1.checks }) checks")
            for e in register.entries {
                print("  \(e.use.rawValue)  \(e.destination.rawValue)  \(e.tool ?? "-")  \(e.performer ?? "-")  \(e.decision.rawValue)  \(e.checks)  \(e.first)…\(e.last)")
            }
        }
    }
}
