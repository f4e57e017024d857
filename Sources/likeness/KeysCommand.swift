import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "The signing keys of attestations.",
                                                    subcommands: [Rotate.self, JWKSCommand.self])
    @OptionGroup var global: GlobalOptions

    struct Rotate: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new signing key; the old one only verifies.",
            discussion: "The key file is replaced (mode 0600); a running server signs with the new key once restarted.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption

        func run() async throws {
            let keyPath = try signingKeyPath
            let signer = try await SigningKeys(database: openStore(), path: keyPath).rotate(actor: actor.name, now: clock.now())
            print("Signing key \(signer.kid) is current, in \(keyPath); earlier keys only verify.")
        }
    }

    struct JWKSCommand: DatabaseCommand {
        static let configuration = CommandConfiguration(
            commandName: "jwks", abstract: "Print the public keys (JWKS), as GET /.well-known/jwks.json answers them.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness

        func run() async throws {
            try printJSON(try await openStore().snapshot { try SigningKeys.jwks($0) })
        }
    }
}
