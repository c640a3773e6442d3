import Foundation

/// The ALB's Load Balancer Capacity Units for one hour: AWS bills the largest of four dimensions
/// (ELB pricing page, "LCU details"), not their sum.
package struct ALBCapacityUnits: Sendable, Equatable {
    /// What the ALB forwards to: bytes are cheaper per LCU for IP/instance targets than for Lambda.
    package enum TargetKind: Sendable {
        /// Instances, containers and IP addresses (here: the endpoint's ENI IPs): 1 GB per LCU-hour.
        case ip
        /// Lambda functions: 0.4 GB per LCU-hour.
        case lambda
    }

    /// One LCU covers 25 new connections per second.
    package static let newConnectionsPerLCU: ExactDecimal = 25
    /// One LCU covers 3,000 active connections per minute.
    package static let activeConnectionsPerLCU: ExactDecimal = 3000
    /// One LCU covers 1,000 rule evaluations per second.
    package static let ruleEvaluationsPerLCU: ExactDecimal = 1000
    /// The first 10 rules processed per request are free.
    package static let freeRules: ExactDecimal = 10
    /// The processed-bytes dimension counts decimal GB, 10^9 bytes: AWS's ALB example 1 on the ELB
    /// pricing page turns 300 KB/s x 3,600 s into 1.08 GB, so 1.08 LCU (not the 2^30 bytes of
    /// `Units.bytesPerGB`, which API Gateway's and PrivateLink's figures use).
    package static let bytesPerGB: ExactDecimal = 1_000_000_000

    /// 0.4 GB per LCU-hour for Lambda targets, parsed once.
    static let lambdaGBPerLCU = ExactDecimal.literal("0.4")

    package static func processedGBPerLCU(_ target: TargetKind) -> ExactDecimal {
        switch target {
        case .ip: 1
        case .lambda: lambdaGBPerLCU
        }
    }

    package let newConnectionsPerSecond: ExactDecimal
    package let activeConnections: ExactDecimal
    package let processedGBPerHour: ExactDecimal
    package let ruleEvaluationsPerSecond: ExactDecimal
    package let target: TargetKind
    /// The four dimensions' LCUs in AWS's order, computed once (no array: a sweep builds one of
    /// these per point and design).
    let newConnectionLCU: ExactDecimal
    let activeConnectionLCU: ExactDecimal
    let processedBytesLCU: ExactDecimal
    let ruleEvaluationLCU: ExactDecimal
    /// LCUs billed per hour: the largest dimension.
    package let billed: ExactDecimal
    /// The dimension that sets the bill (the first one on a tie).
    package let binding: Dimension

    package init(
        newConnectionsPerSecond: ExactDecimal, activeConnections: ExactDecimal, processedGBPerHour: ExactDecimal, ruleEvaluationsPerSecond: ExactDecimal, target: TargetKind
    ) {
        self.newConnectionsPerSecond = newConnectionsPerSecond
        self.activeConnections = activeConnections
        self.processedGBPerHour = processedGBPerHour
        self.ruleEvaluationsPerSecond = ruleEvaluationsPerSecond
        self.target = target
        newConnectionLCU = newConnectionsPerSecond / Self.newConnectionsPerLCU
        activeConnectionLCU = activeConnections / Self.activeConnectionsPerLCU
        processedBytesLCU = processedGBPerHour / Self.processedGBPerLCU(target)
        ruleEvaluationLCU = ruleEvaluationsPerSecond / Self.ruleEvaluationsPerLCU
        // The largest, the first one on a tie.
        var index = 0
        var billed = newConnectionLCU
        if activeConnectionLCU > billed { (index, billed) = (1, activeConnectionLCU) }
        if processedBytesLCU > billed { (index, billed) = (2, processedBytesLCU) }
        if ruleEvaluationLCU > billed { (index, billed) = (3, ruleEvaluationLCU) }
        self.billed = billed
        self.binding = Dimension(name: Self.dimensionNames[index], lcu: billed)
    }

    static let dimensionNames = ["new connections", "active connections", "processed bytes", "rule evaluations"]

    /// The four dimensions in AWS's order.
    package var dimensions: [Dimension] {
        zip(Self.dimensionNames, [newConnectionLCU, activeConnectionLCU, processedBytesLCU, ruleEvaluationLCU]).map { Dimension(name: $0, lcu: $1) }
    }

    /// Derives the four dimensions from a request rate and per-request behaviour.
    package init(
        requestsPerSecond rps: ExactDecimal, bytesPerRequestKiB: ExactDecimal, requestsPerConnection: ExactDecimal, connectionSeconds: ExactDecimal, rules: ExactDecimal,
        target: TargetKind
    ) {
        let newConnections = rps / requestsPerConnection
        self.init(
            newConnectionsPerSecond: newConnections,
            activeConnections: newConnections * connectionSeconds,
            processedGBPerHour: rps * Units.secondsPerHour * bytesPerRequestKiB * Units.bytesPerKiB / Self.bytesPerGB,
            ruleEvaluationsPerSecond: rps * max(0, rules - Self.freeRules),
            target: target)
    }

    /// A dimension's name and its LCUs.
    package struct Dimension: Sendable, Equatable {
        package var name: String
        package var lcu: ExactDecimal
    }

}
