import Foundation
import LikenessRules

/// The time the tests run at, whatever the day: the fixtures are written as of 2026-11-28.
public let testNow = Date(timeIntervalSince1970: 1_795_856_400)
public let testNowText = "2026-11-28T09:00:00Z"

extension TimeSource {
    /// A clock that starts at `testNow` and then moves with real time (sessions expire, limits
    /// forget), so that nothing a test does depends on the day it runs.
    public static func test() -> TimeSource {
        let start = ContinuousClock.now
        return TimeSource {
            let elapsed = ContinuousClock.now - start
            return testNow.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}
