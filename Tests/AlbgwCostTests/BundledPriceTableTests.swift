import Foundation
import Testing
@testable import AlbgwCost

/// The bundled tables are Swift values the build generates from `PriceTables/*.json`
/// (`Plugins/EmbedPriceTablesPlugin`); `--prices DIR` tables go through `PriceTableDecoder`. Both
/// must read the same file the same way: every bundled table is decoded here and compared, field by
/// field and digit by digit, with the generated one.
@Suite struct BundledPriceTableTests {
    static let folder = repositoryPath("PriceTables")

    static let fileNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func everyFileIsBundled() {
        #expect(Self.fileNames.count == 14)
        #expect(embeddedPriceTableFileNames == Self.fileNames)
        #expect(embeddedPriceTables.keys.sorted() == Self.fileNames)
        #expect(embeddedPriceTable(named: "eu-north-1") == nil)
    }

    /// `prices --export` writes the embedded text: it must be the file, byte for byte (notes included,
    /// which people read and the tool does not).
    @Test(arguments: fileNames)
    func embeddedTextIsTheFile(_ fileName: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder).appendingPathComponent(fileName))
        #expect(embeddedPriceTables[fileName].map { Data($0.utf8) } == data)
    }

    @Test(arguments: fileNames)
    func generatedTableIsWhatTheDecoderReads(_ fileName: String) throws {
        let name = String(fileName.dropLast(".json".count))
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder).appendingPathComponent(fileName))
        let decoded = try PriceTableDecoder.decode(data, file: "bundled \(fileName)", expectedRegion: name, origin: "bundled \(fileName)")
        let generated = try #require(embeddedPriceTable(named: name))
        #expect(generated.region == decoded.region)
        #expect(generated.location == decoded.location)
        #expect(generated.origin == decoded.origin)
        #expect(generated.missing == decoded.missing)
        #expect(generated.prices.keys.sorted() == decoded.prices.keys.sorted())
        for (key, expected) in decoded.prices {
            let price = try #require(generated.prices[key], "\(fileName) \(key.rawValue)")
            #expect(price.key == expected.key, "\(fileName) \(key.rawValue)")
            #expect(price.unit == expected.unit, "\(fileName) \(key.rawValue)")
            #expect(price.source == expected.source, "\(fileName) \(key.rawValue)")
            #expect(price.asOf == expected.asOf, "\(fileName) \(key.rawValue)")
            #expect(price.confidence == expected.confidence, "\(fileName) \(key.rawValue)")
            #expect(Self.digits(price.rate) == Self.digits(expected.rate), "\(fileName) \(key.rawValue)")
            #expect(price.tiers.count == expected.tiers.count, "\(fileName) \(key.rawValue)")
            for (tier, expectedTier) in zip(price.tiers, expected.tiers) {
                // The same numbers in the same representation (mantissa and exponent), not just equal ones.
                #expect(Self.digits(tier.usd) == Self.digits(expectedTier.usd), "\(fileName) \(key.rawValue)")
                #expect(tier.upTo.map(Self.digits) == expectedTier.upTo.map(Self.digits), "\(fileName) \(key.rawValue)")
                #expect(tier.confidence == expectedTier.confidence, "\(fileName) \(key.rawValue)")
            }
            #expect(price == expected, "\(fileName) \(key.rawValue)")
        }
        #expect(generated == decoded)
        #expect(try PriceCatalog.bundled.table(named: name) == decoded)
    }

    static func digits(_ value: ExactDecimal) -> String { "\(value.mantissa)e\(value.exponent)" }
}
