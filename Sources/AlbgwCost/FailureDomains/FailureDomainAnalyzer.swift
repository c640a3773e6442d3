import Foundation

/// Places each design's components in their failure domains and works out what an AZ, a service
/// or an account change takes down, by walking the design's chain. Facts: ../shared/reference/topology.md §2-3.
package enum FailureDomainAnalyzer {
    /// AZ letters in the order the ALB and the endpoint take them.
    static func azName(_ index: Int) -> String { String(UnicodeScalar(UInt8(97 + index))) }

    package static func analyze(_ design: DesignID, in scenario: Scenario) -> FailureDomainAnalysis {
        FailureDomainAnalysis(
            components: components(design, scenario), azLoss: azLoss(design, scenario),
            availability: availability(design, scenario), findings: findings(design, scenario))
    }

    package static func components(_ design: DesignID, _ scenario: Scenario) -> [PlacedComponent] {
        design.definition.contexts(scenario).flatMap { $0.component.placement($0) }
    }

    /// For each AZ: whether every zonal stage of the path keeps a part that carries traffic.
    package static func azLoss(_ design: DesignID, _ scenario: Scenario) -> [AZLoss] {
        let staged = design.definition.contexts(scenario).compactMap { context in context.component.zonalStage(context).map { (context, $0) } }
        guard let last = staged.last else { return [] }
        let zones = staged.map(\.1.zones).max() ?? 0
        return (0..<zones).map { index in
            let az = azName(index)
            let outcomes = staged.map { _, stage in
                ZonalStageOutcome(kind: stage.kind, before: stage.members.count, left: stage.members.count - (stage.members.contains(index) ? 1 : 0))
            }
            let endpoint = outcomes.first { $0.kind == .interfaceEndpoint }
            let alb = outcomes.first { $0.kind == .alb }
            return AZLoss(
                az: az, servesRequests: outcomes.allSatisfy { $0.left > 0 }, endpointCapacityShare: endpoint?.share,
                albNodeShare: alb?.share, explanation: last.0.component.azLossExplanation(last.0, az: az, stages: outcomes))
        }
    }

    /// True when losing one AZ stops the design.
    package static func dependsOnOneAZ(_ design: DesignID, _ scenario: Scenario) -> Bool {
        azLoss(design, scenario).contains { !$0.servesRequests }
    }

    package static func availability(_ design: DesignID, _ scenario: Scenario) -> Availability {
        let keys = design.definition.contexts(scenario).flatMap { context in
            (context.component.slaKey.map { [$0] } ?? []) + context.component.extraSLAKeys(context)
        }
        var missing: [MissingSLATerm] = []
        let terms = keys.compactMap { key -> SLATerm? in
            guard var term = SLATable.defaults.first(where: { $0.key == key }) else {
                guard let unsourced = SLATable.unsourced[key] else { return nil }
                if let override = scenario.slaOverrides[key] {
                    return SLATerm(key: key, service: unsourced.service, percent: override, source: "your figure (--sla \(key)=\(override))", confirmed: true)
                }
                missing.append(MissingSLATerm(key: key, service: unsourced.service, why: unsourced.why))
                return nil
            }
            if let override = scenario.slaOverrides[key] {
                term.percent = override
                term.source = "your figure (--sla \(key)=\(override))"
                term.confirmed = true
            }
            return term
        }
        let minutes = scenario.billing.hoursPerMonth * 60
        func composite(_ terms: [SLATerm]) -> ExactDecimal { terms.reduce(ExactDecimal(1)) { $0 * $1.percent / 100 } }
        let product = composite(terms)
        var result = Availability(
            terms: terms, compositePercent: product * 100, downtimeMinutesPerMonth: (1 - product) * minutes,
            singleAZCompositePercent: nil, singleAZDowntimeMinutesPerMonth: nil, missing: missing)
        let oneAZ = azLoss(design, scenario).filter { !$0.servesRequests }.map(\.az)
        if !oneAZ.isEmpty && !keys.contains("alb") {
            result.singleAZNote =
                "every request hangs on AZ \(oneAZ.joined(separator: ", ")); AWS publishes no single-AZ figure for an interface endpoint, so the composite above overstates this design"
        }
        // An ALB whose traffic hangs on one AZ is held to ELB's single-AZ commitment.
        if keys.contains("alb") && !oneAZ.isEmpty && scenario.slaOverrides["alb"] == nil {
            let singleAZ = terms.map { term -> SLATerm in
                var copy = term
                if copy.key == "alb" { copy.percent = SLATable.albSingleAZ }
                return copy
            }
            let value = composite(singleAZ)
            result.singleAZCompositePercent = value * 100
            result.singleAZDowntimeMinutesPerMonth = (1 - value) * minutes
        }
        return result
    }

    package static func findings(_ design: DesignID, _ scenario: Scenario) -> [Finding] {
        var result = design.definition.contexts(scenario).flatMap { $0.component.findings($0) }
        result.append(
            Finding(
                id: "single-region", severity: .info, title: "One region", detail: design.definition.regionalOutage,
                fix: "a second stack in another region behind Route 53 failover, if the workload needs it"))
        // Most severe first; equal severities keep the order of the chain.
        return result.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
    }
}
