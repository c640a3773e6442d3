import Foundation
import HCL

/// The references an expression writes, in the root namespace of the module it is written in, each
/// once, in the order written; and for each one that reads a variable, a local or a module output,
/// the name of what it reads (`var.x`, `local.y`, `module.z.out`), whose references it stands for too.
struct WrittenReferences: Sendable {
    var references: [TerraformReference] = []
    /// Aligned with `references`; nil when none of them reads a variable, local or module output.
    var reads: [String?]?

    /// The references of `expression` written in `module` (`module.alb.` or empty), index keys
    /// resolved with `evaluator`.
    init(_ expression: HCLExpression, module: String, evaluator: Evaluator) {
        var builder = Builder(module: module)
        expression.forEachReference(resolvingIndexesWith: evaluator) { root, steps, _ in builder.add(root, steps) }
        self = builder.written
    }

    /// The references of `expression` written in `module` without an evaluator; nil when an index
    /// key needs one (`aws_lb.x[var.i]`).
    static func withoutValues(_ expression: HCLExpression, module: String, sharing shared: SharedReferences? = nil) -> WrittenReferences? {
        built(module: module, sharing: shared) { builder in expression.forEachReferenceWithoutValues { root, steps, _ in builder.add(root, steps) } }
    }

    /// The references a skimmed expression writes (`range` of its block's `references`): what
    /// `withoutValues` gives for its tree.
    init(_ range: Range<Int>, of references: SkimmedReferences, module: String, sharing shared: SharedReferences?) {
        self = Self.built(module: module, sharing: shared) { builder in
            references.forEach(in: range) { root, steps in builder.add(root, steps) }
            return true
        }!
    }

    /// What `walk` adds to a builder, nil when it says the references are not complete. The table's
    /// buffer for steps is lent for the walk: one buffer for the whole file, not one per expression.
    private static func built(module: String, sharing shared: SharedReferences?, _ walk: (inout Builder) -> Bool) -> WrittenReferences? {
        var builder = Builder(module: module)
        builder.shared = shared
        if let shared { swap(&builder.steps, &shared.steps) }
        let complete = walk(&builder)
        if let shared { swap(&builder.steps, &shared.steps) }
        return complete ? builder.written : nil
    }

    init() {}

    /// The references of a tuple whose elements write `parts`: what walking the tuple gives, each
    /// reference once in the order met.
    init(concatenating parts: [WrittenReferences]) {
        if parts.count == 1 {
            self = parts[0]
            return
        }
        var once = Once()
        var reads: [String?]?
        for part in parts {
            for (index, reference) in part.references.enumerated() {
                let count = once.references.count
                guard once.insert(reference) else { continue }
                let read = part.reads?[index]
                if read != nil && reads == nil { reads = Array(repeating: nil, count: count) }
                reads?.append(read)
            }
        }
        self.init(references: once.references, reads: reads)
    }

    /// The steps of a reference as the syntax gives them, in the model's terms: names, and index keys
    /// that a reference can name (an index that is not one is left out).
    static func append(_ found: some Collection<ReferenceStep>, to steps: inout [TerraformReference.Step]) {
        for step in found {
            switch step {
            case .attribute(let name): steps.append(.attribute(name))
            case .index(let value):
                guard let key = TerraformReference.Step.key(for: HCLAdapter.convert(value)) else { continue }
                steps.append(key)
            }
        }
    }

    private init(references: [TerraformReference], reads: [String?]?) {
        self.references = references
        self.reads = reads
    }

    /// References kept each once by text. Most expressions hold a reference or two: duplicates are
    /// found by a scan until the list grows past 16, then by a set.
    private struct Once {
        private(set) var references: [TerraformReference] = []
        private var seen: Set<String>?

        /// Appends `reference` unless one of its text is kept; whether it was appended. `alone`: a
        /// list of it alone to take as the list when it comes first (`SharedReferences.alone`).
        @discardableResult
        mutating func insert(_ reference: TerraformReference, alone: [TerraformReference]? = nil) -> Bool {
            // The first: the shared list of one taken as it is, not a list made for it. Appending the
            // next copies it, and the shared list stays as it was.
            if references.isEmpty, let alone {
                references = alone
                return true
            }
            if seen == nil {
                // One box per text while a file is read (`SharedReferences`): the box is compared first.
                if references.contains(where: { $0.sharesBox(with: reference) || $0.text == reference.text }) { return false }
                if references.count == 16 { seen = Set(references.map(\.text)) }
            }
            if seen != nil, !seen!.insert(reference.text).inserted { return false }
            references.append(reference)
            return true
        }
    }

    private struct Builder {
        let module: String
        var once = Once()
        var reads: [String?]?
        var written: WrittenReferences { WrittenReferences(references: once.references, reads: reads) }
        /// One buffer for the steps of all of them.
        var steps: [TerraformReference.Step] = []
        var shared: SharedReferences?

        init(module: String) { self.module = module }

        mutating func add(_ root: String, _ found: some Collection<ReferenceStep>) {
            // One by one: a reference has a step or three, and `removeAll(keepingCapacity:)` costs more.
            while !steps.isEmpty { steps.removeLast() }
            WrittenReferences.append(found, to: &steps)
            let count = once.references.count
            let alone = shared?.alone(root: root, steps: steps, module: module)
            let reference = alone?[0] ?? TerraformReference(root: root, steps: steps, module: module)
            guard once.insert(reference, alone: alone) else { return }
            // What a variable, local or module output is read as: `var.x`, `local.y`, `module.z.out`.
            var read: String?
            if root == "var" || root == "local" || root == "module" {
                // The first two names among the steps, without a list of them.
                var first: String?, second: String?
                for step in steps {
                    guard case .attribute(let name) = step else { continue }
                    if first == nil {
                        first = name
                    } else {
                        second = name
                        break
                    }
                }
                if root == "module" {
                    if let first, let second { read = .joining("module.", first, ".", second) }
                } else if let first {
                    // In the root module a variable's or a local's reference names what it reads.
                    read = module.isEmpty && reference.target != nil ? reference.target : .joining(root, ".", first)
                }
            }
            if read != nil && reads == nil { reads = Array(repeating: nil, count: count) }
            reads?.append(read)
        }
    }

    /// The references, each followed by those that what it reads stands for (`through`: references
    /// by `var.x`, `local.y`, `module.z.out`), each once in the order met.
    func followed(through: [String: [TerraformReference]]) -> [TerraformReference] {
        guard let reads, !through.isEmpty, reads.contains(where: { $0.map { through[$0] != nil } ?? false }) else { return references }
        var result = Once()
        for (reference, read) in zip(references, reads) {
            result.insert(reference)
            if let read, let passed = through[read] {
                for reference in passed { result.insert(reference) }
            }
        }
        return result.references
    }
}

/// One box for each reference text met while a file is read: the 10 MB designs input of
/// `Scripts/benchmark-review` writes 77,910 references, 36,729 of them different. A reference met
/// again is found by a hash of the text it would have, worked out from its pieces, and compared piece
/// by piece: its text is not built again. Used on one thread (`@unchecked`: handed to another only to
/// be freed there).
final class SharedReferences: @unchecked Sendable {
    /// By the hash of their text, each in a list of it alone: the whole list of references of every
    /// expression that writes it alone, most of them (on the 10 MB designs input, a list each for
    /// 36,729 references instead of one for each of some 120,000 expressions). A second text with the
    /// same hash (never met in practice) is not shared.
    private var references = HashedLists()
    private let hash: @Sendable (String, [TerraformReference.Step], String) -> UInt64
    /// A buffer for the steps of the reference being read, lent to each expression's walk in turn.
    var steps: [TerraformReference.Step] = []

    /// `hash`: the text's hash (a test gives one that makes every text meet another's).
    init(hash: @escaping @Sendable (String, [TerraformReference.Step], String) -> UInt64 = TerraformReference.textHash) { self.hash = hash }

    /// The reference `TerraformReference(root:steps:module:)` makes, the one met first with its text,
    /// in a list of it alone: the same list each time it is met.
    func alone(root: String, steps: [TerraformReference.Step], module: String) -> [TerraformReference] {
        let hash = hash(root, steps, module)
        let found = references[hash]
        if let found, found[0].hasText(root: root, steps: steps, module: module) { return found }
        let list = [TerraformReference(root: root, steps: steps, module: module)]
        if found == nil { references.insert(list, for: hash) }
        return list
    }

    /// Lists by a hash already worked out, in a table of their own that takes the hash as it is:
    /// a dictionary would hash it again (a review of 10 MB looks up about 80,000).
    struct HashedLists {
        private var hashes: [UInt64] = []
        private var lists: [[TerraformReference]] = []
        /// Where each hash's list is in `lists`, by slot; -1 for an empty slot. Slots are at most half taken.
        private var slots: [Int32] = Array(repeating: -1, count: 64)

        /// The slot of `hash`, or of the empty one where it would go.
        private func slot(of hash: UInt64) -> Int {
            let mask = slots.count - 1
            // The hash's high bits spread over the table (a multiplication by a large odd number).
            var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while slots[slot] >= 0 && hashes[Int(slots[slot])] != hash { slot = (slot + 1) & mask }
            return slot
        }

        subscript(hash: UInt64) -> [TerraformReference]? {
            let place = slots[slot(of: hash)]
            return place < 0 ? nil : lists[Int(place)]
        }

        /// Adds the list of a hash the table does not hold yet.
        mutating func insert(_ list: [TerraformReference], for hash: UInt64) {
            if 2 * (hashes.count + 1) > slots.count { grow() }
            let slot = slot(of: hash)
            assert(slots[slot] < 0, "a hash inserted twice")
            slots[slot] = Int32(hashes.count)
            hashes.append(hash)
            lists.append(list)
        }

        private mutating func grow() {
            slots = Array(repeating: -1, count: 2 * slots.count)
            for (place, hash) in hashes.enumerated() { slots[slot(of: hash)] = Int32(place) }
        }
    }
}

/// The references of the root module's expressions, worked out as the parser hands over each item
/// (`HCLParser.parse(_:path:skimming:keeping:)`): on the calling thread while the parser reads the
/// rest of the file, or on one core on the parser's thread in turn with it. On one file of 10 MB that
/// work would otherwise follow the parse. Looked up by node; an expression of a file read this way
/// that has no entry writes no reference. Used by one thread at a time.
final class PrecomputedReferences {
    private enum Entry {
        case known(WrittenReferences)
        /// An index key needs an evaluator: worked out when converted.
        case needsValues
    }

    private var entries: [ObjectIdentifier: Entry] = [:]
    private var shared = SharedReferences()
    /// The files read this way (their whole range).
    private var files: [HCL.SourceRange] = []

    /// Works out the references of every attribute of `item` (a top-level block), in nested blocks
    /// and tuple elements too: each expression the conversion of a block asks about. The item must
    /// live on (a node's identity is its key).
    func add(_ item: BodyItem) {
        guard case .block(let block) = item else { return }
        add(block.body)
    }

    private func add(_ body: Body) {
        for item in body.items {
            switch item {
            case .attribute(let attribute): add(attribute.expression)
            case .block(let block): add(block.body)
            }
        }
    }

    /// A tuple's references are its elements', each element walked once.
    @discardableResult
    private func add(_ expression: HCLExpression) -> WrittenReferences? {
        let written: WrittenReferences?
        if case .tuple(let items) = expression.kind {
            let parts = items.map { add($0) }
            written = parts.contains { $0 == nil } ? nil : WrittenReferences(concatenating: parts.map { $0! })
        } else {
            written = WrittenReferences.withoutValues(expression, module: "", sharing: shared)
        }
        if let written {
            if !written.references.isEmpty { entries[expression.identity] = .known(written) }
        } else {
            entries[expression.identity] = .needsValues
        }
        return written
    }

    /// The references of a root module expression skimmed (`HCL.SkimmedExpression`), for a block
    /// converted at once: written in `range` of its block's `references`.
    func references(of range: Range<Int>, in references: SkimmedReferences) -> WrittenReferences {
        // Most expressions write none: no builder for them.
        range.isEmpty ? WrittenReferences() : WrittenReferences(range, of: references, module: "", sharing: shared)
    }

    /// Records that every expression of the file with this range went through `add`.
    func completed(_ file: HCL.SourceRange) { files.append(file) }

    /// Drops every entry: what is looked up after this is worked out again. Returns the entries, for
    /// the caller to free where it likes.
    @discardableResult
    func forget() -> some Sendable {
        var dropped: [ObjectIdentifier: Entry] = [:]
        swap(&dropped, &entries)
        files = []
        var table = SharedReferences()
        swap(&table, &shared)
        return (dropped, table)
    }

    /// The references of `expression` as the root module writes them, when worked out already.
    func written(_ expression: HCLExpression) -> WrittenReferences? {
        switch entries[expression.identity] {
        case .known(let written)?: return written
        case .needsValues?: return nil
        case nil:
            let range = expression.range
            return files.contains(where: { range.isInSameFile(as: $0) }) ? WrittenReferences() : nil
        }
    }
}
