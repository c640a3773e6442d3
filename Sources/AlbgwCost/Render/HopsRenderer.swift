import Foundation

/// Hop tables, effective limits and warnings as text: on their own for `albgw-cost hops`, and as
/// sections of the main table output.
package enum HopsRenderer {
    /// `albgw-cost hops`: the request path of each design in full, then limits and warnings.
    package static func render(_ report: Report, width: Int = TextWrap.defaultWidth) -> String {
        var out = TableRenderer.answer(report) + TableRenderer.header(report)
        if let unused = report.unusedOptions { out += "\n\(unused)\n" }
        for design in report.designs { out += "\n" + path(design, report: report) }
        out += "\n" + limits(report, width: width)
        out += "\n" + (report.designs.contains { !$0.warnings.isEmpty } ? warnings(report) : "Warnings\n  none: the workload is within every limit above.\n")
        return TextWrap.lines(out, width: width)
    }

    /// One design's hops, each with what bounds it, what it adds and what it bills.
    static func path(_ design: DesignReport, report: Report) -> String {
        var out = "\(design.design.rawValue): \(design.hops.count) hops\n"
        if let reason = design.impossibleReason { out += "  CANNOT CARRY THIS WORKLOAD HERE: \(reason).\n" }
        for hop in design.hops {
            out += "  \(hop.number). \(hop.from) -> \(hop.to)\n"
            out += "     protocol:  \(hop.transport)\n"
            out += "     TLS:       \(hop.tls)\n"
            out += "     size:      \(hop.sizeLimit)\n"
            out += "     timeout:   \(hop.timeout)\n"
            out += "     throttle:  \(hop.throttle)\n"
            out += "     billed:    \(billed(hop, design: design))\n"
            for (index, feature) in hop.adds.enumerated() {
                out += "     \(index == 0 ? "adds:      " : "           ")\(feature)\n"
            }
            for note in hop.notes { out += "     note:      \(note)\n" }
            for source in hop.sources { out += "     source:    \(source.text)\n" }
            if let latency = report.scenario.hopLatencyMS[hop.latencyKey] {
                out += "     latency:   \(Format.quantity(latency)) ms (your estimate for '\(hop.latencyKey)')\n"
            }
        }
        if let beside = besidePath(design) { out += "  Billed beside the path: \(beside)\n" }
        return out
    }

    /// The line items billed at a hop with their monthly cost, for example `vpce.hours $14.60`.
    static func billed(_ hop: Hop, design: DesignReport) -> String {
        guard let cost = design.shownCost else { return "not priced" }
        let parts = hop.billedItems.compactMap { prefix -> String? in
            let items = cost.items(prefix)
            guard !items.isEmpty else { return nil }
            let total = items.compactMap(\.monthlyCost).reduce(0, +)
            let missing = items.contains { $0.monthlyCost == nil } ? " + missing price" : ""
            return "\(prefix) \(Format.money(total))/month\(missing)"
        }
        let text = parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
        return design.isFeasible ? text : "if it were possible: \(text)"
    }

    /// What the design bills that no hop carries (CloudWatch Logs), so that the hops' lines and this
    /// one add up to the total; nil when there is none.
    static func besidePath(_ design: DesignReport) -> String? {
        guard let cost = design.shownCost else { return nil }
        let prefixes = design.hops.flatMap(\.billedItems)
        let loose = cost.lineItems.filter { item in !prefixes.contains { item.id == $0 || item.id.hasPrefix($0 + ".") } }
        guard !loose.isEmpty else { return nil }
        // Group by the first two parts of the id (`logs.vended.tier1` -> `logs.vended`).
        var groups: [(String, ExactDecimal, Bool)] = []
        for item in loose {
            let key = item.id.split(separator: ".").prefix(2).joined(separator: ".")
            if let index = groups.firstIndex(where: { $0.0 == key }) {
                groups[index].1 += item.monthlyCost ?? 0
                groups[index].2 = groups[index].2 || item.monthlyCost == nil
            } else {
                groups.append((key, item.monthlyCost ?? 0, item.monthlyCost == nil))
            }
        }
        let text = groups.map { "\($0.0) \(Format.money($0.1))/month\($0.2 ? " + missing price" : "")" }.joined(separator: ", ")
        return design.isFeasible ? text : "if it were possible: \(text)"
    }

    /// The main output's short form of each path: one line per hop.
    static func compactPaths(_ report: Report) -> String {
        var out = "Request path (details: albgw-cost hops ...)\n"
        for design in report.designs {
            out += "  \(design.design.rawValue)\n"
            for hop in design.hops {
                out += "    \(hop.number). \(hop.from) -> \(hop.to): \(hop.transport); billed: \(billed(hop, design: design))\n"
            }
            if let beside = besidePath(design) { out += "    beside the path: \(beside)\n" }
        }
        return out
    }

    /// Effective limits of the designs side by side.
    static func limits(_ report: Report, width: Int = TextWrap.defaultWidth) -> String {
        var columns: [(String, TextTable.Alignment)] = [("Limit", .left)]
        columns += report.designs.map { ($0.design.rawValue, .left) }
        var table = TextTable(columns)
        for row in limitRows(report) { table.add(row) }
        return "Effective limits\n" + table.render(indent: "  ", width: width)
    }

    /// One row per limit, one column per design, plus the hop count.
    static func limitRows(_ report: Report) -> [[String]] {
        var rows = (report.designs.first?.limits.rows ?? []).map { [$0.label] }
        for design in report.designs {
            for (index, row) in design.limits.rows.enumerated() { rows[index].append(row.value) }
        }
        rows.insert(["Hops"] + report.designs.map { "\($0.hops.count)" }, at: rows.count - 1)
        return rows
    }

    static func warnings(_ report: Report) -> String {
        var out = "Warnings\n"
        for design in report.designs {
            for warning in design.warnings { out += "  - \(design.design.rawValue): \(warning.message)\n" }
        }
        return out
    }
}
