import AsyncHTTPClient
import Foundation
import LikenessRules
import NIOCore
import NIOHTTP1

/// Every request Likeness sends (webhook deliveries, alert reports, a verifier's key set) goes
/// through one AsyncHTTPClient: redirects are never followed (a receiver's answer is its own, and a
/// redirect could lead a delivery to a host `--webhook-hosts` does not allow), no cookie is kept,
/// and every request has a deadline.
public enum OutboundHTTP {
    /// Made once for the process, as AsyncHTTPClient's clients are meant to be; it never shuts down.
    static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(10))))

    /// An answer: its status and the first bytes of its body (at most the `keep` asked for).
    public struct Answer: Sendable {
        public let status: Int
        public let body: Data
        public var succeeded: Bool { (200..<300).contains(status) }
    }

    /// Sends one request to `url` (http or https) and reads at most `keep` bytes of the answer's
    /// body, all within `timeout`. Throws when the URL cannot be used or nothing was answered.
    public static func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil,
                            timeout: Duration, keep: Int) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let response = try await client.execute(request, deadline: deadline)
        var kept = Data()
        for try await chunk in response.body {
            kept.append(contentsOf: chunk.readableBytesView.prefix(keep - kept.count))
            if kept.count >= keep { break }  // the rest is not read: the connection is closed
            if NIODeadline.now() > deadline { throw Timeout() }
        }
        return Answer(status: Int(response.status.code), body: kept)
    }

    struct Timeout: Error, CustomStringConvertible {
        var description: String { "the answer took too long" }
    }
}
