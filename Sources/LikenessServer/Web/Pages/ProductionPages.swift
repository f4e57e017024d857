import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// Productions: the list, recording one, its page with roles, and its use register.
struct ProductionPages {
    let web: WebApp
    static let pageSize = 25

    var pages: [WebPage] {
        [
            WebPage(.get, "/productions", .readRegistry, list),
            WebPage(.get, "/productions/new", .recordProduction, newForm),
            WebPage(.post, "/productions", .recordProduction, create),
            WebPage(.get, "/productions/{id}", .readRegistry, show),
            WebPage(.post, "/productions/{id}/roles", .recordRole, createRole),
            WebPage(.get, "/productions/{id}/uses", .readUseRegister, uses),
            WebPage(.get, "/productions/{id}/uses.csv", .readUseRegister, usesCSV),
        ]
    }

    struct Row: Sendable { let id: String; let title: String; let studio: String?; let contact: String?; let nonFiction: Bool }
    struct ListView: Sendable { let rows: [Row]; let previous: String?; let next: String?; let mayRecord: Bool }

    func list(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let page = visit.pageNumber()
        let found = try await web.services.database.snapshot {
            try Listings.productions(limit: Self.pageSize, offset: (page - 1) * Self.pageSize, $0)
        }
        return .page(title: "Productions", template: "productions", data: ListView(
            rows: found.items.map { Row(id: $0.id, title: $0.title, studio: $0.studio, contact: $0.contact, nonFiction: $0.nonFiction) },
            previous: page > 1 ? "/productions?page=\(page - 1)" : nil, next: found.more ? "/productions?page=\(page + 1)" : nil,
            mayRecord: caller.may(.recordProduction)))
    }

    struct FormView: Sendable { var input = ProductionInput(); var errors = WebFormErrors.none }

    func newForm(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "Record a production", template: "production-form", data: FormView())
    }

    func create(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let input = ProductionInput(id: visit.field("id"), title: visit.field("title"), studio: visit.field("studio"),
                                    nonFiction: visit.checked("nonFiction"), contact: visit.field("contact"))
        do {
            let production = try await web.services.operations.recordProduction(input, by: caller)
            return .redirect("/productions/\(production.id)")
        } catch let error as LikenessError where error.kind != .internal {
            return .page(title: "Record a production", template: "production-form", data: FormView(input: input, errors: WebFormErrors(error)),
                         status: error.kind.status)
        }
    }

    struct RoleRow: Sendable { let id: String; let name: String; let performer: WebName; let category: String; let union: String? }
    struct ShowView: Sendable {
        let production: Production
        let roles: [RoleRow]
        let mayAddRole: Bool
        let mayReadRegister: Bool
        let mayReadPayables: Bool
        let roleInput: RoleInput
        let categories: [WebOption]
        let errors: WebFormErrors
    }

    func show(_ visit: WebVisit) async throws -> WebAnswer {
        try await productionPage(visit, id: try visit.id("id", "production"), roleInput: RoleInput(), errors: .none, status: .ok)
    }

    func productionPage(_ visit: WebVisit, id: String, roleInput: RoleInput, errors: WebFormErrors,
                        status: HTTPResponse.Status) async throws -> WebAnswer {
        let caller = try visit.caller
        let (production, roles) = try await web.services.operations.productionWithRoles(id, by: caller)
        let names = await WebNames.load(web, caller, performers: roles.map(\.performer))
        return .page(title: production.title, template: "production", data: ShowView(
            production: production,
            roles: roles.map { RoleRow(id: $0.id, name: $0.name, performer: names.performer($0.performer)!, category: $0.category.rawValue, union: $0.union) },
            mayAddRole: caller.may(.recordRole), mayReadRegister: AccessRules.mayReadUseRegister(of: production, caller),
            mayReadPayables: try await CompensationPages(web: web).mayReadPayables(of: production, caller),
            roleInput: roleInput, categories: WebOption.of(RoleCategory.self, chosen: roleInput.category.map { [$0] } ?? ["principal"]),
            errors: errors), status: status)
    }

    func createRole(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "production")
        let input = RoleInput(id: visit.field("id"), production: id, performer: visit.field("performer"), name: visit.field("name"),
                              category: visit.field("category"), union: visit.field("union"))
        do {
            _ = try await web.services.operations.recordRole(input, in: id, by: caller)
            return .redirect("/productions/\(id)")
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .conflict
                    || (error.kind == .notFound && error.field != nil) {
            return try await productionPage(visit, id: id, roleInput: input, errors: WebFormErrors(error), status: error.kind.status)
        }
    }

    struct UseRow: Sendable {
        let use: String, destination: String, tool: WebName?, performer: WebName?, decision: String, checks: Int, first: String, last: String
    }
    struct UsesView: Sendable {
        let production: WebName
        let since: String
        let until: String
        let entries: [UseRow]
        let total: Int
        let csv: String
    }

    /// The register of the production's intended uses in a window (default: the last 30 days).
    func uses(_ visit: WebVisit) async throws -> WebAnswer {
        let (id, register) = try await register(visit)
        let caller = try visit.caller
        let names = await WebNames.load(web, caller, performers: register.entries.map(\.performer), productions: [id],
                                        tools: register.entries.map(\.tool))
        return .page(title: "Use register of \(names.production(id)!.text)", template: "uses", data: UsesView(
            production: names.production(id)!, since: register.since.description, until: register.until.description,
            entries: register.entries.map {
                UseRow(use: WebText.words($0.use.rawValue), destination: $0.destination.rawValue, tool: names.tool($0.tool), performer: names.performer($0.performer),
                       decision: $0.decision.rawValue, checks: $0.checks, first: $0.first.description, last: $0.last.description)
            },
            total: register.entries.reduce(0) { $0 + $1.checks },
            csv: "/productions/\(id)/uses.csv?since=\(register.since)&until=\(register.until)"))
    }

    func usesCSV(_ visit: WebVisit) async throws -> WebAnswer {
        let (id, register) = try await register(visit)
        var headers = WebApp.securityHeaders
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(id)-uses-\(register.since)-\(register.until).csv\""
        headers[.cacheControl] = "no-store"
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: register.csv))))
    }

    func register(_ visit: WebVisit) async throws -> (String, UseRegister) {
        let caller = try visit.caller
        let id = try visit.id("id", "production")
        func day(_ name: String) throws -> Day? {
            guard let text = visit.query(name) else { return nil }
            guard let day = Day(text) else { throw LikenessError.invalid(name, "\(name) must be a date of the form YYYY-MM-DD", code: "invalid-date") }
            return day
        }
        return (id, try await web.services.operations.useRegister(ofProduction: id, since: try day("since"), until: try day("until"), by: caller))
    }
}
