import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

struct RoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Record performers' roles.",
                                                    subcommands: [Add.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a role of a performer in a production.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var production: String
        @Option var performer: String
        @Option var name: String
        @Option var category: RoleCategory
        @Option(help: "The union covering the role, if any.") var union: String?

        func run() async throws {
            let input = RoleInput(id: id, performer: performer, name: name, category: category.rawValue, union: union)
            try printJSON(try await operations().recordRole(input, in: production, by: actor.identity))
        }
    }
}
