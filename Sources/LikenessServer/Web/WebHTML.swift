import Mustache

/// HTML escaping for the templates (`{{% CONTENT_TYPE: LIKENESS_HTML}}` at the top of each): the same
/// five characters as swift-mustache's own HTML type, escaped over UTF-8 bytes, and text without any
/// of them returned as it is (most values: ids, dates, names), which a performer page with hundreds
/// of grants renders thousands of.
struct WebHTML: MustacheContentType {
    static let name = "LIKENESS_HTML"

    /// Makes the content type known to the template parser (before the templates are loaded).
    static func register() { MustacheContentTypes.register(WebHTML(), named: name) }

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var escaped = [UInt8]()
        escaped.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: escaped.append(contentsOf: "&lt;".utf8)
            case 0x3E: escaped.append(contentsOf: "&gt;".utf8)
            case 0x26: escaped.append(contentsOf: "&amp;".utf8)
            case 0x22: escaped.append(contentsOf: "&quot;".utf8)
            case 0x27: escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
