import Crypto
import Foundation
import LikenessRules

/// Consent offers: proposed by casting, signed or declined by the performer's side, withdrawn by
/// casting; each moves only from `open`, and is audited with an event.
public enum ConsentOffers {
    /// Lowercase hex SHA-256 of the terms' UTF-8 bytes.
    public static func sha256(_ terms: String) -> String { Hex.encode(SHA256.hash(data: Data(terms.utf8))) }

    public static func insert(_ offer: ConsentOffer, by: ActedBy, _ db: any SQLConnection) throws {
        try Registry.requireExists(Performer.self, offer.performer, "performer", field: "performer", db)
        if let production = offer.production {
            try Registry.requireExists(Production.self, production, "production", field: "production", db)
        }
        if try ConsentOffer.exists(offer.id, db) { throw LikenessError.duplicate("consent offer", offer.id) }
        try offer.insert(db)
        try Audit.append(db, actor: by.account, action: "consent-offer.create", subject: offer.id, detail: "performer \(offer.performer)",
                         by: by, at: offer.offeredAt)
        try Events.append(.consentOfferCreated, OfferEvent(offer, state: .open, by: by), at: offer.offeredAt, db)
    }

    /// Offers, oldest first, of the given performers (all when nil), in a state as of `today`.
    public static func list(performers: [String]?, state: OfferState?, today: Day, _ db: any SQLConnection) throws -> [ConsentOffer] {
        var conditions: [String] = [], arguments: [any SQLValueConvertible] = []
        if let performers {
            if performers.isEmpty { return [] }
            conditions.append("performer IN (" + performers.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments += performers
        }
        switch state {
        case .open?:
            conditions.append("state = 'open' AND respond_by >= ?"); arguments.append(today.description)
        case .expired?:
            conditions.append("state = 'open' AND respond_by < ?"); arguments.append(today.description)
        case let state?:
            conditions.append("state = ?"); arguments.append(state.rawValue)
        case nil: break
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") + " "
        return try ConsentOffer.fetch(filter + "ORDER BY offered_at, id", arguments, db)
    }

    /// Moves an offer from `open` (and not past its `respondBy` day) to `state`; 409 otherwise.
    static func close(_ id: String, to state: OfferState, today: Day, _ db: any SQLConnection,
                      _ change: (inout ConsentOffer) -> Void) throws -> ConsentOffer {
        var offer = try Registry.require(ConsentOffer.self, id, "consent offer", db)
        let current = offer.state(on: today)
        guard current == .open else { throw LikenessError.state("consent offer \(id) is \(current.rawValue), not open") }
        offer.storedState = state
        change(&offer)
        guard try offer.update(db, whileStill: "state", is: OfferState.open.rawValue) else {
            throw LikenessError.state("consent offer \(id) is no longer open")
        }
        return offer
    }

    /// Signs an open offer: its grant, with exactly the offer's terms and the portal's evidence, is
    /// recorded in the same transaction. Of two signatures racing, one records the grant and the
    /// other is a 409.
    public static func sign(_ id: String, typedName: String, termsSha256: String, by: ActedBy, capacity: Capacity, now: Date,
                            _ db: any SQLConnection) throws -> (offer: ConsentOffer, grant: Grant) {
        let today = Day(now)
        let current = try Registry.require(ConsentOffer.self, id, "consent offer", db)
        guard current.state(on: today) == .open else {
            throw LikenessError.state("consent offer \(id) is \(current.state(on: today).rawValue), not open")
        }
        guard termsSha256 == current.termsSha256 else {
            throw LikenessError(.conflict, "terms-mismatch", "the terms signed are not the offer's terms (their hash differs): read the offer again",
                                field: "termsSha256")
        }
        let grantID = IDs.make("g", now: now)
        let o = current
        let grant = Grant(
            id: grantID, performer: o.performer, production: o.production, uses: o.uses, aspects: o.aspects,
            destinations: o.destinations, territories: o.territories, excludedContent: o.excludedContent,
            validFrom: o.validFrom, validUntil: o.validUntil, signedBy: capacity.signer, survivesDeath: o.survivesDeath,
            description: o.description,
            evidence: Evidence(portalOffer: o.id, sha256: o.termsSha256, signer: by.account, capacity: capacity,
                               typedName: typedName, signedAt: now),
            status: .active, recordedAt: now, recordedBy: by.account, fee: o.fee)
        // The grant first (the offer refers to it); a signature that loses the race below rolls it back.
        try Registry.insert(grant, by: by, db)
        let offer = try close(id, to: .signed, today: today, db) { offer in
            offer.grant = grantID; offer.signedAt = now; offer.decidedBy = by.account; offer.decidedAt = now
        }
        try Audit.append(db, actor: by.account, action: "consent-offer.sign", subject: id, detail: "grant \(grantID)", by: by, at: now)
        try Events.append(.consentOfferSigned, OfferEvent(offer, state: .signed, by: by), at: now, db)
        return (offer, grant)
    }

    /// Declines (the performer's side) or withdraws (casting) an open offer.
    public static func decline(_ id: String, withdraw: Bool, reason: String?, by: ActedBy, now: Date,
                               _ db: any SQLConnection) throws -> ConsentOffer {
        let state: OfferState = withdraw ? .withdrawn : .declined
        let offer = try close(id, to: state, today: Day(now), db) { offer in
            offer.decidedBy = by.account; offer.decidedAt = now; offer.reason = reason
        }
        try Audit.append(db, actor: by.account, action: withdraw ? "consent-offer.withdraw" : "consent-offer.decline", subject: id,
                         detail: reason, by: by, at: now)
        try Events.append(withdraw ? .consentOfferWithdrawn : .consentOfferDeclined, OfferEvent(offer, state: state, by: by), at: now, db)
        return offer
    }

    /// An offer event's data.
    struct OfferEvent: Encodable {
        let id: String
        let offer: String
        let performer: String
        let production: String?
        let state: OfferState
        let grant: String?
        let by: ActedBy

        init(_ o: ConsentOffer, state: OfferState, by: ActedBy) {
            id = o.id; offer = o.id; performer = o.performer; production = o.production; self.state = state; grant = o.grant; self.by = by
        }

        enum CodingKeys: String, CodingKey { case id, offer, performer, production, state, grant, by }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(offer, forKey: .offer)
            try c.encode(performer, forKey: .performer)
            try c.encode(production, forKey: .production)
            try c.encode(state, forKey: .state)
            try c.encodeIfPresent(grant, forKey: .grant)
            try c.encode(by, forKey: .by)
        }
    }
}
