/// The Terraform review as text: what the code implements (each design instance with the facts
/// read), the warnings and unknowns, and the findings, before the usual analysis.
package enum ReviewRenderer {
    /// With `width` (inside the analysis, whose text wraps at COLUMNS), the facts table is fitted to it
    /// as a table, its cells wrapped on their own lines; without, it is printed whole.
    package static func text(_ review: TerraformReviewResult, width: Int? = nil) -> String { segments(review, width: width).joined() }

    /// What `text` joins: its lines in pieces, each ending with a line end (a review of a thousand
    /// instances gives a piece for each range of 64 instances and of 512 findings).
    package static func segments(_ review: TerraformReviewResult, width: Int? = nil) -> [String] { pieces(review, width: width) { $0 } }

    /// The text of `segments`, each piece wrapped at `width` by the core that writes it
    /// (`TextWrap.pieces(freeing:width:)`): the table output of a large review in one pass. The facts
    /// tables are written as printed, not marked and passed through the wrapping.
    package static func wrappedPieces(_ review: TerraformReviewResult, width: Int) -> [[UInt8]] {
        let designs = review.designs, costs = review.costs
        let several = designs.count > 1
        return pieces(
            review,
            designs: { range -> [[UInt8]]? in
                var out: [UInt8] = []
                for index in range {
                    let recognition = designs[index]
                    TextWrap.appendLines(heading(recognition, index: index, cost: index < costs.count ? costs[index] : nil, several: several), width: width, into: &out)
                    guard let table = factsTable(recognition) else { continue }
                    if table.hasLineEnd {
                        TextWrap.appendLines(table.render(indent: factsIndent(several: several), width: width), width: width, into: &out)
                    } else {
                        table.write(indent: factsIndent(several: several), width: width, marked: false, into: &out)
                    }
                }
                return out.isEmpty ? nil : [out]
            },
            findings: { findings -> [[UInt8]]? in
                // Each finding's line made in bytes and wrapped into the piece at once: no text of them
                // is made to be wrapped afterwards.
                var out: [UInt8] = [], line: [UInt8] = []
                for finding in findings {
                    line.removeAll(keepingCapacity: true)
                    appendLine(finding, into: &line)
                    TextWrap.appendLines(line, width: width, into: &out)
                }
                return out.isEmpty ? nil : [out]
            }
        ) { TextWrap.pieces(freeing: &$0, width: width) }.flatMap { $0 }
    }

    /// The line that names an instance (of several) or the design (of one), with what it costs when priced.
    static func heading(_ recognition: Recognition, index: Int, cost: InstanceCost?, several: Bool) -> String {
        several
            ? "  \(index + 1). \(recognition.front ?? "?"): \(recognition.design?.rawValue ?? "none of the designs")\(cost.map { " at \(money($0))" } ?? "") (\(recognition.explanation))\n"
            : "  Design: \(recognition.design?.rawValue ?? "none of the designs") (\(recognition.explanation))\n"
    }

    /// What was read from the code for an instance, as a table; nil when nothing was.
    static func factsTable(_ recognition: Recognition) -> TextTable? {
        guard !recognition.facts.isEmpty else { return nil }
        var table = TextTable([("Read from the code", .left), ("Value", .left), ("Where", .left)])
        for fact in recognition.facts { table.add([fact.name, fact.value, fact.position?.description ?? "-"]) }
        table.unbreakable = [2]
        return table
    }

    static func factsIndent(several: Bool) -> String { several ? "     " : "  " }

    /// The text in pieces, each ending a line, made into what `finish` makes of it where it is written;
    /// empty pieces left out.
    private static func pieces<T: Sendable>(_ review: TerraformReviewResult, width: Int?, _ finish: @Sendable (inout String) -> T) -> [T] {
        let designs = review.designs, costs = review.costs
        let several = designs.count > 1
        return pieces(
            review,
            designs: { range -> T? in
                var out = ""
                for index in range {
                    let recognition = designs[index]
                    out += heading(recognition, index: index, cost: index < costs.count ? costs[index] : nil, several: several)
                    guard let table = factsTable(recognition) else { continue }
                    let indent = factsIndent(several: several)
                    out += width.map { table.render(indent: indent, width: $0) } ?? table.render(indent: indent)
                }
                return out.isEmpty ? nil : finish(&out)
            },
            findings: { findings -> T? in
                var bytes: [UInt8] = []
                for finding in findings { appendLine(finding, into: &bytes) }
                var out = String(decoding: bytes, as: UTF8.self)
                return out.isEmpty ? nil : finish(&out)
            }, finish)
    }

    /// A finding's line of the text: `  [high] main.tf:12:3: message. Fix: fix.` and its line end.
    static func appendLine(_ finding: ReviewFinding, into out: inout [UInt8]) {
        out += "  [".utf8
        out += finding.severity.rawValue.utf8
        out += "] ".utf8
        out += finding.position.file.utf8
        out.append(UInt8(ascii: ":"))
        out += String(finding.position.line).utf8
        out.append(UInt8(ascii: ":"))
        out += String(finding.position.column).utf8
        out += ": ".utf8
        out += finding.message.utf8
        out += ". Fix: ".utf8
        out += finding.fix.utf8
        out += ".\n".utf8
    }

    /// The text in pieces: the heading, what `designs` makes of each range of 64 instances, the notes,
    /// and what `findings` makes of each range of 512 findings, the rest made into what `finish` makes
    /// of it; empty pieces left out.
    private static func pieces<T: Sendable>(
        _ review: TerraformReviewResult, designs describe: @Sendable (Range<Int>) -> T?, findings list: @Sendable (ArraySlice<ReviewFinding>) -> T?,
        _ finish: @Sendable (inout String) -> T
    ) -> [T] {
        var segments: [T] = []
        func add(_ text: inout String) { if !text.isEmpty { segments.append(finish(&text)) } }
        var out = "Terraform review of \(review.files.joined(separator: ", "))\n"
        if review.designs.count > 1 { out += "  Designs: \(review.designs.count) instances\n" }
        add(&out)
        // Each instance's lines stand alone: a review of a thousand instances writes them on every
        // core, ranges of them taken as cores are free, each range's text a piece of its own (the
        // text is never joined into one more copy).
        let described = Parallel.ranges(count: review.designs.count, chunk: 64, describe)
        segments += described.compactMap { $0 }
        out = ""
        for warning in review.warnings { out += "  Warning: \(warning)\n" }
        for unknown in unknowns(review) { out += "  Unknown: \(unknown)\n" }
        out += review.findings.isEmpty ? "  Findings: none\n" : "  Findings (\(review.findings.count)):\n"
        add(&out)
        let listed = Parallel.ranges(count: review.findings.count, chunk: 512) { [findings = review.findings] range in list(findings[range]) }
        segments += listed.compactMap { $0 }
        return segments
    }

    /// An instance's design priced in its own scenario: `$136.45/month ($1.0384 per 1M requests)`.
    static func money(_ cost: InstanceCost) -> String {
        (cost.complete ? "" : "at least ") + "\(Format.money(cost.monthly))/month (\(Format.money4(cost.perMillionRequests)) per 1M requests)"
            + (cost.feasible ? "" : ", cannot carry the workload")
    }

    /// The configuration's unknowns, then every instance's own, each once.
    static func unknowns(_ review: TerraformReviewResult) -> [String] {
        var seen: Set<String> = []
        return (review.unknowns + review.designs.flatMap(\.unknowns)).filter { seen.insert($0).inserted }
    }

    /// The review's Markdown section in UTF-8 pieces: the heading, each range of 64 instances (made on
    /// every core for a review of a thousand), the notes, and each range of 512 findings. A large
    /// review's Markdown is megabytes: written a piece at a time, each freed once written, it is never
    /// joined into one more copy.
    package static func markdownPieces(_ review: TerraformReviewResult) -> [[UInt8]] {
        let designs = review.designs, costs = review.costs, findings = review.findings
        let several = designs.count > 1, unread = !review.unreadModules.isEmpty
        var pieces = [Array("## Terraform review\n\nFiles: \(review.files.map { "`\($0)`" }.joined(separator: ", ")).\n\n".utf8)]
        pieces += Parallel.ranges(count: designs.count, chunk: 64) { range -> [UInt8] in
            var out = ""
            for index in range {
                let recognition = designs[index], cost = index < costs.count ? costs[index] : nil
                if several { out += "### Design \(index + 1) of \(designs.count): `\(recognition.front ?? "?")`\n\n" }
                out +=
                    "The code\(recognition.design == nil && unread ? " read" : "") implements **\(recognition.design?.rawValue ?? "none of the designs")**\(cost.map { " (\(money($0)))" } ?? ""): \(recognition.explanation).\n\n"
                if !recognition.facts.isEmpty {
                    out +=
                        MarkdownRenderer.table(["Read from the code", "Value", "Where"], recognition.facts.map { [$0.name, $0.value, $0.position.map { "`\($0)`" } ?? "-"] }) + "\n"
                }
            }
            return Array(out.utf8)
        }
        var out = several ? "### Findings\n\n" : ""
        let notes = review.warnings.map { "- Warning: \(MarkdownRenderer.prose($0))\n" } + unknowns(review).map { "- Unknown: \(MarkdownRenderer.prose($0))\n" }
        if !notes.isEmpty { out += notes.joined() + "\n" }
        out += findings.isEmpty ? "No review findings.\n" : "Findings, most severe first:\n\n"
        pieces.append(Array(out.utf8))
        pieces += Parallel.ranges(count: findings.count, chunk: 512) { range -> [UInt8] in
            var out = ""
            for finding in findings[range] {
                out += "- **[\(finding.severity.rawValue)]** `\(finding.position)`: \(MarkdownRenderer.prose(finding.message)). Fix: \(MarkdownRenderer.prose(finding.fix)).\n"
            }
            return Array(out.utf8)
        }
        return pieces.filter { !$0.isEmpty }
    }

    package static func json(_ review: TerraformReviewResult) -> JSONValue {
        @Sendable func facts(_ recognition: Recognition) -> JSONValue {
            .array(
                recognition.facts.map { fact in
                    .record([("name", .string(fact.name)), ("value", .string(fact.value)), ("where", fact.position.map { .string($0.description) } ?? .null)])
                })
        }
        let recognition = review.recognition
        @Sendable func design(_ recognition: Recognition, cost: InstanceCost?) -> JSONValue {
            .object([
                ("design", recognition.design.map { .string($0.rawValue) } ?? .null),
                ("front", recognition.front.map(JSONValue.string) ?? .null),
                ("explanation", .string(recognition.explanation)),
                ("facts", facts(recognition)),
                ("unknowns", .array(recognition.unknowns.map(JSONValue.string))),
                (
                    "cost",
                    cost.map { cost in
                        .object([
                            ("monthlyCost", .number(cost.monthly)), ("costPerMillionRequests", .number(cost.perMillionRequests)), ("complete", .bool(cost.complete)),
                            ("feasible", .bool(cost.feasible)), ("analysis", .number(ExactDecimal(cost.analysis))),
                        ])
                    } ?? .null
                ),
            ])
        }
        // Each instance's and each finding's document is made as it is written (on every core for a
        // review of many), and freed once written.
        let instances = review.designs, costs = review.costs, findings = review.findings
        return .object([
            ("files", .array(review.files.map(JSONValue.string))),
            // The first instance's fields stay at the top for readers of schema version 1.
            ("design", recognition.design.map { .string($0.rawValue) } ?? .null),
            ("explanation", .string(recognition.explanation)),
            ("facts", facts(recognition)),
            ("unknowns", .array(unknowns(review).map(JSONValue.string))),
            ("designs", .elements(count: instances.count) { index in design(instances[index], cost: index < costs.count ? costs[index] : nil) }),
            ("warnings", .array(review.warnings.map(JSONValue.string))),
            (
                "findings",
                .elements(count: findings.count) { index in
                    let finding = findings[index]
                    return .record([
                        ("id", .string(finding.id)), ("severity", .string(finding.severity.rawValue)), ("file", .string(finding.position.file)),
                        ("line", .number(.init(finding.position.line))), ("column", .number(.init(finding.position.column))),
                        ("message", .string(finding.message)), ("fix", .string(finding.fix)),
                    ])
                }
            ),
        ])
    }
}
