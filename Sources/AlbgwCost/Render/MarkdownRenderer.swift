import Foundation

/// GitHub-flavoured Markdown: the design-review report and `--format markdown`. Pure: what
/// diagram files exist beside the report is an input, not something it looks up.
package enum MarkdownRenderer {
    /// The diagram files written beside a report.
    package struct Diagrams: Sendable, Equatable {
        /// DOT file names, in the order they are shown.
        package var dotFiles: [String]
        /// True when SVGs were rendered from them (graphviz was installed).
        package var svgRendered: Bool
        /// The cost-vs-traffic chart written beside the report, when there is one.
        package var chartFile: String?

        package init(dotFiles: [String], svgRendered: Bool, chartFile: String? = nil) {
            self.dotFiles = dotFiles
            self.svgRendered = svgRendered
            self.chartFile = chartFile
        }
    }

    /// The full design-review report; `diagrams` nil for `--format markdown` (no files, Mermaid only).
    package static func render(_ report: Report, diagrams: Diagrams?) -> String {
        var sections = [title(report), recommendation(report)]
        if let review = report.terraform { sections.append(ReviewRenderer.markdown(review)) }
        sections += [workload(report), costs(report), range(report, chartFile: diagrams?.chartFile), hops(report), failureDomains(report), tradeOffs(report)]
        sections.append(diagramSection(report, diagrams: diagrams))
        return sections.filter { !$0.isEmpty }.joined(separator: "\n") + footer(report)
    }

    // MARK: - Helpers

    /// A table cell: pipes escaped, line breaks as `<br>`.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }

    static func table(_ headers: [String], _ rows: [[String]], right: Set<Int> = []) -> String {
        var out = "| " + headers.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + headers.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// `Sources:` and one bullet per distinct source, or nothing.
    static func sourceList(_ sources: [FactSource]) -> String {
        var distinct: [FactSource] = []
        for source in sources where !distinct.contains(source) { distinct.append(source) }
        guard !distinct.isEmpty else { return "" }
        return "\nSources:\n\n" + distinct.map { "- [\($0.title)](\($0.url)), \($0.date)\n" }.joined()
    }

    // MARK: - Sections

    static func title(_ report: Report) -> String {
        let scenario = report.scenario
        let rate: String
        switch scenario.workload.rate {
        case .perSecond(let rps): rate = "\(Format.exact(rps)) requests/s"
        case .perMonth(let requests): rate = "\(Format.quantity(requests)) requests/month"
        }
        var out = "# \(report.question(separator: ", ", lastSeparator: ", or "))?\n\n"
        out += "Design review for \(rate) in \(scenario.topology.region) (\(report.prices.regional.location))"
        if let preset = scenario.preset { out += ", topology of `--preset \(preset)`" }
        out += ". Written by albgw-cost \(report.toolVersion) from bundled or given price tables; every figure below says where it comes from.\n"
        return out
    }

    static func recommendation(_ report: Report) -> String {
        guard let recommendation = report.recommendation else { return "" }
        var out = "## Recommendation\n\n\(recommendation.sentences)\n"
        let warnings = report.designs.filter { $0.design == recommendation.design }.flatMap(\.warnings)
        if let design = recommendation.design, !warnings.isEmpty {
            out += "\nMind the quotas this workload exceeds on \(design.rawValue): \(warnings.map(\.id).joined(separator: ", ")) (see *Hops and binding limits*).\n"
        }
        if !report.missingPrices.isEmpty {
            out +=
                "\nThe cost comparison is incomplete: \(report.missingPrices.map { "\($0.key.title) (`\($0.key.rawValue)`)" }.joined(separator: ", ")) is missing for \(report.scenario.topology.region) (see *Workload and assumptions*).\n"
        }
        return out
    }

    static func workload(_ report: Report) -> String {
        var out = "## Workload and assumptions\n\n"
        out += table(["Input", "Value", "Source"], report.inputs.map { ["`\($0.option)`", $0.text, $0.source.text] })
        out += "\n" + report.assumptions.map { "- \($0)\n" }.joined()
        out += "\n### Prices (USD, on-demand list, before tax)\n\n"
        out += "Price table: \(report.prices.regional.origin) and \(report.prices.global.origin).\n\n"
        out += table(
            ["Price", "Rate", "As of", "Confidence", "Source"],
            report.pricesUsed.map { ["`\($0.key.rawValue)`", $0.scheduleText, $0.asOf, $0.confidenceText, $0.source] })
        if !report.missingPrices.isEmpty {
            out += "\n**Missing prices** (left out of every total; nothing was guessed):\n\n"
            out += report.missingPrices.map { "- `\($0.key.rawValue)` (\($0.key.title)): \($0.reason)\n" }.joined()
            out += "\nTo supply one: `albgw-cost prices --export DIR`, add it to `DIR/\(report.scenario.topology.region).json`, and rerun with `--prices DIR`.\n"
        }
        return out
    }

    static func costs(_ report: Report) -> String {
        var out = "## Cost comparison\n\n"
        let shared = report.shared
        if !report.designs.contains(where: \.isFeasible) {
            out +=
                "No design analysed here can carry this workload\(report.designs.count < DesignCatalog.all.count ? " (--design leaves others out)" : ""); what each would cost if it could is below.\n"
        } else {
            out += table(
                ["Design", "$/hour", "$/month"] + (shared == nil ? [] : ["design-specific"]) + ["$/1M requests", "Path"],
                report.designs.compactMap { design in
                    guard let cost = design.cost else { return nil }
                    let mark = cost.isComplete ? "" : " (incomplete)"
                    return ["`\(design.design.rawValue)`", Format.money4(cost.hourlyCost), Format.money(cost.monthlyCost) + mark]
                        + (shared == nil ? [] : [Format.money(cost.designMonthlyCost) + (cost.differencesAreKnown ? "" : " (incomplete)")])
                        + [Format.money4(cost.costPerMillionRequests), design.definition.name]
                }, right: shared == nil ? [1, 2, 3] : [1, 2, 3, 4])
        }
        if let shared { out += "\n\(TableRenderer.sharedText(shared)).\n" }
        for design in report.designs {
            if let reason = design.impossibleReason { out += "\n`\(design.design.rawValue)` cannot carry this workload here, so it is left out of the comparison: \(reason).\n" }
        }
        for comparison in report.comparisons {
            out +=
                "\n`\(comparison.first.rawValue)` costs **\(Format.money(abs(comparison.monthly))) per month \(comparison.monthly >= 0 ? "more" : "less")** than `\(comparison.second.rawValue)`"
            out += TableRenderer.relativeText(comparison)
            out += ": \(Format.money4(abs(comparison.hourly))) per hour, \(Format.money4(abs(comparison.perMillionRequests))) per 1M requests.\n"
        }
        for design in report.designs {
            guard let cost = design.shownCost else { continue }
            let hypothetical = !design.isFeasible
            out += "\n### \(design.design.rawValue): line items\(hypothetical ? " if it were possible" : "")\n\n"
            if hypothetical {
                out +=
                    "It cannot carry this workload here (\(design.infeasibleReasons.map(\.summary).joined(separator: ", "))); these figures show what it would cost if it could, and enter no comparison.\n\n"
            }
            let scoped = shared != nil
            var rows = cost.lineItems.map { item in
                [
                    item.service, item.component, Format.quantity(item.quantity), item.unit, item.unitPrice.map(Format.unitPrice) ?? "missing",
                    item.monthlyCost.map(Format.money) ?? "missing",
                ] + (scoped ? [item.scope.rawValue] : []) + [item.basis]
            }
            rows.append(
                [
                    hypothetical ? "**Total if it were possible**" : "**Total**", cost.isComplete ? "" : "excludes missing prices", "", "", "",
                    "**\(Format.money(cost.monthlyCost))**",
                ] + (scoped ? [""] : []) + ["exact sum of the lines, rounded once"])
            out += table(
                ["Service", "Component", "Quantity", "Unit", "Unit price", "$/month"] + (scoped ? ["Scope"] : []) + ["How the quantity was derived"], rows,
                right: [2, 4, 5])
        }
        return out
    }

    static func hops(_ report: Report) -> String {
        var out = "## Hops and binding limits\n\n"
        for design in report.designs {
            out += "### \(design.design.rawValue): \(design.hops.count) hops\n\n"
            out += table(
                ["#", "Hop", "Protocol", "TLS", "Size limit", "Timeout", "Throttle", "Billed here"],
                design.hops.map { hop in
                    ["\(hop.number)", "\(hop.from) -> \(hop.to)", hop.transport, hop.tls, hop.sizeLimit, hop.timeout, hop.throttle, HopsRenderer.billed(hop, design: design)]
                })
            let adds = design.hops.filter { !$0.adds.isEmpty }
            if !adds.isEmpty {
                out += "\nWhat the hops add:\n\n" + adds.map { "- \($0.number). \($0.from) -> \($0.to): \($0.adds.joined(separator: "; "))\n" }.joined()
            }
            let notes = design.hops.flatMap { hop in hop.notes.map { (hop, $0) } }
            if !notes.isEmpty {
                out += "\nPitfalls:\n\n" + notes.map { "- Hop \($0.0.number): \($0.1)\n" }.joined()
            }
            out += sourceList(design.hops.flatMap(\.sources))
            out += "\n"
        }
        out += "### Effective limits\n\n"
        let rows = HopsRenderer.limitRows(report)
        out += table(["Limit"] + report.designs.map { "`\($0.design.rawValue)`" }, rows)
        out += sourceList(report.designs.flatMap { $0.limits.payloadSources + $0.limits.timeoutSources + $0.limits.rateSources })
        let reasons = report.designs.flatMap { design in design.infeasibleReasons.map { (design.design, $0) } }
        if !reasons.isEmpty {
            out += "\n### Hard limits broken\n\n"
            out += table(["Design", "Limit", "Value", "Way out"], reasons.map { ["`\($0.0.rawValue)`", $0.1.limit, $0.1.value, $0.1.wayOut] })
        }
        let warnings = report.designs.flatMap { design in design.warnings.map { (design.design, $0) } }
        out += "\n### Warnings\n\n"
        out +=
            warnings.isEmpty
            ? "None: the workload is within every quota above.\n"
            : table(["Design", "Limit", "Value", "What happens", "Way out"], warnings.map { ["`\($0.0.rawValue)`", $0.1.limit, $0.1.value, $0.1.consequence, $0.1.fix] })
        return out
    }

    static func failureDomains(_ report: Report) -> String {
        var out = "## Failure domains, availability and findings\n\n"
        out += "SLAs are service-credit thresholds, not measured availability; the composite is the product of each design's serial chain, assuming independent failures.\n"
        for design in report.designs {
            out += "\n### \(design.design.rawValue)\n\n"
            guard design.isFeasible else {
                out += "Not analysed: the design cannot carry this workload here (see *Cost comparison*).\n"
                continue
            }
            let analysis = design.failureDomains
            out += "Placement: \(FailureDomainRenderer.placement(analysis.components)).\n\n"
            out += table(
                [
                    "AZ lost", "Still serves requests", FailureDomainRenderer.endpointColumn(analysis, long: true),
                    "ALB nodes left", "Why",
                ],
                analysis.azLoss.map {
                    [
                        $0.az, $0.servesRequests ? "yes" : "**no**", $0.endpointCapacityShare.map(Format.percent) ?? "n/a", $0.albNodeShare.map(Format.percent) ?? "n/a",
                        $0.explanation,
                    ]
                })
            out += "\nAvailability: \(FailureDomainRenderer.availability(analysis.availability)).\n\n"
            out += table(
                ["SLA term", "Monthly uptime", "Source"],
                analysis.availability.terms.map { [$0.service, "\($0.percent)%" + ($0.confirmed ? "" : " (unconfirmed)"), $0.source] })
            out += "\n" + table(["Severity", "Finding", "Detail", "Fix"], analysis.findings.map { [$0.severity.rawValue, $0.title, $0.detail, $0.fix] })
            out += sourceList(analysis.findings.flatMap(\.sources))
        }
        return out
    }

    /// What each design gives up and imposes, measured against the design with the fewest hops.
    static func tradeOffs(_ report: Report) -> String {
        guard report.designs.count >= 2 else { return "" }
        let scenario = report.scenario
        let base = report.designs.enumerated().min { ($0.element.hops.count, $0.offset) < ($1.element.hops.count, $1.offset) }!.element
        var paragraphs: [String] = []
        for design in report.designs {
            let contexts = design.definition.contexts(scenario)
            let others = report.designs.filter { $0.design != design.design }
            var seen: [String] = []
            for other in others {
                for context in other.definition.contexts(scenario) where !design.definition.contains(context.component.kind) {
                    guard let features = context.component.features(context), !seen.contains(features.title) else { continue }
                    seen.append(features.title)
                    paragraphs.append("**\(design.design.rawValue) gives up \(features.title):** \(features.items.joined(separator: "; ")).")
                }
            }
            if design.design == base.design {
                let imposes = contexts.flatMap { $0.component.imposes($0) }
                if !imposes.isEmpty { paragraphs.append("**\(design.design.rawValue) imposes:** \(imposes.joined(separator: "; ")).") }
            }
        }
        for design in report.designs where design.design != base.design {
            let added = design.definition.chain.filter { !base.definition.contains($0.kind) }
            let dropped = base.definition.chain.filter { !design.definition.contains($0.kind) }
            let count = design.hops.count - base.hops.count
            let hops = "\(count) \(abs(count) == 1 ? "hop" : "hops")"
            var text =
                dropped.isEmpty
                ? "**\(design.design.rawValue) adds** \(hops) (\(added.map(\.shortName).joined(separator: ", ")))"
                : "**\(design.design.rawValue) replaces** the \(dropped.map(\.shortName).joined(separator: ", ")) with \(added.map(\.shortName).joined(separator: " and ")) (\(hops) more)"
            let imposes = design.definition.contexts(scenario).flatMap { $0.component.imposes($0) }
            if !imposes.isEmpty { text += ", " + imposes.joined(separator: ", ") }
            if let comparison = report.comparisons.first(where: { $0.first == design.design && $0.second == base.design }) {
                text += ", and \(Format.money(comparison.monthly)) per month (\(Format.money4(comparison.perMillionRequests)) per 1M requests)"
            }
            paragraphs.append(text + ".")
        }
        return "## What each design gives up\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// The workload a decade either side (crossovers, a chart, Mermaid for GitHub) and by region.
    static func range(_ report: Report, chartFile: String?) -> String {
        guard let range = report.range else { return "" }
        let sweep = range.sweep
        let variable = sweep.spec.variable
        var out = "## Across the range\n\n"
        out +=
            "From \(Format.exact(sweep.spec.from)) to \(Format.exact(sweep.spec.to)) \(variable.unit), a decade either side of the workload (\(sweep.points.count) points, each priced by the same engine; `\(sweepCommand(report, range: range))` gives them all):\n\n"
        out += sweep.summary.map { "- \($0)\n" }.joined()
        if let chartFile { out += "\n![Monthly cost against \(variable.axisTitle.lowercased())](\(chartFile))\n" }
        // Mermaid's xychart draws lines without a legend: the order says which is which.
        out += "\n```mermaid\nxychart-beta\n"
        out += "    title \"Monthly cost (USD) against \(variable.unit)\"\n"
        out += "    x-axis \"\(variable.unit)\" [\(range.chart.map { "\"\(Format.exact($0.value))\"" }.joined(separator: ", "))]\n"
        out += "    y-axis \"USD per month\"\n"
        for index in sweep.designs.indices {
            out += "    line [\(range.chart.map { CSV.plain($0.monthly[index], places: 2) }.joined(separator: ", "))]\n"
        }
        out += "```\n\n"
        out += "Lines, in order: " + sweep.designs.enumerated().map { "\($0.offset + 1). `\($0.element.rawValue)`" }.joined(separator: "; ") + ".\n"
        // Regions at the three rates.
        let rates = range.rates.map { Format.exact($0) }.joined(separator: " / ") + (variable == .rps ? " rps" : " requests/month")
        out +=
            "\n### By region\n\nMonthly cost of each design in every bundled region at \(rates) (a decade below, the workload, a decade above); the region with the cheapest design at the workload first. \"incomplete\": the region's table lacks a price, and the figures leave it out.\n\n"
        out += table(
            ["Region"] + sweep.designs.map { "`\($0.rawValue)`" },
            range.regions.map { row in
                ["`\(row.region)`"]
                    + zip(row.monthly, row.complete).map { monthly, complete in
                        monthly.map(Format.money).joined(separator: " / ") + (complete ? "" : " (incomplete)")
                    }
            }, right: Set(1..<(sweep.designs.count + 1)))
        for (design, reason) in range.excluded { out += "\n`\(design.rawValue)` is left out: \(reason).\n" }
        return out
    }

    /// The sweep command that gives the range's points, one for one: the same ends, count and scale.
    static func sweepCommand(_ report: Report, range: RangeAnalysis) -> String {
        let spec = range.sweep.spec
        return
            "albgw-cost sweep --vary \(spec.variable.rawValue)=\(spec.from)..\(spec.to) --points \(spec.points)\(spec.scale == spec.variable.defaultScale ? "" : " --scale \(spec.scale.rawValue)")\(givenOptions(report))"
    }

    /// ` --preset tutorial --region us-west-2`: the options the user gave, other than the traffic, so
    /// that a suggested command reproduces the run.
    static func givenOptions(_ report: Report) -> String {
        report.inputs.filter { $0.source == .given && !["--rps", "--requests-per-month", "--format"].contains($0.option) }.map { input in
            if case .flag(let on) = input.value { return on ? " \(input.option)" : "" }
            return " \(input.option) \(input.text)"
        }.joined()
    }

    static func diagramSection(_ report: Report, diagrams: Diagrams?) -> String {
        var out = "## Diagrams\n\n"
        if let diagrams {
            if diagrams.svgRendered {
                for file in diagrams.dotFiles {
                    let svg = file.replacingOccurrences(of: ".dot", with: ".svg")
                    out += "![\(file.replacingOccurrences(of: ".dot", with: ""))](\(svg))\n\n"
                }
            } else {
                out += "SVG files were not rendered: Graphviz's `dot` was not installed when this report was written. Render them with `dot -Tsvg FILE.dot -o FILE.svg`.\n\n"
            }
            out += "Graphviz sources: " + diagrams.dotFiles.map { "[\($0)](\($0))" }.joined(separator: ", ") + ".\n\n"
        }
        out += "Mermaid (GitHub renders these without Graphviz):\n"
        for design in report.designs { out += "\n" + MermaidRenderer.flowchart(design, report: report) }
        return out
    }

    static func footer(_ report: Report) -> String {
        "\n---\nGenerated by albgw-cost \(report.toolVersion). Rerun the same command to reproduce it byte for byte.\n"
    }
}
