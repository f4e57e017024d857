import ArgumentParser
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
        let reason = try ReasonInput(reason: change.reason).validated()
        let (id, actor, now) = (change.id, change.actor.name, try clock.now())
        let grant = try await openStore().transaction {
            try Registry.change(grant: id, Self.action, reason: reason, actor: actor, now: now, $0)
        }
        print("\(grant.id) is now \(grant.status.rawValue).")
    }
}
