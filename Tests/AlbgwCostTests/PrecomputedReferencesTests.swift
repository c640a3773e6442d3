import Foundation
import HCL
import Testing

@testable import AlbgwCost

/// The root module's references are worked out while its files parse (`PrecomputedReferences`);
/// what the review reads must be what working them out at conversion gives. The expected references
/// are written out here: what each expression names, and what the local it reads stands for.
@Suite struct PrecomputedReferencesTests {
    @Test func rootReferencesAreThoseWrittenAndThoseOfWhatTheyRead() throws {
        let directory = try emptyDirectory("albgw-precomputed")
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        locals {
          subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
        }

        variable "i" {
          default = 1
        }

        resource "aws_subnet" "a" {}
        resource "aws_subnet" "b" {}
        resource "aws_security_group" "sg" {
          count = 2
        }

        resource "aws_lb" "x" {
          subnets         = local.subnet_ids
          name            = "lb-${var.i}"
          security_groups = [aws_security_group.sg[var.i].id, "sg-1"]
          tags            = { Name = "x" }
          access_logs {
            bucket = aws_s3_bucket.logs.id
          }
        }

        resource "aws_s3_bucket" "logs" {}

        resource "aws_security_group" "z" {
          description = join(",", local.subnet_ids)
        }

        """.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        // A file in Terraform's JSON syntax is not read while it parses: its references are worked out
        // at conversion, not taken for none.
        try #"{"resource": {"aws_lb_listener": {"l": {"load_balancer_arn": "${aws_lb.x.arn}"}}}}"#
            .write(to: directory.appendingPathComponent("listener.tf.json"), atomically: true, encoding: .utf8)

        let config = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        let lb = try #require(config.block(address: "aws_lb.x"))
        func texts(_ expression: TerraformExpression?) -> [String] { expression?.references.map(\.text) ?? ["(no attribute)"] }
        // What the local stands for follows it.
        #expect(texts(lb["subnets"]) == ["local.subnet_ids", "aws_subnet.a.id", "aws_subnet.b.id"])
        #expect(texts(lb["name"]) == ["var.i"])
        // An index key that needs a value (var.i, 1 by default) is resolved at conversion.
        #expect(texts(lb["security_groups"]) == ["aws_security_group.sg[1].id", "var.i"])
        #expect(lb["security_groups"]?.elements?.map(texts) == [["aws_security_group.sg[1].id", "var.i"], []])
        #expect(texts(lb["tags"]) == [])
        #expect(texts(lb.blocks.first { $0.kind == "access_logs" }?["bucket"]) == ["aws_s3_bucket.logs.id"])
        // Converted while the file parsed, a block that reads a local is converted again so that what
        // the local stands for follows.
        #expect(texts(config.block(address: "aws_security_group.z")?["description"]) == ["local.subnet_ids", "aws_subnet.a.id", "aws_subnet.b.id"])
        let listener = try #require(config.block(address: "aws_lb_listener.l"))
        #expect(texts(listener["load_balancer_arn"]) == ["aws_lb.x.arn"])
    }

    /// A directory with an override file is not read ahead (an override changes blocks of other files):
    /// the same configuration with an override file that changes nothing is the oracle. Blocks
    /// converted ahead must equal those converted after parsing: kind, labels, every attribute's text,
    /// position, value, references and elements, nested blocks, position, module and key.
    @Test(arguments: ["Tests/HCLTests/Fixtures/tutorial", "Tests/HCLTests/Fixtures/blog", "Tests/AlbgwCostTests/Fixtures/terraform/modules/alb-module"])
    func blocksConvertedAheadAreThoseConvertedAfter(fixture: String) throws {
        let source = URL(fileURLWithPath: repositoryPath(fixture))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-ahead-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ahead = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        try "# changes nothing\n".write(to: directory.appendingPathComponent("nothing_override.tf"), atomically: true, encoding: .utf8)
        let after = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        #expect(ahead.blocks.count > 10)
        #expect(ahead.blocks.count == after.blocks.count)
        for (left, right) in zip(ahead.blocks, after.blocks) {
            #expect(left == right, "\(left.address)")
        }
    }

    /// The same with a byte order mark and CRLF line ends: positions, texts and values of blocks
    /// converted ahead, read again from the text, are those of blocks converted after.
    @Test func blocksConvertedAheadFromACRLFFileWithAMarkAreThoseConvertedAfter() throws {
        let text = try String(contentsOfFile: repositoryPath("Tests/HCLTests/Fixtures/tutorial/main.tf"), encoding: .utf8)
        let directory = try emptyDirectory("albgw-ahead-crlf")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: directory.appendingPathComponent("main.tf"))
        let ahead = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        try "# changes nothing\n".write(to: directory.appendingPathComponent("nothing_override.tf"), atomically: true, encoding: .utf8)
        let after = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        #expect(ahead.blocks.count > 30 && ahead.blocks.count == after.blocks.count)
        for (left, right) in zip(ahead.blocks, after.blocks) { #expect(left == right, "\(left.address)") }
        // The API's name, on line 275 of the tutorial, column 12 (after `    name = `).
        let name = try #require(ahead.block(address: "aws_api_gateway_rest_api.private_api")?["name"])
        #expect(name.position.line == 275 && name.position.column == 12 && name.value == .string("private_api") && name.text == "\"private_api\"")
    }

    /// An override file reviewed on its own is not read ahead: its blocks override the other
    /// files' (none, for a file alone), as Terraform reads them, and are not taken as written.
    @Test func anOverrideFileAloneIsNotReadAhead() throws {
        let directory = try emptyDirectory("albgw-override-alone")
        defer { try? FileManager.default.removeItem(at: directory) }
        try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/alb-lambda.tf"), encoding: .utf8)
            .write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try "resource \"aws_lb\" \"api\" {\n  internal = false\n}\n\nvariable \"v\" {}\n"
            .write(to: directory.appendingPathComponent("x_override.tf"), atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory.appendingPathComponent("x_override.tf").path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("x_override.tf:1:1: the override file's resource \"aws_lb\" \"api\" overrides nothing"), "\(result.stderr)")
    }

    /// A plain literal is read from its text without parsing it again: its value is the
    /// evaluator's; anything else is left to the evaluator (nil).
    @Test func plainLiteralsAreTheEvaluatorsValues() throws {
        let plain = ["\"abc\"", "\"\"", "\"a b-c_d.e/f:g*\"", "443", "0", "123456789012345678", "true", "false"]
        let other = ["007", "1234567890123456789", "1.5", "-1", "True", "\"é\"", "\"${x}\"", "\"a\\\"b\"", "\"100%\"", "\"$\"", "\"a\" == \"b\"", "x"]
        for text in plain + other {
            let literal = Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.plainLiteral($0) }
            guard plain.contains(text) else {
                #expect(literal == nil, "\(text)")
                continue
            }
            let expression = try #require(try HCLParser.parse("a = \(text)\n", path: "l.tf").body.attributes.first?.expression)
            #expect(literal != nil && literal == Evaluator().value(of: expression).map(HCLAdapter.convert), "\(text)")
        }
    }

    /// A quoted template of variables is worked out from its text without parsing it again:
    /// `"${var.region}a"` is `us-west-2a`, and what the evaluator gives; with a variable that has no
    /// value, it has none, as the evaluator says; anything else is left to the evaluator (nil).
    @Test func variableTemplatesAreTheEvaluatorsValues() throws {
        let variables: [String: HCL.Value] = ["region": .string("us-west-2"), "env-name": .string("prod"), "_x1": .string(""), "n": .number(2), "u": .unknown]
        let known: [(String, String)] = [
            ("\"${var.region}a\"", "us-west-2a"), ("\"${var.region}\"", "us-west-2"), ("\"x-${var.env-name}-${var.region}c\"", "x-prod-us-west-2c"),
            ("\"${var._x1}${var._x1}\"", ""), ("\"plain\"", "plain"),
        ]
        // A variable without a value, or with an unknown one: the template has none (and the rest of
        // it is still read: a number among them still needs the evaluator).
        let unknown = ["\"${var.u}a\"", "\"${var.missing}a\"", "\"${var.u}\"", "\"${var.region}-${var.missing}\""]
        let other = [
            "\"${var.n}\"", "\"${var.u}${var.n}\"", "\"${ var.region }a\"", "\"$${var.region}\"", "\"${var.region\"", "\"${var.}a\"",
            "\"${local.region}a\"", "\"${var.region.x}\"", "\"${var.1a}\"", "\"%{if true}a%{endif}\"", "\"${var.region}\\n\"", "\"${var.region}é\"", "var.region",
            "\"${var.region}a\" == \"x\"", "\"$\"", "\"",
        ]
        let evaluator = Evaluator(variables: variables)
        for (text, value) in known {
            let fast = Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.variableTemplate($0, variables: variables) }
            #expect(fast == .known(.string(value)), "\(text)")
            let expression = try #require(try HCLParser.parse("a = \(text)\n", path: "t.tf").body.attributes.first?.expression)
            #expect(evaluator.value(of: expression).map(HCLAdapter.convert) == .string(value), "\(text)")
        }
        for text in unknown {
            #expect(Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.variableTemplate($0, variables: variables) } == .unknown, "\(text)")
            let expression = try #require(try HCLParser.parse("a = \(text)\n", path: "t.tf").body.attributes.first?.expression)
            #expect(evaluator.value(of: expression) == nil, "\(text)")
            #expect(Evaluator(variables: variables, partialUnknowns: true).value(of: expression) == nil, "\(text)")
        }
        for text in other {
            #expect(Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.variableTemplate($0, variables: variables) } == nil, "\(text)")
        }
    }

    /// A plain reference to a resource, data source or module has no value the evaluator knows: read
    /// from its text as such; one whose first name is a variable, a local or in the evaluator's scope,
    /// or anything but names joined by dots, is left to the evaluator (nil).
    @Test func plainReferencesAreUnknownAsTheEvaluatorSays() throws {
        let scope: [String: HCL.Value] = ["each": .object(["key": .string("a")]), "count": .object(["index": .number(0)])]
        let evaluator = Evaluator(variables: ["v": .string("x")], locals: ["l": .string("y")], scope: scope)
        let unknown = ["data.aws_network_interface.nic1.private_ip", "aws_lb.api.arn", "module.vpc.private_subnets", "aws_subnet.a-b_2.id", "path.module"]
        let other = [
            "var.v", "local.l", "each.key", "count.index", "aws_lb", "aws_lb.api[0].arn", "aws_lb.0.arn", "aws_lb.api.", ".api", "aws_lb..api", "true.x", "null.x", "a.b c",
            "a.b+1", "\"a\"",
        ]
        for text in unknown {
            #expect(Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.read($0, evaluator: evaluator) } == .unknown, "\(text)")
            let expression = try #require(try HCLParser.parse("a = \(text)\n", path: "r.tf").body.attributes.first?.expression)
            #expect(evaluator.value(of: expression) == nil, "\(text)")
        }
        for text in other {
            let read = Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.unknownReference($0, scope: scope) }
            #expect(read == nil, "\(text)")
        }
        // A module's evaluator has `module`, `path` and `terraform` in its scope, and may know them.
        let moduleScope: [String: HCL.Value] = ["module": .object(["vpc": .object(["private_subnets": .list([.string("subnet-1")])])]), "path": .object([:])]
        for text in ["module.vpc.private_subnets", "path.module"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { TerraformExpression.unknownReference($0, scope: moduleScope) } == nil, "\(text)")
        }
        // A tuple is read from its elements' texts when all of them tell their values.
        let config = try TerraformReviewTests().config(
            "variable \"region\" {\n  default = \"us-west-2\"\n}\n\nresource \"aws_x\" \"y\" {\n  t = [\"PRIVATE\", 2, \"${var.region}a\"]\n  u = [\"a\", aws_lb.api.arn]\n  w = []\n}\n"
        )
        let block = try #require(config.block(address: "aws_x.y"))
        #expect(block["t"]?.value == .list([.string("PRIVATE"), .number(2), .string("us-west-2a")]))
        #expect(block["t"]?.count == 3 && block["u"]?.count == 2)
        #expect(block["w"]?.value == .list([]))
    }

    /// A block converted ahead is not kept by its file: it was skimmed, read without syntax trees.
    /// Which ones, counted from the parser's own tree of the file: resources and data sources without
    /// `count`, `for_each` or a `dynamic` block. The others stay as parsed.
    @Test func blocksConvertedAheadAreNotKeptByTheirFile() throws {
        let path = repositoryPath("Tests/HCLTests/Fixtures/tutorial/main.tf")
        let parsed = try HCLParser.parse(Data(contentsOf: URL(fileURLWithPath: path)), path: "main.tf")  // named as the review names it
        func plain(_ block: HCL.Block) -> Bool {
            ["resource", "data"].contains(block.type) && block.attribute(named: "count") == nil && block.attribute(named: "for_each") == nil
                && block.body.blocks.allSatisfy { $0.type != "dynamic" }
        }
        #expect(parsed.body.blocks.filter(plain).count > 20)
        let (config, texts) = try TerraformLoader.loadWithTexts(path, inputs: VariableInputs())
        let kept = try #require(texts.files.first).syntax.body.blocks
        #expect(kept == parsed.body.blocks.filter { !plain($0) })
        #expect(kept.contains { $0.type == "variable" })
        // Their expressions are read from the text: the API's name is the literal written, where written.
        let api = try #require(config.block(address: "aws_api_gateway_rest_api.private_api"))
        let written = try #require(parsed.body.blocks.first { $0.labels == ["aws_api_gateway_rest_api", "private_api"] }?.attribute(named: "name"))
        #expect(api["name"]?.text == parsed.sourceText(of: written.expression))
        #expect(api["name"]?.value == .string("private_api"))
        #expect(api["name"]?.position.line == written.expression.position.line)
        #expect(api["name"]?.position.column == written.expression.position.column)
    }

    /// A reference met again while a file is read is found by the hash of its text without the text
    /// being built: it is the reference built from the same pieces, in one box per text, and
    /// references whose texts differ only where the pieces join are told apart.
    @Test func sharedReferencesAreThoseBuiltFromTheirPieces() {
        typealias Step = TerraformReference.Step
        let pieces: [(root: String, steps: [Step], module: String, text: String)] = [
            ("aws_lb", [.attribute("x"), .attribute("arn")], "", "aws_lb.x.arn"),
            ("aws_lb", [.attribute("x"), .key("[0]"), .attribute("arn")], "", "aws_lb.x[0].arn"),
            ("aws_lb", [.attribute("x"), .key("[\"a\"]")], "module.m.", "module.m.aws_lb.x[\"a\"]"),
            ("data", [.attribute("aws_vpc"), .attribute("v"), .attribute("id")], "", "data.aws_vpc.v.id"),
            ("var", [.attribute("region")], "", "var.region"),
            ("aws_lbx", [.attribute("arn")], "", "aws_lbx.arn"),
            ("aws_lb", [.attribute("xarn")], "", "aws_lb.xarn"),
            ("aws_lb", [], "", "aws_lb"),
            ("aws_lb", [.attribute("x"), .attribute("arn")], "module.m.", "module.m.aws_lb.x.arn"),
            // Longer than a word of eight bytes, told apart by a byte past the first word, and by the last.
            ("aws_lb_target_group", [.attribute("public_alb_1"), .attribute("arn")], "", "aws_lb_target_group.public_alb_1.arn"),
            ("aws_lb_target_group", [.attribute("public_alb_2"), .attribute("arn")], "", "aws_lb_target_group.public_alb_2.arn"),
            ("aws_lb_target_grouP", [.attribute("public_alb_1"), .attribute("arn")], "", "aws_lb_target_grouP.public_alb_1.arn"),
            ("aws_lb_target_group", [.attribute("public_alb_1"), .attribute("arN")], "", "aws_lb_target_group.public_alb_1.arN"),
        ]
        let shared = SharedReferences()
        let first = pieces.map { shared.alone(root: $0.root, steps: $0.steps, module: $0.module)[0] }
        for (piece, reference) in zip(pieces, first) {
            #expect(reference == TerraformReference(root: piece.root, steps: piece.steps, module: piece.module))
            #expect(reference.text == piece.text)
            #expect(reference.module == piece.module)
        }
        // Met again: the same box.
        for (piece, reference) in zip(pieces, first) {
            #expect(shared.alone(root: piece.root, steps: piece.steps, module: piece.module)[0].sharesBox(with: reference), "\(piece.text)")
        }
        #expect(Set(first.map(\.text)).count == pieces.count)
        // Every byte counts in the hash: these texts, which differ in one byte here and there, hash apart.
        #expect(Set(pieces.map { TerraformReference.textHash(root: $0.root, steps: $0.steps, module: $0.module) }).count == pieces.count)
        // Texts whose hashes meet are each built from their own pieces: the first keeps the place.
        let colliding = SharedReferences(hash: { _, _, _ in 7 })
        let built = pieces.map { colliding.alone(root: $0.root, steps: $0.steps, module: $0.module)[0] }
        #expect(built.map(\.text) == pieces.map(\.text))
        #expect(colliding.alone(root: pieces[0].root, steps: pieces[0].steps, module: pieces[0].module)[0].sharesBox(with: built[0]))
        #expect(!colliding.alone(root: pieces[1].root, steps: pieces[1].steps, module: pieces[1].module)[0].sharesBox(with: built[1]))
        // A hash met twice is compared piece by piece: each reference has its own pieces' text only.
        for (index, reference) in first.enumerated() {
            for (other, piece) in pieces.enumerated() {
                #expect(reference.hasText(root: piece.root, steps: piece.steps, module: piece.module) == (index == other), "\(reference.text) vs \(piece.text)")
            }
        }
    }

    /// The table shared references are kept in by their hash finds each list by its hash, through
    /// its growth from 64 slots, and nothing for a hash it does not hold: hashes that are small,
    /// apart only in their high bits, zero and all ones, and a run of neighbours.
    @Test func hashedListsFindEveryListTheyHoldAndNoOther() {
        var hashes: [UInt64] = [0, .max, 1, 2, 3]
        hashes += (1...2000).map { UInt64($0) << 44 }
        hashes += (0..<2000).map { 0xDEAD_BEEF_0000 &+ UInt64($0) }
        var table = SharedReferences.HashedLists()
        for (index, hash) in hashes.enumerated() {
            #expect(table[hash] == nil, "\(hash) before it is added")
            table.insert([TerraformReference(text: "r\(index)", target: nil)], for: hash)
        }
        for (index, hash) in hashes.enumerated() {
            #expect(table[hash]?.map(\.text) == ["r\(index)"], "\(hash)")
        }
        for absent in [UInt64(4), 2001 << 44, 0xDEAD_BEEF_0000 &+ 2000, UInt64.max - 1] {
            #expect(table[absent] == nil, "\(absent)")
        }
    }

    /// A tuple's references, worked out from its elements' (`init(concatenating:)`), are those of the
    /// tuple walked as a whole: each once, in the order written, with what each one reads.
    @Test func aTuplesReferencesAreItsElementsInOrderEachOnce() throws {
        let file = try HCLParser.parse("a = [local.ids, aws_lb.x.arn, [local.ids, module.m.out], var.v, aws_lb.x.arn]\n", path: "t.tf")
        let tuple = try #require(file.body.attributes.first?.expression)
        guard case .tuple(let items) = tuple.kind else { Issue.record("not a tuple"); return }
        let parts = try items.map { try #require(WrittenReferences.withoutValues($0, module: "")) }
        let joined = WrittenReferences(concatenating: parts)
        #expect(joined.references.map(\.text) == ["local.ids", "aws_lb.x.arn", "module.m.out", "var.v"])
        #expect(joined.reads == ["local.ids", nil, "module.m.out", "var.v"])
        let whole = try #require(WrittenReferences.withoutValues(tuple, module: ""))
        #expect(whole.references == joined.references)
        #expect(whole.reads == joined.reads)
    }

    /// An expression that writes one reference alone takes the list the table of references keeps for
    /// it: every such expression shares it. One that writes more has a list of its own, in order.
    @Test func expressionsWritingOneReferenceAloneShareItsList() throws {
        let directory = try emptyDirectory("albgw-alone")
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        resource "aws_lb" "x" {}
        resource "aws_a" "a" {
          one = aws_lb.x.arn
          two = aws_lb.x.arn
        }
        resource "aws_b" "b" {
          both = "${aws_lb.x.arn}-${aws_lb.x.id}"
          again = aws_lb.x.arn
        }
        """.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let loaded = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        let a = try #require(loaded.block(address: "aws_a.a")), b = try #require(loaded.block(address: "aws_b.b"))
        func storage(_ expression: TerraformExpression?) -> UnsafeRawPointer? {
            expression?.references.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
        }
        #expect(a["one"]?.references.map(\.text) == ["aws_lb.x.arn"])
        #expect(storage(a["one"]) != nil && storage(a["one"]) == storage(a["two"]) && storage(a["one"]) == storage(b["again"]))
        #expect(b["both"]?.references.map(\.text) == ["aws_lb.x.arn", "aws_lb.x.id"])
        #expect(storage(b["both"]) != storage(a["one"]))
        // The shared list is left as it was when another is made from it.
        #expect(b["again"]?.references.map(\.text) == ["aws_lb.x.arn"])
    }

    /// Declarations read ahead are checked for duplicates while their file parses; a duplicate found
    /// there, or a file not read ahead (Terraform's JSON syntax), has every block checked again, so that
    /// the error names the same two blocks as Terraform, whichever block was converted ahead.
    @Test(arguments: [
        // A block converted ahead, then one with count (kept whole).
        (
            [("main.tf", "resource \"aws_lb\" \"x\" {}\nresource \"aws_lb\" \"x\" {\n  count = 1\n}\n")],
            "main.tf:2:1: duplicate resource \"aws_lb\" \"x\", already declared at main.tf:1:1"
        ),
        // The other way round, in two files.
        (
            [("a.tf", "data \"aws_vpc\" \"v\" {\n  count = 1\n}\n"), ("b.tf", "\ndata \"aws_vpc\" \"v\" {}\n")],
            "b.tf:2:1: duplicate data \"aws_vpc\" \"v\", already declared at a.tf:1:1"
        ),
        // Both converted ahead, in one file.
        (
            [("main.tf", "resource \"aws_lb\" \"x\" {}\nresource \"aws_lb\" \"x\" {}\n")],
            "main.tf:2:1: duplicate resource \"aws_lb\" \"x\", already declared at main.tf:1:1"
        ),
        // Outputs and variables, kept whole.
        (
            [("a.tf", "output \"o\" {\n  value = 1\n}\n"), ("b.tf", "output \"o\" {\n  value = 2\n}\n")],
            "b.tf:1:1: duplicate output \"o\", already declared at a.tf:1:1"
        ),
        (
            [("main.tf", "variable \"v\" {}\nresource \"aws_lb\" \"x\" {}\nvariable \"v\" {}\n")],
            "main.tf:3:1: duplicate variable \"v\", already declared at main.tf:1:1"
        ),
        // A file in Terraform's JSON syntax is not read ahead.
        (
            [("main.tf", "resource \"aws_lb\" \"x\" {}\n"), ("z.tf.json", #"{"resource": {"aws_lb": {"x": {}}}}"#)],
            "duplicate resource \"aws_lb\" \"x\", already declared at main.tf:1:1"
        ),
    ])
    func duplicatesAmongBlocksReadAheadAreTerraformsError(files: [(String, String)], message: String) throws {
        let directory = try emptyDirectory("albgw-ahead-duplicates")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let result = CLI.run(["review", directory.path])
        #expect(result.exitCode == 65, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
