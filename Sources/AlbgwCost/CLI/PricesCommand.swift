import Foundation
import HCL

/// `albgw-cost prices`: lists the bundled regions and their gaps, shows one region's prices with
/// sources, or exports the tables so a user can fill a gap and pass them back with `--prices DIR`.
package enum PricesCommand {
    package static func run(_ arguments: [String], width: Int = TextWrap.defaultWidth) throws -> String {
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.prices, command: "albgw-cost prices")
        let catalog: PriceCatalog = parsed.values["--prices"].map { .directory($0) } ?? .bundled
        if let directory = parsed.values["--export"] {
            if parsed.values["--region"] != nil {
                throw CLIError("--export writes every region's table (a --prices directory holds them all), so --region has nothing to choose; drop --region")
            }
            return try export(catalog: catalog, to: directory)
        }
        if let region = parsed.values["--region"] {
            let book = try catalog.book(for: region)
            var out = "\(region) (\(book.regional.location)) from \(book.regional.origin)\n"
            for table in [book.regional, book.global] {
                for key in table.prices.keys.sorted() {
                    let price = table.prices[key]!
                    out += "  \(key.rawValue): \(price.scheduleText); as of \(price.asOf); \(price.confidenceText). \(price.source)\n"
                }
                for key in table.missing.keys.sorted() {
                    out += "  \(key.rawValue): MISSING. \(table.missing[key]!)\n"
                }
            }
            return TextWrap.lines(out, width: width)
        }
        var table = TextTable([("Region", .left), ("Location", .left), ("Missing prices", .left)])
        for region in try catalog.regions() {
            let regional = try catalog.table(named: region)
            let gaps = regional.missing.keys.sorted().map(\.rawValue).joined(separator: ", ")
            table.add([region, regional.location, gaps.isEmpty ? "none" : gaps])
        }
        return TextWrap.lines(
            "Price tables in \(catalog.origin)\n" + table.render(indent: "  ", width: width)
                + "Details: albgw-cost prices --region CODE. To fill a gap: albgw-cost prices --export DIR, edit, then --prices DIR.\n", width: width)
    }

    static func export(catalog: PriceCatalog, to directory: String) throws -> String {
        var files: [(String, Data)] = []
        for name in try catalog.regions() + ["global"] {
            _ = try catalog.table(named: name)
            let data: Data
            switch catalog {
            case .bundled: data = Data(embeddedPriceTables["\(name).json"]!.utf8)
            case .directory(let path):
                data = FileManager.default.contents(atPath: URL(fileURLWithPath: path).appendingPathComponent("\(name).json").path) ?? Data()
            }
            files.append(("\(name).json", data))
        }
        // Tables the user may have edited are not written over: an export whose file differs stops first.
        let changed = files.filter { name, data in
            FileManager.default.contents(atPath: URL(fileURLWithPath: directory).appendingPathComponent(name).path).map { $0 != data } ?? false
        }.map(\.0)
        if !changed.isEmpty {
            let listed = changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
            throw CLIError(
                "\(HCLError.excerpt(directory, limit: 200)) holds \(listed), which \(changed.count == 1 ? "differs" : "differ") from the tables exported (edited?): nothing was written; export into another directory, or move \(changed.count == 1 ? "it" : "them") away first",
                code: .cannotCreate)
        }
        try AtomicWriter.write(files, into: directory, option: "--export")
        return "Wrote \(files.count) price tables to \(directory). Edit them, then run albgw-cost with --prices \(directory).\n"
    }
}
