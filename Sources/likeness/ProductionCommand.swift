import ArgumentParser
import Foundation
import LikenessRules
import LikenessStore

struct ProductionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "production", abstract: "Record productions.",
                                                    subcommands: [Add.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a production.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var title: String
        @Option var studio: String?

        func run() async throws {
            let production = try ProductionInput(id: id, title: title, studio: studio).record(now: clock.now())
            try await openDatabase().write { [actor = actor.name] in try Registry.insert(production, actor: actor, $0) }
            try printJSON(production)
        }
    }
}
