/// Mermaid flowcharts of a design, for Markdown viewers that render Mermaid (GitHub does).
package enum MermaidRenderer {
    /// A Mermaid label: quoted, with `"` written as Mermaid's `#quot;` entity.
    static func label(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br>") + "\""
    }

    package static func flowchart(_ design: DesignReport, report: Report) -> String {
        let topology = report.scenario.topology
        let cross = topology.accounts == .cross
        let fatal = Set(design.failureDomains.azLoss.filter { !$0.servesRequests }.map(\.az))
        var lines = ["```mermaid", "flowchart LR"]
        func cost(_ prefixes: [String]) -> String { DOTRenderer.cost(design, prefixes).map { "\n\($0)" } ?? "" }
        func edge(_ from: String, _ to: String, _ id: String, full: Bool = true, style: String = "-->") {
            let text = DOTRenderer.edgeLabel(DOTRenderer.hop(design, id), full: full)
            lines.append("  \(from) \(style)|\(label(text))| \(to)")
        }
        lines.append("  client([\(label(topology.albScheme == .internetFacing ? "Clients (internet)" : "Corporate clients (VPN or Direct Connect)"))])")
        lines.append("  route53[\(label("Route 53" + cost(["route53.zone"])))]")
        lines.append("  subgraph network[\(label(cross ? "Network account, \(topology.region)" : "Account, \(topology.region)"))]")
        lines.append("    alb[\(label("ALB (\(topology.albScheme.rawValue))" + cost(["alb.hours", "alb.lcu", "alb.publicIPv4"])))]")
        var enis: [String] = []
        if design.design == .albVpceApigwLambda {
            for eni in design.failureDomains.components where eni.id.hasPrefix("vpce-eni-") {
                guard case .zonal(let az) = eni.scope else { continue }
                let id = "eni_\(az)"
                let state = eni.registered == true ? (fatal.contains(az) ? "registered, SINGLE POINT OF FAILURE" : "registered") : "NOT registered"
                lines.append("    \(id)[\(label("Endpoint ENI, AZ \(az)\n\(state)"))]")
                if eni.registered == true { enis.append(id) }
                if fatal.contains(az) && eni.registered == true { lines.append("    class \(id) spof") }
                if eni.registered != true { lines.append("    class \(id) unregistered") }
            }
        }
        if cross {
            lines.append("  end")
            lines.append("  subgraph application[\(label("Application account, \(topology.region)"))]")
        }
        if design.design == .albVpceApigwLambda {
            lines.append("    apigw[\(label("API Gateway, private REST API" + cost(["apigateway.requests"])))]")
        }
        lines.append("    lambda[\(label("Lambda" + cost(["lambda"])))]")
        lines.append("  end")
        edge("client", "route53", "dns", style: "-.->")
        edge("client", "alb", "client-alb")
        switch design.design {
        case .albVpceApigwLambda:
            for (index, eni) in enis.enumerated() { edge("alb", eni, "alb-vpce", full: index == 0) }
            for (index, eni) in enis.enumerated() { edge(eni, "apigw", "vpce-apigw", full: index == 0) }
            edge("apigw", "lambda", "apigw-lambda")
        case .albLambda:
            if design.isFeasible {
                edge("alb", "lambda", "alb-lambda")
            } else {
                lines.append("  alb -.-x|\(label("impossible: ALB cannot invoke a function in another account"))| lambda")
            }
        }
        lines.append("  classDef spof stroke:#d32f2f,stroke-width:3px")
        lines.append("  classDef unregistered stroke-dasharray: 5 5,color:#616161")
        lines.append("```")
        return "**\(design.design.rawValue)**\n\n" + lines.joined(separator: "\n") + "\n"
    }
}
