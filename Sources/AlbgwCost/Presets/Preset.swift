/// Topologies of the two seed documents, as option values. Explicit options override them.
package enum Preset: String, CaseIterable, Sendable {
    /// The Terraform tutorial "Public ALB to Private API Gateway": internet-facing ALB in two AZs in a
    /// network account; private API and Lambda in another account; endpoint in one subnet with
    /// private DNS on; the target group registers the first ENI's IP, looked up by Terraform; a CNAME
    /// record (TTL 300) points the custom name at the ALB.
    case tutorial
    /// The blog post "Serverless Hybrid Cloud": internal ALB reached over VPN or Direct Connect, one
    /// account, endpoint in two subnets with private DNS off, both IPs typed into variables by hand.
    case hybrid

    /// Option values the preset sets, by option name.
    package var values: [String: String] {
        switch self {
        case .tutorial:
            [
                "--region": "us-west-2", "--alb-scheme": "internet-facing", "--accounts": "cross", "--azs": "2",
                "--vpce-subnets": "1", "--registered-targets": "1", "--target-ips": "lookup", "--private-dns": "on", "--dns-record": "cname",
            ]
        case .hybrid:
            [
                "--region": "us-east-1", "--alb-scheme": "internal", "--accounts": "single", "--azs": "2",
                "--vpce-subnets": "2", "--registered-targets": "2", "--target-ips": "manual", "--private-dns": "off",
                // The blog post's corporate network reaches the VPC over VPN or Direct Connect, and its
                // resolvers need an inbound endpoint for the private zone: the VPN, the cheaper of the two.
                "--hybrid-link": "vpn", "--resolver-inbound-enis": "2",
            ]
        }
    }
}
