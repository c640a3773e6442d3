/// A template element before `%{ if }` / `%{ for }` directives are matched into a tree.
private enum TemplateItem {
    case literal(TemplateLiteral)
    case interpolation(TemplateInterpolation)
    case ifTag(HCLExpression, TemplateStrip, SourceRange)
    case elseTag(TemplateStrip, SourceRange)
    case endIfTag(TemplateStrip, SourceRange)
    case forTag(key: String?, value: String, collection: HCLExpression, TemplateStrip, SourceRange)
    case endForTag(TemplateStrip, SourceRange)

    var strip: TemplateStrip? {
        switch self {
        case .literal: return nil
        case .interpolation(let interpolation): return interpolation.strip
        case .ifTag(_, let strip, _), .elseTag(let strip, _), .endIfTag(let strip, _),
            .forTag(_, _, _, let strip, _), .endForTag(let strip, _):
            return strip
        }
    }

    var range: SourceRange {
        switch self {
        case .literal(let literal): return literal.range
        case .interpolation(let interpolation): return interpolation.range
        case .ifTag(_, _, let range), .elseTag(_, let range), .endIfTag(_, let range),
            .forTag(_, _, _, _, let range), .endForTag(_, let range):
            return range
        }
    }

    var tagName: String {
        switch self {
        case .literal: return "text"
        case .interpolation: return "'${'"
        case .ifTag: return "%{if}"
        case .elseTag: return "%{else}"
        case .endIfTag: return "%{endif}"
        case .forTag: return "%{for}"
        case .endForTag: return "%{endfor}"
        }
    }
}

extension Parser {
    // MARK: - Quoted templates and heredocs

    @inline(never)
    mutating func parseQuotedTemplate() throws -> HCLExpression {
        let open = advance()
        let start = startLocation(open)
        let baseDepth = depth
        var items: [TemplateItem] = []
        loop: while true {
            let token = tokens[index]
            switch token.kind {
            case .stringLiteral:
                advance()
                // An unterminated string explains a dangling `\` better than an escape error would.
                if tokens[index].kind == .invalid, let lexError { throw lexError }
                if skim != nil {
                    // Only an escape can fail.
                    if UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]).contains(Byte.backslash) { _ = try decodeQuoted(token) }
                    continue
                }
                let raw = text(token)
                items.append(.literal(TemplateLiteral(text: raw, value: try decodeQuoted(token, raw: raw), range: range(token))))
            case .templateInterp, .templateControl:
                try parseTemplateSequence(into: &items, baseDepth: baseDepth)
            case .closeQuote:
                advance()
                break loop
            default:
                throw unclosed("'\"' to close string started", opener: open, at: token)
            }
        }
        depth = baseDepth
        let templateRange = range(from: start)
        if skim != nil {
            // Only what can fail: the directives' matching.
            _ = try buildTemplate(items, end: templateRange)
            return Parser.skimmed
        }
        applyStripMarkers(&items)
        let parts = try buildTemplate(items, end: templateRange)
        return HCLExpression(.template(Template(parts: parts, style: .quoted)), range: templateRange)
    }

    @inline(never)
    mutating func parseHeredoc() throws -> HCLExpression {
        let open = advance()
        let start = startLocation(open)
        // The opening token is `<<`, an optional `-`, the marker, then `\r\n` or `\n`.
        var markerStart = Int(open.start) + 2
        let indented = bytes[markerStart] == Byte.minus
        if indented { markerStart += 1 }
        let baseDepth = depth
        var markerEnd = Int(open.end) - 1
        if bytes[markerEnd - 1] == Byte.carriageReturn { markerEnd -= 1 }
        let marker = String(decoding: UnsafeBufferPointer(rebasing: bytes[markerStart..<markerEnd]), as: UTF8.self)

        var items: [TemplateItem] = []
        loop: while true {
            let token = tokens[index]
            switch token.kind {
            case .stringLiteral:
                advance()
                // Heredoc text has no escape that can fail.
                if skim != nil { continue }
                let raw = text(token)
                items.append(.literal(TemplateLiteral(text: raw, value: try decodeHeredoc(token, raw: raw), range: range(token))))
            case .templateInterp, .templateControl:
                try parseTemplateSequence(into: &items, baseDepth: baseDepth)
            case .closeHeredoc:
                advance()
                break loop
            default:
                throw unclosed("closing marker '" + HCLError.excerpt(marker) + "' for heredoc started", opener: open, at: token)
            }
        }
        depth = baseDepth
        let templateRange = range(from: start)
        if skim != nil {
            _ = try buildTemplate(items, end: templateRange)
            return Parser.skimmed
        }
        applyStripMarkers(&items)
        if indented { removeCommonIndentation(&items) }
        let parts = try buildTemplate(items, end: templateRange)
        return HCLExpression(.template(Template(parts: parts, style: .heredoc(marker: marker, indented: indented))), range: templateRange)
    }

    /// Parses one sequence into `items`. From `%{ if }` or `%{ for }` to its `%{ endif }` / `%{ endfor }`,
    /// everything is one level deeper, so expressions inside directives are bounded together with the
    /// directives around them: tree walkers recurse through both.
    private mutating func parseTemplateSequence(into items: inout [TemplateItem], baseDepth: Int) throws {
        let token = tokens[index]
        let item = try parseTemplateSequence()
        switch item {
        case .ifTag, .forTag: try enter(at: token)
        case .endIfTag, .endForTag: if depth > baseDepth { depth -= 1 }
        case .literal, .interpolation, .elseTag: break
        }
        // Skimming, only the directives' tags are kept, to be matched: text and interpolations never
        // stop the matching, and no error names them.
        if skim != nil, case .interpolation = item { return }
        // Skimming: a `%{ for }`'s names are bound until its `%{ endfor }` (a template whose
        // directives do not match fails to parse).
        if skim != nil {
            switch item {
            case .forTag(let key, let value, _, _, _):
                skim!.boundBeforeDirectives.append(skim!.bound)
                skim!.bound.insert(value)
                if let key { skim!.bound.insert(key) }
            case .endForTag:
                if let outside = skim!.boundBeforeDirectives.popLast() { skim!.bound = outside }
            default: break
            }
        }
        items.append(item)
    }

    /// `${ expr }` or `%{ directive }`, up to and including the closing `}`.
    @inline(never)
    private mutating func parseTemplateSequence() throws -> TemplateItem {
        let open = advance()
        let start = startLocation(open)
        let stripLeft = open.length == 3
        let saved = ignoreNewlines
        ignoreNewlines = true
        defer { ignoreNewlines = saved }

        if open.kind == .templateInterp {
            let expression = try parseExpression()
            let close = try expectClosing(.templateSeqEnd, "'}' to close interpolation started", opener: open)
            let strip = TemplateStrip(left: stripLeft, right: close.length == 2)
            return .interpolation(TemplateInterpolation(expression: expression, strip: strip, range: range(from: start)))
        }

        let keyword = peek()
        var directive = Directive.endIf
        if isKeyword(keyword, "if") {
            advance()
            directive = .if(try parseExpression())
        } else if isKeyword(keyword, "else") {
            advance()
            directive = .else
        } else if isKeyword(keyword, "endif") {
            advance()
        } else if isKeyword(keyword, "for") {
            advance()
            directive = try parseForDirectiveHead()
        } else if isKeyword(keyword, "endfor") {
            advance()
            directive = .endFor
        } else {
            throw failure("'if', 'else', 'endif', 'for' or 'endfor' in template directive", at: keyword)
        }
        let close = try expectClosing(.templateSeqEnd, "'}' to close template directive started", opener: open)
        let strip = TemplateStrip(left: stripLeft, right: close.length == 2)
        let tagRange = range(from: start)
        switch directive {
        case .if(let condition): return .ifTag(condition, strip, tagRange)
        case .else: return .elseTag(strip, tagRange)
        case .endIf: return .endIfTag(strip, tagRange)
        case let .for(key, value, collection): return .forTag(key: key, value: value, collection: collection, strip, tagRange)
        case .endFor: return .endForTag(strip, tagRange)
        }
    }

    private enum Directive {
        case `if`(HCLExpression), `else`, endIf, `for`(String?, String, HCLExpression), endFor
    }

    /// `for k, v in collection` inside `%{ }`.
    @inline(never)
    private mutating func parseForDirectiveHead() throws -> Directive {
        let first = try expectIdentifier("iteration variable name after 'for'")
        var key: String?
        var value = first
        if peek().kind == .comma {
            advance()
            key = first
            value = try expectIdentifier("second iteration variable name")
        }
        try expectKeyword("in")
        return .for(key, value, try parseExpression())
    }

    // MARK: - Whitespace handling

    /// Applies `~` markers to neighbouring literal values (the written text is kept unchanged).
    @inline(never)
    private func applyStripMarkers(_ items: inout [TemplateItem]) {
        for i in items.indices {
            guard let strip = items[i].strip else { continue }
            if strip.left {
                // Heredoc text arrives one line per literal, so keep trimming while whole literals vanish.
                var j = i - 1
                while j >= 0, case .literal(var literal) = items[j] {
                    literal.value = literal.value.trimmingTrailingWhitespace()
                    items[j] = .literal(literal)
                    guard literal.value.isEmpty else { break }
                    j -= 1
                }
            }
            if strip.right {
                var j = i + 1
                while j < items.count, case .literal(var literal) = items[j] {
                    literal.value = literal.value.trimmingLeadingWhitespace()
                    items[j] = .literal(literal)
                    guard literal.value.isEmpty else { break }
                    j += 1
                }
            }
        }
    }

    /// `<<-` heredocs: removes the smallest indentation found at the start of non-blank lines
    /// (a line starting with an interpolation counts as indentation zero), as HCL does.
    @inline(never)
    private func removeCommonIndentation(_ items: inout [TemplateItem]) {
        var minimum = Int.max
        var adjust: [Int] = []
        var atLineStart = true
        for (i, item) in items.enumerated() {
            if atLineStart {
                atLineStart = false
                if case .literal(let literal) = item {
                    let spaces = literal.value.unicodeScalars.prefix { $0.properties.isWhitespace && $0 != "\n" }.count
                    let blank = spaces == literal.value.unicodeScalars.count - 1 && literal.value.hasSuffix("\n")
                    if !blank {
                        minimum = min(minimum, spaces)
                        adjust.append(i)
                    }
                } else {
                    minimum = 0
                }
            }
            if case .literal(let literal) = item, literal.value.hasSuffix("\n") { atLineStart = true }
        }
        guard minimum > 0, minimum != .max else { return }
        for i in adjust {
            guard case .literal(var literal) = items[i] else { continue }
            literal.value = String(literal.value.unicodeScalars.dropFirst(minimum))
            items[i] = .literal(literal)
        }
    }

    // MARK: - Directive matching

    @inline(never)
    private mutating func buildTemplate(_ items: [TemplateItem], end: SourceRange) throws -> [TemplatePart] {
        var i = 0
        let parts = try buildParts(items, &i, end: end)
        if i < items.count {
            throw failure("a matching %{if} or %{for}", found: items[i].tagName, at: items[i].range)
        }
        return parts
    }

    /// Collects parts until the end or an `else`/`endif`/`endfor` tag, which is left for the caller.
    @inline(never)
    private mutating func buildParts(_ items: [TemplateItem], _ i: inout Int, end: SourceRange) throws -> [TemplatePart] {
        var parts: [TemplatePart] = []
        func found(_ i: Int) -> (String, SourceRange) {
            i < items.count ? (items[i].tagName, items[i].range) : ("end of template", end)
        }
        while i < items.count {
            switch items[i] {
            case .literal(let literal):
                if case .literal(var previous)? = parts.last {
                    // Text without escapes is its own value: the two then share one string. Decoding an
                    // escape, a strip marker or heredoc indentation only ever shortens the value, so equal
                    // lengths mean equal text, told without comparing (a long heredoc joins many lines).
                    let verbatim = previous.text.utf8.count == previous.value.utf8.count && literal.text.utf8.count == literal.value.utf8.count
                    previous.text += literal.text
                    previous.value = verbatim ? previous.text : previous.value + literal.value
                    previous.range = previous.range.union(literal.range)
                    parts[parts.count - 1] = .literal(previous)
                } else {
                    parts.append(.literal(literal))
                }
                i += 1
            case .interpolation(let interpolation):
                parts.append(.interpolation(interpolation))
                i += 1
            case let .ifTag(condition, ifStrip, tagRange):
                try enter(at: tagToken(tagRange))
                i += 1
                let thenParts = try buildParts(items, &i, end: end)
                var elseParts: [TemplatePart]?
                var elseStrip: TemplateStrip?
                if i < items.count, case .elseTag(let strip, _) = items[i] {
                    i += 1
                    elseStrip = strip
                    elseParts = try buildParts(items, &i, end: end)
                }
                guard i < items.count, case let .endIfTag(endStrip, endRange) = items[i] else {
                    let (what, at) = found(i)
                    throw failure(elseStrip == nil ? "%{else} or %{endif}" : "%{endif}", found: what, at: at)
                }
                i += 1
                depth -= 1
                parts.append(
                    .ifDirective(
                        TemplateIf(
                            condition: condition, thenParts: thenParts, elseParts: elseParts,
                            ifStrip: ifStrip, elseStrip: elseStrip, endIfStrip: endStrip,
                            range: tagRange.union(endRange))))
            case let .forTag(key, value, collection, forStrip, tagRange):
                try enter(at: tagToken(tagRange))
                i += 1
                let body = try buildParts(items, &i, end: end)
                guard i < items.count, case let .endForTag(endStrip, endRange) = items[i] else {
                    let (what, at) = found(i)
                    throw failure("%{endfor}", found: what, at: at)
                }
                i += 1
                depth -= 1
                parts.append(
                    .forDirective(
                        TemplateFor(
                            keyVariable: key, valueVariable: value, collection: collection,
                            body: body, forStrip: forStrip, endForStrip: endStrip,
                            range: tagRange.union(endRange))))
            case .elseTag, .endIfTag, .endForTag:
                return parts.compacted()
            }
        }
        return parts.compacted()
    }

    /// A stand-in token so `enter` can report the directive's position.
    private func tagToken(_ range: SourceRange) -> Token {
        Token(
            kind: .templateControl, start: Int32(range.start.offset), end: Int32(range.end.offset),
            line: Int32(range.start.line), column: Int32(range.start.column))
    }

    // MARK: - Escapes

    /// Decodes a quoted-string literal: backslash escapes plus `$${` and `%%{`.
    /// `raw`, when given, is the token's text: returned as the value when nothing needs decoding, so the
    /// two share one string.
    func decodeQuoted(_ token: Token, raw: String? = nil) throws -> String {
        try decode(token, backslashEscapes: true, raw: raw)
    }

    /// Decodes heredoc text: only `$${` and `%%{` are escapes; backslashes are literal.
    func decodeHeredoc(_ token: Token, raw: String) throws -> String {
        try decode(token, backslashEscapes: false, raw: raw)
    }

    @inline(never)
    private func decode(_ token: Token, backslashEscapes: Bool, raw: String?) throws -> String {
        let start = Int(token.start), end = Int(token.end)
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Fast path: nothing to decode.
        if !slice.contains(where: { ($0 == Byte.backslash && backslashEscapes) || $0 == Byte.dollar || $0 == Byte.percent }) {
            return raw ?? String(decoding: slice, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = start
        while i < end {
            let b = bytes[i]
            if (b == Byte.dollar || b == Byte.percent) && i + 2 < end && bytes[i + 1] == b && bytes[i + 2] == Byte.openBrace {
                out.append(b)
                out.append(Byte.openBrace)
                i += 3
                continue
            }
            guard b == Byte.backslash && backslashEscapes else {
                out.append(b)
                i += 1
                continue
            }
            let escape = i + 1 < end ? bytes[i + 1] : 0
            switch escape {
            case 0x6E: out.append(Byte.newline); i += 2  // \n
            case 0x72: out.append(Byte.carriageReturn); i += 2  // \r
            case 0x74: out.append(Byte.tab); i += 2  // \t
            case Byte.quote, Byte.backslash: out.append(escape); i += 2
            case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
                let digits = escape == 0x75 ? 4 : 8
                var scalarValue: UInt32 = 0
                var valid = i + 2 + digits <= end
                if valid {
                    for k in 0..<digits {
                        guard let digit = hexValue(bytes[i + 2 + k]) else { valid = false; break }
                        scalarValue = scalarValue << 4 | UInt32(digit)
                    }
                }
                guard valid, let scalar = Unicode.Scalar(scalarValue) else {
                    throw escapeError(at: i, in: token, expected: "\(digits) hex digits of a valid Unicode scalar after '\\\(escape == 0x75 ? "u" : "U")'")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 2 + digits
            default:
                throw escapeError(at: i, in: token, expected: "escape sequence (\\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN)")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case Byte.zero...Byte.nine: return b - Byte.zero
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// An error pointing at the backslash at byte `offset` inside `token` (literals never span lines in quoted strings).
    private func escapeError(at offset: Int, in token: Token, expected: String) -> HCLError {
        var column = Int(token.column)
        for k in Int(token.start)..<offset where Byte.startsScalar(bytes[k]) { column += 1 }
        var end = offset + 2
        while end < Int(token.end) && !Byte.startsScalar(bytes[end]) { end += 1 }
        end = min(end, Int(token.end))
        let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        return HCLError(
            position: SourcePosition(file: file, line: Int(token.line), column: column),
            expected: expected, found: "'\(HCLError.excerpt(found))'")
    }
}

extension String {
    func trimmingLeadingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...])
    }

    func trimmingTrailingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[...last])
    }
}
