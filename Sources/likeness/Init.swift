import ArgumentParser
import Foundation
import LikenessCore

struct Init: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database and its admin account.",
        discussion: "The admin's password is read from $LIKENESS_ADMIN_PASSWORD, else from the first line of standard input.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option(help: "The admin's username.") var admin: String

    func run() async throws {
        guard let password = readSecret(env: "LIKENESS_ADMIN_PASSWORD") else {
            throw ValidationError("no password: set $LIKENESS_ADMIN_PASSWORD or write it on standard input")
        }
        let database = try AppDatabase(path: databasePath)
        let account = try await Accounts(database: database)
            .create(AccountInput(username: admin, password: password, role: AccountRole.admin.rawValue))
        print("Created \(databasePath) with admin '\(account.username)'.")
    }
}

/// A secret from an environment variable, else the first line of standard input.
func readSecret(env: String) -> String? {
    if let value = ProcessInfo.processInfo.environment[env], !value.isEmpty { return value }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { return nil }
    return line
}
