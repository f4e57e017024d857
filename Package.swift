// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Likeness",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "likeness", targets: ["likeness"]),
        .library(name: "LikenessRules", targets: ["LikenessRules"]),
        .library(name: "LikenessStore", targets: ["LikenessStore"]),
        .library(name: "LikenessServer", targets: ["LikenessServer"]),
        .library(name: "SMTP", targets: ["SMTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        .target(name: "Argon2", dependencies: ["CArgon2"]),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "Zstd", dependencies: ["CZstd"]),
        // zlib, for the status lists' compressed bits (IETF OAuth Token Status List).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's allocator settings (`mallopt`), for the server's memory (see `MallocTuning`).
        .systemLibrary(name: "CMalloc"),
        // The rules: model, validation, the check-body reader, facts, the decision engine and the
        // receipt encoder. Pure: no database, no cryptography.
        .target(name: "LikenessRules"),
        // Everything that keeps state: the stores on SQLite and PostgreSQL, facts
        // index, receipts (compressed with Zstd), audit, vault, importer and alerts.
        .target(
            name: "LikenessStore",
            dependencies: [
                "Argon2",
                "CZlib",
                "LikenessRules",
                "Zstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface: bulk inserts and the facts index's full reads (SQLite/).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Outgoing requests: webhook deliveries, alert reports, key sets (see `OutboundHTTP`).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            // The schema's migrations, one SQL file per migration and backend (see `MigrationLedger`).
            resources: [.copy("Migrations/sqlite"), .copy("Migrations/postgres")]
        ),
        .target(
            name: "LikenessApp",
            dependencies: ["LikenessRules", "LikenessStore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // A small SMTP submission client (RFC 5321/5322), on NIO alone: nothing of Likeness's, as if
        // it were published on its own (see `SMTPClient`).
        .target(
            name: "SMTP",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),
        // Mails per second to a local aiosmtpd sink, one connection reused against one per mail
        // (`scripts/smtp-bench`).
        .executableTarget(name: "smtp-bench", dependencies: ["SMTP"]),
        // Notification mails: their templates, and the sender that delivers the outbox over SMTP.
        .target(
            name: "LikenessMail",
            dependencies: [
                "LikenessRules",
                "LikenessStore",
                "SMTP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/Mail")]
        ),
        .target(
            name: "LikenessServer",
            dependencies: [
                "LikenessApp",
                "LikenessMail",
                "LikenessRules",
                "LikenessStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/Web")]
        ),
        .executableTarget(
            name: "likeness",
            dependencies: [
                "CMalloc",
                "LikenessApp",
                "LikenessRules",
                "LikenessStore",
                "LikenessServer",
                "LikenessMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "likeness-bench", dependencies: ["LikenessApp", "LikenessRules", "LikenessStore"]),
        // The check path's floor (issue 37): Hummingbird and JSON alone, no database; `scripts/bench`
        // divides the checks' throughput by its own.
        .executableTarget(name: "likeness-floor", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(name: "LikenessRulesTests", dependencies: ["LikenessRules"]),
        // Against a real SMTP server on loopback: aiosmtpd (`smtp-test-server.py`, from `.venv`).
        .testTarget(
            name: "SMTPTests",
            dependencies: [
                "SMTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["smtp-test-server.py"]
        ),
        // What the test suites share: the test clock, the fixtures, each backend's test databases
        // (`StorageBackend`, `TestDatabase`) and a server over one (`TestServer`).
        .target(
            name: "LikenessTestSupport",
            dependencies: [
                "LikenessRules",
                "LikenessServer",
                "LikenessStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/LikenessTestSupport"
        ),
        .testTarget(
            name: "LikenessStoreTests",
            dependencies: [
                "Argon2",
                "LikenessRules",
                "LikenessStore",
                "LikenessTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "LikenessServerTests",
            dependencies: [
                "likeness",
                "LikenessApp",
                "LikenessMail",
                "SMTP",
                "LikenessRules",
                "LikenessServer",
                "LikenessStore",
                "LikenessTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ]
)
