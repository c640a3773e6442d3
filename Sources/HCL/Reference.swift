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
        ReferenceCollector.collect(self)
    }

    /// The references, with index keys that `evaluator` can know resolved too: in one instance of
    /// `for_each`, `aws_lb_target_group.this[each.key].arn` gives `aws_lb_target_group.this["api"].arn`.
    /// An index it cannot know ends the static part, as in `references`.
    public func references(resolvingIndexesWith evaluator: Evaluator) -> [Reference] {
        ReferenceCollector.collect(self, resolver: evaluator)
    }

    /// `body` on each reference of `references(resolvingIndexesWith:)`, in the same order, without
    /// building them: the steps are in one buffer that the next reference reuses, so a caller that
    /// turns them into something else allocates nothing for them.
    public func forEachReference(resolvingIndexesWith evaluator: Evaluator, _ body: (_ root: String, _ steps: [ReferenceStep], _ range: SourceRange) -> Void) {
        ReferenceCollector.visit(self, resolver: evaluator, reporting: body)
    }

    /// `body` on each reference as `forEachReference(resolvingIndexesWith:_:)` reports them, without an
    /// evaluator. Returns whether they are what any evaluator would give: false when an index key is
    /// neither a literal nor bound by a `for`, which an evaluator might resolve and this does not.
    @discardableResult
    public func forEachReferenceWithoutValues(_ body: (_ root: String, _ steps: [ReferenceStep], _ range: SourceRange) -> Void) -> Bool {
        !ReferenceCollector.visit(self, resolver: nil, reporting: body)
    }
}

extension Body {
    /// All references in every attribute of this body and of nested blocks, in source order.
    public var references: [Reference] {
        ReferenceCollector.collect(self)
    }
}

extension Block {
    /// All references in this block's attributes and nested blocks.
    public var references: [Reference] { body.references }
}

/// Walks expressions and reports each reference to `report`, its steps in one buffer reused from one
/// reference to the next. `report` is handed down the walk rather than kept: kept, it had to escape
/// (`withoutActuallyEscaping`), and that put a box on the heap for every expression walked, the most
/// frequent allocation of a large review.
struct ReferenceCollector {
    typealias Report = (String, [ReferenceStep], SourceRange) -> Void
    let resolver: Evaluator?
    /// The steps of the reference being reported.
    private var steps: [ReferenceStep] = []
    /// Whether an index key was met that a resolver would have been asked for.
    private(set) var metDynamicIndex = false

    /// Reports the references of `expression` to `body`; whether an index key was met that a
    /// resolver would have been asked for (`metDynamicIndex`).
    @discardableResult
    static func visit(_ expression: HCLExpression, resolver: Evaluator?, reporting body: Report) -> Bool {
        var collector = ReferenceCollector(resolver: resolver)
        collector.visit(expression, bound: [], body)
        return collector.metDynamicIndex
    }

    /// Reports the references of `expression` as written where the names in `bound` are bound by
    /// `for` expressions or directives around it, without a resolver; whether an index key was met that
    /// a resolver would have been asked for.
    static func visit(_ expression: HCLExpression, bound: Set<String>, reporting body: Report) -> Bool {
        var collector = ReferenceCollector(resolver: nil)
        collector.visit(expression, bound: bound, body)
        return collector.metDynamicIndex
    }

    /// The references of `expression`, each with steps of its own.
    static func collect(_ expression: HCLExpression, resolver: Evaluator? = nil) -> [Reference] {
        var references: [Reference] = []
        visit(expression, resolver: resolver) { root, steps, range in references.append(Reference(root: root, keeping: steps, range: range)) }
        return references
    }

    /// The references of every attribute of `body` and of its nested blocks, each with steps of its own.
    static func collect(_ body: Body) -> [Reference] {
        var references: [Reference] = []
        var collector = ReferenceCollector(resolver: nil)
        collector.visit(body) { root, steps, range in references.append(Reference(root: root, keeping: steps, range: range)) }
        return references
    }

    private init(resolver: Evaluator?) {
        self.resolver = resolver
    }

    private mutating func add(_ root: String, _ traversal: [TraversalStep], bound: Set<String>, range: SourceRange, _ report: Report) {
        staticPrefix(traversal, bound: bound)
        report(root, steps, range)
    }

    mutating func visit(_ body: Body, _ report: Report) {
        for item in body.items {
            switch item {
            case .attribute(let attribute): visit(attribute.expression, bound: [], report)
            case .block(let block): visit(block.body, report)
            }
        }
    }

    mutating func visit(_ expression: HCLExpression, bound: Set<String>, _ report: Report) {
        switch expression.kind {
        case .number, .bool, .null:
            break
        case .variable(let name):
            if !bound.contains(name) { add(name, [], bound: bound, range: expression.range, report) }
        case let .traversal(base, steps):
            if case .variable(let name) = base.kind {
                if !bound.contains(name) { add(name, steps, bound: bound, range: expression.range, report) }
            } else {
                visit(base, bound: bound, report)
            }
            for case .index(let key) in steps { visit(key, bound: bound, report) }
        case .template(let template):
            visit(template.parts, bound: bound, report)
        case .functionCall(let call):
            for argument in call.arguments { visit(argument, bound: bound, report) }
        case .tuple(let elements):
            for element in elements { visit(element, bound: bound, report) }
        case .object(let items):
            for item in items {
                if case .expression(let key) = item.key { visit(key, bound: bound, report) }
                visit(item.value, bound: bound, report)
            }
        case .unary(_, let operand):
            visit(operand, bound: bound, report)
        case .binary:
            guard let (first, rest) = expression.operatorChain() else { return }
            visit(first, bound: bound, report)
            for (_, operand) in rest { visit(operand, bound: bound, report) }
        case let .conditional(condition, trueResult, falseResult):
            visit(condition, bound: bound, report)
            visit(trueResult, bound: bound, report)
            visit(falseResult, bound: bound, report)
        case .parenthesized(let inner):
            visit(inner, bound: bound, report)
        case .forExpression(let forExpression):
            visit(forExpression.collection, bound: bound, report)
            var inner = bound
            inner.insert(forExpression.valueVariable)
            if let key = forExpression.keyVariable { inner.insert(key) }
            if let key = forExpression.keyExpression { visit(key, bound: inner, report) }
            visit(forExpression.valueExpression, bound: inner, report)
            if let condition = forExpression.condition { visit(condition, bound: inner, report) }
        }
    }

    mutating func visit(_ parts: [TemplatePart], bound: Set<String>, _ report: Report) {
        for part in parts {
            switch part {
            case .literal:
                break
            case .interpolation(let interpolation):
                visit(interpolation.expression, bound: bound, report)
            case .ifDirective(let directive):
                visit(directive.condition, bound: bound, report)
                visit(directive.thenParts, bound: bound, report)
                if let elseParts = directive.elseParts { visit(elseParts, bound: bound, report) }
            case .forDirective(let directive):
                visit(directive.collection, bound: bound, report)
                var inner = bound
                inner.insert(directive.valueVariable)
                if let key = directive.keyVariable { inner.insert(key) }
                visit(directive.body, bound: inner, report)
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
                switch Self.literalKey(key, bound: bound) {
                case .step(let step):
                    steps.append(step)
                case .bound:
                    return  // a `for`'s variable: no resolver binds it
                case .other:
                    if let resolver {
                        guard let resolved = Self.resolve(key, with: resolver) else { return }
                        steps.append(.index(resolved))
                    } else {
                        metDynamicIndex = true
                        return
                    }
                }
            case .attributeSplat, .fullSplat:
                return
            }
        }
    }

    enum KeyKind {
        /// A literal number or string: the step it makes.
        case step(ReferenceStep)
        /// A key that uses a variable of an enclosing `for`.
        case bound
        /// Any other key: a resolver may know its value.
        case other
    }

    /// What an index key makes of a traversal's static steps.
    static func literalKey(_ key: HCLExpression, bound: Set<String>) -> KeyKind {
        if case .number(let literal) = key.kind { return .step(.index(.number(literal.value))) }
        if let string = key.literalString { return .step(.index(.string(string))) }
        if !bound.isEmpty && key.references.contains(where: { bound.contains($0.root) }) { return .bound }
        return .other
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
