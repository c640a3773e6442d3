/// Every price the cost model reads, with the billing unit its table entry must use.
///
/// The raw value is the key in `PriceTables/*.json`.
package enum PriceKey: String, CaseIterable, Sendable, Comparable {
    case albHour = "alb.hour"
    case albLCUHour = "alb.lcuHour"
    case publicIPv4Hour = "ec2.publicIPv4Hour"
    case vpceEndpointAZHour = "vpce.endpointAZHour"
    case vpceDataProcessed = "vpce.dataProcessed"
    case apiGatewayRESTRequests = "apigateway.restRequests"
    case lambdaRequests = "lambda.requests"
    case lambdaDurationX86 = "lambda.duration.x86_64"
    case lambdaDurationArm = "lambda.duration.arm64"
    case lambdaEphemeralStorage = "lambda.ephemeralStorage"
    case internetDataTransferOut = "dataTransfer.internetOut"
    case route53HostedZoneMonth = "route53.hostedZoneMonth"
    case route53StandardQueries = "route53.standardQueries"
    case acmPublicCertificate = "acm.publicCertificate"

    /// Where the price lives: in each region's table, or once in `global.json`.
    package enum Scope: Sendable { case regional, global }

    package var scope: Scope {
        switch self {
        case .route53HostedZoneMonth, .route53StandardQueries, .acmPublicCertificate: .global
        default: .regional
        }
    }

    /// The unit the table must state; a table that prices in another unit is rejected.
    package var unit: String {
        switch self {
        case .albHour: "ALB-hour"
        case .albLCUHour: "LCU-hour"
        case .publicIPv4Hour: "IPv4 address-hour"
        case .vpceEndpointAZHour: "endpoint-AZ-hour"
        case .vpceDataProcessed, .internetDataTransferOut: "GB"
        case .apiGatewayRESTRequests, .lambdaRequests: "1M requests"
        case .lambdaDurationX86, .lambdaDurationArm, .lambdaEphemeralStorage: "GB-second"
        case .route53HostedZoneMonth: "hosted zone-month"
        case .route53StandardQueries: "1M queries"
        case .acmPublicCertificate: "certificate-month"
        }
    }

    /// Whether the price is a tier schedule (`tiers`) rather than one rate (`usd`).
    package var isTiered: Bool {
        switch self {
        case .vpceDataProcessed, .apiGatewayRESTRequests, .lambdaDurationX86, .lambdaDurationArm,
            .internetDataTransferOut, .route53HostedZoneMonth, .route53StandardQueries:
            true
        default: false
        }
    }

    /// A short human name, used in "missing price" messages.
    package var title: String {
        switch self {
        case .albHour: "ALB hour"
        case .albLCUHour: "ALB LCU-hour"
        case .publicIPv4Hour: "public IPv4 address-hour"
        case .vpceEndpointAZHour: "interface endpoint AZ-hour"
        case .vpceDataProcessed: "interface endpoint data processed"
        case .apiGatewayRESTRequests: "API Gateway REST requests"
        case .lambdaRequests: "Lambda requests"
        case .lambdaDurationX86: "Lambda duration (x86_64)"
        case .lambdaDurationArm: "Lambda duration (arm64)"
        case .lambdaEphemeralStorage: "Lambda ephemeral storage"
        case .internetDataTransferOut: "data transfer out to the internet"
        case .route53HostedZoneMonth: "Route 53 hosted zone"
        case .route53StandardQueries: "Route 53 standard queries"
        case .acmPublicCertificate: "ACM public certificate"
        }
    }

    package static func < (lhs: PriceKey, rhs: PriceKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
