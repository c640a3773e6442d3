import Foundation

/// Builds each design's hops, its effective limits and the warnings its workload raises, by walking
/// the design's chain: every component brings the hop into it and its own limits.
package enum HopModel {
    /// The latency keys, in request order, that `--hop-latency-ms` accepts.
    package static let latencyKeys = ComponentKind.allCases.map(\.rawValue)

    /// The hops of `design`, DNS first.
    package static func hops(for design: DesignID, in scenario: Scenario) -> [Hop] {
        var hops = design.definition.contexts(scenario).compactMap { $0.component.hop($0) }
        for index in hops.indices { hops[index].number = index + 1 }
        return hops
    }

    /// Why a design cannot be built for this topology, or nil when it can.
    package static func impossibility(of design: DesignID, in scenario: Scenario) -> Impossibility? {
        design.definition.contexts(scenario).lazy.compactMap { $0.component.impossibility($0) }.first
    }

    /// The limits that bind `design` for this scenario.
    package static func limits(for design: DesignID, in scenario: Scenario) -> EffectiveLimits {
        limits(for: design, in: scenario, hops: hops(for: design, in: scenario))
    }

    /// The limits that bind `design`, given its hops (built once by the report): the smallest of
    /// what its components contribute.
    package static func limits(for design: DesignID, in scenario: Scenario, hops: [Hop]) -> EffectiveLimits {
        let contributions = design.definition.contexts(scenario).map { $0.component.limits($0) }
        let payload = contributions.compactMap(\.payload).min { $0.requestKiB < $1.requestKiB }
        let timeout = contributions.flatMap(\.timeouts).min { ($0.seconds, $0.rank) < ($1.seconds, $1.rank) }
        let rate = contributions.flatMap(\.rates).min { ($0.requestsPerSecond, $0.rank) < ($1.requestsPerSecond, $1.rank) }
        let concurrency = contributions.compactMap(\.concurrency).first
        let keys = hops.map(\.latencyKey)
        let given = keys.compactMap { scenario.hopLatencyMS[$0] }
        return EffectiveLimits(
            maxRequestKiB: payload?.requestKiB ?? 0, maxResponseKiB: payload?.responseKiB ?? 0, payloadLimitSource: payload?.source ?? "",
            timeoutSeconds: timeout?.seconds ?? 0, timeoutSource: timeout?.source ?? "",
            sustainedRPS: rate?.requestsPerSecond ?? 0, sustainedSource: rate?.source ?? "", burstRPS: contributions.compactMap(\.burst).first,
            concurrencyNeeded: concurrency?.needed ?? 0, concurrencyLimit: concurrency?.limit ?? 0,
            latencyEstimateMS: given.isEmpty ? nil : given.reduce(0, +), latencyUnestimated: keys.filter { scenario.hopLatencyMS[$0] == nil },
            requestConsequence: payload?.requestConsequence ?? "", responseConsequence: payload?.responseConsequence ?? "",
            timeoutConsequence: contributions.compactMap(\.timeoutConsequence).last ?? "", timeoutFix: timeout?.fix)
    }

    /// The limits the workload breaks, each with the way out.
    package static func warnings(for design: DesignID, in scenario: Scenario) -> [LimitWarning] {
        warnings(for: design, in: scenario, limits: limits(for: design, in: scenario))
    }

    /// The order warnings are listed in: payload, timeout, throttles, concurrency, bandwidth.
    static let warningOrder = ["request-too-large", "response-too-large", "timeout", "apigw-throttle", "lambda-concurrency", "endpoint-bandwidth"]

    /// The limits the workload breaks, given the design's effective limits.
    package static func warnings(for design: DesignID, in scenario: Scenario, limits: EffectiveLimits) -> [LimitWarning] {
        let workload = scenario.workload
        var warnings: [LimitWarning] = []
        if workload.requestKiB > limits.maxRequestKiB {
            warnings.append(
                LimitWarning(
                    id: "request-too-large", limit: "the largest request body, \(sizeText(limits.maxRequestKiB)) (\(limits.payloadLimitSource))",
                    value: "--request-kb \(workload.requestKiB)",
                    consequence: limits.requestConsequence,
                    fix: "keep requests under \(sizeText(limits.maxRequestKiB)), or send large bodies to S3 with a presigned URL"
                        + larger(than: limits.maxRequestKiB, design: design, scenario: scenario, \.maxRequestKiB)))
        }
        if workload.responseKiB > limits.maxResponseKiB {
            warnings.append(
                LimitWarning(
                    id: "response-too-large", limit: "the largest response, \(sizeText(limits.maxResponseKiB)) (\(limits.payloadLimitSource))",
                    value: "--response-kb \(workload.responseKiB)",
                    consequence: limits.responseConsequence,
                    fix: "return large content through S3 (presigned URL) or paginate"
                        + larger(than: limits.maxResponseKiB, design: design, scenario: scenario, \.maxResponseKiB)))
        }
        if workload.lambdaDurationMS / 1000 > limits.timeoutSeconds {
            warnings.append(
                LimitWarning(
                    id: "timeout", limit: "the end-to-end timeout, \(Format.quantity(limits.timeoutSeconds)) s (\(limits.timeoutSource))",
                    value: "--lambda-duration-ms \(workload.lambdaDurationMS)",
                    consequence: limits.timeoutConsequence,
                    fix: limits.timeoutFix ?? "make the work asynchronous (return 202 and poll), shorten the function, or raise the timeout that binds"))
        }
        for context in design.definition.contexts(scenario) {
            warnings += context.component.warnings(context, limits: limits)
        }
        return warnings.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    static func rank(_ warning: LimitWarning) -> Int { warningOrder.firstIndex(of: warning.id) ?? warningOrder.count }

    /// `, or use alb-vpce-apigw-lambda (6 MB)`: the other designs that can be built here and whose limit is larger, or nothing.
    static func larger(than size: Decimal, design: DesignID, scenario: Scenario, _ limit: KeyPath<EffectiveLimits, Decimal>) -> String {
        // Only designs that can be built here and carry the workload's size.
        let wanted = limit == \EffectiveLimits.maxRequestKiB ? scenario.workload.requestKiB : scenario.workload.responseKiB
        let others = DesignCatalog.alternatives(to: design, in: scenario).compactMap { id -> (String, Decimal)? in
            let value = limits(for: DesignID(rawValue: id), in: scenario, hops: [])[keyPath: limit]
            return value > size && value >= wanted ? (id, value) : nil
        }
        guard !others.isEmpty else { return "" }
        // Designs with the same limit share one parenthesis: `a or b (6 MB)`.
        var groups: [(names: [String], size: Decimal)] = []
        for (name, size) in others {
            if let index = groups.firstIndex(where: { $0.size == size }) { groups[index].names.append(name) } else { groups.append(([name], size)) }
        }
        return ", or use " + groups.map { "\($0.names.joined(separator: " or ")) (\(sizeText($0.size)))" }.joined(separator: " or ")
    }

    /// `1 MB`, `6 MB`, `512 KiB`: sizes as AWS states its limits.
    static func sizeText(_ kib: Decimal) -> String {
        kib >= 1024 && (kib / 1024).isWholeNumber ? "\(kib / 1024) MB" : "\(Format.quantity(kib)) KiB"
    }
}
