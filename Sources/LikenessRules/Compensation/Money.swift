import Foundation

/// Exact arithmetic on money: integers of minor units, decimals only as they arrive in JSON.
public enum Money {
    /// Whether `value` is an integer.
    public static func isWhole(_ value: Decimal) -> Bool {
        guard value.isFinite else { return false }
        var rounded = Decimal(), copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        return rounded == value
    }

    /// `value` as an integer when it is one exactly and fits in 64 bits; nil otherwise.
    public static func wholeNumber(_ value: Decimal) -> Int64? {
        guard isWhole(value) else { return nil }
        return Int64(value.description)
    }

    /// `value` rounded up to an integer (toward positive infinity), when it fits in 64 bits.
    public static func roundedUp(_ value: Decimal) -> Int64? {
        guard value.isFinite else { return nil }
        var rounded = Decimal(), copy = value
        NSDecimalRound(&rounded, &copy, 0, .up)
        // `.up` rounds away from zero; below zero the spec's "rounded up" is never asked for.
        return Int64(rounded.description)
    }

    /// `amount × hundredths / 10,000` (a percentage given in hundredths of a percent of `amount`),
    /// rounded half-even to a whole minor unit, computed in 128 bits.
    public static func percentage(_ amount: Int64, hundredths: Int) -> Int64 {
        let product = Int128(amount) * Int128(hundredths)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let twice = remainder.magnitude * 2
        guard twice >= 10_000 else { return Int64(quotient) }
        let awayFromZero = quotient + (product < 0 ? -1 : 1)
        if twice > 10_000 { return Int64(awayFromZero) }
        return Int64(quotient % 2 == 0 ? quotient : awayFromZero)
    }
}

extension KeyedDecodingContainer {
    /// A JSON number as an exact decimal (read from its text, never through a float), nil when
    /// absent or null. Foundation's decimal holds magnitudes from about 1e-128 to 1e165 (and would
    /// report a number outside as invalid JSON): a number too large for it is a 422 naming the
    /// field by its JSON path, out of every range Likeness takes; one too small but not zero is
    /// kept as ±1e-100, the same to every rule (below any fraction a field allows, rounding up to a
    /// whole minute alike).
    func decodeExactNumber(forKey key: Key) throws -> Decimal? {
        do {
            return try decodeIfPresent(Decimal.self, forKey: key)
        } catch let error as DecodingError {
            throw error  // a string or an object where a number belongs: the body's type is wrong (400)
        } catch {
            if let tiny = try? decodeIfPresent(Double.self, forKey: key), tiny.isFinite, tiny.magnitude < 1 {
                return tiny < 0 ? -Self.tinyMagnitude : Self.tinyMagnitude
            }
            let field = (codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw LikenessError.invalid(field, "\(field) is beyond the numbers it takes", code: "out-of-range")
        }
    }

    private static var tinyMagnitude: Decimal { Decimal(sign: .plus, exponent: -100, significand: 1) }
}
