import Foundation

/// The kinds of pieces a request path is made of. The raw value is the component's short key:
/// `--hop-latency-ms` takes it, and line-item ids and diagram node ids start with it.
package enum ComponentKind: String, CaseIterable, Sendable {
    /// The Route 53 record clients resolve first: a lookup beside the data path.
    case dns
    /// An Application Load Balancer.
    case alb
    /// An interface VPC endpoint for `execute-api`: one ENI per subnet.
    case interfaceEndpoint = "vpce"
    /// A private REST API in API Gateway.
    case restAPI = "apigw"
    /// The Lambda function that answers.
    case lambda
    /// The VPN or Direct Connect link from the corporate network (beside the path, billed only).
    case link
}

/// Which account a component lives in when the network and the application are split (`--accounts cross`).
package enum AccountSide: Sendable, Equatable {
    /// The ALB, the VPC and the endpoint (the consumer's side of a private API).
    case network
    /// API Gateway and Lambda (the provider's side).
    case application
}

/// One piece of the request path. Each component type answers, for a scenario and its place in a
/// design's chain, everything the analyses and renderers need: its line items, the hop that brings a
/// request to it, the limits it imposes, what makes it impossible, its failure-domain placement,
/// its findings and its diagram nodes. Nothing outside a component names its facts.
///
/// Every requirement has a default that contributes nothing, so a component type implements only
/// what it has.
package protocol Component: Sendable {
    var kind: ComponentKind { get }
    /// The kind and the configuration that tells designs apart (`apigw+domain`), for recognising a design in Terraform.
    var signature: String { get }
    /// True for a lookup beside the data path (DNS); false for what a request passes through.
    var isLookup: Bool { get }
    /// Which account it lives in when the network and the application are in different accounts.
    var side: AccountSide { get }
    /// A short name for lists ("interface endpoint", "API Gateway").
    var shortName: String { get }
    /// The name with its article, for sentences ("an ALB").
    var articleName: String { get }
    /// The published SLA term that covers it (`SLATable` key), if any.
    var slaKey: String? { get }
    /// Further SLA terms it brings in this scenario (a Resolver endpoint beside the hosted zone).
    func extraSLAKeys(_ context: ChainContext) -> [String]

    /// Adds its line items to the bill.
    func bill(_ context: ChainContext, into bill: inout Bill)
    /// The hop that brings a request to this component (from the client or the component before it).
    func hop(_ context: ChainContext) -> Hop?
    /// What it contributes to the design's effective limits.
    func limits(_ context: ChainContext) -> LimitContribution
    /// Warnings it raises for the workload beyond the payload and timeout limits, given the design's limits.
    func warnings(_ context: ChainContext, limits: EffectiveLimits) -> [LimitWarning]
    /// True when this component makes the design impossible in this scenario (the rule alone, no text).
    func blocks(_ context: ChainContext) -> Bool
    /// Why the design cannot be built with this component in this scenario, or nil; it may name the
    /// designs that can (`DesignCatalog.alternatives`), which ask only `blocks`.
    func impossibility(_ context: ChainContext) -> Impossibility?
    /// Where its parts sit: account, region, VPC, AZ and subnet.
    func placement(_ context: ChainContext) -> [PlacedComponent]
    /// The zonal parts a request needs one of, when the component lives in AZs.
    func zonalStage(_ context: ChainContext) -> ZonalStage?
    /// What losing AZ `az` does to the design, in words, when this is the last zonal stage.
    func azLossExplanation(_ context: ChainContext, az: String, stages: [ZonalStageOutcome]) -> String
    /// Risks of this component in this design, with severity and fix.
    func findings(_ context: ChainContext) -> [Finding]

    /// What it lets a design do that designs without it cannot, for trade-offs and `--needs`.
    func features(_ context: ChainContext) -> FeatureSet?
    /// What it imposes on the design that has it (trade-offs), in short phrases.
    func imposes(_ context: ChainContext) -> [String]
    /// What a design that has it cannot do, phrased as what the other designs offer ("bodies above 1 MB").
    func limitations(_ context: ChainContext) -> [String]
    /// The name its charges go by in a sentence ("API Gateway", "endpoint"); nil when it adds none of its own.
    var chargeName: String? { get }

    /// Its nodes in the design diagram.
    func diagramNodes(_ context: DiagramContext) -> [DiagramNode]
    /// Its one node in the comparison picture; nil when it has none there.
    func comparisonNode(_ context: DiagramContext) -> DiagramNode?
    /// Its nodes in a Mermaid flowchart.
    func mermaidNodes(_ context: DiagramContext) -> [DiagramNode]
}

extension Component {
    package var isLookup: Bool { false }
    package var signature: String { kind.rawValue }
    package var side: AccountSide { .network }
    package var articleName: String { "a \(shortName)" }
    package var slaKey: String? { nil }
    package func extraSLAKeys(_ context: ChainContext) -> [String] { [] }
    package var chargeName: String? { nil }
    package func bill(_ context: ChainContext, into bill: inout Bill) {}
    package func hop(_ context: ChainContext) -> Hop? { nil }
    package func limits(_ context: ChainContext) -> LimitContribution { LimitContribution() }
    package func warnings(_ context: ChainContext, limits: EffectiveLimits) -> [LimitWarning] { [] }
    package func blocks(_ context: ChainContext) -> Bool { false }
    package func impossibility(_ context: ChainContext) -> Impossibility? { nil }
    package func placement(_ context: ChainContext) -> [PlacedComponent] { [] }
    package func zonalStage(_ context: ChainContext) -> ZonalStage? { nil }
    package func azLossExplanation(_ context: ChainContext, az: String, stages: [ZonalStageOutcome]) -> String { "" }
    package func findings(_ context: ChainContext) -> [Finding] { [] }
    package func features(_ context: ChainContext) -> FeatureSet? { nil }
    package func imposes(_ context: ChainContext) -> [String] { [] }
    package func limitations(_ context: ChainContext) -> [String] { [] }
    package func diagramNodes(_ context: DiagramContext) -> [DiagramNode] { [] }
    package func comparisonNode(_ context: DiagramContext) -> DiagramNode? { nil }
    package func mermaidNodes(_ context: DiagramContext) -> [DiagramNode] { [] }
}

/// One walk of a design's chain for one scenario: what its contexts share, so that each context is
/// one reference and an index.
package final class ChainRun: Sendable {
    package let scenario: Scenario
    package let design: DesignDefinition

    package init(scenario: Scenario, design: DesignDefinition) {
        self.scenario = scenario
        self.design = design
    }
}

/// A component's place in one design's chain, for one scenario: what every component method reads.
package struct ChainContext: Sendable {
    /// The scenario and the design, shared by every context of one walk of the chain.
    package let run: ChainRun
    /// Position in `design.chain`.
    package let index: Int

    package init(run: ChainRun, index: Int) {
        self.run = run
        self.index = index
    }

    package var scenario: Scenario { run.scenario }
    package var design: DesignDefinition { run.design }

    /// The component at this position.
    package var component: any Component { design.chain[index] }
    package var topology: Topology { scenario.topology }
    package var limits: ServiceLimits { scenario.limits }
    package var internetFacing: Bool { scenario.topology.albScheme == .internetFacing }
    package var crossAccount: Bool { scenario.topology.accounts == .cross }

    /// The component a request comes from; nil when it comes from the client.
    package var upstream: ComponentKind? { design.structure.upstream[index] }

    /// The component the request goes to next; nil for the last one.
    package var downstream: ComponentKind? { design.structure.downstream[index] }

    /// The first component a request reaches.
    package var entry: ComponentKind? { design.structure.entry }

    /// True when clients call the private API by its own custom domain name, with no ALB in front.
    package var privateCustomDomain: Bool { design.structure.privateCustomDomain }

    /// True when the design has a component of `kind` before this one on the data path.
    package func hasUpstream(_ kind: ComponentKind) -> Bool {
        design.chain[..<index].contains { !$0.isLookup && $0.kind == kind }
    }

    /// The name of the account a component on `side` lives in, as the outputs print it.
    package func account(_ side: AccountSide) -> String {
        guard crossAccount else { return "account" }
        return side == .network ? "network account" : "application account"
    }
}

/// A component's share of a design's effective limits. Analyses take the smallest of each.
package struct LimitContribution: Sendable {
    /// The largest request and response body this hop carries.
    package var payload: PayloadLimit?
    package var timeouts: [TimeLimit] = []
    package var rates: [RateLimit] = []
    /// Token-bucket burst, where the component has one.
    package var burst: ExactDecimal?
    /// How long a streamed response may last, where the path could stream but the workload does not.
    package var streamedTimeoutSeconds: ExactDecimal?
    /// Concurrent executions the workload needs, and the limit (from the function).
    package var concurrency: (needed: ExactDecimal, limit: ExactDecimal)?

    package init(payload: PayloadLimit? = nil, timeouts: [TimeLimit] = [], rates: [RateLimit] = [], burst: ExactDecimal? = nil) {
        self.payload = payload
        self.timeouts = timeouts
        self.rates = rates
        self.burst = burst
    }
}

/// A body-size limit and what happens to a request or response above it.
package struct PayloadLimit: Sendable, Equatable {
    package var requestKiB: ExactDecimal
    package var responseKiB: ExactDecimal
    package var source: String
    package var requestConsequence: String
    package var responseConsequence: String
    /// The largest response when it is streamed, where the path can stream (REST API to Lambda) and
    /// the workload does not already stream.
    package var streamedResponseKiB: ExactDecimal? = nil
    /// What sets the response limit, when it is not what sets the request limit (a streamed response).
    package var responseSource: String? = nil
    /// Where the limit comes from.
    package var sources: [FactSource] = []
    /// Whether the response is streamed on this path (the workload asks for it and the path can).
    package var streams = false
}

/// A timeout on the path. On equal values the lower `rank` is named as the one that binds.
package struct TimeLimit: Sendable, Equatable {
    package var seconds: ExactDecimal
    package var source: String
    package var rank: Int
    /// The way out when this timeout binds, for this workload; nil for the general advice. It names
    /// no other design: the feasibility analysis adds those that carry the workload.
    package var fix: String?
    /// What clients see when the function outlasts this timeout.
    package var consequence: String? = nil
    /// The option that sets it, when it is a setting or a quota the user can raise (`--lambda-timeout-s`).
    package var input: String? = nil
    /// The most it can be raised to, in seconds; nil when it cannot be raised.
    package var ceiling: ExactDecimal? = nil
    /// Where the limit comes from.
    package var sources: [FactSource] = []
    /// Whether a streamed response still ends here (the function's own timeout), where streaming
    /// lifts the others (API Gateway's integration timeout, the ALB's idle timeout).
    package var endsAStream = false
}

/// A steady request rate the path sustains. On equal values the lower `rank` binds.
package struct RateLimit: Sendable, Equatable {
    package var requestsPerSecond: ExactDecimal
    package var source: String
    package var rank: Int
    /// Where the limit comes from.
    package var sources: [FactSource] = []
}

/// Why a design cannot be built in a scenario (its topology, not its workload), and short forms for pictures.
package struct Impossibility: Sendable, Equatable {
    /// The reason, with the limit, the input and the way out.
    package var reason: InfeasibleReason
    /// A title line for a diagram (`IMPOSSIBLE: ...`).
    package var title: String
    /// The label of the hop that cannot be made, in a design diagram (may hold line breaks).
    package var edgeLabel: String
    /// The same, a few words, in the comparison picture.
    package var shortEdgeLabel: String
    /// The same on one line, in Mermaid.
    package var mermaidLabel: String
    /// The kind of the component the request cannot reach.
    package var blocked: ComponentKind
}

/// The zonal parts of a component that a request needs one of, by AZ index.
package struct ZonalStage: Sendable, Equatable {
    package var kind: ComponentKind
    /// AZ indexes of the parts that carry traffic (for example the registered endpoint ENIs).
    package var members: [Int]
    /// AZs the component spans, carrying traffic or not.
    package var zones: Int
}

/// What is left of one zonal stage after losing an AZ.
package struct ZonalStageOutcome: Sendable, Equatable {
    package var kind: ComponentKind
    package var before: Int
    package var left: Int
    package var lost: Int { before - left }
    package var share: ExactDecimal { before == 0 ? 0 : ExactDecimal(left) / ExactDecimal(before) }
}

/// What a component lets a design do, for the trade-offs and the recommendation.
package struct FeatureSet: Sendable, Equatable {
    /// `API Gateway's features`.
    package var title: String
    /// Each feature in a few words.
    package var items: [String]
    /// One parenthesis-sized summary, for "X wins when you need ...".
    package var summary: String
    /// The same as a noun phrase after "none of the" (`API Gateway features`).
    package var noun: String
}
