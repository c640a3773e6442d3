import Foundation

/// The default output: something a reviewer pastes into a chat, one screen at 120 columns: the
/// answer, the summary, each design's line items, the warnings and the high-severity findings.
/// `detail` adds how each quantity was derived, the limits, the request path, failure domains,
/// the inputs, assumptions and the prices with their sources. Every line fits `width` where words
/// allow it: paragraphs and long table cells wrap.
package enum TableRenderer {
    package static func render(_ report: Report, width: Int = TextWrap.defaultWidth, detail: Bool = false) -> String {
        var pieces = self.pieces(report, width: width, detail: detail)
        return String(joining: &pieces)
    }

    /// `render`'s text as UTF-8 pieces in order. A review of the code the report holds is made and
    /// wrapped a piece at a time (`ReviewRenderer.wrappedPieces`, each ending a line), not joined into
    /// the text first: a review of a thousand designs is megabytes, and the text around it was grown,
    /// copied and wrapped whole with it (the 10 MB designs priced as a table peaked at 11x the input).
    package static func pieces(_ report: Report, width: Int = TextWrap.defaultWidth, detail: Bool = false) -> [[UInt8]] {
        let head = answer(report) + header(report)
        // What follows the review.
        var out = "\n" + summary(report, width: width)
        if let unused = report.unusedOptions { out += "  \(unused)\n" }
        if report.designs.contains(where: { !$0.warnings.isEmpty }) { out += "\n" + HopsRenderer.warnings(report) }
        if !report.missingPrices.isEmpty { out += "\n" + missing(report) }
        for design in report.designs {
            guard let cost = design.shownCost else { continue }
            // One screen: what a design that cannot carry the workload would cost, and each line's
            // scope (the summary names what the designs share), wait for --detail.
            if detail || design.isFeasible {
                out += "\n" + lineItems(design, cost: cost, scoped: detail && report.shared != nil, width: width, derivations: detail)
            }
        }
        if detail {
            out += "\n" + HopsRenderer.limits(report, width: width)
            out += "\n" + HopsRenderer.compactPaths(report)
            out += "\n" + FailureDomainRenderer.render(report, width: width)
            out += "\n" + inputs(report)
            out += "\n" + assumptions(report)
            out += "\n" + prices(report)
        } else {
            out += highFindings(report) + "\n" + notShown
        }
        // Lines are wrapped one by one, so text cut where a line ends wraps as it would whole. The
        // review's pieces are made as bytes, wrapped by the core that makes each (as `review` without
        // a workload prints them): made as text first, the text and its wrapped bytes were both held,
        // megabytes each for a thousand designs.
        guard let review = report.terraform else {
            var whole = head + out
            return TextWrap.pieces(freeing: &whole, width: width)
        }
        var first = head + "\n"
        return TextWrap.pieces(freeing: &first, width: width) + ReviewRenderer.wrappedPieces(review, width: width) + TextWrap.pieces(freeing: &out, width: width)
    }

    /// What the one-screen output leaves to `--detail`.
    static let notShown =
        "More with --detail: how each quantity was derived, what an impossible design would cost, limits, the request path, failure domains, all findings, every input, assumptions and prices with sources.\n"

    /// The high-severity findings of the designs that can carry the workload, or nothing.
    static func highFindings(_ report: Report) -> String {
        let high = report.designs.filter(\.isFeasible).flatMap { design in
            design.failureDomains.findings.filter { $0.severity == .high }.map { (design.design, $0) }
        }
        guard !high.isEmpty else { return "" }
        return "\nHigh-severity findings\n" + high.map { "  - \($0.0.rawValue): \($0.1.title): \($0.1.detail). Fix: \($0.1.fix).\n" }.joined()
    }

    /// The answer, first: which design, why, what it saves; then when another one wins.
    static func answer(_ report: Report) -> String {
        guard let recommendation = report.recommendation else { return "" }
        return "Recommendation: \(recommendation.sentence)\n" + (recommendation.otherWinsWhen.isEmpty ? "" : "  \(recommendation.otherWinsWhen)\n") + "\n"
    }

    static func header(_ report: Report) -> String {
        let scenario = report.scenario
        let rate: String
        switch scenario.workload.rate {
        case .perSecond(let rps): rate = "\(Format.exact(rps)) requests/s = \(Format.quantity(scenario.monthlyRequests)) requests/month"
        case .perMonth(let requests): rate = "\(Format.quantity(requests)) requests/month = \(Format.quantity(scenario.requestsPerSecond)) requests/s"
        }
        let scheme = scenario.topology.albScheme
        let clients =
            report.has(.alb)
            ? "\(scheme.rawValue) ALB in \(scenario.topology.azs) AZs"
            : (scheme == .internetFacing ? "internet clients" : "clients on the corporate network (VPN or Direct Connect)")
        return """
            albgw-cost \(report.toolVersion): \(report.question(separator: " vs "))
            \(scenario.topology.region) (\(report.prices.regional.location)); \(rate); \(scenario.billing.hoursPerMonth) h/month; \(clients)

            """
    }

    static func summary(_ report: Report, width: Int = TextWrap.defaultWidth) -> String {
        let shared = report.shared
        var table = TextTable(
            [("Design", .left), ("$/hour", .right), ("$/month", .right)] + (shared == nil ? [] : [("design-specific", .right)])
                + [("$/1M requests", .right), ("Path", .left)])
        // Only the designs that can be built are compared; one line each says why the others are left out.
        for design in report.designs {
            guard let cost = design.cost else { continue }
            let mark = cost.isComplete ? "" : " (incomplete)"
            table.add(
                // The hourly and per-request figures follow from the monthly one: a "+" marks them as
                // floors too, where a word in each would squeeze the path column.
                [design.design.rawValue, Format.money4(cost.hourlyCost) + (cost.isComplete ? "" : "+"), Format.money(cost.monthlyCost) + mark]
                    + (shared == nil ? [] : [designSpecificText(cost)])
                    + [Format.money4(cost.costPerMillionRequests) + (cost.isComplete ? "" : "+"), design.definition.name])
        }
        var out =
            "Summary (USD)\n"
            + (report.designs.contains(where: \.isFeasible)
                ? table.render(indent: "  ", width: width)
                : "  No design analysed here can serve this workload\(report.designs.count < DesignCatalog.all.count ? " (--design leaves others out)" : "").\n")
        if report.designs.contains(where: { $0.cost.map { !$0.isComplete } ?? false }) {
            out += "  (incomplete), +: a price is missing (see Missing prices), so the figure is a floor.\n"
        }
        for design in report.designs {
            if let reason = design.impossibleReason { out += "  \(design.design.rawValue) cannot carry this workload here: \(reason).\n" }
        }
        if let shared { out += "  \(sharedText(shared)).\n" }
        for comparison in report.comparisons {
            let more = comparison.monthly >= 0
            let relative = relativeText(comparison)
            out +=
                "  Difference: \(comparison.first.rawValue) costs \(Format.money(abs(comparison.monthly))) per month \(more ? "more" : "less") than \(comparison.second.rawValue)\(relative): \(Format.money4(abs(comparison.hourly))) per hour, \(Format.money4(abs(comparison.perMillionRequests))) per 1M requests.\n"
        }
        if report.comparisons.isEmpty && report.designs.filter(\.isFeasible).count >= 2 {
            out += "  Difference: not computed, because a price is missing (see below).\n"
        }
        let weak = report.designs.compactMap(\.cost).flatMap(\.lineItems).filter { $0.confidence == .low && $0.monthlyCost != 0 }
        let names = weak.reduce(into: [String]()) { names, item in
            let name = "\(item.service): \(item.component)"
            if !names.contains(name) { names.append(name) }
        }
        if !names.isEmpty {
            out +=
                "  Low-confidence figures in these totals (a second-hand source, or a billing rule no AWS page confirms; see each line's basis): \(names.joined(separator: "; ")).\n"
        }
        return out
    }

    /// ` (+134.3% of alb-lambda's total)`, or why there is no percentage.
    static func relativeText(_ comparison: CostComparison) -> String {
        if let fraction = comparison.fraction {
            return " (\(comparison.monthly >= 0 ? "+" : "")\(Format.percent(fraction)) of \(comparison.second.rawValue)'s total)"
        }
        return comparison.baseIncomplete ? " (no percentage: the totals lack a price every design needs)" : ""
    }

    /// A total's design-specific part; "unknown" when all of it is a missing price.
    static func designSpecificText(_ cost: DesignCost) -> String {
        if !cost.differencesAreKnown && cost.designMonthlyCost == 0 { return "unknown" }
        return Format.money(cost.designMonthlyCost) + (cost.differencesAreKnown ? "" : " (incomplete)")
    }

    /// What the designs share, in one sentence without a full stop.
    static func sharedText(_ shared: SharedCosts) -> String {
        let who = shared.designs.count == 2 ? "Both designs" : "All \(shared.designs.count) designs"
        guard !shared.services.isEmpty else { return "\(who) share no line item: every dollar is design-specific" }
        return
            "\(who) pay \(Format.money(shared.monthlyCost)) per month alike (\(shared.services.joined(separator: ", "))): the design-specific column is the total without it; the difference lies there"
    }

    static func missing(_ report: Report) -> String {
        var out = "Missing prices (totals above exclude them; nothing was guessed)\n"
        let region = report.scenario.topology.region
        for entry in report.missingPrices {
            out += "  - \(entry.key.title) (\(entry.key.rawValue)) for \(region): \(entry.reason)\n"
        }
        out += "  To supply one: albgw-cost prices --export DIR, add the price to DIR/\(region).json (remove it from \"missing\"), then run again with --prices DIR.\n"
        return out
    }

    /// `scoped` adds the Scope column: whether every feasible design pays the item alike.
    static func lineItems(_ design: DesignReport, cost: DesignCost, scoped: Bool, width: Int = TextWrap.defaultWidth, derivations: Bool = true) -> String {
        var table = TextTable(
            [("Service", .left), ("Component", .left), ("Quantity", .right), ("Unit", .left), ("Unit price", .right), ("$/month", .right)]
                + (scoped ? [("Scope", .left)] : []))
        for item in cost.lineItems {
            table.add(
                [
                    item.service, item.component, Format.quantity(item.quantity), item.unit,
                    item.unitPrice.map(Format.unitPrice) ?? "missing", item.monthlyCost.map(Format.money) ?? "missing",
                ] + (scoped ? [item.scope.rawValue] : []))
        }
        let hypothetical = !design.isFeasible
        table.add(
            [
                hypothetical ? "Total if possible" : "Total", cost.isComplete ? "exact sum, rounded once" : "excludes missing prices", "", "", "",
                Format.money(cost.monthlyCost),
            ] + (scoped ? [""] : []))
        var out = "\(design.design.rawValue): \(design.definition.name)"
        out +=
            hypothetical
            ? ", if it were possible (it is not here: \(design.infeasibleReasons.map(\.summary).joined(separator: ", "))); these figures enter no comparison\n"
            : "\n"
        out += table.render(indent: "  ", width: width)
        guard derivations else { return out }
        out += "  How the quantities were derived:\n"
        var seen: Set<String> = []
        for item in cost.lineItems {
            let base = firstPiece(of: item.id, separator: ".tier") ?? item.id
            guard seen.insert(base).inserted else { continue }
            let component = firstPiece(of: item.component, separator: " (") ?? item.component
            out += "  - \(component): \(item.basis)\n"
        }
        return out
    }

    /// `text.split(separator: separator).first`: the text before the first separator, skipping empty
    /// pieces; nil when only separators are left. By hand: the generic split costs more at start-up
    /// than the table it serves. Bytes stand for characters when both are ASCII without a carriage
    /// return; otherwise characters are compared.
    static func firstPiece(of text: String, separator: String) -> String? {
        let plain = { (string: String) in string.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
        guard plain(text) && plain(separator) else { return firstPiece(of: Array(text), separator: Array(separator)).map { String($0) } }
        return firstPiece(of: Array(text.utf8), separator: Array(separator.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func firstPiece<Element: Equatable>(of text: [Element], separator: [Element]) -> ArraySlice<Element>? {
        var start = 0
        var index = 0
        while index + separator.count <= text.count {
            guard text[index..<(index + separator.count)].elementsEqual(separator) else {
                index += 1
                continue
            }
            if index > start { return text[start..<index] }
            index += separator.count
            start = index
        }
        return start < text.count ? text[start...] : nil
    }

    static func inputs(_ report: Report) -> String {
        var table = TextTable([("Input", .left), ("Value", .left), ("Source", .left)])
        for input in report.inputs {
            table.add([input.option, input.text, input.source.text])
        }
        return "Inputs\n" + table.render(indent: "  ")
    }

    static func assumptions(_ report: Report) -> String {
        "Assumptions\n" + report.assumptions.map { "  - \($0)\n" }.joined()
    }

    static func prices(_ report: Report) -> String {
        var out = "Prices used (\(report.prices.regional.origin); global: \(report.prices.global.origin))\n"
        for price in report.pricesUsed {
            let tiered = price.tiers.contains { $0.confidence != nil }
            out += "  - \(price.key.rawValue): \(price.scheduleText); as of \(price.asOf), confidence \(tiered ? "by tier " : "")\(price.confidenceText). Source: \(price.source)\n"
        }
        return out
    }
}
