import Foundation

/// `albgw-cost sweep --vary VAR=FROM..TO`: every design across a range of one input, where the
/// cheapest design changes and where a design stops being able to carry the workload.
package enum SweepCommand {
    package static let options: [OptionSpec] = [
        OptionSpec(
            name: "--vary", metavar: "VAR=FROM..TO",
            help: "the input to sweep and its range; VAR: " + SweepVariable.allCases.map(\.rawValue).joined(separator: ", "), defaultText: nil,
            choices: SweepVariable.allCases.map { $0.rawValue + "=" }),
        OptionSpec(
            name: "--points", metavar: "N", help: "values evaluated, ends included (2 to \(Format.quantity(ExactDecimal(SweepSpec.maximumPoints))))",
            defaultText: "\(SweepSpec.defaultPoints)"),
        OptionSpec(
            name: "--scale", metavar: "SCALE", help: "log or linear spacing (and chart axes)", defaultText: "log for rps and requests-per-month, else linear",
            choices: SweepScale.allCases.map(\.rawValue)),
        OptionSpec(name: "--out", metavar: "DIR", help: "write sweep.txt, sweep.csv, sweep.json and sweep.svg into DIR", defaultText: nil),
    ]

    static let formats = ["table", "csv", "json", "svg"]

    package static func run(_ arguments: [String], width: Int = TextWrap.defaultWidth) throws -> String {
        var parsed = try ArgumentParser.parse(arguments, options: OptionTable.all + options, command: "albgw-cost sweep")
        try CLI.refuseRegions(parsed, "albgw-cost sweep prices one region")
        let format = parsed.values["--format"] ?? "table"
        guard formats.contains(format) else {
            throw CLIError("albgw-cost sweep --format '\(format)' is not one of \(formats.joined(separator: ", ")); a sweep prints a table by default")
        }
        parsed.values["--format"] = nil
        let spec = try self.spec(parsed)
        // The swept input is set by the sweep: the same option given as well would be ignored.
        let rateOptions = ["--rps", "--requests-per-month"]
        let clashes = spec.variable == .rps || spec.variable == .requestsPerMonth ? rateOptions : [spec.variable.option]
        if let clash = clashes.first(where: { parsed.values[$0] != nil }) {
            throw CLIError("\(clash) is what --vary \(spec.variable.rawValue) sweeps; drop \(clash), or sweep another input")
        }
        if parsed.values["--preset"] == nil, spec.variable != .rps, spec.variable != .requestsPerMonth,
            parsed.values["--rps"] == nil, parsed.values["--requests-per-month"] == nil
        {
            throw CLIError("a sweep of \(spec.variable.rawValue) needs the traffic: add --rps N or --requests-per-month N")
        }
        parsed.values[spec.variable.option] = spec.from.description
        let options = try ScenarioOptions(parsed)
        let book = try options.catalog.book(for: options.scenario.topology.region)
        let evaluator = SweepEvaluator(base: options.scenario, book: book, variable: spec.variable, designs: options.scenario.designs)
        var result = evaluator.run(spec)
        let inputs = options.inputs
        result.unusedOptions = ReportBuilder.unusedOptions(inputs, scenario: options.scenario)
        if let directory = parsed.values["--out"] {
            // Files are the same on every terminal: the table at its default width.
            let files: [(name: String, text: String)] = [
                ("sweep.txt", SweepRenderer.table(result, inputs: inputs, toolVersion: CLI.version)),
                ("sweep.csv", SweepRenderer.csv(result)),
                ("sweep.json", SweepRenderer.json(result, inputs: inputs, toolVersion: CLI.version)),
                ("sweep.svg", SweepRenderer.svg(result)),
            ]
            try AtomicWriter.write(files.map { ($0.name, Data($0.text.utf8)) }, into: directory)
            return "Wrote \(files.map(\.name).joined(separator: ", ")) to \(directory).\n"
        }
        switch format {
        case "csv": return SweepRenderer.csv(result)
        case "json": return SweepRenderer.json(result, inputs: inputs, toolVersion: CLI.version)
        case "svg": return SweepRenderer.svg(result)
        default: return SweepRenderer.table(result, inputs: inputs, toolVersion: CLI.version, width: width)
        }
    }

    /// `--vary`, `--points` and `--scale`, checked against the input's own bounds.
    static func spec(_ parsed: ParsedArguments) throws -> SweepSpec {
        guard let vary = parsed.values["--vary"] else {
            throw CLIError("albgw-cost sweep needs --vary VAR=FROM..TO, for example --vary rps=10..10000 (VAR: \(SweepVariable.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let parts = vary.split(separator: "=", maxSplits: 1).map(String.init)
        let range = parts.count == 2 ? parts[1].components(separatedBy: "..") : []
        guard parts.count == 2, range.count == 2 else {
            throw CLIError("--vary '\(vary)' is not VAR=FROM..TO; write it as --vary rps=10..10000")
        }
        guard let variable = SweepVariable(rawValue: parts[0]) else {
            let hint = Suggestion.hint(for: parts[0], in: SweepVariable.allCases.map(\.rawValue))
            throw CLIError("--vary: '\(parts[0])' cannot be swept; \(hint)choose one of \(SweepVariable.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let from = ExactDecimal(exactly: range[0]), let to = ExactDecimal(exactly: range[1]) else {
            throw CLIError("--vary \(variable.rawValue): '\(range[0])..\(range[1])' must be two plain numbers, such as 10..10000")
        }
        guard from < to else { throw CLIError("--vary \(variable.rawValue): FROM must be below TO, got \(range[0])..\(range[1])") }
        let bounds = variable.bounds
        if from < bounds.lower || (bounds.lowerIsExclusive && from == bounds.lower) || to > bounds.upper {
            throw CLIError(
                "--vary \(variable.rawValue): \(range[0])..\(range[1]) goes outside what \(variable.option) accepts (\(bounds.lowerIsExclusive ? "above" : "from") \(Format.quantity(bounds.lower)) to \(Format.quantity(bounds.upper)))"
            )
        }
        if variable.isWhole && !(from.isWholeNumber && to.isWholeNumber) {
            throw CLIError("--vary \(variable.rawValue) takes whole numbers, got \(range[0])..\(range[1])")
        }
        var points = SweepSpec.defaultPoints
        if let text = parsed.values["--points"] {
            guard let value = Int(text), value >= 2, value <= SweepSpec.maximumPoints else {
                throw CLIError("--points must be a whole number from 2 to \(Format.quantity(ExactDecimal(SweepSpec.maximumPoints))), got \(text)")
            }
            points = value
        }
        var scale: SweepScale? = nil
        if let text = parsed.values["--scale"] {
            guard let value = SweepScale(rawValue: text) else { throw CLIError("--scale must be log or linear, got '\(text)'") }
            scale = value
        }
        if (scale ?? variable.defaultScale) == .log && from.isZero {
            throw CLIError("--vary \(variable.rawValue)=0..: a log scale cannot start at 0; start above it (0.1, say) or add --scale linear")
        }
        return SweepSpec(variable: variable, from: from, to: to, points: points, scale: scale)
    }
}
