import Foundation

/// Places each design's components in their failure domains and works out what an AZ, a service
/// or an account change takes down. Facts: ../shared/reference/topology.md §2-3.
package enum FailureDomainAnalyzer {
    /// AZ letters in the order the ALB and the endpoint take them.
    static func azName(_ index: Int) -> String { String(UnicodeScalar(UInt8(97 + index))) }

    package static func analyze(_ design: DesignID, in scenario: Scenario) -> FailureDomainAnalysis {
        FailureDomainAnalysis(
            components: components(design, scenario), azLoss: azLoss(design, scenario),
            availability: availability(design, scenario), findings: findings(design, scenario))
    }

    static func accounts(_ scenario: Scenario) -> (network: String, application: String) {
        scenario.topology.accounts == .cross ? ("network account", "application account") : ("account", "account")
    }

    package static func components(_ design: DesignID, _ scenario: Scenario) -> [PlacedComponent] {
        let topology = scenario.topology
        let (network, application) = accounts(scenario)
        var result = [
            PlacedComponent(id: "route53", name: "Route 53 hosted zone", account: network, scope: .global, vpc: nil, subnet: nil, registered: nil),
            PlacedComponent(id: "acm", name: "ACM certificate", account: network, scope: .regional, vpc: nil, subnet: nil, registered: nil),
        ]
        for index in 0..<topology.azs {
            let az = azName(index)
            result.append(
                PlacedComponent(
                    id: "alb-node-\(az)", name: "ALB node (\(topology.albScheme.rawValue))", account: network, scope: .zonal(az), vpc: "vpc",
                    subnet: "alb-subnet-\(az)", registered: nil))
        }
        if design == .albVpceApigwLambda {
            for index in 0..<topology.vpceSubnets {
                let az = azName(index)
                result.append(
                    PlacedComponent(
                        id: "vpce-eni-\(az)", name: "Endpoint ENI (execute-api)", account: network, scope: .zonal(az), vpc: "vpc",
                        subnet: "endpoint-subnet-\(az)", registered: index < topology.registeredTargets))
            }
            result.append(PlacedComponent(id: "apigw", name: "Private REST API", account: application, scope: .regional, vpc: nil, subnet: nil, registered: nil))
        }
        result.append(PlacedComponent(id: "lambda", name: "Lambda function", account: application, scope: .regional, vpc: nil, subnet: nil, registered: nil))
        return result
    }

    package static func azLoss(_ design: DesignID, _ scenario: Scenario) -> [AZLoss] {
        let topology = scenario.topology
        let zones = max(topology.azs, design == .albVpceApigwLambda ? topology.vpceSubnets : 0)
        let registered = min(topology.registeredTargets, topology.vpceSubnets)
        return (0..<zones).map { index in
            let az = azName(index)
            let albLeft = topology.azs - (index < topology.azs ? 1 : 0)
            let albShare = Decimal(albLeft) / Decimal(topology.azs)
            switch design {
            case .albLambda:
                return AZLoss(
                    az: az, servesRequests: albLeft > 0, endpointCapacityShare: nil, albNodeShare: albShare,
                    explanation: "the ALB keeps \(albLeft) of \(topology.azs) nodes and Lambda runs in the region's other AZs")
            case .albVpceApigwLambda:
                let lost = index < registered ? 1 : 0
                let left = registered - lost
                let share = registered == 0 ? 0 : Decimal(left) / Decimal(registered)
                let serves = albLeft > 0 && left > 0
                let explanation: String
                if !serves {
                    explanation =
                        "the only registered endpoint IP is in AZ \(az): every ALB node loses its target, so every request fails although the ALB spans \(topology.azs) AZs"
                } else if lost == 1 {
                    explanation = "\(left) of \(registered) registered endpoint IPs remain; ALB nodes reach them cross-zone"
                } else {
                    explanation = "no registered endpoint IP in AZ \(az); the remaining ALB nodes keep sending to the registered IPs"
                }
                return AZLoss(az: az, servesRequests: serves, endpointCapacityShare: share, albNodeShare: albShare, explanation: explanation)
            }
        }
    }

    /// True when losing one AZ stops the design: the endpoint path hangs on one ENI.
    package static func dependsOnOneAZ(_ design: DesignID, _ scenario: Scenario) -> Bool {
        azLoss(design, scenario).contains { !$0.servesRequests }
    }

    package static func availability(_ design: DesignID, _ scenario: Scenario) -> Availability {
        let keys = design == .albVpceApigwLambda ? ["route53", "alb", "privatelink", "apigw", "lambda"] : ["route53", "alb", "lambda"]
        let terms = keys.compactMap { key -> SLATerm? in
            guard var term = SLATable.defaults.first(where: { $0.key == key }) else { return nil }
            if let override = scenario.slaOverrides[key] {
                term.percent = override
                term.source = "your figure (--sla \(key)=\(override))"
                term.confirmed = true
            }
            return term
        }
        let minutes = scenario.billing.hoursPerMonth * 60
        func composite(_ terms: [SLATerm]) -> Decimal { terms.reduce(Decimal(1)) { $0 * $1.percent / 100 } }
        let product = composite(terms)
        var result = Availability(
            terms: terms, compositePercent: product * 100, downtimeMinutesPerMonth: (1 - product) * minutes,
            singleAZCompositePercent: nil, singleAZDowntimeMinutesPerMonth: nil)
        if dependsOnOneAZ(design, scenario) && scenario.slaOverrides["alb"] == nil {
            let singleAZ = terms.map { term -> SLATerm in
                var copy = term
                if copy.key == "alb" { copy.percent = SLATable.albSingleAZ }
                return copy
            }
            let value = composite(singleAZ)
            result.singleAZCompositePercent = value * 100
            result.singleAZDowntimeMinutesPerMonth = (1 - value) * minutes
        }
        return result
    }

    package static func findings(_ design: DesignID, _ scenario: Scenario) -> [Finding] {
        let topology = scenario.topology
        var result: [Finding] = []
        if design == .albVpceApigwLambda {
            let registered = min(topology.registeredTargets, topology.vpceSubnets)
            if topology.vpceSubnets == 1 {
                result.append(
                    Finding(
                        id: "endpoint-single-subnet", severity: .high, title: "Interface endpoint in one subnet",
                        detail: "the endpoint has one ENI, in AZ a: losing that AZ takes the design down although the ALB spans \(topology.azs) AZs",
                        fix: "place the endpoint in a subnet in every AZ the ALB spans (--vpce-subnets \(topology.azs)) and register every ENI IP in the target group"))
            } else if registered == 1 {
                result.append(
                    Finding(
                        id: "single-registered-target", severity: .high, title: "One endpoint IP registered",
                        detail:
                            "the endpoint has \(topology.vpceSubnets) ENIs but the target group holds only the IP in AZ a (for example tolist(...network_interface_ids)[0]): losing AZ a takes the design down",
                        fix:
                            "register every ENI IP: count = length(subnet_ids) with sort(tolist(network_interface_ids))[count.index] (network_interface_ids is an unordered set, unknown until apply)"
                    ))
            } else if registered < topology.vpceSubnets {
                result.append(
                    Finding(
                        id: "partial-registration", severity: .medium, title: "Not every endpoint IP is registered",
                        detail: "\(registered) of \(topology.vpceSubnets) ENI IPs are in the target group; the others carry no traffic and give no redundancy",
                        fix: "register every ENI IP in the target group"))
            }
            if topology.vpceSubnets > 1 && topology.vpceSubnets < topology.azs {
                result.append(
                    Finding(
                        id: "endpoint-fewer-azs", severity: .medium, title: "Endpoint in fewer AZs than the ALB",
                        detail: "ALB nodes in AZs without an endpoint ENI send every request cross-zone",
                        fix: "give the endpoint a subnet in each of the ALB's \(topology.azs) AZs"))
            }
            if topology.targetIPs == .manual {
                result.append(
                    Finding(
                        id: "hand-typed-ips", severity: .medium, title: "Endpoint IPs typed in by hand",
                        detail:
                            "the target group holds IPs copied from the endpoint; recreating the endpoint or changing a subnet's IP replaces the ENI and the target group then points at nothing",
                        fix:
                            "look the IPs up from the endpoint in the same deployment (data.aws_network_interface for each of network_interface_ids), or fix each subnet's IP in the endpoint's subnet_configuration"
                    ))
            }
            result.append(
                Finding(
                    id: "endpoint-id-in-policy", severity: topology.accounts == .cross ? .high : .low,
                    title: "The API's resource policy names the endpoint id",
                    detail: topology.accounts == .cross
                        ? "the application account's resource policy allows aws:SourceVpce = the network account's endpoint id; recreating the endpoint yields a new id and every call gets 403 until the other account updates its policy and redeploys the API"
                        : "the resource policy allows aws:SourceVpce = the endpoint id; recreating the endpoint yields a new id, and calls get 403 until the policy is updated and the API redeployed",
                    fix: topology.accounts == .cross
                        ? "protect the endpoint from replacement (lifecycle prevent_destroy), share the new id through a parameter both accounts read, or use a private custom domain name with a domain name access association"
                        : "reference the endpoint's id from the policy in the same deployment so a replacement updates both"))
            if topology.privateDNS {
                result.append(
                    Finding(
                        id: "private-dns", severity: .medium, title: "Private DNS on the execute-api endpoint",
                        detail:
                            "every *.execute-api.\(topology.region).amazonaws.com name in the VPC resolves to the endpoint, so calls from the VPC to public (Regional or edge) APIs by their default URL get 403; the ALB does not need private DNS because it targets IPs",
                        fix: "turn private DNS off (private_dns_enabled = false), or reach public APIs through custom domain names"))
            }
            result.append(
                Finding(
                    id: "health-check-403", severity: .medium, title: "Health checks prove nothing about the API",
                    detail:
                        "API Gateway answers the ALB's health checks with 403 (no API host), so the matcher must accept 403 and a healthy target says nothing about the API or the function",
                    fix: "alarm on API Gateway 5XXError and Lambda Errors and run a synthetic request through the ALB; do not read target health as service health"))
        } else {
            result.append(
                Finding(
                    id: "lambda-health-checks-off", severity: .low, title: "Lambda target health checks are off by default",
                    detail: "the ALB keeps invoking a failing function",
                    fix: "enable health checks on the Lambda target group, and alarm on Lambda Errors and ALB 5XX counts"))
        }
        result.append(
            Finding(
                id: "single-region", severity: .info, title: "One region",
                detail: design == .albVpceApigwLambda
                    ? "API Gateway and Lambda are regional: a regional outage of either takes the design down"
                    : "Lambda and the ALB are regional: a regional outage takes the design down",
                fix: "a second stack in another region behind Route 53 failover, if the workload needs it"))
        // Most severe first; equal severities keep the order above.
        return result.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
    }
}
