/// The Terraform review's findings as SARIF 2.1.0, shaped as GitHub code scanning reads it
/// (docs.github.com, "SARIF support for code scanning"): every rule of the catalogue in
/// `tool.driver.rules`, whether or not it fired, so that a rule's `ruleIndex` never changes; one
/// result per finding, its location relative to the directory the command ran in.
///
/// `partialFingerprints` is left out: `github/codeql-action/upload-sarif` computes it from the
/// files. Regions carry a start only: SARIF then means the rest of the line (§3.30.8).
package enum SARIFRenderer {
    package static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `uriBaseId` of every location: the directory the command ran in.
    package static let sourceRoot = "%SRCROOT%"

    /// - Parameters:
    ///   - paths: each file name the findings report -> its path from the directory the command
    ///     ran in, unencoded; a file name missing from it is used as it is.
    ///   - toolVersion: `tool.driver.version`.
    package static func render(_ review: TerraformReviewResult, paths: [String: String], toolVersion: String) -> String {
        document(review, paths: paths, toolVersion: toolVersion).serialized()
    }

    /// The same document, its results made as they are written (`JSONValue.elements`): a review of a
    /// thousand designs never holds all of them beside their text.
    package static func document(_ review: TerraformReviewResult, paths: [String: String], toolVersion: String) -> JSONValue {
        let driver: JSONValue = .object([
            ("name", .string(CLI.command)),
            ("version", .string(toolVersion)),
            ("rules", .array(ReviewRule.all.map(rule))),
        ])
        let findings = review.findings
        // Each file's uri made once, not for each of its findings.
        var uris: [String: String] = [:]
        for finding in findings where uris[finding.position.file] == nil {
            uris[finding.position.file] = uri(paths[finding.position.file] ?? finding.position.file)
        }
        var members: [(String, JSONValue)] = [
            ("tool", .object([("driver", driver)])),
            (
                "originalUriBaseIds",
                .object([
                    (sourceRoot, .object([("description", .object([("text", .string("The directory albgw-cost review ran in; every uri is relative to it."))]))]))
                ])
            ),
            ("columnKind", .string("unicodeCodePoints")),
            (
                "results",
                .elements(count: findings.count) { [uris] index in
                    let finding = findings[index]
                    return result(finding, uri: uris[finding.position.file] ?? uri(paths[finding.position.file] ?? finding.position.file))
                }
            ),
        ]
        // Module calls not read: a warning of the run (SARIF §3.20.21), not a finding of the code.
        let notifications: [JSONValue] = review.unreadModules.map { module in
            .object([
                ("level", .string("warning")),
                (
                    "message",
                    .object([
                        (
                            "text",
                            .string(
                                "\(module) was not read (\(Self.why(module.reason))), so the findings cover only the code read: \(UnreadModule.advice([module]))"
                            )
                        )
                    ])
                ),
            ])
        }
        if !notifications.isEmpty {
            members.append(("invocations", .array([.object([("executionSuccessful", .bool(true)), ("toolExecutionNotifications", .array(notifications))])])))
        }
        let run = JSONValue.object(members)
        return JSONValue.object([("$schema", .string(schema)), ("version", .string("2.1.0")), ("runs", .array([run]))])
    }

    /// Why a module call was not read, in a few words.
    static func why(_ reason: UnreadModule.Reason) -> String {
        switch reason {
        case .notInstalled: "not installed"
        case .noLiteralSource: "its source is not a literal"
        case .tooDeep: "nested too deep"
        case .inAnotherFile(let file): "called in \(file), which is read only for what it declares"
        }
    }

    /// SARIF's `level`: high is an error, medium a warning, low and info notes.
    package static func level(_ severity: Finding.Severity) -> String {
        switch severity {
        case .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's `security-severity` (over 0.0 up to 10.0; 7.0 to 8.9 is shown as high, 4.0 to 6.9
    /// medium, 0.1 to 3.9 low), for rules in the security category only: GitHub treats every
    /// result of a rule that has one as a security alert.
    package static func securitySeverity(_ severity: Finding.Severity) -> String? {
        switch severity {
        case .high: "8.0"
        case .medium: "5.0"
        case .low: "2.0"
        case .info: nil
        }
    }

    /// GitHub's `problem.severity`, for the rules that are not security rules.
    static func problemSeverity(_ severity: Finding.Severity) -> String {
        switch severity {
        case .high: "error"
        case .medium: "warning"
        case .low, .info: "recommendation"
        }
    }

    static func rule(_ rule: ReviewRule) -> JSONValue {
        var properties: [(String, JSONValue)] = [("tags", .array(["terraform", "aws", rule.category.rawValue].map(JSONValue.string)))]
        if rule.category == .security, let score = securitySeverity(rule.defaultSeverity) {
            properties.append(("security-severity", .string(score)))
        } else {
            properties.append(("problem.severity", .string(problemSeverity(rule.defaultSeverity))))
        }
        return .object([
            ("id", .string(rule.id.rawValue)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.description))])),
            ("help", .object([("text", .string("\(rule.description) Fix: \(rule.fix)"))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
            ("properties", .object(properties)),
        ])
    }

    /// One result, written straight into the bytes (a review of a thousand designs has thousands):
    /// `ruleId`, `ruleIndex`, `level`, `message.text` (the finding and its fix), one location (the
    /// file's `uri` from `%SRCROOT%` and the region's start), and `properties` (severity and fix).
    static func result(_ finding: ReviewFinding, uri: String) -> JSONValue {
        typealias L = JSONValue.Lines
        return .written { out, depth in
            L.open(&out)
            L.member("ruleId", finding.id, depth: depth + 1, &out)
            L.member("ruleIndex", number: finding.rule.index, depth: depth + 1, &out)
            L.member("level", level(finding.severity), depth: depth + 1, &out)
            L.key("message", depth: depth + 1, &out)
            L.open(&out)
            L.key("text", depth: depth + 2, &out)
            L.string(finding.message, ". Fix: ", finding.fix, ".", into: &out)
            L.next(last: true, &out)
            L.closeObject(depth: depth + 1, &out)
            L.next(&out)
            L.key("locations", depth: depth + 1, &out)
            L.openArray(&out)
            L.indent(depth + 2, &out)
            L.open(&out)
            L.key("physicalLocation", depth: depth + 3, &out)
            L.open(&out)
            L.key("artifactLocation", depth: depth + 4, &out)
            L.open(&out)
            L.member("uri", uri, depth: depth + 5, &out)
            L.member("uriBaseId", sourceRoot, depth: depth + 5, last: true, &out)
            L.closeObject(depth: depth + 4, &out)
            L.next(&out)
            L.key("region", depth: depth + 4, &out)
            L.open(&out)
            L.member("startLine", number: finding.position.line, depth: depth + 5, &out)
            L.member("startColumn", number: finding.position.column, depth: depth + 5, last: true, &out)
            L.closeObject(depth: depth + 4, &out)
            L.next(last: true, &out)
            L.closeObject(depth: depth + 3, &out)
            L.next(last: true, &out)
            L.closeObject(depth: depth + 2, &out)
            L.next(last: true, &out)
            L.closeArray(depth: depth + 1, &out)
            L.next(&out)
            L.key("properties", depth: depth + 1, &out)
            L.open(&out)
            L.member("severity", finding.severity.rawValue, depth: depth + 2, &out)
            L.member("fix", finding.fix, depth: depth + 2, last: true, &out)
            L.closeObject(depth: depth + 1, &out)
            L.next(last: true, &out)
            L.closeObject(depth: depth, &out)
        }
    }

    /// A relative path as an RFC 3986 relative reference: `/` separates segments; every byte of
    /// the UTF-8 outside the unreserved set (letters, digits, `-._~`) is percent-encoded, `:` and
    /// `%` included, so that no segment reads as a scheme or an escape.
    package static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%"
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return out
    }
}
