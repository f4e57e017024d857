import Foundation
import LikenessRules

/// Delivers alert reports as a JSON POST, with a timeout and retries.
public struct Webhook: Sendable {
    public let url: URL
    public let timeout: TimeInterval
    public let attempts: Int
    public let backoff: Duration

    public init(_ text: String, timeout: TimeInterval = 10, attempts: Int = 3, backoff: Duration = .milliseconds(500)) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false else {
            throw LikenessError.invalid("webhook", "'\(text.prefix(200))' is not an http(s) URL", code: "invalid-url")
        }
        self.url = url
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// POSTs `body`; succeeds on a 2xx answer, else retries with a growing pause and finally throws.
    public func deliver(_ body: Data) async throws {
        var last = ""
        for attempt in 1...attempts {
            do {
                let answer = try await OutboundHTTP.send(.POST, url.absoluteString, headers: [("Content-Type", "application/json")], body: body,
                                                         timeout: .seconds(timeout), keep: 0)
                if answer.succeeded { return }
                last = "answered \(answer.status)"
            } catch {
                last = "failed: \(error)"
            }
            if attempt < attempts { try await Task.sleep(for: backoff * attempt) }
        }
        throw Failure(description: "the webhook \(url.absoluteString) \(last) after \(attempts) attempts; nothing was recorded as delivered")
    }
}
