import Foundation
import Hummingbird
import LikenessRules
import LikenessStore

extension PersonalData: ResponseEncodable {}

/// `PUT/GET /v1/performers/{id}/personal`.
struct PersonalController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.put, "/v1/performers/{id}/personal", .roles([.casting, .privacy]), write),
            // Privacy officers only, never admins.
            Endpoint(.get, "/v1/performers/{id}/personal", .only([.privacy]), read),
        ]
    }

    /// Casting and privacy write (sealed to the vault's public key; no key needed).
    func write(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        let caller = try context.caller
        let id = try context.parameters.id("id", "performer")
        let data = try await request.decode(as: PersonalDataInput.self, context: context).validated()
        try await services.vault.write(data, performer: id, actor: caller.actor, now: services.clock.now())
        return .noContent
    }

    /// Every read is audited.
    func read(_ request: Request, context: AppContext) async throws -> PersonalData {
        let caller = try context.caller
        let id = try context.parameters.id("id", "performer")
        return try await services.vault.read(performer: id, keyring: context.keyring, actor: caller.actor,
                                             now: services.clock.now())
    }
}
