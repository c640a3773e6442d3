import Foundation

/// An HCL expression node together with the source span it was parsed from.
///
/// A value type whose contents live in one immutable heap box: copies cost a single pointer,
/// which keeps the stack frames of the recursive parser and tree walkers small.
///
/// Binary operators are left-associative, so `a + b + c + ...` nests to the left as deep as the chain
/// is long (the parser puts no limit on it). Equality, hashing and deallocation therefore follow that
/// left spine in a loop; `operatorChain()` lets other walkers do the same.
public struct HCLExpression: Sendable, Hashable {
    // `@unchecked`: `kind` is written only while the box is being torn down and has no other owner.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) private(set) var kind: ExpressionKind
        let range: SourceRange

        init(kind: ExpressionKind, range: SourceRange) {
            self.kind = kind
            self.range = range
        }

        /// Releasing `(a + b) + c` would release `a + b` from inside this deinit, and so on down the left
        /// spine: one nested call per operator. Instead, detach each uniquely owned left operand in a loop.
        deinit {
            guard case .binary(_, var left, _) = kind else { return }
            kind = .null
            while isKnownUniquelyReferenced(&left.storage), case .binary(_, let next, _) = left.storage.kind {
                left.storage.kind = .null  // frees the right operand; `next` keeps the left one alive
                left = next
            }
        }
    }

    private var storage: Storage

    /// Creates an expression node.
    public init(_ kind: ExpressionKind, range: SourceRange) {
        storage = Storage(kind: kind, range: range)
    }

    /// What kind of expression this is, with its sub-expressions.
    public var kind: ExpressionKind {
        get { storage.kind }
        set { storage = Storage(kind: newValue, range: storage.range) }
    }

    /// The exact span of source text this expression was parsed from.
    public var range: SourceRange {
        get { storage.range }
        set { storage = Storage(kind: storage.kind, range: newValue) }
    }

    /// Where the expression starts (file, line, column).
    public var position: SourcePosition { range.position }

    /// This node, told apart from every other node alive: two copies of one parsed expression share
    /// it, an equal expression parsed elsewhere does not. For tables of what was worked out per node.
    public var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// Structural equality (kind and range).
    public static func == (lhs: HCLExpression, rhs: HCLExpression) -> Bool {
        var left = lhs, right = rhs
        while left.storage !== right.storage {
            guard left.storage.range == right.storage.range else { return false }
            guard case let .binary(leftOperator, leftLeft, leftRight) = left.storage.kind,
                case let .binary(rightOperator, rightLeft, rightRight) = right.storage.kind
            else { return left.storage.kind == right.storage.kind }
            guard leftOperator == rightOperator, leftRight == rightRight else { return false }
            left = leftLeft
            right = rightLeft
        }
        return true
    }

    /// Hashes kind and range.
    public func hash(into hasher: inout Hasher) {
        var node = self
        while case let .binary(op, left, right) = node.storage.kind {
            hasher.combine(node.storage.range)
            hasher.combine(op)
            hasher.combine(right)
            node = left
        }
        hasher.combine(node.storage.range)
        hasher.combine(node.storage.kind)
    }

    /// For a binary operation, its operands and operators in source order: `a - b + c` (parsed as
    /// `(a - b) + c`) gives `a` and `[(-, b), (+, c)]`; nil for any other expression. Walking this list
    /// costs no stack however long the chain; each right operand is at most a few precedence levels deep.
    func operatorChain() -> (first: HCLExpression, rest: [(BinaryOperator, HCLExpression)])? {
        guard case .binary = storage.kind else { return nil }
        var rest: [(BinaryOperator, HCLExpression)] = []
        var node = self
        while case let .binary(op, left, right) = node.storage.kind {
            rest.append((op, right))
            node = left
        }
        rest.reverse()
        return (node, rest)
    }
}

/// The shapes an HCL expression can take. Nothing from the source is dropped: parentheses,
/// heredoc markers and raw template text are all kept so the expression can be shown as written.
///
/// Sub-expressions are `HCLExpression`s, which are already one pointer each, so the enum needs no
/// box of its own: only the two large payloads (number literals and `for` expressions) are boxed,
/// which keeps every node one allocation of under 100 bytes.
public enum ExpressionKind: Sendable, Hashable {
    /// A number literal such as `443` or `1.5e3`.
    indirect case number(NumberLiteral)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A quoted string or heredoc, possibly with interpolations and directives.
    case template(Template)
    /// A bare name such as `var`, `aws_lb` or `each` (the root of a traversal).
    case variable(String)
    /// Attribute access, indexing and splats applied to `base`, e.g. `aws_lb.x.arn` or `tolist(x)[0]`.
    case traversal(base: HCLExpression, steps: [TraversalStep])
    /// A function call such as `tolist(x)` or `concat(a, b...)`.
    case functionCall(FunctionCall)
    /// A tuple constructor `[a, b]`.
    case tuple([HCLExpression])
    /// An object constructor `{ k = v }`.
    case object([ObjectItem])
    /// `-x` or `!x`.
    case unary(UnaryOperator, HCLExpression)
    /// `a + b`, `a && b`, ...
    case binary(BinaryOperator, HCLExpression, HCLExpression)
    /// `condition ? trueResult : falseResult`.
    case conditional(condition: HCLExpression, trueResult: HCLExpression, falseResult: HCLExpression)
    /// `( expression )`, kept so rendering reproduces the grouping.
    case parenthesized(HCLExpression)
    /// `[for ...]` or `{for ...}`.
    indirect case forExpression(ForExpression)
}

/// A number literal: its value and its text exactly as written.
public struct NumberLiteral: Sendable, Hashable {
    /// The parsed value.
    public var value: Decimal
    /// The literal as it appeared in the source, e.g. `1.50`.
    public var text: String

    /// Creates a number literal.
    public init(value: Decimal, text: String) {
        self.value = value
        self.text = text
    }

    /// Whether `value` is exactly the literal: Decimal keeps 38 significant digits, longer literals are rounded.
    var isExact: Bool {
        let utf8 = text.utf8
        guard utf8.count > 38 else { return true }
        let mantissa = utf8.prefix { $0 | 0x20 != Byte.lowerE }.filter(Byte.isDigit)
        guard let first = mantissa.firstIndex(where: { $0 != Byte.zero }), let last = mantissa.lastIndex(where: { $0 != Byte.zero }) else {
            return true
        }
        return last - first < 38
    }
}

/// One step of a traversal.
public enum TraversalStep: Sendable, Hashable {
    /// `.name`
    case attribute(String)
    /// `[expression]`
    case index(HCLExpression)
    /// `.0` (legacy index syntax)
    case legacyIndex(Int)
    /// `.*` — applies the following attribute/legacy-index steps to each element.
    case attributeSplat
    /// `[*]` — applies all following steps to each element.
    case fullSplat
}

/// A function call, e.g. `format("%s-%d", name, 1)` or `provider::aws::arn_parse(x)`.
public struct FunctionCall: Sendable, Hashable {
    /// Function name, including any `provider::` namespace.
    public var name: String
    /// Arguments in order.
    public var arguments: [HCLExpression]
    /// True when the last argument is followed by `...` (its elements become separate arguments).
    public var expandsFinalArgument: Bool

    /// Creates a function call.
    public init(name: String, arguments: [HCLExpression], expandsFinalArgument: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.expandsFinalArgument = expandsFinalArgument
    }
}

/// One `key = value` (or `key: value`) item of an object constructor.
public struct ObjectItem: Sendable, Hashable {
    /// The key: a bare name or an expression.
    public var key: ObjectKey
    /// The value expression.
    public var value: HCLExpression
    /// True when written with `:` instead of `=`.
    public var usesColon: Bool
    /// Span from key to value.
    public var range: SourceRange

    /// Creates an object item.
    public init(key: ObjectKey, value: HCLExpression, usesColon: Bool = false, range: SourceRange) {
        self.key = key
        self.value = value
        self.usesColon = usesColon
        self.range = range
    }

    /// Where the item starts.
    public var position: SourcePosition { range.position }
}

/// The key of an object item.
public enum ObjectKey: Sendable, Hashable {
    /// A bare identifier such as `Name` — a literal string, never a variable reference.
    case name(String)
    /// Any other key: a quoted string, `(expression)`, ...
    case expression(HCLExpression)

    /// The key's literal text when it is a bare name or a plain quoted string.
    public var literalName: String? {
        switch self {
        case .name(let name): return name
        case .expression(let expression): return expression.literalString
        }
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
    /// Arithmetic negation `-`.
    case negate = "-"
    /// Logical not `!`.
    case not = "!"

    /// The operator as written.
    public var symbol: String { rawValue }
}

/// Infix operators with HCL's precedence levels.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `||`
    case or = "||"
    /// `&&`
    case and = "&&"
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*`
    case multiply = "*"
    /// `/`
    case divide = "/"
    /// `%`
    case modulo = "%"

    /// The operator as written.
    public var symbol: String { rawValue }

    /// Binding strength: 1 (`||`) is loosest, 6 (`* / %`) tightest.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}

/// A `for` expression: `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`.
public struct ForExpression: Sendable, Hashable {
    /// The first name in `for k, v`, when two names are given.
    public var keyVariable: String?
    /// The (last) iteration variable name.
    public var valueVariable: String
    /// The collection iterated over.
    public var collection: HCLExpression
    /// The key expression (`key =>`) of the object form; nil for the tuple form.
    public var keyExpression: HCLExpression?
    /// The value expression.
    public var valueExpression: HCLExpression
    /// The `if` filter, if any.
    public var condition: HCLExpression?
    /// True for the object form with `...` (values grouped into lists per key).
    public var grouping: Bool

    /// Creates a for expression.
    public init(
        keyVariable: String?, valueVariable: String, collection: HCLExpression, keyExpression: HCLExpression?,
        valueExpression: HCLExpression, condition: HCLExpression?, grouping: Bool
    ) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.keyExpression = keyExpression
        self.valueExpression = valueExpression
        self.condition = condition
        self.grouping = grouping
    }

    /// True for `{for ...}`, false for `[for ...]`.
    public var producesObject: Bool { keyExpression != nil }
}

extension HCLExpression {
    /// The string value when this is a quoted string or heredoc without interpolations or directives.
    public var literalString: String? {
        guard case .template(let template) = kind else { return nil }
        return template.literalValue
    }

    /// The root variable name when this is a bare variable or a traversal starting from one (`aws_lb` for `aws_lb.x.arn`).
    public var rootName: String? {
        switch kind {
        case .variable(let name): return name
        case .traversal(let base, _): return base.rootName
        default: return nil
        }
    }
}
