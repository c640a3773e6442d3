import Foundation
import Testing
@testable import AlbgwCost

/// Hops, effective limits and warnings for concrete workloads. Limits are AWS's published figures
/// (each hop names its sources): ALB -> Lambda 1 MB each way, Lambda synchronous payload 6 MB,
/// API Gateway integration timeout 29 s, ALB idle timeout 60 s, API Gateway 10,000 RPS / 5,000
/// burst, Lambda concurrency 1,000. Hard limits are in FeasibilityTests; these are the rest.
@Suite struct HopTests {
    @Test func requestOrderDNSFirst() {
        let scenario = makeScenario()
        #expect(HopModel.hops(for: .albVpceApigwLambda, in: scenario).map(\.id) == ["dns", "client-alb", "alb-vpce", "vpce-apigw", "apigw-lambda"])
        #expect(HopModel.hops(for: .albLambda, in: scenario).map(\.id) == ["dns", "client-alb", "alb-lambda"])
        #expect(HopModel.hops(for: .albVpceApigwLambda, in: scenario).map(\.number) == [1, 2, 3, 4, 5])
    }

    @Test func hostHeaderProblemAndFixesAreOnTheEndpointHop() throws {
        let hop = try #require(HopModel.hops(for: .albVpceApigwLambda, in: makeScenario()).first { $0.id == "alb-vpce" })
        let note = try #require(hop.notes.first { $0.hasPrefix("Host header") })
        for fix in ["x-apigw-api-id", "private custom domain name", "host-header-rewrite", "403"] {
            #expect(note.contains(fix), "\(fix)")
        }
        #expect(hop.billedItems == ["vpce.hours", "vpce.data"])
    }

    @Test func defaultEffectiveLimits() {
        let scenario = makeScenario()  // 50 rps, 100 ms
        let a = HopModel.limits(for: .albVpceApigwLambda, in: scenario)
        #expect(a.maxRequestKiB == 6 * 1024 && a.maxResponseKiB == 6 * 1024)
        #expect(a.timeoutSeconds == 29)
        #expect(a.sustainedRPS == 10_000)
        #expect(a.burstRPS == 5_000)
        #expect(a.concurrencyNeeded == 5)  // 50 x 0.1 s
        #expect(a.responseStreamingKiB == d("204800"))  // a streamed response, up to 200 MB = 204,800 KiB
        let b = HopModel.limits(for: .albLambda, in: scenario)
        #expect(b.maxRequestKiB == 1024 && b.maxResponseKiB == 1024)
        #expect(b.responseStreamingKiB == nil)  // an ALB returns one JSON response
        // AWS documents that the ALB waits for a Lambda target until it responds or times out.
        #expect(b.timeoutSeconds == 900)
        #expect(b.timeoutSource.hasPrefix("function timeout"))
        #expect(b.sustainedRPS == 10_000)  // 1,000 concurrency / 0.1 s
        #expect(b.burstRPS == nil)
    }

    @Test func slowFunctionsLowerTheSustainedRate() {
        // 1,000 concurrent executions / 2 s = 500 requests/s, below API Gateway's 10,000.
        let scenario = makeScenario(durationMS: "2000")
        #expect(HopModel.limits(for: .albVpceApigwLambda, in: scenario).sustainedRPS == 500)
        #expect(HopModel.limits(for: .albLambda, in: scenario).sustainedRPS == 500)
    }

    @Test func raisedLimitsAreUsed() {
        var scenario = makeScenario(durationMS: "40000")
        scenario.limits.apiGatewayIntegrationTimeoutSeconds = 120
        #expect(HopModel.limits(for: .albVpceApigwLambda, in: scenario).timeoutSeconds == 60)  // now the ALB idle timeout binds
        scenario.limits.albIdleTimeoutSeconds = 300
        #expect(HopModel.limits(for: .albVpceApigwLambda, in: scenario).timeoutSeconds == 120)
        #expect(FeasibilityAnalyzer.reasons(for: .albVpceApigwLambda, in: scenario).isEmpty)
    }

    func warningIDs(_ design: DesignID, _ scenario: Scenario) -> [String] {
        HopModel.warnings(for: design, in: scenario).map(\.id)
    }

    @Test func twelveThousandRPSHitsTheAPIGatewayThrottle() throws {
        let scenario = makeScenario(rate: .perSecond(12_000), durationMS: "50")  // 600 concurrent: under 1,000
        #expect(warningIDs(.albVpceApigwLambda, scenario) == ["apigw-throttle"])
        #expect(warningIDs(.albLambda, scenario).isEmpty)
        let warning = try #require(HopModel.warnings(for: .albVpceApigwLambda, in: scenario).first)
        #expect(warning.value == "--rps 12,000")
        #expect(warning.limit.contains("10,000 requests/s"))
        #expect(warning.consequence.contains("429"))
        // A quota AWS raises on request: its Service Quotas name, and the value to ask for.
        #expect(warning.fix.contains("'Throttle rate' (L-8A5B8E43)") && warning.fix.contains("at least 12,000 requests/s"))
    }

    /// A long function behind an ALB: AWS says the ALB waits for it; one reading says the idle timeout
    /// still cuts the client. Both are stated, and it is a warning, not infeasibility.
    @Test func aLongFunctionBehindAnALBIsAWarning() throws {
        let scenario = makeScenario(rate: .perSecond(1), durationMS: "61000")
        #expect(FeasibilityAnalyzer.reasons(for: .albLambda, in: scenario).isEmpty)
        let warning = try #require(HopModel.warnings(for: .albLambda, in: scenario).first)
        #expect(warning.id == "alb-idle-timeout")
        #expect(warning.consequence.contains("waits until the function responds or times out"))
        #expect(warningIDs(.albLambda, makeScenario(rate: .perSecond(1), durationMS: "60000")).isEmpty)
    }

    /// The way out names another design only where that design can be built: across accounts an ALB
    /// cannot invoke the function, so alb-lambda is no way out of API Gateway's timeout or throttle.
    @Test func wayOutNeverNamesAnImpossibleDesign() throws {
        var scenario = makeScenario(rate: .perSecond(12_000), durationMS: "40000")
        scenario.limits.lambdaConcurrency = 1_000_000
        let timeout = try #require(FeasibilityAnalyzer.reasons(for: .albVpceApigwLambda, in: scenario).first)
        #expect(timeout.id == "timeout")
        #expect(timeout.wayOut.contains("or use alb-lambda"))
        #expect(HopModel.warnings(for: .albVpceApigwLambda, in: scenario).first?.fix.contains("or use alb-lambda") == true)
        scenario.topology.accounts = .cross
        let crossTimeout = try #require(FeasibilityAnalyzer.reasons(for: .albVpceApigwLambda, in: scenario).first)
        #expect(!crossTimeout.wayOut.contains("alb-lambda"))
        #expect(crossTimeout.wayOut.hasSuffix("or make the work asynchronous (return 202 and poll)"))
        let throttle = try #require(HopModel.warnings(for: .albVpceApigwLambda, in: scenario).first)
        #expect(!throttle.fix.contains("alb-lambda"))
        #expect(throttle.fix.hasSuffix("or spread APIs over accounts"))
    }

    @Test func eightHundredRPSAtTwoSecondsExceedsConcurrency() throws {
        let scenario = makeScenario(rate: .perSecond(800), durationMS: "2000")
        #expect(warningIDs(.albVpceApigwLambda, scenario) == ["lambda-concurrency"])
        #expect(warningIDs(.albLambda, scenario) == ["lambda-concurrency"])
        let warning = try #require(HopModel.warnings(for: .albLambda, in: scenario).first)
        #expect(warning.value.contains("1,600 concurrent executions"))  // 800 x 2 s
        #expect(warning.limit.contains("1,000"))
    }

    @Test func crossAccountMakesALBLambdaImpossibleNotCheap() throws {
        var scenario = makeScenario()
        scenario.topology.accounts = .cross
        let report = ReportBuilder.build(scenario: scenario, prices: try bundledBook("us-west-2"), inputs: [], toolVersion: "test")
        let b = try #require(report.designs.first { $0.design == .albLambda })
        #expect(!b.isFeasible)
        #expect(b.cost == nil)
        #expect(b.hypotheticalCost != nil)  // what moving the function into the ALB's account would cost
        #expect(b.impossibleReason?.contains("own account") == true)
        #expect(report.comparisons.isEmpty)
        let a = try #require(report.designs.first { $0.design == .albVpceApigwLambda })
        #expect(a.cost != nil)
        #expect(a.hops.first { $0.id == "vpce-apigw" }?.notes.contains { $0.contains("403") } == true)
    }

    @Test func latencyIsTheSumOfEstimatesOnly() {
        var scenario = makeScenario()
        scenario.hopLatencyMS = ["alb": 3, "vpce": 1, "apigw": 15]
        let a = HopModel.limits(for: .albVpceApigwLambda, in: scenario)
        #expect(a.latencyEstimateMS == 19)
        #expect(a.latencyUnestimated == ["dns", "lambda"])
        let b = HopModel.limits(for: .albLambda, in: scenario)
        #expect(b.latencyEstimateMS == 3)
        #expect(HopModel.limits(for: .albLambda, in: makeScenario()).latencyEstimateMS == nil)
    }
}
