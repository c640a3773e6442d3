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

    private static let graphDefaults = [
        "graph [rankdir=\"LR\", compound=\"true\", newrank=\"true\", splines=\"spline\", fontname=\"Helvetica\", fontsize=\"12\", nodesep=\"0.5\", ranksep=\"0.7\", labelloc=\"t\", labeljust=\"l\"];",
        "node [shape=\"box\", style=\"rounded,filled\", fillcolor=\"white\", fontname=\"Helvetica\", fontsize=\"10\"];",
        "edge [fontname=\"Helvetica\", fontsize=\"9\"];",
    ]

    private static let crossAccountEdge: [(String, String)] = [("color", "#5e35b1"), ("penwidth", "2")]

    /// Monthly cost of the line items under `prefixes`, or nil when the design is not priced.
    static func cost(_ design: DesignReport, _ prefixes: [String]) -> String? {
        guard let cost = design.cost else { return nil }
        let items = prefixes.flatMap(cost.items)
        guard !items.isEmpty else { return nil }
        let total = items.compactMap(\.monthlyCost).reduce(0, +)
        return "\(Format.money(total))/month" + (items.contains { $0.monthlyCost == nil } ? " + missing price" : "")
    }

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

    /// The clients' node label: on the internet, or on the corporate network.
    static func clients(_ report: Report, long: Bool) -> String {
        let internetFacing = report.scenario.topology.albScheme == .internetFacing
        if long { return internetFacing ? "Clients\n(internet)" : "Corporate clients\n(VPN or Direct Connect)" }
        return internetFacing ? "Clients" : "Corporate clients"
    }

    /// A title line for a design that cannot carry the workload: the topology's picture title, or its workload limits.
    static func infeasibleTitle(_ design: DesignReport) -> String? {
        if let impossibility = design.impossibility { return impossibility.title }
        guard !design.isFeasible else { return nil }
        return "INFEASIBLE: " + design.infeasibleReasons.map(\.summary).joined(separator: ", ")
    }

    // MARK: - One design

    /// A frame and what it holds: its own nodes first, then its inner frames, each in order of first appearance.
    private final class Frame {
        var cluster: DiagramCluster?
        var notes: [String] = []
        var nodes: [DiagramNode] = []
        var children: [Frame] = []

        init(_ cluster: DiagramCluster?) { self.cluster = cluster }

        func add(_ node: DiagramNode, path: ArraySlice<DiagramCluster>) {
            guard let next = path.first else {
                nodes.append(node)
                return
            }
            let child: Frame
            if let existing = children.first(where: { $0.cluster?.id == next.id }) {
                child = existing
            } else {
                child = Frame(next)
                children.append(child)
            }
            if !next.note.isEmpty && !child.notes.contains(next.note) { child.notes.append(next.note) }
            child.add(node, path: path.dropFirst())
        }

        func emit(_ w: inout Writer) {
            for node in nodes { w.node(node.id, [("label", node.lines.joined(separator: "\n"))] + node.attributes.map(\.pair)) }
            for child in children {
                guard let cluster = child.cluster else { continue }
                w.cluster(cluster.id, label: cluster.label + child.notes.joined(), style: cluster.style.map(\.pair)) { w in child.emit(&w) }
            }
        }
    }

    /// One design, nested account -> region -> VPC -> AZ -> subnet, edges in hop order.
    package static func design(_ design: DesignReport, report: Report) -> String {
        let definition = design.definition
        var w = Writer()
        var out = "digraph \(DOT.quote(design.design.rawValue)) {\n"
        for line in graphDefaults { w.line(line) }
        var title = "\(design.design.rawValue): \(definition.name)\n\(report.scenario.topology.region)"
        if let cost = design.cost { title += ", \(Format.money(cost.monthlyCost)) per month" + (cost.isComplete ? "" : " (incomplete)") }
        if let preset = report.scenario.preset { title += ", --preset \(preset)" }
        if let line = infeasibleTitle(design) { title += "\n" + line }
        w.line("graph" + DOT.attributes([("label", title)]) + ";")

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
        let root = Frame(nil)
        root.add(
            DiagramNode(id: "client", lines: [clients(report, long: true)], attributes: [DiagramAttribute("shape", "oval"), DiagramAttribute("fillcolor", "#eceff1")]),
            path: [])
        for (_, nodes) in drawn {
            for node in nodes { root.add(node, path: node.location[...]) }
        }
        root.emit(&w)

        // Edges in hop order: lookups first (dashed), then the data path.
        for (context, nodes) in drawn where context.chain.component.isLookup {
            for node in nodes { w.edge("client", node.id, [("label", edgeLabel(hop(design, of: context.chain))), ("style", "dashed")]) }
        }
        var previous: (nodes: [DiagramNode], side: AccountSide?) = ([DiagramNode(id: "client", lines: [])], nil)
        for (context, nodes) in drawn where !context.chain.component.isLookup {
            let component = context.chain.component
            let targets = nodes.filter(\.onPath)
            let hop = hop(design, of: context.chain)
            let crosses = context.chain.crossAccount && previous.side != nil && previous.side != component.side
            var index = 0
            for source in previous.nodes {
                for target in targets {
                    var attributes: [(String, String)]
                    if let impossibility = design.impossibility, impossibility.blocked == component.kind {
                        attributes = [("label", impossibility.edgeLabel), ("color", "#d32f2f"), ("style", "dashed"), ("fontcolor", "#b71c1c")]
                    } else {
                        var label = edgeLabel(hop, full: index == 0)
                        if crosses && index == 0 { label += "\ncrosses accounts" }
                        attributes = [("label", label)]
                        if target.isSinglePointOfFailure { attributes += [("color", "#d32f2f"), ("penwidth", "2")] }
                        if crosses { attributes += crossAccountEdge }
                    }
                    w.edge(source.id, target.id, attributes)
                    index += 1
                }
            }
            previous = (targets, component.side)
        }
        legend(&w, after: drawn.last { !$0.0.chain.component.isLookup }?.1.last?.id ?? "client")
        out += w.lines.joined(separator: "\n") + "\n}\n"
        return out
    }

    /// The key to the styles: one HTML-table node, placed after `last` so it sits at the right.
    private static func legend(_ w: inout Writer, after last: String) {
        let rows = [
            ("#b71c1c", "red frame: single point of failure (one AZ takes the design down)"),
            ("#616161", "grey dashed box: endpoint ENI whose IP is not registered"),
            ("#5e35b1", "purple frame: an account; purple edge: crosses accounts"),
            ("#000000", "edge label: hop number, protocol and port, the limit that binds"),
        ]
        let cells = rows.map { "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"\($0.0)\">\($0.1)</FONT></TD></TR>" }.joined()
        w.line(
            "\"legend\" [shape=\"plaintext\", style=\"\", fontsize=\"9\", label=<<TABLE BORDER=\"1\" COLOR=\"#bdbdbd\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\"><TR><TD ALIGN=\"LEFT\"><B>Legend</B></TD></TR>\(cells)</TABLE>>];"
        )
        w.edge(last, "legend", [("style", "invis")])
    }

    // MARK: - Every design side by side

    /// The designs as request chains side by side, each with its costs, hop labels and binding limits.
    package static func comparison(_ report: Report) -> String {
        var w = Writer()
        var out = "digraph \"comparison\" {\n"
        for line in graphDefaults { w.line(line) }
        var title = "\(report.question(separator: " vs ")), \(report.scenario.topology.region)"
        for comparison in report.comparisons {
            title +=
                "\n\(comparison.first.rawValue) costs \(Format.money(abs(comparison.monthly))) per month \(comparison.monthly >= 0 ? "more" : "less") than \(comparison.second.rawValue)"
        }
        w.line("graph" + DOT.attributes([("label", title)]) + ";")
        var last = "client"
        for design in report.designs {
            let prefix = String(UnicodeScalar(UInt8(97 + design.definition.catalogIndex)))
            var label = design.design.rawValue
            if let cost = design.cost {
                label += ": \(Format.money(cost.monthlyCost))/month, \(Format.money4(cost.costPerMillionRequests)) per 1M requests" + (cost.isComplete ? "" : " (incomplete)")
            }
            if let line = infeasibleTitle(design) { label += "\n" + line }
            let drawn = contexts(design, report).filter { !$0.chain.component.isLookup }.compactMap { context in
                context.chain.component.comparisonNode(context).map { (context, $0) }
            }
            w.cluster(DOT.id("design", prefix), label: label, style: [("style", "rounded"), ("color", "#757575")]) { w in
                w.node(DOT.id(prefix, "client"), [("label", clients(report, long: false)), ("shape", "oval"), ("fillcolor", "#eceff1")])
                for (_, node) in drawn { w.node(DOT.id(prefix, node.id), [("label", node.lines.joined(separator: "\n"))] + node.attributes.map(\.pair)) }
                var previous: (id: String, side: AccountSide?) = (DOT.id(prefix, "client"), nil)
                for (context, node) in drawn {
                    let component = context.chain.component
                    let attributes: [(String, String)]
                    if let impossibility = design.impossibility, impossibility.blocked == component.kind {
                        attributes = [("label", impossibility.shortEdgeLabel), ("color", "#d32f2f"), ("style", "dashed")]
                    } else {
                        let crosses = context.chain.crossAccount && previous.side != nil && previous.side != component.side
                        attributes = [("label", edgeLabel(hop(design, of: context.chain)) + (crosses ? "\ncrosses accounts" : ""))] + (crosses ? crossAccountEdge : [])
                    }
                    w.edge(previous.id, DOT.id(prefix, node.id), attributes)
                    previous = (DOT.id(prefix, node.id), component.side)
                }
                last = previous.id
            }
        }
        legend(&w, after: last)
        out += w.lines.joined(separator: "\n") + "\n}\n"
        return out
    }
}
