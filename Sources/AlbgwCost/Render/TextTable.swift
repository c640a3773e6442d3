import Foundation

/// Aligns rows into columns separated by two spaces; numbers are right-aligned.
package struct TextTable {
    package enum Alignment { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []
    /// Columns whose cells never wrap (file:line:column positions, which editors and terminals open
    /// as written): fitting the table to a width leaves them whole.
    package var unbreakable: Set<Int> = []

    package init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    package mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines, each indented by `indent` and without trailing spaces.
    /// Widths are counted in characters. Built as bytes in one buffer, without a string per cell.
    package func render(indent: String = "") -> String {
        var out: [UInt8] = []
        write(indent: indent, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The lines of `render(indent:)` onto the end of `out`. `cellWidths`: the columns of each cell,
    /// headers first, when the caller has counted them. (A table fitted to a width, its headers
    /// perhaps wrapped onto several lines, is written by `write(indent:width:marked:into:)`.)
    func write(indent: String, cellWidths: [[Int]]? = nil, into out: inout [UInt8]) {
        let counts = cellWidths ?? ([headers.map { Self.width($0) }] + rows.map { $0.map { Self.width($0) } })
        var widths = counts[0]
        for row in counts.dropFirst() {
            for column in widths.indices { widths[column] = max(widths[column], row[column]) }
        }
        let lines = LineWriter(indent: indent, widths: widths, alignments: alignments, mark: [], dropEmpty: false, lines: rows.count + 2, into: &out)
        for rowIndex in 0...rows.count {
            let row = rowIndex == 0 ? headers : rows[rowIndex - 1]
            let rowCounts = counts[rowIndex]
            lines.line({ row[$0] }, widths: { rowCounts[$0] }, into: &out)
            if rowIndex == 0 { lines.rule(into: &out) }
        }
    }

    /// Writes a table's lines once its columns' widths are known: each line's cells padded to their
    /// columns (two spaces between columns, none after the last), after `mark` and `indent`.
    struct LineWriter {
        let indent: [UInt8]
        let widths: [Int]
        let alignments: [Alignment]
        let mark: [UInt8]
        let dropEmpty: Bool

        /// Reserves room for about `lines` lines in `out`, grown as appending grows it: reserved
        /// exactly, a buffer that many tables are written into would be copied at each.
        init(indent: String, widths: [Int], alignments: [Alignment], mark: [UInt8], dropEmpty: Bool, lines: Int, into out: inout [UInt8]) {
            self.indent = Array(indent.utf8)
            self.widths = widths
            self.alignments = alignments
            self.mark = mark
            self.dropEmpty = dropEmpty
            let needed = out.count + (mark.count + self.indent.count + widths.reduce(0, +) + 2 * widths.count + 1) * lines
            if out.capacity < needed { out.reserveCapacity(max(needed, 2 * out.capacity)) }
        }

        /// A line of `cell(column)`, each `width(column)` columns wide; left out when `dropEmpty` and
        /// nothing is on it.
        func line(_ cell: (Int) -> String, widths count: (Int) -> Int, into out: inout [UInt8]) {
            out += mark
            let start = out.count
            out += indent
            // Empty cells at the end (a wrapped cell's later lines beside cells that fit) are left out
            // when the cell before them ends in ASCII: their padding would only be trimmed off again.
            // After other text it stays, as trimming leaves it: a space after a prepended mark (U+0600)
            // is one character with it, not a space to trim.
            var last = widths.count - 1
            while last > 0 && cell(last).isEmpty { last -= 1 }
            if last < widths.count - 1, let byte = cell(last).utf8.last, byte >= 0x80 { last = widths.count - 1 }
            // Cells and padding copied as bytes: appending a string's UTF-8 view or a repeated element
            // goes element by element, and a table of a thousand designs has tens of thousands of cells.
            for column in 0..<(last + 1) {
                if column > 0 { Self.pad(2, with: UInt8(ascii: " "), into: &out) }
                let padding = widths[column] - count(column)
                if alignments[column] == .right { Self.pad(padding, with: UInt8(ascii: " "), into: &out) }
                cell(column).withUTF8Bytes { out.append(contentsOf: $0) }
                // The last column's padding would only be trimmed off again.
                if alignments[column] == .left && column < last { Self.pad(padding, with: UInt8(ascii: " "), into: &out) }
            }
            TextTable.trimTrailingSpaces(&out, from: start)
            if dropEmpty && out.count == start {
                out.removeLast(mark.count)
            } else {
                out.append(UInt8(ascii: "\n"))
            }
        }

        /// The rule under the headers: a run of dashes as wide as each column.
        func rule(into out: inout [UInt8]) {
            out += mark
            out += indent
            for (column, width) in widths.enumerated() {
                if column > 0 { Self.pad(2, with: UInt8(ascii: " "), into: &out) }
                Self.pad(width, with: UInt8(ascii: "-"), into: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }

        private static func pad(_ count: Int, with byte: UInt8, into out: inout [UInt8]) {
            guard count > 0 else { return }
            (byte == UInt8(ascii: " ") ? TextTable.spaces : TextTable.dashes).withUnsafeBufferPointer { run in
                var left = count
                while left > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: run[..<min(left, run.count)]))
                    left -= run.count
                }
            }
        }
    }

    fileprivate static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
    fileprivate static let dashes = [UInt8](repeating: UInt8(ascii: "-"), count: 64)

    /// Whether a header or a cell holds a line end: its table's lines are not all its own then, and
    /// only `TextWrap.lines` gives them as printed.
    var hasLineEnd: Bool {
        func holdsOne(_ text: String) -> Bool {
            text.withUTF8Bytes { bytes in bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\n")), bytes.count) != nil } ?? false }
        }
        return headers.contains(where: holdsOne) || rows.contains { $0.contains(where: holdsOne) }
    }

    /// Columns of `text`: its byte count when it is plain (ASCII without a carriage return; CR LF is
    /// one character), else `columns(_:)`.
    static func width(_ text: some StringProtocol) -> Int { isPlain(text) ? text.utf8.count : columns(text) }

    /// Columns a terminal gives `text`: two for each East Asian wide or fullwidth character (CJK,
    /// kana, Hangul, fullwidth forms) and each emoji shown as a picture, one for any other character.
    static func columns(_ text: some StringProtocol) -> Int { text.reduce(0) { $0 + columns($1) } }

    static func columns(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        switch scalars.first!.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        // Emoji that Unicode shows as pictures by default (East Asian Width W): pictographs, faces,
        // transport, supplemental symbols, flags (a pair of regional indicators is one character),
        // and the older symbols among them (watch, hourglass, umbrella, zodiac, check mark...).
        case 0x1F1E6...0x1F1FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
            0x231A...0x231B, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
            0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
            0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55:
            return 2
        default:
            // A text symbol asked to show as a picture (U+FE0F, as in ❤️) takes two columns too.
            return scalars.contains("\u{FE0F}") ? 2 : 1
        }
    }

    /// The longest start of `text` within `width` columns; at least one character, so that cutting
    /// a long word always moves on.
    static func prefix(_ text: Substring, columns width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + columns(text[index])
            if next > width && index > text.startIndex { break }
            used = next
            end = text.index(after: index)
            if used >= width { break }
        }
        return text[..<end]
    }

    /// Drops the spaces that end the line starting at `start` (its indent too, when nothing else is
    /// left). Characters, not bytes, when the line is not ASCII: a space can end a longer character.
    fileprivate static func trimTrailingSpaces(_ out: inout [UInt8], from start: Int) {
        // Most lines end in something else: nothing to read then.
        guard out.count > start, out.last == UInt8(ascii: " ") else { return }
        // Whether the line is ASCII, read over its bytes without a branch per byte.
        let ascii = out.withUnsafeBufferPointer { buffer in buffer[start...].reduce(0, |) < 0x80 }
        if ascii {
            while out.count > start && out.last == UInt8(ascii: " ") { out.removeLast() }
            return
        }
        var line = String(decoding: out[start...], as: UTF8.self)
        while line.hasSuffix(" ") { line.removeLast() }
        out.removeSubrange(start...)
        out += line.utf8
    }
}
