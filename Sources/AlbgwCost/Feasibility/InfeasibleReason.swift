/// A hard limit that the workload or the topology breaks: the design cannot carry this workload
/// here. Quotas that AWS raises on request are `LimitWarning`s instead.
package struct InfeasibleReason: Sendable, Equatable {
    /// Stable id: `request-too-large`, `response-too-large`, `timeout`, `accounts`, `scheme`.
    package var id: String
    /// The limit, for example `the largest request body, 1 MB (ALB limit for Lambda targets)`.
    package var limit: String
    /// The input that breaks it, for example `--request-kb 2048`.
    package var value: String
    /// How to get out of it.
    package var wayOut: String
    /// A few words for titles and table cells (`requests above 1 MB`).
    package var summary: String
    /// The whole reason in one sentence: the value, the limit, what happens and the way out.
    package var text: String
}
