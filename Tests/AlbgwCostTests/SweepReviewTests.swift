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
        let lcuPerKiB = d("5") * 3600 / d("1048576") / d("0.4") * 730 * d("0.008")
        let endpointPerKiB = d("13140000") / d("1048576") * d("0.01")
        let crossing = (2 * 730 * d("0.01") + d("13.14") * d("3.5") - 730 * d("0.0225")) / (lcuPerKiB - endpointPerKiB) - 4
        let json = run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 10 --format json").stdout
        let text = try #require(json.components(separatedBy: "\"kind\": \"cheapest\",\n      \"value\": ").dropFirst().first?.prefix { $0 != "," })
        #expect(text.count <= 13, "\(text)")
        #expect((d(String(text)) - crossing).magnitude <= crossing * ExactDecimal(mantissa: 1, exponent: -9))
        let csv = parseCSV(run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 10 --format csv").stdout)
        #expect(csv.first { $0.last?.hasPrefix("vpce-apigw-lambda costs less") == true }?.first == String(text))
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
