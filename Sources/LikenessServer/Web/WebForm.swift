import Hummingbird
import LikenessRules
import NIOCore

/// Reads a posted form (`application/x-www-form-urlencoded`) into its fields, repeated names
/// (checkboxes) keeping every value in order. Any byte sequence a client sends ends as fields or
/// as a 400, never as a trap: the decoding works on bytes and validates UTF-8 itself.
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

    /// `a=1&b=x+y&a=2` → `["a": ["1", "2"], "b": ["x y"]]`. A `%` not followed by two hex digits,
    /// or a name or value that is not UTF-8 once decoded, makes the form malformed (a 400).
    static func fields(in body: some Collection<UInt8>) throws -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decoded(parts[0])
            let value = try parts.count > 1 ? decoded(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        return fields
    }

    static let malformed = LikenessError(.badRequest, "malformed-form", "the form could not be read (a broken % escape or text that is not UTF-8)")

    /// One name or value: `+` is a space, `%HH` a byte, the rest as sent.
    static func decoded(_ encoded: some Collection<UInt8>) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { throw malformed }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw malformed }
        return text
    }

    static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
