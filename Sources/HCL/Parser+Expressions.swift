import Foundation

extension Parser {
    /// Expression := Conditional (lowest precedence).
    @inline(never)
    mutating func parseExpression() throws -> HCLExpression {
        let first = peek()
        try enter(at: first)
        defer { depth -= 1 }
        let start = startLocation(first)
        let condition = try parseBinary(minimumPrecedence: 1)
        guard peek().kind == .question else { return condition }
        advance()
        skipNewlines()  // an expression cannot end at `?`, so a line break here is harmless
        let trueResult = try parseExpression()
        try expect(.colon, "':' in conditional expression")
        skipNewlines()
        let falseResult = try parseExpression()
        if skim != nil { return Parser.skimmed }
        return HCLExpression(
            .conditional(condition: condition, trueResult: trueResult, falseResult: falseResult),
            range: range(from: start))
    }

    private static func binaryOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .or: return .or
        case .and: return .and
        case .equalEqual: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterOrEqual
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        default: return nil
        }
    }

    /// Precedence climbing. A run of operators of one precedence level (`a + b - c + ...`) is built in a
    /// loop into a left-nested tree and does not count as nesting, so chains of any length are read; walkers
    /// follow such chains with `operatorChain()` in a loop too. Only a right operand (which holds the
    /// tighter-binding operators, as in `a + b * c`) is a level deeper, because walkers recurse into it.
    @inline(never)
    private mutating func parseBinary(minimumPrecedence: Int) throws -> HCLExpression {
        var left = try parseUnary()
        while true {
            let token = peek()
            guard let op = Parser.binaryOperator(token.kind), op.precedence >= minimumPrecedence else { return left }
            advance()
            skipNewlines()
            try enter(at: token)
            let right = try parseBinary(minimumPrecedence: op.precedence + 1)
            depth -= 1
            if skim == nil { left = HCLExpression(.binary(op, left, right), range: left.range.union(right.range)) }
        }
    }

    @inline(never)
    private mutating func parseUnary() throws -> HCLExpression {
        let token = peek()
        let op: UnaryOperator
        switch token.kind {
        case .minus: op = .negate
        case .bang: op = .not
        default: return try parsePostfix()
        }
        advance()
        try enter(at: token)
        defer { depth -= 1 }
        let operand = try parseUnary()
        if skim != nil { return Parser.skimmed }
        return HCLExpression(.unary(op, operand), range: range(from: startLocation(token)))
    }

    /// A primary expression followed by `.attr`, `.0`, `.*`, `[index]` and `[*]` steps, read in a loop.
    ///
    /// Each splat counts as one level of nesting until the end of the traversal: evaluating a splat
    /// applies all later steps to every element (one level of recursion), and splatting a non-list wraps
    /// it in a list, so unbounded splats would give unbounded recursion and value depth. Other steps are free.
    @inline(never)
    private mutating func parsePostfix() throws -> HCLExpression {
        // Skimming: the place of the reference a name not bound by a `for` starts (`skimRoot`), and
        // whether the static steps go on.
        var slot: Int?
        var open = false
        if skim != nil {
            let first = peek()
            let before = index
            let base = try parsePrimary()
            if index == before + 1, first.kind == .identifier, !isKeyword(first, "true"), !isKeyword(first, "false"), !isKeyword(first, "null") {
                slot = skimRoot(name(first))
                open = slot != nil
            }
            return try parseSteps(base, slot: slot, open: &open)
        }
        return try parseSteps(try parsePrimary(), slot: nil, open: &open)
    }

    /// The steps after `base`; while skimming, those of the reference at `slot` as they are read.
    @inline(never)
    private mutating func parseSteps(_ base: HCLExpression, slot: Int?, open: inout Bool) throws -> HCLExpression {
        var steps: [TraversalStep] = []
        let savedDepth = depth
        defer { depth = savedDepth }
        // After `.*`, further `.name` / `.0` steps belong to that splat; another `.*` there is an error.
        var inAttributeSplat = false
        while true {
            let token = peek()
            if token.kind == .dot {
                advance()
                let next = peek()
                switch next.kind {
                case .identifier:
                    advance()
                    if skim == nil {
                        steps.append(.attribute(name(next)))
                    } else if open {
                        skimSteps.append(.attribute(name(next)))
                    }
                case .number:
                    guard let index = Int(text(next)) else { throw legacyIndexError(next) }
                    advance()
                    if skim == nil {
                        steps.append(.legacyIndex(index))
                    } else if open {
                        skimSteps.append(.index(.number(Decimal(index))))
                    }
                case .star:
                    // hclsyntax (parser.go) rejects this as "Nested splat expression not allowed".
                    if inAttributeSplat { throw failure("attribute name after '.' (a '.*' splat cannot hold another '.*')", at: next) }
                    try enter(at: next)
                    advance()
                    if skim == nil { steps.append(.attributeSplat) }
                    inAttributeSplat = true
                    open = false
                default:
                    throw failure("attribute name, index or '*' after '.'", at: next)
                }
            } else if token.kind == .openBracket {
                advance()
                inAttributeSplat = false
                let saved = ignoreNewlines
                ignoreNewlines = true
                if peek().kind == .star {
                    try enter(at: token)
                    advance()
                    try expect(.closeBracket, "']' after '[*'")
                    if skim == nil { steps.append(.fullSplat) }
                    open = false
                } else if skim != nil {
                    // Read as a tree: what it makes of the steps depends on what it is.
                    var state: SkimState?
                    swap(&state, &skim)
                    let key = try parseExpression()
                    swap(&state, &skim)
                    try expect(.closeBracket, "']' to close index")
                    open = try skimIndex(key, extending: open)
                } else {
                    let key = try parseExpression()
                    try expect(.closeBracket, "']' to close index")
                    steps.append(.index(key))
                }
                ignoreNewlines = saved
            } else {
                break
            }
        }
        if skim != nil {
            if let slot { skimEnd(slot) }
            return Parser.skimmed
        }
        guard !steps.isEmpty else { return base }
        return HCLExpression(.traversal(base: base, steps: steps.compacted()), range: range(from: base.range.start))
    }

    /// `a.0.1` lexes as `a`, `.`, `0.1`: the spec says chained legacy indexes are invalid for that reason
    /// (hclsyntax/spec.md, "Index Operator"), and hclsyntax reports "Invalid legacy index syntax".
    @inline(never)
    private func legacyIndexError(_ token: Token) -> HCLError {
        let literal = text(token)
        guard let dot = literal.firstIndex(of: "."), !literal.contains(where: { $0 == "e" || $0 == "E" }) else {
            return failure("integer index after '.'", at: token)
        }
        let first = HCLError.excerpt(literal[..<dot]), second = HCLError.excerpt(literal[literal.index(after: dot)...])
        return failure("a single legacy index after '.' (chaining them is not permitted; write [\(first)][\(second)])", at: token)
    }

    @inline(never)
    private mutating func parsePrimary() throws -> HCLExpression {
        let token = peek()
        let start = startLocation(token)
        switch token.kind {
        case .number:
            advance()
            let literal = try numberLiteral(token)
            if skim != nil { return Parser.skimmed }
            return HCLExpression(.number(literal), range: range(token))
        case .identifier:
            advance()
            if skim != nil, tokens[index].kind != .openParen, tokens[index].kind != .colon { return Parser.skimmed }
            if isKeyword(token, "true") { return HCLExpression(.bool(true), range: range(token)) }
            if isKeyword(token, "false") { return HCLExpression(.bool(false), range: range(token)) }
            if isKeyword(token, "null") { return HCLExpression(.null, range: range(token)) }
            if tokens[index].kind == .openParen {
                return try parseCall(name: name(token), start: start)
            }
            if let name = try parseNamespacedFunctionName(first: token) {
                return try parseCall(name: name, start: start)
            }
            if skim != nil { return Parser.skimmed }
            return HCLExpression(.variable(name(token)), range: range(token))
        case .openQuote:
            return try parseQuotedTemplate()
        case .openHeredoc:
            return try parseHeredoc()
        case .openBracket:
            return try parseTuple()
        case .openBrace:
            return try parseObject()
        case .openParen:
            advance()
            let saved = ignoreNewlines
            ignoreNewlines = true
            let inner = try parseExpression()
            try expectClosing(.closeParen, "')' to close '('", opener: token)
            ignoreNewlines = saved
            if skim != nil { return Parser.skimmed }
            return HCLExpression(.parenthesized(inner), range: range(from: start))
        default:
            throw failure("expression", at: token)
        }
    }

    @inline(never)
    private func numberLiteral(_ token: Token) throws -> NumberLiteral {
        let literal = text(token)
        // Short integers are the common case and much cheaper than Decimal(string:).
        if literal.utf8.count <= 18, let integer = Int64(literal) {
            return NumberLiteral(value: Decimal(integer), text: literal)
        }
        guard let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw failure("number within the supported range", at: token)
        }
        return NumberLiteral(value: value, text: literal)
    }

    /// `provider::aws::arn_parse(` — a namespaced function name; nil (consuming nothing) if this is not one.
    @inline(never)
    private mutating func parseNamespacedFunctionName(first: Token) throws -> String? {
        var i = index
        var name = text(first)
        var previousEnd = first.end
        while i + 2 < tokens.count, tokens[i].kind == .colon, tokens[i + 1].kind == .colon,
            tokens[i].start == previousEnd, tokens[i + 1].start == tokens[i].end,
            tokens[i + 2].kind == .identifier, tokens[i + 2].start == tokens[i + 1].end
        {
            name += "::" + text(tokens[i + 2])
            previousEnd = tokens[i + 2].end
            i += 3
        }
        guard i != index, tokens[i].kind == .openParen else { return nil }
        index = i
        last = tokens[i - 1]
        return name
    }

    @inline(never)
    private mutating func parseCall(name: String, start: SourcePoint) throws -> HCLExpression {
        let open = advance()  // (
        let saved = ignoreNewlines
        ignoreNewlines = true
        var arguments: [HCLExpression] = []
        var expands = false
        while true {
            let token = peek()
            if token.kind == .closeParen { break }
            if token.kind == .endOfFile || token.kind == .invalid {
                throw unclosed("')' to close call to " + HCLError.excerpt(name), opener: open, at: token)
            }
            let argument = try parseExpression()
            if skim == nil { arguments.append(argument) }
            let after = peek()
            if after.kind == .ellipsis {
                advance()
                expands = true
                if peek().kind == .comma { advance() }
                let close = peek()
                guard close.kind == .closeParen else { throw failure("')' after expanded argument '...'", at: close) }
                break
            }
            if after.kind == .comma {
                advance()
                continue
            }
            if after.kind == .endOfFile || after.kind == .invalid {
                throw unclosed("')' to close call to " + HCLError.excerpt(name), opener: open, at: after)
            }
            if after.kind != .closeParen { throw failure("',' or ')' in call to " + HCLError.excerpt(name), at: after) }
        }
        advance()  // )
        ignoreNewlines = saved
        if skim != nil { return Parser.skimmed }
        let call = FunctionCall(name: name, arguments: arguments, expandsFinalArgument: expands)
        return HCLExpression(.functionCall(call), range: range(from: start))
    }

    /// After `[` or `{` (newlines ignored): `for` followed by an identifier starts a for expression.
    private mutating func atForExpression() -> Bool {
        let token = peek()
        guard isKeyword(token, "for") else { return false }
        var i = index + 1
        while tokens[i].kind == .newline { i += 1 }
        return tokens[i].kind == .identifier
    }

    @inline(never)
    private mutating func parseTuple() throws -> HCLExpression {
        let open = advance()
        let start = startLocation(open)
        let saved = ignoreNewlines
        ignoreNewlines = true
        defer { ignoreNewlines = saved }
        if atForExpression() { return try parseFor(open: open, producesObject: false) }
        var elements: [HCLExpression] = []
        var skimmedElements: [SkimmedExpression] = []
        while true {
            let token = peek()
            if token.kind == .closeBracket { break }
            if token.kind == .endOfFile || token.kind == .invalid {
                throw unclosed("']' to close '['", opener: open, at: token)
            }
            if skim != nil {
                let references = skim!.references.entries.count
                _ = try parseExpression()
                skimmedElements.append(skimmedExpression(from: token, references: references))
            } else {
                elements.append(try parseExpression())
            }
            let after = peek()
            if after.kind == .comma {
                advance()
            } else if after.kind == .endOfFile || after.kind == .invalid {
                throw unclosed("']' to close '['", opener: open, at: after)
            } else if after.kind != .closeBracket {
                throw failure("',' or ']' in tuple", at: after)
            }
        }
        advance()  // ]
        if skim != nil {
            skim!.lastTuple = (open.start, last.end, skimmedElements)
            return Parser.skimmed
        }
        return HCLExpression(.tuple(elements), range: range(from: start))
    }

    @inline(never)
    private mutating func parseObject() throws -> HCLExpression {
        let open = advance()
        let start = startLocation(open)
        let saved = ignoreNewlines
        defer { ignoreNewlines = saved }
        ignoreNewlines = true
        if atForExpression() { return try parseFor(open: open, producesObject: true) }
        // Inside an object constructor newlines separate items again.
        ignoreNewlines = false
        var items: [ObjectItem] = []
        while true {
            skipNewlines()
            let token = tokens[index]
            if token.kind == .closeBrace { break }
            if token.kind == .endOfFile || token.kind == .invalid {
                throw unclosed("'}' to close object opened", opener: open, at: token)
            }
            let itemStart = startLocation(token)
            let key: ObjectKey
            let next = tokens[index + 1].kind
            if token.kind == .identifier && (next == .equal || next == .colon) {
                advance()
                key = skim == nil ? .name(name(token)) : .name("")
            } else {
                key = .expression(try parseExpression())
            }
            let separator = tokens[index]
            guard separator.kind == .equal || separator.kind == .colon else {
                throw failure("'=' or ':' after object key", at: separator)
            }
            advance()
            let value = try parseExpression()
            if skim == nil { items.append(ObjectItem(key: key, value: value, usesColon: separator.kind == .colon, range: range(from: itemStart))) }
            let after = tokens[index]
            switch after.kind {
            case .comma, .newline: index += 1
            case .closeBrace: break
            default: throw failure("',', newline or '}' after object item", at: after)
            }
        }
        advance()  // }
        if skim != nil { return Parser.skimmed }
        return HCLExpression(.object(items), range: range(from: start))
    }

    /// `for k, v in collection : value if cond` (tuple) or `... : key => value... if cond` (object), then the closing bracket.
    @inline(never)
    private mutating func parseFor(open: Token, producesObject: Bool) throws -> HCLExpression {
        let start = startLocation(open)
        advance()  // for
        let first = try expectIdentifier("iteration variable name after 'for'")
        var keyVariable: String?
        var valueVariable = first
        if peek().kind == .comma {
            advance()
            keyVariable = first
            valueVariable = try expectIdentifier("second iteration variable name")
        }
        try expectKeyword("in")
        let collection = try parseExpression()
        try expect(.colon, "':' after for collection")
        let outside = skim?.bound
        if skim != nil {
            skim!.bound.insert(valueVariable)
            if let keyVariable { skim!.bound.insert(keyVariable) }
        }
        var keyExpression: HCLExpression?
        var valueExpression = try parseExpression()
        var grouping = false
        if producesObject {
            try expect(.fatArrow, "'=>' in object for expression")
            keyExpression = valueExpression
            valueExpression = try parseExpression()
            if peek().kind == .ellipsis {
                advance()
                grouping = true
            }
        }
        var condition: HCLExpression?
        if isKeyword(peek(), "if") {
            advance()
            condition = try parseExpression()
        }
        if producesObject {
            try expectClosing(.closeBrace, "'}' to close for expression opened", opener: open)
        } else {
            try expectClosing(.closeBracket, "']' to close for expression opened", opener: open)
        }
        if let outside {
            skim!.bound = outside
            return Parser.skimmed
        }
        let forExpression = ForExpression(
            keyVariable: keyVariable, valueVariable: valueVariable, collection: collection,
            keyExpression: keyExpression, valueExpression: valueExpression,
            condition: condition, grouping: grouping)
        return HCLExpression(.forExpression(forExpression), range: range(from: start))
    }
}
