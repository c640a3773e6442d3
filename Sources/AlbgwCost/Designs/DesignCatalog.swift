import Foundation

/// The designs albgw-cost compares, in one place. Adding a design is one more definition here (plus
/// any new component type under Components/); no analysis or renderer names a design.
package enum DesignCatalog {
    package static let all: [DesignDefinition] = [
        DesignDefinition(
            id: .albVpceApigwLambda,
            name: "ALB -> interface VPC endpoint -> private REST API -> Lambda",
            detail: "ALB -> interface VPC endpoint (execute-api) -> private REST API -> Lambda",
            question: "ALB -> private API Gateway -> Lambda",
            chain: [CorporateLink(), DNSRecord(), LoadBalancer(), InterfaceEndpoint(), PrivateRESTAPI(), LambdaFunction()],
            regionalOutage: "API Gateway and Lambda are regional: a regional outage of either takes the design down"),
        DesignDefinition(
            id: .albLambda,
            name: "ALB -> Lambda",
            detail: "ALB -> Lambda target group",
            question: "ALB -> Lambda",
            chain: [CorporateLink(), DNSRecord(), LoadBalancer(), LambdaFunction()],
            regionalOutage: "Lambda and the ALB are regional: a regional outage takes the design down"),
        DesignDefinition(
            id: .vpceApigwLambda,
            name: "interface VPC endpoint -> private REST API (private custom domain) -> Lambda",
            detail: "private custom domain name -> interface VPC endpoint (execute-api) -> private REST API -> Lambda, no ALB",
            question: "endpoint -> private API Gateway -> Lambda",
            chain: [CorporateLink(), DNSRecord(), InterfaceEndpoint(), PrivateRESTAPI(customDomain: true), LambdaFunction()],
            regionalOutage: "API Gateway and Lambda are regional: a regional outage of either takes the design down"),
    ]

    /// The definition of `id`; every id in use comes from this catalog.
    package static func definition(_ id: DesignID) -> DesignDefinition {
        guard let definition = all.first(where: { $0.id == id }) else { preconditionFailure("no design \(id)") }
        return definition
    }

    /// The design whose data path is made of these components, in this order, told apart by their
    /// signatures (`alb`, `vpce`, `apigw+domain`, `lambda`): Terraform recognition.
    package static func design(withSignatures signatures: [String]) -> DesignID? {
        all.first { $0.dataPath.map(\.signature) == signatures }?.id
    }

    /// The definition with this raw id, or nil when there is none (user input).
    package static func definition(named name: String) -> DesignDefinition? { all.first { $0.id.rawValue == name } }

    /// The ids of the other designs that `filter` accepts and that would work instead, in catalog
    /// order: each can be built in `scenario`, carries its workload and has what `--needs` asks for.
    /// Way-out advice names only these.
    package static func alternatives(to id: DesignID, in scenario: Scenario, where filter: (DesignDefinition) -> Bool = { _ in true }) -> [String] {
        all.filter { other in other.id != id && filter(other) && works(other, in: scenario) }.map(\.id.rawValue)
    }

    /// True when `design` can be built here, carries the workload within its hard limits (streams the
    /// response when streaming is asked for) and has every feature `--needs` asks for. Numbers only: it writes no advice, so advice may call it.
    package static func works(_ design: DesignDefinition, in scenario: Scenario) -> Bool {
        guard !design.contexts(scenario).contains(where: { $0.component.blocks($0) }) else { return false }
        guard scenario.needs.allSatisfy({ design.contains($0.provider) }) else { return false }
        let limits = HopModel.limits(for: design.id, in: scenario, hops: [])
        let workload = scenario.workload
        return workload.requestKiB <= limits.maxRequestKiB && workload.responseKiB <= limits.maxResponseKiB
            && workload.lambdaDurationMS / ExactDecimal(1000) <= limits.timeoutSeconds
            && (!workload.responseStreaming || limits.streamsResponses)
    }

    /// The designs as the question puts them: `ALB -> private API Gateway -> Lambda vs ALB -> Lambda`.
    package static func question(separator: String, lastSeparator: String? = nil) -> String {
        all.map(\.question).joined(separator: separator, lastSeparator: lastSeparator ?? separator)
    }

    /// `alb-vpce-apigw-lambda, alb-lambda or all`.
    package static var choicesText: String { (all.map(\.id.rawValue) + ["all"]).joined(separator: ", ", lastSeparator: " or ") }
}

extension DesignID {
    /// ALB -> interface VPC endpoint (execute-api) -> private REST API -> Lambda (AWS_PROXY).
    package static let albVpceApigwLambda = DesignID(rawValue: "alb-vpce-apigw-lambda")
    /// ALB -> Lambda target group.
    package static let albLambda = DesignID(rawValue: "alb-lambda")
    /// Private custom domain name -> interface VPC endpoint -> private REST API -> Lambda, no ALB
    /// (custom domain names for private REST APIs, API Gateway, 2024-11-21).
    package static let vpceApigwLambda = DesignID(rawValue: "vpce-apigw-lambda")
}
