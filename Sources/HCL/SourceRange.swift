/// A point in a source file: 1-based line, 1-based column (counted in Unicode scalars) and 0-based UTF-8 byte offset.
///
/// Stored as 32-bit numbers (files are under 2 GiB): every node of a syntax tree carries two of
/// these, and on a 10 MB configuration the narrower fields save tens of megabytes.
public struct SourcePoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var storedLine: Int32
    private var storedColumn: Int32
    private var storedOffset: Int32

    /// 1-based line number.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    /// 1-based column, counted in Unicode scalars.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }
    /// 0-based UTF-8 byte offset from the start of the file.
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }

    /// Creates a location.
    public init(line: Int, column: Int, offset: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedOffset = Int32(clamping: offset)
    }

    /// Orders locations by byte offset.
    public static func < (lhs: SourcePoint, rhs: SourcePoint) -> Bool { lhs.storedOffset < rhs.storedOffset }

    /// `LINE:COLUMN`.
    public var description: String { "\(line):\(column)" }
}

/// Where a syntax node starts: file, line and column.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// Path of the file, as given to the parser.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a position.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A half-open span of source text (`start` inclusive, `end` exclusive) in one file.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// Path of the file, as given to the parser.
    public var file: String
    /// First character of the span.
    public var start: SourcePoint
    /// Just past the last character of the span.
    public var end: SourcePoint

    /// Creates a range.
    public init(file: String, start: SourcePoint, end: SourcePoint) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// The position where the span begins.
    public var position: SourcePosition { SourcePosition(file: file, line: start.line, column: start.column) }

    /// A range covering both `self` and `other` (which must be in the same file).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// `FILE:LINE:COLUMN-LINE:COLUMN`.
    public var description: String { "\(file):\(start)-\(end)" }
}
