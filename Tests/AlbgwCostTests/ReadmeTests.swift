import Foundation
import Testing
@testable import AlbgwCost

/// Every README block that shows output is the tool's real output. A block is marked
/// `<!-- output: ARGS | from: LINE | until: LINE -->` and followed by a ```text fence: the output of
/// `albgw-cost ARGS` from the first line that starts with `from` (default: the first line) up to the
/// line that starts with `until` (default: the end), blank lines at its end dropped.
/// `Scripts/refresh-readme` rewrites the blocks with the same rule.
@Suite struct ReadmeTests {
    struct Example {
        var arguments: [String]
        var from: String?
        var until: String?
        var block: String
    }

    static func examples() throws -> [Example] {
        let readme = try String(contentsOfFile: repositoryPath("README.md"), encoding: .utf8)
        var examples: [Example] = []
        var rest = readme[...]
        while let open = rest.range(of: "<!-- output: ") {
            guard let close = rest[open.upperBound...].range(of: " -->\n```text\n") else { break }
            let parts = rest[open.upperBound..<close.lowerBound].components(separatedBy: " | ")
            let end = rest[close.upperBound...].range(of: "```")!
            var example = Example(
                arguments: parts[0].split(separator: " ").map { $0.hasPrefix("Tests/") ? repositoryPath(String($0)) : String($0) }, from: nil, until: nil,
                block: String(rest[close.upperBound..<end.lowerBound]))
            for part in parts.dropFirst() {
                if part.hasPrefix("from: ") { example.from = String(part.dropFirst(6)) }
                if part.hasPrefix("until: ") { example.until = String(part.dropFirst(7)) }
            }
            examples.append(example)
            rest = rest[end.upperBound...]
        }
        return examples
    }

    /// The lines of `output` the marker selects, as the README shows them.
    static func excerpt(_ output: String, from: String?, until: String?) -> String {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let from, let start = lines.firstIndex(where: { $0.hasPrefix(from) }) { lines = Array(lines[start...]) }
        if let until, let end = lines.dropFirst().firstIndex(where: { $0.hasPrefix(until) }) { lines = Array(lines[..<end]) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func everyOutputBlockIsRealOutput() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 3, "README.md lost its output examples")
        for example in examples {
            let result = CLI.run(example.arguments)
            #expect(result.exitCode == 0, "\(example.arguments.joined(separator: " ")): \(result.stderr)")
            let expected = Self.excerpt(result.stdout, from: example.from, until: example.until)
            #expect(example.block == expected, "README.md's block for `\(example.arguments.joined(separator: " "))` is stale: run Scripts/refresh-readme")
        }
    }

    @Test func excerptRule() {
        let output = "a\nb\n\nc\nd\n"
        #expect(Self.excerpt(output, from: nil, until: "c") == "a\nb\n")
        #expect(Self.excerpt(output, from: "b", until: "d") == "b\n\nc\n")
        #expect(Self.excerpt(output, from: "c", until: nil) == "c\nd\n")
    }
}
