import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import NIOCore

/// The request context: the caller's identity once authenticated, a 1 MiB body limit,
/// and JSON coders that turn decoding failures into the API's error body.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The vault keys the caller's session unlocked at login (admins and privacy officers).
    public var keyring: VaultKeyring?
    /// The SHA-256 of the caller's bearer token (what sessions are kept by).
    public var tokenHash: String?
    /// The web app's session, CSRF token and form (`WebSessionMiddleware`, `WebCSRFMiddleware`).
    public var web = WebRequestState()
    /// The peer's socket address (nil in in-process tests); `Services.clientAddress` says whose
    /// request it is.
    let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { 1 << 20 }
    public var requestDecoder: APIDecoder { APIDecoder() }
    public var responseEncoder: JSONEncoder { LikenessJSON.encoder }

    /// The authenticated caller (every endpoint but the public ones has one).
    public var caller: Identity {
        get throws {
            guard let identity else { throw LikenessError.unauthorized }
            return identity
        }
    }

    /// Refuses a caller whose role is not among `allowed` (403), before anything else is done.
    func authorize(_ allowed: EnumSet<AccountRole>) throws {
        let role = try caller.role
        guard allowed.contains(role) else { throw LikenessError.forbidden(role) }
    }
}

/// Decodes JSON bodies: a body over the limit is 413, malformed JSON or a wrong type is 400,
/// a missing field is 422; each names the field.
public struct APIDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        try Self.decode(T.self, from: Data(try await Self.body(of: request, context: context).readableBytesView))
    }

    /// The whole request body; 413 past the context's upload limit.
    public static func body(of request: Request, context: some RequestContext) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw LikenessError.tooLarge(limit: context.maxUploadSize)
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            let failure = DecodingFailure(error)
            if failure.malformed {
                throw LikenessError(.badRequest, "malformed-json", failure.message)
            }
            if case .keyNotFound = error {
                throw LikenessError(.invalid, "missing-field", failure.message, field: failure.field)
            }
            throw LikenessError(.badRequest, "wrong-type", failure.message, field: failure.field)
        }
    }
}

extension LikenessError {
    static func tooLarge(limit: Int) -> LikenessError {
        .init(.tooLarge, "body-too-large", "the request body is larger than \(limit) bytes")
    }
}
