import ArgumentParser
import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Approval requests: escalate a needs-approval check to the studio contact, who decides it.",
        discussion: "Each command acts as an account (--as, with its password) and follows the API's rules for it.",
        subcommands: [List.self, Show.self, Create.self, Approve.self, Decline.self, Withdraw.self])
    @OptionGroup var global: GlobalOptions

    struct List: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "List the requests the account may see, oldest first.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var signIn: SignInOptions
        @Option var state: RequestState?
        @Option var production: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let operations = try await operations()
            let caller = try await signIn.identity(operations.database)
            let requests = try await operations.approvalRequests(state: state, production: production, by: caller)
            if json { return try printJSON(["requests": requests]) }
            if requests.isEmpty { print("No approval requests.") }
            for r in requests {
                print("\(r.id)  \(r.state.rawValue)  \(r.production)  check \(r.check)  \(r.requirements.map(\.rawValue).joined(separator: ","))  by \(r.requestedBy)")
            }
        }
    }

    struct Show: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Show a request with its check's reasons.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var signIn: SignInOptions
        @Argument var id: String

        func run() async throws {
            let operations = try await operations()
            let caller = try await signIn.identity(operations.database)
            let request = try await operations.approvalRequest(id, by: caller)
            let check = try await operations.receipt(request.check, by: caller)
            try printJSON(request)
            print("check: \(check)")
        }
    }

    struct Create: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Ask the production's contact to approve a needs-approval check.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var signIn: SignInOptions
        @Option(help: "The check (its receipt id).") var check: String
        @Option(help: "Why the use is needed (at least 20 characters).") var note: String

        func run() async throws {
            let input = ApprovalRequestInput(check: check, note: note)
            _ = try input.validated()
            let operations = try await operations()
            let request = try await operations.requestApproval(input, by: try await signIn.identity(operations.database))
            print("\(request.id) is open: \(request.requirements.map(\.rawValue).joined(separator: ", ")) for \(request.contact ?? "the production's contact (none is named yet)").")
        }
    }

    struct Approve: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a request in writing: records an approval of exactly its requirements.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var signIn: SignInOptions
        @Argument var id: String
        @Option(help: "The written approval's reference (memo, ticket).") var reference: String
        @Option(help: "The last day the approval is valid (YYYY-MM-DD; default: no end).") var validUntil: String?
        @Option(help: "use (the check's performer, use and destination) or production.") var scope: ApprovalScope = .use

        func run() async throws {
            let decision = ApprovalDecisionInput(reference: reference, validUntil: validUntil, scope: scope.rawValue)
            _ = try decision.validated()
            let operations = try await operations()
            let request = try await operations.approve(id, decision, by: try await signIn.identity(operations.database))
            print("\(request.id) is approved: approval \(request.approval ?? "?").")
        }
    }

    struct Decline: RequestCloseCommand {
        static let configuration = CommandConfiguration(abstract: "Decline a request, with a reason.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var close: RequestCloseOptions
        static let state = RequestState.declined
    }

    struct Withdraw: RequestCloseCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a request you made, with a reason.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var close: RequestCloseOptions
        static let state = RequestState.withdrawn
    }
}

/// Decline and withdraw: which request, why, and who.
struct RequestCloseOptions: ParsableArguments {
    @Argument var id: String
    @Option(help: "Why (kept with the request).") var reason: String
    @OptionGroup var signIn: SignInOptions
}

/// Closing a request without an approval.
protocol RequestCloseCommand: DatabaseCommand {
    var close: RequestCloseOptions { get }
    /// `declined` or `withdrawn`.
    static var state: RequestState { get }
}

extension RequestCloseCommand {
    func run() async throws {
        let reason = ReasonInput(reason: close.reason)
        _ = try reason.validated()
        let operations = try await operations()
        let caller = try await close.signIn.identity(operations.database)
        let request = try await (Self.state == .declined ? operations.decline : operations.withdraw)(close.id, reason, caller)
        print("\(request.id) is \(request.state.rawValue).")
    }
}
