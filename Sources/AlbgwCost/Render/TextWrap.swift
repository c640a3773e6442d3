/// Text that fits a terminal: paragraphs wrapped at word boundaries with a hanging indent, and
/// tables whose widest text columns wrap inside their cells so that every row stays aligned.
package enum TextWrap {
    /// Starts each line of a table fitted to a width, so that `lines` leaves it whole (and drops the
    /// mark). A private-use character: no text of ours contains it.
    static let tableMark: Character = "\u{E000}"

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
        let rest = rest ?? String(repeating: " ", count: first.count)
        let restCount = rest.count
        var out = ""
        var line = first
        var length = first.count  // characters in `line`, kept rather than counted again
        var lineHasWord = false
        func finish() {
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        // Split on the bytes (a space is one byte in UTF-8): far cheaper than by characters.
        for bytes in text.utf8.split(separator: UInt8(ascii: " ")) {
            var word = Substring(bytes)
            var count = bytes.allSatisfy { $0 < 0x80 } ? bytes.count : word.count
            if lineHasWord && length + 1 + count > width {
                finish()
                line = rest
                length = restCount
                lineHasWord = false
            }
            while !lineHasWord && length + count > width && width - length > 0 {
                let room = width - length
                line += word.prefix(room)
                finish()
                word = word.dropFirst(room)
                count -= room
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

    /// Every line of `text` wrapped at `width`; a line's continuation is indented two spaces deeper
    /// than the line itself (past `- ` for a bullet). Table rows are left as they are.
    package static func lines(_ text: String, width: Int) -> String {
        var out = ""
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
            let line = Substring(bytes)
            // Table rows were fitted by TextTable and marked: they stay whole.
            if line.first == tableMark {
                out += line.dropFirst() + "\n"
                continue
            }
            // Bytes bound characters from above: most lines are told short without counting.
            guard line.utf8.count > width, line.count > width else {
                out += line + "\n"
                continue
            }
            let indent = String(line.prefix { $0 == " " })
            let body = line.dropFirst(indent.count)
            let lead = body.hasPrefix("- ") ? indent + "- " : indent
            let content = body.hasPrefix("- ") ? String(body.dropFirst(2)) : String(body)
            out += paragraph(content, width: width, first: lead, rest: String(repeating: " ", count: lead.count + (body.hasPrefix("- ") ? 0 : 2)))
        }
        return out
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
        let natural = headers.indices.map { column in ([headers] + rows).map { Self.width($0[column]) }.max() ?? 0 }
        var widths = natural
        func total() -> Int { indent.count + widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        // A table that fits needs neither wrapping nor the mark (its lines are short enough already).
        if total() <= width { return render(indent: indent) }
        func longest(_ column: Int, _ pieces: (String) -> [Substring]) -> Int {
            rows.reduce(0) { longest, row in max(longest, pieces(row[column]).map(\.count).max() ?? 0) }
        }
        let longestCell = headers.indices.map { longest($0) { [Substring($0)] } }
        let longestWord = headers.indices.map { longest($0) { $0.split(separator: " ") } }
        // Numbers, and words in right-aligned columns, never break.
        let longestPiece = headers.indices.map { alignments[$0] == .left ? longest($0) { Self.pieces($0, width: 0).map(\.text) } : longestWord[$0] }
        let longestHeaderPiece = headers.map { header in Self.pieces(header, width: 0).map(\.text.count).max() ?? 0 }
        let steps: [(Int) -> Int] = [
            { column in alignments[column] == .left ? max(12, headers[column].count, longestWord[column]) : natural[column] },
            { column in alignments[column] == .left ? max(12, longestHeaderPiece[column], longestWord[column]) : max(longestHeaderPiece[column], longestCell[column]) },
            { column in max(longestHeaderPiece[column], longestPiece[column]) },
            // Last, rather than run past the width: text columns down to 10 characters, longer words cut.
            { column in max(longestHeaderPiece[column], alignments[column] == .left ? min(10, longestPiece[column]) : longestPiece[column]) },
        ]
        for (step, floor) in steps.enumerated() where total() > width {
            let floors = headers.indices.map { unbreakable.contains($0) ? natural[$0] : floor($0) }
            let before = widths
            while total() > width {
                let candidates = widths.indices.filter { widths[$0] > floors[$0] }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
            // Cut words are worth it only for a table that then fits.
            if step == steps.count - 1 && total() > width { widths = before }
        }
        // A column wrapped to a width may need less of it (`design-` over `specific` is 8 wide, not 10).
        func need(_ column: Int, _ width: Int) -> Int {
            ([headers[column]] + rows.map { $0[column] }).map { cell in Self.wrap(cell, width: width).map(\.count).max() ?? 0 }.max() ?? 0
        }
        for column in widths.indices where widths[column] < natural[column] { widths[column] = need(column, widths[column]) }
        // The room that frees goes to the columns that lost the most, each taking what it can use.
        for column in widths.indices.sorted(by: { (natural[$1] - widths[$1], $0) < (natural[$0] - widths[$0], $1) }) where total() < width {
            guard widths[column] < natural[column] else { continue }
            widths[column] = need(column, min(natural[column], widths[column] + width - total()))
        }
        // Headers wrapped to their columns, the last line of each just above the rule.
        let headerCells = headers.indices.map { column in Self.wrap(headers[column], width: widths[column]) }
        let headerHeight = headerCells.map(\.count).max() ?? 1
        let headerRows = (0..<headerHeight).map { line in
            headerCells.map { cells in line >= headerHeight - cells.count ? cells[line - (headerHeight - cells.count)] : "" }
        }
        var wrapped = TextTable(Array(zip(headerRows[0], alignments)))
        for row in headerRows.dropFirst() { wrapped.add(row) }
        for row in rows {
            let cells = row.enumerated().map { column, cell in cell.count <= widths[column] ? [cell] : Self.wrap(cell, width: widths[column]) }
            let height = cells.map(\.count).max() ?? 1
            for line in 0..<height { wrapped.add(cells.map { line < $0.count ? $0[line] : "" }) }
        }
        return wrapped.render(indent: indent, headerLines: headerHeight).split(separator: "\n").map { "\(TextWrap.tableMark)\($0)\n" }.joined()
    }

    /// The words of `text`, a word wider than `width` cut after each of its hyphens (`endpoint-`,
    /// `AZ-`, `hour`); `spaced` when a space stood before the piece.
    static func pieces(_ text: String, width: Int) -> [(text: Substring, spaced: Bool)] {
        text.split(separator: " ").flatMap { word -> [(text: Substring, spaced: Bool)] in
            guard word.count > width else { return [(word, true)] }
            var pieces: [(text: Substring, spaced: Bool)] = []
            var start = word.startIndex
            for index in word.indices where word[index] == "-" && index > start {
                let end = word.index(after: index)
                pieces.append((word[start..<end], pieces.isEmpty))
                start = end
            }
            if start < word.endIndex { pieces.append((word[start...], pieces.isEmpty)) }
            return pieces
        }
    }

    /// `text` on lines of at most `width` characters, broken between its pieces; a piece wider than
    /// the line is cut, as `TextWrap.paragraph` cuts a word.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for piece in pieces(text, width: width) {
            let joined = line.isEmpty ? String(piece.text) : line + (piece.spaced ? " " : "") + piece.text
            if joined.count <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = String(piece.text)
            while line.count > width {
                lines.append(String(line.prefix(width)))
                line = String(line.dropFirst(width))
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
