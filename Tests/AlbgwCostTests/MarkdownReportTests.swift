import Foundation
import Testing
@testable import AlbgwCost

@Suite struct MarkdownReportTests {
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    func markdown(_ line: String, svg: Bool = true) throws -> String {
        let report = try report(line)
        return MarkdownRenderer.render(report, diagrams: .init(dotFiles: DOTRenderer.files(report).map(\.name), svgRendered: svg))
    }

    // MARK: - The recommendation follows from the inputs

    /// us-west-2 at 50 rps: alb-lambda is $472.69 a month cheaper (hand-computed in
    /// CostModelTests: $609.14045 - $136.44802).
    @Test func defaultWorkloadChoosesALBLambdaAndSaysWhenTheOtherWins() throws {
        let recommendation = try #require(try report("--rps 50 --region us-west-2").recommendation)
        #expect(recommendation.design == .albLambda)
        #expect(recommendation.sentences.hasPrefix("Choose alb-lambda because"))
        #expect(recommendation.sentences.contains("saves $472.69 per month"))
        #expect(recommendation.otherWinsWhen.contains("bodies above 1 MB"))
    }

    @Test(arguments: [
        ("--rps 50 --region us-west-2 --needs usage-plans,request-validation", "you need usage plans", "$472.69 per month"),
        ("--rps 50 --region us-west-2 --request-kb 2048", "alb-lambda cannot carry this workload (requests above 1 MB)", "per month"),
        ("--rps 50 --region us-west-2 --accounts cross", "alb-lambda cannot carry this workload (an ALB cannot invoke a function in another account)", "per month"),
    ])
    func movesToThePrivateAPIWhenOnlyItCanDoTheJob(line: String, reason: String, cost: String) throws {
        let recommendation = try #require(try report(line).recommendation)
        #expect(recommendation.design == .albVpceApigwLambda)
        #expect(recommendation.sentences.contains(reason), "\(recommendation.sentences)")
        #expect(recommendation.sentences.contains(cost), "\(recommendation.sentences)")
    }

    /// Cross-account: alb-lambda has no price, so the sentence states the chosen design's own cost,
    /// $609.14 per month at the tutorial topology's... here the default 2-subnet topology.
    /// alb-lambda gives up what only API Gateway has; WAF, access logs and X-Ray it keeps (WAF and
    /// access logs on the ALB, tracing in Lambda), and a resource policy is a duty, not a feature.
    @Test func whatALBToLambdaGivesUpIsOnlyWhatItLacks() throws {
        let text = try markdown("--rps 50")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("**alb-lambda gives up API Gateway's features:**") })
        for kept in ["WAF", "access logs", "X-Ray", "resource policy"] { #expect(!line.contains(kept), "\(kept)") }
        for lacked in ["authorizers", "usage plans", "request validation", "response caching"] { #expect(line.contains(lacked), "\(lacked)") }
    }

    /// A design that carries the workload but lacks a feature --needs asks for is not a plain "yes"
    /// (found by a new user's check: the table said yes where the range section said it cannot).
    @Test func theComparisonTableSaysWhatADesignLacks() throws {
        let text = try markdown("--rps 50 --region us-west-2 --needs usage-plans", svg: false)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `alb-lambda` |") })
        #expect(row.contains("| yes, but it lacks usage-plans (--needs) |"), "\(row)")
        let plain = try markdown("--rps 50 --region us-west-2", svg: false)
        #expect(plain.split(separator: "\n").first { $0.hasPrefix("| `alb-lambda` |") }?.contains("| yes |") == true)
    }

    @Test func crossAccountStatesTheChoicesOwnMonthlyCost() throws {
        let sentences = try #require(try report("--rps 50 --region us-west-2 --accounts cross").recommendation).sentences
        #expect(sentences.contains("it costs $609.14 per month"))
    }

    @Test func unknownNeedIsAUsageError() {
        let result = CLI.run(["--rps", "50", "--needs", "usage-plan"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("did you mean 'usage-plans'?"))
    }

    // MARK: - Real Markdown: cmark-gfm turns every table into an HTML table

    static let variants = [
        "--rps 50 --region us-west-2",
        "--rps 50 --preset tutorial",
        "--rps 50 --preset hybrid --needs api-keys",
        "--rps 50 --region us-west-1",
        "--rps 12000 --request-kb 2048 --lambda-duration-ms 40000 --region us-west-2",
        "--rps 50 --design alb-lambda",
    ]

    /// A fix's placeholders (`<alb>.dns_name`) are text, not HTML tags that a renderer drops.
    @Test(.enabled(if: ExternalTool.required("cmark-gfm")))
    func placeholdersInFixesSurviveRendering() throws {
        let review = CLI.run(["review", repositoryPath("Tests/HCLTests/Fixtures/tutorial"), "--format", "markdown"]).stdout
        #expect(review.contains("alias { name = \\<alb>.dns_name, zone_id = \\<alb>.zone_id"))
        let html = try ExternalTool.run("cmark-gfm", ["-e", "table"], input: review)
        #expect(html.stdout.contains("alias { name = &lt;alb&gt;.dns_name, zone_id = &lt;alb&gt;.zone_id"))
        #expect(!html.stdout.contains("raw HTML omitted"))
    }

    @Test(.enabled(if: ExternalTool.required("cmark-gfm")), arguments: variants)
    func everyTableBecomesAnHTMLTable(line: String) throws {
        for text in [try markdown(line), try markdown(line, svg: false), CLI.run(line.split(separator: " ").map(String.init) + ["--format", "markdown"]).stdout] {
            let separators = text.split(separator: "\n").filter { $0.hasPrefix("|---") }.count
            #expect(separators >= 5)
            let html = try ExternalTool.run("cmark-gfm", ["-e", "table"], input: text)
            #expect(html.status == 0)
            #expect(html.stdout.components(separatedBy: "<table>").count - 1 == separators)
            #expect(!html.stdout.contains("|---"))
        }
    }

    /// The order a review reads: the question and the answer, one comparison table, the
    /// comparison diagram and the range, each design in full, then the appendix.
    @Test func sectionsInTheOrderAReviewReadsThem() throws {
        var report = try report("--rps 50 --preset tutorial")
        report.range = try RangeAnalysis.build(for: report, catalog: .bundled)
        let text = MarkdownRenderer.render(
            report, diagrams: .init(dotFiles: DOTRenderer.files(report).map(\.name), svgRendered: true, chartFile: ReportCommand.chartFile))
        let headings = [
            "## Recommendation", "## Comparison", "## What each design gives up", "## Comparison diagram", "## Across the range",
            "## `alb-vpce-apigw-lambda`: ALB -> interface VPC endpoint -> private REST API -> Lambda", "### Line items", "### Hops", "### Limits",
            "### Failure domains, availability and findings", "### Diagram", "## `alb-lambda`: ALB -> Lambda",
            "## Appendix: inputs, assumptions and prices", "### Inputs", "### Assumptions", "### Prices (USD, on-demand list, before tax)",
        ]
        var position = text.startIndex
        for heading in headings {
            let found = try #require(text.range(of: "\n\(heading)\n", range: position..<text.endIndex), "\(heading) missing or out of order")
            position = found.upperBound
        }
        #expect(text.contains("```mermaid\nflowchart TB"))
        #expect(text.contains("class eni_a spof"))
        #expect(text.contains("![comparison](comparison.svg)"))
        #expect(text.contains("![alb-vpce-apigw-lambda](alb-vpce-apigw-lambda.svg)"))
        #expect(text.contains("![Monthly cost against requests per second](cost-vs-traffic.svg)"))
        #expect(try markdown("--rps 50", svg: false).contains("The SVG was not rendered"))
        // Only the inputs that differ from the defaults stay in the body; all of them are in the appendix.
        let body = try #require(text.components(separatedBy: "## Appendix").first)
        #expect(body.contains("Inputs other than the defaults: `--rps 50`, `--region us-west-2` (preset tutorial)"))
        #expect(!body.contains("`--lambda-memory-mb 128`"))
        #expect(text.contains("| `--lambda-memory-mb` | 128 | default |"))
    }

    /// One comparison table: $/month, $/1M, whether the design can carry it, hops, the composite SLA
    /// and the limit reached first, worked out by hand.
    @Test func comparisonTableRowsWorkedOutByHand() throws {
        // alb-lambda's sustained rate is Lambda's: 1,000 concurrent executions / 0.5 s = 2,000
        // requests/s, 40x the 50 asked for (concurrency, 25 of 1,000, ties at 40x; the rate is named
        // first). Composite SLA: 100% x 99.99% x 99.95% = 99.940005%.
        let text = try markdown("--rps 50 --region us-west-2 --lambda-duration-ms 500")
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `alb-lambda` |") })
        #expect(row.hasSuffix("| yes | 3 | 99.940% | sustained rate: 50 of 2,000 requests/s (40x headroom) |"), "\(row)")
        // A 800 KiB request against alb-lambda's 1 MB (1,024 KiB): 1,024 / 800 = 1.28x.
        let large = try markdown("--rps 50 --region us-west-2 --request-kb 800")
        let largeRow = try #require(large.split(separator: "\n").first { $0.hasPrefix("| `alb-lambda` |") })
        #expect(largeRow.hasSuffix("| request body: 800 KiB of 1 MB (1.28x headroom) |"), "\(largeRow)")
        // An internet-facing scheme: the private API's own domain cannot serve internet clients.
        let infeasible = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `vpce-apigw-lambda` |") })
        #expect(infeasible.contains("| **no**: "), "\(infeasible)")
        #expect(infeasible.contains("if it were possible)"))
    }

    /// Nothing a GitHub or cmark-gfm reader has to dig out: no bullet that starts a numbered list,
    /// no table cell longer than a long sentence.
    @Test(arguments: variants)
    func shortCellsAndNoNumberedListsInBullets(line: String) throws {
        for text in [try markdown(line), CLI.run(line.split(separator: " ").map(String.init) + ["--format", "markdown"]).stdout] {
            #expect(!text.split(separator: "\n").contains { $0.range(of: #"^\s*- \d+\. "#, options: .regularExpression) != nil })
            for row in text.split(separator: "\n") where row.hasPrefix("| ") {
                for cell in row.split(separator: " | ") { #expect(cell.count <= 140, "\(cell)") }
            }
        }
    }

    /// The report names the command that wrote it, quoted so that a shell reads it back.
    @Test func reportRecordsItsCommandAndVersion() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw report \(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = CLI.run(["report", "--rps", "50", "--region", "eu-west-1", "--out", directory.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        let expected = "`albgw-cost report --rps 50 --region eu-west-1 --out '\(directory.path)'`"
        #expect(text.contains("Written by albgw-cost \(CLI.version) with \(expected)"))
        #expect(text.hasSuffix("Generated by albgw-cost \(CLI.version) with \(expected).\n"))
        #expect(ShellWords.quoted(["a b", "it's", "--x=1,2"]) == #"'a b' 'it'\''s' --x=1,2"#)
    }

    @Test func tableCellsEscapePipes() {
        #expect(MarkdownRenderer.cell("a|b\nc") == "a\\|b<br>c")
    }

    // MARK: - The report command writes a complete, linked report

    @Test func reportCommandWritesFilesThatItsLinksPointAt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-report-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let result = CLI.run(["report", "--rps", "50", "--preset", "hybrid", "--out", directory.path])
        #expect(result.exitCode == 0)
        let text = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        let links = Self.relativeLinks(text)
        #expect(links.contains("alb-vpce-apigw-lambda.dot"))
        for link in links {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(link).path), "broken link \(link)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".dot") && !$0.hasSuffix(".svg") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
    }

    static func relativeLinks(_ text: String) -> [String] {
        var links: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let target = String(rest[..<close])
            if !target.contains("://") && !target.hasPrefix("#") { links.append(target) }
            rest = rest[close...]
        }
        return links
    }

    @Test(arguments: [
        (["report", "--rps", "50"], Int32(64), "needs --out DIR"),
        (["report", "--rps", "50", "--out", "/proc/albgw-cannot"], Int32(73), "cannot create directory"),
        (["report", "--rps", "50", "--format", "json", "--out", "x"], Int32(64), "writes Markdown"),
    ])
    func reportErrors(arguments: [String], code: Int32, message: String) {
        let result = CLI.run(arguments)
        #expect(result.exitCode == code)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    // MARK: - Reports/ stays in step with the code

    /// Regenerates every report listed in Reports/commands.txt and compares the Markdown and DOT
    /// with the committed files (SVG bytes depend on the Graphviz version, so only their presence
    /// is checked).
    @Test func committedReportsAreUpToDate() throws {
        let list = try String(contentsOfFile: repositoryPath("Reports/commands.txt"), encoding: .utf8)
        let entries = list.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(entries.count == 3)
        for entry in entries {
            let words = entry.split(separator: " ").map(String.init)
            let folder = repositoryPath("Reports/\(words[0])")
            let parsed = try ArgumentParser.parse(Array(words.dropFirst()), options: OptionTable.all + ReportCommand.options, command: "test")
            var report = try ReportCommand.prepare(parsed)
            report.command = ["albgw-cost", "report"] + words.dropFirst() + ["--out", "Reports/\(words[0])"]
            let dots = DOTRenderer.files(report)
            var expected = dots.map { ($0.name, $0.text) }
            expected.append(("report.md", ReportCommand.markdown(report, dotFiles: dots.map(\.name), svgRendered: true)))
            // The chart is this tool's own SVG: its bytes are compared too.
            expected.append((ReportCommand.chartFile, SweepRenderer.svg(try #require(report.range).sweep)))
            for (name, text) in expected {
                let committed = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
                #expect(committed == text, "Reports/\(words[0])/\(name) is out of date: run Reports/regenerate and commit the result")
            }
            for dot in dots {
                let svg = "\(folder)/\(dot.name.replacingOccurrences(of: ".dot", with: ".svg"))"
                #expect(FileManager.default.fileExists(atPath: svg), "\(svg) is missing: run Reports/regenerate")
            }
        }
        // The committed sweeps: every file is this tool's own output, compared byte for byte.
        let sweeps = try String(contentsOfFile: repositoryPath("Reports/sweeps.txt"), encoding: .utf8).split(separator: "\n").filter {
            !$0.hasPrefix("#") && !$0.isEmpty
        }
        #expect(sweeps.count == 2)
        for entry in sweeps {
            let words = entry.split(separator: " ").map(String.init)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-sweeps-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let result = CLI.run(["sweep"] + words.dropFirst() + ["--out", directory])
            #expect(result.exitCode == 0, "\(result.stderr)")
            for name in ["sweep.txt", "sweep.csv", "sweep.json", "sweep.svg"] {
                let fresh = try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
                let committed = try? String(contentsOfFile: repositoryPath("Reports/sweeps/\(words[0])/\(name)"), encoding: .utf8)
                #expect(fresh != nil && committed == fresh, "Reports/sweeps/\(words[0])/\(name) is out of date: run Reports/regenerate and commit the result")
            }
        }
    }
}
