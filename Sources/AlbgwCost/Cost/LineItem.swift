import Foundation

/// One billed quantity at one price: `quantity x unitPrice = monthlyCost`, exactly.
package struct LineItem: Sendable, Equatable {
    /// Stable machine name, for example `alb.lcu` or `apigateway.requests.tier1`.
    package var id: String
    package var service: String
    package var component: String
    package var quantity: ExactDecimal
    package var unit: String
    /// USD per unit; nil when the price is missing from the table.
    package var unitPrice: ExactDecimal?
    /// `quantity x unitPrice`; nil when the price is missing.
    package var monthlyCost: ExactDecimal?
    /// The price the item reads; nil for quantities that are free by rule (free-tier bands).
    package var priceKey: PriceKey?
    /// How the quantity was derived, in words and numbers.
    package var basis: String
    /// Confidence of the figure used (the band's, for tiered prices).
    package var confidence: Confidence?
    /// Why the price is missing, and how to supply it.
    package var missingReason: String?
    /// Whether every feasible design in the run pays it (set by the report); `.design` until then.
    package var scope: LineItemScope = .design
    /// The component whose `bill` added it; nil for what the design bills as a whole (CloudWatch Logs).
    /// Diagrams show each component's items on its node.
    package var billedBy: ComponentKind? = nil
}

/// Who pays a line item: every feasible design alike, or this design only.
package enum LineItemScope: String, Sendable {
    case shared
    case design
}

/// A price the table lacks for a design that needs it.
package struct MissingPrice: Sendable, Equatable {
    package var key: PriceKey
    package var reason: String
}

/// The cost of one design: its line items and totals at full precision.
package struct DesignCost: Sendable, Equatable {
    package var design: DesignID
    package var lineItems: [LineItem]
    package var monthlyRequests: ExactDecimal
    package var hoursPerMonth: ExactDecimal

    /// Sum of the priced items; a lower bound when `missing` is not empty.
    package var monthlyCost: ExactDecimal { lineItems.compactMap(\.monthlyCost).reduce(0, +) }
    package var hourlyCost: ExactDecimal { monthlyCost / hoursPerMonth }
    package var costPerMillionRequests: ExactDecimal {
        monthlyRequests == 0 ? 0 : monthlyCost / monthlyRequests * Units.requestsPerMillion
    }

    package var missing: [MissingPrice] {
        var seen: Set<PriceKey> = []
        return lineItems.compactMap { item in
            guard let reason = item.missingReason, let key = item.priceKey, seen.insert(key).inserted else { return nil }
            return MissingPrice(key: key, reason: reason)
        }
    }

    package var isComplete: Bool { lineItems.allSatisfy { $0.missingReason == nil } }
    /// True when every missing price is in a shared item: every feasible design lacks the same
    /// figure, so differences between them are exact though the totals are not.
    package var differencesAreKnown: Bool { lineItems.allSatisfy { $0.missingReason == nil || $0.scope == .shared } }

    /// The part every feasible design pays alike.
    package var sharedMonthlyCost: ExactDecimal { lineItems.filter { $0.scope == .shared }.compactMap(\.monthlyCost).reduce(0, +) }
    /// What this design adds: the total without the shared part.
    package var designMonthlyCost: ExactDecimal { monthlyCost - sharedMonthlyCost }

    /// The items whose id is `prefix` or starts with `prefix.` (every tier of `apigateway.requests`).
    package func items(_ prefix: String) -> [LineItem] {
        lineItems.filter { $0.id == prefix || $0.id.hasPrefix(prefix + ".") }
    }

    /// Sum of the priced items under `prefix`.
    package func total(_ prefix: String) -> ExactDecimal { items(prefix).compactMap(\.monthlyCost).reduce(0, +) }

    /// The item with exactly this id.
    package func item(_ id: String) -> LineItem? { lineItems.first { $0.id == id } }
}
