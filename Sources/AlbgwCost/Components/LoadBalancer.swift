import Foundation

/// An Application Load Balancer: the entry of the designs that have one. It bills hours, capacity
/// units and (internet-facing) public IPv4 addresses and egress; it forwards to IP targets (the
/// endpoint's ENIs) or invokes a Lambda target. Facts: ../shared/reference/topology.md §1.1, §1.5.
package struct LoadBalancer: Component {
    package var kind: ComponentKind { .alb }
    package var shortName: String { "ALB" }
    package var articleName: String { "an ALB" }
    package var slaKey: String? { "alb" }

    package init() {}

    /// What the ALB forwards to: its next component.
    static func target(_ context: ChainContext) -> ALBCapacityUnits.TargetKind { context.downstream == .lambda ? .lambda : .ip }

    /// The ALB's capacity units per hour for the scenario's traffic.
    static func capacityUnits(_ context: ChainContext) -> ALBCapacityUnits {
        let scenario = context.scenario
        let workload = scenario.workload
        return ALBCapacityUnits(
            requestsPerSecond: scenario.requestsPerSecond,
            bytesPerRequestKiB: workload.requestKiB + workload.responseKiB,
            requestsPerConnection: workload.requestsPerConnection,
            connectionSeconds: workload.connectionSeconds,
            rules: workload.albRules,
            target: target(context))
    }

    package func bill(_ context: ChainContext, into bill: inout Bill) {
        let service = "Application Load Balancer"
        let hours = bill.billedHours
        bill.flat("alb.hours", service, "Load balancer hours", quantity: hours, key: .albHour, basis: "1 ALB x \(hours) h")
        let lcu = Self.capacityUnits(context)
        bill.flat(
            "alb.lcu", service, "Load balancer capacity units", quantity: lcu.billed * hours, key: .albLCUHour,
            basis:
                "max(\(lcu.dimensions.map { "\($0.name) \(Format.quantity($0.lcu))" }.joined(separator: ", "))) = \(Format.quantity(lcu.billed)) LCU per hour (\(lcu.binding.name) bind"
                + (lcu.binding.name == "processed bytes"
                    ? ": \(Format.quantity(lcu.processedGBPerHour)) GB an hour, 10^9 bytes per GB, / \(Format.quantity(ALBCapacityUnits.processedGBPerLCU(lcu.target))) GB per LCU"
                    : "")
                + ") x \(hours) h"
        )
        let topology = context.topology
        if context.internetFacing {
            let addresses = topology.azs * topology.publicIPv4PerAZ
            bill.flat(
                "alb.publicIPv4", "Public IPv4", "In-use public IPv4 addresses", quantity: ExactDecimal(addresses) * hours,
                key: .publicIPv4Hour,
                basis: "internet-facing ALB: \(topology.publicIPv4PerAZ) address(es) per AZ (--public-ipv4-per-az) x \(topology.azs) AZs x \(hours) h")
            bill.internetEgress()
        }
        bill.flat(
            "acm.certificate", "ACM", "Public certificate", quantity: 1, key: .acmPublicCertificate, basis: "1 certificate on the HTTPS listener; free with ELB",
            section: .naming)
        if [.alb, .both].contains(context.scenario.wholeBill.waf) {
            // Every design with an ALB pays the same web ACL on it.
            bill.webACL("alb", on: "ALB")
        }
    }

    package func hop(_ context: ChainContext) -> Hop? {
        let idle = Format.quantity(context.limits.albIdleTimeoutSeconds)
        let lambdaTarget = Self.target(context) == .lambda
        return Hop(
            number: 0, id: "client-alb", from: context.internetFacing ? "Client (internet)" : "Corporate client (VPN or Direct Connect)", to: "ALB",
            transport: "HTTPS 443",
            tls:
                "terminated at the ALB with an ACM certificate; the listener policy decides the TLS versions (the API/CLI/Terraform default ELBSecurityPolicy-2016-08 still accepts TLS 1.0/1.1)",
            sizeLimit: lambdaTarget ? "1 MB request body (Lambda target)" : "no body limit of its own for IP targets",
            timeout: "idle timeout \(idle) s (--alb-idle-timeout-s)",
            throttle: "none: the ALB scales and bills the load in LCUs",
            billedItems: ["alb.hours", "alb.lcu", "alb.publicIPv4", "egress", "acm.certificate"]
                + ([.alb, .both].contains(context.scenario.wholeBill.waf) ? ["waf.acl", "waf.rules", "waf.alb"] : []),
            adds: [
                "OIDC or Cognito authentication (authenticate-oidc / authenticate-cognito, HTTPS listeners)",
                "AWS WAF web ACL",
                "listener rules on host, path, header, method, query string and source IP",
                "fixed-response and redirect actions; host-header-rewrite and url-rewrite transforms",
            ],
            notes: [],
            latencyKey: kind.rawValue, shortTransport: "HTTPS 443", keyLimit: lambdaTarget ? "1 MB, idle \(idle) s" : "idle \(idle) s",
            sources: [.albSecurityPolicies, .albAttributes, .albListeners] + (lambdaTarget ? [.elbLambdaTargets] : []))
    }

    /// The largest idle timeout an ALB accepts (ELB attributes).
    package static let idleTimeoutCeilingSeconds: ExactDecimal = 4000

    /// The idle timeout bounds the connection to IP targets. For a Lambda target AWS documents that the
    /// ALB waits until the function responds or times out, so the idle timeout is a warning there.
    package func limits(_ context: ChainContext) -> LimitContribution {
        // A streamed response keeps the connection busy: the idle timeout then bounds only silences.
        guard Self.target(context) == .ip, !context.scenario.workload.responseStreaming else { return LimitContribution() }
        let seconds = context.scenario.workload.lambdaDurationMS / 1000
        return LimitContribution(timeouts: [
            TimeLimit(
                seconds: context.limits.albIdleTimeoutSeconds, source: "ALB idle timeout", rank: 1,
                fix: seconds <= Self.idleTimeoutCeilingSeconds
                    ? "raise the ALB idle timeout to at least \(Format.quantity(seconds.ceiling)) s (--alb-idle-timeout-s, up to 4,000 s) with the timeouts behind it, or make the work asynchronous (return 202 and poll)"
                    : "make the work asynchronous (return 202 and poll): an ALB's idle timeout is at most 4,000 s",
                consequence: "the ALB closes the idle connection and answers 504 while the request carries on behind it", input: "--alb-idle-timeout-s",
                ceiling: Self.idleTimeoutCeilingSeconds, sources: [.albAttributes])
        ])
    }

    package func warnings(_ context: ChainContext, limits: EffectiveLimits) -> [LimitWarning] {
        let scenario = context.scenario
        let idle = context.limits.albIdleTimeoutSeconds
        guard Self.target(context) == .lambda, scenario.workload.lambdaDurationMS / 1000 > idle else { return [] }
        return [
            LimitWarning(
                id: "alb-idle-timeout", limit: "the ALB idle timeout, \(Format.quantity(idle)) s, as one reading applies it to a waiting Lambda target",
                value: "--lambda-duration-ms \(scenario.workload.lambdaDurationMS)",
                consequence:
                    "AWS documents that the ALB waits until the function responds or times out, and a 2018 public test saw it wait; a client or proxy that sees no bytes for \(Format.quantity(idle)) s may still give up",
                fix: "raise --alb-idle-timeout-s above the duration (up to 4,000 s), test with your clients, or make the work asynchronous")
        ]
    }

    package func placement(_ context: ChainContext) -> [PlacedComponent] {
        let topology = context.topology
        let account = context.account(.network)
        var result = [PlacedComponent(id: "acm", name: "ACM certificate", account: account, scope: .regional, vpc: nil, subnet: nil, registered: nil)]
        for index in 0..<topology.azs {
            let az = FailureDomainAnalyzer.azName(index)
            result.append(
                PlacedComponent(
                    id: "alb-node-\(az)", name: "ALB node (\(topology.albScheme.rawValue))", account: account, scope: .zonal(az), vpc: "vpc",
                    subnet: "alb-subnet-\(az)", registered: nil))
        }
        return result
    }

    package func zonalStage(_ context: ChainContext) -> ZonalStage? {
        ZonalStage(kind: kind, members: Array(0..<context.topology.azs), zones: context.topology.azs)
    }

    package func azLossExplanation(_ context: ChainContext, az: String, stages: [ZonalStageOutcome]) -> String {
        let left = stages.last?.left ?? 0
        return "the ALB keeps \(left) of \(context.topology.azs) nodes and Lambda runs in the region's other AZs"
    }

    package func findings(_ context: ChainContext) -> [Finding] {
        guard Self.target(context) == .lambda else { return [] }
        return [
            Finding(
                id: "lambda-health-checks-off", severity: .low, title: "Lambda target health checks are off by default",
                detail: "the ALB keeps invoking a failing function",
                fix: "enable health checks on the Lambda target group, and alarm on Lambda Errors and ALB 5XX counts")
        ]
    }

    package func features(_ context: ChainContext) -> FeatureSet? {
        FeatureSet(
            title: "the ALB's features",
            items: [
                "OIDC or Cognito sign-in at the load balancer", "listener rules on host, path, header, method, query string and source IP",
                "fixed-response and redirect actions",
            ],
            summary: "sign-in at the edge, rule routing, fixed responses and redirects", noun: "ALB features")
    }

    package func diagramNodes(_ context: DiagramContext) -> [DiagramNode] {
        let topology = context.topology
        let lines =
            ["ALB (\(topology.albScheme.rawValue))", "nodes in AZ " + (0..<topology.azs).map(FailureDomainAnalyzer.azName).joined(separator: ", ")]
            + (context.charge?.lines ?? [])
        return [
            DiagramNode(
                id: "acm", location: context.region(.network), lines: ["ACM certificate", "billed with the ALB"],
                attributes: [DiagramAttribute("fillcolor", "#fafafa")], onPath: false, rank: .above("alb")),
            DiagramNode(id: "alb", location: context.vpc(), lines: lines, attributes: [DiagramAttribute("fillcolor", "#fff3e0")]),
        ]
    }

    package func comparisonNode(_ context: DiagramContext) -> DiagramNode? {
        DiagramNode(id: "alb", lines: ["ALB"] + (context.charge?.lines ?? []), attributes: [DiagramAttribute("fillcolor", "#fff3e0")])
    }

    package func mermaidNodes(_ context: DiagramContext) -> [DiagramNode] {
        [DiagramNode(id: "alb", location: [context.account(.network)], lines: ["ALB (\(context.topology.albScheme.rawValue))"] + (context.charge?.lines ?? []))]
    }
}
