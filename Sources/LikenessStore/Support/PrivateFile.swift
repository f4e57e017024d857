import Foundation
import LikenessRules
#if canImport(Glibc)
import Glibc
#endif

/// Files only their owner may read or write (mode 0600), whatever the process's umask.
enum PrivateFile {
    /// Creates an empty file at `path` with mode 0600 unless one is there already (whose mode is
    /// the operator's to keep).
    static func create(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return
        }
        guard errno == EEXIST else {
            throw LikenessError(.unavailable, "cannot-create", "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }
}
