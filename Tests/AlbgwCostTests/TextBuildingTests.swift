import Foundation
import HCL
import Testing
@testable import AlbgwCost

/// Number formatting and table layout are built byte by byte for start-up speed; they must write
/// exactly what the plain string code they replaced wrote. That code is kept here as the reference.
@Suite struct TextBuildingTests {
    enum Reference {
        static func fixed(_ value: ExactDecimal, places: Int) -> String {
            let rounded = value.rounded(scale: places)
            let text = "\(rounded)"
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let integer = grouped(String(parts[0]))
            guard places > 0 else { return integer }
            var fraction = parts.count > 1 ? String(parts[1]) : ""
            fraction += String(repeating: "0", count: max(0, places - fraction.count))
            return "\(integer).\(fraction)"
        }

        static func grouped(_ digits: String) -> String {
            var result = ""
            for (index, character) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
                result.append(character)
            }
            return result
        }

        static func quantity(_ value: ExactDecimal, places: Int) -> String {
            let sign = value < 0 ? "-" : ""
            var text = fixed(abs(value), places: places)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return sign + text
        }

        static func exact(_ value: ExactDecimal) -> String {
            let text = value.description
            let negative = text.hasPrefix("-")
            let parts = (negative ? String(text.dropFirst()) : text).split(separator: ".", omittingEmptySubsequences: false)
            return (negative ? "-" : "") + grouped(String(parts[0])) + (parts.count > 1 ? ".\(parts[1])" : "")
        }

        static func unitPrice(_ value: ExactDecimal) -> String {
            let text = "\(value)"
            let places = text.split(separator: ".").dropFirst().first?.count ?? 0
            return "$\(fixed(value, places: max(2, places)))"
        }

        static func render(_ table: TextTable, indent: String) -> String {
            let all = [table.headers] + table.rows
            let widths = table.headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
            var lines: [String] = []
            for (rowIndex, row) in all.enumerated() {
                var cells: [String] = []
                for (column, cell) in row.enumerated() {
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    // The last column is not padded: its padding is not written to be trimmed, and a
                    // space that trimming would keep (one character with a U+0600 before it) is not either.
                    let last = column == row.count - 1
                    cells.append(table.alignments[column] == .right ? padding + cell : last ? cell : cell + padding)
                }
                var line = indent + cells.joined(separator: "  ")
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(line)
                if rowIndex == 0 {
                    lines.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// A fixed pseudo-random sequence, so that a failure can be replayed.
    /// Table cells wrapped as the character-by-character code did before plain text was wrapped in bytes.
    enum WrapReference {
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

        static func paragraph(_ text: String, width: Int, first: String, rest: String) -> String {
            var out = ""
            var line = first
            var lineHasWord = false
            func finish() {
                while line.hasSuffix(" ") { line.removeLast() }
                out += line + "\n"
            }
            for word in text.split(separator: " ") {
                var word = word
                if lineHasWord && line.count + 1 + word.count > width {
                    finish()
                    line = rest
                    lineHasWord = false
                }
                while !lineHasWord && line.count + word.count > width && width - line.count > 0 {
                    let room = width - line.count
                    line += word.prefix(room)
                    finish()
                    word = word.dropFirst(room)
                    line = rest
                }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            finish()
            return out
        }
    }

    struct Numbers {
        var random = SplitMix64(seed: 1, stream: 0)
        mutating func next() -> UInt64 { random.next() }
        mutating func decimal() -> ExactDecimal {
            let digits = Int(next() % 20)
            var mantissa = Int128(next() % 10_000_000_000_000_000_000 as UInt64)
            mantissa %= Int128(ExactDecimal.powersOfTen[digits])
            if next() % 3 == 0 { mantissa = -mantissa }
            if next() % 7 == 0 { mantissa *= 1_000 }  // trailing zeros kept in the mantissa
            return ExactDecimal(mantissa: mantissa, exponent: Int32(Int(next() % 22) - 14))
        }
    }

    static let samples: [ExactDecimal] = {
        var numbers = Numbers()
        let fixed: [ExactDecimal] = [
            0, 1, -1, 5, 10, 999, 1000, -1000, 123_456, -123, -123_456, d("0.5"), d("0.005"), d("0.0049"), d("0.995"), -d("0.995"),
            d("0.0000166667"), d("131400000"), d("608.765"), -d("0.0001"), d("1.0"), ExactDecimal(mantissa: 0, exponent: 5),
            ExactDecimal(mantissa: 12, exponent: 30), ExactDecimal(mantissa: -12_000, exponent: -3),
        ]
        return fixed + (0..<4000).map { _ in numbers.decimal() }
    }()

    @Test func numbersAreFormattedAsBefore() {
        for value in Self.samples {
            for places in 0...6 {
                #expect(Format.fixed(value, places: places) == Reference.fixed(value, places: places), "\(value) \(places)")
                #expect(Format.quantity(value, places: places) == Reference.quantity(value, places: places), "\(value) \(places)")
            }
            #expect(Format.unitPrice(abs(value)) == Reference.unitPrice(abs(value)), "\(value)")
            #expect(Format.unitPrice(value) == Reference.unitPrice(value), "\(value)")
            #expect(Format.exact(value) == Reference.exact(value), "\(value)")
            #expect(Format.money(value) == "\(value < 0 ? "-" : "")$\(Reference.fixed(abs(value), places: 2))", "\(value)")
        }
    }

    /// The reference counts a character as one column: the cells keep to characters a terminal shows
    /// one column wide (one of several scalars included); wide ones (CJK, emoji, flags) are tested in
    /// TextWrapTests against columns counted in the test.
    @Test func tablesAreLaidOutAsBefore() {
        // A prepended mark (U+0600) is one character with the space after it: trimming stops there.
        let cells = [
            "", " ", "a", "Load balancer hours", "$0.0225", "730", "trailing ", "  ", "é", "e\u{301}", "ALB → Lambda", "\r\n", "x\r\ny", "n\u{303}\u{323}", "x\u{600}",
        ]
        var numbers = Numbers()
        for _ in 0..<300 {
            let columns = 1 + Int(numbers.next() % 5)
            var table = TextTable((0..<columns).map { _ in (cells[Int(numbers.next() % UInt64(cells.count))], numbers.next() % 2 == 0 ? .left : .right) })
            for _ in 0..<Int(numbers.next() % 4) {
                table.add((0..<columns).map { _ in cells[Int(numbers.next() % UInt64(cells.count))] })
            }
            for indent in ["", "  ", "- "] {
                #expect(table.render(indent: indent) == Reference.render(table, indent: indent), "\(table.headers) \(table.rows)")
            }
        }
    }

    /// Cells of words, hyphens, runs of spaces and non-ASCII text, wrapped at every width from 1 to
    /// 30: the lines, the widest line, and the same text as a paragraph, as the reference writes them.
    @Test func cellsAndParagraphsWrapAsBefore() {
        let pieces = ["a", "endpoint", "-", "ip-", "us-west-2", " ", "  ", "aws_lb.public_alb", "é", "e\u{301}", "\r\n", "-x", "12,345"]
        var numbers = Numbers()
        for _ in 0..<400 {
            let cell = (0..<Int(numbers.next() % 12)).map { _ in pieces[Int(numbers.next() % UInt64(pieces.count))] }.joined()
            for width in 1...30 {
                let reference = WrapReference.wrap(cell, width: width)
                #expect(TextTable.wrap(cell, width: width) == reference, "\(cell.debugDescription) at \(width)")
                #expect(TextTable.widest(cell, width: width, TextTable.measure(cell)) == reference.map(\.count).max(), "\(cell.debugDescription) at \(width)")
                guard !cell.contains("\r\n") else { continue }
                #expect(
                    TextWrap.paragraph(cell, width: width, first: "- ", rest: "  ") == WrapReference.paragraph(cell, width: width, first: "- ", rest: "  "),
                    "\(cell.debugDescription) at \(width)")
            }
        }
    }

    @Test func textIsFoundAsFoundationFindsIt() {
        // A `?` followed by a combining accent is one character, not a `?`: Foundation finds none there.
        let texts = [
            "", "a", "network_interface_ids[0]", "sort(tolist(aws_vpc_endpoint.x.network_interface_ids))[count.index]", "0.0.0.0/0", "é0.0.0.0/0é", "aws_vpc_endpoint",
            "# why not both?\u{301}", "[for s in x : s if\u{301} true]", "slice(a, 0, 1)\u{301}", "both? é",
        ]
        let sought = ["", "a", "network_interface_ids[0]", "network_interface_ids)[0]", "0.0.0.0/0", "aws_vpc_endpoint.", "x", "é", "?", " if ", "slice("]
        for text in texts {
            for other in sought { #expect(text.containsBytes(other) == (other.isEmpty || text.contains(other)), "\(text) \(other)") }
        }
    }

    @Test func asciiPrefixIsFoundAsTheStandardLibraryFindsIt() {
        // `_` followed by a combining accent is one character, not `_`: `hasPrefix("aws_")` is false there.
        // The Kelvin sign (U+212A) is a `K` to `hasPrefix`, the Greek question mark (U+037E) a `;`.
        let texts = [
            "", "a", "aws", "aws_", "aws_lb", "aws_\u{301}lb", "aws_\u{301}", "aws_é", "aws-lb", "AWS_lb", "awś_lb", "aws_\r\n", "\r\naws_", "aws_👍🏽", "\u{212A}x",
            "Kx", "\u{37E}", ";x", "aw\u{212A}",
        ]
        for text in texts {
            #expect(text.hasASCIIPrefix("aws_") == text.hasPrefix("aws_"), "\(text.debugDescription)")
            #expect(text.hasASCIIPrefix("a") == text.hasPrefix("a"), "\(text.debugDescription)")
            #expect(text.hasASCIIPrefix("\r") == text.hasPrefix("\r"), "\(text.debugDescription)")
            #expect(text.hasASCIIPrefix("K") == text.hasPrefix("K"), "\(text.debugDescription)")
            #expect(text.hasASCIIPrefix(";") == text.hasPrefix(";"), "\(text.debugDescription)")
        }
        #expect("aws_lb".hasASCIIPrefix("aws_") && !"aws_\u{301}lb".hasASCIIPrefix("aws_") && "\r\n".hasASCIIPrefix("\r") == false)
    }

    /// JSON strings are scanned for what needs escaping eight bytes at a time: every byte value, at
    /// every place in and around a word of eight, is found as a byte-by-byte scan finds it.
    @Test func bytesToEscapeAreFoundAsAByteByByteScanFindsThem() {
        func byteByByte(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } }
        for length in 0...19 {
            for place in 0..<max(1, length) {
                for value in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[place] = value }
                    let found = bytes.withUnsafeBufferPointer { JSONValue.needsEscape($0) }
                    #expect(found == byteByByte(bytes), "\(length) \(place) \(value)")
                }
            }
        }
        // Bytes that differ from a quote, a backslash or a space only in their high bit, side by side.
        let near: [UInt8] = [0xA2, 0xDC, 0xA0, 0x80, 0xFF, 0x9F, 0x7F, 0x20, 0x21, 0x23, 0x5B, 0x5D]
        for first in near {
            for second in near {
                let bytes = [first, second, first, second, first, second, first, second, second]
                #expect(bytes.withUnsafeBufferPointer { JSONValue.needsEscape($0) } == byteByByte(bytes), "\(first) \(second)")
            }
        }
        #expect(JSONValue.quote("tab\there \"q\" back\\slash é") == #""tab\there \"q\" back\\slash é""#)
        // Escaped as RFC 8259 writes them, a character at a time, wherever they stand.
        func escaped(_ text: String) -> String {
            "\""
                + text.unicodeScalars.map { scalar -> String in
                    switch scalar {
                    case "\"": return "\\\""
                    case "\\": return "\\\\"
                    case "\n": return "\\n"
                    case "\r": return "\\r"
                    case "\t": return "\\t"
                    case _ where scalar.value < 0x20: return String(format: "\\u%04x", scalar.value)
                    default: return String(scalar)
                    }
                }.joined() + "\""
        }
        for value in 0..<0x80 {
            let character = String(UnicodeScalar(UInt8(value)))
            for text in [character, "abc" + character + "defghijkl", "ab\"cd" + character + "é\\", character + character + "\u{1F600}"] {
                #expect(JSONValue.quote(text) == escaped(text), "\(value)")
            }
        }
    }

    /// A value written through `JSONValue.Lines` at its depth reads as the members written out.
    @Test func writtenValuesAreIndentedAsObjectsAre() {
        let written = JSONValue.written { out, depth in
            JSONValue.Lines.open(&out)
            JSONValue.Lines.key("text", depth: depth + 1, &out)
            JSONValue.Lines.string("say \"hi\"", ".\n", into: &out)
            JSONValue.Lines.next(&out)
            JSONValue.Lines.key("line", depth: depth + 1, &out)
            JSONValue.Lines.number(12, &out)
            JSONValue.Lines.next(last: true, &out)
            JSONValue.Lines.closeObject(depth: depth, &out)
        }
        let document = JSONValue.object([("results", .array([written, .null]))])
        #expect(document.serialized() == "{\n  \"results\": [\n    {\n      \"text\": \"say \\\"hi\\\".\\n\",\n      \"line\": 12\n    },\n    null\n  ]\n}\n")
    }

    @Test func firstPieceIsSplitFirst() {
        let texts = [
            "", ".tier", ".tier.tier", "vpce.data", "vpce.data.tier2", ".tierx", "x.tier", "a.tier.tierb", "a.tie", "a.tie.tier", "Data processed (first 1 PB)",
            " (", " ( (", "(x) (y)", "e\u{301}.tier", ".tie\u{301}r", "Requests", "a\r\n.tier", "x\r\n (y",
        ]
        for text in texts {
            for separator in [".tier", " ("] {
                #expect(TableRenderer.firstPiece(of: text, separator: separator) == text.split(separator: separator).first.map(String.init), "\(text) \(separator)")
            }
        }
    }

    @Test func piecesAreJoinedAsInterpolationJoinsThem() {
        let pieces = ["", "a", "aws_lb", ".", "public_alb_1113", "module.alb[\"x\"].", "é", "a_name_longer_than_fifteen_bytes"]
        for a in pieces {
            for b in pieces {
                #expect(String.joining(a, b) == a + b)
                #expect(String.joining(a, ".", b, ":", a) == "\(a).\(b):\(a)")
            }
        }
        // Positions as a reader types them: file:line:column.
        #expect(AlbgwCost.SourcePosition(file: "modules/alb/main.tf", line: 105, column: 1).description == "modules/alb/main.tf:105:1")
        #expect(AlbgwCost.SourcePosition(file: "main.tf", line: 1_234_567, column: 42).description == "main.tf:1234567:42")
    }

    @Test func piecesThatJoinAlikeInAnotherCutHashApart() {
        func hash(_ pieces: String...) -> UInt64 {
            var hash = PieceHash()
            for piece in pieces { hash.mix(piece) }
            return hash.value
        }
        #expect(hash("aws_lb", "x") != hash("aws_l", "bx"))
        #expect(hash("ab", "") != hash("a", "b"))
        #expect(hash("resource", "aws_lb_target_group", "test") != hash("resource", "aws_lb_target_group", "test_1"))
        // Eight bytes and more: whole words, then the rest with its length.
        #expect(hash("12345678", "9") != hash("123456789", ""))
    }

    /// `isRFC1918` reads `a.b.c.d/n` as bytes and anything else the general way; both must answer as
    /// the general reading (written out here) does.
    @Test func privateRangesAreToldAsTheGeneralReadingTellsThem() {
        func general(_ cidr: String) -> Bool {
            let octets = (cidr.split(separator: "/").first ?? "").split(separator: ".").compactMap { Int($0) }
            guard octets.count == 4 else { return true }
            return octets[0] == 10 || (octets[0] == 172 && (16...31).contains(octets[1])) || (octets[0] == 192 && octets[1] == 168)
        }
        let cidrs = [
            "10.0.0.0/8", "10.1.2.3", "172.16.0.0/12", "172.31.255.0/24", "172.15.0.0/16", "172.32.0.0/16", "192.168.1.0/24", "192.169.0.0/16", "20.0.0.0/16",
            "0.0.0.0/0", "", "/", "10.0.0.0/", "/10.1.2.3", "10.0.0", "10.0.0.0.0", "0010.0.0.0/8", "10..0.0.0", "192.168.0.0/16x", "1234567890.0.0.0/8",
            "172.016.0.0/12", "10.0.0.0//8", "10.0.0.0/8/9", "+10.0.0.0/8", "-1.0.0.0/8", "１０.0.0.0/8", "10.0.0.0 /8", "999999999.168.0.0/16",
        ]
        for cidr in cidrs { #expect(TerraformReview.isRFC1918(cidr) == general(cidr), "\(cidr)") }
        #expect(TerraformReview.plainIPv4("172.16.0.0/12")! == (172, 16))
        #expect(TerraformReview.plainIPv4("10.0.0.0/") == nil)
    }

    /// The byte scan for a VPC id against the pattern it stands for, run by Foundation.
    @Test func vpcIdsAreFoundAsThePatternFindsThem() throws {
        let pattern = try NSRegularExpression(pattern: "vpc-[0-9a-f]+")
        let texts = [
            "vpc-0abc", "vpc-", "vpc-g", "vpce-0abc", "xvpc-1", "vpc-A1", "VPC-1", "the vpc-f", "vp-c-1", "vpcvpc-9", "vpc", "", "é vpc-e é", "vpc-\u{301}1",
            "\"aws:SourceVpc\": \"vpc-0123456789abcdef0\"",
        ]
        for text in texts {
            let found = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(TerraformReview.writesVPCId(text) == found, "\(text)")
        }
    }
}
