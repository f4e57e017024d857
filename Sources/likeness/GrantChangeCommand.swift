import ArgumentParser
import LikenessApp
import LikenessRules
import LikenessStore

/// What revoke, suspend and resume take: which grant, why, and who.
struct GrantChangeOptions: ParsableArguments {
    @Argument var id: String
    @Option(help: "Why (kept with the change).") var reason: String
    @OptionGroup var actor: ActorOption
}

/// revoke, suspend and resume: one status change of a grant, with who and why.
protocol GrantChangeCommand: DatabaseCommand {
    static var action: Registry.GrantAction { get }
    var change: GrantChangeOptions { get }
}

extension GrantChangeCommand {
    func run() async throws {
        let detail = try await operations().changeGrant(change.id, Self.action, reason: ReasonInput(reason: change.reason),
                                                        by: change.actor.identity)
        print("\(detail.grant.id) is now \(detail.grant.status.rawValue).")
    }
}
