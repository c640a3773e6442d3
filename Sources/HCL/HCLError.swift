import Foundation

/// A syntax error: where it happened, what the parser expected and what it found instead.
///
/// Its description is always one line: `FILE:LINE:COLUMN: expected X, found Y`. Whatever the input,
/// control and line-breaking characters are escaped and echoed input is cut short (see `excerpt`).
public struct HCLError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Where the problem was detected.
    public var position: SourcePosition
    /// What would have been valid here, e.g. `'=' or '{'`.
    public var expected: String
    /// What was actually there, e.g. `newline` or `end of file`.
    public var found: String

    /// Creates an error; control characters in the texts are escaped and over-long texts cut, so the
    /// description stays one short line even if a caller forgets to shorten echoed input.
    public init(position: SourcePosition, expected: String, found: String) {
        self.position = position
        self.expected = HCLError.excerpt(expected, limit: HCLError.partLimit)
        self.found = HCLError.excerpt(found, limit: HCLError.partLimit)
    }

    /// Path of the file containing the error.
    public var file: String { position.file }
    /// 1-based line of the error.
    public var line: Int { position.line }
    /// 1-based column of the error.
    public var column: Int { position.column }

    /// `FILE:LINE:COLUMN: expected X, found Y`.
    public var description: String {
        // The path comes from the caller, not the file, so it is escaped but never shortened.
        "\(HCLError.excerpt(file, limit: .max)):\(line):\(column): expected \(expected), found \(found)"
    }

    /// Same as `description`, so `localizedDescription` is useful too.
    public var errorDescription: String? { description }

    /// How much of the input a message echoes (an identifier, a heredoc marker, a function name...).
    package static let echoLimit = 60
    /// Cap on `expected` and `found` as a whole: generous, because they are mostly our own words.
    static let partLimit = 300

    /// `text` made fit for a one-line message: control characters (C0, DEL, C1), line and paragraph
    /// separators and bidirectional controls are escaped (`\n`, `\t`, `\u{1B}`), and the result is cut
    /// to at most `limit` characters followed by `…`. Counted in Unicode scalars, so one enormous
    /// grapheme cluster (a letter with a million combining marks) is cut too.
    package static func excerpt(_ text: some StringProtocol, limit: Int = echoLimit) -> String {
        var out = String.UnicodeScalarView()
        var length = 0
        for scalar in text.unicodeScalars {
            let escaped = escape(scalar)
            let width = escaped?.unicodeScalars.count ?? 1
            if length + width > limit {
                out.append("…")
                break
            }
            length += width
            if let escaped { out.append(contentsOf: escaped.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// The escape for a scalar that must not appear raw in a one-line message, or nil.
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00...0x1F, 0x7F...0x9F,  // C0, DEL, C1
            0x2028, 0x2029,  // line and paragraph separators
            0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:  // bidirectional controls
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default:
            return nil
        }
    }
}
