import Foundation

/// How much traffic arrives: an average rate per second, or a monthly volume (as on a bill).
package enum RequestRate: Sendable, Equatable {
    case perSecond(ExactDecimal)
    case perMonth(ExactDecimal)
}

/// The Lambda instruction set; each has its own duration price and tier sizes.
package enum LambdaArchitecture: String, CaseIterable, Sendable {
    case x86_64
    case arm64
}

/// What the application does per request, independent of the design that carries it.
package struct Workload: Sendable, Equatable {
    package var rate: RequestRate
    /// Request size in KiB (1 KiB = 1,024 bytes), headers included.
    package var requestKiB: ExactDecimal
    /// Response size in KiB, headers included.
    package var responseKiB: ExactDecimal
    package var lambdaMemoryMB: ExactDecimal
    /// Average billed duration; AWS rounds each invocation up to a whole millisecond.
    package var lambdaDurationMS: ExactDecimal
    package var lambdaArchitecture: LambdaArchitecture
    /// Configured ephemeral storage; only the part above 512 MB is billed.
    package var lambdaEphemeralMB: ExactDecimal
    /// Requests a client sends over one connection (keep-alive); drives ALB new connections.
    package var requestsPerConnection: ExactDecimal
    /// How long a client connection stays open; drives ALB active connections.
    package var connectionSeconds: ExactDecimal
    /// Listener rules the ALB evaluates per request; the first 10 are free.
    package var albRules: ExactDecimal
    /// DNS queries that reach Route 53 per month; nil for the stated default, one per new client connection.
    package var dnsQueriesPerMonth: ExactDecimal? = nil
    /// Responses are streamed where the path can stream (API Gateway's STREAM transfer mode to a
    /// streaming function); an ALB's Lambda target cannot.
    package var responseStreaming = false

    package init(
        rate: RequestRate, requestKiB: ExactDecimal, responseKiB: ExactDecimal, lambdaMemoryMB: ExactDecimal,
        lambdaDurationMS: ExactDecimal, lambdaArchitecture: LambdaArchitecture, lambdaEphemeralMB: ExactDecimal,
        requestsPerConnection: ExactDecimal, connectionSeconds: ExactDecimal, albRules: ExactDecimal
    ) {
        self.rate = rate
        self.requestKiB = requestKiB
        self.responseKiB = responseKiB
        self.lambdaMemoryMB = lambdaMemoryMB
        self.lambdaDurationMS = lambdaDurationMS
        self.lambdaArchitecture = lambdaArchitecture
        self.lambdaEphemeralMB = lambdaEphemeralMB
        self.requestsPerConnection = requestsPerConnection
        self.connectionSeconds = connectionSeconds
        self.albRules = albRules
    }
}

/// Whether the ALB faces the internet or is reached privately (VPN or Direct Connect).
package enum ALBScheme: String, CaseIterable, Sendable {
    case internetFacing = "internet-facing"
    case `internal`
}

/// Whether the network (ALB, VPC, endpoint) and the application (API, Lambda) share an account.
package enum AccountLayout: String, CaseIterable, Sendable {
    /// Everything in one account (the blog post's hybrid design).
    case single
    /// ALB and endpoint in a network account, API Gateway and Lambda in an application account
    /// (the Terraform tutorial).
    case cross
}

/// How the endpoint's ENI IPs get into the ALB's target group.
package enum TargetIPRegistration: String, CaseIterable, Sendable {
    /// Read from the endpoint by the deployment (the tutorial's `data.aws_network_interface`).
    case lookup
    /// Typed in by hand (the blog post's `var.vpce_ip_1`, `var.vpce_ip_2`).
    case manual
}

/// How the name clients call points at the entry: an alias record (queries free) or a CNAME (billed).
package enum DNSRecordType: String, CaseIterable, Sendable {
    case alias
    case cname
}

/// Where the designs are deployed.
package struct Topology: Sendable, Equatable {
    package var region: String
    /// Availability Zones the ALB spans (AWS requires at least two).
    package var azs: Int
    /// Subnets the interface endpoint is placed in: one ENI, and one endpoint-hour per hour, each.
    package var vpceSubnets: Int
    package var albScheme: ALBScheme
    package var accounts: AccountLayout
    /// Endpoint ENI IPs registered in the ALB's target group (the tutorial registers only the first).
    package var registeredTargets: Int
    /// How the endpoint IPs reach the target group: looked up by Terraform, or typed in by hand.
    package var targetIPs: TargetIPRegistration
    /// Whether private DNS is enabled on the execute-api endpoint.
    package var privateDNS: Bool
    /// Public IPv4 addresses an internet-facing ALB holds per AZ (AWS does not fix the count).
    package var publicIPv4PerAZ: Int = 1
    /// The record clients resolve: an alias (free queries) or a CNAME (every query billed).
    package var dnsRecord: DNSRecordType = .alias
    /// Whether CloudWatch alarms watch API Gateway's 5XXError or Lambda's Errors: what a health
    /// check that accepts API Gateway's 403 cannot tell, they do.
    package var errorAlarms = false

    package init(
        region: String, azs: Int, vpceSubnets: Int, albScheme: ALBScheme, accounts: AccountLayout = .single,
        registeredTargets: Int? = nil, targetIPs: TargetIPRegistration = .lookup, privateDNS: Bool = false
    ) {
        self.region = region
        self.azs = azs
        self.vpceSubnets = vpceSubnets
        self.albScheme = albScheme
        self.accounts = accounts
        self.registeredTargets = registeredTargets ?? vpceSubnets
        self.targetIPs = targetIPs
        self.privateDNS = privateDNS
    }
}

/// Service limits that bound a request, at AWS's defaults unless the user raised them.
/// Sources: ../shared/reference/topology.md §0 (AWS quotas pages).
package struct ServiceLimits: Sendable, Equatable {
    /// ALB connection idle timeout (attribute; default 60 s).
    package var albIdleTimeoutSeconds: ExactDecimal = 60
    /// API Gateway REST integration timeout (50 ms to 29 s by default; up to 300 s on request).
    package var apiGatewayIntegrationTimeoutSeconds: ExactDecimal = 29
    /// The function's configured timeout (up to 900 s). Assumed at the maximum unless given.
    package var lambdaTimeoutSeconds: ExactDecimal = 900
    /// API Gateway's account-level steady rate per region (10,000 RPS in the bundled regions).
    package var apiGatewayAccountRPS: ExactDecimal = 10_000
    /// API Gateway's token-bucket burst per account and region (5,000; AWS does not raise it).
    package var apiGatewayBurst: ExactDecimal = 5_000
    /// Lambda concurrent executions per account and region (1,000 by default).
    package var lambdaConcurrency: ExactDecimal = 1_000

    package init() {}
}

/// Billing conventions of a run.
package struct Billing: Sendable, Equatable {
    /// Hours in the billed month: 730 as the AWS Pricing Calculator, 720 in AWS's worked examples.
    package var hoursPerMonth: ExactDecimal
    /// Applies Lambda's monthly free tier and the 100 GB internet egress allowance.
    package var freeTier: Bool

    package init(hoursPerMonth: ExactDecimal, freeTier: Bool) {
        self.hoursPerMonth = hoursPerMonth
        self.freeTier = freeTier
    }
}

/// Everything an analysis needs: the traffic, where it runs, how it is billed, which designs.
package struct Scenario: Sendable, Equatable {
    package var workload: Workload
    package var topology: Topology
    package var billing: Billing
    package var designs: [DesignID]
    package var limits: ServiceLimits
    /// The user's per-component latency estimates in ms (`dns`, `alb`, `vpce`, `apigw`, `lambda`).
    /// AWS publishes none, so there are no defaults.
    package var hopLatencyMS: [String: ExactDecimal]
    /// SLA percentages the user overrides, by `SLATable` key.
    package var slaOverrides: [String: ExactDecimal]
    /// The seed topology the options started from (`tutorial`, `hybrid`), if any.
    package var preset: String?
    /// API Gateway features the user requires (`--needs`).
    package var needs: [Feature] = []
    /// What the bill covers beyond the request path.
    package var wholeBill = WholeBill()

    package init(
        workload: Workload, topology: Topology, billing: Billing, designs: [DesignID], limits: ServiceLimits = ServiceLimits(),
        hopLatencyMS: [String: ExactDecimal] = [:], slaOverrides: [String: ExactDecimal] = [:], preset: String? = nil
    ) {
        self.slaOverrides = slaOverrides
        self.preset = preset
        self.workload = workload
        self.topology = topology
        self.billing = billing
        self.designs = designs
        self.limits = limits
        self.hopLatencyMS = hopLatencyMS
    }

    /// Requests per month: rps x 3,600 x hours per month, or the monthly volume given.
    package var monthlyRequests: ExactDecimal {
        switch workload.rate {
        case .perSecond(let rps): rps * 3600 * billing.hoursPerMonth
        case .perMonth(let requests): requests
        }
    }

    /// Average requests per second over the billed month.
    package var requestsPerSecond: ExactDecimal {
        switch workload.rate {
        case .perSecond(let rps): rps
        case .perMonth(let requests): requests / (3600 * billing.hoursPerMonth)
        }
    }
}
