import Foundation
import LikenessRules

/// The performer's side's records (performers.md); flags are 0/1, sets JSON arrays, days text.

extension Delegation: TableRow {
    public static let table = "delegation"
    public static let columns = ["id", "account", "performer", "capacity", "may_consent", "invitation", "since", "revoked_at",
                                 "revoked_by", "revoke_reason"]
    public var values: [any SQLValueConvertible] {
        [id, account, performer, capacity.rawValue, mayConsent ? 1 : 0, invitation, since, revokedAt, revokedBy, revokeReason]
    }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], account: try row["account"], performer: try row["performer"],
                  capacity: try Self.parsed(row, "capacity", Capacity.init(rawValue:)), mayConsent: try Self.flag(row, "may_consent"),
                  since: try row["since"], revokedAt: try row["revoked_at"], revokedBy: try row["revoked_by"],
                  revokeReason: try row["revoke_reason"], invitation: try row["invitation"])
    }
}

extension Invitation: TableRow {
    public static let table = "invitation"
    public static let columns = ["id", "performer", "capacity", "may_consent", "email", "code_hash", "expires_at", "created_by",
                                 "created_at", "used_at", "used_by"]
    public var values: [any SQLValueConvertible] {
        [id, performer, capacity.rawValue, mayConsent ? 1 : 0, email, codeHash, expiresAt, createdBy, createdAt, usedAt, usedBy]
    }

    public init(row: SQLRow) throws {
        self.init(id: try row["id"], performer: try row["performer"], capacity: try Self.parsed(row, "capacity", Capacity.init(rawValue:)),
                  mayConsent: try Self.flag(row, "may_consent"), email: try row["email"], codeHash: try row["code_hash"],
                  expiresAt: try row["expires_at"], createdBy: try row["created_by"], createdAt: try row["created_at"],
                  usedAt: try row["used_at"], usedBy: try row["used_by"])
    }
}

extension ConsentOffer: TableRow {
    public static let table = "consent_offer"
    public static let columns = ["id", "performer", "production", "uses", "aspects", "destinations", "territories", "excluded_content",
                                 "valid_from", "valid_until", "survives_death", "description", "respond_by", "state", "offered_by",
                                 "offered_at", "terms", "terms_sha256", "grant_id", "signed_at", "decided_by", "decided_at", "reason"]
                                 + FeeColumns.names
    public var values: [any SQLValueConvertible] {
        [id, performer, production, JSONText.array(uses.map(\.rawValue)), JSONText.array(aspects.map(\.rawValue)),
         JSONText.array(destinations.map(\.rawValue)), JSONText.array(territories), JSONText.array(excludedContent),
         validFrom.description, validUntil.description, survivesDeath ? 1 : 0, description, respondBy.description,
         storedState.rawValue, offeredBy, offeredAt, terms, termsSha256, grant, signedAt, decidedBy, decidedAt, reason]
            + FeeColumns.values(fee)
    }

    public init(row: SQLRow) throws {
        self.init(
            id: try row["id"], performer: try row["performer"], production: try row["production"], uses: try Self.terms(row, "uses"),
            aspects: try Self.terms(row, "aspects"), destinations: try Self.terms(row, "destinations"),
            territories: try Self.strings(row, "territories"), excludedContent: try Self.strings(row, "excluded_content"),
            validFrom: try Self.parsed(row, "valid_from", Day.init), validUntil: try Self.parsed(row, "valid_until", Day.init),
            survivesDeath: try Self.flag(row, "survives_death"), description: try row["description"],
            respondBy: try Self.parsed(row, "respond_by", Day.init), storedState: try Self.parsed(row, "state", OfferState.init(rawValue:)),
            offeredBy: try row["offered_by"], offeredAt: try row["offered_at"], terms: try row["terms"],
            termsSha256: try row["terms_sha256"], grant: try row["grant_id"], signedAt: try row["signed_at"],
            decidedBy: try row["decided_by"], decidedAt: try row["decided_at"], reason: try row["reason"],
            fee: try FeeColumns.read(row, of: ConsentOffer.self))
    }
}
