/// A currency of ISO 4217 and its exponent: how many digits of minor units make one major unit
/// (JPY none, USD two, BHD three, CLF four). Amounts are always integers of minor units.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let exponent: Int

    /// The active ISO 4217 currency named `code` (upper case), or nil. Codes without minor units
    /// (precious metals, special drawing rights, testing) are not currencies a fee is paid in.
    public init?(code: String) {
        guard let exponent = Self.exponents[code] else { return nil }
        self.code = code
        self.exponent = exponent
    }

    public var description: String { code }

    /// `minor` for people: the code, the major units grouped by thousands, and the minor units
    /// after a point (`USD 1,500.00`, `JPY 150,000`, `BHD -2.500`).
    public func format(_ minor: Int64) -> String {
        let digits = String(minor.magnitude)
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let major = padded.dropLast(exponent)
        var grouped = ""
        for (i, c) in major.enumerated() {
            if i > 0, (major.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let fraction = exponent > 0 ? "." + padded.suffix(exponent) : ""
        return "\(code) \(minor < 0 ? "-" : "")\(grouped)\(fraction)"
    }

    /// ISO 4217 (amendment 178, 2024): each active code with minor units and its exponent.
    static let exponents: [String: Int] = {
        var table: [String: Int] = [:]
        let twoDigits = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD \
            CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD \
            GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA \
            MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR \
            RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD \
            TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG
            """
        for code in twoDigits.split(separator: " ") { table[String(code)] = 2 }
        for code in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(separator: " ") { table[String(code)] = 0 }
        for code in "BHD IQD JOD KWD LYD OMR TND".split(separator: " ") { table[String(code)] = 3 }
        for code in ["CLF", "UYW"] { table[code] = 4 }
        return table
    }()
}
