/// Where a check's facts come from: the server's in-memory index, or the database itself for a
/// one-off check from the command line.
public protocol FactsSource: Sendable {
    /// The facts of one proposed use; 404 for an unknown production, performer or tool.
    func facts(for use: ProposedUse) async throws -> CheckFacts
    /// Returns once every later `facts(for:)` reads a state that holds the change of `token`;
    /// `ChangeToken.unknown` when the database holds no such change.
    func reach(_ token: ChangeToken) async throws
}
