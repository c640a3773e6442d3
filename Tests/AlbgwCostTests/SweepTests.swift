import Foundation
import Testing
@testable import AlbgwCost

/// `albgw-cost sweep`: every point is the single-point engine's figure; crossovers are where the
/// single-point command's answer changes, checked against a calculation written out here.
@Suite struct SweepTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    func sweep(_ line: String) throws -> (SweepResult, SweepEvaluator) {
        var parsed = try ArgumentParser.parse(line.split(separator: " ").map(String.init), options: OptionTable.all + SweepCommand.options, command: "test")
        let spec = try SweepCommand.spec(parsed)
        parsed.values[spec.variable.option] = spec.from.description
        let options = try ScenarioOptions(parsed)
        let book = try options.catalog.book(for: options.scenario.topology.region)
        let evaluator = SweepEvaluator(base: options.scenario, book: book, variable: spec.variable, designs: options.scenario.designs)
        return (evaluator.run(spec), evaluator)
    }

    /// Every point's total is exactly what the single-point engine prices for that value, and the
    /// single-point command prints the same cents.
    @Test func everyPointIsTheSinglePointFigure() throws {
        let (result, _) = try sweep("--vary rps=10..10000 --points 40 --region us-west-2")
        #expect(result.points.count == 40)
        for point in result.points {
            var scenario = result.scenario
            scenario.workload.rate = .perSecond(point.value)
            for (design, cell) in zip(result.designs, point.cells) {
                let full = CostEngine.cost(of: design, in: scenario, prices: try bundledBook("us-west-2"))
                #expect(cell.monthlyCost == full.monthlyCost, "\(design) at \(point.value)")
            }
        }
        // Two points through the command itself, to the cent.
        for point in [result.points[7], result.points[33]] {
            let single = run("--rps \(point.value) --region us-west-2")
            for (design, cell) in zip(result.designs, point.cells) {
                let summary = single.stdout.components(separatedBy: "Summary (USD)")[1]
                let line = summary.split(separator: "\n").first { $0.hasPrefix("  \(design.rawValue) ") }
                #expect(line?.contains(Format.money(cell.monthlyCost)) == true, "\(design) at \(point.value)")
            }
        }
    }

    /// 5 requests/s on an internal ALB: alb-lambda pays LCUs for processed bytes, vpce-apigw-lambda
    /// pays endpoint data and API Gateway requests. Per KiB of request + response a month:
    /// alb-lambda 5 x 3,600 x 1,024 / 10^9 GB per hour (the ALB counts decimal GB) / 0.4 GB per
    /// LCU x 730 h x $0.008, the endpoint 13,140,000 / 1,048,576 GB x $0.01; fixed: ALB hours
    /// 730 x $0.0225 against endpoint hours 2 x 730 x $0.01 and 13.14M requests x $3.50. Lambda and
    /// DNS are alike and cancel. They cross where (fixed difference) / (per-KiB difference) KiB of
    /// request + response: 307.14 KiB, so 303.14 KiB a request with 4 KiB responses. Above 1,024 KiB alb-lambda cannot carry it (its 1 MB limit).
    @Test func crossoversMatchACalculationByHand() throws {
        let (result, evaluator) = try sweep("--vary request-kb=1..2048 --rps 5 --alb-scheme internal --region us-east-1")
        let lcuPerKiB = d("5") * 3600 * 1024 / d("1000000000") / d("0.4") * 730 * d("0.008")
        let endpointPerKiB = d("13140000") / d("1048576") * d("0.01")
        let fixed = 2 * 730 * d("0.01") + d("13.14") * d("3.5") - 730 * d("0.0225")
        let crossing = fixed / (lcuPerKiB - endpointPerKiB) - 4
        let cheapest = try #require(result.crossovers.first { $0.kind == .cheapest })
        #expect(cheapest.design == .vpceApigwLambda && cheapest.previous == .albLambda)
        #expect((cheapest.value - crossing).magnitude < crossing * ExactDecimal(mantissa: 1, exponent: -8))
        #expect(Format.threeSignificant(crossing) == "303")
        #expect(cheapest.text == "vpce-apigw-lambda costs less than alb-lambda above 303 KiB per request")
        // Either side of it, the single-point engine agrees on which is cheaper.
        #expect(evaluator.point(at: d("303.1")).cheapest.map { result.designs[$0] } == .albLambda)
        #expect(evaluator.point(at: d("303.2")).cheapest.map { result.designs[$0] } == .vpceApigwLambda)
        let stop = try #require(result.crossovers.first { $0.kind == .stopsCarrying })
        #expect(stop.value == 1024 && stop.exact && stop.design == .albLambda)
        #expect(stop.text == "above 1,024 KiB per request alb-lambda cannot serve it (ALB limit for Lambda targets)")
        #expect(FeasibilityAnalyzer.reasons(for: .albLambda, in: with(result.scenario) { $0.workload.requestKiB = 1024 }).isEmpty)
        #expect(!FeasibilityAnalyzer.reasons(for: .albLambda, in: with(result.scenario) { $0.workload.requestKiB = d("1024.001") }).isEmpty)
        #expect(result.summary == [cheapest.text + ".", stop.text + "."])
    }

    /// API Gateway's 29 s integration timeout, found exactly on a duration sweep.
    @Test func timeoutLimitsAreExact() throws {
        let (result, _) = try sweep("--vary lambda-duration-ms=100..120000 --rps 2 --alb-scheme internal")
        let stops = result.crossovers.filter { $0.kind == .stopsCarrying }
        #expect(stops.map(\.design) == [.albVpceApigwLambda, .vpceApigwLambda])
        #expect(stops.allSatisfy { $0.value == 29000 && $0.reason == "API Gateway integration timeout" })
    }

    @Test func nothingChangesSaysSo() throws {
        let (result, _) = try sweep("--vary rps=10..10000 --region us-west-2")
        #expect(result.crossovers.isEmpty)
        #expect(
            result.summary.contains(
                "From 10 to 10,000 requests/s, alb-lambda is the cheapest design that can carry it throughout, and no design starts or stops being able to carry it."))
        // The design internet clients cannot reach is left out with why, not drawn as a gap.
        #expect(result.designs == [.albVpceApigwLambda, .albLambda])
        #expect(
            result.summary.first?.hasPrefix("vpce-apigw-lambda cannot carry this workload anywhere from 10 to 10,000 requests/s: a private API is not reachable from the internet")
                == true)
    }

    /// Log points: ends exact, 6 significant digits in between, increasing; whole numbers for memory.
    @Test func pointsAreExactValues() {
        let log = SweepSpec(variable: .rps, from: 10, to: 10000, points: 4).values()
        #expect(log == [10, 100, 1000, 10000])
        let linear = SweepSpec(variable: .requestKB, from: 0, to: 1, points: 4).values()
        #expect(linear == [0, d("0.333333"), d("0.666667"), 1])
        let memory = SweepSpec(variable: .lambdaMemoryMB, from: 128, to: 129, points: 10).values()
        #expect(memory == [128, 129])
        let many = SweepSpec(variable: .rps, from: 1, to: 100000, points: 1000).values()
        #expect(many.count == 1000 && zip(many, many.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// Fewer points than asked for are said so: 333,000,000 to 333,000,010 requests a month in 11
    /// points rounds every inner point to 333,000,000 (6 significant digits), leaving the two ends.
    @Test func fewerPointsThanAskedForAreExplained() throws {
        let (result, _) = try sweep("--vary requests-per-month=333000000..333000010 --points 11 --scale linear")
        #expect(result.points.count == 2)
        #expect(
            result.summary.last
                == "2 of the 11 points asked for: inner points are written with at most 6 significant digits, whole, so that each can be run again on its own, and this range has no room for more distinct ones."
        )
        let (full, _) = try sweep("--vary rps=10..10000 --points 4")
        #expect(!full.summary.contains { $0.contains("points asked for") })
    }

    /// RFC 4180: one header row, CRLF endings, the same number of fields in every row, crossover
    /// rows in value order with the sentence, quoted where it needs to be.
    @Test func csvIsRFC4180() throws {
        let result = run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 20 --format csv")
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasSuffix("\r\n"))
        #expect(!result.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let rows = parseCSV(result.stdout)
        #expect(rows.count == 1 + 20 + 2)
        let header = rows[0]
        #expect(header.first == "request-kb" && header.last == "event")
        #expect(header.count == 1 + 3 * 3 + 3)
        for row in rows.dropFirst() {
            #expect(row.count == header.count, "\(row)")
            #expect(!row.joined().contains("$"))
        }
        let events = rows.dropFirst().filter { !$0.last!.isEmpty }
        #expect(
            events.map { $0.last! } == [
                "vpce-apigw-lambda costs less than alb-lambda above 303 KiB per request",
                "above 1,024 KiB per request alb-lambda cannot serve it (ALB limit for Lambda targets)",
            ])
        #expect(result.stdout.contains("\"above 1,024 KiB per request alb-lambda cannot serve it (ALB limit for Lambda targets)\"\r\n"))
        let values = rows.dropFirst().map { ExactDecimal.literal($0[0]) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func jsonCarriesPointsAndCrossovers() throws {
        let result = run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --points 10 --format json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["points"] as? [Any])?.count == 10)
        let crossovers = try #require(object["crossovers"] as? [[String: Any]])
        #expect(crossovers.map { $0["kind"] as? String } == ["cheapest", "stops-carrying"])
        #expect(crossovers.last?["exact"] as? Bool == true)
        #expect(object["variable"] as? String == "request-kb")
    }

    /// The chart is valid XML and renders without error; it marks and explains each crossover.
    @Test(.enabled(if: ExternalTool.required("xmllint") && ExternalTool.required("rsvg-convert")))
    func chartIsValidAndRenders() throws {
        let svg = run("sweep --vary request-kb=1..2048 --rps 5 --alb-scheme internal --format svg").stdout
        let lint = try ExternalTool.run("xmllint", ["--noout", "-"], input: svg)
        #expect(lint.status == 0, "\(lint.stderr)")
        let png = try ExternalTool.run("rsvg-convert", ["-w", "800", "-f", "png"], input: svg)
        #expect(png.status == 0 && png.stderr.isEmpty, "\(png.stderr)")
        #expect(svg.contains("1. vpce-apigw-lambda costs less than alb-lambda above 303 KiB per request"))
        // The legend wraps at the canvas edge: the gap note starts on the line of its design.
        #expect(svg.contains("alb-lambda: ALB -&gt; Lambda - gap: cannot carry it above 1,024 KiB per request (ALB limit for"))
        #expect(svg.contains("(log scale)") == false)
        let log = run("sweep --vary rps=1..100000 --alb-scheme internal --format svg").stdout
        #expect(log.contains(">10k rps<") && log.contains(">$1k<") && log.contains("(log scale)"))
    }

    @Test func deterministic() {
        for format in ["table", "csv", "json", "svg"] {
            // 5,000 points: more than two chunks of 2,000, so the points are evaluated in parallel.
            let line = "sweep --vary rps=1..5000 --points 5000 --preset hybrid --format \(format)"
            #expect(run(line).stdout == run(line).stdout, "\(format)")
        }
    }

    @Test func writesEveryFormatIntoADirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = run("sweep --vary rps=10..1000 --out \(directory)")
        #expect(result.exitCode == 0)
        for name in ["sweep.txt", "sweep.csv", "sweep.json", "sweep.svg"] {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(name)"), "\(name)")
        }
    }

    @Test func badInputSaysWhatToDo() {
        let cases: [(String, String)] = [
            ("sweep --rps 50", "needs --vary VAR=FROM..TO"),
            ("sweep --vary rps", "is not VAR=FROM..TO"),
            ("sweep --vary rpss=1..10", "did you mean 'rps'?"),
            ("sweep --vary rps=10..1", "FROM must be below TO"),
            ("sweep --vary request-kb=0..10 --rps 5 --scale log", "a log scale cannot start at 0"),
            ("sweep --vary request-kb=1..5000000 --rps 5", "goes outside what --request-kb accepts"),
            ("sweep --vary rps=1..10 --rps 5", "--rps is what --vary rps sweeps"),
            ("sweep --vary request-kb=1..10", "needs the traffic"),
            ("sweep --vary rps=1..10 --points 1", "--points must be"),
            ("sweep --vary rps=1..10 --format dot", "is not one of table, csv, json, svg"),
            ("sweep --vary lambda-memory-mb=128.5..200 --rps 5", "whole numbers"),
        ]
        for (line, fragment) in cases {
            let result = run(line)
            #expect(result.exitCode == 64, "\(line)")
            #expect(result.stderr.contains(fragment), "\(line): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }
}

/// Rows of RFC 4180 text: quoted fields may hold commas, doubled quotes and line breaks.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
        if quoted {
            if character == "\"" {
                if characters.first == "\"" {
                    field.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == "," {
            row.append(field)
            field = ""
        } else if character == "\r\n" || character == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(character)
        }
    }
    return rows
}

/// A copy of `value` changed by `change`.
func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var copy = value
    change(&copy)
    return copy
}

/// `--regions`: the same workload in several regions, ranked; incomplete regions shown, not ranked.
@Suite struct RegionTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    /// alb-lambda at 50 requests/s is $136.45 in us-east-1 and us-west-2 (the same rates; the sum is
    /// written out in OutputReviewTests.lineItemsFootToTheirTotal) and $138.42 in eu-west-1, where
    /// only the ALB-hour differs: 730 x $0.0252 = $18.396 against $16.425; us-west-1 has no LCU
    /// price, so it is not ranked.
    @Test func rankedByCostWithTiesAndIncompleteRegions() throws {
        let parsed = try ArgumentParser.parse(["--rps", "50"], options: OptionTable.all, command: "test")
        let options = try ScenarioOptions(parsed)
        let comparison = try RegionComparison.build(options.scenario, regions: ["eu-west-1", "us-west-1", "us-west-2", "us-east-1"], catalog: .bundled)
        let lambda = comparison.rows.filter { $0.design == .albLambda }
        #expect(lambda.map(\.region) == ["us-east-1", "us-west-2", "eu-west-1", "us-west-1"])
        #expect(lambda.map(\.rank) == [1, 1, 3, nil])
        let lcu = d("50") * 5120 * 3600 / d("1000000000") / d("0.4") * 730 * d("0.008")
        let others = lcu + d("7.3") + d("26.28") + d("1642500") * d("0.0000166667") + d("131400000") * 4 / d("1048576") * d("0.09") + d("0.5")
        let (east, ireland) = (730 * d("0.0225") + others, 730 * d("0.0252") + others)
        #expect(cents(east) == d("136.45") && cents(ireland) == d("138.42"))
        #expect(lambda[0].monthlyCost == east && lambda[2].monthlyCost == ireland)
        #expect(lambda[3].missing == [.albLCUHour] && !lambda[3].complete)
        // Each row is the single-point figure of its region.
        for row in comparison.rows {
            var scenario = options.scenario
            scenario.topology.region = row.region
            #expect(CostEngine.cost(of: row.design, in: scenario, prices: try bundledBook(row.region)).monthlyCost == row.monthlyCost)
        }
        #expect(comparison.excluded.allSatisfy { $0.design == .vpceApigwLambda })
        let text = RegionRenderer.table(comparison, inputs: options.inputs, toolVersion: "test")
        #expect(text.contains("Cheapest: alb-lambda at $136.45 per month, $1.0384 per 1M requests, tied in us-east-1 and us-west-2."))
        #expect(text.contains("us-west-1: not ranked; its table lacks the ALB LCU-hour price"))
    }

    @Test func everyFormat() throws {
        let csv = parseCSV(run("--rps 50 --regions us-east-1,sa-east-1 --format csv").stdout)
        #expect(csv[0] == ["rank", "region", "location", "design", "usd_per_month", "usd_per_1m_requests", "complete", "missing_prices"])
        #expect(csv.count == 1 + 4)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run("--rps 50 --regions all --format json").stdout.utf8)) as? [String: Any])
        #expect((json["rows"] as? [Any])?.count == 26)
        let markdown = run("--rps 50 --regions all --format markdown").stdout
        #expect(markdown.hasPrefix("## Regions\n") && markdown.contains("| **1 (cheapest)** |"))
    }

    @Test func badRegionsSayWhatToDo() {
        for (line, fragment) in [
            ("--rps 50 --regions us-west-3", "has no price table; did you mean"), ("--rps 50 --regions all --region us-east-1", "drop --region"),
            ("--rps 50 --regions us-east-1,us-east-1", "names a region twice"), ("--rps 50 --regions all --format dot", "drop one of them"),
        ] {
            let result = run(line)
            #expect(result.exitCode == 64, "\(line)")
            #expect(result.stderr.contains(fragment), "\(line): \(result.stderr)")
        }
    }

    /// The commands that work in one region refuse --regions rather than price us-east-1 unasked.
    @Test func oneRegionCommandsRefuseRegions() {
        for line in [
            "sweep --vary rps=1..10 --regions eu-west-1 --points 3 --format json", "report --rps 5 --regions eu-west-1 --out /nonexistent/never",
            "dot --rps 5 --regions eu-west-1", "review ./nowhere --rps 5 --regions all", "hops --rps 5 --regions all",
        ] {
            let result = run(line)
            #expect(result.exitCode == 64, "\(line)")
            #expect(result.stdout.isEmpty, "\(line)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(line): \(result.stderr)")
            #expect(result.stderr.contains("--region"), "\(line): \(result.stderr)")
        }
        #expect(run("sweep --vary rps=1..10 --regions eu-west-1").stderr.contains("give --region CODE instead"))
    }
}

/// `--format csv` on the main command: every line item, one row each, spreadsheet-ready.
@Suite struct LineItemCSVTests {
    @Test func lineItemsWithScope() throws {
        let result = CLI.run(["--rps", "50", "--region", "us-west-2", "--format", "csv"])
        let rows = parseCSV(result.stdout)
        #expect(
            rows[0] == [
                "design", "can_carry", "service", "component", "quantity", "unit", "unit_price_usd", "monthly_usd", "scope", "price_key", "confidence", "missing_price", "line",
                "note",
            ])
        let lcu = try #require(rows.first { $0[0] == "alb-lambda" && $0[3] == "Load balancer capacity units" })
        // 50 rps x 5,120 bytes x 3,600 / 10^9 = 0.9216 GB/h / 0.4 = 2.304 LCU per hour, x 730 h
        // = 1,681.92 LCU-hours, x $0.008 = $13.46.
        let hours = d("50") * 5120 * 3600 / d("1000000000") / d("0.4") * 730
        #expect(lcu[4] == hours.description && lcu[6] == "0.008" && lcu[8] == "design")
        #expect(hours == d("1681.92") && lcu[7] == "13.46" && cents(hours * d("0.008")) == d("13.46"))
        #expect(rows.dropFirst().allSatisfy { $0.count == 14 && !$0[7].contains("$") })
        // The infeasible design's items are there, marked.
        #expect(rows.contains { $0[0] == "vpce-apigw-lambda" && $0[1] == "no" })
    }
}
