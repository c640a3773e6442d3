import Foundation

/// Prices a design for a scenario by walking its chain: each component adds its own line items.
/// Every quantity follows from the scenario by a rule stated in `--help` and in the output's
/// assumptions; nothing is rounded here.
package enum CostEngine {
    /// The line items and totals of `design` under `scenario`, priced from `book`.
    package static func cost(of design: DesignID, in scenario: Scenario, prices book: PriceBook) -> DesignCost {
        var bill = Bill(scenario: scenario, book: book)
        for context in design.definition.contexts(scenario) {
            context.component.bill(context, into: &bill)
        }
        bill.priceLogs()
        return DesignCost(design: design, lineItems: bill.items, monthlyRequests: scenario.monthlyRequests, hoursPerMonth: scenario.billing.hoursPerMonth)
    }

    /// The ALB's capacity units per hour for `design` (shown in the output's derivations); nil when it has no ALB.
    package static func capacityUnits(for design: DesignID, in scenario: Scenario) -> ALBCapacityUnits? {
        design.definition.contexts(scenario).first { $0.component.kind == .alb }.map(LoadBalancer.capacityUnits)
    }

    /// Lambda compute per month: requests x memory (GB) x duration rounded up to 1 ms, in GB-seconds.
    package static func lambdaGBSeconds(in scenario: Scenario) -> Decimal {
        let workload = scenario.workload
        return scenario.monthlyRequests * (workload.lambdaMemoryMB / 1024) * workload.lambdaDurationMS.ceiling / 1000
    }

    /// GB per month carried by a per-request size in KiB.
    package static func monthlyGB(kibPerRequest: Decimal, in scenario: Scenario) -> Decimal {
        scenario.monthlyRequests * kibPerRequest / Units.kibPerGB
    }
}
