import Crypto
import Foundation
import LikenessRules
import LikenessStore
import Logging
import SMTP

/// How mail leaves: `--smtp`, `--mail-from` and `--base-url` (notifications.md).
public struct MailSettings: Sendable {
    /// `smtp://host:port` or `smtps://host:port`, with `user:password@` to authenticate; nil:
    /// mails are recorded and wait.
    public var smtp: String?
    /// The `From` address.
    public var from: String
    /// Where the links of mails point (no trailing `/`).
    public var baseURL: String

    public init(smtp: String?, from: String?, baseURL: String) throws {
        self.smtp = smtp
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let from = try Validate.email(from ?? "likeness@localhost.localdomain", "mail-from") else { throw LikenessError.missing("mail-from") }
        self.from = from
        if let smtp { _ = try Self.configuration(smtp) }
        guard let url = URL(string: self.baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw LikenessError.invalid("base-url", "'\(baseURL.prefix(100))' is not an http(s) URL")
        }
    }

    /// The mail server's host, for messages (never its credentials).
    public var smtpHost: String? { smtp.flatMap { try? Self.configuration($0).host } }

    /// The SMTP client's configuration from the URL (errors say what is wrong, never the password).
    static func configuration(_ url: String) throws -> SMTPConfiguration {
        do { return try SMTPConfiguration(url: url) } catch let error as SMTPError {
            throw LikenessError.invalid("smtp", error.message)
        }
    }
}

/// Where a rendered mail goes; the live one is an SMTP server (`SMTPClient`).
public protocol MailTransport: Sendable {
    /// Sends each message over one connection, in order; `sent` is told of each delivered one.
    /// A failure stops the run at that message (the ones after it are not tried).
    func send(_ messages: [SMTPMessage], sent: @Sendable (Int) async -> Void) async throws
}

extension SMTPClient: MailTransport {
    public func send(_ messages: [SMTPMessage], sent: @Sendable (Int) async -> Void) async throws {
        try await withConnection { connection in
            for (index, message) in messages.enumerated() {
                try await connection.send(message)
                await sent(index)
            }
        }
    }
}

/// Delivers the mail outbox while the server runs (and once for the CLI's `digest` and
/// `alerts`): the due pending mails, leased in the database first so that of several servers on
/// one database one sends each; at least once, with the same `Message-ID` on every attempt.
/// Temporary failures (no connection, a timeout, 4xx) are retried after `firstRetry`, then twice
/// as long each time (at most 10 minutes apart), until 24 hours after the mail was written;
/// permanent ones (5xx) mark it `failed` at once.
public final class MailSender: Sendable {
    public struct Timing: Sendable {
        public var poll: Duration
        public var firstRetry: Duration
        public static let standard = Timing(poll: .milliseconds(250), firstRetry: .seconds(5))
        public init(poll: Duration, firstRetry: Duration) { self.poll = poll; self.firstRetry = firstRetry }
    }

    public static let retryWindow: TimeInterval = 24 * 3600
    static let longestPause: TimeInterval = 600
    /// A lease outlasts one run of `batch` mails at the client's timeouts.
    static let lease: TimeInterval = 300
    /// Mails taken per lease (and sent over one connection).
    static let batch = 100

    let database: any StoreDatabase
    public let settings: MailSettings
    let transport: (any MailTransport)?
    let templates: MailTemplates
    let sealing: SymmetricKey?
    let clock: TimeSource
    let timing: Timing
    let logger: Logger

    public init(database: any StoreDatabase, settings: MailSettings, transport: (any MailTransport)? = nil, sealing: SymmetricKey?,
                clock: TimeSource, timing: Timing = .standard, logger: Logger = Logger(label: "likeness.mail")) async throws {
        self.database = database
        self.settings = settings
        self.transport = try transport ?? settings.smtp.map { try SMTPClient(configuration: try MailSettings.configuration($0)) }
        self.templates = try await MailTemplates()
        self.sealing = sealing
        self.clock = clock
        self.timing = timing
        self.logger = logger
    }

    /// Whether mails leave (an SMTP server is configured) or wait in the outbox.
    public var sends: Bool { transport != nil }

    /// Sends what is due, again and again, until cancelled.
    public func run() async {
        guard sends else { return }
        while !Task.isCancelled {
            let sent = await sendDue()
            if sent == 0 { try? await Task.sleep(for: timing.poll) }
        }
    }

    /// One pass over the due mails; returns how many were tried.
    @discardableResult
    public func sendDue() async -> Int {
        guard let transport else { return 0 }
        let now = clock.now()
        let leased: [OutgoingMail]
        do {
            leased = try await database.transaction { [sealing] db in
                try Outbox.lease(due: now, until: now.addingTimeInterval(Self.lease), limit: Self.batch, sealing: sealing, db)
            }
        } catch {
            logger.error("the outbox cannot be read", metadata: ["error": "\(error)"])
            return 0
        }
        var remaining = leased[...]
        while !remaining.isEmpty {
            var messages: [SMTPMessage] = []
            var unrenderable: [(OutgoingMail, String)] = []
            var sendable: [OutgoingMail] = []
            for mail in remaining {
                do {
                    messages.append(try message(mail))
                    sendable.append(mail)
                } catch {
                    unrenderable.append((mail, "cannot be made: \(error)"))
                }
            }
            for (mail, why) in unrenderable { await record(mail, error: why, permanent: true) }
            let delivered = Counter()
            var failure: (any Error)?
            do {
                try await transport.send(messages) { index in await delivered.set(index + 1) }
            } catch {
                failure = error
            }
            // The delivered ones are recorded together (a crash before this sends them again, with
            // the same Message-ID: at least once).
            let done = await delivered.value
            await recordSent(Array(sendable.prefix(done)))
            guard let failure, done < sendable.count else { return leased.count }
            let (text, permanent) = Self.describe(failure)
            await record(sendable[done], error: text, permanent: permanent)
            remaining = sendable[(done + 1)...]
            // A failure of the connection itself (no reply to the message) fails the rest now, as temporary.
            if (failure as? SMTPError)?.reply == nil {
                for mail in remaining { await record(mail, error: text, permanent: false) }
                return leased.count
            }
        }
        return leased.count
    }

    /// The SMTP message of a mail: `Message-ID` from its id, so every attempt carries the same one.
    func message(_ mail: OutgoingMail) throws -> SMTPMessage {
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? "localhost"
        return SMTPMessage(from: SMTPMailbox(settings.from, displayName: "Likeness"), to: SMTPMailbox(mail.to), subject: mail.subject,
                           body: try templates.body(of: mail, baseURL: settings.baseURL), date: mail.createdAt,
                           messageID: "\(mail.id)@\(domain)")
    }

    /// What went wrong, for `lastError` (the server's code and text, never a password), and
    /// whether it is permanent.
    static func describe(_ error: any Error) -> (String, permanent: Bool) {
        if let error = error as? SMTPError { return (String(describing: error).prefix(300).description, error.isPermanent) }
        return (String(describing: error).prefix(300).description, false)
    }

    func recordSent(_ mails: [OutgoingMail]) async {
        guard !mails.isEmpty else { return }
        let now = clock.now()
        do {
            try await database.transaction { db in
                for mail in mails { try Outbox.markSent(mail.id, attempts: mail.attempts + 1, at: now, db) }
            }
        } catch {
            logger.error("sent mails cannot be recorded (they may be sent again)", metadata: ["mails": "\(mails.count)", "error": "\(error)"])
        }
    }

    func record(_ mail: OutgoingMail, error text: String, permanent: Bool) async {
        let now = clock.now()
        let pause = min(Self.longestPause, timing.firstRetry.seconds * pow(2, Double(mail.attempts)))
        let retryAt = permanent || now.timeIntervalSince(mail.createdAt) >= Self.retryWindow ? nil : now.addingTimeInterval(pause)
        // The mail's id and kind only: the server's answer may name the address (the admin's list shows it).
        logger.warning("a mail was not sent", metadata: ["mail": "\(mail.id)", "kind": "\(mail.kind.rawValue)",
                                                         "retry": "\(retryAt.map(StoredTime.text) ?? "no")"])
        do {
            try await database.transaction { try Outbox.markFailed(mail.id, attempts: mail.attempts + 1, error: text, retryAt: retryAt, $0) }
        } catch {
            logger.error("a failed mail cannot be recorded", metadata: ["mail": "\(mail.id)", "error": "\(error)"])
        }
    }
}

/// How many messages of a run were delivered (told from the transport's callback).
actor Counter {
    private(set) var value = 0
    func set(_ value: Int) { self.value = value }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
