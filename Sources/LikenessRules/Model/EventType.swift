/// What happened, as an event of the outbox, the feed and the webhooks says it.
public enum EventType: String, Vocabulary {
    case grantCreated = "grant.created", grantRevoked = "grant.revoked", grantSuspended = "grant.suspended"
    case grantResumed = "grant.resumed"
    case approvalCreated = "approval.created", approvalRevoked = "approval.revoked"
    case approvalRequestCreated = "approval-request.created"
    /// A request left `open`: approved or declined by the contact, or withdrawn by its requester.
    case approvalRequestDecided = "approval-request.decided"
    case unionStrikeChanged = "union.strike-changed"
    /// The performer's side (performers.md).
    case consentOfferCreated = "consent-offer.created", consentOfferSigned = "consent-offer.signed"
    case consentOfferDeclined = "consent-offer.declined", consentOfferWithdrawn = "consent-offer.withdrawn"
    case delegationCreated = "delegation.created", delegationRevoked = "delegation.revoked"
    /// Compensation (compensation.md): a production reported what it used under a check.
    case usageReported = "usage.reported"
}

/// Where a webhook's delivery of an event stands.
public enum DeliveryState: String, Vocabulary { case pending, delivered, failed }
