import Foundation
import HCL

/// `albgw-cost review PATH`: reads Terraform (modules, variable files), recognises each design
/// instance, reviews the code, and, when a workload is given, runs the usual analysis on each
/// instance's scenario.
package enum ReviewCommand {
    package static let options: [OptionSpec] = [
        OptionSpec(
            name: "--var", metavar: "NAME=VALUE", help: "a value for a root module variable (repeatable; wins over variable files; not with a plan's JSON)", defaultText: nil,
            repeatable: true),
        OptionSpec(
            name: "--var-file", metavar: "FILE", help: "a .tfvars or .tfvars.json file, read after terraform.tfvars and *.auto.tfvars (repeatable; not with a plan's JSON)",
            defaultText: nil,
            repeatable: true),
        OptionSpec(name: "--out", metavar: "DIR", help: "write the design-review report (report.md, DOT, SVG) into DIR", defaultText: nil),
        ReviewOutput.failOnOption,
    ]

    /// The parts of a `review` command line.
    struct Invocation {
        var path: String
        var parsed: ParsedArguments
        var variables: VariableInputs
        var hasWorkload: Bool { parsed.values["--rps"] != nil || parsed.values["--requests-per-month"] != nil }
    }

    /// The last review's inventory, kept alive until the process exits (see `run`).
    private static let lastInventory = KeptAlive()
    /// The last review's JSON document, kept alive the same way.
    private static let lastDocument = KeptAlive()

    package static func run(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment, width: Int = TextWrap.defaultWidth
    ) throws -> String {
        try output(arguments, environment: environment, width: width).text
    }

    /// As `run`, with a large review's JSON or text in pieces (see `StandardOutput`).
    package static func output(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment, width: Int = TextWrap.defaultWidth
    ) throws -> StandardOutput {
        var invocation = try parse(arguments, environment: environment)
        // --format sarif and --fail-on concern the findings; the analysis never sees them.
        let output = try ReviewOutput(&invocation.parsed)
        let (config, texts) = try TerraformLoader.loadWithTexts(invocation.path, inputs: invocation.variables)
        // The checks of the configuration as a whole need no design: they run on a thread of their
        // own while the designs are recognised and reviewed (on every core), from the same inventory.
        // Those of its references need no inventory either: they begin while it is built.
        let references = Background { TerraformReview.referenceFindings(config) }
        let inventory = Inventory(config)
        let configuration = Background { TerraformReview.configurationFindings(config, inventory: inventory, references: { references.value }) }
        // Freeing a large configuration's blocks one by one takes a tenth of a review: the process
        // exits right after, so the last configuration is kept rather than torn down.
        lastInventory.keep(inventory)
        let (designs, unknowns) = DesignRecognizer.recognize(inventory)
        var result = TerraformReviewResult(
            files: config.files, designs: designs, findings: TerraformReview.review(inventory, designs: designs, configuration: { configuration.value }),
            warnings: config.warnings, unknowns: unknowns)
        result.unreadModules = config.unreadModules
        texts.release()
        // The analysis checks its options; a run that prints none checks them the same way, so that a
        // mistyped value in a CI step fails there too.
        if output.sarif || !result.implementsADesign || !invocation.hasWorkload { try checkOptions(designs, invocation: invocation) }
        if output.sarif {
            let sarif = output.sarifDocument(result, reviewing: invocation.path, workingDirectory: FileManager.default.currentDirectoryPath)
            return try output.finish(.document(sarif), findings: result.findings, unreadModules: result.unreadModules)
        }
        return try output.finish(try render(&result, invocation: invocation, width: width), findings: result.findings, unreadModules: result.unreadModules)
    }

    /// The review, and with a workload the analysis of each design instance, in the format asked for.
    static func render(_ result: inout TerraformReviewResult, invocation: Invocation, width: Int) throws -> StandardOutput {
        let designs = result.designs
        let format = invocation.parsed.values["--format"] ?? "table"

        guard result.implementsADesign, invocation.hasWorkload else {
            if invocation.parsed.values["--out"] != nil {
                throw CLIError(
                    result.implementsADesign
                        ? "--out writes the design-review report, which needs the traffic: add --rps N (or --requests-per-month N)"
                        : "--out writes a design-review report, but the code implements none of the designs: drop --out")
            }
            return try reviewOnly(result, format: format, workloadGiven: invocation.hasWorkload, width: width, waiting: waitingOptions(invocation))
        }

        // One analysis per design instance, each with the parameters its code fixes; instances whose
        // code fixes the same parameters share one analysis (the command line is the same for all).
        // The distinct analyses in the order first met, and each instance's among them.
        var distinct: [Report] = []
        var analysisOf: [Int] = []
        var indexOf: [[String: String]: Int] = [:]
        for (index, recognition) in designs.enumerated() {
            var (values, notes) = recognition.optionValues()
            if invocation.parsed.values["--region"] == nil && values["--region"] == nil {
                notes.append("no region is known, so us-east-1 is assumed for the analysis")
            }
            if let known = indexOf[values] {
                analysisOf.append(known)
                result.designs[index].unknowns += notes
                continue
            }
            let options = try ScenarioOptions(invocation.parsed, overlay: .init(origin: "from Terraform", values: values))
            let book: PriceBook
            do {
                book = try options.catalog.book(for: options.scenario.topology.region)
            } catch PriceTableError.unknownRegion(let region, let available, let origin) where invocation.parsed.values["--region"] == nil && values["--region"] != nil {
                // The region came from the code (its provider, variables or endpoint), not from --region: say so.
                let hint = Suggestion.hint(for: region, in: available)
                throw CLIError(
                    "the region read from the code, '\(HCLError.excerpt(region, limit: 60))' (for \(HCLError.excerpt(recognition.front ?? "the design", limit: 120))), has no price table in \(origin); \(hint)pass --region with one of: \(available.joined(separator: ", "))"
                )
            }
            let report = ReportBuilder.build(scenario: options.scenario, prices: book, inputs: options.inputs, toolVersion: CLI.version)
            indexOf[values] = distinct.count
            analysisOf.append(distinct.count)
            distinct.append(report)
            result.designs[index].unknowns += notes
        }
        var reports = analysisOf.map { distinct[$0] }
        result.costs = zip(designs, reports).enumerated().map { index, pair in
            let (recognition, report) = pair
            guard let design = report.designs.first(where: { $0.design == recognition.design }), let cost = design.shownCost else { return nil }
            return InstanceCost(
                monthly: cost.monthlyCost, perMillionRequests: cost.costPerMillionRequests, complete: cost.isComplete, feasible: design.isFeasible,
                analysis: analysisOf[index])
        }
        reports[0].terraform = result

        if let directory = invocation.parsed.values["--out"] {
            let files = try ReportCommand.build(reports[0], graphviz: Graphviz.executable())
            try AtomicWriter.write(files, into: directory)
            let others = reports.count > 1 ? " The report analyses design 1 of \(reports.count) (\(designs[0].front ?? "")); its review section prices the others." : ""
            return .text("Wrote \(files.map(\.name).joined(separator: ", ")) to \(directory).\(others)\n")
        }
        switch format {
        case "json":
            // Kept, as without a workload: tearing down a thousand designs' document node by node is slow.
            var document = JSONRenderer.document(reports[0])
            // The other distinct analyses in full, each with the index its instances name
            // (terraform.designs[].cost.analysis); the document itself is analysis 0.
            if case .object(var members) = document {
                let others = distinct.enumerated().dropFirst().map { index, report -> JSONValue in
                    guard case .object(let fields) = JSONRenderer.document(report) else { return .null }
                    return .object([("index", .number(ExactDecimal(index)))] + fields.filter { !["schemaVersion", "tool", "terraform"].contains($0.0) })
                }
                members.append(("analyses", .array(others)))
                document = .object(members)
            }
            lastDocument.keep(value: document)
            return .document(document)
        case "markdown":
            // One analysis per report: the first design's; the report says so when there are more.
            let note =
                reports.count > 1
                ? "> Design 1 of \(reports.count): \(HCLError.excerpt(designs[0].front ?? "?", limit: 120)); its review section covers all \(reports.count) and prices each; --format table and --format json analyse every design in full.\n\n"
                : ""
            return .pieces([Array(note.utf8)] + MarkdownRenderer.pieces(reports[0], diagrams: nil))
        case "dot":
            // One graph per file: the first design's; the file says so when there are more.
            let note =
                reports.count > 1
                ? "// Design 1 of \(reports.count): \(HCLError.excerpt(designs[0].front ?? "?", limit: 120)); --format table and --format json analyse every design in full\n"
                : ""
            return .text(note + DOTRenderer.render(reports[0]))
        case "csv": throw CLIError(csvRefused)
        default:
            let detail = invocation.parsed.flags.contains("--detail")
            // Each design's analysis made as it is written: a thousand of them are megabytes of text.
            let count = reports.count, analyses = reports
            return .stream(count: count) { index in
                let recognition = designs[index]
                let heading =
                    index == 0
                    ? (count > 1 ? "== Design 1 of \(count): \(recognition.front ?? "?") (\(recognition.design?.rawValue ?? "none")); its review covers all \(count) ==\n\n" : "")
                    : "\n== Design \(index + 1) of \(count): \(recognition.front ?? "?") (\(recognition.design?.rawValue ?? "none")) ==\n\n"
                return [Array(heading.utf8)] + TableRenderer.pieces(analyses[index], width: width, detail: detail)
            }
        }
    }

    /// The analysis options given on the command line: not the traffic (the closing asks for it), nor
    /// the review's own or the output's options.
    static func waitingOptions(_ invocation: Invocation) -> [String] {
        let own: Set<String> = ["--format", "--fail-on", "--out", "--detail", "--var", "--var-file", "--rps", "--requests-per-month"]
        return OptionTable.all.map(\.name).filter { !own.contains($0) && (invocation.parsed.values[$0] != nil || invocation.parsed.flags.contains($0)) }
    }

    /// Why `--format csv` is refused, with or without traffic.
    static let csvRefused = "review prints findings and analyses, not line items: use --format table, json, markdown, dot or sarif"

    /// The analysis options checked as the analysis of the first design would check them, the traffic
    /// only when given and the region only when given on the command line (the review needs no price
    /// table for the region the code names).
    static func checkOptions(_ designs: [Recognition], invocation: Invocation) throws {
        var parsed = invocation.parsed
        if !invocation.hasWorkload { parsed.values["--rps"] = "1" }
        var values = designs.first?.optionValues().values ?? [:]
        values["--region"] = nil
        let options = try ScenarioOptions(parsed, overlay: .init(origin: "from Terraform", values: values))
        _ = try options.catalog.book(for: options.scenario.topology.region)
    }

    /// The review without an analysis: no workload was given, or the code implements no design.
    static func reviewOnly(
        _ result: TerraformReviewResult, format: String, workloadGiven: Bool, width: Int = TextWrap.defaultWidth, waiting: [String] = []
    ) throws -> StandardOutput {
        let closing: String
        // Analysis options given without the traffic wait for it: say so rather than ignore them silently.
        let listed = waiting.prefix(6).joined(separator: ", ") + (waiting.count > 6 ? ", ..." : "")
        if !result.implementsADesign && !result.unreadModules.isEmpty {
            closing =
                "No cost analysis: the code read implements none of the designs, but \(UnreadModule.notRead(result.unreadModules)) and may: \(UnreadModule.advice(result.unreadModules))\(waiting.isEmpty ? "" : " (\(listed) \(waiting.count == 1 ? "is" : "are") not used)").\n"
        } else if !result.implementsADesign {
            closing =
                "No cost analysis: the code implements none of the designs, so there is nothing to price\(waiting.isEmpty ? "" : " (\(listed) \(waiting.count == 1 ? "is" : "are") not used)").\n"
        } else {
            closing =
                "Costs, hops and failure domains follow when you give the traffic: add --rps N (or --requests-per-month N)\(waiting.isEmpty ? "" : "; \(listed) \(waiting.count == 1 ? "applies" : "apply") then").\n"
        }
        switch format {
        case "json":
            let document = JSONValue.object([
                ("schemaVersion", .number(1)), ("tool", .object([("name", .string("albgw-cost")), ("version", .string(CLI.version))])),
                ("terraform", ReviewRenderer.json(result)),
            ])
            // Its instances' and findings' documents are made and freed as it is written; the rest is
            // left for the process's exit to free.
            lastDocument.keep(value: document)
            return .document(document)
        case "markdown": return .pieces(ReviewRenderer.markdownPieces(result) + [Array(("\n" + closing).utf8)])
        case "csv": throw CLIError(csvRefused)
        case "dot":
            throw CLIError(
                result.implementsADesign
                    ? "--format \(format) draws or lists the analysis, which needs the traffic: add --rps N, or use --format table, json, markdown or sarif"
                    : result.unreadModules.isEmpty
                        ? "--format \(format) draws or lists an analysis, but the code implements none of the designs: use --format table, json, markdown or sarif"
                        : "--format \(format) draws or lists an analysis, but the code read implements none of the designs (\(UnreadModule.notRead(result.unreadModules)): \(UnreadModule.advice(result.unreadModules))): use --format table, json, markdown or sarif"
            )
        default:
            // Each piece of the text wrapped and freed in turn: a large review's text is never held
            // whole beside its wrapped lines.
            var ending = "\n" + closing
            return .pieces(ReviewRenderer.wrappedPieces(result, width: width) + TextWrap.pieces(freeing: &ending, width: width))
        }
    }

    /// Splits the command line: the PATH is the one word that is neither an option nor an option's
    /// value, wherever it stands; `--var` and `--var-file` keep their order (later wins).
    static func parse(_ arguments: [String], environment: [String: String]) throws -> Invocation {
        let all = OptionTable.all + options
        var rest: [String] = []
        var positional: [String] = []
        var given: [VariableInputs.Given] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("-"), word.count > 1 else {
                positional.append(word)
                continue
            }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            guard let spec = all.first(where: { $0.name == name }) else {
                throw CLIError(ArgumentParser.unknownOption(name, among: all.map(\.name), command: "albgw-cost review"))
            }
            rest.append(word)
            var value: String?
            if word.contains("=") {
                value = String(word.drop { $0 != "=" }.dropFirst())
            } else if spec.takesValue, index < arguments.count {
                value = arguments[index]
                rest.append(arguments[index])
                index += 1
            }
            guard let value else { continue }
            if name == "--var-file" { given.append(.file(value)) }
            if name == "--var" {
                guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                    throw CLIError("--var '\(HCLError.excerpt(value, limit: 60))' is not NAME=VALUE; write e.g. --var region=us-west-2")
                }
                let variable = String(value[..<equals])
                if given.contains(where: { if case .assignment(variable, _) = $0 { true } else { false } }) {
                    throw CLIError("--var \(HCLError.excerpt(variable, limit: 60)) is given twice; give each variable once")
                }
                given.append(.assignment(name: variable, value: String(value[value.index(after: equals)...])))
            }
        }
        guard positional.count == 1, let path = positional.first else {
            throw CLIError(
                positional.isEmpty
                    ? "albgw-cost review needs a PATH: a .tf file, a directory of them, or a plan's JSON, e.g. albgw-cost review ./infra"
                    : "albgw-cost review takes one PATH, got \(positional.count): \(positional.map { HCLError.excerpt($0, limit: 60) }.joined(separator: " ")); review one root module at a time"
            )
        }
        var parsed = try ArgumentParser.parse(rest, options: all, command: "albgw-cost review")
        try CLI.refuseRegions(parsed, "albgw-cost review reviews the code in one region")
        parsed.values["--var"] = nil
        parsed.values["--var-file"] = nil
        return Invocation(
            path: path, parsed: parsed, variables: VariableInputs(given: given, environment: VariableInputs.terraformVariables(in: environment)))
    }
}
