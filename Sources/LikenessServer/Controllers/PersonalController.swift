import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

extension PersonalData: ResponseEncodable {}

/// `PUT/GET /v1/performers/{id}/personal`.
struct PersonalController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.put, "/v1/performers/{id}/personal", .writePersonalData, write),
            Endpoint(.get, "/v1/performers/{id}/personal", .readPersonalData, read),
        ]
    }

    /// Sealed to the vault's public key; no key needed.
    func write(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.id("id", "performer")
        try await services.personalData.write(try await request.decode(as: PersonalDataInput.self, context: context), performer: id,
                                              by: context.caller)
        return .noContent
    }

    /// Every read is audited.
    func read(_ request: Request, context: AppContext) async throws -> PersonalData {
        try await services.personalData.read(performer: try context.parameters.id("id", "performer"), keyring: context.keyring,
                                             by: context.caller)
    }
}
