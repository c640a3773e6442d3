import Foundation

/// The smallest failure that takes a component down.
package enum FailureScope: Sendable, Equatable {
    case global
    case regional
    /// One Availability Zone, named by letter (`a`, `b`, ...).
    case zonal(String)

    package var text: String {
        switch self {
        case .global: "global"
        case .regional: "region"
        case .zonal(let az): "AZ \(az)"
        }
    }
}

/// A component placed in its account, region, VPC, AZ and subnet.
package struct PlacedComponent: Sendable, Equatable {
    package var id: String
    package var name: String
    package var account: String
    package var scope: FailureScope
    /// `vpc` for VPC-attached components, nil otherwise.
    package var vpc: String?
    package var subnet: String?
    /// For endpoint ENIs: whether the ALB's target group holds its IP.
    package var registered: Bool?
}

/// What losing one AZ does to a design.
package struct AZLoss: Sendable, Equatable {
    package var az: String
    package var servesRequests: Bool
    /// Endpoint ENIs carrying traffic that survive, as a share of those that did; nil without an endpoint.
    package var endpointCapacityShare: ExactDecimal?
    /// ALB nodes that survive, as a share of the ALB's AZs; nil without an ALB.
    package var albNodeShare: ExactDecimal?
    package var explanation: String
}

/// A risk with its severity and fix.
package struct Finding: Sendable, Equatable {
    package enum Severity: String, Sendable, Comparable, CaseIterable {
        case high, medium, low, info
        /// The order of the cases, most severe first.
        var rank: Int {
            switch self {
            case .high: 0
            case .medium: 1
            case .low: 2
            case .info: 3
            }
        }
        package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    package var id: String
    package var severity: Severity
    package var title: String
    package var detail: String
    package var fix: String
    /// Where the facts behind it come from.
    package var sources: [FactSource] = []
}

/// One published SLA term, with its source. SLAs are service-credit thresholds, not measured availability.
package struct SLATerm: Sendable, Equatable {
    /// `alb`, `privatelink`, `apigw`, `lambda`, `route53`.
    package var key: String
    package var service: String
    /// Monthly uptime percentage, for example 99.99.
    package var percent: ExactDecimal
    package var source: String
    package var confirmed: Bool
}

/// The serial chain's composite availability and expected downtime.
package struct Availability: Sendable, Equatable {
    package var terms: [SLATerm]
    /// Product of the terms, as a percentage.
    package var compositePercent: ExactDecimal
    package var downtimeMinutesPerMonth: ExactDecimal
    /// The same chain with the ALB at its single-AZ SLA, when the workload depends on one AZ.
    package var singleAZCompositePercent: ExactDecimal?
    package var singleAZDowntimeMinutesPerMonth: ExactDecimal?
    /// When the design hangs on one AZ and no published single-AZ term applies, why the composite overstates it.
    package var singleAZNote: String? = nil
    /// Services on the path with no figure (`SLATable.unsourced`): left out of the product, which
    /// then overstates the design.
    package var missing: [MissingSLATerm] = []
}

/// A service on a design's path whose SLA figure the tool does not have, and why.
package struct MissingSLATerm: Sendable, Equatable {
    package var key: String
    package var service: String
    package var why: String

    /// `AWS Direct Connect is left out (why), so the composite overstates the design until --sla KEY=PERCENT gives its figure`
    package var sentence: String {
        "\(service) is left out (\(why)), so the composite overstates the design until --sla \(key)=PERCENT gives its figure"
    }
}

/// Everything the failure-domain analysis says about one design.
package struct FailureDomainAnalysis: Sendable, Equatable {
    package var components: [PlacedComponent]
    package var azLoss: [AZLoss]
    package var availability: Availability
    package var findings: [Finding]
}
