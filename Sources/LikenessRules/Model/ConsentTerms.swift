import Foundation

/// The plain-language text a signer reads before signing a consent offer, naming every term, and
/// its SHA-256 (`ConsentOffers.sha256`, in the store): the signature carries the hash of the text it was shown (SAG-AFTRA's "reasonably
/// specific description"; California Labor Code 927).
public enum ConsentTerms {
    /// The production as the terms name it: its title and id, or nil for a studio-wide offer.
    public struct ProductionName: Sendable {
        public let id: String
        public let title: String
        public init(id: String, title: String) { self.id = id; self.title = title }
    }

    /// The terms of `offer` for `performerName`, in English, one paragraph per term.
    public static func text(performerName: String, performer: String, production: ProductionName?, uses: [Use], aspects: [Aspect],
                            destinations: [Destination], territories: [String], excludedContent: [String], validFrom: Day,
                            validUntil: Day, survivesDeath: Bool, description: String, fee: Fee? = nil) -> String {
        let where_ = production.map { "the production \"\($0.title)\" (\($0.id))" } ?? "any production of the studio"
        var lines = [
            "Consent to the use of the likeness of \(performerName) (\(performer)).",
            "Production: \(where_).",
            "Uses allowed: " + list(uses.map(words)) + ".",
            "Aspects of the likeness: " + list(aspects.map(words)) + ".",
            "Where the results may go: " + list(destinations.map(words)) + ".",
            "Territories: " + (territories == ["*"] ? "worldwide" : list(territories)) + ".",
            "Content excluded: " + (excludedContent.isEmpty ? "none named" : list(excludedContent)) + ".",
            "Valid from \(validFrom) to \(validUntil), both days included.",
            survivesDeath
                ? "This consent continues after the performer's death, until its end date."
                : "This consent ends on the performer's death.",
            "Description of the intended use: \(description)",
        ]
        if let fee { lines.append("Payment: \(fee.words).") }
        lines.append("""
            You can withdraw this consent at any time from the performer's page in Likeness. \
            Withdrawal stops every later use; uses checked before it stay on record.
            """)
        return lines.joined(separator: "\n")
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    public static func words(_ use: Use) -> String {
        switch use {
        case .replica: "a digital replica of the performer"
        case .newPerformance: "new performances the performer did not give"
        case .alteration: "alterations of the performer's recorded performance"
        case .training: "training generative models"
        case .synthetic: "synthetic performers that draw on the performer"
        case .ideation: "ideation"
        case .generation: "generation"
        }
    }

    public static func words(_ aspect: Aspect) -> String {
        switch aspect {
        case .face: "face"
        case .body: "body"
        case .voice: "voice"
        case .name: "name"
        }
    }

    public static func words(_ destination: Destination) -> String {
        switch destination {
        case .temporary: "temporary material that is not released (previs, tests)"
        case .final: "the final, released work"
        case .marketing: "marketing and promotion"
        }
    }
}
