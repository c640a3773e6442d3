import Foundation
import Testing
@testable import HCL

/// `HCLParser.parse(_:path:each:)`: the same tree as `parse(_:path:)`, with every top-level item
/// handed to the caller in source order while the rest parses; errors as before.
@Suite("Parsing with each top-level item handed over")
struct StreamingParseTests {
    @Test func theTutorialParsesAsBeforeAndEveryItemIsHandedOverInOrder() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath("tutorial/main.tf")))
        let plain = try HCLParser.parse(data, path: "main.tf")
        var handed: [BodyItem] = []
        let streamed = try HCLParser.parse(data, path: "main.tf") { handed.append($0) }
        #expect(streamed == plain)
        #expect(handed == plain.body.items)
        // Text already decoded (`HCLParser.text`, which frees the bytes first) parses the same.
        var fromText: [BodyItem] = []
        #expect(try HCLParser.parse(HCLParser.text(data, path: "main.tf"), path: "main.tf") { fromText.append($0) } == plain)
        #expect(fromText == plain.body.items)
        // 29 resources, 3 data sources, 3 variables, 2 providers, an output and terraform: more than
        // one batch of handed-over items would be needed only for larger files, so also a large one.
        #expect(handed.count == 39)
        let large = String(repeating: "locals {\n  a = 1\n}\n", count: 1_000) + "x = [1, 2]\n"
        var count = 0
        var last: BodyItem?
        let file = try HCLParser.parse(Data(large.utf8), path: "large.tf") { item in
            count += 1
            last = item
        }
        #expect(count == 1_001)
        #expect(last == file.body.items.last)
        if case .attribute(let attribute)? = last { #expect(attribute.name == "x") } else { Issue.record("the last item is the attribute x") }
    }

    /// A caller may keep less than the parser read: the body holds what `keeping` returns, and a
    /// block or expression kept as where it is written parses again into the tree first read.
    @Test func whatIsKeptIsWhatTheCallerReturnsAndSpansParseAgainAsBefore() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath("tutorial/main.tf")))
        let plain = try HCLParser.parse(data, path: "main.tf")
        let text = try HCLParser.text(data, path: "main.tf")
        let onlyVariables = try HCLParser.parse(text, path: "main.tf") { item in
            if case .block(let block) = item, block.type == "variable" { return item }
            return nil
        }
        #expect(onlyVariables.body.items == plain.body.items.filter { if case .block(let block) = $0 { block.type == "variable" } else { false } })
        #expect(onlyVariables.body.items.count == 3)
        #expect(onlyVariables.body.range == plain.body.range)
        #expect(spansParseAgain(plain.body, in: text, path: "main.tf") > 100)
        // A span that is not one expression (cut short, or two of them) is nothing.
        let first = try #require(plain.body.blocks.first { $0.type == "resource" }?.body.attributes.first?.expression.range)
        #expect(HCLParser.expression(in: text, path: "main.tf", from: first.start, to: first.end.offset - 1) == nil || first.end.offset - first.start.offset == 1)
        #expect(HCLParser.expression(in: text, path: "main.tf", from: first.start, to: text.utf8.count + 1) == nil)
        #expect(HCLParser.expression(in: "a = x\nb = y\n", path: "two.tf", from: SourcePoint(line: 1, column: 5, offset: 4), to: 11) == nil)
    }

    /// Over many batches, the caller's batches go back to the parser's thread to be freed while it
    /// parses on: what the caller keeps is the tree first read, in order, whatever went back with it.
    @Test func aLargeFileKeepsWhatTheCallerReturnsAcrossBatches() throws {
        // 2,000 blocks: 31 full batches of 64 and one of 16, far more than the four that may wait for
        // the caller at once.
        let text = (0..<2_000).map { "resource \"aws_lb\" \"b\($0)\" {\n  name = \"n\($0)\"\n  subnets = [aws_subnet.s\($0 % 7).id]\n}\n" }.joined()
        let plain = try HCLParser.parse(Data(text.utf8), path: "many.tf")
        var seen = 0
        let kept = try HCLParser.parse(text, path: "many.tf") { item in
            seen += 1
            return seen % 7 == 0 ? item : nil
        }
        #expect(seen == 2_000)
        // Every seventh block, 285 of them: b6, b13, ... b1994.
        let expected = stride(from: 6, to: 2_000, by: 7).map { "b\($0)" }
        #expect(kept.body.blocks.map { $0.labels[1] } == expected)
        #expect(kept.body.items == plain.body.items.enumerated().filter { ($0.offset + 1) % 7 == 0 }.map(\.element))
    }

    /// On one core the caller's work on each item runs on the parser's thread, in turn with the
    /// parsing (`inTurn`): the same items in the same order, the same kept, the same error after the
    /// same items when the file does not parse.
    @Test func onOneCoreTheItemsAreHandedOverInTurnWithTheSameResult() throws {
        let blocks = (0..<300).map { "resource \"aws_lb\" \"b\($0)\" {\n  subnets = [aws_subnet.s\($0 % 7).id]\n}\n" }
        let text = (blocks + ["variable \"v\" {}\n"]).joined()
        let rule = SkimRule(blockTypes: ["resource"], minimumLabels: 2)
        var results: [[String]] = []
        for inTurn in [false, true] {
            var seen: [String] = []
            let file = try HCLParser.parse(text, path: "turns.tf", skimming: rule, inTurn: inTurn) { item in
                switch item {
                case .skimmed(let skimmed): seen.append("skimmed \(skimmed.block.labels[1])")
                case .item(let item): seen.append("item \(item.position.line)")
                }
                return seen.count % 50 == 0 ? nil : { if case .item(let item) = item { item } else { nil } }()
            }
            #expect(file.body.items.count == 1 && file.body.blocks.first?.type == "variable")
            results.append(seen)
            // A file that stops parsing half-way: the items before the error, then the error.
            var before = 0
            #expect(throws: HCLError.self) {
                try HCLParser.parse(blocks[0..<120].joined() + "resource \"x\" {\n  = 1\n}\n", path: "broken.tf", skimming: rule, inTurn: inTurn) { _ in
                    before += 1
                    return nil
                }
            }
            #expect(before == 120)
        }
        #expect(results[0] == results[1])
        #expect(results[1].count == 301 && results[1][0] == "skimmed b0" && results[1][299] == "skimmed b299" && results[1][300] == "item 901")
    }

    /// Spans parse again with the file's own positions past a byte order mark, CRLF line ends, tabs,
    /// non-ASCII text, heredocs, directives and expressions over several lines.
    @Test func spansParseAgainAfterBOMsCRLFsAndHeredocs() throws {
        let lines = [
            "\u{FEFF}locals {",
            "\tnamé = \"été ${var.x}\"",
            "  policy = <<-EOT",
            "    {\"a\": \"%{ if var.y }b%{ else }c%{ endif }\"}",
            "    EOT",
            "  list = [",
            "    aws_subnet.a.id,",
            "    \"ü\",",
            "  ]",
            "  cond = var.z ? (1 + 2) : [for s in var.s : upper(s) if s != \"\"]",
            "}",
            "resource \"aws_lb\" \"x\" {",
            "  subnets = local.list",
            "}",
        ]
        for separator in ["\n", "\r\n"] {
            let text = lines.joined(separator: separator) + separator
            let file = try HCLParser.parse(Data(text.utf8), path: "odd.tf")
            #expect(spansParseAgain(file.body, in: text, path: "odd.tf") == 5)
        }
    }

    /// Checks that every block and attribute expression of `body` parses again from `text` into the
    /// tree first read, ranges included; returns how many expressions it checked.
    private func spansParseAgain(_ body: Body, in text: String, path: String) -> Int {
        var checked = 0
        for item in body.items {
            switch item {
            case .attribute(let attribute):
                let range = attribute.expression.range
                #expect(HCLParser.expression(in: text, path: path, from: range.start, to: range.end.offset) == attribute.expression)
                checked += 1
            case .block(let block):
                #expect(HCLParser.block(in: text, path: path, range: block.range) == block)
                checked += spansParseAgain(block.body, in: text, path: path)
            }
        }
        return checked
    }

    @Test func anErrorIsThrownAfterTheItemsBeforeIt() throws {
        let text = "a = 1\nb = 2\nc = \n"
        var names: [String] = []
        #expect(throws: HCLError.self) {
            _ = try HCLParser.parse(Data(text.utf8), path: "bad.tf") { item in
                if case .attribute(let attribute) = item { names.append(attribute.name) }
            }
        }
        #expect(names == ["a", "b"])
        // The message is the one the plain parse gives.
        var plain = ""
        var streamed = ""
        do { _ = try HCLParser.parse(Data(text.utf8), path: "bad.tf") } catch { plain = "\(error)" }
        do { _ = try HCLParser.parse(Data(text.utf8), path: "bad.tf") { _ in } } catch { streamed = "\(error)" }
        #expect(!plain.isEmpty && plain == streamed)
        #expect(throws: HCLError.self) { _ = try HCLParser.parse(Data([0x61, 0x20, 0x3D, 0x20, 0xFF]), path: "bin.tf") { _ in } }
    }

    /// References without an evaluator are those with one, unless an index key needs a value.
    @Test(arguments: [
        ("aws_lb.x.arn", true),
        ("aws_lb.x[0].arn", true),
        ("aws_lb.x[\"a\"].arn", true),
        ("[for s in var.subnets : aws_subnet.a[s].id]", true),
        ("aws_lb.x[var.i].arn", false),
        ("\"${aws_lb.x[local.k].arn}\"", false),
        ("aws_lb.x[*].arn", true),
    ])
    func referencesWithoutValues(text: String, complete: Bool) throws {
        let expression = try expr(text)
        var withoutValues: [String] = []
        let found = expression.forEachReferenceWithoutValues { root, steps, _ in
            withoutValues.append(Reference(root: root, steps: steps, range: expression.range).description)
        }
        #expect(found == complete)
        let withEvaluator = expression.references(resolvingIndexesWith: Evaluator()).map(\.description)
        // With an evaluator that knows no values the keys stay unresolved too: the same references.
        #expect(withoutValues == withEvaluator)
    }
}

/// The lexer hands its tokens over a chunk at a time, cut at newlines between top-level items. Cut
/// at every place it may cut (a chunk of one token) and every few, the parse must give what lexing
/// the whole file at once gives: the same tree, or the same error. Over the fixtures and 600 seeded
/// mutations of them (broken strings, brackets and heredocs move where the lexer may cut).
@Suite("Tokens in chunks")
struct ChunkedTokenTests {
    /// On the parser's own thread and its stack, as every parse runs (mutations nest deeply).
    static func outcome(_ bytes: [UInt8], chunk: Int?) -> String {
        (try? HCLParser.onParserThread {
            bytes.withUnsafeBufferPointer { buffer in
                do {
                    let body = try HCLParser.parse(bytes: buffer, path: "chunks.tf", tokenChunk: chunk)
                    return "parsed \(body.hashValue) \(body.items.count)"
                } catch {
                    return "error \(error)"
                }
            }
        }) ?? "no result"
    }

    @Test func chunkedTokensParseAsTheWholeFile() throws {
        var inputs = [try fixture("tutorial/main.tf"), try fixture("blog/main.tf")].map { Array($0.utf8) }
        inputs.append(Array("a = 1\nb = [\n1,\n2\n]\nc = <<EOT\nx\n\nEOT\nd { e = 1 }\nf = \"${\n1}\"\n".utf8))
        inputs.append(Array("a = 1\n)\nb = 2\nc = 3\n".utf8))
        inputs.append(Array("a = 1\n}\nb = 2\n".utf8))
        inputs.append(Array("a = x ?\n1 : 2\nb = 3\n".utf8))
        let fuzzer = Fuzzer(seed: 20_261_201, corpus: [try fixture("tutorial/main.tf"), try fixture("blog/main.tf")])
        inputs += (0..<600).map { fuzzer.input($0) }
        var parsed = 0
        for (number, input) in inputs.enumerated() {
            let whole = Self.outcome(input, chunk: nil)
            if whole.hasPrefix("parsed") { parsed += 1 }
            for chunk in [1, 2, 7, 64] {
                let chunked = Self.outcome(input, chunk: chunk)
                if chunked != whole {
                    Issue.record("input \(number), chunks of \(chunk): \(chunked) instead of \(whole)")
                    break
                }
            }
        }
        #expect(parsed > 80)
    }
}
