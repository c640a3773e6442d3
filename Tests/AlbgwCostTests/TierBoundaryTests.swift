import Foundation
import Testing
@testable import AlbgwCost

/// Each tier break, just below, at and just above, with costs written out by hand from the
/// us-west-2 schedule (pricing.md §3.2-3.4 and §8.2).
@Suite struct TierBoundaryTests {
    /// REST API requests: 333M at $3.50, 667M at $2.80, 19B at $2.38, then $1.51 per million.
    @Test(arguments: [
        ("332999999", "1165.4999965"),
        ("333000000", "1165.5"),
        ("333000001", "1165.5000028"),
        ("999999999", "3033.0999972"),
        ("1000000000", "3033.1"),
        ("1000000001", "3033.10000238"),
        ("19999999999", "48253.09999762"),
        ("20000000000", "48253.1"),
        ("20000000001", "48253.10000151"),
    ])
    func restRequests(requests: String, expected: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(requests)), designs: [.albVpceApigwLambda])
        #expect(try cost(.albVpceApigwLambda, scenario).total("apigateway.requests") == d(expected))
    }

    /// Lambda x86_64 duration: 6B GB-s at $0.0000166667, 9B at $0.000015, then $0.0000133334.
    /// 1,024 MB for 1,000 ms makes one GB-second per request, so requests = GB-seconds.
    @Test(arguments: [
        ("5999999999", "100000.1999833333"),
        ("6000000000", "100000.2"),
        ("6000000001", "100000.200015"),
        ("15000000000", "235000.2"),
        ("15000000001", "235000.2000133334"),
    ])
    func lambdaDurationX86(gbSeconds: String, expected: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(gbSeconds)), memoryMB: "1024", durationMS: "1000", designs: [.albLambda])
        #expect(try cost(.albLambda, scenario).total("lambda.duration") == d(expected))
    }

    /// Lambda arm64 duration: 7.5B GB-s at $0.0000133334, 11.25B at $0.0000120001, then $0.0000106667.
    @Test(arguments: [
        ("7499999999", "100000.4999866666"),
        ("7500000000", "100000.5"),
        ("7500000001", "100000.5000120001"),
        ("18750000000", "235001.625"),
        ("18750000001", "235001.6250106667"),
    ])
    func lambdaDurationArm(gbSeconds: String, expected: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(gbSeconds)), memoryMB: "1024", durationMS: "1000", architecture: .arm64, designs: [.albLambda])
        #expect(try cost(.albLambda, scenario).total("lambda.duration") == d(expected))
    }

    /// Interface endpoint data: 1,048,576 GB at $0.01, 4,194,304 GB at $0.006, then $0.004.
    /// One request per month of 1,048,576 KiB (1 GB) each makes requests = GB.
    @Test(arguments: [
        ("1048575", "10485.75"),
        ("1048576", "10485.76"),
        ("1048577", "10485.766"),
        ("5242880", "35651.584"),
        ("5242881", "35651.588"),
    ])
    func endpointData(gb: String, expected: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(gb)), requestKiB: "1048576", responseKiB: "0", designs: [.albVpceApigwLambda])
        #expect(try cost(.albVpceApigwLambda, scenario).total("vpce.data") == d(expected))
    }

    /// Internet egress (us-west-2): 10,240 GB at $0.09, 40,960 at $0.085, 102,400 at $0.07, then $0.05.
    @Test(arguments: [
        ("10239", "921.51"),
        ("10240", "921.6"),
        ("10241", "921.685"),
        ("51200", "4403.2"),
        ("51201", "4403.27"),
        ("153600", "11571.2"),
        ("153601", "11571.25"),
    ])
    func internetEgress(gb: String, expected: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(gb)), requestKiB: "0", responseKiB: "1048576", designs: [.albLambda])
        #expect(try cost(.albLambda, scenario).total("egress") == d(expected))
    }

    /// With --free-tier the first 100 GB are free and the tiers start after them.
    @Test(arguments: [("99", "0"), ("100", "0"), ("101", "0.09"), ("10340", "921.6"), ("10341", "921.685")])
    func internetEgressAfterFreeAllowance(gb: String, expected: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(gb)), requestKiB: "0", responseKiB: "1048576", freeTier: true, designs: [.albLambda])
        #expect(try cost(.albLambda, scenario).total("egress") == d(expected))
    }

    /// Lambda's free tier: 1M requests and 400,000 GB-s (128 MB x 100 ms = 0.0125 GB-s per request).
    @Test(arguments: [
        ("999999", "0", "0"),
        ("1000000", "0", "0"),
        ("1000001", "0.0000002", "0"),
        ("32000000", "6.2", "0"),
        ("32000001", "6.2000002", "0.000000208333750"),
    ])
    func lambdaFreeTier(requests: String, requestCost: String, durationCost: String) throws {
        let scenario = makeScenario(rate: .perMonth(d(requests)), freeTier: true, designs: [.albLambda])
        let result = try cost(.albLambda, scenario)
        #expect(result.total("lambda.requests") == d(requestCost))
        #expect(result.total("lambda.duration") == d(durationCost))
    }

    @Test func splitSkipsOffsetAndUnreachedBands() {
        let price = Price(
            key: .internetDataTransferOut, unit: "GB",
            tiers: [PriceTier(upTo: 10, usd: 1), PriceTier(upTo: 30, usd: d("0.5")), PriceTier(upTo: nil, usd: d("0.1"))],
            source: "test", asOf: "2026", confidence: .high)
        #expect(price.split(25).map(\.quantity) == [10, 15])
        #expect(price.split(25, startingAt: 15).map(\.quantity) == [15, 10])
        #expect(price.split(0).isEmpty)
        #expect(price.split(40).map(\.index) == [0, 1, 2])
    }
}
