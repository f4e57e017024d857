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
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
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
        .target(name: "LikenessApp", dependencies: ["LikenessRules", "LikenessStore"]),
        .target(
            name: "LikenessServer",
            dependencies: [
                "LikenessApp",
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "likeness-bench", dependencies: ["LikenessApp", "LikenessRules", "LikenessStore"]),
        .testTarget(name: "LikenessRulesTests", dependencies: ["LikenessRules"]),
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
