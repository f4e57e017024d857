import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules

/// `likeness statement`: what a performer is owed for the uses delivered in a window.
struct StatementCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement", abstract: "A performer's statement: the usage lines delivered in a window and their totals per currency.")
    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option var performer: String
    @Option(help: "First day of delivery (default: the first day of the current month, UTC).") var since: String?
    @Option(help: "Last day of delivery (default: the last day of the current month).") var until: String?
    @Flag(help: "Print the lines as CSV (amounts in minor units), as GET /v1/performers/{id}/statement?format=csv answers.") var csv = false
    @Flag(help: "Print JSON, as GET /v1/performers/{id}/statement answers.") var json = false

    func validate() throws {
        if csv && json { throw ValidationError("choose --csv or --json") }
    }

    func run() async throws {
        let statement = try await operations().statement(ofPerformer: performer, since: since, until: until, by: .operator("cli"))
        if csv { return print(statement.csv, terminator: "") }
        if json { return print(String(decoding: statement.json, as: UTF8.self)) }
        print("Statement of \(statement.performer), delivered \(statement.window.since) to \(statement.window.until): \(statement.lines.count) lines")
        for s in statement.lines {
            let currency = Currency(code: s.line.currency)
            print("  \(s.deliveredOn)  \(s.production)  \(s.check)  \(s.line.grant)  \(s.line.quantity) \(s.line.basis.rawValue)  "
                  + "\(currency?.format(s.line.amount) ?? "\(s.line.amount)")  P&H \(currency?.format(s.line.pensionHealth) ?? "\(s.line.pensionHealth)")")
        }
        for total in statement.totals { print(CurrencyTotal.line(total)) }
    }
}

extension CurrencyTotal {
    /// A total for people: `Total USD 3,000.00, pension and health USD 630.00`.
    static func line(_ total: CurrencyTotal, indent: String = "") -> String {
        guard let currency = Currency(code: total.currency) else { return "\(indent)Total \(total.currency) \(total.amount)" }
        return "\(indent)Total \(currency.format(total.amount)), pension and health \(currency.format(total.pensionHealth))"
    }
}
