/// The contents of a file or a block: attributes and nested blocks in source order.
public struct Body: Sendable, Hashable {
    /// Attributes and blocks in source order.
    public var items: [BodyItem]
    /// For a block body, from `{` to `}`; for a file, the whole file.
    public var range: SourceRange

    /// Creates a body.
    public init(items: [BodyItem], range: SourceRange) {
        self.items = items
        self.range = range
    }

    /// All attributes, in source order.
    public var attributes: [Attribute] {
        items.compactMap { if case .attribute(let attribute) = $0 { attribute } else { nil } }
    }

    /// All blocks, in source order.
    public var blocks: [Block] {
        items.compactMap { if case .block(let block) = $0 { block } else { nil } }
    }

    /// The first attribute called `name`, if any.
    public func attribute(named name: String) -> Attribute? {
        for case .attribute(let attribute) in items where attribute.name == name { return attribute }
        return nil
    }

    /// Blocks of the given type whose labels start with `labels` (e.g. `blocks(type: "resource", labels: ["aws_lb"])`).
    public func blocks(type: String, labels: [String] = []) -> [Block] {
        blocks.filter { $0.type == type && $0.labels.starts(with: labels) }
    }

    /// The first block of the given type with exactly these labels.
    public func block(type: String, labels: [String]) -> Block? {
        for case .block(let block) in items where block.type == type && block.labels == labels { return block }
        return nil
    }
}

/// One item of a body. A block is one pointer (its fields are boxed), so an attribute sets the size of the items.
public enum BodyItem: Sendable, Hashable {
    /// `name = expression`
    case attribute(Attribute)
    /// `type "label" { ... }`
    case block(Block)

    /// Where the item starts.
    public var position: SourcePosition {
        switch self {
        case .attribute(let attribute): return attribute.position
        case .block(let block): return block.position
        }
    }
}

/// `name = expression`.
public struct Attribute: Sendable, Hashable {
    /// The attribute name.
    public var name: String
    /// The value expression.
    public var expression: HCLExpression
    /// From the name to the end of the expression.
    public var range: SourceRange

    /// Creates an attribute.
    public init(name: String, expression: HCLExpression, range: SourceRange) {
        self.name = name
        self.expression = expression
        self.range = range
    }

    /// Span of the name alone: an identifier, on one line at the start of `range`, so counted from it
    /// rather than stored.
    public var nameRange: SourceRange {
        let start = range.start
        let end = SourcePoint(line: start.line, column: start.column + name.unicodeScalars.count, offset: start.offset + name.utf8.count)
        return SourceRange(fileNumber: range.fileNumber, start: start, end: end)
    }

    /// Where the attribute starts.
    public var position: SourcePosition { range.position }
}

/// `type "label" label2 { body }`.
///
/// Its fields live in one copy-on-write box: a block is handed around and copied out of bodies far
/// more often than it is changed, and a copy is then one reference count instead of one per field.
public struct Block: Sendable, Hashable {
    private final class Storage: Sendable {
        let type: String
        let labels: [String]
        let labelDetails: [BlockLabel]
        let body: Body
        let range: SourceRange

        init(type: String, labels: [String], labelDetails: [BlockLabel], body: Body, range: SourceRange) {
            self.type = type
            self.labels = labels
            self.labelDetails = labelDetails
            self.body = body
            self.range = range
        }

        func with(
            type: String? = nil, labels: [String]? = nil, labelDetails: [BlockLabel]? = nil, body: Body? = nil, range: SourceRange? = nil
        ) -> Storage {
            Storage(
                type: type ?? self.type, labels: labels ?? self.labels, labelDetails: labelDetails ?? self.labelDetails, body: body ?? self.body,
                range: range ?? self.range)
        }
    }

    private var storage: Storage

    /// Creates a block.
    public init(type: String, labels: [BlockLabel], body: Body, range: SourceRange) {
        storage = Storage(type: type, labels: labels.map(\.value), labelDetails: labels, body: body, range: range)
    }

    /// The block type, e.g. `resource`.
    public var type: String {
        get { storage.type }
        set { storage = storage.with(type: newValue) }
    }
    /// Label values, e.g. `["aws_lb", "public_alb"]`.
    public var labels: [String] {
        get { storage.labels }
        set { storage = storage.with(labels: newValue) }
    }
    /// Labels with their spelling and position.
    public var labelDetails: [BlockLabel] {
        get { storage.labelDetails }
        set { storage = storage.with(labelDetails: newValue) }
    }
    /// The block's contents.
    public var body: Body {
        get { storage.body }
        set { storage = storage.with(body: newValue) }
    }
    /// From the type name to the closing `}`.
    public var range: SourceRange {
        get { storage.range }
        set { storage = storage.with(range: newValue) }
    }

    /// Same type, labels, body and range.
    public static func == (lhs: Block, rhs: Block) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.type == rhs.type && lhs.labels == rhs.labels && lhs.labelDetails == rhs.labelDetails && lhs.range == rhs.range && lhs.body == rhs.body)
    }

    /// Hashes type, labels, body and range.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(labels)
        hasher.combine(labelDetails)
        hasher.combine(body)
        hasher.combine(range)
    }

    /// Where the block starts.
    public var position: SourcePosition { range.position }

    /// This block, told apart from every other block alive: copies share it (see `HCLExpression.identity`).
    public var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// The first attribute of this block's body called `name`.
    public func attribute(named name: String) -> Attribute? { body.attribute(named: name) }

    /// Nested blocks of the given type whose labels start with `labels`.
    public func blocks(type: String, labels: [String] = []) -> [Block] { body.blocks(type: type, labels: labels) }

    /// The labels joined with dots, e.g. `aws_lb.public_alb` — how Terraform addresses a resource.
    public var address: String { labels.joined(separator: ".") }
}

/// A block label as written.
public struct BlockLabel: Sendable, Hashable {
    /// The label's value (escapes decoded).
    public var value: String
    /// True for `"quoted"` labels, false for bare identifiers.
    public var isQuoted: Bool
    /// Span of the label, including quotes.
    public var range: SourceRange

    /// Creates a label.
    public init(value: String, isQuoted: Bool, range: SourceRange) {
        self.value = value
        self.isQuoted = isQuoted
        self.range = range
    }
}
