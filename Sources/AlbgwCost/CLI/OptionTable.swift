/// One command-line option: its name, whether it takes a value, and its help.
package struct OptionSpec: Sendable {
    package var name: String
    /// Placeholder in help (`N`, `CODE`); nil for flags.
    package var metavar: String?
    package var help: String
    /// The default as shown in help; nil when there is none.
    package var defaultText: String?
    /// May be given more than once (`--var a=1 --var b=2`).
    package var repeatable = false
    /// The values it takes when they are a fixed set, from the catalogs in code (regions, designs,
    /// formats, presets...), for shell completion; empty when any value of its kind goes. A choice
    /// that ends in `=` is a key that takes a value after it (`--sla alb=99.99`).
    package var choices: [String] = []
    /// Takes a comma-separated list of `choices` (`--needs usage-plans,api-keys`).
    package var isList = false

    package var takesValue: Bool { metavar != nil }

    /// What completion offers for the value: the choices, else directories for a `DIR`, files for
    /// a `FILE`, else nothing (a number or free text).
    package var valueKind: ValueKind {
        if !choices.isEmpty { return .choices(choices) }
        switch metavar {
        case "DIR": return .directory
        case "FILE": return .file
        default: return .text
        }
    }

    package enum ValueKind: Sendable, Equatable {
        case choices([String])
        case directory
        case file
        case text
    }
}

/// The options of the main command, in help order. Option names are part of the interface.
package enum OptionTable {
    package static let workload: [OptionSpec] = [
        OptionSpec(name: "--rps", metavar: "N", help: "average requests per second (fractions allowed); or give --requests-per-month", defaultText: nil),
        OptionSpec(name: "--requests-per-month", metavar: "N", help: "monthly request volume instead of --rps, as on a bill", defaultText: nil),
        OptionSpec(name: "--request-kb", metavar: "N", help: "request size in KiB, headers included", defaultText: "1"),
        OptionSpec(name: "--response-kb", metavar: "N", help: "response size in KiB, headers included", defaultText: "4"),
        OptionSpec(name: "--lambda-memory-mb", metavar: "N", help: "Lambda memory, 128 to 10240", defaultText: "128"),
        OptionSpec(name: "--lambda-duration-ms", metavar: "N", help: "average Lambda duration; billed rounded up to 1 ms", defaultText: "100"),
        OptionSpec(name: "--lambda-arch", metavar: "ARCH", help: "x86_64 or arm64", defaultText: "x86_64", choices: LambdaArchitecture.allCases.map(\.rawValue)),
        OptionSpec(name: "--lambda-ephemeral-mb", metavar: "N", help: "Lambda ephemeral storage, 512 to 10240; billed above 512", defaultText: "512"),
        OptionSpec(name: "--requests-per-connection", metavar: "N", help: "requests a client sends per connection (keep-alive)", defaultText: "10"),
        OptionSpec(name: "--connection-seconds", metavar: "N", help: "how long a client connection stays open", defaultText: "60"),
        OptionSpec(name: "--alb-rules", metavar: "N", help: "listener rules evaluated per request (first 10 free)", defaultText: "1"),
        OptionSpec(
            name: "--response-streaming", metavar: nil,
            help: "stream responses through API Gateway (STREAM mode, a streaming function): up to 200 MB and 15 minutes; alb-lambda cannot",
            defaultText: nil),
        OptionSpec(
            name: "--needs", metavar: "F,...", help: "features you need: " + Feature.allCases.map(\.rawValue).joined(separator: ", "), defaultText: "none",
            choices: Feature.allCases.map(\.rawValue), isList: true),
    ]

    package static let topology: [OptionSpec] = [
        OptionSpec(name: "--region", metavar: "CODE", help: "AWS region with a bundled price table", defaultText: "us-east-1", choices: regions),
        OptionSpec(
            name: "--regions", metavar: "all|CODE,...", help: "rank the designs across regions instead: all bundled ones, or a list", defaultText: nil, choices: ["all"] + regions,
            isList: true),
        OptionSpec(name: "--azs", metavar: "N", help: "Availability Zones the ALB spans, 2 to 6", defaultText: "2"),
        OptionSpec(name: "--vpce-subnets", metavar: "N", help: "subnets (ENIs) of the interface endpoint, 1 to 6", defaultText: "--azs"),
        OptionSpec(
            name: "--alb-scheme", metavar: "SCHEME", help: "internet-facing, or internal (reached over VPN or Direct Connect)", defaultText: "internet-facing",
            choices: ALBScheme.allCases.map(\.rawValue)),
        OptionSpec(name: "--public-ipv4-per-az", metavar: "N", help: "public IPv4 addresses an internet-facing ALB holds per AZ (AWS does not fix it)", defaultText: "1"),
        OptionSpec(
            name: "--accounts", metavar: "LAYOUT", help: "single, or cross (ALB in one account, API Gateway and Lambda in another)", defaultText: "single",
            choices: AccountLayout.allCases.map(\.rawValue)),
        OptionSpec(name: "--registered-targets", metavar: "N", help: "endpoint ENI IPs registered in the ALB's target group", defaultText: "--vpce-subnets"),
        OptionSpec(
            name: "--target-ips", metavar: "HOW", help: "lookup (read from the endpoint by the deployment) or manual (typed in)", defaultText: "lookup",
            choices: TargetIPRegistration.allCases.map(\.rawValue)),
        OptionSpec(name: "--private-dns", metavar: "on|off", help: "private DNS on the execute-api endpoint", defaultText: "off", choices: ["on", "off"]),
        OptionSpec(
            name: "--error-alarms", metavar: "on|off", help: "CloudWatch alarms on API Gateway 5XXError or Lambda Errors exist (review reads them)", defaultText: "off",
            choices: ["on", "off"]),
        OptionSpec(
            name: "--dns-record", metavar: "TYPE", help: "alias (queries free) or cname (every query billed, as the tutorial's TTL-300 record)", defaultText: "alias",
            choices: DNSRecordType.allCases.map(\.rawValue)),
        OptionSpec(
            name: "--dns-queries-per-month", metavar: "N", help: "DNS queries that reach Route 53: billed for a cname record and through a Resolver endpoint",
            defaultText: "one per new client connection"),
        OptionSpec(
            name: "--preset", metavar: "NAME", help: "a seed's topology: tutorial (two accounts, endpoint in one subnet) or hybrid (internal ALB over VPN/DX)", defaultText: nil,
            choices: Preset.allCases.map(\.rawValue)),
    ]

    package static let limits: [OptionSpec] = [
        OptionSpec(name: "--alb-idle-timeout-s", metavar: "N", help: "ALB idle timeout, 1 to 4000", defaultText: "60"),
        OptionSpec(name: "--apigw-timeout-s", metavar: "N", help: "API Gateway integration timeout, 0.05 to 300 (above 29 on request)", defaultText: "29"),
        OptionSpec(
            name: "--lambda-timeout-s", metavar: "N", help: "the function's timeout, up to 900 (AWS creates functions with 3; assumed set to the maximum)", defaultText: "900"),
        OptionSpec(name: "--apigw-rps-limit", metavar: "N", help: "API Gateway account throttle per region", defaultText: "10000"),
        OptionSpec(name: "--apigw-burst-limit", metavar: "N", help: "API Gateway account burst per region", defaultText: "5000"),
        OptionSpec(name: "--lambda-concurrency", metavar: "N", help: "Lambda concurrent executions per region", defaultText: "1000"),
        OptionSpec(
            name: "--sla", metavar: "K=PCT,...",
            help:
                "override SLA terms: alb, privatelink, apigw, lambda, route53, resolver, vpn, directconnect (PrivateLink's 99.9 is unconfirmed; Direct Connect has no default)",
            defaultText: nil, choices: SLATable.keys.map { $0 + "=" }, isList: true),
        OptionSpec(
            name: "--hop-latency-ms", metavar: "K=MS,...", help: "your latency estimates per hop: dns, alb, vpce, apigw, lambda (no defaults: AWS publishes none)",
            defaultText: nil, choices: HopModel.latencyKeys.map { $0 + "=" }, isList: true),
    ]

    /// What the bill covers beyond the request path; every one is off unless given.
    package static let wholeBill: [OptionSpec] = [
        OptionSpec(name: "--logs", metavar: nil, help: "price CloudWatch Logs (any log option below turns it on too)", defaultText: nil),
        OptionSpec(name: "--lambda-log-bytes", metavar: "N", help: "bytes Lambda logs per invocation", defaultText: "264, its START/END/REPORT lines"),
        OptionSpec(
            name: "--apigw-execution-logs", metavar: "LEVEL", help: "API Gateway execution logging: off, errors, info or full (with bodies)", defaultText: "off",
            choices: WholeBill.ExecutionLogs.allCases.map(\.rawValue)),
        OptionSpec(name: "--apigw-execution-log-bytes", metavar: "N", help: "bytes of execution log per request, instead of the level's estimate", defaultText: nil),
        OptionSpec(name: "--apigw-access-log-bytes", metavar: "N", help: "bytes of access log per request; 0 is no access log", defaultText: "0"),
        OptionSpec(
            name: "--log-retention-days", metavar: "N", help: "how long CloudWatch keeps the logs", defaultText: "30", choices: WholeBill.Logs.retentionChoices.map(String.init)),
        OptionSpec(
            name: "--waf", metavar: "WHERE", help: "AWS WAF web ACL on none, alb, api or both", defaultText: "none", choices: WholeBill.WAFPlacement.allCases.map(\.rawValue)),
        OptionSpec(name: "--waf-rules", metavar: "N", help: "rules or rule groups in each web ACL", defaultText: "5"),
        OptionSpec(
            name: "--hybrid-link", metavar: "LINK", help: "none, vpn (Site-to-Site) or dx (Direct Connect) from the corporate network", defaultText: "none",
            choices: WholeBill.HybridLink.allCases.map(\.rawValue)),
        OptionSpec(name: "--dx-port", metavar: "SPEED", help: "Direct Connect dedicated port: 1g or 10g", defaultText: "1g", choices: WholeBill.PortSpeed.allCases.map(\.rawValue)),
        OptionSpec(name: "--resolver-inbound-enis", metavar: "N", help: "Route 53 Resolver inbound endpoint IPs for on-premises DNS: 0, or 2 to 6", defaultText: "0"),
        OptionSpec(
            name: "--apigw-cache-gb", metavar: "GB", help: "API Gateway cache: none, 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237", defaultText: "none",
            choices: ["none"] + WholeBill.cacheSizes.map(\.gb)),
        OptionSpec(name: "--xray-sample-rate", metavar: "R", help: "share of requests X-Ray traces, 0 to 1", defaultText: "0"),
    ]

    package static let billing: [OptionSpec] = [
        OptionSpec(name: "--hours-per-month", metavar: "N", help: "hours in the billed month (AWS's examples use 720)", defaultText: "730"),
        OptionSpec(
            name: "--free-tier", metavar: nil, help: "apply the always-free allowances: Lambda's, 100 GB of egress, CloudWatch Logs' 5 GB, X-Ray's 100,000 traces", defaultText: nil
        ),
        OptionSpec(name: "--prices", metavar: "DIR", help: "read price tables from DIR instead of the bundled ones", defaultText: nil),
    ]

    package static let output: [OptionSpec] = [
        OptionSpec(
            name: "--design", metavar: "ID", help: DesignCatalog.choicesText + "; several comma-separated (alb-lambda,vpce-apigw-lambda)", defaultText: "all",
            choices: DesignID.allCases.map(\.rawValue) + ["all"], isList: true),
        OptionSpec(
            name: "--format", metavar: "FORMAT", help: "table, json, markdown (GitHub tables), dot (Graphviz) or csv (line items; with --regions, the ranking)",
            defaultText: "table", choices: ScenarioOptions.formats),
        OptionSpec(
            name: "--detail", metavar: nil,
            help: "the table in full: derivations, limits, the request path, failure domains, inputs, assumptions, prices (COLUMNS sets the width)",
            defaultText: nil),
        OptionSpec(name: "--help", metavar: nil, help: "show this help", defaultText: nil),
        OptionSpec(name: "--version", metavar: nil, help: "show the version and the price tables' date", defaultText: nil),
    ]

    package static var all: [OptionSpec] { workload + topology + limits + wholeBill + billing + output }

    /// The main command's options in help's sections.
    package static var sections: [(title: String, options: [OptionSpec])] {
        [
            ("WORKLOAD", workload), ("WHERE IT RUNS", topology), ("LIMITS (AWS defaults; give yours if AWS raised them)", limits),
            ("THE WHOLE BILL (all off unless given; --preset hybrid turns on a VPN and a Resolver endpoint)", wholeBill), ("BILLING", billing),
            ("OUTPUT", output),
        ]
    }

    /// The regions with a bundled price table, which `--region` completes.
    package static let regions = (try? PriceCatalog.bundled.regions()) ?? []

    /// Extra options of `albgw-cost dot`.
    package static let dot: [OptionSpec] = [
        OptionSpec(name: "--out", metavar: "DIR", help: "write every diagram (one per design and comparison.dot) into DIR instead of printing one", defaultText: nil)
    ]

    /// Options of `albgw-cost prices`.
    package static let prices: [OptionSpec] = [
        OptionSpec(name: "--export", metavar: "DIR", help: "write the price tables as JSON files into DIR, to edit and pass back with --prices DIR", defaultText: nil),
        OptionSpec(name: "--region", metavar: "CODE", help: "show one region's prices with their sources", defaultText: nil, choices: regions),
        OptionSpec(name: "--prices", metavar: "DIR", help: "read price tables from DIR instead of the bundled ones", defaultText: nil),
        OptionSpec(name: "--help", metavar: nil, help: "show this help", defaultText: nil),
    ]
}
