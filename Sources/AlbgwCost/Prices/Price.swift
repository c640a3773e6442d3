import Foundation

/// How far a figure can be trusted, as graded in the reference notes the tables were built from.
package enum Confidence: String, Sendable, CaseIterable, Comparable {
    case high
    case mediumHigh = "medium-high"
    case medium
    case low

    private var rank: Int {
        switch self {
        case .high: 0
        case .mediumHigh: 1
        case .medium: 2
        case .low: 3
        }
    }

    /// Lower confidence sorts later, so `max` picks the weakest figure.
    package static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }

    /// A confidence named in a bundled table, for the code the build generates from `PriceTables/*.json`.
    static func bundled(_ rawValue: String) -> Confidence {
        guard let confidence = Confidence(rawValue: rawValue) else { preconditionFailure("a bundled price table names an unknown confidence '\(rawValue)'") }
        return confidence
    }
}

/// One band of a price schedule: the rate applies up to `upTo` (cumulative, in the price's unit).
package struct PriceTier: Sendable, Equatable {
    /// Cumulative upper bound; `nil` for the last, unbounded band.
    package var upTo: ExactDecimal?
    /// USD per unit.
    package var usd: ExactDecimal
    /// Overrides the price's confidence for this band when the sources differ per band.
    package var confidence: Confidence?

    package init(upTo: ExactDecimal?, usd: ExactDecimal, confidence: Confidence? = nil) {
        self.upTo = upTo
        self.usd = usd
        self.confidence = confidence
    }
}

/// A sourced list price: one rate, or a tier schedule, in USD per `unit`.
/// A reference type: read-only once decoded, and read at every evaluation, where copying its
/// strings and bands would cost more than the arithmetic.
package final class Price: Sendable, Equatable {
    package let key: PriceKey
    package let unit: String
    /// Ascending bands; a flat price has one unbounded band.
    package let tiers: [PriceTier]
    /// Where the figure comes from, in words a reviewer can follow up.
    package let source: String
    /// When the source stated the figure: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    package let asOf: String
    package let confidence: Confidence
    /// The rate of a flat price (the first band of a schedule).
    package let rate: ExactDecimal

    package static func == (lhs: Price, rhs: Price) -> Bool {
        lhs.key == rhs.key && lhs.unit == rhs.unit && lhs.tiers == rhs.tiers && lhs.source == rhs.source && lhs.asOf == rhs.asOf && lhs.confidence == rhs.confidence
    }

    package init(key: PriceKey, unit: String, tiers: [PriceTier], source: String, asOf: String, confidence: Confidence) {
        self.key = key
        self.unit = unit
        self.tiers = tiers
        self.source = source
        self.asOf = asOf
        self.confidence = confidence
        self.rate = tiers[0].usd
    }
}

/// One band's share of a quantity priced through a schedule.
package struct TierShare: Sendable, Equatable {
    /// Index of the band in the schedule.
    package var index: Int
    /// Cumulative start and end of the band; `end` is nil for the unbounded band.
    package var start: ExactDecimal
    package var end: ExactDecimal?
    package var quantity: ExactDecimal
    package var usd: ExactDecimal
    package var confidence: Confidence
}

extension Price {
    /// What `quantity` costs through the bands: the sum of `split`'s shares, without building them.
    package func cost(of quantity: ExactDecimal) -> ExactDecimal {
        var total: ExactDecimal = 0
        var start: ExactDecimal = 0
        for tier in tiers {
            guard quantity > start else { break }
            guard let end = tier.upTo else { return total + (quantity - start) * tier.usd }
            total += (min(end, quantity) - start) * tier.usd
            start = end
        }
        return total
    }

    /// Splits `quantity` (counted from `offset`, for usage already consumed elsewhere) over the
    /// bands, cheapest-last as AWS bills. Bands the quantity does not reach are left out.
    package func split(_ quantity: ExactDecimal, startingAt offset: ExactDecimal = 0) -> [TierShare] {
        var shares: [TierShare] = []
        var start: ExactDecimal = 0
        let usageEnd = offset + quantity
        for (index, tier) in tiers.enumerated() {
            let end = tier.upTo
            let from = max(start, offset)
            let to = end.map { min($0, usageEnd) } ?? usageEnd
            if to > from {
                shares.append(
                    TierShare(
                        index: index, start: start, end: end, quantity: to - from, usd: tier.usd,
                        confidence: tier.confidence ?? confidence))
            }
            if let end { start = end } else { break }
        }
        return shares
    }
}
