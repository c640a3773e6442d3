import Foundation
import Testing
@testable import AlbgwCost

/// `--response-streaming`: API Gateway's STREAM transfer mode to a streaming function. AWS's figures,
/// written out here: a streamed response up to 200 MB (204,800 KiB) and 15 minutes (900 s); Lambda
/// bills $0.008 per GB beyond the first 6 MB (6,144 KiB) of each response; an ALB's Lambda target
/// cannot stream (1 MB).
@Suite struct StreamingTests {
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    func design(_ run: Report, _ id: DesignID) throws -> DesignReport { try #require(run.designs.first { $0.design == id }) }

    /// Lambda pricing page, response streaming example: 1M responses of 7 MB, the first 6 MB of each
    /// free: 1M x 1 MB = 976.56 GB x $0.008 = $7.81.
    @Test func lambdaStreamingExample() throws {
        let run = try report("--requests-per-month 1000000 --response-kb 7168 --response-streaming --region us-east-1 --alb-scheme internal --design vpce-apigw-lambda")
        let item = try #require(try design(run, .vpceApigwLambda).cost?.item("lambda.streamed"))
        #expect(item.quantity == d("976.5625"))
        #expect(cents(try #require(item.monthlyCost)) == d("7.81"))
    }

    /// A 20 MB response: infeasible buffered everywhere; streamed, the API Gateway designs carry it and
    /// alb-lambda still cannot.
    @Test func largeResponsesBecomeFeasible() throws {
        let buffered = try report("--rps 5 --response-kb 20480 --alb-scheme internal")
        #expect(buffered.designs.allSatisfy { !$0.isFeasible })
        let streamed = try report("--rps 5 --response-kb 20480 --alb-scheme internal --response-streaming")
        #expect(try design(streamed, .albVpceApigwLambda).isFeasible)
        #expect(try design(streamed, .vpceApigwLambda).isFeasible)
        #expect(try design(streamed, .albLambda).infeasibleReasons.map(\.id) == ["no-streaming", "response-too-large"])
        // Just above 200 MB no design carries it.
        let beyond = try report("--rps 1 --response-kb 204801 --alb-scheme internal --response-streaming")
        #expect(beyond.designs.allSatisfy { !$0.isFeasible })
    }

    /// Asked for, streaming rules alb-lambda out whatever the response size: the ALB takes the
    /// function's whole response (the help says "alb-lambda cannot"); the recommendation then picks a
    /// design with API Gateway, where without streaming it picks alb-lambda (found by a new user's check).
    @Test func streamingRulesOutALBToLambda() throws {
        let plain = try report("--rps 5")
        #expect(plain.recommendation?.design == .albLambda)
        let streamed = try report("--rps 5 --response-streaming")
        let reasons = try design(streamed, .albLambda).infeasibleReasons
        #expect(reasons.map(\.id) == ["no-streaming"])
        #expect(reasons.first?.text.hasPrefix("--response-streaming breaks what alb-lambda offers: one buffered response of at most 1 MB") == true)
        #expect(streamed.recommendation?.design == .albVpceApigwLambda)
        // The private API's way out names only the ALB design that can stream (found by a new user's check).
        let wayOut = try design(streamed, .vpceApigwLambda).infeasibleReasons.first { $0.id == "scheme" }?.wayOut
        #expect(wayOut == "reach it over VPN or Direct Connect (--alb-scheme internal) or use a design with an ALB: alb-vpce-apigw-lambda")
    }

    /// 120 s of work: beyond 29 s buffered; within 15 minutes streamed, and the ALB's 60 s idle
    /// timeout no longer bounds a response that keeps sending.
    @Test func longWorkBecomesFeasible() throws {
        let buffered = try report("--rps 1 --lambda-duration-ms 120000 --alb-scheme internal")
        #expect(try design(buffered, .albVpceApigwLambda).infeasibleReasons.map(\.id) == ["timeout"])
        let streamed = try report("--rps 1 --lambda-duration-ms 120000 --alb-scheme internal --response-streaming")
        let a = try design(streamed, .albVpceApigwLambda)
        #expect(a.isFeasible)
        #expect(a.limits.timeoutSeconds == 900)
        #expect(a.limits.timeoutSource == "API Gateway streamed response, up to 15 minutes")
    }

    /// A stream still ends at the function's timeout: with 120 s the offer is 2 minutes, with 10 s
    /// (the function binds before API Gateway's 29 s) there is nothing for streaming to lift.
    @Test func theFunctionsTimeoutEndsAStream() throws {
        let short = try design(try report("--rps 5 --lambda-timeout-s 10 --alb-scheme internal"), .albVpceApigwLambda).limits
        #expect(short.timeoutSeconds == 10 && short.streamedTimeoutSeconds == nil)
        let longer = try design(try report("--rps 5 --lambda-timeout-s 120 --alb-scheme internal"), .albVpceApigwLambda).limits
        #expect(longer.timeoutSeconds == 29 && longer.streamedTimeoutSeconds == 120)
        #expect(longer.rows.first { $0.label == "End-to-end timeout" }?.value == "29 s (API Gateway integration timeout); up to 2 minutes streamed")
        // A timeout the user set is not "assumed set to the maximum".
        let given = try report("--rps 5 --lambda-timeout-s 30")
        #expect(given.assumptions.contains { $0.contains("function timeout 30 s, API Gateway account throttle") })
        #expect(try report("--rps 5").assumptions.contains { $0.contains("function timeout 900 s (assumed set to the maximum)") })
    }

    /// The limits table says what streaming would give when it is off, and what binds when it is on.
    @Test func limitRows() throws {
        let off = try design(try report("--rps 1"), .albVpceApigwLambda).limits.rows
        #expect(off.first { $0.label == "Largest response" }?.value == "6 MB buffered; up to 200 MB streamed")
        #expect(off.first { $0.label == "End-to-end timeout" }?.value == "29 s (API Gateway integration timeout); up to 15 minutes streamed")
        let on = try design(try report("--rps 1 --response-streaming"), .albVpceApigwLambda).limits.rows
        #expect(on.first { $0.label == "Largest response" }?.value == "200 MB (Lambda streamed response, --response-streaming)")
        #expect(on.first { $0.label == "End-to-end timeout" }?.value == "900 s (API Gateway streamed response, up to 15 minutes)")
        // alb-lambda cannot stream: its rows do not change.
        let b = try design(try report("--rps 1 --response-streaming"), .albLambda).limits.rows
        #expect(b.first { $0.label == "Largest response" }?.value == "1 MB")
    }

    /// 131.4M responses of 20 MB streamed: each 10 MB started counts as a request, 2 a response, at
    /// low confidence (a second-hand figure); 10 MB or less counts once.
    @Test func apiGatewayCountsEachTenMegabytes() throws {
        let big = try #require(try design(try report("--rps 50 --response-kb 20480 --response-streaming --alb-scheme internal"), .vpceApigwLambda).cost)
        let requests = big.items("apigateway.requests")
        #expect(requests.map(\.quantity).reduce(0, +) == d("262.8"))
        #expect(requests.allSatisfy { $0.confidence == .low })
        let small = try #require(try design(try report("--rps 50 --response-kb 10240 --response-streaming --alb-scheme internal"), .vpceApigwLambda).cost)
        #expect(small.items("apigateway.requests").map(\.quantity).reduce(0, +) == d("131.4"))
        #expect(try #require(small.item("lambda.streamed")).quantity == d("131400000") * 4096 / d("1048576"))
    }

    /// STREAM mode has no caching and no response mapping templates.
    @Test func conflictsWithCachingAndMappingTemplates() {
        for need in ["response-caching", "mapping-templates"] {
            let result = CLI.run(["--rps", "1", "--response-streaming", "--needs", need])
            #expect(result.exitCode == 64)
            #expect(result.stderr.contains("exclude each other"))
        }
    }
}
