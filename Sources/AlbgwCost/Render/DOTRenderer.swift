import Foundation

/// Graphviz diagrams of the designs: one per design, and one picture comparing both. Pure: the
/// same report gives byte-identical DOT. Statements are emitted in request order, never by
/// iterating a dictionary.
package enum DOTRenderer {
    /// Diagram names and the file each is written to by `--out` and by reports.
    package static func fileName(for design: DesignID?) -> String {
        design.map { "\($0.rawValue).dot" } ?? "comparison.dot"
    }

    /// Every diagram of the report as files: one per design, plus the comparison of both.
    package static func files(_ report: Report) -> [(name: String, text: String)] {
        var files = report.designs.map { (name: fileName(for: $0.design), text: design($0, report: report)) }
        if report.designs.count > 1 { files.append((name: fileName(for: nil), text: comparison(report))) }
        return files
    }

    /// The comparison picture when the report holds both designs, else the one design's diagram.
    package static func render(_ report: Report) -> String {
        report.designs.count == 1 ? design(report.designs[0], report: report) : comparison(report)
    }

    private struct Writer {
        var lines: [String] = []
        var depth = 1
        mutating func line(_ text: String) { lines.append(String(repeating: "  ", count: depth) + text) }
        mutating func open(_ text: String) { line(text + " {"); depth += 1 }
        mutating func close() { depth -= 1; line("}") }
        mutating func node(_ id: String, _ attributes: [(String, String)]) { line(DOT.quote(id) + DOT.attributes(attributes) + ";") }
        mutating func edge(_ from: String, _ to: String, _ attributes: [(String, String)]) {
            line(DOT.quote(from) + " -> " + DOT.quote(to) + DOT.attributes(attributes) + ";")
        }
        mutating func cluster(_ id: String, label: String, style: [(String, String)], body: (inout Writer) -> Void) {
            open("subgraph " + DOT.quote("cluster_" + id))
            line("graph" + DOT.attributes([("label", label)] + style) + ";")
            body(&self)
            close()
        }
    }

    /// Top to bottom, so that a diagram fits a page about 1,000 px wide at its natural size.
    private static let graphDefaults = [
        "graph [rankdir=\"TB\", compound=\"true\", newrank=\"true\", splines=\"spline\", fontname=\"Helvetica\", fontsize=\"12\", nodesep=\"0.25\", ranksep=\"0.5\", labelloc=\"t\", labeljust=\"l\"];",
        "node [shape=\"box\", style=\"rounded,filled\", fillcolor=\"white\", fontname=\"Helvetica\", fontsize=\"10\"];",
        "edge [fontname=\"Helvetica\", fontsize=\"9\"];",
    ]

    private static let crossAccountEdge: [(String, String)] = [("color", "#5e35b1"), ("penwidth", "2")]

    static func hop(_ design: DesignReport, _ id: String) -> Hop? { design.hops.first { $0.id == id } }

    /// `3 · HTTPS 443 re-encrypted` and the binding limit on a second line.
    static func edgeLabel(_ hop: Hop?, full: Bool = true) -> String {
        guard let hop else { return "" }
        guard full else { return "\(hop.number)" }
        return ["\(hop.number) \(hop.shortTransport)", hop.keyLimit].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The hop a component brings, as numbered in the design's report.
    static func hop(_ design: DesignReport, of context: ChainContext) -> Hop? {
        context.component.hop(context).flatMap { hop(design, $0.id) }
    }

    /// The drawing contexts of a design's components, in chain order.
    static func contexts(_ design: DesignReport, _ report: Report) -> [DiagramContext] {
        design.definition.contexts(report.scenario).map { DiagramContext(report: report, design: design, chain: $0) }
    }

    /// The clients' node: on the internet, or on the corporate network with the link's charge when it is priced.
    static func clients(_ report: Report, _ design: DesignReport, long: Bool) -> [String] {
        if report.scenario.topology.albScheme == .internetFacing { return long ? ["Clients", "(internet)"] : ["Clients"] }
        if let link = design.cost.flatMap({ DiagramCharge.billed(by: .link, in: $0) }) { return ["Corporate clients", "over \(link.name)"] + link.lines }
        return long ? ["Corporate clients", "(VPN or Direct Connect)"] : ["Corporate clients"]
    }

    /// What a diagram shows on no node: what no component bills, and the charges of the components in
    /// `undrawn` (the lookups the comparison leaves out), in bill order. Empty when the design is not priced.
    static func onNoNode(_ design: DesignReport, _ report: Report, undrawn: Set<ComponentKind> = []) -> [DiagramCharge] {
        guard let cost = design.cost else { return [] }
        let kinds = design.definition.contexts(report.scenario).map(\.component.kind).filter(undrawn.contains)
        return kinds.compactMap { DiagramCharge.billed(by: $0, in: cost) } + DiagramCharge.unattributed(in: cost)
    }

    /// `on no node:` and each charge on its own lines (`Route 53 $0.50/month (hosted zone)`), wrapped;
    /// empty when every charge is on a node.
    static func onNoNodeLines(_ charges: [DiagramCharge], width: Int) -> [String] {
        guard !charges.isEmpty else { return [] }
        return ["on no node:"] + charges.flatMap { wrap($0.sentence, width: width) }
    }

    /// `text` in lines of at most `width` characters, broken at spaces (a longer word keeps its own line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)
        return lines
    }

    /// Characters a title line holds before it is wrapped: about 620 pt at 12 pt Helvetica.
    static let titleWidth = 100

    /// A title line for a design that cannot carry the workload: the topology's picture title, or its workload limits.
    static func infeasibleTitle(_ design: DesignReport) -> String? {
        if let impossibility = design.impossibility { return impossibility.title }
        guard !design.isFeasible else { return nil }
        return "INFEASIBLE: " + design.infeasibleReasons.map(\.summary).joined(separator: ", ")
    }

    // MARK: - One design

    /// A frame's nodes, then its inner frames as clusters (their notes added to the title).
    private static func emit(_ frame: DiagramFrame, _ w: inout Writer) {
        for node in frame.nodes { w.node(node.id, [("label", node.lines.joined(separator: "\n"))] + node.attributes.map(\.pair)) }
        for child in frame.children {
            guard let cluster = child.cluster else { continue }
            w.cluster(cluster.id, label: cluster.label + child.notes.joined(), style: cluster.style.map(\.pair)) { w in emit(child, &w) }
        }
    }

    /// One design, nested account -> region -> VPC -> AZ -> subnet, edges in hop order.
    package static func design(_ design: DesignReport, report: Report) -> String {
        let definition = design.definition
        var w = Writer()
        var out = "digraph \(DOT.quote(design.design.rawValue)) {\n"
        for line in graphDefaults { w.line(line) }
        var second = report.scenario.topology.region
        if let cost = design.cost { second += ", \(Format.money(cost.monthlyCost)) per month" + (cost.isComplete ? "" : " (incomplete)") }
        if let preset = report.scenario.preset { second += ", --preset \(preset)" }
        var title = wrap("\(design.design.rawValue): \(definition.name)", width: titleWidth) + [second]
        title += onNoNodeLines(onNoNode(design, report), width: titleWidth)
        if let line = infeasibleTitle(design) { title += wrap(line, width: titleWidth) }
        w.line("graph" + DOT.attributes([("label", title.joined(separator: "\n"))]) + ";")

        let contexts = contexts(design, report)
        let blocked = design.impossibility?.blocked
        let drawn = contexts.map { context -> (DiagramContext, [DiagramNode]) in
            var nodes = context.chain.component.diagramNodes(context)
            if context.chain.component.kind == blocked {
                for index in nodes.indices {
                    nodes[index].attributes.removeAll { $0.key == "color" || $0.key == "style" }
                    nodes[index].attributes += [DiagramAttribute("color", "#d32f2f"), DiagramAttribute("style", "rounded,dashed,filled")]
                }
            }
            return (context, nodes)
        }
        let root = DiagramFrame(nil)
        root.add(
            DiagramNode(id: "client", lines: clients(report, design, long: true), attributes: [DiagramAttribute("shape", "oval"), DiagramAttribute("fillcolor", "#eceff1")]),
            path: [])
        for (_, nodes) in drawn {
            for node in nodes { root.add(node, path: node.location[...]) }
        }
        emit(root, &w)

        // The clients and their lookups on the top rank, above every frame; off-path nodes beside what they belong to.
        let lookups = drawn.filter { $0.0.chain.component.isLookup }.flatMap(\.1).map(\.id)
        if !lookups.isEmpty { w.line("{ rank=\"same\"; " + (["client"] + lookups).map { DOT.quote($0) + "; " }.joined() + "}") }
        var above: Set<String> = []
        for node in drawn.flatMap(\.1) {
            switch node.rank {
            case .above(let id)?:
                w.edge(node.id, id, [("style", "invis")])
                above.insert(id)
            case .below(let id)?: w.edge(id, node.id, [("style", "invis")])
            case nil: break
            }
        }

        // Edges in hop order: lookups first (dashed), then the data path.
        var used: Set<LegendEntry> = []
        if drawn.contains(where: { $0.1.contains { $0.location.first?.id.hasPrefix("account_") == true } }) { used.insert(.account) }
        if drawn.contains(where: { $0.1.contains(where: \.isSinglePointOfFailure) }) { used.insert(.singlePointOfFailure) }
        if drawn.contains(where: { $0.1.contains { $0.classes.contains("unregistered") } }) { used.insert(.unregistered) }
        for (context, nodes) in drawn where context.chain.component.isLookup {
            for node in nodes {
                w.edge("client", node.id, [("label", edgeLabel(hop(design, of: context.chain))), ("style", "dashed")])
                used.formUnion([.lookup, .hopLabel])
            }
        }
        var previous: (nodes: [DiagramNode], side: AccountSide?) = ([DiagramNode(id: "client", lines: [])], nil)
        for (context, nodes) in drawn where !context.chain.component.isLookup {
            let component = context.chain.component
            let targets = nodes.filter(\.onPath)
            let hop = hop(design, of: context.chain)
            let crosses = context.chain.crossAccount && previous.side != nil && previous.side != component.side
            // A part no request reaches (an ENI whose IP is not registered) still sits in its row.
            for node in nodes where !node.onPath && node.rank == nil {
                if let source = previous.nodes.first { w.edge(source.id, node.id, [("style", "invis")]) }
            }
            var index = 0
            for source in previous.nodes {
                for target in targets {
                    var attributes: [(String, String)]
                    if let impossibility = design.impossibility, impossibility.blocked == component.kind {
                        // The reason once, on the first of the edges; the others are drawn alike.
                        attributes = [("label", index == 0 ? impossibility.edgeLabel : ""), ("color", "#d32f2f"), ("style", "dashed"), ("fontcolor", "#b71c1c")]
                        used.insert(.impossible)
                    } else {
                        var label = edgeLabel(hop, full: index == 0)
                        if crosses && index == 0 { label += "\ncrosses accounts" }
                        attributes = [("label", label)]
                        // A rank for the node drawn above the target, below the clients' rank.
                        if source.id == "client" && above.contains(target.id) { attributes.append(("minlen", "2")) }
                        used.insert(.hopLabel)
                        if target.isSinglePointOfFailure { attributes += [("color", "#d32f2f"), ("penwidth", "2")] }
                        if crosses {
                            attributes += crossAccountEdge
                            used.insert(.crossAccount)
                        }
                    }
                    w.edge(source.id, target.id, attributes)
                    index += 1
                }
            }
            previous = (targets, component.side)
        }
        legend(&w, used, after: drawn.last { !$0.0.chain.component.isLookup }?.1.last?.id ?? "client")
        out += w.lines.joined(separator: "\n") + "\n}\n"
        return out
    }

    /// One entry of a legend: a style a diagram may use, in the order a legend lists them.
    package enum LegendEntry: Int, CaseIterable, Sendable, Comparable {
        case singlePointOfFailure
        case unregistered
        case impossible
        case account
        case crossAccount
        case lookup
        case hopLabel

        package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The colour the entry is written in, and what it says.
        package var text: (color: String, words: String) {
            switch self {
            case .singlePointOfFailure: ("#b71c1c", "red frame: single point of failure (one AZ takes the design down)")
            case .unregistered: ("#616161", "grey dashed box: endpoint ENI whose IP is not registered")
            case .impossible: ("#b71c1c", "red dashed: the hop that cannot be made")
            case .account: ("#5e35b1", "purple frame: an account")
            case .crossAccount: ("#5e35b1", "purple edge: crosses accounts")
            case .lookup: ("#000000", "dashed edge: DNS lookup, beside the request path")
            case .hopLabel: ("#000000", "edge label: hop number, protocol and port, the limit that binds")
            }
        }
    }

    /// The key to the styles the diagram uses, and to those only: one HTML-table node, placed after
    /// `last` so that it sits below the path.
    private static func legend(_ w: inout Writer, _ used: Set<LegendEntry>, after last: String) {
        guard !used.isEmpty else { return }
        let cells = used.sorted().map { "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"\($0.text.color)\">\($0.text.words)</FONT></TD></TR>" }.joined()
        w.line(
            "\"legend\" [shape=\"plaintext\", style=\"\", fontsize=\"9\", label=<<TABLE BORDER=\"1\" COLOR=\"#bdbdbd\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\"><TR><TD ALIGN=\"LEFT\"><B>Legend</B></TD></TR>\(cells)</TABLE>>];"
        )
        w.edge(last, "legend", [("style", "invis")])
    }

    // MARK: - Every design side by side

    /// Characters a design's frame label holds before it is wrapped, so that the columns stay narrow.
    static let columnWidth = 36

    /// The designs as request chains side by side, each with its costs, hop labels and binding limits.
    package static func comparison(_ report: Report) -> String {
        var w = Writer()
        var out = "digraph \"comparison\" {\n"
        for line in graphDefaults { w.line(line) }
        var title = wrap(report.designs.map(\.design.rawValue).joined(separator: " vs ") + ", \(report.scenario.topology.region)", width: titleWidth)
        for comparison in report.comparisons {
            title += wrap(
                "\(comparison.first.rawValue) costs \(Format.money(abs(comparison.monthly))) per month \(comparison.monthly >= 0 ? "more" : "less") than \(comparison.second.rawValue)",
                width: titleWidth)
        }
        w.line("graph" + DOT.attributes([("label", title.joined(separator: "\n"))]) + ";")
        var last = "client"
        var used: Set<LegendEntry> = []
        for design in report.designs {
            let prefix = String(UnicodeScalar(UInt8(97 + design.definition.catalogIndex)))
            var label = [design.design.rawValue]
            if let cost = design.cost {
                label += [
                    "\(Format.money(cost.monthlyCost))/month" + (cost.isComplete ? "" : " (incomplete)"), "\(Format.money4(cost.costPerMillionRequests)) per 1M requests",
                ]
            }
            let contexts = contexts(design, report)
            let drawn = contexts.filter { !$0.chain.component.isLookup }.compactMap { context in
                context.chain.component.comparisonNode(context).map { (context, $0) }
            }
            let undrawn = Set(contexts.map(\.chain.component.kind)).subtracting(drawn.map(\.0.chain.component.kind) + [.link])
            label += onNoNodeLines(onNoNode(design, report, undrawn: undrawn), width: columnWidth)
            if let line = infeasibleTitle(design) { label += wrap(line, width: columnWidth) }
            if drawn.contains(where: { $0.1.isSinglePointOfFailure }) { used.insert(.singlePointOfFailure) }
            w.cluster(DOT.id("design", prefix), label: label.joined(separator: "\n"), style: [("style", "rounded"), ("color", "#757575"), ("fontsize", "10")]) { w in
                w.node(DOT.id(prefix, "client"), [("label", clients(report, design, long: false).joined(separator: "\n")), ("shape", "oval"), ("fillcolor", "#eceff1")])
                for (_, node) in drawn { w.node(DOT.id(prefix, node.id), [("label", node.lines.joined(separator: "\n"))] + node.attributes.map(\.pair)) }
                var previous: (id: String, side: AccountSide?) = (DOT.id(prefix, "client"), nil)
                for (context, node) in drawn {
                    let component = context.chain.component
                    let attributes: [(String, String)]
                    if let impossibility = design.impossibility, impossibility.blocked == component.kind {
                        attributes = [("label", impossibility.shortEdgeLabel), ("color", "#d32f2f"), ("style", "dashed")]
                        used.insert(.impossible)
                    } else {
                        let crosses = context.chain.crossAccount && previous.side != nil && previous.side != component.side
                        attributes = [("label", edgeLabel(hop(design, of: context.chain)) + (crosses ? "\ncrosses accounts" : ""))] + (crosses ? crossAccountEdge : [])
                        used.insert(.hopLabel)
                        if crosses { used.insert(.crossAccount) }
                    }
                    w.edge(previous.id, DOT.id(prefix, node.id), attributes)
                    previous = (DOT.id(prefix, node.id), component.side)
                }
                last = previous.id
            }
        }
        legend(&w, used, after: last)
        out += w.lines.joined(separator: "\n") + "\n}\n"
        return out
    }
}
