import Foundation

/// How much traffic arrives: an average rate per second, or a monthly volume (as on a bill).
package enum RequestRate: Sendable, Equatable {
    case perSecond(Decimal)
    case perMonth(Decimal)
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
    package var requestKiB: Decimal
    /// Response size in KiB, headers included.
    package var responseKiB: Decimal
    package var lambdaMemoryMB: Decimal
    /// Average billed duration; AWS rounds each invocation up to a whole millisecond.
    package var lambdaDurationMS: Decimal
    package var lambdaArchitecture: LambdaArchitecture
    /// Configured ephemeral storage; only the part above 512 MB is billed.
    package var lambdaEphemeralMB: Decimal
    /// Requests a client sends over one connection (keep-alive); drives ALB new connections.
    package var requestsPerConnection: Decimal
    /// How long a client connection stays open; drives ALB active connections.
    package var connectionSeconds: Decimal
    /// Listener rules the ALB evaluates per request; the first 10 are free.
    package var albRules: Decimal

    package init(
        rate: RequestRate, requestKiB: Decimal, responseKiB: Decimal, lambdaMemoryMB: Decimal,
        lambdaDurationMS: Decimal, lambdaArchitecture: LambdaArchitecture, lambdaEphemeralMB: Decimal,
        requestsPerConnection: Decimal, connectionSeconds: Decimal, albRules: Decimal
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

/// Where the designs are deployed.
package struct Topology: Sendable, Equatable {
    package var region: String
    /// Availability Zones the ALB spans (AWS requires at least two).
    package var azs: Int
    /// Subnets the interface endpoint is placed in: one ENI, and one endpoint-hour per hour, each.
    package var vpceSubnets: Int
    package var albScheme: ALBScheme

    package init(region: String, azs: Int, vpceSubnets: Int, albScheme: ALBScheme) {
        self.region = region
        self.azs = azs
        self.vpceSubnets = vpceSubnets
        self.albScheme = albScheme
    }
}

/// Billing conventions of a run.
package struct Billing: Sendable, Equatable {
    /// Hours in the billed month: 730 as the AWS Pricing Calculator, 720 in AWS's worked examples.
    package var hoursPerMonth: Decimal
    /// Applies Lambda's monthly free tier and the 100 GB internet egress allowance.
    package var freeTier: Bool

    package init(hoursPerMonth: Decimal, freeTier: Bool) {
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

    package init(workload: Workload, topology: Topology, billing: Billing, designs: [DesignID]) {
        self.workload = workload
        self.topology = topology
        self.billing = billing
        self.designs = designs
    }

    /// Requests per month: rps x 3,600 x hours per month, or the monthly volume given.
    package var monthlyRequests: Decimal {
        switch workload.rate {
        case .perSecond(let rps): rps * 3600 * billing.hoursPerMonth
        case .perMonth(let requests): requests
        }
    }

    /// Average requests per second over the billed month.
    package var requestsPerSecond: Decimal {
        switch workload.rate {
        case .perSecond(let rps): rps
        case .perMonth(let requests): requests / (3600 * billing.hoursPerMonth)
        }
    }
}
