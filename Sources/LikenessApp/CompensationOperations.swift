import Foundation
import LikenessRules
import LikenessStore

/// Compensation per use: reports of what was used, statements and payables.
extension Operations {
    /// Reports a use under a stored check (the production account that made it, casting, admin):
    /// one line per grant with a fee the check relied on, or, for a correction, the negation of
    /// the named report's lines. Audited, with a `usage.reported` event.
    public func reportUsage(check id: String, _ input: UsageInput, by caller: Identity) async throws -> UsageReport {
        try caller.require(.reportUsage)
        let fields = try input.validated()
        let now = StoredTime.precision(clock.now())
        let codec = database.receiptCodec
        return try await database.transaction { db in
            let check = try UsageReports.check(id, visibleTo: caller, codec: codec, db)
            guard check.decision == .allowed || check.decision == .notify, let performer = check.performer else {
                throw LikenessError(.conflict, "not-reportable",
                                    "check \(id) is \(check.decision.rawValue)\(check.performer == nil ? " and names no performer" : ""): only an allowed or notify check that names a performer is reported")
            }
            var deliveredOn = fields.deliveredOn
            let lines: [UsageLine]
            if let corrects = fields.corrects {
                let original = try UsageReports.correctable(corrects, db)
                lines = try Compensation.correction(of: original, check: id, days: fields.days, minutes: fields.minutes)
                deliveredOn = deliveredOn ?? original.deliveredOn
            } else {
                lines = try Compensation.lines(try UsageReports.fees(of: check.grants, db), days: fields.days, minutes: fields.minutes) {
                    try UsageReports.flatCounted(grant: $0, production: check.production, db)
                }
            }
            guard let deliveredOn else { throw LikenessError.missing("deliveredOn") }
            let report = UsageReport(id: IDs.make("use", now: now), check: id, production: check.production, performer: performer,
                                     deliveredOn: deliveredOn, days: fields.days, minutes: fields.minutes, note: fields.note,
                                     corrects: fields.corrects, reportedBy: caller.actor, reportedAt: now, lines: lines)
            try UsageReports.insert(report, checkActor: check.actor, by: ActedBy(account: caller.actor, role: caller.role), db)
            return report
        }
    }

    /// The reports of a check, for whoever may read the check.
    public func usage(ofCheck id: String, by caller: Identity) async throws -> CheckUsage {
        let codec = database.receiptCodec
        return try await read(.readCheck, by: caller) { db in
            _ = try UsageReports.check(id, visibleTo: caller, codec: codec, db)
            return CheckUsage(check: id, reports: try UsageReports.list(check: id, db))
        }
    }

    /// A performer's statement for `since`...`until` (default the current calendar month): staff,
    /// and the performer's side for the performers it sees.
    public func statement(ofPerformer performer: String, since: String?, until: String?, by caller: Identity) async throws -> PerformerStatement {
        let today = self.today
        let window = try DayWindow.validated(since: since, until: until, today: today)
        return try await read(.readStatement, by: caller) { db in
            try Self.requireStatementReader(caller, of: performer, today: today, db)
            let lines = try UsageReports.statementLines(performer: performer, window, db)
            let totals = try CurrencyTotal.totals(of: lines.lazy.map { ($0.line.currency, $0.line.amount, $0.line.pensionHealth) })
            return PerformerStatement(performer: performer, window: window, lines: lines, totals: totals)
        }
    }

    /// What a production owes each performer in a window: staff, the production's studio contact,
    /// and a production account that made checks of it.
    public func payables(ofProduction id: String, since: String?, until: String?, by caller: Identity) async throws -> ProductionPayables {
        let window = try DayWindow.validated(since: since, until: until, today: today)
        return try await read(.readPayables, by: caller) { db in
            try Self.requirePayablesReader(caller, of: id, db)
            return ProductionPayables(production: id, since: window.since, until: window.until,
                                      performers: try UsageReports.payables(production: id, window, db))
        }
    }

    /// The first and last days a performer's statements have lines on (nil: none yet), for who
    /// may read them: the web pages link to the months between.
    public func statementDays(ofPerformer performer: String, by caller: Identity) async throws -> DayWindow? {
        let today = self.today
        return try await read(.readStatement, by: caller) { db in
            try Self.requireStatementReader(caller, of: performer, today: today, db)
            return try UsageReports.deliveredDays(of: .performer, performer, db)
        }
    }

    /// The first and last days a production's payables have lines on (nil: none yet), for who may
    /// read them.
    public func payablesDays(ofProduction id: String, by caller: Identity) async throws -> DayWindow? {
        try await read(.readPayables, by: caller) { db in
            try Self.requirePayablesReader(caller, of: id, db)
            return try UsageReports.deliveredDays(of: .production, id, db)
        }
    }

    /// Staff read every performer's statement; the performer's side those of the performers it sees.
    static func requireStatementReader(_ caller: Identity, of performer: String, today: Day, _ db: any SQLConnection) throws {
        _ = try PerformerSideRules.acting(caller, for: performer, needs: .see, today: today, db)
    }

    /// Staff read every production's payables; a studio its productions'; a production account
    /// those of the productions it made checks of.
    static func requirePayablesReader(_ caller: Identity, of id: String, _ db: any SQLConnection) throws {
        try AccessRules.requireContact(of: id, caller, db)
        try Registry.requireExists(Production.self, id, "production", field: "production", db)
        if caller.role == .production, try !UsageReports.madeChecks(of: id, actor: caller.actor, db) {
            throw LikenessError(.forbidden, "forbidden", "\(caller.actor) made no checks of production \(id)")
        }
    }
}
