import Foundation
import Testing
@testable import HCL

@Suite("Errors: FILE:LINE:COLUMN: expected X, found Y")
struct ErrorTests {
    /// Asserts that `source` fails with exactly `message`.
    private func expectError(_ source: String, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let error = parseError(source)
        #expect(error?.description == message, sourceLocation: sourceLocation)
    }

    @Test func unterminatedString() {
        expectError("a = \"abc\nb = 1\n", "bad.tf:1:9: expected '\"' to close string started at 1:5, found newline")
        expectError("a = \"abc", "bad.tf:1:9: expected '\"' to close string started at 1:5, found end of file")
        expectError("a = \"x\\", "bad.tf:1:8: expected '\"' to close string started at 1:5, found end of file")
    }

    @Test func unterminatedHeredoc() {
        expectError("a = <<EOF\nline one\n  EOFX\n", "bad.tf:4:1: expected closing marker 'EOF' for heredoc started at 1:5, found end of file")
        expectError("a = <<-EOF\nno newline at end", "bad.tf:2:18: expected closing marker 'EOF' for heredoc started at 1:5, found end of file")
        expectError("a = <<\nEOF\n", "bad.tf:1:7: expected heredoc marker after '<<', found newline")
        expectError("a = <<EOF x\nEOF\n", "bad.tf:1:10: expected newline after heredoc marker, found ' '")
    }

    @Test func unterminatedBlockComment() {
        expectError("a = 1\n/* open\n comment", "bad.tf:3:9: expected '*/' to close comment started at 2:1, found end of file")
    }

    @Test func missingEquals() {
        expectError("name 1\n", "bad.tf:1:6: expected '=' or '{', found number 1")
        expectError("name \"x\"\n", "bad.tf:1:9: expected block label or '{', found newline")
        expectError("a =\n1\n", "bad.tf:1:4: expected expression, found newline")
        expectError("x = { a 1 }", "bad.tf:1:9: expected '=' or ':' after object key, found number 1")
    }

    @Test func missingClosingBraces() {
        expectError("resource \"a\" \"b\" {\n  x = 1\n", "bad.tf:3:1: expected '}' to close block opened at 1:18, found end of file")
        expectError("a = {\n  b = 1\n", "bad.tf:3:1: expected '}' to close object opened at 1:5, found end of file")
        expectError("a = [1, 2\n", "bad.tf:2:1: expected ']' to close '[' at 1:5, found end of file")
        expectError("a = f(1, 2\n", "bad.tf:2:1: expected ')' to close call to f at 1:6, found end of file")
        expectError("a = (1 + 2\n", "bad.tf:2:1: expected ')' to close '(' at 1:5, found end of file")
        expectError("a = [1 2]", "bad.tf:1:8: expected ',' or ']' in tuple, found number 2")
    }

    @Test func binaryInputWithNul() {
        expectError("a = 1\nb\u{0} = 2\n", "bad.tf:2:2: expected text, found NUL byte (binary file?)")
        let data = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00])
        #expect(parseError(data: data)?.description == "bad.tf:1:8: expected text, found NUL byte (binary file?)")
    }

    @Test func invalidUTF8() {
        let data = Data("a = \"".utf8) + Data([0xFF, 0xFE]) + Data("\"\n".utf8)
        #expect(parseError(data: data)?.description == "bad.tf:1:6: expected UTF-8 text, found invalid UTF-8 byte 0xFF")
        let truncatedSequence = Data("ok = 1\nb = \"é".utf8.dropLast())
        #expect(parseError(data: truncatedSequence)?.description == "bad.tf:2:6: expected UTF-8 text, found invalid UTF-8 byte 0xC3")
        // Valid UTF-8 data parses through the same overload.
        #expect(throws: Never.self) { try HCLParser.parse(Data("a = \"é\"\n".utf8), path: "ok.tf") }
    }

    @Test func tooDeepNesting() {
        let source = "a = " + String(repeating: "[", count: 10_000)
        // The 257th '[' (column 5 + 256) is one level too deep.
        expectError(source, "bad.tf:1:261: expected at most 256 levels of nesting, found deeper nesting")
        let blocks = String(repeating: "b {\n", count: 10_000)
        expectError(blocks, "bad.tf:257:3: expected at most 256 levels of nesting, found deeper nesting")
    }

    @Test func emptyInputIsValid() throws {
        #expect(try parse("").body.items.isEmpty)
        #expect(try HCLParser.parse(Data(), path: "empty.tf").body.items.isEmpty)
    }

    @Test func otherSyntaxErrors() {
        expectError("a = 1 2", "bad.tf:1:7: expected newline after attribute value, found number 2")
        expectError("a = 1 @", "bad.tf:1:7: expected a token, found unexpected character '@'")
        expectError("}", "bad.tf:1:1: expected attribute or block, found '}'")
        expectError("a = \"\\q\"", #"bad.tf:1:6: expected escape sequence (\n, \r, \t, \", \\, \uNNNN or \UNNNNNNNN), found '\q'"#)
        expectError("a = \"\\u12\"", #"bad.tf:1:6: expected 4 hex digits of a valid Unicode scalar after '\u', found '\u'"#)
        expectError("a = \"${x\"", "bad.tf:1:9: expected '}' to close interpolation started at 1:6, found string")
        expectError("a = \"%{ if true }x%{ endfor }\"", "bad.tf:1:19: expected %{else} or %{endif}, found %{endfor}")
        expectError("a = \"%{ if true }x\"", "bad.tf:1:5: expected %{else} or %{endif}, found end of template")
        expectError("a = \"x%{ endif }\"", "bad.tf:1:7: expected a matching %{if} or %{for}, found %{endif}")
        expectError("a = \"%{ while }\"", "bad.tf:1:9: expected 'if', 'else', 'endif', 'for' or 'endfor' in template directive, found identifier \"while\"")
        expectError("a = x.\n", "bad.tf:1:7: expected attribute name, index or '*' after '.', found newline")
        expectError("a = c ? 1\n", "bad.tf:1:10: expected ':' in conditional expression, found newline")
        expectError("a = [for x in y]", "bad.tf:1:16: expected ':' after for collection, found ']'")
        expectError("a = {for x in y : x}", "bad.tf:1:20: expected '=>' in object for expression, found '}'")
        expectError("resource \"${x}\" {}", "bad.tf:1:11: expected literal block label without templates, found '${'")
        expectError("a = 1e999", "bad.tf:1:5: expected number within the supported range, found number 1e999")
        expectError("a = 1 & 2", "bad.tf:1:7: expected '&&', found '&'")
        expectError("b { a = 1 c = 2 }", "bad.tf:1:11: expected '}' on the same line: a single-line block opened at 1:3 holds only one attribute, found identifier \"c\"")
    }

    @Test func controlCharactersInEchoedInputAreEscaped() {
        // U+2028 (line separator) and U+009B (C1 control CSI) lex as identifier characters.
        expectError("x = 1 a\u{2028}b\u{9B}", #"bad.tf:1:7: expected newline after attribute value, found identifier "a\u{2028}b\u{9B}""#)
        // A backslash followed by ESC in a quoted string is an invalid escape; the ESC is shown as \u{1B}.
        expectError("a = \"\\\u{1B}[31m\"", #"bad.tf:1:6: expected escape sequence (\n, \r, \t, \", \\, \uNNNN or \UNNNNNNNN), found '\\u{1B}'"#)
        expectError("a = 1 \u{1B}", "bad.tf:1:7: expected a token, found unexpected character control character U+001B")
        // The path is the caller's, and may hold any character too.
        let error = parseError("a = ", path: "dir\nevil\u{1B}.tf")
        #expect(error?.description == #"dir\nevil\u{1B}.tf:1:5: expected expression, found end of file"#)
        // Texts given directly are escaped the same way.
        let direct = HCLError(position: SourcePosition(file: "f", line: 1, column: 1), expected: "a\nb\tc", found: "\u{7F}\u{85}\r\u{202E}")
        #expect(direct.description == #"f:1:1: expected a\nb\tc, found \u{7F}\u{85}\r\u{202E}"#)
    }

    @Test func longEchoedInputIsCut() {
        let sixty = String(repeating: "a", count: 60)
        expectError("x = 1 " + String(repeating: "a", count: 1_000_000), "bad.tf:1:7: expected newline after attribute value, found identifier \"\(sixty)…\"")
        expectError(
            "x = " + String(repeating: "9", count: 100_000),
            "bad.tf:1:5: expected number within the supported range, found number \(String(repeating: "9", count: 60))…")
        expectError("x = 1 " + String(repeating: "9", count: 1_000), "bad.tf:1:7: expected newline after attribute value, found number \(String(repeating: "9", count: 60))…")
        let marker = String(repeating: "M", count: 100_000)
        expectError(
            "a = <<" + marker + "\nbody\n",
            "bad.tf:3:1: expected closing marker '\(String(repeating: "M", count: 60))…' for heredoc started at 1:5, found end of file")
        expectError(
            "a = " + String(repeating: "f", count: 100_000) + "(1",
            "bad.tf:1:100007: expected ')' to close call to \(String(repeating: "f", count: 60))… at 1:100005, found end of file")
        // One grapheme cluster of a million combining accents is still cut: lengths count Unicode scalars.
        let zalgo = "a" + String(repeating: "\u{301}", count: 1_000_000)
        expectError("x = 1 " + zalgo, "bad.tf:1:7: expected newline after attribute value, found identifier \"a\(String(repeating: "\u{301}", count: 59))…\"")
    }

    @Test func everyMessageIsOneShortLine() {
        let hostile = [
            "x = 1 " + String(repeating: "\u{85}", count: 10_000), "a = \"\\\u{2029}\"", "a = <<" + String(repeating: "\u{9B}", count: 500) + "\n",
            String(repeating: "\u{2028}", count: 5_000) + " = 1 2", "a = f\u{85}(", "a { b = 1\n}", "a = x.0.1",
        ]
        for source in hostile {
            guard let error = parseError(source) else {
                Issue.record("should fail: \(source.prefix(20))")
                continue
            }
            let controls = error.description.unicodeScalars.filter { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
            #expect(controls.isEmpty, "\(error.description)")
            #expect(error.description.unicodeScalars.count < 200, "\(error.description)")
        }
    }

    @Test func errorValueIsStructuredAndOneLine() throws {
        let error = try #require(parseError("\n\n  x = \"unterminated\n", path: "dir/main.tf"))
        #expect(error.file == "dir/main.tf")
        #expect(error.line == 3 && error.column == 20)
        #expect(error.expected == "'\"' to close string started at 3:7")
        #expect(error.found == "newline")
        #expect(!error.description.contains("\n"))
        #expect(error.localizedDescription == error.description)
    }
}
