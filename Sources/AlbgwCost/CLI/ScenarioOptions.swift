import Foundation
import HCL

/// Turns parsed options into a validated `Scenario`, the price source, and the echo of every
/// input (defaults included) that outputs print.
package struct ScenarioOptions: Sendable {
    package var scenario: Scenario
    package var catalog: PriceCatalog
    package var format: String
    package var inputs: [ReportInput]

    package static let formats = ["table", "json", "markdown", "dot", "csv"]

    /// Option values that come before defaults but after the command line: a preset's, or those
    /// read from a Terraform configuration. `origin` names them in the inputs echo.
    package struct Overlay: Sendable {
        package var origin: String
        package var values: [String: String]

        package init(origin: String, values: [String: String]) {
            self.origin = origin
            self.values = values
        }
    }

    package init(_ arguments: ParsedArguments, overlay terraform: Overlay? = nil) throws {
        var preset: Preset?
        if let name = arguments.values["--preset"] {
            guard let value = Preset(rawValue: name) else {
                let names = Preset.allCases.map(\.rawValue)
                let hint = Suggestion.hint(for: name, in: names)
                throw CLIError("--preset '\(name)' is not allowed; \(hint)choose one of: \(names.joined(separator: ", "))")
            }
            preset = value
        }
        if preset != nil && terraform != nil {
            throw CLIError("--preset and a Terraform configuration both describe the topology; drop --preset")
        }
        let overlay = terraform ?? preset.map { Overlay(origin: "preset \($0.rawValue)", values: $0.values) }
        var reader = ValueReader(arguments: arguments, overlay: overlay)
        let rate: RequestRate
        switch (arguments.values["--rps"], arguments.values["--requests-per-month"]) {
        case (nil, nil):
            throw CLIError("--rps is required: give the average requests per second, e.g. albgw-cost --rps 50 --region us-west-2 (or --requests-per-month N)")
        case (_?, _?):
            throw CLIError("--rps and --requests-per-month both set the traffic; give one of them")
        case (_?, nil):
            rate = .perSecond(try reader.decimal("--rps", key: "requestsPerSecond", atLeast: ExactDecimal.literal("0.0001"), max: "10000000"))
        case (nil, _?):
            let monthly = try reader.decimal("--requests-per-month", key: "requestsPerMonth", atLeast: 1, max: "30000000000000")
            guard monthly.isWholeNumber else { throw CLIError("--requests-per-month must be a whole number of requests, got \(monthly)") }
            rate = .perMonth(monthly)
        }
        let region = reader.text("--region", key: "region", default: "us-east-1")
        let azs = try reader.integer("--azs", key: "azs", default: 2, range: 2...6, why: "an ALB needs subnets in at least two AZs")
        let workload = Workload(
            rate: rate,
            requestKiB: try reader.decimal("--request-kb", key: "requestKiB", default: "1", atLeast: 0, max: "1048576"),
            responseKiB: try reader.decimal("--response-kb", key: "responseKiB", default: "4", atLeast: 0, max: "1048576"),
            lambdaMemoryMB: ExactDecimal(
                try reader.integer("--lambda-memory-mb", key: "lambdaMemoryMB", default: 128, range: 128...10240, why: "Lambda memory is 128 to 10,240 MB")),
            lambdaDurationMS: try reader.decimal("--lambda-duration-ms", key: "lambdaDurationMS", default: "100", above: 0, max: "900000"),
            lambdaArchitecture: LambdaArchitecture(
                rawValue: try reader.choice("--lambda-arch", key: "lambdaArchitecture", default: "x86_64", choices: LambdaArchitecture.allCases.map(\.rawValue)))!,
            lambdaEphemeralMB: ExactDecimal(
                try reader.integer("--lambda-ephemeral-mb", key: "lambdaEphemeralMB", default: 512, range: 512...10240, why: "Lambda ephemeral storage is 512 to 10,240 MB")),
            requestsPerConnection: try reader.decimal("--requests-per-connection", key: "requestsPerConnection", default: "10", atLeast: 1, max: "1000000"),
            connectionSeconds: try reader.decimal("--connection-seconds", key: "connectionSeconds", default: "60", above: 0, max: "604800"),
            albRules: ExactDecimal(try reader.integer("--alb-rules", key: "albRules", default: 1, range: 0...100, why: "a listener holds at most 100 rules")))
        let vpceSubnets = try reader.integer(
            "--vpce-subnets", key: "vpceSubnets", default: azs, range: 1...InterfaceEndpoint.maxSubnets, why: "an endpoint takes at most one subnet per AZ")
        let registered: Int
        if arguments.values["--registered-targets"] == nil, let overlay, let value = overlay.values["--registered-targets"].flatMap(Int.init) {
            // A preset's count never exceeds the subnets the user chose over the preset's.
            registered = max(1, min(value, vpceSubnets))
            reader.record("--registered-targets", key: "registeredTargets", .number(ExactDecimal(registered)), source: .overlay(overlay.origin))
        } else {
            registered = try reader.integer(
                "--registered-targets", key: "registeredTargets", default: vpceSubnets, range: 1...vpceSubnets,
                why: "the target group can hold only the endpoint's \(vpceSubnets) ENI IP(s)")
        }
        let targetIPs = TargetIPRegistration(
            rawValue: try reader.choice("--target-ips", key: "targetIPs", default: "lookup", choices: TargetIPRegistration.allCases.map(\.rawValue)))!
        let privateDNS = try reader.choice("--private-dns", key: "privateDNS", default: "off", choices: ["on", "off"]) == "on"
        let errorAlarms = try reader.choice("--error-alarms", key: "errorAlarms", default: "off", choices: ["on", "off"]) == "on"
        let dnsRecord = DNSRecordType(rawValue: try reader.choice("--dns-record", key: "dnsRecord", default: "alias", choices: DNSRecordType.allCases.map(\.rawValue)))!
        let dnsQueries = try reader.optionalDecimal(
            "--dns-queries-per-month", key: "dnsQueriesPerMonth", defaultText: "one per new client connection", atLeast: 0, max: "100000000000000")
        let needs = try reader.list("--needs", key: "needs", choices: Feature.allCases.map(\.rawValue)).compactMap(Feature.init)
        let streaming = reader.flag("--response-streaming", key: "responseStreaming")
        // API Gateway's STREAM transfer mode has no caching and no response mapping templates.
        for feature in [Feature.responseCaching, .mappingTemplates] where streaming && needs.contains(feature) {
            throw CLIError(
                "--response-streaming and --needs \(feature.rawValue) exclude each other: API Gateway does not cache or transform a streamed response; drop one of them")
        }
        let sla = try reader.pairs("--sla", key: "sla", keys: SLATable.keys, unit: "percent", example: "privatelink=99.99", max: 100)
        let scheme = ALBScheme(rawValue: try reader.choice("--alb-scheme", key: "albScheme", default: "internet-facing", choices: ALBScheme.allCases.map(\.rawValue)))!
        let ipv4PerAZ = try reader.integer("--public-ipv4-per-az", key: "publicIPv4PerAZ", default: 1, range: 1...100, why: "a count of addresses")
        if scheme == .internal && arguments.values["--public-ipv4-per-az"] != nil {
            throw CLIError("--public-ipv4-per-az counts an internet-facing ALB's public addresses, and an internal ALB has none; drop it or use --alb-scheme internet-facing")
        }
        let accounts = AccountLayout(rawValue: try reader.choice("--accounts", key: "accounts", default: "single", choices: AccountLayout.allCases.map(\.rawValue)))!
        var limits = ServiceLimits()
        limits.albIdleTimeoutSeconds = try reader.decimal("--alb-idle-timeout-s", key: "albIdleTimeoutSeconds", default: "60", atLeast: 1, max: "4000")
        limits.apiGatewayIntegrationTimeoutSeconds = try reader.decimal(
            "--apigw-timeout-s", key: "apiGatewayIntegrationTimeoutSeconds", default: "29", atLeast: ExactDecimal.literal("0.05"), max: "300")
        limits.lambdaTimeoutSeconds = try reader.decimal("--lambda-timeout-s", key: "lambdaTimeoutSeconds", default: "900", atLeast: 1, max: "900")
        limits.apiGatewayAccountRPS = try reader.decimal("--apigw-rps-limit", key: "apiGatewayAccountRPS", default: "10000", atLeast: 1, max: "10000000")
        limits.apiGatewayBurst = try reader.decimal("--apigw-burst-limit", key: "apiGatewayBurst", default: "5000", atLeast: 1, max: "10000000")
        limits.lambdaConcurrency = try reader.decimal("--lambda-concurrency", key: "lambdaConcurrency", default: "1000", atLeast: 1, max: "10000000")
        let latency = try reader.pairs("--hop-latency-ms", key: "hopLatencyMS", keys: HopModel.latencyKeys, unit: "milliseconds", example: "alb=3,vpce=1,apigw=15", max: 600_000)
        let wholeBill = try Self.wholeBill(&reader, arguments: arguments, scheme: scheme)
        let hours = try reader.decimal("--hours-per-month", key: "hoursPerMonth", default: "730", above: 0, max: "744")
        // Monthly traffic in a short month is a high rate: no more than --rps takes.
        if case .perMonth(let monthly) = rate, monthly / (hours * 3600) > 10_000_000 {
            throw CLIError(
                "--requests-per-month \(Format.quantity(monthly, places: 0)) in --hours-per-month \(Format.quantity(hours)) is more than 10,000,000 requests/s, the most --rps takes; give fewer requests or more hours"
            )
        }
        let freeTier = reader.flag("--free-tier", key: "freeTier")
        let designs = try reader.designs()
        format = try reader.choice("--format", key: "format", default: "table", choices: Self.formats, record: false)
        if let directory = arguments.values["--prices"] {
            catalog = .directory(directory)
            reader.record("--prices", key: "prices", .text(directory), source: .given)
        } else {
            catalog = .bundled
            reader.record("--prices", key: "prices", .text("bundled"), source: .defaulted)
        }
        scenario = Scenario(
            workload: workload,
            topology: Topology(
                region: region, azs: azs, vpceSubnets: vpceSubnets, albScheme: scheme, accounts: accounts,
                registeredTargets: registered, targetIPs: targetIPs, privateDNS: privateDNS),
            billing: Billing(hoursPerMonth: hours, freeTier: freeTier),
            designs: designs,
            limits: limits, hopLatencyMS: latency, slaOverrides: sla, preset: preset?.rawValue)
        scenario.needs = needs
        if let size = wholeBill.apiCacheGB {
            if streaming {
                throw CLIError("--apigw-cache-gb \(size) and --response-streaming exclude each other: API Gateway does not cache a streamed response; drop one of them")
            }
            // Pricing a cache says the API's response caching is needed: the recommendation weighs it.
            if !needs.contains(.responseCaching) {
                scenario.needs.append(.responseCaching)
                reader.replace(
                    "--needs", .text(scenario.needs.map(\.rawValue).joined(separator: ",")),
                    source: needs.isEmpty ? .overlay("implied by --apigw-cache-gb") : .given)
            }
        }
        scenario.wholeBill = wholeBill
        scenario.topology.dnsRecord = dnsRecord
        scenario.topology.errorAlarms = errorAlarms
        scenario.workload.dnsQueriesPerMonth = dnsQueries
        scenario.workload.responseStreaming = streaming
        if dnsQueries != nil && dnsRecord == .alias && wholeBill.resolverInboundENIs == 0 {
            throw CLIError(
                "--dns-queries-per-month prices billed DNS queries, and there are none here: add --dns-record cname (a CNAME's queries are billed) or --resolver-inbound-enis 2 (queries through a Resolver endpoint), or drop it (alias queries are free)"
            )
        }
        scenario.topology.publicIPv4PerAZ = ipv4PerAZ
        reader.record("--preset", key: "preset", .text(preset?.rawValue ?? "none"), source: preset == nil ? .defaulted : .given)
        inputs = reader.inputs
    }
}

extension ScenarioOptions {
    /// The options of what the bill covers beyond the request path; all off unless given or implied by a preset.
    static func wholeBill(_ reader: inout ValueReader, arguments: ParsedArguments, scheme: ALBScheme) throws -> WholeBill {
        var bill = WholeBill()
        let given = { (option: String) in arguments.values[option] != nil }
        // Any log option turns logging on, and the echo says which.
        let logOptions = ["--lambda-log-bytes", "--apigw-execution-logs", "--apigw-execution-log-bytes", "--apigw-access-log-bytes", "--log-retention-days"]
        let flagged = arguments.flags.contains("--logs")
        let impliedBy = logOptions.first { reader.raw($0) != nil }
        let logsOn = flagged || impliedBy != nil
        reader.record(
            "--logs", key: "logs", .flag(logsOn), source: flagged ? .given : impliedBy.map { .overlay("implied by \($0)") } ?? .defaulted)
        var logs = WholeBill.Logs()
        logs.lambdaBytesPerInvocation = ExactDecimal(
            try reader.integer("--lambda-log-bytes", key: "lambdaLogBytes", default: 264, range: 0...10_485_760, why: "bytes of log per invocation"))
        let executionBytesGiven = reader.raw("--apigw-execution-log-bytes") != nil
        if executionBytesGiven && reader.raw("--apigw-execution-logs") == nil {
            // A per-request figure means execution logging is on: at INFO unless a level is given.
            logs.executionLogs = .info
            reader.record("--apigw-execution-logs", key: "apigwExecutionLogs", .text("info"), source: .overlay("implied by --apigw-execution-log-bytes"))
        } else {
            logs.executionLogs = WholeBill.ExecutionLogs(
                rawValue: try reader.choice(
                    "--apigw-execution-logs", key: "apigwExecutionLogs", default: "off", choices: WholeBill.ExecutionLogs.allCases.map(\.rawValue)))!
        }
        if executionBytesGiven && logs.executionLogs == .off {
            throw CLIError("--apigw-execution-log-bytes gives execution log per request, but --apigw-execution-logs is off; drop one of them")
        }
        logs.executionBytesPerRequest = try reader.optionalDecimal(
            "--apigw-execution-log-bytes", key: "apigwExecutionLogBytes", defaultText: "by level (info 2048, full adds the bodies)", atLeast: 0, max: "10485760")
        logs.accessBytesPerRequest = try reader.decimal("--apigw-access-log-bytes", key: "apigwAccessLogBytes", default: "0", atLeast: 0, max: "1048576")
        let retention = try reader.integer("--log-retention-days", key: "logRetentionDays", default: 30, range: 1...3653, why: "CloudWatch keeps logs 1 day to 10 years")
        guard WholeBill.Logs.retentionChoices.contains(retention) else {
            throw CLIError(
                "--log-retention-days \(retention) is not a retention CloudWatch offers; choose one of \(WholeBill.Logs.retentionChoices.map(String.init).joined(separator: ", ")) (for logs kept forever, price the years you expect to keep, up to 3653)"
            )
        }
        logs.retentionDays = ExactDecimal(retention)
        bill.logs = logsOn ? logs : nil

        bill.waf = WholeBill.WAFPlacement(rawValue: try reader.choice("--waf", key: "waf", default: "none", choices: WholeBill.WAFPlacement.allCases.map(\.rawValue)))!
        bill.wafRules = try reader.integer("--waf-rules", key: "wafRules", default: 5, range: 0...1000, why: "rules or rule groups in one web ACL")
        if given("--waf-rules") && bill.waf == .none {
            throw CLIError("--waf-rules counts the rules of a web ACL, and there is none; add --waf alb, api or both")
        }

        bill.hybridLink = WholeBill.HybridLink(
            rawValue: try reader.choice("--hybrid-link", key: "hybridLink", default: "none", choices: WholeBill.HybridLink.allCases.map(\.rawValue)))!
        bill.directConnectPort = WholeBill.PortSpeed(
            rawValue: try reader.choice("--dx-port", key: "directConnectPort", default: "1g", choices: WholeBill.PortSpeed.allCases.map(\.rawValue)))!
        if given("--dx-port") && bill.hybridLink != .dx {
            throw CLIError("--dx-port sets the Direct Connect port, and there is none; add --hybrid-link dx")
        }
        bill.resolverInboundENIs = try reader.integer(
            "--resolver-inbound-enis", key: "resolverInboundENIs", default: 0, range: 0...6, why: "0 for none; an endpoint has 2 to 6 IP addresses")
        if bill.resolverInboundENIs == 1 {
            throw CLIError("--resolver-inbound-enis 1 is too few: a Route 53 Resolver endpoint has at least 2 IP addresses (ENIs); give 2 or more, or 0 for none")
        }
        if scheme == .internetFacing {
            for option in ["--hybrid-link", "--resolver-inbound-enis"] where given(option) && arguments.values[option] != "none" && arguments.values[option] != "0" {
                throw CLIError("\(option) is for clients on the corporate network; add --alb-scheme internal (internet clients need no link or Resolver endpoint)")
            }
            // A preset's link and Resolver serve corporate clients: with internet clients they do not apply.
            if let origin = reader.overlay?.origin, bill.hybridLink != .none || bill.resolverInboundENIs > 0 {
                bill.hybridLink = .none
                bill.resolverInboundENIs = 0
                let source = ReportInput.Source.overlay("\(origin), not applied: internet clients need no link or Resolver endpoint")
                reader.replace("--hybrid-link", .text("none"), source: source)
                reader.replace("--resolver-inbound-enis", .number(0), source: source)
            }
        }
        let cache = try reader.choice("--apigw-cache-gb", key: "apigwCacheGB", default: "none", choices: ["none"] + WholeBill.cacheSizes.map(\.gb))
        bill.apiCacheGB = cache == "none" ? nil : cache
        bill.xraySampleRate = try reader.decimal("--xray-sample-rate", key: "xraySampleRate", default: "0", atLeast: 0, max: "1")
        return bill
    }
}

/// Reads option values one by one, validating each and recording it for the output's echo.
struct ValueReader {
    let arguments: ParsedArguments
    let overlay: ScenarioOptions.Overlay?
    var inputs: [ReportInput] = []

    init(arguments: ParsedArguments, overlay: ScenarioOptions.Overlay?) {
        self.arguments = arguments
        self.overlay = overlay
    }

    mutating func record(_ option: String, key: String, _ value: ReportInput.Value, source: ReportInput.Source) {
        inputs.append(ReportInput(option: option, key: key, value: value, source: source))
    }

    /// Changes the recorded value of an option already read (a preset's value that does not apply).
    mutating func replace(_ option: String, _ value: ReportInput.Value, source: ReportInput.Source) {
        guard let index = inputs.lastIndex(where: { $0.option == option }) else { return }
        inputs[index].value = value
        inputs[index].source = source
    }

    /// The option's text from the command line, else from the preset; nil when neither sets it.
    func raw(_ option: String) -> (text: String, source: ReportInput.Source)? {
        if let text = arguments.values[option] { return (text, .given) }
        if let overlay, let text = overlay.values[option] { return (text, .overlay(overlay.origin)) }
        return nil
    }

    /// A decimal option; `above` is an exclusive lower bound, `atLeast` an inclusive one.
    mutating func decimal(_ option: String, key: String, default fallback: String? = nil, above: ExactDecimal? = nil, atLeast: ExactDecimal? = nil, max: String) throws
        -> ExactDecimal
    {
        guard let (text, source) = raw(option) else {
            let value = ExactDecimal.literal(fallback!)
            record(option, key: key, .number(value), source: .defaulted)
            return value
        }
        let limit = ExactDecimal.literal(max)
        if let lower = above, text.hasPrefix("-"), ExactDecimal(exactly: String(text.dropFirst())) != nil {
            throw CLIError("\(option) must be greater than \(lower), got \(text)")
        }
        if let lower = atLeast, text.hasPrefix("-"), ExactDecimal(exactly: String(text.dropFirst())) != nil {
            throw CLIError("\(option) must be at least \(lower), got \(text)")
        }
        guard let value = ExactDecimal(exactly: text) else { throw CLIError(Self.notANumber(option, text, limit: limit)) }
        if let lower = above, value <= lower { throw CLIError("\(option) must be greater than \(lower), got \(text)") }
        if let lower = atLeast, value < lower { throw CLIError("\(option) must be at least \(lower), got \(text)") }
        guard value <= limit else {
            throw CLIError("\(option) \(text) is larger than \(Format.quantity(limit)), the most albgw-cost models; give a smaller value")
        }
        record(option, key: key, .number(value), source: source)
        return value
    }

    /// Why `text` is not a number albgw-cost reads: plain digits too many to hold are too large or
    /// too fine, an exponent is not read, anything else is not a number.
    static func notANumber(_ option: String, _ text: String, limit: ExactDecimal) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].isEmpty != parts[1].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            let written = parts[0].isEmpty ? "0" + text : String(parts[0])
            return "\(option) '\(text)' needs a digit on each side of the point; write \(written)"
        }
        if parts.count <= 2, parts.contains(where: { !$0.isEmpty }), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            if parts[0].contains(where: { $0 != "0" }) && parts[0].drop(while: { $0 == "0" }).count > ExactDecimal.maximumDigits / 2 {
                return "\(option) \(text) is larger than \(Format.quantity(limit)), the most albgw-cost models; give a smaller value"
            }
            return "\(option) '\(text)' has more digits than albgw-cost keeps (\(ExactDecimal.maximumDigits)); write it with fewer digits"
        }
        if isExponentNumeral(text) {
            return "\(option) '\(text)' is written with an exponent; write it in plain digits (1e3 is 1000, 5e-1 is 0.5)"
        }
        return "\(option) '\(text)' is not a number; write plain digits such as 50 or 0.5"
    }

    /// Digits with an exponent, `1e3`, `2.5E-4`, `1e999`: a number, written in a way albgw-cost does
    /// not read (however large or small the exponent).
    static func isExponentNumeral(_ text: String) -> Bool {
        text.contains { $0 == "e" || $0 == "E" } && !text.hasPrefix("+") && !text.hasPrefix("-") && ExactDecimal.isDecimalNumeral(text)
    }

    /// A decimal option without a fixed default: nil when not given, echoed as the rule that applies.
    mutating func optionalDecimal(_ option: String, key: String, defaultText: String, atLeast: ExactDecimal, max: String) throws -> ExactDecimal? {
        guard raw(option) != nil else {
            record(option, key: key, .text(defaultText), source: .defaulted)
            return nil
        }
        return try decimal(option, key: key, atLeast: atLeast, max: max)
    }

    mutating func integer(_ option: String, key: String, default fallback: Int, range: ClosedRange<Int>, why: String) throws -> Int {
        guard let (text, source) = raw(option) else {
            record(option, key: key, .number(ExactDecimal(fallback)), source: .defaulted)
            return fallback
        }
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        guard let decimal = ExactDecimal(exactly: digits) else {
            throw CLIError("\(option) '\(text)' is not a whole number; give one from \(range.lowerBound) to \(range.upperBound)")
        }
        guard decimal.isWholeNumber else {
            throw CLIError("\(option) '\(text)' is not a whole number; give one from \(range.lowerBound) to \(range.upperBound)")
        }
        guard !text.hasPrefix("-"), decimal <= ExactDecimal(range.upperBound), let value = Int(digits), range.contains(value) else {
            throw CLIError("\(option) must be from \(range.lowerBound) to \(range.upperBound) (\(why)), got \(text)")
        }
        record(option, key: key, .number(ExactDecimal(value)), source: source)
        return value
    }

    /// `--design`: one design, several separated by commas (`alb-lambda,vpce-apigw-lambda`), or `all`;
    /// in the catalogue's order, each once.
    mutating func designs() throws -> [DesignID] {
        let names = DesignID.allCases.map(\.rawValue)
        guard let (text, source) = raw("--design") else {
            record("--design", key: "design", .text("all"), source: .defaulted)
            return DesignID.allCases
        }
        let asked = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if asked.count > 1 && asked.contains("all") {
            throw CLIError("--design '\(HCLError.excerpt(text, limit: 120))': all is every design and stands alone; give all, or list designs")
        }
        if asked.contains("") {
            throw CLIError("--design '\(HCLError.excerpt(text, limit: 120))' has an empty name (a comma too many); list designs as alb-lambda,vpce-apigw-lambda")
        }
        for name in asked where !names.contains(name) && name != "all" {
            let hint = Suggestion.hint(for: name, in: names + (asked.count == 1 ? ["all"] : []))
            throw CLIError(
                "--design '\(HCLError.excerpt(name, limit: 60))' is not a design; \(hint)choose one or more of \(names.joined(separator: ", ")) (comma-separated), or all")
        }
        let designs = asked == ["all"] ? DesignID.allCases : DesignID.allCases.filter { asked.contains($0.rawValue) }
        record("--design", key: "design", .text(designs.count == DesignID.allCases.count ? "all" : designs.map(\.rawValue).joined(separator: ",")), source: source)
        return designs
    }

    mutating func choice(_ option: String, key: String, default fallback: String, choices: [String], record shouldRecord: Bool = true) throws -> String {
        guard let (text, source) = raw(option) else {
            if shouldRecord { record(option, key: key, .text(fallback), source: .defaulted) }
            return fallback
        }
        guard choices.contains(text) else {
            if option == "--format" && text == "svg" && !choices.contains("svg") {
                throw CLIError("--format svg draws a sweep's chart: albgw-cost sweep --vary VAR=FROM..TO --format svg; here choose one of: \(choices.joined(separator: ", "))")
            }
            let hint = Suggestion.hint(for: text, in: choices)
            throw CLIError("\(option) '\(text)' is not allowed; \(hint)choose one of: \(choices.joined(separator: ", "))")
        }
        if shouldRecord { record(option, key: key, .text(text), source: source) }
        return text
    }

    mutating func text(_ option: String, key: String, default fallback: String) -> String {
        let (value, source) = raw(option) ?? (fallback, .defaulted)
        record(option, key: key, .text(value), source: source)
        return value
    }

    /// `alb=3,vpce=1.5`: values by key, keys from `keys`, each from 0 to `max`.
    mutating func pairs(_ option: String, key: String, keys: [String], unit: String, example: String, max: ExactDecimal) throws -> [String: ExactDecimal] {
        guard let (text, source) = raw(option) else {
            record(option, key: key, .text("none"), source: .defaulted)
            return [:]
        }
        var result: [String: ExactDecimal] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CLIError("\(option) '\(text)' is not a list of key=value pairs; write e.g. \(option) \(example)")
            }
            guard keys.contains(parts[0]) else {
                let hint = Suggestion.hint(for: parts[0], in: keys)
                throw CLIError("\(option): unknown key '\(parts[0])'; \(hint)keys: \(keys.joined(separator: ", "))")
            }
            guard result[parts[0]] == nil else { throw CLIError("\(option): '\(parts[0])' is given twice") }
            guard let value = ExactDecimal(exactly: parts[1]), value <= max else {
                throw CLIError("\(option): '\(parts[1])' for \(parts[0]) is not a number of \(unit) from 0 to \(Format.quantity(max))")
            }
            result[parts[0]] = value
        }
        let echo = keys.compactMap { name in result[name].map { "\(name)=\($0)" } }.joined(separator: ",")
        record(option, key: key, .text(echo), source: source)
        return result
    }

    /// `a,b`: a comma-separated list of allowed names, in the order given, without repeats.
    mutating func list(_ option: String, key: String, choices: [String]) throws -> [String] {
        guard let (text, source) = raw(option) else {
            record(option, key: key, .text("none"), source: .defaulted)
            return []
        }
        var result: [String] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard choices.contains(name) else {
                let hint = Suggestion.hint(for: name, in: choices)
                throw CLIError(
                    "\(option): '\(name)' is not a feature this tool knows; \(hint)choose from: \(choices.joined(separator: ", ")) (WAF attaches to an ALB and to API Gateway, so every design has it)"
                )
            }
            if !result.contains(name) { result.append(name) }
        }
        record(option, key: key, .text(result.joined(separator: ",")), source: source)
        return result
    }

    mutating func flag(_ option: String, key: String) -> Bool {
        let value = arguments.flags.contains(option)
        record(option, key: key, .flag(value), source: value ? .given : .defaulted)
        return value
    }
}
