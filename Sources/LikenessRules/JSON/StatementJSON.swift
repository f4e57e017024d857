/// A performer's statement as JSON, written directly (a statement may hold 10,000 lines, which
/// `JSONEncoder` takes several times longer to write): the same bytes as `LikenessJSON.encoder`
/// writes for it (sorted keys), held to them by `StatementJSONTests`.
package enum StatementJSON {
    package static func write(performer: String, window: DayWindow, lines: [StatementLine], totals: [CurrencyTotal]) -> [UInt8] {
        var w = JSONText(capacity: 64 + lines.count * 280 + totals.count * 64)
        w.raw("{\"lines\":[")
        for (i, s) in lines.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"amount\":"); w.integer(s.line.amount)
            w.raw(",\"basis\":"); w.string(s.line.basis.rawValue)
            w.raw(",\"check\":"); w.string(s.check)
            w.raw(",\"currency\":"); w.string(s.line.currency)
            w.raw(",\"deliveredOn\":"); w.string(s.deliveredOn.description)
            w.raw(",\"grant\":"); w.string(s.line.grant)
            w.raw(",\"pensionHealth\":"); w.integer(s.line.pensionHealth)
            w.raw(",\"performer\":"); w.string(s.line.performer)
            w.raw(",\"production\":"); w.string(s.production)
            w.raw(",\"quantity\":"); w.integer(s.line.quantity)
            w.raw(",\"usage\":"); w.string(s.usage)
            w.raw("}")
        }
        w.raw("],\"performer\":"); w.string(performer)
        w.raw(",\"since\":"); w.string(window.since.description)
        w.raw(",\"totals\":[")
        for (i, t) in totals.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"amount\":"); w.integer(t.amount)
            w.raw(",\"currency\":"); w.string(t.currency)
            w.raw(",\"pensionHealth\":"); w.integer(t.pensionHealth)
            w.raw("}")
        }
        w.raw("],\"until\":"); w.string(window.until.description)
        w.raw("}")
        return w.bytes
    }
}
