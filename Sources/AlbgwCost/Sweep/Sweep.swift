import Foundation

/// What to vary and over which values: `--vary VAR=FROM..TO --points N --scale log|linear`.
package struct SweepSpec: Sendable, Equatable {
    package var variable: SweepVariable
    package var from: ExactDecimal
    package var to: ExactDecimal
    package var points: Int
    package var scale: SweepScale

    package static let defaultPoints = 50
    package static let maximumPoints = 1_000_000

    package init(variable: SweepVariable, from: ExactDecimal, to: ExactDecimal, points: Int = SweepSpec.defaultPoints, scale: SweepScale? = nil) {
        self.variable = variable
        self.from = from
        self.to = to
        self.points = points
        self.scale = scale ?? variable.defaultScale
    }

    /// The values evaluated, from `from` to `to`, both included. Inner points are spread evenly (or
    /// evenly on a log scale) and written with at most 6 significant digits, whole for whole-valued
    /// inputs: each is exactly the value evaluated, so any of them can be run again on its own.
    package func values() -> [ExactDecimal] {
        guard points > 1 else { return [from] }
        var result: [ExactDecimal] = [from]
        result.reserveCapacity(points)
        let steps = points - 1
        let low = from.doubleValue
        let high = to.doubleValue
        for index in 1..<steps {
            let fraction = Double(index) / Double(steps)
            let raw: Double
            switch scale {
            case .linear: raw = low + (high - low) * fraction
            case .log: raw = low * pow(high / low, fraction)
            }
            var value = Format.significant(raw, digits: 6)
            if variable.isWhole { value = value.rounded(scale: 0) }
            // Never outside the ends, never repeating the previous point.
            value = min(max(value, from), to)
            if value > result.last! { result.append(value) }
        }
        if to > result.last! { result.append(to) }
        return result
    }
}

/// One design at one point.
package struct SweepCell: Sendable, Equatable {
    package var monthlyCost: ExactDecimal
    /// False when a price is missing: the cost is then a lower bound and the design is not ranked.
    package var complete: Bool
    /// False when the design cannot carry the workload at this point (or cannot be built here).
    package var feasible: Bool
}

/// Every design at one value of the swept input, and the cheapest one that can carry it.
package struct SweepPoint: Sendable, Equatable {
    package var value: ExactDecimal
    /// In the order of `SweepResult.designs`.
    package var cells: [SweepCell]
    /// Index of the cheapest design that can carry the workload; nil when none can, or when a
    /// missing price leaves it open (`unranked` then names the designs that keep it open).
    package var cheapest: Int?
    /// Designs that can carry the workload but lack a price, and whose totals without it (lower
    /// bounds) are below the cheapest fully priced design's, or when none is fully priced, all of
    /// them: which design is cheapest cannot be told. Empty when it can. Incomplete is not
    /// infeasible: a design whose lower bound is already above a fully priced one is simply not the
    /// cheapest, and a design that is the only one that can carry it is the cheapest, priced or not.
    package var unranked: [Int] = []

    /// What the point answers: a design, nothing (no design can carry it), or open (a price is missing).
    package enum Answer: Equatable, Sendable {
        case design(Int)
        case none
        case open
    }

    package var answer: Answer { cheapest.map(Answer.design) ?? (unranked.isEmpty ? .none : .open) }
}

/// Where something changes across the range: the cheapest design, or whether a design can carry the workload.
package struct Crossover: Sendable, Equatable {
    package enum Kind: String, Sendable {
        /// Another design becomes the cheapest that can carry the workload.
        case cheapest
        /// Which design is cheapest can no longer be told: a design that lacks a price has a lower
        /// bound below the cheapest fully priced one (`design` is the first of them).
        case unranked
        /// A design starts to exceed a quota AWS raises on request (or another warning of the
        /// single-point command): it still carries the workload, as there, with the warning.
        case warning
        /// A design stops being able to carry the workload above the value.
        case stopsCarrying = "stops-carrying"
    }

    package var kind: Kind
    /// The value: a design's limit exactly, or a cost crossover found by bisection (exact arithmetic,
    /// to 1 part in 10^9 of the value), written as the decimal with the fewest digits in the final
    /// bracket (348.44163, not 37 digits of a midpoint).
    package var value: ExactDecimal
    /// True when `value` is exact (a limit), false when it is a bisection's result.
    package var exact: Bool
    /// The design the change is about: the new cheapest, or the one that stops.
    package var design: DesignID
    /// The design it replaces as the cheapest, when there was one.
    package var previous: DesignID?
    /// What stops the design, for `stopsCarrying`.
    package var reason: String?
    /// The sentence, with the value to three significant figures (limits exactly).
    package var text: String
    /// Every design at `value`: the chart's lines run to it, and CSV writes it as a row.
    package var point: SweepPoint
}

/// A sweep's points, its crossovers and its one-sentence summary.
package struct SweepResult: Sendable, Equatable {
    package var spec: SweepSpec
    package var scenario: Scenario
    package var designs: [DesignID]
    package var points: [SweepPoint]
    package var crossovers: [Crossover]
    /// The sentences people read: every crossover, or that nothing changes.
    package var summary: [String]
    /// Designs that cannot be built here at all, with why (not swept).
    package var excluded: [(design: DesignID, reason: String)]
    /// Where the prices come from, for the outputs' headers.
    package var priceOrigin: String
    /// The options given for a part no swept design has, as a sentence (`ReportBuilder.unusedOptions`).
    package var unusedOptions: String? = nil

    package static func == (lhs: SweepResult, rhs: SweepResult) -> Bool {
        lhs.spec == rhs.spec && lhs.designs == rhs.designs && lhs.points == rhs.points && lhs.crossovers == rhs.crossovers && lhs.summary == rhs.summary
    }
}

/// Evaluates designs across a range of one input with the single-point engine (`CostEngine.total`,
/// the same components as `albgw-cost` itself), and finds where the answer changes.
package struct SweepEvaluator: Sendable {
    package let base: Scenario
    package let book: PriceBook
    package let variable: SweepVariable
    package let designs: [DesignDefinition]
    /// Per design: false when something other than the swept input rules it out everywhere.
    let carriesOtherwise: [Bool]
    /// Per design: the swept input's hard limit, when it has one.
    let limits: [(value: ExactDecimal, source: String)?]

    package init(base: Scenario, book: PriceBook, variable: SweepVariable, designs: [DesignID]) {
        self.base = base
        self.book = book
        self.variable = variable
        self.designs = designs.map(\.definition)
        var carries: [Bool] = []
        var limits: [(value: ExactDecimal, source: String)?] = []
        for design in self.designs {
            // The numbers of the design's limits do not depend on the swept input (only the advice
            // does): worked out once, at the base scenario.
            let effective = HopModel.limits(for: design.id, in: base, hops: [])
            let workload = base.workload
            var ok = !design.contexts(base).contains { $0.component.blocks($0) } && base.needs.allSatisfy { design.contains($0.provider) }
            if variable != .requestKB { ok = ok && workload.requestKiB <= effective.maxRequestKiB }
            if variable != .responseKB { ok = ok && workload.responseKiB <= effective.maxResponseKiB }
            if variable != .lambdaDurationMS { ok = ok && workload.lambdaDurationMS / 1000 <= effective.timeoutSeconds }
            carries.append(ok)
            limits.append(variable.hardLimit(effective))
        }
        carriesOtherwise = carries
        self.limits = limits
    }

    /// Whether design `index` can carry the workload at `value`.
    package func feasible(_ index: Int, at value: ExactDecimal) -> Bool {
        guard carriesOtherwise[index] else { return false }
        guard let limit = limits[index] else { return true }
        return value <= limit.value
    }

    /// Every design at `value`.
    package func point(at value: ExactDecimal) -> SweepPoint {
        var scenario = base
        variable.apply(value, to: &scenario)
        var cells: [SweepCell] = []
        cells.reserveCapacity(designs.count)
        var cheapest: Int? = nil
        var incomplete = 0
        for (index, design) in designs.enumerated() {
            let total = CostEngine.total(of: design, in: scenario, prices: book)
            let cell = SweepCell(monthlyCost: total.monthly, complete: total.complete, feasible: feasible(index, at: value))
            if cell.feasible && cell.complete {
                // Ties go to the design listed first (the catalog puts the one with fewest hops last,
                // so compare costs only).
                if let best = cheapest {
                    if cell.monthlyCost < cells[best].monthlyCost { cheapest = index }
                } else {
                    cheapest = index
                }
            } else if cell.feasible {
                incomplete += 1
            }
            cells.append(cell)
        }
        guard incomplete > 0 else { return SweepPoint(value: value, cells: cells, cheapest: cheapest) }
        // A total that lacks a price is a lower bound (no price is negative): it keeps the answer
        // open only while it is below the cheapest fully priced total.
        let bound = cheapest.map { cells[$0].monthlyCost }
        let below = cells.indices.filter { index in
            let cell = cells[index]
            return cell.feasible && !cell.complete && bound.map { cell.monthlyCost < $0 } ?? true
        }
        let candidates = below + (cheapest.map { [$0] } ?? [])
        guard candidates.count > 1 else { return SweepPoint(value: value, cells: cells, cheapest: candidates.first) }
        return SweepPoint(value: value, cells: cells, cheapest: nil, unranked: below)
    }

    /// The titles of the prices design `index` lacks at `value` (for sentences; builds the line items).
    func missingPrices(_ index: Int, at value: ExactDecimal) -> [String] {
        var scenario = base
        variable.apply(value, to: &scenario)
        return CostEngine.cost(of: designs[index].id, in: scenario, prices: book).missing.map(\.key.title)
    }

    /// "alb-lambda lacks the ALB LCU-hour price in us-west-1, and its total without it is below
    /// vpce-apigw-lambda's": why `point` cannot tell which design is cheapest.
    func openReason(_ point: SweepPoint) -> String {
        let names = point.unranked.map { designs[$0].id.rawValue }
        var prices: [String] = []
        for index in point.unranked {
            for title in missingPrices(index, at: point.value) where !prices.contains(title) { prices.append(title) }
        }
        let one = names.count == 1
        let what =
            "\(names.joined(separator: ", ", lastSeparator: " and ")) \(one ? "lacks" : "lack") the \(prices.joined(separator: ", ", lastSeparator: " and ")) price\(prices.count == 1 ? "" : "s") in \(base.topology.region)"
        let complete = point.cells.indices.filter { point.cells[$0].feasible && point.cells[$0].complete }
        guard let best = complete.min(by: { point.cells[$0].monthlyCost < point.cells[$1].monthlyCost }) else {
            return "\(what), and no design that can carry it is fully priced"
        }
        return "\(what), and \(one ? "its total" : "their totals") without it \(one ? "is" : "are") below \(designs[best].id)'s, the cheapest fully priced design"
    }

    /// Evaluates every value, on every core.
    package func points(_ values: [ExactDecimal]) -> [SweepPoint] {
        Parallel.chunks(count: values.count, minimumChunk: 2_000) { range in values[range].map(point) }.flatMap { $0 }
    }

    /// The sweep: points, crossovers and summary.
    package func run(_ spec: SweepSpec) -> SweepResult {
        // Designs that cannot carry the workload anywhere in the range are left out, with why.
        let swept = designs.indices.filter { carriesOtherwise[$0] }
        guard swept.count == designs.count else {
            return SweepEvaluator(base: base, book: book, variable: variable, designs: swept.map { designs[$0].id }).run(spec, excluding: excludedReasons())
        }
        return run(spec, excluding: [])
    }

    func excludedReasons() -> [(design: DesignID, reason: String)] {
        designs.enumerated().compactMap { index, design -> (DesignID, String)? in
            guard !carriesOtherwise[index] else { return nil }
            let reasons = FeasibilityAnalyzer.reasons(for: design.id, in: base)
            let summary = reasons.filter { !(variable.hardLimitReasonIDs.contains($0.id)) }.map(\.summary)
            // Said as the recommendation says it.
            let lacking = base.needs.filter { !design.contains($0.provider) }
            let why = summary + (lacking.isEmpty ? [] : [Recommendation.lacks(lacking, in: base).reason])
            return (design.id, why.isEmpty ? "it cannot carry this workload here" : why.joined(separator: "; "))
        }
    }

    func run(_ spec: SweepSpec, excluding excluded: [(design: DesignID, reason: String)]) -> SweepResult {
        let values = spec.values()
        let points = self.points(values)
        var crossovers: [Crossover] = []
        for (left, right) in zip(points, points.dropFirst()) {
            crossovers += changes(between: left, and: right)
        }
        let (starts, throughout) = warnings(spec, points: points)
        // Warnings join the crossovers in order of value, after what else happens at the same value.
        crossovers = (crossovers + starts).enumerated().sorted {
            ($0.element.value, $0.element.kind == .warning ? 1 : 0, $0.offset) < ($1.element.value, $1.element.kind == .warning ? 1 : 0, $1.offset)
        }.map(\.element)
        var sentences = summary(points: points, crossovers: crossovers, throughout: throughout, spec: spec, excluded: excluded)
        if values.count < spec.points {
            sentences.append(
                "\(values.count) of the \(spec.points) points asked for: inner points are written with at most 6 significant digits\(spec.variable.isWhole ? ", whole," : "") so that each can be run again on its own, and this range has no room for more distinct ones."
            )
        }
        return SweepResult(
            spec: spec, scenario: base, designs: designs.map(\.id), points: points, crossovers: crossovers, summary: sentences, excluded: excluded,
            priceOrigin: book.regional.origin)
    }

    // MARK: Warnings

    /// The single-point command's warnings of design `index` at `value` (quotas AWS raises on
    /// request, readings to mind): they do not stop a design carrying the workload.
    func warnings(_ index: Int, at value: ExactDecimal) -> [LimitWarning] {
        var scenario = base
        variable.apply(value, to: &scenario)
        return HopModel.warnings(for: designs[index].id, in: scenario)
    }

    /// Where each design starts to draw a warning, over the part of the range where it can carry
    /// the workload, and the warnings it draws throughout. Every warning grows with the inputs a
    /// sweep varies (traffic, sizes, duration), so each starts once: found by bisection.
    func warnings(_ spec: SweepSpec, points: [SweepPoint]) -> (starts: [Crossover], throughout: [String]) {
        var starts: [(id: String, value: ExactDecimal, designs: [Int], warning: LimitWarning)] = []
        var throughout: [(id: String, designs: [Int], warning: LimitWarning)] = []
        for index in designs.indices where points.contains(where: { $0.cells[index].feasible }) {
            let top = limits[index].map { min($0.value, spec.to) } ?? spec.to
            let atStart = Set(warnings(index, at: spec.from).map(\.id))
            for warning in warnings(index, at: top) {
                if atStart.contains(warning.id) {
                    if let group = throughout.firstIndex(where: { $0.id == warning.id }) {
                        throughout[group].designs.append(index)
                    } else {
                        throughout.append((warning.id, [index], warning))
                    }
                    continue
                }
                let value = warningStart(index, id: warning.id, from: spec.from, to: top)
                if let group = starts.firstIndex(where: { $0.id == warning.id && $0.value == value }) {
                    starts[group].designs.append(index)
                } else {
                    starts.append((warning.id, value, [index], warning))
                }
            }
        }
        let crossovers = starts.map { start in
            let shown = variable.isWhole ? Format.exact(start.value) : Format.threeSignificant(start.value)
            return Crossover(
                kind: .warning, value: start.value, exact: variable.isWhole, design: designs[start.designs[0]].id, previous: nil, reason: start.id,
                text: "above \(shown) \(variable.unit) \(warningText(start.designs, start.warning))", point: point(at: start.value))
        }
        return (crossovers, throughout.map { "Throughout the range \(warningText($0.designs, $0.warning))." })
    }

    /// "alb-vpce-apigw-lambda and vpce-apigw-lambda exceed API Gateway's account throttle, ...:
    /// requests above the limit get 429 Too Many Requests (a warning, ...)".
    func warningText(_ indices: [Int], _ warning: LimitWarning) -> String {
        let names = indices.map { designs[$0].id.rawValue }.joined(separator: ", ", lastSeparator: " and ")
        return
            "\(names) \(indices.count == 1 ? "exceeds" : "exceed") \(warning.limit): \(warning.consequence) (a warning, as in the single-point output, which gives the way out; \(indices.count == 1 ? "it still counts" : "they still count") as able to carry it)"
    }

    /// The smallest value above which design `index` draws warning `id` (not at `low`, at `high`).
    func warningStart(_ index: Int, id: String, from low: ExactDecimal, to high: ExactDecimal) -> ExactDecimal {
        var low = low
        var high = high
        for _ in 0..<200 {
            // Whole-valued inputs to the exact whole number; others to 1 part in 10^9.
            let width = high - low
            if variable.isWhole ? width <= 1 : width <= max(high.magnitude, 1) * ExactDecimal(mantissa: 1, exponent: -9) { break }
            var middle = (low + high) / 2
            if variable.isWhole { middle = middle.floor }
            if middle <= low || middle >= high { break }
            if warnings(index, at: middle).contains(where: { $0.id == id }) { high = middle } else { low = middle }
        }
        return variable.isWhole ? low : ExactDecimal.shortest(from: low, to: high)
    }

    // MARK: Crossovers

    /// What changes between two neighbouring points: limits first (exact), then the cheapest design,
    /// found by bisection on each stretch between them.
    func changes(between left: SweepPoint, and right: SweepPoint) -> [Crossover] {
        var result: [Crossover] = []
        var boundaries: [ExactDecimal] = []
        for index in designs.indices where left.cells[index].feasible && !right.cells[index].feasible {
            // The only input that changes is the swept one: the design's limit on it is the boundary.
            let limit = limits[index]
            let value = limit?.value ?? bisectFeasibility(index, left.value, right.value)
            let reason = limit?.source ?? "its limits"
            result.append(
                Crossover(
                    kind: .stopsCarrying, value: value, exact: limit != nil, design: designs[index].id, previous: nil, reason: reason,
                    text: "above \(Format.exact(value)) \(variable.unit) \(designs[index].id) cannot serve it (\(reason))", point: point(at: value)))
            boundaries.append(value)
        }
        // Stretches between the boundaries, each with the cheapest design at both ends.
        var edges = [left.value] + boundaries.sorted() + [right.value]
        edges = edges.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
        var stretchLeft = left
        for (index, edge) in edges.dropFirst().enumerated() {
            let stretchRight = edge == right.value ? right : point(at: edge)
            // Just above a boundary the designs that stopped there no longer count.
            let start = index == 0 ? stretchLeft : point(justAbove: stretchLeft.value, towards: edge)
            if start.answer != stretchRight.answer {
                result += cheapestChanges(start, stretchRight)
            }
            if index > 0 && stretchLeft.answer != start.answer {
                // The cheapest changes at the boundary itself.
                let old = stretchLeft.cheapest
                if let new = start.cheapest {
                    result.append(cheapest(new, old: old, at: stretchLeft.value, exact: true, oldStillCarries: old.map { start.cells[$0].feasible } ?? false))
                } else if start.answer == .open {
                    result.append(open(start, old: old, at: stretchLeft.value, exact: true))
                }
            }
            stretchLeft = stretchRight
        }
        // In order of value; at one value, a design stopping before the new cheapest it leaves.
        return result.enumerated().sorted {
            ($0.element.value, $0.element.kind == .cheapest ? 1 : 0, $0.offset) < ($1.element.value, $1.element.kind == .cheapest ? 1 : 0, $1.offset)
        }
        .map(\.element)
    }

    /// The point a hair above `value` (one part in 10^12), where a design whose limit is `value` has stopped.
    func point(justAbove value: ExactDecimal, towards edge: ExactDecimal) -> SweepPoint {
        let step = max(value.magnitude, 1) * ExactDecimal(mantissa: 1, exponent: -12)
        return point(at: min(value + step, edge))
    }

    /// Bisection between two points with different cheapest designs.
    func cheapestChanges(_ left: SweepPoint, _ right: SweepPoint) -> [Crossover] {
        var low = left
        var high = right
        for _ in 0..<200 {
            // Whole-valued inputs to the exact whole number; others to 1 part in 10^9.
            let width = high.value - low.value
            if variable.isWhole ? width <= 1 : width <= max(high.value.magnitude, 1) * ExactDecimal(mantissa: 1, exponent: -9) { break }
            var middle = (low.value + high.value) / 2
            if variable.isWhole { middle = middle.floor }
            if middle <= low.value || middle >= high.value { break }
            let point = self.point(at: middle)
            if point.answer == left.answer { low = point } else { high = point }
        }
        let value = variable.isWhole ? low.value : ExactDecimal.shortest(from: low.value, to: high.value)
        let old = low.cheapest
        guard let new = high.cheapest else {
            // Open above: a price is missing. (Nothing carrying it is said by the limits.)
            return high.answer == .open ? [open(high, old: old, at: value, exact: false)] : []
        }
        return [cheapest(new, old: old, at: value, exact: false, oldStillCarries: old.map { high.cells[$0].feasible } ?? false)]
    }

    /// From `value` up, which design is cheapest cannot be told (`point` is one such).
    func open(_ point: SweepPoint, old: Int?, at value: ExactDecimal, exact: Bool) -> Crossover {
        let shown = exact ? Format.exact(value) : Format.threeSignificant(value)
        return Crossover(
            kind: .unranked, value: value, exact: exact, design: designs[point.unranked[0]].id, previous: old.map { designs[$0].id }, reason: nil,
            text: "above \(shown) \(variable.unit) which design is cheapest cannot be told: \(openReason(point))", point: self.point(at: value))
    }

    func cheapest(_ new: Int, old: Int?, at value: ExactDecimal, exact: Bool, oldStillCarries: Bool) -> Crossover {
        let shown = exact ? Format.exact(value) : Format.threeSignificant(value)
        let text: String
        if let old, oldStillCarries {
            text = "\(designs[new].id) costs less than \(designs[old].id) above \(shown) \(variable.unit)"
        } else {
            text = "above \(shown) \(variable.unit) \(designs[new].id) is the cheapest design that can carry it"
        }
        return Crossover(
            kind: .cheapest, value: value, exact: exact, design: designs[new].id, previous: old.map { designs[$0].id }, reason: nil, text: text, point: point(at: value))
    }

    /// Where design `index` stops carrying the workload, when no limit names the value.
    func bisectFeasibility(_ index: Int, _ low: ExactDecimal, _ high: ExactDecimal) -> ExactDecimal {
        var low = low
        var high = high
        for _ in 0..<200 {
            if high - low <= max(high.magnitude, 1) * ExactDecimal(mantissa: 1, exponent: -9) { break }
            let middle = (low + high) / 2
            if feasible(index, at: middle) { low = middle } else { high = middle }
        }
        let short = ExactDecimal.shortest(from: low, to: high)
        return feasible(index, at: short) ? short : low
    }

    // MARK: Summary

    func summary(points: [SweepPoint], crossovers all: [Crossover], throughout: [String], spec: SweepSpec, excluded: [(design: DesignID, reason: String)]) -> [String] {
        let crossovers = all.filter { $0.kind != .warning }
        var lines: [String] = []
        let range = "\(Format.exact(spec.from)) to \(Format.exact(spec.to)) \(variable.unit)"
        for (design, reason) in excluded {
            // One that only lacks what --needs (or a cache) asks for could carry it: it is left out.
            let carries = FeasibilityAnalyzer.reasons(for: design, in: base).isEmpty
            lines.append(
                carries
                    ? "\(design) is left out from \(range): \(reason)."
                    : "\(design) cannot carry this workload anywhere from \(range): \(reason).")
        }
        // Designs whose limit on the swept input lies below the range: no crossover says so.
        let carriers = designs.indices.filter { index in points.contains { $0.cells[index].feasible } }
        for index in designs.indices where !carriers.contains(index) {
            guard let limit = limits[index] else { continue }
            lines.append(
                "\(designs[index].id) cannot carry it anywhere from \(range): its limit is \(Format.exact(limit.value)) \(variable.unit) (\(limit.source)).")
        }
        if !crossovers.isEmpty, let first = points.first, first.answer == .open {
            // The crossovers say what changes; where it starts open, say so first.
            lines.append("From \(Format.exact(spec.from)) \(variable.unit), which design is cheapest cannot be told: \(openReason(first)).")
        }
        for crossover in crossovers {
            lines.append(crossover.text + ".")
        }
        let warned = !throughout.isEmpty || all.contains { $0.kind == .warning }
        if crossovers.isEmpty, let first = points.first, points.allSatisfy({ $0.answer == first.answer }) {
            switch first.answer {
            case .design(let index) where carriers.count == 1:
                lines.append("From \(range), \(designs[index].id) is the only design that can carry it, throughout.")
            case .design(let index):
                lines.append(
                    "From \(range), \(designs[index].id) is the cheapest design that can carry it throughout, and no design starts or stops being able to carry it\(warned ? " (the warnings below aside)" : "")."
                )
            case .none where designs.isEmpty:
                lines.append("From \(range), no design is left to sweep: each is ruled out above.")
            case .none:
                lines.append("From \(range), no design can carry it.")
            case .open:
                lines.append("From \(range), which design is cheapest cannot be told: \(openReason(first)).")
            }
        }
        lines += throughout + all.filter { $0.kind == .warning }.map { $0.text + "." }
        if points.contains(where: { $0.cells.contains { $0.feasible && !$0.complete } }) {
            lines.append(
                "A total that lacks a price is a lower bound (see Missing prices in the single-point output): its design is ranked only where that bound settles it."
            )
        }
        return lines
    }
}

extension SweepVariable {
    /// The feasibility reasons a sweep of this input finds as crossovers rather than as exclusions.
    var hardLimitReasonIDs: [String] {
        switch self {
        case .requestKB: ["request-too-large"]
        case .responseKB: ["response-too-large"]
        case .lambdaDurationMS: ["timeout"]
        case .rps, .requestsPerMonth, .lambdaMemoryMB: []
        }
    }
}
