import Foundation

// Usage: EmbedPriceTables OUTPUT.swift TABLE.json...
// Writes one Swift file that carries each table twice:
// - as Swift values (`PriceTable`, `Price`, `PriceTier`) built directly, one function per table, so
//   that a run builds only the tables it asks for and decodes no JSON;
// - as its bytes in a raw string literal, which `prices --export` writes out unchanged (notes kept).
// The values are what `PriceTableDecoder` reads from the same file; `BundledPriceTableTests` decodes
// every table and compares. This tool checks the shape it needs to write them (strings where the
// decoder wants strings, plain decimals) and leaves every other rule to the decoder and that test.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedPriceTables OUTPUT.swift TABLE.json...\n".utf8))
    exit(64)
}

/// A table this tool cannot turn into values: the build fails with the file, the key and the problem.
struct Malformed: Error {
    var file: String
    var key: String
    var problem: String
}

/// A raw-string delimiter longer than any run of `#` that follows a quote in `text`.
func delimiter(for text: String) -> String {
    var longest = 0
    var run = 0
    var afterQuote = false
    for character in text {
        if character == "\"" {
            afterQuote = true
            run = 0
        } else if character == "#" && afterQuote {
            run += 1
            longest = max(longest, run)
        } else {
            afterQuote = false
            run = 0
        }
    }
    return String(repeating: "#", count: longest + 1)
}

/// `text` as a Swift string literal.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// A plain decimal numeral (`0.0225`, `10240`) as the `ExactDecimal` its parser makes: every digit
/// in the mantissa (trailing zeros kept), the exponent minus the digits after the point.
func decimal(_ text: String, file: String, key: String) throws -> String {
    let bytes = Array(text.utf8)
    let point = bytes.firstIndex(of: UInt8(ascii: "."))
    let before = point.map { bytes[..<$0] } ?? bytes[...]
    let after = point.map { bytes[($0 + 1)...] } ?? []
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    guard !before.isEmpty, before.allSatisfy(isDigit), after.allSatisfy(isDigit), point == nil || !after.isEmpty, bytes.count <= 40 else {
        throw Malformed(file: file, key: key, problem: "'\(text)' is not a plain non-negative decimal such as \"0.0225\"")
    }
    let digits = String(decoding: before + after, as: UTF8.self)
    let significant = digits.drop { $0 == "0" }
    guard significant.count <= 38 else {
        throw Malformed(file: file, key: key, problem: "'\(text)' has more than the 38 significant digits albgw-cost keeps")
    }
    return "ExactDecimal(mantissa: \(significant.isEmpty ? "0" : String(significant)), exponent: \(after.isEmpty ? "0" : "-\(after.count)"))"
}

/// The Swift function that builds one table.
func tableFunction(_ name: String, fileName: String, json: Any) throws -> String {
    func fail(_ key: String, _ problem: String) -> Malformed { Malformed(file: fileName, key: key, problem: problem) }
    guard let table = json as? [String: Any] else { throw fail("(top level)", "is not a JSON object") }
    func string(_ object: [String: Any], _ field: String, at path: String, optional: Bool = false) throws -> String? {
        guard let value = object[field], !(value is NSNull) else {
            if optional { return nil }
            throw fail(path.isEmpty ? field : "\(path).\(field)", "is required but absent")
        }
        guard let text = value as? String else { throw fail(path.isEmpty ? field : "\(path).\(field)", "has the wrong type; expected a string") }
        return text
    }
    let region = try string(table, "region", at: "")!
    let location = try string(table, "location", at: "")!
    guard let prices = table["prices"] as? [String: Any] else { throw fail("prices", "is required and must be an object") }

    var out = "/// `\(fileName)`.\nprivate func \(functionName(name))() -> PriceTable {\n"
    out += "    let prices: [Price] = [\n"
    for key in prices.keys.sorted() {
        let path = "prices.\(key)"
        guard let price = prices[key] as? [String: Any] else { throw fail(path, "has the wrong type; expected an object") }
        var tiers: [String] = []
        if let rawTiers = price["tiers"], !(rawTiers is NSNull) {
            guard let list = rawTiers as? [Any] else { throw fail("\(path).tiers", "has the wrong type; expected an array") }
            for (index, element) in list.enumerated() {
                let tierPath = "\(path).tiers[\(index)]"
                guard let tier = element as? [String: Any] else { throw fail(tierPath, "has the wrong type; expected an object") }
                let upTo = try string(tier, "upTo", at: tierPath, optional: true).map { try decimal($0, file: fileName, key: "\(tierPath).upTo") }
                let usd = try decimal(try string(tier, "usd", at: tierPath)!, file: fileName, key: "\(tierPath).usd")
                let confidence = try string(tier, "confidence", at: tierPath, optional: true).map { ".bundled(\(literal($0)))" }
                tiers.append("PriceTier(upTo: \(upTo ?? "nil"), usd: \(usd)\(confidence.map { ", confidence: \($0)" } ?? ""))")
            }
        } else {
            let usd = try decimal(try string(price, "usd", at: path)!, file: fileName, key: "\(path).usd")
            tiers.append("PriceTier(upTo: nil, usd: \(usd))")
        }
        out += "        Price(\n"
        out += "            key: .bundled(\(literal(key))), unit: \(literal(try string(price, "unit", at: path)!)),\n"
        out += "            tiers: [\n"
        out += tiers.map { "                \($0),\n" }.joined()
        out += "            ],\n"
        out += "            source: \(literal(try string(price, "source", at: path)!)),\n"
        out += "            asOf: \(literal(try string(price, "asOf", at: path)!)), confidence: .bundled(\(literal(try string(price, "confidence", at: path)!)))),\n"
    }
    out += "    ]\n"
    var missing: [String] = []
    if let rawMissing = table["missing"], !(rawMissing is NSNull) {
        guard let object = rawMissing as? [String: Any] else { throw fail("missing", "has the wrong type; expected an object") }
        for key in object.keys.sorted() {
            guard let reason = object[key] as? String else { throw fail("missing.\(key)", "has the wrong type; expected a string") }
            missing.append("        .bundled(\(literal(key))): \(literal(reason)),\n")
        }
    }
    out += "    let missing: [PriceKey: String] = [\(missing.isEmpty ? ":" : "\n" + missing.joined() + "    ")]\n"
    out += "    return PriceTable(\n"
    out += "        region: \(literal(region)), location: \(literal(location)), origin: \(literal("bundled \(fileName)")),\n"
    out += "        prices: Dictionary(uniqueKeysWithValues: prices.map { ($0.key, $0) }), missing: missing)\n"
    out += "}\n"
    return out
}

/// `us-west-2` -> `embeddedTable_us_west_2`.
func functionName(_ name: String) -> String {
    "embeddedTable_" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
}

var tables: [(name: String, fileName: String, text: String)] = []
for path in arguments.dropFirst().sorted() {
    let fileName = URL(fileURLWithPath: path).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedPriceTables: cannot read \(path) as UTF-8\n".utf8))
        exit(66)
    }
    tables.append((String(fileName.dropLast(".json".count)), fileName, text))
}

var source = """
    // Generated at build time by the EmbedPriceTables plugin from PriceTables/*.json. Do not edit.

    /// The bundled price tables' file names, sorted (for example `us-west-2.json`).
    let embeddedPriceTableFileNames: [String] = [

    """
source += tables.map { "    \(literal($0.fileName)),\n" }.joined()
source += """
    ]

    /// The bundled table `name` (`us-west-2`, `global`), built directly as the values
    /// `PriceTableDecoder` reads from its file; nil when there is no such table.
    func embeddedPriceTable(named name: String) -> PriceTable? {
        switch name {

    """
source += tables.map { "    case \(literal($0.name)): \(functionName($0.name))()\n" }.joined()
source += """
        default: nil
        }
    }

    /// The bundled price tables as their files' text, keyed by file name: what `prices --export` writes.
    let embeddedPriceTables: [String: String] = [

    """
for table in tables {
    let hashes = delimiter(for: table.text)
    source += "    \(literal(table.fileName)): \(hashes)\"\"\"\n\(table.text)\n\"\"\"\(hashes),\n"
}
source += "]\n"
for table in tables {
    do {
        guard let json = try? JSONSerialization.jsonObject(with: Data(table.text.utf8)) else {
            throw Malformed(file: table.fileName, key: "(file)", problem: "not valid JSON")
        }
        source += "\n" + (try tableFunction(table.name, fileName: table.fileName, json: json))
    } catch let error as Malformed {
        FileHandle.standardError.write(Data("EmbedPriceTables: price table '\(error.file)', key '\(error.key)': \(error.problem)\n".utf8))
        exit(65)
    }
}

do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("EmbedPriceTables: cannot write \(outputPath): \(error)\n".utf8))
    exit(73)
}
