import Foundation
import Testing
@testable import AlbgwCost

/// Design C, `vpce-apigw-lambda`: the private API's own custom domain name, reached through the
/// interface endpoint with no ALB (API Gateway, 2024-11-21). Figures are written out by hand from
/// the us-east-1 rates in ../shared/reference/pricing.md.
@Suite struct PrivateCustomDomainTests {
    /// The blog post's hybrid topology at 50 rps: corporate clients over VPN or Direct Connect, one
    /// account, the endpoint in two subnets.
    func hybrid(subnets: Int = 2, rps: ExactDecimal = 50) -> Scenario {
        makeScenario(rate: .perSecond(rps), region: "us-east-1", vpceSubnets: subnets, scheme: .internal, designs: [.vpceApigwLambda])
    }

    @Test func costWrittenOutByHand() throws {
        let result = try cost(.vpceApigwLambda, hybrid())
        // 50 rps x 3,600 s x 730 h = 131,400,000 requests = 131.4 million.
        let endpointHours = d("2") * d("730") * d("0.01")  // two subnets, $0.01 per endpoint-AZ-hour
        let endpointData = d("131400000") * d("5") / d("1048576") * d("0.01")  // request + response, 5 KiB, $0.01/GB
        let restRequests = d("131.4") * d("3.50")  // first 333M tier
        let lambdaRequests = d("131.4") * d("0.20")
        let lambdaDuration = d("131400000") * d("0.125") * d("0.1") * d("0.0000166667")  // 128 MB, 100 ms
        let hostedZone = d("0.50")  // one private hosted zone; alias queries to the endpoint are free
        let expected = endpointHours + endpointData + restRequests + lambdaRequests + lambdaDuration + hostedZone
        #expect(result.monthlyCost == expected)
        #expect(cents(result.monthlyCost) == d("534.92"))
        #expect(result.isComplete)
        #expect(
            result.lineItems.map(\.id) == [
                "vpce.hours", "vpce.data.tier1", "apigateway.requests.tier1", "lambda.requests", "lambda.duration.tier1", "route53.zone.tier1", "acm.certificate",
            ])
        #expect(result.item("acm.certificate")?.monthlyCost == 0)
        // No ALB: no hours, capacity units, public addresses or internet egress.
        #expect(!result.lineItems.contains { $0.id.hasPrefix("alb") || $0.id.hasPrefix("egress") })
        #expect(CostEngine.capacityUnits(for: .vpceApigwLambda, in: hybrid()) == nil)
    }

    @Test func oneSubnetHalvesTheEndpointHours() throws {
        let two = try cost(.vpceApigwLambda, hybrid())
        let one = try cost(.vpceApigwLambda, hybrid(subnets: 1))
        #expect(two.monthlyCost - one.monthlyCost == d("730") * d("0.01"))
    }

    @Test func hopsFromDNSToTheFunction() {
        let hops = HopModel.hops(for: .vpceApigwLambda, in: hybrid())
        #expect(hops.map(\.id) == ["dns", "client-vpce", "vpce-apigw", "apigw-lambda"])
        #expect(hops.map(\.number) == [1, 2, 3, 4])
        #expect(hops.map(\.to) == ["Route 53", "Interface endpoint ENIs (execute-api)", "API Gateway (private REST API)", "Lambda"])
        #expect(hops[0].adds[0].contains("private hosted zone"))
        #expect(hops[1].from == "Corporate client (VPN or Direct Connect)")
        #expect(hops[2].tls.contains("custom domain's ACM certificate"))
        // The ALB design's Host header problem does not arise: no hop mentions it.
        #expect(!hops.flatMap(\.notes).contains { $0.contains("Host header") })
        // The facts of the new design carry their sources.
        #expect(hops[1].sources.contains(.privateCustomDomains))
        #expect(hops[0].sources.contains(.route53PrivateAPIAlias))
    }

    @Test func limitsAreAPIGatewaysAndLambdas() {
        let limits = HopModel.limits(for: .vpceApigwLambda, in: hybrid())
        #expect(limits.maxRequestKiB == 6144)  // Lambda's 6 MB synchronous payload, below API Gateway's 10 MB
        #expect(limits.timeoutSeconds == 29)
        #expect(limits.timeoutSource == "API Gateway integration timeout")
        #expect(limits.sustainedRPS == 10_000)
        #expect(limits.burstRPS == 5_000)
    }

    /// Hard limits (FeasibilityTests covers them at, below and above) and the quota that only warns.
    @Test func limitsAndQuotas() {
        var large = hybrid()
        large.workload.requestKiB = 6145
        #expect(FeasibilityAnalyzer.reasons(for: .vpceApigwLambda, in: large).map(\.id) == ["request-too-large"])
        var fast = hybrid(rps: 10_001)
        fast.workload.lambdaDurationMS = 50
        #expect(FeasibilityAnalyzer.reasons(for: .vpceApigwLambda, in: fast).isEmpty)
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: fast).map(\.id) == ["apigw-throttle"])
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: hybrid(rps: 10_000)).isEmpty)
    }

    /// The endpoint is the way in: with one subnet, losing its AZ stops everything; with two, half the
    /// ENIs remain and every request is still served.
    @Test func azLossWithOneAndTwoEndpointSubnets() {
        let one = FailureDomainAnalyzer.azLoss(.vpceApigwLambda, hybrid(subnets: 1))
        #expect(one.map(\.az) == ["a"])
        #expect(one[0].servesRequests == false)
        #expect(one[0].endpointCapacityShare == 0)
        #expect(one[0].albNodeShare == nil)
        #expect(one[0].explanation.contains("only ENI"))
        let two = FailureDomainAnalyzer.azLoss(.vpceApigwLambda, hybrid(subnets: 2))
        #expect(two.map(\.az) == ["a", "b"])
        #expect(two.allSatisfy { $0.servesRequests && $0.endpointCapacityShare == d("0.5") && $0.albNodeShare == nil })
    }

    @Test func placementFindingsAndAvailability() {
        let components = FailureDomainAnalyzer.components(.vpceApigwLambda, hybrid())
        #expect(components.map(\.id) == ["route53", "vpce-eni-a", "vpce-eni-b", "acm", "apigw", "lambda"])
        #expect(components.allSatisfy { $0.registered == nil })  // no target group to register in
        let findings = FailureDomainAnalyzer.findings(.vpceApigwLambda, hybrid(subnets: 1)).map(\.id)
        #expect(findings == ["endpoint-single-subnet", "on-premises-dns", "endpoint-id-in-policy", "single-region"])
        #expect(!FailureDomainAnalyzer.findings(.vpceApigwLambda, hybrid()).map(\.id).contains("endpoint-single-subnet"))
        let availability = FailureDomainAnalyzer.availability(.vpceApigwLambda, hybrid())
        #expect(availability.terms.map(\.key) == ["route53", "privatelink", "apigw", "lambda"])
        #expect(availability.compositePercent == d("1") * d("0.999") * d("0.9995") * d("0.9995") * 100)
        #expect(availability.singleAZCompositePercent == nil)  // no ALB, no single-AZ ELB term
        #expect(availability.singleAZNote == nil)
        // With one endpoint subnet the design hangs on one AZ, and no published term says by how much.
        let oneSubnet = FailureDomainAnalyzer.availability(.vpceApigwLambda, hybrid(subnets: 1))
        #expect(oneSubnet.singleAZCompositePercent == nil)
        #expect(oneSubnet.singleAZNote?.contains("hangs on AZ a") == true)
    }

    /// A private API is not reachable from the internet; it is reachable from another account.
    @Test func feasibleOnlyForPrivateClients() throws {
        var internetFacing = hybrid()
        internetFacing.topology.albScheme = .internetFacing
        let reason = try #require(HopModel.impossibility(of: .vpceApigwLambda, in: internetFacing)?.reason.text)
        #expect(reason.hasPrefix("a private API is not reachable from the internet, so vpce-apigw-lambda cannot serve internet clients"))
        #expect(reason.contains("--alb-scheme internal"))
        var cross = hybrid()
        cross.topology.accounts = .cross
        #expect(HopModel.impossibility(of: .vpceApigwLambda, in: cross) == nil)
        let sides = FailureDomainAnalyzer.components(.vpceApigwLambda, cross).map(\.account)
        #expect(sides == ["network account", "network account", "network account", "application account", "application account", "application account"])
    }

    @Test func hybridPresetComparesAllThree() throws {
        let result = CLI.run(["--rps", "50", "--preset", "hybrid"])
        #expect(result.exitCode == 0)
        // $534.92 on the request path + $269.37 of VPN and Resolver endpoint the preset implies
        // (WholeBillTests.hybridPresetPricesTheLinkAndTheResolver); $804.29 / 730 h = $1.1018.
        #expect(result.stdout.contains("vpce-apigw-lambda      $1.1018  $804.29"))
        #expect(result.stdout.contains("Difference: vpce-apigw-lambda costs $450.89 per month more"))  // $534.92 - $84.04
        // Internal ALB: no public IPv4 or egress. alb-vpce-apigw-lambda: ALB hours $16.425 + LCUs
        // 0.9216 GB/h x 730 x $0.008 = $5.382144 + endpoint $14.60 + $6.26564 + REST $459.90 +
        // Lambda $53.655055 + zone $0.50 = $556.73; alb-lambda: $16.425 + 2.304 LCU x 730 x $0.008
        // = $13.45536 + Lambda + zone = $84.04; they differ by $472.69.
        #expect(result.stdout.contains("Difference: alb-vpce-apigw-lambda costs $472.69 per month more"))
    }

    @Test func tutorialPresetSaysWhyItCannotServeInternetClients() {
        let result = CLI.run(["--rps", "50", "--preset", "tutorial"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("vpce-apigw-lambda cannot carry this workload here: a private API is not reachable from the internet"))
        // It is left out of the comparison table, and that line says why.
        #expect(!result.stdout.contains("\n  vpce-apigw-lambda  "))
        #expect(result.stdout.contains("or use a design with an ALB: alb-vpce-apigw-lambda."))
    }

    /// With API Gateway features required, the private custom domain wins over the ALB in front:
    /// the same API for one hop and an ALB fewer.
    @Test func neededFeaturesWithoutAnALB() throws {
        let parsed = try ArgumentParser.parse(["--rps", "50", "--preset", "hybrid", "--needs", "usage-plans"], options: OptionTable.all, command: "test")
        let recommendation = try #require(try CLI.analyse(parsed).1.recommendation)
        #expect(recommendation.design == .vpceApigwLambda)
        #expect(recommendation.sentences.hasPrefix("Choose vpce-apigw-lambda because you need usage plans (per-client quotas and throttles), which alb-lambda lacks"))
        #expect(recommendation.sentence.contains("saves $21.81 per month"))  // $556.73 - $534.92
        // Needing the ALB's sign-in rules the private custom domain out again.
        let both = try ArgumentParser.parse(
            ["--rps", "50", "--preset", "hybrid", "--needs", "usage-plans,alb-sign-in"], options: OptionTable.all, command: "test")
        #expect(try CLI.analyse(both).1.recommendation?.design == .albVpceApigwLambda)
    }

    @Test func designOptionAndJSON() throws {
        let result = CLI.run(["--rps", "50", "--preset", "hybrid", "--design", "vpce-apigw-lambda", "--format", "json"])
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let designs = try #require(object["designs"] as? [[String: Any]])
        #expect(designs.map { $0["id"] as? String } == ["vpce-apigw-lambda"])
        #expect(designs[0]["albCapacityUnits"] is NSNull)
        #expect(designs[0]["feasible"] as? Bool == true)
    }
}
