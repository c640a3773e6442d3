import Foundation

/// Runs the analyses for a scenario and gathers them, with every assumption, into one `Report`.
package enum ReportBuilder {
    package static func build(scenario: Scenario, prices book: PriceBook, inputs: [ReportInput], toolVersion: String) -> Report {
        var designs = scenario.designs.map { design in
            let hops = HopModel.hops(for: design, in: scenario)
            let limits = HopModel.limits(for: design, in: scenario, hops: hops)
            let reasons = FeasibilityAnalyzer.reasons(for: design, in: scenario, limits: limits)
            let cost = CostEngine.cost(of: design, in: scenario, prices: book)
            return DesignReport(
                design: design, impossibility: HopModel.impossibility(of: design, in: scenario), infeasibleReasons: reasons,
                cost: reasons.isEmpty ? cost : nil, hypotheticalCost: reasons.isEmpty ? nil : cost,
                capacityUnits: CostEngine.capacityUnits(for: design, in: scenario),
                hops: hops,
                limits: limits,
                warnings: reasons.isEmpty ? HopModel.warnings(for: design, in: scenario, limits: limits) : [],
                failureDomains: FailureDomainAnalyzer.analyze(design, in: scenario))
        }
        let shared = markShared(&designs)
        let costs = designs.compactMap(\.shownCost)
        let items = costs.flatMap(\.lineItems)
        let usedKeys = Set(items.compactMap { $0.missingReason == nil ? $0.priceKey : nil })
        let pricesUsed = usedKeys.sorted().compactMap { key -> Price? in
            if case .price(let price) = book.lookup(key) { return price }
            return nil
        }
        var missing: [PriceKey: MissingPrice] = [:]
        for cost in costs {
            for entry in cost.missing { missing[entry.key] = entry }
        }
        var report = Report(
            toolVersion: toolVersion, scenario: scenario, prices: book, inputs: inputs, designs: designs,
            comparisons: comparisons(designs), assumptions: assumptions(for: scenario), pricesUsed: pricesUsed,
            missingPrices: missing.keys.sorted().compactMap { missing[$0] })
        report.unusedOptions = unusedOptions(inputs, scenario: scenario)
        report.shared = shared
        report.recommendation = Recommendation.make(for: report, needs: scenario.needs)
        return report
    }

    /// Marks as shared each line item that every feasible design has with the same id, quantity and
    /// cost, when two or more are feasible and priced, and says what they are. Infeasible designs'
    /// figures stay design-specific: they enter no comparison.
    static func markShared(_ designs: inout [DesignReport]) -> SharedCosts? {
        let priced = designs.indices.filter { designs[$0].cost != nil }
        guard priced.count >= 2 else { return nil }
        let others = priced.dropFirst().map { designs[$0].cost! }
        let sharedIDs = Set(
            designs[priced[0]].cost!.lineItems.filter { item in
                // Same figure, or the same missing figure (a price no design has).
                others.allSatisfy {
                    $0.item(item.id).map { $0.quantity == item.quantity && $0.monthlyCost == item.monthlyCost && $0.priceKey == item.priceKey } ?? false
                }
            }.map(\.id))
        guard !sharedIDs.isEmpty else { return SharedCosts(monthlyCost: 0, designs: priced.map { designs[$0].design }, services: []) }
        for index in priced {
            for item in designs[index].cost!.lineItems.indices where sharedIDs.contains(designs[index].cost!.lineItems[item].id) {
                designs[index].cost!.lineItems[item].scope = .shared
            }
        }
        let first = designs[priced[0]].cost!
        var services: [String] = []
        for item in first.lineItems where item.scope == .shared {
            // A service some of whose items differ between designs is shared only in part.
            let part = first.lineItems.contains { $0.service == item.service && $0.scope == .design && $0.monthlyCost != 0 }
            let name = part ? "\(item.service) in part" : item.service
            if !services.contains(name) { services.append(name) }
        }
        return SharedCosts(monthlyCost: first.sharedMonthlyCost, designs: priced.map { designs[$0].design }, services: services)
    }

    /// Every priced design against the simplest one (fewest hops), when two or more are priced and none lacks a price.
    static func comparisons(_ designs: [DesignReport]) -> [CostComparison] {
        let priced = designs.filter { $0.cost != nil }
        guard priced.count >= 2, priced.allSatisfy({ $0.cost!.differencesAreKnown }),
            let base = priced.enumerated().min(by: { ($0.element.hops.count, $0.offset) < ($1.element.hops.count, $1.offset) })?.element.cost
        else { return [] }
        return priced.compactMap(\.cost).filter { $0.design != base.design }.map { cost in
            CostComparison(
                first: cost.design, second: base.design, monthly: cost.monthlyCost - base.monthlyCost,
                hourly: cost.hourlyCost - base.hourlyCost,
                perMillionRequests: cost.costPerMillionRequests - base.costPerMillionRequests,
                // On an incomplete total a percentage would be overstated: it is left out.
                fraction: base.monthlyCost == 0 || !base.isComplete ? nil : (cost.monthlyCost - base.monthlyCost) / base.monthlyCost,
                baseIncomplete: !base.isComplete)
        }
    }

    /// How the link from the corporate network is priced, in one sentence.
    static func linkText(_ whole: WholeBill) -> String {
        switch whole.hybridLink {
        case .none:
            "the VPN or Direct Connect link and the responses that leave over it are not priced (--hybrid-link vpn|dx prices them; every design pays them alike)."
        case .vpn:
            "one Site-to-Site VPN connection per hour (--hybrid-link vpn), and every response leaves over it at the region's data transfer out rates (AWS: \"data transferred over VPN connections will be charged at standard AWS data transfer rates\"); requests in are free."
        case .dx:
            "one dedicated Direct Connect port per hour (--hybrid-link dx, --dx-port \(whole.directConnectPort.rawValue)), and every response leaves over it at Direct Connect's data transfer out rate from this region; requests in are free; a partner's hosted connection and the colocation's cross-connect are not priced."
        }
    }

    /// The analysed designs the web ACL protects nowhere (alb-lambda with `--waf api`): compared
    /// without WAF, which the reader should know before comparing totals.
    static func unprotected(_ scenario: Scenario, placements: [(WholeBill.WAFPlacement, ComponentKind, String)]) -> String {
        let bare = scenario.designs.filter { design in !placements.contains { design.definition.contains($0.1) } }
        guard !bare.isEmpty, bare.count < scenario.designs.count else { return "" }
        let names = bare.map(\.rawValue).joined(separator: " and ")
        let other = placements.count == 1 && placements[0].0 == .api ? " (its ALB can carry the web ACL: --waf both)" : ""
        return
            " \(names) \(bare.count == 1 ? "has" : "have") no \(placements.map(\.2).joined(separator: " or ")): \(bare.count == 1 ? "it is" : "they are") compared without WAF\(other)."
    }

    /// Options that set a part none of the analysed designs has, by the part they set.
    static let optionParts: [(option: String, part: ComponentKind, name: String)] = [
        ("--vpce-subnets", .interfaceEndpoint, "an interface endpoint"), ("--private-dns", .interfaceEndpoint, "an interface endpoint"),
        ("--apigw-cache-gb", .restAPI, "API Gateway"),
        ("--apigw-timeout-s", .restAPI, "API Gateway"), ("--apigw-rps-limit", .restAPI, "API Gateway"), ("--apigw-burst-limit", .restAPI, "API Gateway"),
        ("--apigw-execution-logs", .restAPI, "API Gateway"), ("--apigw-execution-log-bytes", .restAPI, "API Gateway"),
        ("--apigw-access-log-bytes", .restAPI, "API Gateway"),
        ("--alb-rules", .alb, "an ALB"), ("--alb-idle-timeout-s", .alb, "an ALB"), ("--public-ipv4-per-az", .alb, "an ALB"),
    ]

    /// One line naming the options the user gave for a part that no analysed design has
    /// (`--design alb-lambda --apigw-timeout-s 10`): they change nothing, and the reader should know.
    static func unusedOptions(_ inputs: [ReportInput], scenario: Scenario) -> String? {
        let has = Set(scenario.designs.flatMap { $0.definition.chain.map(\.kind) })
        let given = Set(inputs.filter { $0.source == .given }.map(\.option))
        var unused = optionParts.filter { given.contains($0.option) && !has.contains($0.part) }
        // A cache asks for response caching: without API Gateway it rules the designs out, which the
        // recommendation says; it does not change nothing.
        if scenario.needs.contains(.responseCaching) { unused.removeAll { $0.option == "--apigw-cache-gb" } }
        // --waf protects the ALB, the API stage or both: unused when no design has any of them.
        let waf = scenario.wholeBill.waf
        let protected: [(ComponentKind, String)] = [(.alb, "an ALB"), (.restAPI, "API Gateway")].filter { part in
            waf == .both || (waf == .alb && part.0 == .alb) || (waf == .api && part.0 == .restAPI)
        }
        if given.contains("--waf"), waf != .none, let part = protected.first, !protected.contains(where: { has.contains($0.0) }) {
            unused.append(("--waf \(waf.rawValue)", part.0, part.1))
            if given.contains("--waf-rules") { unused.append(("--waf-rules", part.0, part.1)) }
        }
        // What needs an ALB in front of the endpoint (its target group) or of API Gateway (its health checks).
        func chains(_ kinds: ComponentKind...) -> Bool {
            scenario.designs.contains { design in kinds.allSatisfy { kind in design.definition.chain.contains { $0.kind == kind } } }
        }
        for option in ["--registered-targets", "--target-ips"] where given.contains(option) && !chains(.alb, .interfaceEndpoint) {
            unused.append((option, .interfaceEndpoint, "an ALB's target group of endpoint IPs"))
        }
        if given.contains("--error-alarms") && !chains(.alb, .restAPI) { unused.append(("--error-alarms", .restAPI, "an ALB's health checks of API Gateway")) }
        // An SLA term for what no design here crosses.
        let link = scenario.topology.albScheme == .internal ? scenario.wholeBill.hybridLink : .none
        let crossed: [String: (Bool, ComponentKind, String)] = [
            "alb": (has.contains(.alb), .alb, "an ALB"), "privatelink": (has.contains(.interfaceEndpoint), .interfaceEndpoint, "an interface endpoint"),
            "apigw": (has.contains(.restAPI), .restAPI, "API Gateway"),
            "resolver": (scenario.wholeBill.resolverInboundENIs > 0 && scenario.topology.albScheme == .internal, .dns, "a Resolver inbound endpoint"),
            "vpn": (link == .vpn, .link, "a Site-to-Site VPN link"), "directconnect": (link == .dx, .link, "a Direct Connect link"),
        ]
        for key in scenario.slaOverrides.keys.sorted() {
            if let (crosses, part, name) = crossed[key], !crosses { unused.append(("--sla \(key)=", part, name)) }
        }
        guard !unused.isEmpty else { return nil }
        let parts = unused.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return
            "Given but unused here: \(unused.map(\.option).joined(separator: ", ")), for \(parts.joined(separator: " and ")), which no design analysed has: \(unused.count == 1 ? "it changes" : "they change") nothing."
    }

    /// The conventions of what the bill covers beyond the request path, and what it leaves out.
    static func wholeBillLines(_ scenario: Scenario, has: Set<ComponentKind>) -> [String] {
        let whole = scenario.wholeBill
        var lines: [String] = []
        var left: [String] = []
        if let logs = whole.logs {
            var text =
                "CloudWatch Logs (--logs): Lambda writes \(Format.quantity(logs.lambdaBytesPerInvocation)) bytes per invocation (--lambda-log-bytes; 264 = its START, END and REPORT lines with a 36-character request id), priced as vended logs on their tiers"
            if has.contains(.restAPI) {
                text +=
                    "; API Gateway writes \(executionText(logs)) of execution log and \(Format.quantity(logs.accessBytesPerRequest)) bytes of access log per request (--apigw-access-log-bytes), priced as custom logs"
            }
            text +=
                "; storage = ingested GB x 0.2 (compressed, as in AWS's CloudWatch example, 30 GB ingested -> 6 GB stored) x \(logs.retentionDays) days kept (--log-retention-days) / the days in the month (hours / 24), a steady state; queries, metric filters, dashboards and alarms are not priced."
            lines.append(text)
        } else {
            left.append("CloudWatch Logs (--logs)")
        }
        if whole.waf != .none {
            let placements = [(WholeBill.WAFPlacement.alb, ComponentKind.alb, "ALB"), (.api, .restAPI, "API stage")].filter { [$0.0, .both].contains(whole.waf) }
            let absent = placements.filter { !has.contains($0.1) }.map(\.2)
            lines.append(
                "AWS WAF (--waf \(whole.waf.rawValue)): one web ACL per design with \(whole.wafRules) rules or rule groups (--waf-rules), associated with the "
                    + placements.map(\.2).joined(separator: " and ")
                    + " (a regional web ACL can protect both), and every request inspected at each place it is associated with; managed rule groups' own fees (Bot Control, Fraud Control) and the 1,500 WCU default are not priced."
                    + (absent.isEmpty ? "" : " No analysed design has an \(absent.joined(separator: " or ")), so nothing is priced for it.")
                    + unprotected(scenario, placements: placements))
        } else {
            left.append("AWS WAF (--waf)")
        }
        if whole.hybridLink == .none && scenario.topology.albScheme == .internal { left.append("the VPN or Direct Connect link (--hybrid-link)") }
        if whole.resolverInboundENIs > 0 && scenario.topology.albScheme == .internal {
            lines.append(
                "Route 53 Resolver inbound endpoint: \(whole.resolverInboundENIs) IP addresses (ENIs) every hour, and every DNS query from on premises through it (the same queries as --dns-queries-per-month); one endpoint serves every design alike, because their names live in a private hosted zone, which answers only inside the VPC (an internal ALB's own AWS DNS name resolves publicly to its private addresses and would need none). Its SLA (99.99% multi-AZ) joins each design's composite, as a Site-to-Site VPN connection's (99.95%) does; Direct Connect's, which depends on its resiliency model, only when --sla directconnect gives it."
            )
        } else if scenario.topology.albScheme == .internal {
            left.append("the Route 53 Resolver inbound endpoint on-premises clients need (--resolver-inbound-enis)")
        }
        if has.contains(.restAPI) {
            if let size = whole.apiCacheGB {
                lines.append(
                    "API Gateway cache (--apigw-cache-gb \(size)): one stage cache billed every hour whatever its hit rate; cached responses still count as API requests. Pricing it says you need response caching, so the recommendation weighs it as --needs response-caching."
                )
            } else {
                left.append("an API Gateway cache (--apigw-cache-gb)")
            }
        } else {
            // Options for API Gateway on designs that have none: say so rather than drop them silently.
            var ignored: [String] = []
            if whole.apiCacheGB != nil { ignored.append("--apigw-cache-gb") }
            if let logs = whole.logs, logs.executionLogs != .off || logs.accessBytesPerRequest > 0 { ignored.append("API Gateway's logs") }
            if !ignored.isEmpty { lines.append("No analysed design has API Gateway, so \(ignored.joined(separator: " and ")) price nothing here.") }
        }
        if whole.xraySampleRate > 0 {
            lines.append(
                "X-Ray (--xray-sample-rate \(whole.xraySampleRate)): traces recorded = requests x the rate, one trace per request across every hop; traces retrieved or scanned and X-Ray's Transaction Search are not priced."
            )
        } else {
            left.append("X-Ray (--xray-sample-rate)")
        }
        if !left.isEmpty {
            lines.append("Not in these totals unless asked for: " + left.joined(separator: ", ") + ".")
        }
        if scenario.designs.count >= 2 {
            lines.append(
                "Shared: a line item every feasible design has with the same quantity and cost (the link, the Resolver endpoint, the hosted zone, and whatever else they have in common, such as Lambda); the design-specific part is the total without it. Differences and their percentages are computed on totals."
            )
        }
        return lines
    }

    /// API Gateway's execution log per request, as the assumptions state it.
    static func executionText(_ logs: WholeBill.Logs) -> String {
        if let given = logs.executionBytesPerRequest { return "\(Format.quantity(given)) bytes (--apigw-execution-log-bytes)" }
        switch logs.executionLogs {
        case .off: return "no bytes (--apigw-execution-logs off)"
        case .errors: return "no bytes at steady state (--apigw-execution-logs errors logs failed requests only)"
        case .info:
            return "an estimated 2,048 bytes (--apigw-execution-logs info: about 16 events of 128 bytes; AWS publishes no figure, give yours with --apigw-execution-log-bytes)"
        case .full:
            return
                "the 2,048-byte INFO estimate plus the request and response bodies, each logged twice and cut at 1,024 bytes an event (--apigw-execution-logs full)"
        }
    }

    /// The conventions behind every number, stated so that a reviewer can redo the arithmetic.
    static func assumptions(for scenario: Scenario) -> [String] {
        let hours = scenario.billing.hoursPerMonth
        // Only the conventions of the components the analysed designs have.
        let chains = scenario.designs.map { $0.definition.dataPath.map(\.kind) }
        let has = Set(chains.flatMap { $0 })
        let albToEndpoint = chains.contains { chain in zip(chain, chain.dropFirst()).contains { $0 == .alb && $1 == .interfaceEndpoint } }
        var lines: [String] = []
        switch scenario.workload.rate {
        case .perSecond:
            lines.append("Monthly requests = requests per second x 3,600 x \(hours) hours per month.")
        case .perMonth:
            lines.append("Requests per second (for ALB capacity units) = monthly requests / (3,600 x \(hours) hours per month).")
        }
        lines += [
            "A month is \(hours) hours (--hours-per-month; the AWS Pricing Calculator uses 730, AWS's ELB and API Gateway examples 720); ALB, LCU, endpoint, IPv4, VPN, Direct Connect port, Resolver ENI and cache hours bill a partial hour as a full one. Hourly cost = monthly cost / \(hours).",
            "Money is exact inside and rounded once for display, half away from zero: line items and totals are each rounded from exact values, so the cents of the lines may not add up to the total.",
            "Sizes: 1 KiB = 1,024 bytes; 1 GB = 2^30 bytes (1,048,576 KiB), except in ALB capacity units; 1 TB = 1,024 GB; 1 PB = 1,048,576 GB. Request and response sizes include headers.",
        ]
        if has.contains(.alb) {
            lines.append(
                "ALB capacity units per hour = the largest of: new connections/s / 25; active connections / 3,000 (active = new connections/s x connection seconds); processed GB/h / 1 for IP targets (the endpoint's ENI IPs) or / 0.4 for Lambda targets; rule evaluations/s / 1,000 with max(0, rules - 10) evaluations per request. Processed bytes = request + response, in decimal GB (10^9 bytes), as AWS's ALB pricing example counts them (300 KB/s x 3,600 s = 1.08 GB)."
            )
        }
        if has.contains(.interfaceEndpoint) {
            lines.append(
                "Interface endpoint: one endpoint-hour per subnet, every hour, whatever the traffic; data processed = request + response bytes, tiered per region over all of the account's interface endpoints (first 1 PB, next 4 PB, over 5 PB)."
            )
        }
        lines.append(
            "Tiered prices (API Gateway requests, Lambda duration, endpoint data, internet egress) are applied as if this workload were the only usage in the account and region this month."
        )
        if has.contains(.restAPI) {
            lines.append("API Gateway: a private REST API is billed at the REST request rate with no API Gateway data transfer out; its 12-month free tier is not applied.")
        }
        lines.append(
            "Lambda: GB-seconds = invocations x memory MB / 1,024 x duration rounded up to 1 ms / 1,000; ephemeral storage is billed above 512 MB; invoked by the ALB or by API Gateway at the same rates."
        )
        switch (scenario.topology.albScheme, has.contains(.alb)) {
        case (.internetFacing, true):
            lines.append(
                "Internet-facing ALB: \(scenario.topology.publicIPv4PerAZ) public IPv4 address(es) per AZ it spans (--public-ipv4-per-az; AWS does not fix the count); every response leaves to the internet as data transfer out (requests in are free)."
            )
        case (.internal, true):
            lines.append("Internal ALB reached over VPN or Direct Connect: no public addresses; " + linkText(scenario.wholeBill))
        case (.internetFacing, false):
            lines.append("Internet clients (--alb-scheme internet-facing): a private API cannot serve them.")
        case (.internal, false):
            lines.append("Clients on the corporate network over VPN or Direct Connect (--alb-scheme internal): " + linkText(scenario.wholeBill))
        }
        lines.append(
            "Route 53: one hosted zone per design, public for internet clients and private otherwise; queries to an alias record that points at the ALB or the endpoint are free. With --dns-record cname every query is billed: --dns-queries-per-month, by default one per new client connection (monthly requests / requests per connection), an estimate with no resolver caching (resolvers that cache for the record's TTL send fewer, about 8,640 a month each at 300 s; clients that also ask for AAAA records double it); queries to a private hosted zone are priced at the standard rate at low confidence, as no AWS page read confirms their billing. ACM public certificates used by the ALB or by API Gateway are free."
        )
        if albToEndpoint {
            lines.append("Traffic between the ALB and the endpoint's ENIs in other AZs: no source says it is charged (ALB cross-zone traffic is not); it is not priced.")
        }
        let privateDomains = scenario.designs.filter { $0.definition.entry?.kind == .interfaceEndpoint }.map(\.rawValue)
        if !privateDomains.isEmpty {
            lines.append(
                "Private custom domain name (\(privateDomains.joined(separator: ", "))): clients resolve it through an alias record in a private hosted zone to the endpoint's regional DNS name (alias queries are free) and reach API Gateway through the endpoint, which bills its hours per subnet and its data as it does behind an ALB; the ACM certificate on the domain name is free when requested in ACM (for a name under a public domain you own) or imported; API Gateway's pricing lists no charge of its own for a private custom domain name or its access association (none found), so requests through it are billed as private REST API requests."
            )
        }
        if scenario.workload.responseStreaming && has.contains(.restAPI) {
            lines.append(
                "Response streaming (--response-streaming) in the designs with API Gateway: REST API transfer mode STREAM to a function that streams (natively only on Node.js runtimes; other languages need a custom runtime or the Lambda Web Adapter); responses up to 200 MB and 15 minutes, with the integration timeout set up to 900,000 ms, which STREAM mode allows without a quota increase; beyond the first 10 MB API Gateway streams at 2 MB/s, so a large response takes time the function is billed for; a stream closes after 5 minutes without data, and an ALB in front closes it after its idle timeout (\(Format.quantity(scenario.limits.albIdleTimeoutSeconds)) s); STREAM mode has no caching and no response mapping templates; AWS's pages read do not confirm it through a private custom domain name; Lambda response streaming is not yet in every region. Lambda bills the bytes beyond the first 6 MB of each response; API Gateway bills each 10 MB started as one request (a second-hand figure). alb-lambda cannot stream: the ALB takes one JSON response of at most 1 MB."
            )
        }
        lines += wholeBillLines(scenario, has: has)
        lines += [
            scenario.billing.freeTier
                ? "Always-free allowances on (--free-tier): Lambda's 1,000,000 requests and 400,000 GB-s per month and the 100 GB internet egress allowance (also over a VPN, not over Direct Connect) are subtracted before tiering"
                    + (scenario.wholeBill.logs != nil
                        ? "; CloudWatch's 5 GB of log ingestion (custom logs only: AWS does not say it covers vended logs) and 5 GB-month of storage" : "")
                    + (scenario.wholeBill.xraySampleRate > 0 ? "; X-Ray's 100,000 traces recorded" : "") + "."
                : "Always-free allowances off (default, as Infracost and the Pricing Calculator): Lambda's 1,000,000 requests and 400,000 GB-s and the 100 GB egress allowance do not expire, but an account that already uses them pays the figures shown; --free-tier subtracts them.",
            "Prices are USD on-demand list prices before tax, from the price tables named below; no discounts, Savings Plans or reserved LCUs.",
            "Limits are AWS's defaults unless set by an option or read from Terraform (the inputs say which): ALB idle timeout \(Format.quantity(scenario.limits.albIdleTimeoutSeconds)) s, API Gateway integration timeout \(Format.quantity(scenario.limits.apiGatewayIntegrationTimeoutSeconds)) s, function timeout \(Format.quantity(scenario.limits.lambdaTimeoutSeconds)) s\(scenario.limits.lambdaTimeoutSeconds == LambdaFunction.maxTimeoutSeconds ? " (assumed set to the maximum)" : ""), API Gateway account throttle \(Format.quantity(scenario.limits.apiGatewayAccountRPS)) requests/s with a \(Format.quantity(scenario.limits.apiGatewayBurst)) burst, Lambda concurrency \(Format.quantity(scenario.limits.lambdaConcurrency)).",
            "Payload limits: 1 MB each way for an ALB -> Lambda target; 6 MB for Lambda's synchronous payload behind API Gateway (whose own limit is 10 MB). Lambda concurrency needed = requests per second x duration in seconds.",
            "AWS publishes no per-hop latency; a latency sum appears only from your --hop-latency-ms estimates.",
            "Availability is the product of the published SLAs of each design's serial chain (independent failures assumed), and downtime = (1 - availability) x \(Format.quantity(hours * 60)) minutes. SLAs are service-credit thresholds, not measured availability; the PrivateLink figure is unconfirmed (--sla overrides any term).",
        ]
        if let preset = scenario.preset {
            let what =
                preset == "tutorial"
                ? "the Terraform tutorial: internet-facing ALB, two accounts, endpoint in one subnet, one registered IP"
                : "the blog post: internal ALB reached from the corporate network, one account, two endpoint IPs registered by hand"
                    + (scenario.topology.albScheme == .internal
                        ? "; it prices a Site-to-Site VPN, the cheaper link, and a 2-ENI Resolver inbound endpoint for on-premises DNS" : "")
            lines.insert("Topology from --preset \(preset) (\(what)); options given explicitly override it.", at: 0)
        }
        return lines
    }
}
