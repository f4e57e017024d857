import LikenessRules

/// The links of each role's navigation: every page a role may open is reachable from them.
enum WebNavigation {
    struct Link: Sendable {
        let label: String
        let href: String
        /// The link of the page being shown (`aria-current`).
        let current: Bool
    }

    /// Where a role starts after signing in.
    static func start(for role: AccountRole) -> String {
        switch role {
        case .casting, .privacy: "/performers"
        case .production: "/simulator"
        case .studio: "/requests"
        case .auditor: "/audit"
        case .admin: "/admin/accounts"
        case .performer, .representative: "/me"
        }
    }

    static func links(for role: AccountRole, current path: String) -> [Link] {
        let entries: [(String, String)] = switch role {
        case .casting:
            [("Performers", "/performers"), ("Productions", "/productions"), ("Expiring and alerts", "/alerts"),
             ("Check simulator", "/simulator"), ("Approval requests", "/requests"), ("Receipts", "/checks")]
        case .production:
            [("Check simulator", "/simulator"), ("Approval requests", "/requests"), ("Receipts", "/checks"),
             ("Performers", "/performers"), ("Productions", "/productions")]
        case .studio:
            [("Approval queue", "/requests"), ("Productions and use registers", "/productions"), ("Check simulator", "/simulator"),
             ("Receipts", "/checks"), ("Performers", "/performers")]
        case .privacy:
            [("Performers and personal data", "/performers"), ("Productions", "/productions")]
        case .auditor:
            [("Audit trail", "/audit"), ("Alerts", "/alerts"), ("Receipts", "/checks"), ("Approval requests", "/requests"),
             ("Productions and use registers", "/productions"), ("Performers", "/performers")]
        case .admin:
            [("Accounts", "/admin/accounts"), ("API keys", "/admin/api-keys"), ("Tools", "/admin/tools"), ("Unions", "/admin/unions"),
             ("Performers", "/performers"), ("Productions", "/productions"), ("Audit trail", "/audit")]
        case .performer, .representative:
            [("My performers", "/me")]
        }
        let mail: [(String, String)] = role == .admin ? [("Mail", "/admin/mail")] : []
        return (entries + mail + [("Your account", "/account")]).map { label, href in
            Link(label: label, href: href, current: path == href || path.hasPrefix(href + "/"))
        }
    }
}
