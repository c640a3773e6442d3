/// Where a stated fact comes from: the AWS page or post, and its date. Facts about the request path
/// carry these as the price tables carry theirs, so that a reviewer can check them without reading Swift.
package struct FactSource: Sendable, Equatable {
    /// The page or post, as AWS titles it.
    package var title: String
    package var url: String
    /// When AWS published or last changed it, as far as the copy read says.
    package var date: String

    /// `title (date): url`.
    package var text: String { "\(title) (\(date)): \(url)" }
}

extension FactSource {
    /// The launch of custom domain names for private REST APIs (doc history and AWS Compute Blog, 2024-11-21).
    package static let privateCustomDomains = FactSource(
        title: "API Gateway developer guide, Custom domain names for private APIs in API Gateway",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html",
        date: "stored copy read 2026-11-30")
    /// The launch date of custom domain names for private APIs, in API Gateway's document history.
    package static let privateCustomDomainsLaunch = FactSource(
        title: "API Gateway developer guide, Document history: custom domain names for private APIs",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/history.html",
        date: "2024-11-21")
    /// The consumer's side: the VPC endpoint, its DNS settings, two AZs, the access association.
    package static let privateCustomDomainConsumer = FactSource(
        title: "API Gateway developer guide, API consumer: associate your VPC endpoint with a private custom domain name shared with you",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-consumer-create.html", date: "stored copy read 2026-11-30")
    /// The domain's own deny-all resource policy that must allow the endpoint.
    package static let privateCustomDomainTutorial = FactSource(
        title: "API Gateway developer guide, Tutorial: create and invoke a custom domain name for private APIs",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html", date: "stored copy read 2026-11-30")
    /// Sharing a private custom domain name with another account through AWS RAM.
    package static let privateCustomDomainSharing = FactSource(
        title: "API Gateway developer guide, API provider: share your private custom domain name using AWS RAM",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-provider-share.html", date: "stored copy read 2026-11-30")
    /// Route 53 alias records to a private API's VPC endpoint, and free alias queries.
    package static let route53PrivateAPIAlias = FactSource(
        title: "Route 53 developer guide, Routing traffic to an Amazon API Gateway API by using your domain name",
        url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-api-gateway.html", date: "stored copy read 2026-11-30")
    /// A private hosted zone answers only inside its VPCs, or through an inbound endpoint.
    package static let privateHostedZones = FactSource(
        title: "Route 53 developer guide, Working with private hosted zones", url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-private.html",
        date: "stored copy read 2026-11-30")
    /// Resolver inbound endpoints for DNS queries from the corporate network.
    package static let resolverInbound = FactSource(
        title: "Route 53 developer guide, Resolving DNS queries between VPCs and your network",
        url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-DSN-queries-to-vpc.html", date: "stored copy read 2026-11-30")
    /// A private API is callable only from within a VPC through an interface endpoint.
    package static let privateAPIs = FactSource(
        title: "API Gateway developer guide, Private REST APIs in API Gateway", url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html",
        date: "stored copy read 2026-11-30")
    /// Interface endpoint bandwidth per AZ.
    package static let endpointQuotas = FactSource(
        title: "AWS PrivateLink guide, Quotas", url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html", date: "stored copy read 2026-11-30")
    /// The default TLS policy of private domains, TLS_1_2, which accepts TLS 1.2 and 1.3.
    package static let apiGatewaySecurityPolicies = FactSource(
        title: "API Gateway developer guide, Security policies for REST APIs",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html",
        date: "2025-11-19 (enhanced policies)")
}
