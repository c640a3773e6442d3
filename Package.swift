// swift-tools-version: 6.0
import PackageDescription

// albgw-cost ships with no third-party packages: everything below comes from the toolchain.
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
            plugins: ["EmbedPriceTablesPlugin"]
        ),
        // A Terraform (HCL2) reader: lexer, parser, references and a no-guessing evaluator.
        .target(name: "HCL"),
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
