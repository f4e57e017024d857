import Foundation
import SMTP

// Mails per second over SMTP: N messages over one connection (RSET-free, one transaction after
// another), then N messages with a connection each (greeting, EHLO, MAIL, RCPT, DATA, QUIT).
// `scripts/smtp-bench` runs it against aiosmtpd on loopback; any server will do:
//   smtp-bench smtp://127.0.0.1:2525 [N]

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: smtp-bench SMTP-URL [N]\n".utf8))
    exit(2)
}
let count = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500
let client = try SMTPClient(configuration: SMTPConfiguration(url: arguments[1]))

func message(_ n: Int) -> SMTPMessage {
    SMTPMessage(from: SMTPMailbox("bench@smtp-bench.test", displayName: "Bench"),
                to: SMTPMailbox("sink@smtp-bench.test"),
                subject: "Benchmark mail \(n) — façade",
                body: "Mail number \(n).\nAn offer waits for you: https://likeness.test/me/offers/\(n)\n",
                date: Date(timeIntervalSince1970: 1_796_666_167), messageID: "bench-\(n)@smtp-bench.test")
}

func measure(_ label: String, _ body: () async throws -> Void) async throws {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(label): \(count) mails in \(String(format: "%.2f", seconds)) s, \(String(format: "%.0f", Double(count) / seconds)) mails/s")
}

// A few to warm up (TLS contexts, the server's imports).
try await client.withConnection { for n in 0..<5 { try await $0.send(message(n)) } }
try await measure("one connection reused") {
    try await client.withConnection { connection in
        for n in 0..<count { try await connection.send(message(n)) }
    }
}
try await measure("one connection per mail") {
    for n in 0..<count { try await client.send(message(n)) }
}
