import Hummingbird
import LikenessRules
import Synchronization

/// The change token of what a request wrote to the registry, answered in the
/// `Likeness-Change-Token` header: a later check that sends it as `atLeast` is decided on a state
/// that holds the write, on whichever server it reaches.
final class WrittenChange: Sendable {
    /// The request being answered, while its handler runs.
    @TaskLocal static var current: WrittenChange?

    private let newest = Mutex<ChangeToken?>(nil)

    /// Notes a committed write's token (the newest, when a request writes more than once).
    func record(_ token: ChangeToken) {
        newest.withLock { $0 = max($0 ?? token, token) }
    }

    /// Runs the handler of a request that may write, and adds the header to its answer if it did.
    static func answering(_ handler: () async throws -> Response) async throws -> Response {
        let written = WrittenChange()
        var response = try await $current.withValue(written) { try await handler() }
        if let token = written.newest.withLock({ $0 }) { response.headers[.likenessChangeToken] = token.description }
        return response
    }
}

extension HTTPFields.Element.Name {
    static let likenessChangeToken = Self("Likeness-Change-Token")!
}
