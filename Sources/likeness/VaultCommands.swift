import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

/// Unlocks the vault keys of an account whose password is in `env` or on standard input.
func unlockVault(_ database: any StoreDatabase, username: String, env: String) async throws -> VaultKeyring {
    guard let password = readSecret(env: env) else {
        throw ValidationError("no password for '\(username)': set $\(env) or write it on standard input")
    }
    guard try await Accounts(database: database).authenticate(username: username, password: password) != nil,
          let keyring = try await Vault(database: database).unlock(username: username, password: password)
    else { throw ValidationError("'\(username)' cannot unlock the vault (wrong password, or not a vault holder)") }
    return keyring
}

struct VaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vault", abstract: "Manage the personal-data vault.",
                                                    subcommands: [Rotate.self])
    @OptionGroup var global: GlobalOptions

    struct Rotate: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the vault key pair and re-seal every personal record.",
            discussion: """
                Unlocks the vault with a holder's password ($LIKENESS_PASSWORD or standard input). Every account that held \
                the old key gets the new one; sessions of a running server must log in again to read personal data.
                """)
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option(help: "An admin or privacy account that holds the vault key.") var username: String

        func run() async throws {
            let database = try await openStore()
            let keyring = try await unlockVault(database, username: username, env: "LIKENESS_PASSWORD")
            let (generation, records) = try await Vault(database: database).rotate(keyring: keyring, actor: username, now: clock.now())
            print("Vault key generation \(generation): \(records) personal records re-sealed.")
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the audit trail.",
                                                    subcommands: [Verify.self])
    @OptionGroup var global: GlobalOptions

    struct Verify: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; exit 1 naming the first altered or missing entry.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness

        func run() async throws {
            switch try await openStore().snapshot({ try Audit.verify($0) }) {
            case .intact(let entries, let head):
                print("Audit trail intact: \(entries) entries; head \(head)")
            case .broken(let seq, let problem):
                warn("Audit trail broken at entry \(seq): \(problem)")
                throw ExitCode(1)
            }
        }
    }
}
