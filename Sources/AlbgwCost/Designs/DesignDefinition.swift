/// A design: an id, its names, and the ordered chain of components a request meets. Everything the
/// analyses and renderers say about a design follows from walking this chain.
package struct DesignDefinition: Sendable {
    package var id: DesignID
    /// The request path in words, as summaries print it.
    package var name: String
    /// The request path with the AWS resources named, for help and the README.
    package var detail: String
    /// The design as the question puts it ("ALB -> private API Gateway -> Lambda").
    package var question: String
    /// DNS lookups first, then the data path in request order.
    package var chain: [any Component]
    /// What a regional outage takes down, for the one-region finding.
    package var regionalOutage: String

    /// The components a request passes through, in order.
    package var dataPath: [any Component] { chain.filter { !$0.isLookup } }

    /// The first component a request reaches.
    package var entry: (any Component)? { chain.first { !$0.isLookup } }

    /// True when the chain has a component of `kind`.
    package func contains(_ kind: ComponentKind) -> Bool { chain.contains { $0.kind == kind } }

    /// The chain contexts of every component, for one scenario.
    package func contexts(_ scenario: Scenario) -> [ChainContext] {
        chain.indices.map { ChainContext(scenario: scenario, design: self, index: $0) }
    }

    /// Position in the catalog: fixes diagram prefixes (`a`, `b`, ...) whatever the report holds.
    package var catalogIndex: Int { DesignCatalog.all.firstIndex { $0.id == id } ?? 0 }
}
