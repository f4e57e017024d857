import NIOCore
import NIOSSL
import NIOTLS

/// A reply as the decoder reads it, and whether more bytes were waiting after it (which after
/// STARTTLS's `220` would be a reply injected in clear, CVE-2011-0411's client side).
struct DecodedReply: Sendable {
    let reply: SMTPReply
    let moreBuffered: Bool
}

/// Reads replies, multi-line ones (`250-…` lines up to the `250 …` one) as one (RFC 5321 §4.2.1).
/// Lines end with CRLF (a bare LF is taken too); a line longer than `maximumLineLength` or a
/// reply of more than `maximumLines` is a protocol violation, as is a line without a code.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = DecodedReply

    static let maximumLineLength = 4096
    static let maximumLines = 200

    private var lines: [String] = []
    private var code: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw SMTPError(.protocolViolation, step: .greeting, "a reply line is longer than \(Self.maximumLineLength) bytes")
            }
            return .needMoreData
        }
        let length = newline - view.startIndex
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        let bytes = Array(line.readableBytesView)
        guard bytes.count >= 3, bytes.count <= Self.maximumLineLength,
              bytes[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else {
            throw SMTPError(.protocolViolation, step: .greeting,
                            "the server's line \"\(Self.printable(bytes.prefix(80)))\" is not an SMTP reply")
        }
        let lineCode = Int(String(decoding: bytes[0..<3], as: UTF8.self))!
        if let code, code != lineCode {
            throw SMTPError(.protocolViolation, step: .greeting, "a multi-line reply changed its code from \(code) to \(lineCode)")
        }
        code = lineCode
        lines.append(bytes.count > 4 ? Self.printable(bytes[4...]) : "")
        if lines.count > Self.maximumLines {
            throw SMTPError(.protocolViolation, step: .greeting, "a reply has more than \(Self.maximumLines) lines")
        }
        if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
            let reply = SMTPReply(code: lineCode, lines: lines)
            lines = []
            code = nil
            context.fireChannelRead(wrapInboundOut(DecodedReply(reply: reply, moreBuffered: buffer.readableBytes > 0)))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// The server's text as UTF-8 (invalid bytes replaced), controls replaced by spaces.
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).unicodeScalars
            .map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
    }
}

/// Hands each reply to the one who waits for it, each within its own timeout; closing the
/// connection, an error (a TLS one, a reply that cannot be read) or a timeout fails the wait.
/// Lives on its channel's event loop; `SMTPConnection` reaches it there.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = DecodedReply

    private var received: [DecodedReply] = []
    private var waiting: (promise: EventLoopPromise<DecodedReply>, step: SMTPStep, timeout: Scheduled<Void>)?
    private var handshake: EventLoopPromise<Void>?
    private var handshakeDone = false
    /// Why the connection cannot be used any more, once it cannot.
    private(set) var failure: SMTPError?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.succeed(reply)
        } else {
            received.append(reply)
            if received.count > 16 {
                errorCaught(context: context, error: SMTPError(.protocolViolation, step: .greeting, "the server sent replies nobody asked for"))
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            handshakeDone = true
            handshake?.succeed(())
            handshake = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let step = waiting?.step ?? (handshake != nil ? .tlsHandshake : .greeting)
        let failure: SMTPError
        if let error = error as? SMTPError {
            failure = SMTPError(error.reason, step: step, reply: error.reply, error.message)
        } else if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            failure = SMTPError(.tlsFailed, step: step, "TLS failed: \(error)")
        } else {
            failure = SMTPError(.connectionClosed, step: step, "the connection failed: \(error)")
        }
        fail(failure)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let step = waiting?.step ?? (handshake != nil ? .tlsHandshake : .greeting)
        fail(SMTPError(.connectionClosed, step: step, "the server closed the connection"))
        context.fireChannelInactive()
    }

    /// Fails whoever waits, and every later wait, with `error`.
    func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.fail(failure!)
        }
        if let handshake {
            self.handshake = nil
            handshake.fail(failure!)
        }
    }

    /// The next reply, failing with `.timeout` naming `step` after `timeout` (and then closing
    /// the connection, whose state is no longer known).
    func nextReply(for step: SMTPStep, timeout: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<DecodedReply> {
        if !received.isEmpty { return eventLoop.makeSucceededFuture(received.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(SMTPError(failure.reason, step: step, reply: failure.reply, failure.message)) }
        precondition(waiting == nil, "one reply is awaited at a time")
        let promise = eventLoop.makePromise(of: DecodedReply.self)
        let scheduled = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard let waiting, waiting.promise.futureResult === promise.futureResult else { return }
            fail(SMTPError(.timeout, step: step, "the server did not answer \(step) within \(Self.seconds(timeout))"))
            context?.close(promise: nil)
        }
        waiting = (promise, step, scheduled)
        return promise.futureResult
    }

    /// The end of the TLS handshake, within `timeout`.
    func handshakeCompleted(timeout: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        if handshakeDone { return eventLoop.makeSucceededFuture(()) }
        if let failure { return eventLoop.makeFailedFuture(SMTPError(failure.reason, step: .tlsHandshake, failure.message)) }
        let promise = eventLoop.makePromise(of: Void.self)
        handshake = promise
        let scheduled = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard handshake != nil else { return }
            fail(SMTPError(.timeout, step: .tlsHandshake, "the TLS handshake did not end within \(Self.seconds(timeout))"))
            context?.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in scheduled.cancel() }
        return promise.futureResult
    }

    /// Whether a reply came that nobody asked for yet.
    var hasUnreadReply: Bool { !received.isEmpty }

    static func seconds(_ amount: TimeAmount) -> String {
        let ms = amount.nanoseconds / 1_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s"
    }
}
