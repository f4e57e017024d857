/// A failure to report to a client: an HTTP status class, a stable code, a message for people and,
/// when one field is at fault, its JSON path.
public struct LikenessError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, conflict, tooLarge, invalid, tooManyRequests, unavailable
        /// A body in a media type the endpoint does not read (415).
        case unsupportedMediaType
        /// A fault of Likeness or its data, never of the request (500).
        case `internal`
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var field: String?

    public init(_ kind: Kind, _ code: String, _ message: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }

    public static func missing(_ field: String) -> LikenessError {
        .init(.invalid, "missing-field", "\(field) is required", field: field)
    }
    public static func invalid(_ field: String, _ message: String, code: String = "invalid-value") -> LikenessError {
        .init(.invalid, code, message, field: field)
    }
    public static func notFound(_ what: String, _ id: String, field: String? = nil) -> LikenessError {
        .init(.notFound, "not-found", "no \(what) with id '\(id)'", field: field)
    }
    public static func duplicate(_ what: String, _ id: String) -> LikenessError {
        .init(.conflict, "duplicate-id", "a \(what) with id '\(id)' already exists", field: "id")
    }
    public static func state(_ message: String) -> LikenessError {
        .init(.conflict, "invalid-state", message)
    }
    public static let unauthorized = LikenessError(.unauthorized, "unauthorized", "missing, unknown or expired credentials")
    public static func forbidden(_ role: AccountRole) -> LikenessError {
        .init(.forbidden, "forbidden", "the \(role.rawValue) role may not do this")
    }
}
