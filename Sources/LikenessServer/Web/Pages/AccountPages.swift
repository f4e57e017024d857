import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// Every account's own page (its address for notification mails and the kinds it mutes), and the
/// admin's view of the mail outbox (notifications.md).
struct AccountPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/account", .readOwnAccount, account),
            WebPage(.post, "/account", .changeOwnAccount, update),
            WebPage(.get, "/admin/mail", .readMail, mail),
        ]
    }

    /// What each kind is, in words, for the mute checkboxes.
    static let kinds: [(kind: MailKind, label: String)] = [
        (.offerWaiting, "A consent offer waits for my answer"),
        (.offerAnswered, "A consent offer I made was signed or declined"),
        (.grantChanged, "A consent was revoked, suspended or resumed"),
        (.requestWaiting, "An approval request waits for my decision"),
        (.requestDecided, "An approval request I made was decided"),
        (.usesDigest, "The daily list of uses of my performers' likeness"),
        (.consentExpiring, "A consent of my performers is about to end"),
    ]

    struct KindOption: Sendable { let value: String; let label: String; let muted: Bool }
    struct AccountView: Sendable {
        let username: String
        let role: String
        var email: String
        let kinds: [KindOption]
        var saved = false
        var errors = WebFormErrors.none
    }

    func view(_ summary: AccountSummary, email: String? = nil, muted: [String]? = nil) -> AccountView {
        let muted = muted ?? summary.mute.map(\.rawValue)
        return AccountView(username: summary.username, role: WebText.words(summary.role.rawValue), email: email ?? summary.email ?? "",
                           kinds: Self.kinds.map { KindOption(value: $0.kind.rawValue, label: $0.label, muted: muted.contains($0.kind.rawValue)) })
    }

    func account(_ visit: WebVisit) async throws -> WebAnswer {
        var view = view(try await web.services.operations.me(by: try visit.caller))
        view.saved = visit.query("saved") != nil
        return .page(title: "Your account", template: "account", data: view)
    }

    /// The form sends every kind not checked as received: the checked ones are the muted ones.
    func update(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let email = visit.field("email")
        let muted = visit.fields("mute") ?? []
        do {
            _ = try await web.services.operations.updateMe(MeUpdateInput(email: .some(email), mute: muted), by: caller)
            return .redirect("/account?saved=1")
        } catch let error as LikenessError where error.kind != .internal {
            var view = view(try await web.services.operations.me(by: caller), email: email ?? "", muted: muted)
            view.errors = WebFormErrors(error)
            return .page(title: "Your account", template: "account", data: view, status: error.kind.status)
        }
    }

    struct MailRow: Sendable {
        let kind: String
        let to: String
        let subject: String
        let state: String
        let attempts: Int
        let lastError: String?
        let createdAt: String
        let sentAt: String?
    }
    struct MailView: Sendable {
        let mail: [MailRow]
        let states: [WebOption]
    }

    func mail(_ visit: WebVisit) async throws -> WebAnswer {
        let state = try visit.query("state").map { try Validate.requiredTerm($0, "state") as MailState }
        let mail = try await web.services.operations.mail(state: state, limit: 200, by: try visit.caller)
        return .page(title: "Mail", template: "admin-mail", data: MailView(
            mail: mail.map {
                MailRow(kind: $0.kind.rawValue, to: $0.to, subject: $0.subject, state: $0.state.rawValue, attempts: $0.attempts,
                        lastError: $0.lastError, createdAt: WebText.time($0.createdAt), sentAt: $0.sentAt.map(WebText.time))
            },
            states: WebOption.of([("", "All")] + MailState.allCases.map { ($0.rawValue, WebText.words($0.rawValue)) }, chosen: state?.rawValue ?? "")))
    }
}
