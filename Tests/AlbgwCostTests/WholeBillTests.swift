import Foundation
import Testing
@testable import AlbgwCost

/// What the bill covers beyond the request path: CloudWatch Logs, AWS WAF, the corporate link, the
/// Resolver endpoint, API Gateway's cache and X-Ray. Expected figures are AWS's worked examples
/// (CloudWatch, Site-to-Site VPN, X-Ray and API Gateway pricing pages; the Resolver's re:Post
/// article) or calculations written out here from the published rates, in two regions each.
@Suite struct WholeBillTests {
    /// The report for a command line, through the same parsing the command uses.
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    func cost(_ line: String, _ design: DesignID) throws -> DesignCost {
        try #require(try report(line).designs.first { $0.design == design }?.shownCost)
    }

    // MARK: AWS's worked examples

    /// CloudWatch pricing page, "Monitoring with logs": 1 GB a day for 30 days = 30 GB ingested,
    /// archived one month compressed to 6 GB, free tier on: 25 GB x $0.50 = $12.50 and
    /// 1 GB-month x $0.03 = $0.03, $12.53 in all. The test feeds 30 GB as API Gateway access logs of
    /// 1,024 bytes for 31,457,280 requests (30 x 2^30 / 1,024), with Lambda's own lines off, in AWS's
    /// 30-day month (720 hours), logs kept 30 days.
    @Test func cloudWatchLogsExample() throws {
        let bill = try cost(
            "--requests-per-month 31457280 --region us-east-1 --alb-scheme internal --design alb-vpce-apigw-lambda --hours-per-month 720 --free-tier --lambda-log-bytes 0 --apigw-access-log-bytes 1024 --log-retention-days 30",
            .albVpceApigwLambda)
        #expect(try #require(bill.item("logs.ingestion.free")).quantity == 5)
        #expect(try #require(bill.item("logs.ingestion")).quantity == 25)
        #expect(cents(bill.total("logs.ingestion")) == d("12.50"))
        #expect(try #require(bill.item("logs.storage")).quantity == 1)  // 6 GB stored - 5 GB free
        #expect(cents(bill.total("logs.storage")) == d("0.03"))
        #expect(cents(bill.total("logs")) == d("12.53"))
        #expect(bill.items("logs.vended").isEmpty)
    }

    /// CloudWatch pricing page, vended logs: 72 TB ingested on the vended tiers = $5,120 + $5,120 +
    /// $2,048 + $1,126.40 = $13,414.40. Lambda's logs are vended logs (since 2025-05-01); the test feeds
    /// 72 x 1,024 GB as 1,024 bytes of Lambda log for 77,309,411,328 invocations (73,728 x 2^20).
    @Test func vendedLogsExample() throws {
        let bill = try cost("--requests-per-month 77309411328 --region us-east-1 --design alb-lambda --lambda-log-bytes 1024", .albLambda)
        let tiers = bill.items("logs.vended").map { cents($0.monthlyCost ?? -1) }
        #expect(tiers == [d("5120"), d("5120"), d("2048"), d("1126.40")])
        #expect(cents(bill.total("logs.vended")) == d("13414.40"))
    }

    /// VPN pricing page, example 1: US East (Ohio), 720 hours, 500 GB out, the first 100 GB free:
    /// $36.00 of connection hours + 400 GB x $0.09 = $36.00, $72.00 a month. The test sends
    /// 1,048,576 responses of 500 KiB (500 GB).
    @Test func siteToSiteVPNExample() throws {
        let bill = try cost(
            "--requests-per-month 1048576 --response-kb 500 --region us-east-2 --alb-scheme internal --design alb-lambda --hours-per-month 720 --free-tier --hybrid-link vpn",
            .albLambda)
        #expect(cents(bill.total("link.vpn")) == d("36.00"))
        #expect(try #require(bill.item("link.egress.free")).quantity == 100)
        #expect(try #require(bill.item("link.egress.tier1")).quantity == 400)
        #expect(cents(bill.total("link.egress")) == d("36.00"))
        #expect(cents(bill.total("link")) == d("72.00"))
    }

    /// X-Ray pricing page, example 1: 2,000 requests an hour for a 31-day month (744 h), 10% sampled:
    /// 148,800 traces, 48,800 after the 100,000 free, x $0.000005 = $0.244, shown as $0.24.
    @Test func xrayExample() throws {
        let bill = try cost(
            "--requests-per-month 1488000 --region us-east-1 --design alb-lambda --hours-per-month 744 --free-tier --xray-sample-rate 0.1", .albLambda)
        #expect(try #require(bill.item("xray.traces.free")).quantity == d("0.1"))  // 100,000 traces in millions
        #expect(try #require(bill.item("xray.traces")).quantity == d("0.0488"))
        #expect(try #require(bill.item("xray.traces")).monthlyCost == d("0.244"))
        #expect(cents(bill.total("xray")) == d("0.24"))
    }

    /// API Gateway pricing page: a 1.6 GB cache at $0.038 an hour costs $0.912 a day (24 hours).
    @Test func apiCacheExample() throws {
        let bill = try cost("--rps 1 --region us-east-1 --alb-scheme internal --design vpce-apigw-lambda --hours-per-month 24 --apigw-cache-gb 1.6", .vpceApigwLambda)
        #expect(try #require(bill.item("apigateway.cache")).monthlyCost == d("0.912"))
    }

    /// re:Post (AWS): one inbound Resolver endpoint with two IP addresses costs about $182.50 a
    /// month = 2 x $0.125 x 730 h; queries are $0.40 per million.
    @Test func resolverEndpointMinimum() throws {
        for region in ["us-east-1", "ap-southeast-2"] {
            let bill = try cost("--rps 50 --region \(region) --alb-scheme internal --design alb-lambda --resolver-inbound-enis 2", .albLambda)
            #expect(try #require(bill.item("resolver.enis")).monthlyCost == d("182.50"))
            // One query per new connection: 131,400,000 requests / 10 per connection = 13.14 million.
            #expect(try #require(bill.item("resolver.queries.tier1")).monthlyCost == d("13.14") * d("0.40"))
        }
    }

    // MARK: Each option by hand, in two regions

    /// A web ACL on the ALB with 5 rules: $5 + 5 x $1 + 131.4M requests x $0.60 per million = $88.84
    /// in us-east-1 and eu-west-1 alike (AWS WAF's rates do not vary there).
    @Test func wafOnTheALB() throws {
        for region in ["us-east-1", "eu-west-1"] {
            let bill = try cost("--rps 50 --region \(region) --design alb-lambda --waf alb", .albLambda)
            #expect(bill.total("waf.acl") == 5)
            #expect(bill.total("waf.rules") == 5)
            #expect(bill.total("waf.alb.requests") == d("131.4") * d("0.6"))
            #expect(bill.total("waf") == d("88.84"))
        }
    }

    /// `--waf api`: alb-lambda has no API stage, so it is priced without WAF; the recommendation's
    /// money and the assumptions say so rather than compare unequal protection silently. With
    /// `--waf both` every design has a web ACL and nothing is said.
    @Test func aDesignWithNowhereForTheWebACLIsNamed() throws {
        let api = try report("--rps 5 --waf api")
        #expect(try cost("--rps 5 --waf api", .albLambda).items("waf").isEmpty)
        #expect(api.recommendation?.design == .albLambda)
        #expect(api.recommendation?.sentence.hasSuffix("against alb-vpce-apigw-lambda (alb-lambda without WAF: it has no API stage for --waf api).") == true)
        #expect(api.assumptions.contains { $0.hasSuffix("alb-lambda has no API stage: it is compared without WAF (its ALB can carry the web ACL: --waf both).") })
        let both = try report("--rps 5 --waf both")
        #expect(both.recommendation?.wafNote == nil)
        #expect(!both.assumptions.contains { $0.contains("compared without WAF") })
    }

    /// A cache priced for a design without API Gateway: the way out drops the cache option the user
    /// gave, not a --needs they never wrote.
    @Test func aCacheWithoutAnAPIIsDroppedByItsOwnOption() throws {
        let run = try report("--rps 50 --design alb-lambda --apigw-cache-gb 0.5")
        #expect(run.recommendation?.design == nil)
        #expect(run.recommendation?.changes == ["it has no API Gateway cache to price (--apigw-cache-gb asks for response caching): drop --apigw-cache-gb"])
        // The cache rules alb-lambda out, as the recommendation says: it is not an option that changes nothing.
        #expect(run.unusedOptions == nil)
    }

    /// A sweep names the options that change nothing under its summary, as the single point does,
    /// and in its JSON; a sweep whose every design is ruled out still names them in its title.
    @Test func aSweepNamesUnusedOptions() throws {
        let line = "Given but unused here: --apigw-timeout-s, for API Gateway, which no design analysed has: it changes nothing."
        let table = CLI.run(
            ["sweep", "--vary", "rps=10..1000", "--points", "3", "--design", "alb-lambda", "--apigw-timeout-s", "10"], environment: ["COLUMNS": "1000"])
        #expect(table.exitCode == 0 && table.stdout.contains("\n  \(line)\n"), "\(table.stdout)")
        let json = CLI.run(["sweep", "--vary", "rps=10..1000", "--points", "3", "--design", "alb-lambda", "--apigw-timeout-s", "10", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["unusedOptions"] as? String == line)
        let all = CLI.run(["sweep", "--vary", "rps=10..1000", "--points", "3"]).stdout
        #expect(!all.contains("Given but unused"))
        // A cache for a design without API Gateway: alb-lambda is ruled out, and the title still names it.
        let cached = CLI.run(
            ["sweep", "--vary", "rps=10..1000", "--points", "3", "--design", "alb-lambda", "--apigw-cache-gb", "0.5"], environment: ["COLUMNS": "1000"]
        ).stdout
        #expect(cached.hasPrefix("albgw-cost \(CLI.version) sweep: monthly cost of ALB -> Lambda from 10 to 1,000 requests/s\n"), "\(cached)")
        #expect(cached.contains("it has no API Gateway cache to price (--apigw-cache-gb asks for response caching)") && !cached.contains("Given but unused"))
        // It could carry the workload (the single point prices it): left out, not "cannot carry" (found
        // by a new user's check), and the chart still spans the range, saying why it is empty.
        #expect(cached.contains("  - alb-lambda is left out from 10 to 1,000 requests/s: it has no API Gateway cache"))
        #expect(cached.contains("  - From 10 to 1,000 requests/s, no design is left to sweep: each is ruled out above.\n"))
        let svg = CLI.run(["sweep", "--vary", "rps=10..1000", "--points", "3", "--design", "alb-lambda", "--apigw-cache-gb", "0.5", "--format", "svg"]).stdout
        #expect(svg.contains(">10 rps</text>") && svg.contains(">1k rps</text>") && svg.contains("no design to draw: alb-lambda: it has no API Gateway cache"))
        // Asked for with --needs, it is said as such.
        let needed = CLI.run(
            ["sweep", "--vary", "rps=10..1000", "--points", "3", "--design", "alb-lambda", "--needs", "response-caching"], environment: ["COLUMNS": "1000"]
        ).stdout
        #expect(needed.contains("it lacks what --needs asks for (response-caching)"))
    }

    /// Options for a part no analysed design has change nothing: the assumptions name them.
    @Test func optionsForAPartNoDesignHasAreNamed() throws {
        let run = try report("--rps 50 --design alb-lambda --vpce-subnets 1 --apigw-timeout-s 10 --alb-rules 3")
        #expect(
            run.unusedOptions
                == "Given but unused here: --vpce-subnets, --apigw-timeout-s, for an interface endpoint and API Gateway, which no design analysed has: they change nothing.")
        // WAF on the API of a design without one: named on the one screen, not only in the assumptions.
        let waf = CLI.run(["--rps", "50", "--waf", "api", "--design", "alb-lambda"], environment: ["COLUMNS": "1000"]).stdout
        #expect(waf.contains("\n  Given but unused here: --waf api, for API Gateway, which no design analysed has: it changes nothing.\n"))
        #expect(try report("--rps 50 --waf api --design alb-lambda").unusedOptions != nil)
        // --waf both still protects alb-lambda's ALB; --waf alb protects the ALB of every design here.
        #expect(try report("--rps 50 --waf both --design alb-lambda").unusedOptions == nil)
        #expect(try report("--rps 50 --waf alb").unusedOptions == nil)
        #expect(try report("--rps 50 --waf alb --design vpce-apigw-lambda --alb-scheme internal").unusedOptions?.contains("--waf alb, for an ALB") == true)
        // Every design analysed: each option sets a part one of them has.
        #expect(try report("--rps 50 --vpce-subnets 1 --apigw-timeout-s 10").unusedOptions == nil)
        // Logs of an API, addresses of an ALB, SLA terms of parts no design here has (found by a new user's check).
        #expect(
            try report("--rps 50 --design alb-lambda --apigw-execution-logs info --sla privatelink=99.99,apigw=99.9,alb=99.9").unusedOptions
                == "Given but unused here: --apigw-execution-logs, --sla apigw=, --sla privatelink=, for API Gateway and an interface endpoint, which no design analysed has: they change nothing."
        )
        #expect(try report("--rps 50 --design vpce-apigw-lambda --public-ipv4-per-az 2").unusedOptions?.contains("--public-ipv4-per-az, for an ALB") == true)
        #expect(
            try report("--rps 50 --alb-scheme internal --hybrid-link vpn --sla directconnect=99.9").unusedOptions?.contains("--sla directconnect=, for a Direct Connect link")
                == true)
        #expect(try report("--rps 50 --alb-scheme internal --hybrid-link dx --sla directconnect=99.9").unusedOptions == nil)
        // Said in every format that has room: under the table's and the Markdown's summary, and in JSON.
        let markdown = CLI.run(["--rps", "50", "--design", "alb-lambda", "--apigw-timeout-s", "10", "--format", "markdown"]).stdout
        #expect(markdown.contains("\nGiven but unused here: --apigw-timeout-s, for API Gateway, which no design analysed has: it changes nothing.\n"))
        let json = CLI.run(["--rps", "50", "--design", "alb-lambda", "--apigw-timeout-s", "10", "--format", "json"]).stdout
        #expect(json.contains("\"unusedOptions\": \"Given but unused here: --apigw-timeout-s"))
        #expect(
            try report("--rps 50 --design vpce-apigw-lambda --alb-scheme internal --registered-targets 1 --error-alarms on").unusedOptions
                == "Given but unused here: --registered-targets, --error-alarms, for an ALB's target group of endpoint IPs and an ALB's health checks of API Gateway, which no design analysed has: they change nothing."
        )
        #expect(
            CLI.run(["--rps", "50", "--design", "alb-lambda", "--waf", "api", "--regions", "us-east-1,us-west-2"], environment: ["COLUMNS": "1000"]).stdout.contains(
                "\n  Given but unused here: --waf api, for API Gateway, which no design analysed has: it changes nothing.\n"))
        #expect(CLI.run(["hops", "--rps", "50", "--design", "alb-lambda", "--apigw-timeout-s", "10"]).stdout.contains("\nGiven but unused here: --apigw-timeout-s"))
    }

    /// `--waf both`: one regional web ACL protects the ALB and the API stage, so its $5 and its rules
    /// are paid once, and each request is inspected at each place: twice where a design has both.
    @Test func wafOnBothAndRuleCount() throws {
        let line = "--rps 50 --region us-east-1 --alb-scheme internal --waf both --waf-rules 12"
        let acl = 5 + 12 as ExactDecimal
        let inspections = d("131.4") * d("0.6")
        #expect(try cost(line, .albVpceApigwLambda).total("waf") == acl + 2 * inspections)
        #expect(try cost(line, .albLambda).total("waf") == acl + inspections)
        #expect(try cost(line, .vpceApigwLambda).total("waf") == acl + inspections)
        #expect(try cost(line, .vpceApigwLambda).items("waf.alb").isEmpty)
    }

    /// Lambda's START/END/REPORT lines (264 bytes) for 131.4M invocations: 32.3075 GB of vended
    /// logs, stored at 0.2 for 30 days out of the 730 h / 24 = 30.4167 days of the month; eu-west-1
    /// ingests at $0.57, us-east-1 at $0.50.
    @Test func lambdaLogsByDefault() throws {
        let gb = d("131400000") * 264 / d("1073741824")
        let stored = gb * d("0.2") * 30 / (d("730") / 24)
        for (region, ingest) in [("us-east-1", d("0.5")), ("eu-west-1", d("0.57"))] {
            let bill = try cost("--rps 50 --region \(region) --design alb-lambda --logs", .albLambda)
            #expect(try #require(bill.item("logs.vended.tier1")).quantity == gb)
            #expect(bill.total("logs.vended") == gb * ingest)
            #expect(try #require(bill.item("logs.storage")).quantity == stored)
            #expect(bill.total("logs.storage") == stored * d("0.03"))
        }
    }

    /// INFO execution logs (2,048 bytes a request, the stated estimate) and 300 bytes of access log
    /// are custom logs at the flat rate; 90 days of retention in a 30-day month (720 h) store three
    /// months' worth.
    @Test func apiGatewayExecutionAndAccessLogs() throws {
        let gb = d("131400000") * 720 / 730 * (2048 + 300) / d("1073741824")  // 50 rps x 3,600 x 720 h
        for (region, ingest, storage) in [("us-east-1", d("0.5"), d("0.03")), ("sa-east-1", d("0.9"), d("0.0408"))] {
            let bill = try cost(
                "--rps 50 --region \(region) --alb-scheme internal --design vpce-apigw-lambda --hours-per-month 720 --lambda-log-bytes 0 --apigw-execution-logs info --apigw-access-log-bytes 300 --log-retention-days 90",
                .vpceApigwLambda)
            #expect(try #require(bill.item("logs.ingestion")).quantity == gb)
            #expect(bill.total("logs.ingestion") == gb * ingest)
            #expect(try #require(bill.item("logs.storage")).quantity == gb * d("0.2") * 3)
            #expect(bill.total("logs.storage") == gb * d("0.6") * storage)
        }
    }

    /// FULL adds the request and response bodies before and after transformation, each cut at
    /// 1,024 bytes: 1 KiB request and 4 KiB response = 2,048 + 2 x 1,024 + 2 x 1,024 bytes.
    @Test func fullExecutionLogsAddTruncatedBodies() throws {
        let bill = try cost(
            "--rps 50 --region us-east-1 --alb-scheme internal --design vpce-apigw-lambda --lambda-log-bytes 0 --apigw-execution-logs full", .vpceApigwLambda)
        #expect(try #require(bill.item("logs.ingestion")).quantity == d("131400000") * 6144 / d("1073741824"))
    }

    /// A 1 Gbps Direct Connect port for 730 h at $0.30 = $219.00, and 501.2512207... GB of responses
    /// at $0.02 in us-east-1; in eu-west-1 the data transfer out rate is not sourced, so it is
    /// missing, the total excludes it, and nothing is guessed.
    @Test func directConnect() throws {
        let responsesGB = d("131400000") * 4 / d("1048576")
        let east = try cost("--rps 50 --region us-east-1 --alb-scheme internal --design alb-lambda --hybrid-link dx", .albLambda)
        #expect(east.total("link.dx") == d("219"))
        #expect(east.total("link.egress") == responsesGB * d("0.02"))
        let tenG = try cost("--rps 50 --region us-east-1 --alb-scheme internal --design alb-lambda --hybrid-link dx --dx-port 10g", .albLambda)
        #expect(tenG.total("link.dx") == 730 * d("2.25"))
        let west = try report("--rps 50 --region eu-west-1 --alb-scheme internal --design alb-lambda --hybrid-link dx")
        let cost = try #require(west.designs.first?.cost)
        #expect(cost.total("link.dx") == d("219"))
        #expect(try #require(cost.item("link.egress")).monthlyCost == nil)
        #expect(!cost.isComplete)
        #expect(west.missingPrices.map(\.key) == [.directConnectDataTransferOut])
    }

    /// An internal ALB used to drop response egress; over a VPN the responses are data transfer out
    /// at the region's internet rates: 501.25 GB x $0.09 in us-east-1, x $0.15 in sa-east-1 (first 10 TB).
    @Test func vpnBillsTheResponses() throws {
        let responsesGB = d("131400000") * 4 / d("1048576")
        for (region, rate) in [("us-east-1", d("0.09")), ("sa-east-1", d("0.15"))] {
            let bill = try cost("--rps 50 --region \(region) --alb-scheme internal --design alb-lambda --hybrid-link vpn", .albLambda)
            #expect(bill.total("link.vpn") == 730 * d("0.05"))
            #expect(bill.total("link.egress") == responsesGB * rate)
        }
    }

    /// Cache sizes read their own hourly rates: 0.5 GB at $0.02 and 237 GB at $3.80 an hour in
    /// us-east-1, $0.028 and $4.40 in sa-east-1.
    @Test func cacheSizes() throws {
        for (region, small, large) in [("us-east-1", d("0.02"), d("3.8")), ("sa-east-1", d("0.028"), d("4.4"))] {
            for (size, rate) in [("0.5", small), ("237", large)] {
                let bill = try cost("--rps 50 --region \(region) --alb-scheme internal --design vpce-apigw-lambda --apigw-cache-gb \(size)", .vpceApigwLambda)
                #expect(bill.total("apigateway.cache") == 730 * rate)
            }
        }
        // A partial hour bills as a full one, as every other hourly item: 720.5 h -> 721 h.
        let partial = try cost(
            "--requests-per-month 5000000 --hours-per-month 720.5 --alb-scheme internal --apigw-cache-gb 6.1 --design vpce-apigw-lambda", .vpceApigwLambda)
        #expect(try #require(partial.item("apigateway.cache")).quantity == 721)
        // No API Gateway, no cache.
        #expect(try cost("--rps 50 --region us-east-1 --design alb-lambda --apigw-cache-gb 1.6", .albLambda).items("apigateway.cache").isEmpty)
    }

    // MARK: Defaults, presets and scope

    /// Nothing beyond the request path is priced unless asked for: the default run's figures stay.
    @Test func defaultsDoNotMoveTheFigures() throws {
        let run = try report("--rps 50 --region us-west-2")
        let ids = run.designs.compactMap(\.shownCost).flatMap(\.lineItems).map(\.id)
        #expect(!ids.contains { $0.hasPrefix("logs") || $0.hasPrefix("waf") || $0.hasPrefix("link") || $0.hasPrefix("resolver") || $0.hasPrefix("xray") })
        #expect(!ids.contains("apigateway.cache"))
    }

    /// The hybrid preset adds a VPN and a two-ENI Resolver endpoint to every design alike:
    /// $36.50 + 501.2512... GB x $0.09 + $182.50 + 13.14M queries x $0.40 = $269.37 more than
    /// without them, and the inputs say the preset set them.
    @Test func hybridPresetPricesTheLinkAndTheResolver() throws {
        let with = try report("--rps 50 --preset hybrid")
        let without = try report("--rps 50 --preset hybrid --hybrid-link none --resolver-inbound-enis 0")
        let added = d("36.5") + d("131400000") * 4 / d("1048576") * d("0.09") + d("182.5") + d("13.14") * d("0.4")
        for design in DesignID.allCases {
            let a = try #require(with.designs.first { $0.design == design }?.cost)
            let b = try #require(without.designs.first { $0.design == design }?.cost)
            #expect(a.monthlyCost - b.monthlyCost == added)
        }
        #expect(cents(added) == d("269.37"))
        let echo = with.inputs.filter { ["--hybrid-link", "--resolver-inbound-enis"].contains($0.option) }.map { "\($0.text) \($0.source.text)" }
        #expect(echo == ["vpn preset hybrid", "2 preset hybrid"])
    }

    /// Shared means every feasible design has the item with the same quantity and cost: in the hybrid
    /// preset the link, the Resolver, the hosted zone, the certificate and Lambda; the design-specific
    /// part is the rest, and the difference between two designs is the difference of those parts.
    @Test func sharedAndDesignSpecific() throws {
        let run = try report("--rps 50 --preset hybrid")
        let shared = try #require(run.shared)
        #expect(shared.designs == [.albVpceApigwLambda, .albLambda, .vpceApigwLambda])
        #expect(shared.services == ["Lambda", "Route 53", "ACM", "Site-to-Site VPN", "Route 53 Resolver"])
        // Lambda $26.28 + $27.375 + zone $0.50 + VPN and egress + Resolver.
        let lambda = d("131.4") * d("0.2") + d("1642500") * d("0.0000166667")
        let link = d("36.5") + d("131400000") * 4 / d("1048576") * d("0.09") + d("182.5") + d("13.14") * d("0.4")
        #expect(shared.monthlyCost == lambda + d("0.5") + link)
        let b = try #require(run.designs.first { $0.design == .albLambda }?.cost)
        #expect(b.lineItems.filter { $0.scope == .design }.map(\.id) == ["alb.hours", "alb.lcu"])
        let a = try #require(run.designs.first { $0.design == .albVpceApigwLambda }?.cost)
        #expect(a.designMonthlyCost - b.designMonthlyCost == a.monthlyCost - b.monthlyCost)
        // The percentage is on totals, and the line says so.
        let text = TableRenderer.render(run)
        #expect(text.contains("Difference: alb-vpce-apigw-lambda costs $472.69 per month more than alb-lambda (+133.8% of alb-lambda's total)"))
        // By hand, us-east-1, internal ALB: alb-lambda = ALB hours + 2.304 LCU an hour + Lambda + zone
        // + link and Resolver; alb-vpce-apigw-lambda adds the endpoint and REST requests and has 0.9216
        // LCU an hour: $472.69 more, over alb-lambda's $353.40, 133.75%.
        let lcu = d("50") * 5120 * 3600 / d("1000000000") * 730 * d("0.008")
        let handB = 730 * d("0.0225") + lcu / d("0.4") + lambda + d("0.5") + link
        let handA = 730 * d("0.0225") + lcu + 2 * 730 * d("0.01") + d("131400000") * 5 / d("1048576") * d("0.01") + d("131.4") * d("3.5") + lambda + d("0.5") + link
        #expect(a.monthlyCost == handA && b.monthlyCost == handB)
        #expect(cents(handA - handB) == d("472.69") && cents((handA - handB) / handB * 100).rounded(scale: 1) == d("133.8"))
    }

    /// A WAF on the ALB is shared when every feasible design has an ALB, and design-specific when one
    /// does not; a WAF on the API stage is never shared with a design without API Gateway.
    @Test func wafScopeFollowsTheDesigns() throws {
        let two = try report("--rps 50 --region us-east-1 --waf both")  // internet-facing: vpce-apigw-lambda is infeasible
        let a = try #require(two.designs.first { $0.design == .albVpceApigwLambda }?.cost)
        #expect(a.items("waf.alb").allSatisfy { $0.scope == .shared })
        #expect(a.items("waf.api").allSatisfy { $0.scope == .design })
        let three = try report("--rps 50 --region us-east-1 --alb-scheme internal --waf alb")
        let a3 = try #require(three.designs.first { $0.design == .albVpceApigwLambda }?.cost)
        #expect(a3.items("waf.alb").allSatisfy { $0.scope == .design })
        // A single design shares nothing.
        #expect(try report("--rps 50 --design alb-lambda").shared == nil)
    }

    /// JSON carries the scope of every line item and both parts of every total.
    @Test func jsonCarriesScope() throws {
        let json = JSONRenderer.render(try report("--rps 50 --preset hybrid"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let designs = try #require(object["designs"] as? [[String: Any]])
        for design in designs {
            let items = try #require(design["lineItems"] as? [[String: Any]])
            #expect(items.allSatisfy { ["shared", "design"].contains($0["scope"] as? String) })
            let total = try #require(design["monthlyCost"] as? NSNumber).decimalValue as Foundation.Decimal
            let shared = try #require(design["sharedMonthlyCost"] as? NSNumber).decimalValue as Foundation.Decimal
            let own = try #require(design["designMonthlyCost"] as? NSNumber).decimalValue as Foundation.Decimal
            #expect(abs(total - shared - own) < Foundation.Decimal(string: "0.000001")!)
        }
        let shared = try #require(object["shared"] as? [String: Any])
        #expect((shared["services"] as? [String])?.contains("Site-to-Site VPN") == true)
    }

    // MARK: What a review found

    /// A per-request execution-log figure on its own turns execution logging on (at INFO), and the
    /// echo says what implied what: 131.4M x 5,000 bytes of custom log.
    @Test func givenFiguresTurnTheirLoggingOn() throws {
        let run = try report("--rps 50 --region us-east-1 --apigw-execution-log-bytes 5000 --lambda-log-bytes 0 --design alb-vpce-apigw-lambda")
        let bill = try #require(run.designs.first?.cost)
        #expect(try #require(bill.item("logs.ingestion")).quantity == d("131400000") * 5000 / d("1073741824"))
        let echo = Dictionary(uniqueKeysWithValues: run.inputs.map { ($0.option, "\($0.text) \($0.source.text)") })
        #expect(echo["--logs"] == "on implied by --lambda-log-bytes")
        #expect(echo["--apigw-execution-logs"] == "info implied by --apigw-execution-log-bytes")
        let off = CLI.run("--rps 50 --apigw-execution-logs off --apigw-execution-log-bytes 5000".split(separator: " ").map(String.init))
        #expect(off.exitCode == 64)
    }

    /// The hybrid preset's VPN and Resolver serve corporate clients: with internet clients they are
    /// not priced, and the echo says they were not applied.
    @Test func presetLinkDoesNotApplyToInternetClients() throws {
        let run = try report("--rps 50 --preset hybrid --alb-scheme internet-facing")
        let ids = run.designs.compactMap(\.shownCost).flatMap(\.lineItems).map(\.id)
        #expect(!ids.contains { $0.hasPrefix("link") || $0.hasPrefix("resolver") })
        let echo = run.inputs.filter { ["--hybrid-link", "--resolver-inbound-enis"].contains($0.option) }
        #expect(echo.map(\.text) == ["none", "0"])
        #expect(echo.allSatisfy { $0.source.text.contains("not applied") })
        #expect(!run.assumptions.contains { $0.contains("it prices a Site-to-Site VPN") })
    }

    /// A price every design lacks alike (Direct Connect's data transfer out in sa-east-1) is shared:
    /// the difference between the designs is exact, only the percentage is left out.
    @Test func aSharedMissingPriceKeepsTheComparison() throws {
        let run = try report("--rps 50 --alb-scheme internal --region sa-east-1 --hybrid-link dx")
        let b = try #require(run.designs.first { $0.design == .albLambda }?.cost)
        #expect(try #require(b.item("link.egress")).scope == .shared)
        #expect(!b.isComplete && b.differencesAreKnown)
        let a = try #require(run.designs.first { $0.design == .albVpceApigwLambda }?.cost)
        let comparison = try #require(run.comparisons.first { $0.first == .albVpceApigwLambda })
        #expect(comparison.monthly == a.monthlyCost - b.monthlyCost)
        #expect(comparison.fraction == nil)
        #expect(TableRenderer.render(run, width: 1000).contains("(no percentage: the totals lack a price every design needs)"))
        #expect(try #require(run.recommendation).monthlyPremium != nil)
    }

    /// Pricing an API cache says the API's caching is needed: the recommendation weighs it.
    @Test func aCacheImpliesResponseCaching() throws {
        let run = try report("--rps 50 --preset hybrid --apigw-cache-gb 0.5")
        #expect(run.scenario.needs == [.responseCaching])
        #expect(try #require(run.recommendation).design != .albLambda)
        #expect(run.inputs.first { $0.option == "--needs" }?.source.text == "implied by --apigw-cache-gb")
    }

    /// Only the retention periods CloudWatch offers; options that modify an absent option are refused.
    @Test func refusedCombinations() {
        let cases: [(String, String)] = [
            ("--rps 50 --log-retention-days 45", "not a retention CloudWatch offers"),
            ("--rps 50 --lambda-log-bytes 1.5", "not a whole number"),
            ("--rps 50 --waf-rules 10", "add --waf alb, api or both"),
            ("--rps 50 --alb-scheme internal --dx-port 10g", "add --hybrid-link dx"),
            ("--rps 50 --apigw-cache-gb 0.5 --response-streaming", "exclude each other"),
        ]
        for (line, fragment) in cases {
            let result = CLI.run(line.split(separator: " ").map(String.init))
            #expect(result.exitCode == 64, "\(line)")
            #expect(result.stderr.contains(fragment), "\(line): \(result.stderr)")
        }
    }

    /// The Resolver endpoint's SLA (99.99% multi-AZ) joins the composite when it is priced.
    @Test func resolverJoinsTheAvailability() throws {
        let with = try report("--rps 50 --preset hybrid")
        let without = try report("--rps 50 --preset hybrid --resolver-inbound-enis 0")
        for design in DesignID.allCases {
            let a = try #require(with.designs.first { $0.design == design }).failureDomains.availability
            let b = try #require(without.designs.first { $0.design == design }).failureDomains.availability
            #expect(a.terms.map(\.key).contains("resolver"))
            #expect(a.compositePercent == b.compositePercent * d("0.9999"))
        }
    }

    // MARK: Bad input

    @Test func badValuesSayWhatToDo() {
        let cases: [(String, String)] = [
            ("--rps 50 --alb-scheme internal --resolver-inbound-enis 1", "at least 2 IP addresses"),
            ("--rps 50 --hybrid-link vpn", "add --alb-scheme internal"),
            ("--rps 50 --apigw-cache-gb 2", "0.5, 1.6, 6.1"),
            ("--rps 50 --waf everywhere", "none, alb, api, both"),
            ("--rps 50 --xray-sample-rate 2", "--xray-sample-rate"),
            ("--rps 50 --log-retention-days 0", "--log-retention-days"),
        ]
        for (line, fragment) in cases {
            let result = CLI.run(line.split(separator: " ").map(String.init))
            #expect(result.exitCode == 64, "\(line)")
            #expect(result.stderr.contains(fragment), "\(line): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(line)")
        }
    }
}
