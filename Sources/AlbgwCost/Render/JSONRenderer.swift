import Foundation

/// `--format json`: one object, schema version 1. Money and quantities are unrounded JSON numbers.
package enum JSONRenderer {
    package static func render(_ report: Report) -> String {
        document(report).serialized()
    }

    package static func document(_ report: Report) -> JSONValue {
        let scenario = report.scenario
        var members: [(String, JSONValue)] = [
            ("schemaVersion", .number(1)),
            ("tool", .object([("name", .string("albgw-cost")), ("version", .string(report.toolVersion))])),
            ("region", .string(scenario.topology.region)),
            ("hoursPerMonth", .number(scenario.billing.hoursPerMonth)),
            ("monthlyRequests", .number(scenario.monthlyRequests)),
            ("requestsPerSecond", .number(scenario.requestsPerSecond)),
            ("priceTable", priceTable(report)),
            ("workload", .object(report.inputs.map { ($0.key, inputValue($0.value)) })),
            ("defaults", .array(report.inputs.filter(\.isDefault).map { .string($0.key) })),
            ("preset", scenario.preset.map(JSONValue.string) ?? .null),
            ("designs", .array(report.designs.map(design))),
        ]
        members.append(
            (
                "shared",
                report.shared.map { shared in
                    .object([
                        ("monthlyCost", .number(shared.monthlyCost)),
                        ("designs", .array(shared.designs.map { .string($0.rawValue) })),
                        ("services", .array(shared.services.map(JSONValue.string))),
                        ("rule", .string("a line item is shared when every feasible design has it with the same id, quantity and cost")),
                    ])
                } ?? .null
            ))
        // `comparison` (the first of `comparisons`) stays for readers of schema version 1.
        members.append(("comparison", report.comparisons.first.map(comparison) ?? .null))
        members.append(("comparisons", .array(report.comparisons.map(comparison))))
        if let recommendation = report.recommendation {
            members.append(
                (
                    "recommendation",
                    .object([
                        ("design", recommendation.design.map { .string($0.rawValue) } ?? .null),
                        ("sentence", .string(recommendation.sentence)),
                        ("reasons", .array(recommendation.reasons.map(JSONValue.string))),
                        ("advantages", .array(recommendation.advantages.map(JSONValue.string))),
                        ("against", recommendation.other.map { .string($0.rawValue) } ?? .null),
                        ("monthlyPremium", recommendation.monthlyPremium.map(JSONValue.number) ?? .null),
                        ("otherWinsWhen", .string(recommendation.otherWinsWhen)),
                        ("nearest", recommendation.nearest.map { .string($0.rawValue) } ?? .null),
                        ("changes", .array(recommendation.changes.map(JSONValue.string))),
                        ("text", .string(recommendation.sentences)),
                    ])
                ))
        } else {
            members.append(("recommendation", .null))
        }
        members.append(("terraform", report.terraform.map(ReviewRenderer.json) ?? .null))
        members.append(("missingPrices", .array(report.missingPrices.map(missing))))
        members.append(("assumptions", .array(report.assumptions.map(JSONValue.string))))
        members.append(("unusedOptions", report.unusedOptions.map(JSONValue.string) ?? .null))
        return .object(members)
    }

    private static func infeasible(_ reason: InfeasibleReason) -> JSONValue {
        .object([
            ("id", .string(reason.id)), ("limit", .string(reason.limit)), ("value", .string(reason.value)), ("wayOut", .string(reason.wayOut)),
            ("summary", .string(reason.summary)), ("text", .string(reason.text)),
        ])
    }

    /// What an infeasible design would cost if it were possible: never in `monthlyCost` or a comparison.
    private static func hypothetical(_ cost: DesignCost, reasons: [InfeasibleReason]) -> JSONValue {
        .object([
            ("label", .string("if it were possible")),
            ("reason", .string(reasons.map(\.summary).joined(separator: ", "))),
            ("complete", .bool(cost.isComplete)),
            ("hourlyCost", .number(cost.hourlyCost)),
            ("monthlyCost", .number(cost.monthlyCost)),
            ("costPerMillionRequests", .number(cost.costPerMillionRequests)),
            ("lineItems", .array(cost.lineItems.map(lineItem))),
            ("missingPrices", .array(cost.missing.map(missing))),
        ])
    }

    private static func comparison(_ comparison: CostComparison) -> JSONValue {
        .object([
            ("first", .string(comparison.first.rawValue)),
            ("second", .string(comparison.second.rawValue)),
            ("monthlyDifference", .number(comparison.monthly)),
            ("hourlyDifference", .number(comparison.hourly)),
            ("costPerMillionRequestsDifference", .number(comparison.perMillionRequests)),
            ("relativeDifference", comparison.fraction.map(JSONValue.number) ?? .null),
            ("relativeTo", .string("the second design's total monthly cost")),
        ])
    }

    private static func inputValue(_ value: ReportInput.Value) -> JSONValue {
        switch value {
        case .number(let number): .number(number)
        case .text(let text): .string(text)
        case .flag(let flag): .bool(flag)
        }
    }

    private static func priceTable(_ report: Report) -> JSONValue {
        let dates = Set(report.pricesUsed.map(\.asOf)).sorted()
        return .object([
            ("region", .string(report.prices.regional.region)),
            ("location", .string(report.prices.regional.location)),
            ("origin", .string(report.prices.regional.origin)),
            ("asOf", .array(dates.map(JSONValue.string))),
            ("prices", .array(report.pricesUsed.map(price))),
        ])
    }

    private static func price(_ price: Price) -> JSONValue {
        var members: [(String, JSONValue)] = [("key", .string(price.key.rawValue)), ("unit", .string(price.unit))]
        if price.tiers.count == 1 {
            members.append(("usd", .number(price.rate)))
        } else {
            members.append(
                (
                    "tiers",
                    .array(
                        price.tiers.map { tier in
                            .object([("upTo", tier.upTo.map(JSONValue.number) ?? .null), ("usd", .number(tier.usd))])
                        })
                ))
        }
        members += [("source", .string(price.source)), ("asOf", .string(price.asOf)), ("confidence", .string(price.confidence.rawValue))]
        return .object(members)
    }

    private static func design(_ report: DesignReport) -> JSONValue {
        let cost = report.cost
        let lcu = report.capacityUnits
        let limits = report.limits
        func number(_ value: ExactDecimal?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        return .object(
            [
                ("id", .string(report.design.rawValue)),
                ("name", .string(report.definition.name)),
                ("feasible", .bool(report.isFeasible)),
                ("infeasibleReasons", .array(report.infeasibleReasons.map(infeasible))),
                ("impossibleReason", report.impossibleReason.map(JSONValue.string) ?? .null),
                ("complete", cost.map { .bool($0.isComplete) } ?? .null),
                ("hourlyCost", number(cost?.hourlyCost)),
                ("monthlyCost", number(cost?.monthlyCost)),
                ("sharedMonthlyCost", number(cost?.sharedMonthlyCost)),
                ("designMonthlyCost", number(cost?.designMonthlyCost)),
                ("costPerMillionRequests", number(cost?.costPerMillionRequests)),
                ("hypotheticalCost", report.hypotheticalCost.map { hypothetical($0, reasons: report.infeasibleReasons) } ?? .null),
                (
                    "albCapacityUnits",
                    lcu.map { lcu in
                        .object([
                            ("billedPerHour", .number(lcu.billed)),
                            ("binding", .string(lcu.binding.name)),
                            ("dimensions", .object(lcu.dimensions.map { ($0.name, .number($0.lcu)) })),
                        ])
                    } ?? .null
                ),
                ("lineItems", .array((cost?.lineItems ?? []).map(lineItem))),
                ("missingPrices", .array((cost?.missing ?? []).map(missing))),
                ("hops", .array(report.hops.map(hop))),
                (
                    "limits",
                    .object([
                        ("maxRequestKiB", .number(limits.maxRequestKiB)),
                        ("maxResponseKiB", .number(limits.maxResponseKiB)),
                        ("maxStreamedResponseKiB", limits.responseStreamingKiB.map(JSONValue.number) ?? .null),
                        ("streamedTimeoutSeconds", limits.streamedTimeoutSeconds.map(JSONValue.number) ?? .null),
                        ("payloadLimitSource", .string(limits.payloadLimitSource)),
                        ("timeoutSeconds", .number(limits.timeoutSeconds)),
                        ("timeoutSource", .string(limits.timeoutSource)),
                        ("sustainedRequestsPerSecond", .number(limits.sustainedRPS)),
                        ("sustainedSource", .string(limits.sustainedSource)),
                        ("burstRequestsPerSecond", number(limits.burstRPS)),
                        ("lambdaConcurrencyNeeded", .number(limits.concurrencyNeeded)),
                        ("lambdaConcurrencyLimit", .number(limits.concurrencyLimit)),
                        ("latencyEstimateMS", number(limits.latencyEstimateMS)),
                        ("latencyUnestimatedHops", .array(limits.latencyUnestimated.map(JSONValue.string))),
                        (
                            "sources",
                            .object([
                                ("payload", .array(limits.payloadSources.map(source))), ("timeout", .array(limits.timeoutSources.map(source))),
                                ("sustained", .array(limits.rateSources.map(source))),
                            ])
                        ),
                    ])
                ),
                (
                    "warnings",
                    .array(
                        report.warnings.map { warning in
                            .object([
                                ("id", .string(warning.id)), ("limit", .string(warning.limit)), ("value", .string(warning.value)),
                                ("consequence", .string(warning.consequence)), ("fix", .string(warning.fix)), ("message", .string(warning.message)),
                            ])
                        })
                ),
            ] + failureDomains(report))
    }

    /// Placement, AZ losses, availability and findings; empty for a design that cannot carry the
    /// workload, as the table and Markdown leave them out.
    private static func failureDomains(_ design: DesignReport) -> [(String, JSONValue)] {
        guard design.isFeasible else {
            return [
                ("failureDomainsAnalysed", .bool(false)), ("failureDomains", .array([])), ("azLoss", .array([])), ("availability", .null),
                ("findings", .array([])),
            ]
        }
        let analysis = design.failureDomains
        func number(_ value: ExactDecimal?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        let components: [JSONValue] = analysis.components.map { component in
            var scope: [(String, JSONValue)] = []
            switch component.scope {
            case .global: scope = [("scope", .string("global"))]
            case .regional: scope = [("scope", .string("regional"))]
            case .zonal(let az): scope = [("scope", .string("zonal")), ("az", .string(az))]
            }
            return .object(
                [("id", .string(component.id)), ("name", .string(component.name)), ("account", .string(component.account))] + scope + [
                    ("vpc", component.vpc.map(JSONValue.string) ?? .null), ("subnet", component.subnet.map(JSONValue.string) ?? .null),
                    ("registered", component.registered.map(JSONValue.bool) ?? .null),
                ])
        }
        let availability = analysis.availability
        return [
            ("failureDomainsAnalysed", .bool(true)),
            ("failureDomains", .array(components)),
            (
                "azLoss",
                .array(
                    analysis.azLoss.map { loss in
                        .object([
                            ("az", .string(loss.az)), ("servesRequests", .bool(loss.servesRequests)),
                            ("endpointCapacityShare", number(loss.endpointCapacityShare)), ("albNodeShare", number(loss.albNodeShare)),
                            ("explanation", .string(loss.explanation)),
                        ])
                    })
            ),
            (
                "availability",
                .object([
                    ("compositePercent", .number(availability.compositePercent)),
                    ("downtimeMinutesPerMonth", .number(availability.downtimeMinutesPerMonth)),
                    ("singleAZCompositePercent", number(availability.singleAZCompositePercent)),
                    ("singleAZDowntimeMinutesPerMonth", number(availability.singleAZDowntimeMinutesPerMonth)),
                    ("singleAZNote", availability.singleAZNote.map(JSONValue.string) ?? .null),
                    ("missing", .array(availability.missing.map { .string($0.sentence) })),
                    (
                        "terms",
                        .array(
                            availability.terms.map { term in
                                .object([
                                    ("key", .string(term.key)), ("service", .string(term.service)), ("percent", .number(term.percent)),
                                    ("source", .string(term.source)), ("confirmed", .bool(term.confirmed)),
                                ])
                            })
                    ),
                    ("note", .string("SLAs are service-credit thresholds, not measured availability; failures are assumed independent")),
                ])
            ),
            (
                "findings",
                .array(
                    analysis.findings.map { finding in
                        .object(
                            [
                                ("id", .string(finding.id)), ("severity", .string(finding.severity.rawValue)), ("title", .string(finding.title)),
                                ("detail", .string(finding.detail)), ("fix", .string(finding.fix)),
                            ] + sources(finding.sources))
                    })
            ),
        ]
    }

    private static func hop(_ hop: Hop) -> JSONValue {
        .object(
            [
                ("number", .number(ExactDecimal(hop.number))), ("id", .string(hop.id)), ("from", .string(hop.from)), ("to", .string(hop.to)),
                ("protocol", .string(hop.transport)), ("tls", .string(hop.tls)), ("sizeLimit", .string(hop.sizeLimit)),
                ("timeout", .string(hop.timeout)), ("throttle", .string(hop.throttle)),
                ("billedLineItems", .array(hop.billedItems.map(JSONValue.string))),
                ("adds", .array(hop.adds.map(JSONValue.string))), ("notes", .array(hop.notes.map(JSONValue.string))),
                ("latencyKey", .string(hop.latencyKey)),
            ] + sources(hop.sources))
    }

    private static func source(_ source: FactSource) -> JSONValue {
        .object([("title", .string(source.title)), ("url", .string(source.url)), ("date", .string(source.date))])
    }

    /// `sources`, present when the facts carry any: title, URL and date of each.
    private static func sources(_ sources: [FactSource]) -> [(String, JSONValue)] {
        guard !sources.isEmpty else { return [] }
        return [("sources", .array(sources.map { .object([("title", .string($0.title)), ("url", .string($0.url)), ("date", .string($0.date))]) }))]
    }

    private static func lineItem(_ item: LineItem) -> JSONValue {
        .object([
            ("id", .string(item.id)),
            ("service", .string(item.service)),
            ("component", .string(item.component)),
            ("quantity", .number(item.quantity)),
            ("unit", .string(item.unit)),
            ("unitPrice", item.unitPrice.map(JSONValue.number) ?? .null),
            ("monthlyCost", item.monthlyCost.map(JSONValue.number) ?? .null),
            ("priceKey", item.priceKey.map { .string($0.rawValue) } ?? .null),
            ("basis", .string(item.basis)),
            ("confidence", item.confidence.map { .string($0.rawValue) } ?? .null),
            ("missing", item.missingReason.map(JSONValue.string) ?? .null),
            ("scope", .string(item.scope.rawValue)),
        ])
    }

    private static func missing(_ entry: MissingPrice) -> JSONValue {
        .object([("key", .string(entry.key.rawValue)), ("title", .string(entry.key.title)), ("reason", .string(entry.reason))])
    }
}
