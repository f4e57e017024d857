import Foundation
import LikenessRules
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file (created if missing): a second holder waits for the first.
final class FileLock: Sendable {
    private let fd: Int32

    /// Waits for the lock; call it off the cooperative threads (it blocks).
    init(path: String) throws {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LikenessError(.unavailable, "lock", "cannot open the lock file \(path)") }
        guard flock(fd, LOCK_EX) == 0 else {
            close(fd)
            throw LikenessError(.unavailable, "lock", "cannot lock \(path)")
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
