import Foundation

/// A check as decided: the answer of `POST /v1/checks` and `GET /v1/checks/{id}`.
public struct CheckReceipt: Codable, Sendable, Equatable {
    public var id: String
    public var decision: Decision
    public var reasons: [Reason]
    public var obligations: [Obligation]
    public var grants: [String]
    public var approvals: [String]
    public var requirements: [Requirement]
    public var request: ProposedUse
    public var decidedAt: Date

    /// Decides `use` on `facts` now.
    public init(deciding use: ProposedUse, with facts: CheckFacts, now: Date) {
        let verdict = DecisionEngine.decide(use, facts)
        id = IDs.make("chk", now: now)
        decision = verdict.decision
        reasons = verdict.reasons
        obligations = verdict.obligations
        grants = verdict.grants
        approvals = verdict.approvals
        requirements = verdict.requirements
        request = use
        decidedAt = now
    }

    /// Encodes the receipt for storage and for the answer.
    public func stored(actor: String) -> StoredReceipt {
        StoredReceipt(receipt: self, body: json(), actor: actor)
    }

    /// The answer of a what-if check: the same fields but the id, and `"whatIf": true`.
    public var whatIfJSON: String { json(whatIf: true) }
}

/// A receipt ready to store: its encoded body is exactly what the client was answered.
public struct StoredReceipt: Sendable {
    public let receipt: CheckReceipt
    public let body: String
    public let actor: String
}
