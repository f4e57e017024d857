import ArgumentParser
import Foundation
import LikenessServer

struct Serve: DatabaseCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API and the web app.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: ArgumentHelp("The URL under which verifiers reach this service: attestations' iss, the key set's and status lists' URLs (default: $LIKENESS_ISSUER, else http://HOST:PORT).",
                               valueName: "url"))
    var issuer: String?
    @Option(help: ArgumentHelp("The only hosts webhook deliveries may go to, comma-separated (default: $LIKENESS_WEBHOOK_HOSTS, else any).",
                               valueName: "host,…"))
    var webhookHosts: String?
    @Flag(help: "Mark the web app's session cookie Secure (when a TLS proxy serves Likeness).") var secureCookies = false
    @Option(help: "On PostgreSQL, the most connections this server opens to the database.") var connections = 32
    @Option(name: .customLong("trusted-proxy"),
            help: ArgumentHelp("A proxy in front of Likeness (an IP address; repeat for several): its X-Forwarded-For names the client.",
                               valueName: "address"))
    var trustedProxies: [String] = []
    @Option(help: "Seconds a connection may take to send a whole request head, after it opened or was answered (also how long an idle one stays open).")
    var headerTimeout = 15
    @Option(help: "Seconds a request in flight may send nothing (a stalled body) before its connection is closed.")
    var idleTimeout = 60

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port takes a number from 1 to 65535 (not \(port))") }
        guard (1...1000).contains(connections) else { throw ValidationError("--connections takes a number from 1 to 1000") }
        guard (1...3600).contains(headerTimeout) else { throw ValidationError("--header-timeout takes seconds from 1 to 3600") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout takes seconds from 1 to 3600") }
        do {
            _ = try TrustedProxies(trustedProxies)
        } catch let invalid as TrustedProxies.InvalidAddress {
            throw ValidationError("--trusted-proxy takes an IP address, not '\(invalid.text)'")
        }
    }

    func run() async throws {
        if !MallocTuning.apply() { FileHandle.standardError.write(Data("likeness: the allocator refused its memory settings; serving without them\n".utf8)) }
        let trimming = Task.detached(priority: .background) { await MallocTuning.trim() }
        defer { trimming.cancel() }
        let hosts = (webhookHosts ?? ProcessInfo.processInfo.environment["LIKENESS_WEBHOOK_HOSTS"]).map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        var configuration = ServerConfiguration(databasePath: databasePath, signingKeyPath: try signingKeyPath,
                                                issuer: issuer ?? ProcessInfo.processInfo.environment["LIKENESS_ISSUER"],
                                                host: host, port: port, webhookHosts: hosts, secureCookies: secureCookies, clock: try clock)
        configuration.connections = connections
        configuration.trustedProxies = try TrustedProxies(trustedProxies)
        configuration.headerTimeout = .seconds(headerTimeout)
        configuration.idleTimeout = .seconds(idleTimeout)
        try await serve(configuration)
    }
}
