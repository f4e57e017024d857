import Foundation
import Testing

/// Runs the `likeness` CLI built beside the tests (debug or release, whichever runs them) without
/// blocking a thread: output goes to files, read once it has exited. It runs at the tests' time
/// (`$LIKENESS_NOW`), whatever the day.
func runCLI(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, out: String, err: String) {
    guard FileManager.default.isExecutableFile(atPath: Paths.binary.path) else { throw CLIMissing(path: Paths.binary.path) }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
    let inURL = folder.appendingPathComponent("in")
    for url in [outURL, errURL] { try Data().write(to: url) }
    try Data((stdin ?? "").utf8).write(to: inURL)
    let process = Process()
    process.executableURL = Paths.binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(["LIKENESS_NOW": testNowText]) { $1 }
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = stdin == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: inURL)
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    return (status, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
}

struct CLIMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "the CLI is not built at \(path): `swift test` builds it with the tests" }
}
