import Foundation
import Testing
@testable import AlbgwCost

/// The bundled tables against the reference figures (pricing.md §3.1-3.4, §8.1-8.2), typed in here
/// independently of the JSON, and the decoder's refusals of malformed tables.
@Suite struct PriceTableTests {
    struct Expected: Sendable, CustomStringConvertible {
        var region: String
        var albHour: String
        var lcuHour: String?  // nil: NOT SOURCED
        var endpointAZHour: String
        var restTiers: [String]
        var egressTiers: [String]
        var ephemeral: String
        var description: String { region }
    }

    static let expected: [Expected] = [
        Expected(
            region: "us-east-1", albHour: "0.0225", lcuHour: "0.008", endpointAZHour: "0.01", restTiers: ["3.5", "2.8", "2.38", "1.51"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.0000000309"),
        Expected(
            region: "us-east-2", albHour: "0.0225", lcuHour: "0.008", endpointAZHour: "0.01", restTiers: ["3.5", "2.8", "2.38", "1.51"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.0000000309"),
        Expected(
            region: "us-west-1", albHour: "0.0252", lcuHour: nil, endpointAZHour: "0.011", restTiers: ["3.5", "3.47", "2.95", "1.87"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.000000037"),
        Expected(
            region: "us-west-2", albHour: "0.0225", lcuHour: "0.008", endpointAZHour: "0.01", restTiers: ["3.5", "2.8", "2.38", "1.51"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.0000000309"),
        Expected(
            region: "eu-west-1", albHour: "0.0252", lcuHour: "0.008", endpointAZHour: "0.011", restTiers: ["3.5", "3.19", "2.71", "1.72"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.000000034"),
        Expected(
            region: "eu-west-2", albHour: "0.02646", lcuHour: "0.0084", endpointAZHour: "0.011", restTiers: ["3.5", "3.33", "2.83", "1.8"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.0000000358"),
        Expected(
            region: "eu-central-1", albHour: "0.027", lcuHour: "0.008", endpointAZHour: "0.012", restTiers: ["3.7", "3.19", "2.71", "1.72"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.0000000367"),
        Expected(
            region: "ap-southeast-1", albHour: "0.0252", lcuHour: nil, endpointAZHour: "0.013", restTiers: ["4.25", "3.53", "3", "1.91"],
            egressTiers: ["0.12", "0.085", "0.082", "0.08"], ephemeral: "0.000000037"),
        Expected(
            region: "ap-southeast-2", albHour: "0.0252", lcuHour: nil, endpointAZHour: "0.013", restTiers: ["3.5", "3.5", "2.98", "1.89"],
            egressTiers: ["0.114", "0.098", "0.094", "0.092"], ephemeral: "0.000000037"),
        Expected(
            region: "ap-northeast-1", albHour: "0.0243", lcuHour: "0.008", endpointAZHour: "0.014", restTiers: ["4.25", "3.53", "3", "1.91"],
            egressTiers: ["0.114", "0.089", "0.086", "0.084"], ephemeral: "0.000000037"),
        Expected(
            region: "ap-south-1", albHour: "0.0239", lcuHour: "0.008", endpointAZHour: "0.013", restTiers: ["3.5", "2.8", "2.38", "1.51"],
            egressTiers: ["0.1093", "0.085", "0.082", "0.08"], ephemeral: "0.0000000352"),
        Expected(
            region: "sa-east-1", albHour: "0.034", lcuHour: "0.011", endpointAZHour: "0.021", restTiers: ["4.25", "4.25", "3.61", "2.29"],
            egressTiers: ["0.15", "0.138", "0.126", "0.114"], ephemeral: "0.0000000586"),
        Expected(
            region: "ca-central-1", albHour: "0.02475", lcuHour: "0.0088", endpointAZHour: "0.011", restTiers: ["3.5", "3.08", "2.62", "1.66"],
            egressTiers: ["0.09", "0.085", "0.07", "0.05"], ephemeral: "0.000000034"),
    ]

    /// The engine reads prices by `PriceKey.ordinal`, the case's position: it must match `allCases`.
    @Test func ordinalsFollowDeclarationOrder() {
        #expect(PriceKey.allCases.enumerated().allSatisfy { $0.element.ordinal == $0.offset })
        #expect(Set(PriceKey.allCases.map(\.ordinal)).count == PriceKey.allCases.count)
    }

    @Test func everyRequiredRegionIsBundled() throws {
        #expect(try PriceCatalog.bundled.regions() == Self.expected.map(\.region).sorted())
    }

    @Test(arguments: expected)
    func regionMatchesReference(_ row: Expected) throws {
        let book = try bundledBook(row.region)
        func rates(_ key: PriceKey) -> [ExactDecimal] {
            if case .price(let price) = book.lookup(key) { return price.tiers.map(\.usd) }
            return []
        }
        #expect(rates(.albHour) == [d(row.albHour)])
        if let lcu = row.lcuHour {
            #expect(rates(.albLCUHour) == [d(lcu)])
        } else {
            guard case .missing(let reason) = book.lookup(.albLCUHour) else {
                Issue.record("\(row.region) LCU must be listed as missing, not priced")
                return
            }
            #expect(reason.contains("LCUUsage"))
        }
        #expect(rates(.vpceEndpointAZHour) == [d(row.endpointAZHour)])
        #expect(rates(.vpceDataProcessed) == [d("0.01"), d("0.006"), d("0.004")])
        #expect(rates(.publicIPv4Hour) == [d("0.005")])
        #expect(rates(.apiGatewayRESTRequests) == row.restTiers.map(d))
        #expect(rates(.internetDataTransferOut) == row.egressTiers.map(d))
        #expect(rates(.lambdaRequests) == [d("0.2")])
        #expect(rates(.lambdaDurationX86) == [d("0.0000166667"), d("0.000015"), d("0.0000133334")])
        #expect(rates(.lambdaDurationArm) == [d("0.0000133334"), d("0.0000120001"), d("0.0000106667")])
        #expect(rates(.lambdaEphemeralStorage) == [d(row.ephemeral)])
        #expect(rates(.route53HostedZoneMonth) == [d("0.5"), d("0.1")])
        #expect(rates(.acmPublicCertificate) == [0])

        // Every design in every region is priced, complete exactly when it needs no ALB or the LCU price is sourced.
        for design in DesignID.allCases {
            let result = try cost(design, makeScenario(region: row.region))
            #expect(result.isComplete == (row.lcuHour != nil || !design.definition.contains(.alb)), "\(design)")
            #expect(result.monthlyCost > 0)
        }
    }

    @Test func tierBoundsAreAWSs() throws {
        let book = try bundledBook("us-west-2")
        func bounds(_ key: PriceKey) -> [ExactDecimal?] {
            if case .price(let price) = book.lookup(key) { return price.tiers.map(\.upTo) }
            return []
        }
        #expect(bounds(.vpceDataProcessed) == [1_048_576, 5_242_880, nil])
        #expect(bounds(.apiGatewayRESTRequests) == [333, 1000, 20000, nil])
        #expect(bounds(.lambdaDurationX86) == [6_000_000_000, 15_000_000_000, nil])
        #expect(bounds(.lambdaDurationArm) == [7_500_000_000, 18_750_000_000, nil])
        #expect(bounds(.internetDataTransferOut) == [10240, 51200, 153_600, nil])
    }

    @Test func everyPriceHasSourceAndDate() throws {
        for region in try PriceCatalog.bundled.regions() + ["global"] {
            let table = try PriceCatalog.bundled.table(named: region)
            for price in table.prices.values {
                #expect(!price.source.isEmpty && price.asOf.count >= 4, "\(region) \(price.key.rawValue)")
            }
        }
    }

    // MARK: - The whole bill: CloudWatch Logs, WAF, VPN, Direct Connect, Resolver, cache, X-Ray

    /// Per-region figures typed in from the research notes' tables (AWS pricing-page data files
    /// cloudwatch.json 2025-09-23, waf.json 2025-10-03, vpc.json 2025-11-04, route53.json 2025-08-28,
    /// apigateway.json 2025-10-20; Direct Connect page 2026-09-20), independently of the JSON.
    static let wholeBill: [(region: String, logs: String, storage: String, vpn: String, port1G: String, cache0_5: String)] = [
        ("us-east-1", "0.5", "0.03", "0.05", "0.3", "0.02"), ("us-east-2", "0.5", "0.03", "0.05", "0.3", "0.02"),
        ("us-west-1", "0.67", "0.033", "0.05", "0.3", "0.02"), ("us-west-2", "0.5", "0.03", "0.05", "0.3", "0.02"),
        ("eu-west-1", "0.57", "0.03", "0.05", "0.3", "0.02"), ("eu-west-2", "0.5985", "0.0315", "0.05", "0.3", "0.02"),
        ("eu-central-1", "0.63", "0.0324", "0.05", "0.3", "0.02"), ("ap-south-1", "0.67", "0.03", "0.05", "0.3", "0.02"),
        ("ap-southeast-1", "0.7", "0.03", "0.05", "0.3", "0.028"), ("ap-southeast-2", "0.67", "0.033", "0.05", "0.3", "0.02"),
        ("ap-northeast-1", "0.76", "0.033", "0.048", "0.285", "0.028"), ("sa-east-1", "0.9", "0.0408", "0.05", "0.3", "0.028"),
        ("ca-central-1", "0.55", "0.033", "0.05", "0.3", "0.02"),
    ]

    @Test func wholeBillPricesMatchTheReference() throws {
        for row in Self.wholeBill {
            let book = try bundledBook(row.region)
            func rate(_ key: PriceKey) -> ExactDecimal? {
                if case .price(let price) = book.lookup(key) { return price.tiers[0].usd }
                return nil
            }
            #expect(rate(.logsIngestion) == d(row.logs), "\(row.region)")
            #expect(rate(.vendedLogsIngestion) == d(row.logs), "\(row.region): vended tier 1 equals custom logs")
            #expect(rate(.logsStorage) == d(row.storage), "\(row.region)")
            #expect(rate(.vpnConnectionHour) == d(row.vpn), "\(row.region)")
            #expect(rate(.directConnectPort1GHour) == d(row.port1G), "\(row.region)")
            #expect(rate(.apiCache0_5) == d(row.cache0_5), "\(row.region)")
            #expect(rate(.wafWebACLMonth) == 5 && rate(.wafRuleMonth) == 1 && rate(.wafRequests) == d("0.6"), "\(row.region)")
            #expect(rate(.resolverENIHour) == d("0.125"), "\(row.region)")
            // Sourced only for us-east-1 (X-Ray) and for us-east-1 and us-east-2 (Direct Connect transfer out).
            #expect((rate(.xrayTracesRecorded) != nil) == (row.region == "us-east-1"), "\(row.region)")
            #expect((rate(.directConnectDataTransferOut) != nil) == ["us-east-1", "us-east-2"].contains(row.region), "\(row.region)")
        }
        let book = try bundledBook("us-east-1")
        if case .price(let vended) = book.lookup(.vendedLogsIngestion) {
            #expect(vended.tiers.map(\.usd) == [d("0.5"), d("0.25"), d("0.1"), d("0.05")])
            #expect(vended.tiers.map(\.upTo) == [d("10240"), d("30720"), d("51200"), nil])  // 10 / 30 / 50 TB in GB
        } else {
            Issue.record("vended logs price missing")
        }
    }

    // MARK: - The decoder refuses bad tables, naming file and key

    static let validFlat = #"{"usd": "0.0225", "unit": "ALB-hour", "source": "s", "asOf": "2026-01-02", "confidence": "high"}"#

    func decode(_ json: String, region: String = "us-west-2") throws -> PriceTable {
        try PriceTableDecoder.decode(Data(json.utf8), file: "t.json", expectedRegion: region, origin: "t.json")
    }

    func table(prices: [String: String], missing: String = "") -> String {
        let body = prices.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ",")
        return #"{"schemaVersion": 1, "region": "us-west-2", "location": "x", "currency": "USD", "prices": {"# + body + "}" + missing + "}"
    }

    /// All regional keys, valid, so that a test can break exactly one.
    func validPrices() throws -> [String: String] {
        let text = try #require(embeddedPriceTables["us-east-1.json"])  // the one region with every price
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let prices = try #require(object["prices"] as? [String: Any])
        return try prices.mapValues { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
    }

    @Test func validTableDecodes() throws {
        #expect(try decode(table(prices: validPrices())).prices.count == PriceKey.allCases.filter { $0.scope == .regional }.count)
    }

    @Test(arguments: [
        ("not json", "(top level)", "not valid JSON"),
        (#"{"schemaVersion": 1}"#, "region", "required"),
    ])
    func structuralErrors(json: String, key: String, problem: String) {
        #expect {
            try decode(json)
        } throws: { error in
            guard case .malformed(let file, let badKey, let text) = error as? PriceTableError else { return false }
            return file == "t.json" && badKey == key && text.contains(problem)
        }
    }

    @Test(arguments: [
        ("alb.hour", #"{"usd": 0.0225, "unit": "ALB-hour", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour.usd", "wrong type"),
        ("alb.hour", #"{"usd": "-1", "unit": "ALB-hour", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour.usd", "not a plain"),
        ("alb.hour", #"{"usd": "NaN", "unit": "ALB-hour", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour.usd", "not a plain"),
        ("alb.hour", #"{"usd": "0.0225", "unit": "hour", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour.unit", "ALB-hour"),
        ("alb.hour", #"{"usd": "0.0225", "unit": "ALB-hour", "source": " ", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour.source", "empty"),
        (
            "alb.hour", #"{"usd": "0.0225", "unit": "ALB-hour", "source": "\t\u00a0\u2003 ", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour.source",
            "empty"
        ),
        ("alb.hour", #"{"usd": "0.0225", "unit": "ALB-hour", "source": "s", "asOf": "yesterday", "confidence": "high"}"#, "prices.alb.hour.asOf", "YYYY"),
        ("alb.hour", #"{"usd": "0.0225", "unit": "ALB-hour", "source": "s", "asOf": "2026", "confidence": "sure"}"#, "prices.alb.hour.confidence", "sure"),
        ("alb.hour", #"{"unit": "ALB-hour", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hour", "one rate"),
        ("dataTransfer.internetOut", #"{"usd": "0.09", "unit": "GB", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.dataTransfer.internetOut", "tier schedule"),
        (
            "dataTransfer.internetOut",
            #"{"tiers": [{"upTo": "10", "usd": "1"}, {"upTo": "5", "usd": "1"}, {"usd": "1"}], "unit": "GB", "source": "s", "asOf": "2026", "confidence": "high"}"#,
            "prices.dataTransfer.internetOut.tiers[1].upTo", "greater"
        ),
        (
            "dataTransfer.internetOut", #"{"tiers": [{"usd": "1"}, {"usd": "1"}], "unit": "GB", "source": "s", "asOf": "2026", "confidence": "high"}"#,
            "prices.dataTransfer.internetOut.tiers[0].upTo", "only the last"
        ),
        (
            "dataTransfer.internetOut", #"{"tiers": [{"upTo": "10", "usd": "1"}], "unit": "GB", "source": "s", "asOf": "2026", "confidence": "high"}"#,
            "prices.dataTransfer.internetOut.tiers[0].upTo", "no upper bound"
        ),
        ("alb.hourz", #"{"usd": "0.0225", "unit": "ALB-hour", "source": "s", "asOf": "2026", "confidence": "high"}"#, "prices.alb.hourz", "unknown price key"),
    ])
    func badEntryNamesItsKey(name: String, entry: String, key: String, problem: String) throws {
        var prices = try validPrices()
        prices[name] = entry
        #expect {
            try decode(table(prices: prices))
        } throws: { error in
            guard case .malformed(_, let badKey, let text) = error as? PriceTableError else { return false }
            return badKey == key && text.contains(problem)
        }
    }

    /// Spaces, tabs and other space separators make an empty source or missing reason; line breaks do not.
    @Test func blankTextIsSpacesAndTabs() throws {
        var prices = try validPrices()
        prices["alb.hour"] = #"{"usd": "0.0225", "unit": "ALB-hour", "source": "\n", "asOf": "2026", "confidence": "high"}"#
        #expect(try decode(table(prices: prices)).prices[.albHour]?.source == "\n")
        prices["alb.lcuHour"] = nil
        #expect(throws: PriceTableError.malformed(file: "t.json", key: "missing.alb.lcuHour", problem: "needs a reason that says where the price can be found")) {
            try decode(table(prices: prices, missing: #", "missing": {"alb.lcuHour": " \u3000\t"}"#))
        }
    }

    @Test func blankIsWhatTrimmingLeavesEmpty() {
        let scalars = (0..<0x2100).compactMap(Unicode.Scalar.init) + ["\u{3000}", "\u{FEFF}", "\u{1F600}", "\u{E0020}"]
        for scalar in scalars {
            for text in [String(scalar), " \(scalar)\t", "x\(scalar)"] {
                #expect(PriceTableDecoder.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty, "U+\(String(scalar.value, radix: 16))")
            }
        }
        #expect(PriceTableDecoder.isBlank(""))
    }

    @Test func absentKeyMustBeListedAsMissing() throws {
        var prices = try validPrices()
        prices["alb.lcuHour"] = nil
        #expect(throws: PriceTableError.malformed(file: "t.json", key: "prices.alb.lcuHour", problem: "is absent; give a price or list the key under \"missing\" with a reason")) {
            try decode(table(prices: prices))
        }
        let decoded = try decode(table(prices: prices, missing: #", "missing": {"alb.lcuHour": "not published"}"#))
        #expect(decoded.missing[.albLCUHour] == "not published")
    }

    @Test func regionMustMatchFileName() throws {
        #expect(throws: PriceTableError.self) { try decode(table(prices: validPrices()), region: "eu-west-1") }
    }
}
