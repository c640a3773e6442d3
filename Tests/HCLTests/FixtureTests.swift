import Foundation
import Testing
@testable import HCL

/// Real-world files: the "Public ALB to Private API Gateway" tutorial's main.tf and the
/// cloudonaut blog post's snippets, copied verbatim from the source documents.
@Suite("Fixtures")
struct FixtureTests {
    let tutorial: HCLFile
    let blog: HCLFile

    init() throws {
        tutorial = try HCLParser.parseFile(atPath: fixturePath("tutorial/main.tf"))
        blog = try HCLParser.parse(try fixture("blog/main.tf"), path: "blog/main.tf")
    }

    private func resource(_ file: HCLFile, _ type: String, _ name: String) throws -> Block {
        try #require(file.body.block(type: "resource", labels: [type, name]))
    }

    @Test func tutorialBlockCounts() {
        let body = tutorial.body
        #expect(body.blocks(type: "resource").count == 29)
        #expect(body.blocks(type: "data").count == 3)
        #expect(body.blocks(type: "variable").map { $0.labels[0] } == ["region", "custom_domain_name_prefix", "domain_name"])
        #expect(body.blocks(type: "provider").count == 2)
        #expect(body.blocks(type: "output").count == 1)
        #expect(body.blocks(type: "terraform").count == 1)
        #expect(body.blocks(type: "resource", labels: ["aws_route53_record"]).map { $0.labels[1] } == ["cert_record", "record"])
        #expect(tutorial.path.hasSuffix("tutorial/main.tf"))
    }

    @Test func tutorialTerraformAndProviders() throws {
        let terraform = try #require(tutorial.body.blocks(type: "terraform").first)
        let required = try #require(terraform.blocks(type: "required_providers").first)
        #expect(required.attribute(named: "aws")?.expression.evaluate() == .known(["source": "hashicorp/aws", "version": "~> 4.11.0"]))
        let providers = tutorial.body.blocks(type: "provider", labels: ["aws"])
        #expect(providers[0].attribute(named: "profile")?.expression.literalString == "smx-temp")
        #expect(providers[1].attribute(named: "alias")?.expression.literalString == "crossaccount")
        #expect(providers[1].attribute(named: "profile")?.position.column == 2)
        let caller = try #require(tutorial.body.block(type: "data", labels: ["aws_caller_identity", "current"]))
        #expect(caller.attribute(named: "provider")?.expression.sourceText == "aws.crossaccount")
    }

    @Test func tutorialVpcEndpoint() throws {
        let endpoint = try resource(tutorial, "aws_vpc_endpoint", "execute_api")
        #expect(endpoint.attribute(named: "private_dns_enabled")?.expression.kind == .bool(true))
        let subnets = try #require(endpoint.attribute(named: "subnet_ids")).expression
        #expect(refs(subnets) == ["aws_subnet.private_subnet.id"])
        guard case .tuple(let groups) = try #require(endpoint.attribute(named: "security_group_ids")).expression.kind else {
            Issue.record("security_group_ids should be a tuple")
            return
        }
        #expect(groups.map(\.sourceText) == ["aws_security_group.allow_https.id"])
        let service = try #require(endpoint.attribute(named: "service_name")).expression
        #expect(service.evaluate(variables: ["region": "us-west-2"]) == .known("com.amazonaws.us-west-2.execute-api"))
    }

    @Test func tutorialTargetGroupAttachmentAndNetworkInterface() throws {
        let attachment = try resource(tutorial, "aws_lb_target_group_attachment", "nic01")
        let targetID = try #require(attachment.attribute(named: "target_id")).expression
        #expect(refs(targetID) == ["data.aws_network_interface.nic1.private_ip"])
        #expect(targetID.references[0].attributePath == ["data", "aws_network_interface", "nic1", "private_ip"])
        #expect(attachment.attribute(named: "port")?.expression.evaluate() == .known(443))

        let nic = try #require(tutorial.body.block(type: "data", labels: ["aws_network_interface", "nic1"]))
        let id = try #require(nic.attribute(named: "id")).expression
        #expect(id.sourceText == "tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")
        #expect(tutorial.sourceText(of: id) == "tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")
        #expect(id.evaluate().value == nil)
    }

    @Test func tutorialCertRecordForEach() throws {
        let record = try resource(tutorial, "aws_route53_record", "cert_record")
        let forEach = try #require(record.attribute(named: "for_each")).expression
        guard case .forExpression(let f) = forEach.kind else {
            Issue.record("for_each should be a for expression")
            return
        }
        #expect(f.producesObject && f.valueVariable == "dvo" && f.keyVariable == nil)
        #expect(f.collection.sourceText == "aws_acm_certificate.cert.domain_validation_options")
        #expect(f.keyExpression?.sourceText == "dvo.domain_name")
        #expect(f.valueExpression.sourceText == "{ name = dvo.resource_record_name, record = dvo.resource_record_value, type = dvo.resource_record_type }")
        #expect(refs(forEach) == ["aws_acm_certificate.cert.domain_validation_options"])
        #expect(refs(try #require(record.attribute(named: "records")).expression) == ["each.value.record"])
        #expect(record.attribute(named: "ttl")?.expression.evaluate() == .known(60))

        let validation = try resource(tutorial, "aws_acm_certificate_validation", "validation")
        guard case .forExpression(let fqdns)? = validation.attribute(named: "validation_record_fqdns")?.expression.kind else {
            Issue.record("expected a tuple for expression")
            return
        }
        #expect(!fqdns.producesObject && fqdns.valueExpression.sourceText == "record.fqdn")
    }

    @Test func tutorialPolicyHeredocs() throws {
        let policy = try resource(tutorial, "aws_api_gateway_rest_api_policy", "policy")
        let heredoc = try #require(policy.attribute(named: "policy")).expression
        let template = try #require(heredoc.template)
        #expect(template.style == .heredoc(marker: "EOF", indented: false))
        #expect(
            refs(heredoc) == [
                "aws_api_gateway_rest_api.private_api.execution_arn",
                "aws_vpc_endpoint.execute_api.id",
                "aws_api_gateway_rest_api.private_api.execution_arn",
            ])
        let interpolated = template.parts.compactMap { part -> String? in
            if case .interpolation(let i) = part { i.expression.sourceText } else { nil }
        }
        #expect(interpolated.contains("aws_vpc_endpoint.execute_api.id"))
        #expect(policy.attribute(named: "provider")?.expression.sourceText == "aws.crossaccount")

        // With the references bound, the heredoc becomes valid JSON.
        let evaluator = Evaluator(scope: [
            "aws_api_gateway_rest_api": ["private_api": ["execution_arn": "arn:aws:execute-api:us-west-2:1:abc/"]],
            "aws_vpc_endpoint": ["execute_api": ["id": "vpce-0123"]],
        ])
        let json = try #require(evaluator.evaluate(heredoc).value?.stringValue)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let statements = try #require(object["Statement"] as? [[String: Any]])
        let condition = try #require(statements[0]["Condition"] as? [String: [String: String]])
        #expect(condition["StringNotEquals"]?["aws:sourceVpce"] == "vpce-0123")

        let role = try resource(tutorial, "aws_iam_role", "role")
        let assume = try #require(role.attribute(named: "assume_role_policy")).expression
        let assumeJSON = try #require(assume.literalString)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(assumeJSON.utf8)) as? [String: Any])
        #expect(document["Version"] as? String == "2012-10-17")
        #expect(role.attribute(named: "provider")?.expression.sourceText == "aws.crossaccount")
    }

    @Test func tutorialDeploymentTriggersAndOutput() throws {
        let deploy = try resource(tutorial, "aws_api_gateway_deployment", "deploy")
        let triggers = try #require(deploy.attribute(named: "triggers")).expression
        guard case .object(let items) = triggers.kind, case .functionCall(let sha1) = items[0].value.kind,
            case .functionCall(let jsonencode) = sha1.arguments[0].kind
        else {
            Issue.record("expected sha1(jsonencode(...))")
            return
        }
        #expect(items[0].key == .name("redeployment"))
        #expect(sha1.name == "sha1" && jsonencode.name == "jsonencode")
        #expect(refs(triggers).count == 3)
        let lifecycle = try #require(deploy.blocks(type: "lifecycle").first)
        #expect(lifecycle.attribute(named: "create_before_destroy")?.expression.kind == .bool(true))

        let output = try #require(tutorial.body.block(type: "output", labels: ["final_url"]))
        let value = try #require(output.attribute(named: "value")).expression
        #expect(
            refs(value) == [
                "var.custom_domain_name_prefix", "var.domain_name", "aws_api_gateway_stage.dev.stage_name",
                "aws_api_gateway_rest_api.private_api.id", "var.region",
            ])

        let cert = try resource(tutorial, "aws_acm_certificate", "cert")
        #expect(
            cert.attribute(named: "domain_name")?.expression
                .evaluate(variables: ["custom_domain_name_prefix": "api", "domain_name": "example.com"]) == .known("api.example.com"))
        let lb = try resource(tutorial, "aws_lb", "public_alb")
        #expect(refs(try #require(lb.attribute(named: "subnets")).expression) == ["aws_subnet.public_subnet.id", "aws_subnet.public_subnet2.id"])
        #expect(lb.attribute(named: "load_balancer_type")?.expression.literalString == "application")
    }

    @Test func blogFixture() throws {
        #expect(blog.body.blocks(type: "resource").count == 12)
        #expect(blog.body.blocks.count == 12)

        let api = try resource(blog, "aws_api_gateway_rest_api", "myapp")
        let configuration = try #require(api.blocks(type: "endpoint_configuration").first)
        // HCL identifiers may contain '-', so `vpce-11111111111111111` is ONE variable reference
        // (not `vpce - 11111111111111111`); it is kept as written and evaluates to unknown.
        let ids = try #require(configuration.attribute(named: "vpc_endpoint_ids")).expression
        guard case .tuple(let elements) = ids.kind else {
            Issue.record("expected a tuple")
            return
        }
        #expect(elements.map(\.kind) == [.variable("vpce-11111111111111111")])
        #expect(ids.sourceText == "[vpce-11111111111111111]")
        #expect(refs(ids) == ["vpce-11111111111111111"])
        #expect(ids.evaluate().value == nil)
        let policy = try #require(api.attribute(named: "policy")?.expression.literalString)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any])
        #expect(document["Version"] as? String == "2012-10-17")

        let endpoint = try resource(blog, "aws_vpc_endpoint", "apigw")
        #expect(endpoint.attribute(named: "private_dns_enabled")?.expression.kind == .bool(false))
        #expect(refs(try #require(endpoint.attribute(named: "security_group_ids")).expression) == ["aws_security_group.apigw.id"])

        let group = try resource(blog, "aws_lb_target_group", "myapp")
        #expect(group.attribute(named: "deregistration_delay")?.expression.evaluate() == .known(60))
        #expect(group.blocks(type: "health_check").first?.attribute(named: "matcher")?.expression.literalString == "200-499")

        let attachment = try resource(blog, "aws_lb_target_group_attachment", "myapp_2")
        #expect(refs(try #require(attachment.attribute(named: "target_id")).expression) == ["var.vpce_ip_2"])
        #expect(attachment.attribute(named: "target_id")?.expression.evaluate(variables: ["vpce_ip_2": "10.0.0.7"]) == .known("10.0.0.7"))

        let record = try resource(blog, "aws_route53_record", "myapp")
        let alias = try #require(record.blocks(type: "alias").first)
        #expect(alias.attribute(named: "evaluate_target_health")?.expression.kind == .bool(false))
        #expect(alias.attribute(named: "zone_id")?.position.line == alias.position.line + 2)
        let lb = try resource(blog, "aws_lb", "myapp")
        #expect(lb.attribute(named: "subnets")?.expression.evaluate() == .known(["subnet-aaaaaaaaaaaaaaaaa", "subnet-bbbbbbbbbbbbbbbbb"]))
    }

    /// Every attribute value rendered with `sourceText` parses back to an expression that renders identically.
    @Test(arguments: ["tutorial/main.tf", "blog/main.tf"])
    func renderedExpressionsRoundTrip(name: String) throws {
        var checked = 0
        func visit(_ body: Body) throws {
            for attribute in body.attributes {
                let rendered = attribute.expression.sourceText
                #expect(try expr(rendered).sourceText == rendered, "\(attribute.name) at \(attribute.position)")
                #expect(try expr(rendered).references.map(\.description) == attribute.expression.references.map(\.description))
                checked += 1
            }
            for block in body.blocks { try visit(block.body) }
        }
        try visit(try parse(try fixture(name)).body)
        #expect(checked > 30)
    }
}
