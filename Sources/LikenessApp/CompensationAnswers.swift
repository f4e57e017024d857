import Foundation
import LikenessRules
import LikenessStore

/// A performer's statement (compensation.md): the lines delivered in a window and their totals per
/// currency, as JSON (each line's report fields and the line's own) or CSV.
public struct PerformerStatement: Encodable, Sendable {
    public let performer: String
    public let window: DayWindow
    public let lines: [StatementLine]
    public let totals: [CurrencyTotal]

    public init(performer: String, window: DayWindow, lines: [StatementLine], totals: [CurrencyTotal]) {
        self.performer = performer; self.window = window; self.lines = lines; self.totals = totals
    }

    struct Line: Encodable {
        let usage: String, check: String, production: String, deliveredOn: Day
        let grant: String, performer: String, currency: String, basis: FeeBasis
        let quantity: Int64, amount: Int64, pensionHealth: Int64
    }

    enum CodingKeys: String, CodingKey { case performer, since, until, lines, totals }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(performer, forKey: .performer)
        try c.encode(window.since, forKey: .since)
        try c.encode(window.until, forKey: .until)
        try c.encode(lines.map { s in
            Line(usage: s.usage, check: s.check, production: s.production, deliveredOn: s.deliveredOn, grant: s.line.grant,
                 performer: s.line.performer, currency: s.line.currency, basis: s.line.basis, quantity: s.line.quantity,
                 amount: s.line.amount, pensionHealth: s.line.pensionHealth)
        }, forKey: .lines)
        try c.encode(totals, forKey: .totals)
    }

    /// The statement as the API answers it (the bytes `encode(to:)` makes with
    /// `LikenessJSON.encoder`, written directly).
    public var json: [UInt8] { StatementJSON.write(performer: performer, window: window, lines: lines, totals: totals) }

    /// The CSV's columns: the lines' field names.
    public static let columns = ["usage", "check", "production", "deliveredOn", "grant", "performer", "currency", "basis", "quantity",
                                 "amount", "pensionHealth"]

    /// The lines as CSV (RFC 4180), with a header row; amounts in minor units.
    public var csv: String {
        var text = Self.columns.joined(separator: ",") + "\r\n"
        text.reserveCapacity(text.utf8.count + lines.count * 160)
        for s in lines {
            let l = s.line
            let fields = [s.usage, s.check, s.production, s.deliveredOn.description, l.grant, l.performer, l.currency, l.basis.rawValue,
                          String(l.quantity), String(l.amount), String(l.pensionHealth)]
            for (i, field) in fields.enumerated() {
                if i > 0 { text.append(",") }
                text.append(UseRegister.quoted(field))
            }
            text.append("\r\n")
        }
        return text
    }
}

/// What a production owes each performer in a window.
public struct ProductionPayables: Codable, Sendable {
    public let production: String
    public let since: Day
    public let until: Day
    public let performers: [PerformerPayable]

    /// One row per performer and currency: `performer,currency,amount,pensionHealth`.
    public var csv: String {
        var rows = ["performer,currency,amount,pensionHealth"]
        for p in performers {
            for t in p.totals {
                rows.append([p.performer, t.currency, String(t.amount), String(t.pensionHealth)].map(UseRegister.quoted).joined(separator: ","))
            }
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }
}

/// The reports of one check, oldest first.
public struct CheckUsage: Codable, Sendable {
    public let check: String
    public let reports: [UsageReport]
}
