import Foundation

/// Size and billing conventions, stated once. Sizes: 1 KiB = 1,024 bytes; 1 GB = 2^30 bytes,
/// as in AWS's API Gateway examples (3 KB x 5M = 14.3 GB) and PrivateLink tiers (1 PB = 1,048,576 GB);
/// the ALB's processed bytes alone count decimal GB (`ALBCapacityUnits.bytesPerGB`).
package enum Units {
    package static let bytesPerKiB: ExactDecimal = 1024
    /// Bytes per GB: 1,073,741,824 (2^30).
    package static let bytesPerGB: ExactDecimal = 1_073_741_824
    /// KiB per GB: 1,048,576.
    package static let kibPerGB: ExactDecimal = 1_048_576
    package static let requestsPerMillion: ExactDecimal = 1_000_000
    package static let secondsPerHour: ExactDecimal = 3600
    /// Lambda bills ephemeral storage only above this size.
    package static let lambdaFreeEphemeralMB: ExactDecimal = 512
}

/// AWS free-tier amounts applied with `--free-tier` (AWS Lambda, EC2 data-transfer, CloudWatch and
/// X-Ray pricing pages).
package enum FreeTier {
    /// Lambda requests per month.
    package static let lambdaRequests: ExactDecimal = 1_000_000
    /// Lambda compute per month, GB-seconds (shared by both architectures).
    package static let lambdaGBSeconds: ExactDecimal = 400_000
    /// Internet data transfer out per month, GB, aggregated across services and regions.
    package static let internetEgressGB: ExactDecimal = 100
    /// CloudWatch Logs: 5 GB of ingestion and 5 GB-month of storage per month (AWS's example deducts both).
    package static let logsGB: ExactDecimal = 5
    /// X-Ray: 100,000 traces recorded per month.
    package static let xrayTracesRecorded: ExactDecimal = 100_000
}
