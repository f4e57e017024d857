import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

struct PerformerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "performer", abstract: "Record performers.",
                                                    subcommands: [Add.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a performer.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var name: String
        @Option(help: "A minor before this day (YYYY-MM-DD).") var minorUntil: String?
        @Option(help: "Deceased on this day (YYYY-MM-DD).") var deceasedOn: String?

        func run() async throws {
            let input = PerformerInput(id: id, name: name, minorUntil: minorUntil, deceasedOn: deceasedOn)
            try printJSON(try await operations().recordPerformer(input, by: actor.identity))
        }
    }
}
