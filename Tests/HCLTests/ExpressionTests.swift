import Foundation
import Testing
@testable import HCL

@Suite("Expressions: literals, collections, traversals, operators, for")
struct ExpressionTests {
    @Test(arguments: [
        ("443", "443"), ("0", "0"), ("1.5", "1.5"), ("1e3", "1000"), ("2.5E-2", "0.025"), ("1.25e+2", "125"),
        ("12345678901234567890", "12345678901234567890"),
    ])
    func numberLiterals(source: String, value: String) throws {
        let e = try expr(source)
        guard case .number(let literal) = e.kind else {
            Issue.record("not a number: \(e.kind)")
            return
        }
        #expect(literal.text == source)
        #expect(literal.value == Decimal(string: value))
    }

    @Test func boolAndNullLiterals() throws {
        #expect(try expr("true").kind == .bool(true))
        #expect(try expr("false").kind == .bool(false))
        #expect(try expr("null").kind == .null)
        #expect(try expr("nullable").kind == .variable("nullable"))
    }

    @Test func tuplesWithTrailingCommaAndNewlines() throws {
        let e = try expr(
            """
            [
              aws_security_group.allow_https.id,
              "b", 3,
            ]
            """)
        guard case .tuple(let elements) = e.kind else {
            Issue.record("not a tuple")
            return
        }
        #expect(elements.count == 3)
        #expect(elements[0].sourceText == "aws_security_group.allow_https.id")
        #expect(elements[1].literalString == "b")
        #expect(elements[2].position == SourcePosition(file: "expr.tf", line: 3, column: 8))
        #expect(try expr("[]").kind == .tuple([]))
    }

    @Test func objectsWithAllKeyForms() throws {
        let e = try expr(
            """
            {
              k = 1, "k2" = "v2"
              (var.key) = 3
              k3: 4
              "with space" = [1,
                2]
            }
            """)
        guard case .object(let items) = e.kind else {
            Issue.record("not an object")
            return
        }
        #expect(items.count == 5)
        #expect(items[0].key == .name("k"))
        #expect(items[1].key.literalName == "k2")
        guard case .expression(let keyExpression) = items[2].key, case .parenthesized(let inner) = keyExpression.kind else {
            Issue.record("expected (var.key)")
            return
        }
        #expect(inner.sourceText == "var.key")
        #expect(items[3].key == .name("k3") && items[3].usesColon)
        #expect(items[4].key.literalName == "with space")
        #expect(items[4].position.line == 5)
        #expect(e.evaluate(variables: ["key": "dyn"]) == .known(["k": 1, "k2": "v2", "dyn": 3, "k3": 4, "with space": [1, 2]]))
        #expect(try expr("{}").kind == .object([]))
        #expect(try expr("{ a = 1, b = 2, }").evaluate() == .known(["a": 1, "b": 2]))
    }

    @Test func traversalSteps() throws {
        let e = try expr("aws_lb.public_alb.arn")
        guard case let .traversal(base, steps) = e.kind else {
            Issue.record("not a traversal")
            return
        }
        #expect(base.kind == .variable("aws_lb"))
        #expect(steps == [.attribute("public_alb"), .attribute("arn")])
        #expect(e.rootName == "aws_lb")

        guard case let .traversal(_, indexSteps) = try expr("a[0][\"k\"].b.0.c.1").kind else {
            Issue.record("not a traversal")
            return
        }
        #expect(indexSteps.count == 6)
        #expect(indexSteps[2] == .attribute("b"))
        #expect(indexSteps[3] == .legacyIndex(0))
        #expect(indexSteps[5] == .legacyIndex(1))
        guard case .index(let first) = indexSteps[0], case .index(let second) = indexSteps[1] else {
            Issue.record("expected index steps")
            return
        }
        #expect(first.sourceText == "0")
        #expect(second.literalString == "k")
    }

    /// hclsyntax/spec.md, "Index Operator": "The legacy syntax does not support chaining of index operations,
    /// like `foo.0.0.bar`, because the interpretation of `0.0` as a number literal token takes priority".
    /// hclsyntax's parser reports it ("Invalid legacy index syntax ... like [0][1]"), and so do we.
    @Test func chainedLegacyIndexesAreAnError() throws {
        let message = "expected a single legacy index after '.' (chaining them is not permitted; write [0][1]), found number 0.1"
        #expect(parseError("a = foo.0.1.baz")?.description == "bad.tf:1:9: " + message)
        #expect(parseError("a = foo.*.0.1")?.description == "bad.tf:1:11: " + message)
        #expect(parseError("a = foo.12.345")?.found == "number 12.345")
        // One legacy index, followed by a bracket index or an attribute, is fine.
        guard case let .traversal(_, steps) = try expr("foo.0[1].bar.2").kind, steps.count == 4, case .index(let key) = steps[1] else {
            Issue.record("expected four steps")
            return
        }
        #expect(steps[0] == .legacyIndex(0) && key.sourceText == "1" && steps[2] == .attribute("bar") && steps[3] == .legacyIndex(2))
        #expect(try expr("1.5").evaluate() == .known(.number(Decimal(string: "1.5")!)))
    }

    @Test func splats() throws {
        guard case let .traversal(_, attributeSplat) = try expr("aws_instance.web.*.id").kind else {
            Issue.record("not a traversal")
            return
        }
        #expect(attributeSplat == [.attribute("web"), .attributeSplat, .attribute("id")])
        guard case let .traversal(_, fullSplat) = try expr("var.list[*].id").kind else {
            Issue.record("not a traversal")
            return
        }
        #expect(fullSplat == [.attribute("list"), .fullSplat, .attribute("id")])
        #expect(try expr("var.list[ * ].id").sourceText == "var.list[*].id")
    }

    @Test func eachAndCountTraverse() throws {
        #expect(try expr("each.value.name").sourceText == "each.value.name")
        #expect(refs(try expr("each.value.name")) == ["each.value.name"])
        #expect(refs(try expr("count.index")) == ["count.index"])
        #expect(refs(try expr("aws_instance.web[count.index].id")) == ["aws_instance.web", "count.index"])
    }

    @Test func functionCalls() throws {
        let e = try expr("tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")
        guard case let .traversal(base, steps) = e.kind, case .functionCall(let call) = base.kind else {
            Issue.record("expected call + index")
            return
        }
        #expect(call.name == "tolist")
        #expect(call.arguments.map(\.sourceText) == ["aws_vpc_endpoint.execute_api.network_interface_ids"])
        #expect(steps.count == 1)
        #expect(e.sourceText == "tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")

        guard case .functionCall(let expanded) = try expr("concat(a, b...)").kind else {
            Issue.record("expected call")
            return
        }
        #expect(expanded.expandsFinalArgument && expanded.arguments.count == 2)

        guard case .functionCall(let multiline) = try expr("format(\n  \"%s-%d\",\n  \"a\",\n  1,\n)").kind else {
            Issue.record("expected call")
            return
        }
        #expect(multiline.arguments.count == 3)
        guard case .functionCall(let empty) = try expr("timestamp()").kind else {
            Issue.record("expected call")
            return
        }
        #expect(empty.arguments.isEmpty)
        guard case .functionCall(let namespaced) = try expr("provider::aws::arn_parse(x)").kind else {
            Issue.record("expected call")
            return
        }
        #expect(namespaced.name == "provider::aws::arn_parse")
    }

    @Test func unaryOperators() throws {
        guard case let .unary(op, operand) = try expr("-5").kind else {
            Issue.record("expected unary")
            return
        }
        #expect(op == .negate && operand.sourceText == "5")
        guard case .unary(.not, let inner) = try expr("!var.enabled").kind else {
            Issue.record("expected !")
            return
        }
        #expect(inner.sourceText == "var.enabled")
        #expect(try expr("- -2").evaluate() == .known(2))
    }

    @Test(arguments: [
        ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("10 - 4 - 3", "3"), ("2 * 3 % 4", "2"), ("7 / 2", "3.5"),
        ("1 + 2 < 4", "true"), ("1 < 2 == true", "true"), ("true || false && false", "true"),
        ("(true || false) && false", "false"), ("!true || true", "true"), ("-2 * -3", "6"), ("1 == 1 != false", "true"),
        // Left associativity within a level (hclsyntax/spec.md: `x / y * z` is `(x / y) * z`).
        ("100 / 10 / 5", "2"), ("17 % 10 % 4", "3"), ("8 / 4 * 2", "4"), ("1 - 2 + 3", "2"),
        ("1 + 2 * 3 - 4 / 2 % 3", "5"), ("2 * 3 + 4 * 5 - 6 / 3", "24"), ("1 < 2 == 3 > 4", "false"),
    ])
    func binaryPrecedence(source: String, result: String) throws {
        let value = try #require(try expr(source).evaluate().value)
        #expect(value.description == result)
    }

    @Test func binaryTreeShape() throws {
        guard case let .binary(op, left, right) = try expr("a + b * c").kind else {
            Issue.record("expected binary")
            return
        }
        #expect(op == .add)
        #expect(left.kind == .variable("a"))
        guard case .binary(.multiply, _, _) = right.kind else {
            Issue.record("* should bind tighter than +")
            return
        }
        guard case .binary(.subtract, let inner, _) = try expr("a - b - c").kind, case .binary(.subtract, _, _) = inner.kind else {
            Issue.record("- should be left associative")
            return
        }
        // The grouping the spec's precedence table and left associativity give, written out by hand.
        #expect(try grouping(expr("a - b * c + d")) == "((a - (b * c)) + d)")
        #expect(try grouping(expr("a || b && c || d")) == "((a || (b && c)) || d)")
        #expect(try grouping(expr("a == b < c + d * e % f")) == "(a == (b < (c + ((d * e) % f))))")
        #expect(try grouping(expr("a * b + c > d != e && f || g")) == "((((((a * b) + c) > d) != e) && f) || g)")
    }

    /// A binary tree written with every operation in parentheses.
    private func grouping(_ expression: HCLExpression) -> String {
        guard case let .binary(op, left, right) = expression.kind else { return expression.sourceText }
        return "(" + grouping(left) + " " + op.symbol + " " + grouping(right) + ")"
    }

    @Test func conditionals() throws {
        let e = try expr("var.internal ? \"internal\" : \"internet-facing\"")
        guard case let .conditional(condition, trueResult, falseResult) = e.kind else {
            Issue.record("expected conditional")
            return
        }
        #expect(condition.sourceText == "var.internal")
        #expect(trueResult.literalString == "internal")
        #expect(falseResult.literalString == "internet-facing")
        #expect(e.evaluate(variables: ["internal": false]) == .known("internet-facing"))
        // Nested conditionals associate to the right.
        #expect(try expr("1 > 2 ? \"a\" : 2 > 1 ? \"b\" : \"c\"").evaluate() == .known("b"))
    }

    @Test func parenthesesAreKept() throws {
        let e = try expr("(\n  1 +\n  2\n)")
        guard case .parenthesized(let inner) = e.kind, case .binary(.add, _, _) = inner.kind else {
            Issue.record("expected parenthesized sum")
            return
        }
        #expect(e.sourceText == "(1 + 2)")
    }

    @Test func tupleForExpression() throws {
        let e = try expr("[for record in aws_route53_record.cert_record : record.fqdn]")
        guard case .forExpression(let f) = e.kind else {
            Issue.record("expected for")
            return
        }
        #expect(f.keyVariable == nil && f.valueVariable == "record")
        #expect(f.collection.sourceText == "aws_route53_record.cert_record")
        #expect(f.valueExpression.sourceText == "record.fqdn")
        #expect(!f.producesObject && f.condition == nil)

        let filtered = try expr("[for i, s in [\"a\", \"B\", \"c\"] : upper(s) if i != 1]")
        guard case .forExpression(let g) = filtered.kind else {
            Issue.record("expected for")
            return
        }
        #expect(g.keyVariable == "i" && g.valueVariable == "s")
        #expect(g.condition?.sourceText == "i != 1")
        #expect(filtered.evaluate() == .known(["A", "C"]))
    }

    @Test func objectForExpressionWithGrouping() throws {
        let e = try expr(
            """
            {
              for dvo in var.options : dvo.domain_name => {
                name   = dvo.resource_record_name
                record = dvo.resource_record_value
              }
            }
            """)
        guard case .forExpression(let f) = e.kind else {
            Issue.record("expected for")
            return
        }
        #expect(f.producesObject && !f.grouping)
        #expect(f.keyExpression?.sourceText == "dvo.domain_name")
        let options: Value = [
            ["domain_name": "a.example.com", "resource_record_name": "_x.a", "resource_record_value": "_y.a"]
        ]
        #expect(e.evaluate(variables: ["options": options]) == .known(["a.example.com": ["name": "_x.a", "record": "_y.a"]]))

        let grouped = try expr("{for k, v in {a = \"x\", b = \"y\", c = \"x\"} : v => k...}")
        guard case .forExpression(let g) = grouped.kind else {
            Issue.record("expected for")
            return
        }
        #expect(g.grouping)
        #expect(grouped.evaluate() == .known(["x": ["a", "c"], "y": ["b"]]))
    }

    @Test func forIsAnOrdinaryNameOutsideForExpressions() throws {
        #expect(try expr("{ for = 1 }").evaluate() == .known(["for": 1]))
        guard case .tuple(let elements) = try expr("[for]").kind else {
            Issue.record("expected tuple")
            return
        }
        #expect(elements.map(\.kind) == [.variable("for")])
    }

    @Test func positionsOnNestedExpressions() throws {
        let file = try parse(
            """
            a = {
              b = [1, f(x.y)]
            }
            """)
        let object = try #require(file.body.attribute(named: "a")).expression
        guard case .object(let items) = object.kind, case .tuple(let elements) = items[0].value.kind,
            case .functionCall(let call) = elements[1].kind
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(object.position == SourcePosition(file: "test.tf", line: 1, column: 5))
        #expect(items[0].value.position == SourcePosition(file: "test.tf", line: 2, column: 7))
        #expect(elements[1].position == SourcePosition(file: "test.tf", line: 2, column: 11))
        #expect(call.arguments[0].position == SourcePosition(file: "test.tf", line: 2, column: 13))
        #expect(object.range.end == SourcePoint(line: 3, column: 2, offset: 25))
    }
}
