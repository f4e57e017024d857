import Foundation
import LikenessRules

/// Small wordings and encodings the pages share.
enum WebText {
    /// A vocabulary term in words: `new-performance` → `new performance`.
    static func words(_ term: String) -> String { term.replacingOccurrences(of: "-", with: " ") }

    /// A value for a URL's query: every byte but ASCII letters, digits and `-._~/` escaped.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? ""
    }

    static let queryValueCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")

    /// Compares two secrets in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A timestamp as people read it: `2026-12-02 17:05:09 UTC`.
    static func time(_ date: Date) -> String {
        UTCText.format(millis: Int((date.timeIntervalSince1970 * 1000).rounded(.down)), separator: UInt8(ascii: " "),
                       fraction: false, suffix: " UTC")
    }

    /// Where to go after signing in: a path of this site in a strict form, nil for anything else.
    /// One leading `/` not followed by another `/`, then printable ASCII without `\`: browsers
    /// drop tabs and newlines and read `\` as `/`, so `/<TAB>/evil.example` or `/\evil.example`
    /// would lead off the site; without a leading `/` there is no scheme either.
    static func localPath(_ next: String?) -> String? {
        guard let next else { return nil }
        let bytes = Array(next.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.dropFirst().first != UInt8(ascii: "/"),
              bytes.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }) else { return nil }
        return next
    }
}
