import Foundation

/// Where price tables come from: the copies embedded in the binary at build time, or a directory
/// given with `--prices DIR` that replaces them entirely. A directory's tables go through
/// `PriceTableDecoder`; the bundled ones were turned into Swift values when the binary was built
/// (`Plugins/EmbedPriceTablesPlugin`), and tests check those values against the decoder's.
package enum PriceCatalog: Sendable, Equatable {
    case bundled
    case directory(String)

    /// Human description used in messages: `the bundled tables` or `--prices DIR`.
    package var origin: String {
        switch self {
        case .bundled: "the bundled price tables"
        case .directory(let path): "--prices \(path)"
        }
    }

    /// Region codes with a table, sorted.
    package func regions() throws -> [String] {
        try fileNames().filter { $0 != "global.json" }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    /// Loads the tables a run in `region` needs.
    package func book(for region: String) throws -> PriceBook {
        let available = try regions()
        guard available.contains(region) else {
            throw PriceTableError.unknownRegion(region, available: available, origin: origin)
        }
        return PriceBook(regional: try table(named: region), global: try table(named: "global"))
    }

    /// Loads one table by name (`us-west-2`, `global`).
    package func table(named name: String) throws -> PriceTable {
        let fileName = "\(name).json"
        switch self {
        case .bundled:
            // Built from Swift values the build generated: no JSON is decoded at run time.
            guard let table = embeddedPriceTable(named: name) else { throw PriceTableError.unreadable(file: "bundled \(fileName)") }
            return table
        case .directory(let path):
            let filePath = URL(fileURLWithPath: path).appendingPathComponent(fileName).path
            guard let data = FileManager.default.contents(atPath: filePath) else { throw PriceTableError.unreadable(file: filePath) }
            return try PriceTableDecoder.decode(data, file: filePath, expectedRegion: name, origin: filePath)
        }
    }

    private func fileNames() throws -> [String] {
        switch self {
        case .bundled:
            return embeddedPriceTableFileNames
        case .directory(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw PriceTableError.directoryNotFound(path) }
            guard isDirectory.boolValue else { throw PriceTableError.notADirectory(path) }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw PriceTableError.unreadable(file: path)
            }
            let tables = names.filter { $0.hasSuffix(".json") }.sorted()
            guard tables.contains("global.json") else {
                throw PriceTableError.unreadable(file: URL(fileURLWithPath: path).appendingPathComponent("global.json").path)
            }
            return tables
        }
    }
}
