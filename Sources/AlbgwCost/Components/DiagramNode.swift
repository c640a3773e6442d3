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
    /// Mermaid classes (`spof`, `unregistered`).
    package var classes: [String] = []

    package init(
        id: String, location: [DiagramCluster] = [], lines: [String], attributes: [DiagramAttribute] = [], onPath: Bool = true,
        isSinglePointOfFailure: Bool = false, classes: [String] = []
    ) {
        self.id = id
        self.location = location
        self.lines = lines
        self.attributes = attributes
        self.onPath = onPath
        self.isSinglePointOfFailure = isSinglePointOfFailure
        self.classes = classes
    }
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

    /// Monthly cost of the line items under `prefixes`, or nil when the design is not priced or has none.
    package func cost(_ prefixes: [String]) -> String? {
        guard let cost = design.cost else { return nil }
        let items = prefixes.flatMap(cost.items)
        guard !items.isEmpty else { return nil }
        let total = items.compactMap(\.monthlyCost).reduce(0, +)
        return "\(Format.money(total))/month" + (items.contains { $0.monthlyCost == nil } ? " + missing price" : "")
    }

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
    package static let azStyle = [DiagramAttribute("style", "rounded,dashed,filled"), DiagramAttribute("fillcolor", "#fffde7"), DiagramAttribute("color", "#f9a825")]
    package static let subnetStyle = [DiagramAttribute("style", "rounded,filled"), DiagramAttribute("fillcolor", "#e3f2fd"), DiagramAttribute("color", "#1e88e5")]
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
            DiagramCluster(id: DOT.id("subnet", name, az), label: "\(name) subnet \(az)", style: Self.subnetStyle),
        ]
    }
}
