import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// What the web app's middleware learned of a request, for the page that answers it.
public struct WebRequestState: Sendable {
    /// The live session of the request's cookie, if any.
    var session: SessionStore.Session?
    /// The token every form of the page carries: the session's CSRF token, or a visitor's pre-session token.
    var csrf = ""
    /// Whether `csrf` is a visitor's new pre-session token, to be set as its cookie.
    var setsSignInCookie = false
    /// The fields of a posted form, by name.
    var form: [String: [String]] = [:]
}

/// Resolves the session cookie into the request's session and its CSRF token; a visitor gets the
/// pre-session token of its cookie, or a new one that the page sets as the cookie. The web app's
/// counterpart of the API's `Authenticator`.
struct WebSessionMiddleware: RouterMiddleware {
    let web: WebApp

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.web = web.state(of: request)
        return try await next(request, context)
    }
}

extension WebApp {
    /// The session and CSRF token of a request's cookies (see `WebSessionMiddleware`).
    func state(of request: Request) -> WebRequestState {
        var state = WebRequestState()
        if let token = request.cookies[Self.cookieName]?.value,
           let session = services.sessions.session(tokenHash: Tokens.hash(token), now: services.clock.now()) {
            state.session = session
            state.csrf = csrfToken(sessionToken: token)
        } else if let token = request.cookies[Self.signInCookieName]?.value, !token.isEmpty {
            state.csrf = token
        } else {
            state.csrf = Tokens.random(prefix: "")
            state.setsSignInCookie = true
        }
        return state
    }
}

/// A page's permission: a visitor is sent to sign in (and back afterwards), a role without the
/// permission gets the 403 page.
struct WebAccessMiddleware: RouterMiddleware {
    let web: WebApp
    let permission: Permission

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard permission.access != .anyone else { return try await next(request, context) }
        guard let identity = context.web.session?.identity else {
            let expired = request.cookies[WebApp.cookieName] != nil
            return web.redirect(to: "/?" + (expired ? "expired=1&" : "") + "next=" + WebText.percentEncoded(request.uri.description))
        }
        guard identity.may(permission) else {
            return web.render(.forbidden, "Not for your role", "message",
                              WebMessage(heading: "This page is not for your role",
                                         text: "The \(identity.role.rawValue) role may not open \(request.uri.path). Use the links above for your work."),
                              WebVisit(request: request, context: context))
        }
        return try await next(request, context)
    }
}

/// Reads a posted form and refuses it, before anything is done, unless it carries the page's
/// token: the session's CSRF token, or for a visitor (signing in) the pre-session token of its
/// cookie, which a form posted from another site can neither read nor set.
struct WebCSRFMiddleware: RouterMiddleware {
    let web: WebApp

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var context = context
        do {
            context.web.form = try await WebForm.fields(of: request, context: context)
        } catch let error as LikenessError {
            return web.errorPage(error, WebVisit(request: request, context: context))
        }
        let expected = context.web.session == nil ? request.cookies[WebApp.signInCookieName]?.value : context.web.csrf
        guard let sent = context.web.form[WebApp.csrfField]?.first, let expected, !expected.isEmpty,
              WebText.constantTimeEqual(sent, expected) else {
            return web.render(.forbidden, "Form refused", "message",
                              WebMessage(heading: "This form was refused",
                                         text: "It did not carry this page's security token (CSRF). Nothing was changed: reload the page and send the form again."),
                              WebVisit(request: request, context: context))
        }
        return try await next(request, context)
    }
}
