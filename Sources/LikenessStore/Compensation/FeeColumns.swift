import LikenessRules

/// A fee in four columns of its grant's or offer's row (`fee_amount`, `fee_currency`, `fee_per`,
/// `fee_pension_health` in hundredths of a percent), all NULL when there is none.
enum FeeColumns {
    static let names = ["fee_amount", "fee_currency", "fee_per", "fee_pension_health"]

    static func values(_ fee: Fee?) -> [any SQLValueConvertible] {
        [fee?.amount, fee?.currency.code, fee?.per.rawValue, fee?.pensionHealthHundredths]
    }

    static func read<Record: TableRow>(_ row: SQLRow, of _: Record.Type) throws -> Fee? {
        guard let amount: Int64 = try row["fee_amount"] else { return nil }
        guard let currency = Currency(code: try row["fee_currency"]) else { throw Record.corrupt(row, "fee_currency") }
        return Fee(amount: amount, currency: currency, per: try Record.parsed(row, "fee_per", FeeBasis.init(rawValue:)),
                   pensionHealthHundredths: try row["fee_pension_health"])
    }
}
