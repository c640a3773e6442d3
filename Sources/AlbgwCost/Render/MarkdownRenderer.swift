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
    /// In the order a review reads it: the question and the answer, one comparison table, the
    /// comparison diagram and the range, each design in full, then an appendix of inputs,
    /// assumptions and prices.
    package static func render(_ report: Report, diagrams: Diagrams?) -> String {
        var pieces = pieces(report, diagrams: diagrams)
        return String(joining: &pieces)
    }

    /// The report of `render` in UTF-8 pieces, the Terraform review's section in pieces of its own
    /// (`ReviewRenderer.markdownPieces`): a review of a thousand designs is written, or put in a
    /// file, a piece at a time, never joined into one more copy.
    package static func pieces(_ report: Report, diagrams: Diagrams?) -> [[UInt8]] {
        let head = [title(report), recommendation(report), comparison(report)]
        var tail = [tradeOffs(report), comparisonDiagram(report, diagrams: diagrams), range(report, chartFile: diagrams?.chartFile)]
        tail += report.designs.map { designSection($0, report: report, diagrams: diagrams) }
        tail.append(appendix(report))
        // The sections, each given once and the empty ones left out, a blank line between two.
        var sections = head.filter { !$0.isEmpty }.map { [Array($0.utf8)] }
        if let review = report.terraform { sections.append(ReviewRenderer.markdownPieces(review)) }
        sections += tail.filter { !$0.isEmpty }.map { [Array($0.utf8)] }
        var pieces: [[UInt8]] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { pieces.append([UInt8(ascii: "\n")]) }
            pieces += section
        }
        pieces.append(Array(footer(report).utf8))
        return pieces
    }

    // MARK: - Helpers

    /// A table cell: pipes and `<` escaped (a placeholder such as `<alb>` is not an HTML tag), line
    /// breaks as `<br>`.
    static func cell(_ text: String) -> String {
        // Most cells have nothing to escape: told by their bytes, far cheaper than four replacements.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "<") }) else {
            return text
        }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "\\<")
            .replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Text from a finding or a note in running Markdown: `<` escaped, so that a placeholder such as
    /// `<alb>.dns_name` is shown, not taken for an HTML tag and dropped.
    static func prose(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "<")) ? text.replacingOccurrences(of: "<", with: "\\<") : text
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
        out += ".\n\n"
        if let command = report.command {
            out += "Written by albgw-cost \(report.toolVersion) with \(code(ShellWords.quoted(command))); the same command writes it again byte for byte.\n"
        } else {
            out += "Written by albgw-cost \(report.toolVersion).\n"
        }
        out += "Every figure says where it comes from: the inputs, assumptions and prices are in the appendix.\n"
        let changed = report.inputs.filter { $0.source != .defaulted }
        if !changed.isEmpty {
            out +=
                "\nInputs other than the defaults: " + changed.map { "`\($0.option) \($0.text)`\($0.source == .given ? "" : " (\($0.source.text))")" }.joined(separator: ", ")
                + ".\n"
        }
        return out
    }

    /// Inline code that survives backticks in the text.
    static func code(_ text: String) -> String {
        text.contains("`") ? "`` \(text) ``" : "`\(text)`"
    }

    static func recommendation(_ report: Report) -> String {
        guard let recommendation = report.recommendation else { return "" }
        var out = "## Recommendation\n\n\(recommendation.sentences)\n"
        let warnings = report.designs.filter { $0.design == recommendation.design }.flatMap(\.warnings)
        if let design = recommendation.design, !warnings.isEmpty {
            out += "\nMind the quotas this workload exceeds on \(design.rawValue): \(warnings.map(\.id).joined(separator: ", ")) (see its *Limits*).\n"
        }
        if !report.missingPrices.isEmpty {
            out +=
                "\nThe cost comparison is incomplete: \(report.missingPrices.map { "\($0.key.title) (`\($0.key.rawValue)`)" }.joined(separator: ", ")) is missing for \(report.scenario.topology.region) (see the appendix).\n"
        }
        return out
    }

    /// One table: each design's cost, whether it can carry the workload, its hops, its composite
    /// SLA and the limit it reaches first; then what the designs share and how they differ.
    static func comparison(_ report: Report) -> String {
        var out = "## Comparison\n\n"
        let shared = report.shared
        if !report.designs.contains(where: \.isFeasible) {
            out +=
                "No design analysed here can carry this workload\(report.designs.count < DesignCatalog.all.count ? " (--design leaves others out)" : ""); what each would cost if it could is in its section.\n\n"
        }
        out += table(
            ["Design", "$/month"] + (shared == nil ? [] : ["design-specific"]) + ["$/1M requests", "Can carry it", "Hops", "Composite SLA", "Binds first"],
            report.designs.map { design in
                var row = ["`\(design.design.rawValue)`"]
                if let cost = design.cost {
                    row.append(Format.money(cost.monthlyCost) + (cost.isComplete ? "" : " (incomplete)"))
                    if shared != nil { row.append(TableRenderer.designSpecificText(cost)) }
                    row.append(Format.money4(cost.costPerMillionRequests) + (cost.isComplete ? "" : " (incomplete)"))
                } else {
                    row.append(design.hypotheticalCost.map { "(\(Format.money($0.monthlyCost)) if it were possible)" } ?? "-")
                    if shared != nil { row.append("-") }
                    row.append("-")
                }
                // Carrying the workload is not enough when it lacks a feature --needs asks for.
                let lacking = Recommendation.missing(design, report.scenario.needs)
                row.append(
                    design.isFeasible
                        ? lacking.isEmpty ? "yes" : "yes, but it lacks \(lacking.map(\.rawValue).joined(separator: ", ")) (--needs)"
                        : "**no**: " + design.infeasibleReasons.map(\.summary).joined(separator: "; "))
                row.append("\(design.hops.count)")
                // A term left out makes the figure an upper bound: the cell says which.
                let availability = design.failureDomains.availability
                let without = availability.missing.isEmpty ? "" : " (without \(availability.missing.map(\.service).joined(separator: ", ")))"
                row.append(design.isFeasible ? "\(Format.fixed(availability.compositePercent, places: 3))%\(without)" : "-")
                row.append(design.isFeasible ? design.limits.firstToBind(report.scenario)?.text ?? "-" : design.infeasibleReasons.map(\.limit).joined(separator: "; "))
                return row
            }, right: shared == nil ? [1, 2, 4, 5] : [1, 2, 3, 5, 6])
        if let unused = report.unusedOptions { out += "\n\(prose(unused))\n" }
        if let shared { out += "\n\(TableRenderer.sharedText(shared)).\n" }
        for comparison in report.comparisons {
            out +=
                "\n`\(comparison.first.rawValue)` costs **\(Format.money(abs(comparison.monthly))) per month \(comparison.monthly >= 0 ? "more" : "less")** than `\(comparison.second.rawValue)`"
            out += TableRenderer.relativeText(comparison)
            out += ": \(Format.money4(abs(comparison.hourly))) per hour, \(Format.money4(abs(comparison.perMillionRequests))) per 1M requests.\n"
        }
        out +=
            "\n\"Binds first\": of the request and response body, the timeout, the sustained rate and Lambda concurrency, the limit with the least headroom (limit / the workload's use); the composite SLA multiplies the published SLAs of the design's serial chain.\n"
        return out
    }

    /// The comparison diagram, when there is one beside the report.
    static func comparisonDiagram(_ report: Report, diagrams: Diagrams?) -> String {
        guard let diagrams, let file = diagrams.dotFiles.first(where: { $0 == DOTRenderer.fileName(for: nil) }) else { return "" }
        var out = "## Comparison diagram\n\n"
        out += diagramImage(file, diagrams: diagrams)
        return out
    }

    /// `![name](name.svg)` and a link to its source, or how to render it.
    static func diagramImage(_ file: String, diagrams: Diagrams) -> String {
        let name = file.replacingOccurrences(of: ".dot", with: "")
        if diagrams.svgRendered { return "![\(name)](\(name).svg)\n\nGraphviz source: [\(file)](\(file)).\n" }
        return
            "Graphviz source: [\(file)](\(file)). The SVG was not rendered: Graphviz's `dot` was not installed when this report was written; render it with `dot -Tsvg \(file) -o \(name).svg`.\n"
    }

    /// One design in full: line items, hops, limits, failure domains and its diagram.
    static func designSection(_ design: DesignReport, report: Report, diagrams: Diagrams?) -> String {
        var out = "## `\(design.design.rawValue)`: \(design.definition.name)\n\n"
        if !design.isFeasible {
            out += "It cannot carry this workload here. What it would cost if it could is below; it enters no comparison.\n\n"
            out += design.infeasibleReasons.map { "- **\($0.limit)**, \($0.value). Way out: \($0.wayOut).\n" }.joined() + "\n"
        }
        out += lineItems(design, scoped: report.shared != nil)
        out += hops(design, report: report)
        out += limits(design, report: report)
        out += failureDomains(design)
        out += "\n### Diagram\n\n"
        if let diagrams, let file = diagrams.dotFiles.first(where: { $0 == DOTRenderer.fileName(for: design.design) }) {
            out += diagramImage(file, diagrams: diagrams) + "\n"
        }
        out += "Mermaid (GitHub renders it without Graphviz):\n\n" + MermaidRenderer.flowchart(design, report: report)
        return out
    }

    static func lineItems(_ design: DesignReport, scoped: Bool) -> String {
        guard let cost = design.shownCost else { return "" }
        let hypothetical = !design.isFeasible
        var out = "### Line items\(hypothetical ? " if it were possible" : "")\n\n"
        var rows = cost.lineItems.map { item in
            [
                item.service, item.component, Format.quantity(item.quantity), item.unit, item.unitPrice.map(Format.unitPrice) ?? "missing",
                item.monthlyCost.map(Format.money) ?? "missing",
            ] + (scoped ? [item.scope.rawValue] : [])
        }
        rows.append(
            [
                hypothetical ? "**Total if it were possible**" : "**Total**", cost.isComplete ? "exact sum, rounded once" : "excludes missing prices", "", "", "",
                "**\(Format.money(cost.monthlyCost))**",
            ] + (scoped ? [""] : []))
        out += table(["Service", "Component", "Quantity", "Unit", "Unit price", "$/month"] + (scoped ? ["Scope"] : []), rows, right: [2, 4, 5])
        out += "\nHow the quantities were derived:\n\n"
        var seen: Set<String> = []
        for item in cost.lineItems {
            let base = item.id.split(separator: ".tier").first.map(String.init) ?? item.id
            guard seen.insert(base).inserted else { continue }
            let component = item.component.split(separator: " (").first.map(String.init) ?? item.component
            out += "- \(component): \(item.basis)\n"
        }
        return out
    }

    /// The hops as a compact table (short cells); what each hop does in full as notes below it.
    static func hops(_ design: DesignReport, report: Report) -> String {
        var out = "\n### Hops\n\n"
        out += table(
            ["#", "Hop", "Protocol", "Binds here", "Billed here"],
            design.hops.map { hop in
                [
                    "\(hop.number)", "\(hop.from) -> \(hop.to)", hop.shortTransport.isEmpty ? hop.transport : hop.shortTransport, hop.keyLimit.isEmpty ? "-" : hop.keyLimit,
                    billedTotal(hop, design: design),
                ]
            }, right: [0, 4])
        if let beside = HopsRenderer.besidePath(design) { out += "\nBilled beside the path: \(beside).\n" }
        out += "\nEach hop in full:\n\n"
        for hop in design.hops {
            var parts = ["protocol \(hop.transport)", "TLS \(hop.tls)", "size \(hop.sizeLimit)", "timeout \(hop.timeout)", "throttle \(hop.throttle)"]
            parts.append("billed \(HopsRenderer.billed(hop, design: design))")
            if !hop.adds.isEmpty { parts.append("adds \(hop.adds.joined(separator: "; "))") }
            if let latency = report.scenario.hopLatencyMS[hop.latencyKey] { parts.append("latency \(Format.quantity(latency)) ms (your estimate)") }
            out += "- Hop \(hop.number), \(hop.from) -> \(hop.to): \(parts.joined(separator: "; ")).\n"
        }
        let notes = design.hops.flatMap { hop in hop.notes.map { (hop, $0) } }
        if !notes.isEmpty {
            out += "\nPitfalls:\n\n" + notes.map { "- Hop \($0.0.number): \($0.1)\n" }.joined()
        }
        out += sourceList(design.hops.flatMap(\.sources))
        return out
    }

    /// `$74.35`: what the line items billed at a hop add up to.
    static func billedTotal(_ hop: Hop, design: DesignReport) -> String {
        guard let cost = design.shownCost else { return "not priced" }
        let items = hop.billedItems.flatMap { cost.items($0) }
        guard !items.isEmpty else { return "-" }
        let total = Format.money(items.compactMap(\.monthlyCost).reduce(0, +)) + (items.contains { $0.monthlyCost == nil } ? " + missing" : "")
        return design.isFeasible ? total : "(\(total))"
    }

    static func limits(_ design: DesignReport, report: Report) -> String {
        var out = "\n### Limits\n\n"
        out += design.limits.rows.map { "- \($0.label): \($0.value)\n" }.joined()
        out += "- Hops: \(design.hops.count)\n"
        if design.isFeasible, let binding = design.limits.firstToBind(report.scenario) { out += "- Binds first: \(binding.text)\n" }
        out += sourceList(design.limits.payloadSources + design.limits.timeoutSources + design.limits.rateSources)
        out += "\nWarnings:\n\n"
        out +=
            design.warnings.isEmpty
            ? "- None: the workload is within every quota above.\n" : design.warnings.map { "- **\($0.limit)**, \($0.value): \($0.consequence). Way out: \($0.fix).\n" }.joined()
        return out
    }

    static func failureDomains(_ design: DesignReport) -> String {
        var out = "\n### Failure domains, availability and findings\n\n"
        guard design.isFeasible else { return out + "Not analysed: the design cannot carry this workload here.\n" }
        let analysis = design.failureDomains
        out += "Placement: \(FailureDomainRenderer.placement(analysis.components)).\n\n"
        out += table(
            ["AZ lost", "Still serves requests", FailureDomainRenderer.endpointColumn(analysis, long: true), "ALB nodes left", "Why"],
            analysis.azLoss.map {
                [
                    $0.az, $0.servesRequests ? "yes" : "**no**", $0.endpointCapacityShare.map(Format.percent) ?? "n/a", $0.albNodeShare.map(Format.percent) ?? "n/a",
                    $0.explanation,
                ]
            })
        out += "\nAvailability: \(FailureDomainRenderer.availability(analysis.availability)).\n\n"
        out += table(
            ["SLA term", "Monthly uptime"],
            analysis.availability.terms.map { [$0.service, "\($0.percent)%" + ($0.confirmed ? "" : " (unconfirmed)")] })
        out += "\nSLA sources:\n\n" + analysis.availability.terms.map { "- \($0.service): \($0.source)\n" }.joined()
        out += "\nFindings:\n\n"
        out +=
            analysis.findings.isEmpty
            ? "- None.\n" : analysis.findings.map { "- **[\($0.severity.rawValue)] \(prose($0.title)):** \(prose($0.detail)). Fix: \(prose($0.fix)).\n" }.joined()
        out += sourceList(analysis.findings.flatMap(\.sources))
        return out
    }

    /// The inputs, assumptions and prices with their sources.
    static func appendix(_ report: Report) -> String {
        var out = "## Appendix: inputs, assumptions and prices\n\n### Inputs\n\n"
        out += table(["Input", "Value", "Source"], report.inputs.map { ["`\($0.option)`", $0.text, $0.source.text] })
        out += "\n### Assumptions\n\n" + report.assumptions.map { "- \($0)\n" }.joined()
        out += "\n### Prices (USD, on-demand list, before tax)\n\n"
        out += "Price table: \(report.prices.regional.origin) and \(report.prices.global.origin).\n\n"
        out += table(["Price", "Rate", "As of", "Confidence"], report.pricesUsed.map { ["`\($0.key.rawValue)`", $0.scheduleText, $0.asOf, $0.confidenceText] })
        out += "\nSources:\n\n" + report.pricesUsed.map { "- `\($0.key.rawValue)`: \($0.source)\n" }.joined()
        if !report.missingPrices.isEmpty {
            out += "\n**Missing prices** (left out of every total; nothing was guessed):\n\n"
            out += report.missingPrices.map { "- `\($0.key.rawValue)` (\($0.key.title)): \($0.reason)\n" }.joined()
            out += "\nTo supply one: `albgw-cost prices --export DIR`, add it to `DIR/\(report.scenario.topology.region).json`, and rerun with `--prices DIR`.\n"
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

    static func footer(_ report: Report) -> String {
        "\n---\nGenerated by albgw-cost \(report.toolVersion)\(report.command.map { " with " + code(ShellWords.quoted($0)) } ?? "").\n"
    }
}
