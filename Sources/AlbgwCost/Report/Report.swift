import Foundation

/// One input of the run as the user gave it or as defaulted, echoed in every output.
package struct ReportInput: Sendable, Equatable {
    package enum Value: Sendable, Equatable {
        case number(ExactDecimal)
        case text(String)
        case flag(Bool)
    }

    /// The option that sets it, for example `--rps`.
    package var option: String
    /// The JSON key under `workload`, for example `requestsPerSecond`.
    package var key: String
    package var value: Value
    /// Where the value came from: the user, a preset, or the default.
    package enum Source: Sendable, Equatable {
        case given
        /// Set by a preset or read from Terraform; the text names which (`preset tutorial`, `main.tf`).
        case overlay(String)
        case defaulted

        package var text: String {
            switch self {
            case .given: "given"
            case .overlay(let origin): origin
            case .defaulted: "default"
            }
        }
    }

    package var source: Source

    package init(option: String, key: String, value: Value, source: Source) {
        self.option = option
        self.key = key
        self.value = value
        self.source = source
    }

    /// True when the user did not give it and the default applied.
    package var isDefault: Bool { source == .defaulted }

    /// The value as the user would type it.
    package var text: String {
        switch value {
        case .number(let number): "\(number)"
        case .text(let text): text
        case .flag(let flag): flag ? "on" : "off"
        }
    }
}

/// Everything known about one design in this run.
package struct DesignReport: Sendable, Equatable {
    package var design: DesignID
    /// Why the topology rules the design out, with the short forms its diagrams draw; nil when it does not.
    package var impossibility: Impossibility?
    /// Every hard limit the design breaks here: the topology's, then the workload's. Empty when feasible.
    package var infeasibleReasons: [InfeasibleReason]
    /// What it costs; nil when it is infeasible: it never enters a comparison.
    package var cost: DesignCost?
    /// What it would cost if it were possible; set only when it is infeasible.
    package var hypotheticalCost: DesignCost?
    /// The ALB's billed capacity units per hour and their four dimensions; nil without an ALB.
    package var capacityUnits: ALBCapacityUnits?
    /// The request path, DNS first.
    package var hops: [Hop]
    package var limits: EffectiveLimits
    /// Quotas the workload exceeds that AWS raises on request, and readings to mind.
    package var warnings: [LimitWarning]
    /// Placement, AZ losses, availability and findings.
    package var failureDomains: FailureDomainAnalysis

    package var isFeasible: Bool { infeasibleReasons.isEmpty }
    /// Every reason the design is infeasible, in one line, or nil.
    package var impossibleReason: String? { infeasibleReasons.isEmpty ? nil : infeasibleReasons.map(\.text).joined(separator: "; ") }
    /// The design's definition: its names and its chain.
    package var definition: DesignDefinition { design.definition }
    /// The cost to show: the real one, or the one it would have if it were possible.
    package var shownCost: DesignCost? { cost ?? hypotheticalCost }
}

/// The difference between two designs' costs (`first` minus `second`, the design with the fewest hops).
package struct CostComparison: Sendable, Equatable {
    package var first: DesignID
    package var second: DesignID
    package var monthly: ExactDecimal
    package var hourly: ExactDecimal
    package var perMillionRequests: ExactDecimal
    /// `monthly` as a fraction of the second design's monthly cost; nil when that is zero or incomplete.
    package var fraction: ExactDecimal?
    /// True when the second design's total lacks a (shared) price, so no percentage is given.
    package var baseIncomplete = false
}

/// The line items every feasible design pays alike (same item, same quantity, same cost): the
/// corporate link, the Resolver endpoint, the hosted zone, and whatever else the designs have in common.
package struct SharedCosts: Sendable, Equatable {
    /// Their monthly sum, the same in every feasible design.
    package var monthlyCost: ExactDecimal
    /// The feasible, priced designs that share them.
    package var designs: [DesignID]
    /// The services they belong to, in bill order.
    package var services: [String]
}

/// The single value every renderer draws from. Renderers add nothing but layout.
package struct Report: Sendable, Equatable {
    package var toolVersion: String
    package var scenario: Scenario
    package var prices: PriceBook
    package var inputs: [ReportInput]
    package var designs: [DesignReport]
    /// Each feasible design against the one with the fewest hops; empty unless two or more are feasible and fully priced.
    package var comparisons: [CostComparison]
    /// Conventions and modelling choices, in the order they are printed.
    package var assumptions: [String]
    /// Every price a line item read, sorted by key.
    package var pricesUsed: [Price]
    /// Prices a design needed that the tables lack, sorted by key.
    package var missingPrices: [MissingPrice]
    /// Which design to choose; nil unless two or more designs were analysed.
    package var recommendation: Recommendation? = nil
    /// The options given for a part no analysed design has, as a sentence; nil when every option
    /// given counts.
    package var unusedOptions: String? = nil
    /// What every feasible design pays alike; nil unless two or more are feasible.
    package var shared: SharedCosts? = nil
    /// The workload a decade either side and in every region, for the design-review report; nil
    /// unless asked for (it prices many points).
    package var range: RangeAnalysis? = nil
    /// What `albgw-cost review` read from Terraform; nil for option-only runs.
    package var terraform: TerraformReviewResult? = nil
    /// The command that produced the report (`albgw-cost report --rps 50 ...`), recorded at the top
    /// of the Markdown; nil when the report was not made from a command line.
    package var command: [String]? = nil
}

extension Report {
    /// The analysed designs as the question puts them: `ALB -> private API Gateway -> Lambda vs ALB -> Lambda`.
    package func question(separator: String, lastSeparator: String? = nil) -> String {
        designs.map(\.definition.question).joined(separator: separator, lastSeparator: lastSeparator ?? separator)
    }

    /// True when an analysed design has a component of `kind`.
    package func has(_ kind: ComponentKind) -> Bool { designs.contains { $0.definition.contains(kind) } }
}
