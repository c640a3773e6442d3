/// For each position of a chain, the component a request comes from and goes to, and facts of the
/// whole chain.
package struct ChainStructure: Sendable {
    package let upstream: [ComponentKind?]
    package let downstream: [ComponentKind?]
    package let entry: ComponentKind?
    /// Clients call the private API by its own custom domain name, with no ALB in front.
    package let privateCustomDomain: Bool

    init(_ chain: [any Component]) {
        upstream = chain.indices.map { index in chain[..<index].last { !$0.isLookup }?.kind }
        downstream = chain.indices.map { index in chain[(index + 1)...].first { !$0.isLookup }?.kind }
        entry = chain.first { !$0.isLookup }?.kind
        privateCustomDomain = entry == .interfaceEndpoint && chain.contains { ($0 as? PrivateRESTAPI)?.customDomain == true }
    }
}

/// A design: an id, its names, and the ordered chain of components a request meets. Everything the
/// analyses and renderers say about a design follows from walking this chain.
/// A reference type: the catalog's designs are read everywhere and never changed, and every chain
/// context refers to its design.
package final class DesignDefinition: Sendable {
    package let id: DesignID
    /// The request path in words, as summaries print it.
    package let name: String
    /// The request path with the AWS resources named, for help and the README.
    package let detail: String
    /// The design as the question puts it ("ALB -> private API Gateway -> Lambda").
    package let question: String
    /// DNS lookups first, then the data path in request order.
    package let chain: [any Component]
    /// What a regional outage takes down, for the one-region finding.
    package let regionalOutage: String
    /// Facts of the chain every component asks for, worked out once (the engine asks at every point).
    package let structure: ChainStructure

    package init(id: DesignID, name: String, detail: String, question: String, chain: [any Component], regionalOutage: String) {
        self.id = id
        self.name = name
        self.detail = detail
        self.question = question
        self.chain = chain
        self.regionalOutage = regionalOutage
        structure = ChainStructure(chain)
    }

    /// The components a request passes through, in order.
    package var dataPath: [any Component] { chain.filter { !$0.isLookup } }

    /// The first component a request reaches.
    package var entry: (any Component)? { chain.first { !$0.isLookup } }

    /// True when the chain has a component of `kind`.
    package func contains(_ kind: ComponentKind) -> Bool { chain.contains { $0.kind == kind } }

    /// The chain contexts of every component, for one scenario. They share one copy of it.
    package func contexts(_ scenario: Scenario) -> [ChainContext] {
        let run = ChainRun(scenario: scenario, design: self)
        return chain.indices.map { ChainContext(run: run, index: $0) }
    }

    /// Position in the catalog: fixes diagram prefixes (`a`, `b`, ...) whatever the report holds.
    package var catalogIndex: Int { DesignCatalog.all.firstIndex { $0.id == id } ?? 0 }
}
