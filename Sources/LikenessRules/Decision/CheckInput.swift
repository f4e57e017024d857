/// The body of `POST /v1/checks` as sent; `validated` applies the spec's request validation.
public struct CheckInput: Codable, Sendable, Equatable {
    public var production: String?
    public var performer: String?
    public var use: String?
    public var aspects: [String]?
    public var destination: String?
    public var territory: String?
    public var at: String?
    public var content: [String]?
    public var tool: String?
    public var inputs: [String]?
    public var replicatesThirdPartyWork: Bool?
    public var presentedAsReal: Bool?
    public var customary: Bool?
    /// A change token from a write's answer: decide on a state that holds that change.
    public var atLeast: String?

    public init() {}

    /// The `atLeast` token, if one is sent; 422 for text that is not a token.
    public func changeToken() throws -> ChangeToken? {
        guard let atLeast else { return nil }
        guard let token = ChangeToken(atLeast) else {
            throw LikenessError.invalid("atLeast", "a change token is the digits of a write's Likeness-Change-Token header")
        }
        return token
    }

    public func validated(today: Day) throws -> ProposedUse {
        let production = try Validate.requiredID(self.production, "production")
        let performer = try Validate.id(self.performer, "performer")
        let use: Use
        if let given: Use = try Validate.term(self.use, "use") {
            use = given
        } else if performer == nil {
            use = .generation
        } else {
            throw LikenessError.missing("use")
        }
        let allowed = performer == nil ? Use.withoutPerformer : Use.withPerformer
        guard allowed.contains(use) else {
            throw LikenessError.invalid("use", performer == nil
                ? "'\(use.rawValue)' needs a performer; without one the use is ideation, generation or synthetic"
                : "'\(use.rawValue)' is not a use of a performer's likeness (replica, new-performance, alteration, training, synthetic)",
                code: "invalid-combination")
        }
        var aspects: [Aspect] = []
        if performer != nil {
            aspects = try Validate.requiredTerms(self.aspects, "aspects")
        } else if let given = self.aspects, !given.isEmpty {
            throw LikenessError.invalid("aspects", "aspects are given only with a performer", code: "invalid-combination")
        }
        if customary != nil && use != .alteration {
            throw LikenessError.invalid("customary", "customary applies only to the use alteration", code: "invalid-combination")
        }
        return ProposedUse(
            production: production, performer: performer, use: use, aspects: aspects,
            destination: try Validate.requiredTerm(destination, "destination"),
            territory: try Validate.territory(territory, "territory"),
            at: try Validate.day(at, "at") ?? today,
            content: try Validate.tags(content, "content"),
            tool: try Validate.id(tool, "tool"),
            inputs: try Validate.terms(inputs, "inputs", nonEmpty: false) ?? [],
            replicatesThirdPartyWork: replicatesThirdPartyWork ?? false,
            presentedAsReal: presentedAsReal ?? false,
            customary: customary)
    }
}
