import Foundation

/// An interface VPC endpoint for `execute-api`: one ENI, and one endpoint-hour per hour, per subnet.
/// Behind an ALB its ENI IPs are the target group's targets; as the entry of a design, clients reach
/// it through a private custom domain name. Facts: ../shared/reference/topology.md §1.2, §2.2.
package struct InterfaceEndpoint: Component {
    package var kind: ComponentKind { .interfaceEndpoint }
    package var shortName: String { "interface endpoint" }
    package var articleName: String { "an interface endpoint" }
    package var slaKey: String? { "privatelink" }
    package var chargeName: String? { "endpoint" }

    /// Interface endpoint bandwidth per AZ before it scales (10 Gbps).
    package static let gbpsPerAZ: ExactDecimal = 10
    /// The most subnets an endpoint takes here: one per AZ, and a region has at most six.
    package static let maxSubnets = 6

    package init() {}

    /// True when an ALB sends to the ENI IPs registered in its target group.
    static func behindALB(_ context: ChainContext) -> Bool { context.upstream == .alb }

    /// The ENIs that carry traffic: the registered ones behind an ALB, else every one.
    static func carrying(_ context: ChainContext) -> Int {
        let topology = context.topology
        // Behind an ALB, the registered IPs in the AZs the ALB enables: one in another AZ gets no traffic.
        return behindALB(context) ? min(topology.registeredTargets, topology.vpceSubnets, topology.azs) : topology.vpceSubnets
    }

    package func bill(_ context: ChainContext, into bill: inout Bill) {
        let service = "VPC endpoint (PrivateLink)"
        let scenario = context.scenario
        let subnets = context.topology.vpceSubnets
        let hours = bill.billedHours
        bill.flat(
            "vpce.hours", service, "Interface endpoint hours", quantity: ExactDecimal(subnets) * hours, key: .vpceEndpointAZHour,
            basis: "1 endpoint x \(subnets) subnet(s) x \(hours) h")
        let kib = scenario.workload.requestKiB + scenario.workload.responseKiB
        let gb = CostEngine.monthlyGB(kibPerRequest: kib, in: scenario)
        let requests = scenario.monthlyRequests
        bill.tiered(
            "vpce.data", service, "Data processed", quantity: gb, key: .vpceDataProcessed,
            basis: "\(Format.quantity(requests)) requests x \(kib) KiB (request + response) / 1,048,576 KiB per GB")
    }

    package func hop(_ context: ChainContext) -> Hop? {
        let limits = context.limits
        if Self.behindALB(context) {
            return Hop(
                number: 0, id: "alb-vpce", from: "ALB", to: "Interface endpoint ENIs (execute-api)",
                transport: "HTTPS 443 to the ENI IPs (target type ip)",
                tls:
                    "re-encrypted by the ALB (its backend TLS policy is not selectable); the private API's default TLS_1_2 policy accepts TLS 1.2 and 1.3; the ALB does not validate the *.execute-api certificate",
                sizeLimit: "-",
                timeout: "ALB idle timeout \(Format.quantity(limits.albIdleTimeoutSeconds)) s on the target connection",
                throttle: "10 Gbps per AZ, scaling to 100 Gbps",
                billedItems: ["vpce.hours", "vpce.data"],
                adds: ["security group on the ENIs: allow 443 from the ALB's security group only"],
                notes: [
                    "Host header: the ALB forwards the client's Host, and the private API answers 403 unless it sees its own {api-id}.execute-api.{region}.amazonaws.com host, an x-apigw-api-id header, or a private custom domain name associated with the endpoint. Fixes: a private custom domain name with a domain name access association (since 2024-11); an ALB host-header-rewrite transform to the execute-api host; clients that send the execute-api Host (the tutorial's curl -H 'Host:...'); a reverse proxy that rewrites it.",
                    "Health checks reach the endpoint IP without an API host, so API Gateway answers 403: the matcher must accept 403, and a healthy target then proves nothing about the API or the function.",
                    "Register every endpoint ENI IP; they change when the endpoint or a subnet's IP is replaced.",
                ],
                latencyKey: kind.rawValue, shortTransport: "HTTPS 443 re-encrypted", keyLimit: "10 Gbps per AZ",
                sources: [.endpointQuotas, .privateAPIInvoke, .targetGroupHealthChecks, .apiGatewaySecurityPolicies, .apiGatewayTLSVersions])
        }
        let domain = context.privateCustomDomain
        return Hop(
            number: 0, id: "client-vpce", from: context.internetFacing ? "Client (internet)" : "Corporate client (VPN or Direct Connect)",
            to: "Interface endpoint ENIs (execute-api)",
            transport: domain
                ? "HTTPS 443 to the private custom domain name, which resolves to the ENI IPs"
                : "HTTPS 443 to the endpoint's DNS names, with the API's execute-api host (or an x-apigw-api-id header)",
            tls: domain
                ? "passes through the endpoint unopened: the client's TLS session, with the custom domain name as SNI, ends at API Gateway"
                : "passes through the endpoint unopened: the client's TLS session ends at API Gateway with the *.execute-api certificate",
            sizeLimit: "-",
            timeout: "-",
            throttle: "10 Gbps per AZ, scaling to 100 Gbps",
            billedItems: ["vpce.hours", "vpce.data"],
            adds: ["security group on the ENIs: allow 443 only from the client networks (the VPC and the corporate ranges over VPN or Direct Connect)"],
            notes: [
                "The custom domain name must have a domain name access association with this endpoint, and the domain's own resource policy must allow it (aws:SourceVpce); a new private custom domain name denies everything.",
                "AWS recommends the endpoint in at least two AZs; the VPC needs enableDnsHostnames and enableDnsSupport.",
            ],
            latencyKey: kind.rawValue, shortTransport: "HTTPS 443", keyLimit: "10 Gbps per AZ",
            sources: [.privateAPIs, .privateCustomDomains, .privateCustomDomainsLaunch, .privateCustomDomainConsumer, .privateCustomDomainTutorial, .endpointQuotas])
    }

    package func blocks(_ context: ChainContext) -> Bool { context.upstream == nil && context.internetFacing }

    package func impossibility(_ context: ChainContext) -> Impossibility? {
        guard blocks(context) else { return nil }
        let others = DesignCatalog.alternatives(to: context.design.id, in: context.scenario) { $0.contains(.alb) }
        let limit = "a private API is not reachable from the internet"
        let wayOut =
            "reach it over VPN or Direct Connect (--alb-scheme internal)" + (others.isEmpty ? "" : " or use a design with an ALB: \(others.joined(separator: " or "))")
        return Impossibility(
            reason: InfeasibleReason(
                id: "scheme", limit: limit, value: "--alb-scheme internet-facing", wayOut: wayOut, summary: "a private API is not reachable from the internet",
                text: "\(limit), so \(context.design.id) cannot serve internet clients (--alb-scheme internet-facing); \(wayOut)"),
            title: "IMPOSSIBLE: a private API is not reachable from the internet",
            edgeLabel: "impossible:\nprivate API not reachable\nfrom the internet",
            shortEdgeLabel: "impossible from the internet",
            mermaidLabel: "impossible: a private API is not reachable from the internet",
            blocked: kind)
    }

    package func warnings(_ context: ChainContext, limits: EffectiveLimits) -> [LimitWarning] {
        let scenario = context.scenario
        let workload = scenario.workload
        let kib = workload.requestKiB + workload.responseKiB
        let gbps = scenario.requestsPerSecond * kib * Units.bytesPerKiB * 8 / 1_000_000_000
        let behindALB = Self.behindALB(context)
        // Behind an ALB only the registered IPs in the ALB's AZs carry traffic.
        let perAZ = gbps / ExactDecimal(max(1, Self.carrying(context)))
        guard perAZ > Self.gbpsPerAZ else { return [] }
        // Above what an AZ scales to, waiting does not help: only more AZs (or AWS) do.
        let beyondScaling = perAZ > 100
        return [
            LimitWarning(
                id: "endpoint-bandwidth", limit: "the interface endpoint's 10 Gbps per AZ before it scales (to 100 Gbps)",
                value: "\(Format.quantity(perAZ)) Gbps per \(behindALB ? "registered endpoint IP" : "endpoint ENI")",
                consequence: beyondScaling
                    ? "that is beyond even the 100 Gbps it scales to, so throughput is capped" : "throughput may be capped while the endpoint scales",
                fix: bandwidthFix(context.topology, behindALB: behindALB, gbps: gbps) + (beyondScaling ? " (each AZ carries at most 100 Gbps)" : ""))
        ]
    }

    /// More of the endpoint's capacity, as much as `gbps` needs at 10 Gbps an AZ: every ENI registered
    /// first (enough, when the registered IPs were the bottleneck), then subnets, or the ALB's AZs and
    /// subnets, in as many AZs as the traffic needs; past the six AZs an endpoint takes (60 Gbps), as
    /// many endpoints as it needs.
    func bandwidthFix(_ topology: Topology, behindALB: Bool, gbps: ExactDecimal) -> String {
        var steps: [String] = []
        if behindALB && topology.registeredTargets < topology.vpceSubnets {
            steps.append("register every ENI IP (the target group holds \(topology.registeredTargets) of \(topology.vpceSubnets))")
            // Behind an ALB only the IPs in its AZs carry traffic.
            if gbps / ExactDecimal(max(1, min(topology.vpceSubnets, topology.azs))) <= Self.gbpsPerAZ { return steps[0] }
        }
        let needed = Self.count(gbps, per: Self.gbpsPerAZ)
        if needed > Self.maxSubnets {
            let endpoints = Self.count(gbps, per: Self.gbpsPerAZ * ExactDecimal(Self.maxSubnets))
            steps.append(
                "one endpoint carries at most \(Format.quantity(Self.gbpsPerAZ * ExactDecimal(Self.maxSubnets))) Gbps before it scales (\(Format.quantity(Self.gbpsPerAZ)) in each of the \(Self.maxSubnets) AZs it takes): spread the traffic over \(Format.quantity(ExactDecimal(endpoints))) execute-api endpoints, each with a subnet in \(Self.maxSubnets) AZs"
                    + (behindALB ? " (--azs \(Self.maxSubnets) for the ALB), whose ENI IPs the target group registers" : "")
                    + "; in a region with fewer AZs, more endpoints: each carries \(Format.quantity(Self.gbpsPerAZ)) Gbps in each AZ it has")
        } else if !behindALB {
            steps.append("place the endpoint in \(needed) subnets, one per AZ")
        } else if needed <= topology.azs {
            // A subnet in an AZ the ALB lacks carries nothing: one in each of the ALB's AZs the traffic needs.
            steps.append("place the endpoint in \(needed) subnets, one per AZ of the ALB, and register their IPs")
        } else {
            let more = needed - topology.azs
            steps.append(
                "spread the traffic over \(needed) AZs: add \(more == 1 ? "an AZ" : "\(more) AZs") to the ALB (--azs \(needed), if the region has that many)"
                    + (topology.vpceSubnets >= needed ? " where the endpoint has subnets already" : " with a subnet of the endpoint in each AZ, and register their IPs")
                    + "; in a region with fewer AZs, a second execute-api endpoint in the same AZs, whose ENI IPs the target group registers too (each endpoint carries \(Format.quantity(Self.gbpsPerAZ)) Gbps in each AZ)"
            )
        }
        return steps.joined(separator: "; ")
    }

    /// The fewest parts that carry `total` at most `each` apiece (at least one).
    static func count(_ total: ExactDecimal, per each: ExactDecimal) -> Int {
        guard let near = (total / each).rounded(scale: 0).intValue else { return Int.max }
        var count = max(1, near)
        while count > 1 && total / ExactDecimal(count - 1) <= each { count -= 1 }
        while total / ExactDecimal(count) > each { count += 1 }
        return count
    }

    package func placement(_ context: ChainContext) -> [PlacedComponent] {
        let topology = context.topology
        let behindALB = Self.behindALB(context)
        return (0..<topology.vpceSubnets).map { index in
            let az = FailureDomainAnalyzer.azName(index)
            return PlacedComponent(
                id: "vpce-eni-\(az)", name: "Endpoint ENI (execute-api)", account: context.account(.network), scope: .zonal(az), vpc: "vpc",
                subnet: "endpoint-subnet-\(az)", registered: behindALB ? index < topology.registeredTargets : nil)
        }
    }

    package func zonalStage(_ context: ChainContext) -> ZonalStage? {
        ZonalStage(kind: kind, members: Array(0..<Self.carrying(context)), zones: context.topology.vpceSubnets)
    }

    package func azLossExplanation(_ context: ChainContext, az: String, stages: [ZonalStageOutcome]) -> String {
        guard let endpoint = stages.last else { return "" }
        let serves = stages.allSatisfy { $0.left > 0 }
        if Self.behindALB(context) {
            if !serves {
                return
                    "the only registered endpoint IP is in AZ \(az): every ALB node loses its target, so every request fails although the ALB spans \(context.topology.azs) AZs"
            }
            let inALB = context.topology.vpceSubnets > context.topology.azs && context.topology.registeredTargets > context.topology.azs ? " in the ALB's AZs" : ""
            if endpoint.lost == 1 { return "\(endpoint.left) of \(endpoint.before) registered endpoint IPs\(inALB) remain; ALB nodes reach them cross-zone" }
            // An AZ the ALB does not enable: its ENI carried nothing.
            if stages.allSatisfy({ $0.lost == 0 }) && (0..<context.topology.azs).allSatisfy({ FailureDomainAnalyzer.azName($0) != az }) {
                return "the ALB has no node in AZ \(az), and the endpoint's ENI there carries no traffic: nothing changes"
            }
            return "no registered endpoint IP in AZ \(az); the remaining ALB nodes keep sending to the registered IPs"
        }
        if !serves { return "the endpoint's only ENI is in AZ \(az): every request fails" }
        if endpoint.lost == 1 { return "\(endpoint.left) of \(endpoint.before) endpoint ENIs remain; clients reach them through the endpoint's regional DNS name" }
        return "no endpoint ENI in AZ \(az)"
    }

    package func findings(_ context: ChainContext) -> [Finding] {
        let topology = context.topology
        var result: [Finding] = []
        guard Self.behindALB(context) else {
            if topology.vpceSubnets < 2 {
                result.append(
                    Finding(
                        id: "endpoint-single-subnet", severity: .high, title: "Interface endpoint in one subnet",
                        detail: "the endpoint has one ENI, in AZ a, and it is the only way in: losing that AZ takes the design down",
                        fix: "place the endpoint in subnets in at least two AZs (--vpce-subnets 2), as AWS recommends for private custom domain names",
                        sources: [.privateCustomDomainConsumer]))
            }
            if topology.privateDNS {
                result.append(
                    Finding(
                        id: "private-dns", severity: .medium, title: "Private DNS on the execute-api endpoint",
                        detail:
                            "every *.execute-api.\(topology.region).amazonaws.com name in the VPC resolves to the endpoint, so calls from the VPC to public (Regional or edge) APIs by their default URL get 403; the private custom domain name resolves through its own private hosted zone record and does not need it",
                        fix: "turn private DNS off (private_dns_enabled = false), or reach public APIs through custom domain names"))
            }
            return result
        }
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
        } else if min(registered, topology.azs) < min(topology.vpceSubnets, topology.azs) {
            // Only the ENIs in the ALB's AZs can carry traffic: the others are the next finding's.
            let inALB = min(topology.vpceSubnets, topology.azs)
            result.append(
                Finding(
                    id: "partial-registration", severity: .medium, title: "Not every endpoint IP is registered",
                    detail:
                        "\(min(registered, inALB)) of the \(inALB) ENI IPs\(inALB < topology.vpceSubnets ? " in the ALB's AZs" : "") are in the target group; the others carry no traffic and give no redundancy",
                    fix: "register every ENI IP in the target group"))
        }
        if topology.vpceSubnets > topology.azs {
            let outside = (topology.azs..<topology.vpceSubnets).map(FailureDomainAnalyzer.azName)
            let one = outside.count == 1
            result.append(
                Finding(
                    id: "endpoint-outside-alb-azs", severity: .medium, title: "Endpoint ENIs in AZs the ALB does not enable",
                    detail:
                        "the endpoint has \(topology.vpceSubnets) ENIs but the ALB enables \(topology.azs) AZs: the ENI\(one ? "" : "s") in AZ \(outside.joined(separator: ", ", lastSeparator: " and ")) \(one ? "gets" : "get") no traffic, registered or not (an ALB sends only to targets in the AZs it enables), yet \(one ? "is" : "are") billed and \(one ? "is" : "are") no spare",
                    fix:
                        "enable \(one ? "that AZ" : "those AZs") on the ALB (--azs \(topology.vpceSubnets)), or place the endpoint only in the ALB's AZs (--vpce-subnets \(topology.azs))",
                    sources: [.elbAvailabilityZones]))
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
        if topology.privateDNS {
            result.append(
                Finding(
                    id: "private-dns", severity: .medium, title: "Private DNS on the execute-api endpoint",
                    detail:
                        "every *.execute-api.\(topology.region).amazonaws.com name in the VPC resolves to the endpoint, so calls from the VPC to public (Regional or edge) APIs by their default URL get 403; the ALB does not need private DNS because it targets IPs",
                    fix: "turn private DNS off (private_dns_enabled = false), or reach public APIs through custom domain names"))
        }
        return result
    }

    /// The endpoint and its money, on the frame its ENIs share (the VPC's in Graphviz).
    func chargeNote(_ context: DiagramContext) -> [String] {
        ["Interface endpoint (execute-api)"] + (context.charge.map { [$0.amount] + $0.includes() } ?? [])
    }

    /// Each ENI sits in its AZ and subnet frames, side by side: its lines are kept short so that six
    /// of them fit a page.
    package func diagramNodes(_ context: DiagramContext) -> [DiagramNode] {
        let note = chargeNote(context).map { "\n" + $0 }.joined()
        let fatal = context.fatalAZs
        let manual = context.topology.targetIPs == .manual
        return context.placed("vpce-eni-").compactMap { eni in
            guard case .zonal(let az) = eni.scope else { return nil }
            var lines = ["ENI \(az)"]
            var attributes = [DiagramAttribute("fillcolor", "#e1f5fe")]
            var classes: [String] = []
            switch eni.registered {
            case true?: lines += manual ? ["registered", "(IP typed in)"] : ["registered"]
            case false?:
                lines.append("NOT registered")
                attributes = [
                    DiagramAttribute("style", "rounded,dashed,filled"), DiagramAttribute("fillcolor", "#fafafa"), DiagramAttribute("color", "#9e9e9e"),
                    DiagramAttribute("fontcolor", "#616161"),
                ]
                classes.append("unregistered")
            case nil: break
            }
            let spof = fatal.contains(az) && eni.registered != false
            if spof {
                lines += ["SINGLE POINT", "OF FAILURE"]
                attributes += DiagramContext.spofStyle
                classes.append("spof")
            }
            return DiagramNode(
                id: DOT.id("vpce", "eni", az), location: context.subnet("endpoint", az: az, note: note), lines: lines, attributes: attributes,
                onPath: eni.registered != false, isSinglePointOfFailure: spof, classes: classes)
        }
    }

    package func comparisonNode(_ context: DiagramContext) -> DiagramNode? {
        let fatal = context.fatalAZs
        let behindALB = Self.behindALB(context.chain)
        var attributes = [DiagramAttribute("fillcolor", "#e1f5fe")]
        let count = behindALB ? context.placed("vpce-eni-").filter { $0.registered == true }.count : context.topology.vpceSubnets
        var lines = ["Interface endpoint", behindALB ? "\(count) registered ENI IP(s)" : "\(count) ENI(s)"]
        var classes: [String] = []
        if !fatal.isEmpty {
            lines.append("SINGLE POINT OF FAILURE (AZ \(fatal.joined(separator: ", ")))")
            attributes += DiagramContext.spofStyle
            classes.append("spof")
        }
        return DiagramNode(id: "vpce", lines: lines + (context.charge?.lines ?? []), attributes: attributes, isSinglePointOfFailure: !fatal.isEmpty, classes: classes)
    }

    package func mermaidNodes(_ context: DiagramContext) -> [DiagramNode] {
        let fatal = Set(context.fatalAZs)
        let endpoint = DiagramCluster(id: "vpce", label: (["Interface endpoint"] + (context.charge?.lines ?? [])).joined(separator: "\n"), style: [])
        return context.placed("vpce-eni-").compactMap { eni in
            guard case .zonal(let az) = eni.scope else { return nil }
            let spof = fatal.contains(az) && eni.registered != false
            let state: String
            switch eni.registered {
            case true?: state = spof ? "registered, SINGLE POINT OF FAILURE" : "registered"
            case false?: state = "NOT registered"
            case nil: state = spof ? "SINGLE POINT OF FAILURE" : ""
            }
            var classes: [String] = []
            if spof { classes.append("spof") }
            if eni.registered == false { classes.append("unregistered") }
            return DiagramNode(
                id: "eni_\(az)", location: [context.account(.network), endpoint], lines: ["Endpoint ENI, AZ \(az)"] + (state.isEmpty ? [] : [state]),
                onPath: eni.registered != false, isSinglePointOfFailure: spof, classes: classes)
        }
    }
}
