import Foundation

/// A parsed HCL file: its path, its top-level body and the source text it came from.
public struct HCLFile: Sendable, Hashable {
    /// Path of the file, as given to the parser (used in positions and errors).
    public var path: String
    /// Top-level attributes and blocks.
    public var body: Body
    /// The source text, kept so any node can be shown exactly as written.
    public var source: String

    /// Creates a file.
    public init(path: String, body: Body, source: String) {
        self.path = path
        self.body = body
        self.source = source
    }

    /// The exact source text of `range` (e.g. an expression's `range`).
    public func sourceText(of range: SourceRange) -> String { sourceText(from: range.start.offset, to: range.end.offset) }

    /// The exact source text from byte offset `start` to `end` (clamped to the text).
    public func sourceText(from start: Int, to end: Int) -> String {
        let utf8 = source.utf8
        let lower = Swift.min(Swift.max(0, start), utf8.count)
        let upper = Swift.min(Swift.max(lower, end), utf8.count)
        let first = utf8.index(utf8.startIndex, offsetBy: lower)
        return String(decoding: utf8[first..<utf8.index(first, offsetBy: upper - lower)], as: UTF8.self)
    }

    /// The exact source text of an expression.
    public func sourceText(of expression: HCLExpression) -> String { sourceText(of: expression.range) }
}

/// Entry point: parses HCL native syntax into an `HCLFile`.
public enum HCLParser {
    /// The deepest nesting accepted before failing with an error. Each block, bracket, parenthesis,
    /// call, unary operator, template interpolation or directive and splat is a level, and so is each
    /// tighter-binding right operand (`b * c` in `a + b * c`); a chain of one precedence level
    /// (`a + b + c ...`) and `.name`, `[i]` and `.0` steps are not, and may be of any length.
    ///
    /// Every tree walker (references, rendering, evaluation, equality, hashing) recurses at most this deep,
    /// on the caller's stack; operator chains and traversal steps are walked in loops.
    public static let maximumNestingDepth = 256

    /// Stack size of the thread the recursive-descent parser runs on.
    ///
    /// At the nesting limit the parser needs about 1.7 MiB of stack in optimised builds and up to
    /// about 6 MiB in debug builds (measured), more than secondary threads get by default (512 KiB
    /// on macOS, including Swift concurrency's threads). Only the pages actually touched are used.
    static let parserStackSize = 32 << 20

    /// Tokens lexed at a time (about 1.3 MB of them); a chunk ends at the first newline between two
    /// top-level items after this many.
    static let tokenChunk = 65_536

    /// Parses `text`; `path` is used in positions and error messages. Throws `HCLError`.
    public static func parse(_ text: String, path: String) throws -> HCLFile {
        let body = try onParserThread {
            var text = text
            return try text.withUTF8 { bytes in try parse(bytes: bytes, path: path) }
        }
        return HCLFile(path: path, body: body, source: text)
    }

    /// Parses `data` as `parse(_:path:)` does, and hands each top-level attribute and block to `each`
    /// on the calling thread while the parser, on its own thread, goes on with the rest of the file:
    /// work on the first blocks overlaps the parsing of the last. With one core to run on, `each` runs
    /// on the parser's thread instead, right after each item is read, while the calling thread waits.
    /// `each` sees the items in source order; when the file turns out not to parse, the error is
    /// thrown (after `each` has seen the items before it).
    public static func parse(_ data: Data, path: String, each: (BodyItem) -> Void) throws -> HCLFile {
        try parse(text(data, path: path), path: path, each: each)
    }

    /// Parses `text` as `parse(_:path:each:)` parses bytes. For a file read as bytes, `text(_:path:)`
    /// first: the bytes can then be freed before the tree is built, rather than held beside it.
    public static func parse(_ text: String, path: String, each: (BodyItem) -> Void) throws -> HCLFile {
        try parse(text, path: path) { item in
            each(item)
            return item
        }
    }

    /// Parses `text` as `parse(_:path:each:)` does; the file's body holds what `keeping` returns for
    /// each top-level item, in its place: the item, or nothing (a caller that has read what it needs
    /// of it, and may parse it again from the text, `block(in:path:range:)`). Only the items kept live on.
    public static func parse(_ text: String, path: String, keeping: (BodyItem) -> BodyItem?) throws -> HCLFile {
        try parse(text, path: path, skimming: nil) { item in
            guard case .item(let item) = item else { return nil }
            return keeping(item)
        }
    }

    /// Parses `text` as `parse(_:path:keeping:)` does, handing the top-level blocks that `rule` names
    /// over skimmed (`SkimRule`): their expressions are checked and located, their references found,
    /// and no tree is built for them. The others are handed over as trees.
    public static func parse(_ text: String, path: String, skimming rule: SkimRule?, keeping: (TopLevelItem) -> BodyItem?) throws -> HCLFile {
        try parse(text, path: path, skimming: rule, inTurn: !hasCores, keeping: keeping)
    }

    /// `inTurn`: the caller's work on each item done on the parser's thread (`parseInTurn`).
    static func parse(_ text: String, path: String, skimming rule: SkimRule?, inTurn: Bool, keeping: (TopLevelItem) -> BodyItem?) throws -> HCLFile {
        guard !inTurn else { return try parseInTurn(text, path: path, skimming: rule, keeping: keeping) }
        let handoff = Handoff()
        let thread = Thread {
            let result = Result {
                var text = text
                return try text.withUTF8 { bytes in try parse(bytes: bytes, path: path, skimming: rule, onTopLevelItem: handoff.add) }
            }
            handoff.finish(result)
        }
        thread.stackSize = parserStackSize
        thread.start()
        var kept: [BodyItem] = []
        while var items = handoff.next() {
            for item in items {
                if let item = keeping(item) { kept.append(item) }
            }
            // The trees not kept go back to be freed on the parser's thread (see `Handoff.recycle`).
            handoff.recycle(&items)
        }
        let body = try handoff.result!.get()
        return HCLFile(path: path, body: Body(items: kept.compacted(), range: body.range), source: text)
    }

    /// Whether this process may run on more than one core (read once). On one, the parser's thread and
    /// the caller's would only take turns.
    static let hasCores = Cores.available > 1

    /// `parse(_:path:skimming:keeping:)` on one core: `keeping` sees each item on the parser's thread,
    /// right after it is read, while the calling thread waits. Handing items over between two threads
    /// that take turns on one core bought nothing and cost a switch between them every millisecond or
    /// so, with the caches each leaves to the other (on the 10 MB designs input of
    /// `Scripts/benchmark-review`, one core, 6% of the review's time).
    private static func parseInTurn(_ text: String, path: String, skimming rule: SkimRule?, keeping: (TopLevelItem) -> BodyItem?) throws -> HCLFile {
        // The caller's closure is used on the parser's thread while the caller waits, and dropped
        // before this returns.
        final class InTurn: @unchecked Sendable {
            var keeping: ((TopLevelItem) -> BodyItem?)?
            var kept: [BodyItem] = []
            init(_ keeping: @escaping (TopLevelItem) -> BodyItem?) { self.keeping = keeping }
        }
        return try withoutActuallyEscaping(keeping) { keeping in
            let inTurn = InTurn(keeping)
            defer { inTurn.keeping = nil }
            let body = try onParserThread {
                var text = text
                return try text.withUTF8 { bytes in
                    try parse(bytes: bytes, path: path, skimming: rule) { item in
                        if let item = inTurn.keeping!(item) { inTurn.kept.append(item) }
                    }
                }
            }
            return HCLFile(path: path, body: Body(items: inTurn.kept.compacted(), range: body.range), source: text)
        }
    }

    /// The expression written in `text` from `start` to the byte offset `end`, parsed again, with the
    /// file's positions: what a caller that kept where an expression is written, not its tree, reads it
    /// with. Nil when the span is not one expression (it is outside the text, or the text changed).
    public static func expression(in text: String, path: String, from start: SourcePoint, to end: Int) -> HCLExpression? {
        reparse(text, path: path, from: start, to: end) { parser in try parser.parseExpression() }
    }

    /// The block written in `text` at `range`, parsed again (see `expression(in:path:from:to:)`).
    public static func block(in text: String, path: String, range: SourceRange) -> Block? {
        reparse(text, path: path, from: range.start, to: range.end.offset) { parser in
            guard case .block(let block) = try parser.parseBodyItem() else { return nil }
            return block
        }
    }

    private static func reparse<T>(_ text: String, path: String, from start: SourcePoint, to end: Int, _ parse: (inout Parser) throws -> T?) -> T? {
        var text = text
        return text.withUTF8 { all -> T? in
            guard start.offset >= 0, start.offset <= end, end <= all.count else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: all[0..<end])
            let (tokens, error) = Lexer.tokenize(bytes, from: start, file: path)
            guard error == nil else { return nil }
            var parser = Parser(bytes: bytes, tokens: tokens, file: path, lexError: nil, names: Names(capacity: 16))
            guard let parsed = try? parse(&parser) else { return nil }
            // The whole span and nothing else: a trailing newline only.
            while parser.tokens[parser.index].kind == .newline { parser.index += 1 }
            return parser.tokens[parser.index].kind == .endOfFile ? parsed : nil
        }
    }

    /// Items passed from the parser's thread to the caller's in batches (one wake-up per batch, not per
    /// item), and the parser's result; and the batches the caller is done with, passed back to be
    /// freed where they were made. `ready`, `finished`, `recycled` and `result` are written under
    /// `condition`'s lock; `pending` is the parser's alone; the caller reads `result` once `next()`
    /// has seen the parser finished.
    private final class Handoff: @unchecked Sendable {
        private let condition = NSCondition()
        private var ready: [TopLevelItem] = []
        private var pending: [TopLevelItem] = []
        private var finished = false
        private var recycled: [[TopLevelItem]] = []
        private(set) var result: Result<Body, any Error>?
        static let batch = 64
        /// At most this many items wait for the caller; past it the parser waits too. A caller slower
        /// than the parser would otherwise have the trees of most of a large file waiting at once,
        /// where it frees each as it is done with it. Four batches: with one, the parser waited for
        /// the caller at every other batch, and each wait cost a wake-up (on the 10 MB designs input
        /// of `Scripts/benchmark-review`, about 400 waits and 50 ms).
        static let waiting = batch * 4

        /// On the parser's thread: keeps `item`, handing the kept ones over by the batch; frees the
        /// batches the caller passed back.
        func add(_ item: TopLevelItem) {
            pending.append(item)
            guard pending.count >= Self.batch else { return }
            condition.lock()
            while ready.count >= Self.waiting { condition.wait() }
            ready += pending
            let done = recycled
            recycled = []
            condition.broadcast()
            condition.unlock()
            pending.removeAll(keepingCapacity: true)
            withExtendedLifetime(done) {}  // the last reference: freed here, on this thread
        }

        /// On the caller's thread: takes a batch it is done with (leaving `items` empty), for the
        /// parser's thread to free. The allocator then takes the trees back into the parser's own
        /// caches: freed on the caller's thread, each free locked the parser's heap against the
        /// parser's next allocation, and the parser spent a fifth of its time in the allocator and
        /// waking the caller (against a twentieth parsing alone); a review of a large file took 8% longer.
        /// Once the parser is done, the caller frees them itself.
        func recycle(_ items: inout [TopLevelItem]) {
            var taken: [TopLevelItem] = []
            swap(&taken, &items)
            condition.lock()
            if !finished {
                recycled.append(taken)
                taken = []
            }
            condition.unlock()
        }

        /// On the parser's thread, last: hands over what is left and the result; frees what came back.
        func finish(_ result: Result<Body, any Error>) {
            condition.lock()
            ready += pending
            self.result = result
            finished = true
            let done = recycled
            recycled = []
            condition.broadcast()
            condition.unlock()
            withExtendedLifetime(done) {}
        }

        /// On the caller's thread: the next batch, waiting for it; nil once the parser is done and
        /// everything was handed over.
        func next() -> [TopLevelItem]? {
            condition.lock()
            defer { condition.unlock() }
            while ready.isEmpty && !finished { condition.wait() }
            if ready.isEmpty { return nil }
            let batch = ready
            ready = []
            condition.broadcast()  // a parser waiting for room goes on
            return batch
        }
    }

    /// Runs `work` synchronously on a fresh thread with a `parserStackSize` stack.
    static func onParserThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { try work() }
            finished.signal()
        }
        thread.stackSize = parserStackSize
        thread.start()
        finished.wait()
        return try outcome.result!.get()
    }

    /// Carries the result back from the parser thread; written before the semaphore is signalled and read
    /// only after waiting on it, so the two threads never access it concurrently.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    /// Throws an `HCLError` at the first byte of `data` that is not part of well-formed UTF-8.
    private static func checkUTF8(_ data: Data, path: String) throws {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let bad = firstInvalidUTF8(bytes) {
                throw error(
                    at: bad, in: bytes, path: path, expected: "UTF-8 text",
                    found: "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true).leftPadded(to: 2))")
            }
        }
    }

    /// Parses raw file contents; rejects NUL bytes and invalid UTF-8 with an `HCLError`.
    public static func parse(_ data: Data, path: String) throws -> HCLFile {
        try parse(text(data, path: path), path: path)
    }

    /// Raw file contents as text, with an `HCLError` at the first byte that is not well-formed UTF-8.
    public static func text(_ data: Data, path: String) throws -> String {
        try checkUTF8(data, path: path)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads and parses the file at `path`.
    public static func parseFile(atPath path: String) throws -> HCLFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try parse(data, path: path)
    }

    static func parse(
        bytes: UnsafeBufferPointer<UInt8>, path: String, skimming rule: SkimRule? = nil, onTopLevelItem: ((TopLevelItem) -> Void)? = nil,
        tokenChunk: Int? = tokenChunk
    ) throws -> Body {
        guard bytes.count < Int(Int32.max) else {
            throw HCLError(
                position: SourcePosition(file: path, line: 1, column: 1),
                expected: "a file smaller than 2 GiB", found: "\(bytes.count) bytes")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw error(at: nul, in: bytes, path: path, expected: "text", found: "NUL byte (binary file?)")
        }
        // A UTF-8 byte order mark is not content; offsets still count it so ranges index the original text.
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        // The tokens come a chunk at a time: a 10 MB file's would take about 40 MB all at once.
        var parser: Parser
        if let tokenChunk {
            parser = Parser(bytes: bytes, lexer: Lexer(chunksOf: bytes, start: start, file: path, size: tokenChunk), file: path)
        } else {
            let (tokens, lexError) = Lexer.tokenize(bytes, start: start, file: path)
            parser = Parser(bytes: bytes, tokens: tokens, file: path, lexError: lexError)
        }
        parser.onTopLevelItem = onTopLevelItem
        parser.skimRule = rule
        return try parser.parseFile()
    }

    /// An error located at byte `offset`, computing line and column from the (valid) bytes before it.
    private static func error(
        at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, path: String,
        expected: String, found: String
    ) -> HCLError {
        let (line, column) = Byte.lineAndColumn(after: 0..<offset, in: bytes, from: (1, 1))
        return HCLError(position: SourcePosition(file: path, line: line, column: column), expected: expected, found: found)
    }

    /// Offset of the first byte that is not part of well-formed UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F  // no UTF-16 surrogates
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F  // nothing above U+10FFFF
            default: return i
            }
            guard i + length <= n else { return i }
            let second = bytes[i + 1]
            guard second >= lowerBound && second <= upperBound else { return i }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
