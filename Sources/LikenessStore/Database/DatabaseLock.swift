/// A lock that one holder at a time has, across every process and server using the database
/// (`StoreDatabase.holding`): a file lock beside an SQLite database, a session advisory lock on
/// PostgreSQL (released by the server if the holder's connection is lost).
public enum DatabaseLock: Int64, Sendable {
    /// `likeness alerts`: a run reads what is pending, delivers it and records it before the next
    /// run reads, so that nothing is delivered twice.
    case alerts = 0x4C_494B_454E_0004

    /// The lock's name, in the file that holds it beside an SQLite database.
    var name: String {
        switch self {
        case .alerts: "alerts"
        }
    }
}
