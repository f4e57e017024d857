import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// `/`: the sign-in form for a visitor, the role's start page once signed in; signing in and out.
struct SignInPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/", .signIn, start),
            WebPage(.post, "/sign-in", .signIn, signIn),
            WebPage(.post, "/sign-out", .signOut, signOut),
        ]
    }

    struct Form: Sendable {
        var username = ""
        var next: String?
        var expired = false
        var errors = WebFormErrors.none
    }

    func start(_ visit: WebVisit) async throws -> WebAnswer {
        if let role = visit.session?.identity.role { return .redirect(WebNavigation.start(for: role)) }
        return .page(title: "Sign in", template: "sign-in",
                     data: Form(next: WebText.localPath(visit.query("next")), expired: visit.query("expired") != nil))
    }

    /// The API's login: Argon2id, the same rate limits per username and address, audited; the
    /// session's token goes into the cookie only.
    func signIn(_ visit: WebVisit) async throws -> WebAnswer {
        let services = web.services
        var form = Form(username: visit.field("username") ?? "", next: WebText.localPath(visit.field("next")))
        func again(_ status: HTTPResponse.Status, _ message: String) -> WebAnswer {
            form.errors = WebFormErrors(fields: [:], form: message)
            return .page(title: "Sign in", template: "sign-in", data: form, status: status)
        }
        guard let username = visit.field("username"), let password = visit.field("password") else {
            return again(.unprocessableContent, "Enter your username and password.")
        }
        let address = services.clientAddress(visit.request, visit.context)
        let signedIn: (Identity, VaultKeyring?)?
        do {
            signedIn = try await services.accountOperations.signIn(username: username, password: password, from: address)
        } catch let limited as RateLimited {
            return again(.tooManyRequests, "Too many failed sign-ins: try again in \(limited.retryAfter) seconds.")
        }
        guard let (identity, keyring) = signedIn else { return again(.unauthorized, "The username or password is not right.") }
        // A new session on every sign-in; the one the browser held before ends.
        if let previous = visit.request.cookies[WebApp.cookieName]?.value { services.sessions.close(tokenHash: Tokens.hash(previous)) }
        let (token, _) = services.sessions.open(for: identity, keyring: keyring, now: services.clock.now())
        let target = form.next ?? WebNavigation.start(for: identity.role)
        return .response(web.redirect(to: target, cookie: web.sessionCookie(token, maxAge: Int(services.sessions.lifetime))))
    }

    func signOut(_ visit: WebVisit) async throws -> WebAnswer {
        if let token = visit.request.cookies[WebApp.cookieName]?.value {
            web.services.sessions.close(tokenHash: Tokens.hash(token))
        }
        return .response(web.redirect(to: "/", cookie: web.sessionCookie("", maxAge: 0)))
    }
}
