import Foundation
import Testing

@testable import AlbgwCost

/// `albgw-cost review plan.json`: the JSON of a plan or a state (`terraform show -json`). The
/// fixtures in Fixtures/plans are written by hand in Terraform's JSON output format
/// (developer.hashicorp.com/terraform/internals/json-format, format_version 1.2 for plans and 1.0 for
/// states), as `terraform show -json` would print the HCL fixtures in Fixtures/terraform:
/// good-private-api as a plan against a state that holds its VPC and subnets and as the state after
/// apply, alb-lambda as a plan on one line (as Terraform writes it), and private-custom-domain and
/// modules/alb-module as plans that create everything. Fixtures/plans/terraform holds real plans of
/// the same HCL, made by Terraform itself (Scripts/terraform-plans). The check is independent: the
/// HCL path reads the same design from the .tf files.
@Suite struct PlanReviewTests {
    static let plans = repositoryPath("Tests/AlbgwCostTests/Fixtures/plans")
    static let terraform = repositoryPath("Tests/AlbgwCostTests/Fixtures/terraform")

    /// Each JSON fixture, the HCL it was written from, and the variables the plan was made with.
    static let pairs: [(json: String, hcl: String, variables: [String: String])] = [
        ("good-private-api.plan.json", "good-private-api.tf", [:]),
        ("good-private-api.state.json", "good-private-api.tf", [:]),
        ("alb-lambda.plan.json", "alb-lambda.tf", ["region": "eu-central-1"]),
        ("private-custom-domain.plan.json", "private-custom-domain.tf", [:]),
        ("alb-module.plan.json", "modules/alb-module", [:]),
        // Real plans (Scripts/terraform-plans: Terraform 1.11.4, hashicorp/aws 5.100.0, everything to be
        // created): sets of ids not known yet are unknown as a whole, and the JSON is one line.
        ("terraform/good-private-api.plan.json", "good-private-api.tf", [:]),
        ("terraform/alb-lambda.plan.json", "alb-lambda.tf", ["region": "eu-central-1"]),
        ("terraform/private-custom-domain.plan.json", "private-custom-domain.tf", [:]),
        ("terraform/alb-module.plan.json", "modules/alb-module", [:]),
    ]

    func plan(_ name: String) -> String { "\(Self.plans)/\(name)" }

    /// A temporary directory with `text` written as `name`; returns the file's path.
    func write(_ text: String, as name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove(_ path: String) { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }

    /// Reads a plan given as text.
    func read(_ text: String) throws -> TerraformConfiguration { try PlanReader.read(try OrderedJSON.parse(Data(text.utf8)), file: "plan.json") }

    /// The line of the first line of `file` that contains `text`.
    func line(of text: String, in file: String) throws -> Int {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    // MARK: - The same design as the HCL

    @Test(arguments: pairs.map { [$0.json, $0.hcl] + $0.variables.map { "\($0.key)=\($0.value)" } })
    func planGivesTheRecognitionAndFindingsOfTheHCL(pair: [String]) throws {
        let variables = Dictionary(uniqueKeysWithValues: pair.dropFirst(2).map { ($0.split(separator: "=")[0], $0.split(separator: "=")[1]) }.map { (String($0), String($1)) })
        let fromJSON = try TerraformLoader.load(plan(pair[0]), inputs: VariableInputs())
        let fromHCL = try TerraformLoader.load("\(Self.terraform)/\(pair[1])", variables: variables)
        let file = (pair[0] as NSString).lastPathComponent
        #expect(fromJSON.files == [file])
        let planned = DesignRecognizer.recognizeAll(fromJSON)
        let written = DesignRecognizer.recognizeAll(fromHCL)
        #expect(planned.count == written.count)
        for (json, hcl) in zip(planned, written) {
            #expect(json.design != nil && json.design == hcl.design)
            #expect(json.front == hcl.front && json.parts == hcl.parts, "\(json.parts) against \(hcl.parts)")
            #expect(json.region == hcl.region && json.region != nil)
            #expect(json.azs == hcl.azs && json.vpceSubnets == hcl.vpceSubnets && json.albScheme == hcl.albScheme)
            #expect(json.registeredTargets == hcl.registeredTargets && json.targetIPs == hcl.targetIPs)
            #expect(json.lambdaMemoryMB == hcl.lambdaMemoryMB && json.lambdaArchitecture == hcl.lambdaArchitecture)
            #expect(json.privateDNS == hcl.privateDNS && json.accounts == hcl.accounts && json.dnsRecord == hcl.dnsRecord)
            // Every value is resolved: nothing for --var to give.
            #expect(!json.unknowns.contains { $0.contains("--var") }, "\(json.unknowns)")
        }
        let findings = TerraformReview.review(fromJSON, designs: planned).map(\.id)
        #expect(findings == TerraformReview.review(fromHCL, designs: written).map(\.id))
        // Every fact points into the JSON file.
        for fact in planned.flatMap(\.facts) {
            if let position = fact.position { #expect(position.file == file && position.line >= 1 && position.column == 1) }
        }
    }

    /// The same mistake in the HCL and in the JSON raises the same findings: (finding ids, the HCL
    /// change, the JSON fixture, the JSON change as a regular expression and its template).
    static let mistakes: [(ids: String, hclFrom: String, hclTo: String, json: String, jsonPattern: String, jsonTemplate: String)] = {
        var list: [(String, String, String, String, String, String)] = []
        for json in ["good-private-api.plan.json", "good-private-api.state.json"] {
            list += [
                ("weak-tls-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08", json, "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08"),
                ("private-dns", "private_dns_enabled = false", "private_dns_enabled = true", json, #""private_dns_enabled": false"#, #""private_dns_enabled": true"#),
                ("public-cidr", "cidr_block = \"10.0.0.0/16\"", "cidr_block = \"20.0.0.0/16\"", json, #""10\.0\.0\.0/16""#, #""20.0.0.0/16""#),
                ("deprecated-runtime", "python3.12", "python3.9", json, "python3\\.12", "python3.9"),
                (
                    "health-check-403", "resource \"aws_cloudwatch_metric_alarm\"", "resource \"aws_ssm_parameter\"", json, #""aws_cloudwatch_metric_alarm""#,
                    #""aws_ssm_parameter""#
                ),
                ("health-check-matcher", "matcher  = \"200,403\"", "matcher  = \"200\"", json, #""matcher": "200,403""#, #""matcher": "200""#),
                (
                    "missing-base-path-mapping", "resource \"aws_api_gateway_base_path_mapping\"", "resource \"aws_ssm_parameter\"", json,
                    #""aws_api_gateway_base_path_mapping""#, #""aws_ssm_parameter""#
                ),
                // Left out of the code, the protocol is HTTP: a plan and a state say so.
                (
                    "health-check-protocol", "protocol = \"HTTPS\" # health check protocol\n", "", json, #"("port": "443",\s*"protocol": )"HTTPS""#,
                    #"$1"HTTP""#
                ),
                (
                    "endpoint-fewer-subnets", "subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]", "subnet_ids          = [aws_subnet.a.id]", json,
                    #"("subnet_ids": \[\s*"subnet-0aa11bb22cc33dd44"),\s*"subnet-0ee55ff66aa77bb88""#, "$1"
                ),
                (
                    "partial-registration", "count            = 2", "count            = 1", json,
                    #"("address": "aws_lb_target_group_attachment\.endpoint\[1\]",\s*"mode": "managed",\s*"type": )"aws_lb_target_group_attachment""#,
                    #"$1"aws_ssm_parameter""#
                ),
                (
                    "missing-access-association,host-header", "resource \"aws_api_gateway_domain_name_access_association\"", "resource \"aws_ssm_parameter\"",
                    json, #""aws_api_gateway_domain_name_access_association""#, #""aws_ssm_parameter""#
                ),
            ]
        }
        list += [
            // The plan's endpoint is new: its security groups are known from the configuration.
            (
                "shared-open-security-group", "security_group_ids  = [aws_security_group.endpoint.id]", "security_group_ids  = [aws_security_group.alb.id]",
                "good-private-api.plan.json", #"("security_group_ids": \{\s*"references": \[\s*)"aws_security_group\.endpoint\.id",(\s*)"aws_security_group\.endpoint""#,
                #"$1"aws_security_group.alb.id",$2"aws_security_group.alb""#
            ),
            (
                "undeclared-reference", "role          = aws_iam_role.app.arn", "role          = aws_iam_role.missing.arn", "good-private-api.plan.json",
                #""aws_iam_role\.app\.arn",(\s*)"aws_iam_role\.app""#, #""aws_iam_role.missing.arn",$1"aws_iam_role.missing""#
            ),
            // The state's values say it all: ids, not references.
            (
                "shared-open-security-group", "security_group_ids  = [aws_security_group.endpoint.id]", "security_group_ids  = [aws_security_group.alb.id]",
                "good-private-api.state.json", #"("security_group_ids": \[\s*)"sg-0b1b2b3b4b5b6b7b8""#, #"$1"sg-0a1a2a3a4a5a6a7a8""#
            ),
            (
                "domain-policy", "\"aws:SourceVpce\" = [aws_vpc_endpoint.execute_api.id]", "\"aws:SourceVpce\" = []", "good-private-api.state.json",
                #"\\"aws:SourceVpce\\":\[\\"vpce-0e1f2a3b4c5d6e7f8\\"\]"#, #"\\"aws:SourceVpce\\":[]"#
            ),
            (
                "source-vpce", "\"aws:SourceVpce\" = aws_vpc_endpoint.execute_api.id", "\"aws:SourceVpce\" = \"vpc-11111111\"", "good-private-api.state.json",
                #"\\"aws:SourceVpce\\":\\"vpce-0e1f2a3b4c5d6e7f8\\""#, #"\\"aws:SourceVpce\\":\\"vpc-11111111\\""#
            ),
            (
                "source-vpce", "\"aws:SourceVpce\" = aws_vpc_endpoint.execute_api.id", "\"aws:SourceVpce\" = \"vpce-0123456789abcdef0\"",
                "good-private-api.state.json", #"\\"aws:SourceVpce\\":\\"vpce-0e1f2a3b4c5d6e7f8\\""#, #"\\"aws:SourceVpce\\":\\"vpce-0123456789abcdef0\\""#
            ),
        ]
        return list.map { (ids: $0.0, hclFrom: $0.1, hclTo: $0.2, json: $0.3, jsonPattern: $0.4, jsonTemplate: $0.5) }
    }()

    @Test(arguments: mistakes.map { [$0.ids, $0.hclFrom, $0.hclTo, $0.json, $0.jsonPattern, $0.jsonTemplate] })
    func theSameMistakeRaisesTheSameFindings(mistake: [String]) throws {
        let hcl = try String(contentsOfFile: "\(Self.terraform)/good-private-api.tf", encoding: .utf8)
        #expect(hcl.contains(mistake[1]), "the HCL change does not apply")
        let json = try String(contentsOfFile: plan(mistake[3]), encoding: .utf8)
        let changed = json.replacingOccurrences(of: mistake[4], with: mistake[5], options: .regularExpression)
        #expect(changed != json, "the JSON change does not apply")

        let hclPath = try write(hcl.replacingOccurrences(of: mistake[1], with: mistake[2]), as: "main.tf")
        defer { remove(hclPath) }
        let jsonPath = try write(changed, as: mistake[3])
        defer { remove(jsonPath) }
        func findings(_ path: String) throws -> [ReviewFinding] {
            let config = try TerraformLoader.load(path, inputs: VariableInputs())
            return TerraformReview.review(config, designs: DesignRecognizer.recognizeAll(config))
        }
        let expected = mistake[0].split(separator: ",").map(String.init).sorted()
        #expect(try findings(hclPath).map(\.id).sorted() == expected)
        let planned = try findings(jsonPath)
        #expect(planned.map(\.id).sorted() == expected, "\(planned.map { "\($0.id) at \($0.position): \($0.message)" })")
        for finding in planned { #expect(finding.position.file == mistake[3] && finding.position.line > 1) }
    }

    // MARK: - Modules, states, unknowns

    @Test func aPlanWithAModuleKeepsItsAddressesAndWiring() throws {
        let path = plan("alb-module.plan.json")
        let config = try TerraformLoader.load(path, inputs: VariableInputs())
        let alb = try #require(config.block(address: "module.alb.aws_lb.this[0]"))
        #expect(alb.module == "module.alb." && alb.key == "[0]" && alb.baseAddress == "module.alb.aws_lb.this")
        let group = try #require(config.block(address: #"module.alb.aws_lb_target_group.this["api"]"#))
        #expect(group.key == #"["api"]"# && group["target_type"]?.value == .string("lambda"))
        #expect(config.block(address: #"module.alb.aws_lb_listener.this["https"]"#) != nil)
        // var.subnets inside the module refers to the subnets the caller passed.
        let subnets = try #require(alb["subnets"])
        #expect(subnets.references.map(\.text) == ["module.alb.var.subnets", "aws_subnet.a.id", "aws_subnet.b.id", "aws_subnet.c.id"])
        #expect(subnets.value == .list([.unknown, .unknown, .unknown]) && subnets.text == "[(known after apply), (known after apply), (known after apply)]")
        // The attachment's target group is named with a key Terraform cannot know before it runs.
        let attachment = try #require(config.block(address: #"module.alb.aws_lb_target_group_attachment.this["api"]"#))
        #expect(attachment["target_group_arn"]?.refers(to: group) == true)
        // module.disabled (create = false) has no instance: nothing of it is planned.
        #expect(!config.blocks.contains { $0.module.hasPrefix("module.disabled") })
        // The module's variables are declarations: references to them are not reported.
        #expect(config.block(address: "module.alb.var.subnets")?.kind == "variable")
        // The ALB's fact points at its resource in planned_values.
        let recognition = DesignRecognizer.recognize(config)
        let fact = try #require(recognition.facts.first { $0.name == "ALB" })
        #expect(fact.position == SourcePosition(file: "alb-module.plan.json", line: try line(of: #""address": "module.alb.aws_lb.this[0]""#, in: path), column: 1))
    }

    @Test func aStateIsWiredByItsValues() throws {
        let config = try TerraformLoader.load(plan("good-private-api.state.json"), inputs: VariableInputs())
        let alb = try #require(config.block(address: "aws_lb.api"))
        // The ALB's subnets are the subnets' ids: each element refers to its subnet.
        let subnets = try #require(alb["subnets"])
        #expect(subnets.value == .list([.string("subnet-0aa11bb22cc33dd44"), .string("subnet-0ee55ff66aa77bb88")]))
        #expect(subnets.elements?.map { $0.references.map(\.text) } == [["aws_subnet.a.id"], ["aws_subnet.b.id"]])
        #expect(subnets.text == "[aws_subnet.a.id, aws_subnet.b.id]")
        // An id (the ALB's is its ARN) is not a reference to itself.
        #expect(alb["arn"]?.references.isEmpty == true && alb["id"]?.references.isEmpty == true)
        // The attachments register the IPs of the endpoint's network interfaces, looked up.
        let attachment = try #require(config.block(address: "aws_lb_target_group_attachment.endpoint[1]"))
        #expect(attachment["target_id"]?.references.map(\.text) == ["data.aws_network_interface.endpoint[1].private_ip"])
        let nic = try #require(config.block(address: "data.aws_network_interface.endpoint[1]"))
        #expect(nic["id"]?.references.map(\.text) == ["aws_vpc_endpoint.execute_api.network_interface_ids"])
        // A policy names the endpoint by its id: shown as a reference, the value itself unchanged.
        let policy = try #require(config.block(address: "aws_api_gateway_rest_api.private")?["policy"])
        #expect(policy.text.contains(#""aws:SourceVpce":"${aws_vpc_endpoint.execute_api.id}""#))
        #expect(policy.value?.string?.contains(#""aws:SourceVpce":"vpce-0e1f2a3b4c5d6e7f8""#) == true)
        // No configuration: no variables, the region from the ARNs.
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.region == "us-west-2" && recognition.targetIPs == .lookup && recognition.unknowns.isEmpty)
    }

    /// The same configuration as a module instance with a key (`module.copy["a"]`), in HCL and as a
    /// state: the same design and no finding. Inside a module, code names the endpoint
    /// `aws_vpc_endpoint.execute_api`, and so does the state's policy as shown.
    @Test func aModuleInstanceWithAKeyInHCLAndInAState() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-plan-module-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("copy"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "module \"copy\" {\n  source   = \"./copy\"\n  for_each = toset([\"a\"])\n}\n".write(
            to: root.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: "\(Self.terraform)/good-private-api.tf", toPath: root.appendingPathComponent("copy/main.tf").path)
        let hcl = try TerraformLoader.load(root.path, inputs: VariableInputs())

        var state = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plan("good-private-api.state.json")))) as? [String: Any])
        var values = try #require(state["values"] as? [String: Any])
        var resources = try #require((values["root_module"] as? [String: Any])?["resources"] as? [[String: Any]])
        for index in resources.indices { resources[index]["address"] = #"module.copy["a"]."# + (resources[index]["address"] as? String ?? "") }
        values["root_module"] = ["child_modules": [["resources": resources, "address": #"module.copy["a"]"#]]]
        state["values"] = values
        let path = try write(String(decoding: try JSONSerialization.data(withJSONObject: state, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self), as: "state.json")
        defer { remove(path) }
        let json = try TerraformLoader.load(path, inputs: VariableInputs())

        for config in [hcl, json] {
            let designs = DesignRecognizer.recognizeAll(config)
            #expect(designs.map(\.design) == [.albVpceApigwLambda] && designs.first?.front == #"module.copy["a"].aws_lb.api"#)
            #expect(designs.first?.azs == 2 && designs.first?.vpceSubnets == 2 && designs.first?.registeredTargets == 2)
            let findings = TerraformReview.review(config, designs: designs)
            #expect(findings.isEmpty, "\(findings.map { "\($0.id): \($0.message)" })")
        }
        let policy = try #require(json.block(address: #"module.copy["a"].aws_api_gateway_domain_name.private"#)?["policy"])
        #expect(policy.text.contains(#"["${aws_vpc_endpoint.execute_api.id}"]"#))
        #expect(policy.references.map(\.text) == [#"module.copy["a"].aws_vpc_endpoint.execute_api.id"#])
    }

    @Test func unknownValuesStayUnknown() throws {
        let config = try TerraformLoader.load(plan("good-private-api.plan.json"), inputs: VariableInputs())
        let attachment = try #require(config.block(address: "aws_lb_target_group_attachment.endpoint[0]"))
        // Written in the configuration, known only after apply: present, without a value, shown with
        // what the configuration refers to.
        let target = try #require(attachment["target_id"])
        #expect(target.value == nil && target.text == "(known after apply: data.aws_network_interface.endpoint, count.index)")
        #expect(target.references.map(\.text) == ["data.aws_network_interface.endpoint", "count.index"])
        // Computed by the provider and not written: left out, as the HCL path never sees it.
        #expect(attachment["id"] == nil)
        let listener = try #require(config.block(address: "aws_lb_listener.https"))
        #expect(listener["arn"] == nil && listener["tags_all"] == nil)
        // A nested block's unknown attribute, and its references from the configuration.
        let action = try #require(listener.blocks("default_action").first)
        #expect(action["target_group_arn"]?.value == nil && action["type"]?.value == .string("forward"))
        #expect(action["target_group_arn"]?.references.map(\.text) == ["aws_lb_target_group.endpoint.arn"])
        #expect(action.blocks.isEmpty, "empty nested blocks (forward, redirect...) are no blocks")
        let check = try #require(config.block(address: "aws_lb_target_group.endpoint")?.blocks("health_check").first)
        #expect(check["timeout"] == nil && check["protocol"]?.value == .string("HTTPS") && check["interval"]?.value == .number(30))
        // An element of a list known only after apply.
        let alb = try #require(config.block(address: "aws_lb.api"))
        #expect(alb["security_groups"]?.value == .list([.unknown]) && alb["security_groups"]?.references.map(\.text) == ["aws_security_group.alb.id"])
        // Known values of existing resources wire by value too: the subnets exist already.
        #expect(alb["subnets"]?.elements?.count == 2 && alb["subnets"]?.value?.list?.count == 2)
        // Null is unset; a sensitive value is never shown.
        #expect(alb["customer_owned_ipv4_pool"] == nil)
        #expect(config.block(address: "aws_acm_certificate.cert")?["private_key"] == nil)
        // Negative numbers are numbers.
        #expect(config.block(address: "aws_lambda_function.app")?["reserved_concurrent_executions"]?.value == .number(-1))
    }

    /// after_unknown marks a list Terraform cannot size yet as a whole (`true`), or element by element.
    @Test(arguments: [#"true"#, #"[true, true]"#])
    func unknownListsOfSubnetsCountTheirAZsFromTheConfiguration(mark: String) throws {
        let subnets = mark == "true" ? "" : #""subnets": [null, null],"#
        let text = """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api", "values": {\(subnets) "internal": true, "load_balancer_type": "application"}, "sensitive_values": {"secret": true}},
              {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a", "values": {"availability_zone": "eu-west-1a"}},
              {"address": "aws_subnet.b", "mode": "managed", "type": "aws_subnet", "name": "b", "values": {"availability_zone": "eu-west-1b"}}]}},
             "resource_changes": [{"address": "aws_lb.api", "change": {"actions": ["create"], "after_unknown": {"subnets": \(mark), "arn": true}}}],
             "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
               "root_module": {"resources": [{"address": "aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api",
                 "expressions": {"subnets": {"references": ["aws_subnet.a.id", "aws_subnet.a", "aws_subnet.b.id", "aws_subnet.b"]}}}]}}}
            """
        let config = try read(text)
        let alb = try #require(config.block(address: "aws_lb.api"))
        let expression = try #require(alb["subnets"])
        #expect(expression.value == (mark == "true" ? nil : .list([.unknown, .unknown])))
        #expect(expression.references.map(\.text) == ["aws_subnet.a.id", "aws_subnet.b.id"])
        #expect(alb["arn"] == nil)
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.azs == 2 && recognition.region == "eu-west-1" && recognition.albScheme == .internal)
        // A set Terraform cannot size yet is unknown as a whole: the subnets it names are counted.
        let fact = try #require(recognition.facts.first { $0.name == "ALB subnets" })
        #expect(
            fact.value
                == (mark == "true"
                    ? "2 (known after apply: aws_subnet.a.id, aws_subnet.b.id) in 2 AZ(s) (the subnets of aws_subnet.a, aws_subnet.b)"
                    : "2 ([(known after apply), (known after apply)]) in 2 AZ(s) (the subnets of aws_subnet.a, aws_subnet.b)"))
    }

    /// A real plan of new resources: Terraform marks a set of ids not known yet (`subnet_ids`,
    /// `subnets`) unknown as a whole, and the subnets it names are counted from the configuration. It
    /// was "0 subnet(s)" and a false high endpoint-fewer-subnets finding.
    @Test func aRealPlanCountsTheSubnetsOfASetNotKnownYet() throws {
        let path = plan("terraform/good-private-api.plan.json")
        let raw = try String(contentsOfFile: path, encoding: .utf8)
        #expect(raw.contains(#""subnet_ids":true"#) && raw.contains(#""subnets":true"#))
        let config = try TerraformLoader.load(path, inputs: VariableInputs())
        let endpoint = try #require(config.block(address: "aws_vpc_endpoint.execute_api"))
        #expect(endpoint["subnet_ids"]?.value == nil && endpoint["subnet_ids"]?.text == "(known after apply: aws_subnet.a.id, aws_subnet.b.id)")
        let recognition = DesignRecognizer.recognize(config)
        // good-private-api.tf: two subnets, in us-west-2a and us-west-2b, for the ALB and the endpoint.
        #expect(recognition.vpceSubnets == 2 && recognition.azs == 2 && recognition.registeredTargets == 2)
        #expect(
            recognition.facts.first { $0.name == "endpoint subnets" }?.value
                == "2 (known after apply: aws_subnet.a.id, aws_subnet.b.id) (the subnets of aws_subnet.a, aws_subnet.b)")
        #expect(TerraformReview.review(config, designs: [recognition]).isEmpty)
    }

    /// A real plan whose ALB is put on a provider alias in another region (its provider_config gets
    /// `aws.eu` with region eu-west-1, as `terraform show -json` writes one): the design is in eu-west-1.
    @Test func aPlansProviderAliasGivesItsRegion() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: plan("terraform/alb-lambda.plan.json")))
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var configuration = try #require(document["configuration"] as? [String: Any])
        var providers = try #require(configuration["provider_config"] as? [String: Any])
        providers["aws.eu"] = [
            "name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "alias": "eu", "expressions": ["region": ["constant_value": "eu-west-1"]],
        ]
        configuration["provider_config"] = providers
        var root = try #require(configuration["root_module"] as? [String: Any])
        var resources = try #require(root["resources"] as? [[String: Any]])
        for index in resources.indices where resources[index]["address"] as? String == "aws_lb.api" { resources[index]["provider_config_key"] = "aws.eu" }
        root["resources"] = resources
        configuration["root_module"] = root
        document["configuration"] = configuration
        let path = try write(String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self), as: "plan.json")
        defer { remove(path) }
        let designs = DesignRecognizer.recognizeAll(try TerraformLoader.load(path, inputs: VariableInputs()))
        #expect(designs.map(\.region) == ["eu-west-1"])
        #expect(designs.first?.facts.first?.value == "eu-west-1 (provider aws.eu)")
    }

    /// A real plan without an ALB or a private custom domain name (its VPC, subnets, endpoint, API and
    /// function kept) implements neither design: said plainly, exit 0, no cost analysis even with
    /// the traffic given.
    @Test func aRealPlanWithNoALBImplementsNone() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: plan("terraform/good-private-api.plan.json")))
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var planned = try #require(document["planned_values"] as? [String: Any])
        var root = try #require(planned["root_module"] as? [String: Any])
        let resources = try #require(root["resources"] as? [[String: Any]])
        let kept = resources.filter { !(($0["type"] as? String) ?? "").hasPrefix("aws_lb") && !(($0["type"] as? String) ?? "").hasPrefix("aws_api_gateway_domain_name") }
        #expect(kept.count < resources.count && kept.contains { $0["type"] as? String == "aws_vpc_endpoint" })
        root["resources"] = kept
        planned["root_module"] = root
        document["planned_values"] = planned
        let path = try write(String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self), as: "plan.json")
        defer { remove(path) }
        let result = CLI.run(["review", path, "--rps", "50"])
        #expect(result.exitCode == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("Design: none of the designs"))
        #expect(result.stdout.hasSuffix("No cost analysis: the code implements none of the designs, so there is nothing to price.\n"))
        #expect(!result.stdout.contains("Summary (USD)"))
    }

    /// Sensitive values are unknown, never shown; a state's instances in another account than most
    /// carry it in place of a provider alias.
    @Test func sensitiveValuesAndAccountsOfAState() throws {
        let text = """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_lambda_function.app", "mode": "managed", "type": "aws_lambda_function", "name": "app",
               "values": {"arn": "arn:aws:lambda:eu-west-1:222222222222:function:app", "memory_size": 1024, "runtime": "python3.9", "environment": [{"variables": {"TOKEN": "s3cr3t-t0ken"}}]},
               "sensitive_values": {"environment": [{"variables": true}], "runtime": true}},
              {"address": "aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api",
               "values": {"arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/api/1", "internal": false}},
              {"address": "aws_lb_target_group.a", "mode": "managed", "type": "aws_lb_target_group", "name": "a",
               "values": {"arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/a/1", "target_type": "lambda"}}]}}}
            """
        let config = try read(text)
        let function = try #require(config.block(address: "aws_lambda_function.app"))
        #expect(function["runtime"]?.value == nil && function["runtime"]?.text == "(sensitive value)")
        #expect(function["environment"]?.text.contains("s3cr3t") == false)
        #expect(function["provider"]?.text == "aws (account 222222222222, from its ARN)")
        #expect(config.block(address: "aws_lb.api")?["provider"] == nil)
        let recognition = DesignRecognizer.recognize(config)
        #expect(recognition.design == .albLambda && recognition.accounts == .cross && recognition.region == "eu-west-1")
        // The sensitive runtime is unknown: no deprecated-runtime finding on a guess.
        #expect(!TerraformReview.review(config, designs: [recognition]).contains { $0.id == "deprecated-runtime" })
    }

    /// A plan's provider configurations keep how they sign in: an alias that differs from the default
    /// in region only is the same account; one with a profile of its own, or another profile, is not.
    @Test(arguments: [
        (#""region": {"constant_value": "eu-west-1"}"#, #""region": {"constant_value": "eu-west-1"}"#, AccountLayout.single),
        (#""region": {"constant_value": "eu-west-1"}"#, #""profile": {"constant_value": "other"}"#, .cross),
        (#""profile": {"constant_value": "ops"}"#, #""profile": {"constant_value": "ops"}, "region": {"constant_value": "eu-west-1"}"#, .single),
        (#""profile": {"constant_value": "ops"}"#, #""profile": {"constant_value": "ops"}, "assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::2:role/x"}}]"#, .cross),
    ])
    func planProviderAliasesAreAnotherAccountOnlyWhenTheySignInOtherwise(first: String, second: String, accounts: AccountLayout) throws {
        let text = """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api", "values": {"internal": true}},
              {"address": "aws_lb_target_group.a", "mode": "managed", "type": "aws_lb_target_group", "name": "a", "values": {"target_type": "lambda"}},
              {"address": "aws_lambda_function.app", "mode": "managed", "type": "aws_lambda_function", "name": "app", "values": {"memory_size": 128}}]}},
             "configuration": {"provider_config": {
                "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "expressions": {\(first)}},
                "aws.second": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "alias": "second", "expressions": {\(second)}}},
              "root_module": {"resources": [
                {"address": "aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api", "provider_config_key": "aws"},
                {"address": "aws_lb_target_group.a", "mode": "managed", "type": "aws_lb_target_group", "name": "a", "provider_config_key": "aws"},
                {"address": "aws_lambda_function.app", "mode": "managed", "type": "aws_lambda_function", "name": "app", "provider_config_key": "aws.second"}]}}}
            """
        let recognition = DesignRecognizer.recognize(try read(text))
        #expect(recognition.design == .albLambda && recognition.accounts == accounts, "\(recognition.facts.filter { $0.name == "accounts" })")
    }

    /// A plan without planned_values is read from its changes; prior_state's data sources are read.
    @Test func changesAndPriorStateAreReadWhenThatIsAllThereIs() throws {
        let text = """
            {"format_version": "1.1", "resource_changes": [
              {"address": "module.m[\\"x\\"].aws_vpc.v", "module_address": "module.m[\\"x\\"]", "mode": "managed", "type": "aws_vpc", "name": "v",
               "change": {"actions": ["create"], "after": {"cidr_block": "10.1.0.0/16"}, "after_unknown": {"id": true}}},
              {"address": "aws_vpc.gone", "mode": "managed", "type": "aws_vpc", "name": "gone", "change": {"actions": ["delete"], "before": {}, "after": null}}],
             "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "data.aws_region.here", "mode": "data", "type": "aws_region", "name": "here", "values": {"name": "ap-south-1", "region": "ap-south-1"}},
              {"address": "aws_vpc.gone", "mode": "managed", "type": "aws_vpc", "name": "gone", "values": {"cidr_block": "10.9.0.0/16"}}]}}}}
            """
        let config = try read(text)
        let vpc = try #require(config.block(address: #"module.m["x"].aws_vpc.v"#))
        #expect(vpc.module == #"module.m["x"]."# && vpc["cidr_block"]?.value == .string("10.1.0.0/16") && vpc["id"]?.value == nil)
        #expect(config.block(address: "aws_vpc.gone") == nil, "deleted resources are not planned")
        #expect(config.block(address: "data.aws_region.here") != nil)
        #expect(DesignRecognizer.recognize(config).region == "ap-south-1")
    }

    // MARK: - Files, errors, options

    @Test func aPlanOnOneLineAsTerraformWritesIt() throws {
        let path = plan("alb-lambda.plan.json")
        #expect(try String(contentsOfFile: path, encoding: .utf8).filter { $0 == "\n" }.count == 1)
        let config = try TerraformLoader.load(path, inputs: VariableInputs())
        #expect(config.blocks.filter { $0.kind == "resource" }.allSatisfy { $0.position.line == 1 })
        // The region comes from var.region, whose value the plan holds.
        #expect(config.providers.first?["region"]?.text == "var.region" && DesignRecognizer.recognize(config).region == "eu-central-1")
    }

    /// The content decides: a plan saved under another name is a plan; JSON in the configuration
    /// syntax under a .json name is configuration; an empty state implements nothing.
    @Test func detectedByNameOrContent() throws {
        let text = try String(contentsOfFile: plan("alb-lambda.plan.json"), encoding: .utf8)
        let renamed = try write(text, as: "tfplan-output")
        defer { remove(renamed) }
        #expect(DesignRecognizer.recognize(try TerraformLoader.load(renamed, inputs: VariableInputs())).design == .albLambda)

        let syntax = try write(#"{"resource": {"aws_lb": {"api": {"internal": true}}}}"#, as: "main.json")
        defer { remove(syntax) }
        let configuration = try TerraformLoader.load(syntax, inputs: VariableInputs())
        #expect(configuration.block(address: "aws_lb.api")?.position.file == "main.json")

        let empty = try write(#"{"format_version":"1.0","terraform_version":"1.9.8"}"#, as: "state.json")
        defer { remove(empty) }
        let result = CLI.run(["review", empty])
        #expect(result.exitCode == 0 && result.stdout.contains("implements none"), "\(result.stderr)")
        #expect(result.stdout.contains("Unknown: state.json is a state with no resources (nothing applied yet?)"))
    }

    /// A plan cut short anywhere is named with the line and column where it ends: Terraform writes
    /// its JSON on one line, so the column is the number of characters kept plus one.
    @Test(arguments: [1, 100, 2_000, 5_000])
    func aCutShortPlanNamesWhereItEnds(kept: Int) throws {
        let text = try String(contentsOfFile: plan("alb-lambda.plan.json"), encoding: .utf8)
        #expect(text.utf8.allSatisfy { $0 < 0x80 } && text.utf8.count > kept)
        let path = try write(String(text.prefix(kept)), as: "plan.json")
        defer { remove(path) }
        let result = CLI.run(["review", path, "--rps", "50"])
        #expect(result.exitCode == 65 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("albgw-cost: error: plan.json:1:\(kept + 1): the JSON ends before it is complete"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("the file was cut short; write it again: terraform show -json tfplan > plan.json\n"))
    }

    /// Windows PowerShell's `>` writes UTF-16 with a byte-order mark: the plan reads as the same plan.
    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian])
    func aPlanInUTF16ReadsAsInUTF8(encoding: String.Encoding) throws {
        let text = try String(contentsOfFile: plan("alb-lambda.plan.json"), encoding: .utf8)
        let bom: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        let path = try write("", as: "alb-lambda.plan.json")
        defer { remove(path) }
        try (Data(bom) + (try #require(text.data(using: encoding)))).write(to: URL(fileURLWithPath: path))
        let fromUTF16 = CLI.run(["review", path])
        let fromUTF8 = CLI.run(["review", plan("alb-lambda.plan.json")])
        #expect(fromUTF16.exitCode == 0, "\(fromUTF16.stderr)")
        #expect(fromUTF16.stdout.contains("Design: alb-lambda") && fromUTF16.stdout.contains("eu-central-1"))
        #expect(fromUTF16.stdout == fromUTF8.stdout)
    }

    @Test(arguments: [
        (#"{"hello": "world"}"#, "x.json", "neither the JSON of a plan or a state"),
        (#"[1, 2, 3]"#, "x.json", "holds an array"),
        (#"{"format_version": "1.0", "valid": true, "diagnostics": []}"#, "validate.json", "neither planned_values nor values"),
        (#"{"format_version": "2.0", "planned_values": {}}"#, "plan.json", "format_version \"2.0\""),
        (#"{"format_version": 1, "planned_values": {}}"#, "plan.json", "format_version is not a string"),
        (
            "{\"format_version\": \"1.2\",\n \"planned_values\": {\"root_module\": {\"resources\": [\n {\"mode\": \"managed\", \"type\": \"aws_lb\", \"name\": \"a\\u001b[31m\"}]}}}",
            "plan.json", "plan.json:3:1: aws_lb's name"
        ),
        ("{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": \"many\"}}}", "plan.json", "resources is a string"),
        ("{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"child_modules\": [{\"address\": \"modul.x\"}]}}}", "plan.json", "not a module address"),
        // Cut short after ` "planned_values": {`, 20 characters: the 21st is missing.
        ("{\"format_version\": \"1.2\",\n \"planned_values\": {", "plan.json", "plan.json:2:21: the JSON ends before it is complete"),
        ("{\"format_version\": \"1.2\", \"planned_values\": {\"root_", "plan.json", "plan.json:1:52: the JSON ends before it is complete"),
        // A plan's zip names its entries (tfplan, tfstate, tfconfig/...) in plain bytes.
        (
            "PK\u{3}\u{4}\u{14}\u{0}tfplan binary", "tfplan",
            "is a binary plan file; review its JSON instead: terraform show -json tfplan > plan.json, then albgw-cost review plan.json"
        ),
        // Named .json all the same; the command must not write over the file it reads.
        ("PK\u{3}\u{4}\u{14}\u{0}tfplan binary", "plan.json", "terraform show -json plan.json > shown-plan.json, then albgw-cost review shown-plan.json"),
        // Another zip, a function's package, is not called a plan (found by a new user's check).
        ("PK\u{3}\u{4}\u{14}\u{0}index.py", "fn.zip", "fn.zip: is a zip archive, not Terraform (a function's package?); give a .tf file, a directory of them, or a plan's JSON"),
        ("", "plan.json", "plan.json: is empty; give the JSON of a plan or a state: terraform show -json tfplan > plan.json"),
        (" \n\t\n", "plan.json", "plan.json: is empty"),
        // `terraform plan -json` writes its log, one JSON message a line.
        (
            #"{"@level":"info","@message":"Terraform 1.11.4","@module":"terraform.ui","terraform":"1.11.4","type":"version","ui":"1.2"}"# + "\n"
                + #"{"@level":"info","@message":"aws_lb.api: Plan to create","@module":"terraform.ui","type":"planned_change"}"# + "\n",
            "plan.json", "plan.json: is the log of terraform plan -json (one message a line), not the plan; save the plan and show it: terraform plan -out tfplan"
        ),
        // The state file itself, not its JSON output, whatever it is called.
        (
            #"{"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "288bbaad", "outputs": {}, "resources": []}"#, "terraform.tfstate",
            "terraform.tfstate: is Terraform's state file itself, not its JSON output; review that: terraform show -json terraform.tfstate > state.json"
        ),
        (
            #"{"version": 4, "serial": 1, "lineage": "288bbaad", "resources": []}"#, "state.json",
            "terraform show -json state.json > shown-state.json, then albgw-cost review shown-state.json"
        ),
    ])
    func whatIsNotAPlanIsNamedOnOneLine(text: String, name: String, message: String) throws {
        let path = try write(text, as: name)
        defer { remove(path) }
        let result = CLI.run(["review", path])
        #expect(result.exitCode == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1 && result.stderr.hasSuffix("\n"))
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "control characters are escaped")
    }

    /// Archives of a project (a .tgz, a .tar) are named as archives, with what to do, not refused as
    /// invalid UTF-8 (found by a new user's check).
    @Test(arguments: [
        ([0x1F, 0x8B, 0x08, 0x00] as [UInt8], "project.tgz", "project.tgz: is a gzip-compressed tar archive, not Terraform; unpack it (tar -xzf project.tgz -C DIR)"),
        (Array(repeating: 0, count: 257) + Array("ustar\u{0}00".utf8) + Array(repeating: 0, count: 100), "project.tar", "project.tar: is a tar archive, not Terraform"),
        // One compressed file is decompressed, not untarred (found by a new user's check).
        ([0x42, 0x5A, 0x68, 0x39], "main.tf.bz2", "main.tf.bz2: is bzip2-compressed, not Terraform text; decompress it (bunzip2 -c main.tf.bz2 > main.tf)"),
        ([0x1F, 0x8B, 0x08, 0x00], "plan.json.gz", "plan.json.gz: is gzip-compressed, not Terraform text; decompress it (gunzip -c plan.json.gz > plan.json)"),
        ([0x28, 0xB5, 0x2F, 0xFD, 0x00], "project.tar.zst", "project.tar.zst: is a zstd-compressed tar archive, not Terraform; unpack it (tar --zstd -xf"),
        // Named .tf, read as HCL: the same line.
        ([0x1F, 0x8B, 0x08, 0x00], "weird.tf", "weird.tf: is gzip-compressed, not Terraform text; decompress it (gunzip -c weird.tf > FILE)"),
    ])
    func archivesAreNamed(bytes: [UInt8], name: String, message: String) throws {
        let path = try write("", as: name)
        defer { remove(path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = CLI.run(["review", path])
        #expect(result.exitCode == 65 && result.stdout.isEmpty)
        // The file is named by the path given, so that the command runs where the review was asked for.
        let directory = (path as NSString).deletingLastPathComponent + "/"
        #expect(result.stderr.hasPrefix("albgw-cost: error: " + directory), "\(result.stderr)")
        #expect(result.stderr.replacingOccurrences(of: directory, with: "").contains(message), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// A directory that holds only an archive says so, and how to read it.
    @Test func aDirectoryWithOnlyAnArchiveNamesIt() throws {
        let path = try write("", as: "project.tgz")
        defer { remove(path) }
        try Data([0x1F, 0x8B, 0x08, 0x00]).write(to: URL(fileURLWithPath: path))
        let directory = (path as NSString).deletingLastPathComponent
        let result = CLI.run(["review", directory])
        #expect(result.exitCode == 66)
        #expect(
            result.stderr.contains("holds no .tf or .tf.json files, but project.tgz, which may hold them: unpack it and review what it holds (albgw-cost review \(path) says how)"),
            "\(result.stderr)")
    }

    /// A directory that holds a plan's JSON and no .tf files: the file to give is named.
    @Test func aDirectoryWithOnlyAPlanNamesTheFile() throws {
        let path = try write(try String(contentsOfFile: plan("alb-lambda.plan.json"), encoding: .utf8), as: "plan.json")
        defer { remove(path) }
        try "{}".write(toFile: (path as NSString).deletingLastPathComponent + "/package.json", atomically: true, encoding: .utf8)
        let directory = (path as NSString).deletingLastPathComponent
        let result = CLI.run(["review", directory, "--rps", "50"])
        #expect(result.exitCode == 66 && result.stdout.isEmpty)
        #expect(result.stderr.hasSuffix("holds no .tf or .tf.json files; a plan's or a state's JSON is reviewed as a file: albgw-cost review \(directory)/plan.json\n"))
        #expect(CLI.run(["review", "\(directory)/plan.json"]).exitCode == 0)
    }

    @Test(arguments: [["--var", "region=us-east-1"], ["--var-file", "x.tfvars"], ["--var=region=us-east-1", "--rps", "50"]])
    func variablesAreRefusedWithAPlan(extra: [String]) {
        let result = CLI.run(["review", plan("alb-lambda.plan.json")] + extra)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--var and --var-file do not apply to") && result.stderr.contains("a plan holds the values it was made with"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// Every format, with and without a workload, as for .tf input; byte-identical run to run.
    @Test(arguments: [[], ["--format", "json"], ["--format", "markdown"], ["--rps", "50"], ["--rps", "50", "--format", "json"], ["--rps", "50", "--format", "markdown"]])
    func everyOutputFormat(options: [String]) throws {
        for name in ["good-private-api.plan.json", "good-private-api.state.json", "alb-module.plan.json", "terraform/good-private-api.plan.json"] {
            let result = CLI.run(["review", plan(name)] + options)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains((name as NSString).lastPathComponent))
            #expect(CLI.run(["review", plan(name)] + options).stdout == result.stdout)
            if options == ["--rps", "50"] { #expect(result.stdout.contains("Summary (USD)")) }
            if options.contains("json") { #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any]) }
        }
    }

    /// With a workload the text wraps at COLUMNS (120 by default): the review's facts table is fitted
    /// as a table, each fact on its row with its value wrapped in its column. It was wrapped as prose,
    /// one word a column apart and its dashes on three lines.
    @Test func theReviewsFactsStayATableInTheAnalysis() throws {
        let analysed = CLI.run(["review", plan("terraform/good-private-api.plan.json"), "--rps", "50"])
        #expect(analysed.exitCode == 0)
        let lines = analysed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  Read from the code  ") })
        let where_ = try #require(lines[header].range(of: "Where")).lowerBound.utf16Offset(in: lines[header])
        #expect(lines[header].count <= 120 && lines[header + 1].hasPrefix("  -----") && lines[header + 1].count <= 120)
        // Every fact's position sits under "Where", on the fact's first or a later line of its row.
        let facts = lines[(header + 2)...].prefix { !$0.hasPrefix("  Findings") && !$0.hasPrefix("  Unknown") }
        #expect(facts.allSatisfy { $0.count <= 120 })
        let positions = facts.filter { $0.hasSuffix("good-private-api.plan.json:1:1") }
        #expect(positions.count == 14, "\(facts)")  // 13 facts and the error alarm
        for line in positions { #expect(line.count - "good-private-api.plan.json:1:1".count == where_, "\(line)") }
        // The names of the facts start their rows, as without a workload.
        let alone = CLI.run(["review", plan("terraform/good-private-api.plan.json")]).stdout
        for name in ["region", "ALB", "ALB subnets", "endpoint subnets", "registered endpoint IPs", "security groups"] {
            #expect(alone.contains("\n  \(name)  ") && analysed.stdout.contains("\n  \(name)  "), "\(name)")
        }
    }

    @Test func sarifPointsIntoThePlan() throws {
        let json = try String(contentsOfFile: plan("good-private-api.state.json"), encoding: .utf8)
        let path = try write(json.replacingOccurrences(of: "ELBSecurityPolicy-TLS13-1-2-2021-06", with: "ELBSecurityPolicy-2016-08"), as: "state.json")
        defer { remove(path) }
        let result = CLI.run(["review", path, "--rps", "50", "--format", "sarif"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let log = try SARIFTests().check(result.stdout, reviewing: path)
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["weak-tls-policy"])
        let region = ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == (try line(of: #""ssl_policy": "ELBSecurityPolicy-2016-08""#, in: path)))
        #expect(region?["startColumn"] as? Int == 1)
    }

    // MARK: - Hostile JSON

    /// A seeded mutation loop over the fixtures: wrong types, missing and duplicated members, odd
    /// numbers and strings, truncation. Each mutation is read, recognised and reviewed, or fails with
    /// a one-line LoadError; nothing crashes. 150 runs or 2 seconds; PLAN_FUZZ_RUNS and
    /// PLAN_FUZZ_SEED run a longer campaign (`PLAN_FUZZ_RUNS=20000 swift test --filter mutatedPlans`).
    @Test func mutatedPlansReadOrFailOnOneLine() throws {
        let environment = ProcessInfo.processInfo.environment
        let campaign = environment["PLAN_FUZZ_RUNS"].flatMap(Int.init)
        var random = ExactDecimalTests.Generator(state: environment["PLAN_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_130)
        let sources = try [
            "alb-lambda.plan.json", "alb-module.plan.json", "good-private-api.state.json", "private-custom-domain.plan.json", "terraform/good-private-api.plan.json",
            "terraform/alb-module.plan.json",
        ].map {
            try OrderedJSON.parse(Data(contentsOf: URL(fileURLWithPath: plan($0))))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-plan-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plan.json").path
        let started = Date()
        var (read, failed, runs) = (0, 0, 0)
        while runs < (campaign ?? 150) && (campaign != nil || Date().timeIntervalSince(started) < 2) {
            runs += 1
            var document = sources[Int(random.next() % UInt64(sources.count))]
            for _ in 0...(random.next() % 3) { document = Self.mutate(document, &random) }
            var text = Self.serialize(document)
            if random.next() % 5 == 0 {
                // Text-level damage: a cut, or stray bytes.
                let cut = text.index(text.startIndex, offsetBy: Int(random.next() % UInt64(text.count)))
                text =
                    random.next() % 2 == 0 ? String(text[..<cut]) : String(text[..<cut]) + ["{", "]", "\"", "\\u", "\u{0}", "1e999"][Int(random.next() % 6)] + String(text[cut...])
            }
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            do {
                let config = try TerraformLoader.load(path, inputs: VariableInputs())
                let designs = DesignRecognizer.recognizeAll(config)
                _ = TerraformReview.review(config, designs: designs)
                read += 1
            } catch let error as TerraformLoader.LoadError {
                failed += 1
                let message = error.description
                #expect(!message.unicodeScalars.contains { $0.value < 0x20 } && message.count < 1_000, "\(message)")
            }
        }
        if campaign != nil { print("plan fuzz: \(runs) runs, \(read) read, \(failed) refused, \(Date().timeIntervalSince(started)) s") }
        #expect(read > 0 && failed > 0 && read + failed == runs)
    }

    /// One mutation of a random node: another kind of value, a member removed or doubled, a deep nest.
    static func mutate(_ json: OrderedJSON, _ random: inout ExactDecimalTests.Generator, depth: Int = 0) -> OrderedJSON {
        switch json {
        case .object(var members) where !members.isEmpty && (depth < 2 || random.next() % 4 != 0):
            let index = Int(random.next() % UInt64(members.count))
            switch random.next() % 8 {
            case 0: members.remove(at: index)
            case 1: members.insert(members[index], at: index)
            default: members[index].value = mutate(members[index].value, &random, depth: depth + 1)
            }
            return .object(members)
        case .array(var items) where !items.isEmpty && (depth < 2 || random.next() % 4 != 0):
            let index = Int(random.next() % UInt64(items.count))
            if random.next() % 6 == 0 { items.remove(at: index) } else { items[index] = mutate(items[index], &random, depth: depth + 1) }
            return .array(items)
        default:
            let replacements: [OrderedJSON] = [
                .string("x"), .string("\u{1b}[2J\nline"), .string("arn:aws:elasticloadbalancing:::"), .number("-0.5"), .number("1e999"),
                .number("123456789012345678901234567890123456789012"), .bool(true), .null, .array([]), .object([]),
                .array([.object([("true", .bool(true), 1)])]), .object([("references", .array([.string("module.x[\"a\\\"b\"].y"), .string("..[")]), 1)]),
                .string("module."), .array(Array(repeating: .bool(true), count: 3)),
                (0..<200).reduce(OrderedJSON.null) { inner, _ in .array([inner]) },
            ]
            return replacements[Int(random.next() % UInt64(replacements.count))]
        }
    }

    /// JSON text of a value, one member per line (so that lines mean something).
    static func serialize(_ json: OrderedJSON) -> String {
        switch json {
        case .object(let members): return "{\n" + members.map { "\(quote($0.key)): \(serialize($0.value))" }.joined(separator: ",\n") + "\n}"
        case .array(let items): return "[" + items.map(serialize).joined(separator: ", ") + "]"
        case .string(let text): return quote(text)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
