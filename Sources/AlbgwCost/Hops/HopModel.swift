import Foundation

/// Builds each design's hops, its effective limits and the warnings its workload raises, by walking
/// the design's chain: every component brings the hop into it and its own limits.
package enum HopModel {
    /// The latency keys, in request order, that `--hop-latency-ms` accepts.
    package static let latencyKeys = ComponentKind.allCases.filter { $0 != .link }.map(\.rawValue)

    /// The hops of `design`, DNS first.
    package static func hops(for design: DesignID, in scenario: Scenario) -> [Hop] {
        var hops = design.definition.contexts(scenario).compactMap { context -> Hop? in
            guard var hop = context.component.hop(context) else { return nil }
            // The corporate link carries the hop into the design's entry: its charges show there.
            if context.component.kind == context.entry { hop.billedItems += CorporateLink.billedItems }
            return hop
        }
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
        // How long a streamed response could last where the path can stream: the stream's own limit,
        // unless the function's timeout ends it sooner.
        let streamed = contributions.compactMap(\.streamedTimeoutSeconds).first.map { ceiling in
            contributions.flatMap(\.timeouts).filter(\.endsAStream).map(\.seconds).reduce(ceiling) { min($0, $1) }
        }
        let keys = hops.map(\.latencyKey)
        let given = keys.compactMap { scenario.hopLatencyMS[$0] }
        return EffectiveLimits(
            maxRequestKiB: payload?.requestKiB ?? 0, maxResponseKiB: payload?.responseKiB ?? 0, payloadLimitSource: payload?.source ?? "",
            timeoutSeconds: timeout?.seconds ?? 0, timeoutSource: timeout?.source ?? "",
            sustainedRPS: rate?.requestsPerSecond ?? 0, sustainedSource: rate?.source ?? "", burstRPS: contributions.compactMap(\.burst).first,
            concurrencyNeeded: concurrency?.needed ?? 0, concurrencyLimit: concurrency?.limit ?? 0,
            latencyEstimateMS: given.isEmpty ? nil : given.reduce(0, +), latencyUnestimated: keys.filter { scenario.hopLatencyMS[$0] == nil },
            requestConsequence: payload?.requestConsequence ?? "", responseConsequence: payload?.responseConsequence ?? "",
            responseStreamingKiB: payload?.streamedResponseKiB, responseLimitSource: payload?.responseSource,
            streamedTimeoutSeconds: streamed.flatMap { streamed in timeout.flatMap { $0.seconds < streamed ? streamed : nil } },
            timeoutConsequence: timeout?.consequence ?? "", timeoutFix: timeout?.fix, timeoutInput: timeout?.input, timeoutCeiling: timeout?.ceiling,
            payloadSources: payload?.sources ?? [], timeoutSources: timeout?.sources ?? [], rateSources: rate?.sources ?? [],
            streamsResponses: payload?.streams ?? false)
    }

    /// The limits the workload breaks, each with the way out.
    package static func warnings(for design: DesignID, in scenario: Scenario) -> [LimitWarning] {
        warnings(for: design, in: scenario, limits: limits(for: design, in: scenario))
    }

    /// The order warnings are listed in: throttles, concurrency, bandwidth, readings.
    static let warningOrder = ["apigw-throttle", "lambda-concurrency", "endpoint-bandwidth", "alb-idle-timeout"]

    /// The quotas the workload exceeds that AWS raises on request, and the readings to mind, given
    /// the design's effective limits. Hard limits are `FeasibilityAnalyzer.reasons`.
    package static func warnings(for design: DesignID, in scenario: Scenario, limits: EffectiveLimits) -> [LimitWarning] {
        var warnings: [LimitWarning] = []
        for context in design.definition.contexts(scenario) {
            warnings += context.component.warnings(context, limits: limits)
        }
        return warnings.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    static func rank(_ warning: LimitWarning) -> Int { warningOrder.firstIndex(of: warning.id) ?? warningOrder.count }

    /// `1 MB`, `6 MB`, `512 KiB`: sizes as AWS states its limits.
    static func sizeText(_ kib: ExactDecimal) -> String {
        kib >= 1024 && (kib / 1024).isWholeNumber ? "\(kib / 1024) MB" : "\(Format.quantity(kib)) KiB"
    }
}
