import ArgumentParser
import Foundation
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
            let performer = try PerformerInput(id: id, name: name, minorUntil: minorUntil, deceasedOn: deceasedOn)
                .record(now: clock.now())
            try await openStore().transaction { [actor = actor.name] in try Registry.insert(performer, actor: actor, $0) }
            try printJSON(performer)
        }
    }
}
