import Foundation

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
///
/// The file is kept as a number (`SourcePaths`), not as its path: every node of a syntax tree carries
/// a range or two, and a path would add 16 bytes and a reference count to each (tens of megabytes and
/// a retain per copy on a 10 MB configuration).
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// Which file, as numbered by `SourcePaths`.
    private(set) var fileNumber: UInt32
    /// First character of the span.
    public var start: SourcePoint
    /// Just past the last character of the span.
    public var end: SourcePoint

    /// Creates a range.
    public init(file: String, start: SourcePoint, end: SourcePoint) {
        self.init(fileNumber: SourcePaths.number(of: file), start: start, end: end)
    }

    init(fileNumber: UInt32, start: SourcePoint, end: SourcePoint) {
        self.fileNumber = fileNumber
        self.start = start
        self.end = end
    }

    /// Path of the file, as given to the parser.
    public var file: String {
        get { SourcePaths.path(of: fileNumber) }
        set { fileNumber = SourcePaths.number(of: newValue) }
    }

    /// Whether `other` is in the same file: a comparison of two numbers, where `file` looks the path up.
    public func isInSameFile(as other: SourceRange) -> Bool { fileNumber == other.fileNumber }

    /// The position where the span begins.
    public var position: SourcePosition { SourcePosition(file: file, line: start.line, column: start.column) }

    /// A range covering both `self` and `other` (which must be in the same file).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(fileNumber: fileNumber, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// `FILE:LINE:COLUMN-LINE:COLUMN`.
    public var description: String { "\(file):\(start)-\(end)" }
}

/// The paths of the files parsed in this process, each numbered once, in the order first seen. Two
/// ranges in files of the same path carry the same number, so they compare as their paths would.
/// Paths are never forgotten: a process parses a bounded set of files.
enum SourcePaths {
    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var paths: [String] = []
        var numbers: [String: UInt32] = [:]
    }

    private static let table = Table()

    /// The number of `path`, given on first use.
    static func number(of path: String) -> UInt32 {
        table.lock.lock()
        defer { table.lock.unlock() }
        if let number = table.numbers[path] { return number }
        let number = UInt32(table.paths.count)
        table.paths.append(path)
        table.numbers[path] = number
        return number
    }

    /// The path numbered `number`.
    static func path(of number: UInt32) -> String {
        table.lock.lock()
        defer { table.lock.unlock() }
        return table.paths[Int(number)]
    }
}
