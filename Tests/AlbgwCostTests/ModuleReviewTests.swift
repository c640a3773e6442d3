import Foundation
import HCL
import Testing

@testable import AlbgwCost

/// `review` on the Terraform people have: local and installed modules, count and for_each,
/// variable files in Terraform's order, `.tf.json`, symbolic links, several designs at once.
/// The fixture modules/alb-module is written like the public terraform-aws-alb module and its
/// examples (maps of listeners and target groups with optional attributes, `try()`, dynamic blocks).
@Suite struct ModuleReviewTests {
    static let fixture = repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/modules/alb-module")

    /// A copy of the fixture in a new directory, with `extra` files written into it.
    func copy(_ extra: [String: String] = [:], removing: [String] = []) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-modules-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: directory)
        for name in removing { try FileManager.default.removeItem(atPath: "\(directory)/\(name)") }
        for (name, text) in extra {
            let path = "\(directory)/\(name)"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return directory
    }

    func remove(_ directory: String) { try? FileManager.default.removeItem(atPath: directory) }

    /// The line of the first line of `file` that contains `text`, counted here from the file itself.
    func line(of text: String, in file: String) throws -> Int {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    /// A function built by a module runs with the provider configuration the call passes it: the
    /// root's `aws.second` (its own profile) passed as the module's `aws` is another account, also
    /// through a module nested in it; passing `aws` under another name, or passing nothing (the
    /// default configuration is inherited), is the ALB's account; a module that configures the
    /// provider itself with a profile of its own is another account.
    @Test(arguments: [
        ("providers = { aws = aws.second }", "", false, "cross: module.app.aws_lambda_function.app uses the provider aws.second (passed to module.app)"),
        (
            "providers = {\n    aws = aws.second # the function's account\n  }", "", true,
            "cross: module.app.module.fn.aws_lambda_function.app uses the provider aws.second (passed to module.app)"
        ),
        ("providers = { aws = aws }", "", false, "single"),
        ("", "", true, "single"),
        ("", "provider \"aws\" {\n  profile = \"app\"\n}\n", false, "cross: module.app.aws_lambda_function.app uses the provider aws, which"),
    ])
    func aModuleRunsWithTheProviderItIsPassed(providers: String, ownProvider: String, nested: Bool, fact: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-providers-\(UUID().uuidString)").path
        defer { remove(directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/app/fn", withIntermediateDirectories: true)
        let base = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/alb-lambda.tf"), encoding: .utf8)
        let split = try #require(base.range(of: "resource \"aws_lambda_function\" \"app\""))
        let function = String(base[split.lowerBound...])
        try
            (base[..<split.lowerBound].replacingOccurrences(of: "aws_lambda_function.app.arn", with: "module.app.arn") + """

                provider "aws" {
                  alias   = "second"
                  region  = var.region
                  profile = "other"
                }

                module "app" {
                  source = "./app"
                  \(providers)
                }

                """).write(toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        let output = "\noutput \"arn\" {\n  value = \(nested ? "module.fn.arn" : "aws_lambda_function.app.arn")\n}\n"
        try (ownProvider + (nested ? "module \"fn\" {\n  source = \"./fn\"\n}\n" : function) + output).write(toFile: "\(directory)/app/main.tf", atomically: true, encoding: .utf8)
        if nested {
            try (function + "\noutput \"arn\" {\n  value = aws_lambda_function.app.arn\n}\n").write(toFile: "\(directory)/app/fn/main.tf", atomically: true, encoding: .utf8)
        }
        let config = try TerraformLoader.load(directory, variables: [:])
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.design == .albLambda)
        #expect(recognition.accounts == (fact.hasPrefix("cross") ? .cross : .single))
        let accounts = try #require(recognition.facts.first { $0.name == "accounts" })
        #expect(accounts.value.hasPrefix(fact), "\(accounts.value)")
        // Where the other account is chosen: the call's providers argument, else the function.
        let line = try self.line(
            of: providers.isEmpty ? "resource \"aws_lambda_function\"" : "providers",
            in: providers.isEmpty ? "\(directory)/app/\(nested ? "fn/" : "")main.tf" : "\(directory)/main.tf")
        if fact.contains("(passed to") { #expect(accounts.position.map { ($0.file, $0.line) } ?? ("", 0) == ("main.tf", line)) }
    }

    /// A module's API policy that conditions aws:SourceVpce on a variable stands for what the caller
    /// passes: the endpoint's id names the endpoint (no finding); a typed-in id is reported.
    @Test(arguments: [("aws_vpc_endpoint.e.id", false), ("\"vpce-0123456789abcdef0\"", true)])
    func aSourceVpcePassedIntoAModuleIsFollowed(passed: String, reported: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-vpce-\(UUID().uuidString)").path
        defer { remove(directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/api", withIntermediateDirectories: true)
        try """
        resource "aws_vpc_endpoint" "e" {
          vpc_id            = "vpc-1"
          service_name      = "com.amazonaws.us-east-1.execute-api"
          vpc_endpoint_type = "Interface"
        }

        module "api" {
          source  = "./api"
          vpce_id = \(passed)
        }
        """.write(toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        try """
        variable "vpce_id" {}

        resource "aws_api_gateway_rest_api" "p" {
          name = "p"
          endpoint_configuration {
            types            = ["PRIVATE"]
            vpc_endpoint_ids = [var.vpce_id]
          }
          policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*",
            Condition = { StringEquals = { "aws:SourceVpce" = var.vpce_id } } }] })
        }
        """.write(toFile: "\(directory)/api/main.tf", atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        let findings = TerraformReview.review(config, designs: DesignRecognizer.recognizeAll(config))
        let sourceVpce = findings.filter { $0.id == "source-vpce" }
        #expect(sourceVpce.count == (reported ? 1 : 0), "\(findings.map(\.message))")
        if reported { #expect(sourceVpce.first?.position.description == "api/main.tf:9:12") }
    }

    /// A variable's own expressions are worked out with the variables declared before it and itself,
    /// not those after it, in the root module and in every instance of a module called with count.
    @Test func aVariableSeesTheVariablesSetBeforeIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-variables-\(UUID().uuidString)").path
        defer { remove(directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/m", withIntermediateDirectories: true)
        let variables = """
            variable "a" {
              default = 2
            }
            variable "b" {
              default     = 3
              description = "${var.a}-${var.b}"
              validation {
                condition     = var.b > var.a
                error_message = "later ${var.c}"
              }
            }
            variable "c" {
              default = 5
            }
            """
        try (variables + "\nmodule \"m\" {\n  source = \"./m\"\n  count  = 2\n  a      = 1\n}\n").write(toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        try variables.write(toFile: "\(directory)/m/main.tf", atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        for (module, description) in [("", "2-3"), ("module.m[0].", "1-3"), ("module.m[1].", "1-3")] {
            let b = try #require(config.block(address: "\(module)var.b"), "\(module)var.b")
            #expect(b["description"]?.value == .string(description), "\(module)var.b")
            let validation = try #require(b.blocks("validation").first)
            #expect(validation["condition"]?.value == .bool(true), "\(module)var.b")
            // var.c is declared after b: no value yet when b is converted.
            #expect(validation["error_message"]?.value == nil, "\(module)var.b")
        }
    }

    @Test func aLocalModuleIsFollowed() throws {
        let config = try TerraformLoader.load(Self.fixture, inputs: VariableInputs())
        let designs = DesignRecognizer.recognizeAll(config)
        // module "disabled" (create = false) declares an ALB with count 0: it does not exist.
        #expect(designs.count == 1)
        let recognition = try #require(designs.first)
        #expect(recognition.design == .albLambda)
        #expect(recognition.front == "module.alb.aws_lb.this[0]")
        #expect(recognition.parts.targetGroup == #"module.alb.aws_lb_target_group.this["api"]"#)
        // Three subnets in three AZs, passed through var.subnets into the module.
        #expect(recognition.azs == 3)
        #expect(recognition.albScheme == .internetFacing)
        // terraform.tfvars sets memory = 512; the function is found through the module's attachment.
        #expect(recognition.lambdaMemoryMB == 512 && recognition.lambdaArchitecture == .arm64)
        #expect(recognition.region == "eu-west-1")
        #expect(config.files.contains("modules/alb/main.tf") && config.files.contains("terraform.tfvars"))
        // The module's outputs name resources the disabled instance declares with no instance: no finding.
        #expect(TerraformReview.review(config, designs: designs).isEmpty)
        // Facts point into the module's own files.
        let alb = try #require(recognition.facts.first { $0.name == "ALB" })
        #expect(
            alb.position == SourcePosition(file: "modules/alb/main.tf", line: try line(of: "resource \"aws_lb\" \"this\"", in: "\(Self.fixture)/modules/alb/main.tf"), column: 1))
    }

    /// A module call's evaluator is given only the calls and local values the call reads (its converted
    /// block keeps it: given all of them, 4,000 calls kept 1.3 GB). Among 300 calls, values read
    /// through a call, a counted call and a local value that reads a call come out as the module's
    /// output makes them, also when the call's value is asked for later, lazily.
    @Test func aCallReadsTheOutputsOfTheCallsItNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-calls-\(UUID().uuidString)").path
        defer { remove(directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/mod", withIntermediateDirectories: true)
        try """
        variable "name" { type = string }
        resource "aws_s3_bucket" "b" { bucket = var.name }
        output "arn" { value = "arn:${var.name}" }
        """.write(toFile: "\(directory)/mod/main.tf", atomically: true, encoding: .utf8)
        var root = (0..<300).map { "module \"m\($0)\" {\n  source = \"./mod\"\n  name   = \"b\($0)\"\n}\n" }.joined()
        root += """
            module "counted" {
              count  = 2
              source = "./mod"
              name   = "c${count.index}"
            }
            locals { picked = module.m7.arn }
            module "reader" {
              source = "./mod"
              name   = "${module.m250.arn}+${module.counted[1].arn}+${local.picked}"
            }
            """
        try root.write(toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        let expected = "arn:b250+arn:c1+arn:b7"
        #expect(config.block(address: "module.reader.aws_s3_bucket.b")?["bucket"]?.value?.string == expected)
        #expect(config.block(address: "module.reader")?["name"]?.value?.string == expected)
        #expect(config.block(address: "module.m299.aws_s3_bucket.b")?["bucket"]?.value?.string == "b299")
        // What a call's arguments read, by name; nil when `module` is not followed by one.
        let references = try #require(try HCLParser.parse("a = module.a.x + length(module.b) + var.c + module.a.y\n", path: "t.tf").body.attributes.first).expression.references
        #expect(ModuleExpander.namesRead(references, root: "module") == ["a", "b"])
        #expect(ModuleExpander.namesRead(references, root: "var") == ["c"])
        #expect(ModuleExpander.namesRead([], root: "module") == [])
    }

    /// Local values and module calls are taken in the order a scan of those left gives (written out
    /// here): each time the first whose needs are taken, needs that name nothing or the node itself
    /// not counting, and the first left in a cycle; on seeded random graphs with cycles, self needs,
    /// needs of nothing and an id given twice.
    @Test func localsAndCallsAreTakenInDependencyOrder() {
        func scanned(_ ids: [String], _ needs: [Set<String>]) -> [Int] {
            let known = Set(ids)
            var done: Set<String> = []
            var remaining = Array(ids.indices)
            var order: [Int] = []
            while !remaining.isEmpty {
                let ready = remaining.firstIndex { index in needs[index].allSatisfy { !known.contains($0) || done.contains($0) || $0 == ids[index] } } ?? 0
                let index = remaining.remove(at: ready)
                done.insert(ids[index])
                order.append(index)
            }
            return order
        }
        var generator = SplitMix64(seed: 20_261_203, stream: 0)
        for round in 0..<300 {
            let count = Int(generator.next() % 40)
            var ids = (0..<count).map { "local.n\($0)" }
            if count > 3 && round % 5 == 0 { ids[count - 1] = ids[1] }
            let needs = (0..<count).map { _ in
                Set((0..<Int(generator.next() % 4)).map { _ in generator.next() % 9 == 0 ? "local.missing" : "local.n\(generator.next() % UInt64(max(count, 1)))" })
            }
            #expect(ModuleExpander.dependencyOrder(ids: ids, needs: needs) == scanned(ids, needs), "round \(round)")
        }
        // A chain written last-first: each reads the next.
        let chain = (0..<2_000).map { "module.m\($0)" }
        let order = ModuleExpander.dependencyOrder(ids: chain, needs: chain.indices.map { $0 + 1 < chain.count ? ["module.m\($0 + 1)"] : [] })
        #expect(order == Array(chain.indices.reversed()))
    }

    @Test func findingsInsideAModuleNameItsFileAndLine() throws {
        let result = CLI.run(["review", Self.fixture, "--var", "tls_policy=ELBSecurityPolicy-2016-08"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let line = try line(of: "ssl_policy", in: "\(Self.fixture)/modules/alb/main.tf")
        #expect(result.stdout.contains("[medium] modules/alb/main.tf:\(line):"), "\(result.stdout)")
        #expect(result.stdout.contains(#"module.alb.aws_lb_listener.this["https"] uses ELBSecurityPolicy-2016-08"#))
    }

    /// Terraform's order: TF_VAR_ < terraform.tfvars < *.auto.tfvars (by name) < --var-file and --var in the order given.
    @Test func variableFilesInTerraformsOrder() throws {
        let directory = try copy([
            "terraform.tfvars": "memory = 256\nregion = \"us-east-2\"\n",
            "a.auto.tfvars": "region = \"us-west-1\"\n",
            "b.auto.tfvars.json": "{\"region\": \"us-west-2\", \"memory\": 1024}\n",
            "extra.tfvars": "region = \"ap-northeast-1\"\n",
            "later.tfvars": "region = \"eu-central-1\"\n",
        ])
        defer { remove(directory) }
        func recognized(_ inputs: VariableInputs) throws -> Recognition { DesignRecognizer.recognize(try TerraformLoader.load(directory, inputs: inputs)) }
        // b.auto.tfvars.json is read last of the automatic files.
        var recognition = try recognized(VariableInputs())
        #expect(recognition.region == "us-west-2" && recognition.lambdaMemoryMB == 1024)
        // TF_VAR_ loses to every file.
        recognition = try recognized(VariableInputs(environment: ["memory": "2048"]))
        #expect(recognition.lambdaMemoryMB == 1024)
        // --var-file, then --var, in command-line order: the later one wins.
        recognition = try recognized(VariableInputs(given: [.file("\(directory)/extra.tfvars"), .assignment(name: "region", value: "sa-east-1")]))
        #expect(recognition.region == "sa-east-1")
        recognition = try recognized(VariableInputs(given: [.assignment(name: "region", value: "sa-east-1"), .file("\(directory)/extra.tfvars")]))
        #expect(recognition.region == "ap-northeast-1")
        // The same through the command line, with two --var-file options.
        let result = CLI.run(["review", directory, "--var-file", "\(directory)/extra.tfvars", "--var-file", "\(directory)/later.tfvars", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""name": "region","#) && result.stdout.contains(#""value": "eu-central-1","#), "\(result.stdout.prefix(2000))")
        // With no automatic files, TF_VAR_ is used (a number variable takes the text as a number).
        let bare = try copy(removing: ["terraform.tfvars"])
        defer { remove(bare) }
        let output = try ReviewCommand.run([bare], environment: ["TF_VAR_memory": "1536"])
        #expect(output.contains("1536 MB"), "\(output)")
    }

    @Test func variableFileProblemsAreOneLine() throws {
        let missing = CLI.run(["review", Self.fixture, "--var-file", "/nonexistent/prod.tfvars"])
        #expect(
            missing.exitCode == 66 && missing.stderr == "albgw-cost: error: --var-file '/nonexistent/prod.tfvars' does not exist; give the path of a .tfvars or .tfvars.json file\n"
        )
        let directory = try copy(["bad.tfvars": "region = aws_vpc.main.id\n"])
        defer { remove(directory) }
        let reference = CLI.run(["review", directory, "--var-file", "\(directory)/bad.tfvars"])
        #expect(reference.exitCode == 65 && reference.stderr.contains("bad.tfvars:1: the value of region is not a constant"), "\(reference.stderr)")
        // A value the variable's type does not take, in terraform.tfvars, a .tfvars.json or --var-file,
        // is Terraform's error too; on the command line and in TF_VAR_ a usage error, with an example of the type.
        for (name, text) in [("terraform.tfvars", "memory = \"abc\"\n"), ("x.auto.tfvars.json", #"{"memory": [512]}"#), ("prod.tfvars", "\n\nmemory = true\n")] {
            let typed = try copy([name: text], removing: ["terraform.tfvars"])
            defer { remove(typed) }
            let result = CLI.run(["review", typed] + (name == "prod.tfvars" ? ["--var-file", "\(typed)/prod.tfvars"] : []))
            let line = name == "prod.tfvars" ? 3 : 1
            #expect(result.exitCode == 65, "\(name): \(result.stderr)")
            #expect(result.stderr.contains(":\(line): memory = "), "\(result.stderr)")
            #expect(result.stderr.contains("is not a value of the variable's type (a number is required); Terraform rejects it: write one such as memory = 5"), "\(result.stderr)")
        }
        let listed = CLI.run(["review", Self.fixture, "--var", "memory=[1]"])
        #expect(
            listed.exitCode == 64
                && listed.stderr.contains("--var memory=[1] is not a value of the variable's type (a number is required); write it as Terraform would, e.g. --var memory='5'"),
            "\(listed.stderr)")
        // A value for a variable nobody declares is a warning, as in Terraform, with the nearest name.
        let undeclared = CLI.run(["review", Self.fixture, "--var", "regoin=us-west-2"], environment: ["COLUMNS": "1000"])
        #expect(undeclared.exitCode == 0)
        #expect(undeclared.stdout.contains("Warning: --var regoin: the root module declares no variable of that name, so the value is not used; did you mean 'region'?"))
    }

    /// Terraform's own errors are errors here, exit 65 with file:line.
    /// terraform plan 1.11.4 refuses a .tfvars.json that starts with a byte order mark ("Invalid start
    /// of value"); a .tfvars file with one it reads.
    @Test func aByteOrderMarkInAJSONVariableFileIsRefused() throws {
        let directory = try copy([:])
        defer { remove(directory) }
        let bom = Data([0xEF, 0xBB, 0xBF])
        try (bom + Data(#"{"memory": 1536}"#.utf8)).write(to: URL(fileURLWithPath: directory).appendingPathComponent("x.auto.tfvars.json"))
        let result = CLI.run(["review", directory])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("x.auto.tfvars.json:1:1: the file starts with a byte order mark, which Terraform refuses in JSON"), "\(result.stderr)")
        try FileManager.default.removeItem(atPath: directory + "/x.auto.tfvars.json")
        try (bom + Data("memory = 1536\n".utf8)).write(to: URL(fileURLWithPath: directory).appendingPathComponent("x.auto.tfvars"))
        #expect(CLI.run(["review", directory]).exitCode == 0)
    }

    /// A value a nested module's variable does not take names the whole call path, as Terraform does:
    /// a module called twice would otherwise leave which call open.
    @Test func aNestedCallsWrongValueNamesItsPath() throws {
        let directory = try copy([
            "modules/alb/inner.tf": "module \"inner\" {\n  source = \"../inner\"\n  size   = \"large\"\n}\n",
            "modules/inner/main.tf": "variable \"size\" {\n  type = number\n}\n",
        ])
        defer { remove(directory) }
        let result = CLI.run(["review", directory])
        #expect(result.exitCode == 65, "\(result.stderr)")
        #expect(result.stderr.contains("modules/alb/inner.tf:3:3: module.alb.module.inner sets size to \"large\", which the type of its variable"), "\(result.stderr)")
    }

    @Test(arguments: [
        ("dup.tf", "resource \"aws_subnet\" \"a\" {\n  cidr_block = \"10.0.9.0/24\"\n}\n", "duplicate resource \"aws_subnet\" \"a\", already declared at dup.tf:1:1"),
        ("dup.tf", "variable \"memory\" {}\n", "main.tf:"),
        ("dup.tf", "module \"alb\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n}\n", "duplicate module call \"alb\""),
        ("call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  colour = \"blue\"\n}\n", "call.tf:4:3: module.other has no variable \"colour\""),
        ("call.tf", "module \"gone\" {\n  source = \"./modules/none\"\n}\n", "call.tf:1:1: module.gone has source \"./modules/none\", which is not a directory"),
        ("modules/alb/loop.tf", "module \"again\" {\n  source = \"./\"\n  name = \"x\"\n}\n", "which is already being loaded"),
        // An optional attribute's default its own type does not take, wherever the type nests it.
        (
            "extra.tf", "variable \"rules\" {\n  type = map(object({\n    port = optional(number, \"q\")\n  }))\n}\n",
            "extra.tf:3:29: variable \"rules\" gives the optional attribute port a default its type does not take (a number is required)"
        ),
        // nullable = false: null is neither a default nor a value for a variable without one.
        ("extra.tf", "variable \"zone\" {\n  nullable = false\n  default = null\n}\n", "extra.tf:3:13: variable \"zone\" has nullable = false and the default null"),
        ("modules/alb/extra.tf", "variable \"zone\" {\n  nullable = false\n}\n", "main.tf:53:1: module.alb does not set zone"),
        // An override file overrides blocks and local values the module's other files declare.
        ("x_override.tf", "resource \"aws_lb\" \"nothing\" {\n  internal = true\n}\n", "x_override.tf:1:1: the override file's resource \"aws_lb\" \"nothing\" overrides nothing"),
        ("x_override.tf", "locals {\n  nothing = 1\n}\n", "x_override.tf:2:3: the override file's local value \"nothing\" overrides nothing"),
        // Values a variable's type does not take, and a variable with no default that a call leaves out.
        (
            "call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  internal = \"maybe\"\n}\n",
            "call.tf:4:3: module.other sets internal to \"maybe\", which the type of its variable in module modules/alb/ does not take (a bool is required)"
        ),
        (
            "call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = [\"x\"]\n}\n",
            "call.tf:3:3: module.other sets name to [\"x\"], which the type of its variable in module modules/alb/ does not take (a string is required)"
        ),
        ("call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  subnets = \"subnet-1\"\n}\n", "(a list is required)"),
        (
            "call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  listeners = { web = { protocol = \"HTTP\" } }\n}\n",
            "([\"web\"]: attribute \"port\" is required)"
        ),
        (
            "call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  listeners = { web = { port = \"eighty\" } }\n}\n",
            "([\"web\"].port: a number is required)"
        ),
        // Hexadecimal, NaN and infinity are no numbers to Terraform, though Swift's Double reads them.
        ("call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  listeners = { web = { port = \"0x50\" } }\n}\n", "([\"web\"].port: a number is required)"),
        ("call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  name = \"x\"\n  listeners = { web = { port = \"NaN\" } }\n}\n", "([\"web\"].port: a number is required)"),
        (
            "call.tf", "module \"other\" {\n  source = \"./modules/alb\"\n  count = 0\n}\n",
            "call.tf:1:1: module.other does not set name, which module modules/alb/ requires (its variable has no default, modules/alb/variables.tf:8:1)"
        ),
        (
            "extra.tf", "variable \"port\" {\n  type = number\n  default = \"http\"\n}\n",
            "extra.tf:3:13: variable \"port\" has the default \"http\", which its type does not take (a number is required)"
        ),
        (
            "modules/alb/extra.tf", "variable \"ports\" {\n  type = list(number)\n  default = [80, \"x\"]\n}\n",
            "modules/alb/extra.tf:3:13: variable \"ports\" has the default [80, \"x\"], which its type does not take ([1]: a number is required)"
        ),
    ])
    func terraformErrors(file: String, text: String, message: String) throws {
        let directory = try copy([file: text])
        defer { remove(directory) }
        let result = CLI.run(["review", directory])
        #expect(result.exitCode == 65, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// null passed to a variable with nullable = false and no default is Terraform's error; with a
    /// default, the default is taken.
    @Test func nullForAVariableThatMayNotBeNull() throws {
        let directory = try emptyDirectory("albgw-nullable")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("mod"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "variable \"zone\" {\n  nullable = false\n}\n\nvariable \"size\" {\n  nullable = false\n  default  = 3\n}\n"
            .write(to: directory.appendingPathComponent("mod/main.tf"), atomically: true, encoding: .utf8)
        try "module \"m\" {\n  source = \"./mod\"\n  zone   = \"a\"\n  size   = null\n}\n".write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        #expect(CLI.run(["review", directory.path]).exitCode == 0)
        try "module \"m\" {\n  source = \"./mod\"\n  zone   = null\n}\n".write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory.path])
        #expect(result.exitCode == 65)
        #expect(
            result.stderr.contains("main.tf:3:3: module.m sets zone to null, which its variable in module mod/ does not take (nullable = false, no default)"), "\(result.stderr)")
    }

    /// A local value no locals block declares is Terraform's "Reference to undeclared local value":
    /// a finding at the reference, in the root module and in a module, with the names that are declared.
    @Test func undeclaredLocalValuesAreFindings() throws {
        let directory = try emptyDirectory("albgw-locals")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("mod"), withIntermediateDirectories: true)
        try "locals {\n  size = 3\n}\n\nresource \"aws_lb\" \"m\" {\n  name = local.size\n  idle_timeout = local.sise\n}\n"
            .write(to: directory.appendingPathComponent("mod/main.tf"), atomically: true, encoding: .utf8)
        try """
        locals {
          subnet_ids = ["subnet-1"]
          other      = 1
        }

        module "m" {
          source = "./mod"
        }

        resource "aws_lb" "x" {
          subnets = local.subnet_idz
          name    = local.other
        }

        """.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory.path, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let document = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = (document["terraform"] as? [String: Any])?["findings"] as? [[String: Any]]
        let undeclared = (findings ?? []).filter { $0["id"] as? String == "undeclared-reference" }
        #expect(
            undeclared.compactMap { $0["message"] as? String }.sorted() == [
                "aws_lb.x refers to local.subnet_idz, which no file declares: terraform plan fails",
                "module.m.aws_lb.m refers to module.m.local.sise, which the module module.m does not declare: terraform plan fails",
            ])
        #expect(undeclared.compactMap { $0["fix"] as? String }.contains("declare subnet_idz in a locals block or fix the name (declared: subnet_ids, other)"))
    }

    /// An index that count or for_each did not make is Terraform's "Invalid index": a finding that
    /// lists the instances there are. `["1"]` names the instance `[1]`, as Terraform converts it; an
    /// index inside try() or a conditional is left alone (it may never be evaluated).
    @Test func indexesCountDidNotMakeAreFindings() throws {
        let directory = try emptyDirectory("albgw-index")
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        variable "i" {
          default = 1
        }

        resource "aws_security_group" "sg" {
          count = 2
        }

        resource "aws_lb" "x" {
          security_groups = [aws_security_group.sg[var.i].id]
        }

        resource "aws_security_group" "m" {
          for_each = toset(["a", "b"])
        }

        resource "aws_lb" "y" {
          security_groups = [aws_security_group.m["c"].id, aws_security_group.m["a"].id]
        }

        # Inside try() or a conditional an invalid index need not fail the plan: no finding.
        resource "aws_lb" "z" {
          security_groups = [try(aws_security_group.m["d"].id, "sg-0"), var.i == 1 ? "sg-1" : aws_security_group.m["e"].id]
        }

        """.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        func messages(_ extra: [String]) -> [String] {
            let result = CLI.run(["review", directory.path, "--format", "json"] + extra)
            let document = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
            let findings = ((document?["terraform"] as? [String: Any])?["findings"] as? [[String: Any]]) ?? []
            return findings.filter { $0["id"] as? String == "invalid-index" }.compactMap { $0["message"] as? String }.sorted()
        }
        let forEach = "aws_lb.y refers to aws_security_group.m[\"c\"], but its count or for_each makes only [\"a\"], [\"b\"]: terraform plan fails (invalid index)"
        #expect(messages([]) == [forEach])
        #expect(messages(["--var", "i=1"]) == [forEach])
        #expect(
            messages(["--var", "i=2"]) == [
                "aws_lb.x refers to aws_security_group.sg[\"2\"], but its count or for_each makes only [0], [1]: terraform plan fails (invalid index)", forEach,
            ])
    }

    /// A module's local value is checked in the module, named with its call path; a local value an
    /// override file replaces is checked as replaced. `terraform validate` (1.11.4) reports only the
    /// module's: the overridden `var.q` was a false finding.
    @Test func localValuesAreCheckedInTheirModuleAndAsOverridden() throws {
        let directory = try emptyDirectory("albgw-local-values")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("m"), withIntermediateDirectories: true)
        try "locals {\n  x = var.q\n}\n\nmodule \"m\" {\n  source = \"./m\"\n}\n".write(
            to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try "locals {\n  x = \"fine\"\n}\n".write(to: directory.appendingPathComponent("main_override.tf"), atomically: true, encoding: .utf8)
        try "locals {\n  y = var.nope\n}\n".write(to: directory.appendingPathComponent("m/main.tf"), atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory.path, "--format", "json"])
        let document = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        let findings = ((document?["terraform"] as? [String: Any])?["findings"] as? [[String: Any]]) ?? []
        #expect(
            findings.compactMap { $0["message"] as? String } == [
                "module.m.local.y refers to module.m.var.nope, which the module module.m does not declare: terraform plan fails"
            ], "\(result.stdout)")
    }

    /// Override files replace the arguments and the local values they name, as Terraform merges them.
    @Test func overrideFilesReplaceWhatTheyName() throws {
        let directory = try emptyDirectory("albgw-override")
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        locals {
          memory = 256
        }

        resource "aws_lambda_function" "api" {
          function_name = "api"
          memory_size   = local.memory
          runtime       = "python3.12"
          handler       = "app.handler"
        }

        """.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let plain = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        #expect(plain.block(address: "aws_lambda_function.api")?["memory_size"]?.value == .number(256))
        try """
        locals {
          memory = 2048
        }

        resource "aws_lambda_function" "api" {
          runtime = "python3.13"
        }

        """.write(to: directory.appendingPathComponent("prod_override.tf"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        let function = try #require(config.block(address: "aws_lambda_function.api"))
        #expect(function["memory_size"]?.value == .number(2048))
        #expect(function["runtime"]?.value == .string("python3.13"))
        #expect(function["handler"]?.value == .string("app.handler"))
    }

    /// What Terraform converts passes: strings that spell numbers and bools, numbers and bools as
    /// strings, `null`, unknown values, `any`, optional attributes left out, and the same variables
    /// given through `--var`.
    @Test func valuesTerraformConvertsPass() throws {
        let directory = try copy([
            "call.tf": """
            module "other" {
              source          = "./modules/alb"
              name            = 42
              internal        = "true"
              subnets         = [1, true, aws_subnet.a.id]
              security_groups = null
              listeners       = { web = { port = "80" }, tls = { port = 1e3, protocol = "HTTPS" }, a = { port = "+.5e1" }, b = { port = "8." } }
            }

            variable "threshold" {
              type    = number
              default = "2.5"
            }

            variable "anything" {
              type    = any
              default = { a = [1, "b"] }
            }

            """
        ])
        defer { remove(directory) }
        let result = CLI.run(["review", directory])
        #expect(result.exitCode == 0, "\(result.stderr)")
    }

    /// Two module instances (for_each over a set) are two designs, reviewed and priced each.
    @Test func severalDesignsInOneConfiguration() throws {
        let directory = try copy([
            "more.tf": """
            module "regional" {
              source   = "./modules/alb"
              for_each = toset(["blue", "green"])

              name     = "regional-${each.key}"
              internal = each.key == "green"
              subnets  = [aws_subnet.a.id, aws_subnet.b.id]
              target_groups = {
                fn = {
                  target_type = "lambda"
                  target_id   = aws_lambda_function.api.arn
                }
              }
            }

            """
        ])
        defer { remove(directory) }
        let designs = DesignRecognizer.recognizeAll(try TerraformLoader.load(directory, inputs: VariableInputs()))
        #expect(designs.map(\.front) == ["module.alb.aws_lb.this[0]", #"module.regional["blue"].aws_lb.this[0]"#, #"module.regional["green"].aws_lb.this[0]"#])
        #expect(designs.map(\.azs) == [3, 2, 2])
        #expect(designs.map(\.albScheme) == [.internetFacing, .internetFacing, .internal])
        let result = CLI.run(["review", directory, "--rps", "50"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Designs: 3 instances"))
        #expect(result.stdout.contains("== Design 3 of 3: module.regional[\"green\"].aws_lb.this[0] (alb-lambda) =="))
        // The first design has its heading too, and says that the review before its analysis covers all.
        #expect(result.stdout.hasPrefix("== Design 1 of 3: module.alb.aws_lb.this[0] (alb-lambda); its review covers all 3 ==\n\n"))
        // DOT draws one graph: the file says which, and where the others are.
        let dot = CLI.run(["review", directory, "--rps", "50", "--format", "dot"])
        #expect(
            dot.exitCode == 0
                && dot.stdout.hasPrefix("// Design 1 of 3: module.alb.aws_lb.this[0]; --format table and --format json analyse every design in full\ndigraph"))
        // JSON analyses each distinct set of parameters in full: the document itself is analysis 0 (3 AZs),
        // analyses[] the others (2 AZs internet-facing, 2 AZs internal), and each instance names its own.
        let json = CLI.run(["review", directory, "--rps", "50", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let instances = try #require((object["terraform"] as? [String: Any])?["designs"] as? [[String: Any]])
        let costs = instances.map { $0["cost"] as? [String: Any] }
        #expect(costs.map { $0?["analysis"] as? Int } == [0, 1, 2])
        let analyses = try #require(object["analyses"] as? [[String: Any]])
        #expect(analyses.map { $0["index"] as? Int } == [1, 2])
        func workload(_ analysis: [String: Any], _ key: String) -> Any? { (analysis["workload"] as? [String: Any])?[key] }
        #expect((workload(object, "azs") as? NSNumber)?.intValue == 3 && workload(object, "albScheme") as? String == "internet-facing")
        #expect((workload(analyses[0], "azs") as? NSNumber)?.intValue == 2 && workload(analyses[0], "albScheme") as? String == "internet-facing")
        #expect(workload(analyses[1], "albScheme") as? String == "internal")
        // Each instance's price is its analysis's alb-lambda total; an internal ALB has no public IPv4
        // or egress, so the green one costs less than the blue one.
        func total(_ analysis: [String: Any]) -> Double? {
            (analysis["designs"] as? [[String: Any]])?.first { $0["id"] as? String == "alb-lambda" }?["monthlyCost"] as? Double
        }
        #expect(costs.map { $0?["monthlyCost"] as? Double } == [total(object), total(analyses[0]), total(analyses[1])])
        #expect(try #require(total(analyses[1])) < #require(total(analyses[0])))
        #expect(analyses.allSatisfy { $0["terraform"] == nil && $0["tool"] == nil })
    }

    /// What reads a module call the review could not: terraform init for one not installed, the
    /// directory for another file's, a plan's JSON for the rest.
    @Test func unreadModulesSayWhatReadsThem() throws {
        let installed = UnreadModule(address: "module.alb", reason: .notInstalled)
        let sibling = UnreadModule(address: "module.db", reason: .inAnotherFile("db.tf"))
        let computed = UnreadModule(address: "module.x", reason: .noLiteralSource)
        #expect(UnreadModule.advice([installed]) == "run terraform init and review again, or review a plan's JSON (terraform show -json)")
        #expect(UnreadModule.advice([sibling]) == "review the directory")
        #expect(UnreadModule.advice([computed]) == "review a plan's JSON (terraform show -json)")
        #expect(UnreadModule.advice([sibling, installed]) == "run terraform init and review again, or review the directory, or review a plan's JSON (terraform show -json)")
        #expect(UnreadModule.listed([installed, sibling, computed, installed]) == "module.alb, module.db (in db.tf), module.x and 1 more")
        // A module with count = 2 whose call of an uninstalled module is met in both instances: named once.
        let counted = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-unread-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(counted)/app", withIntermediateDirectories: true)
        defer { remove(counted) }
        try "module \"app\" {\n  count  = 2\n  source = \"./app\"\n}\n".write(toFile: "\(counted)/main.tf", atomically: true, encoding: .utf8)
        try "module \"db\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n".write(toFile: "\(counted)/app/main.tf", atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(counted, inputs: VariableInputs())
        #expect(config.unreadModules == [UnreadModule(address: "module.app.module.db", reason: .notInstalled)])
        // And its note once, without keys (found by a third check: once per instance).
        #expect(
            config.notes.filter { $0.contains("module.db") } == [
                "module.app.module.db (source \"terraform-aws-modules/rds/aws\") is not installed: run terraform init so that .terraform/modules holds it, or the review cannot see inside it"
            ])
        // A file reviewed on its own whose directory's other file calls the module that holds the ALB.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-unread-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(directory)/alb", withIntermediateDirectories: true)
        defer { remove(directory) }
        try "resource \"aws_lambda_function\" \"fn\" {\n  function_name = \"fn\"\n  role          = \"r\"\n}\n".write(
            toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        try "module \"alb\" {\n  source = \"./alb\"\n}\n".write(toFile: "\(directory)/alb.tf", atomically: true, encoding: .utf8)
        try "variable \"x\" {\n  default = 1\n}\n".write(toFile: "\(directory)/alb/main.tf", atomically: true, encoding: .utf8)
        let alone = CLI.run(["review", "\(directory)/main.tf"], environment: ["COLUMNS": "1000"])
        #expect(
            alone.stdout.hasSuffix(
                "No cost analysis: the code read implements none of the designs, but module.alb (in alb.tf) was not read and may: review the directory.\n"),
            "\(alone.stdout)")
    }

    /// `terraform init` writes .terraform/modules/modules.json; registry modules are read from there.
    @Test func installedModulesAreRead() throws {
        let directory = try copy()
        defer { remove(directory) }
        let main = "\(directory)/main.tf"
        let text = try String(contentsOfFile: main, encoding: .utf8)
            .replacingOccurrences(
                of: "module \"alb\" {\n  source = \"./modules/alb\"", with: "module \"alb\" {\n  source  = \"terraform-aws-modules/alb/aws\"\n  version = \"~> 9.0\"")
        try text.write(toFile: main, atomically: true, encoding: .utf8)
        // Not installed: the review says so and sees no ALB.
        let before = CLI.run(["review", directory])
        #expect(before.stdout.contains("module.alb (source \"terraform-aws-modules/alb/aws\") is not installed: run terraform init"))
        #expect(before.stdout.contains("none of the designs"))
        // The answer is about the code read, and says what was not: in the headline, the closing line,
        // SARIF's notifications and, for a CI step (--fail-on, SARIF), one warning on stderr; exit 0.
        let wide = CLI.run(["review", directory], environment: ["COLUMNS": "1000"])
        #expect(wide.stdout.contains("so the code read implements none of the designs; module.alb was not read and may declare one)"))
        #expect(
            wide.stdout.hasSuffix(
                "No cost analysis: the code read implements none of the designs, but module.alb was not read and may: run terraform init and review again, or review a plan's JSON (terraform show -json).\n"
            ))
        #expect(wide.stderr.isEmpty && wide.exitCode == 0)
        let gated = CLI.run(["review", directory, "--fail-on", "high"])
        #expect(gated.exitCode == 0)
        #expect(
            gated.stderr
                == "albgw-cost: warning: module.alb was not read, so the findings cover only the code read: run terraform init and review again, or review a plan's JSON (terraform show -json)\n"
        )
        let sarif = CLI.run(["review", directory, "--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let invocation = try #require(((log["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notes = invocation["toolExecutionNotifications"] as? [[String: Any]] ?? []
        #expect(notes.count == 1 && notes.first?["level"] as? String == "warning")
        #expect(((notes.first?["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("module.alb was not read") == true)
        #expect(sarif.exitCode == 0 && sarif.stderr.contains("warning: module.alb was not read"))
        // Markdown and dot say the same (found by a new user's check: "The code implements none").
        #expect(CLI.run(["review", directory, "--format", "markdown"]).stdout.contains("The code read implements **none of the designs**"))
        let dot = CLI.run(["review", directory, "--format", "dot"])
        #expect(dot.exitCode == 64 && dot.stderr.contains("the code read implements none of the designs (module.alb was not read: run terraform init"))
        // Listed by terraform init but gone: a stale install, and what to do about it.
        try FileManager.default.createDirectory(atPath: "\(directory)/.terraform/modules", withIntermediateDirectories: true)
        try #"{"Modules":[{"Key":"alb","Source":"registry.terraform.io/terraform-aws-modules/alb/aws","Dir":".terraform/modules/gone"}]}"#
            .write(toFile: "\(directory)/.terraform/modules/modules.json", atomically: true, encoding: .utf8)
        let stale = CLI.run(["review", directory])
        #expect(
            stale.exitCode == 65
                && stale.stderr.contains("module.alb is listed in .terraform/modules/modules.json at .terraform/modules/gone, which is missing: run terraform init again"),
            "\(stale.stderr)")
        try FileManager.default.createDirectory(atPath: "\(directory)/.terraform/modules", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: "\(directory)/modules/alb", toPath: "\(directory)/.terraform/modules/alb")
        let manifest =
            #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"alb","Source":"registry.terraform.io/terraform-aws-modules/alb/aws","Version":"9.17.0","Dir":".terraform/modules/alb"}]}"#
        try manifest.write(toFile: "\(directory)/.terraform/modules/modules.json", atomically: true, encoding: .utf8)
        // module "disabled" still points at ./modules/alb, now gone: Terraform's error.
        let gone = CLI.run(["review", directory])
        #expect(gone.exitCode == 65 && gone.stderr.contains("module.disabled has source \"./modules/alb\", which is not a directory"))
        try text.replacingOccurrences(of: "source = \"./modules/alb\"", with: "source = \"./.terraform/modules/alb\"").write(toFile: main, atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.design == .albLambda && recognition.azs == 3)
        #expect(config.files.contains(".terraform/modules/alb/main.tf"))
        // Every module read: no warning, no invocations.
        let read = CLI.run(["review", directory, "--format", "sarif", "--fail-on", "high"])
        #expect(read.stderr.isEmpty && !read.stdout.contains("invocations"))
    }

    /// Terraform's JSON syntax is read like the native one; findings give the JSON's line.
    @Test func terraformJSONSyntax() throws {
        let json = """
            {
              "resource": {
                "aws_lb": {
                  "api": {
                    "internal": true,
                    "subnets": ["subnet-aaaaaaaa", "subnet-bbbbbbbb"]
                  }
                },
                "aws_lb_target_group": {
                  "fn": { "target_type": "lambda" }
                },
                "aws_lb_listener": {
                  "https": {
                    "load_balancer_arn": "${aws_lb.api.arn}",
                    "port": 443,
                    "protocol": "HTTPS",
                    "ssl_policy": "ELBSecurityPolicy-2016-08",
                    "default_action": { "type": "forward", "target_group_arn": "${aws_lb_target_group.fn.arn}" }
                  }
                },
                "aws_lambda_function": {
                  "app": { "function_name": "app", "memory_size": 256, "runtime": "nodejs22.x" }
                }
              },
              "provider": { "aws": { "region": "eu-west-2" } }
            }

            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-json-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { remove(directory) }
        try json.write(toFile: "\(directory)/main.tf.json", atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.design == .albLambda && recognition.region == "eu-west-2" && recognition.lambdaMemoryMB == 256 && recognition.azs == 2)
        let finding = try #require(TerraformReview.review(config, designs: [recognition]).first { $0.id == "weak-tls-policy" })
        #expect(finding.position.file == "main.tf.json")
        #expect(finding.position.line == json.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("ssl_policy") }! + 1)
        // A JSON error names the file and the line.
        try "{\n  \"resource\": {\n    \"aws_lb\": [\n}\n".write(toFile: "\(directory)/main.tf.json", atomically: true, encoding: .utf8)
        let bad = CLI.run(["review", directory])
        #expect(bad.exitCode == 65 && bad.stderr.hasPrefix("albgw-cost: error: main.tf.json:4:"), "\(bad.stderr)")
    }

    /// In Terraform's JSON syntax, what an object's member holds is placed on the member's line, as
    /// `terraform validate` (1.11.4) places it: lines 8 and 10 here (columns 23 and 19 there; the
    /// review names column 1 of a JSON line). Before, both were placed on line 5, the `input` key's.
    @Test func referencesInJSONObjectsAreOnTheirMembersLines() throws {
        let json = """
            {
              "resource": {
                "terraform_data": {
                  "b": {
                    "input": {
                      "a": 1,
                      "nested": {
                        "k": "x-${local.missing}"
                      },
                      "v": "${var.nope}"
                    }
                  }
                }
              }
            }

            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-json-lines-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { remove(directory) }
        try json.write(toFile: "\(directory)/main.tf.json", atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        let findings = TerraformReview.review(config, designs: DesignRecognizer.recognizeAll(config))
        #expect(findings.map { "\($0.position) \($0.id)" } == ["main.tf.json:8:1 undeclared-reference", "main.tf.json:10:1 undeclared-reference"])
    }

    /// In Terraform's JSON syntax a string is a template whose `${ }` holds HCL code, strings of that
    /// code included: `"${var.on ? \"a\" : \"\"}"` is read as `terraform plan` reads it (1.11.4), not
    /// refused as a syntax error, and a line break in the code stays on the JSON's line.
    @Test func codeInsideJSONTemplatesKeepsItsStrings() throws {
        let json = #"""
            {"variable": {"on": {"default": true}, "name": {"default": "b\"c"}},
             "locals": {"quoted": "${\"a\"}", "chosen": "${var.on ? \"x-${var.name}\" : \"\"}", "text": "say \"${upper(\"hi\")}\"",
                        "split": "${\n  var.on\n}", "escaped": "$${var.on}"},
             "output": {"o": {"value": "${local.chosen}"}}}
            """#
        let directory = try emptyDirectory("albgw-json-code")
        defer { try? FileManager.default.removeItem(at: directory) }
        try json.write(to: directory.appendingPathComponent("main.tf.json"), atomically: true, encoding: .utf8)
        let config = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        let locals = try #require(config.blocks.first { $0.kind == "locals" })
        #expect(locals["quoted"]?.value == .string("a"))
        #expect(locals["chosen"]?.value == .string("x-b\"c"))
        #expect(locals["text"]?.value == .string("say \"HI\""))
        #expect(locals["split"]?.value == .bool(true))
        #expect(locals["escaped"]?.value == .string("${var.on}"))
        #expect(locals["split"]?.position.line == 3)
        // Control characters, NUL included, are values as in Terraform ("a\x00b" in terraform console).
        try #"{"locals": {"x": "a\u0000b", "y": "${\"a\u0001b\"}"}}"#.write(to: directory.appendingPathComponent("main.tf.json"), atomically: true, encoding: .utf8)
        let controls = try #require(try TerraformLoader.load(directory.path, inputs: VariableInputs()).blocks.first { $0.kind == "locals" })
        #expect(controls["x"]?.value == .string("a\u{0}b") && controls["y"]?.value == .string("a\u{1}b"))
        // An error in the code is placed on the JSON's own line (column 1, as findings in JSON are),
        // not on a line of the text it is turned into.
        try "{\n \"locals\": {\n  \"a\": 1,\n  \"b\": \"${var.x +}\"\n }\n}\n".write(
            to: directory.appendingPathComponent("main.tf.json"), atomically: true, encoding: .utf8)
        let bad = CLI.run(["review", directory.path])
        #expect(bad.exitCode == 65 && bad.stderr.hasPrefix("albgw-cost: error: main.tf.json:4:1: expected expression"), "\(bad.stderr)")
    }

    @Test func symbolicLinksAreFollowedAndLoopsRefused() throws {
        let directory = try copy()
        defer { remove(directory) }
        // Module test fixtures link the module's files into the example.
        try FileManager.default.moveItem(atPath: "\(directory)/main.tf", toPath: "\(directory)/real-main.txt")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/main.tf", withDestinationPath: "real-main.txt")
        let linked = CLI.run(["review", directory])
        #expect(linked.exitCode == 0 && linked.stdout.contains("Design: alb-lambda"), "\(linked.stderr)")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/loop.tf", withDestinationPath: "loop.tf")
        let loop = CLI.run(["review", directory])
        #expect(loop.exitCode == 66 && loop.stderr.hasSuffix("loop.tf' is a symbolic link loop; fix or remove the link\n"), "\(loop.stderr)")
        try FileManager.default.removeItem(atPath: "\(directory)/loop.tf")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/gone.tf", withDestinationPath: "nowhere.tf")
        let dangling = CLI.run(["review", directory])
        #expect(dangling.exitCode == 66 && dangling.stderr.contains("gone.tf' is a symbolic link to 'nowhere.tf', which does not exist"), "\(dangling.stderr)")
    }

    /// Terraform reads no hidden file, editor backup or lock, and no directory, whatever its name ends
    /// in: a copy of main.tf saved as `.main.swp.tf`, emacs's lock link `.#main.tf` (it points at
    /// nothing), a vim backup `main.tf~` and a directory `old.tf` change nothing.
    @Test func hiddenFilesEditorLocksAndDirectoriesAreNotConfiguration() throws {
        let directory = try copy()
        defer { remove(directory) }
        let clean = CLI.run(["review", directory])
        #expect(clean.exitCode == 0, "\(clean.stderr)")
        try FileManager.default.copyItem(atPath: "\(directory)/main.tf", toPath: "\(directory)/.main.swp.tf")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/.#main.tf", withDestinationPath: "user@host.12345:1700000000")
        try "resource \"aws_lb\" \"extra\" {}\n".write(toFile: "\(directory)/#main.tf#", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "\(directory)/old.tf", withIntermediateDirectories: true)
        let edited = CLI.run(["review", directory])
        #expect(edited.exitCode == 0 && edited.stderr.isEmpty, "\(edited.stderr)")
        #expect(edited.stdout == clean.stdout)
        // A --var-file that is a directory says so, and what to give.
        let varDirectory = CLI.run(["review", directory, "--var-file", "\(directory)/old.tf"])
        #expect(
            varDirectory.exitCode == 66 && varDirectory.stderr.hasSuffix("old.tf' is not a regular file (a directory); give a .tfvars or .tfvars.json file\n"),
            "\(varDirectory.stderr)")
    }

    @Test func reviewWithoutTrafficIsAReview() throws {
        let result = CLI.run(["review", Self.fixture])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Design: alb-lambda") && result.stdout.contains("Findings: none"))
        #expect(!result.stdout.contains("Summary (USD)") && !result.stdout.contains("$"))
        #expect(result.stdout.hasSuffix("Costs, hops and failure domains follow when you give the traffic: add --rps N (or --requests-per-month N).\n"))
        // Analysis options given without the traffic are named as waiting for it, not ignored silently.
        let waiting = CLI.run(["review", Self.fixture, "--lambda-memory-mb", "1024", "--free-tier", "--region", "eu-west-1"])
        #expect(waiting.exitCode == 0, "\(waiting.stderr)")
        #expect(
            waiting.stdout.hasSuffix(
                "Costs, hops and failure domains follow when you give the traffic: add --rps N (or --requests-per-month N);\n  --lambda-memory-mb, --region, --free-tier apply then.\n"
            ))
        let json = CLI.run(["review", Self.fixture, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let terraform = try #require(object["terraform"] as? [String: Any])
        #expect((terraform["designs"] as? [[String: Any]])?.first?["front"] as? String == "module.alb.aws_lb.this[0]")
        #expect(object["designs"] == nil)  // no analysis without traffic
        let out = CLI.run(["review", Self.fixture, "--out", "/tmp/albgw-never"])
        #expect(out.exitCode == 64 && out.stderr.contains("needs the traffic"))
    }

    @Test func codeThatImplementsNeitherDesignSaysSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-none-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { remove(directory) }
        try "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n".write(toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory, "--rps", "50"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Design: none of the designs"))
        #expect(result.stdout.hasSuffix("No cost analysis: the code implements none of the designs, so there is nothing to price.\n"))
        #expect(!result.stdout.contains("Summary (USD)"))
        #expect(result.stdout.split(separator: "\n").count < 10)
    }

    @Test func unknownOptionsAreNamed() {
        let result = CLI.run(["review", Self.fixture, "--var-fil", "x.tfvars"])
        #expect(result.exitCode == 64)
        #expect(result.stderr == "albgw-cost: error: unknown option '--var-fil'; did you mean '--var-file'? (see 'albgw-cost review --help')\n")
    }

    /// Inputs that crashed the review (a reversed matcher range, an empty CIDR) are read and reviewed.
    @Test(arguments: [("matcher  = \"500-200\"", false), ("matcher  = \"-\"", false), ("matcher  = \"200-499\"", true)])
    func matchersThatCrashed(matcher: String, accepts403: Bool) throws {
        let text = try String(contentsOfFile: repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform/good-private-api.tf"), encoding: .utf8)
        #expect(text.contains("matcher  = \"200,403\""))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-crash-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { remove(directory) }
        try text.replacingOccurrences(of: "matcher  = \"200,403\"", with: matcher).write(toFile: "\(directory)/main.tf", atomically: true, encoding: .utf8)
        let result = CLI.run(["review", directory, "--rps", "50"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        // 500-200 is a range AWS rejects; it does not contain 403.
        #expect(result.stdout.contains("does not accept 403") == !accepts403)
    }

    @Test(arguments: ["", "/", "//", "10.0.0.0/", "/16", "a.b.c.d/8"])
    func cidrsThatCrashed(cidr: String) {
        #expect(TerraformReview.isRFC1918(cidr))  // not an IPv4 literal: nothing to say
    }

    /// count and for_each multiply through modules; past a budget for the whole configuration an
    /// expansion is reviewed as one block, with a note, instead of exhausting memory and time.
    @Test func multipliedInstancesStopAtTheBudget() throws {
        let directory = try copy([
            "many.tf": """
            module "many" {
              source = "./modules/many"
              count  = 40
            }

            """,
            "modules/many/main.tf": """
            resource "aws_subnet" "s" {
              count      = 40
              cidr_block = "10.0.${count.index}.0/24"
            }

            """,
        ])
        defer { remove(directory) }
        let config = try TerraformLoader.load(directory, inputs: VariableInputs())
        let subnets = config.blocks.filter { $0.labels.first == "aws_subnet" && $0.module.hasPrefix("module.many") }
        // 40 module instances and as many resource instances as fit in what is left; the rest one each.
        #expect(subnets.count < ModuleExpander.instanceBudget + 40)
        #expect(config.notes.count == 1)
        #expect(config.notes.first?.contains("modules/many/main.tf:2:3: 40 instances would pass the review's limit of 1000") == true, "\(config.notes)")
        // The note reaches the review's unknowns (JSON: the text output wraps it at the width).
        let result = CLI.run(["review", directory, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("limit of 1000 made by count, for_each and dynamic in all; reviewed as one"))
    }

    /// A region the code gives that has no price table is blamed on the code, not on --region, in one line.
    @Test func aRegionFromTheCodeIsNamedAsSuch() throws {
        let directory = try copy(["terraform.tfvars": "region = \"mars-\\nnorth-1\"\n"])
        defer { remove(directory) }
        let result = CLI.run(["review", directory, "--rps", "50"])
        #expect(result.exitCode != 0)
        #expect(
            result.stderr.hasPrefix("albgw-cost: error: the region read from the code, 'mars-\\nnorth-1' (for module.alb.aws_lb.this[0]), has no price table"), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        let given = CLI.run(["review", Self.fixture, "--rps", "50", "--region", "mars-1"])
        #expect(given.stderr.hasPrefix("albgw-cost: error: --region 'mars-1' has no price table"), "\(given.stderr)")
    }
}

/// How a reference is named in the root namespace, written out by hand for each kind of root.
@Suite("Reference names")
struct ReferenceNameTests {
    @Test func partsOfEachKindOfReference() {
        let data = TerraformReference(
            root: "data", steps: [.attribute("aws_iam_policy_document"), .attribute("p"), .key("[0]"), .attribute("json")], module: "module.alb.")
        #expect(data.text == "module.alb.data.aws_iam_policy_document.p[0].json")
        #expect(data.target == "module.alb.data.aws_iam_policy_document.p" && data.key == "[0]")
        #expect(data.resourceType == "aws_iam_policy_document" && data.root == "data" && data.module == "module.alb.")
        #expect(data.address == "module.alb.data.aws_iam_policy_document.p[0]")

        // The target is the whole text when nothing follows the name.
        let bare = TerraformReference(root: "aws_lb", steps: [.attribute("x")], module: "")
        #expect(bare.text == "aws_lb.x" && bare.target == "aws_lb.x" && bare.key == nil && bare.resourceType == "aws_lb")

        let resource = TerraformReference(root: "aws_lb_target_group", steps: [.attribute("this"), .key(#"["api"]"#), .attribute("arn")], module: "")
        #expect(resource.text == #"aws_lb_target_group.this["api"].arn"# && resource.target == "aws_lb_target_group.this")
        #expect(resource.key == #"["api"]"# && resource.address == #"aws_lb_target_group.this["api"]"#)

        let variable = TerraformReference(root: "var", steps: [.attribute("subnets"), .key("[1]")], module: "module.net.")
        #expect(variable.target == "module.net.var.subnets" && variable.key == nil && variable.resourceType == nil)

        let output = TerraformReference(root: "module", steps: [.attribute("m"), .key(#"["a"]"#), .attribute("out")], module: "")
        #expect(output.target == "module.m" && output.key == #"["a"]"# && output.resourceType == nil)

        // Built-in roots and a root alone name no declaration.
        for builtin in ["each", "count", "self", "path", "terraform"] {
            let reference = TerraformReference(root: builtin, steps: [.attribute("key")], module: "")
            #expect(reference.target == nil && reference.resourceType == nil && reference.text == "\(builtin).key")
        }
        let alone = TerraformReference(root: "aws_lb", steps: [], module: "module.a.")
        #expect(alone.text == "module.a.aws_lb" && alone.target == nil && alone.root == "aws_lb")
        // Names with characters beyond ASCII are copied byte for byte.
        let wide = TerraformReference(root: "aws_lb", steps: [.attribute("n\u{E9}"), .attribute("arn")], module: "")
        #expect(wide.text == "aws_lb.n\u{E9}.arn" && wide.target == "aws_lb.n\u{E9}")
    }
}
