/// A closed vocabulary of the API, spelled as in the spec.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Codable, Hashable, Sendable
where AllCases == [Self] {}

extension Vocabulary {
    /// Position in `allCases`: the canonical order used in answers.
    var index: Int { Self.allCases.firstIndex(of: self)! }
    /// The accepted values, for error messages.
    static var spelled: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// What a proposed use does with a performer's likeness or with generated material.
public enum Use: String, Vocabulary {
    case replica, newPerformance = "new-performance", alteration, training, synthetic, ideation, generation

    /// Uses that involve a named performer.
    public static let withPerformer: [Use] = [.replica, .newPerformance, .alteration, .training, .synthetic]
    /// Uses that involve no performer.
    public static let withoutPerformer: [Use] = [.ideation, .generation, .synthetic]
}

public enum Aspect: String, Vocabulary { case face, body, voice, name }

public enum Destination: String, Vocabulary { case temporary, final, marketing }

public enum Signer: String, Vocabulary { case performer, guardian, estate, representative }

public enum RoleCategory: String, Vocabulary { case principal, background, stunt, voice, other }

public enum InputKind: String, Vocabulary {
    case personalData = "personal-data", unreleasedMaterial = "unreleased-material", thirdPartyIP = "third-party-ip"
}

/// A written-approval requirement of the studio principles.
public enum Requirement: String, Vocabulary {
    case talentLikeness = "talent-likeness", finalDeliverable = "final-deliverable", personalData = "personal-data"
    case thirdPartyIP = "third-party-ip", unvettedTool = "unvetted-tool", syntheticPerformer = "synthetic-performer"
}

public enum GrantStatus: String, Vocabulary { case active, revoked, suspended }

public enum ApprovalStatus: String, Vocabulary { case active, revoked }

public enum AccountRole: String, Vocabulary { case admin, casting, production, privacy, auditor }

/// The answer of a check, in increasing severity.
public enum Decision: String, Vocabulary, Comparable {
    case allowed, notify, needsApproval = "needs-approval", denied
    public static func < (a: Decision, b: Decision) -> Bool { a.index < b.index }
}

public enum Obligation: String, Vocabulary {
    case notifyContact = "notify-contact", notifyUnion = "notify-union", discloseSyntheticMedia = "disclose-synthetic-media"
}

/// A set of vocabulary values packed into bits; iterates in canonical order.
public struct EnumSet<Element: Vocabulary>: Hashable, Sendable, Sequence {
    public private(set) var bits: UInt16 = 0

    public init() {}
    public init(_ values: some Sequence<Element>) { for v in values { insert(v) } }

    public func contains(_ value: Element) -> Bool { bits & (1 << value.index) != 0 }
    public mutating func insert(_ value: Element) { bits |= 1 << value.index }
    public var isEmpty: Bool { bits == 0 }
    public var array: [Element] { Element.allCases.filter(contains) }

    /// Walks the set bits in canonical order, without allocating.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt16
        public mutating func next() -> Element? {
            guard remaining != 0 else { return nil }
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return Element.allCases[index]
        }
    }

    public func makeIterator() -> Iterator { Iterator(remaining: bits) }
}
