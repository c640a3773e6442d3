/// The rules `albgw-cost review` checks Terraform against: one case per finding id. The ids are
/// part of the interface (SARIF `ruleId`, JSON `id`): code scanning matches alerts across runs by
/// them, so a rule is never renamed, only added.
package enum ReviewRuleID: String, Sendable, CaseIterable {
    case endpointFewerSubnets = "endpoint-fewer-subnets"
    case endpointOneAZ = "endpoint-one-az"
    case missingAccessAssociation = "missing-access-association"
    case accessAssociationEndpoint = "access-association-endpoint"
    case domainPolicy = "domain-policy"
    case cnameToALB = "cname-to-alb"
    case partialRegistration = "partial-registration"
    case weakTLSPolicy = "weak-tls-policy"
    case privateDNS = "private-dns"
    case publicCIDR = "public-cidr"
    case deprecatedRuntime = "deprecated-runtime"
    case sharedOpenSecurityGroup = "shared-open-security-group"
    case hostHeader = "host-header"
    case healthCheckProtocol = "health-check-protocol"
    case healthCheck403 = "health-check-403"
    case sourceVpce = "source-vpce"
    case undeclaredReference = "undeclared-reference"
    // Added later: new rules go last, so that the SARIF ruleIndex of the others stays.
    case lambdaMemoryRange = "lambda-memory-range"
    case invalidIndex = "invalid-index"
    case variableValidation = "variable-validation"
    case healthCheckMatcher = "health-check-matcher"
    case targetGroupProtocol = "target-group-protocol"
    case missingBasePathMapping = "missing-base-path-mapping"
    case endpointOutsideALBAZs = "endpoint-outside-alb-azs"

    /// Position in the catalogue, which is also SARIF's `ruleIndex`.
    package var index: Int { Self.indexes[self]! }

    /// Worked out once, not searched for: SARIF asks it of every finding.
    private static let indexes = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// Position in the order of the ids as strings (`rawValue`), by which findings alike in
    /// severity and place are ordered.
    var idRank: Int { Self.idRanks[self]! }

    private static let idRanks = Dictionary(uniqueKeysWithValues: allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map { ($1, $0) })
}

/// One review rule: what it checks, how bad its findings are, and the fix in general terms (each
/// finding carries its own, with the names from the code).
package struct ReviewRule: Sendable, Equatable {
    /// What kind of problem a rule finds: `security` rules carry a security severity in SARIF.
    package enum Category: String, Sendable, CaseIterable {
        case security, reliability, correctness, cost, observability
    }

    package var id: ReviewRuleID
    /// Every severity its findings can have, the default first.
    package var severities: [Finding.Severity]
    package var category: Category
    /// One line: what is wrong.
    package var summary: String
    /// What the rule checks and why it matters.
    package var description: String
    /// The fix, in general terms.
    package var fix: String

    package var defaultSeverity: Finding.Severity { severities[0] }

    /// UpperCamelCase of the id (`health-check-403` is `HealthCheck403`), SARIF's rule `name`.
    package var name: String {
        id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Every rule, in catalogue order.
    package static let all: [ReviewRule] = ReviewRuleID.allCases.map(\.rule)
}

extension ReviewRuleID {
    /// The catalogue: a switch, so that an id without a rule does not compile.
    package var rule: ReviewRule {
        switch self {
        case .endpointFewerSubnets:
            ReviewRule(
                id: self, severities: [.high, .medium], category: .reliability,
                summary: "The execute-api endpoint behind the ALB is in fewer subnets than the ALB has AZs",
                description:
                    "An ALB that forwards to the interface endpoint's ENI IPs needs an endpoint subnet in each of its AZs: with fewer, losing the endpoint's AZ takes the design down. High when the endpoint has one subnet or none, medium otherwise.",
                fix: "List a subnet in each of the ALB's AZs in the endpoint's subnet_ids.")
        case .endpointOneAZ:
            ReviewRule(
                id: self, severities: [.high], category: .reliability,
                summary: "The only way to a private custom domain name is an endpoint in one AZ",
                description:
                    "Clients reach a private custom domain name only through the execute-api interface endpoint; with the endpoint in fewer than two subnets, losing that AZ takes the design down.",
                fix: "List subnets in at least two AZs in the endpoint's subnet_ids, as AWS recommends for private custom domain names.")
        case .missingAccessAssociation:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A private custom domain name has no access association",
                description:
                    "A private custom domain name (aws_api_gateway_domain_name with endpoint type PRIVATE) needs an aws_api_gateway_domain_name_access_association with an execute-api VPC endpoint: without one no endpoint can invoke it, and every call by that name fails.",
                fix:
                    "Add an aws_api_gateway_domain_name_access_association with access_association_source = <endpoint>.id, access_association_source_type = \"VPCE\" and domain_name_arn = <domain>.arn."
            )
        case .accessAssociationEndpoint:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "An access association names no execute-api endpoint declared here",
                description:
                    "A domain name access association whose access_association_source is not an execute-api interface endpoint of this configuration: requests through the endpoint the clients use are not let in.",
                fix: "Set access_association_source = aws_vpc_endpoint.<execute-api endpoint>.id.")
        case .domainPolicy:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A private custom domain name's policy does not let the endpoint in",
                description:
                    "API Gateway gives a private custom domain name a deny-all resource policy: a domain name without a policy, or whose policy does not allow execute-api:Invoke through the associated endpoint (aws:SourceVpce), answers 403 to every call by that name. A policy the code does not state (a variable, a file) is not judged.",
                fix:
                    "Allow execute-api:Invoke on execute-api:/* with \"aws:SourceVpce\" = aws_vpc_endpoint.<name>.id in the domain name's policy, and deny nothing that matches it."
            )
        case .cnameToALB:
            ReviewRule(
                id: self, severities: [.low], category: .cost,
                summary: "A Route 53 CNAME to the ALB instead of an alias",
                description:
                    "A CNAME record to the ALB's DNS name: Route 53 bills every query that reaches it, and a CNAME cannot sit at the zone apex. An alias A record answers the same, and alias queries to an ALB are free.",
                fix: "Use type = \"A\" with alias { name = <alb>.dns_name, zone_id = <alb>.zone_id, evaluate_target_health = true } instead of records and ttl.")
        case .partialRegistration:
            ReviewRule(
                id: self, severities: [.high], category: .reliability,
                summary: "The target group registers fewer endpoint IPs than the endpoint has ENIs",
                description:
                    "The ALB's IP target group holds fewer of the endpoint's ENI IPs than the endpoint has subnets (tolist(...network_interface_ids)[0], say): losing the registered ENI's AZ takes the design down.",
                fix:
                    "Register every ENI: a data \"aws_network_interface\" and an attachment with count = the number of the endpoint's subnets, known at plan (length(var.<subnets>) or a number), id = sort(tolist(<endpoint>.network_interface_ids))[count.index]."
            )
        case .weakTLSPolicy:
            ReviewRule(
                id: self, severities: [.medium], category: .security,
                summary: "An HTTPS listener accepts TLS 1.0 or 1.1",
                description:
                    "An HTTPS listener whose ssl_policy still accepts TLS 1.0 or 1.1, or that sets none: AWS then applies ELBSecurityPolicy-2016-08, which accepts both.",
                fix: "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (or the current ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09).")
        case .privateDNS:
            ReviewRule(
                id: self, severities: [.medium], category: .correctness,
                summary: "Private DNS is on for the execute-api endpoint",
                description:
                    "private_dns_enabled = true on the execute-api interface endpoint makes every *.execute-api name in the VPC resolve to it, so calls from the VPC to public API Gateway APIs get 403. Neither an ALB that targets the endpoint's IPs nor a private custom domain name needs it.",
                fix: "Set private_dns_enabled = false.")
        case .publicCIDR:
            ReviewRule(
                id: self, severities: [.medium], category: .correctness,
                summary: "A VPC CIDR outside RFC 1918",
                description:
                    "A VPC cidr_block outside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16: traffic to the real owners of that range stays inside the VPC, and the range may overlap networks reached over VPN or Direct Connect.",
                fix: "Use a private range such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16.")
        case .deprecatedRuntime:
            ReviewRule(
                id: self, severities: [.medium], category: .security,
                summary: "A Lambda function on a deprecated runtime",
                description:
                    "A Lambda runtime past its deprecation date gets no more security patches, and AWS then blocks creating and updating functions with it (dates from the Lambda runtimes table as copied into AWS's cfn-lint, 2026-06-02).",
                fix: "Move to the newest runtime of the same language in the Lambda runtimes table.")
        case .sharedOpenSecurityGroup:
            ReviewRule(
                id: self, severities: [.medium], category: .security,
                summary: "One security group, open to 0.0.0.0/0 on 443, on both the ALB and the endpoint",
                description:
                    "A security group attached to both the ALB and the execute-api endpoint that allows 443 from 0.0.0.0/0: the endpoint accepts connections from anywhere the VPC is reachable, not only from the ALB.",
                fix: "Give the endpoint its own security group that allows 443 only from the ALB's security group.")
        case .hostHeader:
            ReviewRule(
                id: self, severities: [.high, .low], category: .correctness,
                summary: "The private API behind the ALB will not recognise the client's Host header",
                description:
                    "An ALB that forwards to the execute-api endpoint passes on the client's Host header, and the private API answers 403 unless it sees its own execute-api host, an x-apigw-api-id header or an associated private custom domain name. High when nothing provides one; low when a custom domain name exists that is not a private one with an access association.",
                fix:
                    "Create a private custom domain name (endpoint type PRIVATE) and an access association with the endpoint, or rewrite the Host header to {api-id}.execute-api.{region}.amazonaws.com with an ALB host-header-rewrite transform."
            )
        case .healthCheckProtocol:
            ReviewRule(
                id: self, severities: [.medium], category: .reliability,
                summary: "A health check speaks HTTP to port 443",
                description:
                    "A health check of an IP target group that reaches port 443 (named, or the traffic port of a target group on 443, which is the default) without a protocol (which defaults to HTTP, as with no health_check block at all), or with HTTP as a plan or a state says, speaks HTTP to a TLS port, so every target looks unhealthy.",
                fix: "Set protocol = \"HTTPS\" in the health_check block (add one when there is none).")
        case .healthCheck403:
            ReviewRule(
                id: self, severities: [.medium], category: .observability,
                summary: "A health check matcher accepts 403, and no alarm watches the API's errors",
                description:
                    "API Gateway answers 403 to every health check, so the matcher of an IP target group in front of the endpoint has to accept it; a healthy target then proves nothing about the API or the function. Said unless an aws_cloudwatch_metric_alarm watches API Gateway's 5XXError or Lambda's Errors.",
                fix: "Keep the matcher, but alarm on API Gateway 5XXError and Lambda Errors (aws_cloudwatch_metric_alarm), and run a synthetic request through the ALB.")
        case .sourceVpce:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A resource policy's aws:SourceVpce does not reference the endpoint",
                description:
                    "A REST API resource policy whose aws:SourceVpce condition names a VPC id (no request matches, so every call gets 403) or an endpoint id hard-coded from elsewhere (it breaks when the endpoint is recreated) instead of referencing the aws_vpc_endpoint.",
                fix: "Reference the endpoint: \"aws:SourceVpce\": \"${aws_vpc_endpoint.<name>.id}\".")
        case .undeclaredReference:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A reference to a resource, data source, variable or local value that no file declares",
                description:
                    "An expression refers to a resource, data source, variable or local value that none of the files read declares: terraform plan fails. A name written alone where a value goes (internal = tru, [s1, \"s2\"]) is a reference to nothing, Terraform's invalid reference, and is reported too.",
                fix: "Declare it, or fix the reference (a bare name: the value meant, true say, or a quoted string).")
        case .lambdaMemoryRange:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A Lambda function's memory_size outside 128 to 10,240 MB",
                description:
                    "Lambda gives a function 128 MB to 10,240 MB of memory: AWS refuses a memory_size outside that range when the function is created or updated, so the apply fails. The analysis prices Lambda's default, 128 MB, and says so.",
                fix: "Set memory_size from 128 to 10240 (MB).")
        case .invalidIndex:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A reference to an instance that count or for_each does not make",
                description:
                    "An expression refers to an instance key (aws_security_group.sg[2], aws_lb.x[\"b\"]) that the resource's count or for_each, as the code gives them, does not make: terraform plan fails with \"Invalid index\". Inside try(), can() or a conditional it is left alone, since it may never be evaluated.",
                fix: "Refer to an instance that exists, or change the count or for_each.")
        case .variableValidation:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A variable's value fails its validation",
                description:
                    "A variable's value (from a variable file, a module call's argument or its default) makes a condition of its validation blocks false: terraform plan fails with \"Invalid value for variable\". A condition the review cannot work out (can(regex(...)), say) is left to Terraform.",
                fix: "Give a value the condition accepts.")
        case .healthCheckMatcher:
            ReviewRule(
                id: self, severities: [.medium], category: .reliability,
                summary: "The health check of the endpoint's target group does not accept 403",
                description:
                    "API Gateway answers 403 to every health check that reaches it through the execute-api endpoint (the probe names no API), so a matcher without 403 (AWS's default is 200) marks every ENI unhealthy. With every target unhealthy the ALB fails open and sends requests to all of them, so an ENI that has failed is never taken out of service.",
                fix: "Set matcher = \"200,403\" in the health_check block, and alarm on API Gateway 5XXError and Lambda Errors: the check only proves the endpoint answers.")
        case .targetGroupProtocol:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "The ALB sends something other than HTTPS on 443 to the execute-api endpoint",
                description:
                    "The interface endpoint of a private REST API serves HTTPS on port 443 only: a target group in front of its ENIs with protocol HTTP, or a port other than 443 (the target group's, or an attachment's), makes every request fail at the ALB.",
                fix: "Set protocol = \"HTTPS\" and port = 443 on the target group (and on its attachments, when they name a port).")
        case .missingBasePathMapping:
            ReviewRule(
                id: self, severities: [.high], category: .correctness,
                summary: "A private custom domain name is mapped to no API",
                description:
                    "A private custom domain name with no aws_api_gateway_base_path_mapping in the code read, or whose mapping lacks the domain_name_id that a private domain requires: API Gateway has no API to send a call by that name to, so every call fails. A mapping that names its domain through a variable, a local value or a module output may be the one, so none is then reported.",
                fix: "Add an aws_api_gateway_base_path_mapping with api_id, stage_name and domain_name_id = <domain>.domain_name_id.")
        case .endpointOutsideALBAZs:
            ReviewRule(
                id: self, severities: [.high, .medium], category: .reliability,
                summary: "The execute-api endpoint has ENIs in AZs the ALB does not enable",
                description:
                    "An ALB sends only to targets in the Availability Zones it enables (Elastic Load Balancing user guide): an endpoint ENI in a subnet of another AZ gets no traffic, registered or not. High when no ENI, or only one, is in one of the ALB's AZs (no request reaches the endpoint, or losing one AZ takes the design down), medium otherwise (the ENIs outside are billed and no spare). Judged when the code names the AZ of every subnet of both.",
                fix: "List subnets in the ALB's AZs in the endpoint's subnet_ids, or give the ALB a subnet in each AZ of the endpoint.")
        }
    }
}
