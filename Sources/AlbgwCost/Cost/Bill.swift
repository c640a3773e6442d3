import Foundation

/// Where a line item sits on the bill: the request path first, then data transfer, then naming
/// (DNS and certificates). Within a section, items keep the order of the chain.
package enum BillSection: Int, Sendable, Comparable {
    case requestPath
    case dataTransfer
    case naming

    package static func < (lhs: BillSection, rhs: BillSection) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The line items a design's components add, priced from one price book. Nothing is rounded here.
package struct Bill {
    package let scenario: Scenario
    package let book: PriceBook
    private var entries: [(section: BillSection, item: LineItem)] = []

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

    private mutating func append(_ item: LineItem, _ section: BillSection) { entries.append((section, item)) }

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
