import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore
import NIOCore

extension AlertReport: ResponseEncodable {}
extension MediaAttestation.Manifest: ResponseEncodable {}
extension JWKS: ResponseEncodable {}

/// A JSON body already encoded (receipts are answered exactly as stored).
struct RawJSON: ResponseGenerator {
    let bytes: ByteBuffer
    init(_ text: String) { bytes = ByteBuffer(string: text) }
    init(_ bytes: ByteBuffer) { self.bytes = bytes }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.readableBytes)],
                 body: .init(byteBuffer: bytes))
    }
}

/// `POST /v1/checks`, `GET /v1/checks/{id}` and its attestations, the status lists,
/// `GET /v1/grants/{id}/impact`, `GET /v1/alerts`.
struct CheckController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/checks", .check, check),
            Endpoint(.post, "/v1/checks/batch", .check, batch),
            Endpoint(.post, "/v1/checks/what-if", .whatIf, whatIf),
            Endpoint(.get, "/v1/checks/{id}", .readCheck, get),
            Endpoint(.get, "/v1/checks/{id}/attestation", .readCheck, attestation),
            Endpoint(.get, "/v1/checks/{id}/c2pa", .readCheck, c2pa),
            Endpoint(.get, "/.well-known/jwks.json", .readPublicDocuments, jwks),
            Endpoint(.get, "/v1/status-lists/{list}", .readPublicDocuments, statusList),
            Endpoint(.get, "/v1/grants/{id}/impact", .readImpact, impact),
            Endpoint(.get, "/v1/alerts", .readAlerts, alerts),
        ]
    }

    func check(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.caller
        let input = try await Self.checkInput(request, context)
        return RawJSON(try await services.checks.check(input, by: caller).body)
    }

    /// Up to 1,000 uses, each decided as it would be alone; the results in order, every receipt
    /// durable before the answer.
    func batch(_ request: Request, context: AppContext) async throws -> RawJSON {
        let caller = try context.caller
        let body = Data(try await APIDecoder.body(of: request, context: context).readableBytesView)
        return try await services.batches.run {
            let inputs = try CheckBatch.inputs(in: body)
            return RawJSON(CheckBatch.answer(try await services.checks.check(batch: inputs, by: caller)))
        }
    }

    /// The decision a check would get now, stored nowhere (no receipt, no id, `"whatIf": true`).
    func whatIf(_ request: Request, context: AppContext) async throws -> RawJSON {
        let input = try await Self.checkInput(request, context)
        return RawJSON(try await services.checks.whatIf(input, by: context.caller).whatIfJSON)
    }

    /// A check body: the usual shape read straight from its bytes, anything else by `JSONDecoder`.
    static func checkInput(_ request: Request, _ context: AppContext) async throws -> CheckInput {
        let body = try await APIDecoder.body(of: request, context: context)
        return try body.withUnsafeReadableBytes(CheckInput.init(commonJSON:))
            ?? APIDecoder.decode(CheckInput.self, from: Data(body.readableBytesView))
    }

    /// The check's receipt, signed now (the check path signs nothing).
    func attestation(_ request: Request, context: AppContext) async throws -> Response {
        let token = try await services.attestations.attestation(check: try context.parameters.id("id", "check"), by: context.caller)
        return Response(status: .ok, headers: [.contentType: "application/jose"], body: .init(byteBuffer: .init(string: token)))
    }

    /// The C2PA assertions for media made under the check, its media attestation among them.
    func c2pa(_ request: Request, context: AppContext) async throws -> MediaAttestation.Manifest {
        try await services.attestations.mediaManifest(check: try context.parameters.id("id", "check"), by: context.caller)
    }

    /// A status list, signed: anyone may read it, and keep it a minute.
    func statusList(_ request: Request, context: AppContext) async throws -> Response {
        let text = try context.parameters.require("list")
        // A list number is a plain decimal number, as the lists' URLs write it.
        guard text.count <= 9, text.allSatisfy(\.isASCII), let number = Int(text), String(number) == String(text) else {
            throw LikenessError.notFound("status list", String(text.prefix(64)))
        }
        let token = try await services.attestations.statusList(number)
        return Response(status: .ok, headers: [.contentType: "application/statuslist+jwt",
                                               .cacheControl: "max-age=\(AttestationOperations.statusListTTL)"],
                        body: .init(byteBuffer: .init(string: token)))
    }

    /// The public keys of attestations, current and retired: anyone may verify.
    func jwks(_ request: Request, context: AppContext) async throws -> JWKS {
        try await services.database.snapshot { try SigningKeys.jwks($0) }
    }

    /// Production callers read only the checks they made, studio contacts those of their
    /// productions; casting, auditors and admins read all.
    func get(_ request: Request, context: AppContext) async throws -> RawJSON {
        RawJSON(try await services.operations.receipt(try context.parameters.id("id", "check"), by: context.caller))
    }

    /// Grants expiring within `within` days (default 30) and impacted grants, as of `at` (default today).
    func alerts(_ request: Request, context: AppContext) async throws -> AlertReport {
        let within = try request.integer("within", range: 0...3650) ?? 30
        return try await services.operations.alerts(at: try request.day("at"), within: within, by: context.caller)
    }

    func impact(_ request: Request, context: AppContext) async throws -> RawJSON {
        let bodies = try await services.operations.impact(ofGrant: try context.parameters.id("id", "grant"), by: context.caller)
        return RawJSON("{\"checks\":[" + bodies.joined(separator: ",") + "]}")
    }
}
