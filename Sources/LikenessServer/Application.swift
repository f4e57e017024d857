import Foundation
import Hummingbird
import LikenessCore
import Logging
import NIOCore
import ServiceLifecycle

/// Where and how to serve.
public struct ServerConfiguration: Sendable {
    public var databasePath: String
    public var host: String
    public var port: Int

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8080) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
    }
}

/// The router of the whole API.
public func buildRouter(services: Services) -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    router.add(middleware: ErrorMiddleware())
    router.get("healthz") { _, _ in ["status": "ok"] }
    router.get("openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
    router.post("v1/sessions", use: SessionController(services: services).login)
    let v1 = router.group("v1").add(middleware: AuthMiddleware(services: services))
    v1.addRoutes(AccountController(services: services).routes)
    v1.addRoutes(RegistryController(services: services).routes)
    v1.addRoutes(GrantController(services: services).routes)
    v1.addRoutes(CheckController(services: services).routes)
    v1.addRoutes(PersonalController(services: services).routes)
    return router
}

/// Follows registry changes made by other processes (the CLI) while the server runs.
struct FactsFollower: Service {
    let facts: FactsIndex
    func run() async throws {
        try await cancelWhenGracefulShutdown { await facts.follow() }
    }
}

/// Checkpoints the WAL in the background while the server runs (see `WALCheckpointer`).
struct Checkpointing: Service {
    let checkpointer: WALCheckpointer
    func run() async throws {
        try await cancelWhenGracefulShutdown { await checkpointer.run() }
    }
}

/// The application serving an existing database. SIGTERM and SIGINT drain in-flight requests
/// (whose receipts are written before they answer) before exit.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "likeness")
    if logger.logLevel > .info { logger.logLevel = .info }
    let database = try AppDatabase(path: configuration.databasePath, createIfMissing: false)
    let services = try await Services(database: database)
    var app = Application(
        router: buildRouter(services: services),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "likeness"),
        logger: logger)
    app.addServices(FactsFollower(facts: services.facts), Checkpointing(checkpointer: try WALCheckpointer(database: database, writer: services.receipts)))
    return app
}
