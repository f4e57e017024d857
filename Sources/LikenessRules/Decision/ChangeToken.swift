/// A position in the registry's change log: a write's answer carries the token of the state it
/// committed, and a check that sends it (`"atLeast": token`) is decided on a state at least that
/// fresh, whichever server decides it. Written as decimal digits; clients treat it as opaque.
public struct ChangeToken: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The change's number in the log (`registry_change.seq`); 0 before any change.
    public let seq: Int64

    public init(seq: Int64) { self.seq = seq }

    /// A token as written by `description`; nil for anything else.
    public init?(_ text: String) {
        guard (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let seq = Int64(text) else { return nil }
        self.seq = seq
    }

    public var description: String { String(seq) }

    public static func < (a: ChangeToken, b: ChangeToken) -> Bool { a.seq < b.seq }

    /// The answer to a token that no change in the database has reached (from another database,
    /// or from before a restore): 404, as for any unknown id a body names.
    public static func unknown(_ token: ChangeToken) -> LikenessError {
        .init(.notFound, "not-found", "no change with token '\(token)' has been committed to this database", field: "atLeast")
    }
}
