import Foundation
import HCL
import Testing
@testable import AlbgwCost

/// `TerraformReview.sourceVpceValues` reads `aws:SourceVpce` conditions by hand; the regular expression
/// it replaced is the oracle here, run by Foundation on the same text.
@Suite struct PolicyScanTests {
    /// The pattern the review used until it read policies by hand, and how it showed each value.
    static func oracle(_ text: String) -> [String] {
        let pattern = #"(?i)"?aws:sourcevpce"?\s*[:=]\s*("[^"]*"|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_.\[\]]*)"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { text[$0].replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression) }
        }
    }

    @Test(arguments: [
        // JSON, as jsonencode or a heredoc writes it
        #"{"Condition": {"StringEquals": {"aws:SourceVpce": "${aws_vpc_endpoint.api.id}"}}}"#,
        // HCL object syntax inside jsonencode
        #"Condition = { StringNotEquals = { "aws:sourcevpce" = aws_vpc_endpoint.api.id } }"#,
        // a list over several lines, with tabs and a carriage return
        "\"aws:SourceVpce\": [\n\t\"vpce-1\",\r\n    \"vpce-2\"\n]",
        // two conditions, and a key in capitals
        #"{"AWS:SOURCEVPCE": "vpce-0a1"} {"aws:SourceVpce":"vpce-0b2"}"#,
        // an index in a reference, a key without quotes
        "aws:SourceVpce = aws_vpc_endpoint.this[0].id",
        // no value the pattern takes: a number, a closing quote missing, nothing after the colon
        "\"aws:SourceVpce\": 42", "\"aws:SourceVpce\": \"vpce-1", "\"aws:SourceVpce\":",
        // Unicode's white space, which the pattern's \s matches: no-break space, line separator, next line, vertical tab
        "\"aws:SourceVpce\":\u{00A0}\"vpce-1\"", "\"aws:SourceVpce\":\u{2028}[\"a\",\u{2028}\"b\"]", "\"aws:SourceVpce\":\u{0085}\"vpce-1\"",
        "\"aws:SourceVpce\":\u{0B}\"vpce-1\"",
        // a character that is not white space: zero-width space
        "\"aws:SourceVpce\":\u{200B}\"vpce-1\"",
        // the long s, which case folding makes an s, in the key; in a reference, the long s and the
        // Kelvin sign, which the pattern's letter classes take in when it ignores case
        "\"aws:\u{017F}ourcevpce\": \"vpce-1\"", "aws:SourceVpce = vpce_\u{017F}", "\"aws:SourceVpce\": \u{212A}",
        // no key at all, a key cut short
        #"{"Effect": "Allow"}"#, "aws:SourceVp",
    ])
    func agreesWithThePattern(_ text: String) {
        #expect(TerraformReview.sourceVpceValues(text) == Self.oracle(text))
    }

    @Test func theValuesAsWritten() {
        #expect(TerraformReview.sourceVpceValues("\"aws:SourceVpce\": [\n  \"vpce-1\",\n  \"vpce-2\"\n]") == [#"[ "vpce-1", "vpce-2" ]"#])
        #expect(TerraformReview.sourceVpceValues(#"aws:sourcevpce = aws_vpc_endpoint.api.id"#) == ["aws_vpc_endpoint.api.id"])
    }

    /// Text stitched from the pieces policies are made of: a key, what may stand between it and its
    /// value, a value, and noise around them. The scan and the pattern agree on each text.
    @Test func agreesOnStitchedText() {
        let keys = ["aws:SourceVpce", "AWS:sourceVPCE", "aws:\u{017F}ourcevpce", "aws:SourceVpc", "\"aws:SourceVpce\""]
        let glue = ["", "\"", " ", "  ", "\n", "\t", "\r\n", "\u{00A0}", "\u{2028}", "\u{0085}", "\u{0B}", "\u{200B}"]
        let separators = [":", "=", ": ", "= ", ",", ""]
        let values = [
            "\"vpce-1\"", "[\"a\",\n  \"b\"]", "aws_vpc_endpoint.e.id", "vpce_\u{017F}", "\u{212A}", "x[0].id", "\"unclosed", "[unclosed", "9", "_x",
            "\u{00E9}", "${aws_vpc_endpoint.e.id}", "[]", "\"\"",
        ]
        let noise = ["{", "}", "\"", ",", " ", "\n", "Condition", "aws:SourceVpce", "\u{212A}y", "x\u{017F}", "\u{2028}"]
        var random = SplitMix64(seed: 20_261_130, stream: 0)
        func pick(_ list: [String]) -> String { list[random.below(list.count)] }
        var withValues = 0
        for _ in 0..<3_000 {
            var text = (0..<random.below(3)).map { _ in pick(noise) }.joined()
            text += pick(keys) + pick(glue) + pick(separators) + pick(glue) + pick(values)
            text += (0..<random.below(4)).map { _ in pick(noise) }.joined()
            let oracle = Self.oracle(text)
            #expect(TerraformReview.sourceVpceValues(text) == oracle, "\(text.debugDescription)")
            if !oracle.isEmpty { withValues += 1 }
        }
        // Enough of the texts hold a condition for the comparison to mean something.
        #expect(withValues >= 500)
    }
}
