/// Where a check's facts come from: the server's in-memory index, or the database itself for a
/// one-off check from the command line.
public protocol FactsSource: Sendable {
    /// The facts of one proposed use; 404 for an unknown production, performer or tool.
    func facts(for use: ProposedUse) async throws -> CheckFacts
}
