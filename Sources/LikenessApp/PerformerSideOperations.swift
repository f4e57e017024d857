import Foundation
import LikenessRules
import LikenessStore

/// What `GET /v1/me` answers.
public struct AccountSummary: Encodable, Sendable {
    public let username: String
    public let role: AccountRole
    public let email: String?
    /// The kinds of mail the account does not receive (notifications.md).
    public let mute: [MailKind]
    public let delegations: [Delegation]
}

/// A performer-side account's view of one performer it acts for, with what it may do today.
public struct ActingFor: Sendable {
    public let performer: Performer
    public let authority: Authority
    public let capacity: Capacity
}

/// Everything a performer's export holds (performers.md).
public struct PerformerExport: Encodable, Sendable {
    public let performer: Performer
    public let grants: [GrantDetail]
    public let offers: [ConsentOffer.Answer]
    public let delegations: [Delegation]
    public let uses: [PerformerUse]
    /// What the productions reported using and what it owes (compensation.md): every usage line,
    /// as a statement with no window.
    public let payments: PerformerStatement
    public let exportedAt: Date
    public let personalData: String
}

/// The performer's side: invitations, delegations, consent offers, consent receipts and records,
/// the uses ledger and the export. Each operation takes the acting account and does access (the
/// role, then the delegation's authority on the server's day), validation, the change, its audit
/// entry and its events.
extension Operations {
    var today: Day { Day(clock.now()) }

    // MARK: Invitations and delegations

    /// An invitation to act for `performer`; the code is in this answer only.
    public func invite(_ performer: String, _ input: InvitationInput, by caller: Identity) async throws -> (invitation: Invitation, code: String) {
        try caller.require(.invite)
        let fields = try input.validated()
        let now = clock.now()
        return try await change { db in
            let record = try Registry.require(Performer.self, performer, "performer", db)
            guard fields.capacity.canApply(to: record, today: Day(now)) else {
                throw LikenessError(.invalid, "capacity-not-applicable", Self.notApplicable(fields.capacity, record), field: "capacity")
            }
            let made = Invitations.make(performer: performer, capacity: fields.capacity, mayConsent: fields.mayConsent, email: fields.email,
                                        expiresInDays: fields.expiresInDays, actor: caller.actor, now: now)
            try Invitations.insert(made.invitation, by: ActedBy(account: caller.actor, role: caller.role), db)
            try Notifications.invitation(made.invitation, code: made.code, sealing: mailSealing, db)
            return made
        }
    }

    static func notApplicable(_ capacity: Capacity, _ performer: Performer) -> String {
        switch capacity {
        case .self: "performer \(performer.id) is deceased: nobody can act for them in capacity self"
        case .guardian: "performer \(performer.id) is not a minor (no minorUntil in the future): a guardian cannot act for them"
        case .estate: "performer \(performer.id) is not deceased: an estate cannot act for them"
        case .agent: "an agent can always be invited"
        }
    }

    public func delegations(ofPerformer performer: String, by caller: Identity) async throws -> [Delegation] {
        let today = self.today
        return try await read(.readDelegations, by: caller) { db in
            _ = try PerformerSideRules.acting(caller, for: performer, needs: .see, today: today, db)
            return try Delegations.for(performer: performer, db)
        }
    }

    /// Revokes a delegation: casting and admins any; a performer's `self` account its agents'.
    public func revokeDelegation(_ id: String, reason: ReasonInput, by caller: Identity) async throws -> Delegation {
        try caller.require(.revokeDelegation)
        let reason = try reason.validated()
        let now = clock.now()
        return try await change { db in
            let delegation = try PerformerSideRules.require(Delegation.self, id, "delegation", caller, db)
            var by = ActedBy(account: caller.actor, role: caller.role)
            if caller.role.isPerformerSide {
                by = try PerformerSideRules.acting(caller, for: delegation.performer, needs: .see, today: Day(now), db)
                guard by.capacity == .self, delegation.capacity == .agent else {
                    throw LikenessError(.forbidden, "forbidden", "a performer revokes only the delegations of their agents")
                }
            }
            return try Delegations.revoke(id, reason: reason, by: by, now: now, db)
        }
    }

    /// The caller's account, with its delegations (none for staff accounts and API keys).
    public func me(by caller: Identity) async throws -> AccountSummary {
        try caller.require(.readOwnAccount)
        return try await database.snapshot { db in
            let account = try Account.find(caller.actor, db)
            return AccountSummary(username: caller.actor, role: caller.role, email: account?.email, mute: account?.mute ?? [],
                                  delegations: caller.role.isPerformerSide ? try Delegations.of(account: caller.actor, db) : [])
        }
    }

    /// The performers a performer-side account acts for today, with what it may do for each.
    public func actingFor(by caller: Identity) async throws -> [ActingFor] {
        try caller.require(.readOwnAccount)
        let today = self.today
        return try await database.snapshot { db in
            try Delegations.performers(seenBy: caller.actor, on: today, db).map {
                ActingFor(performer: $0.performer, authority: $0.authority, capacity: $0.capacity)
            }
        }
    }

    // MARK: Consent offers

    public func offerConsent(_ input: ConsentOfferInput, by caller: Identity) async throws -> ConsentOffer {
        try caller.require(.offerConsent)
        let now = clock.now()
        let (terms, respondBy) = try input.validated(actor: caller.actor, now: now)
        return try await change { db in
            let performer = try Registry.require(Performer.self, terms.performer, "performer", field: "performer", db)
            let production = try terms.production.map { try Registry.require(Production.self, $0, "production", field: "production", db) }
            let text = ConsentTerms.text(
                performerName: performer.name, performer: performer.id,
                production: production.map { ConsentTerms.ProductionName(id: $0.id, title: $0.title) }, uses: terms.uses,
                aspects: terms.aspects, destinations: terms.destinations, territories: terms.territories,
                excludedContent: terms.excludedContent, validFrom: terms.validFrom, validUntil: terms.validUntil,
                survivesDeath: terms.survivesDeath, description: terms.description, fee: terms.fee)
            let offer = ConsentOffer(
                id: terms.id, performer: terms.performer, production: terms.production, uses: terms.uses, aspects: terms.aspects,
                destinations: terms.destinations, territories: terms.territories, excludedContent: terms.excludedContent,
                validFrom: terms.validFrom, validUntil: terms.validUntil, survivesDeath: terms.survivesDeath,
                description: terms.description, respondBy: respondBy, storedState: .open, offeredBy: caller.actor, offeredAt: now,
                terms: text, termsSha256: ConsentOffers.sha256(text), fee: terms.fee)
            let by = ActedBy(account: caller.actor, role: caller.role)
            try ConsentOffers.insert(offer, by: by, db)
            try Notifications.offerWaiting(offer, by: by, today: Day(now), db)
            return offer
        }
    }

    /// Offers, oldest first: staff all, the performer's side its performers' (403 for a performer
    /// it does not act for).
    public func offers(state: OfferState?, performer: String?, by caller: Identity) async throws -> [ConsentOffer] {
        let today = self.today
        return try await read(.readOffers, by: caller) { db in
            var performers = try PerformerSideRules.visiblePerformers(caller, today: today, db)
            if let performer {
                _ = try PerformerSideRules.acting(caller, for: performer, needs: .see, today: today, db)
                performers = [performer]
            }
            return try ConsentOffers.list(performers: performers, state: state, today: today, db)
        }
    }

    public func offer(_ id: String, by caller: Identity) async throws -> ConsentOffer {
        let today = self.today
        return try await read(.readOffers, by: caller) { db in
            let offer = try PerformerSideRules.require(ConsentOffer.self, id, "consent offer", caller, db)
            _ = try PerformerSideRules.acting(caller, for: offer.performer, needs: .see, today: today, db)
            return offer
        }
    }

    /// Signs an offer for its performer, as an account that may sign for them today.
    public func signOffer(_ id: String, _ input: SignOfferInput, by caller: Identity) async throws -> (offer: ConsentOffer, grant: GrantDetail) {
        try caller.require(.answerOffer)
        let now = clock.now()
        let pending = try await offer(id, by: caller)
        let (typedName, hash) = try input.validated()
        return try await change { db in
            let by = try PerformerSideRules.acting(caller, for: pending.performer, needs: .sign, today: Day(now), db)
            let (offer, grant) = try ConsentOffers.sign(id, typedName: typedName, termsSha256: hash, by: by, capacity: by.capacity ?? .self,
                                                        now: now, db)
            try Notifications.offerAnswered(offer, signed: true, by: by, now: now, db)
            return (offer, GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: grant.id, db)))
        }
    }

    public func declineOffer(_ id: String, _ input: OptionalReasonInput, by caller: Identity) async throws -> ConsentOffer {
        try caller.require(.answerOffer)
        let now = clock.now()
        let pending = try await offer(id, by: caller)
        let reason = try input.validated()
        return try await change { db in
            let by = try PerformerSideRules.acting(caller, for: pending.performer, needs: .sign, today: Day(now), db)
            let offer = try ConsentOffers.decline(id, withdraw: false, reason: reason, by: by, now: now, db)
            try Notifications.offerAnswered(offer, signed: false, by: by, now: now, db)
            return offer
        }
    }

    public func withdrawOffer(_ id: String, _ input: ReasonInput, by caller: Identity) async throws -> ConsentOffer {
        try caller.require(.withdrawOffer)
        let reason = try input.validated()
        let now = clock.now()
        return try await change { db in
            try ConsentOffers.decline(id, withdraw: true, reason: reason, by: ActedBy(account: caller.actor, role: caller.role), now: now, db)
        }
    }

    // MARK: Consent receipts and records, uses, export

    /// The grant as `GET /v1/grants/{id}` answers it, for a consent receipt.
    public func consentReceiptBody(ofGrant id: String, by caller: Identity) async throws -> String {
        let detail = try await read(.readConsentRecord, by: caller) { [today] db in
            let grant = try PerformerSideRules.require(Grant.self, id, "grant", caller, db)
            _ = try PerformerSideRules.acting(caller, for: grant.performer, needs: .see, today: today, db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: id, db))
        }
        return String(decoding: try LikenessJSON.encoder.encode(detail), as: UTF8.self)
    }

    /// The grant as an ISO/IEC TS 27560 consent record (JSON-LD).
    public func consentRecord(ofGrant id: String, by caller: Identity) async throws -> String {
        let today = self.today
        return try await read(.readConsentRecord, by: caller) { db in
            let grant = try PerformerSideRules.require(Grant.self, id, "grant", caller, db)
            _ = try PerformerSideRules.acting(caller, for: grant.performer, needs: .see, today: today, db)
            let production = try grant.production.map { try Registry.require(Production.self, $0, "production", db) }
            let controller = production?.studio ?? production?.id ?? "studio"
            return try ConsentRecord.jsonLD(grant: grant, history: try Registry.statusHistory(grant: id, db), controller: controller,
                                            controllerName: production.map { $0.studio == nil ? $0.title : $0.studio! }, today: today)
        }
    }

    /// One page of the performer's uses ledger (default window: the 90 days up to today).
    public func uses(ofPerformer performer: String, since: Day?, until: Day?, limit: Int?, before: String?,
                     by caller: Identity) async throws -> PerformerUsesPage {
        let today = self.today
        let limit = limit ?? 100
        guard (1...500).contains(limit) else {
            throw LikenessError.invalid("limit", "limit is a number from 1 to 500", code: "out-of-range")
        }
        if let before, !Validate.isID(before) { throw LikenessError.invalid("before", "'\(before.prefix(64))' is not a check id", code: "invalid-id") }
        let window = PerformerUses.window(since: since, until: until, today: today)
        let codec = database.receiptCodec
        return try await read(.readUses, by: caller) { db in
            _ = try PerformerSideRules.acting(caller, for: performer, needs: .see, today: today, db)
            return try PerformerUses.page(performer: performer, since: window.since, until: window.until, limit: limit, before: before,
                                          codec: codec, db)
        }
    }

    /// Everything held about the performer but their sealed personal data; audited.
    public func export(performer id: String, by caller: Identity) async throws -> PerformerExport {
        try caller.require(.exportPerformer)
        let now = clock.now()
        let codec = database.receiptCodec
        return try await change { db in
            let by = try PerformerSideRules.acting(caller, for: id, needs: .see, today: Day(now), db)
            if caller.role.isPerformerSide, by.capacity == .agent {
                throw LikenessError(.forbidden, "forbidden", "an agent cannot export a performer's data: the performer, a guardian or the estate can")
            }
            let performer = try Registry.require(Performer.self, id, "performer", db)
            let grants = try Registry.grants(performer: id, db).map {
                GrantDetail(grant: $0, statusHistory: try Registry.statusHistory(grant: $0.id, db))
            }
            var uses: [PerformerUse] = [], before: String?
            repeat {
                let page = try PerformerUses.page(performer: id, since: .earliest, until: .latest, limit: 500, before: before, codec: codec, db)
                uses += page.checks
                before = page.next
            } while before != nil
            let lines = try UsageReports.statementLines(performer: id, DayWindow(since: .earliest, until: .latest), db)
            let payments = PerformerStatement(performer: id, window: DayWindow(since: .earliest, until: .latest), lines: lines,
                                              totals: try CurrencyTotal.totals(of: lines.lazy.map { ($0.line.currency, $0.line.amount, $0.line.pensionHealth) }))
            try Audit.append(db, actor: caller.actor, action: "performer.export", subject: id, by: by, at: now)
            return PerformerExport(
                performer: performer, grants: grants,
                offers: try ConsentOffers.list(performers: [id], state: nil, today: Day(now), db).map { $0.answer(on: Day(now)) },
                delegations: try Delegations.for(performer: id, db), uses: uses, payments: payments, exportedAt: now,
                personalData: """
                    Personal data (legal name, contact details, identity documents) is held sealed in Likeness's vault and is not \
                    part of this export. To ask for it, write to the studio's privacy officer, who can read it and will answer \
                    within the time the law gives (one month under the GDPR).
                    """)
        }
    }
}
