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

    @Test func countsAreGrouped() {
        let table = run("sweep --vary rps=1..1000 --points 1500 --alb-scheme internal").stdout
        #expect(table.contains("1,500 points on a log scale") && table.contains("Showing 25 of 1,500 points"))
        #expect(run("sweep --vary rps=1..1000 --points 1500 --alb-scheme internal --format svg").stdout.contains("1,500 points; albgw-cost sweep"))
    }
}
