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

/// Which design to choose, why, what it saves, and when another one wins: derived from the
/// analyses, never from a renderer's opinion. It never picks a design that cannot carry the workload.
package struct Recommendation: Sendable, Equatable {
    /// The design to choose; nil when none can carry the workload (then `changes` say what would).
    package var design: DesignID?
    /// Why the designs that would rank above it are out, most decisive first.
    package var reasons: [String]
    /// What it has over `other`, the runner-up.
    package var advantages: [String] = []
    /// When another design wins; empty when there is nothing to add.
    package var otherWinsWhen: String
    /// The design the choice is measured against: the runner-up that can carry the workload.
    package var other: DesignID?
    /// Monthly cost of the choice against `other` (negative: it saves); nil when unknown.
    package var monthlyPremium: ExactDecimal?
    /// The chosen design's own monthly cost, when it is fully priced.
    package var monthlyCost: ExactDecimal?
    /// Requests per month, to state the premium per 1M requests.
    package var monthlyRequests: ExactDecimal
    /// When no design is chosen: the nearest design and what must change for it to work.
    package var nearest: DesignID? = nil
    package var changes: [String] = []
    /// True when some design carries the workload but none has what `--needs` asks for.
    package var onlyNeedsMissing = false
    /// Why the money is not stated, when a price is missing.
    package var moneyNote: String? = nil
    /// True when `--design` left designs out of the run.
    package var partial = false
    /// When one side of the money compared has no place for the web ACL `--waf` asks for.
    package var wafNote: String? = nil

    /// One sentence: which design, why, and what it saves or costs per month.
    package var sentence: String {
        guard let design else {
            let nearest = self.nearest.map { " The nearest is \($0.rawValue): \(changes.joined(separator: "; ", lastSeparator: "; and "))." } ?? ""
            let scope = partial ? "No design analysed (--design leaves the others out)" : "No design"
            return (onlyNeedsMissing ? "\(scope) both carries this workload here and has what --needs asks for." : "\(scope) can carry this workload here.") + nearest
        }
        let money: String
        if let monthlyPremium, let other {
            let perMillion = monthlyRequests == 0 ? "" : " (\(Format.money4(abs(monthlyPremium) / monthlyRequests * Units.requestsPerMillion)) per 1M requests)"
            money =
                monthlyPremium > 0
                ? "; it costs \(Format.money(monthlyPremium)) per month\(perMillion) more than \(other.rawValue)"
                : "; it saves \(Format.money(-monthlyPremium)) per month\(perMillion) against \(other.rawValue)"
        } else if let moneyNote {
            money = "; \(moneyNote)"
        } else if let monthlyCost {
            money = "; it costs \(Format.money(monthlyCost)) per month"
        } else {
            money = ""
        }
        let parts = [
            reasons.joined(separator: "; "), advantages.joined(separator: advantages.count > 2 ? ", " : " and ", lastSeparator: advantages.count > 2 ? ", and " : " and "),
        ].filter { !$0.isEmpty }
        return "Choose \(design.rawValue) because \(parts.joined(separator: "; "))\(money)\(wafNote.map { " (\($0))" } ?? "")."
    }

    /// The sentence, then when another design wins.
    package var sentences: String { otherWinsWhen.isEmpty ? sentence : "\(sentence) \(otherWinsWhen)" }

    /// Ranks the designs that can carry the workload and have the features asked for (fewest hops
    /// first, then the cheaper when both are fully priced) and picks the first.
    package static func make(for report: Report, needs: [Feature]) -> Recommendation? {
        let scenario = report.scenario
        // One design: nothing to choose between, but what to change when it cannot carry the workload.
        guard report.designs.count >= 2 else {
            guard let only = report.designs.first, !only.isFeasible || lacks(only, needs) else { return nil }
            return none(report.designs, needs: needs, scenario: scenario)
        }
        let ranked = report.designs.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.hops.count != b.hops.count { return a.hops.count < b.hops.count }
            if let costA = a.shownCost, let costB = b.shownCost, costA.differencesAreKnown, costB.differencesAreKnown, costA.monthlyCost != costB.monthlyCost {
                return costA.monthlyCost < costB.monthlyCost
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let against = Dictionary(uniqueKeysWithValues: ranked.map { ($0.design, reasons(against: $0, needs: needs)) })
        let candidates = ranked.filter { against[$0.design]!.isEmpty }
        guard let chosen = candidates.first else { return none(ranked, needs: needs, scenario: scenario) }
        let other = candidates.dropFirst().first
        // The money is stated against the runner-up, else against a design ruled out only by --needs
        // (what the features cost); never against one that cannot carry the workload.
        let priced = other ?? ranked.prefix { $0.design != chosen.design }.first(where: \.isFeasible)
        let monthlyCost = chosen.cost.flatMap { $0.isComplete ? $0.monthlyCost : nil }
        let premium: ExactDecimal? = priced.flatMap { other in
            guard let mine = chosen.cost, let theirs = other.cost, mine.differencesAreKnown, theirs.differencesAreKnown else { return nil }
            return mine.monthlyCost - theirs.monthlyCost
        }
        // A web ACL asked for where one of the two has no place for it: the money compares unequal protection.
        var wafNote: String?
        if premium != nil, let priced, scenario.wholeBill.waf != .none {
            let places: [(ComponentKind, String)] = [(.alb, "ALB"), (.restAPI, "API stage")].filter {
                [$0.0 == .alb ? WholeBill.WAFPlacement.alb : .api, .both].contains(scenario.wholeBill.waf)
            }
            let bare = [chosen, priced].filter { design in !places.contains { design.definition.contains($0.0) } }
            if bare.count == 1 {
                wafNote = "\(bare[0].design) without WAF: it has no \(places.map(\.1).joined(separator: " or ")) for --waf \(scenario.wholeBill.waf.rawValue)"
            }
        }
        // The designs that would rank above the choice say why they are out; the runner-up, what the choice has over it.
        let why = ranked.prefix { $0.design != chosen.design }.flatMap { against[$0.design]! }
        // What the choice has over the runner-up, each clause with its own subject.
        var advantages: [String] = []
        let met = needs.filter { chosen.definition.contains($0.provider) }
        if !met.isEmpty && why.isEmpty { advantages.append("it has the \(met.map(\.title).joined(separator: ", ", lastSeparator: " and ")) you need") }
        if let other {
            let features = featureSets(in: other, over: chosen, scenario: scenario)
            if !features.isEmpty { advantages.append("you need none of the \(features.map(\.noun).joined(separator: " or ")) \(other.design) adds") }
            let fewer = other.hops.count - chosen.hops.count
            if fewer > 0 { advantages.append("it has \(fewer) fewer \(fewer == 1 ? "hop" : "hops") and fewer failure domains than \(other.design)") }
            if advantages.isEmpty { advantages.append("it costs the least") }
        } else if why.isEmpty {
            advantages.append("it is the only design that can carry this workload here")
        }
        var otherWins = ""
        if let other {
            let wins =
                featureSets(in: other, over: chosen, scenario: scenario).map { "\($0.title) (\($0.summary))" }
                + chosen.definition.contexts(scenario).flatMap { $0.component.limitations($0) }
            let needed = wins.isEmpty ? "" : "you need \(wins.joined(separator: ", ", lastSeparator: wins.count > 2 ? ", or " : " or "))"
            // A dearer choice says so: the runner-up wins on cost.
            if let premium, premium > 0 {
                otherWins = "\(other.design) wins on cost (\(Format.money(premium)) per month less)" + (needed.isEmpty ? "." : " and when \(needed).")
            } else if !needed.isEmpty {
                otherWins = "\(other.design) wins when \(needed)."
            }
        }
        // Without a complete price on both sides the saving is unknown: say why rather than drop it.
        var moneyNote: String? = nil
        if premium == nil, let priced, let mine = chosen.cost, let theirs = priced.cost, !(mine.differencesAreKnown && theirs.differencesAreKnown) {
            moneyNote = "what it saves against \(priced.design) is not computed: a price is missing in \(scenario.topology.region) (see Missing prices)"
        }
        return Recommendation(
            design: chosen.design, reasons: why, advantages: advantages, otherWinsWhen: otherWins, other: priced?.design, monthlyPremium: premium,
            monthlyCost: monthlyCost, monthlyRequests: scenario.monthlyRequests, moneyNote: moneyNote, wafNote: wafNote)
    }

    /// No design can carry the workload with the features asked for: name the nearest and what it needs.
    static func none(_ ranked: [DesignReport], needs: [Feature], scenario: Scenario) -> Recommendation {
        // Fewest obstacles first (a missing feature weighs two: it is a requirement), then the smallest change.
        func distance(_ design: DesignReport) -> (Int, ExactDecimal) {
            let count = design.infeasibleReasons.count + (lacks(design, needs) ? 2 : 0)
            let workload = scenario.workload
            var ratio: ExactDecimal = 0
            for reason in design.infeasibleReasons {
                switch reason.id {
                case "request-too-large": ratio += workload.requestKiB / max(design.limits.maxRequestKiB, 1)
                case "response-too-large": ratio += workload.responseKiB / max(design.limits.maxResponseKiB, 1)
                case "timeout": ratio += workload.lambdaDurationMS / max(design.limits.timeoutSeconds * 1000, 1)
                default: ratio += 1
                }
            }
            return (count, ratio)
        }
        let nearest = ranked.enumerated().min { lhs, rhs in
            let (a, b) = (distance(lhs.element), distance(rhs.element))
            return (a.0, a.1, lhs.offset) < (b.0, b.1, rhs.offset)
        }?.element
        var changes: [String] = []
        if let nearest {
            changes = nearest.infeasibleReasons.map { change(for: $0, limits: nearest.limits, durationMS: scenario.workload.lambdaDurationMS) }
            let lacking = missing(nearest, needs)
            if !lacking.isEmpty {
                let (reason, fix) = Self.lacks(lacking, in: scenario)
                changes.append("\(reason): \(fix)")
            }
        }
        return Recommendation(
            design: nil, reasons: [], otherWinsWhen: "", other: nil, monthlyPremium: nil, monthlyCost: nil, monthlyRequests: scenario.monthlyRequests,
            nearest: nearest?.design, changes: changes, onlyNeedsMissing: ranked.contains(where: \.isFeasible),
            partial: ranked.count < DesignCatalog.all.count)
    }

    /// A timeout the user can raise far enough: raise it; otherwise the work must get shorter, to
    /// the most the timeout can be raised to.
    static func timeoutChange(for reason: InfeasibleReason, limits: EffectiveLimits, durationMS: ExactDecimal) -> String {
        let seconds = durationMS / 1000
        if let input = limits.timeoutInput, let ceiling = limits.timeoutCeiling, seconds <= ceiling {
            return "\(input) \(Format.quantity(limits.timeoutSeconds)) must rise to at least \(Format.quantity(seconds.ceiling)) (\(limits.timeoutSource)): \(reason.wayOut)"
        }
        let most = max(limits.timeoutCeiling ?? limits.timeoutSeconds, limits.timeoutSeconds)
        return "\(reason.value) must drop to \(Format.quantity(most * 1000)) or less: \(reason.wayOut)"
    }

    /// The input change that lifts one hard limit, with by how much.
    static func change(for reason: InfeasibleReason, limits: EffectiveLimits, durationMS: ExactDecimal) -> String {
        switch reason.id {
        case "request-too-large": "\(reason.value) must drop to \(Format.quantity(limits.maxRequestKiB)) or less: \(reason.wayOut)"
        case "response-too-large": "\(reason.value) must drop to \(Format.quantity(limits.maxResponseKiB)) or less: \(reason.wayOut)"
        case "timeout": timeoutChange(for: reason, limits: limits, durationMS: durationMS)
        default: "\(reason.value) rules it out (\(reason.summary)): \(reason.wayOut)"
        }
    }

    /// The features asked for that `design` does not offer.
    static func missing(_ design: DesignReport, _ needs: [Feature]) -> [Feature] { needs.filter { !design.definition.contains($0.provider) } }

    /// Why a design that lacks `lacking` is left out, and the option to change: response caching that
    /// only --apigw-cache-gb asked for is the cache's (dropped with it), anything else --needs'.
    static func lacks(_ lacking: [Feature], in scenario: Scenario) -> (reason: String, fix: String) {
        if lacking == [.responseCaching] && scenario.wholeBill.apiCacheGB != nil {
            return ("it has no API Gateway cache to price (--apigw-cache-gb asks for response caching)", "drop --apigw-cache-gb")
        }
        return ("it lacks what --needs asks for (\(lacking.map(\.rawValue).joined(separator: ", ")))", "drop it from --needs")
    }

    static func lacks(_ design: DesignReport, _ needs: [Feature]) -> Bool { !missing(design, needs).isEmpty }

    /// What rules a design out for this workload: its hard limits, the features asked for.
    static func reasons(against design: DesignReport, needs: [Feature]) -> [String] {
        var reasons: [String] = []
        if !design.isFeasible {
            // Infeasible says enough: what it lacks besides would only lengthen the sentence.
            return ["\(design.design) cannot carry this workload (\(design.infeasibleReasons.map(\.summary).joined(separator: ", ")))"]
        }
        let lacking = missing(design, needs)
        if !lacking.isEmpty {
            reasons.append("you need \(lacking.map(\.title).joined(separator: ", ", lastSeparator: " and ")), which \(design.design) lacks")
        }
        return reasons
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
