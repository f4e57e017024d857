import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules

struct DigestCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Mail each performer-side account the uses of its performers the day before (for cron, daily).",
        discussion: """
            One mail per account with an address that does not mute uses.digest, listing the checks whose day of use \
            was the day before --at (default: today) that named the performers it may see, when there were any. A \
            digest sent for an account and day is recorded: a second run for the same day sends nothing new. With a \
            mail server (--smtp) the mails are sent now; without one they wait in the outbox for the server.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var mail: MailOptions
    @ParentCommand var root: Likeness
    @Option(help: "Run as of this day, YYYY-MM-DD: the digest is of the day before (default: today, UTC).") var at: String?

    func validate() throws {
        if let at, Day(at) == nil { throw ValidationError("--at takes a date of the form YYYY-MM-DD") }
        _ = try mail.settings(defaultBaseURL: "http://127.0.0.1:8080")
    }

    func run() async throws {
        let operations = try await operations()
        let today = try clock.today()
        let day = (at.flatMap(Day.init) ?? today).adding(days: -1)
        let queued = try await operations.queueDigest(of: day, by: .operator("cli:digest"))
        print("uses of \(day): \(queued) \(queued == 1 ? "digest" : "digests") queued")
        try await sendMail(operations.database, mail, queued: queued)
    }
}
