import Foundation
import Hummingbird
import LikenessRules
import NIOCore

/// Reads a posted form (`application/x-www-form-urlencoded`) into its fields, repeated names
/// (checkboxes) keeping every value in order.
enum WebForm {
    /// At most this many bytes of form.
    static let limit = 64 << 10

    static func fields(of request: Request, context: AppContext) async throws -> [String: [String]] {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw LikenessError.tooLarge(limit: limit)
        }
        return try fields(in: String(buffer: body))
    }

    /// `a=1&b=x+y&a=2` → `["a": ["1", "2"], "b": ["x y"]]`; a malformed form is a 400.
    static func fields(in body: String) throws -> [String: [String]] {
        var components = URLComponents()
        components.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
        guard !body.isEmpty else { return [:] }
        guard let items = components.queryItems else {
            throw LikenessError(.badRequest, "malformed-form", "the form could not be read")
        }
        var fields: [String: [String]] = [:]
        for item in items { fields[item.name, default: []].append(item.value ?? "") }
        return fields
    }
}
