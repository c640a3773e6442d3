/// Which top-level blocks a caller reads without syntax trees (`HCLParser.parse(_:path:skimming:keeping:)`):
/// blocks of one of `blockTypes` with at least `minimumLabels` labels. Such a block is read as a
/// `SkimmedBlock`, the grammar checked exactly as for a tree, and handed over with where each
/// expression is written and the references it writes. It is read as a tree after all (a
/// `TopLevelItem.item`) when it holds an attribute named in `refusingAttributes` at its top level, a
/// block of a type in `refusingBlockTypes` at any depth, or an index key that is neither a literal nor
/// bound by a `for` (which an evaluator might resolve: `aws_lb.x[var.i]`).
/// (A handful of names each: compared one by one, which is cheaper than hashing.)
public struct SkimRule: Sendable {
    public var blockTypes: [String]
    public var minimumLabels: Int
    public var refusingAttributes: [String]
    public var refusingBlockTypes: [String]

    public init(blockTypes: [String], minimumLabels: Int, refusingAttributes: [String] = [], refusingBlockTypes: [String] = []) {
        self.blockTypes = blockTypes
        self.minimumLabels = minimumLabels
        self.refusingAttributes = refusingAttributes
        self.refusingBlockTypes = refusingBlockTypes
    }
}

/// Thrown inside a skimmed block as soon as it shows that the rule refuses it (an attribute or block
/// it names, an index key that needs a value): the block is read again as a tree from its `{` (its
/// labels are read once).
struct AbandonedSkim: Error {}

/// A top-level item as the parser hands it over when skimming: a tree, or a skimmed block.
public enum TopLevelItem: Sendable {
    case item(BodyItem)
    case skimmed(SkimmedItem)
}

/// A top-level block read without trees, and the references its expressions write.
public struct SkimmedItem: Sendable {
    public var block: SkimmedBlock
    public var references: SkimmedReferences
}

/// A block read without trees: its attributes and nested blocks, each in the order written.
public struct SkimmedBlock: Sendable {
    public var type: String
    public var labels: [String]
    public var range: SourceRange
    public var attributes: [SkimmedAttribute]
    public var blocks: [SkimmedBlock]
}

/// `name = expression`, skimmed.
public struct SkimmedAttribute: Sendable {
    public var name: String
    public var expression: SkimmedExpression
}

/// Where an expression is written and which references it writes (a range of its top-level block's
/// `SkimmedReferences`); for a tuple written as `[...]`, its elements.
public struct SkimmedExpression: Sendable {
    public var range: SourceRange
    public var references: Range<Int>
    public var elements: [SkimmedExpression]?
}

/// The references of a skimmed block's expressions, in the order a tree walk reports them
/// (`forEachReferenceWithoutValues`), duplicates included; their steps in one array.
public struct SkimmedReferences: Sendable {
    struct Entry {
        var root: String
        var steps: Range<Int>
    }

    var entries: [Entry] = []
    var steps: [ReferenceStep] = []

    /// `body` on each reference of `range`: its root and its static steps, lent where they are kept
    /// (an entry or a slice of steps read out of its array is a copy, counted and let go again). The
    /// steps' buffer is valid only during the call: copy out what is kept.
    public func forEach(in range: Range<Int>, _ body: (_ root: String, _ steps: UnsafeBufferPointer<ReferenceStep>) -> Void) {
        entries.withUnsafeBufferPointer { entries in
            steps.withUnsafeBufferPointer { steps in
                for index in range {
                    body(entries[index].root, UnsafeBufferPointer(rebasing: steps[entries[index].steps]))
                }
            }
        }
    }
}

/// What the parser keeps while it skims a block.
struct SkimState {
    var references = SkimmedReferences()
    /// Names bound by the `for` expressions and directives around the current place.
    var bound: Set<String> = []
    /// The bound names around each `%{ for }` directive being read.
    var boundBeforeDirectives: [Set<String>] = []
    /// The tuple constructor read last: its byte span and elements.
    var lastTuple: (start: Int32, end: Int32, elements: [SkimmedExpression])?
}

extension Parser {
    /// The node a skimmed expression's productions return: none of it is kept.
    static let skimmed = HCLExpression(.null, range: SourceRange(file: "", start: SourcePoint(line: 1, column: 1, offset: 0), end: SourcePoint(line: 1, column: 1, offset: 0)))

    /// The expression read from `first` to the last token consumed, whose references start at `references`.
    func skimmedExpression(from first: Token, references: Int) -> SkimmedExpression {
        var elements: [SkimmedExpression]?
        if let tuple = skim!.lastTuple, tuple.start == first.start, tuple.end == last.end { elements = tuple.elements }
        return SkimmedExpression(range: range(from: startLocation(first)), references: references..<skim!.references.entries.count, elements: elements)
    }

    /// A traversal's root, when it is a name not bound by a `for`: the place its reference will take,
    /// before those of its index keys (a tree walk reports them in that order).
    mutating func skimRoot(_ name: String) -> Int? {
        guard skim!.bound.isEmpty || !skim!.bound.contains(name) else { return nil }
        // Room for a few at once: a block writes two or three references, and growing one at a time
        // allocated twice or three times per block.
        if skim!.references.entries.capacity == 0 { skim!.references.entries.reserveCapacity(4) }
        skim!.references.entries.append(SkimmedReferences.Entry(root: name, steps: 0..<0))
        skimSteps.removeAll(keepingCapacity: true)
        return skim!.references.entries.count - 1
    }

    /// An index key read as a tree inside a skimmed block: its references reported, and whether the
    /// traversal's static steps go on past it (`ReferenceCollector.staticPrefix`'s rule). Throws
    /// `AbandonedSkim` for a key that is neither a literal nor bound by a `for`, here or inside it.
    mutating func skimIndex(_ key: HCLExpression, extending open: Bool) throws -> Bool {
        let bound = skim!.bound
        let metDynamicIndex = ReferenceCollector.visit(key, bound: bound) { root, steps, _ in
            skim!.references.entries.append(SkimmedReferences.Entry(root: root, steps: skimKeep(steps)))
        }
        if metDynamicIndex { throw AbandonedSkim() }
        guard open else { return false }
        switch ReferenceCollector.literalKey(key, bound: bound) {
        case .step(let step):
            skimSteps.append(step)
            return true
        case .bound:
            return false
        case .other:
            throw AbandonedSkim()
        }
    }

    /// Ends a traversal whose root took `slot`: its static steps become the reference's.
    mutating func skimEnd(_ slot: Int) {
        skim!.references.entries[slot].steps = skimKeep(skimSteps)
    }

    /// `steps` added to the block's steps; where they are.
    private mutating func skimKeep(_ steps: [ReferenceStep]) -> Range<Int> {
        let start = skim!.references.steps.count
        if skim!.references.steps.capacity == 0 { skim!.references.steps.reserveCapacity(8) }
        // One by one: a reference has a step or two, and appending the array costs several times more.
        for step in steps { skim!.references.steps.append(step) }
        return start..<skim!.references.steps.count
    }
}

/// What a body is read into: trees (`TreeBody`), or skimmed blocks (`SkimBody`).
protocol BodyReading {
    associatedtype Item
    /// A body's items as they are gathered.
    associatedtype Items
    associatedtype Value
    static var none: Items { get }
    static func append(_ item: Item, to items: inout Items)
    static func value(_ parser: inout Parser) throws -> Value
    static func attribute(name: String, value: Value, range: SourceRange) -> Item
    static func block(type: String, labels: [BlockLabel], items: Items, bodyRange: SourceRange, range: SourceRange) -> Item
}

enum TreeBody: BodyReading {
    static var none: [BodyItem] { [] }
    static func append(_ item: BodyItem, to items: inout [BodyItem]) { items.append(item) }
    static func value(_ parser: inout Parser) throws -> HCLExpression { try parser.parseExpression() }

    static func attribute(name: String, value: HCLExpression, range: SourceRange) -> BodyItem {
        .attribute(Attribute(name: name, expression: value, range: range))
    }

    static func block(type: String, labels: [BlockLabel], items: [BodyItem], bodyRange: SourceRange, range: SourceRange) -> BodyItem {
        .block(Block(type: type, labels: labels, body: Body(items: items.compacted(), range: bodyRange), range: range))
    }
}

enum SkimBody: BodyReading {
    enum Item {
        case attribute(SkimmedAttribute)
        case block(SkimmedBlock)
    }

    static var none: (attributes: [SkimmedAttribute], blocks: [SkimmedBlock]) { ([], []) }

    static func append(_ item: Item, to items: inout (attributes: [SkimmedAttribute], blocks: [SkimmedBlock])) {
        // Room for a block's usual count at once, rather than growing from one.
        switch item {
        case .attribute(let attribute):
            if items.attributes.isEmpty { items.attributes.reserveCapacity(8) }
            items.attributes.append(attribute)
        case .block(let block):
            if items.blocks.isEmpty { items.blocks.reserveCapacity(4) }
            items.blocks.append(block)
        }
    }

    static func value(_ parser: inout Parser) throws -> SkimmedExpression {
        let first = parser.peek()
        let references = parser.skim!.references.entries.count
        parser.skim!.lastTuple = nil
        _ = try parser.parseExpression()
        return parser.skimmedExpression(from: first, references: references)
    }

    static func attribute(name: String, value: SkimmedExpression, range: SourceRange) -> Item {
        .attribute(SkimmedAttribute(name: name, expression: value))
    }

    static func block(
        type: String, labels: [BlockLabel], items: (attributes: [SkimmedAttribute], blocks: [SkimmedBlock]), bodyRange: SourceRange, range: SourceRange
    ) -> Item {
        .block(SkimmedBlock(type: type, labels: labels.map(\.value), range: range, attributes: items.attributes, blocks: items.blocks))
    }
}
