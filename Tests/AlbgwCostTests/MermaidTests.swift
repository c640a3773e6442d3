import Foundation
import Testing
@testable import AlbgwCost

/// A strict checker for the Mermaid this tool writes, standing in for GitHub's parser (no `mmdc`
/// here). It accepts only the subset of the syntax Mermaid documents that the renderers use, and
/// rejects what breaks GitHub's parser: ids other than `[A-Za-z][A-Za-z0-9_]*` or reserved words
/// (`end`), ids that start with `o` or `x` (read as a circle or cross edge), unquoted labels
/// (parentheses), raw quotes, `#` outside an entity code, `<` other than `<br>`, `;`, `&`,
/// backticks, `$$` (math), unbalanced `subgraph`/`end`, links to undeclared nodes, classes and
/// link styles that point at nothing.
enum MermaidCheck {
    static let id = "[A-Za-z][A-Za-z0-9_]*"
    /// A quoted label: entity codes and `<br>` only.
    static let label = "\"(?:[^\"#<>&;`\\n]|#[a-z]+;|#[0-9]+;|<br>)+\""
    static let style = "[a-z-]+: ?[#A-Za-z0-9. ]+(?:,[a-z-]+: ?[#A-Za-z0-9. ]+)*"
    static let reserved: Set<String> = [
        "end", "subgraph", "graph", "flowchart", "class", "classdef", "style", "linkstyle", "click", "direction", "default", "call", "href",
    ]

    /// Every ```mermaid block of a Markdown text, without its fences.
    static func blocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```mermaid" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(String(line))
            }
        }
        return blocks
    }

    static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? Regex(pattern), let found = try? regex.wholeMatch(in: text) else { return nil }
        return (0..<found.output.count).map { found.output[$0].substring.map(String.init) ?? "" }
    }

    static func checkID(_ id: String, _ problems: inout [String], _ line: String) {
        if reserved.contains(id.lowercased()) { problems.append("reserved word as an id: \(line)") }
        if id.hasPrefix("o") || id.hasPrefix("x") { problems.append("id starting with o or x: \(line)") }
    }

    static func checkLabel(_ label: String, _ problems: inout [String], _ line: String) {
        if label.contains("$$") { problems.append("$$ starts math: \(line)") }
    }

    /// What is wrong with one block; empty when it keeps to the subset.
    static func problems(_ block: String) -> [String] {
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first else { return ["empty block"] }
        switch first {
        case "flowchart TB": return flowchart(Array(lines.dropFirst()))
        case "xychart-beta": return xychart(Array(lines.dropFirst()))
        default: return ["unknown diagram type: \(first)"]
        }
    }

    static func flowchart(_ lines: [String]) -> [String] {
        var problems: [String] = []
        var nodes: Set<String> = []
        var subgraphs: Set<String> = []
        var depth = 0
        var edges = 0
        var usedClasses: Set<String> = []
        var definedClasses: Set<String> = []
        var linkStyles: [Int] = []
        var references: [(String, String)] = []
        for line in lines {
            if let m = match("(\(id))(?:\\[(\(label))\\]|\\(\\[(\(label))\\]\\))", line) {
                checkID(m[1], &problems, line)
                checkLabel(m[2] + m[3], &problems, line)
                if !nodes.insert(m[1]).inserted { problems.append("node declared twice: \(line)") }
            } else if let m = match("subgraph (\(id)) \\[(\(label))\\]", line) {
                checkID(m[1], &problems, line)
                checkLabel(m[2], &problems, line)
                if !subgraphs.insert(m[1]).inserted { problems.append("subgraph id used twice: \(line)") }
                depth += 1
            } else if line == "end" {
                depth -= 1
                if depth < 0 { problems.append("end without subgraph") }
            } else if let m = match("(\(id)) (-->|-\\.->)\\|(\(label))\\| (\(id))", line) {
                checkLabel(m[3], &problems, line)
                references += [(m[1], line), (m[4], line)]
                edges += 1
            } else if let m = match("class (\(id)(?:,\(id))*) (\(id))", line) {
                for node in m[1].split(separator: ",") { references.append((String(node), line)) }
                usedClasses.insert(m[2])
            } else if let m = match("classDef (\(id)) (\(style))", line) {
                if !definedClasses.insert(m[1]).inserted { problems.append("class defined twice: \(line)") }
            } else if let m = match("linkStyle ([0-9]+(?:,[0-9]+)*) (\(style))", line) {
                linkStyles += m[1].split(separator: ",").compactMap { Int($0) }
            } else {
                problems.append("not in the documented subset: \(line)")
            }
        }
        if depth != 0 { problems.append("\(depth) subgraph(s) not closed") }
        for (node, line) in references where !nodes.contains(node) { problems.append("undeclared node \(node): \(line)") }
        if !nodes.isDisjoint(with: subgraphs) { problems.append("ids both nodes and subgraphs: \(nodes.intersection(subgraphs).sorted())") }
        if usedClasses != definedClasses { problems.append("classes used \(usedClasses.sorted()) but defined \(definedClasses.sorted())") }
        for index in linkStyles where index >= edges { problems.append("linkStyle \(index) with only \(edges) links") }
        return problems
    }

    static func xychart(_ lines: [String]) -> [String] {
        var problems: [String] = []
        var categories: Int?
        var series = 0
        let number = "-?[0-9]+(?:\\.[0-9]+)?"
        for line in lines {
            if let m = match("title (\(label))", line) {
                checkLabel(m[1], &problems, line)
            } else if let m = match("x-axis (\(label)) \\[(\(label)(?:, \(label))*)\\]", line) {
                categories = m[2].matches(of: try! Regex(label)).count
            } else if match("y-axis (\(label))", line) != nil {
            } else if let m = match("(?:line|bar) \\[(\(number)(?:, \(number))*)\\]", line) {
                series += 1
                if let categories, m[1].split(separator: ",").count != categories { problems.append("series length differs from the x-axis: \(line)") }
            } else {
                problems.append("not in the documented subset: \(line)")
            }
        }
        if categories == nil { problems.append("no x-axis") }
        if series == 0 { problems.append("no series") }
        return problems
    }
}

@Suite struct MermaidTests {
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    /// The flowcharts of both presets, one golden each (`UPDATE_GOLDENS=1 swift test --filter MermaidTests`).
    @Test func goldenFlowcharts() throws {
        for preset in ["tutorial", "hybrid"] {
            let report = try report("--rps 50 --preset \(preset)")
            #expect(report.designs.count == 3)
            for design in report.designs {
                try Golden.check(MermaidRenderer.flowchart(design, report: report), "\(preset)-\(design.design.rawValue).mermaid.md")
            }
        }
    }

    /// Every kind of flowchart, and whole reports with their xychart, keep to the checked subset.
    @Test(arguments: DOTTests.variants + ["--rps 50 --preset hybrid --waf both --logs --xray-sample-rate 0.1 --apigw-cache-gb 0.5 --free-tier"])
    func everyFlowchartKeepsToTheDocumentedSubset(line: String) throws {
        let report = try report(line)
        for design in report.designs {
            let text = MermaidRenderer.flowchart(design, report: report)
            let blocks = MermaidCheck.blocks(in: text)
            #expect(blocks.count == 1)
            for block in blocks { #expect(MermaidCheck.problems(block) == [], "\(line) \(design.design.rawValue)") }
        }
        let markdown = MarkdownRenderer.render(report, diagrams: .init(dotFiles: DOTRenderer.files(report).map(\.name), svgRendered: true))
        let blocks = MermaidCheck.blocks(in: markdown)
        #expect(blocks.count >= report.designs.count)
        for block in blocks { #expect(MermaidCheck.problems(block) == [], "\(line): \(block.prefix(40))") }
    }

    /// The committed reports' Mermaid, as GitHub shows it.
    @Test func committedReportsKeepToTheDocumentedSubset() throws {
        for folder in ["tutorial", "hybrid", "high-traffic"] {
            let markdown = try String(contentsOfFile: repositoryPath("Reports/\(folder)/report.md"), encoding: .utf8)
            let blocks = MermaidCheck.blocks(in: markdown)
            #expect(blocks.contains { $0.hasPrefix("xychart-beta") } && blocks.contains { $0.hasPrefix("flowchart TB") }, "\(folder)")
            for block in blocks { #expect(MermaidCheck.problems(block) == [], "\(folder): \(block.prefix(40))") }
        }
    }

    /// The checker itself rejects what breaks GitHub's parser.
    @Test(arguments: [
        ("flowchart TB\n  a[Clients (internet)]", "unquoted parentheses"),
        ("flowchart TB\n  a[\"say \"hi\"\"]", "raw quote"),
        ("flowchart TB\n  end[\"End\"]", "end as an id"),
        ("flowchart TB\n  subgraph s [\"S\"]\n  a[\"A\"]", "unclosed subgraph"),
        ("flowchart TB\n  a[\"A\"]\n  end", "end without subgraph"),
        ("flowchart TB\n  a[\"A\"]\n  a -->|\"x\"| b", "undeclared node"),
        ("flowchart TB\n  a-b[\"A\"]", "id with a dash"),
        ("flowchart TB\n  a[\"A #1\"]", "bare #"),
        ("flowchart TB\n  a[\"A <b>\"]", "HTML other than <br>"),
        ("flowchart TB\n  a[\"A\"]\n  class a spof", "class never defined"),
        ("flowchart TB\n  a[\"A\"]\n  linkStyle 0 stroke:#d32f2f", "link style of no link"),
        ("flowchart LR\n  a[\"A\"]", "another direction than the one written"),
        ("flowchart TB\n  a[\"$$x$$\"]", "math"),
        ("xychart-beta\n    x-axis \"n\" [\"1\", \"2\"]\n    line [1, 2, 3]", "series longer than the axis"),
    ])
    func checkerRejects(block: String, why: String) {
        #expect(!MermaidCheck.problems(block).isEmpty, "\(why)")
    }

    @Test func labelsEscapeWhatBreaksTheParser() {
        #expect(MermaidRenderer.label("a \"b\" #1 <x> & y; `z`\nnext") == "\"a #quot;b#quot; #35;1 #lt;x#gt; #amp; y#59; #96;z#96;<br>next\"")
        #expect(MermaidCheck.problems("flowchart TB\n  a[\(MermaidRenderer.label("a \"b\" #1 <x> & y; `z` (p)\nnext"))]") == [])
    }

    /// A region name with a quote, a backslash, `#` and non-ASCII letters (possible through --prices DIR).
    @Test func hostileNamesKeepToTheSubset() throws {
        let bundled = try bundledBook("us-west-2")
        var regional = bundled.regional
        regional.region = "eu-\"weird\\région#1;"
        let book = PriceBook(regional: regional, global: bundled.global)
        var scenario = makeScenario(region: "eu-\"weird\\région#1;")
        scenario.topology.accounts = .cross
        let report = ReportBuilder.build(scenario: scenario, prices: book, inputs: [], toolVersion: "test")
        for design in report.designs {
            for block in MermaidCheck.blocks(in: MermaidRenderer.flowchart(design, report: report)) { #expect(MermaidCheck.problems(block) == []) }
        }
    }

    /// Only the classes and link styles a flowchart uses are defined.
    @Test func stylesOnlyWhenUsed() throws {
        let tutorial = try report("--rps 50 --preset tutorial")
        let texts = tutorial.designs.map { MermaidRenderer.flowchart($0, report: tutorial) }
        #expect(texts[0].contains("classDef spof") && !texts[0].contains("classDef unregistered"))
        #expect(texts[1].contains("linkStyle 2 stroke:#d32f2f") && !texts[1].contains("classDef"))
        let three = try report("--rps 50 --preset tutorial --azs 3 --vpce-subnets 3")
        #expect(MermaidRenderer.flowchart(three.designs[0], report: three).contains("classDef unregistered"))
    }
}
