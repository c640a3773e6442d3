import Foundation

/// Runs the analyses for a scenario and gathers them, with every assumption, into one `Report`.
package enum ReportBuilder {
    package static func build(scenario: Scenario, prices book: PriceBook, inputs: [ReportInput], toolVersion: String) -> Report {
        let designs = scenario.designs.map { design in
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
            comparisons: comparisons(designs), assumptions: assumptions(for: scenario),
            pricesUsed: pricesUsed, missingPrices: missing.keys.sorted().compactMap { missing[$0] })
        report.recommendation = Recommendation.make(for: report, needs: scenario.needs)
        return report
    }

    /// Every priced design against the simplest one (fewest hops), when two or more are priced and none lacks a price.
    static func comparisons(_ designs: [DesignReport]) -> [CostComparison] {
        let priced = designs.filter { $0.cost != nil }
        guard priced.count >= 2, priced.allSatisfy({ $0.cost!.isComplete }),
            let base = priced.enumerated().min(by: { ($0.element.hops.count, $0.offset) < ($1.element.hops.count, $1.offset) })?.element.cost
        else { return [] }
        return priced.compactMap(\.cost).filter { $0.design != base.design }.map { cost in
            CostComparison(
                first: cost.design, second: base.design, monthly: cost.monthlyCost - base.monthlyCost,
                hourly: cost.hourlyCost - base.hourlyCost,
                perMillionRequests: cost.costPerMillionRequests - base.costPerMillionRequests,
                fraction: base.monthlyCost == 0 ? nil : (cost.monthlyCost - base.monthlyCost) / base.monthlyCost)
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
            "A month is \(hours) hours (--hours-per-month; the AWS Pricing Calculator uses 730, AWS's ELB and API Gateway examples 720); ALB, LCU, endpoint and IPv4 hours bill a partial hour as a full one. Hourly cost = monthly cost / \(hours).",
            "Money is exact inside and rounded once for display, half away from zero: line items and totals are each rounded from exact values, so the cents of the lines may not add up to the total.",
            "Sizes: 1 KiB = 1,024 bytes; 1 GB = 2^30 bytes (1,048,576 KiB); 1 TB = 1,024 GB; 1 PB = 1,048,576 GB. Request and response sizes include headers.",
        ]
        if has.contains(.alb) {
            lines.append(
                "ALB capacity units per hour = the largest of: new connections/s / 25; active connections / 3,000 (active = new connections/s x connection seconds); processed GB/h / 1 for IP targets (the endpoint's ENI IPs) or / 0.4 for Lambda targets; rule evaluations/s / 1,000 with max(0, rules - 10) evaluations per request. Processed bytes = request + response."
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
            lines.append(
                "Internal ALB reached over VPN or Direct Connect: no public addresses; egress over VPN or Direct Connect is billed by those services and is outside this model.")
        case (.internetFacing, false):
            lines.append("Internet clients (--alb-scheme internet-facing): a private API cannot serve them.")
        case (.internal, false):
            lines.append(
                "Clients on the corporate network over VPN or Direct Connect (--alb-scheme internal): egress over those links is billed by them and is outside this model.")
        }
        lines.append(
            "Route 53: one hosted zone per design, public for internet clients and private otherwise; queries to an alias record that points at the ALB or the endpoint are free. With --dns-record cname every query is billed: --dns-queries-per-month, by default one per new client connection (monthly requests / requests per connection), an upper bound since resolvers cache the answer for the record's TTL. ACM public certificates used by the ALB or by API Gateway are free."
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
        lines += [
            scenario.billing.freeTier
                ? "Always-free allowances on (--free-tier): Lambda's 1,000,000 requests and 400,000 GB-s per month and the 100 GB internet egress allowance are subtracted before tiering."
                : "Always-free allowances off (default, as Infracost and the Pricing Calculator): Lambda's 1,000,000 requests and 400,000 GB-s and the 100 GB egress allowance do not expire, but an account that already uses them pays the figures shown; --free-tier subtracts them.",
            "Prices are USD on-demand list prices before tax, from the price tables named below; no discounts, Savings Plans or reserved LCUs.",
            "Limits are AWS's defaults unless raised with an option: ALB idle timeout \(Format.quantity(scenario.limits.albIdleTimeoutSeconds)) s, API Gateway integration timeout \(Format.quantity(scenario.limits.apiGatewayIntegrationTimeoutSeconds)) s, function timeout \(Format.quantity(scenario.limits.lambdaTimeoutSeconds)) s (assumed set to the maximum), API Gateway account throttle \(Format.quantity(scenario.limits.apiGatewayAccountRPS)) requests/s with a \(Format.quantity(scenario.limits.apiGatewayBurst)) burst, Lambda concurrency \(Format.quantity(scenario.limits.lambdaConcurrency)).",
            "Payload limits: 1 MB each way for an ALB -> Lambda target; 6 MB for Lambda's synchronous payload behind API Gateway (whose own limit is 10 MB). Lambda concurrency needed = requests per second x duration in seconds.",
            "AWS publishes no per-hop latency; a latency sum appears only from your --hop-latency-ms estimates.",
            "Availability is the product of the published SLAs of each design's serial chain (independent failures assumed), and downtime = (1 - availability) x \(Format.quantity(hours * 60)) minutes. SLAs are service-credit thresholds, not measured availability; the PrivateLink figure is unconfirmed (--sla overrides any term).",
        ]
        if let preset = scenario.preset {
            lines.insert(
                "Topology from --preset \(preset) (\(preset == "tutorial" ? "the Terraform tutorial: internet-facing ALB, two accounts, endpoint in one subnet, one registered IP" : "the blog post: internal ALB over VPN or Direct Connect, one account, two endpoint IPs registered by hand")); options given explicitly override it.",
                at: 0)
        }
        return lines
    }
}
