import Foundation
import Testing
@testable import AlbgwCost

/// The review of issue 13: each figure asserted here is worked out in the test, never copied from
/// the tool's output.
@Suite struct RangeSectionTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    func prepared(_ line: String) throws -> Report {
        try ReportCommand.prepare(try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test"))
    }

    /// 1,234,567 requests a month: a decade below is 123,456.7, which is no number of requests; the
    /// range starts at 123,457 (rounded half up) and ends at 12,345,670. The command the report
    /// suggests runs and gives the report's points one for one.
    @Test func wholeRequestsAndASuggestedCommandThatWorks() throws {
        let report = try prepared("--requests-per-month 1234567 --alb-scheme internal")
        let range = try #require(report.range)
        #expect(range.sweep.spec.from == 123457 && range.sweep.spec.to == 12_345_670)
        #expect(range.rates == [123457, 1_234_567, 12_345_670])
        // The chart's points: 0.1, 0.2, 0.5, 1, 2, 5 and 10 times the workload, each rounded to whole requests.
        #expect(range.chart.map(\.value) == [123457, 246913, 617284, 1_234_567, 2_469_134, 6_172_835, 12_345_670])
        let markdown = MarkdownRenderer.render(report, diagrams: nil)
        #expect(markdown.contains("From 123,457 to 12,345,670 requests a month"))
        #expect(markdown.contains("[\"123,457\", \"246,913\", \"617,284\", \"1,234,567\", \"2,469,134\", \"6,172,835\", \"12,345,670\"]"))
        let command = try #require(markdown.components(separatedBy: "`albgw-cost sweep ").dropFirst().first?.components(separatedBy: "`").first)
        #expect(command == "--vary requests-per-month=123457..12345670 --points 41 --alb-scheme internal")
        let result = run("sweep \(command) --format json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let values = try #require(object["points"] as? [[String: Any]]).map { ExactDecimal.literal("\($0["value"]!)") }
        #expect(values == range.sweep.points.map(\.value))
    }

    /// 50 requests/s: from 5 to 500 on 41 log points, and the suggested command says --points 41
    /// (a sweep's default is 50).
    @Test func suggestedCommandNamesThePointCount() throws {
        let markdown = MarkdownRenderer.render(try prepared("--rps 50 --region us-west-2"), diagrams: nil)
        #expect(markdown.contains("(41 points, each priced by the same engine; `albgw-cost sweep --vary rps=5..500 --points 41 --region us-west-2` gives them all)"))
    }

    /// 0.0015 requests/s: the chart's first label is 0.1 x 0.0015 = 0.00015, not 0.0002.
    @Test func chartLabelsShowTheValueEvaluated() throws {
        let markdown = MarkdownRenderer.render(try prepared("--rps 0.0015 --alb-scheme internal"), diagrams: nil)
        #expect(markdown.contains("x-axis \"requests/s\" [\"0.00015\", \"0.0003\", \"0.00075\", \"0.0015\", \"0.003\", \"0.0075\", \"0.015\"]"))
    }
}

@Suite struct SweepDisplayTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    /// Five linear points from 0.001 to 0.002 are 0.001 + k x 0.00025: the table shows each as it
    /// is (0.00175, not 0.0018), so the row's value run on its own gives the row's totals.
    @Test func tableShowsEveryDigitOfThePoint() {
        let table = run("sweep --vary rps=0.001..0.002 --scale linear --points 5 --alb-scheme internal").stdout
        let rows = table.components(separatedBy: "Monthly cost (USD)\n")[1].split(separator: "\n").dropFirst(2).prefix(5)
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == ["0.001", "0.00125", "0.0015", "0.00175", "0.002"])
    }

    /// The request-size crossing of SweepTests (fixed difference over per-KiB difference, less the
    /// 4 KiB response) is written in JSON and CSV as a short decimal inside the bisection's bracket,
    /// not as a 37-digit midpoint.
    @Test func crossoverValuesAreShort() throws {
        let lcuPerKiB = d("5") * 3600 * 1024 / d("1000000000") / d("0.4") * 730 * d("0.008")
        let endpointPerKiB = d("13140000") / d("1048576") * d("0.01")
        let crossing = (2 * 730 * d("0.01") + d("13.14") * d("3.5") - 730 * d("0.0225")) / (lcuPerKiB - endpointPerKiB) - 4
        let json = run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 10 --format json").stdout
        let text = try #require(json.components(separatedBy: "\"kind\": \"cheapest\",\n      \"value\": ").dropFirst().first?.prefix { $0 != "," })
        #expect(text.count <= 13, "\(text)")
        #expect((d(String(text)) - crossing).magnitude <= crossing * ExactDecimal(mantissa: 1, exponent: -9))
        let csv = parseCSV(run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 10 --format csv").stdout)
        #expect(csv.first { $0.last?.hasPrefix("vpce-apigw-lambda costs less") == true }?.first == String(text))
    }

    /// The rate as given, every digit: 0.00015 x 3,600 x 730 = 394.2 requests a month, and the
    /// header no longer says 0.0002 requests/s beside it.
    @Test func theGivenRateKeepsItsDigits() {
        let table = run("--rps 0.00015 --alb-scheme internal").stdout
        #expect(table.contains("0.00015 requests/s = 394.2 requests/month"))
        #expect(run("--rps 0.00015 --alb-scheme internal --regions us-east-1").stdout.contains("0.00015 requests/s = 394.2 requests/month"))
        #expect(run("--rps 0.00015 --alb-scheme internal --format markdown").stdout.contains("0.00015 requests/s"))
    }

    @Test func countsAreGrouped() {
        let table = run("sweep --vary rps=1..1000 --points 1500 --alb-scheme internal").stdout
        #expect(table.contains("1,500 points on a log scale") && table.contains("Showing 25 of 1,500 points"))
        #expect(run("sweep --vary rps=1..1000 --points 1500 --alb-scheme internal --format svg").stdout.contains("1,500 points; albgw-cost sweep"))
    }
}

/// The chart: tick labels people can tell apart, text that stays on the canvas, lines that run to
/// the limits, markers that do not hide each other.
@Suite struct SweepChartTests {
    func svg(_ line: String) -> String { CLI.run(line.split(separator: " ").map(String.init)).stdout }

    /// The x tick labels, left to right (they sit 16 px below the plot, at y = 416).
    func xLabels(_ svg: String) -> [String] {
        svg.split(separator: "\n").filter { $0.contains(" y=\"416\" text-anchor=\"middle\">") }.map {
            String($0.split(separator: ">")[1].split(separator: "<")[0])
        }
    }

    func attribute(_ name: String, _ element: Substring) -> String? {
        element.components(separatedBy: " \(name)=\"").dropFirst().first?.components(separatedBy: "\"").first
    }

    /// Decades from 10^-3 to 10^5; 10^-4 to 5 x 10^-2 (its decades only); and a linear axis from
    /// 0.001 to 0.002 KiB in steps of 0.0002 (a sixth of the span, 1.67 x 10^-4, rounded up to 2 x 10^-4).
    @Test func smallTicksKeepTheirDigits() {
        #expect(
            xLabels(svg("sweep --vary rps=0.001..100000 --alb-scheme internal --format svg")) == [
                "0.001 rps", "0.01 rps", "0.1 rps", "1 rps", "10 rps", "100 rps", "1k rps", "10k rps", "100k rps",
            ])
        #expect(xLabels(svg("sweep --vary rps=0.0001..0.05 --alb-scheme internal --format svg")) == ["0.0001 rps", "0.001 rps", "0.01 rps"])
        #expect(
            xLabels(svg("sweep --vary response-kb=0.001..0.002 --rps 1 --alb-scheme internal --points 2 --format svg")) == [
                "0.001 KiB", "0.0012 KiB", "0.0014 KiB", "0.0016 KiB", "0.0018 KiB", "0.002 KiB",
            ])
    }

    /// 1 to 10^13 requests a month is 13 decades on 682 px, 52 px apart, and "100M req/mo" alone is
    /// about 70 px wide: every other decade is labelled, and no two labels overlap.
    @Test func wideRangesThinTheirLabels() {
        let chart = svg("sweep --vary requests-per-month=1..10000000000000 --alb-scheme internal --format svg")
        #expect(xLabels(chart) == ["1 req/mo", "100 req/mo", "10k req/mo", "1M req/mo", "100M req/mo", "10B req/mo", "1T req/mo"])
        let lines = chart.split(separator: "\n").filter { $0.contains(" y=\"416\" text-anchor=\"middle\">") }
        let placed = lines.map { (x: Double(attribute("x", $0)!)!, width: Double(String($0.split(separator: ">")[1].split(separator: "<")[0]).count) * 6.67) }
        for (left, right) in zip(placed, placed.dropFirst()) { #expect(left.x + left.width / 2 < right.x - right.width / 2) }
    }

    /// Every line of text fits in 800 px at 6.67 px a character (the width of a digit in 12 px Arial,
    /// wider than most letters), and markers at one value are stacked, not drawn on top of each other.
    @Test func textStaysOnTheCanvasAndMarkersApart() {
        let chart = svg("sweep --vary request-kb=1..8000 --rps 5 --alb-scheme internal --format svg")
        for line in chart.split(separator: "\n") where line.hasPrefix("<text x=") && !line.contains("text-anchor") {
            let text = String(line.split(separator: ">")[1].split(separator: "<")[0]).replacingOccurrences(of: "&gt;", with: ">")
            #expect(Double(attribute("x", line)!)! + Double(text.count) * 6.67 <= 800, "\(text)")
        }
        let circles = chart.split(separator: "\n").filter { $0.hasPrefix("<circle") }.map { "\(attribute("cx", $0)!),\(attribute("cy", $0)!)" }
        // alb-lambda stops at 1,024 KiB; both API Gateway designs at 6,144 KiB (Lambda's 6 MB): 3 and 4 share an x.
        #expect(circles.count == 4 && Set(circles).count == 4)
    }

    /// With two points (1 and 2,048 KiB) alb-lambda still has a line: from 1 KiB to its limit,
    /// 1,024 KiB, at 78 + 682 x 1,023 / 2,047 = 418.8 px.
    @Test func linesRunToTheLimit() throws {
        let chart = svg("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 2 --format svg")
        let orange = try #require(chart.split(separator: "\n").first { $0.hasPrefix("<polyline") && $0.contains("#D55E00") })
        let xs = try #require(attribute("points", orange)).split(separator: " ").map { $0.split(separator: ",")[0] }
        #expect(xs.first == "78" && xs.last == "418.8")
    }

    /// us-west-1's table has no ALB LCU price: both ALB designs are lower bounds, drawn faint and
    /// said so in the legend.
    @Test func incompleteLinesAreMarked() {
        let chart = svg("sweep --vary rps=1..2000 --region us-west-1 --format svg")
        #expect(chart.split(separator: "\n").filter { $0.hasPrefix("<polyline") && $0.contains("stroke-opacity=\"0.35\"") }.count == 2)
        #expect(chart.contains("alb-lambda: ALB -&gt; Lambda - faint: a price is missing in us-west-1, so the line is a lower bound"))
    }
}

/// A missing price makes a total a lower bound, not a design unable to carry the workload.
@Suite struct IncompleteSweepTests {
    func sweep(_ line: String, designs: [DesignID]? = nil) throws -> SweepResult {
        var parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all + SweepCommand.options, command: "test")
        let spec = try SweepCommand.spec(parsed)
        parsed.values[spec.variable.option] = spec.from.description
        let options = try ScenarioOptions(parsed)
        let book = try options.catalog.book(for: options.scenario.topology.region)
        return SweepEvaluator(base: options.scenario, book: book, variable: spec.variable, designs: designs ?? options.scenario.designs).run(spec)
    }

    /// us-west-1 has no ALB LCU price. At 5 requests/s on an internal ALB (13,140,000 requests a
    /// month), from us-west-1's table: alb-lambda without LCUs is ALB hours 730 x $0.0252, Lambda
    /// 13.14M x $0.20 and 13.14M x 0.125 GB x 0.1 s x $0.0000166667, and the hosted zone's $0.50;
    /// vpce-apigw-lambda is 2 x 730 endpoint-hours x $0.011, 13.14M x 5 KiB in GB x $0.01, 13.14M
    /// requests x $3.50, the same Lambda and zone. The bound is below: which is cheaper cannot be told.
    @Test func aLowerBoundBelowAFullPriceLeavesItOpen() throws {
        let result = try sweep("--vary rps=5..500 --points 5 --region us-west-1 --alb-scheme internal")
        let lambda = d("13.14") * d("0.2") + d("13140000") * d("0.125") * d("0.1") * d("0.0000166667")
        let albLambda = 730 * d("0.0252") + lambda + d("0.5")
        let vpce = 2 * 730 * d("0.011") + d("13140000") * 5 / d("1048576") * d("0.01") + d("13.14") * d("3.5") + lambda + d("0.5")
        let first = try #require(result.points.first)
        let lambdaIndex = try #require(result.designs.firstIndex(of: .albLambda))
        let vpceIndex = try #require(result.designs.firstIndex(of: .vpceApigwLambda))
        #expect(first.cells[lambdaIndex].monthlyCost == albLambda && !first.cells[lambdaIndex].complete && first.cells[lambdaIndex].feasible)
        #expect(first.cells[vpceIndex].monthlyCost == vpce && first.cells[vpceIndex].complete)
        #expect(albLambda < vpce)
        #expect(result.points.allSatisfy { $0.cheapest == nil && $0.unranked == [lambdaIndex] })
        #expect(
            result.summary.contains(
                "From 5 to 500 requests/s, which design is cheapest cannot be told: alb-lambda lacks the ALB LCU-hour price in us-west-1, and its total without it is below vpce-apigw-lambda's, the cheapest fully priced design."
            ))
        #expect(!result.summary.joined().contains("vpce-apigw-lambda is the cheapest"))
        // The report says the same, and its recommendation (fewest hops) does not contradict it.
        let report = try ReportCommand.prepare(
            try ArgumentParser.parse(["--rps", "50", "--region", "us-west-1", "--alb-scheme", "internal"], options: OptionTable.all, command: "test"))
        let markdown = MarkdownRenderer.render(report, diagrams: nil)
        #expect(markdown.contains("which design is cheapest cannot be told: alb-lambda lacks the ALB LCU-hour price in us-west-1"))
        #expect(!markdown.contains("is the cheapest design that can carry it throughout"))
        #expect(report.recommendation?.design == .albLambda)
    }

    /// alb-vpce-apigw-lambda is vpce-apigw-lambda plus an ALB: without its LCUs it already costs
    /// 730 x $0.0252 = $18.396 more, so the missing price cannot make it cheaper.
    @Test func aLowerBoundAboveAFullPriceSettlesIt() throws {
        let result = try sweep("--vary rps=5..500 --points 5 --region us-west-1 --alb-scheme internal", designs: [.albVpceApigwLambda, .vpceApigwLambda])
        for point in result.points {
            #expect(point.cells[0].monthlyCost - point.cells[1].monthlyCost == 730 * d("0.0252"))
            #expect(point.cheapest == 1 && point.unranked.isEmpty)
        }
        #expect(result.summary.first?.hasPrefix("From 5 to 500 requests/s, vpce-apigw-lambda is the cheapest design that can carry it throughout") == true)
    }

    /// Internet clients in us-west-1: both designs that can serve them lack the price; the table
    /// says it cannot tell, not "none", and a design alone is the cheapest, priced or not.
    @Test func nothingFullyPricedIsNotNothingThatCarries() throws {
        let table = CLI.run("sweep --vary rps=1..2000 --region us-west-1".split(separator: " ").map(String.init), environment: ["COLUMNS": "1000"]).stdout
        #expect(table.contains("which design is cheapest cannot be told: alb-vpce-apigw-lambda and alb-lambda lack the ALB LCU-hour price in us-west-1"))
        #expect(table.contains("cannot tell (price missing)") && !table.contains("  none\n"))
        #expect(!table.contains("no fully priced design"))
        let alone = try sweep("--vary rps=1..2000 --region us-west-1 --design alb-lambda")
        #expect(alone.points.allSatisfy { $0.cheapest == 0 })
        #expect(alone.summary.first == "From 1 to 2,000 requests/s, alb-lambda is the only design that can carry it, throughout.")
    }

    /// A design the range rules out everywhere keeps its columns in the CSV, in the catalogue's order,
    /// with no cost and `no` under can_carry (found by a new user's check: its columns were dropped
    /// without a word). vpce-apigw-lambda cannot serve internet clients at all.
    @Test func csvKeepsTheColumnsOfADesignRuledOut() throws {
        let csv = parseCSV(CLI.run("sweep --vary rps=10..1000 --points 3 --format csv".split(separator: " ").map(String.init)).stdout)
        #expect(
            csv[0] == [
                "rps", "alb-vpce-apigw-lambda_usd_per_month", "alb-vpce-apigw-lambda_can_carry", "alb-vpce-apigw-lambda_complete", "alb-lambda_usd_per_month",
                "alb-lambda_can_carry", "alb-lambda_complete", "vpce-apigw-lambda_usd_per_month", "vpce-apigw-lambda_can_carry", "vpce-apigw-lambda_complete",
                "cheapest", "cheapest_unknown", "event",
            ])
        #expect(csv.dropFirst().allSatisfy { $0.count == 13 && Array($0[7...9]) == ["", "no", ""] && $0[10] == "alb-lambda" })
        // Internal: every design is swept, and the same columns hold costs.
        let inside = parseCSV(CLI.run("sweep --vary rps=10..1000 --points 3 --format csv --alb-scheme internal".split(separator: " ").map(String.init)).stdout)
        #expect(inside[0] == csv[0] && inside.dropFirst().allSatisfy { $0[8] == "yes" && !$0[7].isEmpty })
    }

    @Test func csvAndJSONNameTheOpenDesigns() throws {
        let csv = parseCSV(CLI.run("sweep --vary rps=1..2000 --region us-west-1 --alb-scheme internal --points 3 --format csv".split(separator: " ").map(String.init)).stdout)
        let column = try #require(csv[0].firstIndex(of: "cheapest_unknown"))
        #expect(csv.dropFirst().allSatisfy { $0[column - 1] == "" && $0[column] == "alb-lambda" })
        let json = CLI.run("sweep --vary rps=1..2000 --region us-west-1 --alb-scheme internal --points 3 --format json".split(separator: " ").map(String.init)).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.allSatisfy { $0["cheapest"] is NSNull && ($0["unranked"] as? [String]) == ["alb-lambda"] })
    }
}

/// The sentences say why nothing changes, and what the single-point command would warn of.
@Suite struct SweepSentenceTests {
    func summary(_ line: String) -> [String] {
        let json = CLI.run(line.split(separator: " ").map(String.init) + ["--format", "json"]).stdout
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["summary"] as? [String] ?? []
    }

    /// An ALB passes at most 1 MB to a Lambda target (1,024 KiB): from 2,000 KiB up it never can.
    @Test func aDesignRuledOutByTheRangeSaysSo() {
        let lines = summary("sweep --vary request-kb=2000..3000 --rps 5 --alb-scheme internal")
        #expect(lines.first == "alb-lambda cannot carry it anywhere from 2,000 to 3,000 KiB per request: its limit is 1,024 KiB per request (ALB limit for Lambda targets).")
    }

    /// The tutorial's topology leaves only alb-vpce-apigw-lambda, and API Gateway's 29 s
    /// integration timeout (29,000 ms) is below 30,000 ms: the timeout is named, not a price.
    @Test func theTimeoutIsNamedNotThePrices() {
        let lines = summary("sweep --vary lambda-duration-ms=30000..60000 --rps 5 --preset tutorial")
        #expect(
            lines.contains(
                "alb-vpce-apigw-lambda cannot carry it anywhere from 30,000 to 60,000 ms of function duration: its limit is 29,000 ms of function duration (API Gateway integration timeout)."
            ))
        #expect(lines.contains("From 30,000 to 60,000 ms of function duration, no design can carry it."))
        #expect(!lines.joined().contains("fully priced"))
    }

    /// API Gateway's default throttle is 10,000 requests/s; Lambda's 1,000 concurrent executions at
    /// 100 ms a request are 1,000 / 0.1 = 10,000 requests/s. Above them the single-point command
    /// still calls the designs feasible, with warnings; so does the sweep.
    @Test func quotaWarningsAreSaidWhereTheyStart() throws {
        let lines = summary("sweep --vary rps=10..100000 --alb-scheme internal")
        #expect(
            lines.first
                == "From 10 to 100,000 requests/s, alb-lambda is the cheapest design that can carry it throughout, and no design starts or stops being able to carry it (the warnings below aside)."
        )
        #expect(lines.contains { $0.hasPrefix("above 10,000 requests/s alb-vpce-apigw-lambda and vpce-apigw-lambda exceed API Gateway's account throttle, 10,000 requests/s") })
        #expect(lines.contains { $0.hasPrefix("above 10,000 requests/s alb-vpce-apigw-lambda, alb-lambda and vpce-apigw-lambda exceed Lambda's concurrency limit") })
        // The single-point rule: no warning at 10,000, both at 10,000.001.
        var scenario = makeScenario(rate: .perSecond(10000), region: "us-east-1", scheme: .internal)
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: scenario).isEmpty)
        scenario.workload.rate = .perSecond(d("10000.001"))
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: scenario).map(\.id) == ["apigw-throttle", "lambda-concurrency"])
        #expect(FeasibilityAnalyzer.reasons(for: .vpceApigwLambda, in: scenario).isEmpty)
    }

    /// A month of 730 h at 10,000 requests/s is 10,000 x 3,600 x 730 = 26,280,000,000 requests:
    /// found to the request on a whole-valued sweep, not to 1 part in 10^9 (26,279,999,989).
    @Test func wholeValuedWarningsAreExact() throws {
        let threshold = d("10000") * 3600 * 730
        #expect(threshold == d("26280000000"))
        let lines = summary("sweep --vary requests-per-month=1..100000000000 --points 40 --alb-scheme internal --region eu-central-1")
        #expect(lines.contains { $0.hasPrefix("above 26,280,000,000 requests a month alb-vpce-apigw-lambda and vpce-apigw-lambda exceed API Gateway's account throttle") })
        var scenario = makeScenario(rate: .perMonth(threshold), region: "eu-central-1", scheme: .internal)
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: scenario).isEmpty)
        scenario.workload.rate = .perMonth(threshold + 1)
        #expect(HopModel.warnings(for: .vpceApigwLambda, in: scenario).map(\.id).contains("apigw-throttle"))
    }

    /// At 20 requests/s alb-lambda needs 20 x d / 1,000 concurrent executions: above 1,000 from
    /// d = 50,000 ms; the ALB idle timeout (60 s) warns above 60,000 ms. The API Gateway designs
    /// stop at 29,000 ms and never reach either.
    @Test func durationWarnings() {
        let lines = summary("sweep --vary lambda-duration-ms=100..120000 --rps 20 --alb-scheme internal")
        #expect(lines.contains { $0.hasPrefix("above 50,000 ms of function duration alb-lambda exceeds Lambda's concurrency limit, 1,000 executions") })
        #expect(lines.contains { $0.hasPrefix("above 60,000 ms of function duration alb-lambda exceeds the ALB idle timeout, 60 s") })
    }
}

/// `--regions`: ranks at the precision shown, footnotes that name the rows, ties in JSON.
@Suite struct RegionReviewTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    /// 1,000 requests a month through vpce-apigw-lambda: 2 x 730 endpoint-hours x $0.013, 1,000 x
    /// 5 KiB in GB x $0.01, Lambda's 0.001M x $0.20 and 12.5 GB-s x $0.0000166667, the zone's $0.50,
    /// and 0.001M REST requests at $3.50 in ap-south-1 but $4.25 in ap-southeast-1: $19.48396 and
    /// $19.48471, both $19.48 as shown, so they share a rank.
    @Test func tiesAtTheCentShareARank() throws {
        let common = 2 * 730 * d("0.013") + 1000 * 5 / d("1048576") * d("0.01") + d("0.001") * d("0.2") + d("12.5") * d("0.0000166667") + d("0.5")
        let south = common + d("0.001") * d("3.5")
        let southeast = common + d("0.001") * d("4.25")
        #expect(south != southeast && cents(south) == d("19.48") && cents(southeast) == d("19.48"))
        let parsed = try ArgumentParser.parse(["--requests-per-month", "1000", "--alb-scheme", "internal"], options: OptionTable.all, command: "test")
        let comparison = try RegionComparison.build(try ScenarioOptions(parsed).scenario, regions: try PriceCatalog.bundled.regions(), catalog: .bundled)
        let rows = comparison.rows.filter { $0.design == .vpceApigwLambda && ["ap-south-1", "ap-southeast-1"].contains($0.region) }
        #expect(rows.map(\.monthlyCost).sorted() == [south, southeast])
        #expect(rows.count == 2 && rows[0].rank != nil && rows[0].rank == rows[1].rank)
        let table = run("--requests-per-month 1000 --alb-scheme internal --regions all").stdout
        #expect(table.contains("Totals that round to the same cent share a rank."))
        // us-west-1's endpoint design is ranked; only its two ALB designs lack the LCU price.
        #expect(table.contains("us-west-1: alb-vpce-apigw-lambda and alb-lambda not ranked; its table lacks the ALB LCU-hour price"))
        #expect(comparison.rows.contains { $0.region == "us-west-1" && $0.design == .vpceApigwLambda && $0.rank != nil })
    }

    /// At 50 requests/s on an internal ALB, alb-lambda in us-east-1 is 730 x $0.0225 + 50 x 5,120
    /// bytes x 3,600 / 10^9 GB an hour / 0.4 x 730 x $0.008 + Lambda + $0.50 = $84.04; in us-west-1,
    /// without its LCUs, 730 x $0.0252 + Lambda + $0.50 = $72.55: it might be cheaper, and the
    /// headline says so.
    @Test func aCheaperLowerBoundIsSaid() {
        let lambda = d("131.4") * d("0.2") + d("131400000") * d("0.125") * d("0.1") * d("0.0000166667")
        let east = 730 * d("0.0225") + d("50") * 5120 * 3600 / d("1000000000") / d("0.4") * 730 * d("0.008") + lambda + d("0.5")
        let west = 730 * d("0.0252") + lambda + d("0.5")
        #expect(cents(east) == d("84.04") && cents(west) == d("72.55"))
        let table = CLI.run(["--rps", "50", "--alb-scheme", "internal", "--regions", "all"], environment: ["COLUMNS": "1000"]).stdout
        #expect(table.contains("Cheapest: alb-lambda at $84.04 per month"))
        #expect(table.contains("Not ranked and possibly cheaper, as a price is missing: ") && table.contains("alb-lambda in us-west-1 (at least $72.55)"))
    }

    @Test func noFeasibleDesignIsNotAMissingPrice() {
        let table = run("--rps 5 --accounts cross --alb-scheme internal --design alb-lambda --regions all").stdout
        #expect(table.contains("No design can carry this workload in any region named"))
        #expect(!table.contains("No region has every price"))
    }

    /// us-east-1 and us-west-2 charge alike: alb-lambda ties there (RegionTests works it out).
    @Test func jsonListsEveryTiedRow() throws {
        let json = run("--rps 50 --regions us-east-1,us-west-2,eu-west-1 --format json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cheapest = try #require(object["cheapest"] as? [String: Any])
        #expect(cheapest["region"] as? String == "us-east-1" && cheapest["design"] as? String == "alb-lambda")
        #expect((cheapest["tied"] as? [[String: String]]) == [["region": "us-west-2", "design": "alb-lambda"]])
        let single = try #require(
            try JSONSerialization.jsonObject(with: Data(run("--rps 50 --regions us-east-1,eu-west-1 --format json").stdout.utf8)) as? [String: Any])
        #expect(((single["cheapest"] as? [String: Any])?["tied"] as? [Any])?.isEmpty == true)
    }
}

/// Help that names every command, output formats that mean what they say, CSV that foots.
@Suite struct OutputReviewTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    @Test func helpNamesSweepAndRegions() {
        let help = run("--help").stdout
        #expect(help.contains("\n  albgw-cost [compare] --rps N --regions all|CODE,... [options]\n"))
        #expect(help.contains("\n  sweep        every design across a range of one input: where the cheapest changes, where limits bind\n"))
        #expect(run("sweep --help").stdout.contains("\n  albgw-cost sweep --vary VAR=FROM..TO [--points N] [--scale log|linear] [--format FORMAT] [--out DIR] [options]\n"))
    }

    @Test func hopsRefusesCSV() {
        let result = run("hops --rps 5 --format csv")
        #expect(result.exitCode == 64 && result.stdout.isEmpty && result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("drop hops"))
    }

    /// alb-lambda at 50 requests/s in us-west-2, line by line: ALB hours 730 x $0.0225 = $16.425,
    /// LCUs 1,681.92 x $0.008 = $13.45536 (50 x 5,120 bytes x 3,600 = 0.9216 GB an hour, / 0.4 GB per
    /// LCU, x 730 h), IPv4 1,460 x $0.005 = $7.30, Lambda 131.4 x $0.20 = $26.28
    /// and 1,642,500 GB-s x $0.0000166667 = $27.375055, egress 501.2512 GB x $0.09 = $45.1126,
    /// the zone $0.50, ACM $0. Rounded one by one they make $136.46; the exact sum, rounded once, is
    /// $136.45: a rounding row of -$0.01 makes the rows foot to the total.
    @Test func lineItemsFootToTheirTotal() throws {
        let lcu = d("50") * 5120 * 3600 / d("1000000000") / d("0.4") * 730 * d("0.008")
        let egress = d("131400000") * 4 / d("1048576") * d("0.09")
        let exact = [730 * d("0.0225"), lcu, d("7.3"), d("26.28"), d("1642500") * d("0.0000166667"), egress, d("0.5"), d("0")]
        let rounded = exact.map(cents).reduce(0, +)
        let total = cents(exact.reduce(0, +))
        #expect(rounded == d("136.46") && total == d("136.45"))
        let rows = parseCSV(run("--rps 50 --region us-west-2 --format csv").stdout).filter { $0[0] == "alb-lambda" }
        #expect(rows.filter { $0[12] == "item" }.map { d($0[7]) } == exact.map(cents))
        let rounding = try #require(rows.first { $0[12] == "rounding" })
        // Money as a spreadsheet reads it: plain digits, a minus sign for the rounding row.
        func money(_ text: String) -> ExactDecimal { text.hasPrefix("-") ? -d(String(text.dropFirst())) : d(text) }
        #expect(money(rounding[7]) == total - rounded)
        let totalRow = try #require(rows.last)
        #expect(totalRow[12] == "total" && money(totalRow[7]) == total)
        #expect(rows.dropLast().map { money($0[7]) }.reduce(0, +) == total)
    }
}

/// The bytes a sweep's JSON is written with are `description`'s, digit for digit.
@Suite struct JSONBytesTests {
    @Test func appendDescriptionMatchesDescription() {
        var values: [ExactDecimal] = [0, 1, -1, 10, d("0.5"), d("0.0000166667"), d("131400000"), d("123.456"), d("0.000000000000000000000000000000000001")]
        values.append(ExactDecimal(mantissa: Int128.max, exponent: -20))
        values.append(ExactDecimal(mantissa: -Int128.max, exponent: 3))
        values.append(ExactDecimal(mantissa: 10_000_000_000_000_000_000, exponent: -19))
        values.append(d("1") / d("3"))
        values.append(d("136.44802461328125"))
        for value in values {
            var bytes: [UInt8] = []
            value.appendDescription(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == value.description, "\(value)")
        }
        // Written out by hand: the digits of 2^127 - 1 with 20 after the point.
        var bytes: [UInt8] = []
        ExactDecimal(mantissa: Int128.max, exponent: -20).appendDescription(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "1701411834604692317.31687303715884105727")
    }

    /// More points than one core's chunk: the JSON parses, in order, and equals itself run again.
    @Test func bigSweepJSONIsWholeAndInOrder() throws {
        let line = "sweep --vary rps=1..1000 --points 12000 --alb-scheme internal --format json".split(separator: " ").map(String.init)
        let text = CLI.run(line).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.count == 12000)
        let values = points.map { ExactDecimal.literal("\($0["value"]!)") }
        #expect(values.first == 1 && values.last == 1000 && zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        #expect(CLI.run(line).stdout == text)
    }
}
