import Foundation

/// The outcome of evaluating an expression: a value, or the reason it cannot be known statically.
public enum EvaluationResult: Sendable, Hashable {
    /// The value is fully known.
    case known(Value)
    /// The value depends on something not available here (a resource attribute, an unset variable,
    /// an unsupported function...) or the expression is invalid; `reason` says which.
    case unknown(reason: String)

    /// The value when known.
    public var value: Value? { if case .known(let value) = self { value } else { nil } }
}

/// Evaluates literal-ish expressions without guessing: literals, tuples, objects, templates,
/// `var.NAME` / `local.NAME` from the given maps, operators, conditionals, `for` expressions,
/// indexing and splats on known values, and a small set of pure built-in functions.
/// Anything else — resource and data references, unknown functions — yields `.unknown`.
public struct Evaluator: Sendable {
    /// Values for `var.NAME`.
    public var variables: [String: Value]
    /// Values for `local.NAME`.
    public var locals: [String: Value]
    /// Values for other root names, e.g. `each` or `count` when evaluating one instance.
    public var scope: [String: Value]
    /// How much work one evaluation may do before it gives up with `.unknown`: a unit per expression
    /// evaluated, per element iterated or produced, and per 16 bytes of string built. Real configurations
    /// need a tiny fraction of the default; without a bound, 64 nested `for` directives over two elements
    /// would take 2^64 steps.
    public var workLimit: Int
    /// When true, an element of a tuple or object (or of a `for` result) that cannot be known becomes
    /// `Value.unknown` instead of making the whole value unknown, as Terraform keeps partially known
    /// values; `try()` and `can()` then tell values that are unknown from expressions that are invalid.
    public var partialUnknowns: Bool

    /// Creates an evaluator.
    public init(
        variables: [String: Value] = [:], locals: [String: Value] = [:], scope: [String: Value] = [:], workLimit: Int = 1_000_000,
        partialUnknowns: Bool = false
    ) {
        self.variables = variables
        self.locals = locals
        self.scope = scope
        self.workLimit = workLimit
        self.partialUnknowns = partialUnknowns
    }

    /// Evaluates `expression`.
    public func evaluate(_ expression: HCLExpression) -> EvaluationResult {
        outcome { try eval(expression, Bindings(work: Work(limit: workLimit))) }
    }

    /// The value of `expression` when it is known, without the reason when it is not: the fast path for
    /// callers that only need values.
    public func value(of expression: HCLExpression) -> Value? {
        guard let value = try? eval(expression, Bindings(work: Work(limit: workLimit))), value != .unknown else { return nil }
        return value
    }

    /// Evaluates a template (e.g. a heredoc) to its string.
    public func evaluate(_ template: Template) -> EvaluationResult {
        outcome { .string(try render(template.parts, Bindings(work: Work(limit: workLimit)))) }
    }

    /// Reasons echo names and values from the input, so they are kept to one short line.
    private func outcome(_ body: () throws -> Value) -> EvaluationResult {
        do {
            let value = try body()
            if value == .unknown { return .unknown(reason: "known only after apply") }
            return .known(value)
        } catch let invalid as Invalid {
            return .unknown(reason: HCLError.excerpt(invalid.reason, limit: 300))
        } catch let unknown as Unknown {
            return .unknown(reason: HCLError.excerpt(unknown.reason, limit: 300))
        } catch {
            return .unknown(reason: HCLError.excerpt("\(error)", limit: 300))
        }
    }

    /// Iteration variables of enclosing `for` expressions and directives, plus the evaluation's work
    /// budget (a reference, so every copy draws on the same budget).
    private struct Bindings {
        var values: [String: Value] = [:]
        let work: Work

        subscript(name: String) -> Value? {
            get { values[name] }
            set { values[name] = newValue }
        }
    }

    private final class Work {
        let limit: Int
        var remaining: Int

        init(limit: Int) {
            self.limit = limit
            remaining = limit
        }

        func spend(_ units: Int) throws {
            remaining -= units
            if remaining < 0 {
                let limit = self.limit
                throw Unknown(Reason.tooMuchWork(limit))
            }
        }

        /// Work proportional to what a value holds at its top level.
        func spend(on value: Value) throws {
            switch value {
            case .string(let string): try spend(string.utf8.count / 16)
            case .list(let elements): try spend(elements.count)
            case .object(let attributes): try spend(attributes.count)
            case .number, .bool, .null, .unknown: break
            }
        }
    }

    /// Reasons tests and callers may want to recognise.
    enum Reason {
        static func tooMuchWork(_ limit: Int) -> String { "needs more than \(limit) steps of work; not evaluated statically" }
    }

    // MARK: - Expressions

    /// Kept a thin dispatcher: each case lives in its own function so the recursive frame stays small.
    private func eval(_ expression: HCLExpression, _ bound: Bindings) throws -> Value {
        try bound.work.spend(1)
        switch expression.kind {
        case .number(let literal):
            guard literal.isExact else { throw Unknown("\(HCLError.excerpt(literal.text)) has more than 38 significant digits") }
            return .number(literal.value)
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .template(let template): return try evalTemplate(template, bound)
        case .variable(let name): return try resolve(name, bound, in: expression)
        case let .traversal(base, steps): return try evalTraversal(expression, base, steps, bound)
        case .functionCall(let call): return try evalCall(call, bound)
        case .tuple(let elements): return try evalTuple(elements, bound)
        case .object(let items): return try evalObject(items, bound)
        case let .unary(op, operand): return try evalUnary(op, operand, bound)
        case .binary: return try evalChain(expression, bound)
        case let .conditional(condition, trueResult, falseResult):
            return try evalConditional(condition, trueResult, falseResult, bound)
        case .parenthesized(let inner): return try eval(inner, bound)
        case .forExpression(let forExpression): return try evalFor(forExpression, bound)
        }
    }

    @inline(never)
    private func evalTemplate(_ template: Template, _ bound: Bindings) throws -> Value {
        // A template that is a single interpolation yields the value itself, not its string form.
        if template.parts.count == 1, case .interpolation(let interpolation) = template.parts[0], case .quoted = template.style {
            return try eval(interpolation.expression, bound)
        }
        return .string(try render(template.parts, bound))
    }

    @inline(never)
    private func evalTraversal(
        _ expression: HCLExpression, _ base: HCLExpression, _ steps: [TraversalStep],
        _ bound: Bindings
    ) throws -> Value {
        if case .variable(let root) = base.kind, bound[root] == nil {
            if root == "var" || root == "local", case .attribute(let name)? = steps.first {
                guard let value = (root == "var" ? variables : locals)[name] else { throw Unknown("\(root).\(HCLError.excerpt(name)) has no value") }
                return try apply(steps.dropFirst(), to: value, bound)
            }
            if scope[root] == nil && root != "var" && root != "local" {
                throw Unknown("\(HCLError.excerpt(expression.sourceText)) is a reference to \(Evaluator.describeRoot(root))")
            }
        }
        return try apply(steps[...], to: try eval(base, bound), bound)
    }

    @inline(never)
    private func evalCall(_ call: FunctionCall, _ bound: Bindings) throws -> Value {
        switch call.name {
        case "try": return try evalTry(call.arguments, bound)
        case "can": return try evalCan(call.arguments, bound)
        default: break
        }
        var arguments = try call.arguments.map { try eval($0, bound) }
        // A function of an unknown value is unknown, except those that only move values around.
        if arguments.contains(where: { $0 == .unknown }) || (!BuiltinFunctions.structural.contains(call.name) && arguments.contains { $0.containsUnknown }) {
            throw Unknown("\(HCLError.excerpt(call.name))() of a value known only after apply")
        }
        if call.expandsFinalArgument, let last = arguments.popLast() {
            guard case .list(let elements) = last else { throw Unknown("cannot expand \(last.typeName) with '...' in \(HCLError.excerpt(call.name))()") }
            arguments += elements
        }
        let result = try BuiltinFunctions.call(call.name, arguments)
        try bound.work.spend(on: result)
        return result
    }

    /// `try(a, b, ...)`: the first argument that evaluates without an error. An argument that is
    /// unknown (rather than invalid) makes the result unknown: it might or might not fail.
    @inline(never)
    private func evalTry(_ arguments: [HCLExpression], _ bound: Bindings) throws -> Value {
        guard !arguments.isEmpty else { throw Invalid("try() needs at least one argument") }
        var last = Invalid("try(): every argument fails")
        for argument in arguments {
            do {
                let value = try eval(argument, bound)
                if value == .unknown { throw Unknown("try() of a value known only after apply") }
                return value
            } catch let invalid as Invalid {
                last = invalid
            }
        }
        throw last
    }

    /// `can(x)`: true when `x` evaluates, false when it is invalid, unknown when it is unknown.
    @inline(never)
    private func evalCan(_ arguments: [HCLExpression], _ bound: Bindings) throws -> Value {
        guard arguments.count == 1 else { throw Invalid("can() takes 1 argument, got \(arguments.count)") }
        do {
            _ = try eval(arguments[0], bound)
            return .bool(true)
        } catch is Invalid {
            return .bool(false)
        }
    }

    @inline(never)
    private func evalTuple(_ elements: [HCLExpression], _ bound: Bindings) throws -> Value {
        .list(try elements.map { try evalElement($0, bound) })
    }

    /// An element of a tuple or object: `.unknown` when it cannot be known and partial unknowns are kept.
    private func evalElement(_ expression: HCLExpression, _ bound: Bindings) throws -> Value {
        guard partialUnknowns else { return try eval(expression, bound) }
        do {
            return try eval(expression, bound)
        } catch is Unknown {
            return .unknown
        }
    }

    @inline(never)
    private func evalObject(_ items: [ObjectItem], _ bound: Bindings) throws -> Value {
        var result: [String: Value] = [:]
        for item in items {
            let key: String
            switch item.key {
            case .name(let name): key = name
            case .expression(let keyExpression): key = try Evaluator.string(try eval(keyExpression, bound), "object key")
            }
            result[key] = try evalElement(item.value, bound)
        }
        return .object(result)
    }

    @inline(never)
    private func evalUnary(_ op: UnaryOperator, _ operand: HCLExpression, _ bound: Bindings) throws -> Value {
        let value = try eval(operand, bound)
        switch op {
        case .negate: return .number(-(try Evaluator.number(value, "operand of '-'")))
        case .not: return .bool(!(try Evaluator.bool(value, "operand of '!'")))
        }
    }

    @inline(never)
    private func evalConditional(
        _ condition: HCLExpression, _ trueResult: HCLExpression, _ falseResult: HCLExpression,
        _ bound: Bindings
    ) throws -> Value {
        let chosen = try Evaluator.bool(try eval(condition, bound), "condition") ? trueResult : falseResult
        return try eval(chosen, bound)
    }

    private func resolve(_ name: String, _ bound: Bindings, in expression: HCLExpression) throws -> Value {
        if let value = bound[name] { return value }
        if name == "var" { return .object(variables) }
        if name == "local" { return .object(locals) }
        if let value = scope[name] { return value }
        throw Unknown("\(HCLError.excerpt(name)) is a reference to \(Evaluator.describeRoot(name))")
    }

    private static func describeRoot(_ root: String) -> String {
        switch root {
        case "data": return "a data source, known only after it is read"
        case "module": return "a module output, not evaluated here"
        case "each", "count", "self": return "a per-instance value, not available here"
        case "path", "terraform": return "a Terraform built-in value, not evaluated here"
        default: return "a resource attribute, known only after apply"
        }
    }

    /// A chain such as `a + b - c` left to right, in a loop: chains can be arbitrarily long.
    @inline(never)
    private func evalChain(_ expression: HCLExpression, _ bound: Bindings) throws -> Value {
        guard let (first, rest) = expression.operatorChain() else { return try eval(expression, bound) }
        var value = try eval(first, bound)
        for (op, operand) in rest { value = try binary(op, value, operand, bound) }
        return value
    }

    /// `lhs op right`; the right operand is evaluated only when needed.
    private func binary(_ op: BinaryOperator, _ lhs: Value, _ right: HCLExpression, _ bound: Bindings) throws -> Value {
        // `false && x` and `true || x` are known whatever x is.
        if op == .and || op == .or {
            let left = try Evaluator.bool(lhs, "left operand of '\(op.symbol)'")
            if op == .and && !left { return .bool(false) }
            if op == .or && left { return .bool(true) }
            return .bool(try Evaluator.bool(try eval(right, bound), "right operand of '\(op.symbol)'"))
        }
        let rhs = try eval(right, bound)
        switch op {
        case .equal, .notEqual:
            // `x != null` is known for a list or object x even when some of its elements are not.
            guard let equal = Evaluator.knownEquality(lhs, rhs) else { throw Unknown("comparison with a value known only after apply") }
            return .bool(equal == (op == .equal))
        default: break
        }
        let a = try Evaluator.number(lhs, "left operand of '\(op.symbol)'")
        let b = try Evaluator.number(rhs, "right operand of '\(op.symbol)'")
        switch op {
        case .less: return .bool(a < b)
        case .lessOrEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterOrEqual: return .bool(a >= b)
        case .add, .subtract, .multiply: return .number(try Evaluator.exactly(op, a, b))
        case .divide:
            guard b != 0 else { throw Unknown("division by zero") }
            return .number(try Evaluator.exactly(op, a, b))
        case .modulo:
            guard b != 0 else { throw Unknown("modulo by zero") }
            // Remainder with the sign of the dividend, like Terraform.
            var quotient = try Evaluator.exactly(.divide, a, b)
            var truncated = Decimal()
            NSDecimalRound(&truncated, &quotient, 0, quotient < 0 ? .up : .down)
            let remainder = try Evaluator.exactly(.subtract, a, try Evaluator.exactly(.multiply, b, truncated))
            // Past 38 digits the quotient is rounded and the remainder comes out of range (10^40 % 3 gave 100).
            guard abs(remainder) < abs(b), remainder == 0 || (remainder < 0) == (a < 0) else {
                throw Unknown("remainder of numbers this large is not evaluated exactly")
            }
            return .number(remainder)
        case .equal, .notEqual, .and, .or:
            fatalError("handled above")
        }
    }

    @inline(never)
    private func evalFor(_ forExpression: ForExpression, _ bound: Bindings) throws -> Value {
        let collection = try eval(forExpression.collection, bound)
        var listResult: [Value] = []
        var objectResult: [String: Value] = [:]
        var groups: [String: [Value]] = [:]
        for (key, element) in try Evaluator.elements(of: collection) {
            try bound.work.spend(1)
            var inner = bound
            inner[forExpression.valueVariable] = element
            if let keyVariable = forExpression.keyVariable { inner[keyVariable] = key }
            if let condition = forExpression.condition,
                !(try Evaluator.bool(try eval(condition, inner), "for expression condition"))
            {
                continue
            }
            let value = try evalElement(forExpression.valueExpression, inner)
            guard let keyExpression = forExpression.keyExpression else {
                listResult.append(value)
                continue
            }
            let resultKey = try Evaluator.string(try eval(keyExpression, inner), "for expression key")
            if forExpression.grouping {
                groups[resultKey, default: []].append(value)
            } else {
                guard objectResult[resultKey] == nil else {
                    throw Unknown("duplicate key \"\(HCLError.excerpt(resultKey))\" in for expression (use '...' to group)")
                }
                objectResult[resultKey] = value
            }
        }
        if !forExpression.producesObject { return .list(listResult) }
        if forExpression.grouping { return .object(groups.mapValues { .list($0) }) }
        return .object(objectResult)
    }

    // MARK: - Traversals

    private func apply(_ steps: ArraySlice<TraversalStep>, to value: Value, _ bound: Bindings) throws -> Value {
        var current = value
        var rest = steps
        while let step = rest.first {
            rest = rest.dropFirst()
            switch step {
            case .attribute(let name):
                current = try Evaluator.attribute(name, of: current)
            case .legacyIndex(let index):
                current = try Evaluator.index(.number(Decimal(index)), of: current)
            case .index(let keyExpression):
                current = try Evaluator.index(try eval(keyExpression, bound), of: current)
            case .fullSplat:
                // All remaining steps apply to each element.
                let elements = Evaluator.splatSource(current)
                try bound.work.spend(elements.count)
                return .list(try elements.map { try apply(rest, to: $0, bound) })
            case .attributeSplat:
                // Only the following attribute and legacy-index steps apply to each element.
                let each = rest.prefix { if case .attribute = $0 { true } else if case .legacyIndex = $0 { true } else { false } }
                rest = rest.dropFirst(each.count)
                let elements = Evaluator.splatSource(current)
                try bound.work.spend(elements.count)
                current = .list(try elements.map { try apply(each, to: $0, bound) })
            }
        }
        return current
    }

    private static func splatSource(_ value: Value) -> [Value] {
        switch value {
        case .null: return []
        case .list(let elements): return elements
        default: return [value]
        }
    }

    /// Whether two values are equal, when that is known: values of different kinds, lists of
    /// different lengths and objects with different attributes differ whatever their unknown parts
    /// hold; nil when the answer depends on a value known only after apply.
    static func knownEquality(_ lhs: Value, _ rhs: Value) -> Bool? {
        switch (lhs, rhs) {
        case (.unknown, _), (_, .unknown): return nil
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            var undecided = false
            for (x, y) in zip(a, b) {
                switch knownEquality(x, y) {
                case false?: return false
                case nil: undecided = true
                case true?: continue
                }
            }
            return undecided ? nil : true
        case (.object(let a), .object(let b)):
            guard Set(a.keys) == Set(b.keys) else { return false }
            var undecided = false
            for (key, x) in a {
                switch knownEquality(x, b[key]!) {
                case false?: return false
                case nil: undecided = true
                case true?: continue
                }
            }
            return undecided ? nil : true
        default:
            return lhs == rhs
        }
    }

    private static func attribute(_ name: String, of value: Value) throws -> Value {
        if value == .unknown { throw Unknown("attribute \"\(HCLError.excerpt(name))\" of a value known only after apply") }
        guard case .object(let attributes) = value else { throw Invalid("cannot get attribute \"\(HCLError.excerpt(name))\" of a \(value.typeName)") }
        guard let result = attributes[name] else { throw Invalid("object has no attribute \"\(HCLError.excerpt(name))\"") }
        return result
    }

    private static func index(_ key: Value, of value: Value) throws -> Value {
        if value == .unknown || key.containsUnknown { throw Unknown("an index into a value known only after apply") }
        switch value {
        case .list(let elements):
            let number = try Evaluator.number(key, "list index")
            guard let index = Evaluator.integer(number), index >= 0, index < elements.count else {
                throw Invalid("index \(key.excerpt()) is out of range for a list of \(elements.count) elements")
            }
            return elements[index]
        case .object(let attributes):
            let name = try Evaluator.string(key, "object key")
            guard let result = attributes[name] else { throw Invalid("object has no key \"\(HCLError.excerpt(name))\"") }
            return result
        default:
            throw Invalid("cannot index a \(value.typeName)")
        }
    }

    /// `a op b` for `+ - * /`, or `.unknown` where Decimal (38 significant digits, exponents to ±127) would
    /// overflow or round a sum, difference or product: HCL numbers are arbitrary-precision, so a rounded
    /// result would be a guess. Quotients are rounded to 38 digits, as any fixed precision must.
    private static func exactly(_ op: BinaryOperator, _ a: Decimal, _ b: Decimal) throws -> Decimal {
        var a = a, b = b, result = Decimal()
        let error: NSDecimalNumber.CalculationError
        switch op {
        case .add: error = NSDecimalAdd(&result, &a, &b, .plain)
        case .subtract: error = NSDecimalSubtract(&result, &a, &b, .plain)
        case .multiply: error = NSDecimalMultiply(&result, &a, &b, .plain)
        default: error = NSDecimalDivide(&result, &a, &b, .plain)
        }
        if error == .overflow || error == .underflow || result.isNaN {
            throw Unknown("result of '\(op.symbol)' is beyond the range of numbers evaluated here")
        }
        if error == .lossOfPrecision && op != .divide {
            throw Unknown("result of '\(op.symbol)' has more than 38 significant digits")
        }
        return result
    }

    /// Iteration order for `for`: lists by index, objects by sorted key (as Terraform does).
    static func elements(of collection: Value) throws -> [(Value, Value)] {
        switch collection {
        case .unknown:
            throw Unknown("iteration over a value known only after apply")
        case .list(let elements):
            return elements.enumerated().map { (.number(Decimal($0.offset)), $0.element) }
        case .object(let attributes):
            return attributes.keys.sorted().map { (.string($0), attributes[$0]!) }
        default:
            throw Invalid("cannot iterate over a \(collection.typeName)")
        }
    }

    // MARK: - Templates

    @inline(never)
    private func render(_ parts: [TemplatePart], _ bound: Bindings) throws -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let literal):
                out += literal.value
            case .interpolation(let interpolation):
                out += try Evaluator.string(try eval(interpolation.expression, bound), "interpolation")
            case .ifDirective(let directive):
                if try Evaluator.bool(try eval(directive.condition, bound), "%{if} condition") {
                    out += try render(directive.thenParts, bound)
                } else if let elseParts = directive.elseParts {
                    out += try render(elseParts, bound)
                }
            case .forDirective(let directive):
                for (key, element) in try Evaluator.elements(of: try eval(directive.collection, bound)) {
                    try bound.work.spend(1)
                    var inner = bound
                    inner[directive.valueVariable] = element
                    if let keyVariable = directive.keyVariable { inner[keyVariable] = key }
                    out += try render(directive.body, inner)
                }
            }
        }
        try bound.work.spend(out.utf8.count / 16)
        return out
    }

    // MARK: - Conversions (Terraform's automatic conversions between primitives)

    static func string(_ value: Value, _ context: @autoclosure () -> String) throws -> String {
        switch value {
        case .string(let string): return string
        case .number(let number): return Value.format(number)
        case .bool(let bool): return bool ? "true" : "false"
        case .null:
            let text = context()
            throw Invalid(text + " is null")
        case .list, .object:
            let text = context()
            throw Invalid(text + " must be a string, not a \(value.typeName)")
        case .unknown:
            let text = context()
            throw Unknown(text + " is known only after apply")
        }
    }

    static func number(_ value: Value, _ context: @autoclosure () -> String) throws -> Decimal {
        switch value {
        case .number(let number): return number
        case .string(let string):
            if let number = Decimal(string: string, locale: Locale(identifier: "en_US_POSIX")), !number.isNaN,
                string.allSatisfy({ $0.isNumber || "+-.eE".contains($0) })
            {
                return number
            }
            let text = context()
            throw Invalid(text + " must be a number, not \(value.excerpt())")
        case .unknown:
            let text = context()
            throw Unknown(text + " is known only after apply")
        default:
            let text = context()
            throw Invalid(text + " must be a number, not a \(value.typeName)")
        }
    }

    static func bool(_ value: Value, _ context: @autoclosure () -> String) throws -> Bool {
        switch value {
        case .bool(let bool): return bool
        case .string("true"): return true
        case .string("false"): return false
        case .unknown:
            let text = context()
            throw Unknown(text + " is known only after apply")
        default:
            let text = context()
            throw Invalid(text + " must be a bool, not \(value.excerpt())")
        }
    }

    static func integer(_ number: Decimal) -> Int? {
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == number, abs(number) < Decimal(Int.max) else { return nil }
        return NSDecimalNumber(decimal: number).intValue
    }
}

/// Internal signal that a value cannot be determined; becomes `EvaluationResult.unknown`.
///
/// The reason is built only when asked for: `Evaluator.value(of:)` never asks, and most expressions of a
/// large configuration (references to resources) are unknown, so their reasons would be built for nothing.
struct Unknown: Error {
    let describe: @Sendable () -> String
    var reason: String { describe() }
    init(_ reason: @autoclosure @escaping @Sendable () -> String) { describe = reason }
}

/// Internal signal that an expression would fail in Terraform itself (a missing attribute, an index
/// out of range, a value of the wrong type): `try()` moves on, `can()` says false. Outside them it is
/// reported like `Unknown`: the review never guesses a value.
struct Invalid: Error {
    let describe: @Sendable () -> String
    var reason: String { describe() }
    init(_ reason: @autoclosure @escaping @Sendable () -> String) { describe = reason }
}

extension HCLExpression {
    /// Evaluates this expression with the given values for `var.NAME`.
    public func evaluate(variables: [String: Value] = [:]) -> EvaluationResult {
        Evaluator(variables: variables).evaluate(self)
    }
}
