// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The per-packet modules keep their state in a few final classes; dynamic exclusivity
/// checks on those accesses cost ~8 % of the pipeline (Benchmarks/README.md), and the
/// accesses are single-threaded by construction.
///
/// SwiftPM refuses a product with unsafe flags as a dependency of another package, so the
/// modules built with these (and with `learningSettings`) are not products: only
/// `SentinelCore`, `SentinelAlerts` and `SentinelGateway`, built with plain settings, are.
let hotPathSettings: [SwiftSetting] = swiftSettings + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

/// The classifiers are trained inside the tests (the default model's quality checks train an
/// ensemble dozens of times): optimised even in debug builds, the suite stays fast.
let learningSettings: [SwiftSetting] = swiftSettings + [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "Sentinel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sentinel", targets: ["sentinel"]),
        .library(name: "SentinelCore", targets: ["SentinelCore"]),
        .library(name: "SentinelAlerts", targets: ["SentinelAlerts"]),
        .library(name: "SentinelGateway", targets: ["SentinelGateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"]), .brew(["libpcap"])]
        ),
        .target(
            name: "SentinelCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelCapture",
            dependencies: ["SentinelCore", "CPcap"],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "CSentinelShims",
            path: "Sources/CSentinelShims"
        ),
        .target(
            name: "SentinelFeatures",
            dependencies: [
                "SentinelCapture", "CSentinelShims",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SentinelLearning",
            dependencies: ["SentinelCore"],
            swiftSettings: learningSettings
        ),
        .target(
            name: "SentinelStore",
            dependencies: [
                "SentinelAlerts", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelAlerts",
            dependencies: ["SentinelCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelDetection",
            dependencies: ["SentinelCore", "SentinelCapture", "SentinelFeatures", "SentinelLearning"],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SentinelRuntime",
            dependencies: [
                "SentinelCore", "SentinelCapture", "SentinelFeatures", "SentinelLearning", "SentinelDetection",
                "SentinelStore", "SentinelAlerts", "SentinelForecast", "SentinelPlanner", "SentinelGateway",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SentinelForecast",
            dependencies: ["SentinelCore", "SentinelLearning"],
            swiftSettings: learningSettings
        ),
        .target(
            name: "SentinelGateway",
            dependencies: [
                "SentinelCore", "SentinelAlerts",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelPlanner",
            dependencies: ["SentinelCore", "SentinelForecast"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelOutput",
            dependencies: [
                "SentinelCore", "SentinelCapture", "SentinelFeatures", "SentinelLearning", "SentinelDetection",
                "SentinelForecast", "SentinelPlanner",
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sentinel",
            dependencies: [
                "SentinelCore", "SentinelCapture", "SentinelFeatures", "SentinelLearning", "SentinelDetection",
                "SentinelStore", "SentinelAlerts", "SentinelForecast", "SentinelPlanner", "SentinelGateway",
                "SentinelOutput", "SentinelRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SentinelBench",
            dependencies: [
                "SentinelCore", "SentinelCapture", "SentinelFeatures", "SentinelDetection", "SentinelForecast",
                "SentinelStore", "SentinelTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/SentinelBench",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelTestSupport",
            dependencies: ["SentinelCore", "SentinelCapture"],
            swiftSettings: swiftSettings
        ),
        // The in-process harness that drives a `SentinelRuntime` window by window on a clock
        // the test moves, with capture files fed in that clock's time (tests only).
        .target(
            name: "SentinelRuntimeTesting",
            dependencies: ["SentinelCore", "SentinelCapture", "SentinelRuntime", "SentinelStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelCoreTests",
            dependencies: ["SentinelCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelCaptureTests",
            dependencies: ["SentinelCapture", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelFeaturesTests",
            dependencies: ["SentinelFeatures", "SentinelCapture", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelLearningTests",
            dependencies: ["SentinelCore", "SentinelLearning"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelDetectionTests",
            dependencies: ["SentinelCore", "SentinelFeatures", "SentinelDetection", "SentinelLearning", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelRuntimeTests",
            dependencies: [
                "SentinelCore", "SentinelFeatures", "SentinelRuntime", "SentinelRuntimeTesting", "SentinelAlerts", "SentinelStore",
                "SentinelTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelStoreTests",
            dependencies: ["SentinelStore", "SentinelAlerts", "SentinelTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelAlertsTests",
            dependencies: ["SentinelAlerts", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelForecastTests",
            dependencies: ["SentinelCore", "SentinelForecast", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelGatewayTests",
            dependencies: ["SentinelCore", "SentinelGateway", "SentinelPlanner", "SentinelAlerts", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelPlannerTests",
            dependencies: ["SentinelCore", "SentinelPlanner", "SentinelForecast", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelOutputTests",
            dependencies: ["SentinelOutput", "SentinelFeatures", "SentinelDetection", "SentinelTestSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentinelFuzzTargets",
            dependencies: [
                "SentinelCore", "SentinelCapture", "SentinelFeatures", "SentinelLearning", "SentinelDetection",
                "SentinelForecast", "SentinelPlanner", "SentinelRuntime",
            ],
            path: "Fuzz/Sources/SentinelFuzzTargets",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelFuzzTests",
            dependencies: ["SentinelFuzzTargets"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentinelCLITests",
            dependencies: ["SentinelTestSupport", "SentinelCapture", "SentinelStore", "SentinelAlerts"],
            swiftSettings: swiftSettings
        ),
    ]
)

/// `scripts/fuzz.sh` builds the libFuzzer driver with `SENTINEL_FUZZ=1` in its own build folder
/// (`--sanitize fuzzer --sanitize address`, which link libFuzzer and build the dependencies under
/// AddressSanitizer): it has no `main` of its own (libFuzzer brings one), so the default build
/// leaves it out. The project's own modules get coverage too, with one `-sanitize=fuzzer,address`
/// (two separate `-sanitize=` flags reach the compiler and only the last one counts). The
/// targets it runs are the `SentinelFuzzTargets` library, which the default build compiles and
/// the tests replay.
if Context.environment["SENTINEL_FUZZ"] == "1" {
    for target in package.targets where target.type == .regular && target.name.hasPrefix("Sentinel") {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer,address"])]
    }
    package.targets.append(
        .executableTarget(
            name: "sentinel-fuzz",
            dependencies: ["SentinelFuzzTargets"],
            path: "Fuzz/Sources/sentinel-fuzz",
            swiftSettings: swiftSettings
        ))
}
