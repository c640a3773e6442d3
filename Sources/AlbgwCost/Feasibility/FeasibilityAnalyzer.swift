import Foundation

/// Decides whether a design can carry the workload here. Hard limits make it infeasible: its
/// topology (accounts, scheme) and the workload's request size, response size and duration against
/// the design's effective limits. Quotas AWS raises on request only warn (`HopModel.warnings`).
package enum FeasibilityAnalyzer {
    /// Every hard limit `design` breaks in `scenario`.
    package static func reasons(for design: DesignID, in scenario: Scenario) -> [InfeasibleReason] {
        reasons(for: design, in: scenario, limits: HopModel.limits(for: design, in: scenario, hops: []))
    }

    /// Every hard limit `design` breaks in `scenario`, given its effective limits: its topology first, then its workload.
    package static func reasons(for design: DesignID, in scenario: Scenario, limits: EffectiveLimits) -> [InfeasibleReason] {
        let workload = scenario.workload
        var reasons: [InfeasibleReason] = []
        if let impossibility = HopModel.impossibility(of: design, in: scenario) { reasons.append(impossibility.reason) }
        // Streaming asked for: a design with no hop that streams cannot give it.
        if workload.responseStreaming && !limits.streamsResponses {
            let others = DesignCatalog.alternatives(to: design, in: scenario)
            reasons.append(
                reason(
                    "no-streaming", "what \(design.rawValue) offers: one buffered response of at most \(HopModel.sizeText(limits.maxResponseKiB)) (\(limits.payloadLimitSource))",
                    "--response-streaming", "the function's whole response is taken before the client sees its first byte",
                    "drop --response-streaming if buffered responses will do"
                        + (others.isEmpty ? "" : ", or use " + others.joined(separator: " or ")),
                    "response streaming"))
        }
        if workload.requestKiB > limits.maxRequestKiB {
            let size = HopModel.sizeText(limits.maxRequestKiB)
            let limit = "the largest request body, \(size) (\(limits.payloadLimitSource))"
            let wayOut =
                "keep requests under \(size) (split the payload), or send large bodies to S3 with a presigned URL"
                + larger(than: limits.maxRequestKiB, design: design, scenario: scenario, \.maxRequestKiB)
            reasons.append(reason("request-too-large", limit, "--request-kb \(workload.requestKiB)", limits.requestConsequence, wayOut, "requests above \(size)"))
        }
        if workload.responseKiB > limits.maxResponseKiB {
            let size = HopModel.sizeText(limits.maxResponseKiB)
            let limit = "the largest response, \(size) (\(limits.responseLimitSource ?? limits.payloadLimitSource))"
            // Streaming helps only up to what a streamed response may carry.
            var wayOut =
                limits.responseStreamingKiB.flatMap {
                    workload.responseKiB <= $0
                        ? "stream the response (--response-streaming: REST API transfer mode STREAM and a streaming Lambda function, up to \(HopModel.sizeText($0)) and 15 minutes), "
                        : nil
                } ?? ""
            wayOut +=
                "return large content through S3 (presigned URL) or paginate"
                + larger(than: limits.maxResponseKiB, design: design, scenario: scenario, \.maxResponseKiB)
            reasons.append(reason("response-too-large", limit, "--response-kb \(workload.responseKiB)", limits.responseConsequence, wayOut, "responses above \(size)"))
        }
        if workload.lambdaDurationMS / 1000 > limits.timeoutSeconds {
            let limit = "the end-to-end timeout, \(Format.quantity(limits.timeoutSeconds)) s (\(limits.timeoutSource))"
            let wayOut =
                (limits.timeoutFix ?? "make the work asynchronous (return 202 and poll) or shorten the function")
                + longer(than: limits.timeoutSeconds, design: design, scenario: scenario)
            reasons.append(
                reason(
                    "timeout", limit, "--lambda-duration-ms \(workload.lambdaDurationMS)", limits.timeoutConsequence, wayOut,
                    "requests longer than \(Format.quantity(limits.timeoutSeconds)) s"))
        }
        return reasons
    }

    static func reason(_ id: String, _ limit: String, _ value: String, _ consequence: String, _ wayOut: String, _ summary: String) -> InfeasibleReason {
        InfeasibleReason(id: id, limit: limit, value: value, wayOut: wayOut, summary: summary, text: "\(value) breaks \(limit): \(consequence). Way out: \(wayOut)")
    }

    /// `, or use alb-lambda (timeout 900 s)`: the other designs that would carry the workload, or nothing.
    static func longer(than seconds: ExactDecimal, design: DesignID, scenario: Scenario) -> String {
        let others = DesignCatalog.alternatives(to: design, in: scenario).map { id in
            "\(id) (timeout \(Format.quantity(HopModel.limits(for: DesignID(rawValue: id), in: scenario, hops: []).timeoutSeconds)) s)"
        }
        return others.isEmpty ? "" : ", or use " + others.joined(separator: " or ")
    }

    /// `, or use alb-vpce-apigw-lambda (6 MB)`: the other designs that would carry the workload, with their limit, or nothing.
    static func larger(than size: ExactDecimal, design: DesignID, scenario: Scenario, _ limit: KeyPath<EffectiveLimits, ExactDecimal>) -> String {
        let others = DesignCatalog.alternatives(to: design, in: scenario).compactMap { id -> (String, ExactDecimal)? in
            let value = HopModel.limits(for: DesignID(rawValue: id), in: scenario, hops: [])[keyPath: limit]
            return value > size ? (id, value) : nil
        }
        guard !others.isEmpty else { return "" }
        // Designs with the same limit share one parenthesis: `a or b (6 MB)`.
        var groups: [(names: [String], size: ExactDecimal)] = []
        for (name, size) in others {
            if let index = groups.firstIndex(where: { $0.size == size }) { groups[index].names.append(name) } else { groups.append(([name], size)) }
        }
        return ", or use " + groups.map { "\($0.names.joined(separator: " or ")) (\(HopModel.sizeText($0.size)))" }.joined(separator: " or ")
    }
}
