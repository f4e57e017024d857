import Foundation

/// Where an approval request stands: it moves only from `open`.
public enum RequestState: String, Vocabulary { case open, approved, declined, withdrawn }

/// What an approval made from a request names: the check's performer, use and destination
/// (`use`, the default), or only its production.
public enum ApprovalScope: String, Vocabulary { case use, production }

/// A `needs-approval` check escalated to the production's studio contact.
public struct ApprovalRequest: Codable, Sendable, Equatable {
    public var id: String
    public var check: String
    public var production: String
    public var performer: String?
    public var use: Use
    public var destination: Destination
    /// The check's uncovered requirements: what an approval of the request covers.
    public var requirements: [Requirement]
    public var note: String
    public var state: RequestState
    public var requestedBy: String
    public var requestedAt: Date
    /// The production's contact when the request was made.
    public var contact: String?
    public var approval: String?
    public var decidedBy: String?
    public var decidedAt: Date?
    /// Why it was declined or withdrawn.
    public var reason: String?

    public init(id: String, check: String, production: String, performer: String?, use: Use, destination: Destination,
                requirements: [Requirement], note: String, state: RequestState, requestedBy: String, requestedAt: Date,
                contact: String?, approval: String? = nil, decidedBy: String? = nil, decidedAt: Date? = nil,
                reason: String? = nil) {
        self.id = id; self.check = check; self.production = production; self.performer = performer; self.use = use
        self.destination = destination; self.requirements = requirements; self.note = note; self.state = state
        self.requestedBy = requestedBy; self.requestedAt = requestedAt; self.contact = contact
        self.approval = approval; self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.reason = reason
    }
}

/// The body of `POST /v1/approval-requests`.
public struct ApprovalRequestInput: Codable, Sendable {
    public var check: String?
    public var note: String?

    public init(check: String? = nil, note: String? = nil) { self.check = check; self.note = note }

    /// The check's id and the note (at least 20 characters: why the use is needed).
    public func validated() throws -> (check: String, note: String) {
        let check = try Validate.requiredID(self.check, "check")
        let note = try Validate.requiredText(self.note, "note", max: 4000)
        guard note.unicodeScalars.count >= 20 else {
            throw LikenessError.invalid("note", "note must say why the use is needed in at least 20 characters", code: "too-short")
        }
        return (check, note)
    }
}

/// The body of `POST /v1/approval-requests/{id}/approve`.
public struct ApprovalDecisionInput: Codable, Sendable {
    public var reference: String?
    public var validUntil: String?
    public var scope: String?

    public init(reference: String? = nil, validUntil: String? = nil, scope: String? = nil) {
        self.reference = reference; self.validUntil = validUntil; self.scope = scope
    }

    public func validated() throws -> (reference: String, validUntil: Day?, scope: ApprovalScope) {
        (try Validate.requiredText(reference, "reference", max: 300), try Validate.day(validUntil, "validUntil"),
         try Validate.term(scope, "scope") ?? .use)
    }
}
