import Foundation
import Testing
@testable import HCL

/// Hostile and damaged input: every case must return a file or throw an HCLError — never crash or hang.
@Suite("Robustness", .timeLimit(.minutes(2)))
struct RobustnessTests {
    /// Parses and, on success, walks the tree the ways a consumer would.
    private func survive(_ text: String) -> Bool {
        do {
            let file = try HCLParser.parse(text, path: "fuzz.tf")
            _ = file.body.references
            for attribute in file.body.attributes {
                _ = attribute.expression.sourceText
                _ = attribute.expression.evaluate()
            }
            return true
        } catch is HCLError {
            return false
        } catch {
            Issue.record("unexpected error type \(error)")
            return false
        }
    }

    @Test(arguments: ["tutorial/main.tf", "blog/main.tf"])
    func everyTruncationParsesOrFails(name: String) throws {
        let bytes = Array(try fixture(name).utf8)
        var parsed = 0, failed = 0
        for length in stride(from: 0, through: bytes.count, by: 97) {
            if survive(String(decoding: bytes[0..<length], as: UTF8.self)) { parsed += 1 } else { failed += 1 }
        }
        #expect(parsed + failed == bytes.count / 97 + 1)
        #expect(failed > 0 && parsed > 0)  // some cuts land between blocks, most do not
        #expect(survive(String(decoding: bytes, as: UTF8.self)))
    }

    @Test func byteMutationsParseOrFail() throws {
        let bytes = Array(try fixture("tutorial/main.tf").utf8)
        let replacements: [UInt8] = Array("{}[]()\"$%~\\\n=<#*/.-!".utf8)
        for (i, position) in stride(from: 0, to: bytes.count, by: 101).enumerated() {
            var mutated = bytes
            mutated[position] = replacements[i % replacements.count]
            _ = survive(String(decoding: mutated, as: UTF8.self))
        }
    }

    @Test func randomPrintableInputParsesOrFails() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("ab_1 .,:?=<>!&|+-*/%(){}[]\"$~#\\\n\t".utf8) + Array("<<EOF\n".utf8)
        for _ in 0..<300 {
            var text: [UInt8] = []
            for _ in 0..<200 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            _ = survive(String(decoding: text, as: UTF8.self))
        }
    }

    /// 10,000 repetitions of `opener` in a context where each one nests inside the previous.
    static func deeplyNested(_ opener: String) -> String {
        switch opener {
        case "b {\n": return String(repeating: opener, count: 10_000)
        case "%{if true}", "%{for x in y}": return "a = \"" + String(repeating: opener, count: 10_000) + "\""
        default: return "a = " + String(repeating: opener, count: 10_000)
        }
    }

    @Test(arguments: [
        "[", "(", "{a=", "-", "!", "\"${", "f(", "[for x in y : ", "{for k in y : k => ", "a ? b : ",
        "%{if true}", "%{for x in y}", "x[", "b {\n", "<<EOF\n${",
    ])
    func deepNestingFailsCleanly(opener: String) throws {
        let error = try #require(parseError(RobustnessTests.deeplyNested(opener)))
        #expect(error.expected == "at most 256 levels of nesting")
        #expect(error.found == "deeper nesting")
    }

    /// Walkers recurse through template directives and then through the expressions inside them, so both
    /// count together: 200 `%{if}` around 100 parentheses is too deep, 100 around 100 is fine.
    @Test func directivesAndTheExpressionsInsideThemShareTheLimit() throws {
        func template(directives: Int, parentheses: Int) -> String {
            "a = \"" + String(repeating: "%{if true}", count: directives) + "${" + String(repeating: "(", count: parentheses) + "1"
                + String(repeating: ")", count: parentheses) + "}" + String(repeating: "%{endif}", count: directives) + "\""
        }
        #expect(parseError(template(directives: 200, parentheses: 100))?.expected == "at most 256 levels of nesting")
        let file = try parse(template(directives: 100, parentheses: 100))
        #expect(file.body.attribute(named: "a")?.expression.evaluate() == .known("1"))
        // An unmatched `%{endif}` cannot lower the count below the template's own level.
        #expect(parseError("a = \"" + String(repeating: "%{endif}", count: 300) + "\"")?.expected == "a matching %{if} or %{for}")
    }

    @Test func nestingBelowTheLimitIsFullyUsable() throws {
        // 62 × (call, tuple, object, parentheses) ≈ 248 levels: parse, render, reference and evaluate.
        let levels = 62
        let source = "a = " + String(repeating: "concat([{k = (", count: levels) + "var.x" + String(repeating: ")}])", count: levels)
        let file = try parse(source)
        let expression = try #require(file.body.attribute(named: "a")).expression
        #expect(expression.sourceText == source.dropFirst(4).replacingOccurrences(of: "{k = (", with: "{ k = (").replacingOccurrences(of: ")}", with: ") }"))
        #expect(refs(expression) == ["var.x"])
        #expect(expression.evaluate(variables: ["x": 1]).value != nil)
        let tuples = "b = " + String(repeating: "[", count: 250) + String(repeating: "]", count: 250)
        #expect(try parse(tuples).body.attributes.count == 1)
        let blocks = String(repeating: "b {\n", count: 250) + String(repeating: "}\n", count: 250)
        #expect(try parse(blocks).body.blocks.count == 1)
    }

    /// A splat applies every later step to each element, so splats nest: each one counts toward the limit.
    /// The attribute's expression is level 1, so the 255th splat is level 256 and the next one is too deep;
    /// an index expression after the 255th `.*` is too deep as well.
    @Test(arguments: [("[*]", 6 + 255 * 3), (".*[0]", 6 + 254 * 5 + 3), ("[*].a", 6 + 255 * 5)])
    func longSplatChainsFailCleanly(step: String, column: Int) throws {
        let error = try #require(parseError("a = b" + String(repeating: step, count: 25_000)))
        #expect(error.expected == "at most 256 levels of nesting")
        #expect(error.column == column)
    }

    @Test func splatsUpToTheLimitAreRead() throws {
        // hclsyntax/spec.md, "Splat Operators": a splat over a value that is not a list first wraps it in one,
        // so each `[*]` over `1` adds one level of list.
        let splats = 255
        let expression = try #require(try parse("a = 1" + String(repeating: "[*]", count: splats)).body.attribute(named: "a")).expression
        var expected: Value = 1
        for _ in 0..<splats { expected = [expected] }
        #expect(expression.evaluate() == .known(expected))
    }

    /// Attribute, index and legacy-index steps do not nest: any number of them is read.
    /// (`.0.0` would be one number, so legacy indexes alternate with attributes.)
    @Test(arguments: [(".x", 1), ("[0]", 1), (".0.x", 2), ("[\"k\"]", 1)])
    func longTraversalsAreRead(step: String, stepsPerRepeat: Int) throws {
        let steps = 25_000 * stepsPerRepeat
        let source = "a = b" + String(repeating: step, count: 25_000)
        let expression = try #require(try parse(source).body.attribute(named: "a")).expression
        guard case .traversal(_, let parsed) = expression.kind else {
            Issue.record("expected a traversal")
            return
        }
        #expect(parsed.count == steps)
        #expect(expression.sourceText == source.dropFirst(4))
        #expect(expression.references.first?.steps.count == steps)
        #expect(expression.evaluate().value == nil)
    }

    @Test func nestedAttributeSplatIsAnError() {
        // hclsyntax parser.go: "Nested splat expression not allowed" inside an attribute-only splat.
        #expect(parseError("a = b.*.*")?.description == "bad.tf:1:9: expected attribute name after '.' (a '.*' splat cannot hold another '.*'), found '*'")
        #expect(parseError("a = b.*.c.*")?.column == 11)
        // An index ends the attribute-only splat, so a new one may follow; so may a full splat.
        #expect(parseError("a = b.*.c[0].*.d") == nil)
        #expect(parseError("a = b.*.c[*].d") == nil)
    }

    /// `1 + 1 + ... + 1`: valid HCL at any length (the spec puts no bound on it), so it is read, not refused.
    @Test(arguments: [257, 10_000, 100_000])
    func longOperatorChainsAreRead(terms: Int) throws {
        let source = "a = " + Array(repeating: "1", count: terms).joined(separator: " + ")
        let expression = try #require(try parse(source).body.attribute(named: "a")).expression
        #expect(expression.evaluate() == .known(.number(Decimal(terms))))
        #expect(expression.sourceText == source.dropFirst(4))
        #expect(expression.range.end.column == source.count + 1)
    }

    /// A long chain mixing all six precedence levels keeps HCL's precedence and left associativity
    /// (hclsyntax/spec.md, "Operations": levels `* / %`, `+ -`, comparisons, `== !=`, `&&`, `||`).
    @Test func longMixedPrecedenceChainsKeepPrecedenceAndAssociativity() throws {
        // Each unit adds 2 * 3 - (10 / 5) % 3 = 6 - 2 = 4; read flat left to right it would not.
        let units = 25_000
        let arithmetic = "a = 0" + String(repeating: " + 2 * 3 - 10 / 5 % 3", count: units)
        #expect(try parse(arithmetic).body.attribute(named: "a")?.expression.evaluate() == .known(.number(Decimal(4 * units))))
        // `100 - 1 - 1 ...` is (100 - 1) - 1 ...; right-associative it would alternate around 100.
        let subtraction = "a = 100000" + String(repeating: " - 1", count: 99_999)
        #expect(try parse(subtraction).body.attribute(named: "a")?.expression.evaluate() == .known(1))
        // Comparisons bind tighter than `==`, which binds tighter than `&&`, then `||`.
        let logic = "a = 1 > 2 || 1 + 1 == 2" + String(repeating: " && 2 * 2 >= 4 == true", count: 20_000) + " || false"
        #expect(try parse(logic).body.attribute(named: "a")?.expression.evaluate() == .known(true))
    }

    @Test func oneMegabyteSingleLine() throws {
        let payload = String(repeating: "abcdefghij", count: 100_000)
        let file = try parse("policy = \"\(payload)\"\nnext = 1\n")
        #expect(file.body.attribute(named: "policy")?.expression.literalString?.utf8.count == 1_000_000)
        #expect(file.body.attribute(named: "next")?.position.line == 2)

        let tuple = "ids = [" + Array(repeating: "\"x\"", count: 250_000).joined(separator: ",") + "]"
        #expect(tuple.utf8.count > 1_000_000)
        guard case .tuple(let elements)? = try parse(tuple).body.attribute(named: "ids")?.expression.kind else {
            Issue.record("expected a tuple")
            return
        }
        #expect(elements.count == 250_000)
        #expect(elements.last?.position.column == 7 + 249_999 * 4 + 1)
    }

    @Test func truncatedConstructs() {
        for source in [
            "a", "a =", "a = \"", "a = \"${", "a = \"${x", "a = \"%{", "a = <<", "a = <<EOF", "a = <<EOF\n",
            "a = [", "a = {", "a = {b", "a = {b =", "a = f(", "a = x.", "a = x[", "a = (", "b {", "b \"", "/*",
            "a = 1 /", "a = [for", "a = {for k, v in x : k =>", "a = c ?", "a = \"\\", "a = \"\\u00",
        ] {
            #expect(parseError(source) != nil, "\(source) should not parse")
        }
    }
}
