import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// TLS to PostgreSQL as libpq's `sslmode` has it, against the test server: `scripts/postgres`
/// serves TLS with a self-signed certificate for "localhost" only, whose file
/// `$LIKENESS_TEST_POSTGRES_ROOTCERT` names (`other.crt` beside it is one it does not chain to).
@Suite(.enabled(if: TestServerCertificates.root != nil && StorageBackend.available.contains(.postgres)))
struct PostgresTLSTests {
    static let rootCertificate = TestServerCertificates.root
    static let otherCertificate = TestServerCertificates.other

    /// A way to connect: the mode, the roots (`sslrootcert`) and the host name.
    struct Connection: Sendable, CustomTestStringConvertible {
        let mode: PostgresAddress.TLSMode
        let roots: String?
        let host: String
        var testDescription: String { "\(mode.rawValue) to \(host)\(roots.map { " with sslrootcert \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "")" }
    }

    /// Opens the migrated database `backend` made as `connection` says and answers whether its
    /// session is encrypted.
    static func encrypted(_ connection: Connection, _ backend: PostgresBackendDatabase) async throws -> Bool {
        var address = backend.address
        address.tls = connection.mode
        address.rootCertificates = connection.roots
        address.host = connection.host
        let database = try await PostgreSQLDatabase(address: address, connections: 1)
        defer { database.close() }
        let ssl: String? = try await database.snapshot { db in
            try db.value("SELECT CASE WHEN ssl THEN 'tls' ELSE 'plain' END FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        }
        return ssl == "tls"
    }

    static let connecting: [(Connection, Bool)] = [
        (Connection(mode: .disable, roots: nil, host: "127.0.0.1"), false),
        (Connection(mode: .prefer, roots: nil, host: "127.0.0.1"), true),
        (Connection(mode: .require, roots: nil, host: "127.0.0.1"), true),
        (Connection(mode: .require, roots: rootCertificate, host: "127.0.0.1"), true),
        (Connection(mode: .verifyCA, roots: rootCertificate, host: "127.0.0.1"), true),
        (Connection(mode: .verifyFull, roots: rootCertificate, host: "localhost"), true),
    ]

    /// `prefer` and `require` encrypt without checking the self-signed certificate; `verify-ca`
    /// checks its chain, `verify-full` its name too; `disable` does not encrypt.
    @Test(arguments: connecting)
    func eachModeConnectsAsLibpqDoes(connection: Connection, encrypted: Bool) async throws {
        let backend = try await PostgresBackendDatabase()
        defer { Task { await backend.drop() } }
        #expect(try await Self.encrypted(connection, backend) == encrypted)
    }

    static let refused: [(Connection, String)] = [
        (Connection(mode: .verifyFull, roots: rootCertificate, host: "127.0.0.1"), "database-unreachable"),
        (Connection(mode: .verifyFull, roots: nil, host: "localhost"), "database-unreachable"),
        (Connection(mode: .verifyCA, roots: otherCertificate, host: "127.0.0.1"), "database-unreachable"),
        (Connection(mode: .require, roots: otherCertificate, host: "127.0.0.1"), "database-unreachable"),
        (Connection(mode: .verifyCA, roots: "/nonexistent/root.crt", host: "127.0.0.1"), "invalid-database-url"),
        (Connection(mode: .verifyCA, roots: String(#filePath), host: "127.0.0.1"), "invalid-database-url"),
    ]

    /// A certificate that does not name the host, or does not chain to the roots, is refused with
    /// an error that says so; a roots file that cannot be read, or holds no certificate, is said
    /// as such.
    @Test(arguments: refused)
    func aCertificateThatFailsItsCheckIsRefused(connection: Connection, code: String) async throws {
        let backend = try await PostgresBackendDatabase()
        defer { Task { await backend.drop() } }
        await #expect {
            _ = try await Self.encrypted(connection, backend)
        } throws: { error in
            guard let error = error as? LikenessError else { return false }
            return error.code == code && error.message.contains(code == "database-unreachable" ? "the server's certificate" : "sslrootcert")
        }
    }
}

/// The certificates of the test server's TLS (`scripts/postgres`).
enum TestServerCertificates {
    /// The server's self-signed certificate, when `$LIKENESS_TEST_POSTGRES_ROOTCERT` names it.
    static var root: String? { ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES_ROOTCERT"] }
    /// A certificate the server's does not chain to, beside it.
    static var other: String? {
        root.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("other.crt").path }
    }
}
