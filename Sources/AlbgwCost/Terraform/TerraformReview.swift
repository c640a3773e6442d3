import Foundation

/// A problem in the code itself, with where it is and how to fix it.
package struct ReviewFinding: Sendable, Equatable {
    package var rule: ReviewRuleID
    package var severity: Finding.Severity
    package var position: SourcePosition
    package var message: String
    package var fix: String

    /// The rule's id, as JSON and SARIF print it.
    package var id: String { rule.rawValue }
}

/// Reviews a configuration of any design. Each check is silent when the code is right.
/// Facts: ../shared/reference/topology.md §2.2 and §3.
package enum TerraformReview {
    /// Listener policies that still accept TLS 1.0 or 1.1, with the oldest version each accepts (ELB's
    /// "Security policies for your Application Load Balancer"). The TLS 1.3 policies name it:
    /// `ELBSecurityPolicy-TLS13-1-0-...` accepts TLS 1.0 (the FIPS one of 2023-04 too), `-1-1-` TLS 1.1.
    static let weakPolicies: [String: String] = [
        "ELBSecurityPolicy-2016-08": "1.0", "ELBSecurityPolicy-2015-05": "1.0", "ELBSecurityPolicy-TLS-1-0-2015-04": "1.0",
        "ELBSecurityPolicy-TLS-1-1-2017-01": "1.1", "ELBSecurityPolicy-FS-2018-06": "1.0", "ELBSecurityPolicy-FS-1-1-2019-08": "1.1",
    ]

    /// The oldest TLS version `policy` accepts when it is 1.0 or 1.1; nil for a policy of TLS 1.2 or later.
    static func oldestTLS(_ policy: String) -> String? {
        if let version = weakPolicies[policy] { return version }
        if policy.hasPrefix("ELBSecurityPolicy-TLS13-1-0-") { return "1.0" }
        if policy.hasPrefix("ELBSecurityPolicy-TLS13-1-1-") { return "1.1" }
        return nil
    }

    /// Lambda runtimes past their deprecation date: deprecated, then blocked for new functions, then
    /// for updates (AWS Lambda runtimes table, as copied into AWS's cfn-lint on 2026-06-02, file
    /// src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json at afd7953; the dates have moved
    /// before, so they are data with their source, not a rule). Every runtime the file gives as
    /// deprecated by 2026-12-01, when this list was last taken from it; a later date (nodejs22.x,
    /// 2027-04-30) waits for the next update, so that the same code always gets the same review.
    static let deprecatedRuntimes: [String: (deprecated: String, blockCreate: String?, blockUpdate: String?)] = [
        "dotnet6": ("2024-12-20", "2027-02-01", "2027-03-03"), "dotnet8": ("2026-11-10", "2027-02-01", "2027-03-03"),
        "dotnet9": ("2026-11-10", nil, nil), "dotnetcore1.0": ("2019-06-27", "2019-06-30", "2019-07-30"),
        "dotnetcore2.0": ("2019-05-30", "2019-04-30", "2019-05-30"), "dotnetcore2.1": ("2022-01-05", "2022-01-05", "2022-04-13"),
        "dotnetcore3.1": ("2023-04-03", "2023-04-03", "2023-05-03"), "go1.x": ("2024-01-08", "2024-02-08", "2027-03-03"),
        "java8": ("2024-01-08", "2024-02-08", "2027-03-03"), "nodejs": ("2016-08-30", "2016-09-30", "2016-10-31"),
        "nodejs10.x": ("2021-07-30", "2021-07-30", "2022-02-14"), "nodejs12.x": ("2023-03-31", "2023-03-31", "2023-04-30"),
        "nodejs14.x": ("2023-12-04", "2024-01-09", "2027-03-03"), "nodejs16.x": ("2024-06-12", "2027-02-01", "2027-03-03"),
        "nodejs18.x": ("2025-09-01", "2027-02-01", "2027-03-03"), "nodejs20.x": ("2026-04-30", "2027-02-01", "2027-03-03"),
        "nodejs4.3": ("2020-03-05", "2020-02-03", "2020-03-05"), "nodejs4.3-edge": ("2020-03-05", "2019-03-31", "2019-04-30"),
        "nodejs6.10": ("2019-08-12", "2019-07-12", "2019-08-12"), "nodejs8.10": ("2020-03-06", "2020-02-04", "2020-03-06"),
        "provided": ("2024-01-08", "2024-02-08", "2027-03-03"), "provided.al2": ("2026-07-31", "2027-02-01", "2027-03-03"),
        "python2.7": ("2021-07-15", "2021-07-15", "2022-05-30"), "python3.10": ("2026-10-31", "2027-02-01", "2027-03-03"),
        "python3.6": ("2022-07-18", "2022-07-18", "2022-08-29"), "python3.7": ("2023-12-04", "2024-01-09", "2027-03-03"),
        "python3.8": ("2024-10-14", "2027-02-01", "2027-03-03"), "python3.9": ("2025-12-15", "2027-02-01", "2027-03-03"),
        "ruby2.5": ("2021-07-30", "2021-07-30", "2022-03-31"), "ruby2.7": ("2023-12-07", "2024-01-09", "2027-03-03"),
        "ruby3.2": ("2026-03-31", "2027-02-01", "2027-03-03"),
    ]

    /// Roots of references that are not resources (`each.value`, `count.index`, `path.module`...).
    static let nonResourceRoots: Set<String> = ["each", "count", "self", "path", "terraform", "local", "module", "var", "data"]

    package static func review(_ config: TerraformConfiguration, recognition: Recognition) -> [ReviewFinding] {
        review(config, designs: [recognition])
    }

    /// The findings of every design instance and of the configuration as a whole, each once.
    package static func review(_ config: TerraformConfiguration, designs: [Recognition]) -> [ReviewFinding] {
        review(Inventory(config), designs: designs)
    }

    /// A finding as `review` tells it from the others: its rule, place and message.
    struct SeenFinding: Hashable {
        let rule: ReviewRuleID
        let position: SourcePosition
        let message: String
        /// The message is hashed as Swift hashes a string, as equality compares it: two messages Swift
        /// holds equal (an accent written as one scalar or two) hash alike. It cannot be left out, nor
        /// its length in bytes stand for it: a module called a thousand times gives a thousand findings
        /// at one file, line and column, told apart by their messages alone.
        func hash(into hasher: inout Hasher) {
            hasher.combine(rule)
            hasher.combine(position.line)
            hasher.combine(position.column)
            hasher.combine(message)
        }
    }

    /// The same, from an inventory the recognizer already built.
    /// `configuration`: what `configurationFindings` gives for the inventory's configuration, asked
    /// for once the instances are reviewed (`ReviewCommand` works it out on a second core while the
    /// designs are recognised and reviewed); nil to work it out here.
    package static func review(_ inventory: Inventory, designs: [Recognition], configuration: (() -> [ReviewFinding])? = nil) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        var seen: Set<SeenFinding> = []
        seen.reserveCapacity(8 * designs.count)  // grown from empty, the set moves its entries again at each doubling
        func add(_ rule: ReviewRuleID, _ severity: Finding.Severity, _ position: SourcePosition, _ message: String, _ fix: String) {
            guard seen.insert(SeenFinding(rule: rule, position: position, message: message)).inserted else { return }
            findings.append(ReviewFinding(rule: rule, severity: severity, position: position, message: message, fix: fix))
        }
        review(inventory, designs: designs, configuration: configuration, add: add)
        return ordered(findings)
    }

    /// `findings` most severe first, then by file, line and column, then by rule id, and in the order
    /// given where all of those are alike: what sorting by `(severity, position, id)` gives, compared
    /// as integers worked out once (comparing the strings of each pair took about 13 ms of the
    /// review of the 10 MB designs input, an eighth of what recognising its designs took).
    static func ordered(_ findings: [ReviewFinding]) -> [ReviewFinding] {
        // Each file gets a number in the order met, then its rank among the files' names. Findings
        // come in runs of one file: its name is looked up when it changes.
        var numbers: [String: Int] = [:]
        var names: [String] = []
        var keys: [(severity: Int, file: Int, line: Int, column: Int, id: Int, given: Int)] = []
        keys.reserveCapacity(findings.count)
        var last: (file: String, number: Int)?
        for (given, finding) in findings.enumerated() {
            let position = finding.position
            let number: Int
            if let last, last.file == position.file {
                number = last.number
            } else if let known = numbers[position.file] {
                number = known
            } else {
                number = names.count
                numbers[position.file] = number
                names.append(position.file)
            }
            last = (position.file, number)
            keys.append((finding.severity.rank, number, position.line, position.column, finding.rule.idRank, given))
        }
        var rank = [Int](repeating: 0, count: names.count)
        for (place, number) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[number] = place }
        for index in keys.indices { keys[index].file = rank[keys[index].file] }
        keys.sort { $0 < $1 }
        return keys.map { findings[$0.given] }
    }

    static func review(_ inventory: Inventory, designs: [Recognition], configuration: (() -> [ReviewFinding])? = nil, add: Add) {
        let config = inventory.config
        // Each instance on its own, on every core; their findings added in the instances' order.
        let found = Parallel.ranges(count: designs.count, chunk: 32) { range in
            var found: [ReviewFinding] = []
            for index in range {
                reviewInstance(config, inventory: inventory, recognition: designs[index]) { rule, severity, position, message, fix in
                    found.append(ReviewFinding(rule: rule, severity: severity, position: position, message: message, fix: fix))
                }
            }
            return found
        }
        for finding in found.joined() { add(finding.rule, finding.severity, finding.position, finding.message, finding.fix) }
        guard let configuration else { return reviewConfiguration(config, inventory: inventory, add: add) }
        for finding in configuration() { add(finding.rule, finding.severity, finding.position, finding.message, finding.fix) }
    }

    /// The findings of the configuration as a whole, in the order the review adds them: the checks
    /// that need no design, so that they can be worked out while the designs are recognised, from the
    /// recognizer's inventory (shared between threads) or one of their own.
    package static func configurationFindings(
        _ config: TerraformConfiguration, inventory: Inventory? = nil, references: (() -> [ReviewFinding])? = nil
    ) -> [ReviewFinding] {
        var found: [ReviewFinding] = []
        reviewConfiguration(config, inventory: inventory ?? Inventory(config), references: references) { rule, severity, position, message, fix in
            found.append(ReviewFinding(rule: rule, severity: severity, position: position, message: message, fix: fix))
        }
        return found
    }

    typealias Add = (ReviewRuleID, Finding.Severity, SourcePosition, String, String) -> Void

    /// Checks that concern one design instance: its endpoint against its ALB, its registrations, its Host header.
    static func reviewInstance(_ config: TerraformConfiguration, inventory: Inventory, recognition: Recognition, add: Add) {
        let alb = recognition.parts.alb.flatMap(config.block(address:)) ?? (recognition.design == nil ? inventory.albs.first : nil)
        let endpoint = recognition.parts.endpoint.flatMap(config.block(address:)) ?? (recognition.design == nil ? inventory.endpoints.first : nil)
        // An ALB that sends to the endpoint's ENI IPs: the checks of its target group and Host header apply.
        let albToEndpoint = recognition.design.map { $0.definition.dataPath.map(\.kind).starts(with: [.alb, .interfaceEndpoint]) } ?? false

        // Endpoint subnets against the ALB's AZs.
        if albToEndpoint, let endpoint, let azs = recognition.azs, let subnets = recognition.vpceSubnets, subnets < azs {
            add(
                .endpointFewerSubnets, subnets <= 1 ? .high : .medium, endpoint["subnet_ids"]?.position ?? endpoint.position,
                "\(endpoint.address) is in \(subnets) subnet(s) but the ALB spans \(azs) AZs: "
                    + (subnets == 0
                        ? "it has no ENI to register"
                        : subnets == 1
                            ? "losing the endpoint's AZ takes the design down"
                            : "the ALB's nodes in the \(azs - subnets) AZ(s) without an endpoint ENI send every request to another AZ (cross-zone traffic, and more load on the ENIs left when one more AZ is lost)"),
                "list a subnet in each of the ALB's AZs in subnet_ids")
        }
        // Endpoint ENIs in AZs the ALB does not enable get no traffic (both named in the code).
        if albToEndpoint, let alb, let endpoint, let zones = recognition.endpointZones, let subnetIDs = endpoint["subnet_ids"] {
            let (albZones, inside, outside) = (zones.alb, zones.inside, zones.outside)
            if !outside.isEmpty {
                let there =
                    outside.count == 1
                    ? "the ENI in \(outside[0]) carries no traffic and is no spare, though billed"
                    : "the ENIs in \(outside.joined(separator: ", ")) carry no traffic and are no spare, though billed"
                add(
                    .endpointOutsideALBAZs, inside.count <= 1 ? .high : .medium, subnetIDs.position,
                    "\(endpoint.address) has ENIs in \(outside.joined(separator: ", ")), where \(alb.address) has no node (its subnets are in \(albZones.joined(separator: ", "))): an ALB sends only to targets in the AZs it enables, so "
                        + (inside.isEmpty
                            ? "no request reaches the endpoint, registered or not"
                            : inside.count == 1
                                ? "only the ENI in \(inside[0]) carries traffic, and losing that AZ takes the design down; \(there)" : there),
                    "list subnets in the ALB's AZs (\(albZones.joined(separator: ", "))) in subnet_ids, or give the ALB a subnet in \(outside.joined(separator: ", "))")
            }
        }
        // A private custom domain name reached through the endpoint directly: the endpoint is the only way in.
        let endpointFirst = recognition.design.map { $0.definition.dataPath.first?.kind == .interfaceEndpoint } ?? false
        if endpointFirst, let endpoint, let subnets = recognition.vpceSubnets, subnets < 2 {
            add(
                .endpointOneAZ, .high, endpoint["subnet_ids"]?.position ?? endpoint.position,
                "\(endpoint.address) is in \(subnets) subnet(s), and clients reach the private custom domain name only through it: losing that AZ takes the design down",
                "list subnets in at least two AZs in subnet_ids, as AWS recommends for private custom domain names")
        }
        // Attachments that register fewer endpoint IPs than the endpoint has.
        if albToEndpoint, let registered = recognition.registeredTargets, let subnets = recognition.vpceSubnets, registered < subnets {
            let group = recognition.parts.targetGroup.flatMap(config.block(address:))
            let attachments = group.map { inventory.attachments(to: $0) } ?? inventory.attachmentBlocks
            let indexed = attachments.lazy.compactMap { attachment -> TerraformBlock? in
                guard let reference = attachment["target_id"]?.references.first(where: { $0.resourceType == "aws_network_interface" }) else { return nil }
                return config.block(for: reference)
            }.first { ($0["id"]?.text ?? "").containsBytes("network_interface_ids)[0]") || ($0["id"]?.text ?? "").containsBytes("network_interface_ids[0]") }
            add(
                .partialRegistration, .high,
                indexed?["id"]?.position ?? attachments.first?.position ?? endpoint?.position ?? SourcePosition(file: config.files.first ?? "", line: 1, column: 1),
                registered == 0
                    ? "the target group registers none of the endpoint's \(subnets) ENI IPs: the ALB has no target, and every request gets 503"
                    : "the target group registers \(registered) of the endpoint's \(subnets) ENI IPs\(indexed.map { " (\($0.address) takes only \($0["id"]?.text ?? "the first"))" } ?? ""): losing \(registered == 1 ? "that ENI's AZ" : "their AZs") takes the design down",
                "register every ENI: a data \"aws_network_interface\" and an attachment with count = the number of the endpoint's subnets, known at plan (length(var.<subnets>) or a number: length(<endpoint>.subnet_ids) cannot be counted when the subnets are made in the same apply), id = sort(tolist(<endpoint>.network_interface_ids))[count.index]"
            )
        }
        // The endpoint's target group: HTTPS on 443, and a health check that takes API Gateway's 403.
        if albToEndpoint, let group = recognition.parts.targetGroup.flatMap(config.block(address:)) {
            endpointTargetGroup(group, inventory: inventory, add: add)
        }
        // The client's Host header reaches a private API that will not recognise it.
        if albToEndpoint, let alb {
            let listeners = inventory.listeners(of: alb)
            let rules = listeners.flatMap { inventory.rules(of: $0) }
            func rewrites(_ block: TerraformBlock) -> Bool {
                let text = allText(block).joined(separator: "\n")
                return text.containsBytes("host_header_rewrite") || text.containsBytes("x-apigw-api-id")
            }
            // A rule's rewrite covers what reaches the endpoint when it matches every request, or when
            // nothing else forwards to the endpoint's target group: the listeners' default actions and
            // the rules without a rewrite.
            let group = recognition.parts.targetGroup.flatMap(config.block(address:))
            func forwardsToGroup(_ blocks: [TerraformBlock]) -> Bool {
                guard let group else { return true }
                return blocks.contains { block in allExpressions(block).contains { $0.refers(to: group) } }
            }
            let rewritten = rules.map(rewrites)
            let rewritingRules = zip(rules, rewritten).filter(\.1).map(\.0)
            let otherRules = zip(rules, rewritten).filter { !$0.1 }.map(\.0)
            let rewritesHost =
                listeners.contains(where: rewrites) || rewritingRules.contains(where: Self.matchesEveryRequest)
                || (!rewritingRules.isEmpty && !forwardsToGroup(listeners.flatMap { $0.blocks("default_action") })
                    && !forwardsToGroup(otherRules.flatMap { $0.blocks("action") }))
            let associated = !inventory.associations.isEmpty || config.mayDeclareElsewhere("aws_api_gateway_domain_name_access_association")
            let anyDomain = inventory.hasCustomDomain
            // A domain whose type the code does not say may be the private one: not judged.
            let domainElsewhere = config.mayDeclareElsewhere("aws_api_gateway_domain_name")
            if !rewritesHost && !(associated && (!inventory.domains.isEmpty || inventory.domainTypeUnknown || domainElsewhere)) {
                add(
                    .hostHeader, anyDomain ? .low : .high, alb.position,
                    anyDomain
                        ? "clients' Host reaches the private API through a custom domain name that is not a private one with an access association (a Regional domain mapped to a private API works only by accident)"
                        : "the ALB forwards the client's Host header, and the private API answers 403 unless it sees its own execute-api host, an x-apigw-api-id header or an associated private custom domain; nothing here provides one",
                    "create a private custom domain name (aws_api_gateway_domain_name with endpoint type PRIVATE) and an aws_api_gateway_domain_name_access_association with the endpoint, or rewrite the Host to {api-id}.execute-api.{region}.amazonaws.com with an ALB host-header-rewrite transform"
                )
            }
        }
        // One security group open to the world on 443, shared by the ALB and the endpoint.
        if let alb, let endpoint {
            let albGroups = Set(alb["security_groups"]?.references.filter { $0.resourceType == "aws_security_group" }.compactMap(\.address) ?? [])
            let endpointGroups = Set(endpoint["security_group_ids"]?.references.filter { $0.resourceType == "aws_security_group" }.compactMap(\.address) ?? [])
            for address in albGroups.intersection(endpointGroups).sorted() {
                guard let group = config.block(address: address) else { continue }
                // Its own ingress blocks (dynamic ones too, by value), then the rules of it written as
                // resources of their own, the provider's recommended style.
                let open =
                    group.blocks("ingress").first { rule in Self.opensToTheWorld(rule["cidr_blocks"]) && covers443(rule) }
                    ?? config.resources("aws_security_group_rule").first { rule in
                        rule["type"]?.value?.string == "ingress" && rule["security_group_id"]?.refers(to: group) == true && Self.opensToTheWorld(rule["cidr_blocks"])
                            && covers443(rule)
                    }
                    ?? config.resources("aws_vpc_security_group_ingress_rule").first { rule in
                        guard rule["security_group_id"]?.refers(to: group) == true, Self.opensToTheWorld(rule["cidr_ipv4"]) else { return false }
                        if rule["ip_protocol"]?.value?.string == "-1" { return true }
                        guard let from = rule["from_port"]?.value?.string.flatMap(Int.init), let to = rule["to_port"]?.value?.string.flatMap(Int.init) else { return false }
                        return (from...max(from, to)).contains(443)
                    }
                if let open {
                    add(
                        .sharedOpenSecurityGroup, .medium, open.position,
                        "\(address) allows 443 from 0.0.0.0/0 and is attached to both the ALB and \(endpoint.address): the endpoint accepts connections from anywhere the VPC is reachable, not only from the ALB",
                        "give the endpoint its own security group that allows 443 only from the ALB's security group\(recognition.albScheme == .internal ? ", and restrict the internal ALB's group to the corporate ranges" : "")"
                    )
                }
            }
        }
        // Private DNS on the execute-api endpoint.
        if let endpoint, endpoint["private_dns_enabled"]?.value?.bool == true {
            add(
                .privateDNS, .medium, endpoint["private_dns_enabled"]!.position,
                "private DNS on \(endpoint.address) makes every *.execute-api name in the VPC resolve to it: calls from the VPC to public API Gateway APIs get 403"
                    + (albToEndpoint
                        ? " (the ALB targets IPs and does not need it)"
                        : recognition.parts.domain != nil ? " (a private custom domain name resolves through its own record and does not need it)" : ""),
                "private_dns_enabled = false")
        }
    }

    /// The target group in front of the execute-api endpoint's ENIs: it must speak HTTPS to 443, the
    /// only thing the endpoint serves, and its health check must accept the 403 API Gateway answers to
    /// a probe that names no API. Values the code does not make known are not judged.
    static func endpointTargetGroup(_ group: TerraformBlock, inventory: Inventory, add: Add) {
        if let written = group.set("protocol"), let name = written.value?.string, name.uppercased() != "HTTPS" {
            add(
                .targetGroupProtocol, .high, written.position,
                "\(group.address) forwards \(name) to the execute-api endpoint's ENIs, which serve only HTTPS on 443: every request fails at the ALB",
                "protocol = \"HTTPS\" and port = 443")
        }
        let ports = targetPorts(group, inventory: inventory).compactMap { target in target.port.map { (port: $0, position: target.position, address: target.address) } }
        let wrongPorts = ports.filter { $0.port != "443" }
        if let wrong = wrongPorts.first {
            let others = wrongPorts.count > 1 ? " (and \(wrongPorts.count - 1) more)" : ""
            add(
                .targetGroupProtocol, .high, wrong.position,
                "\(wrong.address)\(others) sends to port \(wrong.port) of the execute-api endpoint's ENIs, which listen only on 443: "
                    + (ports.allSatisfy { $0.port != "443" }
                        ? "every request fails at the ALB" : "those targets fail their health checks and get no traffic, leaving fewer ENIs to carry it"),
                "port = 443")
        }
        // The health check (an IP target group's cannot be turned off). Unset, the protocol is HTTP and
        // the matcher 200. A check of another port than 443 never reaches API Gateway; an HTTP one of
        // 443 fails before any answer (health-check-protocol says so): the matcher is judged only for
        // HTTPS to 443, or to a port the code does not make known.
        let check = group.blocks("health_check").first
        let target = healthCheckTarget(group, inventory: inventory)
        if let port = target.port, port != "443" {
            // A port of its own: said here; the target group's, said above.
            if let written = check?.set("port"), written.value?.string != "traffic-port" {
                add(
                    .targetGroupProtocol, .high, written.position,
                    "\(group.address)'s health check goes to port \(port) of the execute-api endpoint's ENIs, which listen only on 443: every ENI looks unhealthy, and the ALB, failing open, keeps sending requests to one that has failed",
                    "port = \"443\" (or \"traffic-port\" with the target group on 443) and protocol = \"HTTPS\" in the health_check block")
            }
            return
        }
        guard target.protocol == "HTTPS" else { return }
        let matcher = check?.set("matcher")
        guard let value = matcher == nil ? "200" : matcher?.value?.string else { return }
        if accepts403(value) {
            // A check that accepts 403 proves nothing beyond the endpoint: said unless an alarm watches
            // API Gateway's 5XXError or Lambda's Errors.
            if !inventory.alarmsOnErrors, let written = matcher {
                add(
                    .healthCheck403, .medium, written.position,
                    "\(group.address)'s matcher \"\(value)\" accepts 403, which API Gateway returns to every health check: a healthy target proves nothing about the API or the function, and no alarm here watches their errors",
                    "keep the matcher (it is needed) but add an aws_cloudwatch_metric_alarm on API Gateway 5XXError or Lambda Errors, and run a synthetic request through the ALB")
            }
            return
        }
        add(
            .healthCheckMatcher, .medium, matcher?.position ?? check?.position ?? group.position,
            (matcher == nil
                ? "\(group.address)'s health check sets no matcher, so it expects AWS's default, 200"
                : "\(group.address)'s health check matcher \"\(value)\" does not accept 403")
                + ", but API Gateway answers 403 to every health check through the endpoint: every ENI looks unhealthy, and the ALB, failing open, keeps sending requests to one that has failed",
            "matcher = \"200,403\" in the health_check block"
                + (inventory.alarmsOnErrors ? "" : "; alarm on API Gateway 5XXError and Lambda Errors, as the check only proves the endpoint answers")
        )
    }

    /// Where a target group's health check goes: its protocol (HTTP when the code writes none, as the
    /// provider and AWS default it; nil when written with no known value) and its port: for
    /// `traffic-port`, or none written, the port its targets are registered on (an attachment's own,
    /// else the target group's), when they all agree; nil when not known.
    static func healthCheckTarget(_ group: TerraformBlock, inventory: Inventory) -> (protocol: String?, port: String?) {
        let check = group.blocks("health_check").first
        let written = check?.set("protocol")
        let healthProtocol = written == nil ? "HTTP" : written?.value?.string?.uppercased()
        let writtenPort = portNumber(check?.set("port")?.value?.string)
        guard writtenPort == nil || writtenPort == "traffic-port" else { return (healthProtocol, writtenPort) }
        let ports = Set(targetPorts(group, inventory: inventory).map(\.port))
        return (healthProtocol, ports.count == 1 ? ports.first! : nil)
    }

    /// A port as Terraform turns a number or a string into one: `"0443"` and `443.0` are 443; anything
    /// else (`traffic-port`) as written.
    static func portNumber(_ text: String?) -> String? {
        guard let text, let number = ExactDecimal(exactly: text), number.rounded(scale: 0) == number, let whole = number.intValue else { return text }
        return String(whole)
    }

    /// The ports a target group's targets are registered on: each attachment's own, or the target
    /// group's for one that names none (the target group's alone when nothing is attached), with
    /// where each is written; a port is nil when the code does not make it known.
    static func targetPorts(_ group: TerraformBlock, inventory: Inventory) -> [(port: String?, position: SourcePosition, address: String)] {
        let groupPort = group.set("port")
        let attachments = inventory.attachments(to: group)
        guard !attachments.isEmpty else { return [(portNumber(groupPort?.value?.string), groupPort?.position ?? group.position, group.address)] }
        return attachments.map { attachment in
            if let port = attachment.set("port") { return (portNumber(port.value?.string), port.position, attachment.address) }
            return (portNumber(groupPort?.value?.string), groupPort?.position ?? group.position, "\(attachment.address) (no port of its own: \(group.address)'s)")
        }
    }

    /// The base path mappings by how they name their domain, worked out once for every domain: by a
    /// literal name (and not by a reference to a domain), through something else (a variable, a local
    /// value, a module output), and the names of the domains that are not private.
    struct MappingNames {
        var byLiteralName: [String: [TerraformBlock]] = [:]
        var anyIndirect = false
        var anyLiteral = false
        var regionalNames: Set<String> = []
        /// A domain that is not private has a name the code does not make known, or another file may
        /// declare one: any name may be shared.
        var regionalNameUnknown = false

        init(_ inventory: Inventory) {
            for mapping in inventory.mappings {
                let written = ["domain_name", "domain_name_id"].compactMap { mapping[$0] }
                let namesADomain = written.contains { $0.references.contains { $0.resourceType == "aws_api_gateway_domain_name" } }
                if namesADomain { continue }
                if written.contains(where: { !$0.references.isEmpty }) { anyIndirect = true }
                if let literal = mapping["domain_name"], literal.references.isEmpty {
                    anyLiteral = true
                    if let name = literal.value?.string { byLiteralName[name, default: []].append(mapping) }
                }
            }
            let privateDomains = Set(inventory.domains.map { ObjectIdentifier($0) })
            for domain in inventory.config.resources("aws_api_gateway_domain_name") where !privateDomains.contains(ObjectIdentifier(domain)) {
                if let name = domain["domain_name"]?.value?.string { regionalNames.insert(name) } else { regionalNameUnknown = true }
            }
            if inventory.config.mayDeclareElsewhere("aws_api_gateway_domain_name") { regionalNameUnknown = true }
        }
    }

    /// Checks of the configuration as a whole: domain names, listeners, VPCs, functions, references.
    /// `references`: `referenceFindings(config)`, when worked out already (it needs no inventory).
    static func reviewConfiguration(_ config: TerraformConfiguration, inventory: Inventory, references: (() -> [ReviewFinding])? = nil, add: Add) {
        let mappingNames = MappingNames(inventory)
        // Every private custom domain name needs an access association with an execute-api endpoint,
        // and a policy that lets that endpoint in (a new one denies everything).
        for domain in inventory.domains {
            let associations = inventory.accessAssociations(of: domain)
            if associations.isEmpty && !config.mayDeclareElsewhere("aws_api_gateway_domain_name_access_association") {
                add(
                    .missingAccessAssociation, .high, domain.position,
                    "\(domain.address) is a private custom domain name without a domain name access association: no VPC endpoint can invoke it, so every call by that name fails",
                    "add an aws_api_gateway_domain_name_access_association with access_association_source = <endpoint>.id, access_association_source_type = \"VPCE\" and domain_name_arn = \(domain.address).arn"
                )
            }
            for association in associations where inventory.referenced(association["access_association_source"], in: inventory.apiEndpointIndex) == nil {
                // The endpoint may be declared in a file not read.
                if config.mayDeclareElsewhere("aws_vpc_endpoint") { continue }
                // An id passed in (a variable, a local value or a module output standing for none declared
                // here) with no execute-api endpoint in this code: a shared endpoint of another
                // configuration, the usual way in a networking account; nothing here says it is wrong.
                if inventory.apiEndpoints.isEmpty, let source = association["access_association_source"], Self.passedIn(source) { continue }
                add(
                    .accessAssociationEndpoint, .high, association["access_association_source"]?.position ?? association.position,
                    "\(association.address) associates \(domain.address) with \(association["access_association_source"]?.text ?? "nothing"), not an execute-api interface endpoint declared here: requests through the endpoint clients use are not let in",
                    "access_association_source = aws_vpc_endpoint.<execute-api endpoint>.id")
            }
            // A domain mapped to no API. A mapping names it by reference or by its name; one that names
            // its domain through a variable, a local value or a module output, or by a name while this
            // domain's is not known, may be its mapping, and then nothing is said. A private domain's
            // mapping needs its domain_name_id (AWS CLI create-base-path-mapping: "Required for private
            // custom domain names").
            let name = domain["domain_name"]?.value?.string
            let byReference = inventory.mappings(of: domain)
            // A name a Regional or edge domain also has leaves a mapping by name ambiguous: may be.
            let ambiguous = mappingNames.regionalNameUnknown || (name.map { mappingNames.regionalNames.contains($0) } ?? false)
            // Mappings by a literal name refer to no domain, so none of them is also one by reference.
            let named = byReference + (ambiguous ? [] : name.flatMap { mappingNames.byLiteralName[$0] } ?? [])
            let maybe =
                mappingNames.anyIndirect || (name == nil && mappingNames.anyLiteral)
                || (ambiguous && name.map { mappingNames.byLiteralName[$0] != nil } == true)
            if named.isEmpty && !maybe && !config.mayDeclareElsewhere("aws_api_gateway_base_path_mapping") {
                add(
                    .missingBasePathMapping, .high, domain.position,
                    "\(domain.address) is mapped to no API (no aws_api_gateway_base_path_mapping names it): every call by that name fails, as API Gateway has no API to send it to",
                    "add an aws_api_gateway_base_path_mapping with api_id, stage_name and domain_name_id = \(domain.address).domain_name_id")
            }
            for mapping in named where mapping.set("domain_name_id") == nil {
                add(
                    .missingBasePathMapping, .high, mapping["domain_name"]?.position ?? mapping.position,
                    "\(mapping.address) maps \(domain.address) without its domain_name_id, which a private custom domain name requires: the apply fails and the domain stays mapped to no API",
                    "domain_name_id = \(domain.address).domain_name_id")
            }
            let endpoint = inventory.associatedEndpoint(of: domain, anyType: true) ?? inventory.apiEndpoints.first
            guard let policy = domain["policy"] else {
                add(
                    .domainPolicy, .high, domain.position,
                    "\(domain.address) sets no policy, and API Gateway gives a private custom domain name a deny-all resource policy: every call by that name gets 403",
                    "policy = jsonencode(...) allowing execute-api:Invoke on execute-api:/* with \"aws:SourceVpce\" = aws_vpc_endpoint.<name>.id")
                continue
            }
            // The policy names the endpoint as its module's code does: `aws_vpc_endpoint.x` inside the module.
            let endpointName = endpoint.map { $0.module == domain.module ? String($0.baseAddress.dropFirst($0.module.count)) : $0.baseAddress }
            // Say nothing when the code does not state the statements (a variable, a file).
            if let endpoint, let endpointName, let statements = PolicyDocument.statements(policy, config: config),
                !PolicyDocument.allows(statements, endpoint: endpointName)
            {
                let named = statements.flatMap(\.vpceValues)
                add(
                    .domainPolicy, .high, policy.position,
                    "\(domain.address)'s policy does not let \(endpoint.address) in (aws:SourceVpce \(named.isEmpty ? "not conditioned" : named.joined(separator: ", "))): API Gateway denies every call through it by the custom domain name",
                    "allow execute-api:Invoke with \"aws:SourceVpce\" = \(endpoint.address).id in the domain name's policy, and deny nothing that matches it")
            }
        }
        // A CNAME to the ALB: Route 53 bills every query; an alias answers the same for free.
        if let record = inventory.cnameToAnyALB {
            add(
                .cnameToALB, .low, record["type"]?.position ?? record.position,
                "\(record.address) is a CNAME to the ALB's DNS name: Route 53 bills every query that reaches it (this review prices them as --dns-record cname, with --dns-queries-per-month), and a CNAME cannot sit at the zone apex",
                "type = \"A\" with alias { name = <alb>.dns_name, zone_id = <alb>.zone_id, evaluate_target_health = true } instead of records and ttl: alias queries to an ALB are free"
            )
        }
        // Listener TLS policy.
        for listener in inventory.listeners where (listener["protocol"]?.value?.string ?? "").uppercased() == "HTTPS" {
            let policy = listener["ssl_policy"]?.value?.string
            if policy == nil || oldestTLS(policy!) != nil {
                add(
                    .weakTLSPolicy, .medium, listener["ssl_policy"]?.position ?? listener.position,
                    policy.map { "\(listener.address) uses \($0), which accepts \(oldestTLS($0) == "1.0" ? "TLS 1.0 and 1.1" : "TLS 1.1")" }
                        ?? "\(listener.address) sets no ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1",
                    policy?.contains("FIPS") == true
                        ? "ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04\" (a FIPS policy of TLS 1.2 and later)"
                        : "ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (or the current ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09)")
            }
        }
        // VPC CIDR outside RFC 1918.
        for vpc in inventory.vpcs {
            if let cidr = vpc["cidr_block"], let text = cidr.value?.string, !isRFC1918(text) {
                add(
                    .publicCIDR, .medium, cidr.position,
                    "\(vpc.address) uses \(text), outside RFC 1918: traffic to the real owners of that range stays inside the VPC, and it may overlap networks reached over VPN or Direct Connect",
                    "use a private range such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16")
            }
        }
        // Memory Lambda refuses.
        for function in inventory.functions {
            if let memory = function["memory_size"], let megabytes = memory.value?.string.flatMap(Int.init), !DesignRecognizer.lambdaMemoryRange.contains(megabytes) {
                add(
                    .lambdaMemoryRange, .high, memory.position,
                    "\(function.address) sets memory_size = \(megabytes) MB; Lambda takes 128 to 10,240 MB, so AWS refuses the function and the apply fails",
                    "memory_size from 128 to 10240")
            }
        }
        // Deprecated Lambda runtimes.
        for function in inventory.functions {
            if let runtime = function["runtime"], let name = runtime.value?.string, let dates = deprecatedRuntimes[name] {
                let blocks: String
                if let create = dates.blockCreate, let update = dates.blockUpdate {
                    blocks =
                        "; AWS blocks creating functions with it from \(create) and updating them from \(update) (Lambda runtimes table as copied into AWS's cfn-lint, 2026-06-02)"
                } else {
                    blocks =
                        "; the copy of AWS's runtimes table read (cfn-lint, 2026-06-02) gives no dates for blocking it: check the Lambda runtimes table before relying on creating or updating functions with it"
                }
                add(
                    .deprecatedRuntime, .medium, runtime.position,
                    "\(function.address) uses \(name), deprecated since \(dates.deprecated): no more security patches\(blocks)",
                    "move to the newest runtime of the same language in the Lambda runtimes table" + (name.hasPrefix("python") ? " (python3.13, say)" : ""))
            }
        }
        // Health checks of IP target groups of an ALB (HTTP or HTTPS; an NLB's TCP or TLS target group
        // is checked with TCP by default): HTTP to a TLS port fails.
        for group in inventory.targetGroups where group["target_type"]?.value?.string == "ip" && Self.isALBTargetGroup(group) {
            // Unset, the protocol is HTTP and the port the traffic port, the target group's own (the
            // provider's health_check defaults, AWS's too); a plan or a state says so outright.
            let check = group.blocks("health_check").first
            let healthProtocol = check?.set("protocol")
            let writtenPort = portNumber(check?.set("port")?.value?.string)
            let target = healthCheckTarget(group, inventory: inventory)
            if target.port == "443", target.protocol == "HTTP" {
                let message: String
                switch (check, writtenPort == nil || writtenPort == "traffic-port", healthProtocol == nil) {
                case (nil, _, _):
                    message =
                        "\(group.address) has no health_check block, so AWS checks its targets with HTTP on the traffic port, 443, a TLS port, and every target looks unhealthy"
                case (_, true, true):
                    message =
                        "\(group.address)'s health check \(writtenPort == nil ? "sets neither protocol nor port" : "names the traffic port without a protocol"), so it speaks HTTP to the traffic port, 443, a TLS port, and every target looks unhealthy"
                case (_, true, false):
                    message = "\(group.address)'s health check speaks HTTP to the traffic port, 443, a TLS port, so every target looks unhealthy"
                case (_, false, true):
                    message = "\(group.address)'s health check names port 443 without a protocol, so it defaults to HTTP against a TLS port and every target looks unhealthy"
                case (_, false, false):
                    message = "\(group.address)'s health check speaks HTTP to port 443, a TLS port, so every target looks unhealthy"
                }
                add(
                    .healthCheckProtocol, .medium, check?["port"]?.position ?? healthProtocol?.position ?? check?.position ?? group.position, message,
                    check == nil ? "a health_check block with protocol = \"HTTPS\"" : "protocol = \"HTTPS\" in the health_check block")
            }
        }
        // The resource policy's aws:SourceVpce must name the endpoint.
        for holder in config.resources("aws_api_gateway_rest_api") + config.resources("aws_api_gateway_rest_api_policy") {
            guard let policy = holder["policy"] else { continue }
            // Each aws:SourceVpce value as written, with what it refers to and where: in the policy's
            // text, or in the condition blocks of the aws_iam_policy_document it reads.
            var conditions: [(text: String, references: [TerraformReference], position: SourcePosition)] = []
            if let reference = PolicyDocument.documentReference(policy), let document = config.block(for: reference) {
                for condition in document.blocks("statement").flatMap({ $0.blocks("condition") }) where PolicyDocument.isSourceVpce(condition) {
                    if let values = condition["values"] { conditions.append((values.text, values.references, values.position)) }
                }
            } else {
                conditions = sourceVpceValues(policy.text).map { ($0, policy.references, policy.position) }
            }
            for (condition, references, position) in conditions {
                // Named outright, or through a variable, local or module output that stands for an endpoint
                // (a module given `vpce_id = aws_vpc_endpoint.e.id`): the policy's references hold what it stands for.
                let throughName = ["var.", "local.", "module."].contains { condition.containsBytes($0) }
                if condition.containsBytes("aws_vpc_endpoint.") || (throughName && references.contains { $0.resourceType == "aws_vpc_endpoint" }) { continue }
                // An id passed in with no execute-api endpoint declared here: another configuration's endpoint.
                if throughName && inventory.apiEndpoints.isEmpty { continue }
                // A VPC's id, written out or referred to (aws_vpc.main.id): aws:SourceVpce never equals it.
                let isVPC =
                    (writesVPCId(condition) && !condition.containsBytes("vpce-"))
                    || references.contains { $0.resourceType == "aws_vpc" && condition.containsBytes("aws_vpc.") }
                add(
                    .sourceVpce, .high, position,
                    isVPC
                        ? "\(holder.address)'s policy conditions aws:SourceVpce on \(condition), a VPC id, not the endpoint: no request matches and every call gets 403"
                        : throughName
                            ? "\(holder.address)'s policy conditions aws:SourceVpce on \(condition), which stands for none of the execute-api endpoints declared here (\(inventory.apiEndpoints.map(\.address).prefix(3).joined(separator: ", "))): requests through them get 403"
                            : "\(holder.address)'s policy conditions aws:SourceVpce on \(condition), an id hard-coded from elsewhere: it breaks when the endpoint is recreated",
                    "reference the endpoint: \"aws:SourceVpce\": \"${aws_vpc_endpoint.<name>.id}\"")
            }
        }
        for finding in references?() ?? referenceFindings(config) { add(finding.rule, finding.severity, finding.position, finding.message, finding.fix) }
        // Values their variables' validations refuse.
        for failed in config.failedValidations {
            add(
                .variableValidation, .high, failed.position,
                "\(failed.value)\(failed.isDefault ? " (its default)" : "") fails the variable's validation at \(failed.rule): \(failed.message); terraform plan fails (invalid value for variable)",
                failed.isDefault ? "give the variable a value the condition accepts (a variable file or --var), or change the default" : "give a value the condition accepts")
        }
    }

    /// References to what is not declared, and to instances count or for_each does not make.
    static func referenceFindings(_ config: TerraformConfiguration) -> [ReviewFinding] {
        // Each expression's own references; what a variable or an output stands for is checked where
        // it is written. The `from` of a `moved` or `removed` block names what no longer exists: that
        // is its point; a `moved` block's `to` need not exist either (terraform plan 1.11.4 plans a
        // `to` that no file declares, found by a new user's check), so `moved` blocks are not read.
        // Local values first: a reference a local value writes is reported there, not at the blocks
        // that read the local value.
        // Expressions and references are read in place, by index: a copy of each would take a
        // reference count of every syntax node and string it holds, on blocks long out of the cache.
        // A `check` block's own data sources are read inside it (scoped data sources).
        @Sendable func scoped(_ top: TerraformBlock) -> Set<String> {
            guard top.kind == "check" else { return [] }
            return Set(top.blocks("data").filter { $0.labels.count == 2 }.map { "\(top.module)data.\($0.labels[0]).\($0.labels[1])" })
        }
        let declaredNames = DeclaredNames(config)
        @Sendable func check(
            _ block: TerraformBlock, in top: TerraformBlock, scoped: Set<String>, formerAddress: SourcePosition?, reported: inout Set<String>,
            found: inout [(key: String, finding: ReviewFinding)]
        ) {
            let valuesHere = Self.takesValues(top.kind)
            for index in block.attributeList.indices {
                let references = block.attributeList[index].expression.references
                // A name written alone (`internal = tru`, `[s1, "s2"]`): Terraform's "Invalid reference".
                if valuesHere, TerraformExpression.mayHoldBareNames(references),
                    Self.takesValues(block: block.kind, attribute: block.attributeList[index].name)
                {
                    let expression = block.attributeList[index].expression
                    for (name, position) in expression.bareNames() {
                        let key = "\(position) \(name)"
                        guard reported.insert(key).inserted else { continue }
                        let hint = Suggestion.closest(to: name, in: ["true", "false", "null"])
                        let subject =
                            top.kind == "locals" ? "\(top.module)local.\(block.attributeList[index].name)" : "\(top.address)'s \(block.attributeList[index].name)"
                        found.append(
                            (
                                key,
                                ReviewFinding(
                                    rule: .undeclaredReference, severity: .high, position: position,
                                    message:
                                        "\(subject) writes \(name.prefix(60)) alone: a name is neither a value nor a reference (a reference names a resource type and a name, or var., local., data., module.): terraform plan fails (invalid reference)",
                                    fix: hint.map { "write \($0)" } ?? "quote it (\"\(name.prefix(60))\") if it is a string, or complete the reference")
                            ))
                    }
                }
                for referenceIndex in references.indices where references[referenceIndex].module == top.module {
                    guard let address = declarable(references[referenceIndex]) else { continue }
                    let declared =
                        references[referenceIndex].root == "local"
                        ? config.declaredLocals.map { $0.contains(address) } ?? true
                        : config.declares(address) || config.declaredWithoutInstances.contains(address) || scoped.contains(address)
                    // Most references name what is declared, without an instance key: nothing to report.
                    guard !declared || references[referenceIndex].key != nil || formerAddress != nil else { continue }
                    let reference = references[referenceIndex]
                    let expression = block.attributeList[index].expression
                    if let formerAddress, formerAddress == expression.position { break }
                    let subject = top.kind == "locals" ? "\(top.module)local.\(block.attributeList[index].name)" : top.address
                    if declared, let key = reference.key, let keys = config.instanceKeys(of: address),
                        !keys.contains(where: { Self.sameIndex($0, key) }), !Self.mayNotBeEvaluated(expression.text), reported.insert(address + key).inserted
                    {
                        // Terraform's "Invalid index": count or for_each made other instances.
                        let listed = keys.count > 6 ? keys.prefix(6).joined(separator: ", ") + ", ..." : keys.joined(separator: ", ")
                        found.append(
                            (
                                address + key,
                                ReviewFinding(
                                    rule: .invalidIndex, severity: .high, position: expression.position(of: reference),
                                    message: "\(subject) refers to \(address)\(key), but its count or for_each makes only \(listed): terraform plan fails (invalid index)",
                                    fix: "refer to one of \(listed), or change the count or for_each of \(address)")
                            ))
                        continue
                    }
                    guard !declared, reported.insert(address).inserted else { continue }
                    let where_ = reference.module.isEmpty ? "no file declares" : "the module \(reference.module.dropLast()) does not declare"
                    let name = address.split(separator: ".").last ?? ""
                    let fix =
                        switch reference.root {
                        case "var": "declare variable \"\(name)\" {} or fix the name"
                        case "local": "declare \(name) in a locals block or fix the name (declared: \(declaredNames.locals(like: reference)))"
                        default: "declare \(address) or fix the reference (declared: \(declaredNames.declarations(like: reference)))"
                        }
                    found.append(
                        (
                            address,
                            ReviewFinding(
                                rule: .undeclaredReference, severity: .high, position: expression.position(of: reference),
                                message: "\(subject) refers to \(address), which \(where_): terraform plan fails", fix: fix)
                        ))
                }
            }
            for nested in block.blocks { check(nested, in: top, scoped: scoped, formerAddress: formerAddress, reported: &reported, found: &found) }
        }
        // In one pass: each block's kind is read once (the blocks lie far apart in memory). The blocks
        // whose references were found declared as they were made are passed over.
        var locals: [TerraformBlock] = [], others: [TerraformBlock] = []
        others.reserveCapacity(config.blocks.count)
        let checked = config.referencesChecked
        for (index, block) in config.blocks.enumerated() where checked.isEmpty || !checked[index] {
            switch block.kind {
            case "locals": locals.append(block)
            case "moved": continue
            default: others.append(block)
            }
        }
        let blocks = locals + others
        // Ranges of blocks on every core, each finding with what makes it the same as another (reported
        // once, where first met); gathered in order, so that the first of each is the one kept.
        let candidates = Parallel.ranges(count: blocks.count, chunk: 512) { range in
            var found: [(key: String, finding: ReviewFinding)] = []
            var reported: Set<String> = []
            for block in blocks[range] {
                check(block, in: block, scoped: scoped(block), formerAddress: block.kind == "removed" ? block["from"]?.position : nil, reported: &reported, found: &found)
            }
            return found
        }
        var reported: Set<String> = []
        return candidates.joined().filter { reported.insert($0.key).inserted }.map(\.finding)
    }

    /// `body` on each expression of `block` (attributes by name), then of its nested blocks, in order.
    static func forEachExpression(_ block: TerraformBlock, _ body: (TerraformExpression) -> Void) {
        for attribute in block.attributeList { body(attribute.expression) }
        for nested in block.blocks { forEachExpression(nested, body) }
    }

    // MARK: - Helpers

    static func isRFC1918(_ cidr: String) -> Bool {
        // Most CIDRs are written `a.b.c.d/n`: read as bytes, the same answer as the general reading.
        guard let (first, second) = plainIPv4(cidr) ?? generalIPv4(cidr) else { return true }  // not an IPv4 literal: say nothing
        return first == 10 || (first == 172 && (16...31).contains(second)) || (first == 192 && second == 168)
    }

    /// The first two numbers of any text that splits into four numbers before its first `/` (empty
    /// pieces and pieces that are not numbers left out); nil otherwise (`""` and `"/"` split into nothing).
    private static func generalIPv4(_ cidr: String) -> (Int, Int)? {
        let octets = (cidr.split(separator: "/").first ?? "").split(separator: ".").compactMap { Int($0) }
        return octets.count == 4 ? (octets[0], octets[1]) : nil
    }

    /// The first two of the four numbers of `a.b.c.d` or `a.b.c.d/n` written in digits alone (at most
    /// nine each); nil for any other text, which `isRFC1918` reads the general way.
    static func plainIPv4(_ cidr: String) -> (Int, Int)? {
        cidr.withUTF8Bytes { bytes in
            var first = 0, second = 0, numbers = 0
            var at = 0
            while at < bytes.count, numbers < 4 {
                var value = 0, digits = 0
                while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9"), digits < 9 {
                    value = value * 10 + Int(bytes[at] - UInt8(ascii: "0"))
                    digits += 1
                    at += 1
                }
                guard digits > 0 else { return nil }
                if numbers == 0 { first = value } else if numbers == 1 { second = value }
                numbers += 1
                guard at < bytes.count else { break }
                guard bytes[at] == (numbers < 4 ? UInt8(ascii: ".") : UInt8(ascii: "/")) else { return nil }
                at += 1
                if numbers == 4 {
                    // The prefix length: digits alone to the end.
                    guard at < bytes.count, bytes[at...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
                    at = bytes.count
                }
            }
            return numbers == 4 && at == bytes.count ? (first, second) : nil
        }
    }

    /// Whether `text` holds `vpc-` followed by a hex digit in lower case (what the pattern
    /// `vpc-[0-9a-f]+` finds), read as bytes: an ASCII pattern matches UTF-8 as it matches UTF-16.
    static func writesVPCId(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard bytes.count >= 5 else { return false }
            for at in 0...(bytes.count - 5)
            where bytes[at] == UInt8(ascii: "v") && bytes[at + 1] == UInt8(ascii: "p") && bytes[at + 2] == UInt8(ascii: "c") && bytes[at + 3] == UInt8(ascii: "-") {
                let next = bytes[at + 4]
                if (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) || (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "f")) { return true }
            }
            return false
        }
    }

    /// Whether a CIDR attribute names 0.0.0.0/0, as written or as worked out (`ingress.value.cidrs`
    /// in a dynamic block, a variable).
    static func opensToTheWorld(_ expression: TerraformExpression?) -> Bool {
        guard let expression else { return false }
        if expression.text.containsBytes("0.0.0.0/0") { return true }
        switch expression.value {
        case .string(let text)?: return text == "0.0.0.0/0"
        case .list(let items)?: return items.contains(.string("0.0.0.0/0"))
        default: return false
        }
    }

    /// The metrics an alarm on the API's and the function's errors watches, by name, with their namespace.
    static let errorMetrics = ["5XXError": "AWS/ApiGateway", "Errors": "AWS/Lambda"]

    /// The first alarm on API Gateway's 5XXError or Lambda's Errors the code declares, in its
    /// namespace (AWS/ApiGateway, AWS/Lambda; one the code does not make known may be right).
    static func errorAlarm(_ config: TerraformConfiguration) -> TerraformBlock? {
        func watches(_ metric: TerraformBlock) -> Bool {
            guard let name = metric["metric_name"]?.value?.string, let namespace = errorMetrics[name] else { return false }
            // A metric alarm needs its namespace.
            guard let written = metric["namespace"] else { return false }
            return written.value?.string.map { $0 == namespace } ?? true
        }
        return config.resources("aws_cloudwatch_metric_alarm").first { alarm in
            watches(alarm) || alarm.blocks("metric_query").flatMap { $0.blocks("metric") }.contains(where: watches)
        }
    }

    /// Whether a target group is an ALB's: its protocol HTTP or HTTPS, or not known from the code.
    static func isALBTargetGroup(_ group: TerraformBlock) -> Bool {
        guard let written = group.set("protocol") else { return true }
        guard let name = written.value?.string?.uppercased() else { return true }
        return name == "HTTP" || name == "HTTPS"
    }

    static func covers443(_ rule: TerraformBlock) -> Bool {
        guard let from = rule["from_port"]?.value?.string.flatMap(Int.init), let to = rule["to_port"]?.value?.string.flatMap(Int.init) else { return false }
        return (from...max(from, to)).contains(443) || (from == 0 && to == 0 && rule["protocol"]?.value?.string == "-1")
    }

    static func accepts403(_ matcher: String) -> Bool {
        matcher.split(separator: ",").contains { part in
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            // A reversed range ("500-200") matches nothing, as AWS rejects it; it must not trap.
            if bounds.count == 2 { return bounds[0] <= 403 && 403 <= bounds[1] }
            return bounds.first == 403
        }
    }

    /// Whether part of an expression may never be evaluated, or its errors be caught: inside `try()`
    /// or `can()`, or a branch of a conditional. An invalid index there need not fail the plan.
    ///
    /// Read from the text: a `?`, `try(` or `can(` of the code counts, and so does a template's
    /// `%{ if }`; one in the text of a string, a heredoc or a comment does not
    /// (`"${aws_lb.x[2].dns_name}/?q=1"` still fails the plan). The `${ }` of a string or a heredoc
    /// is code.
    static func mayNotBeEvaluated(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        /// What encloses the current byte: code, the text of a quoted string, or the text of a heredoc
        /// (until a line of its marker alone). `${` and `%{` in text open code that its `}` closes.
        enum Enclosing { case code, quoted, heredoc([UInt8]) }
        var enclosing: [Enclosing] = [.code]
        var index = 0
        func at(_ offset: Int) -> UInt8 { offset >= 0 && offset < bytes.count ? bytes[offset] : 0 }
        func startsName(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") }
        func isNameByte(_ byte: UInt8) -> Bool { startsName(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        func matches(_ word: String, at offset: Int) -> Bool { word.utf8.enumerated().allSatisfy { at(offset + $0.offset) == $0.element } }
        /// `try(` or `can(` (blanks allowed before the parenthesis) starting a name: `retry(` and `x-try(`
        /// are other names, `1-try(` is a subtraction.
        func isGuardCall(at offset: Int) -> Bool {
            guard matches("try", at: offset) || matches("can", at: offset) else { return false }
            var after = offset + 3
            while isBlank(at(after)) { after += 1 }
            guard at(after) == UInt8(ascii: "(") else { return false }
            var start = offset
            while start > 0 && isNameByte(bytes[start - 1]) { start -= 1 }
            return start == offset || !startsName(bytes[start])
        }
        /// Where the line starting at `offset` ends when it holds `marker` alone (blanks around it),
        /// else nil.
        func markerLineEnd(_ marker: [UInt8], from offset: Int) -> Int? {
            var position = offset
            while isBlank(at(position)) { position += 1 }
            guard position + marker.count <= bytes.count, bytes[position..<position + marker.count].elementsEqual(marker) else { return nil }
            position += marker.count
            while isBlank(at(position)) || at(position) == UInt8(ascii: "\r") { position += 1 }
            return position >= bytes.count || at(position) == UInt8(ascii: "\n") ? position : nil
        }
        /// At `${` or `%{` of text (not `$${` or `%%{`): opens code; a `%{ if` directive is a conditional.
        func opensCode(at offset: Int) -> (opens: Bool, conditional: Bool) {
            let byte = at(offset)
            guard byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), at(offset + 1) == UInt8(ascii: "{"), at(offset - 1) != byte else { return (false, false) }
            var word = offset + 2
            if at(word) == UInt8(ascii: "~") { word += 1 }
            while isBlank(at(word)) || at(word) == UInt8(ascii: "\n") || at(word) == UInt8(ascii: "\r") { word += 1 }
            return (true, byte == UInt8(ascii: "%") && matches("if", at: word) && !isNameByte(at(word + 2)))
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch enclosing[enclosing.count - 1] {
            case .quoted, .heredoc:
                if case .heredoc(let marker) = enclosing[enclosing.count - 1], byte == UInt8(ascii: "\n"), let end = markerLineEnd(marker, from: index + 1) {
                    enclosing.removeLast()
                    index = end
                    continue
                }
                if case .quoted = enclosing[enclosing.count - 1] {
                    if byte == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if byte == UInt8(ascii: "\"") {
                        enclosing.removeLast()
                        index += 1
                        continue
                    }
                }
                let (opens, conditional) = opensCode(at: index)
                if conditional { return true }
                if opens {
                    enclosing.append(.code)
                    index += 2
                    continue
                }
                index += 1
            case .code:
                switch byte {
                case UInt8(ascii: "?"): return true
                case UInt8(ascii: "\""): enclosing.append(.quoted)
                case UInt8(ascii: "{"): enclosing.append(.code)
                case UInt8(ascii: "}"): if enclosing.count > 1 { enclosing.removeLast() }
                case UInt8(ascii: "#"),
                    UInt8(ascii: "/") where at(index + 1) == UInt8(ascii: "/"):
                    while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    continue
                case UInt8(ascii: "/") where at(index + 1) == UInt8(ascii: "*"):
                    index += 2
                    while index < bytes.count && !(bytes[index] == UInt8(ascii: "*") && at(index + 1) == UInt8(ascii: "/")) { index += 1 }
                    index += 2
                    continue
                case UInt8(ascii: "<") where at(index + 1) == UInt8(ascii: "<"):
                    // `<<MARKER` or `<<-MARKER` and the end of the line: the heredoc's text follows.
                    var start = index + 2
                    if at(start) == UInt8(ascii: "-") { start += 1 }
                    var end = start
                    while end < bytes.count && isNameByte(bytes[end]) { end += 1 }
                    var lineEnd = end
                    if at(lineEnd) == UInt8(ascii: "\r") { lineEnd += 1 }
                    if end > start && at(lineEnd) == UInt8(ascii: "\n") {
                        enclosing.append(.heredoc(Array(bytes[start..<end])))
                        index = lineEnd
                        continue
                    }
                default:
                    if isGuardCall(at: index) { return true }
                }
                index += 1
            }
        }
        return false
    }

    /// Whether two instance keys name the same instance: Terraform converts `["1"]` to `[1]` for a list
    /// of instances and `[1]` to `["1"]` for a map of them.
    static func sameIndex(_ a: String, _ b: String) -> Bool {
        func plain(_ key: String) -> Substring {
            let inner = key.dropFirst().dropLast()
            if inner.count >= 3, inner.first == "\"", inner.last == "\"", inner.dropFirst().dropLast().allSatisfy(\.isASCII), Int(inner.dropFirst().dropLast()) != nil {
                return inner.dropFirst().dropLast()
            }
            return inner
        }
        return plain(a) == plain(b)
    }

    /// Whether a top-level block's attributes hold values (`takesValues(block:attribute:)` says which
    /// do): a switch, not a set, as it is asked for every block of a configuration.
    static func takesValues(_ kind: String) -> Bool {
        switch kind {
        case "resource", "data", "module", "output", "locals", "variable", "provider", "check": true
        default: false
        }
    }

    /// Whether an attribute holds values, where a name written alone is no value: not the meta-arguments
    /// that take bare names (`provider = aws`, a module's `providers`, `ignore_changes = all` or
    /// `[tags]`, a dynamic block's `iterator`, a provisioner's `when = destroy` and `on_failure`), not a
    /// variable's `type` (`string`, `list(string)`), nor the blocks that name addresses (`moved`,
    /// `import`, `removed`) or settings (`terraform`).
    static func takesValues(block: String, attribute: String) -> Bool {
        switch (block, attribute) {
        case (_, "provider"), ("module", "providers"), ("lifecycle", "ignore_changes"), ("dynamic", "iterator"), ("provisioner", "when"),
            ("provisioner", "on_failure"), ("variable", "type"):
            return false
        default: return true
        }
    }

    /// The address a reference needs declared, or nil for references that are not to declarations
    /// the review can check (locals, module outputs, `each`, `count`...).
    static func declarable(_ reference: TerraformReference) -> String? {
        // A resource or a data source first (most references are): its type is known then.
        if let type = reference.resourceType {
            return type.hasASCIIPrefix("aws_") || reference.root == "data" ? reference.target : nil
        }
        switch reference.root {
        case "var", "data", "local": return reference.target
        default: return nil
        }
    }

    /// Whether a listener rule matches every request: no condition but a path pattern or host header
    /// of `*` or `/*`.
    static func matchesEveryRequest(_ rule: TerraformBlock) -> Bool {
        rule.blocks("condition").allSatisfy { condition in
            condition.attributeList.isEmpty
                && condition.blocks.allSatisfy { test in
                    ["path_pattern", "host_header"].contains(test.kind) && (test["values"]?.value?.list?.allSatisfy { ["*", "/*"].contains($0.string ?? "") } ?? false)
                }
        }
    }

    /// Whether an expression passes a value in from outside the resource: it reads a variable, a local
    /// value or a module output and no resource.
    static func passedIn(_ expression: TerraformExpression) -> Bool {
        !expression.references.isEmpty && expression.references.allSatisfy { ["var", "local", "module"].contains($0.root) }
    }

    static func allExpressions(_ block: TerraformBlock) -> [TerraformExpression] {
        var expressions: [TerraformExpression] = []
        forEachExpression(block) { expressions.append($0) }
        return expressions
    }

    static func allText(_ block: TerraformBlock) -> [String] {
        block.attributeList.map { "\($0.name) \($0.expression.text)" } + block.blocks.flatMap { ["\($0.kind)"] + allText($0) }
    }

    /// The values of `aws:SourceVpce` conditions in a policy document, as written.
    /// What the pattern `(?i)"?aws:sourcevpce"?\s*[:=]\s*("[^"]*"|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_.\[\]]*)` captures,
    /// read by hand (a regular expression took a tenth of a large review): the key in any case, an
    /// optional quote, `:` or `=`, then a quoted string, a bracketed list or a reference. Runs of white
    /// space in a value are shown as one space: a list written over several lines (a heredoc, a JSON
    /// document) is shown on one.
    static func sourceVpceValues(_ text: String) -> [String] {
        // ASCII text, most policies, is read as its bytes in place; other text as an array of scalars.
        if let values = text.withUTF8Bytes({ bytes in bytes.allSatisfy { $0 < 0x80 } ? sourceVpceValues(in: ASCIIScalars(bytes: bytes)) : nil }) {
            return values
        }
        return sourceVpceValues(in: Array(text.unicodeScalars))
    }

    /// The scalars of ASCII text: its bytes.
    private struct ASCIIScalars: RandomAccessCollection {
        let bytes: UnsafeBufferPointer<UInt8>
        var startIndex: Int { 0 }
        var endIndex: Int { bytes.count }
        subscript(position: Int) -> Unicode.Scalar { Unicode.Scalar(bytes[position]) }
    }

    private static func sourceVpceValues<Scalars: RandomAccessCollection<Unicode.Scalar>>(in scalars: Scalars) -> [String] where Scalars.Index == Int {
        let key = Array("aws:sourcevpce".unicodeScalars)
        let count = scalars.count
        // `\s` as ICU reads it: Unicode's White_Space (tabs, line ends, spaces, separators, U+0085).
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || ("\t"..."\r").contains(scalar) : scalar.properties.isWhitespace
        }
        func skipSpace(_ index: Int) -> Int {
            var index = index
            while index < count, isSpace(scalars[index]) { index += 1 }
            return index
        }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        func keyStarts(at index: Int) -> Bool {
            guard index + key.count <= count else { return false }
            for offset in 0..<key.count {
                let wanted = key[offset], found = scalars[index + offset]
                // Letters in either case, and the long s (U+017F), which case folding makes an s; the colon as it is.
                let same = isLetter(wanted) ? (isLetter(found) && found.value | 0x20 == wanted.value) || (wanted == "s" && found == "\u{017F}") : found == wanted
                if !same { return false }
            }
            return true
        }
        // A case-insensitive pattern's letter classes take in what case folding makes a letter: the
        // long s (U+017F) and the Kelvin sign (U+212A).
        func isFoldedLetter(_ scalar: Unicode.Scalar) -> Bool { isLetter(scalar) || scalar == "\u{017F}" || scalar == "\u{212A}" }
        func isReferenceStart(_ scalar: Unicode.Scalar) -> Bool { isFoldedLetter(scalar) || scalar == "_" }
        func isReferenceCharacter(_ scalar: Unicode.Scalar) -> Bool {
            isFoldedLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "." || scalar == "[" || scalar == "]"
        }
        var values: [String] = []
        var index = 0
        while index < count {
            // The key starts with `a` or `A` and nothing else: most of a document is passed over here.
            let first = scalars[index].value
            guard first == 0x61 || first == 0x41, keyStarts(at: index) else {
                index += 1
                continue
            }
            var next = index + key.count
            if next < count, scalars[next] == "\"" { next += 1 }
            next = skipSpace(next)
            guard next < count, scalars[next] == ":" || scalars[next] == "=" else {
                index += 1
                continue
            }
            let start = skipSpace(next + 1)
            var end: Int?
            if start < count {
                switch scalars[start] {
                case "\"": end = scalars[(start + 1)...].firstIndex(of: "\"").map { $0 + 1 }
                case "[": end = scalars[(start + 1)...].firstIndex(of: "]").map { $0 + 1 }
                case let first where isReferenceStart(first):
                    var stop = start + 1
                    while stop < count, isReferenceCharacter(scalars[stop]) { stop += 1 }
                    end = stop
                default: end = nil
                }
            }
            guard let end else {
                index += 1
                continue
            }
            // Gathered as UTF-8 bytes: appending to a string's scalars cost most of this function.
            var value: [UInt8] = []
            value.reserveCapacity(end - start)
            var inSpace = false
            for scalar in scalars[start..<end] {
                if isSpace(scalar) {
                    if !inSpace { value.append(UInt8(ascii: " ")) }
                    inSpace = true
                } else {
                    if scalar.isASCII { value.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { value.append($0) } }
                    inSpace = false
                }
            }
            values.append(String(decoding: value, as: UTF8.self))
            index = end
        }
        return values
    }
}

/// What a finding about an undeclared reference lists as declared, each list worked out once for a
/// review: of the same kind, type and module, at most 8, `...` after them when there are more; local
/// values sorted, the closest to the name written first. A configuration of thousands of references to
/// what is not declared asked for every list again for each (2,000 undeclared local values: 3.6 s),
/// and listed every resource of the type (2,000 buckets: 82 MB of JSON). The declarations are grouped
/// by module once, not filtered again for each module.
final class DeclaredNames: @unchecked Sendable {
    private let config: TerraformConfiguration
    private let lock = NSLock()
    /// By kind and type, then module: the addresses, in the order declared.
    private var declarationsByModule: [String: [String: [String]]] = [:]
    private var declarations: [String: String] = [:]
    /// By `local.` prefix (`module.a.local.`): the names sorted, and by the length of their lowercased
    /// text, each list sorted.
    private var localNames: [String: (sorted: [String], byLength: [Int: [String]])]?

    /// At most this many local values of about the right length are compared with the name written:
    /// past that, none is put first (each comparison is an edit distance).
    static let closestLimit = 256

    init(_ config: TerraformConfiguration) { self.config = config }

    /// The resources (or data sources) of the reference's type in its module: `aws_lb.a, aws_lb.b`.
    func declarations(like reference: TerraformReference) -> String {
        let type = reference.resourceType ?? reference.root
        let kind = "\(reference.root == "data" ? "data" : "resource") \(type)"
        let key = "\(kind) \(reference.module)"
        if let known = lock.withLock({ declarations[key] }) { return known }
        let byModule =
            lock.withLock({ declarationsByModule[kind] })
            ?? {
                var byModule: [String: [String]] = [:]
                for block in reference.root == "data" ? config.data(type) : config.resources(type) { byModule[block.module, default: []].append(block.address) }
                lock.withLock { declarationsByModule[kind] = byModule }
                return byModule
            }()
        let names = byModule[reference.module] ?? []
        let text = names.isEmpty ? "no \(reference.root == "data" ? "data source " : "")\(type) at all" : Self.listed(names)
        lock.withLock { declarations[key] = text }
        return text
    }

    /// The local values of the reference's module, the closest to the name written first.
    func locals(like reference: TerraformReference) -> String {
        let prefix = reference.module + "local."
        let groups =
            lock.withLock({ localNames })
            ?? {
                // `module.a.local.x` under `module.a.local.`: a name holds no dot.
                var grouped: [String: [String]] = [:]
                for local in config.declaredLocals ?? [] {
                    guard let dot = local.lastIndex(of: "."), local[...dot].hasSuffix("local.") else { continue }
                    grouped[String(local[...dot]), default: []].append(String(local[local.index(after: dot)...]))
                }
                let groups = grouped.mapValues { names -> (sorted: [String], byLength: [Int: [String]]) in
                    let sorted = names.sorted()
                    return (sorted, Dictionary(grouping: sorted) { $0.lowercased().count })
                }
                lock.withLock { localNames = groups }
                return groups
            }()
        guard let names = groups[prefix] else { return "no local values at all" }
        let typed = String(reference.target?.dropFirst(prefix.count) ?? "")
        // A name more edits away than `Suggestion.closest` allows is never the closest: only names
        // whose length is within that many of the typed one's are compared.
        let limit = Suggestion.limit(for: typed)
        let length = typed.lowercased().count
        let near = (length - limit...length + limit).flatMap { names.byLength[$0] ?? [] }
        let hint = near.count <= Self.closestLimit ? Suggestion.closest(to: typed, in: near) : nil
        let first = ((hint.map { [$0] } ?? []) + names.sorted.lazy.filter { $0 != hint }.prefix(8)).prefix(8)
        return first.joined(separator: ", ") + (names.sorted.count > 8 ? ", ..." : "")
    }

    /// The first 8 names, and `...` when there are more.
    private static func listed(_ names: [String]) -> String {
        names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", ..." : "")
    }
}
