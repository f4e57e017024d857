import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

struct Init: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database, its admin account and the personal-data vault.",
        discussion: "The admin's password is read from $LIKENESS_ADMIN_PASSWORD, else from the first line of standard input.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option(help: "The admin's username.") var admin: String

    /// The database as messages name it (a PostgreSQL URL without its password).
    var described: String {
        (try? DatabaseLocation(databasePath)).map {
            switch $0 {
            case .sqlite(let path): path
            case .postgres(let address): address.description
            }
        } ?? databasePath
    }

    func run() async throws {
        guard let password = readSecret(env: "LIKENESS_ADMIN_PASSWORD") else {
            throw ValidationError("no password: set $LIKENESS_ADMIN_PASSWORD or write it on standard input")
        }
        let keyPath = try signingKeyPath
        let database = try await openStore(create: true)
        let accounts: Int = try await database.snapshot { try $0.value("SELECT count(*) FROM account") ?? 0 }
        guard accounts == 0 else {
            throw LikenessError(.conflict, "already-initialised",
                                "\(described) is already initialised; add accounts with `likeness account add`")
        }
        let now = try clock.now()
        let account = try await Accounts(database: database)
            .create(AccountInput(username: admin, password: password, role: AccountRole.admin.rawValue), actor: "init", now: now)
        try await Vault(database: database).create(holder: account.username, password: password, now: now)
        let signer = try await SigningKeys(database: database, path: keyPath).rotate(actor: "init", now: now)
        print("""
            Created \(described) with admin '\(account.username)' and the personal-data vault.
            The attestations' signing key \(signer.kid) is in \(keyPath) (mode 0600): keep it apart from the database's backups.
            """)
    }
}

/// A secret from an environment variable, else the next line of standard input.
func readSecret(env: String) -> String? {
    if let value = ProcessInfo.processInfo.environment[env], !value.isEmpty { return value }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { return nil }
    return line
}
