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
    /// Direct Connect's resiliency models: connections at two or more locations for production workloads.
    package static let directConnectResiliency = FactSource(
        title: "AWS Direct Connect Resiliency Recommendations", url: "https://aws.amazon.com/directconnect/resiliency-recommendation/",
        date: "stored public copy read 2026-12-01")
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
    /// The legacy TLS_1_2 policy accepts TLS 1.2 and 1.3; private APIs and domains default to it.
    package static let apiGatewayTLSVersions = FactSource(
        title: "API Gateway developer guide, Choose a security policy for your custom domain in API Gateway",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
        date: "stored en_us copy, before 2025-11-19")
    /// Enhanced SecurityPolicy_* policies and endpoint access modes (2025-11-19).
    package static let apiGatewaySecurityPolicies = FactSource(
        title: "API Gateway developer guide, Security policies for REST APIs",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html",
        date: "2025-11-19 (enhanced policies)")
}

extension FactSource {
    /// ALB with Lambda targets: 1 MB bodies, same account and region, no WebSockets, and how long it waits.
    package static let elbLambdaTargets = FactSource(
        title: "Elastic Load Balancing user guide, Lambda functions as targets", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html",
        date: "2018-11-29, unchanged in the 2023-04-06 copy")
    /// 502 when a Lambda target times out, errs or is throttled; 413 above 1 MB.
    package static let elbTroubleshooting = FactSource(
        title: "Elastic Load Balancing user guide, Troubleshoot your Application Load Balancers",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html", date: "2023-04-06 copy")
    /// A public test after the 2018 launch: the ALB kept the connection open up to the function's timeout.
    package static let albLambdaWaitTest = FactSource(
        title: "cloudpack.media, ALB + Lambda test after the re:Invent 2018 launch (a public test, not AWS)", url: "https://cloudpack.media/45150", date: "2018-12")
    /// The ALB idle timeout attribute, 1 to 4,000 s, 60 s by default.
    package static let albAttributes = FactSource(
        title: "Elastic Load Balancing user guide, Edit attributes for your Application Load Balancer",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html", date: "2025")
    /// Listener security policies; the API and Terraform default is ELBSecurityPolicy-2016-08.
    package static let albSecurityPolicies = FactSource(
        title: "Elastic Load Balancing user guide, Security policies for your Application Load Balancer",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html", date: "2025")
    /// Calling a private API with its Host, x-apigw-api-id or a custom domain; BASIC access mode without them.
    package static let privateAPIInvoke = FactSource(
        title: "API Gateway developer guide, Invoke a private API", url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html",
        date: "2025")
    /// API Gateway quotas: 10 MB payload, 10,240 bytes of headers, 10,000 requests/s and a 5,000 burst.
    package static let apiGatewayQuotas = FactSource(
        title: "API Gateway developer guide, Amazon API Gateway quotas", url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html", date: "2025")
    /// The integration timeout above 29 s for Regional and private REST APIs (What's New, 2024-06-04).
    package static let integrationTimeoutRaise = FactSource(
        title: "AWS What's New, Amazon API Gateway integration timeout limit increase beyond 29 seconds",
        url: "https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/", date: "2024-06-04")
    /// The 300 s ceiling of a raised integration timeout and its cost in throttle (an AWS re:Post
    /// answer; AWS's own pages state no ceiling: a secondary source).
    package static let integrationTimeoutCeiling = FactSource(
        title: "AWS re:Post, private REST API integration timeout above 29 seconds (up to 300 s; about 967 requests/s at 300 s), not an AWS page",
        url: "https://repost.aws/questions/QUlDTc_17EQ_mOJAhR3LHNDw", date: "stored copy read 2026-11-30")
    /// REST API response streaming for every endpoint type, private included (What's New, 2025-11-19).
    package static let responseStreaming = FactSource(
        title: "API Gateway developer guide, Stream the integration response for your proxy integrations",
        url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html", date: "2025-11-19")
    /// Lambda response streaming: up to 200 MB, natively on Node.js runtimes.
    package static let lambdaResponseStreaming = FactSource(
        title: "Lambda developer guide, Response streaming for Lambda functions", url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html",
        date: "2025-07-31 (200 MB)")
    /// Lambda's 6 MB synchronous payload.
    package static let lambdaInvoke = FactSource(
        title: "Lambda API reference, Invoke", url: "https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html", date: "2025")
    /// Lambda concurrency and scaling: 1,000 per region, +1,000 environments per 10 s per function.
    package static let lambdaScaling = FactSource(
        title: "Lambda developer guide, Lambda scaling behavior", url: "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html", date: "2023-11-27")
    /// Lambda's runtime deprecation table (dates read from AWS's cfn-lint copy of it, 2026-06-02).
    package static let lambdaRuntimes = FactSource(
        title: "Lambda developer guide, Lambda runtimes (deprecation table)", url: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
        date: "as copied into aws-cloudformation/cfn-lint on 2026-06-02")
    /// Alias queries to AWS resources are free; CNAME queries are billed.
    package static let route53AliasOrCNAME = FactSource(
        title: "Route 53 developer guide, Choosing between alias and non-alias records",
        url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html", date: "2025")
    /// ALB listener rules, authentication and WAF: what the ALB adds.
    package static let albListeners = FactSource(
        title: "Elastic Load Balancing user guide, Listeners for your Application Load Balancers",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html", date: "2025")
    /// Targets in an AZ the load balancer does not enable get no traffic.
    package static let elbAvailabilityZones = FactSource(
        title: "Elastic Load Balancing user guide, How Elastic Load Balancing works: Availability Zones and load balancer nodes",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html", date: "stored copy read 2026-12-01")
    /// Health-check matchers (HTTP 200-499).
    package static let targetGroupHealthChecks = FactSource(
        title: "Elastic Load Balancing user guide, Health checks for Application Load Balancer target groups",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html", date: "2025")
}

extension FactSource {
    /// A Lambda function's timeout, at most 900 s.
    package static let lambdaTimeout = FactSource(
        title: "Lambda developer guide, Configure Lambda function timeout", url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
        date: "stored copy read 2026-11-30")
    /// Lambda quotas: 1,000 concurrent executions per region by default.
    package static let lambdaQuotas = FactSource(
        title: "Lambda developer guide, Lambda quotas", url: "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html", date: "stored copy read 2026-11-30")
}
