import Foundation

/// Where a line item sits on the bill: the request path first, then data transfer, naming (DNS
/// and certificates), security (WAF), observability (logs, X-Ray) and the corporate link. Within a
/// section, items keep the order of the chain.
package enum BillSection: Int, Sendable, Comparable {
    case requestPath
    case dataTransfer
    case naming
    case security
    case observability
    case link

    package static func < (lhs: BillSection, rhs: BillSection) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The line items a design's components add, priced from one price book. Nothing is rounded here.
package struct Bill {
    package let scenario: Scenario
    package let book: PriceBook
    private var entries: [(section: BillSection, item: LineItem)] = []
    fileprivate var logVolumes: [(vended: Bool, gb: Decimal, basis: String)] = []

    package init(scenario: Scenario, book: PriceBook) {
        self.scenario = scenario
        self.book = book
    }

    /// The items in bill order.
    package var items: [LineItem] {
        entries.enumerated().sorted { ($0.element.section, $0.offset) < ($1.element.section, $1.offset) }.map(\.element.item)
    }

    package var hours: Decimal { scenario.billing.hoursPerMonth }
    /// ALB, LCU, endpoint and IPv4 hours: AWS bills a partial hour as a full one.
    package var billedHours: Decimal { scenario.billing.hoursPerMonth.ceiling }
    package var millions: Decimal { scenario.monthlyRequests / Units.requestsPerMillion }

    private mutating func append(_ item: LineItem, _ section: BillSection) {
        entries.append((section, item))
    }

    /// Adds one flat-priced item, or a missing-price item when the table has no figure.
    package mutating func flat(
        _ id: String, _ service: String, _ component: String, quantity: Decimal, key: PriceKey, basis: String, section: BillSection = .requestPath
    ) {
        switch book.lookup(key) {
        case .price(let price):
            append(
                LineItem(
                    id: id, service: service, component: component, quantity: quantity, unit: price.unit,
                    unitPrice: price.rate, monthlyCost: quantity * price.rate, priceKey: key, basis: basis,
                    confidence: price.confidence, missingReason: nil), section)
        case .missing(let reason):
            append(missingItem(id, service, component, quantity: quantity, key: key, basis: basis, reason: reason), section)
        }
    }

    /// Adds a free-tier or free-allowance band at $0 (no price is read for it).
    package mutating func free(
        _ id: String, _ service: String, _ component: String, quantity: Decimal, unit: String, basis: String, section: BillSection = .requestPath
    ) {
        append(
            LineItem(
                id: id, service: service, component: component, quantity: quantity, unit: unit, unitPrice: 0,
                monthlyCost: 0, priceKey: nil, basis: basis, confidence: nil, missingReason: nil), section)
    }

    /// Adds one item per tier band the quantity reaches.
    package mutating func tiered(
        _ id: String, _ service: String, _ component: String, quantity: Decimal, key: PriceKey, basis: String, section: BillSection = .requestPath
    ) {
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
                append(
                    LineItem(
                        id: "\(id).tier\(share.index + 1)", service: service,
                        component: label.map { "\(component) (\($0))" } ?? component, quantity: share.quantity,
                        unit: price.unit, unitPrice: share.usd, monthlyCost: share.quantity * share.usd, priceKey: key,
                        basis: basis, confidence: share.confidence, missingReason: nil), section)
            }
        case .missing(let reason):
            append(missingItem(id, service, component, quantity: quantity, key: key, basis: basis, reason: reason), section)
        }
    }

    /// Marks the priced items under `prefix` with a lower confidence than their price's, when the
    /// rule that applies the price is itself uncertain.
    package mutating func setConfidence(_ confidence: Confidence, forItemsUnder prefix: String) {
        for index in entries.indices where entries[index].item.id == prefix || entries[index].item.id.hasPrefix(prefix + ".") {
            if entries[index].item.monthlyCost != nil { entries[index].item.confidence = confidence }
        }
    }

    private func missingItem(_ id: String, _ service: String, _ component: String, quantity: Decimal, key: PriceKey, basis: String, reason: String) -> LineItem {
        LineItem(
            id: id, service: service, component: component, quantity: quantity, unit: key.unit, unitPrice: nil,
            monthlyCost: nil, priceKey: key, basis: basis, confidence: nil, missingReason: reason)
    }
}

extension Bill {
    /// Responses that leave to the internet, after the free allowance when `--free-tier` applies.
    package mutating func internetEgress() {
        let service = "Data transfer"
        let workload = scenario.workload
        var gb = CostEngine.monthlyGB(kibPerRequest: workload.responseKiB, in: scenario)
        let basis = "\(Format.quantity(scenario.monthlyRequests)) responses x \(workload.responseKiB) KiB / 1,048,576 KiB per GB"
        if scenario.billing.freeTier {
            let free = min(gb, FreeTier.internetEgressGB)
            self.free(
                "egress.free", service, "Internet egress (free allowance)", quantity: free, unit: "GB", basis: "first 100 GB per month are free (--free-tier)",
                section: .dataTransfer)
            gb -= free
        }
        tiered(
            "egress", service, "Internet egress", quantity: gb, key: .internetDataTransferOut, basis: basis + (scenario.billing.freeTier ? " - 100 GB free" : ""),
            section: .dataTransfer)
    }
}

extension Bill {
    /// Logs a component writes per month, priced once for the design by `priceLogs`: vended logs
    /// (Lambda's, on their own tiers) and custom logs (API Gateway's execution and access logs).
    package mutating func addLogs(vended: Bool, gb: Decimal, basis: String) {
        logVolumes.append((vended, gb, basis))
    }

    /// CloudWatch Logs for every log a component added: ingestion by kind, then storage for the
    /// retention period. With `--free-tier` the always-free 5 GB apply to custom-log ingestion and to
    /// storage; whether they cover vended logs AWS does not say, so they are not applied there.
    package mutating func priceLogs() {
        guard let logs = scenario.wholeBill.logs, !logVolumes.isEmpty else { return }
        let service = "CloudWatch Logs"
        let freeTier = scenario.billing.freeTier
        let vended = logVolumes.filter(\.vended)
        let custom = logVolumes.filter { !$0.vended }
        if !vended.isEmpty {
            let gb = vended.map(\.gb).reduce(0, +)
            tiered(
                "logs.vended", service, "Lambda log ingestion (vended logs)", quantity: gb, key: .vendedLogsIngestion,
                basis: vended.map(\.basis).joined(separator: "; ") + "; Lambda's logs are vended logs, tiered, since 2025-05-01", section: .observability)
        }
        if !custom.isEmpty {
            var gb = custom.map(\.gb).reduce(0, +)
            if freeTier {
                let free = min(gb, FreeTier.logsGB)
                self.free(
                    "logs.ingestion.free", service, "Log ingestion (free allowance)", quantity: free, unit: "GB", basis: "first 5 GB per month are free (--free-tier)",
                    section: .observability)
                gb -= free
            }
            flat(
                "logs.ingestion", service, "Log ingestion (API Gateway)", quantity: gb, key: .logsIngestion,
                basis: custom.map(\.basis).joined(separator: "; ") + (freeTier ? " - 5 GB free" : ""), section: .observability)
        }
        let ingested = logVolumes.map(\.gb).reduce(0, +)
        // Steady state: the days kept, out of the days in the billed month, of what a month ingests.
        let days = hours / 24
        var stored = ingested * WholeBill.Logs.storedFraction * logs.retentionDays / days
        let storageBasis =
            "\(Format.quantity(ingested)) GB ingested per month x 0.2 (stored compressed, as in AWS's example: 30 GB -> 6 GB) x \(logs.retentionDays) days kept / \(Format.quantity(days)) days in the month (\(Format.quantity(hours)) h / 24)"
        if freeTier {
            let free = min(stored, FreeTier.logsGB)
            self.free(
                "logs.storage.free", service, "Log storage (free allowance)", quantity: free, unit: "GB-month", basis: "first 5 GB-month are free (--free-tier)",
                section: .observability)
            stored -= free
        }
        flat(
            "logs.storage", service, "Log storage (\(logs.retentionDays) days)", quantity: stored, key: .logsStorage,
            basis: storageBasis + (freeTier ? " - 5 GB free" : ""), section: .observability)
    }
}

extension Bill {
    /// AWS WAF at `target`: the design's one web ACL and its rules (a regional web ACL can protect
    /// an ALB and an API stage at once), the first time, then every request inspected there.
    package mutating func webACL(_ id: String, on target: String) {
        let waf = scenario.wholeBill
        let service = "AWS WAF"
        if !entries.contains(where: { $0.item.id == "waf.acl" }) {
            flat(
                "waf.acl", service, "Web ACL", quantity: 1, key: .wafWebACLMonth,
                basis: "1 web ACL x 1 month, associated with the \(waf.waf == .both ? "ALB and the API stage where the design has them" : target)", section: .security)
            flat(
                "waf.rules", service, "Rules in the web ACL", quantity: Decimal(waf.wafRules), key: .wafRuleMonth,
                basis: "\(waf.wafRules) rules or rule groups (--waf-rules) x 1 month", section: .security)
        }
        flat(
            "waf.\(id).requests", service, "Requests inspected at the \(target)", quantity: millions, key: .wafRequests,
            basis: "\(Format.quantity(scenario.monthlyRequests)) requests per month, each inspected at the \(target)", section: .security)
    }
}
