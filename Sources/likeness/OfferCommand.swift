import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules

/// `likeness offer`: consent offers for the performer's side to sign.
struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer", abstract: "Propose, list and withdraw consent offers.",
        subcommands: [Create.self, List.self, Withdraw.self])
    @OptionGroup var global: GlobalOptions

    struct Create: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Propose a consent for the performer's side to sign (the grant's options).")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @OptionGroup var terms: GrantTermsOptions
        @Option(help: "The last day to answer (default: 14 days from today).") var respondBy: String?

        func run() async throws {
            var input = ConsentOfferInput()
            input.id = id; input.performer = terms.performer; input.production = terms.production
            input.uses = terms.uses.map(\.rawValue); input.aspects = terms.aspects.map(\.rawValue)
            input.destinations = terms.destinations.map(\.rawValue)
            input.territories = terms.territories.isEmpty ? nil : terms.territories; input.excludedContent = terms.excluded
            input.validFrom = terms.validFrom; input.validUntil = terms.validUntil; input.survivesDeath = terms.survivesDeath
            input.description = terms.description; input.respondBy = respondBy; input.fee = terms.fee.input
            let operations = try await operations()
            try printJSON(try await operations.offerConsent(input, by: actor.identity).answer(on: Day(operations.clock.now())))
        }
    }

    struct List: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "List consent offers, oldest first.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var state: OfferState?
        @Option var performer: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let operations = try await operations()
            let today = Day(operations.clock.now())
            let offers = try await operations.offers(state: state, performer: performer, by: .operator("cli")).map { $0.answer(on: today) }
            if json { return try printJSON(["offers": offers]) }
            for answer in offers {
                let o = answer.offer
                print("\(o.id)  \(answer.state.rawValue)  \(o.performer)  \(o.production ?? "studio-wide")  \(o.uses.map(\.rawValue).joined(separator: ","))  respond by \(o.respondBy)")
            }
        }
    }

    struct Withdraw: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw an open consent offer.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Argument var id: String
        @Option var reason: String

        func run() async throws {
            let operations = try await operations()
            let offer = try await operations.withdrawOffer(id, ReasonInput(reason: reason), by: actor.identity)
            try printJSON(offer.answer(on: Day(operations.clock.now())))
        }
    }
}
