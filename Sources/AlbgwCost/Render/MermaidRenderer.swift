/// Mermaid flowcharts of a design, for Markdown viewers that render Mermaid (GitHub does). Only the
/// flowchart syntax Mermaid documents is used: `flowchart TB`; `id["label"]` and `id(["label"])`
/// nodes; `subgraph id ["label"]` ... `end`; `-->|"label"|` and `-.->|"label"|` links; `classDef`,
/// `class` and `linkStyle`. Ids are letters, digits and `_`; every label is quoted, with `"`, `#`,
/// `<`, `>`, `&`, `;` and backticks written as Mermaid's `#...;` entity codes and line breaks as `<br>`.
package enum MermaidRenderer {
    /// A quoted Mermaid label.
    static func label(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "#": out += "#35;"
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case ";": out += "#59;"
            case "`": out += "#96;"
            case "\n": out += "<br>"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// The Mermaid id of an account frame (`network`, `application`) or of an inner frame (its own id).
    static func subgraphID(_ cluster: DiagramCluster) -> String {
        cluster.id.hasPrefix("account_") ? String(cluster.id.dropFirst("account_".count)) : cluster.id
    }

    package static func flowchart(_ design: DesignReport, report: Report) -> String {
        let topology = report.scenario.topology
        var lines = ["```mermaid", "flowchart TB"]
        lines.append("  client([\(label(DOTRenderer.clients(report, design, long: true).joined(separator: "\n")))])")
        let drawn = DOTRenderer.contexts(design, report).map { ($0, $0.chain.component.mermaidNodes($0)) }
        var classes: [String] = []
        func emit(_ frame: DiagramFrame, indent: String) {
            for node in frame.nodes {
                lines.append("\(indent)\(node.id)[\(label(node.lines.joined(separator: "\n")))]")
                for name in node.classes {
                    lines.append("\(indent)class \(node.id) \(name)")
                    if !classes.contains(name) { classes.append(name) }
                }
            }
            for child in frame.children {
                guard let cluster = child.cluster else { continue }
                // An account frame names its region: one account holds everything unless the accounts are split.
                let title = cluster.id.hasPrefix("account_") ? "\(cluster.label), \(topology.region)" : cluster.label
                lines.append("\(indent)subgraph \(subgraphID(cluster)) [\(label(title))]")
                emit(child, indent: indent + "  ")
                lines.append("\(indent)end")
            }
        }
        let root = DiagramFrame(nil)
        for node in drawn.flatMap(\.1) { root.add(node, path: node.location[...]) }
        emit(root, indent: "  ")

        var links = 0
        var impossibleLinks: [Int] = []
        func edge(_ from: String, _ to: String, _ text: String, dotted: Bool = false) {
            lines.append("  \(from) \(dotted ? "-.->" : "-->")|\(label(text))| \(to)")
            links += 1
        }
        for (context, nodes) in drawn where context.chain.component.isLookup {
            for node in nodes { edge("client", node.id, DOTRenderer.edgeLabel(DOTRenderer.hop(design, of: context.chain)), dotted: true) }
        }
        var previous = ["client"]
        for (context, nodes) in drawn where !context.chain.component.isLookup {
            let targets = nodes.filter(\.onPath).map(\.id)
            let hop = DOTRenderer.hop(design, of: context.chain)
            var index = 0
            for source in previous {
                for target in targets {
                    if let impossibility = design.impossibility, impossibility.blocked == context.chain.component.kind {
                        impossibleLinks.append(links)
                        edge(source, target, impossibility.mermaidLabel, dotted: true)
                    } else {
                        edge(source, target, DOTRenderer.edgeLabel(hop, full: index == 0))
                    }
                    index += 1
                }
            }
            previous = targets
        }
        for name in classes {
            switch name {
            case "spof": lines.append("  classDef spof stroke:#d32f2f,stroke-width:3px")
            case "unregistered": lines.append("  classDef unregistered stroke-dasharray: 5 5,color:#616161")
            default: break
            }
        }
        if !impossibleLinks.isEmpty { lines.append("  linkStyle \(impossibleLinks.map(String.init).joined(separator: ",")) stroke:#d32f2f,color:#b71c1c") }
        lines.append("```")
        return heading(design, report: report) + "\n\n" + lines.joined(separator: "\n") + "\n"
    }

    /// `**alb-lambda**, $136.45 per month: ...`: the design's total, and what of it is on no node.
    static func heading(_ design: DesignReport, report: Report) -> String {
        var text = "**\(design.design.rawValue)**"
        guard let cost = design.cost else { return text }
        text += ", \(Format.money(cost.monthlyCost)) per month" + (cost.isComplete ? "" : " (incomplete)")
        let loose = DOTRenderer.onNoNode(design, report)
        if loose.isEmpty { return text + ": the sum of the amounts on its nodes." }
        return text + ": the amounts on its nodes plus, on no node, " + loose.map(\.sentence).joined(separator: "; ") + "."
    }
}
