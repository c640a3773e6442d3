import Foundation

/// `albgw-cost report --out DIR`: the design-review report, its DOT files and (with Graphviz) SVGs.
package enum ReportCommand {
    package static let options: [OptionSpec] = [
        OptionSpec(name: "--out", metavar: "DIR", help: "directory to write report.md, the DOT files and SVGs into (created if needed)", defaultText: nil)
    ]

    package static func run(_ arguments: [String]) throws -> String {
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.all + options, command: "albgw-cost report")
        try CLI.refuseRegions(parsed, "albgw-cost report reviews one region (its By region table already prices every bundled region)")
        guard let directory = parsed.values["--out"] else {
            throw CLIError("albgw-cost report needs --out DIR: the directory for report.md and its diagrams, e.g. --out review")
        }
        if let format = parsed.values["--format"] {
            throw CLIError("albgw-cost report writes Markdown; drop --format \(format) (use --format markdown without the report command to print it)")
        }
        var report = try prepare(parsed)
        report.command = [CLI.command, "report"] + arguments
        let files = try build(report, graphviz: Graphviz.executable())
        try AtomicWriter.write(files, into: directory)
        return "Wrote \(files.map(\.name).joined(separator: ", ")) to \(directory).\n"
    }

    /// The report value a design review renders: the analysis plus the range around the workload.
    package static func prepare(_ parsed: ParsedArguments) throws -> Report {
        let (options, analysed) = try CLI.analyse(parsed)
        var report = analysed
        report.range = try RangeAnalysis.build(for: report, catalog: options.catalog)
        return report
    }

    /// The Markdown of a report whose diagrams sit beside it.
    package static func markdown(_ report: Report, dotFiles: [String], svgRendered: Bool) -> String {
        var pieces = markdownPieces(report, dotFiles: dotFiles, svgRendered: svgRendered)
        return String(joining: &pieces)
    }

    /// `markdown` in UTF-8 pieces (`MarkdownRenderer.pieces`).
    static func markdownPieces(_ report: Report, dotFiles: [String], svgRendered: Bool) -> [[UInt8]] {
        MarkdownRenderer.pieces(
            report, diagrams: MarkdownRenderer.Diagrams(dotFiles: dotFiles, svgRendered: svgRendered, chartFile: report.range == nil ? nil : chartFile))
    }

    package static let chartFile = "cost-vs-traffic.svg"

    /// Every file of a report, in writing order: diagrams first, report.md last.
    package static func build(_ report: Report, graphviz: String?) throws -> [(name: String, bytes: AtomicWriter.Bytes)] {
        let dots = DOTRenderer.files(report)
        var files = dots.map { (name: $0.name, bytes: AtomicWriter.Bytes.data(Data($0.text.utf8))) }
        var svgRendered = false
        if let graphviz {
            let svgs = dots.compactMap { dot in
                Graphviz.svg(dot.text, using: graphviz).map { (name: dot.name.replacingOccurrences(of: ".dot", with: ".svg"), bytes: AtomicWriter.Bytes.data($0)) }
            }
            if svgs.count == dots.count {
                files += svgs
                svgRendered = true
            }
        }
        if let range = report.range { files.append((name: chartFile, bytes: .data(Data(SweepRenderer.svg(range.sweep).utf8)))) }
        // A review of a thousand designs makes megabytes of Markdown: its pieces are written into the
        // file one after another, never joined into one more copy.
        files.append((name: "report.md", bytes: .pieces(markdownPieces(report, dotFiles: dots.map(\.name), svgRendered: svgRendered))))
        return files
    }
}
