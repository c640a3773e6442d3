import Foundation

/// `albgw-cost report --out DIR`: the design-review report, its DOT files and (with Graphviz) SVGs.
package enum ReportCommand {
    package static let options: [OptionSpec] = [
        OptionSpec(name: "--out", metavar: "DIR", help: "directory to write report.md, the DOT files and SVGs into (created if needed)", defaultText: nil)
    ]

    package static func run(_ arguments: [String]) throws -> String {
        if arguments.contains("--help") || arguments.contains("-h") { return try Help.main() }
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.all + options, command: "albgw-cost report")
        guard let directory = parsed.values["--out"] else {
            throw CLIError("albgw-cost report needs --out DIR: the directory for report.md and its diagrams, e.g. --out review")
        }
        if let format = parsed.values["--format"] {
            throw CLIError("albgw-cost report writes Markdown; drop --format \(format) (use --format markdown without the report command to print it)")
        }
        let (_, report) = try CLI.analyse(parsed)
        let files = try build(report, graphviz: Graphviz.executable())
        try AtomicWriter.write(files, into: directory)
        return "Wrote \(files.map(\.name).joined(separator: ", ")) to \(directory).\n"
    }

    /// Every file of a report, in writing order: diagrams first, report.md last.
    package static func build(_ report: Report, graphviz: String?) throws -> [(name: String, data: Data)] {
        let dots = DOTRenderer.files(report)
        var files = dots.map { (name: $0.name, data: Data($0.text.utf8)) }
        var svgRendered = false
        if let graphviz {
            let svgs = dots.compactMap { dot in Graphviz.svg(dot.text, using: graphviz).map { (name: dot.name.replacingOccurrences(of: ".dot", with: ".svg"), data: $0) } }
            if svgs.count == dots.count {
                files += svgs
                svgRendered = true
            }
        }
        let markdown = MarkdownRenderer.render(report, diagrams: MarkdownRenderer.Diagrams(dotFiles: dots.map(\.name), svgRendered: svgRendered))
        files.append((name: "report.md", data: Data(markdown.utf8)))
        return files
    }
}
