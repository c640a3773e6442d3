import Foundation

/// The same workload priced in several regions (`--regions all|CODE,CODE`): one row per region
/// and design that can carry it, ranked by monthly cost. A region whose table lacks a price the
/// design needs is shown as incomplete and not ranked: its total is a lower bound.
package struct RegionComparison: Sendable, Equatable {
    package struct Row: Sendable, Equatable {
        package var region: String
        package var location: String
        package var design: DesignID
        package var monthlyCost: ExactDecimal
        package var costPerMillionRequests: ExactDecimal
        package var complete: Bool
        /// Prices the region's table lacks for this design.
        package var missing: [PriceKey]
        /// 1 for the cheapest; nil when not ranked (incomplete).
        package var rank: Int?

        /// The monthly cost as the table shows it, rounded to the cent: what ranks compare.
        package var shownCost: ExactDecimal { monthlyCost.rounded(scale: 2) }
    }

    package var rows: [Row]
    /// The options given for a part no analysed design has, as a sentence (`ReportBuilder.unusedOptions`).
    package var unusedOptions: String? = nil
    /// Designs left out in a region, with why (they cannot carry the workload there).
    package var excluded: [(region: String, design: DesignID, reason: String)]
    /// The analysed scenario, at the first region.
    package var scenario: Scenario

    package static func == (lhs: RegionComparison, rhs: RegionComparison) -> Bool { lhs.rows == rhs.rows }

    /// Prices every design of `scenario` in each region, with that region's tables.
    package static func build(_ scenario: Scenario, regions: [String], catalog: PriceCatalog) throws -> RegionComparison {
        var rows: [Row] = []
        var excluded: [(String, DesignID, String)] = []
        for region in regions {
            var regional = scenario
            regional.topology.region = region
            let book = try catalog.book(for: region)
            for design in scenario.designs {
                let reasons = FeasibilityAnalyzer.reasons(for: design, in: regional)
                guard reasons.isEmpty else {
                    excluded.append((region, design, reasons.map(\.summary).joined(separator: ", ")))
                    continue
                }
                let cost = CostEngine.cost(of: design, in: regional, prices: book)
                rows.append(
                    Row(
                        region: region, location: book.regional.location, design: design, monthlyCost: cost.monthlyCost,
                        costPerMillionRequests: cost.costPerMillionRequests, complete: cost.isComplete, missing: cost.missing.map(\.key), rank: nil))
            }
        }
        // Complete rows by cost as shown, to the cent (ties: region, then design order); incomplete
        // ones after, by region.
        let order = Dictionary(uniqueKeysWithValues: DesignCatalog.all.enumerated().map { ($0.element.id, $0.offset) })
        rows.sort { lhs, rhs in
            if lhs.complete != rhs.complete { return lhs.complete }
            if lhs.complete && lhs.shownCost != rhs.shownCost { return lhs.shownCost < rhs.shownCost }
            if lhs.region != rhs.region { return lhs.region < rhs.region }
            return order[lhs.design, default: 0] < order[rhs.design, default: 0]
        }
        // Totals that round to the same cent share a rank (1, 1, 3): a difference no one is shown is
        // not an order.
        var position = 0
        for index in rows.indices where rows[index].complete {
            position += 1
            let tied = index > 0 && rows[index - 1].complete && rows[index - 1].shownCost == rows[index].shownCost
            rows[index].rank = tied ? rows[index - 1].rank : position
        }
        return RegionComparison(rows: rows, excluded: excluded, scenario: scenario)
    }

    /// The cheapest row, when one is fully priced (the first of a tie).
    package var cheapest: Row? { rows.first { $0.rank == 1 } }

    /// Every row tied for cheapest.
    package var cheapestRows: [Row] { rows.filter { $0.rank == 1 } }

    /// Rows not ranked (a price is missing) whose totals without it are below the cheapest ranked
    /// row's: they might be cheaper.
    package var possiblyCheaper: [Row] {
        guard let best = cheapest else { return [] }
        return rows.filter { !$0.complete && $0.monthlyCost < best.monthlyCost }
    }
}
