import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import Logging
import NIOCore
import NIOHTTP1

/// The JSON error body of the spec: `{"error": {"code", "message", "field"?}}`.
struct ErrorBody: Encodable {
    struct Detail: Encodable { let code: String; let message: String; let field: String? }
    let error: Detail
}

extension LikenessError.Kind {
    var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .invalid: .unprocessableContent
        case .methodNotAllowed: .methodNotAllowed
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .unsupportedMediaType: .unsupportedMediaType
        case .internal: .internalServerError
        }
    }
}

extension LikenessError {
    func response(headers extra: HTTPFields = [:]) -> Response {
        let body = ErrorBody(error: .init(code: code, message: message, field: field))
        let data = (try? LikenessJSON.encoder.encode(body)) ?? Data(#"{"error":{"code":"internal","message":"internal error"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        if kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: kind.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error into the spec's JSON error body. Anything unexpected is a logged 500
/// (the log names the route and the error type, never a body). A known path asked with a method
/// it does not declare is a 405 naming the methods it does (`Allow`). A path outside the API
/// that no page has is the web app's HTML 404 page.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let endpoints: [Endpoint]
    let web: WebApp?

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var response = try await answer(request, context: context, next: next)
        // No answer is to be read as another type than it says (JSON, CSV, a key set, a page).
        response.headers[.xContentTypeOptions] = "nosniff"
        // HEAD gets GET's headers without its body, errors included (the router strips only answers).
        if request.method == .head { response = response.createHeadResponse() }
        return response
    }

    func answer(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPParserError {
            // Bytes that are not HTTP (a chunk size of `zz`): Hummingbird answers 400 and closes
            // the connection, which can no longer be read.
            throw error
        } catch let error as LikenessError {
            return error.response()
        } catch let error as RateLimited {
            return LikenessError(.tooManyRequests, "rate-limited", "too many failed logins; retry later")
                .response(headers: [.retryAfter: String(error.retryAfter)])
        } catch is NIOTooManyBytesError {
            return LikenessError.tooLarge(limit: context.maxUploadSize).response()
        } catch let error as any HTTPResponseError {
            if error.status == .notFound {
                let methods = RouteTable.methods(for: request.uri.path[...], in: endpoints)
                if !methods.isEmpty {
                    return LikenessError(.methodNotAllowed, "method-not-allowed", "\(request.method) is not supported on \(request.uri.path)")
                        .response(headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")])
                }
                if let web, !Self.isAPI(request.uri.path) { return web.notFoundPage(request, context) }
            }
            return Self.translate(error.status, request).response()
        } catch {
            context.logger.error("unexpected error", metadata: [
                "path": .string(Self.loggedPath(request.uri.path)), "error": .string(String(describing: type(of: error))),
            ])
            return LikenessError(.internal, "internal", "an internal error occurred").response()
        }
    }

    /// A path as the log may show it: an invitation's code (`/join/{code}`) is a credential, left out.
    static func loggedPath(_ path: String) -> String {
        path.hasPrefix("/join/") ? "/join/(code)" : path
    }

    /// Whether a path belongs to the API (JSON errors) rather than to the web app (HTML pages).
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/v1/") || path == "/v1" || path == "/healthz" || path == "/openapi.yaml" || path.hasPrefix("/.well-known/")
    }

    static func translate(_ status: HTTPResponse.Status, _ request: Request) -> LikenessError {
        switch status {
        case .notFound: LikenessError(.notFound, "not-found", "no route \(request.method) \(request.uri.path)")
        case .contentTooLarge: LikenessError.tooLarge(limit: 1 << 20)
        case .unauthorized: .unauthorized
        default: LikenessError(.badRequest, "bad-request", "the request is invalid (\(status.code))")
        }
    }
}

