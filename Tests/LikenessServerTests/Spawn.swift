import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `executable` with `arguments` and `environment`, its standard input read from `stdin`
/// (or `/dev/null`) and its output and errors written to `stdout` and `stderr`, and returns its
/// exit status (128 + the signal's number if a signal ended it), without blocking a task's thread.
///
/// Not `Foundation.Process`: on Linux its `run()` reads `/proc/self/fd` with a 256-byte copy of
/// each entry's name, which reads past glibc's buffer and crashes now and then when the process
/// has many files open, as this suite does (swift-corelibs-foundation#5472, fixed after 6.3.1).
func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
           stdin: String?, stdout: String, stderr: String) async throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // The child keeps no other file of the tests' (a pipe's writing end would hold its reader).
    _ = closeFrom?(&actions, 3)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard code == 0 else { throw SpawnFailed(executable: executable, code: code) }
    let child = pid
    return await withCheckedContinuation { continuation in
        Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            let signal = status & 0x7F
            continuation.resume(returning: signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
        }.start()
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module
/// does not declare; nil where the C library lacks it.
private let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()

struct SpawnFailed: Error, CustomStringConvertible {
    let executable: String
    let code: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
}
