import Foundation
import LikenessRules

/// Small wordings and encodings the pages share.
enum WebText {
    /// A vocabulary term in words: `new-performance` → `new performance`.
    static func words(_ term: String) -> String { term.replacingOccurrences(of: "-", with: " ") }

    /// A value for a URL's query.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? ""
    }

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

    /// Where to go after signing in: a path of this site only (never `//host` or a full URL).
    static func localPath(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
        return next
    }
}
