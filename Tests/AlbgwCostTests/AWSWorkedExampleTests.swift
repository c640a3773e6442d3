import Foundation
import Testing
@testable import AlbgwCost

/// AWS's own worked pricing examples (../shared/reference/pricing-examples.json, copied from the
/// ELB, API Gateway and Lambda pricing pages), reproduced to the cent through the same engine the
/// command uses. Expected figures are AWS's; where an example uses another convention, the test
/// says so and feeds the engine accordingly. All examples use us-east-1 prices.
@Suite struct AWSWorkedExampleTests {
    /// ELB pricing page, ALB example 1: 1 new connection/s lasting 2 minutes, 5 requests/s,
    /// 300 KB/s processed, 60 rules processed per request; EC2/IP targets; 720-hour month.
    /// AWS converts 300 KB/s x 3,600 s = 1.08 GB: decimal units (1 KB = 1,000 bytes, 1 GB = 10^9 bytes),
    /// as the engine counts the ALB's processed bytes. The engine takes sizes per request in KiB, so
    /// the test feeds 300,000 bytes/s / 5 requests/s = 60,000 bytes = 58.59375 KiB per request.
    @Test func albExample1() throws {
        let scenario = makeScenario(
            rate: .perSecond(5), region: "us-east-1", requestKiB: "0", responseKiB: "58.59375",
            requestsPerConnection: "5", connectionSeconds: "120", rules: "60", scheme: .internal, hours: "720",
            designs: [.albVpceApigwLambda])
        let lcu = try #require(CostEngine.capacityUnits(for: .albVpceApigwLambda, in: scenario))
        #expect(lcu.dimensions.map(\.lcu) == [d("0.04"), d("0.04"), d("1.08"), d("0.25")])
        #expect(lcu.activeConnections == 120)
        #expect(lcu.ruleEvaluationsPerSecond == 250)
        #expect(lcu.billed == d("1.08"))
        #expect(lcu.binding.name == "processed bytes")

        let result = try cost(.albVpceApigwLambda, scenario)
        let lcuPerHour = try #require(result.item("alb.lcu")?.monthlyCost) / 720
        let albPerHour = try #require(result.item("alb.hours")?.monthlyCost) / 720
        #expect(lcuPerHour == d("0.00864"))
        #expect(albPerHour + lcuPerHour == d("0.03114"))
        #expect(cents(result.total("alb.lcu")) == d("6.22"))
        #expect(cents(result.total("alb.hours") + result.total("alb.lcu")) == d("22.42"))
    }

    /// API Gateway pricing page: private REST API through an interface endpoint in 1 AZ for 720 h;
    /// 5M calls with 0.3 KB requests and 3 KB responses (KB -> GB by 1,024 twice, as the engine does).
    /// Internal ALB so that no internet egress is added: AWS's example has none for private APIs.
    @Test func privateRESTAPIThroughInterfaceEndpoint() throws {
        let scenario = makeScenario(
            rate: .perMonth(5_000_000), region: "us-east-1", requestKiB: "0.3", responseKiB: "3", vpceSubnets: 1,
            scheme: .internal, hours: "720", designs: [.albVpceApigwLambda])
        let result = try cost(.albVpceApigwLambda, scenario)
        #expect(cents(result.total("apigateway.requests")) == d("17.50"))
        #expect(try #require(result.item("vpce.data.tier1")).quantity.rounded(scale: 1) == d("15.7"))
        #expect(cents(result.total("vpce.hours")) == d("7.20"))
        #expect(cents(result.total("vpce.data")) == d("0.16"))
        #expect(cents(result.total("vpce.hours") + result.total("vpce.data")) == d("7.36"))
        #expect(cents(result.total("apigateway.requests") + result.total("vpce.hours") + result.total("vpce.data")) == d("24.86"))
    }

    /// API Gateway pricing page: regional REST API, 5M calls, 3 KB responses, data out at $0.09/GB
    /// without the 100 GB allowance (free tier off, as the example). The request size is not part
    /// of AWS's example, so it is 0 here.
    @Test func restAPIFiveMillionCalls() throws {
        let scenario = makeScenario(
            rate: .perMonth(5_000_000), region: "us-east-1", requestKiB: "0", responseKiB: "3", designs: [.albVpceApigwLambda])
        let result = try cost(.albVpceApigwLambda, scenario)
        #expect(cents(result.total("apigateway.requests")) == d("17.50"))
        #expect(try #require(result.item("egress.tier1")).quantity.rounded(scale: 1) == d("14.3"))
        #expect(cents(result.total("egress")) == d("1.29"))
        #expect(cents(result.total("apigateway.requests") + result.total("egress")) == d("18.79"))
    }

    /// API Gateway pricing page: 15B calls through the REST tiers (333M at $3.50, 667M at $2.80,
    /// 14B at $2.38). AWS prices the 57,220.46 GB of responses at a flat $0.09, which is API
    /// Gateway's own data transfer, not the tiered internet egress of these designs; the test checks
    /// the GB conversion of that part and leaves the flat-rate charge out.
    @Test func restAPIFifteenBillionCallsThroughTiers() throws {
        let scenario = makeScenario(
            rate: .perMonth(15_000_000_000), region: "us-east-1", requestKiB: "0", responseKiB: "4", designs: [.albVpceApigwLambda])
        let result = try cost(.albVpceApigwLambda, scenario)
        #expect(cents(try #require(result.item("apigateway.requests.tier1")?.monthlyCost)) == d("1165.50"))
        #expect(cents(try #require(result.item("apigateway.requests.tier2")?.monthlyCost)) == d("1867.60"))
        #expect(cents(try #require(result.item("apigateway.requests.tier3")?.monthlyCost)) == d("33320.00"))
        #expect(result.item("apigateway.requests.tier4") == nil)
        #expect(cents(result.total("apigateway.requests")) == d("36353.10"))
        #expect(CostEngine.monthlyGB(kibPerRequest: 4, in: scenario).rounded(scale: 2) == d("57220.46"))
    }

    /// Lambda pricing page, example 1 (mobile backend): 3M requests, 120 ms, 1,536 MB, x86, free tier applied.
    @Test func lambdaExample1() throws {
        let scenario = makeScenario(
            rate: .perMonth(3_000_000), region: "us-east-1", memoryMB: "1536", durationMS: "120", freeTier: true,
            designs: [.albLambda])
        let result = try cost(.albLambda, scenario)
        #expect(CostEngine.lambdaGBSeconds(in: scenario) == 540_000)
        #expect(try #require(result.item("lambda.duration.tier1")).quantity == 140_000)
        #expect(cents(result.total("lambda.duration")) == d("2.33"))
        #expect(try #require(result.item("lambda.requests")).quantity == 2)
        #expect(cents(result.total("lambda.requests")) == d("0.40"))
        #expect(cents(result.total("lambda")) == d("2.73"))
    }

    /// Lambda pricing page, example 2 (telemetry): 10,000 x 24 x 31 = 7.44M requests, 2 s, 1,024 MB;
    /// AWS does not subtract the free tier here, so neither does the test.
    @Test func lambdaExample2() throws {
        let scenario = makeScenario(
            rate: .perMonth(10_000 * 24 * 31), region: "us-east-1", memoryMB: "1024", durationMS: "2000", designs: [.albLambda])
        let result = try cost(.albLambda, scenario)
        #expect(result.total("lambda.requests") == d("1.488"))
        #expect(cents(result.total("lambda.requests")) == d("1.49"))
        #expect(CostEngine.lambdaGBSeconds(in: scenario) == 14_880_000)
        #expect(cents(result.total("lambda.duration")) == d("248.00"))
        #expect(cents(result.total("lambda")) == d("249.49"))
    }

    /// Lambda pricing page, example 3 (BERT with ephemeral storage): 6M requests, 280 ms, 4,096 MB,
    /// 2,048 MB ephemeral storage (512 MB free), free tier applied.
    @Test func lambdaExample3() throws {
        let scenario = makeScenario(
            rate: .perMonth(6_000_000), region: "us-east-1", memoryMB: "4096", durationMS: "280", ephemeralMB: "2048",
            freeTier: true, designs: [.albLambda])
        let result = try cost(.albLambda, scenario)
        #expect(CostEngine.lambdaGBSeconds(in: scenario) == 6_720_000)
        #expect(try #require(result.item("lambda.duration.tier1")).quantity == 6_320_000)
        #expect(cents(result.total("lambda.duration")) == d("105.33"))
        #expect(cents(result.total("lambda.requests")) == d("1.00"))
        #expect(try #require(result.item("lambda.ephemeral")).quantity == 2_520_000)
        #expect(cents(result.total("lambda.ephemeral")) == d("0.08"))
        #expect(cents(result.total("lambda")) == d("106.41"))
    }
}
