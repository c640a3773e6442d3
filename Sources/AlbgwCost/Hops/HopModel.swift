import Foundation

/// Builds each design's hops, its effective limits and the warnings its workload raises.
package enum HopModel {
    /// The latency keys, in request order, that `--hop-latency-ms` accepts.
    package static let latencyKeys = ["dns", "alb", "vpce", "apigw", "lambda"]

    /// 1 MB as ALB documents its Lambda payload limit, and 6 MB for Lambda's synchronous payload, in KiB.
    package static let albLambdaPayloadKiB: Decimal = 1024
    package static let lambdaSyncPayloadKiB: Decimal = 6144
    /// Interface endpoint bandwidth per AZ before it scales (10 Gbps).
    package static let endpointGbpsPerAZ: Decimal = 10

    /// The hops of `design`, DNS first.
    package static func hops(for design: DesignID, in scenario: Scenario) -> [Hop] {
        let limits = scenario.limits
        let internetFacing = scenario.topology.albScheme == .internetFacing
        var hops: [Hop] = [
            Hop(
                number: 0, id: "dns", from: internetFacing ? "Client" : "Corporate client", to: "Route 53",
                transport: "DNS, UDP/TCP 53",
                tls: "none",
                sizeLimit: "-",
                timeout: "resolver retries; answers are cached for the record's TTL",
                throttle: "none at this volume",
                billedItems: ["route53.zone"],
                adds: [
                    internetFacing
                        ? "alias A/AAAA record for the ALB in a public hosted zone; alias queries are free"
                        : "private hosted zone alias for the internal ALB, resolved from on premises through a Route 53 Resolver inbound endpoint"
                ],
                notes: internetFacing ? [] : ["On-premises resolvers need a forwarding rule to a Resolver inbound endpoint (zonal ENIs, priced separately, not modelled)."],
                latencyKey: "dns"),
            Hop(
                number: 0, id: "client-alb", from: internetFacing ? "Client (internet)" : "Corporate client (VPN or Direct Connect)", to: "ALB",
                transport: "HTTPS 443",
                tls:
                    "terminated at the ALB with an ACM certificate; the listener policy decides the TLS versions (the API/CLI/Terraform default ELBSecurityPolicy-2016-08 still accepts TLS 1.0/1.1)",
                sizeLimit: design == .albLambda ? "1 MB request body (Lambda target)" : "no body limit of its own for IP targets",
                timeout: "idle timeout \(Format.quantity(limits.albIdleTimeoutSeconds)) s (--alb-idle-timeout-s)",
                throttle: "none: the ALB scales and bills the load in LCUs",
                billedItems: ["alb.hours", "alb.lcu", "alb.publicIPv4", "egress", "acm.certificate"],
                adds: [
                    "OIDC or Cognito authentication (authenticate-oidc / authenticate-cognito, HTTPS listeners)",
                    "AWS WAF web ACL",
                    "listener rules on host, path, header, method, query string and source IP",
                    "fixed-response and redirect actions; host-header-rewrite and url-rewrite transforms",
                ],
                notes: [],
                latencyKey: "alb"),
        ]
        switch design {
        case .albVpceApigwLambda:
            hops += [
                Hop(
                    number: 0, id: "alb-vpce", from: "ALB", to: "Interface endpoint ENIs (execute-api)",
                    transport: "HTTPS 443 to the ENI IPs (target type ip)",
                    tls: "re-encrypted by the ALB; the backend policy is not selectable; private APIs accept TLS 1.2 only; the ALB does not validate the *.execute-api certificate",
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
                    latencyKey: "vpce"),
                Hop(
                    number: 0, id: "vpce-apigw", from: "Interface endpoint", to: "API Gateway (private REST API)",
                    transport: "HTTPS 443 over PrivateLink",
                    tls: "TLS 1.2, terminated at API Gateway",
                    sizeLimit: "10 MB payload; 10,240 bytes of header values",
                    timeout: "-",
                    throttle:
                        "account \(Format.quantity(limits.apiGatewayAccountRPS)) requests/s steady, \(Format.quantity(limits.apiGatewayBurst)) burst per region, shared by every API in the account; stage, method and usage-plan throttles below it; excess gets 429",
                    billedItems: ["apigateway.requests"],
                    adds: [
                        "resource policy (mandatory: allow only aws:SourceVpce = this endpoint)",
                        "Lambda, Cognito and IAM authorizers",
                        "API keys and usage plans (per-client quotas and throttles); stage and method throttling",
                        "request validation against JSON Schema models; mapping templates",
                        "response caching; gateway responses; WAF; access logs; X-Ray",
                    ],
                    notes: scenario.topology.accounts == .cross
                        ? [
                            "Cross-account: the application account's resource policy names the network account's endpoint id; recreating the endpoint changes the id and every call gets 403 until the policy is updated."
                        ]
                        : [],
                    latencyKey: "apigw"),
                Hop(
                    number: 0, id: "apigw-lambda", from: "API Gateway", to: "Lambda",
                    transport: "AWS_PROXY integration: synchronous Invoke",
                    tls: "inside AWS",
                    sizeLimit: "6 MB synchronous payload each way (below API Gateway's 10 MB)",
                    timeout:
                        "integration timeout \(Format.quantity(limits.apiGatewayIntegrationTimeoutSeconds)) s (--apigw-timeout-s; up to 300 s for Regional and private REST APIs on request); a slower function gives 504 while it keeps running; function timeout \(Format.quantity(limits.lambdaTimeoutSeconds)) s",
                    throttle:
                        "Lambda concurrency \(Format.quantity(limits.lambdaConcurrency)) per region (--lambda-concurrency); +1,000 execution environments per 10 s per function",
                    billedItems: ["lambda"],
                    adds: ["resource-based policy lets apigateway.amazonaws.com invoke the function (cross-account grants work the same way)"],
                    notes: ["A malformed proxy response (statusCode, headers, string body) becomes 502."],
                    latencyKey: "lambda"),
            ]
        case .albLambda:
            hops.append(
                Hop(
                    number: 0, id: "alb-lambda", from: "ALB", to: "Lambda",
                    transport: "Invoke by the ALB (JSON event; no network connection)",
                    tls: "none after the ALB: the request is handed to Lambda as an event",
                    sizeLimit: "1 MB request body and 1 MB response JSON",
                    timeout:
                        "the function's timeout \(Format.quantity(limits.lambdaTimeoutSeconds)) s, assumed capped by the ALB idle timeout \(Format.quantity(limits.albIdleTimeoutSeconds)) s (AWS does not document the ALB's wait for a Lambda target)",
                    throttle:
                        "Lambda concurrency \(Format.quantity(limits.lambdaConcurrency)) per region (--lambda-concurrency); +1,000 execution environments per 10 s per function",
                    billedItems: ["lambda"],
                    adds: ["health checks (off by default for Lambda targets)", "multi-value headers option"],
                    notes: [
                        "The function must be in the ALB's account and region.",
                        "No WebSockets (upgrade requests get 400); cross-zone load balancing must stay on.",
                    ],
                    latencyKey: "lambda"))
        }
        for index in hops.indices {
            hops[index].number = index + 1
            (hops[index].shortTransport, hops[index].keyLimit) = edgeLabel(hops[index].id, design: design, limits: limits)
        }
        return hops
    }

    /// A hop's protocol and binding limit in a few words, for diagrams.
    static func edgeLabel(_ id: String, design: DesignID, limits: ServiceLimits) -> (String, String) {
        let idle = "idle \(Format.quantity(limits.albIdleTimeoutSeconds)) s"
        switch id {
        case "dns": return ("DNS 53", "")
        case "client-alb": return ("HTTPS 443", design == .albLambda ? "1 MB, \(idle)" : idle)
        case "alb-vpce": return ("HTTPS 443 re-encrypted", "10 Gbps per AZ")
        case "vpce-apigw": return ("HTTPS 443 PrivateLink", "\(Format.quantity(limits.apiGatewayAccountRPS)) rps, burst \(Format.quantity(limits.apiGatewayBurst))")
        case "apigw-lambda":
            return ("AWS_PROXY invoke", "\(Format.quantity(limits.apiGatewayIntegrationTimeoutSeconds)) s, 6 MB, concurrency \(Format.quantity(limits.lambdaConcurrency))")
        default: return ("Lambda invoke", "1 MB, concurrency \(Format.quantity(limits.lambdaConcurrency))")
        }
    }

    /// Why a design cannot be built for this topology, or nil when it can.
    package static func impossibility(of design: DesignID, in scenario: Scenario) -> String? {
        if design == .albLambda && scenario.topology.accounts == .cross {
            return
                "an ALB can invoke only a Lambda function in its own account and region, so alb-lambda cannot reach a function in another account (--accounts cross); move the function into the ALB's account or use alb-vpce-apigw-lambda"
        }
        return nil
    }

    /// The limits that bind `design` for this scenario.
    package static func limits(for design: DesignID, in scenario: Scenario) -> EffectiveLimits {
        limits(for: design, in: scenario, hops: hops(for: design, in: scenario))
    }

    /// The limits that bind `design`, given its hops (built once by the report).
    package static func limits(for design: DesignID, in scenario: Scenario, hops: [Hop]) -> EffectiveLimits {
        let service = scenario.limits
        let durationSeconds = scenario.workload.lambdaDurationMS / 1000
        let concurrencyNeeded = scenario.requestsPerSecond * durationSeconds
        let byConcurrency = service.lambdaConcurrency / durationSeconds
        let keys = hops.map(\.latencyKey)
        let given = keys.compactMap { scenario.hopLatencyMS[$0] }
        let latency = given.isEmpty ? nil : given.reduce(0, +)
        let unestimated = keys.filter { scenario.hopLatencyMS[$0] == nil }

        switch design {
        case .albVpceApigwLambda:
            let timeouts: [(Decimal, String)] = [
                (service.apiGatewayIntegrationTimeoutSeconds, "API Gateway integration timeout"),
                (service.albIdleTimeoutSeconds, "ALB idle timeout"),
                (service.lambdaTimeoutSeconds, "function timeout"),
            ]
            let timeout = timeouts.min { $0.0 < $1.0 }!
            let sustained: (Decimal, String) =
                service.apiGatewayAccountRPS <= byConcurrency
                ? (service.apiGatewayAccountRPS, "API Gateway account throttle")
                : (byConcurrency, "Lambda concurrency \(Format.quantity(service.lambdaConcurrency)) / \(Format.quantity(durationSeconds)) s per request")
            return EffectiveLimits(
                maxRequestKiB: lambdaSyncPayloadKiB, maxResponseKiB: lambdaSyncPayloadKiB,
                payloadLimitSource: "Lambda synchronous payload; API Gateway allows 10 MB",
                timeoutSeconds: timeout.0, timeoutSource: timeout.1,
                sustainedRPS: sustained.0, sustainedSource: sustained.1, burstRPS: service.apiGatewayBurst,
                concurrencyNeeded: concurrencyNeeded, concurrencyLimit: service.lambdaConcurrency,
                latencyEstimateMS: latency, latencyUnestimated: unestimated)
        case .albLambda:
            let timeout =
                service.albIdleTimeoutSeconds <= service.lambdaTimeoutSeconds
                ? (service.albIdleTimeoutSeconds, "ALB idle timeout, assumed to cap a Lambda target")
                : (service.lambdaTimeoutSeconds, "function timeout")
            return EffectiveLimits(
                maxRequestKiB: albLambdaPayloadKiB, maxResponseKiB: albLambdaPayloadKiB,
                payloadLimitSource: "ALB limit for Lambda targets",
                timeoutSeconds: timeout.0, timeoutSource: timeout.1,
                sustainedRPS: byConcurrency,
                sustainedSource: "Lambda concurrency \(Format.quantity(service.lambdaConcurrency)) / \(Format.quantity(durationSeconds)) s per request",
                burstRPS: nil, concurrencyNeeded: concurrencyNeeded, concurrencyLimit: service.lambdaConcurrency,
                latencyEstimateMS: latency, latencyUnestimated: unestimated)
        }
    }

    /// The limits the workload breaks, each with the way out.
    package static func warnings(for design: DesignID, in scenario: Scenario) -> [LimitWarning] {
        warnings(for: design, in: scenario, limits: limits(for: design, in: scenario))
    }

    /// The limits the workload breaks, given the design's effective limits.
    package static func warnings(for design: DesignID, in scenario: Scenario, limits: EffectiveLimits) -> [LimitWarning] {
        let workload = scenario.workload
        let service = scenario.limits
        var warnings: [LimitWarning] = []
        let otherDesign = design == .albLambda ? "alb-vpce-apigw-lambda (6 MB)" : "an upload to S3 with a presigned URL"
        if workload.requestKiB > limits.maxRequestKiB {
            warnings.append(
                LimitWarning(
                    id: "request-too-large", limit: "the largest request body, \(sizeText(limits.maxRequestKiB)) (\(limits.payloadLimitSource))",
                    value: "--request-kb \(workload.requestKiB)",
                    consequence: design == .albLambda
                        ? "the ALB rejects the request with 413 before Lambda runs" : "Lambda rejects the payload and API Gateway answers with an error",
                    fix: "keep requests under \(sizeText(limits.maxRequestKiB)), or send large bodies to S3 with a presigned URL"
                        + (design == .albLambda ? ", or use \(otherDesign)" : "")))
        }
        if workload.responseKiB > limits.maxResponseKiB {
            warnings.append(
                LimitWarning(
                    id: "response-too-large", limit: "the largest response, \(sizeText(limits.maxResponseKiB)) (\(limits.payloadLimitSource))",
                    value: "--response-kb \(workload.responseKiB)",
                    consequence: design == .albLambda ? "the ALB answers 502 instead of the function's response" : "the invocation fails and API Gateway answers 502",
                    fix: "return large content through S3 (presigned URL) or paginate" + (design == .albLambda ? ", or use \(otherDesign)" : "")))
        }
        if workload.lambdaDurationMS / 1000 > limits.timeoutSeconds {
            let fix =
                design == .albVpceApigwLambda && limits.timeoutSource.hasPrefix("API Gateway")
                ? "raise the integration timeout with --apigw-timeout-s after a Service Quotas increase (up to 300 s for Regional and private REST APIs; it can lower the account throttle), make the work asynchronous, or use alb-lambda (no 29 s cap)"
                : "make the work asynchronous (return 202 and poll), shorten the function, or raise the timeout that binds"
            warnings.append(
                LimitWarning(
                    id: "timeout", limit: "the end-to-end timeout, \(Format.quantity(limits.timeoutSeconds)) s (\(limits.timeoutSource))",
                    value: "--lambda-duration-ms \(workload.lambdaDurationMS)",
                    consequence: design == .albVpceApigwLambda
                        ? "clients get 504 while the function keeps running and billing" : "clients get 504 or a closed connection",
                    fix: fix))
        }
        if design == .albVpceApigwLambda && scenario.requestsPerSecond > service.apiGatewayAccountRPS {
            warnings.append(
                LimitWarning(
                    id: "apigw-throttle",
                    limit:
                        "API Gateway's account throttle, \(Format.quantity(service.apiGatewayAccountRPS)) requests/s in \(scenario.topology.region) (shared by every API in the account)",
                    value: "--rps \(Format.quantity(scenario.requestsPerSecond))",
                    consequence: "requests above the limit get 429 Too Many Requests",
                    fix: "ask AWS to raise the account quota (then pass --apigw-rps-limit), spread APIs over accounts, or use alb-lambda (no API Gateway throttle)"))
        }
        if limits.concurrencyNeeded > limits.concurrencyLimit {
            warnings.append(
                LimitWarning(
                    id: "lambda-concurrency", limit: "Lambda's concurrency limit, \(Format.quantity(limits.concurrencyLimit)) executions in \(scenario.topology.region)",
                    value:
                        "--rps \(Format.quantity(scenario.requestsPerSecond)) x --lambda-duration-ms \(workload.lambdaDurationMS) = \(Format.quantity(limits.concurrencyNeeded)) concurrent executions",
                    consequence: "invocations above the limit are throttled (429), and the client sees errors",
                    fix: "request a higher concurrency quota in Service Quotas (then pass --lambda-concurrency), or make the function faster"))
        }
        if design == .albVpceApigwLambda {
            let kib = workload.requestKiB + workload.responseKiB
            let gbps = scenario.requestsPerSecond * kib * Units.bytesPerKiB * 8 / 1_000_000_000
            let perAZ = gbps / Decimal(max(1, scenario.topology.registeredTargets))
            if perAZ > endpointGbpsPerAZ {
                warnings.append(
                    LimitWarning(
                        id: "endpoint-bandwidth", limit: "the interface endpoint's 10 Gbps per AZ before it scales (to 100 Gbps)",
                        value: "\(Format.quantity(perAZ)) Gbps per registered endpoint IP",
                        consequence: "throughput may be capped while the endpoint scales",
                        fix: "place the endpoint in more subnets and register every ENI IP"))
            }
        }
        return warnings
    }

    /// `1 MB`, `6 MB`, `512 KiB`: sizes as AWS states its limits.
    static func sizeText(_ kib: Decimal) -> String {
        kib >= 1024 && (kib / 1024).isWholeNumber ? "\(kib / 1024) MB" : "\(Format.quantity(kib)) KiB"
    }
}
