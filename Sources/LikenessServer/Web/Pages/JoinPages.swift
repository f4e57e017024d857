import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// `/join/{code}`: accepting an invitation to act for a performer. No sign-in; the form carries
/// the visitor's pre-session token as the sign-in form does. The page says nothing of the
/// invitation (not even whether the code is valid) until the form is sent: one neutral form for
/// every code, and one message for a code that is unknown, used or expired.
struct JoinPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/join/{code}", .acceptInvitation, form),
            WebPage(.post, "/join/{code}", .acceptInvitation, join),
        ]
    }

    struct Form: Sendable {
        /// The form's target: this page, its code escaped (the code itself is never shown).
        var action = ""
        var username = ""
        var email = ""
        var errors = WebFormErrors.none

        init(code: String, username: String = "", email: String = "") {
            action = "/join/" + WebText.percentEncoded(code)
            self.username = username
            self.email = email
        }
    }

    /// The longest code the page takes (codes are far shorter); anything longer is simply not valid.
    static let codeLimit = 200

    static let notValid = "This invitation code is not valid: it may be mistyped, already used, or expired. Ask whoever invited you for a new one."

    func code(_ visit: WebVisit) -> String {
        let code = visit.context.parameters.get("code") ?? ""
        return code.count <= Self.codeLimit ? code : ""
    }

    func form(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "Accept an invitation", template: "join", data: Form(code: code(visit)))
    }

    /// Creates the account (or adds the delegation to the existing one whose password is given),
    /// then signs the person in and opens /me.
    func join(_ visit: WebVisit) async throws -> WebAnswer {
        let services = web.services
        let code = self.code(visit)
        var form = Form(code: code, username: visit.field("username") ?? "", email: visit.field("email") ?? "")
        func again(_ status: HTTPResponse.Status, _ errors: WebFormErrors) -> WebAnswer {
            form.errors = errors
            return .page(title: "Accept an invitation", template: "join", data: form, status: status)
        }
        let address = services.clientAddress(visit.request, visit.context)
        let input = AcceptInvitationInput(code: code.nonEmpty, username: visit.field("username"), password: visit.field("password"),
                                          email: visit.field("email"))
        do {
            _ = try await services.accountOperations.acceptInvitation(input, from: address)
        } catch let limited as RateLimited {
            return again(.tooManyRequests, WebFormErrors(fields: [:], form: "Too many attempts from here: please wait \(limited.retryAfter) seconds, then try again."))
        } catch let error as LikenessError where error.kind == .notFound || error.field == "code" {
            return again(.notFound, WebFormErrors(fields: [:], form: Self.notValid))
        } catch let error as LikenessError where error.kind == .unauthorized {
            return again(.unauthorized, WebFormErrors(fields: ["password": "This username is taken. If it is yours, type its password to add this invitation to it; otherwise choose another username."],
                                                      form: "Please correct the field marked below."))
        } catch let error as LikenessError where error.kind != .internal {
            return again(error.kind.status, WebFormErrors(error))
        }
        // Signed in at once, as the sign-in form does (a new session; the one held before ends).
        guard let username = input.username, let password = input.password,
              let (identity, keyring) = try? await services.accountOperations.signIn(username: username, password: password, from: address)
        else { return .redirect("/?next=/me") }
        if let previous = visit.request.cookies[WebApp.cookieName]?.value { services.sessions.close(tokenHash: Tokens.hash(previous)) }
        let (token, _) = services.sessions.open(for: identity, keyring: keyring, now: services.clock.now())
        return .response(web.redirect(to: "/me?joined=1", cookie: web.sessionCookie(token, maxAge: Int(services.sessions.lifetime))))
    }
}
