import Foundation

/// Text that fits a terminal: paragraphs wrapped at word boundaries with a hanging indent, and
/// tables whose widest text columns wrap inside their cells so that every row stays aligned.
package enum TextWrap {
    /// Starts each line of a table fitted to a width, so that `lines` leaves it whole (and drops the
    /// mark). A private-use character: no text of ours contains it, though text read from the code
    /// may (one right after a line end in a value is then taken for a table row's mark).
    static let tableMark: Character = "\u{E000}"
    static let tableMarkBytes = Array(String(tableMark).utf8)

    /// The terminal width when `COLUMNS` gives none.
    package static let defaultWidth = 120

    /// The width `COLUMNS` asks for (at least 40), or 120.
    package static func width(_ environment: [String: String]) -> Int {
        guard let text = environment["COLUMNS"], let columns = Int(text), columns > 0 else { return defaultWidth }
        return max(40, columns)
    }

    /// `text` (one paragraph, no line breaks of its own) in lines of at most `width` characters:
    /// the first starts with `first`, the others with `rest`. A word longer than a line is cut.
    package static func paragraph(_ text: String, width: Int, first: String = "", rest: String? = nil) -> String {
        let rest = rest ?? String(repeating: " ", count: TextTable.columns(first))
        if TextTable.isPlain(text) && TextTable.isPlain(first) && TextTable.isPlain(rest) {
            return String(decoding: plainParagraph(text, width: width, first: first, rest: rest), as: UTF8.self)
        }
        let restCount = TextTable.columns(rest)
        var out = ""
        var line = first
        var length = TextTable.columns(first)  // columns of `line`, kept rather than counted again
        var lineHasWord = false
        func finish() {
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        // Split on the bytes (a space is one byte in UTF-8): far cheaper than by characters.
        for bytes in text.utf8.split(separator: UInt8(ascii: " ")) {
            var word = Substring(bytes)
            var count = bytes.allSatisfy { $0 < 0x80 } ? bytes.count : TextTable.columns(word)
            if lineHasWord && length + 1 + count > width {
                finish()
                line = rest
                length = restCount
                lineHasWord = false
            }
            while !lineHasWord && length + count > width && width - length > 0 {
                let room = width - length
                let head = TextTable.prefix(word, columns: room)
                line += head
                finish()
                word = word[head.endIndex...]
                count -= TextTable.columns(head)
                line = rest
                length = restCount
            }
            if lineHasWord {
                line += " "
                length += 1
            }
            line += word
            length += count
            lineHasWord = true
        }
        finish()
        return out
    }

    /// The words of `text` (runs of bytes other than a space), in order. An iterator, not a closure:
    /// what a loop over them changes is checked when compiled, not on each use.
    struct Words<Bytes: RandomAccessCollection<UInt8>>: Sequence, IteratorProtocol where Bytes.Index == Int {
        private let text: Bytes
        private var start: Int

        init(_ text: Bytes) {
            self.text = text
            start = text.startIndex
        }

        mutating func next() -> Range<Int>? {
            while start < text.endIndex && text[start] == UInt8(ascii: " ") { start += 1 }
            guard start < text.endIndex else { return nil }
            var end = start
            while end < text.endIndex && text[end] != UInt8(ascii: " ") { end += 1 }
            defer { start = end }
            return start..<end
        }
    }

    /// `paragraph` of plain text (ASCII without a carriage return), in bytes: a character is a byte.
    private static func plainParagraph(_ text: String, width: Int, first: String, rest: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(first.utf8.count + text.utf8.count * 2)
        plainParagraph(Array(text.utf8), width: width, first: Array(first.utf8), rest: Array(rest.utf8), into: &out)
        return out
    }

    /// The same, from bytes and onto the end of `out`.
    private static func plainParagraph<Text: RandomAccessCollection<UInt8>>(
        _ text: Text, width: Int, first: [UInt8], rest: [UInt8], into out: inout [UInt8]
    ) where Text.Index == Int {
        if wholeLines(text, width: width, first: first, rest: rest, into: &out) { return }
        let space = UInt8(ascii: " ")
        out += first
        var lineStart = out.count - first.count
        var length = first.count
        var lineHasWord = false
        // Ends the line (without its trailing spaces) and starts the next with `rest`.
        func next(_ out: inout [UInt8], _ lineStart: inout Int) {
            while out.count > lineStart && out.last == space { out.removeLast() }
            out.append(UInt8(ascii: "\n"))
            lineStart = out.count
            out += rest
        }
        for word in Words(text) {
            var start = word.lowerBound
            let end = word.upperBound
            if lineHasWord && length + 1 + end - start > width {
                next(&out, &lineStart)
                length = rest.count
                lineHasWord = false
            }
            while !lineHasWord && length + end - start > width && width - length > 0 {
                let room = width - length
                out += text[start..<start + room]
                next(&out, &lineStart)
                length = rest.count
                start += room
            }
            if lineHasWord {
                out.append(space)
                length += 1
            }
            out += text[start..<end]
            length += end - start
            lineHasWord = true
        }
        while out.count > lineStart && out.last == space { out.removeLast() }
        out.append(UInt8(ascii: "\n"))
    }

    /// `plainParagraph` of text whose words are one space apart (none at either end) and each fit a
    /// line: each line is then a run of the text, copied whole rather than word by word (a review's
    /// findings are thousands of such lines). False, and nothing written, for any other text.
    private static func wholeLines<Text: RandomAccessCollection<UInt8>>(
        _ text: Text, width: Int, first: [UInt8], rest: [UInt8], into out: inout [UInt8]
    ) -> Bool where Text.Index == Int {
        let space = UInt8(ascii: " ")
        guard let head = text.first, head != space, text.last != space else { return false }
        let written = out.count
        out += first
        var lineStart = text.startIndex  // where the current line's text begins
        var lineEnd = lineStart  // just past its last word; equal to lineStart before its first word
        var length = first.count
        var index = text.startIndex
        while index < text.endIndex {
            var wordEnd = index
            while wordEnd < text.endIndex && text[wordEnd] != space { wordEnd += 1 }
            let count = wordEnd - index
            // Two spaces in a row, or a word wider than a line: the general way.
            guard count > 0, first.count + count <= width, rest.count + count <= width else {
                out.removeSubrange(written...)
                return false
            }
            if lineEnd > lineStart && length + 1 + count > width {
                out += text[lineStart..<lineEnd]
                out.append(UInt8(ascii: "\n"))
                out += rest
                lineStart = index
                length = rest.count + count
            } else {
                length += (lineEnd > lineStart ? 1 : 0) + count
            }
            lineEnd = wordEnd
            index = wordEnd + 1
        }
        out += text[lineStart..<lineEnd]
        out.append(UInt8(ascii: "\n"))
        return true
    }

    /// Every line of `text` wrapped at `width`; a line's continuation is indented two spaces deeper
    /// than the line itself (past `- ` for a bullet). Table rows are left as they are.
    package static func lines(_ text: String, width: Int) -> String {
        var text = text
        var wrapped = pieces(freeing: &text, width: width)
        return String(joining: &wrapped)
    }

    /// What `lines(_:width:)` joins: the wrapped lines' UTF-8 pieces in order. `text` is emptied once
    /// they are made, so that a review of a thousand designs does not hold its text beside them.
    package static func pieces(freeing text: inout String, width: Int) -> [[UInt8]] {
        let wrapped = text.withUTF8 { pieces($0, width: width) }
        text = ""
        return wrapped
    }

    private static func pieces(_ all: UnsafeBufferPointer<UInt8>, width: Int) -> [[UInt8]] {
        let newline = UInt8(ascii: "\n")
        // Lines are wrapped one by one: a long text is cut at line ends into a piece per core.
        var starts = [0]
        let pieces = all.count >= 1 << 20 ? Parallel.cores : 1
        for piece in 1..<max(1, pieces) {
            guard let end = all[max(starts.last!, all.count * piece / pieces)...].firstIndex(of: newline) else { break }
            starts.append(end + 1)
        }
        let cuts = starts + [all.count]
        // The text's bytes, read by the pieces while `pieces(freeing:width:)` holds them.
        struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }
        let shared = Shared(bytes: all)
        return Array(
            Parallel.chunks(count: cuts.count - 1, minimumChunk: 1) { range in
                range.map { wrap(shared.bytes, from: cuts[$0], to: cuts[$0 + 1], last: $0 == cuts.count - 2, width: width) }
            }.joined())
    }

    /// The lines of `all[start..<end]` wrapped at `width`; `end` follows a line end, or is the end of
    /// the text (`last`), whose final line is wrapped and ended whether or not a line end follows it.
    private static func wrap(_ all: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, last: Bool, width: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        wrap(all, from: start, to: end, last: last, width: width, into: &out)
        return out
    }

    /// Every line of `text` wrapped at `width` as `lines(_:width:)` wraps it, onto the end of `out`.
    static func appendLines(_ text: String, width: Int, into out: inout [UInt8]) {
        text.withUTF8Bytes { all in wrap(all, from: 0, to: all.count, last: true, width: width, into: &out) }
    }

    /// The same of UTF-8 bytes.
    static func appendLines(_ text: [UInt8], width: Int, into out: inout [UInt8]) {
        text.withUnsafeBufferPointer { all in wrap(all, from: 0, to: all.count, last: true, width: width, into: &out) }
    }

    private static func wrap(_ all: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, last: Bool, width: Int, into out: inout [UInt8]) {
        let mark = tableMarkBytes
        let newline = UInt8(ascii: "\n")
        var start = start
        // Each line, found by scanning the bytes (a final newline ends the last line rather than starting one).
        while start < end || (last && start == end && all.last != newline) {
            // The line's end found by memchr: a review's text is megabytes, mostly long lines.
            var lineEnd = end
            if start < end, let base = all.baseAddress, let found = memchr(base + start, Int32(newline), end - start) {
                lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            let bytes = all[start..<lineEnd]
            start = lineEnd + 1
            // Table rows were fitted by TextTable and marked: they stay whole.
            if bytes.starts(with: mark) {
                out += bytes.dropFirst(mark.count)
                out.append(UInt8(ascii: "\n"))
                continue
            }
            // Bytes bound characters from above: most lines are told short without counting.
            guard bytes.count > width else {
                out += bytes
                out.append(UInt8(ascii: "\n"))
                continue
            }
            // Plain text, the usual case, is wrapped on its bytes in place, into `out`.
            if TextTable.isPlain(bytes: bytes) {
                let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
                let bullet = bytes.dropFirst(indent).starts(with: [UInt8(ascii: "-"), UInt8(ascii: " ")])
                let lead = [UInt8](repeating: UInt8(ascii: " "), count: indent) + (bullet ? [UInt8(ascii: "-"), UInt8(ascii: " ")] : [])
                let rest = [UInt8](repeating: UInt8(ascii: " "), count: lead.count + (bullet ? 0 : 2))
                plainParagraph(bytes.dropFirst(indent + (bullet ? 2 : 0)), width: width, first: lead, rest: rest, into: &out)
                continue
            }
            guard case let line = Substring(decoding: bytes, as: UTF8.self), TextTable.width(line) > width else {
                out += bytes
                out.append(UInt8(ascii: "\n"))
                continue
            }
            let indent = String(line.prefix { $0 == " " })
            let body = line.dropFirst(indent.count)
            let lead = body.hasPrefix("- ") ? indent + "- " : indent
            let content = body.hasPrefix("- ") ? String(body.dropFirst(2)) : String(body)
            out += paragraph(content, width: width, first: lead, rest: String(repeating: " ", count: lead.count + (body.hasPrefix("- ") ? 0 : 2))).utf8
        }
    }
}

extension TextTable {
    /// The table in at most `width` columns where its columns allow it, in four steps, each taken
    /// only when the one before leaves the table too wide: the widest left-aligned columns are
    /// narrowed (not below 12 characters, their header or their longest word) and their cells wrap
    /// onto extra lines of the same row; then headers wrap at spaces and after hyphens (`design-` over
    /// `specific`), so a column of short numbers under a long header narrows to its numbers; then
    /// every column narrows to its longest word (`$723.70` over `(incomplete)`), and words of text
    /// columns break after their hyphens; last, text columns narrow to 10 characters and longer
    /// words are cut, when that makes the table fit. Numbers never break, so a table of too many
    /// numbers stays wider than `width`. Room the later steps free goes back to the columns narrowed
    /// most. Its lines are marked for `TextWrap.lines`, which every caller passes the output through.
    package func render(indent: String = "", width: Int) -> String {
        var out: [UInt8] = []
        write(indent: indent, width: width, marked: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The lines of `render(indent:width:)` onto the end of `out`: marked for `TextWrap.lines`, or
    /// unmarked, as that prints them, for a table with no line end in it (`hasLineEnd`).
    func write(indent: String, width: Int, marked: Bool, into out: inout [UInt8]) {
        assert(marked || !hasLineEnd, "a table with a line end in a cell is printed only through TextWrap.lines")
        // One pass over the rows, without a list of them per column.
        // Each cell measured once (a measure holds its width), in one pass over the rows.
        let headerMeasures = headers.map(Self.measure)
        let measures = rows.map { $0.map(Self.measure) }
        var natural = headerMeasures.map { $0.width }
        for row in measures {
            for column in natural.indices { natural[column] = max(natural[column], row[column].width) }
        }
        var widths = natural
        func total() -> Int { indent.count + widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        // A table that fits needs neither wrapping nor the mark (its lines are short enough already).
        if total() <= width {
            let counts = [headerMeasures.map { $0.width }] + measures.map { $0.map { $0.width } }
            return write(indent: indent, cellWidths: counts, into: &out)
        }
        func longest(_ column: Int, _ length: (Measure) -> Int) -> Int { measures.reduce(0) { max($0, length($1[column])) } }
        // Closures, not key paths: a key path passed as a function is projected at run time, for every cell.
        let longestCell = headers.indices.map { longest($0, { $0.width }) }
        let longestWord = headers.indices.map { longest($0, { $0.word }) }
        // Numbers, and words in right-aligned columns, never break.
        let longestPiece = headers.indices.map { alignments[$0] == .left ? longest($0, { $0.piece }) : longestWord[$0] }
        let longestHeaderPiece = headerMeasures.map { $0.piece }
        let steps: [(Int) -> Int] = [
            { column in alignments[column] == .left ? max(12, Self.width(headers[column]), longestWord[column]) : natural[column] },
            { column in alignments[column] == .left ? max(12, longestHeaderPiece[column], longestWord[column]) : max(longestHeaderPiece[column], longestCell[column]) },
            { column in max(longestHeaderPiece[column], longestPiece[column]) },
            // Last, rather than run past the width: text columns down to 10 characters, longer words cut.
            { column in max(longestHeaderPiece[column], alignments[column] == .left ? min(10, longestPiece[column]) : longestPiece[column]) },
        ]
        for (step, floor) in steps.enumerated() where total() > width {
            let floors = headers.indices.map { unbreakable.contains($0) ? natural[$0] : floor($0) }
            let before = widths
            // The total kept as columns give up room, not summed again for each column given up.
            var current = total()
            while current > width {
                // The widest column above its floor (the first of equals) gives up a column.
                var widest: Int?
                for column in widths.indices where widths[column] > floors[column] && widths[column] > widest.map({ widths[$0] }) ?? 0 { widest = column }
                guard let widest else { break }
                widths[widest] -= 1
                current -= 1
            }
            // Cut words are worth it only for a table that then fits.
            if step == steps.count - 1 && total() > width { widths = before }
        }
        // A column wrapped to a width may need less of it (`design-` over `specific` is 8 wide, not 10).
        func need(_ column: Int, _ width: Int) -> Int {
            zip(rows, measures).reduce(Self.widest(headers[column], width: width, headerMeasures[column])) {
                max($0, Self.widest($1.0[column], width: width, $1.1[column]))
            }
        }
        for column in widths.indices where widths[column] < natural[column] { widths[column] = need(column, widths[column]) }
        // The room that frees goes to the columns that lost the most, each taking what it can use.
        for column in widths.indices.sorted(by: { (natural[$1] - widths[$1], $0) < (natural[$0] - widths[$0], $1) }) where total() < width {
            guard widths[column] < natural[column] else { continue }
            widths[column] = need(column, min(natural[column], widths[column] + width - total()))
        }
        // Headers wrapped to their columns, the last line of each just above the rule.
        let headerCells = headers.indices.map { column in Self.wrap(headers[column], width: widths[column], headerMeasures[column]).map { ($0, Self.width($0)) } }
        let headerHeight = headerCells.map { $0.count }.max() ?? 1
        func headerCell(_ column: Int, line: Int) -> (text: String, width: Int) {
            let cells = headerCells[column]
            return line >= headerHeight - cells.count ? cells[line - (headerHeight - cells.count)] : ("", 0)
        }
        // The rows whose cells do not all fit their columns, their cells wrapped (a cell that fits
        // stays whole) with the columns of each line; most rows fit, and are written as they are.
        var wrappedRows: [[[(text: String, width: Int)]]?] = Array(repeating: nil, count: rows.count)
        // The columns the lines take, as the table is written: a column narrower than its width
        // when none of its lines needs all of it.
        var used = [Int](repeating: 0, count: widths.count)
        for line in 0..<headerHeight {
            for column in used.indices { used[column] = max(used[column], headerCell(column, line: line).width) }
        }
        for index in rows.indices {
            let measure = measures[index]
            if measure.indices.allSatisfy({ measure[$0].width <= widths[$0] }) {
                for column in used.indices { used[column] = max(used[column], measure[column].width) }
                continue
            }
            let cells = rows[index].indices.map { column -> [(text: String, width: Int)] in
                let cell = rows[index][column]
                if measure[column].width <= widths[column] { return [(cell, measure[column].width)] }
                return Self.wrap(cell, width: widths[column], measure[column]).map { ($0, Self.width($0)) }
            }
            for column in used.indices { used[column] = max(used[column], cells[column].map(\.width).max() ?? 0) }
            wrappedRows[index] = cells
        }
        // Written at once, line by line: no table of the lines is made first.
        let lines = LineWriter(
            indent: indent, widths: used, alignments: alignments, mark: marked ? TextWrap.tableMarkBytes : [], dropEmpty: true,
            lines: rows.count + headerHeight + 1, into: &out)
        for line in 0..<headerHeight {
            lines.line({ headerCell($0, line: line).text }, widths: { headerCell($0, line: line).width }, into: &out)
        }
        lines.rule(into: &out)
        for index in rows.indices {
            guard let cells = wrappedRows[index] else {
                let row = rows[index], measure = measures[index]
                lines.line({ row[$0] }, widths: { measure[$0].width }, into: &out)
                continue
            }
            let height = cells.map { $0.count }.max() ?? 1
            for line in 0..<height {
                lines.line({ line < cells[$0].count ? cells[$0][line].text : "" }, widths: { line < cells[$0].count ? cells[$0][line].width : 0 }, into: &out)
            }
        }
    }

    /// Whether `text` is ASCII without a carriage return: then each character is one byte, and the
    /// words, pieces and lines below are found and counted in bytes, far cheaper than in characters.
    static func isPlain(_ text: some StringProtocol) -> Bool { isPlain(bytes: text.utf8) }

    /// The same of UTF-8 bytes.
    static func isPlain(bytes: some Collection<UInt8>) -> Bool {
        // Over the bytes in place, without a test and a branch per byte: a table of a thousand
        // designs asks this of every line and cell.
        bytes.withContiguousStorageIfAvailable { bytes in
            var high: UInt8 = 0
            var carriageReturns = 0
            for byte in bytes {
                high |= byte
                carriageReturns &+= byte == 0x0D ? 1 : 0
            }
            return high < 0x80 && carriageReturns == 0
        } ?? bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// What fitting a table needs to know of a cell, in columns: its width, its longest word and
    /// its longest piece (`pieces(_:width: 0)`: words cut after their hyphens); whether it is plain
    /// (`isPlain`), and whether it is plain and wraps into nothing but itself (no space at either end
    /// or two in a row, which wrapping drops).
    struct Measure {
        var width: Int
        var word: Int
        var piece: Int
        var plain: Bool
        var clean: Bool

        /// Whether wrapping the cell at `width` leaves it as it is, on one line.
        func fitsWhole(_ width: Int) -> Bool { clean && self.width <= width }
    }

    /// A cell measured in one pass over its bytes when it is plain.
    static func measure(_ cell: String) -> Measure {
        let plain = cell.withUTF8Bytes { bytes -> Measure? in
            var result = Measure(width: bytes.count, word: 0, piece: 0, plain: true, clean: true)
            let space = UInt8(ascii: " ")
            // Word by word: a word's bytes are only told apart from spaces, carriage returns and
            // hyphens, and its lengths counted once it ends.
            var high: UInt8 = 0
            var carriageReturn = false
            var at = 0
            while at < bytes.count {
                if bytes[at] == space {
                    // A space at the start, or after another: wrapping drops it.
                    if at == 0 || bytes[at - 1] == space { result.clean = false }
                    at += 1
                    continue
                }
                let wordStart = at
                var pieceStart = at
                while at < bytes.count, bytes[at] != space {
                    let byte = bytes[at]
                    high |= byte
                    if byte == 0x0D { carriageReturn = true }
                    // A hyphen ends its piece, unless it starts it.
                    if byte == UInt8(ascii: "-") && at > pieceStart {
                        result.piece = max(result.piece, at + 1 - pieceStart)
                        pieceStart = at + 1
                    }
                    at += 1
                }
                result.word = max(result.word, at - wordStart)
                result.piece = max(result.piece, at - pieceStart)
            }
            guard high < 0x80, !carriageReturn else { return nil }
            if bytes.last == space { result.clean = false }
            return result
        }
        if let plain { return plain }
        return Measure(
            width: columns(cell), word: cell.split(separator: " ").map(columns).max() ?? 0, piece: pieces(cell, width: 0).map { columns($0.text) }.max() ?? 0,
            plain: false, clean: false)
    }

    /// The words of `text` that is not plain, a word wider than `width` columns cut after each of its
    /// hyphens (`endpoint-`, `AZ-`, `hour`); `spaced` when a space stood before the piece. Plain text
    /// is cut the same way in bytes (`measure`, `plainWrap`).
    static func pieces(_ text: String, width: Int) -> [(text: Substring, spaced: Bool)] {
        var pieces: [(text: Substring, spaced: Bool)] = []
        for word in text.split(separator: " ") {
            guard columns(word) > width else {
                pieces.append((word, true))
                continue
            }
            var start = word.startIndex
            var first = true
            func cut(at index: String.Index) {
                pieces.append((word[start..<index], first))
                first = false
                start = index
            }
            for index in word.indices where word[index] == "-" && index > start { cut(at: word.index(after: index)) }
            if start < word.endIndex { pieces.append((word[start...], first)) }
        }
        return pieces
    }

    /// `text` on lines of at most `width` characters, broken between its pieces; a piece wider than
    /// the line is cut, as `TextWrap.paragraph` cuts a word.
    static func wrap(_ text: String, width: Int, _ measure: Measure? = nil) -> [String] {
        let measure = measure ?? Self.measure(text)
        // Most cells fit whole.
        if measure.fitsWhole(width) { return [text] }
        if measure.plain {
            let (bytes, ends) = plainWrap(text, width: width)
            return zip([0] + ends, ends).map { String(decoding: bytes[$0..<$1], as: UTF8.self) }
        }
        var lines: [String] = []
        var line = ""
        for piece in pieces(text, width: width) {
            let joined = line.isEmpty ? String(piece.text) : line + (piece.spaced ? " " : "") + piece.text
            if Self.columns(joined) <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = String(piece.text)
            while Self.columns(line) > width && width > 0 {
                let head = Self.prefix(line[...], columns: width)
                lines.append(String(head))
                line = String(line[head.endIndex...])
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The widest line of `wrap(text, width:)`, in columns; plain text is wrapped without making the lines.
    static func widest(_ text: String, width: Int, _ measure: Measure) -> Int {
        if measure.fitsWhole(width) { return measure.width }
        guard measure.plain else { return wrap(text, width: width, measure).map(Self.width).max() ?? 0 }
        // Only the lines' lengths: nothing is copied (fitting a table asks this of a cell several times).
        var widest = 0
        plainWrap(text, width: width, keep: false) { widest = max(widest, $1 - $0) }
        return widest
    }

    /// Plain `text` wrapped as `wrap` wraps it, in bytes: the lines one after another, and where each ends.
    private static func plainWrap(_ text: String, width: Int) -> (bytes: [UInt8], ends: [Int]) {
        var ends: [Int] = []
        let bytes = plainWrap(text, width: width, keep: true) { ends.append($1) }
        return (bytes, ends)
    }

    /// The lines of plain `text` wrapped: `line` is told where each starts and ends in the lines one
    /// after another, and those are returned when `keep` (else they are only counted).
    @discardableResult
    private static func plainWrap(_ text: String, width: Int, keep: Bool, line: (_ start: Int, _ end: Int) -> Void) -> [UInt8] {
        let space = UInt8(ascii: " ")
        return text.withUTF8Bytes { text in
            var out: [UInt8] = []
            if keep { out.reserveCapacity(text.count + 8) }
            // What `out` holds (or would hold), where the line begins, and where the last one ended.
            var count = 0
            var lineStart = 0
            var lastEnd = 0
            var none = true
            func end(at position: Int) {
                line(lastEnd, position)
                lastEnd = position
                none = false
            }
            func append(_ piece: Range<Int>) {
                if keep { out += text[piece] }
                count += piece.count
            }
            func add(_ piece: Range<Int>, spaced: Bool) {
                let length = count - lineStart
                if (length == 0 ? piece.count : length + (spaced ? 1 : 0) + piece.count) <= width {
                    if length > 0 && spaced {
                        if keep { out.append(space) }
                        count += 1
                    }
                    append(piece)
                    return
                }
                if length > 0 {
                    end(at: count)
                    lineStart = count
                }
                // A piece wider than the line is cut.
                append(piece)
                while count - lineStart > width && width > 0 {
                    lineStart += width
                    end(at: lineStart)
                }
            }
            // The pieces `pieces(_:width:)` finds: words, those wider than the line cut after their hyphens.
            for word in TextWrap.Words(text) {
                let (start, end) = (word.lowerBound, word.upperBound)
                if end - start > width {
                    var pieceStart = start
                    var spaced = true
                    for index in start..<end where text[index] == UInt8(ascii: "-") && index > pieceStart {
                        add(pieceStart..<index + 1, spaced: spaced)
                        spaced = false
                        pieceStart = index + 1
                    }
                    if pieceStart < end { add(pieceStart..<end, spaced: spaced) }
                } else {
                    add(start..<end, spaced: true)
                }
            }
            if count > lineStart || none { end(at: count) }
            return out
        }
    }
}
