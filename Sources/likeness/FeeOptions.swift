import ArgumentParser
import Foundation
import LikenessRules

/// A decimal number as typed (`1500`, `-3`, `21.5`), read exactly: money never goes through a float.
struct ExactNumber: ExpressibleByArgument {
    let value: Decimal

    init?(argument: String) {
        let digits = argument.hasPrefix("-") ? argument.dropFirst() : Substring(argument)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let value = Decimal(string: argument, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self.value = value
    }
}

/// The fee of a grant or offer (compensation.md): all of it or none.
struct FeeOptions: ParsableArguments {
    @Option(help: "The fee in minor units of its currency (cents for USD: 150000 is USD 1,500.00).") var feeAmount: ExactNumber?
    @Option(help: "The fee's ISO 4217 currency (USD, EUR, GBP, JPY...).") var feeCurrency: String?
    @Option(help: "What the fee is paid per: use, day, minute or flat.") var feePer: String?
    @Option(help: "The percentage added for the pension and health plans (0 to 30, two decimals at most).") var feePensionHealthPercent: ExactNumber?

    /// The fee as an input, nil when no fee option was given (validation names what is missing).
    var input: FeeInput? {
        guard feeAmount != nil || feeCurrency != nil || feePer != nil || feePensionHealthPercent != nil else { return nil }
        return FeeInput(amount: feeAmount?.value, currency: feeCurrency, per: feePer, pensionHealthPercent: feePensionHealthPercent?.value)
    }
}
