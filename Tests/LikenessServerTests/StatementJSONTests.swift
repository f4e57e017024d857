import Foundation
import LikenessApp
import LikenessRules
import Testing

/// The statement's JSON, written directly, is exactly what `LikenessJSON.encoder` writes for it.
@Suite struct StatementJSONTests {
    @Test func theDirectWriterWritesTheEncodersBytes() throws {
        let texts = ["use-1", "chk-\"quoted\"", "prod-ñ", "g\\back", "tab\there", "line\nbreak", "\u{1}", "emoji 🎬", ""]
        var lines: [StatementLine] = []
        for i in 0..<40 {
            let text = { (k: Int) in texts[(i + k) % texts.count] }
            lines.append(StatementLine(
                usage: text(0), check: text(1), production: text(2), deliveredOn: Day(ordinal: 20_000 + i),
                line: UsageLine(grant: text(3), performer: text(4), currency: ["USD", "JPY", "BHD"][i % 3], basis: FeeBasis.allCases[i % 4],
                                quantity: Int64(i) - 5, amount: Int64(i) * 1_000_000_000_007 - 3, pensionHealth: -Int64(i) * 17)))
        }
        let totals = [CurrencyTotal(currency: "JPY", amount: .max, pensionHealth: .min), CurrencyTotal(currency: "USD", amount: 0, pensionHealth: 5)]
        for (lines, totals) in [(lines, totals), ([], [])] {
            let statement = PerformerStatement(performer: "p-\"x\"", window: DayWindow(since: Day("2026-11-01")!, until: Day("2026-11-30")!),
                                               lines: lines, totals: totals)
            #expect(String(decoding: statement.json, as: UTF8.self) == String(decoding: try LikenessJSON.encoder.encode(statement), as: UTF8.self))
        }
    }
}
