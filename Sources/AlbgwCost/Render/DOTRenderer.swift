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

    private static let accountStyle: [(String, String)] = [("style", "rounded,bold"), ("color", "#5e35b1"), ("fontcolor", "#5e35b1")]
    private static let regionStyle: [(String, String)] = [("style", "rounded,filled"), ("fillcolor", "#f5f5f5"), ("color", "#9e9e9e")]
    private static let vpcStyle: [(String, String)] = [("style", "rounded,filled"), ("fillcolor", "#e8f5e9"), ("color", "#43a047")]
    private static let azStyle: [(String, String)] = [("style", "rounded,dashed,filled"), ("fillcolor", "#fffde7"), ("color", "#f9a825")]
    private static let subnetStyle: [(String, String)] = [("style", "rounded,filled"), ("fillcolor", "#e3f2fd"), ("color", "#1e88e5")]
    private static let spofStyle: [(String, String)] = [("color", "#d32f2f"), ("penwidth", "2.5"), ("fontcolor", "#b71c1c")]
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

    // MARK: - One design

    /// One design, nested account -> region -> VPC -> AZ -> subnet, edges in hop order.
    package static func design(_ design: DesignReport, report: Report) -> String {
        let topology = report.scenario.topology
        let cross = topology.accounts == .cross
        let internetFacing = topology.albScheme == .internetFacing
        let losses = design.failureDomains.azLoss
        let fatalAZs = losses.filter { !$0.servesRequests }.map(\.az)
        var w = Writer()
        var out = "digraph \(DOT.quote(design.design.rawValue)) {\n"
        for line in graphDefaults { w.line(line) }
        var title = "\(design.design.rawValue): \(design.design.name)\n\(report.scenario.topology.region)"
        if let cost = design.cost { title += ", \(Format.money(cost.monthlyCost)) per month" + (cost.isComplete ? "" : " (incomplete)") }
        if let preset = report.scenario.preset { title += ", --preset \(preset)" }
        if let line = impossibleTitle(design) { title += "\n" + line }
        w.line("graph" + DOT.attributes([("label", title)]) + ";")

        // Outside every account: the clients and Route 53.
        w.node("client", [("label", internetFacing ? "Clients\n(internet)" : "Corporate clients\n(VPN or Direct Connect)"), ("shape", "oval"), ("fillcolor", "#eceff1")])
        w.node(
            "route53",
            [
                (
                    "label",
                    ["Route 53", internetFacing ? "public hosted zone" : "private hosted zone", cost(design, ["route53.zone"]) ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
                ), ("shape", "box"),
            ])

        let applicationNodes: (inout Writer) -> Void = { w in
            if design.design == .albVpceApigwLambda {
                let apiLines = ["API Gateway", "private REST API", cost(design, ["apigateway.requests"]) ?? ""].filter { !$0.isEmpty }
                w.node("apigw", [("label", apiLines.joined(separator: "\n")), ("fillcolor", "#fce4ec")])
            }
            var lambdaLines = ["Lambda", "\(report.scenario.workload.lambdaMemoryMB) MB, \(report.scenario.workload.lambdaArchitecture.rawValue)"]
            if let text = cost(design, ["lambda"]) { lambdaLines.append(text) }
            var attributes: [(String, String)] = [("fillcolor", "#fff8e1")]
            if !design.isFeasible { attributes += [("color", "#d32f2f"), ("style", "rounded,dashed,filled")] }
            w.node("lambda", [("label", lambdaLines.joined(separator: "\n"))] + attributes)
        }
        let networkAccount = cross ? "Network account" : "Account"
        w.cluster(DOT.id("account", "network"), label: networkAccount, style: accountStyle) { w in
            w.cluster(DOT.id("region", "network"), label: "Region \(topology.region)", style: regionStyle) { w in
                w.node("acm", [("label", "ACM certificate\n$0.00/month"), ("fillcolor", "#fafafa")])
                // In one account the regional services share the account's region frame.
                if !cross { applicationNodes(&w) }
                let endpointCost = design.design == .albVpceApigwLambda ? cost(design, ["vpce"]).map { " (interface endpoint \($0): hours + data)" } ?? "" : ""
                w.cluster("vpc", label: "VPC" + endpointCost, style: vpcStyle) { w in
                    let albLines = [
                        "ALB (\(topology.albScheme.rawValue))", "nodes in AZ " + (0..<topology.azs).map(FailureDomainAnalyzer.azName).joined(separator: ", "),
                        cost(design, ["alb.hours", "alb.lcu", "alb.publicIPv4"]) ?? "",
                        internetFacing ? (cost(design, ["egress"]).map { "egress \($0)" } ?? "") : "",
                    ].filter { !$0.isEmpty }
                    w.node("alb", [("label", albLines.joined(separator: "\n")), ("fillcolor", "#fff3e0")])
                    if design.design == .albVpceApigwLambda {
                        let perENI = report.scenario.billing.hoursPerMonth
                        let enis = design.failureDomains.components.filter { $0.id.hasPrefix("vpce-eni-") }
                        for eni in enis {
                            guard case .zonal(let az) = eni.scope else { continue }
                            w.cluster(DOT.id("az", az), label: "AZ \(az)", style: azStyle) { w in
                                w.cluster(DOT.id("subnet", "endpoint", az), label: "endpoint subnet \(az)", style: subnetStyle) { w in
                                    var lines = ["Endpoint ENI \(az)", "execute-api"]
                                    var attributes: [(String, String)] = [("fillcolor", "#e1f5fe")]
                                    if eni.registered == true {
                                        lines.append(topology.targetIPs == .manual ? "registered (IP typed in by hand)" : "registered target")
                                    } else {
                                        lines.append("NOT registered")
                                        attributes = [("style", "rounded,dashed,filled"), ("fillcolor", "#fafafa"), ("color", "#9e9e9e"), ("fontcolor", "#616161")]
                                    }
                                    if fatalAZs.contains(az) && eni.registered == true {
                                        lines.append("SINGLE POINT OF FAILURE")
                                        attributes += spofStyle
                                    }
                                    if let rate = design.cost?.item("vpce.hours")?.unitPrice {
                                        lines.append("\(Format.money(rate * perENI))/month")
                                    }
                                    w.node(DOT.id("vpce", "eni", az), [("label", lines.joined(separator: "\n"))] + attributes)
                                }
                            }
                        }
                    }
                }
            }
        }
        if cross {
            w.cluster(DOT.id("account", "application"), label: "Application account", style: accountStyle) { w in
                w.cluster(DOT.id("region", "application"), label: "Region \(topology.region)", style: regionStyle, body: applicationNodes)
            }
        }

        // Edges in hop order.
        w.edge("client", "route53", [("label", edgeLabel(hop(design, "dns"))), ("style", "dashed")])
        w.edge("client", "alb", [("label", edgeLabel(hop(design, "client-alb")))])
        switch design.design {
        case .albVpceApigwLambda:
            let registered = design.failureDomains.components.filter { $0.id.hasPrefix("vpce-eni-") && $0.registered == true }
            for (index, eni) in registered.enumerated() {
                guard case .zonal(let az) = eni.scope else { continue }
                var attributes: [(String, String)] = [("label", edgeLabel(hop(design, "alb-vpce"), full: index == 0))]
                if fatalAZs.contains(az) { attributes += [("color", "#d32f2f"), ("penwidth", "2")] }
                w.edge("alb", DOT.id("vpce", "eni", az), attributes)
            }
            for (index, eni) in registered.enumerated() {
                guard case .zonal(let az) = eni.scope else { continue }
                var label = edgeLabel(hop(design, "vpce-apigw"), full: index == 0)
                if cross && index == 0 { label += "\ncrosses accounts" }
                w.edge(DOT.id("vpce", "eni", az), "apigw", [("label", label)] + (cross ? crossAccountEdge : []))
            }
            w.edge("apigw", "lambda", [("label", edgeLabel(hop(design, "apigw-lambda")))])
        case .albLambda:
            if design.isFeasible {
                w.edge("alb", "lambda", [("label", edgeLabel(hop(design, "alb-lambda")))])
            } else {
                w.edge(
                    "alb", "lambda",
                    [("label", "impossible:\nALB cannot invoke a function\nin another account"), ("color", "#d32f2f"), ("style", "dashed"), ("fontcolor", "#b71c1c")])
            }
        }
        legend(&w, after: "lambda")
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

    /// A title line for an impossible design, short enough for a picture.
    static func impossibleTitle(_ design: DesignReport) -> String? {
        design.impossibleReason.map { _ in "IMPOSSIBLE: an ALB cannot invoke a Lambda function in another account" }
    }

    // MARK: - Both designs

    /// Both designs as two request chains, each with its costs, hop labels and binding limits.
    package static func comparison(_ report: Report) -> String {
        var w = Writer()
        var out = "digraph \"comparison\" {\n"
        for line in graphDefaults { w.line(line) }
        var title = "ALB -> private API Gateway -> Lambda vs ALB -> Lambda, \(report.scenario.topology.region)"
        if let comparison = report.comparison {
            title +=
                "\n\(comparison.first.rawValue) costs \(Format.money(abs(comparison.monthly))) per month \(comparison.monthly >= 0 ? "more" : "less") than \(comparison.second.rawValue)"
        }
        w.line("graph" + DOT.attributes([("label", title)]) + ";")
        for design in report.designs {
            let prefix = design.design == .albVpceApigwLambda ? "a" : "b"
            var label = design.design.rawValue
            if let cost = design.cost {
                label += ": \(Format.money(cost.monthlyCost))/month, \(Format.money4(cost.costPerMillionRequests)) per 1M requests" + (cost.isComplete ? "" : " (incomplete)")
            }
            if let line = impossibleTitle(design) { label += "\n" + line }
            let fatal = design.failureDomains.azLoss.filter { !$0.servesRequests }.map(\.az)
            w.cluster(DOT.id("design", prefix), label: label, style: [("style", "rounded"), ("color", "#757575")]) { w in
                w.node(
                    DOT.id(prefix, "client"),
                    [("label", report.scenario.topology.albScheme == .internetFacing ? "Clients" : "Corporate clients"), ("shape", "oval"), ("fillcolor", "#eceff1")])
                w.node(
                    DOT.id(prefix, "alb"),
                    [
                        ("label", ["ALB", cost(design, ["alb.hours", "alb.lcu", "alb.publicIPv4", "egress"]) ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")),
                        ("fillcolor", "#fff3e0"),
                    ])
                var previous = DOT.id(prefix, "alb")
                if design.design == .albVpceApigwLambda {
                    var attributes: [(String, String)] = [("fillcolor", "#e1f5fe")]
                    var lines = ["Interface endpoint", "\(design.failureDomains.components.filter { $0.registered == true }.count) registered ENI IP(s)"]
                    if !fatal.isEmpty {
                        lines.append("SINGLE POINT OF FAILURE (AZ \(fatal.joined(separator: ", ")))")
                        attributes += spofStyle
                    }
                    if let text = cost(design, ["vpce"]) { lines.append(text) }
                    w.node(DOT.id(prefix, "vpce"), [("label", lines.joined(separator: "\n"))] + attributes)
                    w.node(
                        DOT.id(prefix, "apigw"),
                        [
                            ("label", ["API Gateway (private REST)", cost(design, ["apigateway.requests"]) ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")),
                            ("fillcolor", "#fce4ec"),
                        ])
                }
                w.node(DOT.id(prefix, "lambda"), [("label", ["Lambda", cost(design, ["lambda"]) ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")), ("fillcolor", "#fff8e1")])
                w.edge(DOT.id(prefix, "client"), previous, [("label", edgeLabel(hop(design, "client-alb")))])
                if design.design == .albVpceApigwLambda {
                    w.edge(previous, DOT.id(prefix, "vpce"), [("label", edgeLabel(hop(design, "alb-vpce")))])
                    let cross = report.scenario.topology.accounts == .cross
                    w.edge(
                        DOT.id(prefix, "vpce"), DOT.id(prefix, "apigw"),
                        [("label", edgeLabel(hop(design, "vpce-apigw")) + (cross ? "\ncrosses accounts" : ""))] + (cross ? crossAccountEdge : []))
                    previous = DOT.id(prefix, "apigw")
                    w.edge(previous, DOT.id(prefix, "lambda"), [("label", edgeLabel(hop(design, "apigw-lambda")))])
                } else if design.isFeasible {
                    w.edge(previous, DOT.id(prefix, "lambda"), [("label", edgeLabel(hop(design, "alb-lambda")))])
                } else {
                    w.edge(previous, DOT.id(prefix, "lambda"), [("label", "impossible across accounts"), ("color", "#d32f2f"), ("style", "dashed")])
                }
            }
        }
        let last = report.designs.last.map { $0.design == .albVpceApigwLambda ? "a" : "b" } ?? "a"
        legend(&w, after: DOT.id(last, "lambda"))
        out += w.lines.joined(separator: "\n") + "\n}\n"
        return out
    }
}
