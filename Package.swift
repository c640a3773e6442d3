// swift-tools-version: 6.0
import PackageDescription

// albgw-cost ships with no third-party packages: everything below comes from the toolchain.

// Release builds check exclusive access to variables at compile time only: the run-time checks cost
// about 2% of a large review's instructions (callgrind, a table review of 1 MB of designs: 529.2M
// against 517.5M), in the review's code, hardly any in the parser's (207.2M against 206.9M parsing
// the same file). Debug builds, which `swift test` runs (its seeded fuzzing included), keep the run-time
// checks; Scripts/fuzz-review and Scripts/fuzz-hcl build for release, without them.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
let package = Package(
    name: "albgw-cost",
    products: [
        .executable(name: "albgw-cost", targets: ["albgw-cost"])
    ],
    targets: [
        // All logic, argument parsing included. The executable only calls CLI.run.
        .target(
            name: "AlbgwCost",
            dependencies: ["HCL"],
            exclude: ["README.md"],
            swiftSettings: releaseSettings,
            plugins: ["EmbedPriceTablesPlugin"]
        ),
        // A Terraform (HCL2) reader: lexer, parser, references and a no-guessing evaluator.
        .target(name: "HCL", swiftSettings: releaseSettings),
        // Benchmark: parses about 10 MB of Terraform (swift run -c release HCLBenchmark).
        .executableTarget(name: "HCLBenchmark", dependencies: ["HCL"]),
        // The review's fuzzer in batches (Scripts/fuzz-review): AlbgwCostFuzz --seed S --start K --count N.
        .executableTarget(name: "AlbgwCostFuzz", dependencies: ["AlbgwCost"]),
        .executableTarget(
            name: "albgw-cost",
            dependencies: ["AlbgwCost"]
        ),
        // Build-time tool: turns PriceTables/*.json into Swift source, so the binary carries its data.
        .executableTarget(name: "EmbedPriceTables"),
        .plugin(
            name: "EmbedPriceTablesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedPriceTables"]
        ),
        .testTarget(name: "HCLTests", dependencies: ["HCL"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AlbgwCostTests",
            dependencies: ["AlbgwCost"],
            exclude: ["Goldens", "Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
