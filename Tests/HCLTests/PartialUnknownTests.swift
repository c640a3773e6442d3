import Foundation
import Testing

@testable import HCL

/// Terraform keeps values that are partly known: `[1, aws_lb.x.arn]` is a list of two elements of
/// which one is known after apply. Modules lean on that with `try()`, `can()` and `optional()` defaults.
@Suite("Evaluator: partially known values, try() and can()")
struct PartialUnknownTests {
    let partial = Evaluator(partialUnknowns: true)

    @Test func elementsThatCannotBeKnownStayInPlace() throws {
        #expect(partial.evaluate(try expr("[1, aws_lb.x.arn]")) == .known([1, .unknown]))
        #expect(partial.evaluate(try expr("{ a = 1, b = aws_lb.x.arn }")) == .known(["a": 1, "b": .unknown]))
        // The count of a list is known even when an element is not (Terraform's length() does the same).
        #expect(partial.evaluate(try expr("length([aws_subnet.a.id, aws_subnet.b.id, \"subnet-1\"])")) == .known(3))
        // A whole value that cannot be known is still unknown, never a guess.
        guard case .unknown = partial.evaluate(try expr("aws_lb.x.arn")) else {
            Issue.record("a resource attribute must stay unknown")
            return
        }
        // Without the option, one unknown element makes the whole value unknown, as before.
        #expect(Evaluator().evaluate(try expr("[1, aws_lb.x.arn]")).value == nil)
    }

    @Test func functionsOfUnknownValuesAreUnknown() throws {
        #expect(partial.evaluate(try expr("upper(aws_lb.x.name)")).value == nil)
        #expect(partial.evaluate(try expr("join(\",\", [\"a\", aws_lb.x.name])")).value == nil)
        #expect(partial.evaluate(try expr("[1, aws_lb.x.arn] == [1, 2]")).value == nil)
        // Functions that only move values keep the unknown element where it is.
        #expect(partial.evaluate(try expr("concat([1], [aws_lb.x.arn])")) == .known([1, .unknown]))
        #expect(partial.evaluate(try expr("lookup({ a = aws_lb.x.arn, b = 2 }, \"b\", 0)")) == .known(2))
    }

    @Test func tryTakesTheFirstArgumentThatIsValid() throws {
        let evaluator = Evaluator(variables: ["tg": ["name": "api"]], partialUnknowns: true)
        // A missing attribute is an error in Terraform; try() moves on to the fallback.
        #expect(evaluator.evaluate(try expr("try(var.tg.target_type, \"instance\")")) == .known("instance"))
        #expect(evaluator.evaluate(try expr("try(var.tg.name, \"x\")")) == .known("api"))
        #expect(evaluator.evaluate(try expr("try(var.tg.port[0], null)")) == .known(.null))
        #expect(evaluator.evaluate(try expr("try([1, 2][5], [9][0])")) == .known(9))
        // An argument known only after apply might fail or not: the result is unknown.
        #expect(evaluator.evaluate(try expr("try(aws_lb.x.arn, null)")).value == nil)
        #expect(evaluator.evaluate(try expr("try(var.tg.missing, var.tg.other)")).value == nil)
    }

    @Test func canSaysWhetherAnExpressionIsValid() throws {
        let evaluator = Evaluator(variables: ["tg": ["name": "api"]], partialUnknowns: true)
        #expect(evaluator.evaluate(try expr("can(var.tg.name)")) == .known(true))
        #expect(evaluator.evaluate(try expr("can(var.tg.port)")) == .known(false))
        #expect(evaluator.evaluate(try expr("can(tonumber(\"x1\"))")) == .known(false))
        #expect(evaluator.evaluate(try expr("can(aws_lb.x.arn)")).value == nil)
    }

    @Test func forExpressionsOverKnownCollectionsOfPartlyKnownValues() throws {
        let evaluator = Evaluator(variables: ["groups": ["a": ["target_type": "lambda", "target_id": .unknown], "b": ["target_type": "ip"]]], partialUnknowns: true)
        #expect(
            evaluator.evaluate(try expr("{ for k, v in var.groups : k => v.target_type if v.target_type == \"lambda\" }")) == .known(["a": "lambda"]))
        #expect(evaluator.evaluate(try expr("[for k, v in var.groups : k]")) == .known(["a", "b"]))
        // Iterating over a value known only after apply is unknown.
        #expect(evaluator.evaluate(try expr("[for s in aws_subnet.x[*].id : s]")).value == nil)
    }

    @Test func functionsModulesUse() throws {
        let cases: [(String, Value)] = [
            ("compact([\"a\", \"\", null, \"b\"])", ["a", "b"]),
            ("one([])", .null),
            ("one([\"x\"])", "x"),
            ("zipmap([\"a\", \"b\"], [1, 2])", ["a": 1, "b": 2]),
            ("range(3)", [0, 1, 2]),
            ("range(1, 7, 2)", [1, 3, 5]),
            ("range(3, 0, -1)", [3, 2, 1]),
            ("startswith(\"ELBSecurityPolicy-TLS13\", \"ELBSecurityPolicy\")", true),
            ("endswith(\"api.example.com\", \".org\")", false),
            ("coalescelist([], [1], [2])", [1]),
            ("alltrue([true, \"true\"])", true),
            ("anytrue([false, false])", false),
            ("sort([\"b\", \"a\", \"c\"])", ["a", "b", "c"]),
            ("reverse([1, 2, 3])", [3, 2, 1]),
            ("substr(\"us-west-2a\", 0, 9)", "us-west-2"),
            ("substr(\"hello\", 1, -1)", "ello"),
            ("trimprefix(\"arn:aws:x\", \"arn:\")", "aws:x"),
            ("trimsuffix(\"a.tf\", \".tf\")", "a"),
            ("sum([1, 2, 3.5])", .number(Decimal(string: "6.5")!)),
            ("index([\"a\", \"b\"], \"b\")", 1),
            ("slice([1, 2, 3, 4], 1, 3)", [2, 3]),
            ("setunion([\"a\", \"b\"], [\"b\", \"c\"])", ["a", "b", "c"]),
        ]
        for (source, expected) in cases {
            #expect(try expr(source).evaluate() == .known(expected), "\(source)")
        }
        // Invalid calls are errors that try() catches, not values.
        #expect(try expr("try(one([1, 2]), \"many\")").evaluate() == .known("many"))
        #expect(try expr("try(slice([1], 0, 5), [])").evaluate() == .known([]))
        #expect(try expr("range(0, 5000)").evaluate().value == nil)
    }

    /// Nullness and shape are known even when contents are not: modules test `var.x != null`.
    @Test func equalityKnownFromShape() throws {
        let evaluator = Evaluator(variables: ["groups": ["a": ["target_id": .unknown]], "list": [1, .unknown]], partialUnknowns: true)
        #expect(evaluator.evaluate(try expr("var.groups != null")) == .known(true))
        #expect(evaluator.evaluate(try expr("var.list == [1]")) == .known(false))
        #expect(evaluator.evaluate(try expr("var.list == [2, 3]")) == .known(false))
        #expect(evaluator.evaluate(try expr("var.groups == { b = 1 }")) == .known(false))
        #expect(evaluator.evaluate(try expr("var.list == [1, 2]")).value == nil)
        #expect(evaluator.evaluate(try expr("var.groups.a.target_id != null")).value == nil)
    }

    /// In one instance of for_each, a dynamic index names the instance it points at.
    @Test func referencesResolveIndexesTheEvaluatorKnows() throws {
        let expression = try expr("try(aws_lb_target_group.this[each.value.group].arn, aws_lb.x[count.index].arn, aws_lb.y[local.unknown].id)")
        let evaluator = Evaluator(scope: ["each": ["value": ["group": "api"]], "count": ["index": 2]])
        #expect(
            expression.references(resolvingIndexesWith: evaluator).map(\.description).filter { $0.hasPrefix("aws_") } == [
                "aws_lb_target_group.this[\"api\"].arn", "aws_lb.x[2].arn", "aws_lb.y",
            ])
        // Without an evaluator, the static part stops at the dynamic index, as before.
        #expect(expression.references.map(\.description).filter { $0.hasPrefix("aws_") } == ["aws_lb_target_group.this", "aws_lb.x", "aws_lb.y"])
        // A key bound by an enclosing for is not resolved.
        let bound = try expr("[for k in [\"a\"] : aws_lb.z[k].arn]")
        #expect(bound.references(resolvingIndexesWith: Evaluator(scope: ["k": "b"])).map(\.description).contains("aws_lb.z"))
    }

    /// `forEachReference` hands over each reference in one reused step buffer: what it reports, copied
    /// as it comes, is each reference whole, long steps after short ones included, at its own place.
    @Test func forEachReferenceReportsWhatReferencesReturns() throws {
        let expression = try expr(
            #"concat(aws_lb_target_group.this[each.key].arn, var.a, data.t.n.attr[0].x, [for v in local.l : v.id], "${module.m["k"].out}")"#)
        let evaluator = Evaluator(scope: ["each": ["key": "api"]])
        var reported: [String] = []
        var ranges: [SourceRange] = []
        expression.forEachReference(resolvingIndexesWith: evaluator) { root, steps, range in
            reported.append(Reference(root: root, steps: steps, range: range).description)
            ranges.append(range)
        }
        // In the order written; an index's own references follow the traversal they index.
        #expect(
            reported == [#"aws_lb_target_group.this["api"].arn"#, "each.key", "var.a", "data.t.n.attr[0].x", "local.l", #"module.m["k"].out"#])
        // Where each starts, counted in the text `expr` parses, `x = ` and then the expression.
        #expect(ranges.map(\.start.column) == [12, 37, 52, 59, 89, 109] && ranges.allSatisfy { $0.start.line == 1 })
    }
}
