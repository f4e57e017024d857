import Foundation
import NIOCore
import NIOSSL

/// Where and how to submit mail: the server, its transport security, the credentials, the
/// timeouts and the TLS settings.
///
/// Made from a URL (`init(url:)`) or field by field:
/// - `smtp://host:port`: plain TCP, upgraded with STARTTLS when the server offers it;
///   `smtp://host:port?starttls=required` refuses to send when it does not.
/// - `smtps://host:port`: TLS from the first byte (RFC 8314's implicit TLS).
/// - `user:password@` before the host (percent-encoded as URLs have it) authenticates with AUTH
///   PLAIN or LOGIN, whichever the server offers, PLAIN preferred. The password goes over TLS
///   only, unless the host is loopback (`localhost`, `127.0.0.0/8`, `::1`): to another host,
///   `smtp://` with credentials must say `?starttls=required` (or use `smtps://`), so that a
///   server (or anyone in between) that hides STARTTLS cannot have the password in clear.
///
/// The port defaults to 587 (submission, RFC 6409) for `smtp://` and 465 for `smtps://`.
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    /// How the connection is secured.
    public enum Security: String, Sendable, Equatable {
        /// STARTTLS when the server offers it, in clear otherwise.
        case startTLSIfOffered
        /// STARTTLS, or nothing is sent (the error is `.tlsUnavailable`).
        case startTLSRequired
        /// TLS from the start (`smtps://`).
        case implicitTLS
    }

    /// A user name and password for AUTH. Its description never shows the password.
    public struct Credentials: Sendable, Equatable, CustomStringConvertible {
        public var username: String
        public var password: String
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
        public var description: String { "\(username):<redacted>" }
    }

    /// How long each step may take before the attempt is given up (`SMTPError.Reason.timeout`).
    public struct Timeouts: Sendable, Equatable {
        /// The TCP connection.
        public var connect: TimeAmount
        /// The server's greeting, and each TLS handshake.
        public var greeting: TimeAmount
        /// Each command's reply (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, RSET, QUIT).
        public var command: TimeAmount
        /// The reply to the message's end (`<CRLF>.<CRLF>`), which servers may take long to give
        /// (RFC 5321 §4.5.3.2.6 suggests 10 minutes).
        public var dataEnd: TimeAmount

        public init(connect: TimeAmount = .seconds(10), greeting: TimeAmount = .seconds(30),
                    command: TimeAmount = .seconds(30), dataEnd: TimeAmount = .seconds(120)) {
            self.connect = connect
            self.greeting = greeting
            self.command = command
            self.dataEnd = dataEnd
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    public var timeouts: Timeouts
    /// The TLS settings for STARTTLS and implicit TLS: by default the system's trust roots and
    /// full verification of the certificate against `host`. Tests replace the roots with their own
    /// certificate authority (`trustRoots = .certificates([...])`).
    public var tls: TLSConfiguration
    /// The name checked against the server's certificate (and sent as SNI); `host` when nil.
    /// An IP address is checked against the certificate's IP addresses instead.
    public var tlsServerName: String?
    /// The name the client gives in EHLO/HELO; when nil, the connection's local address as an
    /// address literal (`[127.0.0.1]`, `[IPv6:::1]`), which is always a valid EHLO argument.
    public var clientName: String?

    /// A configuration made of its fields; throws `.invalidConfiguration` when `credentials` would
    /// cross a network in clear (see the type's documentation) or a field is malformed.
    public init(host: String, port: Int, security: Security = .startTLSIfOffered,
                credentials: Credentials? = nil, timeouts: Timeouts = Timeouts(),
                tls: TLSConfiguration = .makeClientConfiguration(), tlsServerName: String? = nil,
                clientName: String? = nil) throws {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.timeouts = timeouts
        self.tls = tls
        self.tlsServerName = tlsServerName
        self.clientName = clientName
        try validate()
    }

    /// A configuration from an `smtp://` or `smtps://` URL (see the type's documentation).
    public init(url string: String, timeouts: Timeouts = Timeouts(),
                tls: TLSConfiguration = .makeClientConfiguration()) throws {
        guard let url = URLComponents(string: string), let scheme = url.scheme?.lowercased() else {
            throw SMTPError(.invalidConfiguration, step: .configuration,
                            "the SMTP URL cannot be read (smtp://host:port or smtps://host:port)")
        }
        let security: Security
        switch scheme {
        case "smtp": security = .startTLSIfOffered
        case "smtps": security = .implicitTLS
        default:
            throw SMTPError(.invalidConfiguration, step: .configuration,
                            "the SMTP URL's scheme is \(scheme), not smtp or smtps")
        }
        guard var host = url.host, !host.isEmpty else {
            throw SMTPError(.invalidConfiguration, step: .configuration, "the SMTP URL names no host")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard url.path.isEmpty || url.path == "/", url.fragment == nil else {
            throw SMTPError(.invalidConfiguration, step: .configuration,
                            "the SMTP URL has a path or fragment, which means nothing here")
        }
        var chosen = security
        for item in url.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("starttls", "required") where security == .startTLSIfOffered:
                chosen = .startTLSRequired
            case ("starttls", "opportunistic") where security == .startTLSIfOffered:
                chosen = .startTLSIfOffered
            default:
                throw SMTPError(.invalidConfiguration, step: .configuration,
                                "the SMTP URL's option \(item.name)=\(item.value ?? "") is not known (smtp://…?starttls=required is)")
            }
        }
        var credentials: Credentials?
        if let user = url.user {
            // URLComponents decodes `user` and `password` from their percent-encoding.
            credentials = Credentials(username: user, password: url.password ?? "")
        } else if url.password != nil {
            throw SMTPError(.invalidConfiguration, step: .configuration, "the SMTP URL has a password but no user")
        }
        try self.init(host: host, port: url.port ?? (security == .implicitTLS ? 465 : 587),
                      security: chosen, credentials: credentials, timeouts: timeouts, tls: tls)
    }

    /// Whether `host` is this machine's loopback (`localhost`, `127.0.0.0/8`, `::1`): the only host
    /// a password may be sent to in clear.
    public var hostIsLoopback: Bool { Self.isLoopback(host) }

    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || name == "0:0:0:0:0:0:0:1" {
            return true
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    func validate() throws {
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "@" }) else {
            throw SMTPError(.invalidConfiguration, step: .configuration, "the SMTP host \"\(host)\" is not a host name")
        }
        guard (1...65535).contains(port) else {
            throw SMTPError(.invalidConfiguration, step: .configuration, "the SMTP port \(port) is not between 1 and 65535")
        }
        if let clientName {
            guard !clientName.isEmpty, clientName.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw SMTPError(.invalidConfiguration, step: .configuration, "the EHLO name is empty or has spaces or controls")
            }
        }
        if let credentials {
            let all = credentials.username + credentials.password
            guard !credentials.username.isEmpty, !all.unicodeScalars.contains(where: { $0.value == 0 }) else {
                throw SMTPError(.invalidConfiguration, step: .configuration, "the SMTP user name is empty or holds a NUL")
            }
            if security == .startTLSIfOffered && !hostIsLoopback {
                throw SMTPError(
                    .invalidConfiguration, step: .configuration,
                    "a password is sent to \(host) only over TLS: use smtp://…?starttls=required or smtps://")
            }
        }
    }

    /// The URL's form, without the password.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = credentials.map { "\($0.username):<redacted>@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(scheme)://\(user)\(host):\(port)\(security == .startTLSRequired ? "?starttls=required" : "")"
    }
}
