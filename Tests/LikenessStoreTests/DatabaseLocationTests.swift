@testable import LikenessRules
@testable import LikenessStore
import Testing

@Suite struct DatabaseLocationTests {
    @Test func aPathIsSQLiteAndAPostgresURLIsPostgreSQL() throws {
        #expect(try DatabaseLocation("./likeness.sqlite") == .sqlite(path: "./likeness.sqlite"))
        #expect(try DatabaseLocation("/var/lib/likeness/db") == .sqlite(path: "/var/lib/likeness/db"))
        guard case .postgres(let address) = try DatabaseLocation("postgresql://ada:s3cret@db.example:6543/likeness?sslmode=require") else {
            Issue.record("not read as PostgreSQL")
            return
        }
        #expect([address.host, "\(address.port)", address.user, address.password, address.database, address.tls.rawValue]
                == ["db.example", "6543", "ada", "s3cret", "likeness", "require"])
        // The password never shows in messages.
        #expect(address.description == "postgres://ada@db.example:6543/likeness")
    }

    @Test func withoutAPasswordOrPortTheDefaultsOfLibpqApply() throws {
        let address = try PostgresAddress(url: "postgres://ada@localhost/likeness", environment: ["PGPASSWORD": "from-env"])
        #expect(address.port == 5432)
        #expect(address.password == "from-env")
        #expect(address.tls == .prefer)
    }

    @Test func theModesOfLibpqThatCheckCertificatesAreReadWithTheirRoots() throws {
        let full = try PostgresAddress(url: "postgres://ada@db.example/likeness?sslmode=verify-full&sslrootcert=/etc/likeness/root.crt")
        #expect(full.tls == .verifyFull && full.rootCertificates == "/etc/likeness/root.crt")
        let chain = try PostgresAddress(url: "postgres://ada@db.example/likeness?sslmode=verify-ca")
        #expect(chain.tls == .verifyCA && chain.rootCertificates == nil)
    }

    @Test(arguments: [
        ("postgres:///likeness", "no host"),
        ("postgres://localhost/likeness", "no user"),
        ("postgres://ada@localhost", "no database name"),
        ("postgres://ada@localhost/a/b", "no database name"),
        ("postgres://ada@localhost/likeness?sslmode=allow", "an sslmode other than disable, prefer, require, verify-ca, verify-full"),
        ("postgres://ada@localhost/likeness?sslrootcert=", "an unknown parameter 'sslrootcert'"),
        ("postgres://ada@localhost/likeness?timeout=3", "an unknown parameter"),
    ])
    func aURLItCannotReadIsAnErrorThatSaysWhy(url: String, why: String) {
        #expect {
            _ = try DatabaseLocation(url)
        } throws: { error in
            guard let error = error as? LikenessError else { return false }
            return error.code == "invalid-database-url" && error.message.contains(why)
        }
    }

    @Test func migrationsAreSplitIntoStatementsOutsideQuotesBodiesAndComments() {
        let sql = """
        CREATE TABLE a (x TEXT CHECK (x <> ';'));
        -- a comment; with a semicolon
        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
        INSERT INTO a VALUES ('it''s; fine')
        """
        #expect(PostgresSchema.statements(in: sql) == [
            "CREATE TABLE a (x TEXT CHECK (x <> ';'))",
            "-- a comment; with a semicolon\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
            "INSERT INTO a VALUES ('it''s; fine')",
        ])
    }
}
