import Foundation
import HCL

/// Where something stands in a configuration: `main.tf:12:3`.
package struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Joined from its pieces: a review writes one for each of its thousands of facts and findings.
    package var description: String { .joining(file, ":", String(line), ":", String(column)) }

    package static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A value Terraform could know before apply.
package indirect enum TerraformValue: Sendable, Equatable {
    case string(String)
    case number(ExactDecimal)
    case bool(Bool)
    case list([TerraformValue])
    case object([String: TerraformValue])
    case null
    /// Known only after apply, inside a value otherwise known.
    case unknown

    package var string: String? {
        switch self {
        case .string(let text): text
        case .number(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    package var bool: Bool? {
        switch self {
        case .bool(let flag): flag
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }

    package var list: [TerraformValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// A reference in an expression, named in the root module's namespace: `aws_lb.this.arn` in a module
/// called as `module.alb` is `module.alb.aws_lb.this.arn`. Index keys that can be known are kept
/// (`aws_lb_target_group.this["api"].arn`), so a reference names the instance it points at.
///
/// Its fields live in one immutable box: an expression's list of references is a list of pointers,
/// and the references of a variable or local value passed on to the expressions that read it, or
/// written again elsewhere (`SharedReferences` gives each text one box while a file is read), are shared.
package struct TerraformReference: Sendable, Equatable, Hashable, CustomStringConvertible {
    private final class Storage: Sendable {
        let text: String
        let module: String
        let target: String?
        let key: String?
        let resourceType: String?
        let root: String

        init(text: String, module: String, target: String?, key: String?, resourceType: String?, root: String) {
            self.text = text
            self.module = module
            self.target = target
            self.key = key
            self.resourceType = resourceType
            self.root = root
        }
    }

    private let storage: Storage

    /// The whole reference as written in the root namespace.
    package var text: String { storage.text }
    /// The module path it was written in (`module.alb.`), empty in the root module.
    package var module: String { storage.module }
    /// What it points at, without an instance key: `module.alb.aws_lb.this`, `data.t.n`, `var.x`,
    /// `local.x`, `module.alb` (an output of that call); nil for `each`, `count`, `path`, `self`...
    package var target: String? { storage.target }
    /// Whether it points at something (`target` is not nil), without copying the target.
    package var hasTarget: Bool {
        if case .none = storage.target { return false }
        return true
    }
    /// The instance key right after the target (`[0]`, `["api"]`), when written and known.
    package var key: String? { storage.key }
    /// The resource type for resources and data sources (`aws_lb`), else nil.
    package var resourceType: String? { storage.resourceType }
    /// The first name as written: `aws_lb`, `var`, `local`, `module`, `data`, `each`...
    package var root: String { storage.root }

    package var description: String { text }

    /// Whether the two are one box (`SharedReferences` gives each text one).
    func sharesBox(with other: TerraformReference) -> Bool { storage === other.storage }

    package init(text: String, module: String = "", target: String?, key: String? = nil, resourceType: String? = nil, root: String? = nil) {
        storage = Storage(
            text: text, module: module, target: target, key: key, resourceType: resourceType,
            root: root ?? String(text.dropFirst(module.count).prefix { $0 != "." && $0 != "[" }))
    }

    package static func == (lhs: TerraformReference, rhs: TerraformReference) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.text == rhs.text && lhs.module == rhs.module && lhs.target == rhs.target && lhs.key == rhs.key && lhs.resourceType == rhs.resourceType
                && lhs.root == rhs.root)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(module)
    }

    /// Roots that are not declarations: per-instance and built-in values.
    static func isBuiltinRoot(_ root: String) -> Bool {
        // The length first: comparing a resource type with five names costs more than building its reference.
        switch root.utf8.count {
        case 4: root == "each" || root == "self" || root == "path"
        case 5: root == "count"
        case 9: root == "terraform"
        default: false
        }
    }

    /// A reference built from its root and static steps (attribute names and index keys), written in
    /// the module `module` (`module.alb.` or empty).
    package init(root: String, steps: [Step], module: String) {
        func name(_ index: Int) -> String? {
            guard index < steps.count, case .attribute(let name) = steps[index] else { return nil }
            return name
        }
        func keyAt(_ index: Int) -> String? {
            guard index < steps.count, case .key(let key) = steps[index] else { return nil }
            return key
        }
        // The target is the text up to the step that names the declaration: `data.t.n`, `var.v`,
        // `module.m`, `aws_lb.x`; the text is built once and the target cut from it.
        var targetSteps = 0
        var key: String?
        var type: String?
        switch root {
        case "data":
            if let dataType = name(0), name(1) != nil {
                targetSteps = 2
                key = keyAt(2)
                type = dataType
            }
        case "var", "local":
            if name(0) != nil { targetSteps = 1 }
        case "module":
            if name(0) != nil {
                targetSteps = 1
                key = keyAt(1)
            }
        default:
            if !Self.isBuiltinRoot(root), name(0) != nil {
                targetSteps = 1
                key = keyAt(1)
                type = root
            }
        }
        // Measured first, then written straight into one string: appending piece by piece cost more
        // than the rest of the conversion of an expression. The target is the text's start, copied
        // from it.
        var length = module.utf8.count + root.utf8.count
        var targetLength = 0
        for (index, step) in steps.enumerated() {
            switch step {
            case .attribute(let name): length += 1 + name.utf8.count
            case .key(let key): length += key.utf8.count
            }
            if index + 1 == targetSteps { targetLength = length }
        }
        var target: String?
        let text = String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            func write(_ piece: String) {
                piece.withUTF8Bytes { bytes in
                    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
                    (buffer.baseAddress! + at).update(from: source, count: bytes.count)
                    at += bytes.count
                }
            }
            write(module)
            write(root)
            for step in steps {
                switch step {
                case .attribute(let name):
                    buffer[at] = UInt8(ascii: ".")
                    at += 1
                    write(name)
                case .key(let key): write(key)
                }
            }
            if targetLength > 0 && targetLength < at {
                target = String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<targetLength]), as: UTF8.self)
            }
            return at
        }
        if targetLength > 0 && targetLength == length { target = text }
        self.init(text: text, module: module, target: target, key: key, resourceType: type, root: root)
    }

    /// A hash of the text `init(root:steps:module:)` would write, worked out from its pieces, eight
    /// bytes at a time: a reference is looked up by it without its text being built. Pieces that
    /// join into one text in two ways may hash apart; they are then not shared, which costs room only.
    static func textHash(root: String, steps: [Step], module: String) -> UInt64 {
        var hash = PieceHash()
        hash.mix(module)
        hash.mix(root)
        for step in steps {
            switch step {
            case .attribute(let name):
                hash.mix(UInt64(UInt8(ascii: ".")))
                hash.mix(name)
            case .key(let key): hash.mix(key)
            }
        }
        return hash.value
    }

    /// Whether this reference is the one `init(root:steps:module:)` makes of these pieces: the same text
    /// and module (the other fields follow from them).
    func hasText(root: String, steps: [Step], module: String) -> Bool {
        guard self.module == module else { return false }
        return text.withUTF8Bytes { buffer in
            var at = 0
            func matches(_ piece: String) -> Bool {
                piece.withUTF8Bytes { bytes in
                    guard at + bytes.count <= buffer.count else { return false }
                    guard bytes.count == 0 || memcmp(buffer.baseAddress! + at, bytes.baseAddress!, bytes.count) == 0 else { return false }
                    at += bytes.count
                    return true
                }
            }
            guard matches(module), matches(root) else { return false }
            for step in steps {
                switch step {
                case .attribute(let name):
                    guard at < buffer.count, buffer[at] == UInt8(ascii: ".") else { return false }
                    at += 1
                    guard matches(name) else { return false }
                case .key(let key):
                    guard matches(key) else { return false }
                }
            }
            return at == buffer.count
        }
    }

    /// A static step of a reference.
    package enum Step: Sendable, Equatable {
        case attribute(String)
        /// An index key, rendered as Terraform writes it in an address: `[0]`, `["api"]`.
        case key(String)

        /// `[0]` for a number, `["a"]` for a string (quotes and backslashes escaped).
        static func key(for value: TerraformValue) -> Step? {
            switch value {
            case .number(let number): return .key("[\(number)]")
            case .string(let text): return .key("[\(TerraformReference.quoted(text))]")
            default: return nil
            }
        }
    }

    /// An instance key as an address writes it: `[0]`, `["api"]`; nil for other values.
    package static func keyText(_ value: TerraformValue) -> String? {
        if case .key(let text)? = Step.key(for: value) { return text }
        return nil
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "\""
    }

    /// The address of the declaration it points at with the key when written: `aws_lb.this[0]`.
    package var address: String? { target.map { $0 + (key ?? "") } }
}

/// An attribute's expression: how it was written, what it refers to, and its value when known.
///
/// Read from Terraform code, the text, position and value are worked out from the syntax tree when
/// asked for: a review asks for the value of a few attributes of a few resource types, and working
/// them all out up front cost more than the rest of the review. The references are worked out at once:
/// every one of them is indexed.
package struct TerraformExpression: Sendable, Equatable {
    /// Given values (a plan's), or the syntax tree and what it is evaluated with, or where the
    /// expression is written in the context's file, parsed again when asked about.
    private enum Origin: Sendable {
        indirect case given(text: String, position: SourcePosition, value: TerraformValue?)
        case syntax(HCLExpression, ExpressionContext)
        case written(WrittenSpan, ExpressionContext)
    }

    /// Where an expression is written: its start, and the byte offset just past it. A tenth of the
    /// room of its tree, which is then freed; asked about, it is parsed again from the file's text.
    struct WrittenSpan: Sendable {
        let start: SourcePoint
        let end: Int32

        init(_ range: HCL.SourceRange) {
            start = range.start
            end = Int32(clamping: range.end.offset)
        }
    }

    private var origin: Origin
    /// What it refers to: its own references, and those of the variables, locals and module outputs it
    /// reads, so that wiring through a module is seen (`subnets = var.subnets` inside a module refers
    /// to what the caller passed).
    package var references: [TerraformReference]
    /// Elements of a tuple expression (`[a, b]`), as written, even when they cannot be evaluated; for
    /// `var.x` inside a module, the elements of the caller's argument.
    package var elements: [TerraformExpression]?

    package init(text: String, position: SourcePosition, value: TerraformValue?, references: [TerraformReference], elements: [TerraformExpression]? = nil) {
        origin = .given(text: text, position: position, value: value)
        self.references = references
        self.elements = elements
    }

    /// An expression of Terraform code, evaluated in `context` when its value is asked for.
    init(_ expression: HCLExpression, context: ExpressionContext, references: [TerraformReference], elements: [TerraformExpression]?) {
        origin = .syntax(expression, context)
        self.references = references
        self.elements = elements
    }

    /// An expression of Terraform code kept as where it is written (`range`, in `context`'s file).
    init(written range: HCL.SourceRange, context: ExpressionContext, references: [TerraformReference], elements: [TerraformExpression]?) {
        origin = .written(WrittenSpan(range), context)
        self.references = references
        self.elements = elements
    }

    /// The syntax tree, parsed again for an expression kept as where it is written; nil for given
    /// values, and once the file's text is freed.
    private var syntax: (expression: HCLExpression, context: ExpressionContext)? {
        switch origin {
        case .given: return nil
        case .syntax(let expression, let context): return (expression, context)
        case .written(let span, let context):
            guard let file = context.file?.syntax,
                let expression = HCLParser.expression(in: file.source, path: file.path, from: span.start, to: Int(span.end))
            else { return nil }
            return (expression, context)
        }
    }

    /// The expression as written, for showing what could not be evaluated.
    package var text: String {
        get {
            switch origin {
            case .given(let text, _, _): text
            case .syntax(let expression, let context): context.file?.syntax.sourceText(of: expression.range) ?? ""
            case .written(let span, let context): context.file?.syntax.sourceText(from: span.start.offset, to: Int(span.end)) ?? ""
            }
        }
        set { origin = .given(text: newValue, position: position, value: value) }
    }

    package var position: SourcePosition {
        switch origin {
        case .given(_, let position, _): return position
        case .syntax(let expression, let context): return SourceFile.position(expression.position, in: context.file)
        case .written(let span, let context):
            return context.file?.position(span.start) ?? SourcePosition(file: "", line: span.start.line, column: span.start.column)
        }
    }

    /// Where `reference` is written in the expression, as Terraform places an error about it: the
    /// start of the first reference to the same declaration, the same instance when a key is written;
    /// the expression's start when the reference is not written in it (it comes through a variable
    /// or a local value) or the expression is a plan's.
    package func position(of reference: TerraformReference) -> SourcePosition {
        guard let target = reference.target, let (expression, context) = syntax else { return position }
        var same: HCL.SourcePosition?
        var other: HCL.SourcePosition?
        var steps: [TerraformReference.Step] = []
        _ = expression.forEachReferenceWithoutValues { root, found, range in
            guard same == nil else { return }
            steps.removeAll(keepingCapacity: true)
            WrittenReferences.append(found, to: &steps)
            let written = TerraformReference(root: root, steps: steps, module: reference.module)
            guard written.target == target else { return }
            if written.key == reference.key { same = range.position } else if other == nil { other = range.position }
        }
        return (same ?? other).map { SourceFile.position($0, in: context.file) } ?? position
    }

    /// Names written alone in this expression as written (`tru` in `internal = tru`, `s1` in
    /// `[s1, "s2"]`): Terraform's invalid reference, as a reference needs a resource type and a name,
    /// or `var.`, `local.`, `data.`, `module.`. `for` variables are not references; `each`, `count`,
    /// `self`, `path` and `terraform` are left to Terraform. None for a plan's values.
    package func bareNames() -> [(name: String, position: SourcePosition)] {
        guard mayHoldBareNames, let (expression, context) = syntax else { return [] }
        var found: [(name: String, position: SourcePosition)] = []
        _ = expression.forEachReferenceWithoutValues { root, steps, range in
            guard steps.isEmpty, !Self.namesLeftToTerraform.contains(root) else { return }
            found.append((root, SourceFile.position(range.position, in: context.file)))
        }
        return found
    }

    /// Whether it was read from code (not given, as a plan's values are): its text is the code's.
    package var isWritten: Bool {
        if case .given = origin { return false }
        return true
    }

    /// Whether a reference points at nothing, as every name written alone does: `bareNames` walks the
    /// syntax only then (a second walk of every expression of a 10 MB configuration costs a tenth).
    package var mayHoldBareNames: Bool { Self.mayHoldBareNames(references) }

    /// `mayHoldBareNames` of an expression with these references, asked of them in place (the review
    /// asks it of every expression: a copy of each would touch its syntax and its context too).
    package static func mayHoldBareNames(_ references: some Collection<TerraformReference>) -> Bool {
        references.contains { !$0.hasTarget && !namesLeftToTerraform.contains($0.root) }
    }

    private static let namesLeftToTerraform: Set<String> = ["each", "count", "self", "path", "terraform"]

    /// The value, when it follows from literals and the variables given; nil otherwise (never guessed).
    package var value: TerraformValue? {
        switch origin {
        case .given(_, _, let value): return value
        case .syntax(let expression, let context): return context.evaluator.value(of: expression).map(HCLAdapter.convert)
        case .written:
            switch readFromText {
            case .known(let value)?: return value
            case .unknown?: return nil
            case nil: return syntax.flatMap { $0.context.evaluator.value(of: $0.expression) }.map(HCLAdapter.convert)
            }
        }
    }

    /// What an expression's text tells without parsing it again: its value, or that it has none
    /// known (the evaluator's nil).
    enum ReadFromText: Equatable {
        case known(TerraformValue)
        case unknown
    }

    /// An expression written in the code read from its text, when it is one of the few kinds whose
    /// value the text tells at once (`read(_:evaluator:)`), or a tuple of those whose values are
    /// all known; nil when it must be parsed again and evaluated.
    private var readFromText: ReadFromText? {
        guard case .written(let span, let context) = origin else { return nil }
        if let elements {
            var values: [TerraformValue] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                guard case .known(let value)? = element.readFromText else { return nil }
                values.append(value)
            }
            return .known(.list(values))
        }
        // The evaluator's tables are taken from the context only when the text needs one: a copy of
        // the evaluator counts a reference to each of them, for most expressions to no purpose.
        return context.file?.withText(from: span.start.offset, to: Int(span.end)) { bytes in
            Self.read(bytes, variables: { context.evaluator.variables }, scope: { context.evaluator.scope })
        }
    }

    /// What the text of an expression tells of its value with `evaluator`, for a plain literal, a
    /// template of variables, or a reference to a resource or data source; nil for anything
    /// else (it is parsed again and evaluated).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, evaluator: Evaluator) -> ReadFromText? {
        read(bytes, variables: { evaluator.variables }, scope: { evaluator.scope })
    }

    /// `read(_:evaluator:)` with the evaluator's variables and scope asked for when needed.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, variables: () -> [String: Value], scope: () -> [String: Value]) -> ReadFromText? {
        if let literal = plainLiteral(bytes) { return .known(literal) }
        if bytes.first == UInt8(ascii: "\"") { return variableTemplate(bytes, variables: variables()) }
        return unknownReference(bytes, scope: scope())
    }

    /// `unknown` for a plain reference (`data.aws_network_interface.nic1.private_ip`: names joined by
    /// dots, nothing else) whose first name is neither `var` nor `local` nor one the evaluator's
    /// scope gives (`each`, `count`, and `module`, `path` and `terraform` in a module's evaluator,
    /// which may know their values): the evaluator knows no value of a resource or a data source;
    /// nil for any other text.
    static func unknownReference(_ bytes: UnsafeBufferPointer<UInt8>, scope: [String: Value]) -> ReadFromText? {
        var at = 0
        var names = 0
        var rootEnd = 0
        while at < bytes.count {
            let start = at
            while at < bytes.count, isNameByte(bytes[at], first: at == start) { at += 1 }
            guard at > start else { return nil }
            names += 1
            if names == 1 { rootEnd = at }
            guard at < bytes.count else { break }
            guard bytes[at] == UInt8(ascii: "."), at + 1 < bytes.count else { return nil }
            at += 1
        }
        guard names >= 2 else { return nil }
        let root = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<rootEnd]), as: UTF8.self)
        switch root {
        case "var", "local", "true", "false", "null": return nil
        default: return scope[root] == nil ? .unknown : nil
        }
    }

    /// A byte of an HCL identifier in ASCII: a letter or `_`, then letters, digits, `_` and `-`.
    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        return letter || byte == UInt8(ascii: "_") || (!first && ((byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")))
    }

    /// The value of a quoted template of printable ASCII whose only interpolations are variables,
    /// written `${var.name}` (`"${var.region}a"`, the way subnets name their zone): with string
    /// values, the text with each in its place, as evaluating the template gives; `unknown` when one
    /// has no value or an unknown one (the evaluator gives none then). Anything else (an escape, a
    /// directive, `~`, spaces, another reference, a value of another type) is nil, and the text is
    /// parsed again and evaluated.
    static func variableTemplate(_ bytes: UnsafeBufferPointer<UInt8>, variables: [String: Value]) -> ReadFromText? {
        let quote = UInt8(ascii: "\""), dollar = UInt8(ascii: "$")
        guard bytes.count >= 2, bytes[0] == quote, bytes[bytes.count - 1] == quote else { return nil }
        let prefix: StaticString = "${var."
        var text: [UInt8] = []
        var known = true
        var at = 1
        let end = bytes.count - 1
        while at < end {
            let byte = bytes[at]
            guard byte >= 0x20, byte < 0x7F, byte != quote, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "%") else { return nil }
            guard byte == dollar else {
                text.append(byte)
                at += 1
                continue
            }
            let matches = prefix.withUTF8Buffer { prefix in end - at > prefix.count && prefix.indices.allSatisfy { bytes[at + $0] == prefix[$0] } }
            guard matches else { return nil }
            let nameStart = at + prefix.utf8CodeUnitCount
            var nameEnd = nameStart
            while nameEnd < end, isNameByte(bytes[nameEnd], first: nameEnd == nameStart) { nameEnd += 1 }
            guard nameEnd > nameStart, nameEnd < end, bytes[nameEnd] == UInt8(ascii: "}") else { return nil }
            switch variables[String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)] {
            case .string(let value)?: text.append(contentsOf: value.utf8)
            case nil, .unknown?: known = false
            default: return nil
            }
            at = nameEnd + 1
        }
        return known ? .known(.string(String(decoding: text, as: UTF8.self))) : .unknown
    }

    /// The value of a plain literal written as `bytes`: a quoted string of printable ASCII without
    /// escapes, `$` or `%` (so no template), a whole number of at most 18 digits without leading
    /// zeros, `true` or `false`. Most values a review asks for are one; anything else is nil and is
    /// parsed again and evaluated.
    static func plainLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> TerraformValue? {
        guard let first = bytes.first else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            guard bytes.count >= 2, bytes[bytes.count - 1] == UInt8(ascii: "\"") else { return nil }
            let inner = UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
            guard inner.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "$") && $0 != UInt8(ascii: "%") })
            else { return nil }
            return .string(String(decoding: inner, as: UTF8.self))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard bytes.count <= 18, first != UInt8(ascii: "0") || bytes.count == 1, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            return .number(ExactDecimal(bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }))
        default:
            if bytes.elementsEqual("true".utf8) { return .bool(true) }
            if bytes.elementsEqual("false".utf8) { return .bool(false) }
            return nil
        }
    }

    package static func == (lhs: TerraformExpression, rhs: TerraformExpression) -> Bool {
        lhs.text == rhs.text && lhs.position == rhs.position && lhs.value == rhs.value && lhs.references == rhs.references && lhs.elements == rhs.elements
    }

    /// How many items a list expression holds: its value's count, else the elements written.
    package var count: Int? {
        // A tuple written in the code (the only expression read from code whose elements are kept as
        // written) holds one item per element, whatever their values.
        if case .written = origin, let elements { return elements.count }
        return value?.list?.count ?? elements?.count
    }

    /// Whether it refers to `block` (any instance of it, or the instance its key names).
    package func refers(to block: TerraformBlock) -> Bool { references.contains { block.isReferenced(by: $0) } }
}

/// What the expressions of one block instance are evaluated with, and the file they are written in.
/// A block converted while its file was still being parsed gets them later, from `bind`, before any
/// value, text or position is asked for. Bound on the thread that loads the configuration, before
/// the review begins; read from every core after that, never bound again.
final class ExpressionContext: @unchecked Sendable {
    private(set) var evaluator: Evaluator
    private(set) var file: SourceFile?

    init(evaluator: Evaluator, file: SourceFile?) {
        self.evaluator = evaluator
        self.file = file
    }

    func bind(evaluator: Evaluator, file: SourceFile?) {
        self.evaluator = evaluator
        self.file = file
    }
}

/// An attribute of a block: its name and its expression. Constants in a struct, not a tuple: a loop
/// over a block's attributes reads a name, or an expression's references, where they are, when a
/// tuple was copied whole for each one it passed (its name, and every part of its expression, each
/// counted and let go again: most of a review's reference counting).
package struct TerraformAttribute: Sendable {
    package let name: String
    package let expression: TerraformExpression
}

/// A block with its labels, attributes and nested blocks, e.g. `resource "aws_lb" "public_alb" {...}`.
/// A resource with `count` or `for_each` over known values is one block per instance, with its key.
/// Immutable, and a class: the review hands the same block around many times, and a copy is a
/// pointer, not a dozen reference counts.
package final class TerraformBlock: Sendable, Equatable {
    /// `resource`, `data`, `variable`, `provider`, `output`, `locals`, `terraform`, `module`, or a nested block's name.
    package let kind: String
    package let labels: [String]
    /// Attributes sorted by name, each name once: a block has a handful, and a scan of them is cheaper
    /// than a dictionary to build and to hash into.
    package let attributeList: [TerraformAttribute]
    package let blocks: [TerraformBlock]
    package let position: SourcePosition
    /// The module instance it belongs to: `module.alb.` (or `module.alb["a"].`), empty in the root module.
    package let module: String
    /// The instance key (`[0]`, `["api"]`) when `count` or `for_each` expanded it.
    package let key: String?
    /// `module.alb.aws_lb.x` without the instance key; `data.t.n`, `var.v`, `module.m` likewise.
    package let baseAddress: String
    /// Terraform's address of this instance: `module.alb.aws_lb_target_group.this["api"]`.
    package let address: String

    package convenience init(
        kind: String, labels: [String], attributes: [String: TerraformExpression], blocks: [TerraformBlock], position: SourcePosition, module: String = "",
        key: String? = nil
    ) {
        self.init(
            kind: kind, labels: labels, attributesInOrder: attributes.map { TerraformAttribute(name: $0.key, expression: $0.value) }, blocks: blocks,
            position: position, module: module, key: key)
    }

    /// `attributes` in the order written; of two with one name, the last counts, as in a dictionary.
    convenience init(
        kind: String, labels: [String], attributesInOrder attributes: consuming [TerraformAttribute], blocks: [TerraformBlock],
        position: SourcePosition, module: String = "", key: String? = nil
    ) {
        // Sorted by name, equal names in written order; then the last of each name stays. The caller's
        // array is taken, not copied, and its attributes are moved about in place: a copy of each
        // counts a reference to its name and to every part of its expression, and lets go of them again.
        var sorted = attributes
        if sorted.count <= 32 {
            // A handful: an insertion sort, stable, costs less than the general sort and its closure.
            sorted.withUnsafeMutableBufferPointer { list in
                for index in list.indices.dropFirst() {
                    var at = index
                    while at > 0, list[at].name < list[at - 1].name {
                        list.swapAt(at, at - 1)
                        at -= 1
                    }
                }
            }
        } else {
            sorted = sorted.indices.sorted { (sorted[$0].name, $0) < (sorted[$1].name, $1) }.map { sorted[$0] }
        }
        // Of equal names, the last written stays: it is the last of its run once sorted.
        if sorted.indices.dropFirst().contains(where: { sorted[$0].name == sorted[$0 - 1].name }) {
            sorted = sorted.indices.filter { $0 == sorted.count - 1 || sorted[$0].name != sorted[$0 + 1].name }.map { sorted[$0] }
        }
        self.init(kind: kind, labels: labels, sortedAttributes: sorted, blocks: blocks, position: position, module: module, key: key)
    }

    private init(
        kind: String, labels: [String], sortedAttributes: [TerraformAttribute], blocks: [TerraformBlock], position: SourcePosition,
        module: String, key: String?
    ) {
        self.kind = kind
        self.labels = labels
        self.attributeList = sortedAttributes
        self.blocks = blocks
        self.position = position
        self.module = module
        self.key = key
        let baseAddress = Self.baseAddress(kind: kind, labels: labels, module: module)
        self.baseAddress = baseAddress
        address = key.map { baseAddress + $0 } ?? baseAddress  // one string, not a copy, when there is no key
    }

    /// The address of a block of `kind` with `labels` in the module `module`, without an instance key.
    static func baseAddress(kind: String, labels: [String], module: String) -> String {
        let type = labels.first ?? ""
        let name = labels.count > 1 ? labels[1] : ""
        // Resources first, most blocks: the cases below each compare the kind.
        if kind == "resource", !labels.isEmpty { return .joining(module, type, ".", name) }
        switch kind {
        case "data": return .joining(module, "data.", type, ".", name)
        case "variable": return .joining(module, "var.", type)
        case "module": return .joining(module, "module.", type)
        case "output": return .joining(module, "output.", type)
        case "provider": return .joining(module, "provider.", type)
        case "check": return .joining(module, "check.", type)
        case "locals", "terraform": return .joining(module, kind)
        default: return labels.isEmpty ? .joining(module, kind) : .joining(module, type, ".", name)
        }
    }

    package static func == (lhs: TerraformBlock, rhs: TerraformBlock) -> Bool {
        lhs === rhs
            || (lhs.kind == rhs.kind && lhs.labels == rhs.labels && lhs.attributeList.elementsEqual(rhs.attributeList, by: { $0.name == $1.name && $0.expression == $1.expression })
                && lhs.blocks == rhs.blocks && lhs.position == rhs.position
                && lhs.module == rhs.module && lhs.key == rhs.key)
    }

    /// `aws_lb` for `resource "aws_lb" "x"`.
    package var type: String { labels.first ?? "" }
    /// `x` for `resource "aws_lb" "x"`.
    package var name: String { labels.count > 1 ? labels[1] : "" }
    package subscript(_ attribute: String) -> TerraformExpression? {
        // Through the buffer: a loop over the pairs would copy every expression it passes, and one
        // over the array's indices held the array again for each name it compared. Asked a million
        // times in a review of 10 MB.
        attributeList.withUnsafeBufferPointer { list in
            for index in list.indices where list[index].name == attribute { return list[index].expression }
            return nil
        }
    }

    package func blocks(_ kind: String) -> [TerraformBlock] { blocks.filter { $0.kind == kind } }

    /// Whether `reference` points at this block: the same declaration, and the same instance when
    /// both name one.
    package func isReferenced(by reference: TerraformReference) -> Bool {
        guard reference.target == baseAddress else { return false }
        guard let wanted = reference.key, let key else { return true }
        return wanted == key
    }
}

/// A variable whose value makes a condition of its `validation` false: Terraform's "Invalid value
/// for variable" at plan time.
package struct FailedValidation: Sendable, Equatable {
    /// Where the value is written: a variable file's line, the module call's argument, the variable
    /// (for its default), as Terraform places the error.
    package var position: SourcePosition
    /// `var.region = "eu-west-9"` (`module.m.var.size = 64` in a module instance).
    package var value: String
    /// The validation block whose condition is false.
    package var rule: SourcePosition
    /// Its error_message, worked out, else as written.
    package var message: String
    /// Whether the value is the variable's default.
    package var isDefault: Bool
}

/// Every block of every module instance of a configuration, in file and source order, indexed once
/// so that look-ups stay constant-time on large configurations.
package struct TerraformConfiguration: Sendable, Equatable {
    package let files: [String]
    package let blocks: [TerraformBlock]
    /// Root variables given a value by a variable file, `TF_VAR_` or `--var`.
    package let givenVariables: Set<String>
    /// What reading it noticed: modules it could not follow, counts it could not expand.
    package var notes: [String]
    /// What the user should act on: values for variables the root module does not declare.
    package var warnings: [String]
    /// Block positions by kind and type (`resource`, `aws_lb`), in source order: resources, data
    /// sources and module calls, the blocks looked up this way (a variable's or an output's "type" is
    /// its name: a list of one for each would only take room).
    private let byKindAndType: [KindAndType: [Int]]
    struct KindAndType: Hashable {
        let kind: String
        let type: String

        /// Whether blocks of this kind are indexed by kind and type.
        static func isIndexed(_ kind: String) -> Bool {
            switch kind {
            case "resource", "data", "module": true
            default: false
            }
        }
    }
    /// The instances of each declaration by base address, and of instances made by `count` or
    /// `for_each` the first block with each instance address. An unexpanded block's address is its base
    /// address, so most blocks are in one dictionary once, without a list of their own.
    private let byBase: [String: Instances]
    private let byKeyedAddress: [String: Int]
    struct Instances: Equatable {
        var first: Int
        var rest: [Int] = []
        var all: [Int] { [first] + rest }

        /// Adds a block's place, the places kept in order: `first` the lowest. Places met in order
        /// (the usual case) are appended.
        mutating func insert(_ index: Int) {
            if index > rest.last ?? first {
                rest.append(index)
            } else if index < first {
                rest.insert(first, at: 0)
                first = index
            } else if index != first, !rest.contains(index) {
                rest.insert(index, at: rest.firstIndex { $0 > index } ?? rest.endIndex)
            }
        }
    }

    /// Indexes worked out while the blocks were made, each block's kind, type and address read while
    /// it was at hand (`ModuleExpander`): a large configuration's blocks lie far apart in memory, and
    /// reading each again once they are all made costs more than the rest of indexing them.
    struct Indexed {
        /// Each block's kind and type, as a place in `kindsAndTypes` (-1 for the kinds not indexed so).
        var kindAndType: [Int32] = []
        var kindsAndTypes: [KindAndType] = []
        /// The instances by base address of every block but `others`.
        var byBase: [String: Instances] = [:]
        /// The blocks not in `byBase` yet, in order.
        var others: [Int] = []
        /// Whether each block's references were checked as it was made (see `referencesChecked`).
        var referencesChecked: [Bool] = []
    }

    /// Resources and data sources declared with no instance (`count = 0`): references to them are valid.
    package let declaredWithoutInstances: Set<String>
    /// The local values each module instance declares (`local.x`, `module.alb.local.x`); nil when
    /// not known (a plan's JSON does not list them).
    package let declaredLocals: Set<String>?
    /// Provider configurations, the root module's first.
    package let providers: [TerraformBlock]
    /// Variables whose values fail a condition of their validation blocks (Terraform's plan fails).
    package var failedValidations: [FailedValidation] = []
    /// When one file is reviewed on its own: the resource types its directory's other files declare
    /// (read for their declarations alone; metric alarms only when they may watch API Gateway's
    /// 5XXError or Lambda's Errors, the one question asked of them), and whether one of them could not be read or calls a
    /// module, or a module call's contents were not read (any of which may declare anything).
    package var typesDeclaredElsewhere: Set<String> = []
    package var unreadSiblings = false
    /// The module calls whose contents were not read: each may declare a design.
    package var unreadModules: [UnreadModule] = []
    /// For each block, whether its references were checked as it was made and found declared, as the
    /// review's check of references would find them (`ModuleExpander.referencesDeclared`): that check
    /// passes over it. Empty when not known. Part of equality: a configuration loaded from files has
    /// them, one made from the same blocks (`init(files:blocks:...)`) has none.
    var referencesChecked: [Bool]

    /// Whether a resource of `type` may be declared where the review does not look: a rule that
    /// fires on something missing says nothing then.
    package func mayDeclareElsewhere(_ type: String) -> Bool { unreadSiblings || typesDeclaredElsewhere.contains(type) }

    package init(
        files: [String], blocks: [TerraformBlock], givenVariables: Set<String> = [], notes: [String] = [], warnings: [String] = [],
        declaredWithoutInstances: Set<String> = [], declaredLocals: Set<String>? = nil
    ) {
        self.init(
            files: files, blocks: blocks, givenVariables: givenVariables, notes: notes, warnings: warnings, declaredWithoutInstances: declaredWithoutInstances,
            declaredLocals: declaredLocals, indexed: nil)
    }

    /// `indexed`: what the blocks' maker worked out of them (see `Indexed`); nil, every block is read.
    init(
        files: [String], blocks: [TerraformBlock], givenVariables: Set<String>, notes: [String], warnings: [String], declaredWithoutInstances: Set<String>,
        declaredLocals: Set<String>?, indexed: consuming Indexed?
    ) {
        self.declaredWithoutInstances = declaredWithoutInstances
        self.declaredLocals = declaredLocals
        self.files = files
        self.blocks = blocks
        self.givenVariables = givenVariables
        self.notes = notes
        self.warnings = warnings
        // Two indexes of every block: a large configuration builds the first on a second core.
        @Sendable func kindsAndTypes() -> [KindAndType: [Int]] {
            var byKindAndType: [KindAndType: [Int]] = [:]
            for (index, block) in blocks.enumerated() where KindAndType.isIndexed(block.kind) {
                byKindAndType[KindAndType(kind: block.kind, type: block.type), default: []].append(index)
            }
            return byKindAndType
        }
        var byKeyedAddress: [String: Int] = [:]
        var providers: [Int] = []
        /// Indexes the block at `index` by its address (resources, data sources, variables, module
        /// calls and outputs) and keeps a provider's place. One look-up: a new address takes the block
        /// as its first instance, a known one adds it.
        func index(_ index: Int, into byBase: inout [String: Instances]) {
            let block = blocks[index]
            switch block.kind {
            case "resource", "data", "variable", "module", "output": break
            case "provider": return providers.append(index)
            default: return
            }
            byBase[block.baseAddress, default: Instances(first: index)].insert(index)
            if block.key != nil, byKeyedAddress[block.address] == nil { byKeyedAddress[block.address] = index }
        }
        if var indexed = consume indexed {
            // The blocks' kinds and types by their places, then the blocks not indexed yet.
            var places = [[Int]](repeating: [], count: indexed.kindsAndTypes.count)
            for (index, kindAndType) in indexed.kindAndType.enumerated() where kindAndType >= 0 { places[Int(kindAndType)].append(index) }
            var byKindAndType: [KindAndType: [Int]] = [:]
            for (kindAndType, places) in zip(indexed.kindsAndTypes, places) where !places.isEmpty { byKindAndType[kindAndType] = places }
            self.byKindAndType = byKindAndType
            referencesChecked = indexed.referencesChecked.count == blocks.count ? indexed.referencesChecked : []
            // Moved out, not copied: a second holder would copy the table at the first block added.
            var byBase: [String: Instances] = [:]
            swap(&byBase, &indexed.byBase)
            byBase.reserveCapacity(byBase.count + indexed.others.count)
            for place in indexed.others { index(place, into: &byBase) }
            self.byBase = byBase
        } else {
            referencesChecked = []
            let byKindAndType = blocks.count >= 10_000 ? Background(kindsAndTypes) : nil
            var byBase: [String: Instances] = [:]
            byBase.reserveCapacity(blocks.count)
            for place in blocks.indices { index(place, into: &byBase) }
            self.byKindAndType = byKindAndType?.value ?? kindsAndTypes()
            self.byBase = byBase
        }
        self.byKeyedAddress = byKeyedAddress
        // Looked up for every design instance: found once.
        self.providers = providers.filter { blocks[$0].module.isEmpty }.map { blocks[$0] } + providers.filter { !blocks[$0].module.isEmpty }.map { blocks[$0] }
    }

    /// The first block with this address: an instance address (`aws_lb.x[0]`), else a base address,
    /// whose first instance it gives.
    private func index(address: String) -> Int? { byKeyedAddress[address] ?? byBase[address]?.first }

    /// The instances a reference names: the one its key gives, else all of them.
    package func instances(of reference: TerraformReference) -> [TerraformBlock] {
        guard let target = reference.target, let instances = byBase[target] else { return [] }
        if instances.rest.isEmpty { return blocks[instances.first].isReferenced(by: reference) ? [blocks[instances.first]] : [] }
        return instances.all.map { blocks[$0] }.filter { $0.isReferenced(by: reference) }
    }

    private func blocks(_ kind: String, _ type: String) -> [TerraformBlock] { (byKindAndType[KindAndType(kind: kind, type: type)] ?? []).map { blocks[$0] } }

    package func resources(_ type: String) -> [TerraformBlock] { blocks("resource", type) }
    package func data(_ type: String) -> [TerraformBlock] { blocks("data", type) }
    /// The `module "NAME"` calls of every module, by name.
    package func moduleCalls(_ name: String) -> [TerraformBlock] { blocks("module", name) }
    /// The root module's variables: the ones `--var` and variable files set.
    package var variables: [TerraformBlock] { blocks.filter { $0.kind == "variable" && $0.module.isEmpty } }

    /// The block a reference points at: the instance it names, else the first instance.
    package func block(for reference: TerraformReference) -> TerraformBlock? {
        guard let target = reference.target else { return nil }
        if let key = reference.key, let index = byKeyedAddress[target + key] { return blocks[index] }
        return byBase[target].map { blocks[$0.first] }
    }

    /// The block with this address (`aws_lb.x`, `module.alb.aws_lb.this[0]`, `var.v`).
    package func block(address: String) -> TerraformBlock? { index(address: address).map { blocks[$0] } }

    /// Whether a block of this address without its instance key (`aws_lb.x`, `data.t.n`, `var.v`) is
    /// declared: what `block(for:)` finds for a reference whose target this is, keyed or not.
    package func declares(_ target: String) -> Bool { byBase[target] != nil }

    /// The instance keys `count` or `for_each` gave the declaration at `target` (`[0]`, `["api"]`),
    /// in order; nil when its instances are not keyed (no count or for_each, or a value not known).
    package func instanceKeys(of target: String) -> [String]? {
        guard let instances = byBase[target] else { return nil }
        let keys = instances.all.compactMap { blocks[$0].key }
        return keys.count == instances.all.count && !keys.isEmpty ? keys : nil
    }
}

/// A module call whose contents the review did not read, and why: what the answer leaves open, and
/// what to do to read it.
package struct UnreadModule: Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Sendable, Equatable {
        /// A registry or git source with no `.terraform/modules` entry.
        case notInstalled
        /// A source that is not a literal string.
        case noLiteralSource
        /// Nested deeper than the expander follows.
        case tooDeep
        /// Called in another file of a file reviewed on its own.
        case inAnotherFile(String)
    }

    package var address: String
    package var reason: Reason

    package init(address: String, reason: Reason) {
        self.address = address
        self.reason = reason
    }

    /// `module.alb`, or `module.alb (in alb.tf)`.
    package var description: String {
        if case .inAnotherFile(let file) = reason { return "\(address) (in \(file))" }
        return address
    }

    /// What reads them: `terraform init` for modules not installed, the directory for another file's,
    /// a plan's JSON for the rest; each once, in that order.
    package static func advice(_ modules: [UnreadModule]) -> String {
        var steps: [String] = []
        if modules.contains(where: { $0.reason == .notInstalled }) { steps.append("run terraform init and review again") }
        if modules.contains(where: { if case .inAnotherFile = $0.reason { true } else { false } }) { steps.append("review the directory") }
        if modules.contains(where: { $0.reason == .noLiteralSource || $0.reason == .tooDeep || $0.reason == .notInstalled }) {
            steps.append("review a plan's JSON (terraform show -json)")
        }
        return steps.joined(separator: ", or ")
    }

    /// `module.a, module.b and 2 more`.
    package static func listed(_ modules: [UnreadModule]) -> String {
        let names = modules.map(\.description)
        return names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }

    /// `module.a was not read`, `module.a, module.b were not read`: the start of every sentence that says so.
    package static func notRead(_ modules: [UnreadModule]) -> String {
        "\(listed(modules)) \(modules.count == 1 ? "was" : "were") not read"
    }
}
