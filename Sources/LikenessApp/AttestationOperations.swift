import Foundation
import LikenessRules
import LikenessStore
import Synchronization

/// Attestations of checks (the full receipt, and the media's view of it), and the status lists
/// that say whether the consent behind them has since been withdrawn. Everything is signed with
/// the key file's current key under the service's issuer URL.
public struct AttestationOperations: Sendable {
    public let database: any StoreDatabase
    let clock: TimeSource
    let signer: AttestationSigner
    /// The URL under which verifiers reach the service (`iss`, and the base of the lists' URLs).
    public let issuer: String
    let pseudonyms: Pseudonyms
    private let signedLists = SignedLists()

    /// How long verifiers may keep a status list (its `ttl`, and the answer's `max-age`).
    public static let statusListTTL = 60
    /// How long a signed status list is valid: a list replayed after a change is refused this soon.
    static let statusListValidity = 600
    /// How long a signed list is served again while its bits stay the same (it keeps most of its validity).
    static let statusListResigning: TimeInterval = 60

    public init(database: any StoreDatabase, clock: TimeSource, signer: AttestationSigner, issuer: String, pseudonyms: Pseudonyms) {
        self.database = database
        self.clock = clock
        self.signer = signer
        self.issuer = issuer
        self.pseudonyms = pseudonyms
    }

    /// The check's receipt signed now, for who may read the check; the check gets its status
    /// index if it has none yet.
    public func attestation(check id: String, by caller: Identity) async throws -> String {
        try caller.require(.readCheck)
        let codec = database.receiptCodec
        let (body, known) = try await database.snapshot { db in
            (try Receipts.body(id: id, visibleTo: caller, codec: codec, db), try StatusLists.existing(id, db))
        }
        let entry = try await entry(of: id, known: known)
        return try Attestation.sign(receipt: body, issuer: issuer, status: reference(entry), with: signer, now: clock.now())
    }

    /// The manifest fragment for media made under the check (`409 not-attestable` for a check
    /// that allows no media), with its media attestation signed now.
    public func mediaManifest(check id: String, by caller: Identity) async throws -> MediaAttestation.Manifest {
        try caller.require(.readCheck)
        let codec = database.receiptCodec
        let pseudonyms = pseudonyms
        let (source, known) = try await database.snapshot { db in
            (try MediaAttestation.source(of: try Receipts.body(id: id, visibleTo: caller, codec: codec, db), pseudonyms: pseudonyms, db),
             try StatusLists.existing(id, db))
        }
        let status = reference(try await entry(of: id, known: known))
        let token = try Attestation.sign(media: source.use, issuer: issuer, status: status, with: signer, now: clock.now())
        return MediaAttestation.Manifest(source: source, attestation: token, issuer: issuer, status: status)
    }

    /// Status list `number`, signed (`statuslist+jwt`); 404 when there is no such list. A signed
    /// list is served again until its bits change or it is a minute old.
    public func statusList(_ number: Int) async throws -> String {
        let now = clock.now()
        guard let version = try await database.snapshot({ try StatusLists.version(of: number, $0) }) else {
            throw LikenessError.notFound("status list", String(number))
        }
        if let token = signedLists.token(number, version: version, notBefore: now.addingTimeInterval(-Self.statusListResigning)) {
            return token
        }
        guard let bits = try await database.snapshot({ try StatusLists.bits(of: number, $0) }) else {
            throw LikenessError.notFound("status list", String(number))
        }
        let token = try Attestation.sign(statusList: bits.bytes, uri: statusListURL(number), ttl: Self.statusListTTL,
                                         validFor: Self.statusListValidity, with: signer, now: now)
        signedLists.keep(token, number, version: bits.version, signedAt: now)
        return token
    }

    /// The check's status list entry: `known` when it has one, else given now (a write, once per
    /// check: attesting again reads only, beside the checks being written).
    func entry(of check: String, known: StatusLists.Entry?) async throws -> StatusLists.Entry {
        if let known { return known }
        return try await database.transaction { try StatusLists.entry(of: check, $0) }
    }

    func statusListURL(_ number: Int) -> String { issuer + "/v1/status-lists/\(number)" }

    func reference(_ entry: StatusLists.Entry) -> Attestation.StatusReference {
        Attestation.StatusReference(idx: entry.index, uri: statusListURL(entry.list))
    }
}

/// The status lists last signed, by list: the version of the bits each signed and when.
private final class SignedLists: Sendable {
    struct Signed { let token: String; let version: Int64; let signedAt: Date }
    private let lists = Mutex<[Int: Signed]>([:])

    func token(_ number: Int, version: Int64, notBefore: Date) -> String? {
        lists.withLock { lists in
            guard let signed = lists[number], signed.version == version, signed.signedAt >= notBefore else { return nil }
            return signed.token
        }
    }

    func keep(_ token: String, _ number: Int, version: Int64, signedAt: Date) {
        lists.withLock { lists in
            // Never replace a list signed from newer bits by one a slower request signed from older ones.
            if let kept = lists[number], kept.version > version { return }
            lists[number] = Signed(token: token, version: version, signedAt: signedAt)
        }
    }
}
