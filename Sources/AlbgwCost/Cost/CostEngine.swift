import Foundation

/// Prices a design for a scenario. Every quantity follows from the scenario by a rule stated in
/// `--help` and in the output's assumptions; nothing is rounded here.
package enum CostEngine {
    /// The line items and totals of `design` under `scenario`, priced from `book`.
    package static func cost(of design: DesignID, in scenario: Scenario, prices book: PriceBook) -> DesignCost {
        var builder = Builder(scenario: scenario, book: book)
        builder.loadBalancer(targets: design == .albLambda ? .lambda : .ip)
        if design == .albVpceApigwLambda {
            builder.interfaceEndpoint()
            builder.restAPI()
        }
        builder.lambda()
        builder.internetEgress()
        builder.dnsAndCertificate()
        return DesignCost(
            design: design, lineItems: builder.items, monthlyRequests: scenario.monthlyRequests,
            hoursPerMonth: scenario.billing.hoursPerMonth)
    }

    /// The ALB's capacity units per hour for `design` (shown in the output's derivations).
    package static func capacityUnits(for design: DesignID, in scenario: Scenario) -> ALBCapacityUnits {
        let workload = scenario.workload
        return ALBCapacityUnits(
            requestsPerSecond: scenario.requestsPerSecond,
            bytesPerRequestKiB: workload.requestKiB + workload.responseKiB,
            requestsPerConnection: workload.requestsPerConnection,
            connectionSeconds: workload.connectionSeconds,
            rules: workload.albRules,
            target: design == .albLambda ? .lambda : .ip)
    }

    /// Lambda compute per month: requests x memory (GB) x duration rounded up to 1 ms, in GB-seconds.
    package static func lambdaGBSeconds(in scenario: Scenario) -> Decimal {
        let workload = scenario.workload
        return scenario.monthlyRequests * (workload.lambdaMemoryMB / 1024) * workload.lambdaDurationMS.ceiling / 1000
    }

    /// GB per month carried by a per-request size in KiB.
    package static func monthlyGB(kibPerRequest: Decimal, in scenario: Scenario) -> Decimal {
        scenario.monthlyRequests * kibPerRequest / Units.kibPerGB
    }

    private struct Builder {
        let scenario: Scenario
        let book: PriceBook
        var items: [LineItem] = []

        var hours: Decimal { scenario.billing.hoursPerMonth }
        /// ALB, LCU, endpoint and IPv4 hours: AWS bills a partial hour as a full one.
        var billedHours: Decimal { scenario.billing.hoursPerMonth.ceiling }
        var millions: Decimal { scenario.monthlyRequests / Units.requestsPerMillion }

        /// Adds one flat-priced item, or a missing-price item when the table has no figure.
        mutating func flat(_ id: String, _ service: String, _ component: String, quantity: Decimal, key: PriceKey, basis: String) {
            switch book.lookup(key) {
            case .price(let price):
                items.append(
                    LineItem(
                        id: id, service: service, component: component, quantity: quantity, unit: price.unit,
                        unitPrice: price.rate, monthlyCost: quantity * price.rate, priceKey: key, basis: basis,
                        confidence: price.confidence, missingReason: nil))
            case .missing(let reason):
                items.append(missingItem(id, service, component, quantity: quantity, key: key, basis: basis, reason: reason))
            }
        }

        /// Adds a free-tier or free-allowance band at $0 (no price is read for it).
        mutating func free(_ id: String, _ service: String, _ component: String, quantity: Decimal, unit: String, basis: String) {
            items.append(
                LineItem(
                    id: id, service: service, component: component, quantity: quantity, unit: unit, unitPrice: 0,
                    monthlyCost: 0, priceKey: nil, basis: basis, confidence: nil, missingReason: nil))
        }

        /// Adds one item per tier band the quantity reaches.
        mutating func tiered(_ id: String, _ service: String, _ component: String, quantity: Decimal, key: PriceKey, basis: String) {
            switch book.lookup(key) {
            case .price(let price):
                var shares = price.split(quantity)
                if shares.isEmpty {
                    // Zero usage: keep the first band visible at zero so that its rate still shows.
                    let first = price.tiers[0]
                    shares = [TierShare(index: 0, start: 0, end: first.upTo, quantity: 0, usd: first.usd, confidence: first.confidence ?? price.confidence)]
                }
                for share in shares {
                    let label = TierLabel.label(for: share, unit: price.unit, isOnlyBand: price.tiers.count == 1)
                    items.append(
                        LineItem(
                            id: "\(id).tier\(share.index + 1)", service: service,
                            component: label.map { "\(component) (\($0))" } ?? component, quantity: share.quantity,
                            unit: price.unit, unitPrice: share.usd, monthlyCost: share.quantity * share.usd, priceKey: key,
                            basis: basis, confidence: share.confidence, missingReason: nil))
                }
            case .missing(let reason):
                items.append(missingItem(id, service, component, quantity: quantity, key: key, basis: basis, reason: reason))
            }
        }

        func missingItem(_ id: String, _ service: String, _ component: String, quantity: Decimal, key: PriceKey, basis: String, reason: String) -> LineItem {
            LineItem(
                id: id, service: service, component: component, quantity: quantity, unit: key.unit, unitPrice: nil,
                monthlyCost: nil, priceKey: key, basis: basis, confidence: nil, missingReason: reason)
        }

        mutating func loadBalancer(targets: ALBCapacityUnits.TargetKind) {
            let service = "Application Load Balancer"
            flat("alb.hours", service, "Load balancer hours", quantity: billedHours, key: .albHour, basis: "1 ALB x \(billedHours) h")
            let design: DesignID = targets == .lambda ? .albLambda : .albVpceApigwLambda
            let lcu = CostEngine.capacityUnits(for: design, in: scenario)
            let parts = lcu.dimensions.map { "\($0.name) \(Format.quantity($0.lcu))" }.joined(separator: ", ")
            flat(
                "alb.lcu", service, "Load balancer capacity units", quantity: lcu.billed * billedHours, key: .albLCUHour,
                basis: "max(\(parts)) = \(Format.quantity(lcu.billed)) LCU per hour (\(lcu.binding.name) bind) x \(billedHours) h")
            if scenario.topology.albScheme == .internetFacing {
                let addresses = scenario.topology.azs * scenario.topology.publicIPv4PerAZ
                flat(
                    "alb.publicIPv4", "Public IPv4", "In-use public IPv4 addresses", quantity: Decimal(addresses) * billedHours,
                    key: .publicIPv4Hour,
                    basis: "internet-facing ALB: \(scenario.topology.publicIPv4PerAZ) address(es) per AZ (--public-ipv4-per-az) x \(scenario.topology.azs) AZs x \(billedHours) h")
            }
        }

        mutating func interfaceEndpoint() {
            let service = "VPC endpoint (PrivateLink)"
            let subnets = scenario.topology.vpceSubnets
            flat(
                "vpce.hours", service, "Interface endpoint hours", quantity: Decimal(subnets) * billedHours, key: .vpceEndpointAZHour,
                basis: "1 endpoint x \(subnets) subnet(s) x \(billedHours) h")
            let kib = scenario.workload.requestKiB + scenario.workload.responseKiB
            let gb = CostEngine.monthlyGB(kibPerRequest: kib, in: scenario)
            tiered(
                "vpce.data", service, "Data processed", quantity: gb, key: .vpceDataProcessed,
                basis: "\(Format.quantity(scenario.monthlyRequests)) requests x \(kib) KiB (request + response) / 1,048,576 KiB per GB")
        }

        mutating func restAPI() {
            tiered(
                "apigateway.requests", "API Gateway", "REST API requests", quantity: millions, key: .apiGatewayRESTRequests,
                basis: "\(Format.quantity(scenario.monthlyRequests)) requests per month, private REST API (no API Gateway data transfer out)")
        }

        mutating func lambda() {
            let service = "Lambda"
            let workload = scenario.workload
            let freeTier = scenario.billing.freeTier
            var billableMillions = millions
            if freeTier {
                let free = min(millions, FreeTier.lambdaRequests / Units.requestsPerMillion)
                self.free(
                    "lambda.requests.free", service, "Requests (free tier)", quantity: free, unit: PriceKey.lambdaRequests.unit,
                    basis: "first 1M requests per month are free (--free-tier)")
                billableMillions -= free
            }
            flat(
                "lambda.requests", service, "Requests", quantity: billableMillions, key: .lambdaRequests,
                basis: freeTier ? "\(Format.quantity(scenario.monthlyRequests)) invocations - 1,000,000 free" : "\(Format.quantity(scenario.monthlyRequests)) invocations per month"
            )

            var gbSeconds = CostEngine.lambdaGBSeconds(in: scenario)
            let durationBasis = "\(Format.quantity(scenario.monthlyRequests)) invocations x \(workload.lambdaMemoryMB) MB / 1,024 x \(workload.lambdaDurationMS.ceiling) ms / 1,000"
            if freeTier {
                let free = min(gbSeconds, FreeTier.lambdaGBSeconds)
                self.free("lambda.duration.free", service, "Duration (free tier)", quantity: free, unit: "GB-second", basis: "first 400,000 GB-s per month are free (--free-tier)")
                gbSeconds -= free
            }
            let key: PriceKey = workload.lambdaArchitecture == .arm64 ? .lambdaDurationArm : .lambdaDurationX86
            tiered(
                "lambda.duration", service, "Duration \(workload.lambdaArchitecture.rawValue)", quantity: gbSeconds, key: key,
                basis: durationBasis + (freeTier ? " - free tier" : ""))

            if workload.lambdaEphemeralMB > Units.lambdaFreeEphemeralMB {
                let extraGB = (workload.lambdaEphemeralMB - Units.lambdaFreeEphemeralMB) / 1024
                let seconds = scenario.monthlyRequests * workload.lambdaDurationMS.ceiling / 1000
                flat(
                    "lambda.ephemeral", service, "Ephemeral storage above 512 MB", quantity: extraGB * seconds,
                    key: .lambdaEphemeralStorage,
                    basis: "(\(workload.lambdaEphemeralMB) - 512) MB / 1,024 x \(Format.quantity(seconds)) s of execution")
            }
        }

        mutating func internetEgress() {
            guard scenario.topology.albScheme == .internetFacing else { return }
            let service = "Data transfer"
            var gb = CostEngine.monthlyGB(kibPerRequest: scenario.workload.responseKiB, in: scenario)
            let basis = "\(Format.quantity(scenario.monthlyRequests)) responses x \(scenario.workload.responseKiB) KiB / 1,048,576 KiB per GB"
            if scenario.billing.freeTier {
                let free = min(gb, FreeTier.internetEgressGB)
                self.free("egress.free", service, "Internet egress (free allowance)", quantity: free, unit: "GB", basis: "first 100 GB per month are free (--free-tier)")
                gb -= free
            }
            tiered("egress", service, "Internet egress", quantity: gb, key: .internetDataTransferOut, basis: basis + (scenario.billing.freeTier ? " - 100 GB free" : ""))
        }

        mutating func dnsAndCertificate() {
            let zone = scenario.topology.albScheme == .internetFacing ? "public" : "private"
            tiered("route53.zone", "Route 53", "Hosted zone", quantity: 1, key: .route53HostedZoneMonth, basis: "1 \(zone) hosted zone; alias queries to the ALB are free")
            flat("acm.certificate", "ACM", "Public certificate", quantity: 1, key: .acmPublicCertificate, basis: "1 certificate on the HTTPS listener; free with ELB")
        }
    }
}
