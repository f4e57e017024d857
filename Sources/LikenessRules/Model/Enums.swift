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
    case realisticDepiction = "realistic-depiction"
}

public enum GrantStatus: String, Vocabulary { case active, revoked, suspended }

public enum ApprovalStatus: String, Vocabulary { case active, revoked }

public enum AccountRole: String, Vocabulary {
    case admin, casting, production, privacy, auditor
    /// The studio's contact for the productions that name the account as `contact`.
    case studio
    /// The performer's side (performers.md): the person, acting for one performer in capacity
    /// `self`, and who acts for performers as guardian, estate or agent.
    case performer, representative

    /// Whether the account acts for performers through delegations.
    public var isPerformerSide: Bool { self == .performer || self == .representative }
}

/// The answer of a check, in increasing severity.
public enum Decision: String, Vocabulary, Comparable {
    case allowed, notify, needsApproval = "needs-approval", denied
    public static func < (a: Decision, b: Decision) -> Bool { a.index < b.index }
}

public enum Obligation: String, Vocabulary {
    case notifyContact = "notify-contact", notifyUnion = "notify-union", discloseSyntheticMedia = "disclose-synthetic-media"
}
