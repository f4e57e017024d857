import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore
import Logging
import NIOCore
import ServiceLifecycle

/// Where and how to serve.
public struct ServerConfiguration: Sendable {
    public var databasePath: String
    public var host: String
    public var port: Int
    /// The key file of the attestations' signing key.
    public var signingKeyPath: String
    /// The URL under which verifiers reach the service: attestations' `iss`, and the base of the
    /// key set's and the status lists' URLs.
    public var issuer: String
    /// The only hosts webhook deliveries may go to; nil: any.
    public var webhookHosts: Set<String>?
    /// Marks the web app's session cookie `Secure` (when a TLS proxy serves it).
    public var secureCookies: Bool
    public var clock: TimeSource
    /// On PostgreSQL, the most connections the server opens.
    public var connections: Int = 32
    /// The proxies whose `X-Forwarded-For` names the client (for login limits and the audit trail).
    public var trustedProxies: TrustedProxies = .none
    /// The header read timeout: how long a connection may take to send a whole request head after
    /// it opened or was answered (`RequestHeadDeadline`); also how long an idle one stays open.
    public var headerTimeout: Duration = .seconds(15)
    /// How long a request in flight may send nothing (a stalled body) before its connection ends.
    public var idleTimeout: Duration = .seconds(60)

    /// `issuer` defaults to `http://HOST:PORT`; a trailing `/` is dropped (URLs are made by appending paths).
    public init(databasePath: String, signingKeyPath: String? = nil, issuer: String? = nil, host: String = "127.0.0.1",
                port: Int = 8080, webhookHosts: Set<String>? = nil, secureCookies: Bool = false, clock: TimeSource = .system) {
        self.databasePath = databasePath
        self.signingKeyPath = signingKeyPath ?? SigningKeys.defaultPath(database: databasePath)
        self.issuer = Self.issuer(issuer, host: host, port: port)
        self.host = host
        self.port = port
        self.webhookHosts = webhookHosts
        self.secureCookies = secureCookies
        self.clock = clock
    }

    /// The issuer URL: `given` without its trailing `/`, else the address served on.
    public static func issuer(_ given: String?, host: String, port: Int) -> String {
        guard var url = given else { return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

/// The router of the whole API: every endpoint of `RouteTable`, authenticated and authorised as
/// it declares before its handler runs; with `web`, the web app's pages at `/` and below too.
public func buildRouter(services: Services, web: WebApp? = nil) -> Router<AppContext> {
    let endpoints = RouteTable.endpoints(services: services)
    let authenticator = Authenticator(services: services)
    // `HEAD` answers wherever `GET` does, with the same headers and no body.
    let router = Router(context: AppContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: ErrorMiddleware(endpoints: endpoints, web: web))
    web?.add(to: router)
    for endpoint in endpoints {
        router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context -> Response in
            guard let allowed = endpoint.allowed else { return try await endpoint.handler(request, context) }
            let context = try await authenticator.authenticate(request, context)
            try context.authorize(allowed)
            return try await endpoint.handler(request, context)
        }
    }
    return router
}

/// Follows registry changes made by other processes (the CLI) while the server runs.
struct FactsFollower: Service {
    let facts: FactsIndex
    func run() async throws {
        await cancelWhenGracefulShutdown { await facts.follow() }
    }
}

/// Delivers events to the webhooks while the server runs (see `EventDelivery`).
struct Delivering: Service {
    let delivery: EventDelivery
    func run() async throws {
        await cancelWhenGracefulShutdown { await delivery.run() }
    }
}

/// Checkpoints the WAL in the background while the server runs (see `WALCheckpointer`).
struct Checkpointing: Service {
    let checkpointer: WALCheckpointer
    func run() async throws {
        await cancelWhenGracefulShutdown { await checkpointer.run() }
    }
}

/// Trains the receipts' dictionary and repacks plain receipts in the background (see `ReceiptCompactor`).
struct Compacting: Service {
    let compactor: ReceiptCompactor
    func run() async throws {
        await cancelWhenGracefulShutdown { await compactor.run() }
    }
}

/// The application serving an existing database. SIGTERM and SIGINT drain in-flight requests
/// (whose receipts are written before they answer) before exit.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "likeness")
    if logger.logLevel > .info { logger.logLevel = .info }
    try OpenAPIDocument.requirePresent()
    let database: any StoreDatabase = switch try DatabaseLocation(configuration.databasePath) {
    case .sqlite(let path): try SQLiteDatabase(path: path, createIfMissing: false)
    case .postgres(let address): try await PostgreSQLDatabase(address: address, connections: configuration.connections)
    }
    let services = try await Services(database: database, signingKeyPath: configuration.signingKeyPath, issuer: configuration.issuer,
                                      clock: configuration.clock, webhookHosts: configuration.webhookHosts,
                                      trustedProxies: configuration.trustedProxies, logger: logger)
    let web = try await WebApp(services: services, secureCookies: configuration.secureCookies)
    let headerTimeout = TimeAmount(configuration.headerTimeout)
    var app = Application(
        router: buildRouter(services: services, web: web),
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestHeadDeadline(timeout: headerTimeout)],
                                            idleTimeout: TimeAmount(configuration.idleTimeout))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "likeness"),
        logger: logger)
    app.addServices(FactsFollower(facts: services.facts), Delivering(delivery: services.delivery))
    // SQLite's own upkeep: PostgreSQL checkpoints and vacuums itself, and keeps receipts as written.
    if let sqlite = database as? SQLiteDatabase {
        app.addServices(Checkpointing(checkpointer: try WALCheckpointer(database: sqlite, writer: services.receipts)),
                        Compacting(compactor: ReceiptCompactor(database: sqlite)))
    }
    return app
}

/// Serves `configuration` until SIGTERM or SIGINT.
public func serve(_ configuration: ServerConfiguration) async throws {
    try await buildApplication(configuration).runService()
}
