import Foundation

/// What the bill covers beyond the request path: logs, AWS WAF, the link from the corporate network,
/// the Resolver endpoint on-premises clients need, API Gateway's cache and X-Ray. Everything is off
/// unless asked for, so the request-path figures do not move; a preset turns on what its topology implies.
package struct WholeBill: Sendable, Equatable {
    /// Where AWS WAF web ACLs are attached.
    package enum WAFPlacement: String, CaseIterable, Sendable {
        case none, alb, api, both
    }

    /// How corporate clients reach a private design.
    package enum HybridLink: String, CaseIterable, Sendable {
        case none, vpn, dx
    }

    /// Direct Connect dedicated port speeds with a sourced price.
    package enum PortSpeed: String, CaseIterable, Sendable {
        case oneGbps = "1g"
        case tenGbps = "10g"
    }

    /// API Gateway execution logging levels.
    package enum ExecutionLogs: String, CaseIterable, Sendable {
        case off, errors, info, full
    }

    /// CloudWatch Logs, when priced (`--logs` or any log option).
    package struct Logs: Sendable, Equatable {
        /// Bytes Lambda writes per invocation: by default its START, END and REPORT lines.
        package var lambdaBytesPerInvocation: ExactDecimal
        package var executionLogs: ExecutionLogs
        /// Bytes of execution log per request; nil for the level's stated default.
        package var executionBytesPerRequest: ExactDecimal?
        /// Bytes of access log per request (0: access logging off).
        package var accessBytesPerRequest: ExactDecimal
        package var retentionDays: ExactDecimal

        /// 71 + 52 + 141 bytes: the START, END and REPORT lines in Lambda's documented text format with a
        /// 36-character request id ("START RequestId: <id> Version: $LATEST", "END RequestId: <id>",
        /// "REPORT RequestId: <id>\tDuration: 24.04 ms\tBilled Duration: 25 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB").
        package static let lambdaPlatformLinesBytes: ExactDecimal = 264
        /// API Gateway's execution log events are cut at 1,024 bytes each.
        package static let executionEventLimitBytes: ExactDecimal = 1024
        /// Stated estimate, not an AWS figure: about 16 INFO events of 128 bytes for an AWS_PROXY request
        /// (request id, usage plan, method request, endpoint request, response and completion lines).
        package static let infoBytesPerRequest: ExactDecimal = 2048
        /// AWS's worked example stores 30 GB of ingested logs as 6 GB: 0.2 of the ingested size.
        package static let storedFraction = ExactDecimal.literal("0.2")
        /// The retention periods CloudWatch Logs offers, in days (PutRetentionPolicy).
        package static let retentionChoices = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]

        package init(
            lambdaBytesPerInvocation: ExactDecimal = Logs.lambdaPlatformLinesBytes, executionLogs: ExecutionLogs = .off, executionBytesPerRequest: ExactDecimal? = nil,
            accessBytesPerRequest: ExactDecimal = 0, retentionDays: ExactDecimal = 30
        ) {
            self.lambdaBytesPerInvocation = lambdaBytesPerInvocation
            self.executionLogs = executionLogs
            self.executionBytesPerRequest = executionBytesPerRequest
            self.accessBytesPerRequest = accessBytesPerRequest
            self.retentionDays = retentionDays
        }
    }

    package var logs: Logs? = nil
    package var waf: WAFPlacement = .none
    /// Rules (or rule groups) in each web ACL.
    package var wafRules: Int = 5
    package var hybridLink: HybridLink = .none
    package var directConnectPort: PortSpeed = .oneGbps
    /// ENIs of a Route 53 Resolver inbound endpoint (0: none; AWS requires at least 2).
    package var resolverInboundENIs: Int = 0
    /// API Gateway cache size in GB, one of AWS's sizes; nil: no cache.
    package var apiCacheGB: String? = nil
    /// Share of requests X-Ray traces, 0 to 1 (0: off).
    package var xraySampleRate: ExactDecimal = 0

    package init() {}

    /// AWS's cache sizes in GB and the price each reads.
    package static let cacheSizes: [(gb: String, key: PriceKey)] = [
        ("0.5", .apiCache0_5), ("1.6", .apiCache1_6), ("6.1", .apiCache6_1), ("13.5", .apiCache13_5), ("28.4", .apiCache28_4), ("58.2", .apiCache58_2),
        ("118", .apiCache118), ("237", .apiCache237),
    ]

    /// Bytes of API Gateway execution log per request at this level: the user's figure, else the stated default.
    package func executionBytes(requestKiB: ExactDecimal, responseKiB: ExactDecimal) -> ExactDecimal {
        guard let logs, logs.executionLogs != .off else { return 0 }
        if let given = logs.executionBytesPerRequest { return given }
        switch logs.executionLogs {
        case .off, .errors: return 0
        case .info: return Logs.infoBytesPerRequest
        case .full:
            // INFO plus the request body before and after transformation and the response body before
            // and after, each event cut at 1,024 bytes.
            let limit = Logs.executionEventLimitBytes
            return Logs.infoBytesPerRequest + 2 * min(requestKiB * Units.bytesPerKiB, limit) + 2 * min(responseKiB * Units.bytesPerKiB, limit)
        }
    }
}
