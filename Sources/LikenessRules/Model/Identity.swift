/// Who is calling: an account's session or an API key.
public struct Identity: Sendable, Equatable {
    /// The account's username, or `key:<id>` for an API key.
    public let actor: String
    public let role: AccountRole

    public init(actor: String, role: AccountRole) {
        self.actor = actor
        self.role = role
    }
}
