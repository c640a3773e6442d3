import Foundation

/// A private REST API in API Gateway, reached through the `execute-api` interface endpoint, by its
/// execute-api host or (with `customDomain`) by a private custom domain name associated with the
/// endpoint. It adds API Gateway's features, its payload, timeout and throttle limits and its
/// request charge. Each hop and finding names its sources (`FactSource`).
package struct PrivateRESTAPI: Component {
    /// Reached by a private custom domain name with a domain name access association (API Gateway, 2024-11-21).
    package var customDomain: Bool

    package var kind: ComponentKind { .restAPI }
    package var signature: String { customDomain ? "apigw+domain" : "apigw" }
    package var side: AccountSide { .application }
    package var shortName: String { "API Gateway" }
    package var articleName: String { "API Gateway" }
    package var slaKey: String? { "apigw" }
    package var chargeName: String? { "API Gateway" }

    /// API Gateway's REST payload limit (10 MB), in KiB.
    package static let payloadKiB: ExactDecimal = 10240

    package init(customDomain: Bool = false) { self.customDomain = customDomain }

    package func bill(_ context: ChainContext, into bill: inout Bill) {
        let scenario = context.scenario
        let workload = scenario.workload
        let requests = scenario.monthlyRequests
        // A streamed response is billed as one request per 10 MB started (second-hand: a summary of
        // AWS's launch post), so the count is marked low when it applies.
        let perRequest = workload.responseStreaming ? max(1, (workload.responseKiB / Self.payloadKiB).ceiling) : 1
        bill.tiered(
            "apigateway.requests", "API Gateway", "REST API requests", quantity: requests / Units.requestsPerMillion * perRequest, key: .apiGatewayRESTRequests,
            basis: "\(Format.quantity(requests)) requests per month, private REST API (no API Gateway data transfer out)"
                + (perRequest > 1
                    ? " x \(perRequest): each 10 MB started of a streamed \(Format.quantity(workload.responseKiB)) KiB response is billed as a request (a second-hand summary of AWS's launch post; low confidence)"
                    : ""))
        if perRequest > 1 { bill.setConfidence(.low, forItemsUnder: "apigateway.requests") }
        if customDomain {
            bill.flat(
                "acm.certificate", "ACM", "Public certificate", quantity: 1, key: .acmPublicCertificate,
                basis:
                    "1 ACM certificate on the private custom domain name: free when requested in ACM (for a name under a public domain you own, validated by DNS) or imported; one from AWS Private CA is not free and not priced",
                section: .naming)
        }
        let whole = scenario.wholeBill
        if let size = whole.apiCacheGB, let key = WholeBill.cacheSizes.first(where: { $0.gb == size })?.key {
            let hours = bill.billedHours
            bill.flat(
                "apigateway.cache", "API Gateway", "Cache (\(size) GB)", quantity: hours, key: key,
                basis: "1 stage cache of \(size) GB (--apigw-cache-gb) x \(hours) h", section: .requestPath)
        }
        if [.api, .both].contains(whole.waf) { bill.webACL("api", on: "API stage") }
        if whole.logs != nil {
            let workload = scenario.workload
            let execution = whole.executionBytes(requestKiB: workload.requestKiB, responseKiB: workload.responseKiB)
            let access = whole.logs?.accessBytesPerRequest ?? 0
            if execution + access > 0 {
                let level = whole.logs?.executionLogs.rawValue ?? "off"
                bill.addLogs(vended: false, gb: requests * (execution + access) / Units.bytesPerGB) {
                    "\(Format.quantity(requests)) requests x (\(Format.quantity(execution)) bytes of execution log at \(level) + \(Format.quantity(access)) of access log) / 1,073,741,824 bytes per GB"
                }
            }
        }
    }

    /// The WAF items billed at the API: its requests, and the web ACL itself when no ALB in front has it.
    func wafItems(_ context: ChainContext) -> [String] {
        let waf = context.scenario.wholeBill.waf
        guard [.api, .both].contains(waf) else { return [] }
        let atALB = context.design.contains(.alb) && waf == .both
        return (atALB ? [] : ["waf.acl", "waf.rules"]) + ["waf.api"]
    }

    /// What only API Gateway gives among these designs: what a design without it gives up.
    static let exclusiveFeatures = [
        "Lambda, Cognito and IAM authorizers",
        "API keys and usage plans (per-client quotas and throttles); stage and method throttling",
        "request validation against JSON Schema models; mapping templates",
        "response caching; gateway responses",
    ]

    /// The API's features, as the hop into it lists them: its own, the resource policy it requires,
    /// and what an ALB also has (a design without API Gateway does not give those up).
    static let featureList =
        ["resource policy (mandatory: allow only aws:SourceVpce = this endpoint)"] + exclusiveFeatures + [
            "WAF, access logs and X-Ray tracing at the API (an ALB has its own WAF and access logs, and Lambda traces itself)"
        ]

    package func hop(_ context: ChainContext) -> Hop? {
        let limits = context.limits
        var notes: [String] = []
        if context.crossAccount {
            notes.append(
                customDomain
                    ? "Cross-account: the application account shares the private custom domain name through AWS RAM (or its management policy); the network account accepts the share and associates its own endpoint with the domain name, and the domain's and the API's resource policies name that endpoint's id."
                    : "Cross-account: the application account's resource policy names the network account's endpoint id; recreating the endpoint changes the id and every call gets 403 until the policy is updated."
            )
        }
        return Hop(
            number: 0, id: "vpce-apigw", from: "Interface endpoint", to: "API Gateway (private REST API)",
            transport: "HTTPS 443 over PrivateLink",
            tls: customDomain
                ? "TLS 1.2 or 1.3 (the domain's default TLS_1_2 policy; or an enhanced SecurityPolicy_*, since 2025-11-19, with endpoint access mode STRICT: SecurityPolicy_TLS13_1_3_* accept TLS 1.3 only, SecurityPolicy_TLS13_1_2_* TLS 1.3 and 1.2), terminated at API Gateway with the custom domain's ACM certificate"
                : "terminated at API Gateway; the private API's default TLS_1_2 policy accepts TLS 1.2 and 1.3; an enhanced SecurityPolicy_* (since 2025-11-19: SecurityPolicy_TLS13_1_3_* accept TLS 1.3 only, SecurityPolicy_TLS13_1_2_* TLS 1.3 and 1.2) needs endpoint access mode BASIC when callers use neither a custom domain name nor private DNS",
            sizeLimit: "10 MB payload; 10,240 bytes of header values",
            timeout: "-",
            throttle:
                "account \(Format.quantity(limits.apiGatewayAccountRPS)) requests/s steady, \(Format.quantity(limits.apiGatewayBurst)) burst per region, shared by every API in the account; stage, method and usage-plan throttles below it; excess gets 429",
            billedItems: ["apigateway.requests", "apigateway.cache"] + (customDomain ? ["acm.certificate"] : []) + wafItems(context),
            adds: customDomain ? Self.featureList + ["base path mappings on the custom domain name (several APIs and stages under one name)"] : Self.featureList,
            notes: notes,
            latencyKey: kind.rawValue, shortTransport: "HTTPS 443 PrivateLink",
            keyLimit: "\(Format.quantity(limits.apiGatewayAccountRPS)) rps, burst \(Format.quantity(limits.apiGatewayBurst))",
            sources: [.apiGatewayQuotas, .privateAPIs, .apiGatewaySecurityPolicies, .apiGatewayTLSVersions]
                + (customDomain ? [.privateCustomDomains] + (context.crossAccount ? [.privateCustomDomainSharing] : []) : [.privateAPIInvoke]))
    }

    package func limits(_ context: ChainContext) -> LimitContribution {
        let limits = context.limits
        let streaming = context.scenario.workload.responseStreaming
        let timeout =
            streaming
            ? TimeLimit(
                seconds: Self.streamedTimeoutSeconds, source: "API Gateway streamed response, up to 15 minutes", rank: 0,
                fix: "make the work asynchronous (return 202 and poll): no API Gateway response lasts more than 15 minutes, streamed or not",
                consequence: "API Gateway ends the stream at 15 minutes", sources: [.responseStreaming])
            : TimeLimit(
                seconds: limits.apiGatewayIntegrationTimeoutSeconds, source: "API Gateway integration timeout", rank: 0,
                fix: Self.timeoutFix(seconds: context.scenario.workload.lambdaDurationMS / 1000),
                consequence: "API Gateway answers 504 while the function keeps running and billing", input: "--apigw-timeout-s",
                ceiling: Self.bufferedTimeoutCeilingSeconds, sources: [.apiGatewayQuotas, .integrationTimeoutRaise, .integrationTimeoutCeiling, .responseStreaming])
        var contribution = LimitContribution(
            // A streamed response is not held to the 10 MB payload limit: the function's 200 MB binds.
            payload: PayloadLimit(
                requestKiB: Self.payloadKiB, responseKiB: streaming ? LambdaFunction.streamedPayloadKiB : Self.payloadKiB, source: "API Gateway payload",
                requestConsequence: "API Gateway rejects the request with 413", responseConsequence: "API Gateway answers with an error", sources: [.apiGatewayQuotas]),
            timeouts: [timeout],
            rates: [RateLimit(requestsPerSecond: limits.apiGatewayAccountRPS, source: "API Gateway account throttle", rank: 0, sources: [.apiGatewayQuotas])],
            burst: limits.apiGatewayBurst)
        if !streaming { contribution.streamedTimeoutSeconds = Self.streamedTimeoutSeconds }
        return contribution
    }

    /// The most a buffered integration can wait once the quota is raised: 300 s (Regional and
    /// private REST APIs); a streamed response may last 15 minutes.
    package static let bufferedTimeoutCeilingSeconds: ExactDecimal = 300
    package static let streamedTimeoutSeconds: ExactDecimal = 900

    /// What lifts the integration timeout for requests of `seconds`: the quota up to 300 s, then only
    /// streaming or asynchronous work.
    static func timeoutFix(seconds: ExactDecimal) -> String {
        // Up to 29 s the integration's own setting is enough: no quota to ask for.
        if seconds <= 29 {
            let ms = Format.quantity((seconds * 1000).ceiling)
            return
                "raise the integration's timeout (timeout_milliseconds) to at least \(ms) ms: up to 29,000 ms needs no quota increase; then pass --apigw-timeout-s \(Format.quantity(seconds.ceiling))"
        }
        if seconds <= bufferedTimeoutCeilingSeconds {
            let ms = Format.quantity((seconds * 1000).ceiling)
            return
                "ask for a higher API Gateway quota 'Maximum integration timeout in milliseconds' in Service Quotas, at least \(ms) ms (Regional and private REST APIs, up to 300,000 ms; it can lower the account throttle), then pass --apigw-timeout-s \(Format.quantity(seconds.ceiling)); or stream the response (--response-streaming, up to 15 minutes); or make the work asynchronous (return 202 and poll)"
        }
        if seconds <= streamedTimeoutSeconds {
            return
                "stream the response (--response-streaming: transfer mode STREAM, up to 15 minutes; a buffered integration cannot wait more than 300 s, whatever the quota) or make the work asynchronous (return 202 and poll)"
        }
        return "make the work asynchronous (return 202 and poll): no API Gateway integration waits more than 15 minutes, streamed or not"
    }

    package func warnings(_ context: ChainContext, limits: EffectiveLimits) -> [LimitWarning] {
        let scenario = context.scenario
        let service = scenario.limits
        guard scenario.requestsPerSecond > service.apiGatewayAccountRPS else { return [] }
        let others = DesignCatalog.alternatives(to: context.design.id, in: scenario) { !$0.contains(.restAPI) }
        return [
            LimitWarning(
                id: "apigw-throttle",
                limit:
                    "API Gateway's account throttle, \(Format.quantity(service.apiGatewayAccountRPS)) requests/s in \(scenario.topology.region) (shared by every API in the account)",
                value: "--rps \(Format.quantity(scenario.requestsPerSecond))",
                consequence: "requests above the limit get 429 Too Many Requests",
                fix:
                    "ask for a higher API Gateway quota 'Throttle rate' (L-8A5B8E43) in Service Quotas for \(scenario.topology.region), at least \(Format.quantity(scenario.requestsPerSecond.ceiling)) requests/s (then pass --apigw-rps-limit), "
                    + (others.isEmpty ? "or spread APIs over accounts" : "spread APIs over accounts, or use \(others.joined(separator: " or ")) (no API Gateway throttle)"))
        ]
    }

    package func placement(_ context: ChainContext) -> [PlacedComponent] {
        let account = context.account(.application)
        var result: [PlacedComponent] = []
        if customDomain {
            result.append(PlacedComponent(id: "acm", name: "ACM certificate", account: account, scope: .regional, vpc: nil, subnet: nil, registered: nil))
        }
        result.append(PlacedComponent(id: "apigw", name: "Private REST API", account: account, scope: .regional, vpc: nil, subnet: nil, registered: nil))
        return result
    }

    package func findings(_ context: ChainContext) -> [Finding] {
        let cross = context.crossAccount
        var result: [Finding] = []
        if customDomain {
            result.append(
                Finding(
                    id: "endpoint-id-in-policy", severity: .low, title: "The domain name's and the API's resource policies name the endpoint id",
                    detail:
                        "a new private custom domain name denies everything; its policy and the private API's resource policy must allow aws:SourceVpce = the endpoint id\(cross ? " of the network account" : ""), and a recreated endpoint needs a new domain name access association and both policies updated",
                    fix: cross
                        ? "share the domain name through AWS RAM, let the network account create the access association, and keep the endpoint id in a parameter both accounts read"
                        : "reference the endpoint's id from both policies and the access association in the same deployment so a replacement updates all three",
                    sources: [.privateCustomDomainTutorial] + (cross ? [.privateCustomDomainSharing] : [])))
        } else {
            result.append(
                Finding(
                    id: "endpoint-id-in-policy", severity: cross ? .high : .low,
                    title: "The API's resource policy names the endpoint id",
                    detail: cross
                        ? "the application account's resource policy allows aws:SourceVpce = the network account's endpoint id; recreating the endpoint yields a new id and every call gets 403 until the other account updates its policy and redeploys the API"
                        : "the resource policy allows aws:SourceVpce = the endpoint id; recreating the endpoint yields a new id, and calls get 403 until the policy is updated and the API redeployed",
                    fix: cross
                        ? "protect the endpoint from replacement (lifecycle prevent_destroy), share the new id through a parameter both accounts read, or use a private custom domain name with a domain name access association"
                        : "reference the endpoint's id from the policy in the same deployment so a replacement updates both"))
        }
        // With alarms on the API's and the function's errors (--error-alarms on, or read from
        // Terraform) the health check need not tell.
        if context.hasUpstream(.alb) && !context.topology.errorAlarms {
            result.append(
                Finding(
                    id: "health-check-403", severity: .medium, title: "Health checks prove nothing about the API",
                    detail:
                        "API Gateway answers the ALB's health checks with 403 (no API host), so the matcher must accept 403 and a healthy target says nothing about the API or the function",
                    fix: "alarm on API Gateway 5XXError and Lambda Errors and run a synthetic request through the ALB; do not read target health as service health"))
        }
        return result
    }

    package func features(_ context: ChainContext) -> FeatureSet? {
        FeatureSet(
            title: "API Gateway's features", items: Self.exclusiveFeatures,
            summary: "usage plans, API keys, request validation, caching, authorizers; say so with --needs", noun: "API Gateway features")
    }

    package func imposes(_ context: ChainContext) -> [String] {
        var result = ["the 29 s integration timeout unless raised", "API Gateway's account throttle", "a resource policy tied to the endpoint id"]
        if context.hasUpstream(.alb) { result.append("health checks that cannot see the API") }
        return result
    }

    /// The node's name lines in the design diagram and in Mermaid.
    var diagramName: [String] { ["API Gateway", "private REST API"] + (customDomain ? ["private custom domain name"] : []) }

    package func diagramNodes(_ context: DiagramContext) -> [DiagramNode] {
        var nodes: [DiagramNode] = []
        if customDomain {
            nodes.append(
                DiagramNode(
                    id: "acm", location: context.region(.application), lines: ["ACM certificate", "billed with API Gateway"],
                    attributes: [DiagramAttribute("fillcolor", "#fafafa")], onPath: false, rank: .below("apigw")))
        }
        nodes.append(
            DiagramNode(
                id: "apigw", location: context.region(.application), lines: diagramName + (context.charge?.lines ?? []),
                attributes: [DiagramAttribute("fillcolor", "#fce4ec")]))
        return nodes
    }

    package func comparisonNode(_ context: DiagramContext) -> DiagramNode? {
        DiagramNode(
            id: "apigw", lines: [customDomain ? "API Gateway (private REST,\ncustom domain)" : "API Gateway (private REST)"] + (context.charge?.lines ?? []),
            attributes: [DiagramAttribute("fillcolor", "#fce4ec")])
    }

    package func mermaidNodes(_ context: DiagramContext) -> [DiagramNode] {
        [DiagramNode(id: "apigw", location: [context.account(.application)], lines: diagramName + (context.charge?.lines ?? []))]
    }
}
