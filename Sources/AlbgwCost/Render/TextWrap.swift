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
    /// The table in at most `width` columns where its text columns allow it: the widest
    /// left-aligned columns are narrowed (not below 12 characters, their header or their longest word) and their cells
    /// wrap onto extra lines of the same row; numbers and headers never wrap. Its lines are marked
    /// for `TextWrap.lines`, which every caller passes the output through.
    package func render(indent: String = "", width: Int) -> String {
        var widths = headers.indices.map { column in ([headers] + rows).map { Self.width($0[column]) }.max() ?? 0 }
        func total() -> Int { indent.count + widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        // A table that fits needs neither wrapping nor the mark (its lines are short enough already).
        if total() <= width { return render(indent: indent) }
        // A column never gets narrower than its header, its longest word (an id never breaks) or 12.
        let floors = headers.indices.map { column in
            rows.reduce(max(12, headers[column].count)) { floor, row in
                max(floor, row[column].split(separator: " ").map(\.count).max() ?? 0)
            }
        }
        while total() > width {
            let candidates = widths.indices.filter { alignments[$0] == .left && widths[$0] > floors[$0] }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        var wrapped = TextTable(Array(zip(headers, alignments)))
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                cell.count <= widths[column] ? [cell] : TextWrap.paragraph(cell, width: widths[column]).split(separator: "\n").map(String.init)
            }
            let height = cells.map(\.count).max() ?? 1
            for line in 0..<height { wrapped.add(cells.map { line < $0.count ? $0[line] : "" }) }
        }
        return wrapped.render(indent: indent).split(separator: "\n").map { "\(TextWrap.tableMark)\($0)\n" }.joined()
    }
}
