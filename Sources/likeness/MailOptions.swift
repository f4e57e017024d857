import ArgumentParser
import Foundation
import LikenessMail

/// Where notification mails go, for the commands that send them (`serve`, `digest`, `alerts`):
/// each option, else its environment variable (notifications.md).
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The mail server: smtp://host:port (STARTTLS when offered; ?starttls=required) or smtps://host:port, with user:password@ to authenticate (default: $LIKENESS_SMTP; none: mails wait in the outbox).",
                               valueName: "url"))
    var smtp: String?
    @Option(help: ArgumentHelp("The From address of mails (default: $LIKENESS_MAIL_FROM, else likeness@localhost.localdomain).", valueName: "address"))
    var mailFrom: String?
    @Option(help: ArgumentHelp("Where the links in mails point (default: $LIKENESS_BASE_URL, else the server's own address).", valueName: "url"))
    var baseURL: String?

    /// The settings, `defaultBaseURL` standing in when neither the option nor the environment gives one.
    func settings(defaultBaseURL: String) throws -> MailSettings {
        let environment = ProcessInfo.processInfo.environment
        return try MailSettings(smtp: smtp ?? environment["LIKENESS_SMTP"], from: mailFrom ?? environment["LIKENESS_MAIL_FROM"],
                                baseURL: baseURL ?? environment["LIKENESS_BASE_URL"] ?? defaultBaseURL)
    }
}
