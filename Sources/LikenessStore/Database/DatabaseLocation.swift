import Foundation
import LikenessRules

/// Where a Likeness database lives: a SQLite file, or a PostgreSQL database named by a
/// `postgres://` (or `postgresql://`) URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads `--db`: a URL with the scheme `postgres` or `postgresql` names PostgreSQL, anything
    /// else is a file's path. A PostgreSQL URL it cannot read is an error that says why.
    public init(_ text: String) throws {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(try PostgresAddress(url: text))
        } else {
            self = .sqlite(path: text)
        }
    }
}

/// A PostgreSQL server and database, read from
/// `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=FILE]` as libpq reads
/// it. Without a password in the URL, `$PGPASSWORD` is used, if set.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` says: `prefer` (the default) and `require`
    /// encrypt without checking the server's certificate (`require` checks its chain when
    /// `sslrootcert` is given); `verify-ca` checks the chain; `verify-full` the chain and the host.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The PEM file of the certificates that the server's must chain to (libpq's `sslrootcert`);
    /// the system's trust store when nil.
    public var rootCertificates: String?

    /// Reads a `postgres://` URL; an error names what is missing or wrong.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func invalid(_ why: String) -> LikenessError {
            LikenessError(.badRequest, "invalid-database-url", "\(why) in the PostgreSQL URL (postgres://user@host:port/database)")
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else { throw invalid("a malformed address") }
        guard let host = url.host, !host.isEmpty else { throw invalid("no host") }
        guard let user = url.user, !user.isEmpty else { throw invalid("no user") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw invalid("no database name") }
        if let port = url.port, !(1...65_535).contains(port) { throw invalid("a port out of range") }
        var tls = TLSMode.prefer, rootCertificates: String?
        for item in url.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", let value?):
                guard let mode = TLSMode(rawValue: value) else {
                    throw invalid("an sslmode other than \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case ("sslrootcert", let value?) where !value.isEmpty:
                rootCertificates = value
            default:
                throw invalid("an unknown parameter '\(item.name)'")
            }
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = user
        self.password = url.password ?? environment["PGPASSWORD"]
        self.database = database
        self.tls = tls
        self.rootCertificates = rootCertificates
    }

    /// The address without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
