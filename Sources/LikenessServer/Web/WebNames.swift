import LikenessApp
import LikenessRules
import Mustache

/// People, not ids: a performer, production or tool as a page names it, its name first and its id
/// beside it, smaller (template `name`). `name` is nil when the caller may not read the record (or
/// it is gone): the id alone is shown.
struct WebName: Sendable, MustacheParent {
    let id: String
    let name: String?
    /// Where the name links to (nil: no page of the caller's shows it).
    let href: String?

    /// "Ines Duarte (p-ines)", for text that is not HTML (titles, SVG titles, sentences).
    var text: String { name.map { "\($0) (\(id))" } ?? id }

    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "name": name
        case "href": href
        case "text": text
        default: nil
        }
    }
}

/// The names of the performers, productions and tools a page shows, read once per page through
/// the operations (which apply the caller's access: a record the caller may not read keeps its id).
struct WebNames: Sendable {
    var performers: [String: String] = [:]
    var productions: [String: String] = [:]
    var tools: [String: String] = [:]
    /// Whether the caller is on the performer's side (its performers' pages are under /me).
    var performerSide = false
    /// Whether the caller opens the staff's performer and production pages.
    var staff = false

    static let none = WebNames()

    /// Reads the names of the ids given (each distinct id once; at most `limit` of each kind, the
    /// rest keep their ids).
    static func load(_ web: WebApp, _ caller: Identity, performers: [String?] = [], productions: [String?] = [],
                     tools: [String?] = []) async -> WebNames {
        let operations = web.services.operations
        var names = WebNames(performerSide: caller.role.isPerformerSide, staff: caller.may(.readRegistry))
        for id in distinct(performers) {
            if let performer = try? await operations.performer(id, by: caller) { names.performers[id] = performer.name }
        }
        for id in distinct(productions) {
            if let production = try? await operations.production(id, by: caller) { names.productions[id] = production.title }
        }
        for id in distinct(tools) {
            if let tool = try? await operations.tool(id, by: caller) { names.tools[id] = tool.name }
        }
        return names
    }

    static let limit = 200

    static func distinct(_ ids: [String?]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for case let id? in ids where Validate.isID(id) && seen.insert(id).inserted {
            out.append(id)
            if out.count == limit { break }
        }
        return out
    }

    func performer(_ id: String?) -> WebName? {
        id.map { id in
            WebName(id: id, name: performers[id],
                    href: performerSide ? (performers[id] == nil ? nil : "/me/performers/\(id)") : staff ? "/performers/\(id)" : nil)
        }
    }

    func production(_ id: String?) -> WebName? {
        id.map { WebName(id: $0, name: productions[$0], href: staff ? "/productions/\($0)" : nil) }
    }

    func tool(_ id: String?) -> WebName? {
        id.map { WebName(id: $0, name: tools[$0], href: nil) }
    }
}
