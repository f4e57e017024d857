import Foundation
import Hummingbird
import LikenessApp
import LikenessRules

extension MailSummary: ResponseEncodable {}

/// Notifications by e-mail (notifications.md): an account's own address and muted kinds, and the
/// admin's view of the outbox.
struct MailController {
    let services: Services
    var operations: Operations { services.operations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.patch, "/v1/me", .changeOwnAccount, updateMe),
            Endpoint(.get, "/v1/mail", .readMail, list),
        ]
    }

    func updateMe(_ request: Request, context: AppContext) async throws -> AccountSummary {
        try await operations.updateMe(try await request.decode(as: MeUpdateInput.self, context: context), by: context.caller)
    }

    struct MailList: ResponseEncodable { let mail: [MailSummary] }

    /// Newest first, without bodies (`state`, `limit`: default 50).
    func list(_ request: Request, context: AppContext) async throws -> MailList {
        let state: MailState? = try Validate.term(request.uri.queryParameters["state"].map(String.init), "state")
        let limit = try request.integer("limit", range: 1...1000) ?? 50
        return MailList(mail: try await operations.mail(state: state, limit: limit, by: context.caller))
    }
}
