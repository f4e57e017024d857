import Foundation
import Synchronization

/// One line of progress on standard error, rewritten in place, when standard error is a terminal;
/// nothing at all otherwise (a cron job's log or a pipe gets only the result).
final class ProgressLine: Sendable {
    let enabled: Bool
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

    /// Draws `text`, at most ten times a second unless `force`.
    func show(_ text: String, force: Bool = false) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let draw = lastDrawn.withLock { last in
            guard force || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        if draw { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8)) }
    }

    /// Ends the line, so that what follows starts on a line of its own.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
