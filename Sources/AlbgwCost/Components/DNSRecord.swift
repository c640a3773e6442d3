import Foundation

/// The Route 53 record clients resolve before they connect: a lookup beside the data path, in a
/// public hosted zone for internet clients and a private one for clients on the corporate network.
/// Facts: ../shared/reference/topology.md §1.1, pricing.md §3.5.
package struct DNSRecord: Component {
    package var kind: ComponentKind { .dns }
    package var isLookup: Bool { true }
    package var shortName: String { "Route 53 record" }
    package var slaKey: String? { "route53" }

    package init() {}

    /// A private custom domain name always lives in a private hosted zone; otherwise the scheme decides.
    func isPrivateZone(_ context: ChainContext) -> Bool { !context.internetFacing || context.privateCustomDomain }

    /// DNS queries that reach Route 53 per month: the user's figure, else one per new client connection
    /// (an estimate with no resolver caching: resolvers cache the answer for the record's TTL, so fewer
    /// arrive; clients that also ask for AAAA records double it).
    package static func monthlyQueries(_ scenario: Scenario) -> ExactDecimal {
        scenario.workload.dnsQueriesPerMonth ?? scenario.monthlyRequests / scenario.workload.requestsPerConnection
    }

    package func bill(_ context: ChainContext, into bill: inout Bill) {
        let zone = isPrivateZone(context) ? "private" : "public"
        let target = context.privateCustomDomain ? "the endpoint" : "the ALB"
        let cname = context.topology.dnsRecord == .cname
        bill.tiered(
            "route53.zone", "Route 53", "Hosted zone", quantity: 1, key: .route53HostedZoneMonth,
            basis: cname ? "1 \(zone) hosted zone" : "1 \(zone) hosted zone; alias queries to \(target) are free", section: .naming)
        resolverEndpoint(context, into: &bill)
        guard cname else { return }
        let scenario = context.scenario
        let queries = Self.monthlyQueries(scenario)
        let basis = {
            scenario.workload.dnsQueriesPerMonth == nil
                ? "\(Format.quantity(queries)) queries per month (--dns-queries-per-month; by default one per new client connection: \(Format.quantity(scenario.monthlyRequests)) requests / \(Format.quantity(scenario.workload.requestsPerConnection)) per connection, assuming no resolver caching: resolvers that cache for the TTL send fewer, about 8,640 a month each at a 300 s TTL; AAAA lookups double it); a CNAME to \(target) is billed per query, an alias is not"
                : "\(Format.quantity(queries)) queries per month (--dns-queries-per-month); a CNAME to \(target) is billed per query, an alias is not"
        }
        let privateZone = isPrivateZone(context)
        bill.tiered(
            "route53.queries", "Route 53", "Standard queries (CNAME record)", quantity: queries / Units.requestsPerMillion, key: .route53StandardQueries,
            basis: basis()
                + (privateZone
                    ? "; no AWS page read confirms how queries to a private hosted zone are billed: the standard rate is used, at low confidence" : ""),
            section: .naming)
        // Private-zone query billing is unconfirmed: the figure is shown, marked low.
        if privateZone { bill.setConfidence(.low, forItemsUnder: "route53.queries") }
    }

    /// The Route 53 Resolver inbound endpoint on-premises resolvers forward the private zone to.
    func resolverEndpoint(_ context: ChainContext, into bill: inout Bill) {
        let enis = context.scenario.wholeBill.resolverInboundENIs
        guard enis > 0, !context.internetFacing else { return }
        let service = "Route 53 Resolver"
        let hours = bill.billedHours
        bill.flat(
            "resolver.enis", service, "Inbound endpoint IP addresses", quantity: ExactDecimal(enis) * hours, key: .resolverENIHour,
            basis: "\(enis) IP addresses (ENIs, --resolver-inbound-enis) x \(hours) h", section: .link)
        let queries = Self.monthlyQueries(context.scenario)
        bill.tiered(
            "resolver.queries", service, "Queries through the inbound endpoint", quantity: queries / Units.requestsPerMillion, key: .resolverQueries,
            basis:
                "\(Format.quantity(queries)) queries per month from on premises (--dns-queries-per-month; by default one per new client connection, with no resolver caching)",
            section: .link)
    }

    package func hop(_ context: ChainContext) -> Hop? {
        let internetFacing = context.internetFacing
        let adds: String
        var notes: [String] = []
        if context.privateCustomDomain, context.topology.dnsRecord == .cname {
            adds =
                "CNAME record for the private custom domain name in a private hosted zone, to the interface endpoint's regional DNS name: Route 53 bills every query that reaches it; an alias record answers the same for free"
        } else if context.privateCustomDomain {
            adds =
                "alias A record for the private custom domain name in a private hosted zone, pointing at the interface endpoint's regional DNS name; alias queries are free"
        } else if context.topology.dnsRecord == .cname {
            adds =
                "CNAME record to the ALB's DNS name in a \(internetFacing ? "public" : "private") hosted zone (the tutorial's, TTL 300): Route 53 bills every query that reaches it; an alias record answers the same for free"
            if !internetFacing {
                notes = [Self.resolverNote(context)]
            }
        } else if internetFacing {
            adds = "alias A/AAAA record for the ALB in a public hosted zone; alias queries are free"
        } else {
            adds = "private hosted zone alias for the internal ALB, resolved from on premises through a Route 53 Resolver inbound endpoint"
            notes = [Self.resolverNote(context)]
        }
        return Hop(
            number: 0, id: "dns", from: internetFacing ? "Client" : "Corporate client", to: "Route 53",
            transport: "DNS, UDP/TCP 53",
            tls: "none",
            sizeLimit: "-",
            timeout: "resolver retries; answers are cached for the record's TTL",
            throttle: "none at this volume",
            billedItems: ["route53.zone", "route53.queries", "resolver.enis", "resolver.queries"],
            adds: [adds],
            notes: notes,
            latencyKey: kind.rawValue, shortTransport: "DNS 53", keyLimit: "",
            sources: context.privateCustomDomain
                ? [.route53PrivateAPIAlias, .privateHostedZones, .resolverInbound]
                : [.route53AliasOrCNAME] + (internetFacing ? [] : [.privateHostedZones, .resolverInbound]))
    }

    /// On-premises clients resolve through the Resolver endpoint when it is priced: its SLA joins the chain.
    package func extraSLAKeys(_ context: ChainContext) -> [String] {
        context.scenario.wholeBill.resolverInboundENIs > 0 && !context.internetFacing ? ["resolver"] : []
    }

    /// What on-premises resolvers need, and whether the bill prices it.
    static func resolverNote(_ context: ChainContext) -> String {
        let enis = context.scenario.wholeBill.resolverInboundENIs
        return enis > 0
            ? "On-premises resolvers forward the zone to a Route 53 Resolver inbound endpoint: \(enis) zonal ENIs (--resolver-inbound-enis), priced as resolver.enis and resolver.queries."
            : "On-premises resolvers need a forwarding rule to a Route 53 Resolver inbound endpoint (at least 2 zonal ENIs): not priced unless --resolver-inbound-enis N."
    }

    package func placement(_ context: ChainContext) -> [PlacedComponent] {
        [PlacedComponent(id: "route53", name: "Route 53 hosted zone", account: context.account(.network), scope: .global, vpc: nil, subnet: nil, registered: nil)]
    }

    package func findings(_ context: ChainContext) -> [Finding] {
        // With --resolver-inbound-enis the endpoint is part of the design and priced.
        guard context.privateCustomDomain, !context.internetFacing, context.scenario.wholeBill.resolverInboundENIs == 0 else { return [] }
        return [
            Finding(
                id: "on-premises-dns", severity: .medium, title: "On-premises clients cannot resolve the private zone by themselves",
                detail:
                    "the private custom domain name lives in a private hosted zone, which answers only inside the VPCs associated with it; forwarding to the VPC's +2 resolver from on premises is not supported",
                fix:
                    "create a Route 53 Resolver inbound endpoint (ENIs in at least two AZs; price it with --resolver-inbound-enis 2) and forward the domain to its IPs from the corporate DNS servers (conditional forwarding)",
                sources: [.privateHostedZones, .resolverInbound])
        ]
    }

    package func imposes(_ context: ChainContext) -> [String] {
        // With --resolver-inbound-enis the endpoint is part of the design and priced.
        guard context.privateCustomDomain, !context.internetFacing, context.scenario.wholeBill.resolverInboundENIs == 0 else { return [] }
        return ["a Route 53 Resolver inbound endpoint for clients on premises (not priced here)"]
    }

    package func diagramNodes(_ context: DiagramContext) -> [DiagramNode] {
        let zone = isPrivateZone(context.chain) ? "private hosted zone" : "public hosted zone"
        return [
            DiagramNode(
                id: "route53", lines: ["Route 53", zone] + (context.charge?.lines ?? []), attributes: [DiagramAttribute("shape", "box")], onPath: false)
        ]
    }

    package func mermaidNodes(_ context: DiagramContext) -> [DiagramNode] {
        let zone = isPrivateZone(context.chain) ? "private hosted zone" : "public hosted zone"
        return [DiagramNode(id: "route53", lines: ["Route 53", zone] + (context.charge?.lines ?? []), onPath: false)]
    }
}
