import Foundation
import Testing
@testable import AlbgwCost

/// `albgw-cost review`: the seeds as fixtures, and hand-written configurations for every finding,
/// each finding absent when the code is right.
@Suite struct TerraformReviewTests {
    static let fixtures = repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform")
    /// The seeds' Terraform, shared with the HCL tests that check it against the seed documents.
    static let seeds = repositoryPath("Tests/HCLTests/Fixtures")

    func load(_ seed: String, variables: [String: String] = [:]) throws -> TerraformConfiguration {
        try TerraformLoader.load("\(Self.seeds)/\(seed)", variables: variables)
    }

    /// `text` as main.tf of a directory of its own, loaded.
    func config(_ text: String) throws -> TerraformConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-tf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        return try TerraformLoader.load(directory.path, variables: [:])
    }

    /// Two findings Swift holds equal hash alike: a message with "é" as one scalar and one with "e" and
    /// a combining accent are one finding, and a set keeps one of them, whatever their bytes.
    @Test func findingsHeldEqualHashAlike() {
        let position = SourcePosition(file: "main.tf", line: 3, column: 5)
        let composed = TerraformReview.SeenFinding(rule: .undeclaredReference, position: position, message: "caf\u{E9} refers to aws_lb.x")
        let decomposed = TerraformReview.SeenFinding(rule: .undeclaredReference, position: position, message: "cafe\u{301} refers to aws_lb.x")
        #expect(composed.message.utf8.count != decomposed.message.utf8.count)
        #expect(composed == decomposed)
        #expect(composed.hashValue == decomposed.hashValue)
        #expect(Set([composed, decomposed]).count == 1)
    }

    /// Findings are ordered most severe first, then by file, line and column, then by rule id as
    /// text (not the catalogue's order), and as found where all of those are alike.
    @Test func findingsAreOrderedBySeverityPlaceAndID() {
        func finding(_ rule: ReviewRuleID, _ severity: Finding.Severity, _ file: String, _ line: Int, _ column: Int, _ message: String) -> ReviewFinding {
            ReviewFinding(rule: rule, severity: severity, position: SourcePosition(file: file, line: line, column: column), message: message, fix: "")
        }
        let found = [
            finding(.endpointFewerSubnets, .medium, "b.tf", 3, 1, "1"),
            finding(.domainPolicy, .medium, "b.tf", 3, 1, "2"),
            finding(.endpointOneAZ, .high, "modules/x/main.tf", 1, 1, "3"),
            finding(.endpointOneAZ, .high, "a.tf", 20, 5, "4"),
            finding(.endpointOneAZ, .high, "a.tf", 20, 3, "5"),
            finding(.endpointOneAZ, .high, "a.tf", 9, 9, "6"),
            finding(.domainPolicy, .medium, "b.tf", 3, 1, "7"),
            finding(.endpointFewerSubnets, .low, "a.tf", 1, 1, "8"),
            finding(.endpointFewerSubnets, .medium, "a.tf", 100, 1, "9"),
        ]
        // "domain-policy" < "endpoint-fewer-subnets" as text, though the catalogue lists it after; "7" was found after "2".
        #expect(TerraformReview.ordered(found).map(\.message) == ["6", "5", "4", "3", "9", "2", "7", "1", "8"])
        #expect(TerraformReview.ordered([]).isEmpty)
    }

    /// Writes `text` as main.tf in a new directory and reviews it.
    func review(_ text: String) throws -> (Recognition, [ReviewFinding]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-tf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, variables: [:])
        let recognition = DesignRecognizer.recognize(config)
        return (recognition, TerraformReview.review(config, recognition: recognition))
    }

    var good: String { get throws { try String(contentsOfFile: "\(Self.fixtures)/good-private-api.tf", encoding: .utf8) } }

    /// An aws_iam_policy_document data source `name` that allows execute-api:Invoke to everyone on the
    /// condition that aws:SourceVpce equals `values` (as written).
    static func policyDocument(_ name: String, values: String) -> String {
        """
        data "aws_iam_policy_document" "\(name)" {
          statement {
            effect    = "Allow"
            actions   = ["execute-api:Invoke"]
            resources = ["execute-api:/*"]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
            condition {
              test     = "StringEquals"
              variable = "aws:SourceVpce"
              values   = \(values)
            }
          }
        }

        """
    }

    @Test func correctConfigurationIsRecognisedAndClean() throws {
        let (recognition, findings) = try review(good)
        #expect(recognition.design == .albVpceApigwLambda)
        #expect(recognition.region == "us-west-2")
        #expect(recognition.albScheme == .internetFacing)
        #expect(recognition.azs == 2 && recognition.vpceSubnets == 2 && recognition.registeredTargets == 2)
        #expect(recognition.targetIPs == .lookup && recognition.privateDNS == false && recognition.accounts == .single)
        #expect(recognition.lambdaMemoryMB == 256 && recognition.lambdaArchitecture == .arm64)
        #expect(findings.isEmpty, "\(findings.map { "\($0.id) at \($0.position)" })")
    }

    /// Each mutation breaks one rule of the correct configuration (two where one mistake has two consequences).
    @Test(arguments: [
        ("endpoint-fewer-subnets", "subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "subnet_ids          = [aws_subnet.a.id]"),
        ("partial-registration", "count            = 2", "count            = 1"),
        ("weak-tls-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08"),
        ("weak-tls-policy", "ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n", ""),
        ("private-dns", "private_dns_enabled = false", "private_dns_enabled = true"),
        ("public-cidr", "cidr_block = \"10.0.0.0/16\"", "cidr_block = \"20.0.0.0/16\""),
        ("deprecated-runtime", "python3.12", "python3.9"),
        ("lambda-memory-range", "memory_size   = 256", "memory_size   = 64"),
        ("shared-open-security-group", "security_group_ids  = [aws_security_group.endpoint.id]", "security_group_ids  = [aws_security_group.alb.id]"),
        ("missing-access-association,host-header", "resource \"aws_api_gateway_domain_name_access_association\"", "resource \"aws_ssm_parameter\""),
        ("domain-policy", "\"aws:SourceVpce\" = [aws_vpc_endpoint.execute_api.id]", "\"aws:SourceVpce\" = []"),
        ("health-check-403", "resource \"aws_cloudwatch_metric_alarm\"", "resource \"aws_ssm_parameter\""),
        ("health-check-matcher", "matcher  = \"200,403\"", "matcher  = \"200\""),
        ("health-check-matcher", "    matcher  = \"200,403\"\n", ""),
        ("target-group-protocol", "protocol    = \"HTTPS\"\n  target_type", "protocol    = \"HTTP\"\n  target_type"),
        ("target-group-protocol", "port             = 443", "port             = 80"),
        ("missing-base-path-mapping", "resource \"aws_api_gateway_base_path_mapping\"", "resource \"aws_ssm_parameter\""),
        ("health-check-protocol", "protocol = \"HTTPS\" # health check protocol\n", ""),
        ("source-vpce", "\"aws:SourceVpce\" = aws_vpc_endpoint.execute_api.id", "\"aws:SourceVpce\" = \"vpc-11111111\""),
        ("source-vpce", "\"aws:SourceVpce\" = aws_vpc_endpoint.execute_api.id", "\"aws:SourceVpce\" = \"vpce-0123456789abcdef0\""),
        ("undeclared-reference", "role          = aws_iam_role.app.arn", "role          = aws_iam_role.missing.arn"),
    ])
    func eachMistakeRaisesItsFinding(id: String, from: String, to: String) throws {
        let text = try good
        #expect(text.contains(from), "the mutation does not apply")
        let (_, findings) = try review(text.replacingOccurrences(of: from, with: to))
        // A comma separates the findings of a mutation that breaks two rules at once.
        #expect(findings.map(\.id) == id.split(separator: ",").map(String.init), "\(findings.map { "\($0.id): \($0.message)" })")
        let finding = try #require(findings.first)
        #expect(finding.position.file == "main.tf" && finding.position.line > 1)
        #expect(!finding.fix.isEmpty)
    }

    /// The `from` of `moved` and `removed` names an address that is gone on purpose (seen in the public
    /// terraform-aws-apigateway-v2 module's migrations.tf); terraform plan (1.11.4) also plans a `moved`
    /// whose `to` no file declares (terraform-aws-eks's karpenter migrations.tf has one), so neither is
    /// reported, while a reference elsewhere to what is gone still is.
    @Test func movedAndRemovedNameFormerAddresses() throws {
        let former = """

            moved {
              from = aws_lambda_function.old
              to   = aws_lambda_function.app
            }

            removed {
              from = aws_iam_role.legacy
              lifecycle {
                destroy = false
              }
            }

            """
        let (_, findings) = try review(try good + former)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        let (_, movedAway) = try review(try good + former.replacingOccurrences(of: "to   = aws_lambda_function.app", with: "to   = aws_lambda_function.gone"))
        #expect(movedAway.isEmpty, "\(movedAway.map(\.message))")
        let (_, wrong) = try review(try good + former + "\noutput \"old\" {\n  value = aws_lambda_function.old.arn\n}\n")
        #expect(wrong.map(\.id) == ["undeclared-reference"] && wrong.first?.message.contains("aws_lambda_function.old") == true, "\(wrong.map(\.message))")
    }

    /// `count = length(<endpoint>.subnet_ids)`, the fix the partial-registration finding gives, registers
    /// one IP per endpoint subnet: 2 here, no finding. A count with no known value is not a count of 1:
    /// the registrations are unknown, said so, and nothing is reported on a guess.
    @Test func registrationsCountedByAnExpressionAreReadOrUnknown() throws {
        let text = try good
        #expect(text.components(separatedBy: "count            = 2").count == 2, "the fixture's attachment changed")
        let (read, readFindings) = try review(text.replacingOccurrences(of: "count            = 2", with: "count            = length(aws_vpc_endpoint.execute_api.subnet_ids)"))
        #expect(read.registeredTargets == 2 && read.vpceSubnets == 2 && readFindings.isEmpty, "\(readFindings.map(\.message))")
        let (unknown, unknownFindings) = try review(
            text.replacingOccurrences(of: "count            = 2", with: "count            = var.registrations") + "\nvariable \"registrations\" {}\n")
        #expect(unknown.registeredTargets == nil && !unknownFindings.contains { $0.id == "partial-registration" }, "\(unknownFindings.map(\.message))")
        #expect(unknown.unknowns.contains { $0.contains("aws_lb_target_group_attachment.endpoint's count = var.registrations has no known value") }, "\(unknown.unknowns)")
        #expect(unknown.facts.first { $0.name == "registered endpoint IPs" }?.value.hasPrefix("unknown (") == true)
    }

    /// A second configuration of the provider is another account only when it signs in otherwise (a
    /// profile, a role, keys of its own): an alias for other tags or another region is the same
    /// account, and an ALB can invoke its function. An alias no block declares stays another account.
    @Test(arguments: [
        ("region = \"us-east-1\"\n  default_tags {\n    tags = { team = \"api\" }\n  }", AccountLayout.single, "single: aws.second (aws_lambda_function.app) signs in as aws does"),
        ("profile = \"other\"", .cross, "cross: aws_lambda_function.app uses the provider aws.second, which signs in otherwise than aws_lb.api's aws"),
        ("assume_role {\n    role_arn = \"arn:aws:iam::222222222222:role/deploy\"\n  }", .cross, "cross: aws_lambda_function.app uses the provider aws.second"),
        ("", .cross, "cross: aws_lambda_function.app uses the provider aws.second"),
    ])
    func providerAliasesAreAnotherAccountOnlyWhenTheySignInOtherwise(settings: String, accounts: AccountLayout, fact: String) throws {
        var text = try String(contentsOfFile: "\(Self.fixtures)/alb-lambda.tf", encoding: .utf8)
            .replacingOccurrences(of: "resource \"aws_lambda_function\" \"app\" {", with: "resource \"aws_lambda_function\" \"app\" {\n  provider = aws.second")
        // The last case declares no `aws.second` at all.
        if !settings.isEmpty { text += "\nprovider \"aws\" {\n  alias = \"second\"\n  \(settings)\n}\n" }
        let (recognition, _) = try review(text)
        #expect(recognition.design == .albLambda && recognition.accounts == accounts)
        let value = try #require(recognition.facts.first { $0.name == "accounts" }?.value)
        #expect(value.hasPrefix(fact), "\(value)")
    }

    /// Memory Lambda refuses, or with no known value, is not priced as written: the analysis takes the
    /// default 128 MB and says so; a value in range is priced as written.
    @Test(arguments: [
        ("memory_size   = 20480", nil as Int?, "is outside what Lambda accepts"), ("memory_size   = var.memory", nil, "has no known whole number of MB"),
        ("memory_size   = 10240", 10240, ""),
    ])
    func lambdaMemoryIsPricedOnlyWhenLambdaTakesIt(line: String, priced: Int?, unknown: String) throws {
        let text = try good.replacingOccurrences(of: "memory_size   = 256", with: line) + (line.contains("var.") ? "\nvariable \"memory\" {}\n" : "")
        let (recognition, findings) = try review(text)
        #expect(recognition.lambdaMemoryMB == priced)
        #expect(recognition.optionValues().values["--lambda-memory-mb"] == priced.map(String.init))
        #expect(findings.map(\.id) == (line.hasSuffix("20480") ? ["lambda-memory-range"] : []), "\(findings.map(\.message))")
        if !unknown.isEmpty { #expect(recognition.unknowns.contains { $0.contains(unknown) }, "\(recognition.unknowns)") }
    }

    /// Security groups typed in as ids are shown as written, not as "none".
    @Test func securityGroupIDsAreShown() throws {
        let text = try String(contentsOfFile: "\(Self.fixtures)/alb-lambda.tf", encoding: .utf8)
        #expect(text.contains("  internal = true\n"))
        let (recognition, _) = try review(text.replacingOccurrences(of: "  internal = true\n", with: "  internal = true\n  security_groups = [\"sg-0123\", \"sg-0456\"]\n"))
        #expect(recognition.facts.first { $0.name == "security groups" }?.value == "ALB: sg-0123, sg-0456")
        let (none, _) = try review(text)
        #expect(none.facts.first { $0.name == "security groups" }?.value == "ALB: none")
    }

    /// A reference with an instance key is declared when its resource is, whatever the key: a key
    /// that count does not make is Terraform's "Invalid index" at plan time (`invalid-index`), not
    /// "undeclared"; a keyed reference to a resource nobody declares is reported under the
    /// resource's address, without the key.
    @Test func keyedReferencesAreCheckedByTheirResource() throws {
        let text = try good
        let counted = """

            resource "aws_iam_role" "extra" {
              count = 2
              name  = "extra-${count.index}"
            }

            output "roles" {
              value = [aws_iam_role.extra[0].arn, aws_iam_role.extra[7].arn, aws_iam_role.extra["x"].arn]
            }

            """
        let (_, findings) = try review(text + counted)
        #expect(findings.map(\.id) == ["invalid-index", "invalid-index"], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("output.roles refers to aws_iam_role.extra[7], but its count or for_each makes only [0], [1]") == true)
        let (_, missing) = try review(text + counted.replacingOccurrences(of: "aws_iam_role.extra[7]", with: "aws_iam_role.absent[7]"))
        #expect(missing.map(\.id).sorted() == ["invalid-index", "undeclared-reference"], "\(missing.map(\.message))")
        #expect(missing.first { $0.id == "undeclared-reference" }?.message.contains("refers to aws_iam_role.absent, which no file declares") == true, "\(missing.map(\.message))")
    }

    /// A reference a local value writes is reported at the local value, once, as Terraform reports it
    /// ("on main.tf line 2, in locals"), however many blocks read it; one it reads through another
    /// local value is reported where that one writes it. `terraform validate` (1.11.4) on the locals
    /// alone reports the undeclared variable once, on line 2, column 16: at `var.q` inside the string
    /// (two spaces, `name  = ` and `"x-${` come before it).
    @Test func referencesOfLocalValuesAreReportedWhereTheyAreWritten() throws {
        let text = """
            locals {
              name  = "x-${var.q}"
              other = local.name
              roles = aws_iam_role.r[5].arn
            }

            resource "aws_iam_role" "r" {
              count = 2
              name  = local.name
            }

            resource "aws_iam_role" "s" {
              name = "${local.other}-${local.roles}"
            }

            """
        let (_, findings) = try review(text)
        let lines = findings.map { "\($0.position.line):\($0.position.column) \($0.id) \($0.message)" }.sorted()
        #expect(
            lines == [
                "2:16 undeclared-reference local.name refers to var.q, which no file declares: terraform plan fails",
                "4:11 invalid-index local.roles refers to aws_iam_role.r[5], but its count or for_each makes only [0], [1]: terraform plan fails (invalid index)",
            ], "\(lines)")
        // Read by nothing, a local value is still checked.
        let (_, alone) = try review("locals {\n  name = var.q\n}\n")
        #expect(alone.map { "\($0.position.line):\($0.position.column) \($0.message)" } == ["2:10 local.name refers to var.q, which no file declares: terraform plan fails"])
    }

    /// A finding about a reference points at the reference, where `terraform validate` (1.11.4) puts
    /// its error, not at the start of the value: in a multi-line `jsonencode`, the line of the
    /// reference (5:21, the `v` after `"${`); in a nested object, its column (13:9); with two references
    /// to the same resource, the one with the key that does not exist (`  pair = [aws_iam_role.r[0].arn, ` is 33
    /// characters: column 34). Terraform gave the first two; the third is counted from the text.
    @Test func referenceFindingsPointAtTheReference() throws {
        let text = """
            resource "terraform_data" "b" {
              input = jsonencode({
                Statement = [{
                  Resource = "arn"
                  Other    = "${var.nope}"
                }]
              })
            }

            locals {
              x = {
                a = 1
                b = local.missing
              }
              pair = [aws_iam_role.r[0].arn, aws_iam_role.r[5].arn]
            }

            resource "aws_iam_role" "r" {
              count = 2
              name  = "r"
            }

            """
        let (_, findings) = try review(text)
        let places = findings.map { "\($0.position.line):\($0.position.column) \($0.id)" }.sorted()
        #expect(places == ["13:9 undeclared-reference", "15:34 invalid-index", "5:21 undeclared-reference"], "\(findings.map(\.message))")
    }

    /// A file reviewed on its own is one of its directory's files, as Terraform reads them: what the
    /// other files declare is declared. `terraform validate` (1.11.4) on main.tf and variables.tf
    /// reports only var.absent, at 2:37 (var.later, at 2:69 after `var.absent, aws_iam_role.r.arn, `, is
    /// declared by the file that does not parse); before, the review also reported local.name and var.subnets.
    /// A file that does not parse is named in a note, and what it would declare stays undeclared.
    @Test func aFileReviewedAloneKnowsWhatItsDirectoryDeclares() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "resource \"terraform_data\" \"a\" {\n  input = [local.name, var.subnets, var.absent, aws_iam_role.r.arn, var.later]\n}\n".write(
            to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try "variable \"subnets\" {\n  type    = list(string)\n  default = []\n}\n\nlocals {\n  name = \"x\"\n}\n".write(
            to: directory.appendingPathComponent("variables.tf"), atomically: true, encoding: .utf8)
        try "resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n}\n".write(to: directory.appendingPathComponent("iam.tf"), atomically: true, encoding: .utf8)
        try "variable \"later\" {\n".write(to: directory.appendingPathComponent("broken.tf"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.appendingPathComponent("main.tf").path, variables: [:])
        let findings = TerraformReview.review(config, recognition: DesignRecognizer.recognize(config))
        #expect(
            findings.map { "\($0.position.line):\($0.position.column) \($0.message)" } == [
                "2:37 terraform_data.a refers to var.absent, which no file declares: terraform plan fails",
                "2:69 terraform_data.a refers to var.later, which no file declares: terraform plan fails",
            ])
        #expect(config.notes.contains { $0.hasPrefix("main.tf is reviewed on its own; what its directory's other files (iam.tf, variables.tf) declare") })
        #expect(config.notes.contains("main.tf's directory holds broken.tf, which could not be read: references to what it declares may be reported as undeclared"))
        // The directory itself is reviewed as one module, with no such note (broken.tf is refused).
        #expect(throws: TerraformLoader.LoadError.self) { try TerraformLoader.load(directory.path, variables: [:]) }
    }

    /// A file reviewed on its own takes its directory's terraform.tfvars and *.auto.tfvars, as Terraform
    /// does for the module it belongs to (found by a new user's check: the file's 1,024 MB function was
    /// priced at its default, 256 MB). A value for a variable another file declares is not used, and a
    /// warning says so (found by a second check: it was dropped without a word); one nobody declares
    /// is Terraform's warning, with the nearest declared name.
    @Test func aFileReviewedAloneReadsItsDirectorysVariableFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try
            "variable \"memory\" {\n  default = 256\n}\n\nresource \"aws_lambda_function\" \"fn\" {\n  function_name = \"fn\"\n  role          = \"arn:aws:iam::111111111111:role/fn\"\n  memory_size   = var.memory\n}\n"
            .write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try "variable \"region\" {\n  type = string\n}\n".write(to: directory.appendingPathComponent("variables.tf"), atomically: true, encoding: .utf8)
        try "memory = 1024\nregion = \"eu-central-1\"\n".write(to: directory.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        try "stray = 1\nmemroy = 2\nregoin = 3\n".write(to: directory.appendingPathComponent("extra.auto.tfvars"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.appendingPathComponent("main.tf").path, variables: [:])
        #expect(config.files == ["main.tf", "terraform.tfvars", "extra.auto.tfvars"])
        #expect(DesignRecognizer.recognize(config).facts.first { $0.name == "Lambda" }?.value.contains("1024 MB") == true)
        #expect(
            config.warnings == [
                "terraform.tfvars sets region, which another file of the directory declares: a file reviewed on its own does not take its value; review the directory to use it",
                "extra.auto.tfvars sets 3 variables the root module does not declare (stray, memroy (did you mean memory?), regoin (did you mean region?)): Terraform ignores them with a warning",
            ])
        // --var of a variable another file declares: the same.
        #expect(
            try TerraformLoader.load(directory.appendingPathComponent("main.tf").path, variables: ["region": "us-east-1"]).warnings.last
                == "--var region: another file of the directory declares it, and a file reviewed on its own does not take that file's variables' values: review the directory to use it"
        )
    }

    /// A value its variable's validation refuses: Terraform's "Invalid value for variable" at plan.
    /// `terraform plan` (1.11.4) places it on the variable file's line for a value from
    /// terraform.tfvars ("on terraform.tfvars line 1", the value at column 10), on the variable's
    /// declaration for its default ("on main.tf line 1"), on the module call's argument for a module's
    /// variable ("on main.tf line 13, in module", once for the call's two instances). A value from
    /// --var is a usage error; a condition the reader cannot work out (can(regex(...))) is left to
    /// Terraform.
    @Test func valuesTheirValidationsRefuseAreFindings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-validation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("mod"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = """
            variable "name" {
              type    = string
              default = ""
              validation {
                condition     = length(var.name) > 0
                error_message = "Name the stack."
              }
            }

            module "m" {
              source = "./mod"
              count  = 2
              size   = 64
            }

            variable "region" {
              type    = string
              default = "us-east-1"
              validation {
                condition     = contains(["us-east-1", "us-west-2"], var.region)
                error_message = "The region must be us-east-1 or us-west-2."
              }
              validation {
                condition     = can(regex("^[a-z]+-[a-z]+-[0-9]$", var.region))
                error_message = "Not a region."
              }
            }

            """
        let module = """
            variable "size" {
              type = number
              validation {
                condition     = var.size >= 128 && var.size <= 10240
                error_message = "size must be 128 to 10240"
              }
            }

            """
        try main.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try module.write(to: directory.appendingPathComponent("mod/main.tf"), atomically: true, encoding: .utf8)
        try "region = \"eu-west-9\"\n".write(to: directory.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, variables: [:])
        let findings = TerraformReview.review(config, recognition: DesignRecognizer.recognize(config)).filter { $0.id == "variable-validation" }
        #expect(
            findings.map { "\($0.position) \($0.message)" }.sorted() == [
                "main.tf:13:12 module.m.var.size = 64 fails the variable's validation at mod/main.tf:3:3: size must be 128 to 10240; terraform plan fails (invalid value for variable)",
                "main.tf:1:1 var.name = \"\" (its default) fails the variable's validation at main.tf:4:3: Name the stack; terraform plan fails (invalid value for variable)",
                "terraform.tfvars:1:10 var.region = \"eu-west-9\" fails the variable's validation at main.tf:19:3: The region must be us-east-1 or us-west-2; terraform plan fails (invalid value for variable)",
            ])
        // Values the conditions accept: no finding (the regex is not worked out either way).
        let accepted = try TerraformLoader.load(directory.path, variables: ["name": "stack", "region": "us-west-2"])
        #expect(
            !TerraformReview.review(accepted, recognition: DesignRecognizer.recognize(accepted)).contains {
                $0.position.file == "main.tf" && $0.id == "variable-validation" && !$0.message.contains("module.m")
            })
        let refused = CLI.run(["review", directory.path, "--var", "region=ap-south-9"])
        #expect(refused.exitCode == 64)
        #expect(refused.stderr.contains("--var region: var.region = \"ap-south-9\" fails the variable's validation at main.tf:19:3: The region must be us-east-1 or us-west-2"))
    }

    /// Conditions whose value here may not be Terraform's are left to Terraform (found by a new
    /// user's check against `terraform plan` 1.11.4): a set's duplicates, which Terraform drops
    /// (`length(var.set) < 2` passes there with ["a", "a"]); a list compared with `[]`, which a
    /// list(string) never equals in Terraform (`!= []` passes); fractions, binary floating point in
    /// Terraform (`0.3 * 3 == 0.9` fails there, holds here). The last condition, on whole numbers,
    /// is decided: Terraform reports it at the variable's declaration, line 24 (and the fraction at 17).
    @Test func conditionsDecidedOtherwiseByTerraformAreLeftToIt() throws {
        let text = """
            variable "set" {
              type    = set(string)
              default = ["a", "a"]
              validation {
                condition     = length(var.set) < 2
                error_message = "one at most"
              }
            }
            variable "list" {
              type    = list(string)
              default = []
              validation {
                condition     = var.list != []
                error_message = "never empty"
              }
            }
            variable "fraction" {
              default = 0.3
              validation {
                condition     = var.fraction * 3 == 0.9
                error_message = "float"
              }
            }
            variable "whole" {
              default = 4
              validation {
                condition     = var.whole * 2 == 10
                error_message = "five"
              }
            }

            """
        let (_, findings) = try review(text)
        #expect(
            findings.filter { $0.id == "variable-validation" }.map { "\($0.position.line):\($0.position.column) \($0.message)" } == [
                "24:1 var.whole = 4 (its default) fails the variable's validation at main.tf:26:3: five; terraform plan fails (invalid value for variable)"
            ])
    }

    /// An invalid index is left alone where it may never be evaluated: in `try()`, `can()` or a
    /// conditional of the code. A `?`, `try(` or `can(` in the text of a string, a heredoc or a
    /// comment does not make it so, nor does a longer name ending in `try(`.
    @Test(arguments: [
        ("try(aws_lb.x[2].arn, null)", true),
        ("can(aws_lb.x[2].arn)", true),
        ("var.on ? aws_lb.x[2].arn : null", true),
        ("\"${var.on ? aws_lb.x[2].arn : \"\"}\"", true),
        ("[for s in var.l : s if s != null ? true : false]", true),
        ("aws_lb.x[2].arn", false),
        ("\"https://${aws_lb.x[2].dns_name}/?q=1\"", false),
        ("\"what? ${aws_lb.x[2].arn} try(\"", false),
        ("\"a \\\" ? \"", false),
        ("\"$${not?} %%{a?}\"", false),
        ("retry(aws_lb.x[2].arn)", false),
        ("{ a = aws_lb.x[2].arn # why?\n}", false),
        ("/* can( */ aws_lb.x[2].arn", false),
        ("<<-EOT\n  what?\n  EOT", false),
        ("<<EOT\nwhat\nEOT\n == x ? 1 : 2", true),
        // Found by a new user's check, each compared with terraform plan (1.11.4):
        ("<<EOT\n${var.on ? aws_lb.x[2].arn : \"\"}\nEOT", true),
        ("<<EOT\n${try(aws_lb.x[2].arn, \"\")}\nEOT", true),
        ("1-try(aws_lb.x[2].port, 0)", true),
        ("1 - can(aws_lb.x[2].port)", true),
        ("try (aws_lb.x[2].arn, \"\")", true),
        ("core::try(aws_lb.x[2].arn, \"\")", true),
        ("\"%{ if var.on }${aws_lb.x[2].arn}%{ endif }\"", true),
        ("x-try(aws_lb.x[2].arn)", false),
        ("<<EOT\r\n?\r\n${aws_lb.x[2].arn}\r\nEOT\r\n", false),
        ("<<EOT\nEOT ? not the end\n${aws_lb.x[2].arn}\nEOT", false),
        ("\"%{ for s in var.l }${s}?%{ endfor }${aws_lb.x[2].arn}\"", false),
    ])
    func mayNotBeEvaluated(text: String, guarded: Bool) {
        #expect(TerraformReview.mayNotBeEvaluated(text) == guarded)
    }

    /// A `?` in a URL no longer hides an invalid index (it did when any `?` of the text counted).
    @Test func aQuestionMarkInAStringDoesNotHideAnInvalidIndex() throws {
        let extra = """

            resource "aws_iam_role" "extra" {
              count = 2
              name  = "extra-${count.index}"
            }

            output "url" {
              value = "https://example.com/?role=${aws_iam_role.extra[5].name}"
            }

            """
        let (_, findings) = try review(try good + extra)
        #expect(findings.map(\.id) == ["invalid-index"], "\(findings.map(\.message))")
    }

    var privateDomain: String { get throws { try String(contentsOfFile: "\(Self.fixtures)/private-custom-domain.tf", encoding: .utf8) } }

    /// A private custom domain name with its access association and no ALB is vpce-apigw-lambda.
    /// Subnet ids whose number the code does not tell (a variable without a value) are unknown, not
    /// none: no finding counts on a guess, and the review asks for --vpce-subnets. It raised a high
    /// endpoint-fewer-subnets finding ("in 0 subnet(s)") on this correct code.
    @Test func endpointSubnetsNotKnownAreUnknownNotNone() throws {
        let from = "subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]"
        let text = try good
        #expect(text.contains(from))
        let changed = text.replacingOccurrences(of: from, with: "subnet_ids          = var.endpoint_subnets") + "\nvariable \"endpoint_subnets\" {\n  type = list(string)\n}\n"
        let (recognition, findings) = try review(changed)
        #expect(recognition.design == .albVpceApigwLambda && recognition.azs == 2)
        #expect(recognition.vpceSubnets == nil)
        #expect(findings.isEmpty, "\(findings.map { "\($0.id): \($0.message)" })")
        #expect(recognition.unknowns.contains { $0.contains("aws_vpc_endpoint.execute_api's subnet_ids (var.endpoint_subnets)") && $0.contains("--vpce-subnets N") })
        #expect(recognition.facts.contains { $0.name == "endpoint subnets" && $0.value == "unknown (var.endpoint_subnets)" })
    }

    @Test func privateCustomDomainIsRecognisedAndClean() throws {
        let (recognition, findings) = try review(privateDomain)
        #expect(recognition.design == .vpceApigwLambda)
        #expect(recognition.albScheme == .internal)  // a private API has no internet clients
        #expect(recognition.vpceSubnets == 2 && recognition.privateDNS == false && recognition.accounts == .single)
        #expect(recognition.lambdaMemoryMB == 512 && recognition.lambdaArchitecture == .arm64)
        #expect(recognition.facts.map(\.name).starts(with: ["region", "Lambda", "private custom domain", "access association", "endpoint subnets"]))
        #expect(findings.isEmpty, "\(findings.map { "\($0.id) at \($0.position)" })")
    }

    @Test(arguments: [
        ("endpoint-one-az", "subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "subnet_ids          = [aws_subnet.a.id]"),
        ("missing-access-association", "resource \"aws_api_gateway_domain_name_access_association\"", "resource \"aws_ssm_parameter\""),
        ("domain-policy", "\"aws:SourceVpce\" = [aws_vpc_endpoint.execute_api.id]", "\"aws:SourceVpce\" = []"),
    ])
    func eachPrivateDomainMistakeRaisesItsFinding(id: String, from: String, to: String) throws {
        var text = try privateDomain
        #expect(text.contains(from), "the mutation does not apply")
        text = text.replacingOccurrences(of: from, with: to)
        let (recognition, findings) = try review(text)
        #expect(recognition.design == .vpceApigwLambda)
        #expect(findings.map(\.id) == [id], "\(findings.map { "\($0.id): \($0.message)" })")
    }

    /// The domain's policy must let in the endpoint the association names, whatever form it takes.
    @Test(arguments: [
        // Another endpoint, or a hard-coded id, is not the endpoint the clients use.
        ("\"aws:SourceVpce\" = [aws_vpc_endpoint.execute_api.id]", "\"aws:SourceVpce\" = [\"vpce-0123456789abcdef0\"]", true),
        // Deny with StringEquals on the endpoint shuts it out.
        (
            "      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"execute-api:Invoke\"\n      Resource  = \"execute-api:/*\"\n      Condition = { StringEquals = { \"aws:SourceVpce\" = [",
            "      Effect    = \"Deny\"\n      Principal = \"*\"\n      Action    = \"execute-api:Invoke\"\n      Resource  = \"execute-api:/*\"\n      Condition = { StringEquals = { \"aws:SourceVpce\" = [",
            true
        ),
    ])
    func domainPolicyMustLetTheEndpointIn(from: String, to: String, finding: Bool) throws {
        let text = try privateDomain
        #expect(text.contains(from), "the mutation does not apply")
        let (_, findings) = try review(text.replacingOccurrences(of: from, with: to))
        #expect(findings.map(\.id).contains("domain-policy") == finding, "\(findings.map(\.id))")
    }

    /// An aws_iam_policy_document is read through its statements; a correct one raises nothing.
    @Test func domainPolicyFromAPolicyDocument() throws {
        let text = try privateDomain
        let start = try #require(text.range(of: "  policy = jsonencode", options: .backwards))
        let end = try #require(text.range(of: "  })\n", range: start.upperBound..<text.endIndex))
        let document = Self.policyDocument("domain", values: "[VALUE]")
        func reviewed(_ value: String) throws -> [String] {
            let edited = text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "  policy = data.aws_iam_policy_document.domain.json\n")
            return try review(edited + document.replacingOccurrences(of: "VALUE", with: value)).1.map(\.id)
        }
        #expect(try reviewed("aws_vpc_endpoint.execute_api.id").isEmpty)
        #expect(try reviewed("aws_vpc_endpoint.other.id").contains("domain-policy"))
    }

    /// An ALB that does not forward to the endpoint does not hide the private custom domain.
    @Test func anUnrelatedALBDoesNotHideThePrivateDomain() throws {
        let alb = """

            resource "aws_lb" "web" {
              internal           = false
              load_balancer_type = "application"
              subnets            = [aws_subnet.a.id, aws_subnet.b.id]
            }

            resource "aws_lb_target_group" "web" {
              port        = 80
              protocol    = "HTTP"
              target_type = "instance"
              vpc_id      = aws_vpc.main.id
            }

            """
        let (recognition, _) = try review(try privateDomain + alb)
        #expect(recognition.design == .vpceApigwLambda)
        #expect(recognition.explanation.contains("aws_lb.web does not forward to the endpoint"))
    }

    /// The association decides which endpoint the clients use; one that names no execute-api endpoint is a finding.
    @Test func theAssociationNamesTheEndpoint() throws {
        let text = try privateDomain.replacingOccurrences(
            of: "access_association_source      = aws_vpc_endpoint.execute_api.id", with: "access_association_source      = aws_vpc_endpoint.gateway.id")
        let gateway = "\nresource \"aws_vpc_endpoint\" \"gateway\" {\n  vpc_id       = aws_vpc.main.id\n  service_name = \"com.amazonaws.eu-west-1.s3\"\n}\n"
        let (_, findings) = try review(text + gateway)
        #expect(findings.map(\.id).contains("access-association-endpoint"))
    }

    /// A private custom domain name without a policy keeps API Gateway's deny-all policy.
    @Test func privateDomainWithoutAPolicyDeniesEverything() throws {
        let text = try privateDomain
        let start = try #require(text.range(of: "  policy = jsonencode", options: .backwards))
        let end = try #require(text.range(of: "  })\n", range: start.upperBound..<text.endIndex))
        let (_, findings) = try review(text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: ""))
        #expect(findings.map(\.id) == ["domain-policy"])
        #expect(findings.first?.message.contains("deny-all") == true)
    }

    /// With an ALB in front of the endpoint, the same resources are alb-vpce-apigw-lambda.
    @Test func anALBInFrontMakesItTheALBDesign() throws {
        let (recognition, _) = try review(try good)
        #expect(recognition.design == .albVpceApigwLambda)
    }

    @Test func findingsPointAtTheLine() throws {
        let text = try good.replacingOccurrences(of: "python3.12", with: "python3.9")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("python3.9") }! + 1
        let (_, findings) = try review(text)
        #expect(findings.first?.position.line == line)
    }

    @Test func albLambdaAndNeither() throws {
        let (recognition, findings) = try review(try String(contentsOfFile: "\(Self.fixtures)/alb-lambda.tf", encoding: .utf8))
        #expect(recognition.design == .albLambda)
        #expect(recognition.albScheme == .internal && recognition.azs == 3 && recognition.lambdaMemoryMB == 512)
        #expect(recognition.region == nil)
        #expect(recognition.unknowns.contains { $0.contains("--var region=") })
        #expect(findings.isEmpty)
        let (neither, _) = try review("resource \"aws_lb\" \"x\" {\n  subnets = [\"subnet-1\", \"subnet-2\"]\n}\n")
        #expect(neither.design == nil)
        #expect(neither.explanation.contains("none of the designs"))
        let (nothing, _) = try review("variable \"x\" {}\n")
        #expect(nothing.design == nil && nothing.explanation.contains("no Application Load Balancer"))
    }

    @Test func subnetsWhoseAZsAreWorkedOutPerInstanceSpanAnAZEach() throws {
        // terraform-aws-vpc's way: the AZ of each count instance from a data source or a function this
        // reader does not evaluate. Each instance is its own AZ (AWS takes one subnet per AZ for an ALB
        // and an endpoint): three ALB subnets span 3 AZs, and an endpoint in two of them is reported.
        let subnets = """
            data "aws_availability_zones" "available" {}
            locals { azs = ["us-west-2a", "us-west-2b", "us-west-2c"] }
            resource "aws_subnet" "a" {
              count             = 3
              vpc_id            = aws_vpc.main.id
              cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
              availability_zone = %@
            }
            """
        for zone in ["data.aws_availability_zones.available.names[count.index]", "length(regexall(\"^[a-z]{2}-\", local.azs[count.index])) > 0 ? local.azs[count.index] : null"] {
            var text = try good
            let start = try #require(text.range(of: "resource \"aws_subnet\" \"a\" {"))
            let end = try #require(text.range(of: "resource \"aws_security_group\" \"alb\""))
            text.replaceSubrange(start.lowerBound..<end.lowerBound, with: subnets.replacingOccurrences(of: "%@", with: zone) + "\n\n")
            text = text.replacingOccurrences(of: "subnets            = [aws_subnet.a.id, aws_subnet.b.id]", with: "subnets            = aws_subnet.a[*].id")
            text = text.replacingOccurrences(of: "subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "subnet_ids          = [aws_subnet.a[0].id, aws_subnet.a[1].id]")
            let (recognition, findings) = try review(text)
            #expect(recognition.azs == 3 && recognition.vpceSubnets == 2, "\(zone)")
            #expect(findings.map(\.id) == ["endpoint-fewer-subnets"], "\(zone): \(findings.map(\.id))")
        }
        // Two subnets whose AZ is written alike and not known (var.az) are one AZ as far as the code says.
        var same = try good
        same = same.replacingOccurrences(of: "availability_zone = \"us-west-2a\"", with: "availability_zone = var.az")
        same = same.replacingOccurrences(of: "availability_zone = \"us-west-2b\"", with: "availability_zone = var.az")
        let (recognition, _) = try review(same + "\nvariable \"az\" {}\n")
        #expect(recognition.facts.contains { $0.name == "ALB subnets" && $0.value.hasSuffix("in 1 AZ(s)") })
    }

    @Test func someInstancesOfAForEachSubnetSpanNoMoreAZsThanTheyAre() throws {
        // Four subnets made by for_each; the ALB takes two by key: 2 AZs at most, not the 4 of them all.
        var text = try good
        let start = try #require(text.range(of: "resource \"aws_subnet\" \"a\" {"))
        let end = try #require(text.range(of: "resource \"aws_security_group\" \"alb\""))
        text.replaceSubrange(
            start.lowerBound..<end.lowerBound,
            with: """
                resource "aws_subnet" "this" {
                  for_each          = { a = "us-west-2a", b = "us-west-2b", c = "us-west-2c", d = "us-west-2d" }
                  vpc_id            = aws_vpc.main.id
                  cidr_block        = "10.0.0.0/24"
                  availability_zone = each.value
                }

                """)
        text = text.replacingOccurrences(of: "[aws_subnet.a.id, aws_subnet.b.id]", with: "[for k in [\"a\", \"b\"] : aws_subnet.this[k].id]")
        let (recognition, findings) = try review(text)
        #expect(recognition.azs == 2 && recognition.vpceSubnets == 2)
        #expect(!findings.contains { $0.id == "endpoint-fewer-subnets" })
        // Three of the four for the ALB, two for the endpoint: the finding says what two ENIs mean.
        let three = text.replacingOccurrences(
            of: "subnets            = [for k in [\"a\", \"b\"] : aws_subnet.this[k].id]", with: "subnets            = [for k in [\"a\", \"b\", \"c\"] : aws_subnet.this[k].id]")
        let fewer = try review(three).1.first { $0.id == "endpoint-fewer-subnets" }
        #expect(fewer?.severity == .medium)
        #expect(
            fewer?.message.hasSuffix(
                "the ALB's nodes in the 1 AZ(s) without an endpoint ENI send every request to another AZ (cross-zone traffic, and more load on the ENIs left when one more AZ is lost)"
            ) == true)
    }

    @Test func aDesignOnAProviderAliasIsInThatProvidersRegion() throws {
        let fixture = try String(contentsOfFile: "\(Self.fixtures)/alb-lambda.tf", encoding: .utf8)
        let aliased =
            fixture.replacingOccurrences(of: "resource \"aws_lb\" \"api\" {\n", with: "resource \"aws_lb\" \"api\" {\n  provider = aws.eu\n")
            + "\nprovider \"aws\" {\n  alias  = \"eu\"\n  region = \"eu-west-1\"\n}\n"
        #expect(aliased.contains("provider = aws.eu"))
        let (recognition, _) = try review(aliased)
        #expect(recognition.region == "eu-west-1")
        #expect(recognition.facts.first == .init(name: "region", value: "eu-west-1 (provider aws.eu)", position: SourcePosition(file: "main.tf", line: 9, column: 14)))
    }

    @Test func anOpenRuleIsFoundWhereverItIsWritten() throws {
        // The ALB's group shared with the endpoint; its 443-from-anywhere rule written three other ways.
        let inline = """
              ingress {
                from_port   = 443
                to_port     = 443
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }
            """
        let shared = try good.replacingOccurrences(of: "security_group_ids  = [aws_security_group.endpoint.id]", with: "security_group_ids  = [aws_security_group.alb.id]")
        #expect(shared.contains(inline))
        func found(_ rule: String, extra: String = "") throws -> Bool {
            try review(shared.replacingOccurrences(of: inline, with: rule) + extra).1.contains { $0.id == "shared-open-security-group" }
        }
        #expect(try found(inline))
        // No rule at all: nothing to find.
        #expect(try !found(""))
        // A dynamic block over objects: the values, not the text, say 0.0.0.0/0.
        let dynamic = """
              dynamic "ingress" {
                for_each = { https = { port = 443, cidrs = ["0.0.0.0/0"] } }
                content {
                  from_port   = ingress.value.port
                  to_port     = ingress.value.port
                  protocol    = "tcp"
                  cidr_blocks = ingress.value.cidrs
                }
              }
            """
        #expect(try found(dynamic))
        // Rules as resources of their own (the provider's recommended style, and terraform-aws-alb's).
        let vpcRule = """

            resource "aws_vpc_security_group_ingress_rule" "https" {
              security_group_id = aws_security_group.alb.id
              cidr_ipv4         = "0.0.0.0/0"
              from_port         = 443
              to_port           = 443
              ip_protocol       = "tcp"
            }
            """
        #expect(try found("", extra: vpcRule))
        #expect(try !found("", extra: vpcRule.replacingOccurrences(of: "0.0.0.0/0", with: "10.0.0.0/8")))
        let groupRule = """

            resource "aws_security_group_rule" "https" {
              type              = "ingress"
              security_group_id = aws_security_group.alb.id
              cidr_blocks       = ["0.0.0.0/0"]
              from_port         = 443
              to_port           = 443
              protocol          = "tcp"
            }
            """
        #expect(try found("", extra: groupRule))
        #expect(try !found("", extra: groupRule.replacingOccurrences(of: "\"ingress\"", with: "\"egress\"")))
    }

    @Test func aMarkdownReviewOfSeveralDesignsSaysWhichItAnalyses() throws {
        let fixture = try String(contentsOfFile: "\(Self.fixtures)/alb-lambda.tf", encoding: .utf8)
        let start: Range<String.Index>? = fixture.range(of: "resource \"aws_lb\" \"api\"")
        let body = String(fixture[try #require(start).lowerBound...])
        let second = body.replacingOccurrences(of: "\"api\"", with: "\"two\"").replacingOccurrences(of: ".api.", with: ".two.")
            .replacingOccurrences(of: "\"app\"", with: "\"app2\"").replacingOccurrences(of: ".app.", with: ".app2.")
            .replacingOccurrences(of: "\"fn\"", with: "\"fn2\"").replacingOccurrences(of: ".fn.", with: ".fn2.")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Each ALB forwards to its own lambda target group.
        let listeners = ["api": "fn", "two": "fn2"].sorted { $0.key < $1.key }.map { alb, group in
            "\nresource \"aws_lb_listener\" \"\(alb)\" {\n  load_balancer_arn = aws_lb.\(alb).arn\n  port = 80\n  protocol = \"HTTP\"\n  default_action {\n    type = \"forward\"\n    target_group_arn = aws_lb_target_group.\(group).arn\n  }\n}\n"
        }.joined()
        try (fixture + "\n" + second + listeners).write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory.path, "--rps", "10", "--region", "us-east-1", "--format", "markdown"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "> Design 1 of 2: aws_lb.api; its review section covers all 2 and prices each; --format table and --format json analyse every design in full.\n\n# "))
    }

    @Test func anUnknownRegionIsOneAdviceNotThree() throws {
        // The provider's region is var.region, given no value: the notes agree on how to give it.
        let result = CLI.run(["review", "\(Self.fixtures)/alb-lambda.tf", "--rps", "50"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let unknowns = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  Unknown: ") }
        #expect(unknowns.contains("  Unknown: the provider's region is var.region, unknown here: pass --var region=REGION (or --region REGION)"))
        #expect(unknowns.contains("  Unknown: no region is known, so us-east-1 is assumed for the analysis"))
        #expect(!result.stdout.contains("pass --region (us-east-1"))
    }

    @Test func aCheckBlocksOwnDataSourcesAreDeclaredInside() throws {
        // terraform validate 1.11.4 accepts this (a scoped data source); a typo in the name is still an error.
        let check = """
            resource "aws_lb" "api" { name = "api" }
            check "alb_up" {
              data "aws_lb" "probe" { name = "api" }
              assert {
                condition     = data.aws_lb.probe.dns_name != "" && %@ != ""
                error_message = "The ALB has no DNS name."
              }
            }
            """
        let (_, clean) = try review(check.replacingOccurrences(of: "%@", with: "aws_lb.api.dns_name"))
        #expect(clean.isEmpty, "\(clean.map(\.message))")
        let (_, typo) = try review(check.replacingOccurrences(of: "%@", with: "data.aws_lb.prob.dns_name"))
        #expect(typo.map(\.message) == ["check.alb_up refers to data.aws_lb.prob, which no file declares: terraform plan fails"])
        #expect(typo.first?.fix == "declare data.aws_lb.prob or fix the reference (declared: no data source aws_lb at all)")
    }

    /// A fix lists at most 8 of what is declared, `...` after them: 12 buckets, in the order declared;
    /// 12 local values sorted, the one closest to the name written first (`name_k1`: `name_b1` and
    /// `name_k10` are one edit away, and the first by name is taken).
    @Test func aFixListsAtMostEightDeclarations() throws {
        var text = (0..<12).map { "resource \"aws_s3_bucket\" \"b\($0)\" { bucket = \"x\" }\n" }.joined()
        text += "locals {\n" + (0..<12).map { "  name_\(String(UnicodeScalar(UInt8(97 + $0))))\($0) = \"v\"\n" }.joined() + "}\n"
        text += "resource \"aws_sqs_queue\" \"q\" {\n  name   = aws_s3_bucket.missing.id\n  policy = local.name_k1\n}\n"
        let (_, findings) = try review(text)
        let fixes = findings.map(\.fix).sorted()
        #expect(
            fixes == [
                "declare aws_s3_bucket.missing or fix the reference (declared: aws_s3_bucket.b0, aws_s3_bucket.b1, aws_s3_bucket.b2, aws_s3_bucket.b3, aws_s3_bucket.b4, aws_s3_bucket.b5, aws_s3_bucket.b6, aws_s3_bucket.b7, ...)",
                "declare name_k1 in a locals block or fix the name (declared: name_b1, name_a0, name_c2, name_d3, name_e4, name_f5, name_g6, name_h7, ...)",
            ])
    }

    @Test func anEndpointIdPassedInFromAnotherConfigurationIsNotAFinding() throws {
        // A networking account's shared endpoint, passed in as a variable: no endpoint is declared here.
        let policy = """
            jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*",
                  Condition = { StringEquals = { "aws:SourceVpce" = var.vpce_id } } }]
              })
            """
        let shared = """
            variable "vpce_id" { type = string }
            resource "aws_api_gateway_rest_api" "orders" {
              name = "orders"
              endpoint_configuration {
                types            = ["PRIVATE"]
                vpc_endpoint_ids = [var.vpce_id]
              }
              policy = \(policy)
            }
            resource "aws_api_gateway_domain_name" "orders" {
              domain_name     = "orders.internal.example.com"
              certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/x"
              endpoint_configuration { types = ["PRIVATE"] }
              policy = \(policy)
            }
            resource "aws_api_gateway_domain_name_access_association" "orders" {
              access_association_source      = var.vpce_id
              access_association_source_type = "VPCE"
              domain_name_arn                = aws_api_gateway_domain_name.orders.arn
            }
            resource "aws_api_gateway_base_path_mapping" "orders" {
              api_id         = aws_api_gateway_rest_api.orders.id
              domain_name    = aws_api_gateway_domain_name.orders.domain_name
              domain_name_id = aws_api_gateway_domain_name.orders.domain_name_id
            }
            """
        let (recognition, findings) = try review(shared)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(
            recognition.explanation.hasPrefix(
                "aws_api_gateway_domain_name.orders, a private custom domain name, is declared, but the code lacks an Interface endpoint for execute-api"))
        #expect(!recognition.facts.contains { $0.name == "security groups" })
        // With an execute-api endpoint declared here, a policy on a variable that does not stand for it
        // lets that endpoint's requests get 403.
        let endpoint = """

            resource "aws_vpc_endpoint" "execute_api" {
              vpc_id            = "vpc-0123"
              service_name      = "com.amazonaws.eu-west-1.execute-api"
              vpc_endpoint_type = "Interface"
              subnet_ids        = ["subnet-a", "subnet-b"]
            }
            """
        let (_, local) = try review(shared + endpoint)
        #expect(Set(local.map(\.id)).isSuperset(of: ["source-vpce", "access-association-endpoint"]), "\(local.map(\.id))")
        #expect(
            local.first { $0.id == "source-vpce" }?.message
                == "aws_api_gateway_rest_api.orders's policy conditions aws:SourceVpce on var.vpce_id, which stands for none of the execute-api endpoints declared here (aws_vpc_endpoint.execute_api): requests through them get 403"
        )
    }

    @Test func anEndpointServiceLookedUpByDataSourceIsExecuteAPI() throws {
        // terraform-aws-vpc's vpc-endpoints module names the service through data "aws_vpc_endpoint_service".
        let literal = "service_name        = \"com.amazonaws.us-west-2.execute-api\""
        let text = try good
        #expect(text.contains(literal))
        let lookup = """
            service_name        = data.aws_vpc_endpoint_service.api[0].service_name
            """
        let service = "\ndata \"aws_vpc_endpoint_service\" \"api\" {\n  count   = 1\n  service = %@\n}\n"
        let (recognition, findings) = try review(text.replacingOccurrences(of: literal, with: lookup) + service.replacingOccurrences(of: "%@", with: "\"execute-api\""))
        #expect(recognition.design == .albVpceApigwLambda && findings.isEmpty, "\(recognition.explanation) \(findings.map(\.id))")
        // Another service is not the API's endpoint.
        let (s3, _) = try review(text.replacingOccurrences(of: literal, with: lookup) + service.replacingOccurrences(of: "%@", with: "\"s3\""))
        #expect(s3.design == nil && s3.explanation.contains("aws_lb.api is declared, but the code lacks an Interface endpoint for execute-api"))
    }

    @Test func theRegisteredFunctionIsFollowedOrLeftToItsDefaults() throws {
        let fixture = try String(contentsOfFile: "\(Self.fixtures)/alb-lambda.tf", encoding: .utf8)
        let direct = "target_id        = aws_lambda_function.app.arn"
        #expect(fixture.contains(direct))
        // A second function of 2,048 MB, declared before nothing in particular: never priced in place of the registered one.
        let other = """

            resource "aws_lambda_function" "big" {
              function_name = "big"
              role          = "arn:aws:iam::123456789012:role/x"
              handler       = "app.handler"
              runtime       = "python3.13"
              filename      = "app.zip"
              memory_size   = 2048
            }
            resource "aws_lambda_alias" "live" {
              name             = "live"
              function_name    = aws_lambda_function.app.function_name
              function_version = "1"
            }
            variable "fn_arn" { default = "arn:aws:lambda:us-east-1:123456789012:function:elsewhere" }
            data "aws_lambda_function" "existing" { function_name = "existing" }
            """
        func recognised(_ target: String) throws -> Recognition {
            try review(fixture.replacingOccurrences(of: direct, with: "target_id        = \(target)") + other).0
        }
        // Through an alias: the alias's function (512 MB).
        let alias = try recognised("aws_lambda_alias.live.arn")
        #expect(alias.parts.function == "aws_lambda_function.app" && alias.lambdaMemoryMB == 512)
        // A function of another configuration: not one declared here, so its defaults, and the explanation says so.
        for target in ["var.fn_arn", "data.aws_lambda_function.existing.arn"] {
            let elsewhere = try recognised(target)
            #expect(elsewhere.parts.function == nil && elsewhere.lambdaMemoryMB == nil, "\(target)")
            #expect(
                elsewhere.explanation.contains(
                    "the function it registers (target_id = \(target)) is not an aws_lambda_function this code declares, or could not be followed to one, so the function's defaults (128 MB, x86_64) apply"
                ))
        }
    }

    @Test func aHostRewriteMustCoverWhatReachesTheEndpoint() throws {
        // Without the private custom domain name, the Host must be rewritten on the way to the endpoint.
        var text = try good
        for block in ["resource \"aws_api_gateway_domain_name\" \"private\"", "resource \"aws_api_gateway_domain_name_access_association\" \"private\""] {
            let start = try #require(text.range(of: block))
            let end = try #require(text.range(of: "\n}\n", range: start.upperBound..<text.endIndex))
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        func hostFinding(_ extra: String, defaultAction: String? = nil) throws -> Bool {
            var edited = text + extra
            if let defaultAction {
                edited = edited.replacingOccurrences(
                    of: "    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.endpoint.arn\n  }\n}", with: defaultAction + "\n  }\n}")
            }
            return try review(edited).1.contains { $0.id == "host-header" }
        }
        #expect(try hostFinding(""))
        let rule = """

            resource "aws_lb_listener_rule" "rewrite" {
              listener_arn = aws_lb_listener.https.arn
              priority     = 1
              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.endpoint.arn
              }
              condition {
                path_pattern { values = [PATHS] }
              }
              transform {
                type = "host-header-rewrite"
                host_header_rewrite_config {
                  rewrite {
                    regex   = "^.*$"
                    replace = "${aws_api_gateway_rest_api.private.id}.execute-api.us-west-2.amazonaws.com"
                  }
                }
              }
            }
            """
        // Every path rewritten: nothing reaches the API with the client's Host.
        #expect(try !hostFinding(rule.replacingOccurrences(of: "PATHS", with: "\"/*\"")))
        // Only /api/*: the default action still forwards the rest unrewritten.
        #expect(try hostFinding(rule.replacingOccurrences(of: "PATHS", with: "\"/api/*\"")))
        // Only /api/*, and the default action answers itself: what reaches the endpoint is rewritten.
        let fixed = "    type = \"fixed-response\"\n    fixed_response {\n      content_type = \"text/plain\"\n      status_code  = \"404\"\n    }"
        #expect(try !hostFinding(rule.replacingOccurrences(of: "PATHS", with: "\"/api/*\""), defaultAction: fixed))
    }

    // MARK: - The seeds

    @Test func tutorialSeed() throws {
        let config = try load("tutorial")
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.design == .albVpceApigwLambda)
        #expect(recognition.region == "us-west-2")
        #expect(recognition.albScheme == .internetFacing && recognition.accounts == .cross)
        #expect(recognition.azs == 2 && recognition.vpceSubnets == 1 && recognition.registeredTargets == 1)
        #expect(recognition.privateDNS == true && recognition.targetIPs == .lookup)
        #expect(recognition.unknowns.contains { $0.hasPrefix("var.region has no default") })
        #expect(recognition.facts.contains { $0.name == "listener" && $0.value.contains("ELBSecurityPolicy-2016-08") })
        #expect(recognition.facts.contains { $0.name == "VPC" && $0.value.contains("20.0.0.0/16") })
        let given = DesignRecognizer.recognize(try load("tutorial", variables: ["region": "us-west-2"]))
        #expect(!given.unknowns.contains { $0.hasPrefix("var.region") })
        #expect(given.facts.contains { $0.name == "ALB subnets" && $0.value.hasSuffix("in 2 AZ(s)") })
        let ids = Set(TerraformReview.review(config, recognition: recognition).map(\.id))
        #expect(
            ids == [
                "endpoint-fewer-subnets", "weak-tls-policy", "private-dns", "public-cidr", "deprecated-runtime", "shared-open-security-group", "host-header",
                // The health check speaks HTTP to 443: its "200,403" matcher never sees an answer, and
                // health-check-protocol says why (health-check-403 follows once that is fixed).
                "health-check-protocol", "cname-to-alb",
            ])
        // The tutorial's record is a CNAME (TTL 300) to the ALB: its queries are billed.
        #expect(recognition.dnsRecord == .cname)
        let runtime = TerraformReview.review(config, recognition: recognition).first { $0.id == "deprecated-runtime" }?.message ?? ""
        #expect(runtime.contains("deprecated since 2025-12-15") && runtime.contains("from 2027-02-01") && runtime.contains("from 2027-03-03"))
    }

    @Test func blogSeed() throws {
        let config = try load("blog")
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.design == .albVpceApigwLambda)
        #expect(recognition.region == "us-east-1")
        #expect(recognition.albScheme == .internal && recognition.azs == 2 && recognition.vpceSubnets == 0)
        #expect(recognition.targetIPs == .manual)
        let findings = TerraformReview.review(config, recognition: recognition)
        let ids = Set(findings.map(\.id))
        #expect(ids == ["endpoint-fewer-subnets", "source-vpce", "undeclared-reference", "health-check-403", "host-header"])
        let undeclared = findings.filter { $0.id == "undeclared-reference" }.map(\.message)
        for name in ["aws_security_group.alb", "aws_lb_target_group.api", "var.vpce_ip_1", "var.vpce_ip_2"] {
            #expect(undeclared.contains { $0.contains(name) }, "\(name)")
        }
        #expect(findings.first { $0.id == "source-vpce" }?.message.contains("vpc-11111111") == true)
    }

    // MARK: - The command

    @Test func reviewCommandRunsTheUsualAnalysis() throws {
        let result = CLI.run(["review", "\(Self.seeds)/tutorial", "--rps", "50", "--detail"], environment: ["COLUMNS": "1000"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Design: alb-vpce-apigw-lambda"))
        #expect(result.stdout.contains("alb-lambda cannot carry this workload here"))
        #expect(result.stdout.contains("from Terraform"))
        #expect(result.stdout.contains("main.tf:"))
        let json = CLI.run(["review", "\(Self.seeds)/tutorial", "--rps", "50", "--format", "json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let terraform = try #require(object["terraform"] as? [String: Any])
        #expect(terraform["design"] as? String == "alb-vpce-apigw-lambda")
        #expect((terraform["findings"] as? [Any])?.count == 9)  // the ids of tutorialSeed, each once
    }

    @Test(arguments: [
        (["review"], Int32(64), "needs a PATH"),
        (["review", "a", "b", "--rps", "50"], Int32(64), "takes one PATH, got 2"),
        (["review", "/dev/zero", "--rps", "50"], Int32(66), "not a regular file"),
        (["review", "/nonexistent/infra", "--rps", "50"], Int32(66), "does not exist"),
        (["review", "Tests", "--rps", "50"], Int32(66), "holds no .tf or .tf.json files"),
        (["review", "Package.swift", "--rps", "50", "--var", "x"], Int32(64), "NAME=VALUE"),
    ])
    func reviewErrors(arguments: [String], code: Int32, message: String) {
        var arguments = arguments
        if arguments.count > 1, arguments[1] == "Tests" { arguments[1] = repositoryPath("Tests") }
        let result = CLI.run(arguments)
        #expect(result.exitCode == code, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func pathMayFollowTheOptionsAndVariablesAreGivenOnce() {
        let after = CLI.run(["review", "--rps", "50", "\(Self.seeds)/blog"])
        #expect(after.exitCode == 0, "\(after.stderr)")
        #expect(after.stdout == CLI.run(["review", "\(Self.seeds)/blog", "--rps", "50"]).stdout)
        let twice = CLI.run(["review", "\(Self.seeds)/blog", "--rps", "50", "--var", "a=1", "--var", "a=2"])
        #expect(twice.exitCode == 64 && twice.stderr.contains("--var a is given twice"))
    }

    @Test func parseErrorsNameFileLineAndColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-tf-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "resource \"aws_lb\" \"x\" {\n  name = \"unterminated\n}\n".write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory.path, "--rps", "50"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("main.tf:2:"), "\(result.stderr)")
        try Data([0x72, 0x00, 0xff]).write(to: directory.appendingPathComponent("main.tf"))
        #expect(CLI.run(["review", directory.path, "--rps", "50"]).exitCode == 65)
        // A byte that is not UTF-8 is placed where it stands: `b = "é` is six characters, so 0xFF is
        // column 7, whether the file is read ahead (main.tf) or not (an override file turns that off).
        try Data("a = 1\nb = \"\u{e9}".utf8 + [0xff] + Data("\"\n".utf8)).write(to: directory.appendingPathComponent("main.tf"))
        let ahead = CLI.run(["review", directory.path])
        #expect(ahead.exitCode == 65)
        #expect(ahead.stderr == "albgw-cost: error: main.tf:2:7: expected UTF-8 text, found invalid UTF-8 byte 0xFF\n", "\(ahead.stderr)")
        try "locals {\n  a = 1\n}\n".write(to: directory.appendingPathComponent("override.tf"), atomically: true, encoding: .utf8)
        #expect(CLI.run(["review", directory.path]).stderr == ahead.stderr)
    }
}

/// Values the code writes reach the analysis, Terraform's defaults where it writes none, and a value
/// the code leaves unknown is said to be, never taken as read (found by a new user's check).
@Suite struct ReviewValuesFromTheCodeTests {
    static let albLambda = repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/alb-lambda.tf")

    /// alb-lambda.tf with `edit` applied, reviewed (`--var region=us-east-1` and `extra`).
    func run(_ edit: (String) -> String, _ extra: [String]) throws -> CLI.Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-values-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try edit(try String(contentsOfFile: Self.albLambda, encoding: .utf8)).write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        return CLI.run(["review", directory.path, "--var", "region=us-east-1"] + extra)
    }

    func recognized(_ edit: (String) -> String) throws -> Recognition {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-values-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try edit(try String(contentsOfFile: Self.albLambda, encoding: .utf8)).write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        return DesignRecognizer.recognize(try TerraformLoader.load(directory.path, variables: ["region": "us-east-1"]))
    }

    @Test func theFunctionsTimeoutIsTerraformsDefaultOrWhatTheCodeWrites() throws {
        // The AWS provider's aws_lambda_function: "timeout - (Optional) ... Defaults to 3."
        let unset = try recognized { $0 }
        #expect(unset.lambdaTimeoutS == 3)
        #expect(unset.optionValues().values["--lambda-timeout-s"] == "3")
        let ten = try recognized { $0.replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  timeout       = 10") }
        #expect(ten.lambdaTimeoutS == 10)
        #expect(ten.facts.contains { $0.name == "Lambda" && $0.value.hasSuffix("timeout 10 s") })
        // A function that runs 20 s cannot finish in 10: no design carries the workload.
        let slow = try run(
            { $0.replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  timeout       = 10") }, ["--rps", "5", "--lambda-duration-ms", "20000"])
        #expect(slow.exitCode == 0, "\(slow.stderr)")
        #expect(slow.stdout.hasPrefix("Recommendation: No design can carry this workload here."), "\(slow.stdout.prefix(300))")
        // Written with no known value: the analysis takes its own default, and says so.
        let unknown = try recognized {
            $0.replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  timeout       = var.timeout") + "\nvariable \"timeout\" {}\n"
        }
        #expect(unknown.lambdaTimeoutS == nil && unknown.optionValues().values["--lambda-timeout-s"] == nil)
        #expect(unknown.unknowns.contains { $0.contains("timeout = var.timeout is not a known whole number of seconds") })
    }

    @Test func storageIdleTimeoutAndIntegrationTimeoutReachTheAnalysis() throws {
        let written = try recognized {
            $0.replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  ephemeral_storage {\n    size = 10240\n  }")
                .replacingOccurrences(of: "  internal = true", with: "  internal = true\n  idle_timeout = 15")
        }
        #expect(written.lambdaEphemeralMB == 10240 && written.albIdleTimeoutS == 15)
        let values = written.optionValues().values
        #expect(values["--lambda-ephemeral-mb"] == "10240" && values["--alb-idle-timeout-s"] == "15")
        // 10,240 MB is 9,728 MB (9.5 GB) above the 512 MB included: at 50 requests/s of 100 ms,
        // 131,400,000 x 0.1 s x 9.5 GB = 124,830,000 GB-s x $0.0000000309 (us-east-1) = $3.857247.
        let priced = try run(
            { $0.replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  ephemeral_storage {\n    size = 10240\n  }") },
            ["--rps", "50", "--detail"])
        #expect(priced.stdout.contains("$3.86"), "\(priced.stdout.prefix(3000))")
        // An integration's timeout_milliseconds, the shortest of the API's, in seconds as the option takes it.
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        for (milliseconds, seconds) in [("5000", "5"), ("50", "0.05"), ("29500", "29.5")] {
            let integration = """

                resource "aws_api_gateway_integration" "a" {
                  rest_api_id             = aws_api_gateway_rest_api.private.id
                  resource_id             = "r"
                  http_method             = "GET"
                  type                    = "AWS_PROXY"
                  integration_http_method = "POST"
                  uri                     = aws_lambda_function.app.invoke_arn
                  timeout_milliseconds    = \(milliseconds)
                }

                """
            let (recognition, _) = try TerraformReviewTests().review(good + integration)
            #expect(
                recognition.apigwTimeoutS == seconds && recognition.optionValues().values["--apigw-timeout-s"] == seconds,
                "\(milliseconds): \(recognition.apigwTimeoutS ?? "nil") \(recognition.unknowns)")
        }
    }

    /// ephemeral_storage is a nested block in Terraform's JSON syntax and in a plan's JSON too (found by
    /// a new user's check: both read 512 MB where the code says 2,048).
    @Test func ephemeralStorageIsReadFromJSONSyntax() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = #"""
            {"resource": {"aws_lb": {"a": {"subnets": ["subnet-1", "subnet-2"]}},
             "aws_lb_listener": {"l": {"load_balancer_arn": "${aws_lb.a.arn}", "default_action": {"type": "forward", "target_group_arn": "${aws_lb_target_group.t.arn}"}}},
             "aws_lb_target_group": {"t": {"target_type": "lambda"}},
             "aws_lb_target_group_attachment": {"x": {"target_group_arn": "${aws_lb_target_group.t.arn}", "target_id": "${aws_lambda_function.f.arn}"}},
             "aws_lambda_function": {"f": {"function_name": "f", "timeout": 10, "ephemeral_storage": {"size": 2048}}}}}
            """#
        try json.write(to: directory.appendingPathComponent("main.tf.json"), atomically: true, encoding: .utf8)
        let recognition = DesignRecognizer.recognize(try TerraformLoader.load(directory.path, variables: [:]))
        #expect(recognition.design == .albLambda && recognition.lambdaEphemeralMB == 2048 && recognition.lambdaTimeoutS == 10)
    }

    @Test func valuesTheCodeLeavesUnknownAreNotTakenAsRead() throws {
        let unknown = try recognized {
            $0.replacingOccurrences(of: "  internal = true", with: "  internal = var.internal")
                .replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  architectures = [var.arch]")
                + "\nvariable \"internal\" {\n  type = bool\n}\nvariable \"arch\" {\n  type = string\n}\n"
        }
        #expect(unknown.albScheme == nil && unknown.lambdaArchitecture == nil)
        let values = unknown.optionValues().values
        #expect(values["--alb-scheme"] == nil && values["--lambda-arch"] == nil)
        #expect(unknown.unknowns.contains { $0.contains("internal = var.internal has no known value") && $0.contains("--alb-scheme") })
        #expect(unknown.unknowns.contains { $0.contains("architectures = [var.arch] has no known value") && $0.contains("--lambda-arch") })
        #expect(unknown.facts.contains { $0.name == "ALB" && $0.value == "aws_lb.api, scheme unknown (internal = var.internal)" })
        // Not written at all, they are Terraform's defaults: internet-facing, x86_64.
        let unwritten = try recognized { $0.replacingOccurrences(of: "  internal = true\n", with: "") }
        #expect(unwritten.albScheme == .internetFacing && unwritten.lambdaArchitecture == .x86_64)
        // Set to null, as a module's variable left at a null default sets them, they are not set either
        // (terraform-aws-modules/lambda passes `architectures = var.architectures`, default null).
        let null = try recognized {
            $0.replacingOccurrences(of: "  internal = true", with: "  internal = var.internal\n  idle_timeout = null")
                .replacingOccurrences(of: "  memory_size   = 512", with: "  memory_size   = 512\n  architectures = var.arch\n  timeout = var.timeout")
                + "\nvariable \"internal\" {\n  default = null\n}\nvariable \"arch\" {\n  default = null\n}\nvariable \"timeout\" {\n  default = null\n}\n"
        }
        #expect(null.albScheme == .internetFacing && null.lambdaArchitecture == .x86_64 && null.lambdaTimeoutS == 3 && null.albIdleTimeoutS == nil)
        #expect(null.unknowns.isEmpty, "\(null.unknowns)")
        // Subnets whose AZs are not known: the user is told which option sets them.
        let subnets = try recognized {
            $0.replacingOccurrences(
                of: #"subnets  = ["subnet-aaaaaaaaaaaaaaaaa", "subnet-bbbbbbbbbbbbbbbbb", "subnet-ccccccccccccccccc"]"#, with: "subnets  = data.aws_subnets.x.ids")
                + "\ndata \"aws_subnets\" \"x\" {}\n"
        }
        #expect(subnets.azs == nil)
        #expect(subnets.unknowns.contains { $0.contains("subnets (data.aws_subnets.x.ids) do not say how many AZs") && $0.contains("--azs N") })
    }

    @Test func aListenerWithoutProtocolIsHTTP() throws {
        // The provider's aws_lb_listener: protocol "For Application Load Balancers, valid values are
        // HTTP and HTTPS, with a default of HTTP"; an HTTP listener has no TLS policy.
        let listener = """

            resource "aws_lb_listener" "l" {
              load_balancer_arn = aws_lb.api.arn
              port              = 80
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.fn.arn
              }
            }

            """
        let recognition = try recognized { $0 + listener }
        #expect(recognition.facts.contains { $0.name == "listener" && $0.value == "aws_lb_listener.l: HTTP (default) 80" }, "\(recognition.facts)")
    }

    /// The oldest TLS version each listener policy accepts, as ELB's "Security policies for your
    /// Application Load Balancer" lists them: the finding says which (found by a new user's check).
    @Test(arguments: [
        ("ELBSecurityPolicy-2016-08", "TLS 1.0 and 1.1"), ("ELBSecurityPolicy-TLS-1-1-2017-01", "TLS 1.1"), ("ELBSecurityPolicy-FS-1-1-2019-08", "TLS 1.1"),
        ("ELBSecurityPolicy-TLS13-1-1-2021-06", "TLS 1.1"), ("ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04", "TLS 1.0 and 1.1"),
        ("ELBSecurityPolicy-TLS13-1-2-2021-06", nil), ("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", nil),
    ])
    func weakTLSPolicyNamesTheOldestVersion(policy: String, accepts: String?) throws {
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        #expect(good.contains("\"ELBSecurityPolicy-TLS13-1-2-2021-06\""))
        let (_, findings) = try TerraformReviewTests().review(good.replacingOccurrences(of: "\"ELBSecurityPolicy-TLS13-1-2-2021-06\"", with: "\"\(policy)\""))
        let weak = findings.filter { $0.id == "weak-tls-policy" }.map(\.message)
        #expect(weak == accepts.map { ["aws_lb_listener.https uses \(policy), which accepts \($0)"] } ?? [])
        // A FIPS policy's fix is a FIPS policy (ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04 is one AWS lists).
        let fixes = findings.filter { $0.id == "weak-tls-policy" }.map(\.fix)
        #expect(fixes.allSatisfy { $0.contains("FIPS") == policy.contains("FIPS") }, "\(fixes)")
    }

    /// The provider's aws_lb_target_group health_check: protocol "Defaults to HTTP", port "Default is
    /// traffic-port": an HTTPS target group on 443 with no health check of its own is checked with HTTP
    /// on 443 (found by a new user's check).
    @Test func aHealthCheckLeftToItsDefaultsSpeaksHTTPTo443() throws {
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        let block = """
              health_check {
                protocol = "HTTPS" # health check protocol
                port     = "443"
                path     = "/ping"
                matcher  = "200,403"
              }

            """
        #expect(good.contains(block))
        func messages(_ replacement: String) throws -> [String] {
            try TerraformReviewTests().review(good.replacingOccurrences(of: block, with: replacement)).1.filter { $0.id == "health-check-protocol" }.map(\.message)
        }
        #expect(
            try messages("")
                == [
                    "aws_lb_target_group.endpoint has no health_check block, so AWS checks its targets with HTTP on the traffic port, 443, a TLS port, and every target looks unhealthy"
                ])
        #expect(
            try messages("  health_check {\n    path = \"/ping\"\n  }\n")
                == [
                    "aws_lb_target_group.endpoint's health check sets neither protocol nor port, so it speaks HTTP to the traffic port, 443, a TLS port, and every target looks unhealthy"
                ])
        #expect(
            try messages("  health_check {\n    port = \"traffic-port\"\n  }\n")
                == [
                    "aws_lb_target_group.endpoint's health check names the traffic port without a protocol, so it speaks HTTP to the traffic port, 443, a TLS port, and every target looks unhealthy"
                ])
        #expect(try messages("  health_check {\n    protocol = \"HTTPS\"\n  }\n").isEmpty)
    }

    /// Dates from cfn-lint's copy of the Lambda runtimes table (LmbdRuntimeLifecycle.json, 2026-06-02):
    /// nodejs20.x deprecated 2026-04-30, provided.al2 2026-07-31, dotnet8 2026-11-10, each blocked for
    /// new functions from 2027-02-01 and for updates from 2027-03-03; nodejs22.x not until 2027-04-30.
    @Test(arguments: [("nodejs20.x", "2026-04-30"), ("provided.al2", "2026-07-31"), ("dotnet8", "2026-11-10"), ("nodejs22.x", nil)])
    func deprecatedRuntimesFollowTheRuntimesTable(runtime: String, deprecated: String?) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOfFile: Self.albLambda, encoding: .utf8)
        #expect(text.contains("runtime       = \"nodejs22.x\""))
        try text.replacingOccurrences(of: "runtime       = \"nodejs22.x\"", with: "runtime       = \"\(runtime)\"")
            .write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, variables: ["region": "us-east-1"])
        let found = TerraformReview.review(config, recognition: DesignRecognizer.recognize(config)).filter { $0.id == "deprecated-runtime" }.map(\.message)
        #expect(
            found
                == (deprecated.map {
                    [
                        "aws_lambda_function.app uses \(runtime), deprecated since \($0): no more security patches; AWS blocks creating functions with it from 2027-02-01 and updating them from 2027-03-03 (Lambda runtimes table as copied into AWS's cfn-lint, 2026-06-02)"
                    ]
                } ?? []))
    }

    /// The REST API's policy written with an aws_iam_policy_document data source is read like one
    /// written with jsonencode (found by a new user's check: the hard-coded id went unreported).
    @Test func aPolicyDocumentDataSourceIsReadForSourceVpce() throws {
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        // The REST API's own policy, written with jsonencode: the first in the file.
        let start = try #require(good.range(of: "  policy = jsonencode"))
        let end = try #require(good.range(of: "  })\n", range: start.upperBound..<good.endIndex))
        #expect(good[start.lowerBound..<end.upperBound].contains("\"aws:SourceVpce\" = aws_vpc_endpoint.execute_api.id"))
        func findings(_ values: String) throws -> [ReviewFinding] {
            let document = "\n" + TerraformReviewTests.policyDocument("api", values: values)
            let code = good.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "  policy = data.aws_iam_policy_document.api.json\n") + document
            return try TerraformReviewTests().review(code).1.filter { $0.id == "source-vpce" }
        }
        let hardCoded = try findings(#"["vpce-0123456789abcdef0"]"#)
        #expect(
            hardCoded.map(\.message) == [
                #"aws_api_gateway_rest_api.private's policy conditions aws:SourceVpce on ["vpce-0123456789abcdef0"], an id hard-coded from elsewhere: it breaks when the endpoint is recreated"#
            ])
        #expect(hardCoded.first?.severity == .high)
        #expect(try findings("[aws_vpc_endpoint.execute_api.id]").isEmpty)
    }

    /// cname-to-alb is about an ALB: a CNAME to a network load balancer is not reported as one
    /// (found by a new user's check).
    @Test func aCNAMEToANetworkLoadBalancerIsNotACNAMEToTheALB() throws {
        func findings(_ type: String) throws -> [String] {
            let record = """

                resource "aws_lb" "nlb" {
                  load_balancer_type = "\(type)"
                  subnets            = ["subnet-aaaaaaaaaaaaaaaaa", "subnet-bbbbbbbbbbbbbbbbb"]
                }

                resource "aws_route53_record" "api" {
                  zone_id = "Z123"
                  name    = "api.example.com"
                  type    = "CNAME"
                  ttl     = 300
                  records = [aws_lb.nlb.dns_name]
                }

                """
            let text = try String(contentsOfFile: Self.albLambda, encoding: .utf8) + record
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-cname-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try text.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
            let config = try TerraformLoader.load(directory.path, variables: ["region": "us-east-1"])
            return TerraformReview.review(config, designs: DesignRecognizer.recognize(Inventory(config)).designs).map(\.id)
        }
        #expect(try !findings("network").contains("cname-to-alb"))
        #expect(try findings("application").contains("cname-to-alb"))
    }

    /// With no endpoint IP registered the ALB has no target at all (an ALB answers 503 then), which is
    /// said as such, not as losing one AZ (found by a new user's check).
    @Test func noRegisteredEndpointIPIsSaidAsSuch() throws {
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        let attachment = """
            resource "aws_lb_target_group_attachment" "endpoint" {
              count            = 2
            """
        #expect(good.contains(attachment))
        let (recognition, findings) = try TerraformReviewTests().review(good.replacingOccurrences(of: attachment, with: attachment.replacingOccurrences(of: "= 2", with: "= 0")))
        #expect(recognition.registeredTargets == 0)
        #expect(
            findings.filter { $0.id == "partial-registration" }.map(\.message)
                == ["the target group registers none of the endpoint's 2 ENI IPs: the ALB has no target, and every request gets 503"])
    }

    /// aws:SourceVpce on the VPC's id, referred to rather than written out, is said to be a VPC id
    /// (found by a new user's check: it was called a hard-coded id from elsewhere).
    @Test func sourceVpceOnAReferencedVPCIsAVPCId() throws {
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        let written = #"Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.execute_api.id } }"#
        #expect(good.contains(written))
        let (_, findings) = try TerraformReviewTests().review(
            good.replacingOccurrences(of: written, with: #"Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc.main.id } }"#))
        let messages = findings.filter { $0.id == "source-vpce" }.map(\.message)
        #expect(messages.count == 1 && messages.allSatisfy { $0.contains("a VPC id, not the endpoint: no request matches and every call gets 403") }, "\(messages)")
    }

    @Test func privateDNSWrittenWithNoKnownValueIsUnknown() throws {
        let good = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        #expect(good.contains("private_dns_enabled = false"))
        let (recognition, _) = try TerraformReviewTests().review(
            good.replacingOccurrences(of: "private_dns_enabled = false", with: "private_dns_enabled = var.dns") + "\nvariable \"dns\" {\n  type = bool\n}\n")
        #expect(recognition.privateDNS == nil && recognition.optionValues().values["--private-dns"] == nil)
        #expect(recognition.unknowns.contains { $0.contains("private_dns_enabled = var.dns has no known value: pass --private-dns on or off") })
    }
}

/// The rules of the endpoint's target group and of the private custom domain, against what a new
/// user's check tried on them: each case a change to the correct configuration and the findings it
/// should give (none where the change is still correct, or where the code does not say enough).
@Suite struct EndpointTargetGroupAndMappingTests {
    var good: String { get throws { try String(contentsOfFile: "\(TerraformReviewTests.fixtures)/good-private-api.tf", encoding: .utf8) } }

    func ids(_ changes: [(String, String)], append: String = "") throws -> [String] {
        var text = try good
        for (from, to) in changes {
            #expect(text.contains(from), "the change does not apply: \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        return try TerraformReviewTests().review(text + append).1.map(\.id)
    }

    @Test func targetGroupPorts() throws {
        // The attachments name 443: the target group's own port does not count.
        #expect(try ids([("  port        = 443\n  protocol    = \"HTTPS\"", "  port        = 80\n  protocol    = \"HTTPS\"")]) == [])
        // An attachment with no port registers on the target group's (80): every request fails.
        #expect(
            try ids([("  port        = 443\n  protocol    = \"HTTPS\"", "  port        = 80\n  protocol    = \"HTTPS\""), ("  port             = 443\n", "")])
                == ["target-group-protocol"])
        let (_, findings) = try TerraformReviewTests().review(
            try good.replacingOccurrences(of: "  port        = 443\n  protocol    = \"HTTPS\"", with: "  port        = 80\n  protocol    = \"HTTPS\"")
                .replacingOccurrences(of: "  port             = 443\n", with: ""))
        #expect(
            findings.first?.message.hasPrefix("aws_lb_target_group_attachment.endpoint[0] (no port of its own: aws_lb_target_group.endpoint's) (and 1 more) sends to port 80")
                == true, "\(findings.map(\.message))")
    }

    /// The alarm the review reads reaches the analysis (--error-alarms on, from Terraform): its
    /// failure domains no longer ask for the alarm the code has (found by a new user's check).
    @Test func theAnalysisKnowsTheAlarm() throws {
        let path = "\(TerraformReviewTests.fixtures)/good-private-api.tf"
        let reviewed = CLI.run(["review", path, "--rps", "50", "--detail"], environment: ["COLUMNS": "1000"]).stdout
        #expect(reviewed.contains("error alarms             aws_cloudwatch_metric_alarm.api_5xx: 5XXError"))
        #expect(reviewed.contains("--error-alarms               on                                          from Terraform"))
        #expect(!reviewed.contains("Health checks prove nothing about the API"))
        // The main command: the finding until the alarms are said to exist.
        #expect(CLI.run(["--rps", "50", "--detail"]).stdout.contains("Health checks prove nothing about the API"))
        #expect(!CLI.run(["--rps", "50", "--detail", "--error-alarms", "on"]).stdout.contains("Health checks prove nothing about the API"))
    }

    /// Only API Gateway's 5XXError and Lambda's Errors, in their namespaces, quiet health-check-403.
    @Test func theAlarmMustWatchTheAPIOrTheFunction() throws {
        #expect(try ids([("namespace           = \"AWS/ApiGateway\"", "namespace           = \"AWS/Firehose\"")]) == ["health-check-403"])
        #expect(try ids([("metric_name         = \"5XXError\"", "metric_name         = \"Errors\""), ("\"AWS/ApiGateway\"", "\"AWS/Lambda\"")]) == [])
        #expect(try ids([("metric_name         = \"5XXError\"", "metric_name         = \"Latency\"")]) == ["health-check-403"])
    }

    /// An ECS service's IP target group (HTTP 8080, a 200-499 matcher), beside the endpoint's.
    static let ecsTargetGroup = """

            resource "aws_lb_target_group" "ecs" {
              port        = 8080
              protocol    = "HTTP"
              target_type = "ip"
              vpc_id      = aws_vpc.main.id
              health_check {
                matcher = "200-499"
              }
            }

        """

    /// An ECS service's IP target group with a 200-499 matcher is not in front of an endpoint:
    /// health-check-403 is about API Gateway's answer only. An NLB's TLS target group is checked
    /// with TCP by default, not HTTP.
    @Test func targetGroupsNotInFrontOfTheEndpoint() throws {
        let others =
            Self.ecsTargetGroup + """

                resource "aws_lb_target_group" "nlb" {
                  port        = 443
                  protocol    = "TLS"
                  target_type = "ip"
                  vpc_id      = aws_vpc.main.id
                }

                """
        #expect(try ids([], append: others) == [])
    }

    /// A private domain's mapping needs domain_name_id (AWS CLI create-base-path-mapping: "Required
    /// for private custom domain names"); one named by a literal while the domain's own name is not
    /// known may be the one.
    @Test func mappingsOfAPrivateDomain() throws {
        #expect(try ids([("  domain_name_id = aws_api_gateway_domain_name.private.domain_name_id\n", "")]) == ["missing-base-path-mapping"])
        let literal = try ids(
            [
                ("domain_name     = \"api.example.com\"", "domain_name     = \"api.${var.zone}\""),
                ("  domain_name    = aws_api_gateway_domain_name.private.domain_name\n", "  domain_name    = \"api.corp.internal\"\n"),
                ("  domain_name_id = aws_api_gateway_domain_name.private.domain_name_id\n", "  domain_name_id = \"api.corp.internal+a1b2c3d4e5\"\n"),
            ], append: "\nvariable \"zone\" {\n  type = string\n}\n")
        #expect(literal == [])
    }

    /// An ECS service's IP target group behind the same ALB is not the endpoint's: the group whose
    /// attachments register the endpoint's ENIs is (found by a new user's check: it was taken for a
    /// second design with four false findings). Alone behind an ALB, a group an ECS service
    /// registers into is no endpoint's either.
    @Test func anotherIPTargetGroupIsNotTheEndpoints() throws {
        let ecs =
            Self.ecsTargetGroup + """

                resource "aws_lb_listener_rule" "ecs" {
                  listener_arn = aws_lb_listener.https.arn
                  action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.ecs.arn
                  }
                  condition {
                    path_pattern {
                      values = ["/app/*"]
                    }
                  }
                }

                """
        let (recognition, findings) = try TerraformReviewTests().review(try good + ecs)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(recognition.parts.targetGroup == "aws_lb_target_group.endpoint")
        let config = try TerraformReviewTests().config(try good + ecs)
        #expect(DesignRecognizer.recognizeAll(config).count == 1)
        // The endpoint's group gone, only the ECS service's is left behind the ALB: no design through the endpoint.
        let service = "\nresource \"aws_ecs_service\" \"app\" {\n  load_balancer {\n    target_group_arn = aws_lb_target_group.ecs.arn\n  }\n}\n"
        let alone = try TerraformReviewTests().config(
            (try good + ecs + service).replacingOccurrences(
                of: "target_group_arn = aws_lb_target_group.endpoint.arn\n  }\n}", with: "target_group_arn = aws_lb_target_group.ecs.arn\n  }\n}"
            )
            .replacingOccurrences(of: "resource \"aws_lb_target_group_attachment\"", with: "resource \"aws_ssm_parameter\""))
        #expect(!DesignRecognizer.recognizeAll(alone).contains { $0.design == .albVpceApigwLambda })
    }

    /// The alarm is the configuration's: every instance's analysis gets --error-alarms on. An alarm
    /// without a namespace is no metric alarm AWS takes, so it quiets nothing.
    @Test func theAlarmReachesEveryInstance() throws {
        let second = """

            resource "aws_lb" "fn" {
              internal = true
              subnets  = [aws_subnet.a.id, aws_subnet.b.id]
            }

            resource "aws_lb_target_group" "fn" {
              target_type = "lambda"
            }

            resource "aws_lb_listener" "fn" {
              load_balancer_arn = aws_lb.fn.arn
              port              = 80
              protocol          = "HTTP"
              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.fn.arn
              }
            }

            """
        let designs = DesignRecognizer.recognizeAll(try TerraformReviewTests().config(try good + second))
        #expect(designs.count == 2 && designs.allSatisfy { $0.errorAlarms && $0.optionValues().values["--error-alarms"] == "on" })
        #expect(try ids([("  namespace           = \"AWS/ApiGateway\"\n", "")]) == ["health-check-403"])
    }

    /// A domain whose type the code does not say is neither private nor Regional: nothing is said of
    /// the Host header on a guess.
    @Test func aDomainOfUnknownTypeIsNotJudged() throws {
        #expect(
            try ids(
                [("    types = [\"PRIVATE\"]\n  }\n\n  policy", "    types = [var.t]\n  }\n\n  policy")], append: "\nvariable \"t\" {\n  type = string\n}\n"
            ) == [])
    }

    /// Whether a domain is private follows the value of its types when the code makes it known.
    @Test func privateByValue() throws {
        let regional = try ids(
            [("    types = [\"PRIVATE\"]\n  }\n\n  policy", "    types = var.private ? [\"PRIVATE\"] : [\"REGIONAL\"]\n  }\n\n  policy")],
            append: "\nvariable \"private\" {\n  default = false\n}\n")
        // A Regional domain needs no access association or mapping rule; the ALB's Host is the low case.
        #expect(regional == ["host-header"])
        let viaVariable = try ids(
            [
                ("    types = [\"PRIVATE\"]\n  }\n\n  policy", "    types = [var.type]\n  }\n\n  policy"),
                ("resource \"aws_api_gateway_base_path_mapping\"", "resource \"aws_ssm_parameter\""),
            ],
            append: "\nvariable \"type\" {\n  default = \"PRIVATE\"\n}\n")
        #expect(viaVariable == ["missing-base-path-mapping"])
    }

    /// One file reviewed on its own: what its directory's other files declare may be the mapping,
    /// the association or the alarm a rule looks for, so the rules that fire on absence say nothing.
    @Test func aFileReviewedOnItsOwnHasSiblings() throws {
        let text = try good
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-siblings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Each of the four resources moved out into a file of its own (the domain too: the Host header
        // rule then has nothing here to judge).
        var main = text
        for type in ["aws_api_gateway_base_path_mapping", "aws_cloudwatch_metric_alarm", "aws_api_gateway_domain_name_access_association", "aws_api_gateway_domain_name"] {
            let start = try #require(main.range(of: "resource \"\(type)\""))
            let end = try #require(main.range(of: "\n}\n", range: start.upperBound..<main.endIndex))
            try String(main[start.lowerBound..<end.upperBound]).write(to: directory.appendingPathComponent("\(type).tf"), atomically: true, encoding: .utf8)
            main.removeSubrange(start.lowerBound..<end.upperBound)
        }
        try main.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let alone = CLI.run(["review", directory.appendingPathComponent("main.tf").path, "--format", "sarif"])
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.isEmpty, "\(results.map { $0["ruleId"] ?? "" })")
        // The directory as a whole: the same, every file read.
        #expect(CLI.run(["review", directory.path]).stdout.contains("Findings: none"))
        // The association's file alone: the endpoint it names is another file's.
        let association = CLI.run(["review", directory.appendingPathComponent("aws_api_gateway_domain_name_access_association.tf").path]).stdout
        #expect(!association.contains("access-association") && !association.contains("not an execute-api interface endpoint declared here"), "\(association)")
        // An alarm that another file may declare is an unknown, not a fact: the analysis keeps its finding.
        let analysed = CLI.run(["review", directory.appendingPathComponent("main.tf").path, "--rps", "50", "--detail"], environment: ["COLUMNS": "1000"]).stdout
        #expect(analysed.contains("an alarm on API Gateway 5XXError or Lambda Errors may be declared where the review cannot see"))
        #expect(!analysed.contains("--error-alarms               on"))
    }

    /// Another file's alarm quiets health-check-403 only when it may watch API Gateway's 5XXError or
    /// Lambda's Errors: one written on EC2's CPUUtilization does not; one whose metric is a variable may.
    @Test func aSiblingAlarmIsJudgedByItsMetric() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-siblings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var main = try good
        let start = try #require(main.range(of: "resource \"aws_cloudwatch_metric_alarm\""))
        let end = try #require(main.range(of: "\n}\n", range: start.upperBound..<main.endIndex))
        let alarm = String(main[start.lowerBound..<end.upperBound])
        main.removeSubrange(start.lowerBound..<end.upperBound)
        try main.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        func review(_ sibling: String) throws -> String {
            try sibling.write(to: directory.appendingPathComponent("alarms.tf"), atomically: true, encoding: .utf8)
            return CLI.run(["review", directory.appendingPathComponent("main.tf").path], environment: ["COLUMNS": "1000"]).stdout
        }
        let cpu = alarm.replacingOccurrences(of: "\"AWS/ApiGateway\"", with: "\"AWS/EC2\"").replacingOccurrences(of: "\"5XXError\"", with: "\"CPUUtilization\"")
        #expect(try review(cpu).contains("[medium] main.tf:"), "a CPU alarm elsewhere is no alarm on the API's errors")
        #expect(try review(cpu).contains("no alarm here watches their errors"))
        // Lambda's Errors in API Gateway's namespace is neither metric.
        #expect(try review(alarm.replacingOccurrences(of: "\"5XXError\"", with: "\"Errors\"")).contains("no alarm here watches their errors"))
        // Written as the rule wants it, or through a variable, or in a metric query: it may be the alarm.
        #expect(try review(alarm).contains("Findings: none"))
        let variable = alarm.replacingOccurrences(of: "\"5XXError\"", with: "var.metric") + "\nvariable \"metric\" {\n  type = string\n}\n"
        #expect(try review(variable).contains("Findings: none"))
        let query = """
            resource "aws_cloudwatch_metric_alarm" "errors" {
              alarm_name = "errors"
              metric_query {
                id = "e"
                metric {
                  namespace   = "AWS/Lambda"
                  metric_name = "Errors"
                  period      = 60
                  stat        = "Sum"
                }
              }
            }

            """
        #expect(try review(query).contains("Findings: none"))
    }

    /// A sibling that calls a module may declare anything: the rules that fire on absence stay quiet.
    @Test func aSiblingModuleMayDeclareTheAlarm() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-siblings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("alarms"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var main = try good
        let start = try #require(main.range(of: "resource \"aws_cloudwatch_metric_alarm\""))
        let end = try #require(main.range(of: "\n}\n", range: start.upperBound..<main.endIndex))
        main.removeSubrange(start.lowerBound..<end.upperBound)
        try main.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try "module \"alarms\" {\n  source = \"./alarms\"\n}\n".write(to: directory.appendingPathComponent("alarms.tf"), atomically: true, encoding: .utf8)
        try "variable \"x\" {\n  default = 1\n}\n".write(to: directory.appendingPathComponent("alarms/main.tf"), atomically: true, encoding: .utf8)
        let alone = CLI.run(["review", directory.appendingPathComponent("main.tf").path])
        #expect(alone.stdout.contains("Findings: none"), "\(alone.stdout)")
        // Reviewed with its directory, the module is read: no alarm anywhere, and the rule says so.
        #expect(CLI.run(["review", directory.path], environment: ["COLUMNS": "1000"]).stdout.contains("no alarm here watches their errors"))
    }

    /// `traffic-port` is the port a target is registered on: the attachments' 443 here, though the
    /// target group says 8443 (found by a new user's check).
    @Test func theTrafficPortIsTheTargetsPort() throws {
        let group = ("  port        = 443\n  protocol    = \"HTTPS\"", "  port        = 8443\n  protocol    = \"HTTPS\"")
        #expect(
            try ids([group, ("    port     = \"443\"\n", "    port     = \"traffic-port\"\n"), ("matcher  = \"200,403\"", "matcher  = \"200\"")])
                == ["health-check-matcher"])
        // With no health_check block the check is HTTP to the targets' 443.
        let block = "  health_check {\n    protocol = \"HTTPS\" # health check protocol\n    port     = \"443\"\n    path     = \"/ping\"\n    matcher  = \"200,403\"\n  }\n"
        #expect(try ids([group, (block, "")]) == ["health-check-protocol"])
    }

    /// A module the review cannot see inside may declare the association, the mapping or the alarm.
    @Test func anUninstalledModuleMayDeclareWhatIsMissing() throws {
        let module = "\nmodule \"domain\" {\n  source = \"git::https://example.com/apigw-domain.git\"\n}\n"
        #expect(
            try ids(
                [
                    ("resource \"aws_api_gateway_domain_name_access_association\"", "resource \"aws_ssm_parameter\""),
                    ("resource \"aws_api_gateway_base_path_mapping\"", "resource \"aws_ssm_document\""),
                ], append: module) == [])
    }

    /// A health check of another port never reaches API Gateway, whatever its matcher.
    @Test func aHealthCheckOfAnotherPort() throws {
        #expect(try ids([("    port     = \"443\"\n    path", "    port     = \"8443\"\n    path")]) == ["target-group-protocol"])
    }

    /// An ALB sends only to targets in the AZs it enables: the endpoint's ENIs in another AZ carry
    /// nothing. The ALB is in us-west-2a and 2b; a third subnet is in 2c.
    @Test func endpointENIsOutsideTheALBsAZs() throws {
        let subnetC = "\nresource \"aws_subnet\" \"c\" {\n  vpc_id            = aws_vpc.main.id\n  cidr_block        = \"10.0.3.0/24\"\n  availability_zone = \"us-west-2c\"\n}\n"
        let endpointIn = { (list: String) in [("  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "  subnet_ids          = [\(list)]")] }
        // Only in 2c: no request reaches it (and it is in fewer subnets than the ALB has AZs).
        let (_, only) = try TerraformReviewTests().review(
            try good.replacingOccurrences(of: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnet_ids          = [aws_subnet.c.id]") + subnetC)
        let high = try #require(only.first { $0.id == "endpoint-outside-alb-azs" })
        #expect(high.severity == .high)
        #expect(high.message.contains("has ENIs in us-west-2c, where aws_lb.api has no node (its subnets are in us-west-2a, us-west-2b)"))
        #expect(high.message.contains("no request reaches the endpoint"))
        #expect(Set(only.map(\.id)) == ["endpoint-outside-alb-azs", "endpoint-fewer-subnets"])
        // In 2a and 2c: the ENI in 2c is billed and carries nothing, and the one in 2a is alone.
        let (_, one) = try TerraformReviewTests().review(
            try good.replacingOccurrences(of: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.c.id]")
                + subnetC)
        #expect(one.map(\.id) == ["endpoint-outside-alb-azs"] && one.first?.severity == .high)
        // The analysis places ENIs in the ALB's AZs: an unknown says so.
        let recognized = DesignRecognizer.recognizeAll(
            try TerraformReviewTests().config(
                try good.replacingOccurrences(of: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.c.id]")
                    + subnetC))
        #expect(recognized.first?.unknowns.contains { $0.hasPrefix("aws_vpc_endpoint.execute_api has ENIs in us-west-2c, where the ALB has no node") } == true)
        #expect(DesignRecognizer.recognizeAll(try TerraformReviewTests().config(try good)).first?.unknowns.contains { $0.contains("where the ALB has no node") } == false)
        // A third subnet beside the ALB's two: medium, two ENIs carry (and the attachments' count of 2
        // registers 2 of 3).
        let (_, third) = try TerraformReviewTests().review(
            try good.replacingOccurrences(
                of: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id, aws_subnet.c.id]") + subnetC)
        #expect(Set(third.map(\.id)) == ["endpoint-outside-alb-azs", "partial-registration"])
        #expect(third.first { $0.id == "endpoint-outside-alb-azs" }?.severity == .medium)
        // A zone the code does not make known is not judged; nor one named by id for one subnet and by name for another.
        let unknown = subnetC.replacingOccurrences(of: "\"us-west-2c\"", with: "var.zone") + "\nvariable \"zone\" {\n  type = string\n}\n"
        #expect(!(try ids(endpointIn("aws_subnet.a.id, aws_subnet.c.id"), append: unknown)).contains("endpoint-outside-alb-azs"))
        let byID = subnetC.replacingOccurrences(of: "availability_zone = \"us-west-2c\"", with: "availability_zone_id = \"usw2-az3\"")
        #expect(try ids(endpointIn("aws_subnet.a.id, aws_subnet.c.id"), append: byID) == [])
        // Same AZs in another order: nothing to say.
        #expect(try ids(endpointIn("aws_subnet.b.id, aws_subnet.a.id")) == [])
        // The ALB's subnets by zone id and the endpoint's by name (or the other way) do not compare
        // (found by a code review: a false high).
        let ids2 = subnetC.replacingOccurrences(of: "\"us-west-2c\"", with: "\"usw2-az3\"").replacingOccurrences(of: "availability_zone ", with: "availability_zone_id ")
        #expect(try ids(endpointIn("aws_subnet.c.id, aws_subnet.c.id"), append: ids2).allSatisfy { $0 != "endpoint-outside-alb-azs" })
        // A function or a for may pick some of the subnets it names: not judged.
        let many =
            "\nresource \"aws_subnet\" \"p\" {\n  count             = 3\n  vpc_id            = aws_vpc.main.id\n  cidr_block        = \"10.0.${count.index + 4}.0/24\"\n  availability_zone = [\"us-west-2a\", \"us-west-2b\", \"us-west-2c\"][count.index]\n}\n"
        #expect(
            !(try ids([("  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "  subnet_ids          = slice(aws_subnet.p[*].id, 0, 2)")], append: many)).contains(
                "endpoint-outside-alb-azs"))
        #expect(
            !(try ids(
                [("  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "  subnet_ids          = [for s in aws_subnet.p : s.id if s.availability_zone != \"us-west-2c\"]")],
                append: many)).contains("endpoint-outside-alb-azs"))
        // A function or a for that picks some: how many subnets is not known, so no registration finding either
        // (found by a second check: "registers 2 of the endpoint's 3").
        let picked = DesignRecognizer.recognize(
            try TerraformReviewTests().config(
                try good.replacingOccurrences(of: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnet_ids          = slice(aws_subnet.p[*].id, 0, 2)")
                    + many))
        #expect(picked.vpceSubnets == nil)
        #expect(
            !(try ids([("  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "  subnet_ids          = slice(aws_subnet.p[*].id, 0, 2)")], append: many)).contains(
                "partial-registration"))
        // A for without an if takes them all: three subnets.
        let all = DesignRecognizer.recognize(
            try TerraformReviewTests().config(
                try good.replacingOccurrences(of: "  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnet_ids          = [for s in aws_subnet.p : s.id]")
                    + many))
        #expect(all.vpceSubnets == 3)
        // A splat of all three: the one in 2c is outside.
        #expect(
            try ids([("  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "  subnet_ids          = aws_subnet.p[*].id")], append: many).contains(
                "endpoint-outside-alb-azs"))
    }

    /// The ALB in 2a and 2c, the endpoint in 2a and 2b, both registered: only the ENI in 2a carries
    /// traffic, so losing 2a takes the design down (a high, found by a new user's check). The analysis
    /// places the ENIs in the ALB's AZs, and says so (counting one as registered gave advice, register
    /// every IP, that does not fit the code: found by a second check).
    @Test func endpointAZsThatOverlapTheALBsInOne() throws {
        let subnetC = "\nresource \"aws_subnet\" \"c\" {\n  vpc_id            = aws_vpc.main.id\n  cidr_block        = \"10.0.3.0/24\"\n  availability_zone = \"us-west-2c\"\n}\n"
        let text =
            try good.replacingOccurrences(of: "  subnets            = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnets            = [aws_subnet.a.id, aws_subnet.c.id]")
            + subnetC
        let (_, findings) = try TerraformReviewTests().review(text)
        let finding = try #require(findings.first { $0.id == "endpoint-outside-alb-azs" })
        #expect(finding.severity == .high)
        #expect(finding.message.contains("only the ENI in us-west-2a carries traffic, and losing that AZ takes the design down; the ENI in us-west-2b carries no traffic"))
        let recognition = DesignRecognizer.recognize(try TerraformReviewTests().config(text))
        #expect(recognition.optionValues().values["--registered-targets"] == "2")
        #expect(recognition.unknowns.contains { $0.contains("its AZ-loss table shows more ENIs carrying traffic than the 1 that do") })
        // The ALB in 2a, 2b and 2c, the endpoint in 2a, 2b and (outside none): nothing; the endpoint in
        // a, b and an ALB in a, b, c: fewer subnets, no ENI outside.
        let wide =
            try good.replacingOccurrences(
                of: "  subnets            = [aws_subnet.a.id, aws_subnet.b.id]", with: "  subnets            = [aws_subnet.a.id, aws_subnet.b.id, aws_subnet.c.id]") + subnetC
        #expect(try TerraformReviewTests().review(wide).1.map(\.id) == ["endpoint-fewer-subnets"])
    }

    /// Listener rules whose count has no known value: an unknown, not one rule (found by a code review).
    @Test func listenerRulesOfUnknownCount() throws {
        let rules =
            "\nvariable \"n\" {\n  type = number\n}\n\nresource \"aws_lb_listener_rule\" \"r\" {\n  count        = var.n\n  listener_arn = aws_lb_listener.https.arn\n  action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.endpoint.arn\n  }\n}\n"
        let recognition = DesignRecognizer.recognize(try TerraformReviewTests().config(try good + rules))
        #expect(recognition.optionValues().values["--alb-rules"] == nil)
        #expect(recognition.unknowns.contains { $0.hasPrefix("how many listener rules aws_lb.api evaluates: aws_lb_listener_rule.r's count has no known value") })
    }

    /// Listener rules set the rules a request is matched against (`--alb-rules`): the busiest listener's
    /// rules and its default action, at most 100 (the option's bound, AWS's rules per ALB). Which rule
    /// a request matches is not in the code, so every rule is taken as processed.
    @Test func listenerRulesSetTheRulesProcessed() throws {
        func rules(_ count: Int) -> String {
            "\nresource \"aws_lb_listener_rule\" \"r\" {\n  count        = \(count)\n  listener_arn = aws_lb_listener.https.arn\n  priority     = count.index + 1\n  action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.endpoint.arn\n  }\n  condition {\n    path_pattern {\n      values = [\"/v${count.index}/*\"]\n    }\n  }\n}\n"
        }
        let config = TerraformReviewTests()
        #expect(DesignRecognizer.recognize(try config.config(try good)).optionValues().values["--alb-rules"] == nil)
        let fifteen = DesignRecognizer.recognize(try config.config(try good + rules(15)))
        #expect(fifteen.optionValues().values["--alb-rules"] == "16")
        #expect(fifteen.facts.first { $0.name == "listener rules" }?.value.hasPrefix("15 on aws_lb_listener.https: at most 16 processed per request") == true)
        #expect(DesignRecognizer.recognize(try config.config(try good + rules(120))).optionValues().values["--alb-rules"] == "100")
        // The listener with the most rules counts: 3 on the HTTP listener, none on the HTTPS one, gives 4.
        let other =
            try good + rules(3).replacingOccurrences(of: "aws_lb_listener.https.arn", with: "aws_lb_listener.http.arn")
            + "\nresource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = aws_lb.api.arn\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}\n"
        #expect(DesignRecognizer.recognize(try config.config(other)).optionValues().values["--alb-rules"] == "4")
    }

    /// A bare name as a resource's value is Terraform's "Invalid reference" (found by a new user's check:
    /// `internal = tru` passed as "scheme unknown"); meta-arguments that take bare names do not count.
    @Test func aBareNameIsNoValue() throws {
        let (_, findings) = try TerraformReviewTests().review(
            try good.replacingOccurrences(of: "  internal           = false", with: "  internal           = tru"))
        let finding = try #require(findings.first { $0.id == "undeclared-reference" })
        #expect(finding.severity == .high && finding.fix == "write true")
        #expect(finding.message.hasPrefix("aws_lb.api's internal writes tru alone: a name is neither a value nor a reference"))
        #expect((finding.position.line, finding.position.column) == (44, 24))
        #expect(
            try ids([("  internal           = false", "  internal           = internet_facing")]).contains("undeclared-reference"))
        let meta = """

            resource "terraform_data" "meta" {
              provider = aws
              lifecycle {
                ignore_changes = all
              }
              provisioner "local-exec" {
                when       = destroy
                on_failure = continue
                command    = "echo"
              }
            }

            """
        #expect(try ids([], append: meta) == [])
        // Inside lists and objects, in a module's arguments, an output, a local value, lifecycle and a
        // variable's other attributes (found by a second new user's check), each at its own column.
        let nested = """

            resource "aws_ssm_parameter" "p" {
              name  = "p"
              type  = "String"
              value = join(",", [s1, "s2"])
              tags  = { env = prod }
              lifecycle {
                create_before_destroy = ture
                ignore_changes        = [tags]
              }
            }

            locals {
              flag = tru
              xs   = [for s in ["a"] : s]
            }

            output "o" {
              value = tru
            }

            variable "v" {
              type     = list(string)
              nullable = tru
            }

            """
        let (_, found) = try TerraformReviewTests().review(try good + nested)
        let bare = found.filter { $0.id == "undeclared-reference" }.map { "\($0.message.split(separator: ":").first ?? "") \($0.position.column)" }
        #expect(
            bare.sorted() == [
                "aws_ssm_parameter.p's create_before_destroy writes ture alone 29", "aws_ssm_parameter.p's tags writes prod alone 19",
                "aws_ssm_parameter.p's value writes s1 alone 22", "local.flag writes tru alone 10", "output.o's value writes tru alone 11",
                "var.v's nullable writes tru alone 14",
            ], "\(bare)")
    }

    /// Ports are numbers, as Terraform converts them: "0443" and 443.0 are 443, and "4430" is not.
    @Test func portsAreNumbers() throws {
        #expect(
            try ids([
                ("    port     = \"443\"\n    path", "    port     = \"0443\"\n    path"),
                ("  port        = 443\n  protocol    = \"HTTPS\"", "  port        = 443.0\n  protocol    = \"HTTPS\""),
            ]) == [])
        #expect(try ids([("    port     = \"443\"\n    path", "    port     = \"4430\"\n    path")]) == ["target-group-protocol"])
    }

    /// A Regional domain of the same name as the private one, mapped by that name: the mapping is not
    /// taken for the private domain's (AWS lets a public and a private custom domain share a name).
    @Test func aRegionalDomainOfTheSameName() throws {
        let regional = """

            resource "aws_api_gateway_domain_name" "public" {
              domain_name              = "api.example.com"
              regional_certificate_arn = aws_acm_certificate.cert.arn
              endpoint_configuration {
                types = ["REGIONAL"]
              }
            }

            resource "aws_api_gateway_base_path_mapping" "public" {
              api_id      = aws_api_gateway_rest_api.private.id
              domain_name = "api.example.com"
            }

            """
        #expect(try ids([], append: regional) == [])
        // Its name not known from the code: it may be the same, so the mapping may be its.
        let unnamed = regional.replacingOccurrences(of: "domain_name              = \"api.example.com\"", with: "domain_name              = var.public_name")
        #expect(try ids([], append: unnamed + "\nvariable \"public_name\" {\n  type = string\n}\n") == [])
    }
}
