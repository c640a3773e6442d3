import Foundation
import HCL

/// What one design instance of a configuration implements, and the scenario parameters it fixes.
package struct Recognition: Sendable, Equatable {
    /// A fact read from the code: what, its value as written or evaluated, and where.
    package struct Fact: Sendable, Equatable {
        package var name: String
        package var value: String
        package var position: SourcePosition?
    }

    /// The recognised design, or nil when the code implements none.
    package var design: DesignID?
    /// The resource clients reach first (the ALB, or the private custom domain name): names the
    /// instance when a configuration holds several.
    package var front: String?
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
    /// The function's timeout in seconds: what the code writes, or Terraform's default, 3.
    package var lambdaTimeoutS: Int?
    package var lambdaEphemeralMB: Int?
    /// The ALB's idle timeout, when the code writes one (AWS's default, 60, is the analysis's too).
    package var albIdleTimeoutS: Int?
    /// Rules processed per request at most (`--alb-rules`): the listener rules of the ALB's listener
    /// that has the most, and its default action; nil when the code declares no listener rule.
    package var albRules: Int?
    /// The API's integration timeout in seconds, as the option takes it (`5`, `0.05`), when the code
    /// writes `timeout_milliseconds` on an integration: the shortest of the API's integrations.
    package var apigwTimeoutS: String?
    package var dnsRecord: DNSRecordType?
    /// Whether an alarm watches API Gateway's 5XXError or Lambda's Errors (`--error-alarms on`).
    package var errorAlarms = false

    /// The addresses of the instance's parts, for the checks that concern one instance.
    package var parts = Parts()
    /// The AZs of the ALB's subnets and of the endpoint's, when the code names both the same way, and
    /// the endpoint's inside and outside the ALB's: worked out once, for the review's rule and the
    /// analysis's unknown.
    package var endpointZones: EndpointZones?

    package struct EndpointZones: Sendable, Equatable {
        package var alb: [String]
        package var inside: [String]
        package var outside: [String]
    }

    package struct Parts: Sendable, Equatable {
        package var alb: String?
        package var targetGroup: String?
        package var endpoint: String?
        package var api: String?
        package var domain: String?
        package var function: String?
    }

    init(design: DesignID?, explanation: String, facts: [Fact], unknowns: [String]) {
        self.design = design
        self.explanation = explanation
        self.facts = facts
        self.unknowns = unknowns
    }
}

extension TerraformBlock {
    /// The attribute `name` when it sets a value: written as `null` (often a module's variable left
    /// at its default), an argument is not set, and the provider's default applies.
    func set(_ name: String) -> TerraformExpression? {
        guard let expression = self[name], expression.value != .null else { return nil }
        return expression
    }
}

/// Recognises which designs of the catalog a Terraform configuration implements, from the resources
/// that make up each kind of component and how they are wired: each ALB by the target groups its
/// listeners forward to, each private custom domain name by the endpoint its access association names.
package enum DesignRecognizer {
    /// The first design instance, or what is missing when there is none.
    package static func recognize(_ config: TerraformConfiguration) -> Recognition { recognizeAll(config)[0] }

    /// Every design instance, in source order; one recognition without a design when there is none.
    package static func recognizeAll(_ config: TerraformConfiguration) -> [Recognition] {
        let (designs, unknowns) = recognize(Inventory(config))
        return designs.map { design in
            var merged = design
            merged.unknowns = unknowns + design.unknowns
            return merged
        }
    }

    /// Every design instance with only its own unknowns, and the configuration's unknowns (unset
    /// variables, modules not followed) once: a configuration of a thousand instances does not carry
    /// a thousand copies of them.
    package static func recognize(_ inventory: Inventory) -> (designs: [Recognition], unknowns: [String]) {
        let config = inventory.config
        var unknowns: [String] = []
        let region = region(config, endpoints: inventory.endpoints, unknowns: &unknowns)
        for variable in config.variables where variable["default"] == nil && !config.givenVariables.contains(variable.type) {
            unknowns.append("var.\(variable.type) has no default; pass --var \(variable.type)=VALUE")
        }
        unknowns += config.notes

        var designs: [Recognition] = []
        var unmatched: [String] = []
        var claimedEndpoints: Set<String> = []
        // Each ALB on its own, on every core (a large configuration declares a thousand); gathered in
        // source order.
        let albs = inventory.albs
        for chunk in Parallel.ranges(count: albs.count, chunk: 16, { range in range.map { recognize(albs[$0], inventory: inventory) } }) {
            for found in chunk {
                designs += found.designs
                claimedEndpoints.formUnion(found.claimedEndpoints)
                if let missing = found.unmatched { unmatched.append(missing) }
            }
        }
        for domain in inventory.domains {
            let endpoint = inventory.associatedEndpoint(of: domain) ?? inventory.endpoints.first
            guard let endpoint, !inventory.privateAPIs.isEmpty else {
                let missing = [endpoint == nil ? "an Interface endpoint for execute-api" : nil, inventory.privateAPIs.isEmpty ? "a REST API with endpoint type PRIVATE" : nil]
                unmatched.append("\(domain.address), a private custom domain name, is declared, but the code lacks \(missing.compactMap { $0 }.joined(separator: ", "))")
                continue
            }
            // Reached through an ALB that forwards to the same endpoint: part of that ALB's design.
            if claimedEndpoints.contains(endpoint.address) && !inventory.accessAssociations(of: domain).isEmpty { continue }
            designs.append(privateDomain(inventory, domain: domain, endpoint: endpoint))
        }
        if designs.isEmpty {
            var none = Recognition(design: nil, explanation: "", facts: [], unknowns: [])
            none.region = region
            if let region { none.facts.append(.init(name: "region", value: region, position: nil)) }
            // Modules not read may declare a design: the answer is about the code read, and says so.
            let unread = config.unreadModules
            let readOnly = unread.isEmpty ? "" : " read"
            none.explanation =
                (unmatched.isEmpty
                    ? "no Application Load Balancer (aws_lb with load_balancer_type application) and no private custom domain name (aws_api_gateway_domain_name with endpoint type PRIVATE) in front of a private REST API and an execute-api endpoint are declared, so the code\(readOnly) implements none of the designs"
                    : unmatched.joined(separator: "; ") + ", so the code\(readOnly) implements none of the designs")
                + (unread.isEmpty
                    ? ""
                    : "; \(UnreadModule.notRead(unread)) and may declare one")
            if let alb = inventory.albs.first { albFacts(inventory, alb: alb, into: &none) }
            lambdaFacts(inventory.functions.first, into: &none)
            commonFacts(inventory, alb: inventory.albs.first, endpoint: inventory.endpoints.first, into: &none)
            return ([none], unknowns)
        }
        // Alarms on the API's and the function's errors are the configuration's: every instance's
        // analysis knows one the code declares; one that another file may declare is an unknown.
        let alarm = inventory.errorAlarm
        // Said only where it counts: an ALB in front of the endpoint and the API.
        if alarm == nil && inventory.alarmsOnErrors && designs.contains(where: { $0.parts.alb != nil && $0.parts.endpoint != nil }) {
            unknowns.append(
                "an alarm on API Gateway 5XXError or Lambda Errors may be declared where the review cannot see (another file of the directory, or a module it could not read): pass --error-alarms on if one is"
            )
        }
        let located = designs.map { design in
            var result = design
            if let alarm {
                result.errorAlarms = true
                result.facts.append(
                    .init(name: "error alarms", value: "\(alarm.address): \(alarm["metric_name"]?.value?.string ?? "a metric query")", position: alarm.position))
            }
            // A design whose front names a provider alias (provider = aws.eu) is in that provider's region.
            if let aliased = aliasRegion(of: design, config: inventory.config) {
                result.region = aliased.region
                result.facts.insert(.init(name: "region", value: "\(aliased.region) (provider \(aliased.provider))", position: aliased.position), at: 0)
                return result
            }
            result.region = region
            if let region { result.facts.insert(.init(name: "region", value: region, position: nil), at: 0) }
            return result
        }
        // ALBs that are not part of any design are named once (at most three, then how many more).
        let others = unmatched.count <= 3 ? unmatched : Array(unmatched.prefix(3)) + ["and \(unmatched.count - 3) more ALBs"]
        return (located, unknowns + others.map { "\($0): not one of the designs" })
    }

    /// What one ALB fronts: its design instances, the endpoints they claim, or what it lacks.
    private struct ALBDesigns: Sendable {
        var designs: [Recognition] = []
        var claimedEndpoints: [String] = []
        var unmatched: String?
    }

    private static func recognize(_ alb: TerraformBlock, inventory: Inventory) -> ALBDesigns {
        var result = ALBDesigns()
        let groups = inventory.targetGroups(of: alb)
        let lambdaGroups = groups.filter { $0["target_type"]?.value?.string == "lambda" }
        let ipGroups = groups.filter { $0["target_type"]?.value?.string == "ip" }
        // A group whose attachments register an endpoint's IPs is that endpoint's; only when none of
        // the ALB's groups does is one whose targets the code does not say taken for it (IPs typed
        // in, passed in), and never one an ECS service registers into.
        let traced = ipGroups.compactMap { group in inventory.endpoint(registeredIn: group).map { (group, $0) } }
        let candidates =
            !traced.isEmpty
            ? traced
            : ipGroups.filter { !inventory.registeredByService($0) }.prefix(inventory.endpoints.isEmpty ? 0 : 1).map { ($0, inventory.endpoints[0]) }
        for (group, endpoint) in candidates {
            guard let api = inventory.api(reachedThrough: endpoint) else { continue }
            result.claimedEndpoints.append(endpoint.address)
            result.designs.append(albToEndpoint(inventory, alb: alb, group: group, endpoint: endpoint, api: api))
        }
        // Several lambda target groups behind one ALB are one instance of the design: ALB to Lambda.
        if let group = lambdaGroups.first {
            result.designs.append(albToLambda(inventory, alb: alb, group: group, others: Array(lambdaGroups.dropFirst())))
        }
        if result.designs.isEmpty {
            var missing: [String] = []
            if ipGroups.isEmpty && lambdaGroups.isEmpty { missing.append("a target group of type ip (or lambda)\(groups.isEmpty ? "" : " among the ones it forwards to")") }
            if inventory.endpoints.isEmpty { missing.append("an Interface endpoint for execute-api") }
            if inventory.privateAPIs.isEmpty { missing.append("a REST API with endpoint type PRIVATE") }
            if missing.isEmpty { missing.append("a target group whose attachments register an execute-api endpoint's IPs") }
            result.unmatched = "\(alb.address) is declared, but the code lacks \(missing.joined(separator: ", "))"
        }
        return result
    }

    // MARK: - The designs

    static func albToEndpoint(_ inventory: Inventory, alb: TerraformBlock, group: TerraformBlock, endpoint: TerraformBlock, api: TerraformBlock) -> Recognition {
        let config = inventory.config
        let function = inventory.function(integratedWith: api)
        var result = Recognition(design: DesignCatalog.design(withSignatures: ["alb", "vpce", "apigw", "lambda"]), explanation: "", facts: [], unknowns: [])
        result.parts = .init(alb: alb.address, targetGroup: group.address, endpoint: endpoint.address, api: api.address, function: function?.address)
        result.front = alb.address
        result.explanation =
            "\(alb.address) forwards to \(group.address) (target type ip), which holds the IPs of \(endpoint.address) (execute-api, Interface), the endpoint of the private REST API \(api.address)"
            + (function == nil ? "; \(integrated(inventory)), so the function's defaults (128 MB, x86_64) apply" : "")
        if let record = inventory.cname(to: alb) { cnameFact(record, into: &result) }
        albFacts(inventory, alb: alb, into: &result)
        lambdaFacts(function, into: &result)
        integrationTimeout(inventory, api: api, into: &result)
        result.facts.append(
            .init(
                name: "target group", value: "\(group.address): ip, \(group["protocol"]?.value?.string ?? "protocol not set") \(group["port"]?.value?.string ?? "")",
                position: group.position))
        endpointFacts(endpoint, config: config, into: &result)
        let registration = registeredTargets(inventory, group: group, endpoint: endpoint, endpointSubnets: result.vpceSubnets)
        result.registeredTargets = registration.count
        result.targetIPs = registration.manual ? .manual : .lookup
        result.facts.append(
            .init(
                name: "registered endpoint IPs", value: "\(registration.count.map(String.init) ?? "unknown") (\(listed(registration.texts)))",
                position: registration.position))
        if let unknown = registration.unknown {
            result.unknowns.append(
                "how many endpoint IPs are registered: \(unknown) has no known value; the analysis takes every ENI as registered (--registered-targets says otherwise)")
        }
        // Zones named the same way on both sides (names and ids of zones do not compare).
        if let albSubnets = albSubnetList(alb), let (albKey, albZones) = namedZones(albSubnets, config: config), let subnetIDs = endpoint["subnet_ids"],
            let (endpointKey, endpointZones) = namedZones(subnetIDs.elements ?? [subnetIDs], config: config), albKey == endpointKey
        {
            result.endpointZones = .init(alb: albZones, inside: endpointZones.filter(albZones.contains), outside: endpointZones.filter { !albZones.contains($0) })
        }
        // The analysis places ENIs in the ALB's AZs first: it counts fewer of them there than the code
        // has only when ENIs outside stand where the ALB has an AZ with none.
        if let zones = result.endpointZones, case let outside = zones.outside, !outside.isEmpty,
            case let inside = zones.inside.count, inside < min(inside + outside.count, zones.alb.count)
        {
            // The analysis's topology has no ENI outside the ALB's AZs but the ones past its count: it
            // describes the endpoint as placed in the ALB's AZs, and says so, rather than give advice
            // (register every IP) that does not fit the code.
            result.unknowns.append(
                "\(endpoint.address) has ENIs in \(outside.joined(separator: ", ")), where the ALB has no node (endpoint-outside-alb-azs says what that does): the analysis below places the endpoint's ENIs in the ALB's AZs, as designed rather than as written, so its AZ-loss table shows "
                    + (inside > 0 ? "more ENIs carrying traffic than the \(inside) that do" : "ENIs carrying traffic, where none does")
            )
        }
        accounts(inventory, front: alb, application: [api] + (function.map { [$0] } ?? []), into: &result)
        commonFacts(inventory, alb: alb, endpoint: endpoint, into: &result)
        return result
    }

    static func albToLambda(_ inventory: Inventory, alb: TerraformBlock, group: TerraformBlock, others: [TerraformBlock] = []) -> Recognition {
        let function = inventory.function(behind: group)
        var result = Recognition(design: DesignCatalog.design(withSignatures: ["alb", "lambda"]), explanation: "", facts: [], unknowns: [])
        result.parts = .init(alb: alb.address, targetGroup: group.address, function: function?.address)
        result.front = alb.address
        result.explanation =
            "\(alb.address) forwards to \(group.address), a target group of type lambda"
            + (others.isEmpty ? "" : " (and to \(others.map(\.address).joined(separator: ", ")), of the same type)")
            + (function == nil ? "; \(registered(inventory, group: group)), so the function's defaults (128 MB, x86_64) apply" : "")
        if let record = inventory.cname(to: alb) { cnameFact(record, into: &result) }
        albFacts(inventory, alb: alb, into: &result)
        lambdaFacts(function, into: &result)
        for lambdaGroup in [group] + others {
            result.facts.append(.init(name: "target group", value: "\(lambdaGroup.address): lambda", position: lambdaGroup.position))
        }
        accounts(inventory, front: alb, application: function.map { [$0] } ?? [], into: &result)
        commonFacts(inventory, alb: alb, endpoint: nil, into: &result)
        return result
    }

    /// Why no function is read for a private API's integrations.
    static func integrated(_ inventory: Inventory) -> String {
        inventory.functions.isEmpty
            ? "no aws_lambda_function is declared"
            : "its integrations invoke no aws_lambda_function this code declares (or could not be followed to one) among the \(inventory.functions.count) declared"
    }

    /// Why no function is read for a lambda target group: what its attachment registers, when it has one.
    static func registered(_ inventory: Inventory, group: TerraformBlock) -> String {
        guard let target = inventory.attachments(to: group).lazy.compactMap({ $0["target_id"] }).first else {
            return inventory.functions.isEmpty
                ? "the function it registers is not declared in the code read"
                : "no attachment registers a function and the code declares \(inventory.functions.count), so which one is not known"
        }
        return
            "the function it registers (target_id = \(HCLError.excerpt(target.text, limit: 80))) is not an aws_lambda_function this code declares, or could not be followed to one"
    }

    /// A private custom domain name with no ALB in front of the endpoint: clients reach the API through it.
    static func privateDomain(_ inventory: Inventory, domain: TerraformBlock, endpoint: TerraformBlock) -> Recognition {
        let config = inventory.config
        var result = Recognition(design: DesignCatalog.design(withSignatures: ["vpce", "apigw+domain", "lambda"]), explanation: "", facts: [], unknowns: [])
        // A private API serves only clients in the VPC or on the corporate network.
        result.albScheme = .internal
        let associations = inventory.accessAssociations(of: domain)
        let api = inventory.mappings(of: domain).lazy.compactMap { inventory.referenced($0["api_id"], in: inventory.privateAPIIndex) }.first ?? inventory.privateAPIs[0]
        let function = inventory.function(integratedWith: api)
        result.parts = .init(endpoint: endpoint.address, api: api.address, domain: domain.address, function: function?.address)
        result.front = domain.address
        let otherALB = inventory.albs.first
        result.explanation =
            "\(domain.address) is a private custom domain name (endpoint type PRIVATE) of the private REST API \(api.address), reached through \(endpoint.address) (execute-api, Interface)"
            + (associations.isEmpty
                ? (config.mayDeclareElsewhere("aws_api_gateway_domain_name_access_association")
                    ? " with a domain name access association that another file of the directory may declare" : " but no domain name access association")
                : " by \(associations[0].address)")
            + (otherALB.map { "; \($0.address) does not forward to the endpoint" } ?? "; no ALB is declared")
            + (function == nil ? "; \(integrated(inventory)), so the function's defaults (128 MB, x86_64) apply" : "")
        lambdaFacts(function, into: &result)
        integrationTimeout(inventory, api: api, into: &result)
        result.facts.append(
            .init(
                name: "private custom domain", value: "\(domain.address): \(domain["domain_name"].map { $0.value?.string ?? $0.text } ?? "no domain_name")",
                position: domain.position))
        result.facts.append(
            .init(
                name: "access association",
                value: associations.isEmpty
                    ? (config.mayDeclareElsewhere("aws_api_gateway_domain_name_access_association") ? "none here; another file of the directory may declare one" : "none")
                    : associations.map { "\($0.address): \($0["access_association_source"]?.text ?? "no source")" }.joined(separator: "; "),
                position: associations.first?.position ?? domain.position))
        endpointSubnets(endpoint, config: config, named: true, into: &result)
        privateDNSFact(endpoint, into: &result)
        accounts(inventory, front: endpoint, application: [api] + (function.map { [$0] } ?? []), into: &result)
        commonFacts(inventory, alb: nil, endpoint: endpoint, into: &result)
        return result
    }

    // MARK: - Facts

    static func albFacts(_ inventory: Inventory, alb: TerraformBlock, into result: inout Recognition) {
        // Not written, an ALB is internet-facing (Terraform's `internal = false`); written with no
        // known value, the scheme is not known and the analysis takes its default, and says so.
        var scheme: String
        if let written = alb.set("internal") {
            result.albScheme = known(written, { $0.bool.map { $0 ? .internal : .internetFacing } }, into: &result) {
                "\(alb.address)'s internal = \($0) has no known value: the analysis takes an internet-facing ALB; pass --alb-scheme internal or internet-facing"
            }
            scheme = result.albScheme?.rawValue ?? "scheme unknown (internal = \(HCLError.excerpt(written.text, limit: 60)))"
        } else {
            result.albScheme = .internetFacing
            scheme = ALBScheme.internetFacing.rawValue
        }
        if let written = alb.set("idle_timeout") {
            result.albIdleTimeoutS = known(written, whole(1...4000), into: &result) {
                "\(alb.address)'s idle_timeout = \($0) is not a known whole number of seconds from 1 to 4,000; the analysis takes AWS's default, 60 s (--alb-idle-timeout-s)"
            }
            if let seconds = result.albIdleTimeoutS, seconds != 60 { scheme += ", idle timeout \(seconds) s" }
        }
        result.facts.append(.init(name: "ALB", value: "\(alb.address), \(scheme)", position: alb.position))
        // Listener rules: a request is matched against them in priority order, then the default action.
        // Which rule a request matches is not in the code: the analysis takes the most, every rule.
        let listenerRules = inventory.listeners(of: alb).map { ($0, inventory.rules(of: $0)) }
        // A rule whose count or for_each has no known value stands for an unknown number of rules.
        if let uncounted = listenerRules.flatMap(\.1).first(where: { $0.key == nil && ($0["count"] != nil || $0["for_each"] != nil) }) {
            result.unknowns.append(
                "how many listener rules \(alb.address) evaluates: \(uncounted.address)'s \(uncounted["count"] != nil ? "count" : "for_each") has no known value; the analysis takes --alb-rules 1 (pass --alb-rules N: the most rules a request is matched against, the default action included)"
            )
        } else if let (listener, rules) = listenerRules.max(by: { $0.1.count < $1.1.count }), !rules.isEmpty {
            let processed = rules.count + 1
            result.albRules = min(100, processed)
            result.facts.append(
                .init(
                    name: "listener rules",
                    value:
                        "\(rules.count) on \(listener.address): at most \(processed) processed per request with its default action (--alb-rules \(min(100, processed))\(processed > 100 ? ", the most it takes" : ""); the first 10 are free)",
                    position: rules[0].position))
        }
        if let subnets = alb["subnets"] {
            let zones = distinctZones(subnets, config: inventory.config)
            result.azs = zones.count
            if zones.count == nil {
                result.unknowns.append(
                    "\(alb.address)'s subnets (\(HCLError.excerpt(subnets.text, limit: 80))) do not say how many AZs they are in: pass --azs N (it defaults to 2)")
            }
            result.facts.append(
                .init(
                    name: "ALB subnets",
                    value:
                        "\(subnetCount(subnets, config: inventory.config).count.map(String.init) ?? "unknown") \(parenthesized(subnets.text)) in \(zones.count.map(String.init) ?? "unknown") AZ(s)\(zones.via.map { " (\($0))" } ?? "")",
                    position: subnets.position))
        } else if case let mappings = alb.blocks("subnet_mapping"), !mappings.isEmpty {
            result.azs = mappings.count
            result.facts.append(.init(name: "ALB subnets", value: "\(mappings.count) subnet_mapping blocks", position: mappings[0].position))
        }
    }

    /// Lambda accepts 128 to 10,240 MB of memory (`--lambda-memory-mb` takes the same range).
    static let lambdaMemoryRange = 128...10240

    /// The function's memory, architecture and runtime. Memory not set is Lambda's default, 128 MB; a
    /// value with no known value, or one Lambda refuses (the `lambda-memory-range` finding), is not
    /// passed to the analysis, which then takes its default and says so.
    static func lambdaFacts(_ function: TerraformBlock?, into result: inout Recognition) {
        guard let function else { return }
        let memory: String
        if let expression = function.set("memory_size") {
            let megabytes = expression.value?.string.flatMap(Int.init)
            result.lambdaMemoryMB = megabytes.flatMap { lambdaMemoryRange.contains($0) ? $0 : nil }
            if let megabytes {
                memory = lambdaMemoryRange.contains(megabytes) ? "\(megabytes) MB" : "\(megabytes) MB (Lambda takes 128 to 10,240)"
            } else {
                memory = "memory \(HCLError.excerpt(expression.text, limit: 60))"
            }
            if result.lambdaMemoryMB == nil {
                result.unknowns.append(
                    "\(function.address)'s memory_size = \(HCLError.excerpt(expression.text, limit: 80)) \(megabytes == nil ? "has no known whole number of MB" : "is outside what Lambda accepts"); the analysis takes Lambda's default, 128 MB (--lambda-memory-mb)"
                )
            }
        } else {
            result.lambdaMemoryMB = 128
            memory = "128 MB"
        }
        let architecture: String
        if let written = function.set("architectures") {
            result.lambdaArchitecture = known(written, { $0.list?.first?.string.flatMap(LambdaArchitecture.init) }, into: &result) {
                "\(function.address)'s architectures = \($0) has no known value Lambda takes (x86_64 or arm64); the analysis takes x86_64 (--lambda-arch)"
            }
            architecture = result.lambdaArchitecture?.rawValue ?? "architectures \(HCLError.excerpt(written.text, limit: 60))"
        } else {
            result.lambdaArchitecture = .x86_64
            architecture = LambdaArchitecture.x86_64.rawValue
        }
        // Not written, the timeout is Terraform's default, 3 s: the analysis's own default (the
        // maximum, 900 s) would let a slow function look as if it fits.
        var timeout = "timeout 3 s (default)"
        result.lambdaTimeoutS = 3
        if let written = function.set("timeout") {
            result.lambdaTimeoutS = known(written, whole(1...900), into: &result) {
                "\(function.address)'s timeout = \($0) is not a known whole number of seconds from 1 to 900; the analysis takes 900 s (--lambda-timeout-s)"
            }
            timeout = result.lambdaTimeoutS.map { "timeout \($0) s" } ?? "timeout \(HCLError.excerpt(written.text, limit: 60))"
        }
        var storage = ""
        if let written = function.blocks("ephemeral_storage").first?.set("size") {
            result.lambdaEphemeralMB = known(written, whole(512...10240), into: &result) {
                "\(function.address)'s ephemeral_storage size = \($0) is not a known whole number of MB from 512 to 10,240; the analysis takes 512 MB (--lambda-ephemeral-mb)"
            }
            storage = result.lambdaEphemeralMB.map { ", ephemeral storage \($0) MB" } ?? ""
        }
        result.facts.append(
            .init(
                name: "Lambda",
                value: "\(function.address), \(memory), \(architecture), runtime \(function["runtime"]?.value?.string ?? "not set"), \(timeout)\(storage)",
                position: function.position))
    }

    /// What `written` says, read by `read`; when it says nothing `read` takes, nil, and `unknown` (given
    /// the expression as written, cut short) joins the instance's open inputs.
    static func known<T>(
        _ written: TerraformExpression, _ read: (TerraformValue) -> T?, into result: inout Recognition, unknown: (String) -> String
    ) -> T? {
        if let value = written.value.flatMap(read) { return value }
        result.unknowns.append(unknown(HCLError.excerpt(written.text, limit: 80)))
        return nil
    }

    /// A reader of whole numbers in `range`.
    static func whole(_ range: ClosedRange<Int>) -> (TerraformValue) -> Int? {
        { value in value.string.flatMap(Int.init).flatMap { range.contains($0) ? $0 : nil } }
    }

    /// The shortest integration timeout of the API's integrations, when one writes
    /// `timeout_milliseconds` (the others take the default, 29 s); a value not known is said.
    static func integrationTimeout(_ inventory: Inventory, api: TerraformBlock, into result: inout Recognition) {
        var shortest = Int.max
        var written = false
        for integration in inventory.integrations(of: api) {
            guard let timeout = integration.set("timeout_milliseconds") else {
                shortest = min(shortest, 29_000)
                continue
            }
            let milliseconds = known(timeout, whole(50...300_000), into: &result) {
                "\(integration.address)'s timeout_milliseconds = \($0) is not a known whole number from 50 to 300,000; the analysis takes 29 s (--apigw-timeout-s)"
            }
            guard let milliseconds else { return }
            written = true
            shortest = min(shortest, milliseconds)
        }
        guard written else { return }
        // Seconds as the option takes them: 5000 ms is `5`, 50 ms `0.05`.
        let text = Format.quantity(ExactDecimal(shortest) / ExactDecimal(1000), places: 3)
        result.apigwTimeoutS = text
        result.facts.append(.init(name: "integration timeout", value: "\(text) s (the shortest of \(api.address)'s integrations)", position: api.position))
    }

    /// Whether the endpoint has private DNS: not written, it has none (Terraform's default); written
    /// with no known value, it is not known, and the analysis takes its default.
    static func privateDNSFact(_ endpoint: TerraformBlock, into result: inout Recognition) {
        let written = endpoint.set("private_dns_enabled")
        result.privateDNS = false
        if let written {
            result.privateDNS = known(written, \.bool, into: &result) { "\(endpoint.address)'s private_dns_enabled = \($0) has no known value: pass --private-dns on or off" }
        }
        let shown = result.privateDNS.map { $0 ? "enabled" : "disabled" } ?? "unknown (\(HCLError.excerpt(written?.text ?? "", limit: 60)))"
        result.facts.append(.init(name: "endpoint private DNS", value: shown, position: written?.position ?? endpoint.position))
    }

    static func endpointFacts(_ endpoint: TerraformBlock, config: TerraformConfiguration, into result: inout Recognition) {
        endpointSubnets(endpoint, config: config, named: false, into: &result)
        privateDNSFact(endpoint, into: &result)
    }

    /// The endpoint's subnets: how many, and what the code says. With no subnet_ids the endpoint has
    /// none; with subnet_ids whose count is not known, the count is unknown (nil) and the analysis
    /// takes --vpce-subnets' default: no finding counts on a guess.
    static func endpointSubnets(_ endpoint: TerraformBlock, config: TerraformConfiguration, named: Bool, into result: inout Recognition) {
        let prefix = named ? "\(endpoint.address): " : ""
        guard let subnetIDs = endpoint["subnet_ids"] else {
            result.vpceSubnets = 0
            result.facts.append(.init(name: "endpoint subnets", value: prefix + "none (no subnet_ids)", position: endpoint.position))
            return
        }
        let (count, via) = subnetCount(subnetIDs, config: config)
        result.vpceSubnets = count
        if count == nil {
            result.unknowns.append(
                "\(endpoint.address)'s subnet_ids (\(HCLError.excerpt(subnetIDs.text, limit: 80))) do not say how many subnets: pass --vpce-subnets N (it defaults to the ALB's AZs, --azs)"
            )
        }
        result.facts.append(
            .init(
                name: "endpoint subnets", value: prefix + "\(count.map(String.init) ?? "unknown") \(parenthesized(subnetIDs.text))\(via.map { " (\($0))" } ?? "")",
                position: subnetIDs.position))
    }

    /// How many subnets a list names: its length when known; when it is not (a variable without a
    /// value, a plan's set of subnets not created yet), the aws_subnet instances it refers to; nil
    /// when neither tells.
    static func subnetCount(_ subnets: TerraformExpression, config: TerraformConfiguration) -> (count: Int?, via: String?) {
        if let count = subnets.count { return (count, nil) }
        // A function or a for may pick some of the subnets it names: how many is not known here.
        if mayPickSome(subnets) { return (nil, nil) }
        let references = subnets.references.filter { $0.resourceType == "aws_subnet" }
        var instances: Set<String> = []
        for reference in references {
            for subnet in config.instances(of: reference) { instances.insert(subnet.address) }
        }
        guard !instances.isEmpty else { return (nil, nil) }
        return (instances.count, "the subnets of \(Set(references.compactMap(\.target)).sorted().joined(separator: ", "))")
    }

    /// `(text)`, unless the text is one parenthesised phrase already (`(known after apply)`).
    static func parenthesized(_ text: String) -> String {
        text.hasPrefix("(") && text.hasSuffix(")") && !text.dropFirst().contains("(") ? text : "(\(text))"
    }

    static func cnameFact(_ record: TerraformBlock, into result: inout Recognition) {
        result.dnsRecord = .cname
        result.facts.append(
            .init(
                name: "DNS record", value: "\(record.address): CNAME to the ALB, TTL \(record["ttl"].map { $0.value?.string ?? $0.text } ?? "not set")", position: record.position))
    }

    /// Listeners, health checks, APIs, VPCs and security groups of the instance.
    static func commonFacts(_ inventory: Inventory, alb: TerraformBlock?, endpoint: TerraformBlock?, into result: inout Recognition) {
        let config = inventory.config
        let listeners = alb.map { inventory.listeners(of: $0) } ?? inventory.listeners
        for listener in listeners {
            // Not written, an ALB listener's protocol is HTTP (the provider's default), with no TLS.
            let written = listener.set("protocol")
            let protocolName = written == nil ? "HTTP" : written?.value?.string
            let tls: String
            if let name = protocolName, name.uppercased() != "HTTPS" {
                tls = ""
            } else if let policy = listener["ssl_policy"] {
                tls = ", TLS policy " + (policy.value?.string ?? (policy.value == .null ? "not set (ELBSecurityPolicy-2016-08)" : policy.text))
            } else {
                tls = ", TLS policy not set (ELBSecurityPolicy-2016-08)"
            }
            result.facts.append(
                .init(
                    name: "listener", value: "\(listener.address): \(written == nil ? "HTTP (default)" : protocolName ?? "?") \(listener["port"]?.value?.string ?? "?")\(tls)",
                    position: listener.position))
        }
        let groups = alb.map { inventory.targetGroups(of: $0) } ?? inventory.targetGroups
        for group in groups {
            if let check = group.blocks("health_check").first {
                let parts = ["protocol", "port", "path", "matcher"].compactMap { key in check[key].map { "\(key) \($0.value?.string ?? $0.text)" } }
                result.facts.append(.init(name: "health check", value: "\(group.address): \(parts.isEmpty ? "defaults" : parts.joined(separator: ", "))", position: check.position))
            }
        }
        let apis = result.parts.api.map { address in inventory.privateAPI(address: address).map { [$0] } ?? [] } ?? inventory.privateAPIs
        for api in apis {
            let holders = [api] + inventory.apiPolicies(of: api)
            let policies = holders.compactMap { $0["policy"] }
            let conditions = policies.flatMap { TerraformReview.sourceVpceValues($0.text) }
            // A policy whose text says nothing and whose value is not known yet (a plan's) may still condition it.
            let unknown = conditions.isEmpty && policies.contains { $0.value == nil }
            result.facts.append(
                .init(
                    name: "private REST API",
                    value:
                        "\(api.address): endpoint type PRIVATE; aws:SourceVpce \(unknown ? "unknown (the policy's value is not known)" : conditions.isEmpty ? "not conditioned" : conditions.joined(separator: ", "))",
                    position: api.position))
        }
        let parts = [alb, endpoint].compactMap { $0 } + [result.parts.targetGroup].compactMap { $0.flatMap(config.block(address:)) }
        for vpc in inventory.vpcs(of: parts) {
            result.facts.append(.init(name: "VPC", value: "\(vpc.address): \(vpc["cidr_block"].map { $0.value?.string ?? $0.text } ?? "no cidr_block")", position: vpc.position))
        }
        // The groups declared here by address, else the ids written in (`["sg-0123"]`), else the text.
        let groupsOf: (TerraformExpression?) -> String = { expression in
            guard let expression else { return "none" }
            let declared = expression.references.filter { $0.resourceType == "aws_security_group" }.compactMap(\.address)
            if !declared.isEmpty { return declared.joined(separator: ", ") }
            if let ids = expression.value?.list?.compactMap(\.string) { return ids.isEmpty ? "none" : listed(ids, separator: ", ") }
            return expression.references.isEmpty ? "none" : HCLError.excerpt(expression.text, limit: 80)
        }
        guard alb != nil || endpoint != nil else { return }
        result.facts.append(
            .init(
                name: "security groups",
                value: (alb.map { "ALB: \(groupsOf($0["security_groups"]))" } ?? "ALB: none") + (endpoint.map { "; endpoint: \(groupsOf($0["security_group_ids"]))" } ?? ""),
                position: alb?["security_groups"]?.position ?? endpoint?["security_group_ids"]?.position))
    }

    // MARK: - Wiring

    /// The region of the provider alias a design's front block names (`provider = aws.eu`), when
    /// that provider's region is known.
    static func aliasRegion(of design: Recognition, config: TerraformConfiguration) -> (region: String, provider: String, position: SourcePosition?)? {
        guard let front = design.front.flatMap(config.block(address:)), let provider = front["provider"] else { return nil }
        let name = provider.text.trimmingCharacters(in: .whitespaces)
        guard name.hasPrefix("aws."), case let alias = String(name.dropFirst(4)), !alias.isEmpty,
            let block = config.providers.first(where: { $0.type == "aws" && $0.module == front.module && $0["alias"]?.value?.string == alias }),
            let region = block["region"]?.value?.string
        else { return nil }
        return (region, name, provider.position)
    }

    /// The provider's region, else the region in the endpoint's service name.
    static func region(_ config: TerraformConfiguration, endpoints: [TerraformBlock], unknowns: inout [String]) -> String? {
        if let provider = config.providers.first(where: { $0.type == "aws" && $0["alias"] == nil }), let region = provider["region"] {
            if let value = region.value?.string { return value }
            let variable = region.references.first { $0.root == "var" }?.target.map { String($0.dropFirst(4)) }
            unknowns.append(
                "the provider's region is \(region.text), unknown here: pass \(variable.map { "--var \($0)=REGION (or --region REGION)" } ?? "--region REGION")")
        }
        for endpoint in endpoints {
            if let name = endpoint["service_name"]?.value?.string {
                let parts = name.split(separator: ".")
                if parts.count == 4 { return String(parts[2]) }
            }
        }
        return nil
    }

    /// The AZs of a list of subnets by name (`us-west-2a`), or by id (`usw2-az1`) when every subnet
    /// names its zone by id, in order, each once, with the attribute that names them: nil unless every
    /// element is a plain reference to a declared aws_subnet (its id, or a splat of them: not a
    /// function or a `for`, which may pick some) whose zone the code makes known, the same way for all.
    static func namedZones(_ subnets: [TerraformExpression], config: TerraformConfiguration) -> (key: String, zones: [String])? {
        var zones: [String] = []
        var key: String?
        for element in subnets {
            guard !mayPickSome(element) else { return nil }
            let references = element.references.filter { $0.resourceType == "aws_subnet" }
            guard references.count == 1, let reference = references.first else { return nil }
            let instances = config.instances(of: reference)
            guard !instances.isEmpty else { return nil }
            for subnet in instances {
                let written = subnet.set("availability_zone") != nil ? "availability_zone" : "availability_zone_id"
                guard key == nil || key == written, let zone = subnet[written]?.value?.string else { return nil }
                key = written
                if !zones.contains(zone) { zones.append(zone) }
            }
        }
        guard let key, !zones.isEmpty else { return nil }
        return (key, zones)
    }

    /// Whether an expression may pick some of the subnets it names, as the code writes it (a plan's
    /// values say which): a function that takes part of a list (`slice`, `element`, `chunklist`), a
    /// `for` with an `if`, or a conditional. `[for s in aws_subnet.x : s.id]`, `values(...)` and
    /// `concat(...)` take them all.
    static func mayPickSome(_ expression: TerraformExpression) -> Bool {
        guard expression.isWritten else { return false }
        let text = expression.text
        return ["slice(", "element(", "chunklist(", "?"].contains { text.containsBytes($0) } || (text.containsBytes("for ") && text.containsBytes(" if "))
    }

    /// The ALB's subnets, as `namedZones` takes them: its `subnets` list or its subnet_mapping blocks.
    static func albSubnetList(_ alb: TerraformBlock) -> [TerraformExpression]? {
        if let subnets = alb["subnets"] { return subnets.elements ?? [subnets] }
        let mappings = alb.blocks("subnet_mapping").compactMap { $0["subnet_id"] }
        return mappings.isEmpty ? nil : mappings
    }

    /// Distinct AZs behind a list of subnets: by evaluated AZ, else by how the AZ is written. Subnets
    /// passed through a module output (`module.vpc.public_subnets`) count the AZs of the subnet
    /// instances the output names.
    static func distinctZones(_ subnets: TerraformExpression, config: TerraformConfiguration) -> (count: Int?, via: String?) {
        // An AZ that cannot be worked out here: written per instance (`count.index`, `each`), each
        // instance's own, as AWS requires of an ALB's or an endpoint's subnets (one per AZ); written
        // alike in two blocks, the same AZ, as far as the code says.
        func zone(_ subnet: TerraformBlock) -> String {
            guard let zone = subnet["availability_zone"] else { return "subnet:\(subnet.address)" }
            if let known = zone.value?.string { return known }
            return zone.references.contains { $0.root == "count" || $0.root == "each" } ? "subnet:\(subnet.address)" : zone.text
        }
        if let elements = subnets.elements {
            var zones: [String] = []
            for element in elements {
                guard let reference = element.references.first(where: { $0.resourceType == "aws_subnet" }), let subnet = config.block(for: reference) else {
                    zones.append("literal:\(element.text)")  // a hard-coded subnet id: one AZ each, as far as the code says
                    continue
                }
                let name = zone(subnet)
                if !zones.contains(name) { zones.append(name) }
            }
            return (zones.count, nil)
        }
        // A list of subnet instances named through a module: the instances referred to, all of them for a
        // splat (not through a function or a for, which may pick some).
        let subnetReferences = subnets.references.filter { $0.resourceType == "aws_subnet" }
        if subnets.count == nil || subnets.value?.list?.contains(.unknown) == true, !subnetReferences.isEmpty, !mayPickSome(subnets) {
            var zones: Set<String> = []
            var instances = 0
            for reference in subnetReferences {
                for subnet in config.instances(of: reference) {
                    zones.insert(zone(subnet))
                    instances += 1
                }
            }
            if instances > 0 {
                // A list of known length picks some of the instances (`[for k in keys : aws_subnet.this[k].id]`):
                // which ones is not known here, but each subnet is in one AZ.
                let count = subnets.count.map { min($0, zones.count) } ?? zones.count
                return (count, "the subnets of \(Set(subnetReferences.compactMap(\.target)).sorted().joined(separator: ", "))")
            }
        }
        return (subnets.count, nil)
    }

    /// How many endpoint IPs the target group's attachments register, and whether they were typed in;
    /// the count is nil when a `count` or `for_each` is not known (then `unknown` says which).
    /// `length(<endpoint>.subnet_ids)` (or its `network_interface_ids`), the usual way to register
    /// one IP per ENI, counts the endpoint's subnets.
    static func registeredTargets(
        _ inventory: Inventory, group: TerraformBlock, endpoint: TerraformBlock, endpointSubnets: Int?
    ) -> (count: Int?, manual: Bool, texts: [String], position: SourcePosition?, unknown: String?) {
        let attachments = inventory.attachments(to: group)
        var count: Int? = 0
        var unknown: String?
        var manual = false
        var texts: [String] = []
        let perENI = ["subnet_ids", "network_interface_ids"].map { "\(endpoint.baseAddress).\($0)" }
        for attachment in attachments {
            // An expanded instance is one registration; an unexpanded block counts what count/for_each say.
            var copies: Int?
            if attachment.key != nil {
                copies = 1
            } else if let expression = attachment["count"] {
                copies = expression.value?.string.flatMap(Int.init)
                if copies == nil, expression.text.hasPrefix("length("), expression.references.contains(where: { perENI.contains($0.text) }) { copies = endpointSubnets }
                if copies == nil { unknown = unknown ?? "\(attachment.address)'s count = \(HCLError.excerpt(expression.text, limit: 80))" }
            } else if let expression = attachment["for_each"] {
                copies = expression.count
                if copies == nil { unknown = unknown ?? "\(attachment.address)'s for_each = \(HCLError.excerpt(expression.text, limit: 80))" }
            } else {
                copies = 1
            }
            count = count.flatMap { total in copies.map { total + $0 } }
            let target = attachment["target_id"]
            texts.append("\(attachment.address): \(target?.text ?? "no target_id")")
            let references = target?.references ?? []
            // Typed in: a variable, or a literal; a known value that refers to a resource (a plan or a
            // state) was looked up.
            if references.contains(where: { $0.root == "var" }) || (target?.value != nil && !references.contains { $0.resourceType != nil }) { manual = true }
        }
        return (count, manual, texts, attachments.first?.position, unknown)
    }

    /// At most three items of a list, then how many more: a fact stays one short line.
    static func listed(_ items: [String], separator: String = "; ") -> String {
        items.count <= 3 ? items.joined(separator: separator) : items.prefix(3).joined(separator: separator) + "\(separator)and \(items.count - 3) more"
    }

    /// The provider settings that choose the credentials it signs in with. Two configurations of the
    /// provider that set them alike (or set none) act in one account, whatever their alias, region,
    /// tags or endpoints.
    static let credentialSettings = [
        "profile", "access_key", "secret_key", "token", "shared_credentials_files", "shared_config_files", "allowed_account_ids", "forbidden_account_ids",
        "assume_role", "assume_role_with_web_identity",
    ]

    /// How the provider configuration `provider` (`aws`, `aws.second`) signs in, as its credential
    /// settings are written; nil when no block declares it. An undeclared default configuration
    /// has no settings of its own.
    static func credentials(of provider: String, module: String, in config: TerraformConfiguration) -> [String]? {
        let parts = provider.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // A provider address (`aws`, `aws.second`), not what a state says of an account (`aws (account 2222..., from its ARN)`).
        func isName(_ part: String) -> Bool {
            !part.isEmpty && part.utf8.allSatisfy { $0 == 0x5F || $0 == 0x2D || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        }
        guard parts.count == 1 || parts.count == 2, parts.allSatisfy(isName) else { return nil }
        // A module's own configuration, else the root's (a module inherits the default one, and is passed others).
        guard
            let block = config.providers.first(where: { $0.module == module && configures($0, provider) })
                ?? config.providers.first(where: { $0.module.isEmpty && configures($0, provider) })
        else { return parts.count == 1 ? [] : nil }
        return credentialSettings.flatMap { key in
            (block[key].map { ["\(key) = \($0.text)"] } ?? []) + block.blocks(key).map { "\(key) { \(TerraformReview.allText($0).joined(separator: "; ")) }" }
        }
    }

    /// Whether `block` is the provider configuration `provider` (`aws`, `aws.second`) names.
    static func configures(_ block: TerraformBlock, _ provider: String) -> Bool {
        let parts = provider.split(separator: ".", maxSplits: 1).map(String.init)
        return block.type == parts.first && block["alias"]?.value?.string == (parts.count == 2 ? parts[1] : nil)
    }

    /// The provider configuration a block of `module` names as `provider` stands for, followed up
    /// through the module calls: a call's `providers = { aws = aws.second }` passes the caller's
    /// `aws.second` as the module's `aws`, and a module that is passed nothing inherits its caller's
    /// default configuration. It stops at a module that configures the provider itself. `via` names
    /// the calls that passed another configuration, innermost first; `passedAt`, the first such
    /// call's `providers` argument.
    static func effectiveProvider(
        _ provider: String, module: String, in config: TerraformConfiguration
    ) -> (provider: String, module: String, via: [String], passedAt: SourcePosition?) {
        var (provider, module, via, passedAt) = (provider, module, [String](), SourcePosition?.none)
        for _ in 0..<ModuleExpander.maximumDepth where !module.isEmpty {
            guard !config.providers.contains(where: { $0.module == module && configures($0, provider) }) else { break }
            // `module.a.module.b[0].` is called as `b` by a block of `module.a.`.
            let path = module.dropLast()
            guard let range = path.range(of: "module.", options: .backwards) else { break }
            let parent = String(path[..<range.lowerBound])
            let name = String(path[range.upperBound...].prefix { $0 != "[" })
            // No call (a plan's resources come without one): the default configuration is taken as inherited.
            if let call = config.moduleCalls(name).first(where: { $0.module == parent }), let providers = call["providers"],
                let passed = providerMap(providers.text)[provider]
            {
                if passed != provider {
                    via.append("\(parent)module.\(name)")
                    passedAt = passedAt ?? providers.position
                }
                provider = passed
            } else if provider.contains(".") {
                break  // an aliased configuration is only ever passed explicitly
            }
            module = parent
        }
        return (provider, module, via, passedAt)
    }

    /// The pairs of a module call's `providers` map as written, `{ aws = aws.second, aws.east = aws }`:
    /// provider addresses on both sides (Terraform allows nothing else there); comments left out.
    static func providerMap(_ text: String) -> [String: String] {
        guard text.hasPrefix("{") && text.hasSuffix("}") else { return [:] }
        var map: [String: String] = [:]
        for line in text.dropFirst().dropLast().split(whereSeparator: { $0 == "\n" || $0 == "," }) {
            let code = line.prefix { $0 != "#" }.components(separatedBy: "//")[0]
            let sides = code.split(whereSeparator: { $0 == "=" || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, sides.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) } }) else { continue }
            map[sides[0]] = sides[1]
        }
        return map
    }

    /// Whether the application runs in another account than the front (the ALB, or the endpoint), and
    /// the fact that says so: a block whose provider configuration signs in differently, or that
    /// names one no block declares.
    static func accounts(_ inventory: Inventory, front: TerraformBlock, application: [TerraformBlock], into result: inout Recognition) {
        let config = inventory.config
        let frontProvider = effectiveProvider(front["provider"]?.text ?? "aws", module: front.module, in: config)
        let frontCredentials = inventory.credentials(of: frontProvider.provider, module: frontProvider.module)
        // `aws.second`, or `aws.second (passed to module.app)` when a module call chose it.
        func named(_ provider: (provider: String, module: String, via: [String], passedAt: SourcePosition?)) -> String {
            provider.provider + (provider.via.isEmpty ? "" : " (passed to \(provider.via.joined(separator: ", ")))")
        }
        var alike: (block: TerraformBlock, provider: String)?
        for block in application {
            let provider = effectiveProvider(block["provider"]?.text ?? "aws", module: block.module, in: config)
            guard (provider.provider, provider.module) != (frontProvider.provider, frontProvider.module) else { continue }
            guard let own = inventory.credentials(of: provider.provider, module: provider.module), let frontCredentials, own == frontCredentials else {
                result.accounts = .cross
                result.facts.append(
                    .init(
                        name: "accounts",
                        value:
                            "cross: \(block.address) uses the provider \(named(provider)), which signs in otherwise than \(front.address)'s \(named(frontProvider)) (profile, role or keys)",
                        position: block["provider"]?.position ?? provider.passedAt ?? block.position))
                return
            }
            alike = alike ?? (block, named(provider))
        }
        result.accounts = .single
        result.facts.append(
            .init(
                name: "accounts",
                value: alike.map { "single: \($0.provider) (\($0.block.address)) signs in as \(named(frontProvider)) does (the same profile, role and keys)" } ?? "single",
                position: alike.map { $0.block["provider"]?.position ?? $0.block.position } ?? application.first?.position ?? front.position))
    }
}
