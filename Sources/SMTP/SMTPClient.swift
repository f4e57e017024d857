import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Submits mail to one server as its configuration says.
///
/// ```swift
/// let client = try SMTPClient(configuration: SMTPConfiguration(url: "smtp://mailer:secret@mail.example.com:587?starttls=required"))
/// try await client.send(message)                       // one connection for one message
/// try await client.withConnection { connection in      // one connection for several
///     for message in messages { try await connection.send(message) }
/// }
/// ```
///
/// Every failure is an `SMTPError` saying the step, whether it is temporary, and the server's
/// code and text when it answered.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let group: any EventLoopGroup
    let logger: Logger
    let tlsContext: NIOSSLContext

    /// A client for `configuration`; throws `.invalidConfiguration` when its TLS settings cannot
    /// be used (e.g. a trust roots file that does not exist).
    public init(configuration: SMTPConfiguration,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "smtp", factory: { _ in SwiftLogNoOpLogHandler() })) throws {
        try configuration.validate()
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
        do {
            self.tlsContext = try NIOSSLContext(configuration: configuration.tls)
        } catch {
            throw SMTPError(.invalidConfiguration, step: .configuration, "the TLS settings cannot be used: \(error)")
        }
    }

    /// Sends `message` over a connection of its own, then QUIT.
    public func send(_ message: SMTPMessage) async throws {
        let rendered = try message.rendered()
        try await withConnection { connection in
            try await connection.send(from: message.from.address, to: [message.to.address], data: rendered)
        }
    }

    /// Opens a connection (greeting, EHLO, STARTTLS, AUTH), runs `body` with it, then QUITs
    /// and closes it, whether `body` threw or not.
    public func withConnection<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SMTPConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await connect()
        let result: Result
        do {
            result = try await body(connection)
        } catch {
            await connection.quit()
            throw error
        }
        await connection.quit()
        return result
    }

    /// Opens a connection ready for `send` (greeting, EHLO, STARTTLS, AUTH done); the caller
    /// ends it with `quit()`.
    public func connect() async throws -> SMTPConnection {
        try await SMTPConnection.open(configuration, tlsContext: tlsContext, group: group, logger: logger)
    }
}

/// One connection to the server, ready to send one message after another (RSET after a
/// transaction that failed). One `send` at a time; a failure that leaves the connection in an
/// unknown state (a timeout, a closed connection) makes every later `send` fail with it.
public actor SMTPConnection {
    let configuration: SMTPConfiguration
    let channel: any Channel
    let handler: NIOLoopBound<SMTPReplyHandler>
    let logger: Logger
    /// The EHLO keywords (upper-case) and their parameters; empty after HELO.
    public private(set) var extensions: [String: String] = [:]
    /// Whether the connection is encrypted.
    public private(set) var isEncrypted = false
    /// Whether AUTH succeeded.
    public private(set) var isAuthenticated = false
    private var needsReset = false
    private var busy = false
    private var broken: SMTPError?
    private var closed = false

    init(configuration: SMTPConfiguration, channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, logger: Logger) {
        self.configuration = configuration
        self.channel = channel
        self.handler = handler
        self.logger = logger
    }

    static func open(_ configuration: SMTPConfiguration, tlsContext: NIOSSLContext, group: any EventLoopGroup,
                     logger: Logger) async throws -> SMTPConnection {
        let implicitTLS = configuration.security == .implicitTLS
        let serverName = try Self.serverName(configuration)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(configuration.timeouts.connect)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch ChannelError.connectTimeout(let amount) {
            throw SMTPError(.timeout, step: .connect,
                            "no connection to \(configuration.host):\(configuration.port) within \(SMTPReplyHandler.seconds(amount))")
        } catch {
            throw SMTPError(.connectionFailed, step: .connect, "no connection to \(configuration.host):\(configuration.port): \(error)")
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        let connection = SMTPConnection(configuration: configuration, channel: channel, handler: handler, logger: logger)
        do {
            try await connection.start(tlsContext: tlsContext, serverName: serverName)
        } catch {
            await connection.quit()
            throw error
        }
        return connection
    }

    /// The name the certificate must hold: `tlsServerName`, else the host; nil for an IP
    /// address, which NIOSSL then checks against the certificate's IP addresses.
    static func serverName(_ configuration: SMTPConfiguration) throws -> String? {
        let name = configuration.tlsServerName ?? configuration.host
        let isAddress = (try? SocketAddress(ipAddress: name, port: 0)) != nil
        return isAddress ? nil : name
    }

    // MARK: Opening

    private func start(tlsContext: NIOSSLContext, serverName: String?) async throws {
        let timeouts = configuration.timeouts
        if configuration.security == .implicitTLS {
            try await handshake(timeout: timeouts.greeting)
        }
        let greeting = try await exchange(nil, step: .greeting, timeout: timeouts.greeting).reply
        guard greeting.code == 220 else { throw SMTPError.rejected(.greeting, greeting) }
        try await hello()

        if !isEncrypted && configuration.security != .implicitTLS {
            if extensions["STARTTLS"] != nil {
                let answer = try await exchange("STARTTLS", step: .startTLS, timeout: timeouts.command)
                guard answer.reply.code == 220 else { throw SMTPError.rejected(.startTLS, answer.reply) }
                let unread = try await channel.eventLoop.submit { [handler] in handler.value.hasUnreadReply }.get()
                guard !answer.moreBuffered && !unread else {
                    throw SMTPError(.protocolViolation, step: .startTLS,
                                    "the server sent more after its STARTTLS answer, before TLS: refused (it could be injected)")
                }
                try await channel.eventLoop.submit { [channel] in
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: tlsContext, serverHostname: serverName), position: .first)
                }.get()
                try await handshake(timeout: timeouts.command)
                extensions = [:]
                try await hello()
            } else if configuration.security == .startTLSRequired {
                throw SMTPError(.tlsUnavailable, step: .startTLS,
                                "the server does not offer STARTTLS, which the configuration requires (starttls=required): nothing was sent")
            }
        }
        if let credentials = configuration.credentials {
            try await authenticate(credentials)
        }
    }

    private func handshake(timeout: TimeAmount) async throws {
        let handler = self.handler
        do {
            try await channel.eventLoop.flatSubmit { [channel] in handler.value.handshakeCompleted(timeout: timeout, on: channel.eventLoop) }.get()
        } catch let error as SMTPError {
            throw broke(error)
        }
        isEncrypted = true
    }

    /// EHLO, or HELO when the server does not know EHLO (a 5xx to it).
    private func hello() async throws {
        let name = configuration.clientName ?? Self.addressLiteral(channel.localAddress)
        let ehlo = try await exchange("EHLO \(name)", step: .ehlo, timeout: configuration.timeouts.command).reply
        if ehlo.code == 250 {
            extensions = [:]
            for line in ehlo.lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard let keyword = parts.first else { continue }
                // "AUTH=PLAIN LOGIN" is the old form of "AUTH PLAIN LOGIN".
                let pair = keyword.split(separator: "=", maxSplits: 1)
                let key = String(pair[0]).uppercased()
                let value = pair.count == 2 ? String(pair[1]) + (parts.count == 2 ? " \(parts[1])" : "")
                    : parts.count == 2 ? String(parts[1]) : ""
                extensions[key] = extensions[key].map { "\($0) \(value)" } ?? value
            }
            return
        }
        guard ehlo.isPermanent else { throw SMTPError.rejected(.ehlo, ehlo) }
        let helo = try await exchange("HELO \(name)", step: .helo, timeout: configuration.timeouts.command).reply
        guard helo.code == 250 else { throw SMTPError.rejected(.helo, helo) }
        extensions = [:]
    }

    static func addressLiteral(_ address: SocketAddress?) -> String {
        switch address {
        case .v4?: return "[\(address!.ipAddress!)]"
        case .v6?: return "[IPv6:\(address!.ipAddress!)]"
        default: return "[127.0.0.1]"
        }
    }

    /// AUTH PLAIN (RFC 4616) when offered, else AUTH LOGIN; over TLS only, unless the host is loopback.
    private func authenticate(_ credentials: SMTPConfiguration.Credentials) async throws {
        guard isEncrypted || configuration.hostIsLoopback else {
            throw SMTPError(.invalidConfiguration, step: .auth,
                            "a password is sent to \(configuration.host) only over TLS: refused before AUTH")
        }
        let offered = Set((extensions["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
        let timeout = configuration.timeouts.command
        if offered.contains("PLAIN") {
            let token = base64(Array("\0\(credentials.username)\0\(credentials.password)".utf8))
            let reply = try await exchange("AUTH PLAIN \(token)", step: .auth, timeout: timeout, logged: "AUTH PLAIN <redacted>").reply
            guard reply.code == 235 else { throw SMTPError.rejected(.auth, reply) }
        } else if offered.contains("LOGIN") {
            var reply = try await exchange("AUTH LOGIN", step: .auth, timeout: timeout).reply
            guard reply.code == 334 else { throw SMTPError.rejected(.auth, reply) }
            reply = try await exchange(base64(Array(credentials.username.utf8)), step: .auth, timeout: timeout, logged: "<user name>").reply
            guard reply.code == 334 else { throw SMTPError.rejected(.auth, reply) }
            reply = try await exchange(base64(Array(credentials.password.utf8)), step: .auth, timeout: timeout, logged: "<redacted>").reply
            guard reply.code == 235 else { throw SMTPError.rejected(.auth, reply) }
        } else {
            throw SMTPError(.authenticationUnavailable, step: .auth,
                            offered.isEmpty ? "the server offers no AUTH (after \(isEncrypted ? "TLS" : "EHLO"))"
                                : "the server offers AUTH \(offered.sorted().joined(separator: " ")), neither PLAIN nor LOGIN")
        }
        isAuthenticated = true
    }

    // MARK: Sending

    /// Sends `message` (rendered by `SMTPMessage.rendered()`) in one transaction.
    public func send(_ message: SMTPMessage) async throws {
        try await send(from: message.from.address, to: [message.to.address], data: message.rendered())
    }

    /// Sends `data`, a message already in RFC 5322 form, from `from` to each of `to` in one
    /// transaction: MAIL FROM, RCPT TO for each, DATA with line ends made CRLF and lines that
    /// start with "." doubled (RFC 5321 §4.5.2). `BODY=8BITMIME` is declared when `data` has
    /// 8-bit bytes and the server offers it, `SIZE=` when the server offers SIZE. Throws when any
    /// recipient is refused.
    public func send(from: String, to recipients: [String], data: [UInt8]) async throws {
        for address in [from] + recipients {
            try SMTPMessage.checkAddress(address, header: address == from ? "sender" : "recipient")
        }
        guard !recipients.isEmpty else { throw SMTPMessage.invalid("a message needs a recipient") }
        precondition(!busy, "one send at a time on an SMTPConnection")
        if let broken { throw broken }
        busy = true
        defer { busy = false }
        let timeouts = configuration.timeouts

        if needsReset {
            let reply = try await exchange("RSET", step: .rset, timeout: timeouts.command).reply
            guard reply.code == 250 else { throw SMTPError.rejected(.rset, reply) }
            needsReset = false
        }
        needsReset = true
        let payload = Self.dotStuffed(data)
        var parameters = ""
        if data.contains(where: { $0 >= 0x80 }) && extensions["8BITMIME"] != nil { parameters += " BODY=8BITMIME" }
        if extensions["SIZE"] != nil { parameters += " SIZE=\(payload.readableBytes)" }
        var reply = try await exchange("MAIL FROM:<\(from)>\(parameters)", step: .mailFrom, timeout: timeouts.command).reply
        guard reply.code == 250 else { throw SMTPError.rejected(.mailFrom, reply) }
        for recipient in recipients {
            reply = try await exchange("RCPT TO:<\(recipient)>", step: .rcptTo, timeout: timeouts.command).reply
            guard reply.code == 250 || reply.code == 251 else { throw SMTPError.rejected(.rcptTo, reply) }
        }
        reply = try await exchange("DATA", step: .data, timeout: timeouts.command).reply
        guard reply.code == 354 else { throw SMTPError.rejected(.data, reply) }
        reply = try await exchange(payload, step: .dataEnd, timeout: timeouts.dataEnd, logged: "<message, \(payload.readableBytes) bytes>").reply
        guard reply.code == 250 else { throw SMTPError.rejected(.dataEnd, reply) }
        needsReset = false
    }

    /// `data` with CRLF line ends, a "." doubled at the start of each line, and the closing
    /// `.` line.
    static func dotStuffed(_ data: [UInt8]) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(data.count + data.count / 40 + 8)
        var lineStart = true
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == 0x0D || byte == 0x0A {
                out.writeBytes([0x0D, 0x0A])
                if byte == 0x0D && index + 1 < data.count && data[index + 1] == 0x0A { index += 1 }
                lineStart = true
            } else {
                if lineStart && byte == UInt8(ascii: ".") { out.writeInteger(UInt8(ascii: ".")) }
                out.writeInteger(byte)
                lineStart = false
            }
            index += 1
        }
        if !lineStart { out.writeBytes([0x0D, 0x0A]) }
        out.writeString(".\r\n")
        return out
    }

    /// QUIT (within the command timeout, its answer or failure ignored), then closes the
    /// connection. Safe to call more than once.
    public func quit() async {
        guard !closed else { return }
        closed = true
        if broken == nil {
            _ = try? await exchange("QUIT", step: .quit, timeout: configuration.timeouts.command)
        }
        broken = broken ?? SMTPError(.connectionClosed, step: .quit, "the connection was closed (QUIT)")
        try? await channel.close()
    }

    // MARK: The wire

    /// Writes `line` (with CRLF) and waits for the reply, within `timeout`.
    private func exchange(_ line: String?, step: SMTPStep, timeout: TimeAmount, logged: String? = nil) async throws -> DecodedReply {
        try await exchange(line.map { ByteBuffer(string: $0 + "\r\n") }, step: step, timeout: timeout, logged: logged ?? line)
    }

    private func exchange(_ bytes: ByteBuffer?, step: SMTPStep, timeout: TimeAmount, logged: String?) async throws -> DecodedReply {
        if let broken { throw SMTPError(broken.reason, step: step, reply: broken.reply, broken.message) }
        if let logged { logger.trace("C: \(logged)") }
        let channel = self.channel, handler = self.handler
        do {
            let answer = try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<DecodedReply> in
                if let bytes {
                    // A reply already there would be taken for this command's: the two sides
                    // no longer agree on where they are.
                    guard !handler.value.hasUnreadReply else {
                        let error = SMTPError(.protocolViolation, step: step, "the server answered before it was asked")
                        return channel.eventLoop.makeFailedFuture(error) as EventLoopFuture<DecodedReply>
                    }
                    channel.writeAndFlush(bytes, promise: nil)
                }
                return handler.value.nextReply(for: step, timeout: timeout, on: channel.eventLoop)
            }.get()
            logger.trace("S: \(answer.reply)")
            if answer.reply.code == 421 {
                // "Service not available, closing transmission channel": nothing more will work.
                broken = SMTPError.rejected(step, answer.reply)
            }
            return answer
        } catch let error as SMTPError {
            throw broke(error)
        } catch {
            throw broke(SMTPError(.connectionClosed, step: step, "the connection failed: \(error)"))
        }
    }

    /// Marks the connection unusable by `error` and closes it.
    private func broke(_ error: SMTPError) -> SMTPError {
        if broken == nil { broken = error }
        channel.close(promise: nil)
        return error
    }
}

/// Base64 (RFC 4648) with padding.
func base64(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let n = bytes.count - index
        let b0 = bytes[index], b1 = n > 1 ? bytes[index + 1] : 0, b2 = n > 2 ? bytes[index + 2] : 0
        out.append(table[Int(b0 >> 2)])
        out.append(table[Int((b0 & 0x03) << 4 | b1 >> 4)])
        out.append(n > 1 ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
        out.append(n > 2 ? table[Int(b2 & 0x3F)] : UInt8(ascii: "="))
        index += 3
    }
    return String(decoding: out, as: UTF8.self)
}
