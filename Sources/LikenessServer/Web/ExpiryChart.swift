import LikenessStore
import LikenessRules

/// The consents expiring in the coming weeks as an SVG bar chart (template `expiry-chart`): one
/// bar per week, its count written above it.
struct ExpiryChart: Sendable {
    struct Week: Sendable {
        let label: String
        let count: Int
        let x: Int, y: Int, height: Int, labelX: Int, countY: Int
    }

    let weeks: [Week]
    let width: Int
    let height: Int
    let baseY: Int
    let total: Int

    static let barWidth = 44, gap = 16, plotHeight = 160, top = 20, left = 8

    init(expiring: [ExpiringGrant], today: Day, days: Int) {
        let weekCount = max(1, (days + 6) / 7)
        var counts = Array(repeating: 0, count: weekCount)
        for grant in expiring {
            let week = (grant.validUntil.ordinal - today.ordinal) / 7
            if week >= 0 && week < weekCount { counts[week] += 1 }
        }
        let peak = max(1, counts.max() ?? 1)
        baseY = Self.top + Self.plotHeight
        weeks = counts.enumerated().map { i, count in
            let height = count == 0 ? 0 : max(2, count * Self.plotHeight / peak)
            let x = Self.left + i * (Self.barWidth + Self.gap)
            return Week(label: today.adding(days: i * 7).description.dropFirst(5).description, count: count,
                        x: x, y: Self.top + Self.plotHeight - height, height: height, labelX: x + Self.barWidth / 2,
                        countY: Self.top + Self.plotHeight - height - 4)
        }
        width = Self.left * 2 + weekCount * (Self.barWidth + Self.gap)
        height = baseY + 24
        total = counts.reduce(0, +)
    }
}
