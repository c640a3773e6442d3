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

    package static func processedGBPerLCU(_ target: TargetKind) -> ExactDecimal {
        switch target {
        case .ip: 1
        case .lambda: ExactDecimal.literal("0.4")
        }
    }

    package let newConnectionsPerSecond: ExactDecimal
    package let activeConnections: ExactDecimal
    package let processedGBPerHour: ExactDecimal
    package let ruleEvaluationsPerSecond: ExactDecimal
    package let target: TargetKind
    /// The four dimensions in AWS's order, computed once.
    package let dimensions: [Dimension]
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
        let dimensions = [
            Dimension(name: "new connections", lcu: newConnectionsPerSecond / Self.newConnectionsPerLCU),
            Dimension(name: "active connections", lcu: activeConnections / Self.activeConnectionsPerLCU),
            Dimension(name: "processed bytes", lcu: processedGBPerHour / Self.processedGBPerLCU(target)),
            Dimension(name: "rule evaluations", lcu: ruleEvaluationsPerSecond / Self.ruleEvaluationsPerLCU),
        ]
        self.dimensions = dimensions
        var binding = dimensions[0]
        for dimension in dimensions.dropFirst() where dimension.lcu > binding.lcu { binding = dimension }
        self.binding = binding
        self.billed = binding.lcu
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
            processedGBPerHour: rps * Units.secondsPerHour * bytesPerRequestKiB / Units.kibPerGB,
            ruleEvaluationsPerSecond: rps * max(0, rules - Self.freeRules),
            target: target)
    }

    /// A dimension's name and its LCUs.
    package struct Dimension: Sendable, Equatable {
        package var name: String
        package var lcu: ExactDecimal
    }

}
