import Foundation
import LikenessTestSupport

/// The CLI of the build that runs the tests: it sits beside the test bundle.
let cliBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent().appendingPathComponent("likeness")

/// Runs the `likeness` CLI built beside the tests (debug or release, whichever runs them) without
/// blocking a thread. It runs at the tests' time (`$LIKENESS_NOW`), whatever the day.
func runCLI(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, out: String, err: String) {
    guard FileManager.default.isExecutableFile(atPath: cliBinary.path) else { throw CLIMissing(path: cliBinary.path) }
    return try await runProgram(cliBinary.path, arguments, stdin: stdin,
                                environment: ProcessInfo.processInfo.environment.merging(["LIKENESS_NOW": testNowText]) { $1 })
}

/// Runs `executable` with the tests' environment (or `environment`) without blocking a thread:
/// its output and errors go to files, read once it has exited.
func runProgram(_ executable: String, _ arguments: [String], stdin: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> (status: Int32, out: String, err: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
    let inURL = folder.appendingPathComponent("in")
    if let stdin { try Data(stdin.utf8).write(to: inURL) }
    let status = try await spawn(executable, arguments, environment: environment,
                                 stdin: stdin == nil ? nil : inURL.path, stdout: outURL.path, stderr: errURL.path)
    return (status, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
}

struct CLIMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "the CLI is not built at \(path): `swift test` builds it with the tests" }
}
