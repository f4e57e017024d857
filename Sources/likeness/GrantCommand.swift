import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

struct GrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Record, list, revoke, suspend and resume consent grants.",
        subcommands: [Add.self, List.self, Show.self, Revoke.self, Suspend.self, Resume.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Record a consent grant.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @OptionGroup var terms: GrantTermsOptions
        @Option var signedBy: Signer
        @Option var evidenceRef: String?
        @Option var evidenceSha256: String?

        func run() async throws {
            var input = GrantInput()
            input.id = id; input.performer = terms.performer; input.production = terms.production
            input.uses = terms.uses.map(\.rawValue); input.aspects = terms.aspects.map(\.rawValue)
            input.destinations = terms.destinations.map(\.rawValue)
            input.territories = terms.territories.isEmpty ? nil : terms.territories; input.excludedContent = terms.excluded
            input.validFrom = terms.validFrom; input.validUntil = terms.validUntil; input.signedBy = signedBy.rawValue
            input.survivesDeath = terms.survivesDeath; input.description = terms.description; input.fee = terms.fee.input
            if evidenceRef != nil || evidenceSha256 != nil {
                input.evidence = EvidenceInput(documentRef: evidenceRef, sha256: evidenceSha256)
            }
            try printJSON(try await operations().recordGrant(input, by: actor.identity).grant)
        }
    }

    struct List: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "List a performer's grants.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var performer: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let grants = try await operations().grants(ofPerformer: performer, by: .operator("cli"))
            if json { return try printJSON(["grants": grants]) }
            for g in grants {
                print("\(g.id)  \(g.status.rawValue)  \(g.production ?? "studio-wide")  \(g.uses.map(\.rawValue).joined(separator: ","))  \(g.aspects.map(\.rawValue).joined(separator: ","))  \(g.validFrom)…\(g.validUntil)")
            }
        }
    }

    struct Show: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Show a grant and its status history.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Argument var id: String

        func run() async throws {
            let detail = try await operations().grant(id, by: .operator("cli"))
            try printJSON(detail.grant)
            for h in detail.statusHistory { print("\(h.at)  \(h.status.rawValue)  by \(h.actor): \(h.reason)") }
        }
    }

    struct Revoke: GrantChangeCommand {
        static let action = Registry.GrantAction.revoke
        static let configuration = CommandConfiguration(abstract: "Revoke a grant (final; takes effect for every later check).")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var change: GrantChangeOptions
    }

    struct Suspend: GrantChangeCommand {
        static let action = Registry.GrantAction.suspend
        static let configuration = CommandConfiguration(abstract: "Suspend a grant.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var change: GrantChangeOptions
    }

    struct Resume: GrantChangeCommand {
        static let action = Registry.GrantAction.resume
        static let configuration = CommandConfiguration(abstract: "Resume a suspended grant.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var change: GrantChangeOptions
    }
}

/// The terms of a grant or of a consent offer.
struct GrantTermsOptions: ParsableArguments {
    @Option var performer: String
    @Option(help: "The production (omit for a studio-wide grant).") var production: String?
    @Option(name: .customLong("use"), help: "A use consented to (repeatable).") var uses: [Use] = []
    @Option(name: .customLong("aspect"), help: "An aspect consented to (repeatable).") var aspects: [Aspect] = []
    @Option(name: .customLong("destination"), help: "A destination consented to (repeatable).") var destinations: [Destination] = []
    @Option(name: .customLong("territory"), help: "An ISO code, or * for worldwide (repeatable).") var territories: [String] = []
    @Option(name: .customLong("exclude"), help: "Excluded content tag (repeatable).") var excluded: [String] = []
    @Option var validFrom: String?
    @Option var validUntil: String
    @Flag(help: "A performer's consent that survives their death.") var survivesDeath = false
    @Option(help: "The intended use, at least 20 characters.") var description: String
    @OptionGroup var fee: FeeOptions
}
