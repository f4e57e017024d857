import Foundation

/// The body of `POST /v1/webhooks`.
public struct WebhookInput: Codable, Sendable {
    public var url: String?
    public var events: [String]?

    public init(url: String? = nil, events: [String]? = nil) { self.url = url; self.events = events }

    /// The receiver's URL (http or https, a host of letters, digits, dots and dashes, an optional
    /// port, then any path and query of URL characters) and the event types it subscribes to.
    public func validated() throws -> (url: String, events: [EventType]) {
        guard let url else { throw LikenessError.missing("url") }
        guard url.utf8.count <= 2000, (try? Regex(Self.urlPattern).wholeMatch(in: url)) != nil, URL(string: url) != nil else {
            throw LikenessError.invalid("url", "url must be an http or https URL (http://host[:port]/path), at most 2000 characters",
                                        code: "invalid-url")
        }
        return (url, try Validate.requiredTerms(events, "events"))
    }

    /// The JSON Schema pattern of `url` (in the OpenAPI document).
    public static let urlPattern =
        "^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?"
        + "([/?#]([A-Za-z0-9._~:/?#@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)?$"
}
