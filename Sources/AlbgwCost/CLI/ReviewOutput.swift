import Foundation

/// What `albgw-cost review` does with its findings beyond the usual outputs: SARIF for code
/// scanning (`--format sarif`) and a failing exit code for CI (`--fail-on SEVERITY`).
package struct ReviewOutput: Sendable, Equatable {
    /// `--format sarif`: print the findings as SARIF instead of the analysis.
    package var sarif = false
    /// `--fail-on`: exit 1 when a finding is at or above this severity.
    package var failOn: Finding.Severity?

    /// What `review --format` accepts: the analysis's formats and SARIF.
    package static let formats = ScenarioOptions.formats + ["sarif"]

    /// The severities `--fail-on` accepts, from the most severe.
    package static let failOnChoices: [Finding.Severity] = [.high, .medium, .low]

    package static let failOnOption = OptionSpec(
        name: "--fail-on", metavar: "SEVERITY",
        help: "exit 1 when a finding is at or above SEVERITY (high, medium or low); the output is printed in full all the same", defaultText: "never",
        choices: failOnChoices.map(\.rawValue))

    /// Why `--format sarif` is refused outside `review`, with the command that gives it.
    static let sarifOutsideReview = "--format sarif writes the findings of a Terraform review; run albgw-cost review PATH --rps N --format sarif"

    package init(sarif: Bool = false, failOn: Finding.Severity? = nil) {
        self.sarif = sarif
        self.failOn = failOn
    }

    /// Reads `--format sarif` and `--fail-on` and takes them out of `parsed`, which then holds
    /// only what the analysis reads.
    package init(_ parsed: inout ParsedArguments) throws {
        if let format = parsed.values["--format"], !Self.formats.contains(format) {
            // csv is refused later with its own reason (a review has no one list of line items): not offered.
            let offered = Self.formats.filter { $0 != "csv" }
            let hint = Suggestion.hint(for: format, in: offered)
            throw CLIError("--format '\(format)' is not allowed; \(hint)choose one of: \(offered.joined(separator: ", "))")
        }
        if parsed.values["--format"] == "sarif" {
            if parsed.values["--out"] != nil {
                throw CLIError(
                    "--out writes the design-review report and --format sarif prints the findings: drop one (albgw-cost review PATH --rps N --format sarif > review.sarif)")
            }
            sarif = true
            parsed.values["--format"] = nil
        }
        if let value = parsed.values["--fail-on"] {
            let names = Self.failOnChoices.map(\.rawValue)
            guard let severity = Finding.Severity(rawValue: value), Self.failOnChoices.contains(severity) else {
                let hint = Suggestion.hint(for: value, in: names)
                throw CLIError("--fail-on '\(value)' is not allowed; \(hint)choose one of: \(names.joined(separator: ", "))")
            }
            failOn = severity
            parsed.values["--fail-on"] = nil
        }
    }

    /// Refuses `--format sarif` (or `--format=sarif`) in `arguments` of a command other than `review`.
    static func refuseSARIF(outsideReview arguments: [String]) throws {
        let asPair = zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "sarif" }
        if asPair || arguments.contains("--format=sarif") { throw CLIError(sarifOutsideReview) }
    }

    /// The SARIF of `review`, locations relative to `workingDirectory`: a document written as it is made.
    package func sarifDocument(_ review: TerraformReviewResult, reviewing path: String, workingDirectory: String) -> JSONValue {
        SARIFRenderer.document(review, paths: Self.paths(review.files, reviewing: path, workingDirectory: workingDirectory), toolVersion: CLI.version)
    }

    /// `text` when no finding reaches `--fail-on`; otherwise a `FailedRun` that carries it.
    ///
    /// A run for CI (`--fail-on`, or SARIF for code scanning) whose code calls modules the review could
    /// not read says so on stderr, where the step's log shows it: its findings cover only the code read.
    package func finish(_ text: StandardOutput, findings: [ReviewFinding], unreadModules: [UnreadModule] = []) throws -> StandardOutput {
        let unread =
            unreadModules.isEmpty || (failOn == nil && !sarif)
            ? nil
            : "\(UnreadModule.notRead(unreadModules)), so the findings cover only the code read: \(UnreadModule.advice(unreadModules))"
        if let failOn {
            let count = findings.filter { $0.severity <= failOn }.count
            if count > 0 {
                throw FailedRun(
                    output: text,
                    message: "\(count) finding\(count == 1 ? "" : "s") at or above \(failOn.rawValue) (--fail-on \(failOn.rawValue))" + (unread.map { "; \($0)" } ?? ""))
            }
        }
        if let unread { throw FailedRun(output: text, message: "warning: " + unread, code: .success) }
        return text
    }

    // MARK: - Paths

    /// Each file name the review reports (relative to `path`: the file's own name when `path` is
    /// a file) -> its path from `workingDirectory`, symbolic links resolved (GitHub cannot show a
    /// result in a file reached through one) and never absolute.
    package static func paths(_ files: [String], reviewing path: String, workingDirectory: String) -> [String: String] {
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        let base = realPath(workingDirectory) ?? absolute(workingDirectory, in: "/")
        var paths: [String: String] = [:]
        for file in files {
            let given = directory ? URL(fileURLWithPath: path).appendingPathComponent(file).path : path
            let target = realPath(given) ?? absolute(given, in: base)
            paths[file] = relativePath(from: base, to: target)
        }
        return paths
    }

    /// The path from directory `base` to `target`, both absolute: `../` for each of `base`'s
    /// components past their common prefix, then the rest of `target`.
    package static func relativePath(from base: String, to target: String) -> String {
        let from = components(base)
        let to = components(target)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

    /// Components of an absolute path with `.` and empty ones dropped and `..` applied.
    static func components(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if !out.isEmpty { out.removeLast() }
            } else {
                out.append(String(part))
            }
        }
        return out
    }

    static func absolute(_ path: String, in directory: String) -> String { path.hasPrefix("/") ? path : directory + "/" + path }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
