import Foundation

/// The Lambda function at the end of every design, invoked by API Gateway (AWS_PROXY) or by an ALB
/// (Lambda target group). It bills requests, GB-seconds and ephemeral storage, and brings the
/// payload, timeout and concurrency limits of the way it is invoked. Facts: ../shared/reference/topology.md §1.4, §1.5.
package struct LambdaFunction: Component {
    package var kind: ComponentKind { .lambda }
    package var side: AccountSide { .application }
    package var shortName: String { "Lambda" }
    package var articleName: String { "a Lambda function" }
    package var slaKey: String? { "lambda" }

    /// 1 MB as ALB documents its Lambda payload limit, and 6 MB for Lambda's synchronous payload, in KiB.
    package static let albPayloadKiB: ExactDecimal = 1024
    package static let syncPayloadKiB: ExactDecimal = 6144
    /// 200 MB, the largest response a streaming function returns (Lambda, 2025-07-31), in KiB.
    package static let streamedPayloadKiB: ExactDecimal = 204_800
    /// The longest a function may run: 900 s (Lambda quotas).
    package static let maxTimeoutSeconds: ExactDecimal = 900

    package init() {}

    /// True when an ALB invokes the function (a Lambda target group).
    static func invokedByALB(_ context: ChainContext) -> Bool { context.upstream == .alb }

    package func bill(_ context: ChainContext, into bill: inout Bill) {
        let service = "Lambda"
        let scenario = context.scenario
        let workload = scenario.workload
        let freeTier = scenario.billing.freeTier
        let requests = scenario.monthlyRequests
        let millions = requests / Units.requestsPerMillion
        var billableMillions = millions
        if freeTier {
            let free = min(millions, FreeTier.lambdaRequests / Units.requestsPerMillion)
            bill.free(
                "lambda.requests.free", service, "Requests (free tier)", quantity: free, unit: PriceKey.lambdaRequests.unit,
                basis: "first 1M requests per month are free (--free-tier)")
            billableMillions -= free
        }
        bill.flat(
            "lambda.requests", service, "Requests", quantity: billableMillions, key: .lambdaRequests,
            basis: freeTier ? "\(Format.quantity(requests)) invocations - 1,000,000 free" : "\(Format.quantity(requests)) invocations per month")

        var gbSeconds = CostEngine.lambdaGBSeconds(in: scenario)
        if freeTier {
            let free = min(gbSeconds, FreeTier.lambdaGBSeconds)
            bill.free("lambda.duration.free", service, "Duration (free tier)", quantity: free, unit: "GB-second", basis: "first 400,000 GB-s per month are free (--free-tier)")
            gbSeconds -= free
        }
        let key: PriceKey = workload.lambdaArchitecture == .arm64 ? .lambdaDurationArm : .lambdaDurationX86
        bill.tiered(
            "lambda.duration", service, "Duration \(workload.lambdaArchitecture.rawValue)", quantity: gbSeconds, key: key,
            basis: "\(Format.quantity(requests)) invocations x \(workload.lambdaMemoryMB) MB / 1,024 x \(workload.lambdaDurationMS.ceiling) ms / 1,000"
                + (freeTier ? " - free tier" : ""))

        if workload.lambdaEphemeralMB > Units.lambdaFreeEphemeralMB {
            let extraGB = (workload.lambdaEphemeralMB - Units.lambdaFreeEphemeralMB) / 1024
            let seconds = requests * workload.lambdaDurationMS.ceiling / 1000
            bill.flat(
                "lambda.ephemeral", service, "Ephemeral storage above 512 MB", quantity: extraGB * seconds,
                key: .lambdaEphemeralStorage,
                basis: "(\(workload.lambdaEphemeralMB) - 512) MB / 1,024 x \(Format.quantity(seconds)) s of execution")
        }
        if workload.responseStreaming && !Self.invokedByALB(context) && workload.responseKiB > Self.syncPayloadKiB {
            // Streamed bytes beyond the first 6 MB of each response are billed per GB.
            let gb = requests * (workload.responseKiB - Self.syncPayloadKiB) / Units.kibPerGB
            bill.flat(
                "lambda.streamed", service, "Streamed response beyond 6 MB", quantity: gb, key: .lambdaStreamedResponse,
                basis:
                    "\(Format.quantity(requests)) responses x (\(workload.responseKiB) - 6,144) KiB / 1,048,576 KiB per GB (--response-streaming); AWS's free tier for streamed bytes is not applied"
            )
        }
        let whole = scenario.wholeBill
        if let logs = whole.logs, logs.lambdaBytesPerInvocation > 0 {
            bill.addLogs(vended: true, gb: requests * logs.lambdaBytesPerInvocation / Units.bytesPerGB) {
                "\(Format.quantity(requests)) invocations x \(Format.quantity(logs.lambdaBytesPerInvocation)) bytes of log (--lambda-log-bytes; 264 is the START, END and REPORT lines) / 1,073,741,824 bytes per GB"
            }
        }
        if whole.xraySampleRate > 0 {
            let service = "X-Ray"
            let rate = whole.xraySampleRate
            var traces = requests * rate
            if freeTier {
                let free = min(traces, FreeTier.xrayTracesRecorded)
                bill.free(
                    "xray.traces.free", service, "Traces recorded (free tier)", quantity: free / Units.requestsPerMillion, unit: PriceKey.xrayTracesRecorded.unit,
                    basis: "first 100,000 traces recorded per month are free (--free-tier)", section: .observability)
                traces -= free
            }
            bill.flat(
                "xray.traces", service, "Traces recorded", quantity: traces / Units.requestsPerMillion, key: .xrayTracesRecorded,
                basis: "\(Format.quantity(requests)) requests x \(rate) sampled (--xray-sample-rate); traces retrieved or scanned are not priced"
                    + (freeTier ? " - 100,000 free" : ""), section: .observability)
        }
    }

    static func throttleText(_ limits: ServiceLimits) -> String {
        "Lambda concurrency \(Format.quantity(limits.lambdaConcurrency)) per region (--lambda-concurrency); +1,000 execution environments per 10 s per function"
    }

    package func hop(_ context: ChainContext) -> Hop? {
        let limits = context.limits
        let concurrency = Format.quantity(limits.lambdaConcurrency)
        if Self.invokedByALB(context) {
            return Hop(
                number: 0, id: "\(context.upstream?.rawValue ?? "client")-lambda", from: "ALB", to: "Lambda",
                transport: "Invoke by the ALB (JSON event; no network connection)",
                tls: "none after the ALB: the request is handed to Lambda as an event",
                sizeLimit: "1 MB request body and 1 MB response JSON",
                timeout:
                    "the function's timeout \(Format.quantity(limits.lambdaTimeoutSeconds)) s: AWS documents that the ALB waits until the function responds or times out, and answers 502 at the timeout; one reading holds that the idle timeout \(Format.quantity(limits.albIdleTimeoutSeconds)) s (--alb-idle-timeout-s) still closes a client connection that sees no bytes",
                throttle: Self.throttleText(limits),
                billedItems: ["lambda", "xray"],
                adds: ["health checks (off by default for Lambda targets)", "multi-value headers option"],
                notes: [
                    "The function must be in the ALB's account and region.",
                    "No WebSockets (upgrade requests get 400); cross-zone load balancing must stay on.",
                    "No response streaming: the function returns one JSON response of at most 1 MB.",
                ],
                latencyKey: kind.rawValue, shortTransport: "Lambda invoke", keyLimit: "1 MB, concurrency \(concurrency)",
                sources: [.elbLambdaTargets, .elbTroubleshooting, .albLambdaWaitTest, .lambdaScaling])
        }
        let streaming = context.scenario.workload.responseStreaming
        return Hop(
            number: 0, id: "\(context.upstream?.rawValue ?? "client")-lambda", from: "API Gateway", to: "Lambda",
            transport: streaming
                ? "AWS_PROXY integration, response transfer mode STREAM: InvokeWithResponseStream" : "AWS_PROXY integration: synchronous Invoke",
            tls: "inside AWS",
            sizeLimit: streaming
                ? "6 MB request; the response streamed up to 200 MB (the first 10 MB at full speed, then 2 MB/s)"
                : "6 MB synchronous payload each way (below API Gateway's 10 MB); a streamed response up to 200 MB (response transfer mode STREAM)",
            timeout: streaming
                ? "the stream lasts at most 15 minutes and closes after 5 minutes without data; function timeout \(Format.quantity(limits.lambdaTimeoutSeconds)) s"
                : "integration timeout \(Format.quantity(limits.apiGatewayIntegrationTimeoutSeconds)) s (--apigw-timeout-s; up to 300 s for Regional and private REST APIs on request, 15 minutes for a streamed response); a slower function gives 504 while it keeps running; function timeout \(Format.quantity(limits.lambdaTimeoutSeconds)) s",
            throttle: Self.throttleText(limits),
            billedItems: ["lambda", "xray"],
            adds: ["resource-based policy lets apigateway.amazonaws.com invoke the function (cross-account grants work the same way)"],
            notes: ["A malformed proxy response (statusCode, headers, string body) becomes 502."],
            latencyKey: kind.rawValue, shortTransport: "AWS_PROXY invoke",
            keyLimit: streaming
                ? "15 min, 200 MB streamed, concurrency \(concurrency)" : "\(Format.quantity(limits.apiGatewayIntegrationTimeoutSeconds)) s, 6 MB, concurrency \(concurrency)",
            sources: [.lambdaInvoke, .apiGatewayQuotas, .integrationTimeoutRaise, .responseStreaming, .lambdaResponseStreaming, .lambdaScaling])
    }

    package func limits(_ context: ChainContext) -> LimitContribution {
        let service = context.limits
        let durationSeconds = context.scenario.workload.lambdaDurationMS / 1000
        let byConcurrency = service.lambdaConcurrency / durationSeconds
        var contribution = LimitContribution(
            timeouts: [
                TimeLimit(
                    seconds: service.lambdaTimeoutSeconds,
                    source: Self.invokedByALB(context) ? "function timeout; the ALB waits until the function responds or times out" : "function timeout", rank: 2,
                    fix: durationSeconds <= Self.maxTimeoutSeconds
                        ? "raise the function's timeout to at least \(Format.quantity(durationSeconds.ceiling)) s (--lambda-timeout-s; a function runs at most 900 s)"
                        : "make the work asynchronous (return 202 and poll) or split it: a function runs at most 900 s",
                    consequence: "Lambda stops the function at its timeout and \(Self.invokedByALB(context) ? "the ALB" : "API Gateway") answers 502",
                    input: "--lambda-timeout-s", ceiling: Self.maxTimeoutSeconds,
                    sources: [.lambdaTimeout] + (Self.invokedByALB(context) ? [.elbLambdaTargets] : []), endsAStream: true)
            ],
            rates: [
                RateLimit(
                    requestsPerSecond: byConcurrency,
                    source: "Lambda concurrency \(Format.quantity(service.lambdaConcurrency)) / \(Format.quantity(durationSeconds)) s per request", rank: 1,
                    sources: [.lambdaQuotas, .lambdaScaling])
            ])
        contribution.concurrency = (context.scenario.requestsPerSecond * durationSeconds, service.lambdaConcurrency)
        if Self.invokedByALB(context) {
            contribution.payload = PayloadLimit(
                requestKiB: Self.albPayloadKiB, responseKiB: Self.albPayloadKiB, source: "ALB limit for Lambda targets",
                requestConsequence: "the ALB rejects the request with 413 before Lambda runs",
                responseConsequence: "the ALB answers 502 instead of the function's response", sources: [.elbLambdaTargets, .elbTroubleshooting])
        } else {
            let streaming = context.scenario.workload.responseStreaming
            contribution.payload = PayloadLimit(
                requestKiB: Self.syncPayloadKiB, responseKiB: streaming ? Self.streamedPayloadKiB : Self.syncPayloadKiB,
                source: "Lambda synchronous payload; API Gateway allows 10 MB",
                requestConsequence: "Lambda rejects the payload and API Gateway answers with an error",
                responseConsequence: streaming ? "Lambda ends the stream at 200 MB" : "the invocation fails and API Gateway answers 502",
                streamedResponseKiB: streaming ? nil : Self.streamedPayloadKiB,
                responseSource: streaming ? "Lambda streamed response, --response-streaming" : nil,
                sources: [.lambdaInvoke, .apiGatewayQuotas, .responseStreaming, .lambdaResponseStreaming], streams: streaming)
        }
        return contribution
    }

    package func warnings(_ context: ChainContext, limits: EffectiveLimits) -> [LimitWarning] {
        guard limits.concurrencyNeeded > limits.concurrencyLimit else { return [] }
        let scenario = context.scenario
        return [
            LimitWarning(
                id: "lambda-concurrency", limit: "Lambda's concurrency limit, \(Format.quantity(limits.concurrencyLimit)) executions in \(scenario.topology.region)",
                value:
                    "--rps \(Format.quantity(scenario.requestsPerSecond)) x --lambda-duration-ms \(scenario.workload.lambdaDurationMS) = \(Format.quantity(limits.concurrencyNeeded)) concurrent executions",
                consequence: "invocations above the limit are throttled (429), and the client sees errors",
                fix:
                    "ask for a higher Lambda quota 'Concurrent executions' (L-B99A9384) in Service Quotas for \(scenario.topology.region), at least \(Format.quantity(limits.concurrencyNeeded.ceiling)) (then pass --lambda-concurrency), or make the function faster"
            )
        ]
    }

    package func blocks(_ context: ChainContext) -> Bool { Self.invokedByALB(context) && context.crossAccount }

    package func impossibility(_ context: ChainContext) -> Impossibility? {
        guard blocks(context) else { return nil }
        let others = DesignCatalog.alternatives(to: context.design.id, in: context.scenario)
        let limit = "an ALB can invoke only a Lambda function in its own account and region"
        let wayOut = "move the function into the ALB's account" + (others.isEmpty ? "" : " or use \(others.joined(separator: " or "))")
        return Impossibility(
            reason: InfeasibleReason(
                id: "accounts", limit: limit, value: "--accounts cross", wayOut: wayOut, summary: "an ALB cannot invoke a function in another account",
                text: "\(limit), so \(context.design.id) cannot reach a function in another account (--accounts cross); \(wayOut)"),
            title: "IMPOSSIBLE: an ALB cannot invoke a Lambda function in another account",
            edgeLabel: "impossible:\nALB cannot invoke a function\nin another account",
            shortEdgeLabel: "impossible across accounts",
            mermaidLabel: "impossible: ALB cannot invoke a function in another account",
            blocked: kind)
    }

    package func placement(_ context: ChainContext) -> [PlacedComponent] {
        [PlacedComponent(id: "lambda", name: "Lambda function", account: context.account(.application), scope: .regional, vpc: nil, subnet: nil, registered: nil)]
    }

    package func imposes(_ context: ChainContext) -> [String] {
        guard Self.invokedByALB(context) else { return [] }
        return [
            "1 MB request and response bodies and no response streaming", "the function in the ALB's own account and region", "no WebSockets",
            "health checks off by default",
            "a wait for the function that AWS documents as up to its timeout, though one reading cuts idle clients at the ALB idle timeout (\(Format.quantity(context.limits.albIdleTimeoutSeconds)) s)",
        ]
    }

    package func limitations(_ context: ChainContext) -> [String] {
        guard Self.invokedByALB(context) else { return [] }
        return ["bodies above 1 MB or streamed responses", "a function in another account"]
    }

    /// The node's lines in the design diagram and in Mermaid: its size and its money.
    func diagramLines(_ context: DiagramContext) -> [String] {
        let workload = context.report.scenario.workload
        return ["Lambda", "\(workload.lambdaMemoryMB) MB, \(workload.lambdaArchitecture.rawValue)"] + (context.charge?.lines ?? [])
    }

    package func diagramNodes(_ context: DiagramContext) -> [DiagramNode] {
        [DiagramNode(id: "lambda", location: context.region(.application), lines: diagramLines(context), attributes: [DiagramAttribute("fillcolor", "#fff8e1")])]
    }

    package func comparisonNode(_ context: DiagramContext) -> DiagramNode? {
        DiagramNode(id: "lambda", lines: ["Lambda"] + (context.charge?.lines ?? []), attributes: [DiagramAttribute("fillcolor", "#fff8e1")])
    }

    package func mermaidNodes(_ context: DiagramContext) -> [DiagramNode] {
        [DiagramNode(id: "lambda", location: [context.account(.application)], lines: diagramLines(context))]
    }
}
