import Foundation

/// One step a request takes, in request order, with what bounds it and what it adds.
/// Facts and sources: ../shared/reference/topology.md §1.
package struct Hop: Sendable, Equatable {
    /// 1-based position in the request path.
    package var number: Int
    /// Stable id, for example `alb-vpce`.
    package var id: String
    package var from: String
    package var to: String
    /// Protocol and port, for example `HTTPS 443`.
    package var transport: String
    /// Where TLS ends or is set up again.
    package var tls: String
    package var sizeLimit: String
    package var timeout: String
    package var throttle: String
    /// Line-item id prefixes billed at this hop (`alb.lcu`, `vpce.data`, ...).
    package var billedItems: [String]
    /// What this hop can add to a request: authorizers, WAF, throttling...
    package var adds: [String]
    /// Pitfalls of this hop and how to solve them.
    package var notes: [String]
    /// The key of `--hop-latency-ms` that estimates this hop (`alb`, `vpce`, ...).
    package var latencyKey: String
    /// Protocol and port in a few words, for diagram edges (`HTTPS 443`).
    package var shortTransport: String = ""
    /// The limit that binds at this hop, in a few words (`29 s, 6 MB`); empty when none does.
    package var keyLimit: String = ""
    /// Where the hop's facts come from.
    package var sources: [FactSource] = []
}

/// The largest request that gets through, how long it may take and how fast requests may come.
package struct EffectiveLimits: Sendable, Equatable {
    package var maxRequestKiB: ExactDecimal
    package var maxResponseKiB: ExactDecimal
    /// What sets the payload limit, in words.
    package var payloadLimitSource: String
    package var timeoutSeconds: ExactDecimal
    package var timeoutSource: String
    /// Steady requests per second before throttling, and what sets it.
    package var sustainedRPS: ExactDecimal
    package var sustainedSource: String
    /// Token-bucket burst before throttling; nil where no component has one.
    package var burstRPS: ExactDecimal?
    /// Concurrent Lambda executions the workload needs: rps x duration in seconds.
    package var concurrencyNeeded: ExactDecimal
    package var concurrencyLimit: ExactDecimal
    /// Sum of the user's latency estimates over this design's hops; nil when none was given.
    package var latencyEstimateMS: ExactDecimal?
    /// Hops (by latency key) that had no estimate.
    package var latencyUnestimated: [String]
    /// What happens to a request or a response above the payload limit, and when the function
    /// outlasts the timeout: from the component whose limit binds.
    package var requestConsequence: String = ""
    package var responseConsequence: String = ""
    /// The largest response with response streaming, where the path can stream; nil where it cannot
    /// or where the workload streams already.
    package var responseStreamingKiB: ExactDecimal?
    /// What sets the response limit, when it differs from the request's (a streamed response).
    package var responseLimitSource: String?
    /// How long a streamed response may last, where the path can stream and the workload does not.
    package var streamedTimeoutSeconds: ExactDecimal?
    package var timeoutConsequence: String = ""
    /// The way out when the timeout binds; nil for the general advice.
    package var timeoutFix: String?
    /// The option that sets the binding timeout, when the user can raise it, and the most it can be raised to.
    package var timeoutInput: String?
    package var timeoutCeiling: ExactDecimal?
    /// Where the binding payload, timeout and rate limits come from.
    package var payloadSources: [FactSource] = []
    package var timeoutSources: [FactSource] = []
    package var rateSources: [FactSource] = []
    /// Whether the path streams responses (--response-streaming through API Gateway to Lambda).
    package var streamsResponses = false
}

/// A workload that breaks a limit: which limit, the value that breaks it and the way out.
package struct LimitWarning: Sendable, Equatable {
    /// Stable id, for example `request-too-large`.
    package var id: String
    /// The limit, for example `ALB -> Lambda request body 1 MB`.
    package var limit: String
    /// The workload's value, for example `--request-kb 2048`.
    package var value: String
    /// What happens to requests.
    package var consequence: String
    /// How to get out of it.
    package var fix: String

    package var message: String { "\(value) breaks \(limit): \(consequence). Way out: \(fix)" }
}

extension EffectiveLimits {
    /// The limits as labelled rows, in the order every renderer shows them.
    package var rows: [(label: String, value: String)] {
        [
            ("Largest request body", "\(HopModel.sizeText(maxRequestKiB)) (\(payloadLimitSource))"),
            (
                "Largest response",
                HopModel.sizeText(maxResponseKiB) + (responseLimitSource.map { " (\($0))" } ?? "")
                    + (responseStreamingKiB.map { " buffered; up to \(HopModel.sizeText($0)) streamed" } ?? "")
            ),
            (
                "End-to-end timeout",
                "\(Format.quantity(timeoutSeconds)) s (\(timeoutSource))" + (streamedTimeoutSeconds.map { "; up to \(Format.quantity($0 / 60)) minutes streamed" } ?? "")
            ),
            ("Sustained requests/s", "\(Format.quantity(sustainedRPS, places: 1)) (\(sustainedSource))"),
            ("Burst capacity", burstRPS.map { "\(Format.quantity($0)) requests in API Gateway's token bucket (a size, not a rate)" } ?? "no token bucket of its own"),
            ("Lambda concurrency", "needs \(Format.quantity(concurrencyNeeded)) of \(Format.quantity(concurrencyLimit))"),
            ("Latency (your estimates)", latencyText),
        ]
    }

    /// `19 ms + unestimated dns, lambda`, or a pointer to `--hop-latency-ms`.
    package var latencyText: String {
        guard let sum = latencyEstimateMS else { return "not estimated (--hop-latency-ms)" }
        return "\(Format.quantity(sum)) ms" + (latencyUnestimated.isEmpty ? "" : " + unestimated \(latencyUnestimated.joined(separator: ", "))")
    }
}
