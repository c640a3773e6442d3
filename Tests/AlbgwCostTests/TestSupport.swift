import Foundation
@testable import AlbgwCost

/// Exact decimal from text (never through Double).
func d(_ text: String) -> ExactDecimal { ExactDecimal.literal(text) }

/// A scenario with the CLI's defaults, overridable one field at a time.
func makeScenario(
    rate: RequestRate = .perSecond(50), region: String = "us-west-2", requestKiB: String = "1", responseKiB: String = "4",
    memoryMB: String = "128", durationMS: String = "100", architecture: LambdaArchitecture = .x86_64, ephemeralMB: String = "512",
    requestsPerConnection: String = "10", connectionSeconds: String = "60", rules: String = "1", azs: Int = 2,
    vpceSubnets: Int? = nil, scheme: ALBScheme = .internetFacing, hours: String = "730", freeTier: Bool = false,
    designs: [DesignID] = DesignID.allCases
) -> Scenario {
    Scenario(
        workload: Workload(
            rate: rate, requestKiB: d(requestKiB), responseKiB: d(responseKiB), lambdaMemoryMB: d(memoryMB),
            lambdaDurationMS: d(durationMS), lambdaArchitecture: architecture, lambdaEphemeralMB: d(ephemeralMB),
            requestsPerConnection: d(requestsPerConnection), connectionSeconds: d(connectionSeconds), albRules: d(rules)),
        topology: Topology(region: region, azs: azs, vpceSubnets: vpceSubnets ?? azs, albScheme: scheme),
        billing: Billing(hoursPerMonth: d(hours), freeTier: freeTier),
        designs: designs)
}

/// The bundled tables for a region; tests fail loudly if they do not load.
func bundledBook(_ region: String) throws -> PriceBook { try PriceCatalog.bundled.book(for: region) }

func cost(_ design: DesignID, _ scenario: Scenario) throws -> DesignCost {
    CostEngine.cost(of: design, in: scenario, prices: try bundledBook(scenario.topology.region))
}

/// Cents, rounded half away from zero, as AWS's examples print them.
func cents(_ value: ExactDecimal) -> ExactDecimal { value.rounded(scale: 2) }

/// Path of a file in the repository, found from this source file.
func repositoryPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative).path
}

/// A new empty directory in the temporary directory, named `prefix` and a UUID; the caller removes it.
func emptyDirectory(_ prefix: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}
