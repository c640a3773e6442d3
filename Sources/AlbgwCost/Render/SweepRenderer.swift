import Foundation

/// A sweep as a table (at most `tableRows` rows), RFC 4180 CSV (every point), JSON and an SVG
/// chart. Pure: the same sweep gives the same bytes.
package enum SweepRenderer {
    package static let tableRows = 25

    // MARK: Table

    /// `width`: fitted to a terminal; nil for the file `--out` writes, the same on every terminal.
    package static func table(_ result: SweepResult, inputs: [ReportInput], toolVersion: String, width: Int? = nil) -> String {
        let spec = result.spec
        let variable = spec.variable
        var out = "albgw-cost \(toolVersion) sweep: monthly cost of \(question(result)) from \(Format.exact(spec.from)) to \(Format.exact(spec.to)) \(variable.unit)\n"
        out +=
            "Region \(result.scenario.topology.region); \(Format.quantity(ExactDecimal(result.points.count))) points on a \(spec.scale.rawValue) scale; every other input as listed under Inputs\n\n"
        out += "What changes across the range\n"
        out += result.summary.map { "  - \($0)\n" }.joined()
        if let unused = result.unusedOptions { out += "  \(unused)\n" }
        out += "\nMonthly cost (USD)\n"
        var table = TextTable([(variable.unit, .right)] + result.designs.map { ($0.rawValue, .right) } + [("cheapest that can carry it", .left)])
        for index in rowIndices(result.points.count) {
            let point = result.points[index]
            table.add(
                [Format.exact(point.value)]
                    + point.cells.map { cell in
                        guard cell.feasible else { return "cannot" }
                        return Format.money(cell.monthlyCost) + (cell.complete ? "" : " (incomplete)")
                    } + [cheapestText(point, designs: result.designs)])
        }
        out += width.map { table.render(indent: "  ", width: $0) } ?? table.render(indent: "  ")
        let shown = min(result.points.count, tableRows)
        if shown < result.points.count {
            out += "  Showing \(shown) of \(Format.quantity(ExactDecimal(result.points.count))) points; every one with --format csv or json, or --out DIR.\n"
        }
        if result.points.contains(where: { $0.answer == .open }) {
            out +=
                "  \"cannot tell\": a design that lacks a price (its total is a lower bound) may be cheaper than the cheapest fully priced one.\n"
        }
        if !result.designs.isEmpty {
            out +=
                "  \"cannot\": the design cannot carry the workload at that value. Each total is what albgw-cost prints for that point on its own (\(variable.option) VALUE with the inputs below), to the cent.\n"
        }
        out += "\nInputs (\(variable.option) is swept)\n"
        var inputTable = TextTable([("Input", .left), ("Value", .left), ("Source", .left)])
        for input in inputs {
            if input.option == variable.option { continue }
            if (variable == .rps || variable == .requestsPerMonth) && (input.option == "--rps" || input.option == "--requests-per-month") { continue }
            inputTable.add([input.option, input.text, input.source.text])
        }
        out += width.map { inputTable.render(indent: "  ", width: $0) } ?? inputTable.render(indent: "  ")
        return width.map { TextWrap.lines(out, width: $0) } ?? out
    }

    /// The design, `none` (no design can carry it) or `cannot tell (price missing)`.
    static func cheapestText(_ point: SweepPoint, designs: [DesignID]) -> String {
        switch point.answer {
        case .design(let index): designs[index].rawValue
        case .none: "none"
        case .open: "cannot tell (price missing)"
        }
    }

    /// `ALB -> private API Gateway -> Lambda vs ALB -> Lambda`: the designs swept, or, when none can be
    /// built here, the ones asked for (the summary says why).
    static func question(_ result: SweepResult) -> String {
        (result.designs.isEmpty ? result.excluded.map(\.design) : result.designs).map { $0.definition.question }.joined(separator: " vs ")
    }

    /// At most `tableRows` indices, evenly spread, first and last included.
    static func rowIndices(_ count: Int) -> [Int] {
        guard count > tableRows else { return Array(0..<count) }
        return (0..<tableRows).map { $0 * (count - 1) / (tableRows - 1) }
    }

    // MARK: CSV

    /// One row per point, and one per crossover (its `event` column says what changes there),
    /// written in one pass: a 100,000-point sweep is a few megabytes. Every design asked for has its
    /// columns, in the catalogue's order: one the range rules out everywhere (not swept) has no cost,
    /// `no` under can_carry and no completeness, so that the columns do not depend on the range.
    package static func csv(_ result: SweepResult) -> String {
        let variable = result.spec.variable
        var header = [variable.rawValue]
        let excluded = Set(result.excluded.map(\.design))
        let columns = result.scenario.designs.filter { result.designs.contains($0) || excluded.contains($0) }
        // Per column, the design's cell in the points, or nil for one not swept.
        let cells = columns.map { result.designs.firstIndex(of: $0) }
        for design in columns { header += ["\(design.rawValue)_usd_per_month", "\(design.rawValue)_can_carry", "\(design.rawValue)_complete"] }
        header += ["cheapest", "cheapest_unknown", "event"]
        var out = CSV.render(header: header, rows: [])
        out.reserveCapacity(out.utf8.count + result.points.count * (24 + result.designs.count * 24))
        let names = result.designs.map(\.rawValue)
        func append(_ point: SweepPoint, event: String) {
            out += point.value.description
            for index in cells {
                guard let index else {
                    out += ",,no,"
                    continue
                }
                let cell = point.cells[index]
                out += ","
                cell.monthlyCost.appendFixed(places: 2, to: &out)
                out += cell.feasible ? ",yes" : ",no"
                out += cell.complete ? ",yes" : ",no"
            }
            out += ","
            if let cheapest = point.cheapest { out += names[cheapest] }
            out += ","
            for (position, index) in point.unranked.enumerated() {
                if position > 0 { out += " " }
                out += names[index]
            }
            out += ","
            out += CSV.field(event)
            out += "\r\n"
        }
        // Points and crossovers merged in order of value; at one value the point comes first.
        var next = 0
        let crossovers = result.crossovers
        for point in result.points {
            while next < crossovers.count && crossovers[next].value < point.value {
                append(crossovers[next].point, event: crossovers[next].text)
                next += 1
            }
            append(point, event: "")
        }
        while next < crossovers.count {
            append(crossovers[next].point, event: crossovers[next].text)
            next += 1
        }
        return out
    }

    // MARK: JSON

    package static func json(_ result: SweepResult, inputs: [ReportInput], toolVersion: String) -> String {
        let spec = result.spec
        let designs = result.designs
        // The points are the bulk: written as bytes, a chunk per core, indented as JSONValue
        // indents them, and joined in order (the same bytes whatever the number of cores).
        let chunks = Parallel.chunks(count: result.points.count, minimumChunk: 5_000) { range in
            pointsJSON(result.points[range], first: range.lowerBound == 0, designs: designs)
        }
        let crossovers: [JSONValue] = result.crossovers.map { crossover in
            .object([
                ("kind", .string(crossover.kind.rawValue)), ("value", .number(crossover.value)), ("exact", .bool(crossover.exact)),
                ("design", .string(crossover.design.rawValue)), ("previous", crossover.previous.map { .string($0.rawValue) } ?? .null),
                ("reason", crossover.reason.map(JSONValue.string) ?? .null), ("text", .string(crossover.text)),
            ])
        }
        let document = JSONValue.object([
            ("schemaVersion", .number(1)),
            ("tool", .object([("name", .string("albgw-cost")), ("version", .string(toolVersion))])),
            ("kind", .string("sweep")),
            ("region", .string(result.scenario.topology.region)),
            ("variable", .string(spec.variable.rawValue)),
            ("unit", .string(spec.variable.unit)),
            ("from", .number(spec.from)),
            ("to", .number(spec.to)),
            ("scale", .string(spec.scale.rawValue)),
            ("designs", .array(designs.map { .string($0.rawValue) })),
            ("excluded", .array(result.excluded.map { .object([("design", .string($0.design.rawValue)), ("reason", .string($0.reason))]) })),
            ("summary", .array(result.summary.map(JSONValue.string))),
            ("unusedOptions", result.unusedOptions.map(JSONValue.string) ?? .null),
            ("crossovers", .array(crossovers)),
            ("workload", .object(inputs.map { ($0.key, $0.value.json) })),
            ("points", .raw("")),
        ])
        // The document with an empty last member ends `"points": \n}\n`: the points go between.
        var head = Array(document.serialized().utf8)
        head.removeLast(3)
        let pieces = [head, Array("[".utf8)] + chunks + [Array((result.points.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)]
        // Copied once, straight into the string's own storage (tens of megabytes at 100,000 points).
        return String(unsafeUninitializedCapacity: pieces.reduce(0) { $0 + $1.count }) { buffer in
            var offset = 0
            for piece in pieces {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + piece.count)]).initialize(from: piece)
                offset += piece.count
            }
            return offset
        }
    }

    /// Points as JSON bytes, each `{ value, cheapest, unranked, designs }` at the depth of the
    /// document's `points` array; a comma before each but the document's first.
    static func pointsJSON(_ points: ArraySlice<SweepPoint>, first: Bool, designs: [DesignID]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(points.count * (110 + designs.count * 110))
        let names = designs.map { Array($0.rawValue.utf8) }
        let quotedNames = names.map { Array("\"".utf8) + $0 + Array("\"".utf8) }
        var isFirst = first
        func add(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        for point in points {
            if isFirst { add("\n    {\n      \"value\": ") } else { add(",\n    {\n      \"value\": ") }
            isFirst = false
            point.value.appendDescription(to: &out)
            add(",\n      \"cheapest\": ")
            if let cheapest = point.cheapest { out += quotedNames[cheapest] } else { add("null") }
            add(",\n      \"unranked\": [")
            for (position, index) in point.unranked.enumerated() {
                add(position == 0 ? "\n        " : ",\n        ")
                out += quotedNames[index]
            }
            if point.unranked.isEmpty { add("]") } else { add("\n      ]") }
            add(",\n      \"designs\": {")
            for (position, cell) in point.cells.enumerated() {
                add(position == 0 ? "\n        \"" : ",\n        \"")
                out += names[position]
                add("\": {\n          \"monthlyCost\": ")
                cell.monthlyCost.appendDescription(to: &out)
                add(cell.complete ? ",\n          \"complete\": true" : ",\n          \"complete\": false")
                add(cell.feasible ? ",\n          \"canCarry\": true\n        }" : ",\n          \"canCarry\": false\n        }")
            }
            add("\n      }\n    }")
        }
        return out
    }

    // MARK: SVG

    /// Monthly cost against the swept input: one line per design, gaps where it cannot carry the
    /// workload, the crossovers numbered and explained under the chart.
    package static func svg(_ result: SweepResult) -> String {
        let spec = result.spec
        let variable = spec.variable
        // One point per pixel is enough, plus every crossover's own point: a line runs to the limit
        // where its design stops, and two lines meet where the cheaper design changes.
        var drawn = sampleIndices(result.points.count, maximum: 800).map { result.points[$0] }
        for crossover in result.crossovers where !drawn.contains(where: { $0.value == crossover.value }) {
            drawn.insert(crossover.point, at: drawn.firstIndex { $0.value > crossover.value } ?? drawn.count)
        }
        let series = result.designs.enumerated().map { index, design in
            SVGChart.Series(
                name: "\(design.rawValue): \(design.definition.name)",
                points: drawn.map { point in
                    let cell = point.cells[index]
                    return (point.value.doubleValue, cell.feasible ? cell.monthlyCost.doubleValue : nil, cell.complete)
                },
                gapLabel: result.crossovers.first { $0.kind == .stopsCarrying && $0.design == design }.map {
                    "cannot carry it above \(Format.exact($0.value)) \(variable.unit) (\($0.reason ?? "its limits"))"
                },
                incompleteLabel: "a price is missing in \(result.scenario.topology.region), so the line is a lower bound")
        }
        let unit = variable.tickUnit
        var chart = SVGChart(
            title: "Monthly cost against \(variable.axisTitle.prefix(1).lowercased() + variable.axisTitle.dropFirst())",
            subtitle:
                "\(result.scenario.topology.region), \(Format.exact(spec.from)) to \(Format.exact(spec.to)) \(variable.unit), \(Format.quantity(ExactDecimal(result.points.count))) points; albgw-cost sweep",
            xTitle: variable.axisTitle, yTitle: "Monthly cost (USD)", xLog: spec.scale == .log, yLog: spec.scale == .log,
            xTick: tickFormatter(log: spec.scale == .log, unit: unit),
            series: series,
            markers: result.crossovers.map { SVGChart.Marker(x: $0.value.doubleValue, label: $0.text) })
        // Every design ruled out: the axis still spans the range, and the subtitle says why it is empty.
        if series.isEmpty {
            chart.xDomain = (spec.from.doubleValue, spec.to.doubleValue)
            chart.subtitle += "; no design to draw: " + result.excluded.map { "\($0.design.rawValue): \($0.reason)" }.joined(separator: "; ")
        }
        return chart.render()
    }

    /// `10k rps` on a log axis, `1,500 KiB` on a linear one.
    static func tickFormatter(log: Bool, unit: String) -> @Sendable (Double) -> String {
        if log { return { value in "\(SVGChart.short(value)) \(unit)" } }
        return { value in "\(SVGChart.grouped(value)) \(unit)" }
    }

    /// At most `maximum` indices, evenly spread, first and last included (one point per pixel is enough).
    static func sampleIndices(_ count: Int, maximum: Int) -> [Int] {
        guard count > maximum else { return Array(0..<count) }
        return (0..<maximum).map { $0 * (count - 1) / (maximum - 1) }
    }
}

extension ReportInput.Value {
    /// The value in JSON.
    var json: JSONValue {
        switch self {
        case .number(let number): .number(number)
        case .text(let text): .string(text)
        case .flag(let flag): .bool(flag)
        }
    }
}
