import Foundation
import Hummingbird
import NIOCore

/// Whose request it is, as far as login limits and the audit trail are concerned: the socket's
/// peer, unless that peer is a proxy the operator named (`--trusted-proxy`), in which case the
/// address that proxy put in `X-Forwarded-For`. Read from the right, as proxies append: the first
/// address that is not a trusted proxy is the client. Nobody else's `X-Forwarded-For` is read, so
/// a client cannot pick the address its failures are counted under.
public struct TrustedProxies: Sendable {
    /// The proxies' addresses, in the form `SocketAddress` prints them.
    let addresses: Set<String>

    public static let none = TrustedProxies(addresses: [])

    /// `addresses` are IP addresses (v4 or v6); anything else is refused with its text.
    public init(_ addresses: [String]) throws {
        self.init(addresses: Set(try addresses.map { address in
            guard let canonical = Self.canonical(address) else { throw InvalidAddress(text: address) }
            return canonical
        }))
    }

    init(addresses: Set<String>) { self.addresses = addresses }

    public struct InvalidAddress: Error { public let text: String }

    /// `text` as `SocketAddress` prints an IP address, nil when it is none; an IPv4 address mapped
    /// into IPv6 (`::ffff:10.0.0.1`, a dual-stack listener's peer) as the IPv4 address it is.
    static func canonical(_ text: some StringProtocol) -> String? {
        guard let address = (try? SocketAddress(ipAddress: text.trimmingCharacters(in: .whitespaces), port: 0))?.ipAddress else { return nil }
        let mapped = "::ffff:", v4 = String(address.dropFirst(mapped.count))
        if address.lowercased().hasPrefix(mapped), case .v4? = try? SocketAddress(ipAddress: v4, port: 0) { return v4 }
        return address
    }

    /// The client's address for a request that came from `peer` (`local` in in-process tests).
    func client(peer: String?, forwardedFor: [String]) -> String {
        guard let peer = peer.map({ Self.canonical($0) ?? $0 }) else { return "local" }
        guard addresses.contains(peer) else { return peer }
        var hop = peer
        for entry in forwardedFor.flatMap({ $0.split(separator: ",") }).reversed() {
            guard let address = Self.canonical(entry) else { return hop }  // a malformed entry: the last proxy's client is all we know
            guard addresses.contains(address) else { return address }
            hop = address
        }
        return hop
    }
}

extension Services {
    /// The address of the client behind `request` (see `TrustedProxies`).
    func clientAddress(_ request: Request, _ context: AppContext) -> String {
        trustedProxies.client(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }
}

extension HTTPFields.Element.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
