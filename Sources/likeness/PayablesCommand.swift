import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules

/// `likeness payables`: what a production owes each performer for the uses delivered in a window.
struct PayablesCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "payables", abstract: "A production's payables: per performer and currency, the amounts and contributions owed.")
    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option var production: String
    @Option(help: "First day of delivery (default: the first day of the current month, UTC).") var since: String?
    @Option(help: "Last day of delivery (default: the last day of the current month).") var until: String?
    @Flag(help: "Print CSV: performer,currency,amount,pensionHealth (minor units), one row per performer and currency.") var csv = false
    @Flag(help: "Print JSON, as GET /v1/productions/{id}/payables answers.") var json = false

    func validate() throws {
        if csv && json { throw ValidationError("choose --csv or --json") }
    }

    func run() async throws {
        let payables = try await operations().payables(ofProduction: production, since: since, until: until, by: .operator("cli"))
        if csv { return print(payables.csv, terminator: "") }
        if json { return try printJSON(payables) }
        print("Payables of \(payables.production), delivered \(payables.since) to \(payables.until): \(payables.performers.count) performers")
        for p in payables.performers {
            print("  \(p.performer)")
            for total in p.totals { print(CurrencyTotal.line(total, indent: "    ")) }
        }
    }
}
