import Foundation

/// JSON as the API writes it: camelCase, RFC 3339 timestamps.
public enum LikenessJSON {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return e
    }()
}
