import Foundation

/// A JSON decoding error as a field path and a message for people.
public struct DecodingFailure: Sendable {
    public let field: String?
    public let message: String
    /// True when the JSON itself is malformed (not merely of the wrong shape).
    public let malformed: Bool

    public init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String? {
            var out = ""
            for key in keys {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? nil : out
        }
        switch error {
        case .typeMismatch(let type, let context):
            field = path(context.codingPath)
            message = "\(field ?? "the body") has the wrong type (expected \(Self.describe(type)))"
            malformed = false
        case .valueNotFound(let type, let context):
            field = path(context.codingPath)
            message = "\(field ?? "the body") must not be null (expected \(Self.describe(type)))"
            malformed = false
        case .keyNotFound(let key, let context):
            field = path(context.codingPath + [key])
            message = "\(field!) is required"
            malformed = false
        case .dataCorrupted(let context):
            field = path(context.codingPath)
            message = field == nil ? "the body is not valid JSON" : "\(field!) is invalid"
            malformed = field == nil
        @unknown default:
            field = nil
            message = "the body could not be decoded"
            malformed = true
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        case is [String].Type, is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
