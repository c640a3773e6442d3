import Foundation

/// The resources the recognizer and the review look at, gathered once, with the wiring between
/// them indexed by what refers to what: every question ("which listeners name this ALB?") is a
/// dictionary look-up and a check of the few candidates, so a review stays linear in the size of
/// the configuration however many ALBs, target groups and APIs it declares.
///
/// Safe to share between threads (`@unchecked`): everything is worked out in `init` but the listeners
/// and target groups of each ALB, which are kept under a lock once worked out; the review asks
/// about the ALBs of a large configuration on every core.
package final class Inventory: @unchecked Sendable {
    let config: TerraformConfiguration
    let albs: [TerraformBlock]
    let targetGroups: [TerraformBlock]
    let listeners: [TerraformBlock]
    let rules: [TerraformBlock]
    let attachmentBlocks: [TerraformBlock]
    let endpoints: [TerraformBlock]
    /// Every `aws_vpc_endpoint` whose service is execute-api, Interface or not.
    let apiEndpoints: [TerraformBlock]
    let privateAPIs: [TerraformBlock]
    let policies: [TerraformBlock]
    let functions: [TerraformBlock]
    let domains: [TerraformBlock]
    let integrations: [TerraformBlock]
    let associations: [TerraformBlock]
    let mappings: [TerraformBlock]
    let records: [TerraformBlock]
    let vpcs: [TerraformBlock]
    let hasCustomDomain: Bool
    /// Whether a custom domain name's endpoint type is not known from the code.
    let domainTypeUnknown: Bool

    /// `blocks` indexed by the targets (`aws_lb.x`, `module.m.aws_lb.this`) their attribute refers to.
    struct Referrers {
        let blocks: [TerraformBlock]
        private var byTarget: [String: [Int]] = [:]

        init(_ blocks: [TerraformBlock], attributes: [String]?) {
            self.blocks = blocks
            // Each block once under each target it names: a block names one or two (room for one each,
            // made once: grown from empty, the table moved its keys at every doubling).
            byTarget.reserveCapacity(blocks.count)
            var seen: [String] = []
            for (index, block) in blocks.enumerated() {
                seen.removeAll(keepingCapacity: true)
                func add(_ expression: TerraformExpression) {
                    for reference in expression.references {
                        guard let target = reference.target, !seen.contains(target) else { continue }
                        seen.append(target)
                        byTarget[target, default: []].append(index)
                    }
                }
                if let attributes {
                    for attribute in attributes { block[attribute].map(add) }
                } else {
                    TerraformReview.allExpressions(block).forEach(add)
                }
            }
        }

        /// The blocks whose indexed attribute refers to `target` (the instance its key names, or any).
        func referring(to target: TerraformBlock, through attribute: String? = nil) -> [TerraformBlock] {
            guard let indexes = byTarget[target.baseAddress] else { return [] }
            // Asked for every design instance: no list is made but the answer.
            var found: [TerraformBlock] = []
            for index in indexes {
                let refers =
                    if let attribute { blocks[index][attribute]?.refers(to: target) ?? false } else {
                        TerraformReview.allExpressions(blocks[index]).contains { $0.refers(to: target) }
                    }
                if refers { found.append(blocks[index]) }
            }
            return found
        }
    }

    private let listenersOfALB: Referrers
    private let rulesOfListener: Referrers
    private let attachmentsOfGroup: Referrers
    private let policiesOfAPI: Referrers
    private let integrationsOfAPI: Referrers
    private let associationsOfDomain: Referrers
    private let mappingsOfDomain: Referrers
    private let recordsOfALB: Referrers
    /// Listeners whose load_balancer_arn names no ALB declared here.
    private let unattachedListeners: [TerraformBlock]
    /// How many ALBs each module instance holds.
    private let albsPerModule: [String: Int]
    private let groupsPerModule: [String: [TerraformBlock]]
    /// Each ALB's listeners and target groups by its address, once worked out (under `lock`).
    private var listenerCache: [String: [TerraformBlock]] = [:]
    private var groupCache: [String: [TerraformBlock]] = [:]
    /// What `DesignRecognizer.credentials` gives for a provider configuration of a module (every
    /// design instance asks it of its front's and its application's), once worked out (under `lock`).
    private var credentialCache: [CredentialsKey: [String]?] = [:]
    private struct CredentialsKey: Hashable {
        let provider: String
        let module: String
    }
    private let lock = NSLock()
    /// Target groups' places in source order, by address.
    private let groupOrder: [String: Int]
    /// The first alarm on API Gateway's 5XXError or Lambda's Errors the code declares.
    let errorAlarm: TerraformBlock?
    /// Whether such an alarm is declared, or may be, in a file not read: what quiets a rule that asks
    /// for one. Only a declared one (`errorAlarm`) reaches the analysis.
    var alarmsOnErrors: Bool { errorAlarm != nil || config.mayDeclareElsewhere("aws_cloudwatch_metric_alarm") }

    /// Whether an endpoint's service is execute-api: its service_name says so as written or as worked
    /// out, or names a `data "aws_vpc_endpoint_service"` whose service is execute-api (terraform-aws-vpc's
    /// vpc-endpoints module looks the name up that way).
    static func servesExecuteAPI(_ endpoint: TerraformBlock, config: TerraformConfiguration) -> Bool {
        guard let name = endpoint["service_name"] else { return false }
        if name.text.containsBytes("execute-api") || name.value?.string?.hasSuffix(".execute-api") == true { return true }
        return name.references.contains { reference in
            reference.root == "data" && reference.resourceType == "aws_vpc_endpoint_service"
                && config.instances(of: reference).contains { service in
                    service["service"]?.value?.string == "execute-api" || service["service_name"]?.text.containsBytes("execute-api") == true
                }
        }
    }

    init(_ config: TerraformConfiguration) {
        self.config = config
        albs = (config.resources("aws_lb") + config.resources("aws_alb")).filter { ($0["load_balancer_type"]?.value?.string ?? "application") == "application" }
        targetGroups = config.resources("aws_lb_target_group") + config.resources("aws_alb_target_group")
        listeners = config.resources("aws_lb_listener") + config.resources("aws_alb_listener")
        rules = config.resources("aws_lb_listener_rule") + config.resources("aws_alb_listener_rule")
        attachmentBlocks = config.resources("aws_lb_target_group_attachment") + config.resources("aws_alb_target_group_attachment")
        apiEndpoints = config.resources("aws_vpc_endpoint").filter { Self.servesExecuteAPI($0, config: config) }
        endpoints = apiEndpoints.filter { ($0["vpc_endpoint_type"]?.value?.string ?? "Gateway").lowercased() == "interface" }
        privateAPIs = config.resources("aws_api_gateway_rest_api").filter(Self.isPrivate)
        policies = config.resources("aws_api_gateway_rest_api_policy")
        functions = config.resources("aws_lambda_function")
        let allDomains = config.resources("aws_api_gateway_domain_name")
        hasCustomDomain = !allDomains.isEmpty
        domains = allDomains.filter(Self.isPrivate)
        domainTypeUnknown = allDomains.contains { Self.privacy($0) == nil }
        integrations = config.resources("aws_api_gateway_integration")
        associations = config.resources("aws_api_gateway_domain_name_access_association")
        mappings = config.resources("aws_api_gateway_base_path_mapping")
        records = config.resources("aws_route53_record").filter { ($0["type"]?.value?.string ?? "").uppercased() == "CNAME" }
        vpcs = config.resources("aws_vpc")

        // The indexes of who refers to whom, each built on whichever core is free.
        let indexed: [(blocks: [TerraformBlock], attributes: [String]?)] = [
            (listeners, ["load_balancer_arn"]), (rules, ["listener_arn"]), (attachmentBlocks, ["target_group_arn"]), (policies, ["rest_api_id"]),
            (integrations, ["rest_api_id"]), (associations, ["domain_name_arn"]), (mappings, ["domain_name", "domain_name_id"]), (records, ["records"]),
            (config.resources("aws_ecs_service"), nil),
        ]
        let referrers = Parallel.ranges(count: indexed.count, chunk: 1) { range in Referrers(indexed[range.lowerBound].blocks, attributes: indexed[range.lowerBound].attributes) }
        (listenersOfALB, rulesOfListener, attachmentsOfGroup, policiesOfAPI) = (referrers[0], referrers[1], referrers[2], referrers[3])
        (integrationsOfAPI, associationsOfDomain, mappingsOfDomain, recordsOfALB) = (referrers[4], referrers[5], referrers[6], referrers[7])
        servicesRegistering = referrers[8]
        let albTargets = Set(albs.map(\.baseAddress))
        unattachedListeners = listeners.filter { listener in
            guard let arn = listener["load_balancer_arn"] else { return true }
            return !arn.references.contains { $0.target.map(albTargets.contains) ?? false }
        }
        var albsPerModule: [String: Int] = [:]
        for alb in albs { albsPerModule[alb.module, default: 0] += 1 }
        self.albsPerModule = albsPerModule
        groupsPerModule = Dictionary(grouping: targetGroups, by: \.module)
        var order: [String: Int] = [:]
        for (index, group) in targetGroups.enumerated() where order[group.address] == nil { order[group.address] = index }
        groupOrder = order
        errorAlarm = TerraformReview.errorAlarm(config)
        endpointIndex = Index(endpoints)
        apiEndpointIndex = Index(apiEndpoints)
        functionIndex = Index(functions)
        privateAPIIndex = Index(privateAPIs)
        privateAPIsByAddress = Dictionary(privateAPIs.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        // The private REST APIs whose policy (or policy resource) names an endpoint, by its address.
        var apisByEndpoint: [String: [TerraformBlock]] = [:]
        for api in privateAPIs {
            for holder in [api] + policiesOfAPI.referring(to: api, through: "rest_api_id") {
                for reference in holder["policy"]?.references ?? [] where reference.resourceType == "aws_vpc_endpoint" {
                    if let target = reference.target { apisByEndpoint[target, default: []].append(api) }
                }
            }
        }
        self.apisByEndpoint = apisByEndpoint
    }

    /// Candidates indexed by base address, so that a reference is looked up, not scanned for.
    struct Index {
        let candidates: [TerraformBlock]
        let byBase: [String: [Int]]

        init(_ candidates: [TerraformBlock]) {
            self.candidates = candidates
            byBase = Dictionary(grouping: candidates.indices, by: { candidates[$0].baseAddress })
        }
    }

    private let endpointIndex: Index
    let apiEndpointIndex: Index
    private let functionIndex: Index
    let privateAPIIndex: Index
    private let privateAPIsByAddress: [String: TerraformBlock]

    /// The private REST API with this address, if it is one.
    func privateAPI(address: String) -> TerraformBlock? { privateAPIsByAddress[address] }

    /// Whether an API or a domain name's endpoint type is PRIVATE: by the value of `types` when the
    /// code makes it known (`var.private ? ["PRIVATE"] : ["REGIONAL"]` with private false is not),
    /// else by its text (a plan's value known after apply, a variable with no value).
    static func isPrivate(_ block: TerraformBlock) -> Bool { privacy(block) == true }

    /// Whether the endpoint type is PRIVATE; nil when the code does not say (`types = [var.t]` with no
    /// value): such a domain is neither judged private nor taken for a Regional one.
    static func privacy(_ block: TerraformBlock) -> Bool? {
        var unknown = false
        for configuration in block.blocks("endpoint_configuration") {
            guard let types = configuration["types"] else { continue }
            if let items = types.value?.list, !items.contains(.unknown) {
                if items.contains(where: { $0.string == "PRIVATE" }) { return true }
            } else if types.text.containsBytes("PRIVATE") {
                return true
            } else {
                unknown = true
            }
        }
        return unknown ? nil : false
    }

    func referenced(_ expression: TerraformExpression?, in index: Index) -> TerraformBlock? {
        guard let expression else { return nil }
        let candidates = index.candidates
        var best: Int?
        for reference in expression.references {
            guard let target = reference.target, let positions = index.byBase[target] else { continue }
            for position in positions where candidates[position].isReferenced(by: reference) {
                best = min(best ?? position, position)
                break
            }
        }
        return best.map { candidates[$0] }
    }

    // MARK: - Wiring

    /// How the provider configuration `provider` of `module` signs in (`DesignRecognizer.credentials`).
    func credentials(of provider: String, module: String) -> [String]? {
        let key = CredentialsKey(provider: provider, module: module)
        if let cached = lock.withLock({ credentialCache[key] }) { return cached }
        let credentials = DesignRecognizer.credentials(of: provider, module: module, in: config)
        lock.withLock { credentialCache[key] = .some(credentials) }
        return credentials
    }

    /// The listeners of `alb`: those whose load_balancer_arn names it; with one ALB, also those that
    /// name none (an ARN passed in from elsewhere).
    func listeners(of alb: TerraformBlock) -> [TerraformBlock] {
        if let cached = lock.withLock({ listenerCache[alb.address] }) { return cached }
        var own = listenersOfALB.referring(to: alb, through: "load_balancer_arn")
        if albs.count == 1 {
            let wanted = Set((own + unattachedListeners).map(\.address))
            own = listeners.filter { wanted.contains($0.address) }
        }
        lock.withLock { listenerCache[alb.address] = own }
        return own
    }

    /// The target groups `alb`'s listeners and their rules forward to. When they name none the code
    /// declares (or there is no listener): every target group if it is the only ALB, else those of
    /// its module instance if it is the only ALB there.
    func targetGroups(of alb: TerraformBlock) -> [TerraformBlock] {
        if let cached = lock.withLock({ groupCache[alb.address] }) { return cached }
        let own = listeners(of: alb)
        var actions = own.flatMap { TerraformReview.allExpressions($0) }
        for listener in own { actions += rules(of: listener).flatMap { TerraformReview.allExpressions($0) } }
        var named: [TerraformBlock] = []
        var seen: Set<String> = []
        for reference in actions.flatMap(\.references) where reference.resourceType == "aws_lb_target_group" || reference.resourceType == "aws_alb_target_group" {
            for group in config.instances(of: reference) where seen.insert(group.address).inserted { named.append(group) }
        }
        let result: [TerraformBlock]
        if !named.isEmpty {
            result = named.sorted { (groupOrder[$0.address] ?? 0) < (groupOrder[$1.address] ?? 0) }
        } else if albs.count == 1 {
            result = targetGroups
        } else if albsPerModule[alb.module] == 1 {
            result = groupsPerModule[alb.module] ?? []
        } else {
            result = []
        }
        lock.withLock { groupCache[alb.address] = result }
        return result
    }

    func attachments(to group: TerraformBlock) -> [TerraformBlock] { attachmentsOfGroup.referring(to: group, through: "target_group_arn") }

    func rules(of listener: TerraformBlock) -> [TerraformBlock] { rulesOfListener.referring(to: listener, through: "listener_arn") }

    /// The execute-api endpoint whose IPs `group` holds, as its attachments name it (directly or
    /// through a data "aws_network_interface"); nil when they name none.
    func endpoint(registeredIn group: TerraformBlock) -> TerraformBlock? {
        guard !endpoints.isEmpty else { return nil }
        for attachment in attachments(to: group) {
            guard let target = attachment["target_id"] else { continue }
            if let endpoint = referenced(target, in: endpointIndex) { return endpoint }
            for reference in target.references where reference.resourceType == "aws_network_interface" {
                guard let nic = config.block(for: reference) else { continue }
                for expression in TerraformReview.allExpressions(nic) {
                    if let endpoint = referenced(expression, in: endpointIndex) { return endpoint }
                }
            }
        }
        return nil
    }

    /// Whether an ECS service registers its tasks into `group` (its load_balancer's target_group_arn).
    func registeredByService(_ group: TerraformBlock) -> Bool {
        servicesRegistering.referring(to: group).contains { service in
            service.blocks("load_balancer").contains { $0["target_group_arn"]?.refers(to: group) == true }
        }
    }
    /// ECS services indexed by what their expressions refer to.
    private let servicesRegistering: Referrers

    /// The private REST API reached through `endpoint`: the one whose policy names it, else the first.
    func api(reachedThrough endpoint: TerraformBlock) -> TerraformBlock? {
        let candidates = apisByEndpoint[endpoint.baseAddress] ?? []
        return candidates.first { api in ([api] + apiPolicies(of: api)).contains { $0["policy"]?.refers(to: endpoint) ?? false } } ?? privateAPIs.first
    }
    private let apisByEndpoint: [String: [TerraformBlock]]

    func integrations(of api: TerraformBlock) -> [TerraformBlock] { integrationsOfAPI.referring(to: api, through: "rest_api_id") }

    func apiPolicies(of api: TerraformBlock) -> [TerraformBlock] { policiesOfAPI.referring(to: api, through: "rest_api_id") }

    /// The function an API's integrations invoke (directly or through an alias). Without integrations,
    /// the one function declared; nil when the integrations name none declared here or there are
    /// several to choose from: its defaults apply, never another function's figures.
    func function(integratedWith api: TerraformBlock) -> TerraformBlock? {
        let integrations = integrations(of: api)
        for integration in integrations {
            if let function = function(named: integration["uri"]) { return function }
        }
        return integrations.isEmpty && functions.count == 1 ? functions[0] : nil
    }

    /// The function a lambda target group's attachments register (directly or through an alias).
    /// Without attachments, the one function declared; nil when the attachments name none declared
    /// here (a data source, a variable, a module output not followed) or there are several.
    func function(behind group: TerraformBlock) -> TerraformBlock? {
        let attachments = attachments(to: group)
        for attachment in attachments {
            if let function = function(named: attachment["target_id"]) { return function }
            // `target_id = each.value.target_id` (terraform-aws-alb's way): what the for_each ranges over
            // names the function, when it names one function and no other.
            guard attachment["target_id"]?.references.contains(where: { $0.root == "each" }) == true, let forEach = attachment["for_each"] else { continue }
            var named: [String: TerraformBlock] = [:]
            for reference in forEach.references where reference.resourceType == "aws_lambda_function" && reference.root != "data" {
                if let function = config.block(for: reference), function.kind == "resource" { named[function.address] = function }
            }
            if named.count == 1 { return named.values.first }
        }
        return attachments.isEmpty && functions.count == 1 ? functions[0] : nil
    }

    /// The function an ARN expression names: an `aws_lambda_function`, or an `aws_lambda_alias` of one.
    private func function(named expression: TerraformExpression?) -> TerraformBlock? {
        if let function = referenced(expression, in: functionIndex) { return function }
        for reference in expression?.references ?? [] where reference.resourceType == "aws_lambda_alias" {
            if let alias = config.block(for: reference), let function = referenced(alias["function_name"], in: functionIndex) { return function }
        }
        return nil
    }

    /// The access associations that name `domain` (by its ARN).
    func accessAssociations(of domain: TerraformBlock) -> [TerraformBlock] { associationsOfDomain.referring(to: domain, through: "domain_name_arn") }

    /// The execute-api endpoint a private custom domain name is reached through: the one its access
    /// association names (among the Interface endpoints, or every execute-api one with `anyType`).
    func associatedEndpoint(of domain: TerraformBlock, anyType: Bool = false) -> TerraformBlock? {
        for association in accessAssociations(of: domain) {
            if let endpoint = referenced(association["access_association_source"], in: anyType ? apiEndpointIndex : endpointIndex) { return endpoint }
        }
        return nil
    }

    /// The base path mappings of `domain`.
    func mappings(of domain: TerraformBlock) -> [TerraformBlock] { mappingsOfDomain.referring(to: domain) }

    /// A Route 53 CNAME record whose target is `alb`'s DNS name: every query to it is billed.
    func cname(to alb: TerraformBlock) -> TerraformBlock? { recordsOfALB.referring(to: alb, through: "records").first }

    /// A Route 53 CNAME record to any ALB (an application load balancer: not a network one, which
    /// the rule's words would misname).
    var cnameToAnyALB: TerraformBlock? {
        let addresses = Set(albs.map(\.baseAddress))
        return records.first { $0["records"]?.references.contains { $0.target.map(addresses.contains) ?? false } ?? false }
    }

    /// The VPCs an instance's parts name (through vpc_id, or their subnets'); with one VPC declared, that one.
    func vpcs(of parts: [TerraformBlock]) -> [TerraformBlock] {
        if vpcs.count <= 1 { return vpcs }
        var found: [TerraformBlock] = []
        var seen: Set<String> = []
        func add(_ expression: TerraformExpression?) {
            for reference in expression?.references ?? [] where reference.resourceType == "aws_vpc" {
                for vpc in config.instances(of: reference) where seen.insert(vpc.address).inserted { found.append(vpc) }
            }
        }
        func addSubnets(_ expression: TerraformExpression?) {
            for reference in expression?.references ?? [] where reference.resourceType == "aws_subnet" {
                for subnet in config.instances(of: reference) { add(subnet["vpc_id"]) }
            }
        }
        for part in parts {
            add(part["vpc_id"])
            addSubnets(part["subnets"])
            addSubnets(part["subnet_ids"])
        }
        return found
    }
}
