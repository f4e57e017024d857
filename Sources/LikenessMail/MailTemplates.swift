import Foundation
import LikenessRules
import LikenessStore
import Mustache

/// The plain-text bodies of notification mails, one Mustache template per kind
/// (`Resources/Mail/<kind>.mustache`, the web app's template engine, text content type). A
/// mail's values hold the paths of its links; rendering puts them under the base URL, and an
/// invitation's `{code}` back into its link.
public struct MailTemplates: Sendable {
    let library: MustacheLibrary

    public init() async throws {
        guard let directory = Bundle.module.url(forResource: "Mail", withExtension: nil) else {
            throw LikenessError(.internal, "internal", "the mail templates are missing from the installation")
        }
        library = try await MustacheLibrary(directory: directory.path)
        for kind in MailKind.allCases where library.getTemplate(named: kind.rawValue) == nil {
            throw LikenessError(.internal, "internal", "the mail template \(kind.rawValue).mustache is missing")
        }
    }

    /// The body of `mail`, its links under `baseURL` (no trailing `/`).
    public func body(of mail: OutgoingMail, baseURL: String) throws -> String {
        guard var values = try JSONSerialization.jsonObject(with: mail.data) as? [String: Any] else {
            throw LikenessError(.internal, "corrupt-row", "mail \(mail.id) holds no values")
        }
        values = Self.linked(values, baseURL: baseURL, code: mail.code)
        guard let text = library.render(values, withTemplate: mail.kind.rawValue) else {
            throw LikenessError(.internal, "internal", "the mail template \(mail.kind.rawValue) is missing")
        }
        return text.trimmingCharacters(in: .newlines) + "\n"
    }

    /// `values` with every `link` (at any depth) under `baseURL`, `{code}` replaced by `code`.
    static func linked(_ values: [String: Any], baseURL: String, code: String?) -> [String: Any] {
        var values = values
        for (key, value) in values {
            if key == "link", let path = value as? String {
                let full = baseURL + path
                values[key] = code.map { full.replacingOccurrences(of: "{code}", with: $0) } ?? full
            } else if let nested = value as? [String: Any] {
                values[key] = linked(nested, baseURL: baseURL, code: code)
            } else if let list = value as? [Any] {
                values[key] = list.map { item in (item as? [String: Any]).map { linked($0, baseURL: baseURL, code: code) } ?? item }
            }
        }
        return values
    }
}
