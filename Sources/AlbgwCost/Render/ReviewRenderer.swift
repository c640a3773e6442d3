/// The Terraform review as text: what the code implements, the facts read, the unknowns and the
/// findings, before the usual analysis.
package enum ReviewRenderer {
    package static func text(_ review: TerraformReviewResult) -> String {
        let recognition = review.recognition
        var out = "Terraform review of \(review.files.joined(separator: ", "))\n"
        out += "  Design: \(recognition.design?.rawValue ?? "none of the designs") (\(recognition.explanation))\n"
        if !recognition.facts.isEmpty {
            var table = TextTable([("Read from the code", .left), ("Value", .left), ("Where", .left)])
            for fact in recognition.facts { table.add([fact.name, fact.value, fact.position?.description ?? "-"]) }
            out += table.render(indent: "  ")
        }
        for unknown in recognition.unknowns { out += "  Unknown: \(unknown)\n" }
        out += review.findings.isEmpty ? "  Findings: none\n" : "  Findings (\(review.findings.count)):\n"
        for finding in review.findings {
            out += "  [\(finding.severity.rawValue)] \(finding.position): \(finding.message). Fix: \(finding.fix).\n"
        }
        return out
    }

    package static func markdown(_ review: TerraformReviewResult) -> String {
        let recognition = review.recognition
        var out = "## Terraform review\n\n"
        out +=
            "Files: \(review.files.map { "`\($0)`" }.joined(separator: ", ")). The code implements **\(recognition.design?.rawValue ?? "none of the designs")**: \(recognition.explanation).\n\n"
        if !recognition.facts.isEmpty {
            out += MarkdownRenderer.table(["Read from the code", "Value", "Where"], recognition.facts.map { [$0.name, $0.value, $0.position.map { "`\($0)`" } ?? "-"] }) + "\n"
        }
        if !recognition.unknowns.isEmpty { out += recognition.unknowns.map { "- Unknown: \($0)\n" }.joined() + "\n" }
        out +=
            review.findings.isEmpty
            ? "No review findings.\n"
            : MarkdownRenderer.table(["Severity", "Where", "Finding", "Fix"], review.findings.map { [$0.severity.rawValue, "`\($0.position)`", $0.message, $0.fix] })
        return out
    }

    package static func json(_ review: TerraformReviewResult) -> JSONValue {
        let recognition = review.recognition
        return .object([
            ("files", .array(review.files.map(JSONValue.string))),
            ("design", recognition.design.map { .string($0.rawValue) } ?? .null),
            ("explanation", .string(recognition.explanation)),
            (
                "facts",
                .array(
                    recognition.facts.map { fact in
                        .object([("name", .string(fact.name)), ("value", .string(fact.value)), ("where", fact.position.map { .string($0.description) } ?? .null)])
                    })
            ),
            ("unknowns", .array(recognition.unknowns.map(JSONValue.string))),
            (
                "findings",
                .array(
                    review.findings.map { finding in
                        .object([
                            ("id", .string(finding.id)), ("severity", .string(finding.severity.rawValue)), ("file", .string(finding.position.file)),
                            ("line", .number(.init(finding.position.line))), ("column", .number(.init(finding.position.column))),
                            ("message", .string(finding.message)), ("fix", .string(finding.fix)),
                        ])
                    })
            ),
        ])
    }
}
