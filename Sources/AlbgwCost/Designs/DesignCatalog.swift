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

    /// The ids of the other designs that `filter` accepts and that can be built in `scenario`, in catalog order.
    package static func alternatives(to id: DesignID, in scenario: Scenario, where filter: (DesignDefinition) -> Bool = { _ in true }) -> [String] {
        all.filter { other in
            other.id != id && filter(other) && !other.contexts(scenario).contains { $0.component.blocks($0) }
        }.map(\.id.rawValue)
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
