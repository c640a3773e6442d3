import Foundation
import Testing
@testable import AlbgwCost

/// Which AZ losses each design survives, the findings raised and the composite availability, for
/// the seed presets and hand-made topologies. SLA figures: ALB 99.99 (single-AZ 99.9), PrivateLink
/// 99.9 (unconfirmed), API Gateway 99.95, Lambda 99.95, Route 53 100 (topology.md §2.4).
@Suite struct FailureDomainTests {
    func scenario(_ line: String) throws -> Scenario {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try ScenarioOptions(parsed).scenario
    }

    func survives(_ design: DesignID, _ scenario: Scenario) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: FailureDomainAnalyzer.azLoss(design, scenario).map { ($0.az, $0.servesRequests) })
    }

    func findingIDs(_ design: DesignID, _ scenario: Scenario) -> [String] {
        FailureDomainAnalyzer.findings(design, scenario).map(\.id)
    }

    /// Findings sort most severe first: high, medium, low, then info (the order every output lists them in).
    @Test func severitiesSortMostSevereFirst() {
        typealias Severity = Finding.Severity
        let shuffled: [Severity] = [.info, .low, .high, .medium, .low, .high]
        #expect(shuffled.sorted() == [.high, .high, .medium, .low, .low, .info])
        #expect(Severity.high < Severity.medium && Severity.medium < Severity.low && Severity.low < Severity.info)
        #expect(!(Severity.info < Severity.info) && !(Severity.low < Severity.high))
    }

    @Test func tutorialPresetIsTheTutorialsTopology() throws {
        let s = try scenario("--rps 50 --preset tutorial")
        #expect(s.topology.region == "us-west-2")
        #expect(s.topology.albScheme == .internetFacing)
        #expect(s.topology.accounts == .cross)
        #expect(s.topology.azs == 2 && s.topology.vpceSubnets == 1 && s.topology.registeredTargets == 1)
        #expect(s.topology.privateDNS)
        #expect(s.preset == "tutorial")
    }

    @Test func tutorialLosesEverythingWithAZa() throws {
        let s = try scenario("--rps 50 --preset tutorial")
        #expect(survives(.albVpceApigwLambda, s) == ["a": false, "b": true])
        let losses = FailureDomainAnalyzer.azLoss(.albVpceApigwLambda, s)
        #expect(losses.map(\.endpointCapacityShare) == [0, 1])
        #expect(findingIDs(.albVpceApigwLambda, s) == ["endpoint-single-subnet", "endpoint-id-in-policy", "private-dns", "health-check-403", "single-region"])
        let policy = try #require(FailureDomainAnalyzer.findings(.albVpceApigwLambda, s).first { $0.id == "endpoint-id-in-policy" })
        #expect(policy.severity == .high)
        #expect(policy.detail.contains("403"))
    }

    @Test func hybridPresetSurvivesEitherAZButFlagsHandTypedIPs() throws {
        let s = try scenario("--rps 50 --preset hybrid")
        #expect(s.topology.albScheme == .internal && s.topology.accounts == .single && s.topology.targetIPs == .manual)
        #expect(survives(.albVpceApigwLambda, s) == ["a": true, "b": true])
        #expect(FailureDomainAnalyzer.azLoss(.albVpceApigwLambda, s).map(\.endpointCapacityShare) == [d("0.5"), d("0.5")])
        #expect(findingIDs(.albVpceApigwLambda, s) == ["hand-typed-ips", "health-check-403", "endpoint-id-in-policy", "single-region"])
        #expect(survives(.albLambda, s) == ["a": true, "b": true])
    }

    @Test func explicitOptionsOverrideThePreset() throws {
        let s = try scenario("--rps 50 --preset tutorial --vpce-subnets 2 --region eu-west-1")
        #expect(s.topology.region == "eu-west-1")
        #expect(s.topology.vpceSubnets == 2)
        #expect(s.topology.registeredTargets == 1)  // the tutorial still registers only the first ENI
        #expect(survives(.albVpceApigwLambda, s) == ["a": false, "b": true])
        #expect(findingIDs(.albVpceApigwLambda, s).first == "single-registered-target")
        // A preset's count is capped at the subnets the user chose.
        #expect(try scenario("--rps 50 --preset hybrid --vpce-subnets 1").topology.registeredTargets == 1)
    }

    @Test func threeAZsWithEveryIPRegistered() throws {
        let s = try scenario("--rps 50 --azs 3")
        #expect(survives(.albVpceApigwLambda, s) == ["a": true, "b": true, "c": true])
        let shares = FailureDomainAnalyzer.azLoss(.albVpceApigwLambda, s).map { $0.endpointCapacityShare! }
        #expect(shares.allSatisfy { $0 == ExactDecimal(2) / ExactDecimal(3) })
        #expect(!findingIDs(.albVpceApigwLambda, s).contains { ["endpoint-single-subnet", "single-registered-target", "partial-registration"].contains($0) })
    }

    /// An ENI in an AZ the ALB does not enable gets no traffic (ELB user guide): with 3 ENIs and an
    /// ALB in 2 AZs, losing AZ a leaves 1 of the 2 IPs that carry traffic (50%), not 2 of 3, and losing
    /// AZ c changes nothing.
    @Test func anENIOutsideTheALBsAZsCarriesNothing() throws {
        let s = try scenario("--rps 50 --azs 2 --vpce-subnets 3")
        let losses = FailureDomainAnalyzer.azLoss(.albVpceApigwLambda, s)
        #expect(losses.map(\.az) == ["a", "b", "c"])
        #expect(losses.map(\.endpointCapacityShare) == [ExactDecimal(1) / 2, ExactDecimal(1) / 2, 1])
        #expect(losses.last?.explanation == "the ALB has no node in AZ c, and the endpoint's ENI there carries no traffic: nothing changes")
        let finding = try #require(FailureDomainAnalyzer.findings(.albVpceApigwLambda, s).first { $0.id == "endpoint-outside-alb-azs" })
        #expect(finding.severity == .medium && finding.detail.contains("the ENI in AZ c gets no traffic") && finding.fix.contains("--azs 3"))
        // Four ENIs and an ALB in 2 AZs: two outside.
        #expect(
            try FailureDomainAnalyzer.findings(.albVpceApigwLambda, scenario("--rps 50 --azs 2 --vpce-subnets 4")).first { $0.id == "endpoint-outside-alb-azs" }?
                .detail.contains("the ENIs in AZ c and d get no traffic") == true)
        // Both ENIs in the ALB's AZs registered: registering the third changes nothing, so no
        // partial-registration beside the finding that says so (found by a code review).
        let two = try findingIDs(.albVpceApigwLambda, scenario("--rps 50 --azs 2 --vpce-subnets 3 --registered-targets 2"))
        #expect(two.contains("endpoint-outside-alb-azs") && !two.contains("partial-registration"))
        let four = try FailureDomainAnalyzer.findings(.albVpceApigwLambda, scenario("--rps 50 --azs 3 --vpce-subnets 4 --registered-targets 2"))
        #expect(
            four.first { $0.id == "partial-registration" }?.detail
                == "2 of the 3 ENI IPs in the ALB's AZs are in the target group; the others carry no traffic and give no redundancy")
        // The endpoint's own way in (no ALB): every ENI carries traffic.
        #expect(!(try findingIDs(.vpceApigwLambda, scenario("--rps 50 --azs 2 --vpce-subnets 3 --alb-scheme internal"))).contains("endpoint-outside-alb-azs"))
    }

    @Test func partialRegistrationAndFewerAZs() throws {
        let s = try scenario("--rps 50 --azs 3 --vpce-subnets 3 --registered-targets 2")
        #expect(survives(.albVpceApigwLambda, s) == ["a": true, "b": true, "c": true])
        #expect(findingIDs(.albVpceApigwLambda, s).contains("partial-registration"))
        let fewer = try scenario("--rps 50 --azs 3 --vpce-subnets 2")
        #expect(findingIDs(.albVpceApigwLambda, fewer).contains("endpoint-fewer-azs"))
        #expect(survives(.albVpceApigwLambda, fewer) == ["a": true, "b": true, "c": true])
    }

    @Test func placementFollowsTheTopology() throws {
        let s = try scenario("--rps 50 --preset tutorial")
        let components = FailureDomainAnalyzer.components(.albVpceApigwLambda, s)
        let byID = Dictionary(uniqueKeysWithValues: components.map { ($0.id, $0) })
        #expect(byID["route53"]?.scope == .global)
        #expect(byID["acm"]?.scope == .regional)
        #expect(byID["alb-node-a"]?.scope == .zonal("a") && byID["alb-node-b"]?.scope == .zonal("b"))
        #expect(byID["vpce-eni-a"]?.registered == true && byID["vpce-eni-b"] == nil)
        #expect(byID["apigw"]?.account == "application account" && byID["alb-node-a"]?.account == "network account")
        #expect(byID["lambda"]?.scope == .regional)
    }

    /// Composite = product of the chain: A = 0.9999 x 0.999 x 0.9995 x 0.9995 (x Route 53 1.0);
    /// B = 0.9999 x 0.9995. Downtime over a 730-hour month = (1 - A) x 43,800 minutes.
    @Test func compositeAvailabilityByHand() throws {
        let s = try scenario("--rps 50")
        let a = FailureDomainAnalyzer.availability(.albVpceApigwLambda, s)
        let productA = d("0.9999") * d("0.999") * d("0.9995") * d("0.9995")
        #expect(a.compositePercent == productA * 100)
        #expect(a.downtimeMinutesPerMonth == (1 - productA) * 43_800)
        #expect(a.compositePercent.rounded(scale: 2) == d("99.79"))
        #expect(a.singleAZCompositePercent == nil)
        let b = FailureDomainAnalyzer.availability(.albLambda, s)
        #expect(b.compositePercent == d("0.9999") * d("0.9995") * 100)
        #expect(b.compositePercent.rounded(scale: 2) == d("99.94"))
    }

    /// Clients on the corporate network cross the link: the hybrid preset's VPN connection is placed
    /// and joins the product at its SLA's 99.95% (Site-to-Site VPN SLA, 2022-05-05), with the
    /// Resolver endpoint's 99.99: alb-lambda = 0.9995 x 1 x 0.9999 x 0.9999 x 0.9995 = 99.88%.
    /// Direct Connect's commitment depends on its resiliency model: left out and said so, or yours.
    @Test func theCorporateLinkIsAFailureDomain() throws {
        let vpn = try scenario("--rps 50 --preset hybrid")
        let product = d("0.9995") * d("0.9999") * d("0.9999") * d("0.9995")
        let withVPN = FailureDomainAnalyzer.availability(.albLambda, vpn)
        #expect(withVPN.terms.map(\.key) == ["vpn", "route53", "resolver", "alb", "lambda"])
        #expect(withVPN.compositePercent == product * 100 && withVPN.compositePercent.rounded(scale: 2) == d("99.88"))
        #expect(withVPN.missing.isEmpty)
        #expect(FailureDomainAnalyzer.components(.albLambda, vpn).first?.name == "Site-to-Site VPN connection (two tunnels)")
        #expect(!findingIDs(.albLambda, vpn).contains("single-direct-connect"))

        let dx = try scenario("--rps 50 --preset hybrid --hybrid-link dx")
        let withDX = FailureDomainAnalyzer.availability(.albLambda, dx)
        #expect(withDX.terms.map(\.key) == ["route53", "resolver", "alb", "lambda"])
        #expect(withDX.compositePercent == d("0.9999") * d("0.9999") * d("0.9995") * 100)
        #expect(withDX.missing.count == 1 && withDX.missing[0].sentence.hasSuffix("until --sla directconnect=PERCENT gives its figure"))
        // The comparison table marks the composite as one without Direct Connect.
        let markdown = CLI.run(["--rps", "50", "--preset", "hybrid", "--hybrid-link", "dx", "--format", "markdown"]).stdout
        #expect(markdown.contains("| 99.930% (without AWS Direct Connect) |"))
        #expect(findingIDs(.albLambda, dx).first == "single-direct-connect")
        let table = CLI.run(["--rps", "50", "--preset", "hybrid", "--hybrid-link", "dx", "--detail"], environment: ["COLUMNS": "1000"]).stdout
        #expect(table.contains("AWS Direct Connect is left out (its SLA commits") && table.contains("so the composite overstates the design until"))
        #expect(table.contains("Placement: account, regional: Direct Connect connection (one dedicated port); "))

        let given = FailureDomainAnalyzer.availability(.albLambda, try scenario("--rps 50 --preset hybrid --hybrid-link dx --sla directconnect=99.9"))
        #expect(given.missing.isEmpty && given.terms.first?.key == "directconnect" && given.terms.first?.percent == d("99.9"))
        #expect(given.compositePercent == d("0.999") * d("0.9999") * d("0.9999") * d("0.9995") * 100)
        // The design without an ALB crosses the same link.
        #expect(FailureDomainAnalyzer.availability(.vpceApigwLambda, vpn).terms.first?.key == "vpn")
    }

    @Test func privateLinkOverrideAndSingleAZFigure() throws {
        let s = try scenario("--rps 50 --sla privatelink=99.99")
        #expect(FailureDomainAnalyzer.availability(.albVpceApigwLambda, s).compositePercent.rounded(scale: 2) == d("99.88"))
        let tutorial = try scenario("--rps 50 --preset tutorial")
        let single = try #require(FailureDomainAnalyzer.availability(.albVpceApigwLambda, tutorial).singleAZCompositePercent)
        #expect(single == d("0.999") * d("0.999") * d("0.9995") * d("0.9995") * 100)
    }

    @Test func reportShowsFailureDomainsInTableAndJSON() throws {
        let table = CLI.run(["--rps", "50", "--preset", "tutorial", "--detail"]).stdout
        // The one-screen table keeps the high-severity findings.
        #expect(CLI.run(["--rps", "50", "--preset", "tutorial"]).stdout.contains("\nHigh-severity findings\n  - alb-vpce-apigw-lambda: Interface endpoint in one subnet"))
        #expect(table.contains("Failure domains"))
        #expect(table.contains("a        NO"))
        #expect(table.contains("[high] Interface endpoint in one subnet"))
        let accounts = table.split(separator: "\n").first { $0.hasPrefix("  --accounts ") }
        #expect(accounts?.split(separator: " ").map(String.init) == ["--accounts", "cross", "preset", "tutorial"])
        let json = CLI.run(["--rps", "50", "--preset", "hybrid", "--format", "json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["preset"] as? String == "hybrid")
        let design = try #require((object["designs"] as? [[String: Any]])?.first)
        for key in ["failureDomains", "azLoss", "availability", "findings"] { #expect(design[key] != nil, "\(key)") }
        #expect((design["azLoss"] as? [[String: Any]])?.count == 2)
    }

    @Test(arguments: [
        ("--rps 50 --preset tutorail", "did you mean 'tutorial'?"),
        ("--rps 50 --vpce-subnets 2 --registered-targets 3", "from 1 to 2"),
        ("--rps 50 --sla privatelink=101", "from 0 to 100"),
        ("--rps 50 --sla elb=99", "did you mean 'alb'?"),
        ("--rps 50 --private-dns yes", "choose one of: on, off"),
        ("--rps 50 --target-ips auto", "choose one of: lookup, manual"),
    ])
    func badTopologyOptions(line: String, message: String) {
        let result = CLI.run(line.split(separator: " ").map(String.init))
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
