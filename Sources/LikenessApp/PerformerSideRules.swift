import LikenessRules
import LikenessStore

/// The rules that narrow the performer's side to its performers (performers.md): an account acts
/// for a performer through its delegations, with the authority their capacities give on the
/// server's day. Staff roles pass through with their role alone.
public enum PerformerSideRules {
    /// Who acts: for the performer's side the capacity it holds for `performer` and needs
    /// `authority` in (403 otherwise, also for a performer that does not exist); for everyone
    /// else the role alone (`performer` must exist: 404).
    public static func acting(_ caller: Identity, for performer: String, needs authority: Authority, today: Day,
                              _ db: any SQLConnection) throws -> ActedBy {
        guard caller.role.isPerformerSide else {
            try Registry.requireExists(Performer.self, performer, "performer", field: "performer", db)
            return ActedBy(account: caller.actor, role: caller.role)
        }
        guard let record = try Performer.find(performer, db) else { throw notTheirs(caller, performer) }
        let held = try Delegations.authority(of: caller.actor, over: record, on: today, db)
        guard held.authority.isSuperset(of: authority), let capacity = held.capacity else {
            throw held.authority.contains(.see) ? cannot(caller, authority, performer) : notTheirs(caller, performer)
        }
        return ActedBy(account: caller.actor, role: caller.role, capacity: capacity)
    }

    /// A record by id for `caller`: unknown is 404 for staff, and for the performer's side the same
    /// 403 as another performer's (it learns nothing of what exists).
    public static func require<R: TableRow>(_ type: R.Type, _ id: String, _ what: String, _ caller: Identity,
                                            _ db: any SQLConnection) throws -> R {
        guard let record = try R.find(id, db) else {
            throw caller.role.isPerformerSide ? notTheirs(caller, id) : LikenessError.notFound(what, id)
        }
        return record
    }

    /// The performers the caller may see today (nil for staff: every performer).
    public static func visiblePerformers(_ caller: Identity, today: Day, _ db: any SQLConnection) throws -> [String]? {
        guard caller.role.isPerformerSide else { return nil }
        return try Delegations.performers(seenBy: caller.actor, on: today, db).map(\.performer.id)
    }

    /// A production or tool the performer's side may read: one that a grant, an offer or a check
    /// of one of its performers names (403 otherwise).
    public static func requireNamed(production: String? = nil, tool: String? = nil, _ caller: Identity, today: Day,
                                    _ db: any SQLConnection) throws {
        guard caller.role.isPerformerSide, let performers = try visiblePerformers(caller, today: today, db) else { return }
        if !performers.isEmpty {
            if let production {
                let marks = performers.map { _ in "?" }.joined(separator: ", ")
                for table in ["consent_grant", "consent_offer"] {
                    if try db.row("SELECT 1 FROM \(table) WHERE performer IN (\(marks)) AND production = ? LIMIT 1",
                                  performers + [production]) != nil { return }
                }
            }
            if try PerformerUses.names(production: production, tool: tool, performers: performers, db) { return }
        }
        throw LikenessError(.forbidden, "forbidden", "the \(production != nil ? "production" : "tool") is not named by any of your performers' grants, offers or uses")
    }

    /// The answer names no performer: not even the one asked about.
    static func notTheirs(_ caller: Identity, _ performer: String) -> LikenessError {
        LikenessError(.forbidden, "forbidden", "\(caller.actor) does not act for this performer (today)")
    }

    static func cannot(_ caller: Identity, _ authority: Authority, _ performer: String) -> LikenessError {
        let what = authority.contains(.sign) ? "sign or decline offers" : "revoke, suspend or resume grants"
        return LikenessError(.forbidden, "forbidden", "\(caller.actor) may not \(what) for this performer today")
    }
}
