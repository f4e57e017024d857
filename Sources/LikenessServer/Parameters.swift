import Hummingbird
import LikenessRules

extension Parameters {
    /// A path id; an id that cannot exist is simply not found.
    func id(_ name: String, _ what: String) throws -> String {
        let value = try require(name)
        guard Validate.isID(value) else { throw LikenessError.notFound(what, String(value.prefix(64))) }
        return value
    }
}

extension Request {
    /// A whole-number query parameter within `range`, nil when absent; 422 otherwise.
    func integer(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = uri.queryParameters[Substring(name)] else { return nil }
        guard let n = Int(String(text)), range.contains(n) else {
            throw LikenessError.invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", code: "invalid-parameter")
        }
        return n
    }

    /// A `YYYY-MM-DD` query parameter, nil when absent; 422 otherwise.
    func day(_ name: String) throws -> Day? {
        guard let text = uri.queryParameters[Substring(name)] else { return nil }
        guard let day = Day(String(text)) else {
            throw LikenessError.invalid(name, "\(name) must be a date of the form YYYY-MM-DD", code: "invalid-date")
        }
        return day
    }
}
