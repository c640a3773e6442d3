import Foundation

/// Failure domains as text: placement, AZ losses, composite availability and findings per design.
package enum FailureDomainRenderer {
    package static func render(_ report: Report, width: Int = TextWrap.defaultWidth) -> String {
        var out = "Failure domains\n"
        for design in report.designs {
            let analysis = design.failureDomains
            out += "  \(design.design.rawValue)\n"
            guard design.isFeasible else {
                out += "    not analysed: the design cannot carry this workload here (see the summary)\n"
                continue
            }
            out += "    Placement: \(placement(analysis.components))\n"
            var table = TextTable([("AZ lost", .left), ("Serves requests", .left), (endpointColumn(analysis, long: false), .right), ("ALB nodes left", .right), ("Why", .left)])
            for loss in analysis.azLoss {
                table.add([
                    loss.az, loss.servesRequests ? "yes" : "NO", loss.endpointCapacityShare.map(Format.percent) ?? "n/a",
                    loss.albNodeShare.map(Format.percent) ?? "n/a", loss.explanation,
                ])
            }
            out += table.render(indent: "    ", width: width)
            out += "    Availability: \(availability(analysis.availability))\n"
            for finding in analysis.findings {
                out += "    [\(finding.severity.rawValue)] \(finding.title): \(finding.detail). Fix: \(finding.fix).\n"
            }
        }
        return out
    }

    /// The endpoint column's header: registered IPs behind an ALB, ENIs when clients reach the endpoint themselves.
    static func endpointColumn(_ analysis: FailureDomainAnalysis, long: Bool) -> String {
        let ownENIs = analysis.components.contains { $0.id.hasPrefix("vpce-eni-") && $0.registered == nil }
        if ownENIs { return "Endpoint ENIs left" }
        return long ? "Registered endpoint IPs left" : "Endpoint IPs left"
    }

    /// `network account (us-west-2, VPC): ALB nodes in AZ a, b; ...`
    static func placement(_ components: [PlacedComponent]) -> String {
        var groups: [(String, [String])] = []
        func add(_ key: String, _ text: String) {
            if let index = groups.firstIndex(where: { $0.0 == key }) { groups[index].1.append(text) } else { groups.append((key, [text])) }
        }
        let albAZs = components.filter { $0.id.hasPrefix("alb-node-") }.compactMap(zone)
        let enis = components.filter { $0.id.hasPrefix("vpce-eni-") }
        for component in components {
            switch component.scope {
            case .global: add("global", component.name)
            case .regional: add("\(component.account), regional", component.name)
            case .zonal: break
            }
        }
        if !albAZs.isEmpty, let account = components.first(where: { $0.id.hasPrefix("alb-node-") })?.account {
            add("\(account), VPC", "ALB nodes in AZ \(albAZs.joined(separator: ", "))")
        }
        if let account = enis.first?.account {
            let text = enis.map { eni in
                let state = eni.registered.map { $0 ? " (registered)" : " (not registered)" } ?? ""
                return "\(zone(eni) ?? "?")\(state)"
            }.joined(separator: ", ")
            add("\(account), VPC", "endpoint ENIs in AZ \(text)")
        }
        return groups.map { "\($0.0): \($0.1.joined(separator: "; "))" }.joined(separator: " | ")
    }

    static func zone(_ component: PlacedComponent) -> String? {
        if case .zonal(let az) = component.scope { return az }
        return nil
    }

    /// `99.79% (route53 100 x alb 99.99 x ...), about 91.9 min of downtime per month`
    static func availability(_ availability: Availability) -> String {
        let terms = availability.terms.map { "\($0.key) \($0.percent)\($0.confirmed ? "" : " unconfirmed")" }.joined(separator: " x ")
        var text =
            "\(Format.fixed(availability.compositePercent, places: 3))% composite SLA (\(terms)) = \(Format.fixed(availability.downtimeMinutesPerMonth, places: 1)) min of downtime per month"
        if let single = availability.singleAZCompositePercent, let minutes = availability.singleAZDowntimeMinutesPerMonth {
            text += "; counting the one-AZ dependency at ELB's single-AZ 99.9%: \(Format.fixed(single, places: 3))% = \(Format.fixed(minutes, places: 1)) min"
        }
        if let note = availability.singleAZNote { text += "; \(note)" }
        for missing in availability.missing { text += "; \(missing.sentence)" }
        return text + ". SLAs are credit thresholds, not measured availability"
    }
}
