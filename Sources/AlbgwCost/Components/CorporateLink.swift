import Foundation

/// The link from the corporate network to the VPC when clients are private: a Site-to-Site VPN
/// connection or a Direct Connect port, and the responses that leave AWS over it. Every private
/// design pays it alike. It carries no hop of its own in the model: the request path starts at the
/// design's entry. Facts: AWS VPC pricing ("data transferred over VPN connections will be charged at
/// standard AWS data transfer rates"), the Direct Connect pricing page (port-hours by location). Every
/// private request crosses it, so it has its place among the failure domains and its term in the
/// composite SLA (`vpn`; Direct Connect's depends on its resiliency model and is left to `--sla`).
package struct CorporateLink: Component {
    package var kind: ComponentKind { .link }
    package var isLookup: Bool { true }
    package var shortName: String { "corporate link" }

    package init() {}

    /// Its line items, shown at the hop into the design's entry (it has no hop of its own).
    package static let billedItems = ["link.vpn", "link.dx", "link.egress"]

    package func extraSLAKeys(_ context: ChainContext) -> [String] {
        guard !context.internetFacing else { return [] }
        switch context.scenario.wholeBill.hybridLink {
        case .none: return []
        case .vpn: return ["vpn"]
        case .dx: return ["directconnect"]
        }
    }

    package func placement(_ context: ChainContext) -> [PlacedComponent] {
        guard !context.internetFacing else { return [] }
        let name: String
        switch context.scenario.wholeBill.hybridLink {
        case .none: return []
        case .vpn: name = "Site-to-Site VPN connection (two tunnels)"
        case .dx: name = "Direct Connect connection (one dedicated port)"
        }
        return [PlacedComponent(id: "link", name: name, account: context.account(.network), scope: .regional, vpc: nil, subnet: nil, registered: nil)]
    }

    package func findings(_ context: ChainContext) -> [Finding] {
        guard !context.internetFacing, context.scenario.wholeBill.hybridLink == .dx else { return [] }
        return [
            Finding(
                id: "single-direct-connect", severity: .medium, title: "One Direct Connect connection",
                detail:
                    "every request from the corporate network crosses one dedicated port at one Direct Connect location: a device, fiber or location failure cuts the clients off, and AWS recommends connections at two or more locations for production workloads",
                fix:
                    "a second connection at another Direct Connect location, or a Site-to-Site VPN as a backup path; then give the commitment AWS's Direct Connect SLA makes for it with --sla directconnect=PERCENT",
                sources: [.directConnectResiliency])
        ]
    }

    package func bill(_ context: ChainContext, into bill: inout Bill) {
        let scenario = context.scenario
        guard !context.internetFacing else { return }
        let responseGB = CostEngine.monthlyGB(kibPerRequest: scenario.workload.responseKiB, in: scenario)
        let requests = scenario.monthlyRequests
        let responseKiB = scenario.workload.responseKiB
        let responses = { "\(Format.quantity(requests)) responses x \(responseKiB) KiB / 1,048,576 KiB per GB" }
        let hours = bill.billedHours
        let freeTier = scenario.billing.freeTier
        switch scenario.wholeBill.hybridLink {
        case .none:
            return
        case .vpn:
            let service = "Site-to-Site VPN"
            bill.flat(
                "link.vpn", service, "VPN connection hours", quantity: hours, key: .vpnConnectionHour,
                basis: "1 VPN connection (two tunnels) x \(hours) h", section: .link)
            var gb = responseGB
            if freeTier {
                let free = min(gb, FreeTier.internetEgressGB)
                bill.free(
                    "link.egress.free", service, "Data transfer out over VPN (free allowance)", quantity: free, unit: "GB",
                    basis: "first 100 GB per month are free (--free-tier)", section: .link)
                gb -= free
            }
            bill.tiered(
                "link.egress", service, "Data transfer out over VPN", quantity: gb, key: .internetDataTransferOut,
                basis: responses() + "; billed at the region's data transfer out rates" + (freeTier ? " - 100 GB free" : ""), section: .link)
        case .dx:
            let service = "Direct Connect"
            let tenG = scenario.wholeBill.directConnectPort == .tenGbps
            bill.flat(
                "link.dx", service, "Dedicated port hours (\(tenG ? "10" : "1") Gbps)", quantity: hours,
                key: tenG ? .directConnectPort10GHour : .directConnectPort1GHour,
                basis: "1 dedicated \(tenG ? "10" : "1") Gbps port x \(hours) h (port-hours are priced by Direct Connect location)", section: .link)
            bill.flat(
                "link.egress", service, "Data transfer out over Direct Connect", quantity: responseGB, key: .directConnectDataTransferOut,
                basis: responses() + "; data in is free", section: .link)
        }
    }
}
