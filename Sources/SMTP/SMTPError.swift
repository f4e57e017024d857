/// A step of a submission, named in every error so that a failure says where it happened.
public enum SMTPStep: String, Sendable, Equatable, CustomStringConvertible {
    case configuration
    case message
    case connect
    case tlsHandshake = "TLS handshake"
    case greeting
    case ehlo = "EHLO"
    case helo = "HELO"
    case startTLS = "STARTTLS"
    case auth = "AUTH"
    case mailFrom = "MAIL FROM"
    case rcptTo = "RCPT TO"
    case data = "DATA"
    case dataEnd = "end of DATA"
    case rset = "RSET"
    case quit = "QUIT"

    public var description: String { rawValue }
}

/// A server's reply: its code, its enhanced status code when it gives one (RFC 3463), and its
/// text lines (without the code).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx and 3xx.
    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx (and anything else that is not 2xx to 4xx): do not try again.
    public var isPermanent: Bool { !isPositive && !isTransient }

    /// The enhanced status code at the start of the first line (`5.7.8`), if any.
    public var enhancedCode: String? {
        guard let first = lines.first?.split(separator: " ", maxSplits: 1).first else { return nil }
        let parts = first.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let klass = parts.first, ["2", "4", "5"].contains(klass),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return String(first)
    }

    /// The text, its lines joined by spaces.
    public var text: String { lines.joined(separator: " ") }

    public var description: String { "\(code) \(text)" }
}

/// Why a submission failed: the step, the reason, the server's reply when there was one, and
/// whether trying again later may succeed (`isTemporary`). Its description never holds the
/// password (the client does not put it in any error, and redacts the AUTH lines it logs).
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The URL or a field of the configuration is wrong (permanent: nothing was sent).
        case invalidConfiguration
        /// The message cannot be sent as it is: a header value with CR or LF, a malformed address
        /// or Message-ID (permanent: nothing was sent).
        case invalidMessage
        /// No TCP connection could be made (temporary).
        case connectionFailed
        /// The server closed the connection before it answered (temporary).
        case connectionClosed
        /// The step took longer than its timeout (temporary). A timeout at the end of DATA leaves
        /// it unknown whether the server took the message: sending it again may deliver it twice,
        /// which the unchanged Message-ID lets receivers see.
        case timeout
        /// TLS failed: the handshake, or the certificate is not trusted or does not name the
        /// host (temporary: it is the connection's, not the message's, and may be fixed).
        case tlsFailed
        /// TLS was required (`?starttls=required`) and the server does not offer STARTTLS
        /// (temporary, as `tlsFailed`).
        case tlsUnavailable
        /// The server offers neither AUTH PLAIN nor AUTH LOGIN (permanent).
        case authenticationUnavailable
        /// The server replied with an error: 4xx is temporary, 5xx permanent.
        case rejected
        /// The server's reply could not be read, or came when none was due (temporary).
        case protocolViolation
    }

    public let reason: Reason
    public let step: SMTPStep
    /// The server's reply, for `.rejected` (and any other reason that came with one).
    public let reply: SMTPReply?
    /// What happened, in words (the server's text included).
    public let message: String

    public init(_ reason: Reason, step: SMTPStep, reply: SMTPReply? = nil, _ message: String) {
        self.reason = reason
        self.step = step
        self.reply = reply
        self.message = message
    }

    /// Whether trying again later may succeed: no connection, a timeout, TLS, a 4xx reply.
    /// A 5xx reply, an invalid message or configuration, and missing AUTH are permanent.
    public var isTemporary: Bool {
        switch reason {
        case .connectionFailed, .connectionClosed, .timeout, .tlsFailed, .tlsUnavailable, .protocolViolation:
            return true
        case .rejected:
            return reply?.isTransient ?? false
        case .invalidConfiguration, .invalidMessage, .authenticationUnavailable:
            return false
        }
    }

    /// `!isTemporary`.
    public var isPermanent: Bool { !isTemporary }

    /// The server's reply code, if it replied.
    public var code: Int? { reply?.code }

    public var description: String {
        "SMTP \(isTemporary ? "temporary" : "permanent") failure at \(step): \(message)"
    }

    static func rejected(_ step: SMTPStep, _ reply: SMTPReply) -> SMTPError {
        SMTPError(.rejected, step: step, reply: reply, "the server answered \(reply.code) \(reply.text)")
    }
}
