import Foundation

/// Exact arithmetic on money: integers of minor units, decimals only as they arrive in JSON.
public enum Money {
    /// `value` as an integer when it is one exactly and fits in 64 bits; nil otherwise.
    public static func wholeNumber(_ value: Decimal) -> Int64? {
        guard value.isFinite else { return nil }
        var rounded = Decimal(), copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == value, let whole = Int64(rounded.description) else { return nil }
        return whole
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
