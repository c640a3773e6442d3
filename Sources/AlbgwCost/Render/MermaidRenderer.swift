/// Mermaid flowcharts of a design, for Markdown viewers that render Mermaid (GitHub does).
package enum MermaidRenderer {
    /// A Mermaid label: quoted, with `"` written as Mermaid's `#quot;` entity.
    static func label(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br>") + "\""
    }

    package static func flowchart(_ design: DesignReport, report: Report) -> String {
        let topology = report.scenario.topology
        let cross = topology.accounts == .cross
        var lines = ["```mermaid", "flowchart LR"]
        let internetFacing = topology.albScheme == .internetFacing
        lines.append("  client([\(label(internetFacing ? "Clients (internet)" : "Corporate clients (VPN or Direct Connect)"))])")
        let drawn = DOTRenderer.contexts(design, report).map { ($0, $0.chain.component.mermaidNodes($0)) }
        func emit(_ node: DiagramNode, indent: String) {
            lines.append("\(indent)\(node.id)[\(label(node.lines.joined(separator: "\n")))]")
            for name in node.classes { lines.append("\(indent)class \(node.id) \(name)") }
        }
        for node in drawn.flatMap(\.1) where node.location.isEmpty { emit(node, indent: "  ") }
        // One subgraph per account, network first; with one account everything shares the first.
        var accounts: [DiagramCluster] = []
        for node in drawn.flatMap(\.1) {
            if let account = node.location.first, !accounts.contains(where: { $0.id == account.id }) { accounts.append(account) }
        }
        for account in accounts {
            let application = account.id == DOT.id("account", "application")
            let title = application ? "Application account, \(topology.region)" : (cross ? "Network account, \(topology.region)" : "Account, \(topology.region)")
            lines.append("  subgraph \(application ? "application" : "network")[\(label(title))]")
            for node in drawn.flatMap(\.1) where node.location.first?.id == account.id { emit(node, indent: "    ") }
            lines.append("  end")
        }
        func edge(_ from: String, _ to: String, _ hop: Hop?, full: Bool = true, style: String = "-->") {
            lines.append("  \(from) \(style)|\(label(DOTRenderer.edgeLabel(hop, full: full)))| \(to)")
        }
        for (context, nodes) in drawn where context.chain.component.isLookup {
            for node in nodes { edge("client", node.id, DOTRenderer.hop(design, of: context.chain), style: "-.->") }
        }
        var previous = ["client"]
        for (context, nodes) in drawn where !context.chain.component.isLookup {
            let targets = nodes.filter(\.onPath).map(\.id)
            let hop = DOTRenderer.hop(design, of: context.chain)
            var index = 0
            for source in previous {
                for target in targets {
                    if let impossibility = design.impossibility, impossibility.blocked == context.chain.component.kind {
                        lines.append("  \(source) -.-x|\(label(impossibility.mermaidLabel))| \(target)")
                    } else {
                        edge(source, target, hop, full: index == 0)
                    }
                    index += 1
                }
            }
            previous = targets
        }
        lines.append("  classDef spof stroke:#d32f2f,stroke-width:3px")
        lines.append("  classDef unregistered stroke-dasharray: 5 5,color:#616161")
        lines.append("```")
        return "**\(design.design.rawValue)**\n\n" + lines.joined(separator: "\n") + "\n"
    }
}
