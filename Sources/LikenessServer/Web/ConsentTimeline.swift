import LikenessRules
import Mustache

/// A performer's consent timeline, drawn on the server as SVG (template `timeline`): each grant's
/// validity a bar coloured by its status (in words too, in its label and title), today a line.
struct ConsentTimeline: Sendable, MustacheParent {
    struct Bar: Sendable, MustacheParent {
        let grant: String
        /// Where the bar leads: the grant's page, or its row on the performer's side.
        let href: String
        let description: String
        let status: String
        let from: String
        let until: String
        let label: String
        let x: Int, y: Int, width: Int, textY: Int

        /// The template's names, without reflection (a performer page draws a bar per grant).
        func child(named name: String) -> Any? {
            switch name {
            case "grant": grant
            case "href": href
            case "description": description
            case "status": status
            case "from": from
            case "until": until
            case "label": label
            case "x": x
            case "y": y
            case "width": width
            case "textY": textY
            default: nil
            }
        }
    }

    struct Tick: Sendable, MustacheParent {
        let x: Int
        let label: String

        func child(named name: String) -> Any? {
            switch name {
            case "x": x
            case "label": label
            default: nil
            }
        }
    }

    let bars: [Bar]
    let ticks: [Tick]
    let todayX: Int
    let today: String
    let width: Int
    let height: Int
    let axisY: Int

    func child(named name: String) -> Any? {
        switch name {
        case "bars": bars
        case "ticks": ticks
        case "todayX": todayX
        case "today": today
        case "width": width
        case "height": height
        case "axisY": axisY
        default: nil
        }
    }

    static let labelWidth = 300, chartWidth = 620, rowHeight = 26, top = 24

    /// The grants' bars over the span from the earliest start to the latest end, today included
    /// with a month's margin either side.
    /// `describedFirst`: each bar's label starts with the grant's description, not its id (the
    /// performer's side, who knows a consent by what it allows).
    init(grants: [Grant], today: Day, link: (String) -> String = { "/grants/\($0)" }, describedFirst: Bool = false) {
        let first = min(grants.map(\.validFrom).min() ?? today, today.adding(days: -30))
        let last = max(grants.map(\.validUntil).max() ?? today, today.adding(days: 30))
        let span = Double(max(1, last.ordinal - first.ordinal + 1))
        func x(_ day: Day) -> Int { Self.labelWidth + Int((Double(day.ordinal - first.ordinal) / span * Double(Self.chartWidth)).rounded()) }
        bars = grants.enumerated().map { i, grant in
            let status = Self.status(of: grant, today: today)
            let y = Self.top + i * Self.rowHeight
            return Bar(grant: grant.id, href: link(grant.id), description: grant.description, status: status,
                       from: grant.validFrom.description, until: grant.validUntil.description,
                       label: Self.label(describedFirst ? "\(grant.description) (\(status))" : "\(grant.id) (\(status)) \(grant.description)"),
                       x: x(grant.validFrom), y: y + 4, width: max(2, x(grant.validUntil.adding(days: 1)) - x(grant.validFrom)),
                       textY: y + 17)
        }
        let tickCount = 5
        ticks = (0...tickCount).map { k in
            let day = Day(ordinal: first.ordinal + Int(Double(k) / Double(tickCount) * (span - 1)))
            return Tick(x: x(day), label: day.description)
        }
        todayX = x(today)
        self.today = today.description
        axisY = Self.top + grants.count * Self.rowHeight + 4
        width = Self.labelWidth + Self.chartWidth + 40
        height = axisY + 24
    }

    /// What fits left of the bars (the whole is in the bar's title and the table below).
    static func label(_ text: String) -> String {
        text.count > labelCharacters ? String(text.prefix(labelCharacters - 1)) + "…" : text
    }

    static let labelCharacters = 44

    /// A grant's status as people see it on a day: an active grant past its end has expired.
    static func status(of grant: Grant, today: Day) -> String {
        grant.status == .active && grant.validUntil < today ? "expired" : grant.status.rawValue
    }
}
