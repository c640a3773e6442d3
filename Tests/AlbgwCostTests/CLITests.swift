import Foundation
import Testing
@testable import AlbgwCost

/// The command line, driven in-process as the executable drives it.
@Suite struct CLITests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    @Test func mainCommandPrintsBothDesignsSideBySide() {
        let result = run("--rps 50 --region us-west-2")
        #expect(result.exitCode == 0)
        #expect(result.stderr.isEmpty)
        // Hand-computed in CostModelTests.defaultRunByHand: $609.14 and $136.45 per month
        // (609.14045 / 730 h = $0.8344, 136.44802 / 730 h = $0.1869; the difference is $472.69).
        #expect(result.stdout.contains("alb-vpce-apigw-lambda  $0.8344  $609.14"))
        #expect(result.stdout.contains("alb-lambda             $0.1869  $136.45"))
        #expect(result.stdout.contains("costs $472.69 per month more"))
        let detail = run("--rps 50 --region us-west-2 --detail").stdout
        for section in ["Summary (USD)", "How the quantities were derived", "Effective limits", "Request path", "Failure domains", "Inputs", "Assumptions", "Prices used"] {
            #expect(detail.contains(section), "\(section)")
            #expect(section == "Summary (USD)" || !result.stdout.contains(section), "\(section) is --detail's")
        }
    }

    /// The headline fits one screen: at most 60 lines of at most 120 columns, with the
    /// recommendation, the summary, each design's line items (11 and 8 lines, as in
    /// CostModelTests) and what --detail adds.
    @Test func headlineFitsOneScreen() {
        let text = run("--rps 50 --region us-west-2").stdout
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= 60, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 120 })
        #expect(text.hasPrefix("Recommendation: Choose alb-lambda"))
        #expect(text.contains("  Total                       exact sum, rounded once"))
        #expect(text.contains("\nMore with --detail: "))
        let items = lines.filter { $0.hasPrefix("  Lambda ") || $0.hasPrefix("  API Gateway ") || $0.hasPrefix("  Application Load Balancer ") }
        #expect(items.count == (2 + 1 + 2) + (2 + 2))  // ALB hours and LCUs, API Gateway, Lambda's two lines; then without API Gateway
        // --detail is everything, still within 120 columns.
        let detail = run("--rps 50 --region us-west-2 --detail").stdout
        #expect(detail.split(separator: "\n").allSatisfy { $0.count <= 120 })
        #expect(detail.contains("Total if possible"))
    }

    /// Fixes a new user's review asked for: --detail only where it means something, a design-specific
    /// part that is all missing price says "unknown" (us-west-1 lacks the LCU price, alb-lambda's only
    /// design-specific line), and a CNAME to the endpoint is not called an alias.
    @Test func reviewedEdges() {
        let detailJSON = run("--rps 50 --detail --format json")
        #expect(detailJSON.exitCode == 64 && detailJSON.stderr.contains("drop --detail"))
        let west = CLI.run(["--rps", "50", "--region", "us-west-1"], environment: ["COLUMNS": "1000"]).stdout
        #expect(west.split(separator: "\n").contains { $0.hasPrefix("  alb-lambda ") && $0.contains(" unknown ") })
        let cname = run("hops --rps 50 --alb-scheme internal --dns-record cname --design vpce-apigw-lambda").stdout
        #expect(cname.contains("CNAME record for the private custom domain name") && !cname.contains("alias queries are free"))
    }

    /// COLUMNS narrows every line; tables wrap their text cells and stay aligned. (The line items
    /// with their scope need 91 columns: numbers, ids and words never break.)
    @Test(arguments: [110, 100, 95])
    func columnsSetsTheWidth(columns: Int) throws {
        let text = CLI.run(["--rps", "50", "--region", "us-west-2", "--detail"], environment: ["COLUMNS": "\(columns)"]).stdout
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= columns }, "\(lines.filter { $0.count > columns }.first ?? "")")
        // Every physical line of the summary table puts its $/month column in the same place.
        let summary = lines.drop { !$0.hasPrefix("Summary (USD)") }.dropFirst().prefix { $0.hasPrefix("  ") && !$0.hasPrefix("  vpce-apigw-lambda cannot") }
        let rule = try #require(summary.dropFirst().first)
        #expect(rule.hasPrefix("  ---------------------  -------  -------"))
        #expect(!text.contains("\u{E000}"))
    }

    @Test func everyDefaultIsEchoed() {
        let output = run("--rps 50 --detail").stdout
        for option in OptionTable.all where option.takesValue && !["--requests-per-month", "--format", "--regions"].contains(option.name) || option.name == "--free-tier" {
            #expect(output.contains("  \(option.name) "), "\(option.name) missing from the inputs echo")
        }
        #expect(output.contains("us-east-1"))
    }

    @Test func outputIsByteIdenticalAcrossRuns() {
        for line in ["--rps 50 --region us-west-2", "--rps 50 --region us-west-2 --format json", "--rps 7.5 --region us-west-1 --free-tier --format json"] {
            #expect(run(line) == run(line))
        }
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = run("--rps 50 --region us-west-2 --format json")
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["region"] as? String == "us-west-2")
        #expect((object["hoursPerMonth"] as? NSNumber)?.intValue == 730)
        let priceTable = try #require(object["priceTable"] as? [String: Any])
        #expect(priceTable["region"] as? String == "us-west-2")
        #expect((priceTable["asOf"] as? [String])?.contains("2025-10-20") == true)
        let workload = try #require(object["workload"] as? [String: Any])
        #expect((workload["requestsPerSecond"] as? NSNumber)?.intValue == 50)
        #expect((workload["responseKiB"] as? NSNumber)?.intValue == 4)
        #expect(workload["lambdaArchitecture"] as? String == "x86_64")
        let designs = try #require(object["designs"] as? [[String: Any]])
        #expect(designs.map { $0["id"] as? String } == ["alb-vpce-apigw-lambda", "alb-lambda", "vpce-apigw-lambda"])
        for design in designs {
            for key in ["id", "name", "hourlyCost", "monthlyCost", "costPerMillionRequests", "lineItems"] {
                #expect(design[key] != nil, "\(key)")
            }
            let items = try #require(design["lineItems"] as? [[String: Any]])
            for item in items {
                for key in ["service", "component", "quantity", "unit", "unitPrice", "monthlyCost"] { #expect(item[key] != nil, "\(key)") }
            }
        }
    }

    /// JSON numbers are unrounded: the REST line is exactly 131.4 x 3.5 = 459.9 and the bytes LCU
    /// keeps all its digits (0.858306884765625 x 730 x 0.008).
    @Test func jsonNumbersAreExact() {
        let json = run("--rps 50 --region us-west-2 --format json --design alb-vpce-apigw-lambda").stdout
        #expect(json.contains("\"monthlyCost\": 459.9,"))
        // The LCUs, unrounded: 50 x 5,120 bytes x 3,600 / 10^9 = 0.9216 GB an hour x 730 h x $0.008.
        #expect(json.contains("\"monthlyCost\": 5.382144,"))
    }

    @Test func designOptionSelectsOne() {
        let output = run("--rps 50 --design alb-lambda").stdout
        #expect(output.contains("alb-lambda: ALB -> Lambda"))
        #expect(!output.contains("alb-vpce-apigw-lambda:"))
    }

    @Test func missingPriceIsReportedNotGuessed() throws {
        let result = run("--rps 50 --region us-west-1")
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Missing prices"))
        #expect(result.stdout.contains("ALB LCU-hour (alb.lcuHour) for us-west-1"))
        #expect(result.stdout.contains("(incomplete)"))
        #expect(result.stdout.contains("--prices DIR"))
        // Every figure of an incomplete total is marked: the hourly and per-request ones with "+",
        // explained under the table; a complete run has neither.
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  alb-lambda  ") || $0.hasPrefix("  alb-vpce-apigw-lambda  ") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.split(separator: " ").filter { $0.hasPrefix("$") && $0.hasSuffix("+") }.count == 2 })
        #expect(result.stdout.contains("  (incomplete), +: a price is missing (see Missing prices), so the figure is a floor.\n"))
        #expect(!run("--rps 50 --region us-west-2").stdout.contains("so the figure is a floor"))
        // The Markdown table and the regions table, which have room, say it in words: the monthly and
        // the per-request figure of the row.
        let markdown = run("--rps 50 --region us-west-1 --format markdown").stdout.split(separator: "\n")
        let cells = try #require(markdown.first { $0.hasPrefix("| `alb-lambda` |") }).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells[1].hasSuffix(" (incomplete)") && cells[3].hasSuffix(" (incomplete)") && cells[3].hasPrefix("$"))
        let regions = run("--regions us-west-1,us-west-2 --rps 50").stdout.split(separator: "\n")
        let row = try #require(regions.first { $0.contains("us-west-1  US West (N. California)  alb-lambda ") })
        #expect(row.components(separatedBy: " (incomplete)").count == 3)
        let json = run("--rps 50 --region us-west-1 --format json").stdout
        #expect(json.contains("\"complete\": false"))
        #expect(json.contains("\"key\": \"alb.lcuHour\""))
    }

    @Test func helpAndVersion() {
        let help = run("--help")
        #expect(help.exitCode == 0)
        for option in OptionTable.all { #expect(help.stdout.contains(option.name), "\(option.name)") }
        #expect(help.stdout.contains("albgw-cost --rps 50 --region us-west-2"))
        #expect(run("-h").stdout == help.stdout)
        let version = run("--version")
        #expect(version.exitCode == 0)
        #expect(version.stdout.hasPrefix("albgw-cost \(CLI.version) "))
    }

    /// Usage errors: exit 64, one line on stderr that names the problem and the fix, nothing on stdout.
    @Test(arguments: [
        ("--region us-west-2", "--rps is required"),
        ("--rsp 50", "did you mean '--rps'?"),
        ("--rps", "--rps needs a value"),
        ("--rps --region us-west-2", "--rps needs a value"),
        ("--rps -5", "must be at least 0.0001"),
        ("--rps 0", "must be at least 0.0001"),
        ("--rps 0.00001", "must be at least 0.0001"),
        ("--requests-per-month 0.5", "at least 1"),
        ("--requests-per-month 10.5", "whole number of requests"),
        ("--rps 5 --public-ipv4-per-az 0", "from 1 to 100"),
        ("--rps 5 --alb-scheme internal --public-ipv4-per-az 3", "an internal ALB has none; drop it or use --alb-scheme internet-facing"),
        ("--rps 5 --preset hybrid --public-ipv4-per-az 3", "an internal ALB has none"),
        ("--rps nan", "is not a number"),
        ("--rps NaN", "is not a number"),
        ("--rps inf", "is not a number"),
        ("--rps 1e3", "is written with an exponent; write it in plain digits (1e3 is 1000"),
        ("--rps 1e308", "is written with an exponent"),
        ("--rps 1e999", "is written with an exponent"),
        ("--rps 2.5E-400", "is written with an exponent"),
        ("--rps 1e", "is not a number"),
        ("--rps e5", "is not a number"),
        ("--rps 1000000000000000000000000000000000000000000000000000000000000", "is larger than 10,000,000"),
        // The largest monthly traffic is --rps at its largest over the longest month: 10,000,000 x 744 x 3,600 =
        // 26,784,000,000,000 requests is taken (found by a new user's check: 10 trillion was the limit).
        ("--requests-per-month 30000000000001", "is larger than 30,000,000,000,000"),
        // 36,000,000,001 requests in 1 hour is just over 10,000,000 a second (3,600 s x 10,000,000 = 36,000,000,000).
        ("--requests-per-month 36000000001 --hours-per-month 1", "is more than 10,000,000 requests/s, the most --rps takes"),
        ("--rps 0.0000000000000000000000000000000000000001", "must be at least 0.0001"),
        ("--rps 1.0000000000000000000000000000000000000001", "has more digits than albgw-cost keeps (38)"),
        ("--rps 1.2.3", "is not a number"),
        ("--rps .5", "'.5' needs a digit on each side of the point; write 0.5"),
        ("--rps 5.", "'5.' needs a digit on each side of the point; write 5"),
        ("--rps 12abc", "is not a number"),
        ("--rps 99999999999", "is larger than 10,000,000"),
        ("--rps 50 --request-kb 9999999999", "is larger than"),
        ("--rps 50 --region us-wset-2", "did you mean 'us-west-2'?"),
        ("--rps 50 --region mars-1", "choose one of: ap-northeast-1,"),
        ("--rps 50 --design alb-lamda", "did you mean 'alb-lambda'?"),
        ("--rps 50 --format yaml", "choose one of: table, json"),
        ("--rps 50 --lambda-arch arm", "choose one of: x86_64, arm64"),
        ("--rps 50 --alb-scheme private", "choose one of: internet-facing, internal"),
        ("--rps 50 --azs 1", "at least two AZs"),
        ("--rps 50 --azs 2.5", "not a whole number"),
        ("--rps 50 --lambda-memory-mb 64", "128 to 10,240 MB"),
        ("--rps 50 --hours-per-month 800", "is larger than 744"),
        ("--rps 50 --rps 3", "given twice"),
        ("--rps 50 --requests-per-month 4", "give one of them"),
        ("--rps 50 --free-tier=yes", "takes no value"),
        ("--rps 50 stray", "unexpected argument 'stray'"),
        ("comapre --rps 50", "did you mean 'compare'?"),
        ("--version extra", "--version takes no other arguments"),
        (
            "prices --region us-west-1 --export /tmp/albgw-never",
            "--export writes every region's table (a --prices directory holds them all), so --region has nothing to choose; drop --region"
        ),
    ])
    func usageErrors(line: String, message: String) {
        let result = run(line)
        #expect(result.exitCode == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("albgw-cost: error: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// Zeros that change nothing are read however many there are: 50 padded to 49 digits, or with 45
    /// zeros after the point, is 50 (a cap of 40 characters had refused both as "more digits").
    @Test func paddedNumbersAreTheirValue() {
        let plain = run("--rps 50 --region us-west-2 --format json").stdout
        #expect(plain.contains("\"requestsPerSecond\": 50,"))
        let zeros = String(repeating: "0", count: 47)
        #expect(run("--rps \(zeros)50 --region us-west-2 --format json").stdout == plain)
        #expect(run("--rps 50.\(String(repeating: "0", count: 45)) --region us-west-2 --format json").stdout == plain)
        #expect(run("--rps 50.\(zeros)1 --region us-west-2").stderr.contains("has more digits than albgw-cost keeps (38)"))
    }

    @Test func equalsSyntaxWorks() {
        #expect(run("--rps=50 --region=us-west-2").stdout == run("--rps 50 --region us-west-2").stdout)
    }

    @Test func missingPricesDirectoryExits66() {
        let result = run("--rps 50 --prices /nonexistent/albgw-prices")
        #expect(result.exitCode == 66)
        #expect(result.stderr.contains("/nonexistent/albgw-prices"))
        let file = run("--rps 50 --prices /etc/passwd")
        #expect(file.exitCode == 66)
        #expect(file.stderr.contains("is a file, not a directory"))
    }

    // MARK: - --prices DIR and the prices command

    /// Both ways of giving the traffic take the same largest traffic: --rps 10,000,000 over a month of
    /// 744 hours is 10,000,000 x 744 x 3,600 = 26,784,000,000,000 requests.
    @Test func theLargestTrafficIsTakenEitherWay() {
        #expect(run("--rps 10000000 --hours-per-month 744").exitCode == 0)
        let monthly = run("--requests-per-month 26784000000000 --hours-per-month 744")
        #expect(monthly.exitCode == 0, "\(monthly.stderr)")
        #expect(monthly.stdout.contains("26,784,000,000,000 requests/month"), "\(monthly.stdout.prefix(600))")
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-cost-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func exportedTablesRoundTripAndFillAGap() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = run("prices --export \(directory.path)")
        #expect(export.exitCode == 0)
        // A file where the directory should be: the message names the option that gave it.
        let exported = directory.appendingPathComponent("us-east-1.json").path
        let onFile = run("prices --export \(exported)")
        #expect(onFile.exitCode == 73 && onFile.stderr.contains("it is a file, and --export takes a directory"), "\(onFile.stderr)")
        #expect(run("--rps 50 --region us-west-2 --prices \(directory.path)").stdout.contains("$609.14"))

        // Fill the us-west-1 LCU gap by hand, as the output tells users to.
        let file = directory.appendingPathComponent("us-west-1.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var prices = try #require(object["prices"] as? [String: Any])
        prices["alb.lcuHour"] = ["usd": "0.008", "unit": "LCU-hour", "source": "my bill", "asOf": "2026-11", "confidence": "high"]
        object["prices"] = prices
        var missing = try #require(object["missing"] as? [String: Any])
        missing["alb.lcuHour"] = nil
        object["missing"] = missing
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        let filled = run("--rps 50 --region us-west-1 --detail --prices \(directory.path)")
        #expect(filled.exitCode == 0)
        #expect(!filled.stdout.contains("Missing prices"))
        #expect(filled.stdout.contains("Source: my bill"))
        // Exporting again into the same directory would lose the edit: it stops, and the edit stays
        // (found by a new user's check); an export that changes nothing goes through.
        let edited = try Data(contentsOf: file)
        let again = run("prices --export \(directory.path)")
        #expect(again.exitCode == 73 && again.stderr.contains("holds us-west-1.json, which differs from the tables exported (edited?): nothing was written"), "\(again.stderr)")
        #expect(try Data(contentsOf: file) == edited)
        try FileManager.default.removeItem(at: file)
        #expect(run("prices --export \(directory.path)").exitCode == 0)
    }

    @Test func malformedTableExits65NamingFileAndKey() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = run("prices --export \(directory.path)")
        let file = directory.appendingPathComponent("us-west-2.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"usd\": \"0.0225\"", with: "\"usd\": \"cheap\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = run("--rps 50 --region us-west-2 --prices \(directory.path)")
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("us-west-2.json"))
        #expect(result.stderr.contains("prices.alb.hour.usd"))
        #expect(result.stderr.contains("'cheap'"))

        try "{".write(to: file, atomically: true, encoding: .utf8)
        #expect(run("--rps 50 --region us-west-2 --prices \(directory.path)").exitCode == 65)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("global.json"))
        let noGlobal = run("--rps 50 --region us-west-2 --prices \(directory.path)")
        #expect(noGlobal.exitCode == 66)
        #expect(noGlobal.stderr.contains("global.json"))
    }

    @Test func pricesCommandListsGapsAndSources() {
        let list = run("prices")
        #expect(list.exitCode == 0)
        #expect(list.stdout.contains("us-west-1"))
        #expect(list.stdout.contains("alb.lcuHour"))
        let region = run("prices --region ap-southeast-2")
        #expect(region.stdout.contains("alb.lcuHour: MISSING"))
        #expect(region.stdout.contains("as of 2017-12-18"))
    }

    @Test func exportToAnUnwritablePlaceExits73() {
        let result = run("prices --export /proc/albgw-cost-cannot-write-here")
        #expect(result.exitCode == 73)
        #expect(result.stderr.contains("/proc/albgw-cost-cannot-write-here"))
    }
}

@Suite struct HopsCommandTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    @Test func hopsCommandPrintsPathsLimitsAndWarnings() {
        let result = CLI.run("hops --rps 50 --region us-west-2 --hop-latency-ms alb=3,vpce=1,apigw=15".split(separator: " ").map(String.init), environment: ["COLUMNS": "1000"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("alb-vpce-apigw-lambda: 5 hops"))
        #expect(result.stdout.contains("alb-lambda: 3 hops"))
        #expect(result.stdout.contains("3. ALB -> Interface endpoint ENIs (execute-api)"))
        #expect(result.stdout.contains("billed:    vpce.hours $14.60/month, vpce.data $6.27/month"))
        #expect(result.stdout.contains("19 ms + unestimated dns, lambda"))
        #expect(result.stdout.contains("none: the workload is within every limit"))
        #expect(!result.stdout.contains("Line items"))
    }

    @Test func warningsAppearInTableAndJSON() throws {
        let table = run("--rps 50 --request-kb 2048")
        #expect(table.stdout.contains("  alb-lambda cannot carry this workload here: --request-kb 2048 breaks"))
        let quota = run("--rps 12000 --lambda-duration-ms 50")
        #expect(quota.stdout.contains("Warnings\n  - alb-vpce-apigw-lambda: --rps 12,000 breaks"))
        let json = run("--rps 50 --request-kb 2048 --format json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let designs = try #require(object["designs"] as? [[String: Any]])
        let b = try #require(designs.first { $0["id"] as? String == "alb-lambda" })
        #expect((b["infeasibleReasons"] as? [[String: Any]])?.first?["id"] as? String == "request-too-large")
        #expect((b["hops"] as? [[String: Any]])?.count == 3)
        let limits = try #require(b["limits"] as? [String: Any])
        #expect((limits["maxRequestKiB"] as? NSNumber)?.intValue == 1024)
    }

    @Test func crossAccountInJSON() throws {
        let json = run("--rps 50 --accounts cross --format json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let designs = try #require(object["designs"] as? [[String: Any]])
        #expect(designs.last?["feasible"] as? Bool == false)
        #expect(designs.last?["monthlyCost"] is NSNull)
        #expect(object["comparison"] is NSNull)
    }

    @Test(arguments: [
        ("--rps 50 --hop-latency-ms alb", "key=value pairs"),
        ("--rps 50 --hop-latency-ms albb=3", "did you mean 'alb'?"),
        ("--rps 50 --hop-latency-ms alb=fast", "not a number of milliseconds"),
        ("--rps 50 --hop-latency-ms alb=1,alb=2", "given twice"),
        ("--rps 50 --accounts many", "choose one of: single, cross"),
        ("--rps 50 --apigw-timeout-s 301", "larger than 300"),
        ("--rps 50 --lambda-timeout-s 0", "at least 1"),
    ])
    func badLimitOptions(line: String, message: String) {
        let result = run(line)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// An option of another command names that command; an option of none names the nearest one,
    /// or nothing, without a dangling separator.
    @Test(arguments: [
        ("--rps 50 --fail-on high", "--fail-on is an option of albgw-cost review, not of albgw-cost (see 'albgw-cost review --help')"),
        ("hops --rps 5 --var a=b", "--var is an option of albgw-cost review, not of albgw-cost hops (see 'albgw-cost review --help')"),
        ("review main.tf --vary rps=1..2", "--vary is an option of albgw-cost sweep, not of albgw-cost review (see 'albgw-cost sweep --help')"),
        ("--rps 50 --regoin us-west-2", "unknown option '--regoin'; did you mean '--region'? (see 'albgw-cost --help')"),
        ("review main.tf --qqqqqqqqqq", "unknown option '--qqqqqqqqqq' (see 'albgw-cost review --help')"),
        // Every command that takes it (found by a new user's check: only the first was named).
        (
            "prices --format json",
            "--format is an option of albgw-cost, albgw-cost hops, albgw-cost review and albgw-cost sweep, not of albgw-cost prices (see 'albgw-cost --help')"
        ),
        // Short words get one edit: 'svg' is not 'csv', 'foo' is not 'dot'.
        ("--rps 50 --format svg", "--format svg draws a sweep's chart: albgw-cost sweep --vary VAR=FROM..TO --format svg; here choose one of: table, json, markdown, dot, csv"),
        ("help foo", "no command 'foo' to explain; commands: compare, hops, dot, report, review, sweep, prices, completions, help (albgw-cost help COMMAND)"),
        ("--rps 50 --format jsn", "--format 'jsn' is not allowed; did you mean 'json'? choose one of: table, json, markdown, dot, csv"),
        (
            "--rps 50 --design alb-lambda,vpce-apigw-lambd",
            "--design 'vpce-apigw-lambd' is not a design; did you mean 'vpce-apigw-lambda'? choose one or more of alb-vpce-apigw-lambda, alb-lambda, vpce-apigw-lambda (comma-separated), or all"
        ),
        ("--rps 50 --design all,alb-lambda", "--design 'all,alb-lambda': all is every design and stands alone; give all, or list designs"),
        ("--rps 50 --design alb-lambda,", "--design 'alb-lambda,' has an empty name (a comma too many); list designs as alb-lambda,vpce-apigw-lambda"),
        // Found by a second new user's check: each names what the command does with svg, or the option it has.
        (
            "hops --rps 50 --format svg",
            "albgw-cost hops prints the request paths; --format svg draws a sweep's chart (albgw-cost sweep --vary VAR=FROM..TO --format svg): use --format table, json or markdown"
        ),
        (
            "dot --rps 50 --format svg",
            "albgw-cost dot writes Graphviz DOT, which dot draws as SVG: drop --format svg and pipe it, albgw-cost dot --rps N | dot -Tsvg > designs.svg"
        ),
        ("prices --out x", "--out is not an option of albgw-cost prices: --export DIR writes the price tables (see 'albgw-cost prices --help')"),
    ])
    func unknownOptionsSayWhoseTheyAre(line: String, message: String) {
        let result = run(line)
        #expect(result.exitCode == 64 && result.stderr == "albgw-cost: error: \(message)\n", "\(result.stderr)")
    }

    /// `--design` takes several designs, comma-separated: exactly those are analysed, in the catalogue's
    /// order, and the inputs echo says which.
    @Test func severalDesigns() throws {
        let report = try JSONSerialization.jsonObject(with: Data(run("--rps 50 --design alb-lambda,alb-vpce-apigw-lambda --format json").stdout.utf8)) as? [String: Any]
        let ids = (report?["designs"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["alb-vpce-apigw-lambda", "alb-lambda"])
        let table = CLI.run(["--rps", "50", "--design", "alb-lambda,alb-vpce-apigw-lambda", "--detail"], environment: ["COLUMNS": "1000"]).stdout
        #expect(table.contains("albgw-cost \(CLI.version): ALB -> private API Gateway -> Lambda vs ALB -> Lambda\n"))
        #expect(table.contains("--design                     alb-vpce-apigw-lambda,alb-lambda"))
        // Each design's total is the one it has analysed alone.
        func total(_ design: String) throws -> Double? {
            let object = try JSONSerialization.jsonObject(with: Data(run("--rps 50 --design \(design) --format json").stdout.utf8)) as? [String: Any]
            return (object?["designs"] as? [[String: Any]])?.first?["monthlyCost"] as? Double
        }
        let both = (report?["designs"] as? [[String: Any]])?.compactMap { $0["monthlyCost"] as? Double }
        #expect(both == [try total("alb-vpce-apigw-lambda"), try total("alb-lambda")].compactMap { $0 } && both?.count == 2)
    }

    /// review offers only the formats it writes: csv is refused with its reason, with or without traffic.
    @Test(arguments: [
        ("review Tests/HCLTests/Fixtures/tutorial --format yaml", "--format 'yaml' is not allowed; choose one of: table, json, markdown, dot, sarif"),
        ("review Tests/HCLTests/Fixtures/tutorial --format csv", "review prints findings and analyses, not line items: use --format table, json, markdown, dot or sarif"),
        ("review Tests/HCLTests/Fixtures/tutorial --format csv --rps 50", "review prints findings and analyses, not line items: use --format table, json, markdown, dot or sarif"),
    ])
    func reviewFormatsOffered(line: String, message: String) {
        let result = CLI.run(line.split(separator: " ").map { $0.hasPrefix("Tests/") ? repositoryPath(String($0)) : String($0) })
        #expect(result.exitCode == 64 && result.stderr == "albgw-cost: error: \(message)\n", "\(result.stderr)")
    }
}

/// Output that standard output cannot take fails the run, on stderr, as coreutils do.
@Suite struct OutputDeliveryTests {
    @Test func aFullDiskIsAnError() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-delivery-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: errors) }
        let stderr = open(errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(stderr >= 0)
        let code = CLI.deliver(CLI.Result(exitCode: 0, stdout: "a table\n", stderr: "a warning\n"), stdout: full, stderr: stderr)
        close(stderr)
        #expect(code == 74)
        let written = try String(contentsOf: errors, encoding: .utf8)
        // The run's own stderr first, then one line saying why the output is missing (ENOSPC).
        #expect(written.hasPrefix("a warning\nalbgw-cost: error: could not write the output to standard output (No space left on device);"))
        #expect(written.split(separator: "\n").count == 2)
    }

    @Test func outputThatFitsKeepsTheRunsExitCode() throws {
        let null = open("/dev/null", O_WRONLY)
        try #require(null >= 0)
        defer { close(null) }
        #expect(CLI.deliver(CLI.Result(exitCode: 1, stdout: "findings\n", stderr: ""), stdout: null, stderr: null) == 1)
        // Nothing to write is not a failure, even on a full disk.
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        #expect(CLI.deliver(CLI.Result(exitCode: 0, stdout: "", stderr: ""), stdout: full, stderr: null) == 0)
    }

    /// A large review's output comes in pieces: written one after another, the same bytes as the text
    /// they join into; a full disk fails as for text.
    @Test func outputInPiecesIsWrittenInOrder() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-pieces-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let out = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(out >= 0)
        let pieces: [[UInt8]] = [Array("{\n".utf8), [], Array(String(repeating: "x", count: 70_000).utf8), Array("\n}\n".utf8)]
        let result = CLI.Result(exitCode: 0, output: .pieces(pieces), stderr: "")
        #expect(result.stdout == "{\n" + String(repeating: "x", count: 70_000) + "\n}\n")
        #expect(CLI.deliver(result, stdout: out, stderr: out) == 0)
        close(out)
        #expect(try String(contentsOf: file, encoding: .utf8) == "{\n" + String(repeating: "x", count: 70_000) + "\n}\n")
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        #expect(CLI.deliver(CLI.Result(exitCode: 0, output: .pieces(pieces), stderr: ""), stdout: full, stderr: null) == 74)
        // A JSON document is written as it is made, a window of a long array's elements at a time:
        // the same bytes as the document written whole; a full disk stops it.
        let document = JSONValue.object([
            ("items", .elements(count: 1_300) { .object([("n", .number(ExactDecimal($0))), ("s", .string(String(repeating: "y", count: 900)))]) })
        ])
        let again = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(again >= 0)
        #expect(CLI.deliver(CLI.Result(exitCode: 0, output: .document(document), stderr: ""), stdout: again, stderr: again) == 0)
        close(again)
        #expect(try String(contentsOf: file, encoding: .utf8) == document.serialized())
        #expect(document.serialized().utf8.count > 1_300 * 900)
        #expect(CLI.deliver(CLI.Result(exitCode: 0, output: .document(document), stderr: ""), stdout: full, stderr: null) == 74)
    }

    /// The review's JSON and text come in pieces from the command line as they do in-process.
    @Test func aReviewIsWrittenInPieces() throws {
        let path = repositoryPath("Tests/HCLTests/Fixtures/tutorial/main.tf")
        for format in ["json", "table", "markdown"] {
            let result = CLI.run(["review", path, "--format", format])
            switch result.output {
            case .pieces, .document, .stream: break
            case .text: Issue.record("--format \(format): the review's output is in pieces")
            }
            #expect(result.stdout == (try ReviewCommand.run([path, "--format", format])))
            let heading = ["json": "{\n  \"schemaVersion\": 1,", "table": "Terraform review of main.tf\n", "markdown": "## Terraform review\n\nFiles: `main.tf`.\n"]
            #expect(result.stdout.hasPrefix(heading[format]!))
        }
        // Priced, the report around the review's section is in pieces too.
        let priced = CLI.run(["review", path, "--rps", "50", "--format", "markdown"])
        if case .text = priced.output { Issue.record("--rps 50 --format markdown: the report is in pieces") }
        #expect(priced.stdout == (try ReviewCommand.run([path, "--rps", "50", "--format", "markdown"])))
        #expect(priced.stdout.hasPrefix("# ") && priced.stdout.contains("\n## Terraform review\n\nFiles: `main.tf`.\n"))
    }

    @Test func aClosedStandardOutputIsNamedAsSuch() throws {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-closed-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: errors) }
        let stderr = open(errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(stderr >= 0)
        // A descriptor opened and closed again: writing to it fails with EBADF.
        let closed = open("/dev/null", O_WRONLY)
        close(closed)
        #expect(CLI.deliver(CLI.Result(exitCode: 0, stdout: "a table\n", stderr: ""), stdout: closed, stderr: stderr) == 74)
        close(stderr)
        let written = try String(contentsOf: errors, encoding: .utf8)
        #expect(written.hasSuffix("(Bad file descriptor); nothing after that point was written: give the command an open standard output, then run it again\n"))
    }
}

/// `--out`: every file of a report or none.
@Suite struct AtomicOutputTests {
    /// A file given in pieces (a large report's Markdown) is written as the pieces joined, empty
    /// pieces and all, alongside files given whole, and replaces what was there.
    @Test func aFileInPiecesIsWrittenAsItsPiecesJoined() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-pieces-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("old, and longer than what replaces it\n".utf8).write(to: directory.appendingPathComponent("report.md"))
        let large = [UInt8](repeating: UInt8(ascii: "x"), count: 300_000) + [UInt8(ascii: "\n")]
        let pieces: [[UInt8]] = [Array("# Report\n".utf8), [], large, Array("é\n".utf8)]
        try AtomicWriter.write(
            [(name: "a.dot", bytes: .data(Data("digraph {}\n".utf8))), (name: "report.md", bytes: .pieces(pieces))], into: directory.path)
        #expect(try Data(contentsOf: directory.appendingPathComponent("report.md")) == Data(Array("# Report\n".utf8) + large + Array("é\n".utf8)))
        #expect(try String(contentsOf: directory.appendingPathComponent("a.dot"), encoding: .utf8) == "digraph {}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.dot", "report.md"])
    }

    @Test func aTargetThatCannotBeWrittenLeavesNothingBehind() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The third file's name is taken by a directory: neither of the others may be written.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("c.svg"), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: directory.appendingPathComponent("a.md"))
        let files = [("a.md", Data("new\n".utf8)), ("b.dot", Data("digraph {}\n".utf8)), ("c.svg", Data("<svg/>\n".utf8))].map { (name: $0.0, data: $0.1) }
        #expect(throws: CLIError("cannot write '\(directory.path)/c.svg': a directory has that name; remove it or choose another --out", code: .cannotCreate)) {
            try AtomicWriter.write(files, into: directory.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.md", "c.svg"])
        #expect(try String(contentsOf: directory.appendingPathComponent("a.md"), encoding: .utf8) == "old\n")
        // Once the name is free, all three are written and nothing temporary stays.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("c.svg"))
        try AtomicWriter.write(files, into: directory.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.md", "b.dot", "c.svg"])
        #expect(try String(contentsOf: directory.appendingPathComponent("a.md"), encoding: .utf8) == "new\n")
        // A file where the directory should be: said so, not "cannot create directory".
        let file = directory.appendingPathComponent("a.md").path
        #expect(throws: CLIError("cannot write into '\(file)': it is a file, and --out takes a directory; choose a directory (it is created when missing)", code: .cannotCreate)) {
            try AtomicWriter.write(files, into: file)
        }
    }
}
