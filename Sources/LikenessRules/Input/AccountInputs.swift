/// The bodies of `POST /v1/accounts` and `POST /v1/api-keys`.

public struct AccountInput: Codable, Sendable {
    public var username: String?
    public var password: String?
    public var role: String?
    /// Where its notifications go (notifications.md).
    public var email: String?
    public init(username: String? = nil, password: String? = nil, role: String? = nil, email: String? = nil) {
        self.username = username; self.password = password; self.role = role; self.email = email
    }
}

public struct APIKeyInput: Codable, Sendable {
    public var name: String?
    public var role: String?
    public init(name: String? = nil, role: String? = nil) { self.name = name; self.role = role }
}
