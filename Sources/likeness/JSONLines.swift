import Foundation

/// The lines of a JSON Lines file, read 1 MiB at a time: each line that is not blank, in order
/// (the last one too when the file does not end with a line break).
struct JSONLines {
    let handle: FileHandle

    func forEach(_ body: (Data) async throws -> Void) async throws {
        var buffer = Data()
        var ended = false
        while !ended {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            ended = chunk.isEmpty
            buffer.append(chunk)
            var start = buffer.startIndex
            while let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (ended && start < buffer.endIndex ? buffer.endIndex : nil) {
                let line = buffer[start..<end]
                start = min(end + 1, buffer.endIndex)
                if line.contains(where: { !($0 == 32 || $0 == 9 || $0 == 13) }) { try await body(Data(line)) }
            }
            buffer = Data(buffer[start...])
        }
    }
}
