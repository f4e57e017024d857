import Foundation
import Hummingbird
import LikenessRules
import NIOCore

/// Reads a posted form (`application/x-www-form-urlencoded`) into its fields with Hummingbird's
/// `URLEncodedFormDecoder`: a plain name holds one value, a name ending in `[]` (the checkboxes
/// of a set) every value in order. Any byte sequence a client sends ends as fields or as a 400,
/// never as a trap: the body must be UTF-8, and whatever the decoder refuses (a broken `%`
/// escape, a name given twice without `[]`) is a malformed form.
enum WebForm {
    /// At most this many bytes of form.
    static let limit = 64 << 10

    /// The one content type the app's forms send (none of them uploads files).
    static let contentType = "application/x-www-form-urlencoded"

    static func fields(of request: Request, context: AppContext) async throws -> [String: [String]] {
        guard isForm(request.headers[.contentType]) else {
            throw LikenessError(.unsupportedMediaType, "unsupported-media-type",
                                "this form must be sent as \(contentType), as the app's own pages send it")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw LikenessError.tooLarge(limit: limit)
        }
        return try fields(in: body.readableBytesView)
    }

    /// Whether a `Content-Type` names a URL-encoded form (parameters such as `charset` allowed).
    static func isForm(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == Self.contentType
    }

    /// `a=1&b=x+y&c[]=2&c[]=3` → `["a": ["1"], "b": ["x y"], "c": ["2", "3"]]`.
    static func fields(in body: some Collection<UInt8>) throws -> [String: [String]] {
        // The decoder reads a broken escape or an escaped byte that is not UTF-8 as U+FFFD; such a
        // form is refused instead, so that nothing is stored other than what was typed.
        guard let text = String(validating: body, as: UTF8.self), text.removingPercentEncoding != nil else { throw malformed }
        do {
            return try URLEncodedFormDecoder().decode(Fields.self, from: text).values
        } catch {
            throw malformed
        }
    }

    static let malformed = LikenessError(.badRequest, "malformed-form",
                                         "the form could not be read (a broken % escape, text that is not UTF-8, or a field sent twice)")

    /// Every field of a form, whatever its names: each a value or a list of values.
    struct Fields: Decodable {
        let values: [String: [String]]

        struct Name: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let form = try decoder.container(keyedBy: Name.self)
            var values: [String: [String]] = [:]
            for name in form.allKeys {
                if let one = try? form.decode(String.self, forKey: name) {
                    values[name.stringValue] = [one]
                } else {
                    values[name.stringValue] = try form.decode([String].self, forKey: name)
                }
            }
            self.values = values
        }
    }
}
