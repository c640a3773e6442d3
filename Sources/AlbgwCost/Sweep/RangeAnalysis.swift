import Foundation

/// What the design-review report adds around the workload: the designs from a decade below to a
/// decade above its traffic (the crossovers, a chart), and each region at those three rates.
package struct RangeAnalysis: Sendable, Equatable {
    /// The sweep of the traffic over [rate / 10, rate x 10].
    package var sweep: SweepResult
    /// The traffic at a decade below, the workload's own, and a decade above.
    package var rates: [ExactDecimal]
    /// One row per region: every swept design at each of `rates`, cheapest region first.
    package var regions: [RegionRow]
    /// Designs left out of the region table, with why.
    package var excluded: [(design: DesignID, reason: String)]
    /// The Mermaid chart's points: 1, 2 and 5 steps across the two decades, each design's monthly cost.
    package var chart: [(value: ExactDecimal, monthly: [ExactDecimal])]

    package struct RegionRow: Sendable, Equatable {
        package var region: String
        /// Per design (in the sweep's order), the monthly cost at each of `rates`.
        package var monthly: [[ExactDecimal]]
        /// Per design: false when the region's table lacks a price it needs.
        package var complete: [Bool]

        /// The cheapest fully priced design's cost at the workload's own rate; nil when none is.
        var best: ExactDecimal? { zip(monthly, complete).filter(\.1).map { $0.0[1] }.min() }
    }

    package static func == (lhs: RangeAnalysis, rhs: RangeAnalysis) -> Bool { lhs.sweep == rhs.sweep && lhs.regions == rhs.regions }

    /// The values the Mermaid chart uses: 1, 2 and 5 steps across the two decades.
    package static let chartMultiples: [ExactDecimal] = [ExactDecimal.literal("0.1"), ExactDecimal.literal("0.2"), ExactDecimal.literal("0.5"), 1, 2, 5, 10]

    /// The analysis for `report`'s scenario, priced from `catalog`'s tables in every region it has.
    package static func build(for report: Report, catalog: PriceCatalog) throws -> RangeAnalysis {
        let scenario = report.scenario
        let variable: SweepVariable
        let rate: ExactDecimal
        switch scenario.workload.rate {
        case .perSecond(let rps):
            variable = .rps
            rate = rps
        case .perMonth(let requests):
            variable = .requestsPerMonth
            rate = requests
        }
        let low = variable.clamped(rate / 10)
        let high = variable.clamped(rate * 10)
        let evaluator = SweepEvaluator(base: scenario, book: report.prices, variable: variable, designs: scenario.designs)
        let sweep = evaluator.run(SweepSpec(variable: variable, from: low, to: high, points: 41, scale: .log))
        let rates = [low, rate, high]
        var rows: [RegionRow] = []
        for region in try catalog.regions() {
            let book = try catalog.book(for: region)
            var regional = scenario
            regional.topology.region = region
            var row = RegionRow(region: region, monthly: [], complete: [])
            for design in sweep.designs {
                var monthly: [ExactDecimal] = []
                var complete = true
                for value in rates {
                    var point = regional
                    variable.apply(value, to: &point)
                    let total = CostEngine.total(of: design.definition, in: point, prices: book)
                    monthly.append(total.monthly)
                    complete = complete && total.complete
                }
                row.monthly.append(monthly)
                row.complete.append(complete)
            }
            rows.append(row)
        }
        // The region with the cheapest fully priced design at the workload first; regions with none after.
        rows.sort { lhs, rhs in
            switch (lhs.best, rhs.best) {
            case (let a?, let b?) where a != b: return a < b
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs.region < rhs.region
            }
        }
        // The chart's values come from the sweep's own evaluator: the engine's, like every figure.
        let swept = SweepEvaluator(base: scenario, book: report.prices, variable: variable, designs: sweep.designs)
        let values = chartMultiples.map { variable.clamped(rate * $0) }.reduce(into: [ExactDecimal]()) { if $0.last != $1 { $0.append($1) } }
        let chart = values.map { value in
            (value: value, monthly: swept.point(at: value).cells.map(\.monthlyCost))
        }
        return RangeAnalysis(sweep: sweep, rates: rates, regions: rows, excluded: sweep.excluded, chart: chart)
    }
}
