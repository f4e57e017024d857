import Foundation
import NIOSSL
import SMTP
#if canImport(Glibc)
import Glibc
#endif

/// The repository's root, three levels above this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// `.venv/bin/python`, which `scripts/python-env` makes with aiosmtpd in it.
let python = repositoryRoot + "/.venv/bin/python"

/// Whether the Python peer is there (`scripts/python-env` installs it; `scripts/test` runs it).
let aiosmtpdAvailable = FileManager.default.isExecutableFile(atPath: python)
    && FileManager.default.fileExists(atPath: repositoryRoot + "/.venv/requirements.sha256")
    && ((try? String(contentsOfFile: repositoryRoot + "/scripts/requirements.txt", encoding: .utf8)) ?? "").contains("aiosmtpd")

/// A message as the test server received it and Python's email package read it.
struct Received: Decodable {
    let mail_from: String
    let mail_options: [String]
    let rcpt_tos: [String]
    let tls: Bool
    let login: String?
    let raw: String
    let longest_line: Int
    let bare_lf: Bool
    let parse_error: String?
    let from_name: String?
    let from_addr: String?
    let to_name: String?
    let to_addr: String?
    let subject: String?
    let date: String?
    let date_valid: Bool?
    let message_id: String?
    let auto_submitted: String?
    let mime_version: String?
    let content_type: String?
    let charset: String?
    let cte: String?
    let body: String?
    let header_names: [String]?
    let defects: [String]?

    /// The body with its line ends made LF.
    var text: String? { body?.replacingOccurrences(of: "\r\n", with: "\n") }
}

/// `smtp-test-server.py` (aiosmtpd) on a free loopback port, in a temporary directory of its own.
final class TestSMTPServer: @unchecked Sendable {
    let directory: String
    let pid: pid_t
    let port: Int

    static let script = repositoryRoot + "/Tests/SMTPTests/smtp-test-server.py"

    /// Starts the server with `arguments` (see the script) and waits until it listens.
    init(_ arguments: [String] = []) async throws {
        directory = try makeTemporaryDirectory("smtp-server")
        let portFile = directory + "/port"
        pid = try startProcess(python, [Self.script, "--port-file", portFile, "--out", directory + "/received.jsonl"] + arguments,
                               stdout: directory + "/stdout", stderr: directory + "/stderr")
        let deadline = Date().addingTimeInterval(60)
        var port: Int?
        while port == nil {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8) { port = Int(text) }
            if port != nil { break }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid || Date() > deadline {
                let errors = (try? String(contentsOfFile: directory + "/stderr", encoding: .utf8)) ?? ""
                kill(pid, SIGKILL)
                throw TestServerFailed(description: "smtp-test-server.py did not start: \(errors)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        self.port = port!
    }

    /// What the server accepted, in order.
    func received() throws -> [Received] {
        guard let text = try? String(contentsOfFile: directory + "/received.jsonl", encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// Ends the server and removes its directory.
    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `body` with a server started with `arguments`, then stops it.
    static func with<T>(_ arguments: [String] = [], _ body: (TestSMTPServer) async throws -> T) async throws -> T {
        let server = try await TestSMTPServer(arguments)
        defer { server.stop() }
        return try await body(server)
    }
}

struct TestServerFailed: Error, CustomStringConvertible {
    let description: String
}

func makeTemporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Starts `executable` with its output to files, nothing open but those (not Foundation's
/// `Process`, which crashes now and then on Linux when many files are open).
func startProcess(_ executable: String, _ arguments: [String], stdout: String, stderr: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    _ = closeFrom?(&actions, 3)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONUNBUFFERED"] = "1"
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    // The child starts with no signal blocked or ignored: the test runner blocks some, which a
    // child would inherit (and then live through SIGTERM).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard code == 0 else { throw TestServerFailed(description: "cannot start \(executable): \(String(cString: strerror(code)))") }
    return pid
}

/// Runs `executable` to its end and answers its exit status.
func run(_ executable: String, _ arguments: [String], in directory: String) async throws -> Int32 {
    let pid = try startProcess(executable, arguments, stdout: directory + "/run.out", stderr: directory + "/run.err")
    return await withCheckedContinuation { continuation in
        Thread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            continuation.resume(returning: status)
        }.start()
    }
}

private let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()

/// A certificate authority and a server certificate it signed for `localhost` and `127.0.0.1`,
/// made by the openssl CLI once per test run (valid from the moment they are made); and another
/// authority that signed nothing of the server's.
struct TestCertificates: Sendable {
    let directory: String
    var ca: String { directory + "/ca.crt" }
    var otherCA: String { directory + "/other-ca.crt" }
    var serverCertificate: String { directory + "/server.crt" }
    var serverKey: String { directory + "/server.key" }

    static let shared: Task<TestCertificates, any Error> = Task {
        let directory = try makeTemporaryDirectory("smtp-certificates")
        let script = """
            set -e
            cd '\(directory)'
            ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            openssl req -x509 $ec -keyout ca.key -out ca.crt -subj '/CN=SMTP test CA' -days 30 \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
            openssl req -x509 $ec -keyout other-ca.key -out other-ca.crt -subj '/CN=Another CA' -days 30 \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
            openssl req $ec -keyout server.key -out server.csr -subj '/CN=localhost'
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > ext.cnf
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 30 -extfile ext.cnf
            """
        let status = try await run("/bin/sh", ["-c", script], in: directory)
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: directory + "/run.err", encoding: .utf8)) ?? ""
            throw TestServerFailed(description: "openssl failed: \(errors)")
        }
        return TestCertificates(directory: directory)
    }

    /// TLS settings that trust `authority` only.
    func trusting(_ authority: String) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(authority))
        return tls
    }
}
