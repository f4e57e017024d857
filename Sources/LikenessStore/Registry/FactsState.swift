import Foundation
import LikenessRules
import Synchronization

/// The facts the index holds, and how a change or a load's run of grants is filed in them.
extension FactsIndex {
    struct State {
        /// The last change applied.
        var lastSeq: Int64 = 0
        /// The newest change known to be committed.
        var seenSeq: Int64 = 0
        /// When the latest read of the newest change began: every change committed before then is seen.
        var confirmedAt = ContinuousClock.now
        var isBehind: Bool { seenSeq > lastSeq }
        var performers: [String: PerformerFacts] = [:]
        /// Titles by id.
        var productions: [String: String] = [:]
        var nonFiction: Set<String> = []
        var roles: [String: (performer: String, facts: RoleFacts)] = [:]
        var rolesByPerformer: [String: [RoleFacts]] = [:]
        var unionRolesByProduction: [String: Set<String>] = [:]
        /// A grant never changes performer and is never deleted (the schema says so): filed under
        /// its performer, it needs no index of owners.
        var grantsByPerformer: [String: [GrantFacts]] = [:]
        var approvalOwner: [String: String] = [:]
        var approvalsByProduction: [String: [ApprovalFacts]] = [:]
        var tools: [String: ToolFacts] = [:]
        var strikes: Set<String> = []
        var grantCount = 0
    }

    /// The current row of a changed entity (nil when deleted).
    enum Change: Sendable {
        case performer(String, PerformerFacts?)
        case production(String, (title: String, nonFiction: Bool)?)
        case role(String, (performer: String, facts: RoleFacts)?)
        case tool(String, ToolFacts?)
        case union(String, Bool)
        case grant(performer: String, facts: GrantFacts)
        case approval(String, (production: String, facts: ApprovalFacts)?)
    }

    static func apply(_ change: Change, to s: inout State) {
        switch change {
        case .performer(let id, let facts): s.performers[id] = facts
        case .production(let id, let production):
            s.productions[id] = production?.title
            if production?.nonFiction == true { s.nonFiction.insert(id) } else { s.nonFiction.remove(id) }
        case .tool(let id, let facts): s.tools[id] = facts
        case .union(let name, let strike):
            if strike { s.strikes.insert(name) } else { s.strikes.remove(name) }
        case .role(let id, let new):
            if let old = s.roles.removeValue(forKey: id) {
                s.rolesByPerformer[old.performer]?.removeAll { $0.id == id }
                s.unionRolesByProduction[old.facts.production]?.remove(id)
            }
            if let new { add(role: new.facts, performer: new.performer, to: &s) }
        case .grant(let performer, let facts):
            if s.grantsByPerformer[performer, default: []].upsertSorted(facts) { s.grantCount += 1 }
        case .approval(let id, let new):
            if let owner = s.approvalOwner.removeValue(forKey: id) { s.approvalsByProduction[owner]?.removeAll { $0.id == id } }
            if let new {
                s.approvalOwner[id] = new.production
                s.approvalsByProduction[new.production, default: []].insertSorted(new.facts)
            }
        }
    }

    /// Files a run of grants read from a bulk import's marks. A performer with no grants held takes
    /// the run's array as it is; otherwise their array grows by the run's size once (not doubled,
    /// as appending would: a large import touches many performers) and each grant goes in its place
    /// (replacing the one with its id: a load's second connection may already have read it).
    static func add(inserted run: GrantRun, of performer: String, to s: inout State) {
        guard var grants = s.grantsByPerformer.removeValue(forKey: performer) else {
            s.grantsByPerformer[performer] = run.inIDOrder ? run.grants : run.grants.sorted { $0.id < $1.id }
            s.grantCount += run.grants.count
            return
        }
        grants.reserveCapacity(grants.count + run.grants.count)
        for grant in run.grants where grants.upsertSorted(grant) { s.grantCount += 1 }
        s.grantsByPerformer[performer] = grants
    }

    static func add(role: RoleFacts, performer: String, to s: inout State) {
        s.roles[role.id] = (performer, role)
        s.rolesByPerformer[performer, default: []].insertSorted(role)
        if role.union != nil { s.unionRolesByProduction[role.production, default: []].insert(role.id) }
    }
}

/// Facts kept in id order, the order in which the store lists them, so that reasons come out
/// in the same order whichever path fetched the facts.
protocol Identified { var id: String { get } }
extension GrantFacts: Identified {}
extension ApprovalFacts: Identified {}
extension RoleFacts: Identified {}

extension Array where Element == GrantFacts {
    /// Appends a run of grants; calls `outOfOrder` when the array is no longer in id order.
    mutating func append(run: GrantRun, outOfOrder: () -> Void) {
        if !run.inIDOrder || (last.map { $0.id >= run.grants[0].id } ?? false) { outOfOrder() }
        // An empty array takes the run's as it is (allocated at its size), rather than a copy.
        if isEmpty { self = run.grants } else { append(contentsOf: run.grants) }
    }
}

extension Array where Element: Identified {
    mutating func insertSorted(_ element: Element) {
        insert(element, at: place(of: element.id))
    }

    /// Puts `element` in its place, replacing the element with its id if there is one; true when
    /// it was not there.
    mutating func upsertSorted(_ element: Element) -> Bool {
        let at = place(of: element.id)
        if at < count, self[at].id == element.id {
            self[at] = element
            return false
        }
        insert(element, at: at)
        return true
    }

    /// The index of the first element whose id is not below `id`.
    private func place(of id: String) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
