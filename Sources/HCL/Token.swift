/// Kinds of lexical tokens in HCL native syntax.
enum TokenKind: UInt8, Sendable {
    case identifier, number
    case openBrace, closeBrace, openBracket, closeBracket, openParen, closeParen
    case dot, comma, equal, colon, question, fatArrow, ellipsis
    case plus, minus, star, slash, percent, bang
    case equalEqual, notEqual, less, greater, lessEqual, greaterEqual, and, or
    case newline
    /// `"` opening a quoted template.
    case openQuote
    /// `"` closing a quoted template.
    case closeQuote
    /// Literal text inside a quoted template or heredoc (raw, escapes not yet decoded).
    case stringLiteral
    /// `<<MARKER` or `<<-MARKER` plus the newline ending that line.
    case openHeredoc
    /// The closing heredoc marker line (leading whitespace and marker, not the newline).
    case closeHeredoc
    /// `${` or `${~`.
    case templateInterp
    /// `%{` or `%{~`.
    case templateControl
    /// `}` or `~}` ending an interpolation or directive.
    case templateSeqEnd
    /// A lexical error; the lexer stops here and reports the details separately.
    case invalid
    case endOfFile
    /// The end of one chunk of tokens, right after a newline that ends a top-level item (see
    /// `Lexer.nextChunk`): the parser, between two top-level items there, takes the next chunk.
    case endOfChunk
}

/// One token: 20 bytes, so the token array of a 10 MB file stays near 40 MB. Positions are `Int32`;
/// where the token ends (line and column) is not stored but counted from its bytes when a range needs
/// it (`end(in:)`), which costs a few bytes' scan for all but string literals.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int32
    var end: Int32
    var line: Int32
    var column: Int32

    var length: Int { Int(end - start) }

    /// The line and column just past the token's last character.
    func end(in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int32, column: Int32) {
        // A token lies in a file under 2 GiB (checked before lexing), so its end fits 32 bits.
        let (line, column) = Byte.lineAndColumn(after: Int(start)..<Int(end), in: bytes, from: (Int(line), Int(column)))
        return (Int32(line), Int32(column))
    }
}

/// ASCII byte constants, so the lexer can switch on raw UTF-8 bytes.
enum Byte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let dollar: UInt8 = 0x24
    static let percent: UInt8 = 0x25
    static let ampersand: UInt8 = 0x26
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let less: UInt8 = 0x3C
    static let equal: UInt8 = 0x3D
    static let greater: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let upperE: UInt8 = 0x45
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let lowerA: UInt8 = 0x61
    static let lowerE: UInt8 = 0x65
    static let lowerZ: UInt8 = 0x7A
    static let openBrace: UInt8 = 0x7B
    static let pipe: UInt8 = 0x7C
    static let closeBrace: UInt8 = 0x7D
    static let tilde: UInt8 = 0x7E

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }

    /// HCL identifiers start with a letter or underscore; non-ASCII bytes are accepted as letters.
    @inline(__always) static func isIdentifierStart(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return (lower >= lowerA && lower <= lowerZ) || b == underscore || b >= 0x80
    }

    /// HCL identifiers continue with letters, digits, underscores and dashes.
    @inline(__always) static func isIdentifierContinue(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || isDigit(b) || b == minus
    }

    /// True for bytes that start a Unicode scalar (i.e. not UTF-8 continuation bytes); used to count columns.
    @inline(__always) static func startsScalar(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

    /// The line and column reached from `start` (at the first byte of `range`) past the last byte of
    /// `range`: a newline starts a line, and each scalar moves one column.
    static func lineAndColumn(after range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, from start: (line: Int, column: Int)) -> (line: Int, column: Int) {
        var (line, column) = start
        for i in range {
            let b = bytes[i]
            if b == newline {
                line += 1
                column = 1
            } else if startsScalar(b) {
                column += 1
            }
        }
        return (line, column)
    }
}
