/// A design's stable id, part of the command-line and JSON interface. The designs themselves are
/// data, defined once in `DesignCatalog`.
package struct DesignID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }

    /// Every design, in the catalog's order.
    package static var allCases: [DesignID] { DesignCatalog.all.map(\.id) }

    /// The definition this id names.
    package var definition: DesignDefinition { DesignCatalog.definition(self) }

    /// The request path in words.
    package var name: String { definition.name }

    package var description: String { rawValue }
}
