import Foundation

/// The limit a design reaches first as the workload grows: the one with the least headroom
/// (limit / the workload's use of it). A broken limit has headroom below 1.
package struct BindingLimit: Sendable, Equatable {
    /// What the limit is, for example `request body`.
    package var name: String
    /// The workload's use and the limit, for example `1 KiB of 1 MB`.
    package var usage: String
    /// limit / use: how many times the workload fits under the limit.
    package var headroom: ExactDecimal

    /// `request body: 1 KiB of 1 MB (1,024x headroom)`, or `... (broken)`.
    package var text: String {
        headroom < 1 ? "\(name): \(usage) (broken)" : "\(name): \(usage) (\(Format.threeSignificant(headroom))x headroom)"
    }
}

extension EffectiveLimits {
    /// The limit with the least headroom for `scenario`'s workload; the first in this order wins a
    /// tie: request body, response body, timeout, sustained rate, Lambda concurrency.
    package func firstToBind(_ scenario: Scenario) -> BindingLimit? {
        let workload = scenario.workload
        let seconds = workload.lambdaDurationMS / 1_000
        let rps = scenario.requestsPerSecond
        let responseLimit = workload.responseStreaming ? (responseStreamingKiB ?? maxResponseKiB) : maxResponseKiB
        let timeout = workload.responseStreaming ? (streamedTimeoutSeconds ?? timeoutSeconds) : timeoutSeconds
        let candidates: [(String, ExactDecimal, ExactDecimal, String)] = [
            ("request body", workload.requestKiB, maxRequestKiB, "\(HopModel.sizeText(workload.requestKiB)) of \(HopModel.sizeText(maxRequestKiB))"),
            ("response body", workload.responseKiB, responseLimit, "\(HopModel.sizeText(workload.responseKiB)) of \(HopModel.sizeText(responseLimit))"),
            ("timeout", seconds, timeout, "\(Format.exact(seconds)) s of \(Format.exact(timeout)) s"),
            ("sustained rate", rps, sustainedRPS, "\(Format.quantity(rps)) of \(Format.quantity(sustainedRPS)) requests/s"),
            ("Lambda concurrency", concurrencyNeeded, concurrencyLimit, "\(Format.quantity(concurrencyNeeded)) of \(Format.quantity(concurrencyLimit))"),
        ]
        var best: BindingLimit?
        for (name, use, limit, usage) in candidates where use > 0 {
            let headroom = limit / use
            if let current = best, !(headroom < current.headroom) { continue }
            best = BindingLimit(name: name, usage: usage, headroom: headroom)
        }
        return best
    }
}
