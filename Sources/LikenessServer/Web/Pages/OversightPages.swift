import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// What auditors and casting watch: the audit trail, and the alerts (consents expiring soon,
/// grants whose end touched earlier checks).
struct OversightPages {
    let web: WebApp
    static let pageSize = 50

    var pages: [WebPage] {
        [
            WebPage(.get, "/audit", .readAudit, audit),
            WebPage(.get, "/audit/verify", .readAudit, verify),
            WebPage(.get, "/alerts", .readAlerts, alerts),
        ]
    }

    struct EntryRow: Sendable { let seq: Int64; let at: String; let actor: String; let action: String; let subject: String; let detail: String?; let hash: String }
    struct AuditView: Sendable { let entries: [EntryRow]; let next: String?; let newest: Bool; let verification: String? }

    /// Newest first, `?before=` a sequence number for older pages.
    func audit(_ visit: WebVisit) async throws -> WebAnswer {
        let before = visit.query("before").flatMap { Int64($0) }
        let entries = try await web.services.operations.audit(limit: Self.pageSize, before: before, by: visit.caller)
        return .page(title: "Audit trail", template: "audit", data: AuditView(
            entries: entries.map { EntryRow(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, subject: $0.subject,
                                            detail: $0.detail, hash: String($0.hash.prefix(12))) },
            next: entries.count == Self.pageSize ? entries.last.map { "/audit?before=\($0.seq)" } : nil,
            newest: before == nil, verification: nil))
    }

    /// Recomputes the whole chain, as `likeness audit verify` does.
    func verify(_ visit: WebVisit) async throws -> WebAnswer {
        let result = try await web.services.operations.verifyAudit(by: visit.caller)
        let text = switch result {
        case let .intact(entries, head): "The chain is intact: \(entries) entries, head \(head.prefix(12))…"
        case let .broken(seq, problem): "The chain is broken at entry \(seq): \(problem)"
        }
        return .page(title: "Audit trail", template: "message", data: WebMessage(heading: "Audit chain verification", text: text))
    }

    struct ExpiringRow: Sendable { let grant: String; let performer: String; let performerName: String; let production: WebName?; let validUntil: String; let daysLeft: Int }
    struct ImpactedRow: Sendable { let grant: String; let performer: WebName; let status: String; let since: String; let reason: String?; let checks: Int }
    struct AlertsView: Sendable {
        let within: Int
        let chart: ExpiryChart
        let anyExpiring: Bool
        let expiring: [ExpiringRow]
        let expiringCount: Int
        let impacted: [ImpactedRow]
        let impactedCount: Int
        let previous: String?
        let next: String?
    }
    static let listSize = 100

    /// `?within=` days (default 90); the chart counts every expiring consent, the lists show 100
    /// rows a page (`?page=`).
    func alerts(_ visit: WebVisit) async throws -> WebAnswer {
        let within = min(3650, max(1, visit.query("within").flatMap { Int($0) } ?? 90))
        let page = visit.pageNumber()
        let shown = (page - 1) * Self.listSize..<page * Self.listSize
        let today = web.services.clock.today()
        let report = try await web.services.operations.alerts(at: today, within: within, by: visit.caller)
        let expiring = Array(report.expiring[shown.clamped(to: report.expiring.indices)])
        let impacted = Array(report.impacted[shown.clamped(to: report.impacted.indices)])
        let caller = try visit.caller
        let names = await WebNames.load(web, caller, performers: impacted.map(\.performer), productions: expiring.map(\.production))
        return .page(title: "Expiring consents and alerts", template: "alerts", data: AlertsView(
            within: within, chart: ExpiryChart(expiring: report.expiring, today: today, days: within), anyExpiring: !report.expiring.isEmpty,
            expiring: expiring.map {
                ExpiringRow(grant: $0.grant, performer: $0.performer, performerName: $0.performerName, production: names.production($0.production),
                            validUntil: $0.validUntil.description, daysLeft: $0.daysLeft)
            },
            expiringCount: report.expiring.count,
            impacted: impacted.map {
                ImpactedRow(grant: $0.grant, performer: names.performer($0.performer)!, status: $0.status, since: $0.since, reason: $0.reason, checks: $0.checks.count)
            },
            impactedCount: report.impacted.count,
            previous: page > 1 ? "/alerts?within=\(within)&page=\(page - 1)" : nil,
            next: max(report.expiring.count, report.impacted.count) > shown.upperBound ? "/alerts?within=\(within)&page=\(page + 1)" : nil))
    }
}
