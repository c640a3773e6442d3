import Foundation

/// A reference to a named value inside an expression, e.g. `aws_lb.public_alb.arn`, `var.region`,
/// `each.value.name` or `data.aws_network_interface.nic1.private_ip`.
///
/// Only the static part of a traversal is kept: `aws_instance.web[count.index].id` yields
/// `aws_instance.web` (plus `count.index` as a separate reference).
public struct Reference: Sendable, Hashable, CustomStringConvertible {
    /// The root name, e.g. `aws_lb`, `var`, `data`, `each`.
    public var root: String
    /// Static steps after the root.
    public var steps: [ReferenceStep]
    /// Where the reference appears.
    public var range: SourceRange

    /// Creates a reference.
    public init(root: String, steps: [ReferenceStep], range: SourceRange) {
        self.root = root
        self.steps = steps
        self.range = range
    }

    /// A reference whose steps are copied out of a buffer about to be reused: to an array of their
    /// own, of their count, so the buffer stays the reader's and an empty one allocates nothing.
    init(root: String, keeping steps: [ReferenceStep], range: SourceRange) {
        self.init(root: root, steps: steps.isEmpty ? [] : steps.map { $0 }, range: range)
    }

    /// Where the reference starts.
    public var position: SourcePosition { range.position }

    /// The root and the attribute names that directly follow it: `["aws_lb", "public_alb", "arn"]`.
    public var attributePath: [String] {
        var path = [root]
        for step in steps {
            guard case .attribute(let name) = step else { break }
            path.append(name)
        }
        return path
    }

    /// HCL spelling, e.g. `aws_lb.public_alb.arn` or `var.subnets[0]`.
    public var description: String {
        var out = root
        for step in steps {
            switch step {
            case .attribute(let name): out += "." + name
            case .index(.string(let key)): out += "[\"\(key)\"]"
            case .index(let key): out += "[\(key)]"
            }
        }
        return out
    }
}

/// A static step of a reference.
public enum ReferenceStep: Sendable, Hashable {
    /// `.name`
    case attribute(String)
    /// `[0]`, `["key"]` or `.0` with a literal key.
    case index(Value)
}

extension HCLExpression {
    /// All references in this expression, in source order — including those inside templates, heredocs,
    /// function arguments, object keys and index expressions. Iteration variables bound by `for`
    /// expressions and directives are not references and are left out.
    public var references: [Reference] {
        ReferenceCollector.collect { collector in collector.visit(self, bound: []) }
    }

    /// The references, with index keys that `evaluator` can know resolved too: in one instance of
    /// `for_each`, `aws_lb_target_group.this[each.key].arn` gives `aws_lb_target_group.this["api"].arn`.
    /// An index it cannot know ends the static part, as in `references`.
    public func references(resolvingIndexesWith evaluator: Evaluator) -> [Reference] {
        ReferenceCollector.collect(resolver: evaluator) { collector in collector.visit(self, bound: []) }
    }

    /// `body` on each reference of `references(resolvingIndexesWith:)`, in the same order, without
    /// building them: the steps are in one buffer that the next reference reuses, so a caller that
    /// turns them into something else allocates nothing for them.
    public func forEachReference(resolvingIndexesWith evaluator: Evaluator, _ body: (_ root: String, _ steps: [ReferenceStep], _ range: SourceRange) -> Void) {
        ReferenceCollector.visit(resolver: evaluator, reporting: body) { collector in collector.visit(self, bound: []) }
    }

    /// `body` on each reference as `forEachReference(resolvingIndexesWith:_:)` reports them, without an
    /// evaluator. Returns whether they are what any evaluator would give: false when an index key is
    /// neither a literal nor bound by a `for`, which an evaluator might resolve and this does not.
    @discardableResult
    public func forEachReferenceWithoutValues(_ body: (_ root: String, _ steps: [ReferenceStep], _ range: SourceRange) -> Void) -> Bool {
        var complete = true
        ReferenceCollector.visit(resolver: nil, reporting: body) { collector in
            collector.visit(self, bound: [])
            complete = !collector.metDynamicIndex
        }
        return complete
    }
}

extension Body {
    /// All references in every attribute of this body and of nested blocks, in source order.
    public var references: [Reference] {
        ReferenceCollector.collect { collector in collector.visit(self) }
    }
}

extension Block {
    /// All references in this block's attributes and nested blocks.
    public var references: [Reference] { body.references }
}

/// Walks expressions and reports each reference to `report`, its steps in one buffer reused from one
/// reference to the next.
private struct ReferenceCollector {
    let resolver: Evaluator?
    let report: (String, [ReferenceStep], SourceRange) -> Void
    /// The steps of the reference being reported.
    private var steps: [ReferenceStep] = []
    /// Whether an index key was met that a resolver would have been asked for.
    private(set) var metDynamicIndex = false

    /// Runs `walk` with a collector that reports to `body`, which is not kept past the call.
    static func visit(
        resolver: Evaluator?, reporting body: (String, [ReferenceStep], SourceRange) -> Void, _ walk: (inout ReferenceCollector) -> Void
    ) {
        withoutActuallyEscaping(body) { body in
            var collector = ReferenceCollector(resolver: resolver, report: body)
            walk(&collector)
        }
    }

    /// The references `walk` finds, each with steps of its own.
    static func collect(resolver: Evaluator? = nil, _ walk: (inout ReferenceCollector) -> Void) -> [Reference] {
        var references: [Reference] = []
        visit(resolver: resolver, reporting: { root, steps, range in references.append(Reference(root: root, keeping: steps, range: range)) }, walk)
        return references
    }

    private init(resolver: Evaluator?, report: @escaping (String, [ReferenceStep], SourceRange) -> Void) {
        self.resolver = resolver
        self.report = report
    }

    private mutating func add(_ root: String, _ traversal: [TraversalStep], bound: Set<String>, range: SourceRange) {
        staticPrefix(traversal, bound: bound)
        report(root, steps, range)
    }

    mutating func visit(_ body: Body) {
        for item in body.items {
            switch item {
            case .attribute(let attribute): visit(attribute.expression, bound: [])
            case .block(let block): visit(block.body)
            }
        }
    }

    mutating func visit(_ expression: HCLExpression, bound: Set<String>) {
        switch expression.kind {
        case .number, .bool, .null:
            break
        case .variable(let name):
            if !bound.contains(name) { add(name, [], bound: bound, range: expression.range) }
        case let .traversal(base, steps):
            if case .variable(let name) = base.kind {
                if !bound.contains(name) { add(name, steps, bound: bound, range: expression.range) }
            } else {
                visit(base, bound: bound)
            }
            for case .index(let key) in steps { visit(key, bound: bound) }
        case .template(let template):
            visit(template.parts, bound: bound)
        case .functionCall(let call):
            for argument in call.arguments { visit(argument, bound: bound) }
        case .tuple(let elements):
            for element in elements { visit(element, bound: bound) }
        case .object(let items):
            for item in items {
                if case .expression(let key) = item.key { visit(key, bound: bound) }
                visit(item.value, bound: bound)
            }
        case .unary(_, let operand):
            visit(operand, bound: bound)
        case .binary:
            guard let (first, rest) = expression.operatorChain() else { return }
            visit(first, bound: bound)
            for (_, operand) in rest { visit(operand, bound: bound) }
        case let .conditional(condition, trueResult, falseResult):
            visit(condition, bound: bound)
            visit(trueResult, bound: bound)
            visit(falseResult, bound: bound)
        case .parenthesized(let inner):
            visit(inner, bound: bound)
        case .forExpression(let forExpression):
            visit(forExpression.collection, bound: bound)
            var inner = bound
            inner.insert(forExpression.valueVariable)
            if let key = forExpression.keyVariable { inner.insert(key) }
            if let key = forExpression.keyExpression { visit(key, bound: inner) }
            visit(forExpression.valueExpression, bound: inner)
            if let condition = forExpression.condition { visit(condition, bound: inner) }
        }
    }

    mutating func visit(_ parts: [TemplatePart], bound: Set<String>) {
        for part in parts {
            switch part {
            case .literal:
                break
            case .interpolation(let interpolation):
                visit(interpolation.expression, bound: bound)
            case .ifDirective(let directive):
                visit(directive.condition, bound: bound)
                visit(directive.thenParts, bound: bound)
                if let elseParts = directive.elseParts { visit(elseParts, bound: bound) }
            case .forDirective(let directive):
                visit(directive.collection, bound: bound)
                var inner = bound
                inner.insert(directive.valueVariable)
                if let key = directive.keyVariable { inner.insert(key) }
                visit(directive.body, bound: inner)
            }
        }
    }

    /// Leading steps with literal keys; stops at the first dynamic index or splat.
    /// Into `steps`, replacing what it held.
    private mutating func staticPrefix(_ traversal: [TraversalStep], bound: Set<String>) {
        steps.removeAll(keepingCapacity: true)
        for step in traversal {
            switch step {
            case .attribute(let name):
                steps.append(.attribute(name))
            case .legacyIndex(let index):
                steps.append(.index(.number(Decimal(index))))
            case .index(let key):
                if case .number(let literal) = key.kind {
                    steps.append(.index(.number(literal.value)))
                } else if let string = key.literalString {
                    steps.append(.index(.string(string)))
                } else if !bound.isEmpty && key.references.contains(where: { bound.contains($0.root) }) {
                    return  // a `for`'s variable: no resolver binds it
                } else if let resolver {
                    guard let resolved = Self.resolve(key, with: resolver) else { return }
                    steps.append(.index(resolved))
                } else {
                    metDynamicIndex = true
                    return
                }
            case .attributeSplat, .fullSplat:
                return
            }
        }
    }

    /// A dynamic index key the resolver knows: a string or a whole number, never a guess. (Keys that
    /// use an enclosing `for`'s variables are not asked for: the resolver does not bind them.)
    private static func resolve(_ key: HCLExpression, with resolver: Evaluator) -> Value? {
        switch resolver.value(of: key) {
        case .string(let text): return .string(text)
        case .number(let number) where Evaluator.integer(number) != nil: return .number(number)
        default: return nil
        }
    }
}
