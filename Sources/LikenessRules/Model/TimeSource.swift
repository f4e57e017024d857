import Foundation

/// The time as Likeness sees it: when a change is recorded, the default `at` of a check and
/// "today" of the alerts. The wall clock in service; tests and rehearsals set it.
public struct TimeSource: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The system's clock.
    public static let system = TimeSource { Date() }

    /// A clock that always reads `date`.
    public static func fixed(_ date: Date) -> TimeSource { TimeSource { date } }

    /// The current instant.
    public func now() -> Date { read() }

    /// The current UTC day.
    public func today() -> Day { Day(read()) }
}
