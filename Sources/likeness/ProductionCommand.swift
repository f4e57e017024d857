import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

struct ProductionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "production", abstract: "Record productions.",
                                                    subcommands: [Add.self, Update.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a production.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var title: String
        @Option var studio: String?
        @Flag(help: "A documentary, docuseries, news or reality production (rule P7).") var nonFiction = false
        @Option(help: "The username of the studio account that is the production's contact.") var contact: String?

        func run() async throws {
            let input = ProductionInput(id: id, title: title, studio: studio, nonFiction: nonFiction, contact: contact)
            try printJSON(try await operations().recordProduction(input, by: actor.identity))
        }
    }

    struct Update: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Change a production's title, studio, non-fiction flag or contact.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Argument var id: String
        @Option var title: String?
        @Option var studio: String?
        @Option(help: "true or false.") var nonFiction: Bool?
        @Option(help: "The username of a studio account, or '' for none.") var contact: String?

        func run() async throws {
            let patch = ProductionPatch(
                title: title.map(Patch.value) ?? .absent, studio: studio.map(Patch.value) ?? .absent,
                nonFiction: nonFiction.map(Patch.value) ?? .absent,
                contact: contact.map { $0.isEmpty ? .null : .value($0) } ?? .absent)
            try printJSON(try await operations().editProduction(id, patch, by: actor.identity))
        }
    }
}
