import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

extension Delegation: ResponseEncodable {}
extension AccountSummary: ResponseEncodable {}
extension ConsentOffer.Answer: ResponseEncodable {}
extension PerformerUsesPage: ResponseEncodable {}

/// The performer's side (performers.md): invitations, delegations, the caller's account, consent
/// offers, consent receipts and records, the uses ledger and the export.
struct PerformerSideController {
    let services: Services
    var operations: Operations { services.operations }

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/performers/{id}/invitations", .invite, invite),
            Endpoint(.post, "/v1/invitations/accept", .acceptInvitation, accept),
            Endpoint(.get, "/v1/performers/{id}/delegations", .readDelegations, delegations),
            Endpoint(.post, "/v1/delegations/{id}/revoke", .revokeDelegation, revokeDelegation),
            Endpoint(.get, "/v1/me", .readOwnAccount, me),
            Endpoint(.post, "/v1/consent-offers", .offerConsent, createOffer),
            Endpoint(.get, "/v1/consent-offers", .readOffers, listOffers),
            Endpoint(.get, "/v1/consent-offers/{id}", .readOffers, getOffer),
            Endpoint(.post, "/v1/consent-offers/{id}/sign", .answerOffer, sign),
            Endpoint(.post, "/v1/consent-offers/{id}/decline", .answerOffer, decline),
            Endpoint(.post, "/v1/consent-offers/{id}/withdraw", .withdrawOffer, withdraw),
            Endpoint(.get, "/v1/grants/{id}/consent-receipt", .readConsentRecord, consentReceipt),
            Endpoint(.get, "/v1/grants/{id}/consent-record", .readConsentRecord, consentRecord),
            Endpoint(.get, "/v1/performers/{id}/uses", .readUses, uses),
            Endpoint(.get, "/v1/performers/{id}/export", .exportPerformer, export),
        ]
    }

    struct InvitationAnswer: ResponseEncodable {
        let id: String
        let performer: String
        let capacity: Capacity
        let mayConsent: Bool
        let email: String?
        let code: String
        let expiresAt: Date
    }

    func invite(_ request: Request, context: AppContext) async throws -> EditedResponse<InvitationAnswer> {
        let performer = try context.parameters.id("id", "performer")
        let input = try await request.decode(as: InvitationInput.self, context: context)
        let (invitation, code) = try await operations.invite(performer, input, by: context.caller)
        return created(InvitationAnswer(id: invitation.id, performer: invitation.performer, capacity: invitation.capacity,
                                        mayConsent: invitation.mayConsent, email: invitation.email, code: code,
                                        expiresAt: invitation.expiresAt))
    }

    struct AcceptAnswer: ResponseEncodable {
        let username: String
        let role: AccountRole
        let delegation: Delegation
    }

    /// No authentication: the code is the credential. Counted against the address's limit.
    func accept(_ request: Request, context: AppContext) async throws -> EditedResponse<AcceptAnswer> {
        let input = try await request.decode(as: AcceptInvitationInput.self, context: context)
        let (account, delegation) = try await services.accountOperations.acceptInvitation(
            input, from: services.clientAddress(request, context))
        return created(AcceptAnswer(username: account.username, role: account.role, delegation: delegation))
    }

    struct DelegationList: ResponseEncodable { let delegations: [Delegation] }

    func delegations(_ request: Request, context: AppContext) async throws -> DelegationList {
        DelegationList(delegations: try await operations.delegations(ofPerformer: try context.parameters.id("id", "performer"),
                                                                     by: context.caller))
    }

    func revokeDelegation(_ request: Request, context: AppContext) async throws -> Delegation {
        let id = try context.parameters.id("id", "delegation")
        return try await operations.revokeDelegation(id, reason: try await request.decode(as: ReasonInput.self, context: context),
                                                     by: context.caller)
    }

    func me(_ request: Request, context: AppContext) async throws -> AccountSummary {
        try await operations.me(by: context.caller)
    }

    var today: Day { Day(services.clock.now()) }

    func createOffer(_ request: Request, context: AppContext) async throws -> EditedResponse<ConsentOffer.Answer> {
        let offer = try await operations.offerConsent(try await request.decode(as: ConsentOfferInput.self, context: context),
                                                      by: context.caller)
        return created(offer.answer(on: today))
    }

    struct OfferList: ResponseEncodable { let offers: [ConsentOffer.Answer] }

    func listOffers(_ request: Request, context: AppContext) async throws -> OfferList {
        let state: OfferState? = try Validate.term(request.uri.queryParameters["state"].map(String.init), "state")
        let performer = try request.uri.queryParameters["performer"].map { try Validate.requiredID(String($0), "performer") }
        let today = self.today
        return OfferList(offers: try await operations.offers(state: state, performer: performer, by: context.caller).map { $0.answer(on: today) })
    }

    func getOffer(_ request: Request, context: AppContext) async throws -> ConsentOffer.Answer {
        try await operations.offer(try context.parameters.id("id", "consent offer"), by: context.caller).answer(on: today)
    }

    struct SignAnswer: ResponseEncodable {
        let offer: ConsentOffer.Answer
        let grant: GrantDetail
    }

    func sign(_ request: Request, context: AppContext) async throws -> EditedResponse<SignAnswer> {
        let id = try context.parameters.id("id", "consent offer")
        let input = try await request.decode(as: SignOfferInput.self, context: context)
        let (offer, grant) = try await operations.signOffer(id, input, by: context.caller)
        return created(SignAnswer(offer: offer.answer(on: today), grant: grant))
    }

    func decline(_ request: Request, context: AppContext) async throws -> ConsentOffer.Answer {
        let id = try context.parameters.id("id", "consent offer")
        let input = try await request.decode(as: OptionalReasonInput.self, context: context)
        return try await operations.declineOffer(id, input, by: context.caller).answer(on: today)
    }

    func withdraw(_ request: Request, context: AppContext) async throws -> ConsentOffer.Answer {
        let id = try context.parameters.id("id", "consent offer")
        let input = try await request.decode(as: ReasonInput.self, context: context)
        return try await operations.withdrawOffer(id, input, by: context.caller).answer(on: today)
    }

    /// The grant signed as attestations are (Ed25519, the same JWKS), `typ: likeness-consent+jws`.
    func consentReceipt(_ request: Request, context: AppContext) async throws -> Response {
        let body = try await operations.consentReceiptBody(ofGrant: try context.parameters.id("id", "grant"), by: context.caller)
        let token = try Attestation.sign(consent: body, issuer: services.issuer, with: services.signer, now: services.clock.now())
        return Response(status: .ok, headers: [.contentType: "application/jose"], body: .init(byteBuffer: .init(string: token)))
    }

    func consentRecord(_ request: Request, context: AppContext) async throws -> Response {
        let record = try await operations.consentRecord(ofGrant: try context.parameters.id("id", "grant"), by: context.caller)
        return Response(status: .ok, headers: [.contentType: "application/ld+json"], body: .init(byteBuffer: .init(string: record)))
    }

    /// `?since=&until=` (default: the 90 days up to today), `limit` (1 to 500, default 100),
    /// `before` (the check to page on from), `?format=csv` for CSV.
    func uses(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.parameters.id("id", "performer")
        let query = request.uri.queryParameters
        let limit = try query["limit"].map { text in
            guard let limit = Int(text) else { throw LikenessError.invalid("limit", "limit is a number from 1 to 500", code: "out-of-range") }
            return limit
        }
        let csv = try request.wantsCSV()
        let page = try await operations.uses(ofPerformer: id, since: try request.day("since"), until: try request.day("until"), limit: limit,
                                             before: query["before"].map(String.init), by: context.caller)
        guard csv else { return try page.response(from: request, context: context) }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(id)-uses-\(page.since)-\(page.until).csv\""],
                        body: .init(byteBuffer: .init(string: page.csv)))
    }

    func export(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.parameters.id("id", "performer")
        let export = try await operations.export(performer: id, by: context.caller)
        let body = try LikenessJSON.encoder.encode(export)
        return Response(status: .ok, headers: [.contentType: "application/json",
                                               .contentDisposition: "attachment; filename=\"\(id)-export.json\""],
                        body: .init(byteBuffer: .init(bytes: body)))
    }
}

extension Request {
    /// `?format=csv` (true), `json` or none (false); anything else is a 422.
    func wantsCSV() throws -> Bool {
        switch uri.queryParameters["format"].map(String.init) {
        case nil, "json"?: false
        case "csv"?: true
        case let other?: throw LikenessError.invalid("format", "'\(other.prefix(20))' is not json or csv", code: "invalid-enum")
        }
    }
}
