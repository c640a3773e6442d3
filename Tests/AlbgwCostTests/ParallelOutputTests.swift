import Foundation
import Testing
@testable import AlbgwCost

/// Output of a large review is written in pieces on every core and joined in order. Each test makes
/// a document large enough to be split and checks it against the same document written out here.
@Suite struct ParallelOutputTests {
    @Test func longArraysAreWrittenAsOneDocument() {
        // 1,500 elements: past the 512 from which an array is split.
        let value = JSONValue.object([("items", .array((0..<1_500).map { .string("s\($0)") })), ("after", .bool(true))])
        let items = (0..<1_500).map { "    \"s\($0)\"" }.joined(separator: ",\n")
        #expect(value.serialized() == "{\n  \"items\": [\n\(items)\n  ],\n  \"after\": true\n}\n")
        // Nested long arrays inside a split one are written whole, in place.
        let nested = JSONValue.array((0..<600).map { row in .array((0..<600).map { .number(ExactDecimal(row * 1_000 + $0)) }) })
        let text = nested.serialized()
        let rows = text.split(separator: "\n")
        #expect(rows.count == 2 + 600 * 602)
        #expect(rows[2] == "    0," && rows[601] == "    599")
        #expect(rows[rows.count - 3] == "    599599" && rows[rows.count - 2] == "  ]" && rows.last == "]")
    }

    /// Ranges come back one result per range, in order, on any number of cores: the inventory reads
    /// its nine indexes by place. On one core `ranges` once gave one result for the whole count, and
    /// every review of a one-processor machine (a one-vCPU runner, `taskset -c 0`) ended in a trap.
    @Test func rangesGiveOneResultPerRangeOnAnyNumberOfCores() {
        for cores in [1, 2, 4] {
            #expect(Parallel.ranges(count: 9, chunk: 1, cores: cores) { $0 } == (0..<9).map { $0..<($0 + 1) })
            #expect(Parallel.ranges(count: 10, chunk: 4, cores: cores) { $0 } == [0..<4, 4..<8, 8..<10])
            #expect(Parallel.ranges(count: 3, chunk: 5, cores: cores) { $0 } == [0..<3])
            #expect(Parallel.ranges(count: 0, chunk: 5, cores: cores) { $0 } == [0..<0])
        }
    }

    /// The executable pinned to one core (`taskset -c 0`): the review's work on each block runs on
    /// the parser's thread in turn, the ranges one by one, and the output is what the review gives in
    /// this process, on two. Every review on one processor once ended in a trap. Skipped where
    /// `taskset` or the built executable is missing; CI has both (`swift test` builds the executable).
    @Test func theExecutableOnOneCoreReviewsAsInThisProcess() throws {
        let binary = repositoryPath(".build/debug/albgw-cost")
        guard ExternalTool.available("taskset"), FileManager.default.isExecutableFile(atPath: binary) else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("CI runs this with taskset and \(binary)") }
            return
        }
        let fixture = repositoryPath("Tests/HCLTests/Fixtures/tutorial/main.tf")
        for arguments in [["review", fixture], ["review", fixture, "--rps", "50", "--format", "json"], ["review", fixture, "--format", "sarif"]] {
            let here = CLI.run(arguments, environment: [:])
            let pinned = try ExternalTool.run("env", ["-i", "PATH=/usr/bin:/bin", "taskset", "-c", "0", binary] + arguments, input: "")
            #expect(pinned.status == here.exitCode, "\(arguments)")
            #expect(pinned.stdout == here.stdout, "\(arguments)")
            #expect(pinned.stderr == here.stderr, "\(arguments)")
            #expect(here.stdout.count > 1_000)
        }
    }

    /// An array whose elements are made as they are written reads as the same array made first,
    /// short (written in place) and long (split over the cores); each element is made once.
    @Test func elementsMadeAsTheyAreWrittenAreTheArray() {
        for count in [0, 3, 1_500] {
            let made = Counter()
            let lazy = JSONValue.object([
                (
                    "items",
                    .elements(count: count) { index in
                        made.add()
                        return .object([("n", .number(ExactDecimal(index))), ("s", .string("s\(index)"))])
                    }
                ), ("after", .bool(true)),
            ])
            let items = (0..<count).map { "    {\n      \"n\": \($0),\n      \"s\": \"s\($0)\"\n    }" }.joined(separator: ",\n")
            let expected = count == 0 ? "{\n  \"items\": [],\n  \"after\": true\n}\n" : "{\n  \"items\": [\n\(items)\n  ],\n  \"after\": true\n}\n"
            #expect(lazy.serialized() == expected)
            #expect(made.value == count)
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    @Test func piecesOfAMegabyteAreJoinedInOrderAndFreed() {
        // 40,000 strings of 60 characters: about 2.8 MB, so each core's half is cut into pieces of about
        // a megabyte; each element is found where a plain writer puts it.
        let words = (0..<40_000).map { String(format: "%08d", $0) + String(repeating: "w", count: 52) }
        let expected = "[\n" + words.map { "  \"\($0)\"" }.joined(separator: ",\n") + "\n]\n"
        #expect(expected.utf8.count > 2 << 20)
        #expect(JSONValue.array(words.map(JSONValue.string)).serialized() == expected)
        // Joining takes the pieces: each is freed once copied.
        var pieces: [[UInt8]] = [Array("ab".utf8), [], Array("c\n".utf8)]
        #expect(String(joining: &pieces) == "abc\n")
        #expect(pieces.isEmpty)
    }

    @Test func longTextsWrapLineByLine() {
        // Prose lines too long for 40 columns, short lines and marked table rows, over 1 MB: cut into a
        // piece per core. Each line wraps the same on its own.
        let mark = String(TextWrap.tableMark)
        var lines: [String] = []
        for index in 0..<24_000 {
            switch index % 3 {
            case 0: lines.append("  - item \(index) has a description that runs well past forty columns and wraps")
            case 1: lines.append("short \(index)")
            default: lines.append(mark + "  row \(index)  " + String(repeating: "x", count: 50))
            }
        }
        let expected = lines.map { TextWrap.lines($0 + "\n", width: 40) }.joined()
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 1 << 20)
        #expect(TextWrap.lines(text, width: 40) == expected)
        // Without a final line end, the last line is still wrapped and ended.
        #expect(TextWrap.lines(String(text.dropLast()), width: 40) == expected)
        // Wrapped from a text it empties, the same lines.
        var freed = text
        var pieces = TextWrap.pieces(freeing: &freed, width: 40)
        #expect(String(joining: &pieces) == expected)
        #expect(freed.isEmpty)
        // "  - item 0 has ..." hangs its continuation past "- ".
        #expect(expected.hasPrefix("  - item 0 has a description that runs\n    well past forty columns and wraps\nshort 1\n  row 2  xxxx"))
    }

    /// The table output writes a facts table straight into its bytes unless a cell holds a line end;
    /// such a table (a value read from the code with a newline, or the old table mark after one) goes
    /// through the wrapping, as the whole text does: the two give the same bytes, table or prose.
    @Test func factsWithLineEndsAreWrappedAsTheWholeTextIs() {
        let odd = [
            "10.0.0.0/16\n\u{E000}second line", "a value\nwhose second line is far longer than the forty columns it is printed in",
            "tab\there\r\nand a carriage return", "plain value that is long enough to be wrapped inside its cell",
        ]
        let designs = (0..<150).map { index in
            Recognition(
                design: nil, explanation: index % 7 == 0 ? "explained\nover two lines" : "instance \(index)",
                facts: [
                    .init(name: "region", value: "us-east-1", position: nil),
                    .init(name: index % 3 == 0 ? "odd" : "plain", value: odd[index % odd.count], position: SourcePosition(file: "main.tf", line: index + 1, column: 3)),
                ], unknowns: [])
        }
        let result = TerraformReviewResult(files: ["main.tf"], designs: designs, findings: [])
        for width in [40, 80] {
            var whole = ReviewRenderer.text(result, width: width)
            let expected = TextWrap.pieces(freeing: &whole, width: width)
            #expect(Array(ReviewRenderer.wrappedPieces(result, width: width).joined()) == Array(expected.joined()), "\(width)")
        }
    }

    /// A review's Markdown comes in pieces that end lines (a range of 64 instances, of 512 findings),
    /// in order, each instance and finding written as the report shows one.
    @Test func aLargeReviewsMarkdownIsWrittenInPieces() {
        let designs = (1...150).map { index in
            Recognition(
                design: nil, explanation: "instance \(index)",
                facts: [.init(name: "region", value: "us-east-1", position: SourcePosition(file: "main.tf", line: index, column: 3))],
                unknowns: [])
        }
        let findings = (1...600).map { index in
            ReviewFinding(
                rule: .undeclaredReference, severity: .low, position: SourcePosition(file: "main.tf", line: index, column: 7), message: "finding <\(index)>", fix: "fix \(index)")
        }
        let pieces = ReviewRenderer.markdownPieces(TerraformReviewResult(files: ["main.tf"], designs: designs, findings: findings))
        // The heading, 3 ranges of instances, the notes' heading, 2 ranges of findings.
        #expect(pieces.count == 7)
        #expect(pieces.allSatisfy { $0.last == UInt8(ascii: "\n") })
        let instances = (1...150).map { index in
            """
            ### Design \(index) of 150: `?`

            The code implements **none of the designs**: instance \(index).

            | Read from the code | Value | Where |
            |---|---|---|
            | region | us-east-1 | `main.tf:\(index):3` |


            """
        }
        // A finding's message in running Markdown: its `<` escaped.
        let listed = (1...600).map { "- **[low]** `main.tf:\($0):7`: finding \\<\($0)>. Fix: fix \($0).\n" }
        let expected = "## Terraform review\n\nFiles: `main.tf`.\n\n" + instances.joined() + "### Findings\n\nFindings, most severe first:\n\n" + listed.joined()
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == expected)
    }

    @Test func manyInstancesAreListedInOrder() {
        // 700 instances: past the 256 from which the instances are written in pieces.
        let designs = (1...700).map { index in
            Recognition(design: nil, explanation: "instance \(index)", facts: [.init(name: "region", value: "us-east-1", position: nil)], unknowns: [])
        }
        let text = ReviewRenderer.text(TerraformReviewResult(files: ["main.tf"], designs: designs, findings: []), width: 120)
        // "Read from the code" is 18 columns, "us-east-1" 9, "Where" 5; two spaces between; indent 5.
        let listed = (1...700).map { index in
            """
              \(index). ?: none of the designs (instance \(index))
                 Read from the code  Value      Where
                 ------------------  ---------  -----
                 region              us-east-1  -

            """
        }.joined()
        #expect(text == "Terraform review of main.tf\n  Designs: 700 instances\n" + listed + "  Findings: none\n")
    }

    @Test func aLargeConfigurationIsIndexedByType() {
        // 12,000 blocks: past the 10,000 from which the index by kind and type is built on another core.
        let types = ["aws_lb", "aws_vpc", "aws_lambda_function"]
        let blocks = (0..<12_000).map { index in
            TerraformBlock(
                kind: index % 4 == 3 ? "data" : "resource", labels: [types[index % 3], "r\(index)"], attributes: [:], blocks: [],
                position: SourcePosition(file: "main.tf", line: index + 1, column: 1))
        }
        let config = TerraformConfiguration(files: ["main.tf"], blocks: blocks)
        // Index i is a data source when i % 4 == 3, of type i % 3: over 12 consecutive indexes, each type
        // is a data source once and a resource three times.
        #expect(config.resources("aws_lb").count == 3_000 && config.data("aws_lb").count == 1_000)
        #expect(config.resources("aws_vpc").map(\.labels[1]).prefix(3) == ["r1", "r4", "r10"])
        #expect(config.data("aws_lambda_function").map(\.labels[1]).prefix(2) == ["r11", "r23"])
    }

    /// The designs of a large configuration are recognised and reviewed on every core, in ranges of
    /// ALBs: they come back in source order, each with its own parts, and each instance's findings are
    /// its own. 150 copies of one design (past the 16 ALBs of a range); every third copy's endpoint is
    /// in one subnet while its ALB spans two AZs, which the review reports for that copy alone. The
    /// table output, written and wrapped in ranges of 64 instances, is the whole text wrapped at once.
    @Test func designsOfALargeConfigurationAreRecognisedInSourceOrder() throws {
        let directory = try emptyDirectory("albgw-parallel-designs")
        defer { try? FileManager.default.removeItem(at: directory) }
        let copies = 150
        let narrow = Set(stride(from: 0, to: copies, by: 3))
        var text = "provider \"aws\" {\n  region = \"us-west-2\"\n}\n"
        for i in 0..<copies {
            text += """

                resource "aws_subnet" "a\(i)" {
                  availability_zone = "us-west-2a"
                }
                resource "aws_subnet" "b\(i)" {
                  availability_zone = "us-west-2b"
                }
                resource "aws_lb" "lb\(i)" {
                  subnets = [aws_subnet.a\(i).id, aws_subnet.b\(i).id]
                }
                resource "aws_lb_listener" "l\(i)" {
                  load_balancer_arn = aws_lb.lb\(i).arn
                  default_action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.g\(i).arn
                  }
                }
                resource "aws_lb_target_group" "g\(i)" {
                  target_type = "ip"
                  protocol    = "HTTPS"
                  port        = 443
                }
                resource "aws_lb_target_group_attachment" "t\(i)" {
                  target_group_arn = aws_lb_target_group.g\(i).arn
                  target_id        = data.aws_network_interface.n\(i).private_ip
                }
                data "aws_network_interface" "n\(i)" {
                  id = one(aws_vpc_endpoint.e\(i).network_interface_ids)
                }
                resource "aws_vpc_endpoint" "e\(i)" {
                  service_name      = "com.amazonaws.us-west-2.execute-api"
                  vpc_endpoint_type = "Interface"
                  subnet_ids        = \(narrow.contains(i) ? "[aws_subnet.a\(i).id]" : "[aws_subnet.a\(i).id, aws_subnet.b\(i).id]")
                }
                resource "aws_api_gateway_rest_api" "api\(i)" {
                  endpoint_configuration {
                    types            = ["PRIVATE"]
                    vpc_endpoint_ids = [aws_vpc_endpoint.e\(i).id]
                  }
                  policy = jsonencode({ Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.e\(i).id } } })
                }

                """
        }
        try text.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        let inventory = Inventory(config)
        let (designs, _) = DesignRecognizer.recognize(inventory)
        #expect(designs.map(\.front) == (0..<copies).map { "aws_lb.lb\($0)" })
        #expect(designs.map(\.parts.endpoint) == (0..<copies).map { "aws_vpc_endpoint.e\($0)" })
        #expect(designs.map(\.parts.api) == (0..<copies).map { "aws_api_gateway_rest_api.api\($0)" })
        #expect(designs.map(\.vpceSubnets) == (0..<copies).map { narrow.contains($0) ? 1 : 2 })
        let findings = TerraformReview.review(inventory, designs: designs).filter { $0.rule == .endpointFewerSubnets }
        #expect(Set(findings.map { $0.message.prefix { $0 != " " } }) == Set(narrow.map { "aws_vpc_endpoint.e\($0)" }))
        #expect(findings.count == narrow.count)

        let result = TerraformReviewResult(files: config.files, designs: designs, findings: TerraformReview.review(inventory, designs: designs))
        let pieces = ReviewRenderer.wrappedPieces(result, width: 80)
        var whole = ReviewRenderer.text(result, width: 80)
        #expect(whole.contains("  150. aws_lb.lb149: alb-vpce-apigw-lambda"))
        let expected = TextWrap.pieces(freeing: &whole, width: 80)
        #expect(pieces.count > 3)
        #expect(Array(pieces.joined()) == Array(expected.joined()))
    }

    /// References to what is not declared are checked in ranges of 512 blocks on every core; each is
    /// reported once, where first met, local values first, as one pass over the blocks in order would.
    @Test func undeclaredReferencesAreReportedOnceWhereFirstMet() throws {
        let directory = try emptyDirectory("albgw-parallel-references")
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = ""
        for i in 0..<1_200 {
            text += "resource \"aws_s3_bucket\" \"b\(i)\" {\n  bucket = aws_lb.missing.arn\n"
            if i % 400 == 399 { text += "  tags = { n = var.nothing\(i) }\n" }
            text += "}\n"
        }
        // Lines 1 to 3,603 hold the buckets; the local value comes last, and is reported first.
        text += "locals {\n  x = aws_lb.missing.id\n}\n"
        try text.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        let found = TerraformReview.referenceFindings(config)
        #expect(found.map(\.rule) == Array(repeating: .undeclaredReference, count: 4))
        // Bucket i starts at line 3i + 1 plus one line for each tagged bucket before it; its tags line
        // is its third, and var. starts in column 16.
        #expect(found.map { "\($0.position)" } == ["main.tf:3605:7", "main.tf:\(3 * 399 + 3):16", "main.tf:\(3 * 799 + 1 + 3):16", "main.tf:\(3 * 1_199 + 2 + 3):16"])
        #expect(found[0].message.hasPrefix("local.x refers to aws_lb.missing, which no file declares"))
        #expect(found.dropFirst().map { $0.message.prefix(50) } == [399, 799, 1_199].map { "aws_s3_bucket.b\($0) refers to var.nothing\($0), which".prefix(50) })
    }
}
