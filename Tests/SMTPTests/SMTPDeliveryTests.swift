import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SMTP
import Testing

/// Mail to a real SMTP server on loopback: aiosmtpd (`smtp-test-server.py`), which reads what it
/// receives with Python's email package.
@Suite(.enabled(if: aiosmtpdAvailable, "scripts/python-env installs aiosmtpd into .venv"))
struct SMTPDeliveryTests {
    /// 2026-12-07 17:56:07 UTC: a fixed instant, so nothing depends on today.
    static let date = Date(timeIntervalSince1970: 1_796_666_167)

    static func message(subject: String = "An offer waits for you", body: String = "Hello,\nan offer waits.\n",
                        fromName: String? = "Likeness", toName: String? = nil,
                        id: String = "offer-1@likeness.test") -> SMTPMessage {
        SMTPMessage(from: SMTPMailbox("notify@likeness.test", displayName: fromName),
                    to: SMTPMailbox("ines@example.org", displayName: toName),
                    subject: subject, body: body, date: date, messageID: id)
    }

    static func client(_ url: String, tls: TLSConfiguration = .makeClientConfiguration(),
                       timeouts: SMTPConfiguration.Timeouts = .init(connect: .seconds(10), greeting: .seconds(30), command: .seconds(30), dataEnd: .seconds(30))) throws -> SMTPClient {
        try SMTPClient(configuration: SMTPConfiguration(url: url, timeouts: timeouts, tls: tls))
    }

    /// Expects `body` to throw an `SMTPError` and answers it.
    static func failure(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> SMTPError? {
        do {
            try await body()
            Issue.record("no error", sourceLocation: sourceLocation)
            return nil
        } catch let error as SMTPError {
            return error
        } catch {
            Issue.record("not an SMTPError: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func aMessageArrivesAsSent() async throws {
        try await TestSMTPServer.with { server in
            try await Self.client("smtp://127.0.0.1:\(server.port)").send(Self.message())
            let received = try server.received()
            try #require(received.count == 1)
            let mail = received[0]
            #expect(mail.parse_error == nil)
            #expect(mail.mail_from == "notify@likeness.test")
            #expect(mail.rcpt_tos == ["ines@example.org"])
            #expect(mail.from_name == "Likeness" && mail.from_addr == "notify@likeness.test")
            #expect(mail.to_addr == "ines@example.org")
            #expect(mail.subject == "An offer waits for you")
            #expect(mail.date == "Mon, 07 Dec 2026 17:56:07 +0000" && mail.date_valid == true)
            #expect(mail.message_id == "<offer-1@likeness.test>")
            #expect(mail.auto_submitted == "auto-generated")
            #expect(mail.mime_version == "1.0")
            #expect(mail.content_type == "text/plain" && mail.charset == "utf-8")
            #expect(mail.cte == "7bit")
            #expect(mail.text == "Hello,\nan offer waits.\n")
            #expect(mail.defects == [])
            #expect(!mail.tls && mail.login == nil && !mail.bare_lf)
            #expect(mail.mail_options.contains { $0.hasPrefix("SIZE=") })
        }
    }

    @Test func heloWhenTheServerRefusesEhlo() async throws {
        try await TestSMTPServer.with(["--no-ehlo"]) { server in
            try await Self.client("smtp://127.0.0.1:\(server.port)").send(Self.message())
            #expect(try server.received().map(\.subject) == ["An offer waits for you"])
        }
    }

    @Test func startTLSWithATestCertificate() async throws {
        let certificates = try await TestCertificates.shared.value
        try await TestSMTPServer.with(["--starttls", certificates.serverCertificate, certificates.serverKey]) { server in
            let client = try Self.client("smtp://127.0.0.1:\(server.port)?starttls=required", tls: certificates.trusting(certificates.ca))
            try await client.withConnection { connection in
                #expect(await connection.isEncrypted)
                try await connection.send(Self.message())
            }
            // By name too: the certificate names localhost.
            try await Self.client("smtp://localhost:\(server.port)", tls: certificates.trusting(certificates.ca)).send(Self.message(id: "2@x.test"))
            #expect(try server.received().map(\.tls) == [true, true])
        }
    }

    @Test func aCertificateFromAnotherAuthorityIsRefused() async throws {
        let certificates = try await TestCertificates.shared.value
        try await TestSMTPServer.with(["--starttls", certificates.serverCertificate, certificates.serverKey]) { server in
            let client = try Self.client("smtp://127.0.0.1:\(server.port)", tls: certificates.trusting(certificates.otherCA))
            let error = await Self.failure { try await client.send(Self.message()) }
            #expect(error?.reason == .tlsFailed)
            #expect(error?.step == .tlsHandshake)
            #expect(error?.isTemporary == true)
            #expect(try server.received().isEmpty)
        }
    }

    @Test func startTLSRequiredAgainstAServerWithoutIt() async throws {
        try await TestSMTPServer.with { server in
            let client = try Self.client("smtp://127.0.0.1:\(server.port)?starttls=required")
            let error = await Self.failure { try await client.send(Self.message()) }
            #expect(error?.reason == .tlsUnavailable)
            #expect(error?.step == .startTLS)
            #expect(error?.description.contains("does not offer STARTTLS") == true)
            #expect(try server.received().isEmpty)
        }
    }

    @Test func implicitTLS() async throws {
        let certificates = try await TestCertificates.shared.value
        try await TestSMTPServer.with(["--tls", certificates.serverCertificate, certificates.serverKey]) { server in
            try await Self.client("smtps://127.0.0.1:\(server.port)", tls: certificates.trusting(certificates.ca)).send(Self.message())
            #expect(try server.received().map(\.tls) == [true])
            // Plain SMTP to a TLS port: the greeting never comes in a form it can read.
            let plain = try Self.client("smtp://127.0.0.1:\(server.port)",
                                        timeouts: .init(connect: .seconds(5), greeting: .seconds(1), command: .seconds(1), dataEnd: .seconds(1)))
            let error = await Self.failure { try await plain.send(Self.message()) }
            #expect(error?.isTemporary == true)
            #expect(error?.step == .greeting)
        }
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func authenticatesOverTLS(mechanism: String) async throws {
        let certificates = try await TestCertificates.shared.value
        let other = mechanism == "PLAIN" ? "LOGIN" : "PLAIN"
        try await TestSMTPServer.with(["--starttls", certificates.serverCertificate, certificates.serverKey,
                                       "--auth", "mailer:s3cret p@ss", "--auth-exclude", other]) { server in
            let client = try Self.client("smtp://mailer:s3cret%20p%40ss@127.0.0.1:\(server.port)?starttls=required",
                                         tls: certificates.trusting(certificates.ca))
            try await client.withConnection { connection in
                #expect(await connection.isAuthenticated)
                #expect(await connection.extensions["AUTH"] == mechanism)
                try await connection.send(Self.message())
            }
            let received = try server.received()
            #expect(received.map(\.login) == ["mailer"])
            #expect(received.map(\.tls) == [true])
        }
    }

    @Test func plainIsPreferredAndLoopbackMayAuthenticateInClear() async throws {
        try await TestSMTPServer.with(["--auth", "mailer:secret", "--auth-in-clear"]) { server in
            try await Self.client("smtp://mailer:secret@127.0.0.1:\(server.port)").withConnection { connection in
                #expect(await connection.extensions["AUTH"] == "LOGIN PLAIN")
                #expect(await !connection.isEncrypted)
                try await connection.send(Self.message())
            }
            #expect(try server.received().map(\.login) == ["mailer"])
        }
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func aWrongPasswordIsPermanent(mechanism: String) async throws {
        try await TestSMTPServer.with(["--auth", "mailer:secret", "--auth-in-clear",
                                       "--auth-exclude", mechanism == "PLAIN" ? "LOGIN" : "PLAIN"]) { server in
            let client = try Self.client("smtp://mailer:wrong-horse@127.0.0.1:\(server.port)")
            let error = await Self.failure { try await client.send(Self.message()) }
            #expect(error?.reason == .rejected)
            #expect(error?.step == .auth)
            #expect(error?.code == 535)
            #expect(error?.reply?.enhancedCode == "5.7.8")
            #expect(error?.isPermanent == true)
            #expect(error.map { !"\($0)".contains("wrong-horse") && !$0.message.contains("wrong-horse") } == true)
            #expect(try server.received().isEmpty)
        }
    }

    /// To a host other than loopback, a password in an `smtp://` URL needs `starttls=required`:
    /// refused when the configuration is made, before any connection.
    @Test func aPasswordInClearToAnotherHostIsRefusedBeforeConnecting() throws {
        for url in ["smtp://mailer:hunter2@mail.example.com:587", "smtp://mailer:hunter2@192.0.2.7:25",
                    "smtp://mailer:hunter2@[2001:db8::1]:587"] {
            #expect {
                _ = try SMTPConfiguration(url: url)
            } throws: { error in
                guard let error = error as? SMTPError else { return false }
                return error.reason == .invalidConfiguration && error.step == .configuration && error.isPermanent
                    && error.message.contains("only over TLS") && !"\(error)".contains("hunter2")
            }
        }
        #expect(throws: SMTPError.self) {
            _ = try SMTPConfiguration(host: "mail.example.com", port: 587, credentials: .init(username: "u", password: "p"))
        }
        #expect(try SMTPConfiguration(url: "smtp://mailer:hunter2@mail.example.com:587?starttls=required").security == .startTLSRequired)
        #expect(try SMTPConfiguration(url: "smtps://mailer:hunter2@mail.example.com").port == 465)
        #expect(try SMTPConfiguration(url: "smtp://mailer:hunter2@localhost:2525").hostIsLoopback)
        #expect(try SMTPConfiguration(url: "smtp://mailer:hunter2@127.0.0.2:2525").hostIsLoopback)
        #expect(try SMTPConfiguration(url: "smtp://mailer:hunter2@[::1]:2525").host == "::1")
    }

    /// A 4xx is temporary; sending the same message again (same Message-ID) delivers it once.
    @Test func aTemporaryRefusalThenSuccessOnRetry() async throws {
        try await TestSMTPServer.with(["--reject-rcpt", "451 4.3.0 Try again later", "--reject-count", "1"]) { server in
            let client = try Self.client("smtp://127.0.0.1:\(server.port)")
            let message = Self.message(id: "retry-7@likeness.test")
            let error = await Self.failure { try await client.send(message) }
            #expect(error?.reason == .rejected)
            #expect(error?.isTemporary == true)
            #expect(error?.code == 451)
            #expect(error?.step == .rcptTo)
            #expect(error?.message.contains("Try again later") == true)
            #expect(try server.received().isEmpty)
            try await client.send(message)
            #expect(try server.received().map(\.message_id) == ["<retry-7@likeness.test>"])
        }
    }

    @Test func aPermanentRefusal() async throws {
        try await TestSMTPServer.with(["--reject-rcpt", "550 5.1.1 No such mailbox here"]) { server in
            let error = await Self.failure { try await Self.client("smtp://127.0.0.1:\(server.port)").send(Self.message()) }
            #expect(error?.reason == .rejected)
            #expect(error?.isPermanent == true)
            #expect(error?.code == 550)
            #expect(error?.reply?.enhancedCode == "5.1.1")
            #expect(error?.description == "SMTP permanent failure at RCPT TO: the server answered 550 5.1.1 No such mailbox here")
        }
    }

    /// Several messages over one connection: a refused one is followed by RSET, and the others go.
    @Test func severalMessagesOverOneConnection() async throws {
        try await TestSMTPServer.with(["--reject-rcpt", "452 4.2.2 Mailbox full, for now", "--reject-count", "1"]) { server in
            let failures = try await Self.client("smtp://127.0.0.1:\(server.port)").withConnection { connection in
                var failures: [Int?] = []
                for n in 1...4 {
                    do { try await connection.send(Self.message(subject: "Mail \(n)", id: "m\(n)@likeness.test")) }
                    catch let error as SMTPError { failures.append(error.code) }
                }
                return failures
            }
            #expect(failures == [452])
            #expect(try server.received().map(\.subject) == ["Mail 2", "Mail 3", "Mail 4"])
        }
    }

    /// The server takes the message and never answers its end: a timeout, temporary, at the end
    /// of DATA.
    @Test func aServerThatStopsAnsweringMidData() async throws {
        try await TestSMTPServer.with(["--stall-data"]) { server in
            let client = try Self.client("smtp://127.0.0.1:\(server.port)",
                                         timeouts: .init(connect: .seconds(10), greeting: .seconds(30), command: .seconds(30), dataEnd: .milliseconds(700)))
            let error = await Self.failure { try await client.send(Self.message()) }
            #expect(error?.reason == .timeout)
            #expect(error?.step == .dataEnd)
            #expect(error?.isTemporary == true)
            #expect(error?.description == "SMTP temporary failure at end of DATA: the server did not answer end of DATA within 0.7 s")
        }
    }

    /// A listener that accepts and says nothing: the greeting's timeout.
    @Test func aServerThatNeverGreets() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { silent.close(promise: nil) }
        let client = try Self.client("smtp://127.0.0.1:\(silent.localAddress!.port!)",
                                     timeouts: .init(connect: .seconds(5), greeting: .milliseconds(500), command: .seconds(1), dataEnd: .seconds(1)))
        let error = await Self.failure { try await client.send(Self.message()) }
        #expect(error?.reason == .timeout)
        #expect(error?.step == .greeting)
        #expect(error?.isTemporary == true)
    }

    @Test func noServerAtAllIsTemporary() async throws {
        let port = try await TestSMTPServer.with { $0.port }   // stopped: nothing listens there now
        let error = await Self.failure { try await Self.client("smtp://127.0.0.1:\(port)").send(Self.message()) }
        #expect(error?.reason == .connectionFailed)
        #expect(error?.step == .connect)
        #expect(error?.isTemporary == true)
    }

    /// Lines starting with "." arrive as written (doubled on the wire, undoubled by the server),
    /// whatever the line ends.
    @Test func dotStuffing() async throws {
        try await TestSMTPServer.with { server in
            let body = ".hidden\r\n..two\n.\r\nnot . the end\r.\n. \nend"
            try await Self.client("smtp://127.0.0.1:\(server.port)").send(Self.message(body: body))
            let mail = try #require(try server.received().first)
            #expect(mail.text == ".hidden\n..two\n.\nnot . the end\n.\n. \nend\n")
            #expect(!mail.bare_lf)
        }
    }

    /// Non-ASCII display names and a long non-ASCII subject arrive intact, in lines of at most
    /// 76 characters; a UTF-8 body (with a line longer than 998 bytes) as quoted-printable.
    @Test func nonASCIIArrivesIntact() async throws {
        try await TestSMTPServer.with { server in
            let subject = "Inês Duarte a signé l’offre « Nova » — 署名されました, Zoë Ørsted-Łukasiewicz näher an der Straße 🎬"
            let body = "Olá Inês,\n\nçà et là — 日本語.\n" + String(repeating: "é", count: 700) + "\n=?utf-8?q?not_a_word?=\n"
            try await Self.client("smtp://127.0.0.1:\(server.port)").send(
                Self.message(subject: subject, body: body, fromName: "Likeness — Studio “Nova”", toName: "Zoë Ørsted-Łukasiewicz, 名前"))
            let mail = try #require(try server.received().first)
            #expect(mail.parse_error == nil)
            #expect(mail.subject == subject)
            #expect(mail.from_name == "Likeness — Studio “Nova”")
            #expect(mail.to_name == "Zoë Ørsted-Łukasiewicz, 名前")
            #expect(mail.text == body)
            #expect(mail.cte == "quoted-printable")
            #expect(mail.defects == [])
            let headerLines = mail.raw.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
            #expect(headerLines.allSatisfy { $0.count <= 76 })
            #expect(mail.longest_line <= 76)
        }
    }

    @Test func asciiTextThatLooksEncodedOrNeedsQuoting() async throws {
        try await TestSMTPServer.with { server in
            let subject = "=?utf-8?q?hi?= and a word that is far too long to fold: " + String(repeating: "x", count: 120)
            try await Self.client("smtp://127.0.0.1:\(server.port)").send(
                Self.message(subject: subject, fromName: "Casting, \"Nova\" (studio)", toName: "Inês"))
            let mail = try #require(try server.received().first)
            #expect(mail.subject == subject)
            #expect(mail.from_name == "Casting, \"Nova\" (studio)")
            #expect(mail.to_name == "Inês")
            #expect(mail.defects == [])
        }
    }

    /// A CR or LF in any header value is refused before anything is sent.
    @Test(arguments: [
        message(subject: "Hello\r\nBcc: victim@example.org"),
        message(subject: "Hello\nBcc: victim@example.org"),
        message(fromName: "Likeness\rBcc: victim@example.org"),
        message(toName: "Inês\n\nbody"),
        message(id: "x@y\r\nBcc: victim@example.org"),
        SMTPMessage(from: SMTPMailbox("notify@likeness.test\r\nBcc: v@example.org"), to: SMTPMailbox("ines@example.org"),
                    subject: "s", body: "b", date: date, messageID: "a@b"),
        SMTPMessage(from: SMTPMailbox("notify@likeness.test"), to: SMTPMailbox("ines@example.org>\nRCPT TO:<v@example.org"),
                    subject: "s", body: "b", date: date, messageID: "a@b"),
        message(subject: "nul \u{0} here"),
    ])
    func headerInjectionIsRefused(message: SMTPMessage) async throws {
        try await TestSMTPServer.with { server in
            let error = await Self.failure { try await Self.client("smtp://127.0.0.1:\(server.port)").send(message) }
            #expect(error?.reason == .invalidMessage)
            #expect(error?.step == .message)
            #expect(error?.isPermanent == true)
            let received = try server.received()
            #expect(received.isEmpty)
        }
    }
}
