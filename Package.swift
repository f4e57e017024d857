// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Likeness",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "likeness", targets: ["likeness"]),
        .library(name: "LikenessCore", targets: ["LikenessCore"]),
        .library(name: "LikenessServer", targets: ["LikenessServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        .target(name: "Argon2", dependencies: ["CArgon2"]),
        .target(
            name: "LikenessCore",
            dependencies: [
                "Argon2",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LikenessServer",
            dependencies: [
                "LikenessCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "likeness",
            dependencies: [
                "LikenessCore",
                "LikenessServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "likeness-bench", dependencies: ["LikenessCore"]),
        .testTarget(
            name: "LikenessCoreTests",
            dependencies: ["LikenessCore", "Argon2"]
        ),
        .testTarget(
            name: "LikenessServerTests",
            dependencies: [
                "LikenessServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
