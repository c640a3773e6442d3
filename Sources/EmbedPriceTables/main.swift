import Foundation

// Usage: EmbedPriceTables OUTPUT.swift TABLE.json...
// Writes one Swift file that holds each table's bytes as a raw string literal, keyed by file name.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedPriceTables OUTPUT.swift TABLE.json...\n".utf8))
    exit(64)
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

var source = """
    // Generated at build time by the EmbedPriceTables plugin from PriceTables/*.json. Do not edit.

    /// The bundled price tables, keyed by file name (for example `us-west-2.json`).
    let embeddedPriceTables: [String: String] = [

    """
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedPriceTables: cannot read \(path) as UTF-8\n".utf8))
        exit(66)
    }
    let hashes = delimiter(for: text)
    source += "    \"\(url.lastPathComponent)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
}
source += "]\n"

do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("EmbedPriceTables: cannot write \(outputPath): \(error)\n".utf8))
    exit(73)
}
