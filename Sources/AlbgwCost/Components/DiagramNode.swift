import Foundation

/// A frame a diagram node sits in: an account, a region, the VPC, an AZ, a subnet.
package struct DiagramCluster: Sendable, Equatable {
    package var id: String
    package var label: String
    /// Text a component adds to the frame's label (the endpoint's cost on the VPC frame).
    package var note: String = ""
    package var style: [DiagramAttribute]

    package init(id: String, label: String, note: String = "", style: [DiagramAttribute]) {
        self.id = id
        self.label = label
        self.note = note
        self.style = style
    }
}

/// One `key="value"` attribute of a DOT node, edge or cluster.
package struct DiagramAttribute: Sendable, Equatable {
    package var key: String
    package var value: String

    package init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    package var pair: (String, String) { (key, value) }
}

/// Where an off-path node sits relative to the node it belongs to.
package enum DiagramRank: Sendable, Equatable {
    case above(String)
    case below(String)
}

/// One node a component draws: where it sits, what it says, how it looks.
package struct DiagramNode: Sendable, Equatable {
    package var id: String
    /// The frames it sits in, outermost first; empty at the top level.
    package var location: [DiagramCluster]
    package var lines: [String]
    package var attributes: [DiagramAttribute]
    /// True for the nodes a request passes through; edges of the path start and end at these.
    package var onPath: Bool
    /// A single point of failure: edges into it are drawn red in the design diagram.
    package var isSinglePointOfFailure: Bool = false
    /// Mermaid classes (`spof`, `unregistered`); the design diagram's legend reads them too.
    package var classes: [String] = []
    /// A node off the path drawn on the rank just above or below another node (the certificate beside
    /// what uses it), so that it does not widen the picture; nil to let Graphviz place it.
    package var rank: DiagramRank? = nil

    package init(
        id: String, location: [DiagramCluster] = [], lines: [String], attributes: [DiagramAttribute] = [], onPath: Bool = true,
        isSinglePointOfFailure: Bool = false, classes: [String] = [], rank: DiagramRank? = nil
    ) {
        self.id = id
        self.location = location
        self.lines = lines
        self.attributes = attributes
        self.onPath = onPath
        self.isSinglePointOfFailure = isSinglePointOfFailure
        self.classes = classes
        self.rank = rank
    }
}

/// The money one node shows, the same in every diagram: the sum of the line items one component adds
/// to the bill (`LineItem.billedBy`), with the short names of what that includes. What no component
/// bills (CloudWatch Logs), and what a diagram draws no node for, is listed beside the design's total
/// as "on no node", so that a diagram's amounts add up to that total.
package struct DiagramCharge: Sendable, Equatable {
    /// The service, for a charge listed on no node ("CloudWatch Logs", "Route 53").
    package var name: String
    /// Sum of the priced items; a lower bound when `missingPrice`.
    package var monthly: ExactDecimal
    package var missingPrice: Bool
    /// Short names of what is included, in bill order, each once ("hours", "LCUs").
    package var parts: [String]

    /// The charge of the items `kind` billed; nil when it billed none.
    package static func billed(by kind: ComponentKind, in cost: DesignCost) -> DiagramCharge? {
        make(cost.lineItems.filter { $0.billedBy == kind })
    }

    /// What no component billed, one charge per service, in bill order.
    package static func unattributed(in cost: DesignCost) -> [DiagramCharge] {
        let items = cost.lineItems.filter { $0.billedBy == nil }
        var services: [String] = []
        for item in items where !services.contains(item.service) { services.append(item.service) }
        return services.compactMap { service in make(items.filter { $0.service == service }) }
    }

    private static func make(_ items: [LineItem]) -> DiagramCharge? {
        guard let first = items.first else { return nil }
        var parts: [String] = []
        for item in items {
            let part = partName(item)
            if !parts.contains(part) { parts.append(part) }
        }
        return DiagramCharge(
            name: first.service, monthly: items.compactMap(\.monthlyCost).reduce(0, +), missingPrice: items.contains { $0.monthlyCost == nil }, parts: parts)
    }

    /// The item's id without its tier or free-band suffix: `lambda.requests` for `lambda.requests.free`.
    package static func group(_ id: String) -> String {
        var parts = id.split(separator: ".")
        while let last = parts.last, parts.count > 1, last == "free" || (last.hasPrefix("tier") && last.dropFirst(4).allSatisfy(\.isNumber)) {
            parts.removeLast()
        }
        return parts.joined(separator: ".")
    }

    /// A few words for each kind of line item, as a node lists them.
    static let shortNames: [String: String] = [
        "alb.hours": "hours", "alb.lcu": "LCUs", "alb.publicIPv4": "public IPv4", "egress": "internet egress",
        "acm.certificate": "certificate", "waf.acl": "WAF", "waf.rules": "WAF", "waf.alb.requests": "WAF", "waf.api.requests": "WAF",
        "vpce.hours": "hours", "vpce.data": "data", "apigateway.requests": "requests", "apigateway.cache": "cache",
        "lambda.requests": "requests", "lambda.duration": "duration", "lambda.ephemeral": "ephemeral storage", "lambda.streamed": "streaming",
        "xray.traces": "X-Ray", "route53.zone": "hosted zone", "route53.queries": "queries", "resolver.enis": "Resolver endpoint",
        "resolver.queries": "Resolver queries", "link.vpn": "connection", "link.dx": "port", "link.egress": "data out",
        "logs.vended": "Lambda logs", "logs.ingestion": "API Gateway logs", "logs.storage": "storage",
    ]

    /// The item's short name; its own label when it has none.
    static func partName(_ item: LineItem) -> String { shortNames[group(item.id)] ?? item.component }

    /// `$73.85/month`, marked when a price is missing.
    package var amount: String { Format.money(monthly) + "/month" + (missingPrice ? " + missing price" : "") }

    /// What is included, in parentheses, wrapped at about `width` characters a line.
    package func includes(width: Int = 26) -> [String] {
        var lines: [String] = []
        var line = ""
        for (index, part) in parts.enumerated() {
            let piece = (index == 0 ? "(" : "") + part + (index == parts.count - 1 ? ")" : ",")
            if line.isEmpty {
                line = piece
            } else if line.count + 1 + piece.count <= width {
                line += " " + piece
            } else {
                lines.append(line)
                line = piece
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The amount over what it includes: the lines a node shows.
    package var lines: [String] { [amount] + includes() }

    /// `CloudWatch Logs $4.49/month (Lambda logs, storage)`, on one line: a charge on no node.
    package var sentence: String { "\(name) \(amount) \(includes(width: .max).joined())" }
}

/// What a component reads to draw itself: the report, its design's analyses and its place in the chain.
package struct DiagramContext: Sendable {
    package let report: Report
    package let design: DesignReport
    package let chain: ChainContext

    package init(report: Report, design: DesignReport, chain: ChainContext) {
        self.report = report
        self.design = design
        self.chain = chain
    }

    package var topology: Topology { report.scenario.topology }

    /// What this component's node shows: the line items the component adds to the bill; nil when the
    /// design is not priced (it cannot be built) or the component bills nothing.
    package var charge: DiagramCharge? { design.cost.flatMap { DiagramCharge.billed(by: chain.component.kind, in: $0) } }

    /// AZs whose loss stops the design; none for a design that cannot be built (it is not analysed).
    package var fatalAZs: [String] {
        guard design.isFeasible else { return [] }
        return design.failureDomains.azLoss.filter { !$0.servesRequests }.map(\.az)
    }

    /// The placed parts of this component, by id prefix.
    package func placed(_ prefix: String) -> [PlacedComponent] {
        design.failureDomains.components.filter { $0.id.hasPrefix(prefix) }
    }

    // MARK: - Frames

    package static let accountStyle = [DiagramAttribute("style", "rounded,bold"), DiagramAttribute("color", "#5e35b1"), DiagramAttribute("fontcolor", "#5e35b1")]
    package static let regionStyle = [DiagramAttribute("style", "rounded,filled"), DiagramAttribute("fillcolor", "#f5f5f5"), DiagramAttribute("color", "#9e9e9e")]
    package static let vpcStyle = [DiagramAttribute("style", "rounded,filled"), DiagramAttribute("fillcolor", "#e8f5e9"), DiagramAttribute("color", "#43a047")]
    /// AZ and subnet frames stand side by side, one per ENI: small labels and margins keep six of them on a page.
    package static let azStyle = [
        DiagramAttribute("style", "rounded,dashed,filled"), DiagramAttribute("fillcolor", "#fffde7"), DiagramAttribute("color", "#f9a825"), DiagramAttribute("fontsize", "10"),
        DiagramAttribute("margin", "4"),
    ]
    package static let subnetStyle = [
        DiagramAttribute("style", "rounded,filled"), DiagramAttribute("fillcolor", "#e3f2fd"), DiagramAttribute("color", "#1e88e5"), DiagramAttribute("fontsize", "10"),
        DiagramAttribute("margin", "4"),
    ]
    package static let spofStyle = [DiagramAttribute("color", "#d32f2f"), DiagramAttribute("penwidth", "2.5"), DiagramAttribute("fontcolor", "#b71c1c")]

    /// The account frame of `side`: one frame for both sides when everything is in one account.
    package func account(_ side: AccountSide) -> DiagramCluster {
        let application = side == .application && chain.crossAccount
        return DiagramCluster(
            id: DOT.id("account", application ? "application" : "network"),
            label: application ? "Application account" : (chain.crossAccount ? "Network account" : "Account"), style: Self.accountStyle)
    }

    /// The region frame inside the account frame of `side`.
    package func region(_ side: AccountSide) -> [DiagramCluster] {
        let application = side == .application && chain.crossAccount
        return [account(side), DiagramCluster(id: DOT.id("region", application ? "application" : "network"), label: "Region \(topology.region)", style: Self.regionStyle)]
    }

    /// The VPC frame (in the network account's region), with an optional note on its label.
    package func vpc(note: String = "") -> [DiagramCluster] {
        region(.network) + [DiagramCluster(id: "vpc", label: "VPC", note: note, style: Self.vpcStyle)]
    }

    /// An AZ frame and a subnet frame inside the VPC.
    package func subnet(_ name: String, az: String, note: String = "") -> [DiagramCluster] {
        vpc(note: note) + [
            DiagramCluster(id: DOT.id("az", az), label: "AZ \(az)", style: Self.azStyle),
            DiagramCluster(id: DOT.id("subnet", name, az), label: "\(name) subnet", style: Self.subnetStyle),
        ]
    }
}

/// A diagram frame (an account, a region, a VPC, an AZ...) and what it holds: its own nodes first,
/// then its inner frames, each in order of first appearance. DOT and Mermaid nest nodes alike.
package final class DiagramFrame {
    package let cluster: DiagramCluster?
    /// The notes of the clusters merged into this frame, each once.
    package private(set) var notes: [String] = []
    package private(set) var nodes: [DiagramNode] = []
    package private(set) var children: [DiagramFrame] = []

    package init(_ cluster: DiagramCluster?) { self.cluster = cluster }

    /// Places `node` in the frame `path` leads to, making the frames on the way as needed.
    package func add(_ node: DiagramNode, path: ArraySlice<DiagramCluster>) {
        guard let next = path.first else {
            nodes.append(node)
            return
        }
        let child: DiagramFrame
        if let existing = children.first(where: { $0.cluster?.id == next.id }) {
            child = existing
        } else {
            child = DiagramFrame(next)
            children.append(child)
        }
        if !next.note.isEmpty && !child.notes.contains(next.note) { child.notes.append(next.note) }
        child.add(node, path: path.dropFirst())
    }
}
