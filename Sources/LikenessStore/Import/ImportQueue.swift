import Foundation

/// Hands chunks of prepared rows from the thread that reads an import's files to the one that
/// writes them. At most `capacity` chunks wait, so a large import holds little memory; when the
/// writer stops (a refused row), the reader stops at its next hand-over. Written chunks go back to
/// the reader to be freed: memory is freed fastest by the thread that allocated it.
final class ImportQueue: @unchecked Sendable {
    enum Item {
        case rows([Importer.PreparedRow])
        /// The reader failed here: every row before it has been handed over.
        case failed(any Error)
        /// Every row has been handed over; the files as the audit entry names them.
        case finished([Importer.FileDigest])
    }

    let capacity: Int
    // Guards everything below.
    private let condition = NSCondition()
    private var waiting: [Item] = []
    private var stopped = false
    private var handedOver = 0
    private var written: [[Importer.PreparedRow]] = []

    init(capacity: Int) { self.capacity = capacity }

    /// Hands `item` over, waiting while the queue is full; false once the writer has stopped.
    func put(_ item: Item) -> Bool {
        condition.lock()
        while waiting.count >= capacity, !stopped { condition.wait() }
        let accepted = !stopped
        if accepted {
            if case .rows(let rows) = item { handedOver += rows.count }
            waiting.append(item)
            condition.broadcast()
        }
        let spent = written
        written = []
        condition.unlock()
        withExtendedLifetime(spent) {}
        return accepted
    }

    /// The next item, waiting for the reader when there is none.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty { condition.wait() }
        condition.broadcast()
        return waiting.removeFirst()
    }

    /// Gives written rows back, for the reader to free at its next hand-over.
    func recycle(_ rows: [Importer.PreparedRow]) {
        condition.lock()
        defer { condition.unlock() }
        if !stopped { written.append(rows) }
    }

    /// Rows read and handed over so far.
    var rowsRead: Int {
        condition.lock()
        defer { condition.unlock() }
        return handedOver
    }

    /// The writer stopped: what waits is dropped and the reader's next `put` returns false.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        waiting.removeAll()
        written.removeAll()
        condition.broadcast()
    }
}
