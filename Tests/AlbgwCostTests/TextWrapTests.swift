import Foundation
import Testing
@testable import AlbgwCost

@Suite struct TextWrapTests {
    @Test func paragraphsBreakBetweenWordsWithAHangingIndent() {
        let text = TextWrap.paragraph("one two three four five six", width: 12, first: "- ", rest: "  ")
        #expect(text == "- one two\n  three four\n  five six\n")
        // A word longer than the line is cut rather than left sticking out.
        #expect(TextWrap.paragraph("abcdefghij", width: 4) == "abcd\nefgh\nij\n")
    }

    /// A line too long is wrapped after its indent and its `- `, continued two spaces deeper (level
    /// with the text after a `- `); a word longer than the line is cut. Plain lines are wrapped on
    /// their bytes, others by characters: a line with an accent breaks where its plain twin does.
    @Test func longLinesWrapUnderTheirIndentAndBullet() {
        #expect(TextWrap.lines("  - alpha beta gamma delta epsilon\n", width: 20) == "  - alpha beta gamma\n    delta epsilon\n")
        #expect(TextWrap.lines("  - alpha beta gamma delta épsilon\n", width: 20) == "  - alpha beta gamma\n    delta épsilon\n")
        #expect(TextWrap.lines("Summary text that is long enough\n", width: 20) == "Summary text that is\n  long enough\n")
        #expect(TextWrap.lines("  abcdefghijklmnopqrstuvwxyz end\n", width: 10) == "  abcdefgh\n    ijklmn\n    opqrst\n    uvwxyz\n    end\n")
        #expect(TextWrap.lines("  abcdéfghijklmnopqrstuvwxyz end\n", width: 10) == "  abcdéfgh\n    ijklmn\n    opqrst\n    uvwxyz\n    end\n")
        // Spaces alone, however many, are an empty line; a short line stays as it is, trailing spaces included.
        #expect(TextWrap.lines(String(repeating: " ", count: 25) + "\nshort  \n", width: 20) == "\nshort  \n")
    }

    @Test func linesWrapProseAndLeaveTablesWhole() {
        var table = TextTable([("Name", .left), ("Cost", .right)])
        table.add(["a rather long description of a line item", "$1.00"])
        // 30 columns = 2 (indent) + 21 (text) + 2 (gap) + 5 ($1.00): the text wraps at 21.
        let fitted = table.render(indent: "  ", width: 30)
        let out = TextWrap.lines("Summary of a bill that is far too long for the width\n" + fitted, width: 30)
        #expect(
            out == """
                Summary of a bill that is far
                  too long for the width
                  Name                    Cost
                  ---------------------  -----
                  a rather long          $1.00
                  description of a line
                  item

                """)
        #expect(TextWrap.width(["COLUMNS": "80"]) == 80)
        #expect(TextWrap.width(["COLUMNS": "10"]) == 40)
        #expect(TextWrap.width([:]) == 120)
    }

    /// A table written straight into bytes (as the review's facts tables are) is what the wrapping
    /// prints of it: unmarked, fitted or not, and with the line that has nothing on it left out.
    @Test func tablesWrittenAsPrintedAreWhatTheWrappingPrints() {
        var table = TextTable([("Name", .left), ("Cost", .right)])
        table.add(["a rather long description of a line item", "$1.00"])
        table.add(["", ""])
        #expect(!table.hasLineEnd)
        var out: [UInt8] = Array("before\n".utf8)
        table.write(indent: "  ", width: 30, marked: false, into: &out)
        let expected = """
            before
              Name                    Cost
              ---------------------  -----
              a rather long          $1.00
              description of a line
              item

            """
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(String(decoding: out, as: UTF8.self) == "before\n" + TextWrap.lines(table.render(indent: "  ", width: 30), width: 30))
        // Wide enough, the table is written whole (the text's 40 columns, two, the money's 5): its empty
        // row is a line of its own, as printed.
        var whole: [UInt8] = []
        table.write(indent: "  ", width: 80, marked: false, into: &whole)
        #expect(
            String(decoding: whole, as: UTF8.self)
                == "  Name" + String(repeating: " ", count: 39) + "Cost\n  " + String(repeating: "-", count: 40) + "  -----\n  a rather long description of a line item  $1.00\n\n")
        // A cell with a line end in it: only the wrapping prints its table.
        var broken = TextTable([("Name", .left), ("Cost", .right)])
        broken.add(["first line\nsecond line", "$1.00"])
        #expect(broken.hasLineEnd)
        var lines: [UInt8] = []
        TextWrap.appendLines(broken.render(indent: "  ", width: 30), width: 30, into: &lines)
        #expect(String(decoding: lines, as: UTF8.self) == TextWrap.lines(broken.render(indent: "  ", width: 30), width: 30))
    }

    /// Worked by hand: natural widths 10, 15, 13, 13 need 59 columns. Path narrows to 12 (step one);
    /// the two money columns narrow to their headers' longest pieces, 8 each (step two), which leaves
    /// 46; Path narrows to 11 (step three), and then needs only 6 ("ALB ->" over "Lambda"). Of the 5
    /// columns that frees, "design-specific" (lost 7) cannot use any, nor can Path (lost 7) short of
    /// 13; "$/1M requests" (lost 5) takes them back and stands on one line.
    @Test func headersWrapOverNumbersAndFreedRoomGoesBack() {
        var table = TextTable([("Design", .left), ("design-specific", .right), ("$/1M requests", .right), ("Path", .left)])
        table.add(["alb-lambda", "$12.53", "$1.0314", "ALB -> Lambda"])
        let out = TextWrap.lines(table.render(indent: "  ", width: 45), width: 45)
        #expect(
            out == """
                               design-
                  Design      specific  $/1M requests  Path
                  ----------  --------  -------------  ------
                  alb-lambda    $12.53        $1.0314  ALB ->
                                                       Lambda

                """, "\n\(out)")
    }

    /// Numbers never break: a table of wide numbers stays wider than asked, and its text column is
    /// not cut for nothing (step four is taken only when the table then fits).
    @Test func numbersNeverBreakAndWordsAreCutOnlyToFit() {
        var table = TextTable([("Item", .left), ("A", .right), ("B", .right)])
        table.add(["a long description here", "$1,000,000.00", "$2,000,000.00"])
        let wide = TextWrap.lines(table.render(indent: "  ", width: 30), width: 30)
        #expect(
            wide == """
                  Item                     A              B
                  -----------  -------------  -------------
                  a long       $1,000,000.00  $2,000,000.00
                  description
                  here

                """, "\n\(wide)")
        // With room for 10 characters of text and not 11, "description" is cut at 10.
        var narrow = TextTable([("Item", .left), ("A", .right)])
        narrow.add(["a long description here", "$1.00"])
        let cut = TextWrap.lines(narrow.render(indent: "  ", width: 19), width: 19)
        #expect(
            cut == """
                  Item            A
                  ----------  -----
                  a long      $1.00
                  descriptio
                  n here

                """, "\n\(cut)")
    }

    /// A position column never breaks, not even after its hyphens: the table stays wider instead.
    /// Plain text (ASCII) is measured and cut in bytes, other text in characters: the same table and
    /// paragraph with every `e` written `é` (two bytes) or `e` + U+0301 (two scalars, one character)
    /// must break at the same places, so that taking the accents out again gives the plain output.
    @Test(arguments: ["\u{E9}", "e\u{301}"])
    func accentedTextBreaksWhereItsPlainTwinBreaks(_ e: String) {
        let rows = [
            ["registered endpoint IPs", "1 (aws_lb_target_group_attachment.nic01: data.aws_network_interface.nic1.private_ip)", "main.tf:54:1"],
            ["security groups", "ALB: aws_security_group.allow_https; endpoint: aws_security_group.allow_https", "main.tf:37:24"],
            ["endpoint-subnet-ids", "one-two-three-four-five-six-seven-eight-nine-ten-eleven-twelve", "-"],
        ]
        func fitted(_ spell: (String) -> String, width: Int) -> String {
            var table = TextTable([(spell("Read from the code"), .left), (spell("Value"), .left), ("Where", .left)])
            for row in rows { table.add(row.map(spell)) }
            let prose = spell("The endpoint's elastic network interfaces are registered by hand, one per subnet, each needing an edit when the endpoint changes.")
            return TextWrap.paragraph(prose, width: width, first: "- ", rest: "  ") + TextWrap.lines(table.render(indent: "  ", width: width), width: width)
        }
        for width in [40, 52, 64, 90] {
            let plain = fitted({ $0 }, width: width)
            let accented = fitted({ $0.replacingOccurrences(of: "e", with: e) }, width: width)
            #expect(accented.replacingOccurrences(of: e, with: "e") == plain, "width \(width)")
            #expect(plain.split(separator: "\n").count > rows.count + 4, "the table and the paragraph wrap at width \(width)")
        }
    }

    /// A terminal gives CJK characters two columns: a facts table with them in its values keeps its
    /// Where column in line, and fits the width, counted here with 日, 本, 語 and the katakana as two
    /// columns each (é as one); a paragraph of three 6-column words in 8 columns is three lines.
    @Test func wideCharactersTakeTwoColumns() {
        var table = TextTable([("Read from the code", .left), ("Value", .left), ("Where", .left)])
        table.add(["VPC", "aws_vpc.réseau_日本語_principal: 10.0.0.0/16", "main.tf:7:1"])
        table.add(["security groups", "ALB: aws_security_group.sécurité_セキュリティ", "main.tf:4:21"])
        table.add(["ALB", "aws_lb.api, internal", "main.tf:1:1"])
        func columns(_ line: Substring) -> Int { line.reduce(0) { $0 + ("日本語セキュリティ".contains($1) ? 2 : 1) } }
        for width in [120, 60, 50] {
            let lines = TextWrap.lines(table.render(indent: "  ", width: width), width: width).split(separator: "\n")
            let starts = lines.compactMap { line in line.range(of: "main.tf").map { columns(line[..<$0.lowerBound]) } }
            #expect(starts.count == 3 && Set(starts).count == 1, "width \(width): \(starts)")
            #expect(lines.allSatisfy { columns($0) <= width }, "width \(width): \(lines)")
        }
        #expect(TextWrap.paragraph("日本語 日本語 日本語", width: 8) == "日本語\n日本語\n日本語\n")
    }

    /// Emoji shown as pictures take two columns, as in a terminal (and as wcwidth counts them): a
    /// face, a rocket, a flag (two regional indicators), ❤️ (a heart asked to show as a picture), ✅.
    /// Letters with accents and a heart without the selector stay one.
    @Test func emojiTakeTwoColumns() {
        #expect(TextTable.columns("🚀") == 2)
        #expect(TextTable.columns("😀") == 2)
        #expect(TextTable.columns("🇯🇵") == 2)
        #expect(TextTable.columns("❤️") == 2)
        #expect(TextTable.columns("✅") == 2)
        #expect(TextTable.columns("❤") == 1)
        #expect(TextTable.columns("é") == 1)
        var table = TextTable([("Read from the code", .left), ("Value", .left), ("Where", .left)])
        table.add(["tags", "Name = 🚀 api ✅", "main.tf:9:3"])
        table.add(["ALB", "aws_lb.api, internal", "main.tf:1:1"])
        // Counted here without the code under test: 🚀 and ✅ are two columns each, the rest one.
        func columns(_ line: Substring) -> Int { line.reduce(0) { $0 + ("🚀✅".contains($1) ? 2 : 1) } }
        let lines = table.render(indent: "  ", width: 120).split(separator: "\n")
        let starts = lines.compactMap { line in line.range(of: "main.tf").map { columns(line[..<$0.lowerBound]) } }
        #expect(starts.count == 2 && Set(starts).count == 1, "\(starts)")
    }

    @Test func positionsNeverBreak() {
        var table = TextTable([("Item", .left), ("Where", .left)])
        table.add(["a long description here", "service/public-site/listener.tf:1:1"])
        table.unbreakable = [1]
        let out = TextWrap.lines(table.render(indent: "  ", width: 40), width: 40)
        #expect(
            out == """
                  Item         Where
                  -----------  -----------------------------------
                  a long       service/public-site/listener.tf:1:1
                  description
                  here

                """, "\n\(out)")
        // Breakable, the same path splits after a hyphen to fit.
        table.unbreakable = []
        #expect(TextWrap.lines(table.render(indent: "  ", width: 40), width: 40).contains("service/public-\n"))
    }

    /// Real reports at 80 and 100 columns: every line fits, tables included (the line-item table with
    /// its Scope column, the regions table with "(incomplete)" totals, the review's facts).
    @Test(arguments: [80, 100])
    func reportsFitTheWidth(width: Int) {
        let commands: [[String]] = [
            ["--rps", "50", "--region", "us-west-2"], ["--rps", "50", "--region", "us-west-2", "--detail"], ["--rps", "50", "--preset", "hybrid"],
            ["--rps", "50", "--regions", "all"], ["review", "Tests/HCLTests/Fixtures/tutorial", "--rps", "50"],
        ]
        for command in commands {
            let run = CLI.run(command, environment: ["COLUMNS": "\(width)"])
            #expect(run.exitCode == 0, "\(command): \(run.stderr)")
            let wide = run.stdout.split(separator: "\n").filter { $0.count > width }
            #expect(wide.isEmpty, "\(command) at \(width): \(wide.prefix(3))")
        }
    }

    /// Plain text is ASCII without a carriage return, whatever its length or where the other byte
    /// stands (the test reads the bytes in place, several at a time).
    @Test func plainTextIsASCIIWithoutACarriageReturn() {
        let long = String(repeating: "abcdefgh", count: 40)
        for text in ["", "a", "target group", long] { #expect(TextTable.isPlain(text), "\(text.prefix(20))") }
        for (index, other) in [(0, "\r"), (7, "é"), (8, "\r"), (319, "\u{7F}\u{80}"), (160, "日")] {
            var text = long
            text.insert(contentsOf: other, at: text.index(text.startIndex, offsetBy: index))
            // U+007F is ASCII: only the byte after it makes the text not plain.
            #expect(!TextTable.isPlain(text), "\(other) at \(index)")
            if index > 0 { #expect(!TextTable.isPlain(text.dropFirst()), "\(other) at \(index), in a substring") }
        }
        #expect(TextTable.isPlain("a\u{7F}b") && !TextTable.isPlain("a\r\nb") && TextTable.isPlain(long.dropFirst(3)))
    }
}
