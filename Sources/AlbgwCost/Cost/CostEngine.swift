import Foundation

/// Prices a design for a scenario by walking its chain: each component adds its own line items.
/// Every quantity follows from the scenario by a rule stated in `--help` and in the output's
/// assumptions; nothing is rounded here.
package enum CostEngine {
    /// The line items and totals of `design` under `scenario`, priced from `book`.
    package static func cost(of design: DesignID, in scenario: Scenario, prices book: PriceBook) -> DesignCost {
        let bill = run(design, scenario, book, mode: .itemized)
        return DesignCost(design: design, lineItems: bill.items, monthlyRequests: scenario.monthlyRequests, hoursPerMonth: scenario.billing.hoursPerMonth)
    }

    /// The monthly total of `design` only, and whether a price was missing: the same components,
    /// with no line items or texts built. What a sweep evaluates at every point.
    package static func total(of design: DesignDefinition, in scenario: Scenario, prices book: PriceBook) -> (monthly: ExactDecimal, complete: Bool) {
        let bill = run(design, scenario, book, mode: .totals)
        return (bill.total, !bill.lacksPrice)
    }

    private static func run(_ design: DesignID, _ scenario: Scenario, _ book: PriceBook, mode: Bill.Mode) -> Bill {
        run(design.definition, scenario, book, mode: mode)
    }

    private static func run(_ design: DesignDefinition, _ scenario: Scenario, _ book: PriceBook, mode: Bill.Mode) -> Bill {
        var bill = Bill(scenario: scenario, book: book, mode: mode)
        for context in design.contexts(scenario) {
            bill.billingComponent = context.component.kind
            context.component.bill(context, into: &bill)
        }
        bill.billingComponent = nil
        bill.priceLogs()
        return bill
    }

    /// The ALB's capacity units per hour for `design` (shown in the output's derivations); nil when it has no ALB.
    package static func capacityUnits(for design: DesignID, in scenario: Scenario) -> ALBCapacityUnits? {
        design.definition.contexts(scenario).first { $0.component.kind == .alb }.map(LoadBalancer.capacityUnits)
    }

    /// Lambda compute per month: requests x memory (GB) x duration rounded up to 1 ms, in GB-seconds.
    package static func lambdaGBSeconds(in scenario: Scenario) -> ExactDecimal {
        let workload = scenario.workload
        return scenario.monthlyRequests * (workload.lambdaMemoryMB / 1024) * workload.lambdaDurationMS.ceiling / 1000
    }

    /// GB per month carried by a per-request size in KiB.
    package static func monthlyGB(kibPerRequest: ExactDecimal, in scenario: Scenario) -> ExactDecimal {
        scenario.monthlyRequests * kibPerRequest / Units.kibPerGB
    }
}
