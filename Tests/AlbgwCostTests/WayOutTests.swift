import Foundation
import Testing
@testable import AlbgwCost

/// The advice that comes with a limit: it names only designs that would work, only raises that
/// can help, the right input to change, and what clients see. Limits are AWS's, written out here:
/// 1 MB (1,024 KiB) for an ALB -> Lambda target, 6 MB (6,144 KiB) for Lambda's synchronous payload,
/// API Gateway's integration timeout 29 s by default and at most 300 s when raised (buffered),
/// 15 minutes for a streamed response, a function's timeout at most 900 s.
@Suite struct WayOutTests {
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    /// Every way out and every "use X" in a run, with the designs that cannot carry the workload.
    func named(_ line: String) throws -> (advice: [String], infeasible: [String]) {
        let run = try report(line)
        let advice = run.designs.flatMap(\.infeasibleReasons).map(\.wayOut) + (run.recommendation?.changes ?? [])
        return (advice, run.designs.filter { !$0.isFeasible }.map(\.design.rawValue))
    }

    /// The five command lines a review found naming a design that could not carry the workload either.
    @Test(arguments: [
        "--rps 5 --lambda-duration-ms 60000 --accounts cross",
        "--rps 5 --request-kb 6145 --alb-scheme internal",
        "--rps 5 --request-kb 7000 --response-kb 7000 --lambda-duration-ms 40000",
        "--rps 50 --request-kb 8000",
        "--rps 5 --lambda-duration-ms 60000 --needs usage-plans",
    ])
    func adviceNamesOnlyDesignsThatWork(line: String) throws {
        let (advice, infeasible) = try named(line)
        #expect(!infeasible.isEmpty)
        for text in advice {
            for design in DesignID.allCases.map(\.rawValue) where text.contains("use \(design)") || text.contains(": \(design)") {
                #expect(!infeasible.contains(design), "\(line): \(text)")
            }
        }
        // With --needs usage-plans, alb-lambda (no API Gateway) is never the way out.
        if line.contains("usage-plans") { #expect(!advice.contains { $0.contains("alb-lambda") }) }
    }

    /// A design that works is still named: 40 s is beyond API Gateway's 29 s, not alb-lambda's 900 s.
    @Test func aDesignThatWorksIsNamedWithItsLimit() throws {
        let run = try report("--rps 5 --lambda-duration-ms 40000")
        let reason = try #require(run.designs.first { $0.design == .albVpceApigwLambda }?.infeasibleReasons.first)
        #expect(reason.wayOut.hasSuffix(", or use alb-lambda (timeout 900 s)"))
        #expect(reason.wayOut.contains("at least 40,000 ms"))
        #expect(reason.wayOut.contains("then pass --apigw-timeout-s 40"))
    }

    /// An integration timeout set below API Gateway's 29 s default is raised on the integration itself,
    /// with no quota to ask for (found by a new user's check: it sent users to Service Quotas).
    @Test func belowTwentyNineSecondsTheIntegrationIsRaisedWithoutAQuota() throws {
        let run = try report("--rps 5 --apigw-timeout-s 5 --lambda-duration-ms 8000 --lambda-timeout-s 60")
        let wayOut = try #require(run.designs.first { $0.design == .albVpceApigwLambda }?.infeasibleReasons.first).wayOut
        #expect(
            wayOut.hasPrefix("raise the integration's timeout (timeout_milliseconds) to at least 8,000 ms: up to 29,000 ms needs no quota increase; then pass --apigw-timeout-s 8"))
        #expect(!wayOut.contains("Service Quotas"))
        #expect(PrivateRESTAPI.timeoutFix(seconds: 29).contains("needs no quota increase"))
        #expect(PrivateRESTAPI.timeoutFix(seconds: d("29.001")).contains("Service Quotas"))
    }

    /// Above 300 s no quota raise helps a buffered integration: only streaming or asynchronous work.
    @Test func noQuotaRaiseAboveThreeHundredSeconds() throws {
        let at300 = try report("--rps 1 --lambda-duration-ms 300000 --design alb-vpce-apigw-lambda")
        #expect(try #require(at300.designs.first?.infeasibleReasons.first).wayOut.contains("at least 300,000 ms"))
        let above = try report("--rps 1 --lambda-duration-ms 300001 --design alb-vpce-apigw-lambda")
        let wayOut = try #require(above.designs.first?.infeasibleReasons.first).wayOut
        #expect(!wayOut.contains("Service Quotas"))
        #expect(wayOut.hasPrefix("stream the response"))
        #expect(PrivateRESTAPI.timeoutFix(seconds: 900).hasPrefix("stream the response"))
        #expect(PrivateRESTAPI.timeoutFix(seconds: d("900.001")).hasPrefix("make the work asynchronous"))
    }

    /// A function timeout below the duration: Lambda stops the function and the invoker answers 502;
    /// the change is to raise --lambda-timeout-s, not to shorten the work.
    @Test func theFunctionsOwnTimeout() throws {
        let run = try report("--rps 5 --lambda-timeout-s 10 --lambda-duration-ms 15000")
        let a = try #require(run.designs.first { $0.design == .albVpceApigwLambda }?.infeasibleReasons.first)
        #expect(a.text.contains("Lambda stops the function at its timeout and API Gateway answers 502"))
        #expect(!a.text.contains("504"))
        let b = try #require(run.designs.first { $0.design == .albLambda }?.infeasibleReasons.first)
        #expect(b.text.contains("Lambda stops the function at its timeout and the ALB answers 502"))
        let changes = try #require(run.recommendation).changes
        #expect(changes.first?.hasPrefix("--lambda-timeout-s 10 must rise to at least 15") == true)
    }

    /// The integration timeout is the one that binds: API Gateway answers 504 while the function runs on.
    @Test func theIntegrationTimeout() throws {
        let run = try report("--rps 5 --lambda-duration-ms 60000 --needs usage-plans")
        let a = try #require(run.designs.first { $0.design == .albVpceApigwLambda }?.infeasibleReasons.first)
        #expect(a.text.contains("API Gateway answers 504 while the function keeps running and billing"))
        #expect(try #require(run.recommendation).changes.first?.hasPrefix("--apigw-timeout-s 29 must rise to at least 60") == true)
    }

    /// Streaming is offered only for responses it can carry (200 MB = 204,800 KiB).
    @Test func streamingOnlyWhereItHelps() throws {
        let within = try report("--rps 1 --response-kb 204800 --design alb-vpce-apigw-lambda")
        #expect(try #require(within.designs.first?.infeasibleReasons.first).wayOut.contains("stream the response"))
        let beyond = try report("--rps 1 --response-kb 204801 --design alb-vpce-apigw-lambda")
        #expect(!(try #require(beyond.designs.first?.infeasibleReasons.first).wayOut.contains("stream")))
    }

    /// The enhanced policies are not all TLS 1.3 only: SecurityPolicy_TLS13_1_2_* accept TLS 1.2 too.
    @Test func tlsPolicies() throws {
        let hops = HopModel.hops(for: .albVpceApigwLambda, in: makeScenario())
        let api = try #require(hops.first { $0.id == "vpce-apigw" })
        #expect(api.tls.contains("default TLS_1_2 policy accepts TLS 1.2 and 1.3"))
        #expect(api.tls.contains("SecurityPolicy_TLS13_1_3_* accept TLS 1.3 only, SecurityPolicy_TLS13_1_2_* TLS 1.3 and 1.2"))
        #expect(!api.tls.contains("SecurityPolicy_* (TLS 1.3 only"))
        #expect(api.sources.contains(.apiGatewayTLSVersions))
    }
}

/// The one-sentence answer reads right and says what it trades.
@Suite struct RecommendationSentenceTests {
    func recommendation(_ line: String) throws -> Recommendation {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try #require(try CLI.analyse(parsed).1.recommendation)
    }

    /// The user needs, the design has: "you need none of ...", "it has ... fewer hops".
    @Test func subjectsAreRight() throws {
        let sentence = try recommendation("--rps 50 --region us-west-2").sentence
        #expect(
            sentence
                == "Choose alb-lambda because you need none of the API Gateway features alb-vpce-apigw-lambda adds and it has 2 fewer hops and fewer failure domains than alb-vpce-apigw-lambda; it saves $472.69 per month ($3.5974 per 1M requests) against alb-vpce-apigw-lambda."
        )
    }

    /// 5 requests/s of 1,023 KiB on an internal ALB: alb-lambda's processed-bytes LCUs (1,027 KiB a
    /// request / 0.4 GB per LCU-hour) cost more than the endpoint's data and API Gateway's requests,
    /// so the simpler design is the dearer one, and both lines say so. alb-lambda: 730 x $0.0225 +
    /// 5 x 3,600 x 1,027 x 1,024 / 10^9 GB an hour / 0.4 x 730 x $0.008; vpce-apigw-lambda:
    /// 2 x 730 x $0.01 + 13,140,000 x 1,027 / 1,048,576 GB x $0.01 + 13.14M x $3.50. Lambda and
    /// the zone are alike.
    @Test func aDearerChoiceSaysSo() throws {
        let alb = 730 * d("0.0225") + d("5") * 3600 * 1027 * 1024 / d("1000000000") / d("0.4") * 730 * d("0.008")
        let endpoint = 2 * 730 * d("0.01") + d("13140000") * 1027 / d("1048576") * d("0.01") + d("13.14") * d("3.5")
        #expect(cents(alb - endpoint) == d("103.51"))
        let answer = try recommendation("--rps 5 --alb-scheme internal --request-kb 1023")
        #expect(answer.design == .albLambda)
        #expect(try #require(answer.monthlyPremium) == alb - endpoint)
        #expect(answer.sentence.contains("; it costs $103.51 per month"))
        #expect(answer.otherWinsWhen.hasPrefix("vpce-apigw-lambda wins on cost ($103.51 per month less)"))
    }

    /// us-west-1 has no LCU price: the sentence says why it states no saving.
    @Test func aMissingPriceIsExplained() throws {
        let answer = try recommendation("--rps 50 --region us-west-1")
        #expect(answer.monthlyPremium == nil)
        #expect(answer.sentence.hasSuffix("is not computed: a price is missing in us-west-1 (see Missing prices)."))
    }

    /// A need the choice meets shows in the sentence.
    @Test func aMetNeedIsVisible() throws {
        let plain = try recommendation("--rps 50").sentence
        let signIn = try recommendation("--rps 50 --needs alb-sign-in").sentence
        #expect(plain != signIn)
        #expect(signIn.contains("it has the browser sign-in at the load balancer (OIDC or Cognito) you need"))
    }

    /// A design that cannot carry the workload is out for that reason alone.
    @Test func infeasibleIsReasonEnough() throws {
        let sentence = try recommendation("--rps 50 --needs alb-routing,api-keys --accounts cross").sentence
        #expect(sentence.contains("alb-lambda cannot carry this workload (an ALB cannot invoke a function in another account)"))
        #expect(!sentence.contains("which alb-lambda lacks"))
    }
}

/// Route 53 queries to a CNAME: 13,140,000 a month at 50 requests/s by default (131,400,000
/// requests / 10 per connection), $0.40 per million to 1 billion, $0.20 above.
@Suite struct CNAMEQueryTests {
    func cost(_ line: String, _ design: DesignID = .albLambda) throws -> DesignCost {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try #require(try CLI.analyse(parsed).1.designs.first { $0.design == design }?.shownCost)
    }

    @Test func defaultIsOnePerNewConnection() throws {
        let bill = try cost("--rps 50 --dns-record cname")
        let item = try #require(bill.item("route53.queries.tier1"))
        #expect(item.quantity == d("13.14"))
        #expect(item.monthlyCost == d("13.14") * d("0.4"))
        #expect(item.confidence == .high)  // a public zone: the standard rate is AWS's
        #expect(bill.items("route53.queries").count == 1)
    }

    /// 1.5 billion queries: 1,000M x $0.40 + 500M x $0.20 = $500.
    @Test func givenQueriesCrossTheTier() throws {
        let bill = try cost("--rps 50 --dns-record cname --dns-queries-per-month 1500000000")
        #expect(bill.items("route53.queries").map(\.quantity) == [1000, 500])
        #expect(bill.total("route53.queries") == 500)
    }

    @Test func aliasQueriesAreFree() throws {
        #expect(try cost("--rps 50").items("route53.queries").isEmpty)
    }

    /// A private zone's query billing is not confirmed by any AWS page read: low confidence.
    @Test func privateZoneQueriesAreLowConfidence() throws {
        let item = try #require(try cost("--rps 50 --dns-record cname --alb-scheme internal").item("route53.queries.tier1"))
        #expect(item.confidence == .low)
        #expect(item.basis.contains("no AWS page read confirms how queries to a private hosted zone are billed"))
    }

    @Test func queriesWithNothingToBillAreAUsageError() {
        let result = CLI.run(["--rps", "50", "--dns-queries-per-month", "5"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("add --dns-record cname"))
        #expect(CLI.run(["--rps", "50", "--alb-scheme", "internal", "--resolver-inbound-enis", "2", "--dns-queries-per-month", "5"]).exitCode == 0)
    }
}

/// JSON analyses the failure domains of the designs the table analyses, and no others.
@Suite struct InfeasibleJSONTests {
    @Test func failureDomainsOnlyForFeasibleDesigns() throws {
        let result = CLI.run(["--rps", "50", "--preset", "tutorial", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for design in try #require(object["designs"] as? [[String: Any]]) {
            let feasible = try #require(design["feasible"] as? Bool)
            #expect(design["failureDomainsAnalysed"] as? Bool == feasible)
            if !feasible {
                #expect((design["azLoss"] as? [Any])?.isEmpty == true)
                #expect(design["availability"] is NSNull)
                #expect((design["findings"] as? [Any])?.isEmpty == true)
            }
        }
    }
}

/// One design asked for with --design: nothing to choose, but what to change when it cannot work.
@Suite struct SingleDesignTests {
    @Test func infeasibleSingleDesignSaysWhatToChange() throws {
        let parsed = try ArgumentParser.parse(["--rps", "50", "--design", "alb-lambda", "--accounts", "cross"], options: OptionTable.all, command: "test")
        let answer = try #require(try CLI.analyse(parsed).1.recommendation)
        #expect(answer.design == nil)
        #expect(answer.nearest == .albLambda)
        #expect(answer.sentence.hasPrefix("No design analysed (--design leaves the others out) can carry this workload here."))
        #expect(answer.changes.first?.contains("move the function into the ALB's account or use alb-vpce-apigw-lambda") == true)
    }

    @Test func feasibleSingleDesignHasNoAnswer() throws {
        let parsed = try ArgumentParser.parse(["--rps", "50", "--design", "alb-lambda"], options: OptionTable.all, command: "test")
        #expect(try CLI.analyse(parsed).1.recommendation == nil)
    }
}
