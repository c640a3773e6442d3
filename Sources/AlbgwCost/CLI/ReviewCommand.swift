import Foundation

/// `albgw-cost review PATH`: reads Terraform, recognises the design, reviews the code, then runs the
/// usual analysis on the recognised scenario.
package enum ReviewCommand {
    package static let options: [OptionSpec] = [
        OptionSpec(name: "--var", metavar: "NAME=VALUE", help: "a value for a Terraform variable without one (repeatable)", defaultText: nil, repeatable: true),
        OptionSpec(name: "--out", metavar: "DIR", help: "write the design-review report (report.md, DOT, SVG) into DIR", defaultText: nil),
    ]

    package static func run(_ arguments: [String]) throws -> String {
        if arguments.contains("--help") || arguments.contains("-h") { return try Help.main() }
        let all = OptionTable.all + options
        // The PATH is the one word that is neither an option nor an option's value, wherever it stands.
        var rest: [String] = []
        var positional: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("-") {
                rest.append(word)
                if !word.contains("="), all.first(where: { $0.name == word })?.takesValue == true, index + 1 < arguments.count {
                    rest.append(arguments[index + 1])
                    index += 1
                }
            } else {
                positional.append(word)
            }
            index += 1
        }
        guard positional.count == 1, let path = positional.first else {
            throw CLIError(
                positional.isEmpty
                    ? "albgw-cost review needs a PATH: a .tf file or a directory of them, e.g. albgw-cost review ./infra --rps 50"
                    : "albgw-cost review takes one PATH, got \(positional.count): \(positional.joined(separator: " ")); review one module at a time")
        }
        var parsed = try ArgumentParser.parse(rest, options: all, command: "albgw-cost review")
        try CLI.refuseRegions(parsed, "albgw-cost review reviews the code in one region")
        if parsed.values["--rps"] == nil && parsed.values["--requests-per-month"] == nil {
            throw CLIError("albgw-cost review needs the traffic the code will carry: add --rps N (or --requests-per-month N)")
        }
        var variables: [String: String] = [:]
        for assignment in parsed.repeated["--var"] ?? [] {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw CLIError("--var '\(assignment)' is not NAME=VALUE; write e.g. --var region=us-west-2")
            }
            let name = String(assignment[..<equals])
            guard variables[name] == nil else { throw CLIError("--var \(name) is given twice; give each variable once") }
            variables[name] = String(assignment[assignment.index(after: equals)...])
        }
        parsed.values["--var"] = nil

        let config = try TerraformLoader.load(path, variables: variables)
        let recognition = DesignRecognizer.recognize(config)
        let findings = TerraformReview.review(config, recognition: recognition)
        var (values, notes) = recognition.optionValues()
        if parsed.values["--region"] == nil && values["--region"] == nil {
            notes.append("the code does not say which region; pass --region (us-east-1 is assumed)")
        }
        let options = try ScenarioOptions(parsed, overlay: .init(origin: "from Terraform", values: values))
        let book = try options.catalog.book(for: options.scenario.topology.region)
        var report = ReportBuilder.build(scenario: options.scenario, prices: book, inputs: options.inputs, toolVersion: CLI.version)
        var reviewed = recognition
        reviewed.unknowns += notes
        report.terraform = TerraformReviewResult(files: config.files, recognition: reviewed, findings: findings)

        if let directory = parsed.values["--out"] {
            let files = try ReportCommand.build(report, graphviz: Graphviz.executable())
            try AtomicWriter.write(files, into: directory)
            return "Wrote \(files.map(\.name).joined(separator: ", ")) to \(directory).\n"
        }
        switch options.format {
        case "json": return JSONRenderer.render(report)
        case "markdown": return MarkdownRenderer.render(report, diagrams: nil)
        case "dot": return DOTRenderer.render(report)
        default: return TableRenderer.render(report)
        }
    }
}
