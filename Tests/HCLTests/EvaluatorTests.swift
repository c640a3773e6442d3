import Foundation
import Testing
@testable import HCL

@Suite("Evaluator: known values, never guesses")
struct EvaluatorTests {
    @Test func literalsAndCollections() throws {
        #expect(try expr("443").evaluate() == .known(443))
        #expect(try expr("1.5").evaluate() == .known(.number(Decimal(string: "1.5")!)))
        #expect(try expr("\"x\"").evaluate() == .known("x"))
        #expect(try expr("null").evaluate() == .known(.null))
        #expect(try expr("[\"0.0.0.0/0\", 2, true]").evaluate() == .known(["0.0.0.0/0", 2, true]))
        #expect(try expr("{ Name = \"igw\", n = [1] }").evaluate() == .known(["Name": "igw", "n": [1]]))
    }

    @Test func variablesAndLocals() throws {
        let e = try expr("\"Subnet for ${var.region}a\"")
        #expect(e.evaluate(variables: ["region": "us-west-2"]) == .known("Subnet for us-west-2a"))
        #expect(e.evaluate() == .unknown(reason: "var.region has no value"))
        let evaluator = Evaluator(variables: ["cfg": ["ports": [80, 443]]], locals: ["prefix": "app"])
        #expect(evaluator.evaluate(try expr("var.cfg.ports[1]")) == .known(443))
        #expect(evaluator.evaluate(try expr("\"${local.prefix}-${var.cfg[\"ports\"][0]}\"")) == .known("app-80"))
        #expect(evaluator.evaluate(try expr("local.missing")) == .unknown(reason: "local.missing has no value"))
        let perInstance = Evaluator(scope: ["each": ["key": "a", "value": ["name": "n"]], "count": ["index": 2]])
        #expect(perInstance.evaluate(try expr("\"${each.key}-${each.value.name}-${count.index}\"")) == .known("a-n-2"))
    }

    @Test func resourceReferencesAreUnknown() throws {
        let e = try expr("tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")
        guard case .unknown(let reason) = e.evaluate() else {
            Issue.record("must not be known")
            return
        }
        #expect(reason.contains("aws_vpc_endpoint.execute_api.network_interface_ids"))
        #expect(e.sourceText == "tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")
        #expect(
            try expr("data.aws_network_interface.nic1.private_ip").evaluate()
                == .unknown(reason: "data.aws_network_interface.nic1.private_ip is a reference to a data source, known only after it is read"))
        #expect(try expr("[1, aws_lb.x.arn]").evaluate().value == nil)
    }

    @Test func unknownFunctionsAreUnknown() throws {
        #expect(try expr("filebase64sha256(\"code.zip\")").evaluate() == .unknown(reason: "function filebase64sha256() is not evaluated statically"))
        #expect(try expr("sha1(jsonencode([1]))").evaluate().value == nil)
    }

    @Test func builtinFunctions() throws {
        #expect(try expr("tolist([\"a\"])").evaluate() == .known(["a"]))
        #expect(try expr("toset([\"b\", \"a\", \"b\"])").evaluate() == .known(["a", "b"]))
        #expect(try expr("length([1, 2, 3])").evaluate() == .known(3))
        #expect(try expr("length(\"héllo\")").evaluate() == .known(5))
        #expect(try expr("length({a = 1})").evaluate() == .known(1))
        #expect(try expr("lower(\"ABC\")").evaluate() == .known("abc"))
        #expect(try expr("upper(var.s)").evaluate(variables: ["s": "abc"]) == .known("ABC"))
        #expect(try expr("concat([1], [2, 3], [])").evaluate() == .known([1, 2, 3]))
        #expect(try expr("concat([[1], [2]]...)").evaluate() == .known([1, 2]))
        #expect(try expr("jsonencode({b = [1, true, null], a = \"<x>\"})").evaluate() == .known(#"{"a":"\u003cx\u003e","b":[1,true,null]}"#))
        #expect(try expr("format(\"%s-%d-%%\", \"web\", 3)").evaluate() == .known("web-3-%"))
        #expect(try expr("format(\"%5.2f\", 1)").evaluate().value == nil)
        #expect(try expr("join(\",\", [\"a\", \"b\"])").evaluate() == .known("a,b"))
        #expect(try expr("split(\",\", \"a,b\")").evaluate() == .known(["a", "b"]))
        #expect(try expr("merge({a = 1}, {b = 2, a = 3})").evaluate() == .known(["a": 3, "b": 2]))
        #expect(try expr("lookup({a = 1}, \"b\", 0)").evaluate() == .known(0))
        #expect(try expr("element([\"a\", \"b\"], 3)").evaluate() == .known("b"))
        #expect(try expr("keys({b = 1, a = 2})").evaluate() == .known(["a", "b"]))
        #expect(try expr("max(1, 5, 3)").evaluate() == .known(5))
        #expect(try expr("floor(-1.5)").evaluate() == .known(-2))
        #expect(try expr("ceil(1.2)").evaluate() == .known(2))
        #expect(try expr("replace(\"a-b-c\", \"-\", \".\")").evaluate() == .known("a.b.c"))
        #expect(try expr("replace(\"abc\", \"/b/\", \"x\")").evaluate().value == nil)
        #expect(try expr("coalesce(null, \"\", \"x\")").evaluate() == .known("x"))
        #expect(try expr("flatten([[1, [2]], 3])").evaluate() == .known([1, 2, 3]))
        #expect(try expr("contains([\"a\"], \"a\")").evaluate() == .known(true))
        #expect(try expr("length(1, 2)").evaluate() == .unknown(reason: "length() takes 1 arguments, got 2"))
    }

    @Test func operatorsAndConversions() throws {
        #expect(try expr("\"5\" + 1").evaluate() == .known(6))
        #expect(try expr("7 % 3").evaluate() == .known(1))
        #expect(try expr("-7 % 3").evaluate() == .known(-1))
        #expect(try expr("1 / 0").evaluate() == .unknown(reason: "division by zero"))
        #expect(try expr("\"a\" == \"a\"").evaluate() == .known(true))
        #expect(try expr("1 == \"1\"").evaluate() == .known(false))
        #expect(try expr("\"x\" * 2").evaluate().value == nil)
        // Short-circuiting keeps results known even when the other side is not.
        #expect(try expr("false && aws_lb.x.internal").evaluate() == .known(false))
        #expect(try expr("true || aws_lb.x.internal").evaluate() == .known(true))
        #expect(try expr("true && aws_lb.x.internal").evaluate().value == nil)
        #expect(try expr("var.n > 2 ? \"big\" : aws_lb.x.arn").evaluate(variables: ["n": 5]) == .known("big"))
    }

    @Test func splatsAndIndexes() throws {
        let vars: [String: Value] = ["items": [["id": "a", "tags": ["x"]], ["id": "b", "tags": ["y"]]]]
        #expect(try expr("var.items[*].id").evaluate(variables: vars) == .known(["a", "b"]))
        #expect(try expr("var.items.*.id").evaluate(variables: vars) == .known(["a", "b"]))
        #expect(try expr("var.items[*].tags[0]").evaluate(variables: vars) == .known(["x", "y"]))
        // An attribute splat ends at the first index step: `(var.items.*.id)[1]`.
        #expect(try expr("var.items.*.id[1]").evaluate(variables: vars) == .known("b"))
        #expect(try expr("var.items.0.id").evaluate(variables: vars) == .known("a"))
        #expect(try expr("var.items[5]").evaluate(variables: vars).value == nil)
        #expect(try expr("var.none[*].id").evaluate(variables: ["none": .null]) == .known([]))
    }

    @Test func forExpressionsEvaluate() throws {
        #expect(try expr("[for s in var.l : upper(s) if s != \"b\"]").evaluate(variables: ["l": ["a", "b", "c"]]) == .known(["A", "C"]))
        #expect(try expr("{for k, v in {a = 1, b = 2} : v => k}").evaluate() == .known(["1": "a", "2": "b"]))
        #expect(try expr("{for s in [\"a\", \"a\"] : s => s}").evaluate().value == nil)
        #expect(try expr("[for r in aws_route53_record.cert_record : r.fqdn]").evaluate().value == nil)
    }

    @Test func heredocTemplateEvaluates() throws {
        let e = try expr("<<EOF\n{\"vpce\": \"${var.vpce}\"}\nEOF")
        #expect(e.evaluate(variables: ["vpce": "vpce-123"]) == .known("{\"vpce\": \"vpce-123\"}\n"))
        let template = try #require(e.template)
        #expect(Evaluator(variables: ["vpce": "v"]).evaluate(template) == .known("{\"vpce\": \"v\"}\n"))
    }

    /// HCL numbers are arbitrary-precision (hclsyntax/spec.md, "Numeric Literals"); the evaluator keeps 38
    /// significant digits, so anything it would round or overflow is unknown rather than a wrong value.
    @Test func numbersBeyondDecimalAreUnknownNotWrong() throws {
        // Remainders take the dividend's sign (Terraform): -7 % 3 is -1, 7 % -3 is 1.
        #expect(try expr("-7 % 3").evaluate() == .known(-1))
        #expect(try expr("7 % -3").evaluate() == .known(1))
        #expect(try expr("7.5 % 2").evaluate() == .known(.number(Decimal(string: "1.5")!)))
        // 10^40 % 3 is 1 (10 ≡ 1 mod 3); Decimal's rounded quotient gave 100.
        #expect(try expr("10000000000000000000000000000000000000000 % 3").evaluate().value == nil)
        // 1e100 * 1e100 = 1e200 is past Decimal's range; the result was NaN, reported as known.
        #expect(try expr("1e100 * 1e100").evaluate() == .unknown(reason: "result of '*' is beyond the range of numbers evaluated here"))
        // 10^38 - 1 plus 0.1 needs 39 significant digits.
        #expect(try expr("99999999999999999999999999999999999999 + 0.1").evaluate() == .unknown(reason: "result of '+' has more than 38 significant digits"))
        // A 41-digit literal was silently rounded; 1 followed by 41 zeros has one significant digit and is exact.
        #expect(try expr("12345678901234567890123456789012345678901").evaluate().value == nil)
        #expect(try expr("100000000000000000000000000000000000000000").evaluate() == .known(.number(Decimal(string: "1e41")!)))
        #expect(try expr("0.00000000000000000000000000000000000000000000001").evaluate() == .known(.number(Decimal(string: "1e-47")!)))
        #expect(try expr("2 * 21 / 7 - 0.5").evaluate() == .known(.number(Decimal(string: "5.5")!)))
    }

    /// Nested `for` over two elements doubles the work per level: 64 levels would be 2^64 steps.
    @Test func evaluationWorkIsBounded() throws {
        let limited = Evaluator(workLimit: 10_000)
        let tooMuch = Evaluator.Reason.tooMuchWork(10_000)
        let directives = "\"" + String(repeating: "%{for v in [1, 2]}", count: 64) + "x" + String(repeating: "%{endfor}", count: 64) + "\""
        #expect(limited.evaluate(try expr(directives)) == .unknown(reason: tooMuch))
        let expressions = String(repeating: "[for v in [1, 2] : ", count: 64) + "v" + String(repeating: "]", count: 64)
        #expect(limited.evaluate(try expr(expressions)) == .unknown(reason: tooMuch))
        // Doubling a string at each level takes few steps but 2^40 bytes: bytes built count as work too.
        func doubling(_ levels: Int) -> String {
            var text = "[for a0 in [\"x\"] : "
            for level in 1...levels { text += "[for a\(level) in [\"${a\(level - 1)}${a\(level - 1)}\"] : " }
            return text + "a\(levels)" + String(repeating: "]", count: levels + 1)
        }
        #expect(limited.evaluate(try expr(doubling(40))) == .unknown(reason: tooMuch))
        // Ten levels (1,024 bytes in 11 one-element lists) are well within the limit.
        var tenLevels = Value.string(String(repeating: "x", count: 1_024))
        for _ in 0...10 { tenLevels = [tenLevels] }
        #expect(limited.evaluate(try expr(doubling(10))) == .known(tenLevels))
        // The default limit is far above what real configurations need: 90,000 products are fine.
        let list = Value.list((0..<300).map { .number(Decimal($0)) })
        let products = try expr("[for i in var.l : [for j in var.l : i * j]]").evaluate(variables: ["l": list]).value
        #expect(products?.listValue?.last?.listValue?.last == .number(299 * 299))
    }

    /// Reasons echo names, values and source text: like syntax errors, they stay one short line.
    @Test func reasonsAreOneShortLine() throws {
        let huge = String(repeating: "x", count: 1_000_000)
        #expect(
            try expr("var.s * 2").evaluate(variables: ["s": .string(huge)])
                == .unknown(reason: "left operand of '*' must be a number, not \"" + String(repeating: "x", count: 59) + "…"))
        #expect(
            try expr("aws_x.y[<<EOF\nline\nEOF\n]").evaluate()
                == .unknown(reason: #"aws_x.y[<<EOF\nline\nEOF] is a reference to a resource attribute, known only after apply"#))
        let deep = try expr("aws_lb" + String(repeating: ".a", count: 10_000))
        #expect(deep.evaluate() == .unknown(reason: "aws_lb" + String(repeating: ".a", count: 27) + "… is a reference to a resource attribute, known only after apply"))
    }

    @Test func valueRendering() {
        let value: Value = ["b": [1, "x"], "a": true, "c": .null]
        #expect(value.description == #"{ a = true, b = [1, "x"], c = null }"#)
        #expect(value.jsonString == #"{"a":true,"b":[1,"x"],"c":null}"#)
        #expect(Value.number(Decimal(string: "1.50")!).description == "1.5")
    }
}
