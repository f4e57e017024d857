import Foundation
import NIOCore
import NIOEmbedded
@testable import SMTP
import Testing

/// What needs no server: dates, the body's encodings, dot-stuffing, headers, URLs, replies.
struct SMTPUnitTests {
    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (-1.0, "Wed, 31 Dec 1969 23:59:59 +0000"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (1_796_666_167.9, "Mon, 07 Dec 2026 17:56:07 +0000"),
        (4_102_444_800.0, "Fri, 01 Jan 2100 00:00:00 +0000"),
    ])
    func rfc5322Dates(seconds: Double, expected: String) {
        #expect(SMTPMessage.rfc5322Date(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func dotStuffingAndLineEnds() {
        let stuffed = SMTPConnection.dotStuffed(Array(".a\r\nb\n..c\rd\r\n.".utf8))
        #expect(String(buffer: stuffed) == "..a\r\nb\r\n...c\r\nd\r\n..\r\n.\r\n")
        #expect(String(buffer: SMTPConnection.dotStuffed(Array("x\r\n".utf8))) == "x\r\n.\r\n")
        #expect(String(buffer: SMTPConnection.dotStuffed([])) == ".\r\n")
    }

    @Test func bodyEncodings() {
        #expect(SMTPMessage.encodeBody("a\nb") == ("7bit", Array("a\r\nb\r\n".utf8)))
        let (encoding, bytes) = SMTPMessage.encodeBody("é = e \nend\t\n" + String(repeating: "a", count: 100))
        #expect(encoding == "quoted-printable")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "=C3=A9 =3D e=20\r\nend=09\r\n" + String(repeating: "a", count: 75) + "=\r\n" + String(repeating: "a", count: 25) + "\r\n")
        // A line longer than 998 bytes goes quoted-printable even in ASCII.
        #expect(SMTPMessage.encodeBody(String(repeating: "a", count: 999)).0 == "quoted-printable")
        #expect(SMTPMessage.encodeBody(String(repeating: "a", count: 998)).0 == "7bit")
        // A soft break never splits an =XX.
        let (_, multi) = SMTPMessage.encodeBody(String(repeating: "é", count: 40))
        for line in String(decoding: multi, as: UTF8.self).split(separator: "\r\n") {
            #expect(line.count <= 76)
            #expect(line.hasSuffix("=") || line.hasSuffix("A9"))
        }
    }

    @Test func encodedWordsKeepCharactersWhole() {
        let words = Header.encodedWords(String(repeating: "名", count: 30) + " 🎬", first: 60)
        #expect(words.first!.count <= 60)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?utf-8?q?") && $0.hasSuffix("?=") })
        // Each word holds whole characters: 名 is =E5=90=8D.
        for word in words {
            let payload = word.dropFirst(10).dropLast(2)
            #expect(payload.count % 9 == 0 || word == words.last)
        }
    }

    @Test func renderedHeaders() throws {
        let message = SMTPMessage(from: SMTPMailbox("a@b.test", displayName: "Likeness"), to: SMTPMailbox("c@d.test"),
                                  subject: "Hello there", body: "Hi", date: Date(timeIntervalSince1970: 0), messageID: "<m1@b.test>")
        let text = String(decoding: try message.rendered(), as: UTF8.self)
        #expect(text == """
            From: Likeness <a@b.test>\r
            To: <c@d.test>\r
            Subject: Hello there\r
            Date: Thu, 01 Jan 1970 00:00:00 +0000\r
            Message-ID: <m1@b.test>\r
            Auto-Submitted: auto-generated\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hi\r

            """)
    }

    @Test func aLongASCIISubjectFolds() throws {
        let subject = Array(repeating: "word", count: 60).joined(separator: " ")
        let message = SMTPMessage(from: SMTPMailbox("a@b.test"), to: SMTPMailbox("c@d.test"), subject: subject, body: "",
                                  date: Date(timeIntervalSince1970: 0), messageID: "m@b")
        let text = String(decoding: try message.rendered(), as: UTF8.self)
        let header = text.components(separatedBy: "\r\nDate:")[0].components(separatedBy: "Subject:")[1]
        #expect(header.replacingOccurrences(of: "\r\n", with: "") == " " + subject)
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test(arguments: ["a@b", "a b@c.d", "a@b@c", "@b.c", "a@", "a@.b", "<a@b.c>", "é@b.c", "a@b..c", "a\"x@b.c"])
    func malformedAddressesAreRefused(address: String) {
        if address == "a@b" { #expect(throws: Never.self) { try SMTPMessage.checkAddress(address, header: "To") }; return }
        #expect(throws: SMTPError.self) { try SMTPMessage.checkAddress(address, header: "To") }
    }

    @Test func urls() throws {
        let plain = try SMTPConfiguration(url: "smtp://mail.example.com")
        #expect(plain.port == 587 && plain.security == .startTLSIfOffered && plain.credentials == nil)
        let required = try SMTPConfiguration(url: "SMTP://mail.example.com:25?starttls=required")
        #expect(required.port == 25 && required.security == .startTLSRequired)
        let implicit = try SMTPConfiguration(url: "smtps://u%40x:p%3Aw@mail.example.com")
        #expect(implicit.port == 465 && implicit.security == .implicitTLS)
        #expect(implicit.credentials == .init(username: "u@x", password: "p:w"))
        #expect(implicit.description == "smtps://u@x:<redacted>@mail.example.com:465")
        #expect(!"\(implicit.credentials!)".contains("p:w"))
        for bad in ["http://x:25", "smtp://", "smtp://x:25/path", "smtp://x:25?starttls=maybe", "smtps://x?starttls=required",
                    "smtp://x:0", "smtp://:pw@x:25", "not a url"] {
            #expect(throws: SMTPError.self, "\(bad)") { _ = try SMTPConfiguration(url: bad) }
        }
    }

    @Test func repliesAreRead() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        try channel.writeInbound(ByteBuffer(string: "250-smtp.test greets [127.0.0.1]\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN\r\n220\n"))
        let first = try #require(try channel.readInbound(as: DecodedReply.self))
        #expect(first.reply == SMTPReply(code: 250, lines: ["smtp.test greets [127.0.0.1]", "8BITMIME", "AUTH PLAIN LOGIN"]))
        #expect(first.moreBuffered)
        let second = try #require(try channel.readInbound(as: DecodedReply.self))
        #expect(second.reply == SMTPReply(code: 220, lines: [""]) && !second.moreBuffered)
        #expect(throws: SMTPError.self) { try channel.writeInbound(ByteBuffer(string: "hello\r\n")) }
        _ = try? channel.finish()
    }

    @Test func replyCodes() {
        #expect(SMTPReply(code: 451, lines: ["4.3.0 later"]).isTransient)
        #expect(SMTPReply(code: 554, lines: ["no"]).isPermanent)
        #expect(SMTPReply(code: 550, lines: ["5.1.1 no such user"]).enhancedCode == "5.1.1")
        #expect(SMTPReply(code: 550, lines: ["no such user"]).enhancedCode == nil)
    }
}
