import Foundation
import LikenessApp
import LikenessRules
import LikenessStore

/// The receipts' status lists at scale (pipeline.md's targets): on a new database at `path`,
/// `checks` attested checks, `impacted` of them (spread over every list) relying on one grant;
/// times serving a list (signed from the stored bits, then again while they have not changed) and
/// the revocation that sets the impacted checks' bits in its transaction.
func benchStatusLists(path: String, checks: Int = 1_000_000, impacted: Int = 10_000) async throws {
    let database = try SQLiteDatabase(path: path, createIfMissing: true)
    let clock = ContinuousClock()
    let seedStart = clock.now
    let lists = (checks + StatusLists.size - 1) / StatusLists.size
    try await database.transaction { db in
        try db.execute("INSERT INTO performer (id, name, created_at) VALUES ('p-bench', 'Bench', '2026-11-28T09:00:00Z')", [])
        try db.execute("INSERT INTO production (id, title, created_at) VALUES ('prod-bench', 'Bench', '2026-11-28T09:00:00Z')", [])
        try db.execute("""
            INSERT INTO consent_grant (id, performer, production, uses, aspects, destinations, territories, excluded_content,
              valid_from, valid_until, signed_by, survives_death, description, status, recorded_at, recorded_by)
            VALUES ('g-bench', 'p-bench', 'prod-bench', '["replica"]', '["face"]', '["temporary"]', '["*"]', '[]',
              '2026-01-01', '2027-01-01', 'performer', 0, 'Benchmark consent for the status lists', 'active',
              '2026-11-28T09:00:00Z', 'bench')
            """, [])
        try db.execute("""
            INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, body)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
            SELECT 'chk-bench-' || i, '2026-11-28T09:00:00Z', 'allowed', 'prod-bench', 'p-bench', 'bench', CAST('{}' AS BLOB) FROM n
            """, [checks])
        for list in 0..<lists {
            let assigned = min(StatusLists.size, checks - list * StatusLists.size)
            var used = Data(count: StatusLists.size / 8)
            for index in 0..<assigned { used[index / 8] |= 1 << UInt8(index % 8) }
            try db.execute("INSERT INTO status_list (list, assigned, assigned_bits, revoked, version) VALUES (?, ?, ?, ?, 0)",
                           [list, assigned, used, Data(count: StatusLists.size / 8)])
        }
        try db.execute("""
            INSERT INTO status_index (check_id, list, idx)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
            SELECT 'chk-bench-' || i, i / ?, i % ? FROM n
            """, [checks, StatusLists.size, StatusLists.size])
        try db.execute("""
            INSERT INTO check_reliance (grant_id, check_id, production, decision, decided_at)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
            SELECT 'g-bench', 'chk-bench-' || (i * ?), 'prod-bench', 'allowed', '2026-11-28T09:00:00Z' FROM n
            """, [impacted, checks / impacted])
    }
    print("seeded \(checks) attested checks in \(lists) lists, \(impacted) relying on one grant: \(clock.now - seedStart)")

    let keys = SigningKeys(database: database, path: SigningKeys.defaultPath(database: path))
    let attestations = AttestationOperations(database: database, clock: .system, signer: try await keys.current(now: Date()).signer,
                                             issuer: "https://likeness.bench", pseudonyms: Pseudonyms(key: try keys.pseudonymKey()))
    var first = clock.now
    var token = try await attestations.statusList(0)
    print("status list 0 signed from its bits (zlib, Ed25519): \(clock.now - first), \(token.utf8.count) bytes")
    var samples: [Duration] = []
    for _ in 0..<2_000 {
        let start = clock.now
        token = try await attestations.statusList(Int.random(in: 0..<lists))
        samples.append(clock.now - start)
    }
    samples.sort()
    print("status list served, \(lists) lists kept signed between changes, 2,000 runs: p50 \(percentile(samples, 0.5)), p99 \(percentile(samples, 0.99))")

    first = clock.now
    try await database.transaction { db in
        _ = try Registry.change(grant: "g-bench", .revoke, reason: "benchmark revocation", by: ActedBy(account: "bench", role: .casting),
                                now: Date(), db)
    }
    print("revocation impacting \(impacted) attested checks, committed (bits, event, audit): \(clock.now - first)")
    let set = try await database.snapshot { db in
        try (0..<lists).reduce(0) { sum, list in sum + (try StatusLists.bits(of: list, db)?.bytes.reduce(0) { $0 + $1.nonzeroBitCount } ?? 0) }
    }
    first = clock.now
    token = try await attestations.statusList(0)
    print("bits set after it: \(set); status list 0 signed again after the change: \(clock.now - first)")
}
