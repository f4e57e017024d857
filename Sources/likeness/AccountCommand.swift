import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "Manage accounts and API keys.",
                                                    subcommands: [Add.self, Key.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: """
                The password is read from $LIKENESS_PASSWORD, else standard input. An admin or privacy account is \
                enrolled in the vault by --enroller, an account holding the vault key, whose password is read from \
                $LIKENESS_ENROLLER_PASSWORD, else the next line of standard input.
                """)
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var username: String
        @Option var role: AccountRole
        @Option(help: "For admin and privacy accounts: an account that holds the vault key.") var enroller: String?
        @Option(help: "Where its notification mails go (local@domain).") var email: String?

        func run() async throws {
            guard let password = readSecret(env: "LIKENESS_PASSWORD") else {
                throw ValidationError("no password: set $LIKENESS_PASSWORD or write it on standard input")
            }
            let database = try await openStore()
            var keyring: VaultKeyring?
            if let enroller {
                keyring = try await unlockVault(database, username: enroller, env: "LIKENESS_ENROLLER_PASSWORD")
            }
            let account = try await AccountOperations(accounts: Accounts(database: database), clock: clock)
                .createAccount(AccountInput(username: username, password: password, role: role.rawValue, email: email), keyring: keyring,
                               by: .operator(enroller ?? "cli"))
            print("Created \(account.role.rawValue) account '\(account.username)'.")
        }
    }

    struct Key: DatabaseCommand {
        static let configuration = CommandConfiguration(commandName: "api-key", abstract: "Create an API key (printed once).")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var name: String
        @Option(help: "The role the key acts with.") var role: AccountRole

        func run() async throws {
            let (key, secret) = try await AccountOperations(accounts: Accounts(database: openStore()), clock: clock)
                .createKey(APIKeyInput(name: name, role: role.rawValue), by: actor.identity)
            print("\(key.id) \(secret)")
        }
    }
}
