import ArgumentParser
import LikenessServer

struct Serve: DatabaseCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "The issuer (iss) of attestations: the service's name or URL.") var issuer = "likeness"

    func run() async throws {
        try await serve(ServerConfiguration(databasePath: databasePath, signingKeyPath: signingKeyPath, issuer: issuer,
                                            host: host, port: port, clock: clock))
    }
}
