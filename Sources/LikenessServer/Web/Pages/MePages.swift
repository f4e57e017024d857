import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore
import Mustache

/// The performer's side (performers.md, "Web pages"): `/me` (the performers an account acts for,
/// offers waiting, recent uses), a performer's page (grants on the consent timeline with their
/// revoke / suspend / resume behind a confirmation step, offers with their full terms and the
/// sign and decline forms, the uses ledger with its chart and CSV), and an offer's own page.
/// Everything is read and changed through the operations, which apply the delegation's authority
/// on the server's day; the pages only offer what that authority allows.
struct MePages {
    let web: WebApp
    /// Rows of the ledger a page shows.
    static let ledgerPageSize = 25
    /// The most checks the chart counts (20 pages of 500); beyond it the chart says "at least".
    static let chartLimit = 10_000

    var pages: [WebPage] {
        [
            WebPage(.get, "/me", .readOwnAccount, me),
            WebPage(.get, "/me/performers/{id}", .readOffers, performer),
            WebPage(.get, "/me/performers/{id}/uses.csv", .readUses, usesCSV),
            WebPage(.get, "/me/offers/{id}", .readOffers, offer),
            WebPage(.post, "/me/offers/{id}/sign", .answerOffer, sign),
            WebPage(.post, "/me/offers/{id}/decline", .answerOffer, decline),
        ] + Registry.GrantAction.allCases.flatMap { action in
            [
                WebPage(.get, "/me/grants/{id}/\(action.rawValue)", .changeGrant) { try await confirm($0, action) },
                WebPage(.post, "/me/grants/{id}/\(action.rawValue)", .changeGrant) { try await change($0, action) },
            ]
        }
    }

    /// The pages under /me/ are the performer's side's: staff have their own pages of performers.
    static func performerSide(_ visit: WebVisit) throws -> Identity {
        let caller = try visit.caller
        guard caller.role.isPerformerSide else {
            throw LikenessError(.forbidden, "forbidden",
                                "These pages are for performers and those who act for them; the \(caller.role.rawValue) role uses the performer pages under /performers.")
        }
        return caller
    }

    // MARK: Words

    static func words(_ capacity: Capacity) -> String {
        switch capacity {
        case .self: "for yourself"
        case .guardian: "as their guardian"
        case .estate: "for their estate"
        case .agent: "as their agent"
        }
    }

    /// What an authority allows, in words, one line each (what it does not allow too).
    static func words(_ authority: Authority) -> [String] {
        [
            authority.contains(.see) ? "See their consents, offers and every checked use" : nil,
            authority.contains(.sign) ? "Sign or decline consent offers" : "Not sign or decline consent offers today",
            authority.contains(.change) ? "Withdraw (revoke), suspend or resume their consents" : "Not withdraw, suspend or resume consents today",
        ].compactMap { $0 }
    }

    static func words(_ use: PerformerUse) -> String {
        WebText.words(use.use.rawValue) + " of " + use.aspects.map(\.rawValue).joined(separator: ", ") + " → " + use.destination.rawValue
    }

    static func words(_ action: Registry.GrantAction) -> (verb: String, button: String) {
        switch action {
        case .revoke: ("Withdraw (revoke)", "Withdraw this consent")
        case .suspend: ("Suspend", "Suspend this consent")
        case .resume: ("Resume", "Resume this consent")
        }
    }

    // MARK: /me

    struct ActingRow: Sendable {
        let performer: WebName
        let capacity: String
        let may: [String]
        /// "2 offers wait for an answer", nil when none does.
        let waiting: String?
    }
    struct OfferRow: Sendable {
        let id: String
        let performer: WebName?
        let production: WebName?
        let description: String
        let respondBy: String
        let state: String
    }
    struct UseRow: Sendable {
        let id: String
        let at: String
        let performer: WebName?
        let production: WebName?
        let tool: WebName?
        let use: String
        let territory: String?
        let decision: String
        let grants: [String]
    }
    struct MeView: Sendable {
        let username: String
        let joined: Bool
        let performers: [ActingRow]
        let offers: [OfferRow]
        let uses: [UseRow]
        let performerSide: Bool
    }

    func me(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let operations = web.services.operations
        let acting: [ActingFor] = if caller.role.isPerformerSide { try await operations.actingFor(by: caller) } else { [] }
        let open: [ConsentOffer] = if acting.isEmpty { [] } else { try await operations.offers(state: .open, performer: nil, by: caller) }
        var recent: [PerformerUse] = []
        for entry in acting {
            recent += try await operations.uses(ofPerformer: entry.performer.id, since: nil, until: nil, limit: 10, before: nil, by: caller).checks
        }
        recent.sort { ($0.at, $0.decidedAt) > ($1.at, $1.decidedAt) }
        let uses = Array(recent.prefix(10))
        let names = await WebNames.load(web, caller, performers: acting.map(\.performer.id),
                                        productions: open.map(\.production) + uses.map { $0.production as String? }, tools: uses.map(\.tool))
        let today = web.services.clock.today()
        return .page(title: "My performers", template: "me", data: MeView(
            username: caller.actor, joined: visit.query("joined") != nil,
            performers: acting.map { entry in
                ActingRow(performer: names.performer(entry.performer.id)!, capacity: Self.words(entry.capacity), may: Self.words(entry.authority),
                          waiting: Self.waiting(open.filter { $0.performer == entry.performer.id }.count))
            },
            offers: open.map { Self.offerRow($0, names, today) },
            uses: uses.map { Self.useRow($0, names) },
            performerSide: caller.role.isPerformerSide))
    }

    static func waiting(_ count: Int) -> String? {
        switch count {
        case 0: nil
        case 1: "1 offer waits for an answer."
        default: "\(count) offers wait for an answer."
        }
    }

    static func offerRow(_ offer: ConsentOffer, _ names: WebNames, _ today: Day) -> OfferRow {
        OfferRow(id: offer.id, performer: names.performer(offer.performer), production: names.production(offer.production),
                 description: offer.description, respondBy: offer.respondBy.description, state: offer.state(on: today).rawValue)
    }

    static func useRow(_ use: PerformerUse, _ names: WebNames, performer: String? = nil) -> UseRow {
        UseRow(id: use.id, at: use.at.description, performer: performer.flatMap { names.performer($0) }, production: names.production(use.production),
               tool: names.tool(use.tool), use: words(use), territory: use.territory, decision: use.decision.rawValue, grants: use.grants)
    }

    // MARK: A performer's page

    struct GrantRow: Sendable {
        let id: String
        let description: String
        let status: String
        let from: String
        let until: String
        let production: WebName?
        let uses: String
        /// What the consent pays, in words (nil: no fee).
        let fee: String?
        let actions: [ActionLink]
        let hasActions: Bool
    }
    struct ActionLink: Sendable { let href: String; let label: String; let danger: Bool }
    struct Week: Sendable { let label: String; let count: Int }
    struct LedgerView: Sendable {
        let since: String
        let until: String
        let rows: [UseRow]
        let chart: UsesChart
        let weeks: [Week]
        let total: Int
        let capped: Bool
        let next: String?
        let newest: String?
        let csv: String
    }
    struct PerformerView: Sendable {
        let performer: WebName
        let capacity: String
        let may: [String]
        let notice: String?
        let offers: [OfferView]
        let pastOffers: [OfferRow]
        let hasPastOffers: Bool
        let timeline: ConsentTimeline?
        let grants: [GrantRow]
        let ledger: LedgerView
        let statement: CompensationPages.StatementView
    }

    func performer(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let id = try visit.id("id", "performer")
        let operations = web.services.operations
        let record = try await operations.performer(id, by: caller)
        guard let acting = try await operations.actingFor(by: caller).first(where: { $0.performer.id == id }) else {
            throw LikenessError(.forbidden, "forbidden", "you do not act for this performer today")
        }
        let today = web.services.clock.today()
        let grants = try await operations.grants(ofPerformer: id, by: caller)
        var details: [GrantDetail] = []
        for grant in grants { details.append(try await operations.grant(grant.id, by: caller)) }
        let offers = try await operations.offers(state: nil, performer: id, by: caller)
        let ledger = try await self.ledger(visit, performer: id, caller: caller)
        let names = await WebNames.load(web, caller, performers: [id],
                                        productions: grants.map(\.production) + offers.map(\.production) + ledger.rows.map { $0.production as String? },
                                        tools: ledger.rows.map(\.tool))
        let open = offers.filter { $0.state(on: today) == .open }
        let notice: String? = if let grant = visit.query("signed") {
            "Signed. The consent is recorded as grant \(grant); you can withdraw it at any time from this page."
        } else if visit.query("declined") != nil {
            "Declined. Nothing was granted."
        } else if let action = visit.query("changed") {
            switch action {
            case "revoke": "Withdrawn. Every later check that needs this consent is denied; earlier uses stay on record."
            case "suspend": "Suspended. Every later check that needs this consent is denied until you resume it."
            case "resume": "Resumed. Checks within its terms are allowed again from now on."
            default: nil
            }
        } else { nil }
        return .page(title: record.name, template: "me-performer", data: PerformerView(
            performer: WebName(id: id, name: record.name, href: nil), capacity: Self.words(acting.capacity), may: Self.words(acting.authority),
            notice: notice,
            offers: open.map { OfferView($0, names: names, today: today, maySign: acting.authority.contains(.sign), visit: visit) },
            pastOffers: offers.filter { $0.state(on: today) != .open }.reversed().map { Self.offerRow($0, names, today) },
            hasPastOffers: offers.contains { $0.state(on: today) != .open },
            timeline: grants.isEmpty ? nil : ConsentTimeline(grants: grants, today: today, link: { "#grant-\($0)" }, describedFirst: true),
            grants: details.map { detail in
                let grant = detail.grant
                let actions = operations.grantActions(detail, by: caller, authority: acting.authority)
                return GrantRow(id: grant.id, description: grant.description, status: ConsentTimeline.status(of: grant, today: today),
                                from: grant.validFrom.description, until: grant.validUntil.description,
                                production: names.production(grant.production),
                                uses: grant.uses.map { WebText.words($0.rawValue) }.joined(separator: ", "), fee: grant.fee?.words,
                                actions: actions.map { ActionLink(href: "/me/grants/\(grant.id)/\($0.rawValue)", label: Self.words($0).verb,
                                                                  danger: $0 == .revoke) },
                                hasActions: !actions.isEmpty)
            },
            ledger: ledger.view(names),
            statement: try await CompensationPages(web: web).statement(visit, performer: id, page: "/me/performers/\(id)")))
    }

    /// The ledger's page of rows (`?before=`, `?since=`, `?until=`) and its chart, which counts
    /// every check of the window.
    struct Ledger {
        let page: PerformerUsesPage
        let rows: [PerformerUse]
        let all: [PerformerUse]
        let capped: Bool
        let performer: String
        let before: String?

        func view(_ names: WebNames) -> LedgerView {
            let chart = UsesChart(uses: all, since: page.since, until: page.until)
            let window = "since=\(page.since)&until=\(page.until)"
            return LedgerView(
                since: page.since.description, until: page.until.description, rows: rows.map { MePages.useRow($0, names) },
                chart: chart, weeks: chart.weeks.map { Week(label: $0.label, count: $0.count) }, total: all.count, capped: capped,
                next: page.next.map { "/me/performers/\(performer)?\(window)&before=\($0)#uses" },
                newest: before == nil ? nil : "/me/performers/\(performer)?\(window)#uses",
                csv: "/me/performers/\(performer)/uses.csv?\(window)")
        }
    }

    static func day(_ visit: WebVisit, _ name: String) throws -> Day? {
        guard let text = visit.query(name) else { return nil }
        guard let day = Day(text) else { throw LikenessError.invalid(name, "\(name) must be a date of the form YYYY-MM-DD", code: "invalid-date") }
        return day
    }

    func ledger(_ visit: WebVisit, performer id: String, caller: Identity) async throws -> Ledger {
        let operations = web.services.operations
        let since = try Self.day(visit, "since"), until = try Self.day(visit, "until")
        let before = visit.query("before")
        let page = try await operations.uses(ofPerformer: id, since: since, until: until, limit: Self.ledgerPageSize, before: before, by: caller)
        let (all, capped) = try await allUses(id, since: page.since, until: page.until, caller: caller)
        return Ledger(page: page, rows: page.checks, all: all, capped: capped, performer: id, before: before)
    }

    /// Every check of the window, up to `chartLimit`.
    func allUses(_ id: String, since: Day, until: Day, caller: Identity) async throws -> ([PerformerUse], Bool) {
        var all: [PerformerUse] = [], before: String?
        repeat {
            let page = try await web.services.operations.uses(ofPerformer: id, since: since, until: until, limit: 500, before: before, by: caller)
            all += page.checks
            before = page.next
        } while before != nil && all.count < Self.chartLimit
        return (all, before != nil)
    }

    /// The window's checks as CSV (the API's columns), served for download.
    func usesCSV(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let id = try visit.id("id", "performer")
        let first = try await web.services.operations.uses(ofPerformer: id, since: try Self.day(visit, "since"), until: try Self.day(visit, "until"),
                                                           limit: 1, before: nil, by: caller)
        var page = first
        page.checks = try await allUses(id, since: first.since, until: first.until, caller: caller).0
        page.next = nil
        var headers = WebApp.securityHeaders
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(id)-uses-\(page.since)-\(page.until).csv\""
        headers[.cacheControl] = "no-store"
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: page.csv))))
    }

    // MARK: Offers

    /// An offer with its full terms, and (open, for an account that may sign today) the sign and
    /// decline forms.
    struct OfferView: Sendable {
        let id: String
        let performer: WebName?
        let production: WebName?
        let description: String
        let state: String
        let open: Bool
        let respondBy: String
        let offeredAt: String
        let offeredBy: String
        let terms: [String]
        let termsSha256: String
        let grant: String?
        let decided: String?
        let reason: String?
        let maySign: Bool
        let typedName: String
        let declineReason: String
        let errors: WebFormErrors
        let declineErrors: WebFormErrors

        init(_ offer: ConsentOffer, names: WebNames, today: Day, maySign: Bool, visit: WebVisit, typedName: String = "",
             declineReason: String = "", errors: WebFormErrors = .none, declineErrors: WebFormErrors = .none) {
            let state = offer.state(on: today)
            id = offer.id
            performer = names.performer(offer.performer)
            production = names.production(offer.production)
            description = offer.description
            self.state = state.rawValue
            open = state == .open
            respondBy = offer.respondBy.description
            offeredAt = WebText.time(offer.offeredAt)
            offeredBy = offer.offeredBy
            terms = offer.terms.split(separator: "\n").map(String.init)
            termsSha256 = offer.termsSha256
            grant = offer.grant
            decided = offer.decidedAt.map { WebText.time($0) + (offer.decidedBy.map { " by \($0)" } ?? "") }
            reason = offer.reason
            self.maySign = maySign && state == .open
            self.typedName = typedName
            self.declineReason = declineReason
            self.errors = errors
            self.declineErrors = declineErrors
        }
    }

    func offer(_ visit: WebVisit) async throws -> WebAnswer {
        try await offerPage(visit, id: try visit.id("id", "consent offer"))
    }

    func offerPage(_ visit: WebVisit, id: String, typedName: String = "", declineReason: String = "", errors: WebFormErrors = .none,
                   declineErrors: WebFormErrors = .none, status: HTTPResponse.Status = .ok) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let operations = web.services.operations
        let offer = try await operations.offer(id, by: caller)
        let authority = try await operations.actingFor(by: caller).first(where: { $0.performer.id == offer.performer })?.authority ?? []
        let names = await WebNames.load(web, caller, performers: [offer.performer], productions: [offer.production])
        let view = OfferView(offer, names: names, today: web.services.clock.today(), maySign: authority.contains(.sign), visit: visit,
                             typedName: typedName, declineReason: declineReason, errors: errors, declineErrors: declineErrors)
        return .page(title: "Consent offer: \(offer.description)", template: "me-offer", data: view, status: status)
    }

    /// Signs with the typed name, the "I agree" box and the hash of the terms the page showed; a
    /// refusal shows the offer again with the message beside its field.
    func sign(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let id = try visit.id("id", "consent offer")
        let input = SignOfferInput(typedName: visit.field("typedName"), agree: visit.checked("agree"), termsSha256: visit.field("termsSha256"))
        do {
            let (offer, grant) = try await web.services.operations.signOffer(id, input, by: caller)
            return .redirect("/me/performers/\(offer.performer)?signed=\(grant.grant.id)#grant-\(grant.grant.id)")
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .conflict {
            let errors = error.code == "terms-mismatch"
                ? WebFormErrors(fields: [:], form: "The terms have changed since this page was shown to you, so nothing was signed. Read them again below before you sign.")
                : WebFormErrors(error)
            return try await offerPage(visit, id: id, typedName: visit.field("typedName") ?? "", errors: errors, status: error.kind.status)
        }
    }

    func decline(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let id = try visit.id("id", "consent offer")
        do {
            let offer = try await web.services.operations.declineOffer(id, OptionalReasonInput(reason: visit.field("reason")), by: caller)
            return .redirect("/me/performers/\(offer.performer)?declined=\(offer.id)#offers")
        } catch let error as LikenessError where error.kind == .invalid || error.kind == .conflict {
            return try await offerPage(visit, id: id, declineReason: visit.field("reason") ?? "", declineErrors: WebFormErrors(error),
                                       status: error.kind.status)
        }
    }

    // MARK: Withdrawing, suspending, resuming a consent

    struct ConfirmView: Sendable {
        let action: String
        let heading: String
        let button: String
        let grant: GrantRow
        let performer: WebName
        let stops: String
        let stays: String
        let reason: String
        let errors: WebFormErrors
    }

    func confirm(_ visit: WebVisit, _ action: Registry.GrantAction) async throws -> WebAnswer {
        try await confirmPage(visit, action, id: try visit.id("id", "grant"))
    }

    /// The confirmation step: what stops, what stays on record, and the reason to give.
    func confirmPage(_ visit: WebVisit, _ action: Registry.GrantAction, id: String, reason: String = "", errors: WebFormErrors = .none,
                     status: HTTPResponse.Status = .ok) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let operations = web.services.operations
        let detail = try await operations.grant(id, by: caller)
        let grant = detail.grant
        let authority = try await operations.actingFor(by: caller).first(where: { $0.performer.id == grant.performer })?.authority ?? []
        guard operations.grantActions(detail, by: caller, authority: authority).contains(action) else {
            throw LikenessError(.conflict, "invalid-state", authority.contains(.change)
                ? "This consent is \(grant.status.rawValue): it cannot be \(action == .revoke ? "withdrawn" : action.rawValue + "d") now."
                : "You may not withdraw, suspend or resume this performer's consents today.")
        }
        let names = await WebNames.load(web, caller, performers: [grant.performer], productions: [grant.production])
        let today = web.services.clock.today()
        let production = names.production(grant.production)?.text ?? "any production of the studio"
        let uses = grant.uses.map { WebText.words($0.rawValue) }.joined(separator: ", ")
        let stops: String, stays: String
        switch action {
        case .revoke:
            stops = "From now on, every check that needs this consent (\(uses) in \(production)) is denied. Withdrawal is final: nobody can resume it; a new use needs a new consent."
            stays = "The uses checked before now, their receipts and this consent's history stay on record, as the law requires; the productions that relied on it are told."
        case .suspend:
            stops = "From now on, every check that needs this consent (\(uses) in \(production)) is denied until it is resumed. Only you, or someone acting for the performer, can resume it."
            stays = "The uses checked before now, their receipts and this consent's history stay on record."
        case .resume:
            stops = "Nothing stops. From now on, checks within this consent's terms (\(uses) in \(production)) are allowed again until \(grant.validUntil)."
            stays = "The suspension stays in this consent's history."
        }
        let (verb, button) = Self.words(action)
        return .page(title: "\(verb): \(grant.description)", template: "me-confirm", data: ConfirmView(
            action: action.rawValue, heading: "\(verb) this consent?", button: button,
            grant: GrantRow(id: grant.id, description: grant.description, status: ConsentTimeline.status(of: grant, today: today),
                            from: grant.validFrom.description, until: grant.validUntil.description, production: names.production(grant.production),
                            uses: uses, fee: grant.fee?.words, actions: [], hasActions: false),
            performer: names.performer(grant.performer)!, stops: stops, stays: stays, reason: reason, errors: errors), status: status)
    }

    func change(_ visit: WebVisit, _ action: Registry.GrantAction) async throws -> WebAnswer {
        let caller = try Self.performerSide(visit)
        let id = try visit.id("id", "grant")
        do {
            let detail = try await web.services.operations.changeGrant(id, action, reason: ReasonInput(reason: visit.field("reason")), by: caller)
            return .redirect("/me/performers/\(detail.grant.performer)?changed=\(action.rawValue)#grant-\(id)")
        } catch let error as LikenessError where error.kind == .invalid {
            return try await confirmPage(visit, action, id: id, reason: visit.field("reason") ?? "", errors: WebFormErrors(error),
                                         status: error.kind.status)
        }
    }
}

/// The uses of a window as an SVG bar chart, one bar per week from `since` (template `uses-chart`);
/// its table is the text alternative.
struct UsesChart: Sendable {
    struct Week: Sendable {
        let label: String
        let count: Int
        /// Whether the axis names this week (every fourth: the labels would overlap).
        let tick: Bool
        /// Whether its count is written above it (not for an empty week).
        let shown: Bool
        let x: Int, y: Int, height: Int, labelX: Int, countY: Int
    }

    let weeks: [Week]
    let width: Int
    let height: Int
    let baseY: Int
    let total: Int
    let peak: Int

    static let barWidth = 22, gap = 6, plotHeight = 120, top = 18, left = 4

    init(uses: [PerformerUse], since: Day, until: Day) {
        let weekCount = min(60, max(1, (until.ordinal - since.ordinal) / 7 + 1))
        var counts = Array(repeating: 0, count: weekCount)
        for use in uses {
            let week = (use.at.ordinal - since.ordinal) / 7
            if week >= 0 && week < weekCount { counts[week] += 1 }
        }
        let peak = max(1, counts.max() ?? 1)
        self.peak = counts.max() ?? 0
        baseY = Self.top + Self.plotHeight
        weeks = counts.enumerated().map { i, count in
            let height = count == 0 ? 0 : max(2, count * Self.plotHeight / peak)
            let x = Self.left + i * (Self.barWidth + Self.gap)
            return Week(label: since.adding(days: i * 7).description, count: count, tick: i % 4 == 0, shown: count > 0, x: x, y: Self.top + Self.plotHeight - height,
                        height: height, labelX: x + Self.barWidth / 2, countY: Self.top + Self.plotHeight - height - 4)
        }
        width = Self.left * 2 + weekCount * (Self.barWidth + Self.gap) + 48
        height = baseY + 24
        total = counts.reduce(0, +)
    }
}
