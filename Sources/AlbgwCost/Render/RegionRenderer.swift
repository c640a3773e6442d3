import Foundation

/// `--regions`: the region ranking as a table, CSV, JSON or Markdown. Pure.
package enum RegionRenderer {
    static func headline(_ comparison: RegionComparison) -> String {
        guard let best = comparison.cheapest else {
            if comparison.rows.isEmpty { return "No design can carry this workload in any region named: nothing is ranked (why, below)." }
            return "No region has every price these designs need: nothing is ranked."
        }
        let tied = comparison.cheapestRows
        // Per 1M requests too, when every tied row shows the same figure.
        let perMillion = Set(tied.map { Format.money4($0.costPerMillionRequests) })
        let money = "\(Format.money(best.monthlyCost)) per month" + (perMillion.count == 1 ? ", \(perMillion.first!) per 1M requests" : "")
        var out: String
        if tied.count == 1 {
            out = "Cheapest: \(best.design) in \(best.region) (\(best.location)) at \(money)."
        } else if Set(tied.map(\.design)).count == 1 {
            out = "Cheapest: \(best.design) at \(money), tied in \(tied.map(\.region).joined(separator: ", ", lastSeparator: " and "))."
        } else {
            out = "Cheapest, tied at \(money): \(tied.map { "\($0.design) in \($0.region)" }.joined(separator: ", ", lastSeparator: " and "))."
        }
        let open = comparison.possiblyCheaper
        if !open.isEmpty {
            out +=
                " Not ranked and possibly cheaper, as a price is missing: \(open.map { "\($0.design) in \($0.region) (at least \(Format.money($0.monthlyCost)))" }.joined(separator: ", ", lastSeparator: " and "))."
        }
        return out
    }

    static func rate(_ scenario: Scenario) -> String {
        switch scenario.workload.rate {
        case .perSecond(let rps): "\(Format.exact(rps)) requests/s = \(Format.quantity(scenario.monthlyRequests)) requests/month"
        case .perMonth(let requests): "\(Format.quantity(requests)) requests/month"
        }
    }

    package static func table(_ comparison: RegionComparison, inputs: [ReportInput], toolVersion: String, width: Int = TextWrap.defaultWidth) -> String {
        let scenario = comparison.scenario
        let regions = Set(comparison.rows.map(\.region)).union(comparison.excluded.map(\.region))
        var out = "albgw-cost \(toolVersion) regions: \(scenario.designs.map(\.definition.question).joined(separator: " vs ")) in \(regions.count) regions\n"
        out += "\(rate(scenario)); \(scenario.billing.hoursPerMonth) h/month; every other input as listed under Inputs\n\n"
        out += headline(comparison) + "\n\n"
        var table = TextTable([("Rank", .left), ("Region", .left), ("Location", .left), ("Design", .left), ("$/month", .right), ("$/1M requests", .right)])
        for row in comparison.rows {
            table.add([
                row.rank.map { $0 == 1 ? "1 cheapest" : "\($0)" } ?? "-", row.region, row.location, row.design.rawValue,
                Format.money(row.monthlyCost) + (row.complete ? "" : " (incomplete)"), Format.money4(row.costPerMillionRequests) + (row.complete ? "" : " (incomplete)"),
            ])
        }
        out += table.render(indent: "  ", width: width)
        if comparison.rows.contains(where: { $0.complete }) { out += "  \(tieNote)\n" }
        for line in incompleteLines(comparison) { out += "  \(line)\n" }
        out += excludedLines(comparison).map { "  \($0)\n" }.joined()
        if let unused = comparison.unusedOptions { out += "  \(unused)\n" }
        out += "\nInputs (--region is each region above)\n"
        var inputTable = TextTable([("Input", .left), ("Value", .left), ("Source", .left)])
        for input in inputs where input.option != "--region" && input.option != "--regions" { inputTable.add([input.option, input.text, input.source.text]) }
        return TextWrap.lines(out + inputTable.render(indent: "  ", width: width), width: width)
    }

    static let tieNote = "Totals that round to the same cent share a rank."

    /// One line per region with rows that are not ranked: which designs, and the prices its table lacks.
    static func incompleteLines(_ comparison: RegionComparison) -> [String] {
        var regions: [(region: String, designs: [String], missing: [String])] = []
        for row in comparison.rows where !row.complete {
            let titles = row.missing.map(\.title)
            if let index = regions.firstIndex(where: { $0.region == row.region }) {
                regions[index].designs.append(row.design.rawValue)
                for title in titles where !regions[index].missing.contains(title) { regions[index].missing.append(title) }
            } else {
                regions.append((row.region, [row.design.rawValue], titles))
            }
        }
        return regions.map { entry in
            let all = comparison.rows.filter { $0.region == entry.region }.count == entry.designs.count
            let who = all ? "not ranked" : "\(entry.designs.joined(separator: ", ", lastSeparator: " and ")) not ranked"
            return
                "\(entry.region): \(who); its table lacks the \(entry.missing.joined(separator: ", ", lastSeparator: " and ")) price\(entry.missing.count == 1 ? "" : "s"), and the totals shown leave \(entry.missing.count == 1 ? "it" : "them") out."
        }
    }

    /// One line per design left out, with the regions it is left out in.
    static func excludedLines(_ comparison: RegionComparison) -> [String] {
        var grouped: [(design: DesignID, reason: String, regions: [String])] = []
        for entry in comparison.excluded {
            if let index = grouped.firstIndex(where: { $0.design == entry.design && $0.reason == entry.reason }) {
                grouped[index].regions.append(entry.region)
            } else {
                grouped.append((entry.design, entry.reason, [entry.region]))
            }
        }
        return grouped.map { "\($0.design) is left out (\($0.reason)) in \($0.regions.count) region\($0.regions.count == 1 ? "" : "s")." }
    }

    package static func csv(_ comparison: RegionComparison) -> String {
        CSV.render(
            header: ["rank", "region", "location", "design", "usd_per_month", "usd_per_1m_requests", "complete", "missing_prices"],
            rows: comparison.rows.map { row in
                [
                    row.rank.map(String.init) ?? "", row.region, row.location, row.design.rawValue, CSV.money(row.monthlyCost),
                    CSV.plain(row.costPerMillionRequests, places: 4), row.complete ? "yes" : "no", row.missing.map(\.rawValue).joined(separator: " "),
                ]
            })
    }

    package static func json(_ comparison: RegionComparison, inputs: [ReportInput], toolVersion: String) -> String {
        JSONValue.object([
            ("schemaVersion", .number(1)),
            ("tool", .object([("name", .string("albgw-cost")), ("version", .string(toolVersion))])),
            ("kind", .string("regions")),
            ("unusedOptions", comparison.unusedOptions.map(JSONValue.string) ?? .null),
            (
                "cheapest",
                comparison.cheapest.map { best in
                    .object([
                        ("region", .string(best.region)), ("design", .string(best.design.rawValue)),
                        (
                            "tied",
                            .array(
                                comparison.cheapestRows.dropFirst().map { .object([("region", .string($0.region)), ("design", .string($0.design.rawValue))]) })
                        ),
                    ])
                } ?? .null
            ),
            (
                "rows",
                .array(
                    comparison.rows.map { row in
                        .object([
                            ("rank", row.rank.map { .number(ExactDecimal($0)) } ?? .null), ("region", .string(row.region)), ("location", .string(row.location)),
                            ("design", .string(row.design.rawValue)), ("monthlyCost", .number(row.monthlyCost)),
                            ("costPerMillionRequests", .number(row.costPerMillionRequests)), ("complete", .bool(row.complete)),
                            ("missingPrices", .array(row.missing.map { .string($0.rawValue) })),
                        ])
                    })
            ),
            (
                "excluded",
                .array(
                    comparison.excluded.map { .object([("region", .string($0.region)), ("design", .string($0.design.rawValue)), ("reason", .string($0.reason))]) })
            ),
            ("workload", .object(inputs.filter { $0.option != "--region" }.map { ($0.key, $0.value.json) })),
        ]).serialized()
    }

    package static func markdown(_ comparison: RegionComparison) -> String {
        var out = "## Regions\n\n\(headline(comparison))\n\n"
        out += MarkdownRenderer.table(
            ["Rank", "Region", "Location", "Design", "$/month", "$/1M requests"],
            comparison.rows.map { row in
                [
                    row.rank.map { $0 == 1 ? "**1 (cheapest)**" : "\($0)" } ?? "not ranked", "`\(row.region)`", row.location, "`\(row.design.rawValue)`",
                    Format.money(row.monthlyCost) + (row.complete ? "" : " (incomplete: no \(row.missing.map(\.title).joined(separator: ", ")))"),
                    Format.money4(row.costPerMillionRequests),
                ]
            }, right: [0, 4, 5])
        let notes =
            (comparison.rows.contains { $0.complete } ? [tieNote] : []) + incompleteLines(comparison) + excludedLines(comparison)
            + (comparison.unusedOptions.map { [$0] } ?? [])
        if !notes.isEmpty { out += "\n" + notes.map { "- \($0)\n" }.joined() }
        return out
    }
}
