import Foundation
import Testing
@testable import HCL

/// `HCLParser.parse(_:path:skimming:keeping:)`: a skimmed block tells what its tree tells of where
/// each expression is written and which references it writes, and the parser skims exactly the
/// blocks the rule names and allows. The tree and its walk (`forEachReferenceWithoutValues`) are the
/// reference: every input is read both ways and compared.
@Suite("Blocks read without trees")
struct SkimTests {
    /// Terraform's resources and data sources without `count`, `for_each` or `dynamic`: what
    /// `albgw-cost review` skims.
    static let rule = SkimRule(blockTypes: ["resource", "data"], minimumLabels: 2, refusingAttributes: ["count", "for_each"], refusingBlockTypes: ["dynamic"])

    /// Hand-written cases for what the walk treats specially: `for` expressions and directives bind
    /// names, index keys are literal, bound or neither, splats end the static steps, tuples nest.
    static let cases: [String] = [
        #"resource "a" "b" { x = aws_lb.x.arn }"#,
        "resource \"a\" \"b\" {\n  x = [aws_lb.x.arn, [var.y, local.z[0]], ([data.a.b.c]), [a.b][0], [c.d] == [e.f], cond ? [g.h] : [i.j]]\n  y = []\n  z = [[]]\n}\n",
        "resource \"a\" \"b\" {\n  x = [for s in aws_subnet.all : s.id if s.tags[\"k\"] != var.k]\n  y = { for k, v in var.m : k => v.name... }\n  z = [for x in y : x[local.i]]\n}\n",
        "resource \"a\" \"b\" {\n  x = aws_lb.x[\"a\"].arn\n  y = aws_lb.y[0].arn\n  z = aws_lb.z.0.arn\n  w = aws_lb.w[*].arn\n  v = aws_lb.v.*.arn\n  u = aws_lb.u[\"a${1}\"].id\n}\n",
        "resource \"a\" \"b\" {\n  x = [for i in var.l : aws_lb.x[i].arn]\n  y = [for i in var.l : aws_lb.x[i.k].arn]\n}\n",
        "resource \"a\" \"b\" {\n  x = aws_lb.x[var.i].arn\n}\n",
        "resource \"a\" \"b\" {\n  x = aws_lb.x[count.index].arn\n}\n",
        "resource \"a\" \"b\" {\n  count = 2\n  x = aws_lb.x.arn\n}\n",
        "data \"a\" \"b\" {\n  for_each = var.m\n  x = each.value\n}\n",
        "resource \"a\" \"b\" {\n  dynamic \"rule\" {\n    for_each = var.r\n    content { x = rule.value }\n  }\n}\n",
        "resource \"a\" \"b\" {\n  nested {\n    inner {\n      x = \"${aws_lb.x.arn}-${var.s}\"\n    }\n  }\n  t { y = 1 }\n}\n",
        "resource \"a\" \"b\" {\n  x = \"%{for s in var.l}${s}-${aws_lb.x.id}%{endfor}${s.t}\"\n  y = \"%{if var.c}${a.b}%{else}${c.d}%{endif}\"\n  z = <<-EOT\n    ${aws_lb.x.dns_name}\n    %{for k, v in var.m}${k}=${v}${v.q[\"r\"]}%{endfor}\n  EOT\n}\n",
        "resource \"a\" \"b\" {\n  x = jsonencode({ Statement = [{ Resource = aws_lb.x.arn, Condition = { a = var.b } }] })\n  y = !var.a && -local.b > 0 || f(g.h)[0].i\n  z = provider::aws::arn_parse(aws_lb.x.arn).region\n}\n",
        "resource \"a\" \"b\" {\n  x = { (var.k) = aws_lb.x.arn, \"q\" = a.b, c = d.e }\n  y = aws_lb.x[aws_lb.y[\"k\"].id].arn\n  z = aws_lb.x[[for q in r : q][0]].arn\n}\n",
        "resource \"a\" \"b\" {\n  x = \"a\\\"b\\u00e9\"\n  y = aws_lb.x[\"a\\\"b\"].arn\n}\n",
        "resource \"only_one_label\" {\n  x = a.b\n}\nresource \"a\" \"b\" \"c\" {\n  x = a.b\n}\nmodule \"m\" {\n  source = \"./m\"\n  x = a.b\n}\nlocals {\n  x = a.b\n}\ny = a.b\n",
        "resource \"a\" \"b\" {\n  x = \"\\q\"\n}\n",
        "resource \"a\" \"b\" {\n  x = \"%{for x in y}${x}\"\n}\n",
        "resource \"a\" \"b\" {\n  x = aws_lb.x.0.1\n}\n",
        "resource \"a\" \"b\" { x = 1\n}\n",
        "resource \"a\" \"b\" {\n  x = [a.b, c.d,\n    e.f,\n  ]\n  y = (\n    g.h\n  )\n}\n",
        // A name a `for` binds is free again after it (found by a review: a mutant that kept it bound passed).
        "resource \"a\" \"b\" {\n  x = [for x in x : x]\n  y = [for x in [x] : [x, y]]\n  z = x.q\n}\n",
        "resource \"a\" \"b\" {\n  x = \"%{for s in l}${s}%{endfor}${s}\"\n  y = s\n  z = { for k, v in m : k => [v, k] }\n  w = [k, v]\n}\n",
        // Refused as soon as it shows, wherever it shows: single-line, after other attributes, deep.
        "resource \"a\" \"b\" { count = 1 }\n",
        "resource \"a\" \"b\" {\n  x = a.b\n  y = [c.d, e.f]\n  for_each = var.m\n  z = each.value\n}\n",
        "resource \"a\" \"b\" {\n  n {\n    m {\n      dynamic \"d\" {\n        for_each = []\n        content {}\n      }\n    }\n  }\n}\n",
        "resource \"a\" \"b\" {\n  x = [for q in r : aws_lb.x[q]]\n  y = aws_lb.y[var.k]\n  z = (\n    1\n  )\n}\n",
        // A count inside a nested block is only an attribute of that block: skimmed.
        "resource \"a\" \"b\" {\n  n {\n    count = 1\n  }\n}\n",
        // An error past the point where the skim is abandoned is the tree's error.
        "resource \"a\" \"b\" {\n  x = a.b\n  count = 1\n  y = [\n}\n",
        "resource \"a\" \"b\" {\n  x = aws_lb.x[var.i]\n  y = \"${\"\n}\n",
    ]

    @Test func everyFixtureAndHandWrittenCaseSkimsAsItsTreeReads() throws {
        let fixtures = try ["tutorial/main.tf", "blog/main.tf", "fuzz/seed1-input118619-nested-for-directives.tf"].map { try fixture($0) }
        var skimmed = 0
        for (number, text) in (fixtures + Self.cases).enumerated() {
            skimmed += try compare(text, path: "case\(number).tf")
        }
        // Most of the fixtures' resources and data sources neither count nor repeat, and each case
        // holds one or two: a count this large says the skim was taken, not refused.
        #expect(skimmed >= 60)
    }

    /// Mutated fixtures (the reader's fuzzer, fixed seed): whatever each becomes, valid or not, the
    /// skim agrees with the tree, errors included.
    @Test func mutatedInputsSkimAsTheirTreesRead() throws {
        let corpus = try ["tutorial/main.tf", "blog/main.tf"].map { try fixture($0) } + Self.cases
        let fuzzer = Fuzzer(seed: 20_261_202, corpus: corpus)
        var skimmed = 0
        for iteration in 0..<1_000 {
            let text = String(decoding: fuzzer.input(iteration), as: UTF8.self)
            skimmed += try compare(text, path: "fuzz\(iteration).tf")
        }
        #expect(skimmed > 250)
    }

    /// Reads `text` as a tree and skimmed; records every difference. Returns how many blocks were skimmed.
    private func compare(_ text: String, path: String) throws -> Int {
        let plain: Result<HCLFile, any Error> = Result { try HCLParser.parse(text, path: path) }
        var items: [TopLevelItem] = []
        let skim: Result<HCLFile, any Error> = Result {
            try HCLParser.parse(text, path: path, skimming: Self.rule) { item in
                items.append(item)
                return nil
            }
        }
        switch (plain, skim) {
        case (.failure(let expected), .failure(let found)):
            #expect("\(found)" == "\(expected)", "\(path)")
            return 0
        case (.success(let file), .success):
            #expect(items.count == file.body.items.count, "\(path)")
            var skimmed = 0
            for (item, tree) in zip(items, file.body.items) {
                switch item {
                case .item(let read):
                    #expect(read == tree, "\(path)")
                    #expect(!skimmable(tree), "\(path): \(tree.position) could have been skimmed")
                case .skimmed(let read):
                    guard case .block(let block) = tree, skimmable(tree) else {
                        Issue.record("\(path): \(tree.position) was skimmed against the rule")
                        continue
                    }
                    expect(read.block, matches: block, references: read.references, path: path)
                    skimmed += 1
                }
            }
            return skimmed
        default:
            Issue.record("\(path): read as a tree \(plain), skimmed \(skim)")
            return 0
        }
    }

    /// The rule, decided from the tree: the block's type and labels, no refused attribute or nested
    /// block, and every expression's references known without values.
    private func skimmable(_ item: BodyItem) -> Bool {
        guard case .block(let block) = item, Self.rule.blockTypes.contains(block.type), block.labels.count >= 2 else { return false }
        if block.body.attributes.contains(where: { Self.rule.refusingAttributes.contains($0.name) }) { return false }
        func allowed(_ body: Body) -> Bool {
            body.attributes.allSatisfy { $0.expression.forEachReferenceWithoutValues { _, _, _ in } }
                && body.blocks.allSatisfy { !Self.rule.refusingBlockTypes.contains($0.type) && allowed($0.body) }
        }
        return allowed(block.body)
    }

    private func expect(_ read: SkimmedBlock, matches block: Block, references: SkimmedReferences, path: String) {
        #expect(read.type == block.type && read.labels == block.labels && read.range == block.range, "\(path): \(block.position)")
        #expect(read.attributes.map(\.name) == block.body.attributes.map(\.name), "\(path): \(block.position)")
        for (attribute, tree) in zip(read.attributes, block.body.attributes) {
            expect(attribute.expression, matches: tree.expression, references: references, path: path)
        }
        #expect(read.blocks.count == block.body.blocks.count, "\(path): \(block.position)")
        for (inner, tree) in zip(read.blocks, block.body.blocks) { expect(inner, matches: tree, references: references, path: path) }
    }

    private func expect(_ read: SkimmedExpression, matches tree: HCLExpression, references: SkimmedReferences, path: String) {
        #expect(read.range == tree.range, "\(path): \(tree.position)")
        var walked: [String] = []
        tree.forEachReferenceWithoutValues { root, steps, _ in walked.append(Reference(root: root, steps: steps, range: tree.range).description) }
        var found: [String] = []
        references.forEach(in: read.references) { root, steps in found.append(Reference(root: root, steps: Array(steps), range: tree.range).description) }
        #expect(found == walked, "\(path): \(tree.position)")
        if case .tuple(let elements) = tree.kind {
            guard let readElements = read.elements, readElements.count == elements.count else {
                Issue.record("\(path): \(tree.position): a tuple of \(elements.count) read as \(read.elements.map { "\($0.count) elements" } ?? "no tuple")")
                return
            }
            for (element, tree) in zip(readElements, elements) { expect(element, matches: tree, references: references, path: path) }
        } else {
            #expect(read.elements == nil, "\(path): \(tree.position) read as a tuple")
        }
    }
}
