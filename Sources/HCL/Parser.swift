import Foundation

/// Recursive-descent parser over the token array produced by `Lexer`.
///
/// Newlines are significant in bodies and object constructors (they end attributes and items)
/// but not inside brackets, parentheses, interpolations and `for` expressions; `ignoreNewlines`
/// tracks which of the two applies. Every recursive production goes through `enter`, which caps
/// nesting at `HCLParser.maximumNestingDepth` so hostile input cannot exhaust the stack.
///
/// Productions and error helpers are `@inline(never)`: otherwise the optimiser merges sibling
/// productions into one large frame that every level of recursion pays for (measured ~2x stack).
struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The tokens, or the current chunk of them (see `lexer`).
    private(set) var tokens: [Token]
    let file: String
    /// `file` as ranges carry it.
    let fileNumber: UInt32
    private(set) var lexError: HCLError?
    /// Hands over the next chunk of tokens when the current one ends (`.endOfChunk`, only ever met
    /// between two top-level items).
    private var lexer: Lexer?
    var index = 0
    var ignoreNewlines = false
    var depth = 0
    /// The most recently consumed token, used to end source ranges.
    var last: Token
    /// Called with each top-level attribute or block as soon as it is parsed; the body the parser
    /// returns then holds none of them.
    var onTopLevelItem: ((TopLevelItem) -> Void)?
    /// The top-level blocks handed over skimmed (see `SkimRule`); only with `onTopLevelItem`.
    var skimRule: SkimRule?
    /// While a block is skimmed, what its expressions write; nil otherwise (and while an index key
    /// inside it is read as a tree).
    var skim: SkimState?
    /// The static steps of the traversal being skimmed: one buffer for the whole file.
    var skimSteps: [ReferenceStep] = []
    /// Identifiers and literal labels, each kept once.
    let names: Names

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], file: String, lexError: HCLError?, names: Names = Names()) {
        self.names = names
        self.bytes = bytes
        self.tokens = tokens
        self.file = file
        self.fileNumber = SourcePaths.number(of: file)
        self.lexError = lexError
        self.last = tokens[0]
    }

    /// A parser that takes its tokens from `lexer` a chunk at a time.
    init(bytes: UnsafeBufferPointer<UInt8>, lexer: Lexer, file: String) {
        var lexer = lexer
        let (tokens, error) = lexer.nextChunk()!
        self.init(bytes: bytes, tokens: tokens, file: file, lexError: error)
        self.lexer = lexer
    }

    /// Moves on to the next chunk of tokens; false when there is none (a chunk that ends with
    /// `.endOfChunk` always has one after it).
    private mutating func nextChunk() -> Bool {
        guard let (tokens, error) = lexer?.nextChunk() else { return false }
        self.tokens = tokens
        lexError = error
        index = 0
        return true
    }

    // MARK: - Token access

    /// The current token, skipping newlines where they are insignificant.
    @inline(__always) mutating func peek() -> Token {
        if ignoreNewlines {
            while tokens[index].kind == .newline { index += 1 }
        }
        return tokens[index]
    }

    /// Consumes and returns the current token (never moves past end of file).
    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if token.kind != .endOfFile && token.kind != .endOfChunk { index += 1 }
        last = token
        return token
    }

    /// Consumes a token of `kind` or throws "expected `description`".
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ description: String) throws -> Token {
        let token = peek()
        guard token.kind == kind else { throw failure(description, at: token) }
        return advance()
    }

    mutating func expectIdentifier(_ description: String) throws -> String {
        name(try expect(.identifier, description))
    }

    mutating func expectKeyword(_ keyword: StaticString) throws {
        let token = peek()
        guard isKeyword(token, keyword) else { throw failure("'\(keyword)'", at: token) }
        advance()
    }

    mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    func text(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }

    /// The text of an identifier token, kept once per parse (see `Names`).
    func name(_ token: Token) -> String {
        names.string(UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]))
    }

    /// Compares an identifier token with an ASCII keyword without allocating a String.
    func isKeyword(_ token: Token, _ keyword: StaticString) -> Bool {
        guard token.kind == .identifier, token.length == keyword.utf8CodeUnitCount else { return false }
        let pointer = keyword.utf8Start
        for i in 0..<token.length where bytes[Int(token.start) + i] != pointer[i] { return false }
        return true
    }

    // MARK: - Positions and errors

    func startLocation(_ token: Token) -> SourcePoint {
        SourcePoint(line: Int(token.line), column: Int(token.column), offset: Int(token.start))
    }

    func endLocation(_ token: Token) -> SourcePoint {
        let (line, column) = token.end(in: bytes)
        return SourcePoint(line: Int(line), column: Int(column), offset: Int(token.end))
    }

    @inline(never)
    func range(_ token: Token) -> SourceRange {
        SourceRange(fileNumber: fileNumber, start: startLocation(token), end: endLocation(token))
    }

    /// From `start` to the end of the last consumed token.
    @inline(never)
    func range(from start: SourcePoint) -> SourceRange {
        SourceRange(fileNumber: fileNumber, start: start, end: endLocation(last))
    }

    /// "expected `expected`, found <token>" at `token`; a lexical error token reports the lexer's error instead.
    @inline(never)
    func failure(_ expected: String, at token: Token) -> HCLError {
        if token.kind == .invalid, let lexError { return lexError }
        return HCLError(
            position: SourcePosition(file: file, line: Int(token.line), column: Int(token.column)),
            expected: expected, found: describe(token))
    }

    /// "expected `what` at LINE:COLUMN-of-`open`, found ...": for a bracket, string or block left open.
    @inline(never)
    func unclosed(_ what: String, opener open: Token, at token: Token) -> HCLError {
        failure("\(what) at \(open.line):\(open.column)", at: token)
    }

    /// Consumes the token closing `open`, or throws `unclosed(what, ...)`; the message is only built on failure.
    @discardableResult
    mutating func expectClosing(_ kind: TokenKind, _ what: String, opener open: Token) throws -> Token {
        let token = peek()
        guard token.kind == kind else { throw unclosed(what, opener: open, at: token) }
        return advance()
    }

    @inline(never)
    func failure(_ expected: String, found: String, at range: SourceRange) -> HCLError {
        HCLError(position: range.position, expected: expected, found: found)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier: return "identifier \"\(HCLError.excerpt(text(token)))\""
        case .number: return "number \(HCLError.excerpt(text(token)))"
        case .newline: return "newline"
        case .endOfFile: return "end of file"
        case .openQuote: return "string"
        case .closeQuote: return "'\"'"
        case .stringLiteral: return "string text"
        case .openHeredoc: return "heredoc"
        case .closeHeredoc: return "heredoc end marker"
        case .templateInterp: return "'${'"
        case .templateControl: return "'%{'"
        case .templateSeqEnd: return "'}'"
        case .invalid: return "invalid input"
        case .endOfChunk: return "newline"
        default: return "'\(HCLError.excerpt(text(token)))'"
        }
    }

    /// Enters one level of nesting; throws once the nesting limit is exceeded. Pair with `depth -= 1`.
    mutating func enter(at token: Token) throws {
        depth += 1
        if depth > HCLParser.maximumNestingDepth { throw tooDeep(at: token) }
    }

    @inline(never)
    private func tooDeep(at token: Token) -> HCLError {
        HCLError(
            position: SourcePosition(file: file, line: Int(token.line), column: Int(token.column)),
            expected: "at most \(HCLParser.maximumNestingDepth) levels of nesting", found: "deeper nesting")
    }

    // MARK: - Bodies

    mutating func parseFile() throws -> Body {
        let body = try parseBody(TreeBody.self, openBrace: nil)
        let end = tokens[tokens.count - 1]
        let start = SourcePoint(line: 1, column: 1, offset: 0)
        return Body(items: body.compacted(), range: SourceRange(fileNumber: fileNumber, start: start, end: endLocation(end)))
    }

    /// Parses attributes and blocks until `}` (inside a block) or end of file (top level).
    @inline(never)
    mutating func parseBody<Reading: BodyReading>(_ reading: Reading.Type, openBrace: Token?) throws -> Reading.Items {
        var items = Reading.none
        while true {
            let token = tokens[index]
            switch token.kind {
            case .newline:
                index += 1
            case .endOfFile:
                if let open = openBrace {
                    throw unclosed("'}' to close block opened", opener: open, at: token)
                }
                return items
            case .closeBrace where openBrace != nil:
                return items
            case .identifier:
                // Top-level items handed over are kept by the caller, who may keep less of them.
                if openBrace == nil, let onTopLevelItem {
                    onTopLevelItem(try parseTopLevelItem())
                } else {
                    Reading.append(try parseBodyItem(reading), to: &items)
                }
            case .endOfChunk where openBrace == nil:
                if !nextChunk() { return items }
            default:
                throw failure("attribute or block", at: token)
            }
        }
    }

    mutating func parseBodyItem() throws -> BodyItem { try parseBodyItem(TreeBody.self) }

    @inline(never)
    mutating func parseBodyItem<Reading: BodyReading>(_ reading: Reading.Type) throws -> Reading.Item {
        let nameToken = advance()
        let name = self.name(nameToken)
        let start = startLocation(nameToken)
        if skim != nil { try abandonSkimIfRefused(name, isAttribute: tokens[index].kind == .equal) }
        if tokens[index].kind == .equal {
            advance()
            let value = try Reading.value(&self)
            try expectItemEnd("attribute value")
            return Reading.attribute(name: name, value: value, range: range(from: start))
        }
        return try parseBlock(reading, type: name, labels: try parseLabels(), start: start)
    }

    /// A top-level item, skimmed when `skimRule` says so and the block turns out to allow it; read
    /// again as a tree otherwise, from its `{` (a block lies in one chunk of tokens).
    @inline(never)
    private mutating func parseTopLevelItem() throws -> TopLevelItem {
        guard let skimRule, tokens[index + 1].kind != .equal else { return .item(try parseBodyItem(TreeBody.self)) }
        // The name read into a constant first: read in the condition, it was read from a copy of the
        // whole parser.
        let nameToken = tokens[index]
        let type = name(nameToken)
        guard skimRule.blockTypes.contains(type) else { return .item(try parseBodyItem(TreeBody.self)) }
        advance()
        let labels = try parseLabels()
        let start = startLocation(nameToken)
        if labels.count >= skimRule.minimumLabels {
            // At the `{`: where the tree is read from when the skim is abandoned (the labels are read once).
            let open = (index: index, last: last, depth: depth, ignoreNewlines: ignoreNewlines)
            var state: SkimState? = SkimState()
            swap(&state, &skim)
            do {
                let item = try parseBlock(SkimBody.self, type: type, labels: labels, start: start)
                swap(&state, &skim)
                if case .block(let block) = item { return .skimmed(SkimmedItem(block: block, references: state!.references)) }
            } catch is AbandonedSkim {
                skim = nil
            }
            (index, last, depth, ignoreNewlines) = open
        }
        return .item(try parseBlock(TreeBody.self, type: type, labels: labels, start: start))
    }

    /// Throws `AbandonedSkim` for an attribute the skim rule refuses at the top of the skimmed block
    /// (its body is at depth 1), or a block it refuses at any depth.
    /// (`mutating`, as every helper that reads the parser's state in a hot path: a plain method was
    /// called on a copy of the whole parser, its arrays retained and released each time.)
    private mutating func abandonSkimIfRefused(_ name: String, isAttribute: Bool) throws {
        let refused =
            isAttribute
            ? depth == 1 && skimRule?.refusingAttributes.contains(name) == true
            : skimRule?.refusingBlockTypes.contains(name) == true
        if refused { throw AbandonedSkim() }
    }

    /// A block's labels, up to (not past) its `{`.
    private mutating func parseLabels() throws -> [BlockLabel] {
        var labels: [BlockLabel] = []
        while true {
            let token = tokens[index]
            // Room for two at once: resources and data sources have two labels, and growing the list
            // from one to two allocated it twice.
            if labels.isEmpty && token.kind != .openBrace { labels.reserveCapacity(2) }
            if token.kind == .identifier {
                advance()
                labels.append(BlockLabel(value: self.name(token), isQuoted: false, range: range(token)))
            } else if token.kind == .openQuote {
                labels.append(try parseQuotedLabel())
            } else if token.kind == .openBrace {
                return labels
            } else {
                throw failure(labels.isEmpty ? "'=' or '{'" : "block label or '{'", at: token)
            }
        }
    }

    /// A block from its `{`.
    private mutating func parseBlock<Reading: BodyReading>(_ reading: Reading.Type, type: String, labels: [BlockLabel], start: SourcePoint) throws -> Reading.Item {
        let open = advance()
        try enter(at: open)
        var items = Reading.none
        switch tokens[index].kind {
        case .newline, .endOfFile, .closeBrace:
            items = try parseBody(reading, openBrace: open)
        default:
            Reading.append(try parseSingleLineBlockItem(reading, opener: open), to: &items)
        }
        depth -= 1
        let close = advance()  // both bodies end only at this block's `}`
        let bodyRange = SourceRange(fileNumber: fileNumber, start: startLocation(open), end: endLocation(close))
        try expectItemEnd("block")
        return Reading.block(type: type, labels: labels, items: items, bodyRange: bodyRange, range: range(from: start))
    }

    /// The one argument of a block written on one line, `name { key = value }`, up to (not past) the `}`.
    ///
    /// hclsyntax/spec.md, "Structural Elements": `OneLineBlock = Identifier (StringLit|Identifier)* "{"
    /// (Identifier "=" Expression)? "}" Newline;` while a multi-line `Block` needs a newline right after `{`.
    /// So content on the opening line makes a single-line block: one argument, no nested block, closed on
    /// that line. hclsyntax rejects `a { b = 1\n}` and `a { b = 1, c = 2 }` as "Invalid single-argument
    /// block definition" and `a { b {} }` as "Argument definition required".
    @inline(never)
    private mutating func parseSingleLineBlockItem<Reading: BodyReading>(_ reading: Reading.Type, opener open: Token) throws -> Reading.Item {
        let nameToken = tokens[index]
        guard nameToken.kind == .identifier else { throw failure("attribute name or newline after '{'", at: nameToken) }
        advance()
        guard tokens[index].kind == .equal else {
            throw failure("'=' (a single-line block holds one attribute, not a nested block)", at: tokens[index])
        }
        if skim != nil { try abandonSkimIfRefused(name(nameToken), isAttribute: true) }
        advance()
        let value = try Reading.value(&self)
        let end = tokens[index]
        guard end.kind == .closeBrace else {
            throw failure("'}' on the same line: a single-line block opened at \(open.line):\(open.column) holds only one attribute", at: end)
        }
        return Reading.attribute(name: name(nameToken), value: value, range: range(from: startLocation(nameToken)))
    }

    /// After an attribute or block: a newline or end of file (hclsyntax/spec.md: `Attribute = Identifier "="
    /// Expression Newline;`, and blocks end with `"}" Newline`), so `a {\n b = 1 }` and `}}` are errors too.
    private mutating func expectItemEnd(_ what: String) throws {
        let token = tokens[index]
        switch token.kind {
        case .newline: index += 1
        case .endOfFile: break
        default: throw failure("newline after \(what)", at: token)
        }
    }

    /// A block label written as a quoted string: literal text only, no interpolation.
    @inline(never)
    private mutating func parseQuotedLabel() throws -> BlockLabel {
        let open = advance()
        var value = ""
        while true {
            let token = tokens[index]
            switch token.kind {
            case .stringLiteral:
                advance()
                value += try decodeQuoted(token)
            case .closeQuote:
                advance()
                return BlockLabel(value: names.string(value), isQuoted: true, range: range(from: startLocation(open)))
            case .templateInterp, .templateControl:
                throw failure("literal block label without templates", at: token)
            default:
                throw failure("'\"' to close block label", at: token)
            }
        }
    }
}

extension Array {
    /// The same elements in a buffer of their count. An array grown by appending has up to twice the
    /// room it holds, and a syntax tree keeps its arrays for as long as it lives.
    func compacted() -> [Element] {
        guard capacity > count else { return self }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}
