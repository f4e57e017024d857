import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

struct AlertsCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Report expiring consents and decisions a withdrawal affects (for cron).",
        discussion: """
            A grant is alerted once for each threshold of days left it crosses, and once when it is revoked, suspended \
            or expired while earlier allowed/notify checks relied on it. What was delivered is recorded: a second run \
            reports only what is new. An expiring grant's performer-side accounts are mailed too (consent.expiring): \
            now with a mail server (--smtp), else the mails wait in the outbox for the server. With --webhook the report is POSTed as JSON; if the webhook does not answer 2xx \
            the command exits 1 and records nothing, so the next run delivers again. Runs at the same time wait for \
            each other.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var mail: MailOptions
    @ParentCommand var root: Likeness
    @Option(help: "Report grants expiring within this many days (default: the largest threshold).") var within: Int?
    @Option(help: "Days-left thresholds, comma-separated.") var thresholds = "30,7,1"
    @Option(help: "Evaluate as of this day, YYYY-MM-DD (default: today, UTC).") var at: String?
    @Option(help: "POST the report as JSON to this http(s) URL.") var webhook: String?
    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(help: "Report without recording anything as delivered.") var dryRun = false

    var thresholdDays: [Int] {
        get throws {
            let values = thresholds.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 3650 }) else {
                throw ValidationError("--thresholds takes whole numbers of days from 0 to 3650, comma-separated (e.g. 30,7,1)")
            }
            return Array(Set(values.map { $0! })).sorted(by: >)
        }
    }

    func validate() throws {
        let days = try thresholdDays
        if let within, within < 0 || within > 3650 { throw ValidationError("--within takes a number of days from 0 to 3650") }
        if let within, within < days.min()! { throw ValidationError("--within (\(within)) is below every threshold") }
        if let at, Day(at) == nil { throw ValidationError("--at takes a date of the form YYYY-MM-DD") }
        if let webhook { _ = try Webhook(webhook) }
        _ = try mail.settings(defaultBaseURL: "http://127.0.0.1:8080")
    }

    func run() async throws {
        let database = try await openStore()
        let clock = try self.clock
        let day = at.flatMap(Day.init) ?? clock.today()
        let thresholds = try thresholdDays
        let within = self.within ?? thresholds.max()!
        let (json, webhook, dryRun) = (self.json, self.webhook, self.dryRun)
        let mails = try await database.holding(.alerts) { () -> Int in
            let report = try await database.snapshot { try Alerts.pending(at: day, thresholds: thresholds, within: within, $0) }
            let body = try LikenessJSON.encoder.encode(report)
            print(json ? String(decoding: body, as: UTF8.self) : Alerts.text(report))
            if let webhook, !report.isEmpty {
                do {
                    try await Webhook(webhook).deliver(body)
                } catch {
                    warn(String(describing: error))
                    throw ExitCode(1)
                }
            }
            guard !dryRun && !report.isEmpty else { return 0 }
            return try await database.transaction { try Alerts.record(report, now: clock.now(), $0) }
        }
        try await sendMail(database, mail, queued: mails)
    }
}
