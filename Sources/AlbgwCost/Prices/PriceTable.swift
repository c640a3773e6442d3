import Foundation
import HCL

/// The prices of one region (or of the global services), as read from one `PriceTables/*.json` file.
package struct PriceTable: Sendable, Equatable {
    /// `us-west-2`, or `global` for Route 53 and ACM.
    package var region: String
    /// AWS's location name, for example `US West (Oregon)`.
    package var location: String
    /// Where the table was read from: `bundled us-west-2.json` or a path.
    package var origin: String
    package var prices: [PriceKey: Price]
    /// Prices nobody could source, with the reason and where to find them.
    package var missing: [PriceKey: String]
}

/// What a design reads for one region: that region's table plus the global one. A reference type:
/// read-only, and held by every bill the engine makes.
package final class PriceBook: Sendable, Equatable {
    package let regional: PriceTable
    package let global: PriceTable

    /// Every key's lookup, by `PriceKey.ordinal`: the engine reads prices without hashing.
    private let resolved: [Lookup]

    package init(regional: PriceTable, global: PriceTable) {
        self.regional = regional
        self.global = global
        resolved = PriceKey.allCases.map { key in
            let table = key.scope == .global ? global : regional
            if let price = table.prices[key] { return .price(price) }
            return .missing(table.missing[key] ?? "no price for \(key.rawValue) in \(table.origin)")
        }
    }

    package static func == (lhs: PriceBook, rhs: PriceBook) -> Bool { lhs.regional == rhs.regional && lhs.global == rhs.global }

    /// The result of looking a key up: a price, or the reason there is none.
    package enum Lookup: Sendable, Equatable {
        case price(Price)
        case missing(String)
    }

    package func lookup(_ key: PriceKey) -> Lookup { resolved[key.ordinal] }
}

/// Errors met while reading price tables; each names the file, the key and the problem.
package enum PriceTableError: Error, Equatable, CustomStringConvertible {
    case directoryNotFound(String)
    case notADirectory(String)
    case unreadable(file: String)
    case malformed(file: String, key: String, problem: String)
    case unknownRegion(String, available: [String], origin: String)

    package var description: String {
        switch self {
        case .directoryNotFound(let path):
            "price table directory '\(path)' does not exist; pass a directory that holds <region>.json and global.json (make one with 'albgw-cost prices --export DIR')"
        case .notADirectory(let path):
            "--prices '\(path)' is a file, not a directory; pass the directory that holds <region>.json and global.json"
        case .unreadable(let file):
            "cannot read price table '\(file)'; check that it exists and is readable"
        case .malformed(let file, let key, let problem):
            "price table '\(file)', key '\(key)': \(problem)"
        case .unknownRegion(let region, let available, let origin):
            // The region may come from a user's code or command line: one line, cut short.
            "--region '\(HCLError.excerpt(region, limit: 60))' has no price table in \(origin); \(Suggestion.hint(for: region, in: available))choose one of: \(available.joined(separator: ", "))"
        }
    }
}
