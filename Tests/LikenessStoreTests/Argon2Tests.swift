import Argon2
import Testing

@Suite struct Argon2Tests {
    @Test func hashIsEncodedArgon2idWithTheStandardParameters() throws {
        let hash = try Argon2id.hash(password: "correct horse battery")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        // Salt (16 bytes) and hash (32 bytes) in unpadded base64.
        let parts = hash.split(separator: "$")
        #expect(parts.count == 5)
        #expect(parts[3].count == 22)
        #expect(parts[4].count == 43)
    }

    @Test func verifyAcceptsTheRightPasswordAndRejectsAWrongOne() throws {
        let hash = try Argon2id.hash(password: "correct horse battery")
        #expect(try Argon2id.verify(password: "correct horse battery", encoded: hash))
        #expect(try !Argon2id.verify(password: "correct horse batterY", encoded: hash))
        #expect(try !Argon2id.verify(password: "", encoded: hash))
    }

    @Test func saltsAreRandom() throws {
        #expect(try Argon2id.hash(password: "same") != Argon2id.hash(password: "same"))
    }

    @Test func malformedHashIsAnError() {
        #expect(throws: Argon2Error.self) { try Argon2id.verify(password: "x", encoded: "$argon2id$garbage") }
    }

    @Test func derivedKeysDependOnPasswordAndSalt() throws {
        let salt = Argon2id.randomBytes(16)
        let a = try Argon2id.deriveKey(password: "pw-one", salt: salt)
        #expect(a.count == 32)
        #expect(try Argon2id.deriveKey(password: "pw-one", salt: salt) == a)
        #expect(try Argon2id.deriveKey(password: "pw-two", salt: salt) != a)
        #expect(try Argon2id.deriveKey(password: "pw-one", salt: Argon2id.randomBytes(16)) != a)
    }

    @Test func tooSmallParametersAreRejectedByTheLibrary() {
        #expect(throws: Argon2Error.self) {
            try Argon2id.hash(password: "x", parameters: Argon2Parameters(iterations: 0, memoryKiB: 8, parallelism: 1))
        }
    }
}
