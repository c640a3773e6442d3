import Foundation

/// API Gateway features only `alb-vpce-apigw-lambda` offers; `--needs` takes these names.
/// (WAF and OIDC/Cognito authentication are at the ALB, so both designs have them.)
package enum APIGatewayFeature: String, CaseIterable, Sendable {
    case usagePlans = "usage-plans"
    case apiKeys = "api-keys"
    case requestValidation = "request-validation"
    case responseCaching = "response-caching"
    case lambdaAuthorizers = "lambda-authorizers"
    case iamAuthorization = "iam-authorization"
    case mappingTemplates = "mapping-templates"
    case methodThrottling = "method-throttling"

    package var title: String {
        switch self {
        case .usagePlans: "usage plans (per-client quotas and throttles)"
        case .apiKeys: "API keys"
        case .requestValidation: "request validation against JSON Schema models"
        case .responseCaching: "response caching"
        case .lambdaAuthorizers: "Lambda and Cognito authorizers"
        case .iamAuthorization: "IAM (SigV4) authorization"
        case .mappingTemplates: "mapping templates"
        case .methodThrottling: "stage and method throttling"
        }
    }
}

/// Which design to choose, why, and when the other one wins: derived from the analyses, never
/// from a renderer's opinion.
package struct Recommendation: Sendable, Equatable {
    package var design: DesignID
    /// The reasons, most decisive first.
    package var reasons: [String]
    /// When the other design wins.
    package var otherWinsWhen: String
    /// Monthly cost of the choice against the other design (positive: it costs more); nil when unknown.
    package var monthlyPremium: Decimal?
    /// The chosen design's own monthly cost, when it is fully priced.
    package var monthlyCost: Decimal?
    /// Requests per month, to state the premium per 1M requests.
    package var monthlyRequests: Decimal

    /// Two sentences: the choice with its reason and cost, then when the other one wins.
    package var sentences: String {
        let premium: String
        if let monthlyPremium {
            let other = design == .albLambda ? DesignID.albVpceApigwLambda : .albLambda
            let perMillion = monthlyRequests == 0 ? "" : " (\(Format.money4(abs(monthlyPremium) / monthlyRequests * Units.requestsPerMillion)) per 1M requests)"
            premium =
                monthlyPremium >= 0
                ? ", at \(Format.money(monthlyPremium)) per month\(perMillion) more than \(other.rawValue)"
                : ", and it saves \(Format.money(-monthlyPremium)) per month\(perMillion) against \(other.rawValue)"
        } else if let monthlyCost {
            premium = ", at \(Format.money(monthlyCost)) per month"
        } else {
            premium = ""
        }
        return "Choose \(design.rawValue) because \(reasons.joined(separator: "; ", lastSeparator: " and "))\(premium). \(otherWinsWhen)"
    }

    package static func make(for report: Report, needs: [APIGatewayFeature]) -> Recommendation? {
        guard let a = report.designs.first(where: { $0.design == .albVpceApigwLambda }),
            let b = report.designs.first(where: { $0.design == .albLambda })
        else { return nil }
        var reasons: [String] = []
        if let reason = b.impossibleReason {
            reasons.append("alb-lambda is impossible here (\(reason.split(separator: ",").first ?? Substring(reason)))")
        }
        let payload = b.warnings.filter { $0.id == "request-too-large" || $0.id == "response-too-large" }
        if !payload.isEmpty {
            reasons.append("the workload's bodies exceed alb-lambda's 1 MB limit (\(payload.map(\.value).joined(separator: ", ")))")
        }
        if !needs.isEmpty {
            reasons.append("you need API Gateway features an ALB does not have: \(needs.map(\.title).joined(separator: ", "))")
        }
        let premium: Decimal? = {
            guard let costA = a.cost, let costB = b.cost, costA.isComplete, costB.isComplete else { return nil }
            return costA.monthlyCost - costB.monthlyCost
        }()
        if !reasons.isEmpty {
            return Recommendation(
                design: .albVpceApigwLambda, reasons: reasons,
                otherWinsWhen: "alb-lambda would win if none of that applied: it has \(a.hops.count - b.hops.count) fewer hops and no API Gateway or endpoint charges.",
                monthlyPremium: premium, monthlyCost: a.cost.flatMap { $0.isComplete ? $0.monthlyCost : nil },
                monthlyRequests: report.scenario.monthlyRequests)
        }
        let why = ["it needs none of API Gateway's features", "it has \(a.hops.count - b.hops.count) fewer hops and fewer failure domains"]
        return Recommendation(
            design: .albLambda, reasons: why,
            otherWinsWhen:
                "alb-vpce-apigw-lambda wins when you need API Gateway's features (usage plans, API keys, request validation, caching, authorizers; say so with --needs), bodies above 1 MB, or a function in another account than the ALB.",
            monthlyPremium: premium.map { -$0 }, monthlyCost: b.cost.flatMap { $0.isComplete ? $0.monthlyCost : nil },
            monthlyRequests: report.scenario.monthlyRequests)
    }
}

extension Array where Element == String {
    /// `a; b and c`.
    func joined(separator: String, lastSeparator: String) -> String {
        guard count > 1 else { return first ?? "" }
        return dropLast().joined(separator: separator) + lastSeparator + last!
    }
}
