import Foundation

/// A proposed use, validated and normalised (sets deduplicated in canonical order, defaults filled in).
/// It is echoed as `request` in every receipt.
public struct ProposedUse: Codable, Sendable, Equatable {
    public var production: String
    public var performer: String?
    public var use: Use
    public var aspects: [Aspect]
    public var destination: Destination
    public var territory: String?
    public var at: Day
    public var content: [String]
    public var tool: String?
    public var inputs: [InputKind]
    public var replicatesThirdPartyWork: Bool
    /// Viewers could take the output for a real recording, photograph or document (rule P7).
    public var presentedAsReal: Bool
    public var customary: Bool?

    public init(production: String, performer: String? = nil, use: Use, aspects: [Aspect] = [],
                destination: Destination, territory: String? = nil, at: Day, content: [String] = [],
                tool: String? = nil, inputs: [InputKind] = [], replicatesThirdPartyWork: Bool = false,
                presentedAsReal: Bool = false, customary: Bool? = nil) {
        self.production = production; self.performer = performer; self.use = use; self.aspects = aspects
        self.destination = destination; self.territory = territory; self.at = at; self.content = content
        self.tool = tool; self.inputs = inputs; self.replicatesThirdPartyWork = replicatesThirdPartyWork
        self.presentedAsReal = presentedAsReal; self.customary = customary
    }

    /// A customary alteration needs no consent.
    public var isCustomaryAlteration: Bool { use == .alteration && customary == true }
}
