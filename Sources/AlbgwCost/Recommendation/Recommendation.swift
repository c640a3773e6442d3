import Foundation

/// What a design must offer: `--needs` takes these names. API Gateway's features are in the
/// designs with API Gateway; the ALB's in those with an ALB. (AWS WAF fits both: it attaches to an
/// ALB and to a REST API stage, so every design has it.)
package enum Feature: String, CaseIterable, Sendable {
    case usagePlans = "usage-plans"
    case apiKeys = "api-keys"
    case requestValidation = "request-validation"
    case responseCaching = "response-caching"
    case lambdaAuthorizers = "lambda-authorizers"
    case iamAuthorization = "iam-authorization"
    case mappingTemplates = "mapping-templates"
    case methodThrottling = "method-throttling"
    case albSignIn = "alb-sign-in"
    case albRouting = "alb-routing"

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
        case .albSignIn: "browser sign-in at the load balancer (OIDC or Cognito)"
        case .albRouting: "listener rules that route other paths or hosts to other targets"
        }
    }

    /// The kind of component that offers it.
    package var provider: ComponentKind {
        switch self {
        case .albSignIn, .albRouting: .alb
        default: .restAPI
        }
    }
}

/// Which design to choose, why, and when another one wins: derived from the analyses, never
/// from a renderer's opinion.
package struct Recommendation: Sendable, Equatable {
    package var design: DesignID
    /// The reasons, most decisive first.
    package var reasons: [String]
    /// When the other design wins.
    package var otherWinsWhen: String
    /// The design the choice is measured against: the one that would win without the reasons, or the runner-up.
    package var other: DesignID?
    /// Monthly cost of the choice against the other design (positive: it costs more); nil when unknown.
    package var monthlyPremium: Decimal?
    /// The chosen design's own monthly cost, when it is fully priced.
    package var monthlyCost: Decimal?
    /// Requests per month, to state the premium per 1M requests.
    package var monthlyRequests: Decimal

    /// Two sentences: the choice with its reason and cost, then when the other one wins.
    package var sentences: String {
        let premium: String
        if let monthlyPremium, let other {
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

    /// Ranks the designs (fewest hops first, then the cheaper when both are fully priced), drops those
    /// the workload or topology rules out, and picks the first that remains.
    package static func make(for report: Report, needs: [Feature]) -> Recommendation? {
        guard report.designs.count >= 2 else { return nil }
        let ranked = report.designs.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.hops.count != b.hops.count { return a.hops.count < b.hops.count }
            if let costA = a.cost, let costB = b.cost, costA.isComplete, costB.isComplete, costA.monthlyCost != costB.monthlyCost {
                return costA.monthlyCost < costB.monthlyCost
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let against = Dictionary(uniqueKeysWithValues: ranked.map { ($0.design, reasons(against: $0, needs: needs)) })
        // When every design is ruled out, the one with the fewest reasons against it and the largest bodies stays.
        let fallback = ranked.filter(\.isFeasible).enumerated().min { lhs, rhs in
            (against[lhs.element.design]!.count, -lhs.element.limits.maxRequestKiB, lhs.offset)
                < (against[rhs.element.design]!.count, -rhs.element.limits.maxRequestKiB, rhs.offset)
        }?.element
        guard let chosen = ranked.first(where: { against[$0.design]!.isEmpty }) ?? fallback else { return nil }
        let monthlyCost = chosen.cost.flatMap { $0.isComplete ? $0.monthlyCost : nil }
        func premium(_ other: DesignReport) -> Decimal? {
            guard let mine = chosen.cost, let theirs = other.cost, mine.isComplete, theirs.isComplete else { return nil }
            return mine.monthlyCost - theirs.monthlyCost
        }
        let better = ranked.prefix { $0.design != chosen.design }
        if let other = better.first {
            let reasons = better.flatMap { against[$0.design]! }
            let fewer = chosen.hops.count - other.hops.count
            let charges = extra(in: chosen, over: other).reversed().compactMap(\.chargeName)
            var why = "\(other.design) would win if none of that applied: it has \(fewer) fewer \(fewer == 1 ? "hop" : "hops")"
            why += charges.isEmpty ? "." : " and no \(charges.joined(separator: " or ")) charges."
            return Recommendation(
                design: chosen.design, reasons: reasons, otherWinsWhen: why, other: other.design, monthlyPremium: premium(other),
                monthlyCost: monthlyCost, monthlyRequests: report.scenario.monthlyRequests)
        }
        guard let other = ranked.dropFirst().first(where: \.isFeasible) else { return nil }
        var why: [String] = []
        let features = featureSets(in: other, over: chosen, scenario: report.scenario)
        if !features.isEmpty { why.append("it needs none of \(features.map(\.title).joined(separator: " or "))") }
        let fewer = other.hops.count - chosen.hops.count
        if fewer > 0 { why.append("it has \(fewer) fewer \(fewer == 1 ? "hop" : "hops") and fewer failure domains") }
        if why.isEmpty { why.append("it costs the least") }
        let chosenContexts = chosen.definition.contexts(report.scenario)
        let wins = features.map { "\($0.title) (\($0.summary))" } + chosenContexts.flatMap { $0.component.limitations($0) }
        let otherWins =
            wins.isEmpty
            ? "\(other.design) is the next choice."
            : "\(other.design) wins when you need \(wins.joined(separator: ", ", lastSeparator: wins.count > 2 ? ", or " : " or "))."
        return Recommendation(
            design: chosen.design, reasons: why, otherWinsWhen: otherWins, other: other.design, monthlyPremium: premium(other),
            monthlyCost: monthlyCost, monthlyRequests: report.scenario.monthlyRequests)
    }

    /// What rules a design out for this workload: its topology, its payload limits, the features asked for.
    static func reasons(against design: DesignReport, needs: [Feature]) -> [String] {
        var reasons: [String] = []
        if let reason = design.impossibleReason {
            reasons.append("\(design.design) is impossible here (\(reason.split(separator: ",").first ?? Substring(reason)))")
        }
        let payload = design.warnings.filter { $0.id == "request-too-large" || $0.id == "response-too-large" }
        if let first = payload.first {
            let limit = first.id == "request-too-large" ? design.limits.maxRequestKiB : design.limits.maxResponseKiB
            reasons.append(
                "the workload's bodies exceed \(design.design)'s \(HopModel.sizeText(limit)) limit (\(payload.map(\.value).joined(separator: ", ")))")
        }
        let lacking = needs.filter { !design.definition.contains($0.provider) }
        if !lacking.isEmpty {
            let apiFeatures = lacking[0].provider == .restAPI
            let holder = apiFeatures ? design.definition.entry?.articleName ?? "it" : design.design.rawValue
            reasons.append("you need \(apiFeatures ? "API Gateway" : "ALB") features \(holder) does not have: \(lacking.map(\.title).joined(separator: ", "))")
        }
        return reasons
    }

    /// The components `design` has and `other` lacks, in chain order.
    static func extra(in design: DesignReport, over other: DesignReport) -> [any Component] {
        design.definition.chain.filter { component in !other.definition.contains(component.kind) }
    }

    /// What the components `design` has and `other` lacks let it do.
    static func featureSets(in design: DesignReport, over other: DesignReport, scenario: Scenario) -> [FeatureSet] {
        design.definition.contexts(scenario).filter { !other.definition.contains($0.component.kind) }.compactMap { $0.component.features($0) }
    }
}

extension Array where Element == String {
    /// `a; b and c`.
    func joined(separator: String, lastSeparator: String) -> String {
        guard count > 1 else { return first ?? "" }
        return dropLast().joined(separator: separator) + lastSeparator + last!
    }
}
