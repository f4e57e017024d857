import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore
import Mustache

/// One page or form target of the web app: method, path (`/performers/{id}`), the permission it
/// exercises (the same `Permission` as the API's, so a role opens the pages of what it may do) and
/// what answers it.
struct WebPage: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let permission: Permission
    let handler: @Sendable (WebVisit) async throws -> WebAnswer

    init(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
         _ handler: @escaping @Sendable (WebVisit) async throws -> WebAnswer) {
        self.method = method
        self.path = path
        self.permission = permission
        self.handler = handler
    }

    /// Who may open it: the permission's access rule.
    var access: Access { permission.access }

    /// The path as Hummingbird's router spells it (`/performers/:id`).
    var routerPath: String { RouteTable.routerPath(path) }
}

/// A request to a page: who is signed in, the session's CSRF token and the form sent, as the web
/// app's middleware found them (`WebRequestState`).
struct WebVisit: Sendable {
    let request: Request
    let context: AppContext

    var session: SessionStore.Session? { context.web.session }
    /// The token every form of the page carries: the session's CSRF token, or a visitor's pre-session token.
    var csrf: String { context.web.csrf }
    /// Whether `csrf` is a visitor's new pre-session token, to be set as its cookie.
    var setsSignInCookie: Bool { context.web.setsSignInCookie }
    /// The fields of a posted form (`application/x-www-form-urlencoded`), by name.
    var form: [String: [String]] { context.web.form }

    /// The signed-in caller (every page but the visitor's has one).
    var caller: Identity {
        get throws {
            guard let identity = session?.identity else { throw LikenessError.unauthorized }
            return identity
        }
    }

    /// A path parameter that names a resource; an impossible id is simply not found.
    func id(_ name: String, _ what: String) throws -> String { try context.parameters.id(name, what) }

    /// A query parameter, nil when absent or empty.
    func query(_ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init).flatMap(\.nonEmpty)
    }

    /// The `page` query parameter of a paged list: 1 when absent or not a number, and never past
    /// `lastPage`, so that offsets and the next page's number are small numbers.
    func pageNumber() -> Int {
        min(max(1, query("page").flatMap { Int($0) } ?? 1), Self.lastPage)
    }

    /// The furthest page a list goes to (100 million rows at 100 a page).
    static let lastPage = 1_000_000

    /// A form field's first value, nil when absent or empty.
    func field(_ name: String) -> String? { form[name]?.first.flatMap(\.nonEmpty) }

    /// Every non-empty value of a repeated form field (checkboxes), nil when there is none.
    func fields(_ name: String) -> [String]? {
        let values = (form[name] ?? []).filter { !$0.isEmpty }
        return values.isEmpty ? nil : values
    }

    /// A checkbox: true when checked.
    func checked(_ name: String) -> Bool { field(name) != nil }
}

/// What a page answers.
enum WebAnswer: Sendable {
    /// A template inside the layout.
    case page(title: String, template: String, data: any Sendable, status: HTTPResponse.Status = .ok)
    /// See other (after a form).
    case redirect(String)
    /// A response made by the page itself (a CSV download, a sign-in's cookie).
    case response(Response)

    func response(web: WebApp, visit: WebVisit) -> Response {
        switch self {
        case let .page(title, template, data, status): web.render(status, title, template, data, visit)
        case let .redirect(location): web.redirect(to: location)
        case let .response(response): response
        }
    }
}

/// What the layout renders around every page: the title, who is signed in, the navigation of
/// their role and the CSRF token for its forms; the page's own data is `page`.
struct WebFrame: MustacheParent {
    let title: String
    let user: String?
    let role: String?
    let csrf: String
    let nav: [WebNavigation.Link]
    let page: Any

    init(title: String, visit: WebVisit, page: Any) {
        self.title = title
        self.user = visit.session?.identity.actor
        self.role = visit.session?.identity.role.rawValue
        self.csrf = visit.csrf
        self.nav = visit.session.map { WebNavigation.links(for: $0.identity.role, current: visit.request.uri.path) } ?? []
        self.page = page
    }

    /// The layout's names, without reflection: every name a page does not have is looked for here.
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "user": user
        case "role": role
        case "csrf": csrf
        case "nav": nav
        case "page": page
        default: nil
        }
    }
}

/// A page that only says something (errors, refusals).
struct WebMessage: Sendable {
    let heading: String
    let text: String
}

/// A form's failure, shown beside its field (or above the form when no field is at fault).
struct WebFormErrors: Sendable {
    /// By field, dots as underscores (`evidence_sha256`), for the templates.
    let fields: [String: String]
    let form: String?

    static let none = WebFormErrors(fields: [:], form: nil)

    init(fields: [String: String], form: String?) {
        self.fields = fields
        self.form = form
    }

    init(_ error: LikenessError) {
        if let field = error.field {
            fields = [field.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "[", with: "_")
                .replacingOccurrences(of: "]", with: ""): error.message]
            form = "Please correct the field marked below: \(error.message)"
        } else {
            fields = [:]
            form = error.message
        }
    }
}

/// A choice of a set (checkboxes) or of one value (a select), with what was chosen.
struct WebOption: Sendable {
    let value: String
    let label: String
    let selected: Bool

    /// The vocabulary's values, those in `chosen` marked.
    static func of<V: Vocabulary>(_ type: V.Type, chosen: [String]?) -> [WebOption] {
        V.allCases.map { WebOption(value: $0.rawValue, label: WebText.words($0.rawValue), selected: chosen?.contains($0.rawValue) ?? false) }
    }

    static func of(_ values: [(value: String, label: String)], chosen: String?) -> [WebOption] {
        values.map { WebOption(value: $0.value, label: $0.label, selected: $0.value == chosen) }
    }
}

extension String {
    /// nil for the empty string (an empty form field is an absent one).
    var nonEmpty: String? { isEmpty ? nil : self }
}
