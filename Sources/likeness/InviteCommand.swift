import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules

/// `likeness invite`: an invitation to act for a performer, whose code is printed once.
struct InviteCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Invite a performer, or someone who acts for them, to Likeness.",
        discussion: "Prints the invitation's one-time code once: it is stored only as a hash. Send it to the invitee, who opens /join/<code>.")
    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @OptionGroup var actor: ActorOption
    @Option var performer: String
    @Option(help: "self, guardian, estate or agent.") var capacity: Capacity
    @Flag(help: "An agent who may sign consent offers (every other capacity may).") var mayConsent = false
    @Option(help: "The invitee's e-mail address.") var email: String?
    @Option(name: .customLong("expires-in"), help: "Days until the code expires, 1 to 30 (default 7).") var expiresIn: Int?

    func run() async throws {
        let input = InvitationInput(capacity: capacity.rawValue, mayConsent: mayConsent, email: email, expiresInDays: expiresIn)
        let (invitation, code) = try await operations().invite(performer, input, by: actor.identity)
        print("invitation \(invitation.id) for performer \(invitation.performer) as \(invitation.capacity.rawValue)"
              + (invitation.capacity == .agent ? (invitation.mayConsent ? ", may consent" : ", may not consent") : "")
              + ", expires \(invitation.expiresAt.formatted(.iso8601))")
        print("code: \(code)")
    }
}
