import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules

/// `likeness usage`: report what a production used under a check, and list a check's reports.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage", abstract: "Report the use made under a check (what is owed follows from its grants' fees), or list its reports.",
        subcommands: [Report.self, List.self])
    @OptionGroup var global: GlobalOptions

    struct Report: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Report a use under an allowed or notify check; prints the report as JSON.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var check: String
        @Option(help: "The day the material was delivered (YYYY-MM-DD; a correction defaults to its report's).") var deliveredOn: String?
        @Option(help: "Days of use (a grant paid per day needs them).") var days: ExactNumber?
        @Option(help: "Minutes of use, rounded up per line (a grant paid per minute needs them).") var minutes: ExactNumber?
        @Option var note: String?
        @Option(help: "The report this one reverses (its days and minutes negated, or omitted).") var corrects: String?

        func run() async throws {
            let input = UsageInput(deliveredOn: deliveredOn, days: days?.value, minutes: minutes?.value, note: note, corrects: corrects)
            try printJSON(try await operations().reportUsage(check: check, input, by: actor.identity))
        }
    }

    struct List: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "A check's usage reports, oldest first.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var check: String
        @Flag(help: "Print JSON, as GET /v1/checks/{id}/usage answers.") var json = false

        func run() async throws {
            let usage = try await operations().usage(ofCheck: check, by: .operator("cli"))
            if json { return try printJSON(usage) }
            for r in usage.reports {
                let owed = r.lines.map { line in Currency(code: line.currency).map { $0.format(line.amount) } ?? "\(line.currency) \(line.amount)" }
                print("\(r.id)  \(r.deliveredOn)  \(r.corrects.map { "corrects \($0)" } ?? "reported")  by \(r.reportedBy)  \(owed.joined(separator: ", "))")
            }
        }
    }
}
