import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receipt", abstract: "Receipts: verify attestations, compact storage.",
                                                    subcommands: [Verify.self, Compact.self])
    @OptionGroup var global: GlobalOptions

    struct Verify: DatabaseCommand {
        /// The largest key set fetched (a key set of a hundred keys is about 15 KiB).
        static let keySetLimit = 1 << 20
        static let configuration = CommandConfiguration(
            abstract: "Verify an attestation (of a receipt or of media), or a C2PA assertion's JSON holding one, offline.",
            discussion: """
                The keys are a JWKS from --jwks (a file or an http(s) URL such as https://…/.well-known/jwks.json), else \
                the local database's; a key is found by its kid. Exit 0 when the signature verifies with a known key, 1 with the reason otherwise.
                """)
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Argument(help: "The attestation or assertion: a file, or - for standard input.") var file: String
        @Option(help: "The service's public keys: a JWKS file or URL.") var jwks: String?

        func run() async throws {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
                text = String(decoding: data, as: UTF8.self)
            }
            let keys = try await loadKeys()
            do {
                let verified = try Attestation.verify(document: text, keys: keys)
                switch verified.subject {
                case .check(let id, let decision, let decidedAt):
                    print("valid: check \(id), \(decision.rawValue), decided \(decidedAt); signed by \(verified.issuer) with key \(verified.kid)")
                case .media(let use):
                    print("valid: media attestation of check \(use.check), \(use.decision.rawValue), decided \(use.decidedAt), "
                          + "use \(use.use.rawValue); signed by \(verified.issuer) with key \(verified.kid)")
                case .consent(let grant, let performer, let status):
                    print("valid: consent receipt of grant \(grant) (performer \(performer), \(status) when signed); "
                          + "signed by \(verified.issuer) with key \(verified.kid)")
                }
            } catch let refusal as Attestation.Refusal {
                warn("invalid: \(refusal.description)")
                throw ExitCode(1)
            }
        }

        func loadKeys() async throws -> JWKS {
            guard let jwks else { return try await openStore().snapshot { try SigningKeys.jwks($0) } }
            let data: Data
            if let url = URL(string: jwks), ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
                let answer: OutboundHTTP.Answer
                do {
                    answer = try await OutboundHTTP.send(.GET, url.absoluteString, timeout: .seconds(10), keep: Self.keySetLimit + 1)
                } catch {
                    throw ValidationError("cannot fetch \(jwks): \(error)")
                }
                guard answer.status == 200 else { throw ValidationError("\(jwks) answered \(answer.status), not 200") }
                guard answer.body.count <= Self.keySetLimit else { throw ValidationError("\(jwks) is larger than a key set (1 MiB)") }
                data = answer.body
            } else {
                guard let contents = FileManager.default.contents(atPath: jwks) else { throw ValidationError("cannot read \(jwks)") }
                data = contents
            }
            do {
                return try JSONDecoder().decode(JWKS.self, from: data)
            } catch {
                throw ValidationError("\(jwks) is not a JWKS ({\"keys\": [...]})")
            }
        }
    }
}
