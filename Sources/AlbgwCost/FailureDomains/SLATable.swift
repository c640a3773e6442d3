import Foundation

/// Published monthly uptime commitments (../shared/reference/topology.md §2.4). Users override any
/// figure with `--sla key=percent`, because the PrivateLink figure is unconfirmed.
package enum SLATable {
    package static let keys = ["alb", "privatelink", "apigw", "lambda", "route53", "resolver", "vpn", "directconnect"]

    package static let defaults: [SLATerm] = [
        SLATerm(
            key: "alb", service: "Elastic Load Balancing (multi-AZ)", percent: ExactDecimal.literal("99.99"),
            source: "https://aws.amazon.com/elasticloadbalancing/sla/ (updated 2022-07-25)", confirmed: true),
        SLATerm(
            key: "privatelink", service: "AWS PrivateLink (interface endpoint)", percent: ExactDecimal.literal("99.9"),
            source: "unconfirmed: the only source found (mikaelvesavuori/cloud-sla) lists 99.9%; often quoted as 99.99%; override with --sla privatelink=N", confirmed: false),
        SLATerm(
            key: "apigw", service: "Amazon API Gateway", percent: ExactDecimal.literal("99.95"), source: "https://aws.amazon.com/api-gateway/sla/ (updated 2022-05-05)",
            confirmed: true),
        SLATerm(key: "lambda", service: "AWS Lambda", percent: ExactDecimal.literal("99.95"), source: "https://aws.amazon.com/lambda/sla/ (via secondary copies)", confirmed: true),
        SLATerm(key: "route53", service: "Amazon Route 53", percent: 100, source: "Route 53 SLA (via secondary copies)", confirmed: true),
        SLATerm(
            key: "resolver", service: "Route 53 Resolver endpoints (multi-AZ)", percent: ExactDecimal.literal("99.99"), source: "https://aws.amazon.com/route53/resolver/sla/",
            confirmed: true),
        SLATerm(
            key: "vpn", service: "AWS Site-to-Site VPN (each connection)", percent: ExactDecimal.literal("99.95"),
            source: "https://aws.amazon.com/vpn/site-to-site-vpn-sla/ (updated 2022-05-05)", confirmed: true),
    ]

    /// Services on a design's path with no figure here, and why: left out of the composite, and said
    /// so, until `--sla KEY=PERCENT` gives one.
    package static let unsourced: [String: (service: String, why: String)] = [
        "directconnect": (
            "AWS Direct Connect",
            "its SLA commits to a figure by how many connections at how many locations carry the traffic, which this analysis does not model"
        )
    ]

    /// The single-AZ ELB commitment, used for the "workload depends on one AZ" figure.
    package static let albSingleAZ = ExactDecimal.literal("99.9")
}
