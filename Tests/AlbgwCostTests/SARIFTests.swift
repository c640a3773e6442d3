import Foundation
import Testing
@testable import AlbgwCost

/// `albgw-cost review PATH --format sarif` and `--fail-on`: every output is checked against the
/// SARIF 2.1.0 requirements written out below (OASIS SARIF 2.1.0, and what GitHub code scanning
/// requires of an upload), never against the renderer's own constants.
@Suite struct SARIFTests {
    static let fixtures = TerraformReviewTests.fixtures
    static let seeds = TerraformReviewTests.seeds

    /// Every finding id the review can emit: an interface that code scanning matches alerts by.
    static let allIDs: Set<String> = [
        "endpoint-fewer-subnets", "endpoint-one-az", "missing-access-association", "access-association-endpoint", "domain-policy", "cname-to-alb",
        "partial-registration", "weak-tls-policy", "private-dns", "public-cidr", "deprecated-runtime", "lambda-memory-range", "shared-open-security-group", "host-header",
        "health-check-protocol", "health-check-403", "source-vpce", "undeclared-reference", "invalid-index", "variable-validation",
        "health-check-matcher", "target-group-protocol", "missing-base-path-mapping", "endpoint-outside-alb-azs",
    ]

    /// SARIF 2.1.0 `result.level` (§3.27.10) and GitHub's `defaultConfiguration.level`.
    static let resultLevels: Set<String> = ["none", "note", "warning", "error"]
    static let ruleLevels: Set<String> = ["note", "warning", "error"]
    /// The mapping asked for: high is an error, medium a warning, low (and info) a note.
    static let expectedLevel = ["high": "error", "medium": "warning", "low": "note", "info": "note"]

    // MARK: - Inputs

    /// The paths reviewed: each fixture file, a root module with a local module, the seeds. (The
    /// fixture directory as a whole declares aws_lb.api twice: Terraform's error, exit 65.)
    static var inputs: [String] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        return files.map { "\(fixtures)/\($0)" } + ["\(fixtures)/modules/alb-module", "\(seeds)/tutorial", "\(seeds)/blog"]
    }

    /// Mutations of the fixtures that raise the findings the seeds do not.
    static let mutations: [(fixture: String, from: String, to: String, id: String)] = [
        ("good-private-api.tf", "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08", "weak-tls-policy"),
        ("good-private-api.tf", "count            = 2", "count            = 1", "partial-registration"),
        ("good-private-api.tf", "memory_size   = 256", "memory_size   = 20480", "lambda-memory-range"),
        ("good-private-api.tf", "endpoint[count.index].private_ip", "endpoint[2].private_ip", "invalid-index"),
        // A variable whose default its validation refuses, declared before the function.
        (
            "good-private-api.tf", "resource \"aws_lambda_function\"",
            "variable \"stage\" {\n  default = \"\"\n  validation {\n    condition     = length(var.stage) > 0\n    error_message = \"Name the stage.\"\n  }\n}\n\nresource \"aws_lambda_function\"",
            "variable-validation"
        ),
        ("good-private-api.tf", "matcher  = \"200,403\"", "matcher  = \"200\"", "health-check-matcher"),
        ("good-private-api.tf", "port             = 443", "port             = 80", "target-group-protocol"),
        // The ALB in 2a alone: the endpoint's ENI in 2b gets no traffic.
        ("good-private-api.tf", "subnets            = [aws_subnet.a.id, aws_subnet.b.id]", "subnets            = [aws_subnet.a.id]", "endpoint-outside-alb-azs"),
        ("private-custom-domain.tf", "subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "subnet_ids          = [aws_subnet.a.id]", "endpoint-one-az"),
        ("private-custom-domain.tf", "resource \"aws_api_gateway_base_path_mapping\"", "resource \"aws_ssm_parameter\"", "missing-base-path-mapping"),
        ("private-custom-domain.tf", "resource \"aws_api_gateway_domain_name_access_association\"", "resource \"aws_ssm_parameter\"", "missing-access-association"),
        ("private-custom-domain.tf", "\"aws:SourceVpce\" = [aws_vpc_endpoint.execute_api.id]", "\"aws:SourceVpce\" = []", "domain-policy"),
        // An association with a gateway endpoint (S3), added after the last line.
        (
            "private-custom-domain.tf", "access_association_source      = aws_vpc_endpoint.execute_api.id",
            "access_association_source      = aws_vpc_endpoint.gateway.id", "access-association-endpoint"
        ),
    ]
    static let gateway = "\nresource \"aws_vpc_endpoint\" \"gateway\" {\n  vpc_id       = aws_vpc.main.id\n  service_name = \"com.amazonaws.eu-west-1.s3\"\n}\n"

    /// Writes a mutation of `fixture` as `main.tf` in a new directory whose name has a space and a
    /// non-ASCII letter (so that the uri needs percent-encoding), and returns that directory.
    func mutated(_ fixture: String, from: String, to: String) throws -> String {
        let text = try String(contentsOfFile: "\(Self.fixtures)/\(fixture)", encoding: .utf8)
        #expect(text.contains(from), "the mutation does not apply")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw sarif-\(UUID().uuidString)/my infrá")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let mutated = text.replacingOccurrences(of: from, with: to) + (to.contains("aws_vpc_endpoint.gateway") ? Self.gateway : "")
        try mutated.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        return directory.path
    }

    func removeMutation(_ directory: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: directory).deletingLastPathComponent().path)
    }

    func sarif(_ path: String, _ extra: [String] = []) -> CLI.Result {
        CLI.run(["review", path, "--rps", "50", "--format", "sarif"] + extra)
    }

    // MARK: - The checks of the format

    /// UpperCamelCase of an id, as the rule's `name` should be: `health-check-403` -> `HealthCheck403`.
    static func upperCamel(_ id: String) -> String {
        id.split(separator: "-").map { word in word.prefix(1).uppercased() + word.dropFirst() }.joined()
    }

    /// Percent-decodes an RFC 3986 path, failing on anything a path may not hold unencoded.
    static func decodedPath(_ uri: String) -> String? {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let allowed = unreserved.union(CharacterSet(charactersIn: "/%!$&'()*+,;=:@"))
        guard uri.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return nil }
        return uri.removingPercentEncoding
    }

    /// Checks `text` against SARIF 2.1.0 and GitHub's requirements for code scanning uploads, and
    /// returns the parsed log.
    @discardableResult
    func check(_ text: String, reviewing path: String) throws -> [String: Any] {
        #expect(text.hasSuffix("}\n"), "SARIF output ends in a newline")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        // sarifLog (§3.13): version and runs are required; GitHub also requires $schema.
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        // run.tool.driver (§3.14.6, §3.18.2): a toolComponent with a name.
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "albgw-cost")
        #expect(driver["version"] as? String == CLI.version)
        if let information = driver["informationUri"] as? String { #expect(URL(string: information)?.scheme == "https") }
        // rules (§3.19.23, reportingDescriptor §3.49): unique ids; GitHub requires shortDescription,
        // fullDescription (1,024 characters at most) and help.text, and limits name to 255.
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.count == rules.count && Set(ids).count == ids.count, "rule ids are present and unique")
        #expect(Set(ids) == Self.allIDs, "every rule is listed, whether or not it fired")
        for rule in rules {
            let id = rule["id"] as? String ?? ""
            #expect(rule["name"] as? String == Self.upperCamel(id))
            for key in ["shortDescription", "fullDescription", "help"] {
                let text = (rule[key] as? [String: Any])?["text"] as? String ?? ""
                #expect(!text.isEmpty && text.count <= (key == "help" ? Int.max : 1024), "\(id).\(key).text")
            }
            let level = ((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String) ?? ""
            #expect(Self.ruleLevels.contains(level), "\(id): defaultConfiguration.level \(level)")
            let properties = try #require(rule["properties"] as? [String: Any])
            let tags = try #require(properties["tags"] as? [String])
            #expect(!tags.isEmpty && Set(tags).count == tags.count)
            // GitHub: security-severity is a string holding a score above 0.0 up to 10.0, for
            // rules tagged security.
            if let score = properties["security-severity"] {
                let value = (score as? String).flatMap(Double.init) ?? 0
                #expect(value > 0 && value <= 10, "\(id): security-severity \(score)")
                #expect(tags.contains("security"))
            }
        }
        // results (§3.14.23, result §3.27).
        let results = try #require(run["results"] as? [[String: Any]])
        if !results.isEmpty {
            // §3.14.27: a run with results from text files states its column unit.
            #expect(["utf16CodeUnits", "unicodeCodePoints"].contains(run["columnKind"] as? String ?? ""))
        }
        let workingDirectory = FileManager.default.currentDirectoryPath
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(index >= 0 && index < rules.count && rules[index]["id"] as? String == ruleID, "ruleIndex points at the rule")
            #expect(Self.resultLevels.contains(result["level"] as? String ?? ""))
            let message = try #require((result["message"] as? [String: Any])?["text"] as? String)
            #expect(!message.isEmpty)
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect((1...10).contains(locations.count), "GitHub takes 1 to 10 locations")
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            // A relative reference: no scheme, not absolute, nothing left unencoded.
            #expect(!uri.hasPrefix("/") && URL(string: uri)?.scheme == nil && !uri.hasPrefix("./"), "\(uri)")
            let relative = try #require(Self.decodedPath(uri), "\(uri) holds characters RFC 3986 does not allow in a path")
            let resolved = URL(fileURLWithPath: workingDirectory).appendingPathComponent(relative).path
            #expect(FileManager.default.fileExists(atPath: resolved), "\(uri) from \(workingDirectory)")
            let region = try #require(physical["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
            #expect((region["startColumn"] as? Int ?? 0) >= 1)
            // The file is one of those reviewed.
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory))
            let reviewed = isDirectory.boolValue ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
            #expect(
                URL(fileURLWithPath: resolved).resolvingSymlinksInPath().deletingLastPathComponent().path
                    == URL(fileURLWithPath: reviewed).resolvingSymlinksInPath().path)
        }
        return log
    }

    /// The review's findings as the JSON format reports them: severity, message, fix, file, line.
    func jsonFindings(_ path: String) throws -> [[String: Any]] {
        let json = CLI.run(["review", path, "--rps", "50", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        return try #require((object["terraform"] as? [String: Any])?["findings"] as? [[String: Any]])
    }

    /// One result per finding, in the same order, with its level, message and fix.
    func checkResults(_ log: [String: Any], against findings: [[String: Any]]) throws {
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.count == findings.count)
        for (result, finding) in zip(results, findings) {
            let severity = finding["severity"] as? String ?? ""
            let fix = finding["fix"] as? String ?? ""
            #expect(result["ruleId"] as? String == finding["id"] as? String)
            #expect(result["level"] as? String == Self.expectedLevel[severity])
            #expect((result["message"] as? [String: Any])?["text"] as? String == "\(finding["message"] as? String ?? ""). Fix: \(fix).")
            #expect((result["properties"] as? [String: Any])?["fix"] as? String == fix)
            let region = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
            #expect(region?["startLine"] as? Int == finding["line"] as? Int)
            #expect(region?["startColumn"] as? Int == finding["column"] as? Int)
        }
    }

    // MARK: - Tests

    @Test(arguments: inputs)
    func fixturesGiveValidSARIF(path: String) throws {
        let result = sarif(path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let log = try check(result.stdout, reviewing: path)
        try checkResults(log, against: try jsonFindings(path))
        // Deterministic: byte-identical run to run.
        #expect(sarif(path).stdout == result.stdout)
    }

    @Test(arguments: mutations.map { [$0.fixture, $0.from, $0.to, $0.id] })
    func mutationsGiveValidSARIF(mutation: [String]) throws {
        let directory = try mutated(mutation[0], from: mutation[1], to: mutation[2])
        defer { removeMutation(directory) }
        let result = sarif(directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let log = try check(result.stdout, reviewing: directory)
        try checkResults(log, against: try jsonFindings(directory))
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.contains { $0["ruleId"] as? String == mutation[3] }, "\(results.map { $0["ruleId"] ?? "" })")
        // The directory's space and non-ASCII letter are percent-encoded (UTF-8 of "á" is C3 A1).
        for result in results {
            let uri = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]).flatMap {
                ($0["artifactLocation"] as? [String: Any])?["uri"] as? String
            }
            #expect(uri?.hasSuffix("/my%20infr%C3%A1/main.tf") == true, "\(uri ?? "no uri")")
        }
    }

    /// SARIF prints no analysis, and a review without traffic prints none either; both still check
    /// the analysis options as the table with --rps does: a typo in a CI step fails (exit 64, the same
    /// line). The region the code names needs no price table for a review.
    @Test(arguments: [
        (["--format", "sarif", "--rps", "abc"], "albgw-cost: error: --rps 'abc' is not a number; write plain digits such as 50 or 0.5\n"),
        (["--format", "sarif", "--rps", "50", "--azs", "9"], "albgw-cost: error: --azs must be from 2 to 6 (an ALB needs subnets in at least two AZs), got 9\n"),
        (["--region", "mars"], "albgw-cost: error: --region 'mars' has no price table in the bundled price tables; choose one of: "),
    ])
    func runsWithoutAnAnalysisCheckItsOptions(options: [String], message: String) {
        let path = "\(Self.fixtures)/alb-lambda.tf"
        let run = CLI.run(["review", path] + options)
        #expect(run.exitCode == 64 && run.stdout.isEmpty && run.stderr.hasPrefix(message), "\(run.stderr)")
        if options.contains("--rps") {
            let table = CLI.run(["review", path] + options.filter { $0 != "--format" && $0 != "sarif" })
            #expect(table.exitCode == 64 && table.stderr == run.stderr)
        }
        #expect(CLI.run(["review", path, "--format", "sarif"]).exitCode == 0)
    }

    /// Every id the review emits on the fixtures and their mutations has a rule, every severity is
    /// one the rule declares, and together they cover the whole catalogue.
    @Test func everyEmittedIDHasItsRule() throws {
        var emitted: Set<String> = []
        for path in Self.inputs {
            let config = try TerraformLoader.load(path, variables: [:])
            let findings = TerraformReview.review(config, recognition: DesignRecognizer.recognize(config))
            for finding in findings {
                #expect(finding.rule.rule.severities.contains(finding.severity), "\(finding.id) at \(finding.severity)")
                emitted.insert(finding.id)
            }
        }
        for mutation in Self.mutations {
            let directory = try mutated(mutation.fixture, from: mutation.from, to: mutation.to)
            defer { removeMutation(directory) }
            let config = try TerraformLoader.load(directory, variables: [:])
            for finding in TerraformReview.review(config, recognition: DesignRecognizer.recognize(config)) {
                #expect(finding.rule.rule.severities.contains(finding.severity), "\(finding.id) at \(finding.severity)")
                emitted.insert(finding.id)
            }
        }
        #expect(emitted == Self.allIDs, "not emitted: \(Self.allIDs.subtracting(emitted).sorted())")
        #expect(Set(ReviewRuleID.allCases.map(\.rawValue)) == Self.allIDs)
        #expect(ReviewRule.all.map(\.id) == ReviewRuleID.allCases)
    }

    /// The tutorial's listener policy, found in the file by hand: line and column of its value.
    @Test func knownFindingHasItsLineAndColumn() throws {
        let path = "\(Self.seeds)/tutorial"
        let text = try String(contentsOfFile: "\(path)/main.tf", encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let lineIndex = try #require(lines.firstIndex { $0.contains("ssl_policy") && $0.contains("ELBSecurityPolicy-2016-08") })
        let line = lines[lineIndex]
        let quote = try #require(line.range(of: "\"ELBSecurityPolicy-2016-08\""))
        let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: quote.lowerBound.samePosition(in: line.unicodeScalars)!) + 1

        let log = try check(sarif(path).stdout, reviewing: path)
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let weak = try #require(results.first { $0["ruleId"] as? String == "weak-tls-policy" })
        #expect(weak["level"] as? String == "warning")
        let physical = try #require((weak["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == lineIndex + 1)
        #expect(region["startColumn"] as? Int == column)
        let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
        #expect(uri.hasSuffix("tutorial/main.tf"))
        let message = try #require((weak["message"] as? [String: Any])?["text"] as? String)
        #expect(message.contains("ELBSecurityPolicy-2016-08") && message.contains(". Fix: ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\""))
    }

    /// A result is written straight into the bytes: byte for byte what SARIF 2.1.0's result object
    /// serialises to as a document of nested values (written out here), whatever its message and fix
    /// hold, alone and among 600 (a long array is written in pieces on every core).
    @Test func resultsAreWrittenAsTheirObjectsSerialise() {
        func object(_ finding: ReviewFinding, uri: String) -> JSONValue {
            let level = ["high": "error", "medium": "warning"][finding.severity.rawValue] ?? "note"
            let region = JSONValue.object([("startLine", .number(ExactDecimal(finding.position.line))), ("startColumn", .number(ExactDecimal(finding.position.column)))])
            let location = JSONValue.object([
                ("artifactLocation", .object([("uri", .string(uri)), ("uriBaseId", .string("%SRCROOT%"))])), ("region", region),
            ])
            return .object([
                ("ruleId", .string(finding.rule.rawValue)), ("ruleIndex", .number(ExactDecimal(finding.rule.index))), ("level", .string(level)),
                ("message", .object([("text", .string(finding.message + ". Fix: " + finding.fix + "."))])),
                ("locations", .array([.object([("physicalLocation", location)])])),
                ("properties", .object([("severity", .string(finding.severity.rawValue)), ("fix", .string(finding.fix))])),
            ])
        }
        let messages = ["plain", "a \"quoted\" name and a back\\slash", "line\nbreak\r\ttab\u{1}bell", "caf\u{E9} \u{65E5}\u{672C} e\u{301}", ""]
        let severities: [Finding.Severity] = [.high, .medium, .low, .info]
        let findings = (0..<600).map { index in
            ReviewFinding(
                rule: ReviewRuleID.allCases[index % ReviewRuleID.allCases.count], severity: severities[index % 4],
                position: SourcePosition(file: "main.tf", line: index + 1, column: index % 7 + 1), message: messages[index % messages.count],
                fix: messages[(index + 2) % messages.count])
        }
        let uri = "my%20infra/main.tf"
        for finding in findings.prefix(20) {
            #expect(SARIFRenderer.result(finding, uri: uri).serialized() == object(finding, uri: uri).serialized())
        }
        let written = JSONValue.object([("results", .elements(count: findings.count) { SARIFRenderer.result(findings[$0], uri: uri) })])
        let expected = JSONValue.object([("results", .array(findings.map { object($0, uri: uri) }))])
        #expect(written.serialized() == expected.serialized())
    }

    /// Paths as given: `./`, doubled slashes and `..` are normalised, relative stays relative.
    @Test func urisAreRelativeToTheWorkingDirectory() {
        #expect(ReviewOutput.relativePath(from: "/a/b", to: "/a/b/main.tf") == "main.tf")
        #expect(ReviewOutput.relativePath(from: "/a/b", to: "/a/c/main.tf") == "../c/main.tf")
        #expect(ReviewOutput.relativePath(from: "/", to: "/srv/infra/main.tf") == "srv/infra/main.tf")
        #expect(ReviewOutput.relativePath(from: "/a/b/", to: "/a/./b//infra/../infra/main.tf") == "infra/main.tf")
        #expect(ReviewOutput.relativePath(from: "/a/b/c", to: "/x.tf") == "../../../x.tf")
        // RFC 3986: unreserved characters and "/" stay; every other UTF-8 byte is %XX.
        #expect(SARIFRenderer.uri("infra/main.tf") == "infra/main.tf")
        #expect(SARIFRenderer.uri("my infra/main.tf") == "my%20infra/main.tf")
        #expect(SARIFRenderer.uri("a:b/ü~_-.tf") == "a%3Ab/%C3%BC~_-.tf")
        #expect(SARIFRenderer.uri("100%/#?[x].tf") == "100%25/%23%3F%5Bx%5D.tf")
    }

    /// Whether the tests run from the repository's root, as `swift test` there does.
    static var runFromRepository: Bool {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
            == URL(fileURLWithPath: repositoryPath("")).resolvingSymlinksInPath().path
    }

    /// A relative PATH with `./` and `//` gives the same uri as the plain one, and a file the same as its directory.
    @Test(.enabled(if: runFromRepository, "needs the repository as the working directory"))
    func relativePathsAreNormalised() {
        let output = sarif("./Tests//HCLTests/Fixtures/./blog").stdout
        #expect(output.contains("\"uri\": \"Tests/HCLTests/Fixtures/blog/main.tf\""))
        let file = sarif("Tests/HCLTests/Fixtures/blog/main.tf").stdout
        #expect(file == output)
    }

    // MARK: - --fail-on

    @Test func failOnExitsOneAndPrintsEverything() throws {
        let path = "\(Self.seeds)/tutorial"
        let findings = try jsonFindings(path)
        let high = findings.filter { $0["severity"] as? String == "high" }.count
        let mediumOrHigher = findings.filter { ["high", "medium"].contains($0["severity"] as? String ?? "") }.count
        #expect(high > 0)

        let plain = sarif(path)
        #expect(plain.exitCode == 0 && plain.stderr.isEmpty, "without --fail-on, findings never fail the run")
        let failing = sarif(path, ["--fail-on", "high"])
        #expect(failing.exitCode == 1)
        #expect(failing.stdout == plain.stdout, "the output is printed in full")
        #expect(failing.stderr == "albgw-cost: \(high) findings at or above high (--fail-on high)\n")
        let medium = sarif(path, ["--fail-on", "medium"])
        #expect(medium.exitCode == 1 && medium.stderr == "albgw-cost: \(mediumOrHigher) findings at or above medium (--fail-on medium)\n")

        // Any format: the table too is printed in full before the run fails.
        let table = CLI.run(["review", path, "--rps", "50", "--fail-on", "low"])
        #expect(table.exitCode == 1)
        #expect(table.stdout == CLI.run(["review", path, "--rps", "50"]).stdout)
        #expect(table.stderr.split(separator: "\n").count == 1)
    }

    @Test func failOnPassesBelowItsSeverity() throws {
        // The correct configuration with a weak TLS policy: one medium finding and nothing else.
        let directory = try mutated("good-private-api.tf", from: "ELBSecurityPolicy-TLS13-1-2-2021-06", to: "ELBSecurityPolicy-2016-08")
        defer { removeMutation(directory) }
        #expect(try jsonFindings(directory).map { $0["severity"] as? String } == ["medium"])
        let high = sarif(directory, ["--fail-on", "high"])
        #expect(high.exitCode == 0 && high.stderr.isEmpty, "\(high.stderr)")
        let medium = sarif(directory, ["--fail-on", "medium"])
        #expect(medium.exitCode == 1 && medium.stderr == "albgw-cost: 1 finding at or above medium (--fail-on medium)\n")
        #expect(medium.stdout == high.stdout)
        // A clean configuration passes at every severity.
        #expect(sarif("\(Self.fixtures)/good-private-api.tf", ["--fail-on", "low"]).exitCode == 0)
    }

    @Test(arguments: [
        (["review", "Tests/HCLTests/Fixtures/tutorial", "--rps", "50", "--fail-on", "critical"], "choose one of: high, medium, low"),
        (["review", "Tests/HCLTests/Fixtures/tutorial", "--rps", "50", "--fail-on", "info"], "choose one of: high, medium, low"),
        (["review", "Tests/HCLTests/Fixtures/tutorial", "--rps", "50", "--fail-on=hihg"], "did you mean 'high'?"),
        (["review", "Tests/HCLTests/Fixtures/tutorial", "--rps", "50", "--format", "sarf"], "did you mean 'sarif'?"),
        (["review", "Tests/HCLTests/Fixtures/tutorial", "--rps", "50", "--format", "sarif", "--out", "x"], "drop one"),
        (["--format", "sarif", "--rps", "50"], "run albgw-cost review PATH --rps N --format sarif"),
        (["--rps", "50", "--format=sarif"], "run albgw-cost review PATH --rps N --format sarif"),
        (["hops", "--rps", "50", "--format", "sarif"], "run albgw-cost review PATH --rps N --format sarif"),
        (["sweep", "--vary", "rps=1..10", "--format", "sarif"], "run albgw-cost review PATH --rps N --format sarif"),
        (["report", "--rps", "50", "--format", "sarif", "--out", "x"], "run albgw-cost review PATH --rps N --format sarif"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let result = CLI.run(arguments.map { $0.hasPrefix("Tests/") ? repositoryPath($0) : $0 })
        #expect(result.exitCode == 64, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("albgw-cost: error: ") && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// README.md's table of rules is the catalogue: every id once, its severities and category.
    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOfFile: repositoryPath("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { line in Self.allIDs.contains { line.hasPrefix("| `\($0)` |") } }
        #expect(rows.count == Self.allIDs.count, "README.md's rule table lists \(rows.count) rules")
        for rule in ReviewRule.all {
            let row = "| `\(rule.id.rawValue)` | \(rule.severities.map(\.rawValue).joined(separator: " or ")) | \(rule.category.rawValue) | \(rule.summary) |"
            #expect(rows.contains { $0 == row }, "README.md's row for \(rule.id.rawValue) should be: \(row)")
        }
    }

    @Test func helpListsFailOnAndSARIF() throws {
        // The text beside each option wraps under itself at the width (120 without COLUMNS).
        let help = CLI.run(["review", "--help"]).stdout
        #expect(help.contains("\n  --fail-on SEVERITY      exit 1 when a finding is at or above SEVERITY (high, medium or low);"))
        #expect(
            help.contains(
                "\n  --format FORMAT         table, json, markdown, dot (the analysis; needs --rps) or sarif (the findings, for code\n"
                    + "                          scanning) (default: table)\n"))
        // The full help keeps the review's options and the exit code --fail-on gives.
        let full = CLI.run(["--help"]).stdout
        #expect(full.contains("\n  --fail-on SEVERITY  exit 1 when a finding"))
        #expect(full.contains("or sarif (the findings, for code scanning)"))
        #expect(full.contains("1 review --fail-on"))
    }
}
