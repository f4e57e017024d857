import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// Compensation per use (compensation.md) on the pages: a check's usage reports and the form to
/// report or correct one (on its receipt, `CheckPages`), a performer's statement by calendar month
/// (on the staff's and the performer's side's performer pages), a production's payables, and each
/// as the API's CSV. Everything goes through the operations, which apply who may see and report.
struct CompensationPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.post, "/checks/{id}/usage", .reportUsage, report),
            WebPage(.get, "/performers/{id}/statement.csv", .readStatement, statementCSV),
            WebPage(.get, "/me/performers/{id}/statement.csv", .readStatement, statementCSV),
            WebPage(.get, "/productions/{id}/payables", .readPayables, payables),
            WebPage(.get, "/productions/{id}/payables.csv", .readPayables, payablesCSV),
        ]
    }

    // MARK: Reporting use on a check's receipt

    /// The report form as typed (the day of delivery defaults to the server's today), and its
    /// errors; or, after a refused correction, the empty form and why the correction was refused.
    struct UsageForm: Sendable {
        var deliveredOn: String
        var days = ""
        var minutes = ""
        var note = ""
        var errors = WebFormErrors.none
        var correctionError: String?
    }

    struct LineRow: Sendable { let grant: String; let basis: String; let quantity: Int64; let amount: String; let pensionHealth: String }
    struct ReportRow: Sendable {
        let id: String
        let deliveredOn: String
        /// "3 days", "12.5 minutes", "3 days and 12.5 minutes", nil when neither was reported.
        let reported: String?
        /// Its note (named apart from the approval request's `note`, which the page also has).
        let reportNote: String?
        let reportedBy: String
        let reportedAt: String
        let corrects: String?
        let correctedBy: String?
        let lines: [LineRow]
        /// The hidden fields of its "Correct" button, nil when it cannot be corrected (or not by the caller).
        let correction: Correction?
    }
    /// A correction's fields: the report it reverses and the negation of its days and minutes.
    struct Correction: Sendable { let corrects: String; let days: String?; let minutes: String? }
    struct UsageView: Sendable {
        let check: String
        let reports: [ReportRow]
        let mayReport: Bool
        let form: UsageForm
        let notice: String?
    }

    /// The check's reports and, for who may report it (its maker, casting, admin) when it is an
    /// allowed or notify check that names a performer, the form; nil when it has neither.
    func usage(of receipt: WebReceipt.View, _ visit: WebVisit, form: UsageForm?) async throws -> UsageView? {
        let caller = try visit.caller
        guard let id = receipt.id else { return nil }
        let reportable = (receipt.decision == Decision.allowed.rawValue || receipt.decision == Decision.notify.rawValue) && receipt.performer != nil
        let mayReport = reportable && caller.may(.reportUsage)
        let reports = try await web.services.operations.usage(ofCheck: id, by: caller).reports
        guard mayReport || !reports.isEmpty else { return nil }
        let corrected = Dictionary(reports.compactMap { report in report.corrects.map { ($0, report.id) } }, uniquingKeysWith: { first, _ in first })
        let notice = visit.query("reported").flatMap { reported in
            reports.first { $0.id == reported }.map { report in
                report.corrects.map { "Corrected: report \(report.id) reverses report \($0)." } ?? "Reported as \(report.id)."
            }
        }
        return UsageView(
            check: id,
            reports: reports.map { report in
                ReportRow(id: report.id, deliveredOn: report.deliveredOn.description, reported: Self.words(days: report.days, minutes: report.minutes),
                          reportNote: report.note, reportedBy: report.reportedBy, reportedAt: WebText.time(report.reportedAt), corrects: report.corrects,
                          correctedBy: corrected[report.id],
                          lines: report.lines.map {
                              LineRow(grant: $0.grant, basis: Self.words($0.basis), quantity: $0.quantity,
                                      amount: WebMoney.format($0.amount, $0.currency), pensionHealth: WebMoney.format($0.pensionHealth, $0.currency))
                          },
                          correction: mayReport && report.corrects == nil && corrected[report.id] == nil
                              ? Correction(corrects: report.id, days: report.days.map { String(-$0) }, minutes: report.minutes.map { "\(-$0)" })
                              : nil)
            },
            mayReport: mayReport, form: form ?? UsageForm(deliveredOn: web.services.clock.today().description), notice: notice)
    }

    /// Reports a use, or corrects a report (`corrects`, with the negated days and minutes); a
    /// refusal shows the receipt again with the message beside the field (a correction's, whose
    /// fields are hidden, at the top of the reports).
    func report(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "check")
        let typed = UsageForm(deliveredOn: visit.field("deliveredOn") ?? "", days: visit.field("days") ?? "",
                              minutes: visit.field("minutes") ?? "", note: visit.field("note") ?? "")
        do {
            let input = UsageInput(deliveredOn: visit.field("deliveredOn"),
                                   days: try WebMoney.number(typed.days, "days", example: "3", signed: true),
                                   minutes: try WebMoney.number(typed.minutes, "minutes", example: "12.5", signed: true),
                                   note: visit.field("note"), corrects: visit.field("corrects"))
            let report = try await web.services.operations.reportUsage(check: id, input, by: caller)
            return .redirect("/checks/\(id)?reported=\(report.id)#usage")
        } catch let error as LikenessError where error.kind == .invalid || (error.kind == .conflict && error.field != nil) {
            // A check that cannot be reported (409 naming no field) shows no form: its page says why.
            var form = typed
            if visit.field("corrects") != nil {
                form = UsageForm(deliveredOn: web.services.clock.today().description, correctionError: error.message)
            } else {
                form.errors = WebFormErrors(error)
            }
            return try await CheckPages(web: web).checkPage(visit, id: id, note: "", errors: .none, usageForm: form, status: error.kind.status)
        }
    }

    /// "3 days", "12.5 minutes", both, or nil.
    static func words(days: Int64?, minutes: Decimal?) -> String? {
        let parts = [days.map { "\($0) day\($0.magnitude == 1 ? "" : "s")" }, minutes.map { "\($0) minute\($0 == 1 || $0 == -1 ? "" : "s")" }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " and ")
    }

    static func words(_ basis: FeeBasis) -> String {
        switch basis {
        case .use: "per use"
        case .day: "per day"
        case .minute: "per minute"
        case .flat: "flat"
        }
    }

    // MARK: Months

    /// A calendar month of the statement and payables pages: `?month=YYYY-MM`, default the
    /// server's current month; anything else is a 422 page.
    struct Month {
        let window: DayWindow

        init(_ visit: WebVisit, today: Day) throws {
            guard let text = visit.query("month") else {
                window = today.calendarMonth
                return
            }
            guard text.utf8.count == 7, let first = Day(text + "-01") else {
                throw LikenessError.invalid("month", "month must be a month of the form YYYY-MM (e.g. \(today.description.prefix(7)))",
                                            code: "invalid-date")
            }
            window = first.calendarMonth
        }

        init(_ window: DayWindow) { self.window = window }

        /// `2026-11`, as the query and a month field write it.
        var key: String { String(window.since.description.prefix(7)) }

        /// `November 2026`.
        var label: String {
            let text = window.since.description
            let month = Int(text.dropFirst(5).prefix(2)) ?? 1
            return "\(Self.names[month - 1]) \(text.prefix(4))"
        }

        static let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                            "November", "December"]

        var previous: Month { Month(window.since.adding(days: -1).calendarMonth) }
        var next: Month { Month(window.until.adding(days: 1).calendarMonth) }
    }

    /// A month's heading and its links: the page's own path with `?month=` for the month before
    /// (when lines were delivered before it) and after (up to the current month, or later when
    /// lines were delivered later), and the CSV's. The links end where the lines do, so that
    /// following them ends (the month field goes to any month).
    struct MonthView: Sendable {
        let key: String
        let label: String
        let since: String
        let until: String
        let previous: String?
        let previousLabel: String
        let next: String?
        let nextLabel: String
        let csv: String

        init(_ month: Month, delivered: DayWindow?, today: Day, page: String, anchor: String, csv: String) {
            key = month.key
            label = month.label
            since = month.window.since.description
            until = month.window.until.description
            let earlier = delivered.map { $0.since < month.window.since } ?? false
            let later = month.window.until < max(today, delivered?.until ?? today)
            previous = earlier ? "\(page)?month=\(month.previous.key)#\(anchor)" : nil
            previousLabel = month.previous.label
            next = later ? "\(page)?month=\(month.next.key)#\(anchor)" : nil
            nextLabel = month.next.label
            self.csv = "\(csv)?month=\(month.key)"
        }
    }

    struct TotalRow: Sendable { let currency: String; let amount: String; let pensionHealth: String }

    static func totalRows(_ totals: [CurrencyTotal]) -> [TotalRow] {
        totals.map { TotalRow(currency: $0.currency, amount: WebMoney.format($0.amount, $0.currency),
                              pensionHealth: WebMoney.format($0.pensionHealth, $0.currency)) }
    }

    // MARK: A performer's statement

    struct StatementRow: Sendable {
        let deliveredOn: String
        let production: WebName
        let check: String
        /// The receipt's page, for the roles that open it.
        let checkHref: String?
        let grant: String
        let grantHref: String
        let basis: String
        let quantity: Int64
        let amount: String
        let pensionHealth: String
    }
    struct StatementView: Sendable {
        let month: MonthView
        /// The page the month form opens again.
        let page: String
        let lines: [StatementRow]
        let totals: [TotalRow]
    }

    /// The statement of `performer` for the month asked (`?month=`) as a section of `page` (the
    /// staff's `/performers/{id}` or the performer's side's `/me/performers/{id}`). Grants link to
    /// their page for the staff, to their card on the performer's side's page.
    func statement(_ visit: WebVisit, performer: String, page: String) async throws -> StatementView {
        let caller = try visit.caller
        let today = web.services.clock.today()
        let month = try Month(visit, today: today)
        let operations = web.services.operations
        let statement = try await operations.statement(ofPerformer: performer, since: month.window.since.description,
                                                       until: month.window.until.description, by: caller)
        let delivered = try await operations.statementDays(ofPerformer: performer, by: caller)
        let names = await WebNames.load(web, caller, productions: statement.lines.map(\.production))
        let mayOpenChecks = caller.may(.readCheck)
        return StatementView(
            month: MonthView(month, delivered: delivered, today: today, page: page, anchor: "statement", csv: "\(page)/statement.csv"),
            page: page,
            lines: statement.lines.map { line in
                StatementRow(deliveredOn: line.deliveredOn.description, production: names.production(line.production)!, check: line.check,
                             checkHref: mayOpenChecks ? "/checks/\(line.check)" : nil, grant: line.line.grant,
                             grantHref: caller.role.isPerformerSide ? "#grant-\(line.line.grant)" : "/grants/\(line.line.grant)",
                             basis: Self.words(line.line.basis), quantity: line.line.quantity,
                             amount: WebMoney.format(line.line.amount, line.line.currency),
                             pensionHealth: WebMoney.format(line.line.pensionHealth, line.line.currency))
            },
            totals: Self.totalRows(statement.totals))
    }

    /// The month's statement as the API's CSV (amounts in minor units), for download.
    func statementCSV(_ visit: WebVisit) async throws -> WebAnswer {
        let id = try visit.id("id", "performer")
        let month = try Month(visit, today: web.services.clock.today())
        let statement = try await web.services.operations.statement(ofPerformer: id, since: month.window.since.description,
                                                                    until: month.window.until.description, by: try visit.caller)
        return Self.csv(statement.csv, filename: "\(id)-statement-\(month.key).csv")
    }

    // MARK: A production's payables

    struct PayableRow: Sendable { let performer: WebName; let currency: String; let amount: String; let pensionHealth: String }
    struct PayablesView: Sendable {
        let production: WebName
        let month: MonthView
        let rows: [PayableRow]
        let totals: [TotalRow]
    }

    /// What the production owes each performer for the uses delivered in a month, with the
    /// totals per currency.
    func payables(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let id = try visit.id("id", "production")
        let today = web.services.clock.today()
        let month = try Month(visit, today: today)
        let operations = web.services.operations
        let payables = try await operations.payables(ofProduction: id, since: month.window.since.description,
                                                     until: month.window.until.description, by: caller)
        let delivered = try await operations.payablesDays(ofProduction: id, by: caller)
        let names = await WebNames.load(web, caller, performers: payables.performers.map(\.performer), productions: [id])
        let totals = try CurrencyTotal.totals(of: payables.performers.lazy.flatMap(\.totals).map { ($0.currency, $0.amount, $0.pensionHealth) })
        let page = "/productions/\(id)/payables"
        return .page(title: "Payables of \(names.production(id)!.text), \(month.label)", template: "payables", data: PayablesView(
            production: names.production(id)!,
            month: MonthView(month, delivered: delivered, today: today, page: page, anchor: "payables", csv: "\(page).csv"),
            rows: payables.performers.flatMap { payable in
                payable.totals.map {
                    PayableRow(performer: names.performer(payable.performer)!, currency: $0.currency,
                               amount: WebMoney.format($0.amount, $0.currency), pensionHealth: WebMoney.format($0.pensionHealth, $0.currency))
                }
            },
            totals: Self.totalRows(totals)))
    }

    /// The month's payables as the API's CSV (one row per performer and currency), for download.
    func payablesCSV(_ visit: WebVisit) async throws -> WebAnswer {
        let id = try visit.id("id", "production")
        let month = try Month(visit, today: web.services.clock.today())
        let payables = try await web.services.operations.payables(ofProduction: id, since: month.window.since.description,
                                                                  until: month.window.until.description, by: try visit.caller)
        return Self.csv(payables.csv, filename: "\(id)-payables-\(month.key).csv")
    }

    /// Whether `caller` may open the payables of `production` (the link on its page): staff, its
    /// studio contact, a production account that made checks of it, as the operation decides.
    func mayReadPayables(of production: Production, _ caller: Identity) async throws -> Bool {
        guard caller.may(.readPayables) else { return false }
        switch caller.role {
        case .studio: return production.contact == caller.actor
        case .production:
            return try await web.services.database.snapshot { try UsageReports.madeChecks(of: production.id, actor: caller.actor, $0) }
        default: return true
        }
    }

    static func csv(_ text: String, filename: String) -> WebAnswer {
        var headers = WebApp.securityHeaders
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        headers[.cacheControl] = "no-store"
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: text))))
    }
}
