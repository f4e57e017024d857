import Crypto
import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore
import Logging
import Mustache
import NIOHTTP1

/// The web app: server-rendered pages for every role at `/` and below, signed in with a form and a
/// session cookie. Pages declare the permission they exercise as the API's endpoints do
/// (`WebPage`); router middleware (`WebMiddleware.swift`) resolves the session, applies the
/// permission and checks the CSRF token of every form before anything is done.
public struct WebApp: Sendable {
    let services: Services
    let templates: MustacheLibrary
    /// The folder of the stylesheet, served at `/static/` by Hummingbird's file middleware.
    let staticFolder: String
    /// Signs the CSRF tokens (HMAC of the session): random per process, like the sessions themselves.
    let csrfKey: SymmetricKey
    /// Marks the session cookie `Secure` (behind TLS).
    let secureCookies: Bool

    /// The session cookie's name.
    static let cookieName = "likeness_session"
    /// The cookie of a visitor's pre-session token: the sign-in form carries the same value, so a
    /// form posted from another site (which can neither read nor set it) signs nobody in.
    static let signInCookieName = "likeness_signin"
    /// The hidden field every changing form carries.
    static let csrfField = "_csrf"

    /// Loads the templates and stylesheet from the server's resource bundle.
    public init(services: Services, secureCookies: Bool = false) async throws {
        guard let directory = Bundle.module.url(forResource: "Web", withExtension: nil) else {
            throw LikenessError(.internal, "internal", "the web app's templates are missing from this installation (Likeness_LikenessServer.resources beside the binary)")
        }
        self.services = services
        WebHTML.register()
        self.templates = try await MustacheLibrary(directory: directory.appendingPathComponent("templates").path)
        self.staticFolder = directory.appendingPathComponent("static").path
        self.csrfKey = SymmetricKey(size: .bits256)
        self.secureCookies = secureCookies
    }

    /// Every page of the web app.
    var pages: [WebPage] {
        SignInPages(web: self).pages
            + JoinPages(web: self).pages
            + MePages(web: self).pages
            + AccountPages(web: self).pages
            + PerformerPages(web: self).pages
            + GrantPages(web: self).pages
            + ProductionPages(web: self).pages
            + CheckPages(web: self).pages
            + CompensationPages(web: self).pages
            + RequestPages(web: self).pages
            + PersonalPages(web: self).pages
            + OversightPages(web: self).pages
            + AdminPages(web: self).pages
    }

    /// Adds the pages and the stylesheet to `router` (inside its error middleware: the files are
    /// looked for only when no route answers a path). Each page runs behind the session middleware,
    /// its permission's, then the CSRF check of its forms.
    func add(to router: Router<AppContext>) {
        router.add(middleware: FileMiddleware(staticFolder, urlBasePath: "/static",
                                              cacheControl: .init([(MediaType(type: .text, subType: "css"), [.public, .maxAge(3600)])])))
        for page in pages {
            router.group()
                .add(middleware: WebSessionMiddleware(web: self))
                .add(middleware: WebAccessMiddleware(web: self, permission: page.permission))
                .add(middleware: WebCSRFMiddleware(web: self))
                .on(RouterPath(page.routerPath), method: page.method) { request, context in try await serve(page, request, context) }
        }
    }

    /// Runs a page (its middleware has passed it): any failure is an HTML page with the right
    /// status, never a crash, but for bytes that are not HTTP (left to Hummingbird, which answers
    /// 400 and closes the connection).
    func serve(_ page: WebPage, _ request: Request, _ context: AppContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        do {
            return try await page.handler(visit).response(web: self, visit: visit)
        } catch let error as LikenessError {
            return errorPage(error, visit)
        } catch let error as HTTPParserError {
            throw error
        } catch {
            context.logger.error("unexpected error in a page", metadata: [
                "path": .string(ErrorMiddleware.loggedPath(request.uri.path)), "error": .string(String(describing: type(of: error))),
            ])
            return errorPage(LikenessError(.internal, "internal", "an internal error occurred"), visit)
        }
    }

    /// A failure as a page: its status and its message in words.
    func errorPage(_ error: LikenessError, _ visit: WebVisit) -> Response {
        let heading = switch error.kind {
        case .notFound: "Not found"
        case .forbidden: "This page is not for your role"
        case .conflict: "Not possible now"
        case .tooManyRequests: "Too many attempts"
        case .internal: "Something went wrong"
        default: "That did not work"
        }
        return render(error.kind.status, heading, "message", WebMessage(heading: heading, text: error.message), visit)
    }

    /// The page for a path no page has.
    func notFoundPage(_ request: Request, _ context: AppContext) -> Response {
        var context = context
        context.web = state(of: request)
        return render(.notFound, "Not found", "message",
               WebMessage(heading: "Not found", text: "There is no page at \(request.uri.path)."), WebVisit(request: request, context: context))
    }

    /// The CSRF token of a session: an HMAC of its token under this process's key.
    func csrfToken(sessionToken: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(sessionToken.utf8), using: csrfKey)))
    }

    /// `template` inside the layout, with the navigation of the visitor's role.
    func render(_ status: HTTPResponse.Status, _ title: String, _ template: String, _ page: Any, _ visit: WebVisit) -> Response {
        let frame = WebFrame(title: title, visit: visit, page: page)
        let html = templates.render(frame, withTemplate: template) ?? "<!doctype html><title>Likeness</title><p>Missing template \(template)</p>"
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        // Every signed-in page shows registry or personal data: none is kept by browsers or proxies.
        headers[.cacheControl] = visit.session == nil ? "no-cache" : "no-store"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: .init(string: html)))
        if visit.setsSignInCookie {
            response.setCookie(Cookie(name: Self.signInCookieName, value: visit.csrf, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// A 303 to `location` (after a form, and for visitors to sign in).
    func redirect(to location: String, cookie: Cookie? = nil) -> Response {
        var response = Response(status: .seeOther, headers: Self.securityHeaders.merging([.location: location, .cacheControl: "no-store"]))
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// The session cookie: `HttpOnly`, `SameSite=Strict`, `Secure` behind TLS; it ends with the session.
    func sessionCookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.cookieName, value: token, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// Headers on every page: no script but the app's own files, no framing, no sniffing.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .xContentTypeOptions: "nosniff",
        .xFrameOptions: "DENY",
        .referrerPolicy: "no-referrer",
    ]
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}

extension HTTPFields.Element.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
