import Foundation
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

    /// Text stitched from the pieces policies are made of, in every order: the scan and the pattern
    /// agree on each of them.
    @Test func agreesOnStitchedText() {
        let pieces = [
            "aws:SourceVpce", "AWS:sourceVPCE", "aws:SourceVpc", "\"", ":", "=", " ", "\n", "\t", "\u{00A0}", "[", "]", "\"vpce-1\"", "vpce", "_x", "9",
            "aws_vpc_endpoint.e.id", ".", ",", "{", "}", "é", "\u{2028}", "\u{0085}", "\u{0B}", "\u{200B}", "\u{017F}", "\u{212A}", "x\u{017F}", "\u{212A}y",
        ]
        var generator = SeededGenerator(seed: 20_261_130)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(TerraformReview.sourceVpceValues(text) == Self.oracle(text), "\(text.debugDescription)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so the stitched texts are the same every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
