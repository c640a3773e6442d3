import Foundation
import Testing
@testable import AlbgwCost

/// Hard limits make a design infeasible for a workload; each is tested just below, at and just above
/// its value, for every design. Figures are AWS's published limits, written out here: ALB -> Lambda
/// target 1 MB each way (1,024 KiB); Lambda synchronous payload 6 MB (6,144 KiB); API Gateway
/// integration timeout 29 s; a Lambda function runs at most 900 s; an ALB invokes only a function in
/// its own account; a private API is not reachable from the internet.
@Suite struct FeasibilityTests {
    /// Each design where nothing but the limit under test rules it out: the ALB designs for internet
    /// clients in one account, the private custom domain for clients on the corporate network.
    func scenario(_ design: DesignID) -> Scenario {
        makeScenario(rate: .perSecond(1), scheme: design == .vpceApigwLambda ? .internal : .internetFacing, designs: [design])
    }

    func ids(_ design: DesignID, _ change: (inout Scenario) -> Void) -> [String] {
        var scenario = scenario(design)
        change(&scenario)
        return FeasibilityAnalyzer.reasons(for: design, in: scenario).map(\.id)
    }

    static let payloadLimits: [(DesignID, String)] = [(.albVpceApigwLambda, "6144"), (.albLambda, "1024"), (.vpceApigwLambda, "6144")]

    @Test(arguments: payloadLimits)
    func requestSize(design: DesignID, limit: String) {
        #expect(ids(design) { $0.workload.requestKiB = d(limit) - d("0.001") }.isEmpty)
        #expect(ids(design) { $0.workload.requestKiB = d(limit) }.isEmpty)
        #expect(ids(design) { $0.workload.requestKiB = d(limit) + d("0.001") } == ["request-too-large"])
    }

    @Test(arguments: payloadLimits)
    func responseSize(design: DesignID, limit: String) {
        #expect(ids(design) { $0.workload.responseKiB = d(limit) - d("0.001") }.isEmpty)
        #expect(ids(design) { $0.workload.responseKiB = d(limit) }.isEmpty)
        #expect(ids(design) { $0.workload.responseKiB = d(limit) + d("0.001") } == ["response-too-large"])
    }

    /// The end-to-end timeout in ms: API Gateway's 29 s integration timeout in front of the function;
    /// for an ALB -> Lambda target, the function's own timeout (900 s), which the ALB waits for.
    static let timeouts: [(DesignID, String)] = [(.albVpceApigwLambda, "29000"), (.albLambda, "900000"), (.vpceApigwLambda, "29000")]

    @Test(arguments: timeouts)
    func endToEndTimeout(design: DesignID, limitMS: String) {
        #expect(ids(design) { $0.workload.lambdaDurationMS = d(limitMS) - 1 }.isEmpty)
        #expect(ids(design) { $0.workload.lambdaDurationMS = d(limitMS) }.isEmpty)
        #expect(ids(design) { $0.workload.lambdaDurationMS = d(limitMS) + 1 } == ["timeout"])
    }

    /// Raised limits move the line: a 120 s integration timeout leaves the ALB's 60 s idle timeout
    /// binding alb-vpce-apigw-lambda; a 60 s function timeout binds alb-lambda.
    @Test func raisedAndLoweredTimeouts() throws {
        func reason(_ design: DesignID, _ ms: String, _ change: (inout Scenario) -> Void) -> InfeasibleReason? {
            var scenario = scenario(design)
            change(&scenario)
            scenario.workload.lambdaDurationMS = d(ms)
            return FeasibilityAnalyzer.reasons(for: design, in: scenario).first
        }
        let raise: (inout Scenario) -> Void = { $0.limits.apiGatewayIntegrationTimeoutSeconds = 120 }
        #expect(reason(.albVpceApigwLambda, "60000", raise) == nil)
        #expect(try #require(reason(.albVpceApigwLambda, "60001", raise)).limit.contains("60 s (ALB idle timeout)"))
        let lower: (inout Scenario) -> Void = { $0.limits.lambdaTimeoutSeconds = 60 }
        #expect(reason(.albLambda, "60000", lower) == nil)
        #expect(try #require(reason(.albLambda, "60001", lower)).limit.contains("60 s (function timeout"))
    }

    @Test func accountLayout() {
        for design in [DesignID.albVpceApigwLambda, .albLambda, .vpceApigwLambda] {
            #expect(ids(design) { $0.topology.accounts = .single }.isEmpty)
            #expect(ids(design) { $0.topology.accounts = .cross } == (design == .albLambda ? ["accounts"] : []), "\(design)")
        }
    }

    @Test func scheme() {
        for design in [DesignID.albVpceApigwLambda, .albLambda, .vpceApigwLambda] {
            #expect(ids(design) { $0.topology.albScheme = .internal }.isEmpty)
            #expect(ids(design) { $0.topology.albScheme = .internetFacing } == (design == .vpceApigwLambda ? ["scheme"] : []), "\(design)")
        }
    }

    /// A quota AWS raises on request warns; it never makes a design infeasible.
    @Test func raisableQuotasOnlyWarn() {
        var scenario = scenario(.albVpceApigwLambda)
        scenario.workload.rate = .perSecond(20_000)
        scenario.workload.lambdaDurationMS = 1000
        #expect(FeasibilityAnalyzer.reasons(for: .albVpceApigwLambda, in: scenario).isEmpty)
        let warnings = HopModel.warnings(for: .albVpceApigwLambda, in: scenario)
        #expect(warnings.map(\.id) == ["apigw-throttle", "lambda-concurrency"])
        // The quotas as Service Quotas names them, with the value to ask for: 20,000 rps x 1 s = 20,000.
        #expect(warnings[0].fix.contains("'Throttle rate' (L-8A5B8E43)") && warnings[0].fix.contains("at least 20,000"))
        #expect(warnings[1].fix.contains("'Concurrent executions' (L-B99A9384)") && warnings[1].fix.contains("at least 20,000"))
    }

    /// The endpoint's 10 Gbps per AZ, scaling to 100 Gbps (PrivateLink quotas): above 10 the
    /// endpoint may cap while it scales; above 100 per AZ it caps whatever the time (found by a new
    /// user's check). (1 KiB + 4 KiB) x 8,192 bits x rps / 2 registered IPs, written out per case.
    @Test(arguments: [
        (ExactDecimal(100_000), nil as String?), (ExactDecimal(500_000), "throughput may be capped while the endpoint scales"),
        (ExactDecimal(10_000_000), "that is beyond even the 100 Gbps it scales to, so throughput is capped"),
    ])
    func endpointBandwidthSaysWhetherScalingHelps(rps: ExactDecimal, consequence: String?) {
        var scenario = scenario(.albVpceApigwLambda)
        scenario.workload.rate = .perSecond(rps)
        // 100,000 rps: 100,000 x 5 x 1,024 x 8 / 10^9 / 2 = 2.048 Gbps per IP; 500,000: 10.24; 10,000,000: 204.8.
        let warning = HopModel.warnings(for: .albVpceApigwLambda, in: scenario).first { $0.id == "endpoint-bandwidth" }
        #expect(warning?.consequence == consequence)
        if consequence != nil { #expect(warning?.fix.hasSuffix("(each AZ carries at most 100 Gbps)") == (rps > 1_000_000)) }
    }

    /// The way out follows the topology and the traffic, at 10 Gbps an AZ: every ENI registered first
    /// (alone, when that is enough), then as many subnets in the ALB's AZs, or AZs for both (a subnet in
    /// an AZ the ALB lacks carries nothing), as the traffic needs; past the six AZs an endpoint takes,
    /// as many endpoints as it needs (not "one more AZ", which would not clear the warning).
    @Test func endpointBandwidthWayOutFollowsTheTopology() {
        func fix(_ rps: ExactDecimal, _ topology: (inout Topology) -> Void = { _ in }) -> String? {
            var scenario = scenario(.albVpceApigwLambda)
            scenario.workload.rate = .perSecond(rps)
            topology(&scenario.topology)
            return HopModel.warnings(for: .albVpceApigwLambda, in: scenario).first { $0.id == "endpoint-bandwidth" }?.fix
        }
        // 300,000 x 5 KiB x 1,024 x 8 / 10^9 = 12.288 Gbps: one registered IP of two is the bottleneck;
        // both registered carry 6.144 each, so registering is the whole way out.
        #expect(fix(300_000) { $0.registeredTargets = 1 } == "register every ENI IP (the target group holds 1 of 2)")
        // 600,000 rps = 24.576 Gbps: 3 AZs of 10 Gbps (2 carry 12.288 each).
        #expect(
            fix(600_000) { $0.registeredTargets = 1 }
                == "register every ENI IP (the target group holds 1 of 2); spread the traffic over 3 AZs: add an AZ to the ALB (--azs 3, if the region has that many) with a subnet of the endpoint in each AZ, and register their IPs; in a region with fewer AZs, a second execute-api endpoint in the same AZs, whose ENI IPs the target group registers too (each endpoint carries 10 Gbps in each AZ)"
        )
        #expect(fix(600_000) { $0.azs = 3 } == "place the endpoint in 3 subnets, one per AZ of the ALB, and register their IPs")
        #expect(
            fix(600_000) {
                $0.vpceSubnets = 3
                $0.registeredTargets = 3
            }
                == "spread the traffic over 3 AZs: add an AZ to the ALB (--azs 3, if the region has that many) where the endpoint has subnets already; in a region with fewer AZs, a second execute-api endpoint in the same AZs, whose ENI IPs the target group registers too (each endpoint carries 10 Gbps in each AZ)"
        )
        // 1,400,000 rps = 57.344 Gbps: 6 AZs; from 1 AZ, 5 more.
        #expect(
            fix(1_400_000) {
                $0.azs = 1
                $0.vpceSubnets = 1
                $0.registeredTargets = 1
            }
                == "spread the traffic over 6 AZs: add 5 AZs to the ALB (--azs 6, if the region has that many) with a subnet of the endpoint in each AZ, and register their IPs; in a region with fewer AZs, a second execute-api endpoint in the same AZs, whose ENI IPs the target group registers too (each endpoint carries 10 Gbps in each AZ)"
        )
        // 2,000,000 rps = 81.92 Gbps: more than the 60 Gbps of six AZs, so two endpoints, whatever the topology.
        let endpoints =
            "one endpoint carries at most 60 Gbps before it scales (10 in each of the 6 AZs it takes): spread the traffic over 2 execute-api endpoints, each with a subnet in 6 AZs (--azs 6 for the ALB), whose ENI IPs the target group registers; in a region with fewer AZs, more endpoints: each carries 10 Gbps in each AZ it has"
        #expect(fix(2_000_000) == endpoints)
        #expect(fix(2_000_000) { $0.registeredTargets = 1 } == "register every ENI IP (the target group holds 1 of 2); " + endpoints)
        #expect(
            fix(2_000_000) {
                $0.azs = 6
                $0.vpceSubnets = 6
                $0.registeredTargets = 6
            } == endpoints)
        // 3,000,000 rps = 122.88 Gbps: 3 endpoints (2 carry 61.44 each).
        #expect(fix(3_000_000)?.contains("spread the traffic over 3 execute-api endpoints") == true)
        // Without an ALB the endpoint's own subnets: 24.576 Gbps over 2 ENIs needs 3.
        var direct = scenario(.vpceApigwLambda)
        direct.topology.albScheme = .internal
        direct.workload.rate = .perSecond(600_000)
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: direct).first { $0.id == "endpoint-bandwidth" }?.fix == "place the endpoint in 3 subnets, one per AZ")
    }

    /// Large responses behind API Gateway name response streaming as the way out.
    @Test func largeResponsesNameStreaming() throws {
        var scenario = scenario(.albVpceApigwLambda)
        scenario.workload.responseKiB = 20 * 1024
        let reason = try #require(FeasibilityAnalyzer.reasons(for: .albVpceApigwLambda, in: scenario).first)
        #expect(reason.wayOut.contains("stream the response") && reason.wayOut.contains("200 MB"))
        var alb = self.scenario(.albLambda)
        alb.workload.responseKiB = 2048
        #expect(try #require(FeasibilityAnalyzer.reasons(for: .albLambda, in: alb).first).wayOut.contains("stream") == false)
    }

    // MARK: - What the report makes of it

    func report(_ arguments: [String]) throws -> Report {
        try CLI.analyse(try ArgumentParser.parse(arguments, options: OptionTable.all, command: "test")).1
    }

    /// An infeasible design keeps its price, labelled as hypothetical, outside every comparison.
    @Test func infeasibleDesignsCostIsHypothetical() throws {
        let report = try report(["--rps", "50", "--region", "us-west-2", "--request-kb", "2048"])
        let b = try #require(report.designs.first { $0.design == .albLambda })
        #expect(!b.isFeasible && b.cost == nil)
        let hypothetical = try #require(b.hypotheticalCost)
        #expect(hypothetical.monthlyCost > 0)
        #expect(report.comparisons.allSatisfy { $0.first != .albLambda && $0.second != .albLambda })
        let json = JSONRenderer.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let designs = try #require(object["designs"] as? [[String: Any]])
        let jsonB = try #require(designs.first { $0["id"] as? String == "alb-lambda" })
        #expect(jsonB["feasible"] as? Bool == false)
        #expect(jsonB["monthlyCost"] is NSNull)
        let reasons = try #require(jsonB["infeasibleReasons"] as? [[String: Any]])
        #expect(reasons.first?["id"] as? String == "request-too-large")
        #expect((reasons.first?["wayOut"] as? String)?.contains("presigned URL") == true)
        let cost = try #require(jsonB["hypotheticalCost"] as? [String: Any])
        #expect(cost["label"] as? String == "if it were possible")
        #expect((cost["lineItems"] as? [Any])?.isEmpty == false)
        // The tutorial: what moving the function into the ALB's account would cost.
        let tutorial = TableRenderer.render(try self.report(["--rps", "50", "--preset", "tutorial"]), width: 1000, detail: true)
        #expect(tutorial.contains("alb-lambda: ALB -> Lambda, if it were possible (it is not here: an ALB cannot invoke a function in another account)"))
        #expect(tutorial.contains("Total if possible"))
        // The one-screen table leaves the impossible design's line items to --detail.
        #expect(!TableRenderer.render(try self.report(["--rps", "50", "--preset", "tutorial"])).contains("Total if possible"))
    }

    /// The recommendation never picks a design that cannot carry the workload, over many workloads.
    @Test func recommendationIsAlwaysFeasible() throws {
        let sizes = ["1", "1024", "1025", "6144", "6145", "9000"]
        let durations = ["100", "29001", "61000"]
        for size in sizes {
            for duration in durations {
                for extra in [[], ["--accounts", "cross"], ["--alb-scheme", "internal"], ["--needs", "usage-plans"]] {
                    let report = try report(["--rps", "1", "--request-kb", size, "--lambda-duration-ms", duration] + extra)
                    let recommendation = try #require(report.recommendation)
                    if let design = recommendation.design {
                        #expect(report.designs.first { $0.design == design }?.isFeasible == true, "\(size) \(duration) \(extra)")
                    } else {
                        #expect(recommendation.nearest != nil && !recommendation.changes.isEmpty)
                    }
                }
            }
        }
    }

    /// None feasible: say so, name the nearest design and by how much an input must change.
    @Test func noneFeasibleSaysWhatToChange() throws {
        let recommendation = try #require(try report(["--rps", "50", "--request-kb", "8000"]).recommendation)
        #expect(recommendation.design == nil)
        #expect(recommendation.nearest == .albVpceApigwLambda)  // 6 MB is the nearest limit to 8,000 KiB
        #expect(recommendation.sentence.hasPrefix("No design can carry this workload here. The nearest is alb-vpce-apigw-lambda"))
        #expect(recommendation.sentence.contains("--request-kb 8000 must drop to 6,144 or less"))
    }

    /// The answer comes first in the table, and --needs changes it.
    @Test func theAnswerComesFirstAndNeedsChangeIt() throws {
        let plain = CLI.run(["--rps", "50", "--region", "us-west-2"], environment: ["COLUMNS": "1000"]).stdout
        #expect(plain.hasPrefix("Recommendation: Choose alb-lambda because"))
        #expect(plain.split(separator: "\n")[0].contains("saves $472.69 per month"))  // $609.14045 - $136.44802
        let needs = CLI.run(["--rps", "50", "--region", "us-west-2", "--needs", "usage-plans"]).stdout
        #expect(needs.hasPrefix("Recommendation: Choose alb-vpce-apigw-lambda because you need usage plans"))
        // The same sentence in JSON, Markdown, hops and review.
        let report = try report(["--rps", "50", "--region", "us-west-2"])
        let sentence = try #require(report.recommendation?.sentence)
        #expect(JSONRenderer.render(report).contains(sentence.replacingOccurrences(of: "\"", with: "\\\"")))
        #expect(MarkdownRenderer.render(report, diagrams: nil).contains(sentence))
        #expect(CLI.run(["hops", "--rps", "50", "--region", "us-west-2"], environment: ["COLUMNS": "1000"]).stdout.hasPrefix("Recommendation: \(sentence)"))
        let review = CLI.run(["review", repositoryPath("Tests/HCLTests/Fixtures/blog"), "--rps", "50"]).stdout
        #expect(review.hasPrefix("Recommendation: Choose"))
    }
}
