import Foundation

/// What a configuration implements, and the scenario parameters it fixes.
package struct Recognition: Sendable, Equatable {
    /// A fact read from the code: what, its value as written or evaluated, and where.
    package struct Fact: Sendable, Equatable {
        package var name: String
        package var value: String
        package var position: SourcePosition?
    }

    /// The recognised design, or nil when the code implements none.
    package var design: DesignID?
    /// Why it is that design, or what is missing for either.
    package var explanation: String
    package var facts: [Fact]
    /// Inputs the code leaves open: variables without values, expressions known only after apply.
    package var unknowns: [String]

    // Scenario parameters the code fixes; nil where it does not say.
    package var region: String?
    package var albScheme: ALBScheme?
    package var azs: Int?
    package var vpceSubnets: Int?
    package var registeredTargets: Int?
    package var targetIPs: TargetIPRegistration?
    package var privateDNS: Bool?
    package var accounts: AccountLayout?
    package var lambdaMemoryMB: Int?
    package var lambdaArchitecture: LambdaArchitecture?
    package var dnsRecord: DNSRecordType?
}

/// Recognises which design of the catalog a Terraform configuration implements, from the resources
/// that make up each kind of component and how they are wired.
package enum DesignRecognizer {
    package static func recognize(_ config: TerraformConfiguration) -> Recognition {
        var facts: [Recognition.Fact] = []
        var unknowns: [String] = []
        func fact(_ name: String, _ value: String, _ position: SourcePosition?) { facts.append(.init(name: name, value: value, position: position)) }

        let albs = (config.resources("aws_lb") + config.resources("aws_alb")).filter {
            ($0["load_balancer_type"]?.value?.string ?? "application") == "application"
        }
        let targetGroups = config.resources("aws_lb_target_group") + config.resources("aws_alb_target_group")
        let endpoints = config.resources("aws_vpc_endpoint").filter { endpoint in
            (endpoint["service_name"]?.text ?? "").contains("execute-api")
                && (endpoint["vpc_endpoint_type"]?.value?.string ?? "Gateway").lowercased() == "interface"
        }
        let privateAPIs = config.resources("aws_api_gateway_rest_api").filter { api in
            api.blocks("endpoint_configuration").contains { ($0["types"]?.text ?? "").contains("PRIVATE") }
        }
        let functions = config.resources("aws_lambda_function")

        var result = Recognition(design: nil, explanation: "", facts: [], unknowns: [])
        result.region = region(config, endpoints: endpoints, unknowns: &unknowns)
        if let region = result.region { fact("region", region, nil) }
        if let record = cnameToALB(config) {
            result.dnsRecord = .cname
            fact("DNS record", "\(record.address): CNAME to the ALB, TTL \(record["ttl"].map { $0.value?.string ?? $0.text } ?? "not set")", record.position)
        }

        let alb = albs.first
        if let alb {
            let isInternal = alb["internal"]?.value?.bool ?? false
            result.albScheme = isInternal ? .internal : .internetFacing
            fact("ALB", "\(alb.address), \(result.albScheme!.rawValue)", alb.position)
            if let subnets = alb["subnets"] {
                result.azs = distinctZones(subnets, config: config)
                fact("ALB subnets", "\(subnets.count.map(String.init) ?? "unknown") (\(subnets.text)) in \(result.azs.map(String.init) ?? "unknown") AZ(s)", subnets.position)
            } else if let mappings = Optional(alb.blocks("subnet_mapping")), !mappings.isEmpty {
                result.azs = mappings.count
                fact("ALB subnets", "\(mappings.count) subnet_mapping blocks", mappings[0].position)
            }
        }

        let lambdaGroups = targetGroups.filter { $0["target_type"]?.value?.string == "lambda" }
        let ipGroups = targetGroups.filter { $0["target_type"]?.value?.string == "ip" }
        if let function = functions.first {
            result.lambdaMemoryMB = function["memory_size"]?.value?.string.flatMap(Int.init) ?? 128
            result.lambdaArchitecture = function["architectures"]?.value?.list?.first?.string.flatMap(LambdaArchitecture.init) ?? .x86_64
            fact(
                "Lambda", "\(function.address), \(result.lambdaMemoryMB!) MB, \(result.lambdaArchitecture!.rawValue), runtime \(function["runtime"]?.value?.string ?? "not set")",
                function.position)
        }

        let domains = privateDomains(config)
        if let alb, let group = ipGroups.first, let endpoint = endpoints.first, let api = privateAPIs.first {
            result.design = DesignCatalog.design(withSignatures: ["alb", "vpce", "apigw", "lambda"])
            result.explanation =
                "\(alb.address) forwards to \(group.address) (target type ip), which holds the IPs of \(endpoint.address) (execute-api, Interface), the endpoint of the private REST API \(api.address)"
                + (functions.isEmpty ? "; no aws_lambda_function is declared, so the function's defaults (128 MB, x86_64) apply" : "")
            fact("target group", "\(group.address): ip, \(group["protocol"]?.value?.string ?? "protocol not set") \(group["port"]?.value?.string ?? "")", group.position)
            let subnetIDs = endpoint["subnet_ids"]
            result.vpceSubnets = subnetIDs?.count ?? 0
            fact("endpoint subnets", subnetIDs.map { "\($0.count.map(String.init) ?? "unknown") (\($0.text))" } ?? "none (no subnet_ids)", subnetIDs?.position ?? endpoint.position)
            let dns = endpoint["private_dns_enabled"]?.value?.bool ?? false
            result.privateDNS = dns
            fact("endpoint private DNS", dns ? "enabled" : "disabled", endpoint["private_dns_enabled"]?.position ?? endpoint.position)
            let registration = registeredTargets(config, group: group)
            result.registeredTargets = registration.count
            result.targetIPs = registration.manual ? .manual : .lookup
            fact("registered endpoint IPs", "\(registration.count) (\(registration.texts.joined(separator: "; ")))", registration.position)
            result.accounts = crossAccount(alb: alb, application: [api] + functions) ? .cross : .single
            fact(
                "accounts",
                result.accounts == .cross ? "cross: API and function use another provider (\(api["provider"]?.text ?? functions.first?["provider"]?.text ?? ""))" : "single",
                api["provider"]?.position ?? api.position)
        } else if let alb, let group = lambdaGroups.first {
            result.design = DesignCatalog.design(withSignatures: ["alb", "lambda"])
            result.explanation = "\(alb.address) forwards to \(group.address), a target group of type lambda"
            fact("target group", "\(group.address): lambda", group.position)
            result.accounts = crossAccount(alb: alb, application: functions) ? .cross : .single
        } else if let domain = domains.first, !endpoints.isEmpty, !privateAPIs.isEmpty {
            recognizePrivateDomain(config, domain: domain, endpoints: endpoints, apis: privateAPIs, functions: functions, alb: alb, into: &result, fact: fact)
        } else if let alb {
            var missing: [String] = []
            if ipGroups.isEmpty { missing.append("a target group of type ip (or lambda)") }
            if endpoints.isEmpty { missing.append("an Interface endpoint for execute-api") }
            if privateAPIs.isEmpty { missing.append("a REST API with endpoint type PRIVATE") }
            result.explanation = "\(alb.address) is declared, but not \(missing.joined(separator: ", ")), so the code implements none of the designs"
        } else {
            result.explanation =
                "no Application Load Balancer (aws_lb with load_balancer_type application) and no private custom domain name (aws_api_gateway_domain_name with endpoint type PRIVATE) in front of a private REST API and an execute-api endpoint are declared, so the code implements none of the designs"
        }
        for listener in config.resources("aws_lb_listener") + config.resources("aws_alb_listener") {
            let policy = listener["ssl_policy"]?.value?.string ?? (listener["ssl_policy"]?.text ?? "not set (ELBSecurityPolicy-2016-08)")
            fact(
                "listener", "\(listener.address): \(listener["protocol"]?.value?.string ?? "?") \(listener["port"]?.value?.string ?? "?"), TLS policy \(policy)", listener.position)
        }
        for group in targetGroups {
            if let check = group.blocks("health_check").first {
                let parts = ["protocol", "port", "path", "matcher"].compactMap { key in check[key].map { "\(key) \($0.value?.string ?? $0.text)" } }
                fact("health check", "\(group.address): \(parts.isEmpty ? "defaults" : parts.joined(separator: ", "))", check.position)
            }
        }
        for api in privateAPIs {
            let holders = [api] + config.resources("aws_api_gateway_rest_api_policy").filter { $0["rest_api_id"]?.references.contains { $0.hasPrefix(api.address + ".") } ?? false }
            let conditions = holders.compactMap { $0["policy"] }.flatMap { TerraformReview.sourceVpceValues($0.text) }
            fact(
                "private REST API", "\(api.address): endpoint type PRIVATE; aws:SourceVpce \(conditions.isEmpty ? "not conditioned" : conditions.joined(separator: ", "))",
                api.position)
        }
        for vpc in config.resources("aws_vpc") {
            fact("VPC", "\(vpc.address): \(vpc["cidr_block"].map { $0.value?.string ?? $0.text } ?? "no cidr_block")", vpc.position)
        }
        let groupsOf: (TerraformExpression?) -> String = { expression in
            expression.map { $0.references.map(TerraformReview.resourceAddress).joined(separator: ", ") } ?? "none"
        }
        fact(
            "security groups",
            (alb.map { "ALB: \(groupsOf($0["security_groups"]))" } ?? "ALB: none") + (endpoints.first.map { "; endpoint: \(groupsOf($0["security_group_ids"]))" } ?? ""),
            alb?["security_groups"]?.position ?? endpoints.first?["security_group_ids"]?.position)
        for variable in config.variables where variable["default"] == nil && !config.givenVariables.contains(variable.type) {
            unknowns.append("var.\(variable.type) has no default; pass --var \(variable.type)=VALUE")
        }
        result.facts = facts
        result.unknowns = unknowns
        return result
    }

    /// A Route 53 CNAME record whose target is an ALB's DNS name: every query to it is billed.
    static func cnameToALB(_ config: TerraformConfiguration) -> TerraformBlock? {
        config.resources("aws_route53_record").first { record in
            (record["type"]?.value?.string ?? "").uppercased() == "CNAME"
                && (record["records"]?.references.contains { $0.hasPrefix("aws_lb.") || $0.hasPrefix("aws_alb.") } ?? false)
        }
    }

    /// Custom domain names of API Gateway with endpoint type PRIVATE.
    static func privateDomains(_ config: TerraformConfiguration) -> [TerraformBlock] {
        config.resources("aws_api_gateway_domain_name").filter { domain in
            domain.blocks("endpoint_configuration").contains { ($0["types"]?.text ?? "").contains("PRIVATE") }
        }
    }

    /// The access associations that name `domain` (by its ARN).
    static func accessAssociations(_ config: TerraformConfiguration, domain: TerraformBlock) -> [TerraformBlock] {
        config.resources("aws_api_gateway_domain_name_access_association").filter { association in
            association["domain_name_arn"]?.references.contains { $0.hasPrefix(domain.address + ".") || $0 == domain.address } ?? false
        }
    }

    /// The resource of `candidates` that `expression` refers to, if any.
    static func referenced(_ expression: TerraformExpression?, in candidates: [TerraformBlock]) -> TerraformBlock? {
        guard let expression else { return nil }
        return candidates.first { candidate in expression.references.contains { $0 == candidate.address || $0.hasPrefix(candidate.address + ".") } }
    }

    /// The execute-api endpoint a private custom domain name is reached through: the one its access
    /// association names, else the only or first one declared.
    static func associatedEndpoint(_ config: TerraformConfiguration, domain: TerraformBlock, endpoints: [TerraformBlock]) -> TerraformBlock? {
        for association in accessAssociations(config, domain: domain) {
            if let endpoint = referenced(association["access_association_source"], in: endpoints) { return endpoint }
        }
        return nil
    }

    /// A private custom domain name with no ALB in front of the endpoint: clients reach the API through it.
    static func recognizePrivateDomain(
        _ config: TerraformConfiguration, domain: TerraformBlock, endpoints: [TerraformBlock], apis: [TerraformBlock], functions: [TerraformBlock],
        alb: TerraformBlock?, into result: inout Recognition, fact: (String, String, SourcePosition?) -> Void
    ) {
        result.design = DesignCatalog.design(withSignatures: ["vpce", "apigw+domain", "lambda"])
        // A private API serves only clients in the VPC or on the corporate network.
        result.albScheme = .internal
        let associations = accessAssociations(config, domain: domain)
        let endpoint = associatedEndpoint(config, domain: domain, endpoints: endpoints) ?? endpoints[0]
        let mappings = config.resources("aws_api_gateway_base_path_mapping").filter {
            referenced($0["domain_name"], in: [domain]) != nil || referenced($0["domain_name_id"], in: [domain]) != nil
        }
        let api = mappings.lazy.compactMap { referenced($0["api_id"], in: apis) }.first ?? apis[0]
        result.explanation =
            "\(domain.address) is a private custom domain name (endpoint type PRIVATE) of the private REST API \(api.address), reached through \(endpoint.address) (execute-api, Interface)"
            + (associations.isEmpty ? " but no domain name access association" : " by \(associations[0].address)")
            + (alb.map { "; \($0.address) does not forward to the endpoint" } ?? "; no ALB is declared")
            + (functions.isEmpty ? "; no aws_lambda_function is declared, so the function's defaults (128 MB, x86_64) apply" : "")
        fact("private custom domain", "\(domain.address): \(domain["domain_name"].map { $0.value?.string ?? $0.text } ?? "no domain_name")", domain.position)
        fact(
            "access association",
            associations.isEmpty ? "none" : associations.map { "\($0.address): \($0["access_association_source"]?.text ?? "no source")" }.joined(separator: "; "),
            associations.first?.position ?? domain.position)
        let subnetIDs = endpoint["subnet_ids"]
        result.vpceSubnets = subnetIDs?.count ?? 0
        fact(
            "endpoint subnets", "\(endpoint.address): " + (subnetIDs.map { "\($0.count.map(String.init) ?? "unknown") (\($0.text))" } ?? "none (no subnet_ids)"),
            subnetIDs?.position ?? endpoint.position)
        let dns = endpoint["private_dns_enabled"]?.value?.bool ?? false
        result.privateDNS = dns
        fact("endpoint private DNS", dns ? "enabled" : "disabled", endpoint["private_dns_enabled"]?.position ?? endpoint.position)
        result.accounts = crossAccount(alb: endpoint, application: [api] + functions) ? .cross : .single
        fact(
            "accounts", result.accounts == .cross ? "cross: the API uses another provider (\(api["provider"]?.text ?? ""))" : "single",
            api["provider"]?.position ?? api.position)
    }

    /// The provider's region, else the region in the endpoint's service name.
    static func region(_ config: TerraformConfiguration, endpoints: [TerraformBlock], unknowns: inout [String]) -> String? {
        if let provider = config.providers.first(where: { $0.type == "aws" && $0["alias"] == nil }), let region = provider["region"] {
            if let value = region.value?.string { return value }
            unknowns.append("the provider's region is \(region.text), unknown until you pass it with --var")
        }
        for endpoint in endpoints {
            if let name = endpoint["service_name"]?.value?.string {
                let parts = name.split(separator: ".")
                if parts.count == 4 { return String(parts[2]) }
            }
        }
        return nil
    }

    /// Distinct AZs behind a list of subnet references: by evaluated AZ, else by how the AZ is written.
    static func distinctZones(_ subnets: TerraformExpression, config: TerraformConfiguration) -> Int? {
        guard let elements = subnets.elements else { return subnets.count }
        var zones: [String] = []
        for element in elements {
            guard let reference = element.references.first, let subnet = config.block(for: reference), subnet.type == "aws_subnet" else {
                zones.append("literal:\(element.text)")  // a hard-coded subnet id: one AZ each, as far as the code says
                continue
            }
            let zone = subnet["availability_zone"].map { $0.value?.string ?? $0.text } ?? "subnet:\(subnet.name)"
            if !zones.contains(zone) { zones.append(zone) }
        }
        return zones.count
    }

    /// How many endpoint IPs the attachments to `group` register, and whether they were typed in.
    static func registeredTargets(_ config: TerraformConfiguration, group: TerraformBlock) -> (count: Int, manual: Bool, texts: [String], position: SourcePosition?) {
        let attachments = (config.resources("aws_lb_target_group_attachment") + config.resources("aws_alb_target_group_attachment")).filter { attachment in
            attachment["target_group_arn"]?.references.contains { $0.hasPrefix(group.address + ".") || $0 == group.address } ?? false
        }
        var count = 0
        var manual = false
        var texts: [String] = []
        for attachment in attachments {
            let copies = attachment["count"]?.value?.string.flatMap(Int.init) ?? (attachment["for_each"] == nil ? 1 : (attachment["for_each"]?.count ?? 1))
            count += copies
            let target = attachment["target_id"]
            texts.append("\(attachment.address): \(target?.text ?? "no target_id")")
            let refs = target?.references ?? []
            if refs.contains(where: { $0.hasPrefix("var.") }) || target?.value != nil { manual = true }
        }
        return (count, manual, texts, attachments.first?.position)
    }

    /// True when the application resources use a provider alias the ALB does not.
    static func crossAccount(alb: TerraformBlock, application: [TerraformBlock]) -> Bool {
        let albProvider = alb["provider"]?.text ?? "aws"
        return application.contains { ($0["provider"]?.text ?? "aws") != albProvider }
    }
}
