import Foundation

/// Runs CPU-heavy work (Argon2id) on a Dispatch thread, off the request executor threads.
public enum Offload {
    public static func run<T: Sendable>(_ body: @Sendable @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }
}
