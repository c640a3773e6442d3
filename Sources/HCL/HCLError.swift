import Foundation

/// A syntax error: where it happened, what the parser expected and what it found instead.
///
/// Its description is always one line: `FILE:LINE:COLUMN: expected X, found Y`.
public struct HCLError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Where the problem was detected.
    public var position: SourcePosition
    /// What would have been valid here, e.g. `'=' or '{'`.
    public var expected: String
    /// What was actually there, e.g. `newline` or `end of file`.
    public var found: String

    /// Creates an error; newlines in the texts are flattened so the description stays on one line.
    public init(position: SourcePosition, expected: String, found: String) {
        self.position = position
        self.expected = HCLError.oneLine(expected)
        self.found = HCLError.oneLine(found)
    }

    /// Path of the file containing the error.
    public var file: String { position.file }
    /// 1-based line of the error.
    public var line: Int { position.line }
    /// 1-based column of the error.
    public var column: Int { position.column }

    /// `FILE:LINE:COLUMN: expected X, found Y`.
    public var description: String { "\(position): expected \(expected), found \(found)" }

    /// Same as `description`, so `localizedDescription` is useful too.
    public var errorDescription: String? { description }

    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline }) else { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }
}
