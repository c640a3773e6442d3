import Foundation

/// An input a sweep varies, with the option that sets it on its own, its unit in sentences and
/// the values it may take (the same bounds as the option).
package enum SweepVariable: String, CaseIterable, Sendable {
    case rps
    case requestsPerMonth = "requests-per-month"
    case requestKB = "request-kb"
    case responseKB = "response-kb"
    case lambdaDurationMS = "lambda-duration-ms"
    case lambdaMemoryMB = "lambda-memory-mb"

    /// The option of the single-point command that sets the same input.
    package var option: String { "--\(rawValue)" }

    /// `requests/s`, `KiB per request`: what a value of it is, in sentences and axis titles.
    package var unit: String {
        switch self {
        case .rps: "requests/s"
        case .requestsPerMonth: "requests a month"
        case .requestKB: "KiB per request"
        case .responseKB: "KiB per response"
        case .lambdaDurationMS: "ms of function duration"
        case .lambdaMemoryMB: "MB of function memory"
        }
    }

    /// The short unit for tick labels: `rps`, `KiB`, `ms`.
    package var tickUnit: String {
        switch self {
        case .rps: "rps"
        case .requestsPerMonth: "req/mo"
        case .requestKB, .responseKB: "KiB"
        case .lambdaDurationMS: "ms"
        case .lambdaMemoryMB: "MB"
        }
    }

    /// The axis title of a chart.
    package var axisTitle: String {
        switch self {
        case .rps: "Requests per second"
        case .requestsPerMonth: "Requests per month"
        case .requestKB: "Request size (KiB)"
        case .responseKB: "Response size (KiB)"
        case .lambdaDurationMS: "Function duration (ms)"
        case .lambdaMemoryMB: "Function memory (MB)"
        }
    }

    /// The smallest and largest value the option accepts; `lowerIsExclusive` for durations.
    package var bounds: (lower: ExactDecimal, upper: ExactDecimal, lowerIsExclusive: Bool) {
        switch self {
        case .rps: (ExactDecimal.literal("0.0001"), 10_000_000, false)
        case .requestsPerMonth: (1, 30_000_000_000_000, false)  // --rps at its largest, 10,000,000, over 744 hours is 26.8 trillion
        case .requestKB, .responseKB: (0, 1_048_576, false)
        case .lambdaDurationMS: (0, 900_000, true)
        case .lambdaMemoryMB: (128, 10240, false)
        }
    }

    /// True when only whole values make sense (memory is set in whole MB).
    package var isWhole: Bool { self == .lambdaMemoryMB || self == .requestsPerMonth }

    /// `value` made one the option accepts: rounded to a whole number (half away from zero) for a
    /// whole-valued input, and kept within the bounds.
    package func clamped(_ value: ExactDecimal) -> ExactDecimal {
        let whole = isWhole ? value.rounded(scale: 0) : value
        return min(max(whole, bounds.lower), bounds.upper)
    }

    /// The scale a sweep uses unless `--scale` says otherwise: traffic spans decades.
    package var defaultScale: SweepScale { self == .rps || self == .requestsPerMonth ? .log : .linear }

    /// The scenario with this input set to `value`.
    package func apply(_ value: ExactDecimal, to scenario: inout Scenario) {
        switch self {
        case .rps: scenario.workload.rate = .perSecond(value)
        case .requestsPerMonth: scenario.workload.rate = .perMonth(value)
        case .requestKB: scenario.workload.requestKiB = value
        case .responseKB: scenario.workload.responseKiB = value
        case .lambdaDurationMS: scenario.workload.lambdaDurationMS = value
        case .lambdaMemoryMB: scenario.workload.lambdaMemoryMB = value
        }
    }

    /// The value this input has in `scenario`.
    package func value(in scenario: Scenario) -> ExactDecimal {
        switch self {
        case .rps: scenario.requestsPerSecond
        case .requestsPerMonth: scenario.monthlyRequests
        case .requestKB: scenario.workload.requestKiB
        case .responseKB: scenario.workload.responseKiB
        case .lambdaDurationMS: scenario.workload.lambdaDurationMS
        case .lambdaMemoryMB: scenario.workload.lambdaMemoryMB
        }
    }

    /// The hard limit a design's effective limits put on this input, when it has one: above it the
    /// design cannot carry the workload.
    package func hardLimit(_ limits: EffectiveLimits) -> (value: ExactDecimal, source: String)? {
        switch self {
        case .requestKB: (limits.maxRequestKiB, limits.payloadLimitSource)
        case .responseKB: (limits.maxResponseKiB, limits.responseLimitSource ?? limits.payloadLimitSource)
        case .lambdaDurationMS: (limits.timeoutSeconds * 1000, limits.timeoutSource)
        case .rps, .requestsPerMonth, .lambdaMemoryMB: nil
        }
    }
}

/// How sweep points are spread between the ends.
package enum SweepScale: String, CaseIterable, Sendable {
    case log
    case linear
}
