/// Splits HCL source bytes into tokens.
///
/// HCL's lexical grammar is context sensitive (a `}` may close an object or an interpolation,
/// a `"` may open or close a template), so the lexer keeps an explicit stack of modes instead of
/// recursing: deeply nested templates cost heap memory, never stack.
///
/// On the first lexical error the lexer records the error, emits an `.invalid` token at that
/// point and stops; the parser reports the error only if it gets that far, so an earlier
/// syntax error is still reported first.
struct Lexer {
    private enum Mode {
        /// Ordinary tokens; `interpolation` is true inside `${ }` / `%{ }`, where a `}` at
        /// brace depth zero ends the sequence.
        case normal(braces: Int, interpolation: Bool)
        /// Inside `"..."`.
        case quoted(openLine: Int32, openColumn: Int32)
        /// Inside a heredoc body.
        case heredoc(Heredoc)
    }

    private struct Heredoc {
        var markerStart: Int
        var markerEnd: Int
        var atLineStart: Bool
        var openLine: Int32
        var openColumn: Int32
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let count: Int
    private let file: String
    private var pos: Int
    private var line: Int32 = 1
    private var column: Int32 = 1
    private var tokens: [Token] = []
    private var modes: [Mode] = [.normal(braces: 0, interpolation: false)]
    private var error: HCLError?
    /// Brackets and parentheses open (negative after a stray closing one, which ends the chunking).
    private var brackets = 0
    /// With `nextChunk`: a chunk ends at the first newline that ends a top-level item after this many tokens.
    private var chunkSize = 0
    private var finished = false

    private init(bytes: UnsafeBufferPointer<UInt8>, start: Int, file: String, line: Int = 1, column: Int = 1) {
        self.bytes = bytes
        self.count = bytes.count
        self.pos = start
        self.file = file
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    /// Tokenizes `bytes` from `start`, whose line and column it is given: a span of a file lexed
    /// again (`HCLParser.expression(in:path:from:to:)`), its positions those of the file. `bytes`
    /// ends where the span does.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, from start: SourcePoint, file: String) -> (tokens: [Token], error: HCLError?) {
        var lexer = Lexer(bytes: bytes, start: start.offset, file: file, line: start.line, column: start.column)
        lexer.tokens.reserveCapacity((bytes.count - start.offset) / 3 + 4)
        lexer.run()
        return (lexer.tokens, lexer.error)
    }

    /// Tokenizes `bytes` from byte offset `start` (past a BOM, if any). The token array always ends with `.endOfFile`.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, file: String) -> (tokens: [Token], error: HCLError?) {
        var lexer = Lexer(bytes: bytes, start: start, file: file)
        // About one token per five bytes in real configurations; capacity past what is used is never
        // touched, so it costs address space, not memory, and the array is not copied as it grows.
        lexer.tokens.reserveCapacity(bytes.count / 3 + 16)
        lexer.run()
        return (lexer.tokens, lexer.error)
    }

    /// A lexer that hands its tokens over a chunk at a time (`nextChunk`), so that the tokens of a
    /// large file are never all held at once: the parser takes the next chunk between two top-level items.
    init(chunksOf bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, file: String, size: Int) {
        self.init(bytes: bytes, start: start, file: file)
        chunkSize = size
    }

    /// The next chunk: tokens up to a newline that ends a top-level item (a newline outside every
    /// brace, bracket, parenthesis, string and heredoc, after a value) once `size` tokens are reached, followed by
    /// `.endOfChunk`; the last chunk ends with `.endOfFile` (after `.invalid` and with the error, on a
    /// lexical error). Nil once the last chunk was handed over.
    mutating func nextChunk() -> (tokens: [Token], error: HCLError?)? {
        guard !finished else { return nil }
        tokens = []
        tokens.reserveCapacity(chunkSize + chunkSize / 4)
        finished = run()
        return (tokens, finished ? error : nil)
    }

    /// Whether a newline right after this token ends the item it is in. After an operator, `?` or
    /// `:` the expression goes on on the next line (`a = x ?\n 1 : 2`); after a value it cannot.
    private static func endsItem(_ kind: TokenKind) -> Bool {
        switch kind {
        case .closeBrace, .closeBracket, .closeParen, .identifier, .number, .closeQuote, .closeHeredoc: true
        default: false
        }
    }

    // MARK: - Driver

    /// Returns true at the end of the input (or the first error), false at the end of a chunk.
    @discardableResult
    private mutating func run() -> Bool {
        while true {
            let more: Bool
            switch modes[modes.count - 1] {
            case let .normal(braces, interpolation):
                more = scanNormal(braces: braces, interpolation: interpolation)
            case let .quoted(openLine, openColumn):
                more = scanQuoted(openLine: openLine, openColumn: openColumn)
            case let .heredoc(state):
                more = scanHeredoc(state)
            }
            if !more { break }
            if chunkSize > 0 && tokens.count >= max(chunkSize, 2) && tokens[tokens.count - 1].kind == .newline && brackets == 0 && modes.count == 1,
                case .normal(0, false) = modes[0], Self.endsItem(tokens[tokens.count - 2].kind)
            {
                // Twice: a parser that looks one token ahead never reads past the chunk.
                emit(.endOfChunk, start: pos, line: line, column: column)
                emit(.endOfChunk, start: pos, line: line, column: column)
                return false
            }
        }
        if error != nil {
            emit(.invalid, start: pos, line: line, column: column)
        }
        emit(.endOfFile, start: pos, line: line, column: column)
        return true
    }

    @inline(__always) private func byte(_ offset: Int) -> UInt8 {
        // NUL never occurs in accepted input, so it doubles as an end-of-input sentinel.
        offset < count ? bytes[offset] : 0
    }

    private mutating func emit(_ kind: TokenKind, start: Int, line startLine: Int32, column startColumn: Int32) {
        tokens.append(
            Token(
                kind: kind, start: Int32(start), end: Int32(pos), line: startLine, column: startColumn))
    }

    /// Records a lexical error at the current position and returns false so callers can `return fail(...)`.
    private mutating func fail(_ expected: String, _ found: String) -> Bool {
        error = HCLError(
            position: SourcePosition(file: file, line: Int(line), column: Int(column)),
            expected: expected, found: found)
        return false
    }

    private mutating func setTop(_ mode: Mode) { modes[modes.count - 1] = mode }

    // MARK: - Normal mode

    /// Skips blanks and comments. Returns false on an unterminated block comment.
    private mutating func skipTrivia() -> Bool {
        while pos < count {
            let b = bytes[pos]
            if b == Byte.space || b == Byte.tab || b == Byte.carriageReturn {
                pos += 1
                column += 1
            } else if b == Byte.hash || (b == Byte.slash && byte(pos + 1) == Byte.slash) {
                // Line comment: stop before the newline, which stays significant.
                while pos < count && bytes[pos] != Byte.newline {
                    if Byte.startsScalar(bytes[pos]) { column += 1 }
                    pos += 1
                }
            } else if b == Byte.slash && byte(pos + 1) == Byte.star {
                let openLine = line, openColumn = column
                pos += 2
                column += 2
                var closed = false
                while pos < count {
                    let c = bytes[pos]
                    if c == Byte.star && byte(pos + 1) == Byte.slash {
                        pos += 2
                        column += 2
                        closed = true
                        break
                    }
                    advanceOne(c)
                }
                if !closed {
                    return fail("'*/' to close comment started at \(openLine):\(openColumn)", "end of file")
                }
            } else {
                break
            }
        }
        return true
    }

    /// Moves past one byte, keeping line and column in step.
    @inline(__always) private mutating func advanceOne(_ b: UInt8) {
        pos += 1
        if b == Byte.newline {
            line += 1
            column = 1
        } else if Byte.startsScalar(b) {
            column += 1
        }
    }

    private mutating func scanNormal(braces: Int, interpolation: Bool) -> Bool {
        guard skipTrivia() else { return false }
        guard pos < count else { return false }
        let start = pos, startLine = line, startColumn = column
        let b = bytes[pos]

        @inline(__always) func single(_ kind: TokenKind, _ width: Int = 1) {
            pos += width
            column += Int32(width)
            emit(kind, start: start, line: startLine, column: startColumn)
        }

        switch b {
        case Byte.newline:
            pos += 1
            line += 1
            column = 1
            emit(.newline, start: start, line: startLine, column: startColumn)
        case _ where Byte.isIdentifierStart(b):
            pos += 1
            column += 1
            while pos < count && Byte.isIdentifierContinue(bytes[pos]) {
                if Byte.startsScalar(bytes[pos]) { column += 1 }
                pos += 1
            }
            emit(.identifier, start: start, line: startLine, column: startColumn)
        case _ where Byte.isDigit(b):
            scanNumber(start: start, line: startLine, column: startColumn)
        case Byte.quote:
            single(.openQuote)
            modes.append(.quoted(openLine: startLine, openColumn: startColumn))
        case Byte.openBrace:
            single(.openBrace)
            setTop(.normal(braces: braces + 1, interpolation: interpolation))
        case Byte.closeBrace:
            if interpolation && braces == 0 {
                single(.templateSeqEnd)
                modes.removeLast()
            } else {
                single(.closeBrace)
                setTop(.normal(braces: max(0, braces - 1), interpolation: interpolation))
            }
        case Byte.tilde:
            guard interpolation && braces == 0 && byte(pos + 1) == Byte.closeBrace else {
                return fail("a token", "unexpected character '~'")
            }
            single(.templateSeqEnd, 2)
            modes.removeLast()
        case Byte.openBracket, Byte.openParen:
            brackets += 1
            single(b == Byte.openBracket ? .openBracket : .openParen)
        case Byte.closeBracket, Byte.closeParen:
            brackets -= 1
            single(b == Byte.closeBracket ? .closeBracket : .closeParen)
        case Byte.comma: single(.comma)
        case Byte.question: single(.question)
        case Byte.colon: single(.colon)
        case Byte.plus: single(.plus)
        case Byte.minus: single(.minus)
        case Byte.star: single(.star)
        case Byte.slash: single(.slash)
        case Byte.percent: single(.percent)
        case Byte.dot:
            if byte(pos + 1) == Byte.dot && byte(pos + 2) == Byte.dot { single(.ellipsis, 3) } else { single(.dot) }
        case Byte.equal:
            switch byte(pos + 1) {
            case Byte.equal: single(.equalEqual, 2)
            case Byte.greater: single(.fatArrow, 2)
            default: single(.equal)
            }
        case Byte.bang:
            if byte(pos + 1) == Byte.equal { single(.notEqual, 2) } else { single(.bang) }
        case Byte.greater:
            if byte(pos + 1) == Byte.equal { single(.greaterEqual, 2) } else { single(.greater) }
        case Byte.less:
            if byte(pos + 1) == Byte.less { return scanHeredocOpen(start: start, line: startLine, column: startColumn) }
            if byte(pos + 1) == Byte.equal { single(.lessEqual, 2) } else { single(.less) }
        case Byte.ampersand:
            guard byte(pos + 1) == Byte.ampersand else { return fail("'&&'", "'&'") }
            single(.and, 2)
        case Byte.pipe:
            guard byte(pos + 1) == Byte.pipe else { return fail("'||'", "'|'") }
            single(.or, 2)
        default:
            return fail("a token", "unexpected character \(Lexer.describeCharacter(at: pos, in: bytes))")
        }
        return true
    }

    private mutating func scanNumber(start: Int, line startLine: Int32, column startColumn: Int32) {
        while Byte.isDigit(byte(pos)) { pos += 1 }
        // As in hclsyntax's scanner, `0.1` is one number even after a '.': `a.0.1` is not two legacy
        // indexes but an error, which the parser reports (hclsyntax/spec.md, "Index Operator").
        if byte(pos) == Byte.dot && Byte.isDigit(byte(pos + 1)) {
            pos += 1
            while Byte.isDigit(byte(pos)) { pos += 1 }
        }
        if byte(pos) | 0x20 == Byte.lowerE {
            var p = pos + 1
            if byte(p) == Byte.plus || byte(p) == Byte.minus { p += 1 }
            if Byte.isDigit(byte(p)) {
                pos = p
                while Byte.isDigit(byte(pos)) { pos += 1 }
            }
        }
        column += Int32(pos - start)
        emit(.number, start: start, line: startLine, column: startColumn)
    }

    /// `<<MARKER` or `<<-MARKER` followed directly by a newline.
    private mutating func scanHeredocOpen(start: Int, line startLine: Int32, column startColumn: Int32) -> Bool {
        var p = pos + 2
        if byte(p) == Byte.minus { p += 1 }
        let markerStart = p
        guard Byte.isIdentifierStart(byte(p)) else {
            column += Int32(p - pos)
            pos = p
            return fail("heredoc marker after '<<'", Lexer.describeByte(at: p, in: bytes))
        }
        while p < count && Byte.isIdentifierContinue(bytes[p]) { p += 1 }
        let markerEnd = p
        if byte(p) == Byte.carriageReturn { p += 1 }
        guard byte(p) == Byte.newline else {
            column += Int32(p - pos)
            pos = p
            return fail("newline after heredoc marker", Lexer.describeByte(at: p, in: bytes))
        }
        pos = p + 1
        line += 1
        column = 1
        emit(.openHeredoc, start: start, line: startLine, column: startColumn)
        modes.append(
            .heredoc(
                Heredoc(
                    markerStart: markerStart, markerEnd: markerEnd, atLineStart: true,
                    openLine: startLine, openColumn: startColumn)))
        return true
    }

    // MARK: - Templates

    /// Opens `${` / `%{` (with optional `~`) if present at `pos`; returns false if there is none.
    private mutating func scanTemplateOpener() -> Bool {
        let b = bytes[pos]
        guard (b == Byte.dollar || b == Byte.percent) && byte(pos + 1) == Byte.openBrace else { return false }
        let start = pos, startLine = line, startColumn = column
        let width = byte(pos + 2) == Byte.tilde ? 3 : 2
        pos += width
        column += Int32(width)
        emit(b == Byte.dollar ? .templateInterp : .templateControl, start: start, line: startLine, column: startColumn)
        modes.append(.normal(braces: 0, interpolation: true))
        return true
    }

    private mutating func scanQuoted(openLine: Int32, openColumn: Int32) -> Bool {
        // Built only when the string does not close: on every string it cost a fifth of the parse
        // (HCLBenchmark parse of the 10 MB benchmark inputs: 0.79x without it).
        func expected() -> String { "'\"' to close string started at \(openLine):\(openColumn)" }
        guard pos < count else { return fail(expected(), "end of file") }
        let b = bytes[pos]
        if b == Byte.newline { return fail(expected(), "newline") }
        if b == Byte.quote {
            let start = pos, startLine = line, startColumn = column
            pos += 1
            column += 1
            emit(.closeQuote, start: start, line: startLine, column: startColumn)
            modes.removeLast()
            return true
        }
        if scanTemplateOpener() { return true }

        let start = pos, startLine = line, startColumn = column
        while pos < count {
            let c = bytes[pos]
            if c == Byte.quote || c == Byte.newline { break }
            if c == Byte.backslash {
                // Skip the escaped character so `\"` does not end the string; decoding happens in the parser.
                let next = byte(pos + 1)
                pos += 1
                column += 1
                if pos < count && next != Byte.newline {
                    pos += 1
                    if Byte.startsScalar(next) { column += 1 }
                }
                continue
            }
            if c == Byte.dollar || c == Byte.percent {
                if byte(pos + 1) == c && byte(pos + 2) == Byte.openBrace {
                    pos += 3  // `$${` and `%%{` are literal text
                    column += 3
                    continue
                }
                if byte(pos + 1) == Byte.openBrace { break }
            }
            pos += 1
            if Byte.startsScalar(c) { column += 1 }
        }
        emit(.stringLiteral, start: start, line: startLine, column: startColumn)
        return true
    }

    private mutating func scanHeredoc(_ state: Heredoc) -> Bool {
        var state = state
        if state.atLineStart, closeHeredocIfPresent(state) { return true }
        guard pos < count else {
            let marker = String(decoding: UnsafeBufferPointer(rebasing: bytes[state.markerStart..<state.markerEnd]), as: UTF8.self)
            return fail("closing marker '\(HCLError.excerpt(marker))' for heredoc started at \(state.openLine):\(state.openColumn)", "end of file")
        }
        if scanTemplateOpener() {
            state.atLineStart = false
            modes[modes.count - 2] = .heredoc(state)
            return true
        }
        // One literal token per line: indented heredocs are trimmed line by line.
        let start = pos, startLine = line, startColumn = column
        while pos < count {
            let c = bytes[pos]
            if c == Byte.newline {
                advanceOne(c)
                break
            }
            if c == Byte.dollar || c == Byte.percent {
                if byte(pos + 1) == c && byte(pos + 2) == Byte.openBrace {
                    pos += 3
                    column += 3
                    continue
                }
                if byte(pos + 1) == Byte.openBrace { break }
            }
            pos += 1
            if Byte.startsScalar(c) { column += 1 }
        }
        state.atLineStart = bytes[pos - 1] == Byte.newline
        emit(.stringLiteral, start: start, line: startLine, column: startColumn)
        setTop(.heredoc(state))
        return true
    }

    /// At the start of a heredoc line: if the line is the closing marker (optionally indented), emits it and pops the mode.
    private mutating func closeHeredocIfPresent(_ state: Heredoc) -> Bool {
        var p = pos
        while byte(p) == Byte.space || byte(p) == Byte.tab { p += 1 }
        let markerLength = state.markerEnd - state.markerStart
        guard p + markerLength <= count else { return false }
        for i in 0..<markerLength where bytes[p + i] != bytes[state.markerStart + i] { return false }
        var q = p + markerLength
        let markerEnd = q
        while byte(q) == Byte.space || byte(q) == Byte.tab || byte(q) == Byte.carriageReturn { q += 1 }
        guard q >= count || bytes[q] == Byte.newline else { return false }
        let start = pos, startLine = line, startColumn = column
        column += Int32(markerEnd - pos)
        pos = markerEnd
        emit(.closeHeredoc, start: start, line: startLine, column: startColumn)
        modes.removeLast()
        return true
    }

    // MARK: - Descriptions for error messages

    /// Describes the character at `offset` for a "found ..." message.
    static func describeCharacter(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let b = bytes[offset]
        if b < 0x20 || b == 0x7F { return "control character U+\(String(b, radix: 16, uppercase: true).leftPadded(to: 4))" }
        var end = offset + 1
        while end < bytes.count && !Byte.startsScalar(bytes[end]) { end += 1 }
        return "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self) + "'"
    }

    static func describeByte(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard offset < bytes.count else { return "end of file" }
        if bytes[offset] == Byte.newline { return "newline" }
        return describeCharacter(at: offset, in: bytes)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
