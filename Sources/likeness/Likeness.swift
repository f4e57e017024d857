import ArgumentParser
import LikenessMail
import Crypto
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

@main
struct Likeness: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "likeness",
        abstract: "Consent and likeness-rights tracker for productions that use generative AI.",
        discussion: """
            Every command works on the database of --db (default: $LIKENESS_DB, else ./likeness.sqlite). \
            $LIKENESS_NOW (an RFC 3339 time or a YYYY-MM-DD day, UTC) sets the clock for a rehearsal or a test: \
            the time changes are recorded at, the default day of checks and "today" of alerts.
            """,
        subcommands: [
            Init.self, Serve.self, Import.self, Check.self, ReceiptCommand.self, KeysCommand.self, AlertsCommand.self,
            PerformerCommand.self, ProductionCommand.self, RoleCommand.self, GrantCommand.self,
            RequestCommand.self, ReportCommand.self, InviteCommand.self, OfferCommand.self, UsesCommand.self, UsageCommand.self, StatementCommand.self, PayablesCommand.self, DigestCommand.self, AccountCommand.self, VaultCommand.self, AuditCommand.self, Backup.self,
        ])

    @OptionGroup var global: GlobalOptions
}

/// Options every command takes, before or after its name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database: a SQLite file, or postgres://user@host:port/database (default: $LIKENESS_DB, else ./likeness.sqlite).")
    var db: String?
    @Option(name: .long, help: "The key file of the attestations' signing key (default: $LIKENESS_KEYS, else <db>.keys.json).")
    var keys: String?
}

/// A command that works on the database: `--db` may stand before or after its name.
protocol DatabaseCommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    var root: Likeness { get }
}

extension DatabaseCommand {
    var databasePath: String {
        global.db ?? root.global.db ?? ProcessInfo.processInfo.environment["LIKENESS_DB"] ?? "./likeness.sqlite"
    }

    /// The key file of the attestations' signing key: `<file>.keys.json` beside a SQLite file; on
    /// PostgreSQL there is no file to stand beside, so it must be named.
    var signingKeyPath: String {
        get throws {
            if let path = global.keys ?? root.global.keys ?? ProcessInfo.processInfo.environment["LIKENESS_KEYS"] { return path }
            guard case .sqlite(let path) = try DatabaseLocation(databasePath) else {
                throw ValidationError("on PostgreSQL, name the signing key's file with --keys or $LIKENESS_KEYS (it stays out of the database)")
            }
            return SigningKeys.defaultPath(database: path)
        }
    }

    /// Opens the existing database (an error naming `likeness init` when there is none).
    func openDatabase() throws -> SQLiteDatabase {
        try SQLiteDatabase(path: sqlitePath, createIfMissing: false)
    }

    /// The database `--db` names, SQLite or PostgreSQL, for the commands whose stores run on both
    /// (`StoreDatabase`). `create` makes a missing SQLite file; a PostgreSQL database is migrated.
    func openStore(create: Bool = false) async throws -> any StoreDatabase {
        switch try DatabaseLocation(databasePath) {
        case .sqlite(let path): return try SQLiteDatabase(path: path, createIfMissing: create)
        case .postgres(let address): return try await PostgreSQLDatabase(address: address, connections: 2)
        }
    }

    /// The use cases (`LikenessApp`) on the database `--db` names, on the clock of `$LIKENESS_NOW`.
    func operations() async throws -> Operations {
        let database = try await openStore()
        return Operations(database: database, clock: try clock, mailSealing: try mailSealing(database))
    }

    /// The key file's webhook key, which keeps an invitation's code sealed while its mail waits;
    /// nil before the key file exists (an invitation with an address is then refused).
    func mailSealing(_ database: any StoreDatabase) throws -> SymmetricKey? {
        guard let path = try? signingKeyPath, FileManager.default.fileExists(atPath: path) else { return nil }
        return try SigningKeys(database: database, path: path).webhookKey()
    }

    /// Sends the outbox's due mails now (`digest`, `alerts`), when a mail server is given; says on
    /// stderr what became of them (stdout may be a JSON report).
    func sendMail(_ database: any StoreDatabase, _ options: MailOptions, queued: Int) async throws {
        let settings = try options.settings(defaultBaseURL: "http://127.0.0.1:8080")
        let sender = try await MailSender(database: database, settings: settings, sealing: try mailSealing(database), clock: try clock,
                                          timing: MailSender.Timing(poll: .milliseconds(0), firstRetry: .seconds(60)))
        guard sender.sends else {
            if queued > 0 { warn("\(queued) \(queued == 1 ? "mail waits" : "mails wait") in the outbox (no mail server: --smtp, $LIKENESS_SMTP)") }
            return
        }
        var tried = 0
        while case let pass = await sender.sendDue(), pass > 0 { tried += pass }
        if tried > 0 { warn("\(tried) \(tried == 1 ? "mail" : "mails") handed to \(settings.smtpHost ?? "the mail server") (failures: GET /v1/mail)") }
    }

    /// The SQLite file `--db` names, for what runs on SQLite only (`receipt compact`, `backup`). A
    /// PostgreSQL URL is read (a malformed one is an error that says why) and refused.
    var sqlitePath: String {
        get throws {
            switch try DatabaseLocation(databasePath) {
            case .sqlite(let path): return path
            case .postgres(let address):
                throw LikenessError(.badRequest, "postgres-unsupported", """
                    \(address): this command runs on SQLite only (receipts are compacted there; PostgreSQL keeps \
                    them as written and compresses large values itself); every other command runs on PostgreSQL
                    """)
            }
        }
    }

    /// The system clock, or the instant `$LIKENESS_NOW` names.
    var clock: TimeSource {
        get throws {
            guard let text = ProcessInfo.processInfo.environment["LIKENESS_NOW"], !text.isEmpty else { return .system }
            if let day = Day(text) { return .fixed(Date(timeIntervalSince1970: Double(day.ordinal) * 86_400)) }
            guard let instant = ISO8601DateFormatter().date(from: text) else {
                throw ValidationError("$LIKENESS_NOW takes an RFC 3339 time (2026-11-28T09:00:00Z) or a day (2026-11-28)")
            }
            return .fixed(instant)
        }
    }
}

/// Who the CLI acts as in the records it writes.
struct ActorOption: ParsableArguments {
    @Option(help: "Name recorded as the author of changes (default: cli:$USER).")
    var actor: String?

    var name: String { actor ?? "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "operator") }

    /// The CLI's caller: whoever can open the database holds every permission (`Identity.operator`).
    var identity: Identity { .operator(name) }
}

/// Prints to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints a value as the API's JSON.
func printJSON(_ value: some Encodable) throws {
    print(String(decoding: try LikenessJSON.encoder.encode(value), as: UTF8.self))
}
