import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// The admin's pages: accounts, API keys (a new key shown once), tools and union strike switches.
struct AdminPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            WebPage(.get, "/admin/accounts", .manageAccounts, accounts),
            WebPage(.post, "/admin/accounts", .manageAccounts, createAccount),
            WebPage(.post, "/admin/accounts/{username}/delete", .manageAccounts, deleteAccount),
            WebPage(.get, "/admin/api-keys", .manageAccounts, keys),
            WebPage(.post, "/admin/api-keys", .manageAccounts, createKey),
            WebPage(.get, "/admin/tools", .recordTool, tools),
            WebPage(.post, "/admin/tools", .recordTool, createTool),
            WebPage(.get, "/admin/unions", .setUnionStrike, unions),
            WebPage(.post, "/admin/unions", .setUnionStrike, setUnion),
        ]
    }

    static func roles(chosen: String?) -> [WebOption] { WebOption.of(AccountRole.self, chosen: chosen.map { [$0] } ?? ["casting"]) }

    // MARK: Accounts

    struct AccountRow: Sendable { let username: String; let role: String; let createdAt: String; let isSelf: Bool }
    struct AccountsView: Sendable {
        let accounts: [AccountRow]
        var username = ""
        var roles = AdminPages.roles(chosen: nil)
        var errors = WebFormErrors.none
    }

    func accountsView(_ visit: WebVisit) async throws -> AccountsView {
        let caller = try visit.caller
        let accounts = try await web.services.database.snapshot(Listings.accounts)
        return AccountsView(accounts: accounts.map {
            AccountRow(username: $0.username, role: $0.role.rawValue, createdAt: WebText.time($0.createdAt), isSelf: $0.username == caller.actor)
        })
    }

    func accounts(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "Accounts", template: "admin-accounts", data: try await accountsView(visit))
    }

    /// An admin or privacy account is enrolled in the vault with the admin's unlocked key.
    func createAccount(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let input = AccountInput(username: visit.field("username"), password: visit.field("password"), role: visit.field("role"))
        do {
            _ = try await web.services.accountOperations.createAccount(input, keyring: visit.session?.keyring, by: caller)
            return .redirect("/admin/accounts")
        } catch let error as LikenessError where error.kind != .internal {
            var view = try await accountsView(visit)
            view.username = input.username ?? ""
            view.roles = Self.roles(chosen: input.role)
            view.errors = WebFormErrors(error)
            return .page(title: "Accounts", template: "admin-accounts", data: view, status: error.kind.status)
        }
    }

    func deleteAccount(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let username = try visit.id("username", "account")
        try await web.services.accountOperations.deleteAccount(username, by: caller)
        return .redirect("/admin/accounts")
    }

    // MARK: API keys

    struct KeyRow: Sendable { let id: String; let name: String; let role: String; let createdAt: String; let createdBy: String }
    struct KeysView: Sendable {
        let keys: [KeyRow]
        var name = ""
        var roles = AdminPages.roles(chosen: "production")
        var created: String?
        var errors = WebFormErrors.none
    }

    func keysView() async throws -> KeysView {
        let keys = try await web.services.database.snapshot(Listings.apiKeys)
        return KeysView(keys: keys.map {
            KeyRow(id: $0.id, name: $0.name, role: $0.role.rawValue, createdAt: WebText.time($0.createdAt), createdBy: $0.createdBy)
        })
    }

    func keys(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "API keys", template: "admin-keys", data: try await keysView())
    }

    /// The new key is on this answer only (stored hashed; the page is never cached).
    func createKey(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let input = APIKeyInput(name: visit.field("name"), role: visit.field("role"))
        do {
            let (key, secret) = try await web.services.accountOperations.createKey(input, by: caller)
            web.services.remember(key)
            var view = try await keysView()
            view.created = secret
            return .page(title: "API keys", template: "admin-keys", data: view, status: .created)
        } catch let error as LikenessError where error.kind != .internal {
            var view = try await keysView()
            view.name = input.name ?? ""
            view.roles = Self.roles(chosen: input.role)
            view.errors = WebFormErrors(error)
            return .page(title: "API keys", template: "admin-keys", data: view, status: error.kind.status)
        }
    }

    // MARK: Tools

    struct ToolRow: Sendable {
        let id: String; let name: String; let vendor: String?; let version: String?; let retainsInputs: Bool; let enterpriseSecured: Bool
    }
    struct ToolsView: Sendable {
        let tools: [ToolRow]
        var input = ToolInput()
        var errors = WebFormErrors.none
    }

    func toolsView() async throws -> ToolsView {
        let tools = try await web.services.database.snapshot(Listings.tools)
        return ToolsView(tools: tools.map {
            ToolRow(id: $0.id, name: $0.name, vendor: $0.vendor, version: $0.version, retainsInputs: $0.retainsInputs,
                    enterpriseSecured: $0.enterpriseSecured)
        })
    }

    func tools(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "Tools", template: "admin-tools", data: try await toolsView())
    }

    func createTool(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let input = ToolInput(id: visit.field("id"), name: visit.field("name"), vendor: visit.field("vendor"), version: visit.field("version"),
                              retainsInputs: visit.checked("retainsInputs"), enterpriseSecured: visit.checked("enterpriseSecured"))
        do {
            _ = try await web.services.operations.recordTool(input, by: caller)
            return .redirect("/admin/tools")
        } catch let error as LikenessError where error.kind != .internal {
            var view = try await toolsView()
            view.input = input
            view.errors = WebFormErrors(error)
            return .page(title: "Tools", template: "admin-tools", data: view, status: error.kind.status)
        }
    }

    // MARK: Unions

    struct UnionRow: Sendable { let name: String; let strike: Bool; let updatedAt: String; let updatedBy: String }
    struct UnionsView: Sendable {
        let unions: [UnionRow]
        var name = ""
        var errors = WebFormErrors.none
    }

    func unionsView() async throws -> UnionsView {
        let unions = try await web.services.database.snapshot(Listings.unions)
        return UnionsView(unions: unions.map { UnionRow(name: $0.name, strike: $0.strike, updatedAt: WebText.time($0.updatedAt), updatedBy: $0.updatedBy) })
    }

    func unions(_ visit: WebVisit) async throws -> WebAnswer {
        .page(title: "Unions", template: "admin-unions", data: try await unionsView())
    }

    /// Starts or ends a strike (a union not known yet is recorded).
    func setUnion(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let name = visit.field("name") ?? ""
        do {
            guard !name.isEmpty else { throw LikenessError.missing("name") }
            _ = try await web.services.operations.setUnion(name, strike: visit.field("strike").flatMap(Bool.init), by: caller)
            return .redirect("/admin/unions")
        } catch let error as LikenessError where error.kind == .invalid {
            var view = try await unionsView()
            view.name = name
            view.errors = WebFormErrors(error)
            return .page(title: "Unions", template: "admin-unions", data: view, status: error.kind.status)
        }
    }
}
