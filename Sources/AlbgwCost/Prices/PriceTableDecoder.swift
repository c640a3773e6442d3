import Foundation

/// Reads and validates one price table. Strict on purpose: a typo in a hand-edited `--prices`
/// table must fail loudly rather than price a design with a wrong or absent figure.
package enum PriceTableDecoder {
    private struct RawTier: Decodable {
        var upTo: String?
        var usd: String
        var confidence: String?
    }

    private struct RawPrice: Decodable {
        var usd: String?
        var tiers: [RawTier]?
        var unit: String
        var source: String
        var asOf: String
        var confidence: String
    }

    private struct RawTable: Decodable {
        var schemaVersion: Int
        var region: String
        var location: String
        var currency: String
        var prices: [String: RawPrice]
        var missing: [String: String]?
    }

    /// Decodes `data`, read from `file`, expected to hold the table for `expectedRegion`.
    package static func decode(_ data: Data, file: String, expectedRegion: String, origin: String) throws -> PriceTable {
        let raw: RawTable
        do {
            raw = try JSONDecoder().decode(RawTable.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw PriceTableError.malformed(file: file, key: "(file)", problem: "not valid JSON")
        }
        func fail(_ key: String, _ problem: String) -> PriceTableError {
            .malformed(file: file, key: key, problem: problem)
        }
        guard raw.schemaVersion == 1 else { throw fail("schemaVersion", "is \(raw.schemaVersion); this albgw-cost reads version 1") }
        guard raw.region == expectedRegion else {
            throw fail("region", "says '\(raw.region)' but the file is named for '\(expectedRegion)'")
        }
        guard raw.currency == "USD" else { throw fail("currency", "is '\(raw.currency)'; only USD list prices are supported") }

        let wanted = PriceKey.allCases.filter { ($0.scope == .global) == (expectedRegion == "global") }
        var prices: [PriceKey: Price] = [:]
        for name in raw.prices.keys.sorted() {
            guard let key = PriceKey(rawValue: name), wanted.contains(key) else {
                throw fail("prices.\(name)", "unknown price key; expected one of: \(wanted.map(\.rawValue).joined(separator: ", "))")
            }
            prices[key] = try price(raw.prices[name]!, key: key, fail: fail)
        }
        var missing: [PriceKey: String] = [:]
        for (name, reason) in (raw.missing ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let key = PriceKey(rawValue: name), wanted.contains(key) else {
                throw fail("missing.\(name)", "unknown price key")
            }
            guard prices[key] == nil else { throw fail("missing.\(name)", "is listed as missing but also has a price; keep one") }
            guard !isBlank(reason) else {
                throw fail("missing.\(name)", "needs a reason that says where the price can be found")
            }
            missing[key] = reason
        }
        for key in wanted where prices[key] == nil && missing[key] == nil {
            throw fail("prices.\(key.rawValue)", "is absent; give a price or list the key under \"missing\" with a reason")
        }
        return PriceTable(region: raw.region, location: raw.location, origin: origin, prices: prices, missing: missing)
    }

    private static func price(_ raw: RawPrice, key: PriceKey, fail: (String, String) -> PriceTableError) throws -> Price {
        let path = "prices.\(key.rawValue)"
        guard raw.unit == key.unit else { throw fail("\(path).unit", "is '\(raw.unit)'; this price must be per '\(key.unit)'") }
        guard let confidence = Confidence(rawValue: raw.confidence) else {
            throw fail("\(path).confidence", "is '\(raw.confidence)'; use one of: \(Confidence.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard isDate(raw.asOf) else { throw fail("\(path).asOf", "is '\(raw.asOf)'; write YYYY, YYYY-MM or YYYY-MM-DD") }
        guard !isBlank(raw.source) else { throw fail("\(path).source", "is empty; every price needs its source") }

        func amount(_ text: String, _ field: String) throws -> ExactDecimal {
            guard let value = ExactDecimal(exactly: text) else {
                throw fail(field, "'\(text)' is not a plain non-negative decimal such as \"0.0225\"")
            }
            return value
        }
        var tiers: [PriceTier] = []
        switch (raw.usd, raw.tiers, key.isTiered) {
        case (let usd?, nil, false):
            tiers = [PriceTier(upTo: nil, usd: try amount(usd, "\(path).usd"))]
        case (nil, let rawTiers?, true):
            guard !rawTiers.isEmpty else { throw fail("\(path).tiers", "is empty") }
            var previous: ExactDecimal = 0
            for (index, tier) in rawTiers.enumerated() {
                let field = "\(path).tiers[\(index)]"
                let isLast = index == rawTiers.count - 1
                var bound: ExactDecimal?
                if let upTo = tier.upTo {
                    guard !isLast else { throw fail("\(field).upTo", "the last tier must have no upper bound") }
                    let value = try amount(upTo, "\(field).upTo")
                    guard value > previous else { throw fail("\(field).upTo", "must be greater than the previous bound \(previous)") }
                    previous = value
                    bound = value
                } else if !isLast {
                    throw fail("\(field).upTo", "is missing; only the last tier may be unbounded")
                }
                var tierConfidence: Confidence?
                if let text = tier.confidence {
                    guard let value = Confidence(rawValue: text) else { throw fail("\(field).confidence", "is '\(text)'") }
                    tierConfidence = value
                }
                tiers.append(PriceTier(upTo: bound, usd: try amount(tier.usd, "\(field).usd"), confidence: tierConfidence))
            }
        case (_, _, true):
            throw fail(path, "must be a tier schedule: \"tiers\": [{\"upTo\": ..., \"usd\": ...}, ..., {\"usd\": ...}]")
        case (_, _, false):
            throw fail(path, "must be one rate: \"usd\": \"...\"")
        }
        return Price(key: key, unit: raw.unit, tiers: tiers, source: raw.source, asOf: raw.asOf, confidence: confidence)
    }

    /// Nothing but spaces and tabs (`CharacterSet.whitespaces`: tab and the space separators), as
    /// `trimmingCharacters(in: .whitespaces).isEmpty` says, without bridging each string to NSString.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) }
    }

    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { return false }
        for (part, width) in zip(parts, widths) where part.count != width || !part.allSatisfy(\.isASCII) || !part.allSatisfy(\.isNumber) {
            return false
        }
        return true
    }

    private static func describe(_ error: DecodingError, file: String) -> PriceTableError {
        func keyPath(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
            return trimmed.isEmpty ? "(top level)" : trimmed.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = keyPath(context.codingPath)
            return .malformed(file: file, key: parent == "(top level)" ? key.stringValue : "\(parent).\(key.stringValue)", problem: "is required but absent")
        case .typeMismatch(let type, let context):
            return .malformed(file: file, key: keyPath(context.codingPath), problem: "has the wrong type; expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return .malformed(file: file, key: keyPath(context.codingPath), problem: "is null; expected \(typeName(type))")
        case .dataCorrupted(let context):
            return .malformed(file: file, key: keyPath(context.codingPath), problem: "is not valid JSON")
        @unknown default:
            return .malformed(file: file, key: "(file)", problem: "cannot be decoded")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string (prices are written as strings, e.g. \"0.0225\")"
        case is Int.Type: "a whole number"
        default: "\(type)".contains("Dictionary") ? "an object" : "\(type)".contains("Array") ? "an array" : "\(type)"
        }
    }
}
