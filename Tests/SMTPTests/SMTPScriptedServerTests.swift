import Foundation
import NIOCore
import NIOPosix
import SMTP
import Testing

/// What a real server will not do on request: answers the client must refuse or survive, from a
/// server on loopback that answers each command line from a script.
struct SMTPScriptedServerTests {
    /// Answers `greeting` on connect, then `answer(line)` to each command line (and to "." at the
    /// end of DATA); nil says nothing; "CLOSE" hangs up.
    final class ScriptedHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String
        let answer: @Sendable (String) -> String?
        var pending = ""
        var inData = false

        init(greeting: String, answer: @escaping @Sendable (String) -> String?) {
            self.greeting = greeting
            self.answer = answer
        }

        func channelActive(context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += String(buffer: unwrapInboundIn(data))
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                if inData {
                    guard line == "." else { continue }
                    inData = false
                } else if line.uppercased() == "DATA" {
                    inData = true
                }
                guard let reply = answer(line) else { continue }
                if reply == "CLOSE" { context.close(promise: nil); return }
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            }
        }
    }

    static func withServer<T>(greeting: String = "220 scripted.test ESMTP\r\n",
                              _ answer: @escaping @Sendable (String) -> String?,
                              _ body: (Int) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(greeting: greeting, answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server.localAddress!.port!)
            try? await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }

    static func client(_ port: Int, query: String = "") throws -> SMTPClient {
        try SMTPClient(configuration: SMTPConfiguration(
            url: "smtp://127.0.0.1:\(port)\(query)",
            timeouts: .init(connect: .seconds(10), greeting: .seconds(30), command: .seconds(30), dataEnd: .seconds(30))))
    }

    static let message = SMTPMessage(from: SMTPMailbox("a@likeness.test"), to: SMTPMailbox("b@example.org"),
                                     subject: "s", body: "b", date: Date(timeIntervalSince1970: 0), messageID: "m@likeness.test")

    static func error(_ body: () async throws -> Void) async -> SMTPError? {
        do { try await body(); return nil } catch { return error as? SMTPError }
    }

    /// An answer to STARTTLS followed by more, in clear, before TLS: injected, so refused.
    @Test func aReplyInjectedBeforeTLSIsRefused() async throws {
        try await Self.withServer({ line in
            switch line.prefix(4).uppercased() {
            case "EHLO": return "250-scripted.test\r\n250 STARTTLS\r\n"
            case "STAR": return "220 Go ahead\r\n250-scripted.test\r\n250 AUTH PLAIN\r\n"
            case "QUIT": return "221 Bye\r\n"
            default: return "500 What\r\n"
            }
        }) { port in
            let error = await Self.error { try await Self.client(port).send(Self.message) }
            #expect(error?.reason == .protocolViolation)
            #expect(error?.step == .startTLS)
        }
    }

    /// Multi-line replies are read whole; a refusal says all its lines.
    @Test func multiLineReplies() async throws {
        try await Self.withServer(greeting: "220-scripted.test\r\n220-second line\r\n220 ready\r\n", { line in
            switch line.prefix(4).uppercased() {
            case "EHLO": return "250-scripted.test\r\n250-SIZE 1000\r\n250 8BITMIME\r\n"
            case "MAIL": return "250 OK\r\n"
            case "RCPT": return "550-5.1.1 This mailbox is unknown,\r\n550 5.1.1 and so is its domain\r\n"
            case "QUIT": return "221 Bye\r\n"
            default: return "500 What\r\n"
            }
        }) { port in
            let error = await Self.error { try await Self.client(port).send(Self.message) }
            #expect(error?.reply == SMTPReply(code: 550, lines: ["5.1.1 This mailbox is unknown,", "5.1.1 and so is its domain"]))
            #expect(error?.isPermanent == true)
            #expect(error?.message == "the server answered 550 5.1.1 This mailbox is unknown, 5.1.1 and so is its domain")
        }
    }

    /// A server that hangs up, answers twice or garbage, or closes with 421: temporary, naming the step.
    @Test func hangUpsAndGarbageAreTemporary() async throws {
        let cases: [(String, String, SMTPError.Reason, SMTPStep)] = [
            ("EHLO", "CLOSE", .connectionClosed, .ehlo),
            ("EHLO", "250 scripted.test\r\n250 and again\r\n", .protocolViolation, .mailFrom),
            ("MAIL", "hello there\r\n", .protocolViolation, .mailFrom),
            ("RCPT", "421 4.3.2 Shutting down\r\n", .rejected, .rcptTo),
            ("DATA", "CLOSE", .connectionClosed, .data),
            (".", "451 4.3.0 Queue full\r\n", .rejected, .dataEnd),
        ]
        for (command, reply, reason, step) in cases {
            try await Self.withServer({ line in
                if line.uppercased().hasPrefix(command) { return reply }
                switch line.prefix(4).uppercased() {
                case "EHLO": return "250 scripted.test\r\n"
                case "MAIL", "RCPT": return "250 OK\r\n"
                case "DATA": return "354 Go on\r\n"
                case ".": return "250 Queued\r\n"
                case "QUIT": return "221 Bye\r\n"
                default: return "500 What\r\n"
                }
            }) { port in
                let error = await Self.error { try await Self.client(port).send(Self.message) }
                #expect(error?.reason == reason, "\(command)")
                #expect(error?.step == step, "\(command)")
                #expect(error?.isTemporary == true, "\(command)")
            }
        }
    }

    /// A greeting of 554 (RFC 5321 §3.1: no service here) is permanent.
    @Test func aRefusingGreetingIsPermanent() async throws {
        try await Self.withServer(greeting: "554 5.7.1 No mail from you\r\n", { _ in "221 Bye\r\n" }) { port in
            let error = await Self.error { try await Self.client(port).send(Self.message) }
            #expect(error?.step == .greeting)
            #expect(error?.code == 554)
            #expect(error?.isPermanent == true)
        }
    }

    /// A server that offers neither PLAIN nor LOGIN cannot be authenticated to: permanent.
    @Test func noUsableAuthMechanism() async throws {
        try await Self.withServer({ line in
            line.uppercased().hasPrefix("EHLO") ? "250-scripted.test\r\n250 AUTH CRAM-MD5 XOAUTH2\r\n"
                : line.uppercased() == "QUIT" ? "221 Bye\r\n" : "500 What\r\n"
        }) { port in
            let client = try SMTPClient(configuration: SMTPConfiguration(url: "smtp://u:p@127.0.0.1:\(port)"))
            let error = await Self.error { try await client.send(Self.message) }
            #expect(error?.reason == .authenticationUnavailable)
            #expect(error?.message.contains("CRAM-MD5 XOAUTH2") == true)
            #expect(error?.isPermanent == true)
        }
    }
}
