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
///
/// A bill is kept in one of two ways. `.itemized` keeps every line item with its label and how its
/// quantity was derived: what the renderers show. `.totals` keeps only the sum and whether a price
/// was missing: what a sweep evaluates at thousands of points. Both run the same component code;
/// the texts are autoclosures, built only when a bill is itemized.
package struct Bill {
    package enum Mode: Sendable {
        case itemized
        case totals
    }

    package let scenario: Scenario
    package let book: PriceBook
    package let mode: Mode
    private var entries: [(section: BillSection, item: LineItem)] = []
    fileprivate var logVolumes: [(vended: Bool, gb: ExactDecimal, basis: () -> String)] = []
    /// The sum of the priced items.
    package private(set) var total: ExactDecimal = 0
    /// True when an item lacked its price.
    package private(set) var lacksPrice = false
    /// True once the design's web ACL is on the bill (it is billed once, wherever it is associated).
    private var hasWebACL = false
    /// The component adding items now (set by `CostEngine` around each component's `bill`); nil for
    /// what the design bills as a whole.
    package var billingComponent: ComponentKind?

    package init(scenario: Scenario, book: PriceBook, mode: Mode = .itemized) {
        self.scenario = scenario
        self.book = book
        self.mode = mode
    }

    /// The items in bill order (none when the bill keeps totals only).
    package var items: [LineItem] {
        entries.enumerated().sorted { ($0.element.section, $0.offset) < ($1.element.section, $1.offset) }.map(\.element.item)
    }

    package var hours: ExactDecimal { scenario.billing.hoursPerMonth }
    /// ALB, LCU, endpoint and IPv4 hours: AWS bills a partial hour as a full one.
    package var billedHours: ExactDecimal { scenario.billing.hoursPerMonth.ceiling }
    package var millions: ExactDecimal { scenario.monthlyRequests / Units.requestsPerMillion }

    /// Adds one flat-priced item, or a missing-price item when the table has no figure.
    package mutating func flat(
        _ id: String, _ service: String, _ component: @autoclosure () -> String, quantity: ExactDecimal, key: PriceKey, basis: @autoclosure () -> String,
        section: BillSection = .requestPath
    ) {
        switch book.lookup(key) {
        case .price(let price):
            let cost = quantity * price.rate
            total += cost
            guard mode == .itemized else { return }
            append(
                section,
                LineItem(
                    id: id, service: service, component: component(), quantity: quantity, unit: price.unit,
                    unitPrice: price.rate, monthlyCost: cost, priceKey: key, basis: basis(),
                    confidence: price.confidence, missingReason: nil))
        case .missing(let reason):
            lacksPrice = true
            guard mode == .itemized else { return }
            append(section, Self.missingItem(id, service, component(), quantity: quantity, key: key, basis: basis(), reason: reason))
        }
    }

    /// Adds a free-tier or free-allowance band at $0 (no price is read for it).
    package mutating func free(
        _ id: String, _ service: String, _ component: @autoclosure () -> String, quantity: ExactDecimal, unit: String, basis: @autoclosure () -> String,
        section: BillSection = .requestPath
    ) {
        guard mode == .itemized else { return }
        append(
            section,
            LineItem(
                id: id, service: service, component: component(), quantity: quantity, unit: unit, unitPrice: 0,
                monthlyCost: 0, priceKey: nil, basis: basis(), confidence: nil, missingReason: nil))
    }

    /// Adds one item per tier band the quantity reaches.
    package mutating func tiered(
        _ id: String, _ service: String, _ component: @autoclosure () -> String, quantity: ExactDecimal, key: PriceKey, basis: @autoclosure () -> String,
        section: BillSection = .requestPath
    ) {
        switch book.lookup(key) {
        case .price(let price):
            guard mode == .itemized else {
                total += price.cost(of: quantity)
                return
            }
            var shares = price.split(quantity)
            if shares.isEmpty {
                // Zero usage: keep the first band visible at zero so that its rate still shows.
                let first = price.tiers[0]
                shares = [TierShare(index: 0, start: 0, end: first.upTo, quantity: 0, usd: first.usd, confidence: first.confidence ?? price.confidence)]
            }
            let name = component()
            let text = basis()
            for share in shares {
                let label = TierLabel.label(for: share, unit: price.unit, isOnlyBand: price.tiers.count == 1)
                let cost = share.quantity * share.usd
                total += cost
                append(
                    section,
                    LineItem(
                        id: "\(id).tier\(share.index + 1)", service: service,
                        component: label.map { "\(name) (\($0))" } ?? name, quantity: share.quantity,
                        unit: price.unit, unitPrice: share.usd, monthlyCost: cost, priceKey: key,
                        basis: text, confidence: share.confidence, missingReason: nil))
            }
        case .missing(let reason):
            lacksPrice = true
            guard mode == .itemized else { return }
            append(section, Self.missingItem(id, service, component(), quantity: quantity, key: key, basis: basis(), reason: reason))
        }
    }

    /// Keeps `item` in `section`, marked with the component that adds it.
    private mutating func append(_ section: BillSection, _ item: LineItem) {
        var item = item
        item.billedBy = billingComponent
        entries.append((section, item))
    }

    /// Marks the priced items under `prefix` with a lower confidence than their price's, when the
    /// rule that applies the price is itself uncertain.
    package mutating func setConfidence(_ confidence: Confidence, forItemsUnder prefix: String) {
        for index in entries.indices where entries[index].item.id == prefix || entries[index].item.id.hasPrefix(prefix + ".") {
            if entries[index].item.monthlyCost != nil { entries[index].item.confidence = confidence }
        }
    }

    private static func missingItem(_ id: String, _ service: String, _ component: String, quantity: ExactDecimal, key: PriceKey, basis: String, reason: String) -> LineItem {
        LineItem(
            id: id, service: service, component: component, quantity: quantity, unit: key.unit, unitPrice: nil,
            monthlyCost: nil, priceKey: key, basis: basis, confidence: nil, missingReason: reason)
    }
}

extension Bill {
    /// Responses that leave to the internet, after the free allowance when `--free-tier` applies.
    package mutating func internetEgress() {
        let service = "Data transfer"
        let requests = scenario.monthlyRequests
        let responseKiB = scenario.workload.responseKiB
        let freeTier = scenario.billing.freeTier
        var gb = CostEngine.monthlyGB(kibPerRequest: responseKiB, in: scenario)
        if freeTier {
            let free = min(gb, FreeTier.internetEgressGB)
            self.free(
                "egress.free", service, "Internet egress (free allowance)", quantity: free, unit: "GB", basis: "first 100 GB per month are free (--free-tier)",
                section: .dataTransfer)
            gb -= free
        }
        tiered(
            "egress", service, "Internet egress", quantity: gb, key: .internetDataTransferOut,
            basis: "\(Format.quantity(requests)) responses x \(responseKiB) KiB / 1,048,576 KiB per GB" + (freeTier ? " - 100 GB free" : ""),
            section: .dataTransfer)
    }
}

extension Bill {
    /// Logs a component writes per month, priced once for the design by `priceLogs`: vended logs
    /// (Lambda's, on their own tiers) and custom logs (API Gateway's execution and access logs).
    /// The derivation is built only if the bill is itemized.
    package mutating func addLogs(vended: Bool, gb: ExactDecimal, basis: @escaping () -> String) {
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
                basis: vended.map { $0.basis() }.joined(separator: "; ") + "; Lambda's logs are vended logs, tiered, since 2025-05-01", section: .observability)
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
                basis: custom.map { $0.basis() }.joined(separator: "; ") + (freeTier ? " - 5 GB free" : ""), section: .observability)
        }
        let ingested = logVolumes.map(\.gb).reduce(0, +)
        // Steady state: the days kept, out of the days in the billed month, of what a month ingests.
        let hours = self.hours
        let days = hours / 24
        let retention = logs.retentionDays
        var stored = ingested * WholeBill.Logs.storedFraction * retention / days
        if freeTier {
            let free = min(stored, FreeTier.logsGB)
            self.free(
                "logs.storage.free", service, "Log storage (free allowance)", quantity: free, unit: "GB-month", basis: "first 5 GB-month are free (--free-tier)",
                section: .observability)
            stored -= free
        }
        flat(
            "logs.storage", service, "Log storage (\(retention) days)", quantity: stored, key: .logsStorage,
            basis:
                "\(Format.quantity(ingested)) GB ingested per month x 0.2 (stored compressed, as in AWS's example: 30 GB -> 6 GB) x \(retention) days kept / \(Format.quantity(days)) days in the month (\(Format.quantity(hours)) h / 24)"
                + (freeTier ? " - 5 GB free" : ""), section: .observability)
    }
}

extension Bill {
    /// AWS WAF at `target`: the design's one web ACL and its rules (a regional web ACL can protect
    /// an ALB and an API stage at once), the first time, then every request inspected there.
    package mutating func webACL(_ id: String, on target: String) {
        let waf = scenario.wholeBill
        let service = "AWS WAF"
        let requests = scenario.monthlyRequests
        if !hasWebACL {
            hasWebACL = true
            flat(
                "waf.acl", service, "Web ACL", quantity: 1, key: .wafWebACLMonth,
                basis: "1 web ACL x 1 month, associated with the \(waf.waf == .both ? "ALB and the API stage where the design has them" : target)", section: .security)
            flat(
                "waf.rules", service, "Rules in the web ACL", quantity: ExactDecimal(waf.wafRules), key: .wafRuleMonth,
                basis: "\(waf.wafRules) rules or rule groups (--waf-rules) x 1 month", section: .security)
        }
        flat(
            "waf.\(id).requests", service, "Requests inspected at the \(target)", quantity: millions, key: .wafRequests,
            basis: "\(Format.quantity(requests)) requests per month, each inspected at the \(target)", section: .security)
    }
}
