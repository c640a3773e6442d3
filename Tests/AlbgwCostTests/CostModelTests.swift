import Foundation
import Testing
@testable import AlbgwCost

/// The default run (`--rps 50 --region us-west-2`), schemes, architectures and invariants, with
/// expected figures computed by hand from the us-west-2 prices in pricing.md.
@Suite struct CostModelTests {
    /// 50 rps x 3,600 x 730 = 131,400,000 requests; 1 KiB in, 4 KiB out; 128 MB for 100 ms.
    @Test func defaultRunByHand() throws {
        let scenario = makeScenario()
        #expect(scenario.monthlyRequests == 131_400_000)
        let hours = d("730")
        let albHours = hours * d("0.0225")
        // The ALB counts decimal GB (10^9 bytes), as AWS's ALB example 1 does.
        let processedGBPerHour = d("50") * 3600 * 5 * 1024 / 1_000_000_000  // 0.9216
        let lcuIP = processedGBPerHour * hours * d("0.008")
        let lcuLambda = processedGBPerHour / d("0.4") * hours * d("0.008")
        let ipv4 = 2 * hours * d("0.005")
        let endpointHours = 2 * hours * d("0.01")
        let endpointData = d("131400000") * 5 / 1_048_576 * d("0.01")
        let rest = d("131.4") * d("3.5")
        let lambdaRequests = d("131.4") * d("0.2")
        let lambdaDuration = d("131400000") * d("0.125") * d("0.1") * d("0.0000166667")
        let egress = d("131400000") * 4 / 1_048_576 * d("0.09")
        let zone = d("0.5")

        let a = try cost(.albVpceApigwLambda, scenario)
        let expectedA = albHours + lcuIP + ipv4 + endpointHours + endpointData + rest + lambdaRequests + lambdaDuration + egress + zone
        #expect(a.monthlyCost == expectedA)
        #expect(cents(a.monthlyCost) == d("609.14"))
        #expect(a.hourlyCost == expectedA / hours)
        #expect(a.costPerMillionRequests == expectedA / d("131.4"))

        let b = try cost(.albLambda, scenario)
        let expectedB = albHours + lcuLambda + ipv4 + lambdaRequests + lambdaDuration + egress + zone
        #expect(b.monthlyCost == expectedB)
        #expect(cents(b.monthlyCost) == d("136.45"))
        #expect(b.item("vpce.hours") == nil && b.item("apigateway.requests.tier1") == nil)
    }

    @Test func lambdaTargetsCostTwoAndAHalfTimesTheBytesLCUs() throws {
        let scenario = makeScenario()
        let ip = try #require(CostEngine.capacityUnits(for: .albVpceApigwLambda, in: scenario))
        let lambda = try #require(CostEngine.capacityUnits(for: .albLambda, in: scenario))
        #expect(lambda.dimensions[2].lcu == ip.dimensions[2].lcu / d("0.4"))
        #expect(ip.dimensions[0].lcu == d("0.2"))  // 50 / 10 new connections per second / 25
        #expect(ip.dimensions[1].lcu == d("0.1"))  // 5 x 60 active / 3,000
        #expect(ip.dimensions[3].lcu == 0)  // 1 rule: under the 10 free
    }

    @Test func ruleEvaluationsBindWhenManyRules() throws {
        // 1,000 rps x (60 - 10) rules = 50,000 evaluations/s = 50 LCU, above every other dimension.
        let scenario = makeScenario(rate: .perSecond(1000), requestKiB: "0.1", responseKiB: "0.1", requestsPerConnection: "1000", rules: "60")
        let lcu = try #require(CostEngine.capacityUnits(for: .albLambda, in: scenario))
        #expect(lcu.billed == 50)
        #expect(lcu.binding.name == "rule evaluations")
    }

    @Test func internalALBHasNoPublicAddressesOrEgress() throws {
        let scenario = makeScenario(scheme: .internal)
        for design in DesignID.allCases {
            let result = try cost(design, scenario)
            #expect(result.item("alb.publicIPv4") == nil)
            #expect(!result.lineItems.contains { $0.id.hasPrefix("egress") })
        }
        let internetFacing = try cost(.albLambda, makeScenario())
        let internalCost = try cost(.albLambda, scenario)
        #expect(internetFacing.monthlyCost - internalCost.monthlyCost == internetFacing.total("alb.publicIPv4") + internetFacing.total("egress"))
    }

    @Test func publicAddressesFollowAZs() throws {
        let result = try cost(.albLambda, makeScenario(azs: 3))
        #expect(try #require(result.item("alb.publicIPv4")).quantity == 3 * 730)
    }

    /// AWS bills a partial ALB, endpoint or IPv4 hour as a full hour: 720.5 hours bill 721.
    @Test func partialHoursBillAsFullHours() throws {
        let result = try cost(.albVpceApigwLambda, makeScenario(vpceSubnets: 1, hours: "720.5"))
        #expect(try #require(result.item("alb.hours")).quantity == 721)
        #expect(try #require(result.item("vpce.hours")).quantity == 721)
        #expect(try #require(result.item("alb.publicIPv4")).quantity == 2 * 721)
        #expect(result.hourlyCost == result.monthlyCost / d("720.5"))
    }

    @Test func publicAddressesPerAZAreAnInput() throws {
        var scenario = makeScenario()
        scenario.topology.publicIPv4PerAZ = 3
        #expect(try #require(try cost(.albLambda, scenario).item("alb.publicIPv4")).quantity == 2 * 3 * 730)
    }

    @Test func endpointHoursFollowSubnetsNotAZs() throws {
        let result = try cost(.albVpceApigwLambda, makeScenario(azs: 3, vpceSubnets: 1))
        #expect(try #require(result.item("vpce.hours")).quantity == 730)
    }

    @Test func arm64UsesItsOwnRate() throws {
        let result = try cost(.albLambda, makeScenario(architecture: .arm64))
        let item = try #require(result.item("lambda.duration.tier1"))
        #expect(item.unitPrice == d("0.0000133334"))
        #expect(item.priceKey == .lambdaDurationArm)
    }

    @Test func durationIsRoundedUpToTheMillisecond() {
        let scenario = makeScenario(rate: .perMonth(1000), memoryMB: "1024", durationMS: "10.2")
        #expect(CostEngine.lambdaGBSeconds(in: scenario) == 11)
    }

    @Test func requestsPerMonthAndRPSAgree() throws {
        let perSecond = makeScenario(rate: .perSecond(50))
        let perMonth = makeScenario(rate: .perMonth(131_400_000))
        #expect(perMonth.requestsPerSecond == 50)
        #expect(try cost(.albVpceApigwLambda, perSecond).monthlyCost == cost(.albVpceApigwLambda, perMonth).monthlyCost)
    }

    /// Every item is quantity x unit price, and every design total is the sum of its items.
    @Test(arguments: ["us-east-1", "eu-west-2", "ap-southeast-2", "sa-east-1"])
    func itemsMultiplyAndSum(region: String) throws {
        for freeTier in [false, true] {
            let scenario = makeScenario(region: region, ephemeralMB: "1024", freeTier: freeTier)
            for design in DesignID.allCases {
                let result = try cost(design, scenario)
                for item in result.lineItems {
                    if let price = item.unitPrice { #expect(item.monthlyCost == item.quantity * price, "\(item.id)") }
                }
                #expect(result.monthlyCost == result.lineItems.compactMap(\.monthlyCost).reduce(0, +))
            }
        }
    }
}
