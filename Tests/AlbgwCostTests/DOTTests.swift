import Foundation
import Testing
@testable import AlbgwCost

@Suite struct DOTTests {
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    /// Every kind of diagram the tool emits: both designs, one design, presets, three AZs with one
    /// registered IP, a missing price, the impossible cross-account alb-lambda, an internal ALB.
    static let variants = [
        "--rps 50 --region us-west-2",
        "--rps 50 --preset tutorial",
        "--rps 50 --preset hybrid",
        "--rps 50 --preset tutorial --azs 3 --vpce-subnets 3",
        "--rps 50 --region us-west-1 --free-tier",
        "--rps 50 --design alb-lambda --alb-scheme internal",
        "--rps 50 --design alb-vpce-apigw-lambda --accounts cross --azs 6",
        "--rps 12000 --request-kb 2048 --preset hybrid --registered-targets 1",
        "--rps 50 --preset hybrid --accounts cross --vpce-subnets 1",
        "--rps 50 --design vpce-apigw-lambda --alb-scheme internal --vpce-subnets 3",
    ]

    @Test func goldenDiagrams() throws {
        let tutorial = try report("--rps 50 --preset tutorial")
        let files = DOTRenderer.files(tutorial)
        #expect(files.map(\.name) == ["alb-vpce-apigw-lambda.dot", "alb-lambda.dot", "vpce-apigw-lambda.dot", "comparison.dot"])
        for file in files { try Golden.check(file.text, "tutorial-\(file.name)") }
        try Golden.check(DOTRenderer.render(try report("--rps 50 --preset hybrid --design alb-vpce-apigw-lambda")), "hybrid-alb-vpce-apigw-lambda.dot")
        try Golden.check(DOTRenderer.render(try report("--rps 50 --preset hybrid --design vpce-apigw-lambda")), "hybrid-vpce-apigw-lambda.dot")
    }

    @Test(arguments: variants)
    func deterministic(line: String) throws {
        let first = DOTRenderer.files(try report(line))
        let second = DOTRenderer.files(try report(line))
        #expect(first.map(\.text) == second.map(\.text))
    }

    /// The failure-domain model decides what is red: the tutorial's lone registered ENI in AZ a.
    @Test func singlePointOfFailureAndUnregisteredENIs() throws {
        let text = DOTRenderer.files(try report("--rps 50 --preset tutorial --azs 3 --vpce-subnets 3"))[0].text
        let eniA = try #require(text.split(separator: "\n").first { $0.contains("\"vpce_eni_a\" [") })
        #expect(eniA.contains("SINGLE POINT\\nOF FAILURE") && eniA.contains("#d32f2f"))
        for az in ["b", "c"] {
            let line = try #require(text.split(separator: "\n").first { $0.contains("\"vpce_eni_\(az)\" [") })
            #expect(line.contains("NOT registered") && line.contains("dashed"))
            // No traffic to an unregistered IP: only an invisible edge keeps it in the row of ENIs.
            #expect(text.split(separator: "\n").filter { $0.contains("\"alb\" -> \"vpce_eni_\(az)\"") } == ["  \"alb\" -> \"vpce_eni_\(az)\" [style=\"invis\"];"])
        }
        #expect(text.contains("\"vpce_eni_a\" -> \"apigw\" [label=\"4 HTTPS 443 PrivateLink\\n10,000 rps, burst 5,000\\ncrosses accounts\""))
        // Two registered ENIs: nothing is a single point of failure.
        #expect(!DOTRenderer.files(try report("--rps 50 --preset hybrid"))[0].text.contains("SINGLE POINT"))
    }

    @Test func edgesFollowHopOrder() throws {
        let text = DOTRenderer.files(try report("--rps 50"))[0].text
        let edges = text.split(separator: "\n").filter { $0.contains(" -> ") && !$0.contains("legend") }
        let numbers = edges.compactMap { line -> Int? in
            guard let range = line.range(of: "label=\"") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(numbers == [1, 2, 3, 3, 4, 4, 5])
    }

    @Test func clustersNestAccountRegionVPCAZSubnet() throws {
        let text = DOTRenderer.files(try report("--rps 50 --preset tutorial"))[0].text
        let order = ["cluster_account_network", "cluster_region_network", "cluster_vpc", "cluster_az_a", "cluster_subnet_endpoint_a", "cluster_account_application"]
        let positions = try order.map { try #require(text.range(of: "subgraph \"\($0)\"")?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
        #expect(text.contains("$459.90/month"))  // the API node carries its monthly cost
    }

    @Test func impossibleDesignIsDrawnAsImpossible() throws {
        let text = DOTRenderer.files(try report("--rps 50 --preset tutorial"))[1].text
        #expect(text.contains("IMPOSSIBLE: an ALB cannot invoke a Lambda function in another account"))
        #expect(text.contains("\"alb\" -> \"lambda\" [label=\"impossible:"))
    }

    @Test func quotingEscapesQuotesBackslashesAndKeepsUnicode() {
        #expect(DOT.quote("a\"b\\c\nd é") == "\"a\\\"b\\\\c\\nd é\"")
        #expect(DOT.id("AZ", "eu-west-1a", "ç") == "az_eu_west_1a__")
    }

    @Test(.enabled(if: ExternalTool.required("dot")), arguments: variants)
    func everyVariantRendersWithoutWarnings(line: String) throws {
        for file in DOTRenderer.files(try report(line)) {
            let result = try ExternalTool.run("dot", ["-Tsvg"], input: file.text)
            #expect(result.status == 0, "\(file.name): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(file.name): \(result.stderr)")
            #expect(result.stdout.contains("<svg"))
        }
    }

    /// The width Graphviz gives a drawing, in CSS pixels (the SVG's `width` is in points: 96 px = 72 pt).
    static func svgWidthPixels(_ svg: String) throws -> Double {
        let match = try #require(svg.firstMatch(of: /<svg width="([0-9.]+)(pt|px)?"/))
        let value = try #require(Double(String(match.1)))
        return match.2 == "pt" ? value * 96 / 72 : value
    }

    /// Every diagram fits a page about 1,000 px wide at its natural size (no `size` attribute shrinks it).
    @Test(.enabled(if: ExternalTool.required("dot")), arguments: variants)
    func everyDiagramFitsAPageWidth(line: String) throws {
        for file in DOTRenderer.files(try report(line)) {
            #expect(!file.text.contains(/[\[ ,]size=/), "\(file.name) must not be scaled down to fit")
            let result = try ExternalTool.run("dot", ["-Tsvg"], input: file.text)
            let width = try Self.svgWidthPixels(result.stdout)
            #expect(width <= 1000, "\(line): \(file.name) is \(width) px wide")
        }
    }

    /// The committed SVGs in Reports/ too (a PNG, if one is ever committed, by its IHDR width).
    @Test func committedDiagramsFitAPageWidth() throws {
        let reports = repositoryPath("Reports")
        let files = try #require(FileManager.default.enumerator(atPath: reports)).compactMap { $0 as? String }
        let svgs = files.filter { $0.hasSuffix(".svg") && !$0.hasPrefix("sweeps/") && !$0.hasSuffix("cost-vs-traffic.svg") }
        #expect(svgs.count >= 12)
        for name in svgs {
            let text = try String(contentsOfFile: "\(reports)/\(name)", encoding: .utf8)
            #expect(try Self.svgWidthPixels(text) <= 1000, "Reports/\(name)")
        }
        for name in files where name.hasSuffix(".png") {
            let data = try #require(FileManager.default.contents(atPath: "\(reports)/\(name)"))
            let width = data.count > 24 ? data[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
            #expect(width <= 1000, "Reports/\(name) is \(width) px wide")
        }
    }

    /// The styles a diagram uses, read from its DOT (not from the renderer's own bookkeeping).
    static func stylesUsed(_ text: String) -> Set<DOTRenderer.LegendEntry> {
        var used: Set<DOTRenderer.LegendEntry> = []
        for line in text.split(separator: "\n") where !line.contains("\"legend\"") {
            let isEdge = line.contains(" -> ")
            if !isEdge && line.contains("color=\"#d32f2f\", penwidth=\"2.5\"") { used.insert(.singlePointOfFailure) }
            if !isEdge && line.contains("fontcolor=\"#616161\"") { used.insert(.unregistered) }
            if line.contains("subgraph \"cluster_account_") { used.insert(.account) }
            if isEdge && line.contains("color=\"#5e35b1\"") { used.insert(.crossAccount) }
            if line.contains("color=\"#d32f2f\"") && line.contains("dashed") { used.insert(.impossible) }
            if isEdge && line.contains("style=\"dashed\"") && !line.contains("color=") { used.insert(.lookup) }
            if isEdge && line.contains(/label="[0-9]/) { used.insert(.hopLabel) }
        }
        return used
    }

    /// The legend's entries, by their words.
    static func legendEntries(_ text: String) throws -> Set<DOTRenderer.LegendEntry> {
        let line = try #require(text.split(separator: "\n").first { $0.contains("\"legend\" [") })
        let words = line.matches(of: /<FONT COLOR="[^"]*">([^<]*)<\/FONT>/).map { String($0.1) }
        let entries = words.compactMap { word in DOTRenderer.LegendEntry.allCases.first { $0.text.words == word } }
        #expect(entries.count == words.count, "an entry with unknown words: \(words)")
        return Set(entries)
    }

    /// The legend lists the styles its diagram uses, and only those.
    @Test(arguments: variants)
    func legendListsOnlyTheStylesUsed(line: String) throws {
        for file in DOTRenderer.files(try report(line)) {
            #expect(try Self.legendEntries(file.text) == Self.stylesUsed(file.text), "\(line): \(file.name)")
        }
        // Every entry appears somewhere among the variants.
        if line == Self.variants.last {
            let all = try Self.variants.flatMap { try DOTRenderer.files(try report($0)).map { try Self.legendEntries($0.text) } }
            #expect(Set(all.flatMap { $0 }) == Set(DOTRenderer.LegendEntry.allCases))
        }
    }

    /// A region name with a quote, a backslash and non-ASCII letters (possible through --prices DIR)
    /// must not break the graph.
    @Test(.enabled(if: ExternalTool.required("dot")))
    func hostileNamesRender() throws {
        let bundled = try bundledBook("us-west-2")
        var regional = bundled.regional
        regional.region = "eu-\"weird\\région"
        let book = PriceBook(regional: regional, global: bundled.global)
        var scenario = makeScenario(region: "eu-\"weird\\région")
        scenario.topology.accounts = .cross
        let report = ReportBuilder.build(scenario: scenario, prices: book, inputs: [], toolVersion: "test")
        for file in DOTRenderer.files(report) {
            #expect(file.text.contains("eu-\\\"weird\\\\région"))
            let result = try ExternalTool.run("dot", ["-Tsvg"], input: file.text)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(file.name): \(result.stderr)")
            #expect(result.stdout.contains("&quot;weird\\région"))  // Graphviz writes the quote as an entity
        }
    }

    @Test func commandLine() throws {
        let result = CLI.run(["dot", "--rps", "50", "--design", "alb-lambda"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("digraph \"alb-lambda\" {"))
        #expect(CLI.run(["--rps", "50", "--format", "dot"]).stdout.hasPrefix("digraph \"comparison\" {"))
        #expect(CLI.run(["dot", "--rps", "50", "--format", "json"]).exitCode == 64)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-dot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = CLI.run(["dot", "--rps", "50", "--out", directory.path])
        #expect(written.exitCode == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["alb-lambda.dot", "alb-vpce-apigw-lambda.dot", "comparison.dot", "vpce-apigw-lambda.dot"])
        #expect(CLI.run(["dot", "--rps", "50", "--out", "/proc/albgw-no"]).exitCode == 73)
    }
}
