import Testing
@testable import LikenessStore

/// The migrations' SQL is sent a statement at a time: it splits at each `;` that ends a statement,
/// and at none inside a string, a quoted identifier, a dollar-quoted body or a comment.
@Suite struct PostgresStatementsTests {
    @Test func aScriptSplitsAtEachSemicolonThatEndsAStatement() {
        #expect(PostgresSchema.statements(in: "CREATE TABLE a (x INT);\n\n CREATE INDEX b ON a(x) ;;  ") == ["CREATE TABLE a (x INT)", "CREATE INDEX b ON a(x)"])
        #expect(PostgresSchema.statements(in: "SELECT 1") == ["SELECT 1"])
        #expect(PostgresSchema.statements(in: "  ;\n") == [])
    }

    @Test func semicolonsInsideStringsIdentifiersBodiesAndCommentsDoNotSplit() {
        let cases: [(String, [String])] = [
            ("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 2", ["INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 2"]),
            (#"SELECT E'\';' AS x; SELECT 3"#, [#"SELECT E'\';' AS x"#, "SELECT 3"]),
            (#"CREATE TABLE "odd;name" ("col""; x" INT); SELECT 4"#, [#"CREATE TABLE "odd;name" ("col""; x" INT)"#, "SELECT 4"]),
            ("SELECT 5; -- a comment; with a semicolon\nSELECT 6", ["SELECT 5", "-- a comment; with a semicolon\nSELECT 6"]),
            ("SELECT 7 /* a; /* nested; */ comment; */ ; SELECT 8", ["SELECT 7 /* a; /* nested; */ comment; */", "SELECT 8"]),
            ("CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql; SELECT 9",
             ["CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql", "SELECT 9"]),
            ("DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$; SELECT 10",
             ["DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$", "SELECT 10"]),
            ("PREPARE p AS SELECT $1; EXECUTE p(1)", ["PREPARE p AS SELECT $1", "EXECUTE p(1)"]),
            ("SELECT '--not a comment;'; SELECT 11", ["SELECT '--not a comment;'", "SELECT 11"]),
        ]
        for (sql, expected) in cases {
            #expect(PostgresSchema.statements(in: sql) == expected, "\(sql)")
        }
    }
}
