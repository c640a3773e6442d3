import Testing
@testable import AlbgwCost

@Suite struct TextWrapTests {
    @Test func paragraphsBreakBetweenWordsWithAHangingIndent() {
        let text = TextWrap.paragraph("one two three four five six", width: 12, first: "- ", rest: "  ")
        #expect(text == "- one two\n  three four\n  five six\n")
        // A word longer than the line is cut rather than left sticking out.
        #expect(TextWrap.paragraph("abcdefghij", width: 4) == "abcd\nefgh\nij\n")
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
}
