import Foundation
import LikenessRules

extension Account {
    /// An `account` row as the stores read it on either backend.
    init(row: SQLRow) throws {
        let role: String = try row["role"]
        guard let accountRole = AccountRole(rawValue: role) else {
            throw LikenessError(.internal, "corrupt-row", "account \(try row["username"] as String) has an unknown role")
        }
        self.init(username: try row["username"], role: accountRole, passwordHash: try row["password_hash"],
                  createdAt: try row["created_at"])
    }
}

extension APIKey {
    /// An `api_key` row as the stores read it on either backend.
    init(row: SQLRow) throws {
        let role: String = try row["role"]
        guard let keyRole = AccountRole(rawValue: role) else {
            throw LikenessError(.internal, "corrupt-row", "API key \(try row["id"] as String) has an unknown role")
        }
        self.init(id: try row["id"], name: try row["name"], role: keyRole, keyHash: try row["key_hash"],
                  createdAt: try row["created_at"], createdBy: try row["created_by"])
    }
}
