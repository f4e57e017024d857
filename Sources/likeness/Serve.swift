import ArgumentParser
import Foundation
import LikenessServer

struct Serve: DatabaseCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API and the web app.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "The issuer (iss) of attestations: the service's name or URL.") var issuer = "likeness"
    @Option(help: ArgumentHelp("The only hosts webhook deliveries may go to, comma-separated (default: $LIKENESS_WEBHOOK_HOSTS, else any).",
                               valueName: "host,…"))
    var webhookHosts: String?
    @Flag(help: "Mark the web app's session cookie Secure (when a TLS proxy serves Likeness).") var secureCookies = false

    func run() async throws {
        if !MallocTuning.apply() { FileHandle.standardError.write(Data("likeness: the allocator refused its memory settings; serving without them\n".utf8)) }
        let trimming = Task.detached(priority: .background) { await MallocTuning.trim() }
        defer { trimming.cancel() }
        let hosts = (webhookHosts ?? ProcessInfo.processInfo.environment["LIKENESS_WEBHOOK_HOSTS"]).map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        try await serve(ServerConfiguration(databasePath: sqlitePath, signingKeyPath: signingKeyPath, issuer: issuer,
                                            host: host, port: port, webhookHosts: hosts, secureCookies: secureCookies, clock: clock))
    }
}
