import Foundation
import Testing
@testable import AlbgwCost

/// One rule for the money on a diagram's nodes, in every diagram: a node shows the sum of the line
/// items its component adds to the bill, then what that includes; what no node shows is listed as
/// "on no node". These tests read the money back from the diagrams' text.
@Suite struct DiagramMoneyTests {
    func report(_ line: String) throws -> Report {
        let parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all, command: "test")
        return try CLI.analyse(parsed).1
    }

    /// `$74.22/month (hours, LCUs, ...)` from a label's lines: the amount line and the parenthesis after it.
    static func money(_ lines: [String]) -> String? {
        guard let start = lines.firstIndex(where: { $0.wholeMatch(of: /(Interface endpoint )?\$[0-9,]+\.[0-9]{2}\/month( \+ missing price)?/) != nil }) else {
            return nil
        }
        var text = lines[start].replacingOccurrences(of: "Interface endpoint ", with: "")
        var index = start + 1
        while index < lines.count, lines[index].hasPrefix("(") || !text.hasSuffix(")") && text.contains("(") {
            text += " " + lines[index]
            index += 1
        }
        return text
    }

    /// DOT statements `"id" [label="..."` and cluster labels, unescaped: (id, lines).
    static func dotLabels(_ text: String) -> [(id: String, lines: [String])] {
        var out: [(String, [String])] = []
        var cluster: [String] = []
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if let m = line.firstMatch(of: /^subgraph "cluster_([a-z0-9_]+)"/) { cluster.append(String(m.1)) }
            if line == "}" { cluster = Array(cluster.dropLast()) }
            guard let m = line.firstMatch(of: /^(?:"([a-z0-9_]+)"|graph) \[label="((?:[^"\\]|\\.)*)"/) else { continue }
            let label = String(m.2).replacingOccurrences(of: "\\\"", with: "\"").components(separatedBy: "\\n")
            out.append((m.1.map(String.init) ?? "cluster_" + (cluster.last ?? "graph"), label))
        }
        return out
    }

    /// The money on each node of a design diagram, by component: `vpce` from the VPC frame, `client` with the link.
    static func designMoney(_ dot: String) -> [String: String] {
        var out: [String: String] = [:]
        for (id, lines) in dotLabels(dot) {
            guard let money = money(lines) else { continue }
            let key = id == "cluster_vpc" ? "vpce" : id
            #expect(out[key] == nil, "\(key) shows money twice")
            out[key] = money
        }
        return out
    }

    /// The money on each node of a comparison diagram for design `prefix` (`a`, `b`, `c`), and its frame's lines.
    static func comparisonMoney(_ dot: String, prefix: String) -> (nodes: [String: String], frame: [String]) {
        var out: [String: String] = [:]
        var frame: [String] = []
        for (id, lines) in dotLabels(dot) {
            if id == "cluster_design_\(prefix)" { frame = lines }
            guard id.hasPrefix(prefix + "_"), let money = money(lines) else { continue }
            out[String(id.dropFirst(2))] = money
        }
        return (out, frame)
    }

    /// The money on each node of a Mermaid flowchart: `vpce` from the endpoint's subgraph.
    static func mermaidMoney(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let m = line.firstMatch(of: /^(?:subgraph )?([a-z0-9_]+) ?\(?\["([^"]*)"\]/) else { continue }
            if let money = money(String(m.2).components(separatedBy: "<br>")) { out[String(m.1)] = money }
        }
        return out
    }

    static let variants =
        DOTTests.variants + [
            "--rps 50 --preset hybrid --waf both --logs --xray-sample-rate 0.1 --apigw-cache-gb 0.5",
            "--rps 50 --preset hybrid --hybrid-link dx --free-tier --resolver-inbound-enis 3",
        ]

    /// Each component's node shows the same amount, and the same list of what it includes, in the
    /// design diagram, the comparison diagram and Mermaid; the comparison lists its undrawn lookups as on no node.
    @Test(arguments: variants)
    func sameMoneyInEveryDiagram(line: String) throws {
        let report = try report(line)
        let comparison = report.designs.count > 1 ? DOTRenderer.comparison(report) : nil
        for design in report.designs {
            let name = design.design.rawValue
            let dot = Self.designMoney(DOTRenderer.design(design, report: report))
            let mermaid = Self.mermaidMoney(MermaidRenderer.flowchart(design, report: report))
            #expect(dot == mermaid, "\(line): \(name)")
            guard design.cost != nil else {
                #expect(dot.isEmpty, "\(line): \(name) cannot be built and shows no money")
                continue
            }
            #expect(dot["alb"] != nil || !design.definition.contains(.alb), "\(line): \(name)")
            #expect(dot["lambda"] != nil && dot["route53"] != nil, "\(line): \(name)")
            guard let comparison else { continue }
            let prefix = String(UnicodeScalar(UInt8(97 + design.definition.catalogIndex)))
            let compared = Self.comparisonMoney(comparison, prefix: prefix)
            let route53 = try #require(dot["route53"])
            let expected = dot.filter { $0.key != "route53" }
            #expect(compared.nodes == expected, "\(line): \(name)")
            #expect(compared.frame.joined(separator: " ").contains("on no node: Route 53 " + route53), "\(line): \(name)")
        }
    }

    /// The node amounts, plus what is on no node, add up to the design's total, exactly.
    @Test(arguments: variants)
    func chargesAddUpToTheTotal(line: String) throws {
        let report = try report(line)
        for design in report.designs {
            guard let cost = design.cost else { continue }
            let kinds = design.definition.chain.map(\.kind)
            let onNodes = kinds.compactMap { DiagramCharge.billed(by: $0, in: cost)?.monthly }.reduce(0, +)
            let onNoNode = DiagramCharge.unattributed(in: cost).map(\.monthly).reduce(0, +)
            #expect(onNodes + onNoNode == cost.monthlyCost, "\(line): \(design.design.rawValue)")
            #expect(cost.lineItems.allSatisfy { $0.billedBy == nil ? $0.id.hasPrefix("logs.") : kinds.contains($0.billedBy!) })
        }
    }

    /// The default run, by hand from the us-west-2 prices (as in CostModelTests): what each node shows,
    /// in every diagram, and that the nodes add up to the title's total.
    @Test func defaultRunByHand() throws {
        let report = try report("--rps 50 --region us-west-2")
        let hours = d("730")
        let requests = d("131400000")
        let albHours = hours * d("0.0225")
        let processedGBPerHour = d("50") * 3600 * 5 * 1024 / 1_000_000_000  // decimal GB, as AWS's ALB example 1
        let lcuIP = processedGBPerHour * hours * d("0.008")
        let lcuLambda = processedGBPerHour / d("0.4") * hours * d("0.008")
        let ipv4 = 2 * hours * d("0.005")
        let egress = requests * 4 / 1_048_576 * d("0.09")
        let certificate = d("0")
        let endpoint = 2 * hours * d("0.01") + requests * 5 / 1_048_576 * d("0.01")
        let api = d("131.4") * d("3.5")
        let lambda = d("131.4") * d("0.2") + requests * d("0.125") * d("0.1") * d("0.0000166667")
        let zone = d("0.5")
        func shown(_ amount: ExactDecimal, _ parts: String) -> String { "\(Format.money(amount))/month (\(parts))" }

        let expectedA: [String: String] = [
            "route53": shown(zone, "hosted zone"),
            "alb": shown(albHours + lcuIP + ipv4 + egress + certificate, "hours, LCUs, public IPv4, internet egress, certificate"),
            "vpce": shown(endpoint, "hours, data"), "apigw": shown(api, "requests"), "lambda": shown(lambda, "requests, duration"),
        ]
        let expectedB: [String: String] = [
            "route53": shown(zone, "hosted zone"),
            "alb": shown(albHours + lcuLambda + ipv4 + egress + certificate, "hours, LCUs, public IPv4, internet egress, certificate"),
            "lambda": shown(lambda, "requests, duration"),
        ]
        #expect(expectedA["alb"] == "$74.22/month (hours, LCUs, public IPv4, internet egress, certificate)")
        let a = try #require(report.designs.first { $0.design == .albVpceApigwLambda })
        let b = try #require(report.designs.first { $0.design == .albLambda })
        for (design, expected, total) in [
            (a, expectedA, zone + albHours + lcuIP + ipv4 + egress + endpoint + api + lambda),
            (b, expectedB, zone + albHours + lcuLambda + ipv4 + egress + lambda),
        ] {
            #expect(design.cost?.monthlyCost == total)
            let dot = DOTRenderer.design(design, report: report)
            #expect(Self.designMoney(dot) == expected)
            #expect(Self.mermaidMoney(MermaidRenderer.flowchart(design, report: report)) == expected)
            #expect(dot.contains("us-west-2, \(Format.money(total)) per month"))
            #expect(
                MermaidRenderer.flowchart(design, report: report).hasPrefix("**\(design.design.rawValue)**, \(Format.money(total)) per month: the sum of the amounts on its nodes.")
            )
        }
        let comparison = DOTRenderer.comparison(report)
        #expect(Self.comparisonMoney(comparison, prefix: "a").nodes == expectedA.filter { $0.key != "route53" })
        #expect(comparison.contains("$609.14/month\\n$4.6358 per 1M requests\\non no node:\\nRoute 53 $0.50/month (hosted zone)"))
    }

    /// Whole-bill options: the corporate link on the clients, WAF on the ALB and the API, X-Ray on
    /// Lambda, the Resolver endpoint on Route 53, CloudWatch Logs on no node.
    @Test func wholeBillChargesSitOnTheirComponents() throws {
        let report = try report("--rps 50 --preset hybrid --waf both --logs --xray-sample-rate 0.1")
        let design = try #require(report.designs.first { $0.design == .albVpceApigwLambda })
        let cost = try #require(design.cost)
        func charge(_ kind: ComponentKind) throws -> DiagramCharge { try #require(DiagramCharge.billed(by: kind, in: cost)) }
        #expect(try charge(.link).monthly == cost.total("link") && charge(.link).parts == ["connection", "data out"])
        #expect(try charge(.alb).monthly == cost.total("alb") + cost.total("acm") + cost.total("waf.acl") + cost.total("waf.rules") + cost.total("waf.alb"))
        #expect(try charge(.restAPI).monthly == cost.total("apigateway") + cost.total("waf.api"))
        #expect(try charge(.lambda).monthly == cost.total("lambda") + cost.total("xray") && charge(.lambda).parts.contains("X-Ray"))
        #expect(try charge(.dns).monthly == cost.total("route53") + cost.total("resolver"))
        #expect(DiagramCharge.unattributed(in: cost).map(\.name) == ["CloudWatch Logs"])
        let dot = DOTRenderer.design(design, report: report)
        let logs = try #require(DiagramCharge.unattributed(in: cost).first)
        #expect(dot.contains("\\non no node:\\nCloudWatch Logs \(logs.amount) (Lambda logs, storage)\""))
        #expect(dot.contains("\"client\" [label=\"Corporate clients\\nover Site-to-Site VPN\\n\(try charge(.link).amount)"))
        #expect(MermaidRenderer.flowchart(design, report: report).contains(": the amounts on its nodes plus, on no node, CloudWatch Logs \(logs.amount)"))
    }
}
