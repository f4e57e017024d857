import ArgumentParser
import Foundation
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
            let role = try RoleInput(id: id, performer: performer, name: name, category: category.rawValue, union: union)
                .record(production: production, now: clock.now())
            try await openStore().transaction { [actor = actor.name] in try Registry.insert(role, actor: actor, $0) }
            try printJSON(role)
        }
    }
}
