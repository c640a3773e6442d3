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
    case lambdaStreamedResponse = "lambda.streamedResponse"
    case internetDataTransferOut = "dataTransfer.internetOut"
    case logsIngestion = "cloudwatch.logsIngestion"
    case vendedLogsIngestion = "cloudwatch.vendedLogsIngestion"
    case logsStorage = "cloudwatch.logsStorage"
    case wafWebACLMonth = "waf.webACLMonth"
    case wafRuleMonth = "waf.ruleMonth"
    case wafRequests = "waf.requests"
    case vpnConnectionHour = "vpn.connectionHour"
    case directConnectPort1GHour = "directConnect.port1GHour"
    case directConnectPort10GHour = "directConnect.port10GHour"
    case directConnectDataTransferOut = "directConnect.dataTransferOut"
    case resolverENIHour = "route53Resolver.endpointENIHour"
    case resolverQueries = "route53Resolver.queries"
    case apiCache0_5 = "apigateway.cacheHour.0.5"
    case apiCache1_6 = "apigateway.cacheHour.1.6"
    case apiCache6_1 = "apigateway.cacheHour.6.1"
    case apiCache13_5 = "apigateway.cacheHour.13.5"
    case apiCache28_4 = "apigateway.cacheHour.28.4"
    case apiCache58_2 = "apigateway.cacheHour.58.2"
    case apiCache118 = "apigateway.cacheHour.118"
    case apiCache237 = "apigateway.cacheHour.237"
    case xrayTracesRecorded = "xray.tracesRecorded"
    case xrayTracesRetrieved = "xray.tracesRetrieved"
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
        case .vpceDataProcessed, .internetDataTransferOut, .logsIngestion, .vendedLogsIngestion, .directConnectDataTransferOut, .lambdaStreamedResponse: "GB"
        case .apiGatewayRESTRequests, .lambdaRequests, .wafRequests: "1M requests"
        case .logsStorage: "GB-month"
        case .wafWebACLMonth: "web ACL-month"
        case .wafRuleMonth: "rule-month"
        case .vpnConnectionHour: "VPN connection-hour"
        case .directConnectPort1GHour, .directConnectPort10GHour: "port-hour"
        case .resolverENIHour: "ENI-hour"
        case .resolverQueries: "1M queries"
        case .apiCache0_5, .apiCache1_6, .apiCache6_1, .apiCache13_5, .apiCache28_4, .apiCache58_2, .apiCache118, .apiCache237: "cache-hour"
        case .xrayTracesRecorded, .xrayTracesRetrieved: "1M traces"
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
            .internetDataTransferOut, .route53HostedZoneMonth, .route53StandardQueries, .vendedLogsIngestion, .resolverQueries:
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
        case .lambdaStreamedResponse: "Lambda streamed response bytes beyond 6 MB"
        case .internetDataTransferOut: "data transfer out to the internet"
        case .route53HostedZoneMonth: "Route 53 hosted zone"
        case .route53StandardQueries: "Route 53 standard queries"
        case .logsIngestion: "CloudWatch Logs ingestion"
        case .vendedLogsIngestion: "CloudWatch vended logs ingestion"
        case .logsStorage: "CloudWatch Logs storage"
        case .wafWebACLMonth: "AWS WAF web ACL"
        case .wafRuleMonth: "AWS WAF rule"
        case .wafRequests: "AWS WAF requests"
        case .vpnConnectionHour: "Site-to-Site VPN connection-hour"
        case .directConnectPort1GHour: "Direct Connect 1 Gbps port-hour"
        case .directConnectPort10GHour: "Direct Connect 10 Gbps port-hour"
        case .directConnectDataTransferOut: "Direct Connect data transfer out"
        case .resolverENIHour: "Route 53 Resolver endpoint ENI-hour"
        case .resolverQueries: "Route 53 Resolver endpoint queries"
        case .apiCache0_5, .apiCache1_6, .apiCache6_1, .apiCache13_5, .apiCache28_4, .apiCache58_2, .apiCache118, .apiCache237:
            "API Gateway cache \(rawValue.split(separator: ".").dropFirst(2).joined(separator: ".")) GB"
        case .xrayTracesRecorded: "X-Ray traces recorded"
        case .xrayTracesRetrieved: "X-Ray traces retrieved or scanned"
        case .acmPublicCertificate: "ACM public certificate"
        }
    }

    package static func < (lhs: PriceKey, rhs: PriceKey) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The position of the case in `allCases` (declaration order): a fieldless enum is stored as its
    /// case index, so this reads one byte (`PriceTableTests` checks it against `allCases`).
    package var ordinal: Int { Int(withUnsafeBytes(of: self) { $0[0] }) }

    /// Hashes the case, not its raw string.
    package func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

extension PriceKey {
    /// A key named in a bundled table, for the code the build generates from `PriceTables/*.json`
    /// (`BundledPriceTableTests` checks every bundled table against `PriceTableDecoder`).
    static func bundled(_ rawValue: String) -> PriceKey {
        guard let key = PriceKey(rawValue: rawValue) else { preconditionFailure("a bundled price table names an unknown key '\(rawValue)'") }
        return key
    }
}
