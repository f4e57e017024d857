import Foundation

/// An address and, optionally, the name shown with it (`Inês Duarte <ines@example.org>`).
public struct SMTPMailbox: Sendable, Equatable, CustomStringConvertible {
    /// `local@domain`, ASCII (this client does not do SMTPUTF8).
    public var address: String
    /// Any text without line breaks or other controls; non-ASCII is sent as RFC 2047 encoded-words.
    public var displayName: String?

    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    public var description: String { displayName.map { "\($0) <\(address)>" } ?? address }
}

/// A plain-text mail to one recipient, rendered as RFC 5322 (`rendered()`): `From`, `To`,
/// `Subject`, `Date`, `Message-ID`, `Auto-Submitted: auto-generated`, `MIME-Version: 1.0`,
/// `Content-Type: text/plain; charset=utf-8` and `Content-Transfer-Encoding`.
///
/// The body is sent `7bit` when it is ASCII in lines of at most 998 bytes, and quoted-printable
/// otherwise. Not `8bit` after the server's 8BITMIME: the rendering then depends on nothing but
/// the message, so that a retry (on another connection, or another server) sends the very same
/// bytes, a body line of any length stays within SMTP's 998, and there is one path to test
/// rather than two. The price: a non-ASCII letter takes 6 characters for its 2 bytes (9 for 3),
/// a few percent of a notification that is mostly ASCII, and the raw source is less readable.
///
/// Header values cannot smuggle headers in: a CR, LF or other control character in the subject,
/// a display name, an address or the Message-ID is refused (`SMTPError.Reason.invalidMessage`),
/// never stripped. Non-ASCII subjects and display names become encoded-words folded so that no
/// line holding one passes 76 characters (RFC 2047 §2); no header line passes 998.
public struct SMTPMessage: Sendable, Equatable {
    public var from: SMTPMailbox
    public var to: SMTPMailbox
    public var subject: String
    public var body: String
    public var date: Date
    /// The Message-ID without its angle brackets (`id@domain`; brackets given are taken off).
    /// Chosen by the caller and kept across retries so that receivers can de-duplicate.
    public var messageID: String

    public init(from: SMTPMailbox, to: SMTPMailbox, subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// A new Message-ID under `domain`: a random UUID, `<uuid>@<domain>`.
    public static func makeMessageID(domain: String) -> String {
        "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// The message as sent in DATA: CRLF line ends, headers then the body (before dot-stuffing,
    /// which the client does).
    public func rendered() throws -> [UInt8] {
        var id = messageID
        if id.hasPrefix("<") && id.hasSuffix(">") { id = String(id.dropFirst().dropLast()) }
        try Self.checkAddress(from.address, header: "From")
        try Self.checkAddress(to.address, header: "To")
        try Self.checkMessageID(id)
        try Self.checkText(subject, header: "Subject")
        try from.displayName.map { try Self.checkText($0, header: "From's display name") }
        try to.displayName.map { try Self.checkText($0, header: "To's display name") }

        let (encoding, body) = Self.encodeBody(body)
        var headers = ""
        headers += Header.mailbox("From", from)
        headers += Header.mailbox("To", to)
        headers += Header.unstructured("Subject", subject)
        headers += "Date: \(Self.rfc5322Date(date))\r\n"
        headers += "Message-ID: <\(id)>\r\n"
        headers += "Auto-Submitted: auto-generated\r\n"
        headers += "MIME-Version: 1.0\r\n"
        headers += "Content-Type: text/plain; charset=utf-8\r\n"
        headers += "Content-Transfer-Encoding: \(encoding)\r\n"
        headers += "\r\n"
        return Array(headers.utf8) + body
    }

    // MARK: Checks

    static func invalid(_ text: String) -> SMTPError { SMTPError(.invalidMessage, step: .message, text) }

    /// A header's text: no CR, LF or other control but TAB (header injection).
    static func checkText(_ text: String, header: String) throws {
        if let bad = text.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
            let what = bad == "\r" ? "a CR" : bad == "\n" ? "an LF" : "the control character U+\(String(format: "%04X", bad.value))"
            throw invalid("the \(header) holds \(what): a header value cannot break its line")
        }
    }

    /// `local@domain` in printable ASCII, without the characters that would need quoting, at
    /// most 254 characters: the address goes between `<` `>` in both the envelope and the header.
    static func checkAddress(_ address: String, header: String) throws {
        try checkText(address, header: "\(header) address")
        let specials = Set("<>()[]\\,;:\"@ ".utf8)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !specials.contains($0) } }),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..")
        else { throw invalid("the \(header) address \"\(address)\" is not a plain ASCII local@domain") }
    }

    static func checkMessageID(_ id: String) throws {
        try checkText(id, header: "Message-ID")
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        guard id.utf8.count <= 250, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"<>()[]\\,;:\" ".utf8.contains($0) })
        else { throw invalid("the Message-ID \"\(id)\" is not id@domain in printable ASCII") }
    }

    // MARK: Date

    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Mon, 07 Dec 2026 17:56:07 +0000` (RFC 5322 §3.3), in UTC.
    public static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let days = Int(floor(Double(seconds) / 86400))
        let secondOfDay = seconds - days * 86400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = weekdays[((days % 7) + 7) % 7]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) +0000"
    }

    // MARK: Body

    /// The body's lines (CR, LF and CRLF all ending one), the last one ended too.
    static func lines(_ text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D || bytes[i] == 0x0A {
                lines.append(bytes[start..<i])
                if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// `7bit` and the lines as they are when they are printable ASCII (TAB too) of at most 998
    /// bytes; `quoted-printable` otherwise (RFC 2045 §6.7).
    static func encodeBody(_ text: String) -> (String, [UInt8]) {
        let lines = lines(text)
        let plain = lines.allSatisfy { line in
            line.count <= 998 && line.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
        }
        var out: [UInt8] = []
        if plain {
            for line in lines { out += line; out += [0x0D, 0x0A] }
            return ("7bit", out)
        }
        let hex = Array("0123456789ABCDEF".utf8)
        for line in lines {
            var width = 0
            for (index, byte) in zip(line.indices, line) {
                let last = index == line.endIndex - 1
                let literal = (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !last)
                let token: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                // A soft break ("=") keeps each line within 76 characters (RFC 2045's rule 5).
                if width + token.count > (last ? 76 : 75) {
                    out += [UInt8(ascii: "="), 0x0D, 0x0A]
                    width = 0
                }
                out += token
                width += token.count
            }
            out += [0x0D, 0x0A]
        }
        return ("quoted-printable", out)
    }
}

/// Header fields, folded.
enum Header {
    /// RFC 2047 §2: a line holding an encoded-word is at most 76 characters.
    static let lineLimit = 76

    /// `name: token token…`, a token moving to the next line (after CRLF and a space) when it
    /// would pass `lineLimit`; a token is never split.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var out = "\(name):"
        var width = out.count
        var lineHasToken = false
        for token in tokens {
            if width + 1 + token.count > lineLimit && lineHasToken {
                out += "\r\n"
                width = 0
            }
            out += " " + token
            width += 1 + token.count
            lineHasToken = true
        }
        return out + "\r\n"
    }

    /// The subject: as it is when it is printable ASCII in words short enough to fold and holds
    /// nothing a reader would take for an encoded-word; encoded-words otherwise.
    static func unstructured(_ name: String, _ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !text.contains("=?")
            && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  ")
            && words.allSatisfy { $0.count <= lineLimit - 2 - name.count }
        if plain { return text.isEmpty ? "\(name):\r\n" : fold(name, words) }
        return fold(name, encodedWords(text, first: lineLimit - name.count - 2))
    }

    static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)

    /// `display name <address>`: the name as atoms, a quoted-string, or encoded-words.
    static func mailbox(_ name: String, _ mailbox: SMTPMailbox) -> String {
        let address = "<\(mailbox.address)>"
        guard let display = mailbox.displayName, !display.isEmpty else { return fold(name, [address]) }
        let ascii = display.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !display.contains("=?")
        let escaped = display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var tokens: [String]
        if ascii && display.split(separator: " ").allSatisfy({ $0.count <= 60 && $0.utf8.allSatisfy { atext.contains($0) } })
            && !display.hasPrefix(" ") && !display.hasSuffix(" ") && !display.contains("  ") {
            tokens = display.split(separator: " ").map(String.init)
        } else if ascii && escaped.count <= 60 {
            tokens = ["\"\(escaped)\""]
        } else {
            tokens = encodedWords(display, first: lineLimit - name.count - 2)
        }
        tokens.append(address)
        return fold(name, tokens)
    }

    /// Characters a Q-encoded word may hold as they are, in any header (RFC 2047 §5 (3)).
    static let qLiteral = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/".utf8)

    /// `text` as `=?utf-8?q?…?=` words, the first at most `first` characters, the others at most
    /// 75, none splitting a character's bytes. Readers join adjacent encoded-words without the
    /// space between them, so spaces are encoded too (`_`).
    static func encodedWords(_ text: String, first: Int) -> [String] {
        let prefix = "=?utf-8?q?", suffix = "?="
        let hex = Array("0123456789ABCDEF")
        var words: [String] = []
        var current = ""
        var limit = max(first, prefix.count + suffix.count + 12) - prefix.count - suffix.count
        for scalar in text.unicodeScalars {
            var piece = ""
            for byte in String(scalar).utf8 {
                if byte == 0x20 { piece += "_" }
                else if qLiteral.contains(byte) { piece.unicodeScalars.append(UnicodeScalar(byte)) }
                else { piece += "=\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])" }
            }
            if current.count + piece.count > limit && !current.isEmpty {
                words.append(prefix + current + suffix)
                current = ""
                limit = 75 - prefix.count - suffix.count
            }
            current += piece
        }
        if !current.isEmpty || words.isEmpty { words.append(prefix + current + suffix) }
        return words
    }
}
