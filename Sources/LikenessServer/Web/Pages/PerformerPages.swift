import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore
import Mustache

/// Performers: search, a performer's page (roles, grants, consent timeline) and recording one.
struct PerformerPages {
    let web: WebApp
    static let pageSize = 25
    /// The longest search text, in characters (a name or an id is far shorter).
    static let searchLimit = 200

    var pages: [WebPage] {
        [
            WebPage(.get, "/performers", .readRegistry, list),
            WebPage(.get, "/performers/new", .recordPerformer, newForm),
            WebPage(.post, "/performers", .recordPerformer, create),
            WebPage(.get, "/performers/{id}", .readRegistry, show),
        ]
    }

    struct Row: Sendable { let id: String; let name: String; let minor: Bool; let deceased: Bool }
    struct ListView: Sendable {
        let q: String?
        /// What was typed in the search field, shown again with `qError` when it could not be run.
        let typed: String?
        /// Why the search was not run (a search text too long, or with control characters).
        let qError: String?
        let rows: [Row]
        let previous: String?
        let next: String?
        let mayRecord: Bool
        let privacy: Bool
    }

    func list(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let page = visit.pageNumber()
        var q: String?, qError: String?
        do {
            q = try Validate.text(visit.query("q"), "The search", max: Self.searchLimit)
        } catch let error as LikenessError {
            qError = error.message
        }
        let found = try await web.services.database.snapshot { [q] in
            try Listings.performers(matching: q, limit: Self.pageSize, offset: (page - 1) * Self.pageSize, $0)
        }
        let today = web.services.clock.today()
        func link(_ n: Int) -> String { "/performers?" + (q.map { "q=\(WebText.percentEncoded($0))&" } ?? "") + "page=\(n)" }
        return .page(title: "Performers", template: "performers", data: ListView(
            q: q, typed: visit.query("q"), qError: qError,
            rows: found.items.map { Row(id: $0.id, name: $0.name, minor: $0.minorUntil.map { $0 >= today } ?? false, deceased: $0.deceasedOn != nil) },
            previous: page > 1 ? link(page - 1) : nil, next: found.more ? link(page + 1) : nil,
            mayRecord: caller.may(.recordPerformer), privacy: caller.may(.readPersonalData)),
            status: qError == nil ? .ok : .unprocessableContent)
    }

    struct FormView: Sendable {
        var input = PerformerInput()
        var errors = WebFormErrors.none
    }

    func newForm(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "Record a performer", template: "performer-form", data: FormView())
    }

    func create(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let input = PerformerInput(id: visit.field("id"), name: visit.field("name"), minorUntil: visit.field("minorUntil"),
                                   deceasedOn: visit.field("deceasedOn"))
        do {
            let performer = try await web.services.operations.recordPerformer(input, by: caller)
            return .redirect("/performers/\(performer.id)")
        } catch let error as LikenessError where error.kind != .internal {
            return .page(title: "Record a performer", template: "performer-form", data: FormView(input: input, errors: WebFormErrors(error)),
                         status: error.kind.status)
        }
    }

    /// A row of the grants' table, looked up without reflection (a performer may have hundreds).
    struct GrantRow: Sendable, MustacheParent {
        let id: String, description: String, status: String, production: WebName?, from: String, until: String, uses: String

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "description": description
            case "status": status
            case "production": production
            case "from": from
            case "until": until
            case "uses": uses
            default: nil
            }
        }
    }
    struct RoleRow: Sendable { let id: String; let name: String; let production: WebName; let category: String; let union: String? }
    struct ShowView: Sendable {
        let performer: Performer
        let minorUntil: String?
        let deceasedOn: String?
        let roles: [RoleRow]
        let grants: [GrantRow]
        let timeline: ConsentTimeline?
        /// The month's payments for uses, for the roles that read statements.
        let statement: CompensationPages.StatementView?
        let casting: Bool
        let privacy: Bool
    }

    func show(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "performer")
        let (performer, grants, roles) = try await web.services.database.snapshot { db in
            (try Registry.require(Performer.self, id, "performer", db), try Registry.grants(performer: id, db),
             try Listings.roles(performer: id, db))
        }
        let today = web.services.clock.today()
        let names = await WebNames.load(web, caller, productions: grants.map(\.production) + roles.map { $0.production as String? })
        let statement: CompensationPages.StatementView? = if caller.may(.readStatement) {
            try await CompensationPages(web: web).statement(visit, performer: id, page: "/performers/\(id)")
        } else { nil }
        return .page(title: performer.name, template: "performer", data: ShowView(
            performer: performer, minorUntil: performer.minorUntil?.description, deceasedOn: performer.deceasedOn?.description,
            roles: roles.map { RoleRow(id: $0.id, name: $0.name, production: names.production($0.production)!, category: $0.category.rawValue, union: $0.union) },
            grants: grants.map { grant in
                GrantRow(id: grant.id, description: grant.description, status: ConsentTimeline.status(of: grant, today: today),
                         production: names.production(grant.production), from: grant.validFrom.description, until: grant.validUntil.description,
                         uses: grant.uses.map { WebText.words($0.rawValue) }.joined(separator: ", "))
            },
            timeline: grants.isEmpty ? nil : ConsentTimeline(grants: grants, today: today),
            statement: statement,
            casting: caller.may(.recordGrant), privacy: caller.may(.readPersonalData)))
    }
}
