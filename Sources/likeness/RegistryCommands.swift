import ArgumentParser
import Foundation
import LikenessCore

struct PerformerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "performer", abstract: "Record performers.",
                                                    subcommands: [Add.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a performer.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var name: String
        @Option(help: "A minor before this day (YYYY-MM-DD).") var minorUntil: String?
        @Option(help: "Deceased on this day (YYYY-MM-DD).") var deceasedOn: String?

        func run() async throws {
            let performer = try PerformerInput(id: id, name: name, minorUntil: minorUntil, deceasedOn: deceasedOn).record(now: Date())
            try await openDatabase().write { [actor = actor.name] in try Registry.insert(performer, actor: actor, $0) }
            try printJSON(performer)
        }
    }
}

struct ProductionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "production", abstract: "Record productions.",
                                                    subcommands: [Add.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a production.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var title: String
        @Option var studio: String?

        func run() async throws {
            let production = try ProductionInput(id: id, title: title, studio: studio).record(now: Date())
            try await openDatabase().write { [actor = actor.name] in try Registry.insert(production, actor: actor, $0) }
            try printJSON(production)
        }
    }
}

struct RoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Record performers' roles.",
                                                    subcommands: [Add.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Add a role of a performer in a production.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var production: String
        @Option var performer: String
        @Option var name: String
        @Option(help: "principal, background, stunt, voice or other.") var category: String
        @Option(help: "The union covering the role, if any.") var union: String?

        func run() async throws {
            let role = try RoleInput(id: id, performer: performer, name: name, category: category, union: union)
                .record(production: production, now: Date())
            try await openDatabase().write { [actor = actor.name] in try Registry.insert(role, actor: actor, $0) }
            try printJSON(role)
        }
    }
}

struct GrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Record, list, revoke, suspend and resume consent grants.",
        subcommands: [Add.self, List.self, Show.self, Revoke.self, Suspend.self, Resume.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Record a consent grant.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var id: String?
        @Option var performer: String
        @Option(help: "The production (omit for a studio-wide grant).") var production: String?
        @Option(name: .customLong("use"), help: "A use consented to (repeatable).") var uses: [String] = []
        @Option(name: .customLong("aspect"), help: "face, body, voice or name (repeatable).") var aspects: [String] = []
        @Option(name: .customLong("destination"), help: "temporary, final or marketing (repeatable).") var destinations: [String] = []
        @Option(name: .customLong("territory"), help: "An ISO code, or * for worldwide (repeatable).") var territories: [String] = []
        @Option(name: .customLong("exclude"), help: "Excluded content tag (repeatable).") var excluded: [String] = []
        @Option var validFrom: String?
        @Option var validUntil: String
        @Option(help: "performer, guardian, estate or representative.") var signedBy: String
        @Flag(help: "A performer's consent that survives their death.") var survivesDeath = false
        @Option(help: "The intended use, at least 20 characters.") var description: String
        @Option var evidenceRef: String?
        @Option var evidenceSha256: String?

        func run() async throws {
            var input = GrantInput()
            input.id = id; input.performer = performer; input.production = production
            input.uses = uses; input.aspects = aspects; input.destinations = destinations
            input.territories = territories.isEmpty ? nil : territories; input.excludedContent = excluded
            input.validFrom = validFrom; input.validUntil = validUntil; input.signedBy = signedBy
            input.survivesDeath = survivesDeath; input.description = description
            if evidenceRef != nil || evidenceSha256 != nil {
                input.evidence = EvidenceInput(documentRef: evidenceRef, sha256: evidenceSha256)
            }
            let grant = try input.record(actor: actor.name, now: Date())
            try await openDatabase().write { try Registry.insert(grant, $0) }
            try printJSON(grant)
        }
    }

    struct List: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "List a performer's grants.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var performer: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let performer = self.performer
            let grants = try await openDatabase().read { try Registry.grants(performer: performer, $0) }
            if json { return try printJSON(["grants": grants]) }
            for g in grants {
                print("\(g.id)  \(g.status.rawValue)  \(g.production ?? "studio-wide")  \(g.uses.map(\.rawValue).joined(separator: ","))  \(g.aspects.map(\.rawValue).joined(separator: ","))  \(g.validFrom)…\(g.validUntil)")
            }
        }
    }

    struct Show: DatabaseCommand {
        static let configuration = CommandConfiguration(abstract: "Show a grant and its status history.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Argument var id: String

        func run() async throws {
            let id = self.id
            let (grant, history) = try await openDatabase().read { db in
                (try Registry.require(Grant.self, id, "grant", db), try Registry.statusHistory(grant: id, db))
            }
            try printJSON(grant)
            for h in history { print("\(h.at)  \(h.status.rawValue)  by \(h.actor): \(h.reason)") }
        }
    }

    struct Revoke: GrantStatusCommand {
        static let action = Registry.GrantAction.revoke
        static let configuration = CommandConfiguration(abstract: "Revoke a grant (final; takes effect for every later check).")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Argument var id: String
        @Option(help: "Why (kept with the change).") var reason: String
    }

    struct Suspend: GrantStatusCommand {
        static let action = Registry.GrantAction.suspend
        static let configuration = CommandConfiguration(abstract: "Suspend a grant.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Argument var id: String
        @Option(help: "Why (kept with the change).") var reason: String
    }

    struct Resume: GrantStatusCommand {
        static let action = Registry.GrantAction.resume
        static let configuration = CommandConfiguration(abstract: "Resume a suspended grant.")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Argument var id: String
        @Option(help: "Why (kept with the change).") var reason: String
    }
}

/// revoke, suspend and resume: one status change of a grant, with who and why.
protocol GrantStatusCommand: DatabaseCommand {
    static var action: Registry.GrantAction { get }
    var actor: ActorOption { get }
    var id: String { get }
    var reason: String { get }
}

extension GrantStatusCommand {
    func run() async throws {
        let reason = try ReasonInput(reason: reason).validated()
        let (id, actor) = (self.id, self.actor.name)
        let grant = try await openDatabase().write {
            try Registry.change(grant: id, Self.action, reason: reason, actor: actor, now: Date(), $0)
        }
        print("\(grant.id) is now \(grant.status.rawValue).")
    }
}

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "Manage accounts and API keys.",
                                                    subcommands: [Add.self, Key.self])
    @OptionGroup var global: GlobalOptions

    struct Add: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: """
                The password is read from $LIKENESS_PASSWORD, else standard input. An admin or privacy account is \
                enrolled in the vault by --enroller, an account holding the vault key, whose password is read from \
                $LIKENESS_ENROLLER_PASSWORD, else the next line of standard input.
                """)
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @Option var username: String
        @Option(help: "admin, casting, production, privacy or auditor.") var role: String
        @Option(help: "For admin and privacy accounts: an account that holds the vault key.") var enroller: String?

        func run() async throws {
            guard let password = readSecret(env: "LIKENESS_PASSWORD") else {
                throw ValidationError("no password: set $LIKENESS_PASSWORD or write it on standard input")
            }
            let database = try openDatabase()
            var keyring: VaultKeyring?
            if let enroller {
                keyring = try await unlockVault(database, username: enroller, env: "LIKENESS_ENROLLER_PASSWORD")
            }
            let account = try await Accounts(database: database)
                .create(AccountInput(username: username, password: password, role: role), actor: enroller ?? "cli", keyring: keyring)
            print("Created \(account.role.rawValue) account '\(account.username)'.")
        }
    }

    struct Key: DatabaseCommand {
        static let configuration = CommandConfiguration(commandName: "api-key", abstract: "Create an API key (printed once).")
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness
        @OptionGroup var actor: ActorOption
        @Option var name: String
        @Option(help: "The role the key acts with.") var role: String

        func run() async throws {
            let (key, secret) = try await Accounts(database: openDatabase())
                .createKey(APIKeyInput(name: name, role: role), actor: actor.name)
            print("\(key.id) \(secret)")
        }
    }
}
