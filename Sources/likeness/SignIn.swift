import ArgumentParser
import LikenessRules
import LikenessStore

/// An account to act as, proven by its password ($LIKENESS_PASSWORD, else standard input): the
/// commands of the studio's loop apply the API's rules to that account.
struct SignInOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The account to act as (its password: $LIKENESS_PASSWORD or standard input).")
    var username: String

    func identity(_ database: any StoreDatabase) async throws -> Identity {
        guard let password = readSecret(env: "LIKENESS_PASSWORD") else {
            throw ValidationError("no password for '\(username)': set $LIKENESS_PASSWORD or write it on standard input")
        }
        guard let account = try await Accounts(database: database).authenticate(username: username, password: password) else {
            throw ValidationError("'\(username)' and that password do not match an account")
        }
        return Identity(actor: account.username, role: account.role)
    }
}
