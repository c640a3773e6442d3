import Foundation
import HCL

/// The whole command line, in-process: parse, analyse, render. Never calls `exit`; tests drive it
/// directly and the executable only forwards its exit code.
package enum CLI {
    package static let version = "0.1.0"
    package static let command = "albgw-cost"

    /// What a run printed and how it ended.
    package struct Result: Sendable, Equatable {
        package var exitCode: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs with `arguments` (without the program name) and returns the output instead of printing it.
    /// An error is one line on stderr whatever it echoes (see `line(_:)`).
    package static func run(_ arguments: [String]) -> Result {
        do {
            let stdout = try dispatch(arguments)
            return Result(exitCode: ExitCode.success.rawValue, stdout: stdout, stderr: "")
        } catch let failed as FailedRun {
            return Result(exitCode: failed.code.rawValue, stdout: failed.stdout, stderr: line("\(command): \(failed.message)"))
        } catch let error as CLIError {
            return Result(exitCode: error.code.rawValue, stdout: "", stderr: line("\(command): error: \(error.message)"))
        } catch let error as TerraformLoader.LoadError {
            return Result(exitCode: error.exitCode.rawValue, stdout: "", stderr: line("\(command): error: \(error.description)"))
        } catch let error as PriceTableError {
            let mapped = CLIError(error)
            return Result(exitCode: mapped.code.rawValue, stdout: "", stderr: line("\(command): error: \(mapped.message)"))
        } catch {
            return Result(
                exitCode: ExitCode.software.rawValue, stdout: "",
                stderr: line("\(command): internal error: \(error); please report it with the command you ran"))
        }
    }

    /// A message as one stderr line: messages cut what they echo at the source, and this escapes any
    /// control, line-breaking or bidirectional character that still got through (a file name, a label
    /// or a value from the code, which a message quotes as it is), so that no input can add a line or
    /// reach the terminal raw.
    static func line(_ message: String) -> String { HCLError.excerpt(message, limit: .max) + "\n" }

    /// Entry point of the executable: runs, prints, and returns the exit code.
    public static func main(_ commandLine: [String]) -> Int32 {
        var result = run(Array(commandLine.dropFirst()))
        // Written from the string's own bytes: a sweep's JSON can be tens of megabytes.
        result.stdout.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
        FileHandle.standardError.write(Data(result.stderr.utf8))
        return result.exitCode
    }

    static func dispatch(_ arguments: [String]) throws -> String {
        if arguments.first != "review" { try ReviewOutput.refuseSARIF(outsideReview: arguments) }
        if let first = arguments.first, !first.hasPrefix("-") {
            switch first {
            case "prices": return try PricesCommand.run(Array(arguments.dropFirst()))
            case "compare": return try compare(Array(arguments.dropFirst()))
            case "hops": return try compare(Array(arguments.dropFirst()), hopsOnly: true)
            case "dot": return try dot(Array(arguments.dropFirst()))
            case "report": return try ReportCommand.run(Array(arguments.dropFirst()))
            case "review": return try ReviewCommand.run(Array(arguments.dropFirst()))
            case "sweep": return try SweepCommand.run(Array(arguments.dropFirst()))
            case "help": return try Help.main()
            default:
                let hint = Suggestion.closest(to: first, in: ["compare", "hops", "dot", "report", "review", "sweep", "prices", "help"]).map { "did you mean '\($0)'? " } ?? ""
                throw CLIError("unknown command '\(first)'; \(hint)commands: compare (the default), hops, dot, report, review, sweep, prices (see '\(command) --help')")
            }
        }
        return try compare(arguments)
    }

    static func compare(_ arguments: [String], hopsOnly: Bool = false) throws -> String {
        if arguments.contains("--help") || arguments.contains("-h") { return try Help.main() }
        if arguments.contains("--version") {
            guard arguments == ["--version"] else { throw CLIError("--version takes no other arguments; run albgw-cost --version on its own") }
            return versionText()
        }
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.all, command: command)
        if parsed.values["--regions"] != nil { return try regions(parsed, hopsOnly: hopsOnly) }
        if hopsOnly, parsed.values["--format"] == "csv" {
            throw CLIError("albgw-cost hops prints the request paths; --format csv writes the line items: drop hops, or use --format table, json or markdown")
        }
        let (options, report) = try analyse(parsed)
        switch options.format {
        case "csv": return CSV.lineItems(report)
        case "json": return JSONRenderer.render(report)
        case "dot": return DOTRenderer.render(report)
        case "markdown":
            var withRange = report
            withRange.range = try RangeAnalysis.build(for: report, catalog: options.catalog)
            return MarkdownRenderer.render(withRange, diagrams: nil)
        default: return hopsOnly ? HopsRenderer.render(report) : TableRenderer.render(report)
        }
    }

    /// `--regions all|CODE,...`: the designs ranked across regions.
    static func regions(_ parsed: ParsedArguments, hopsOnly: Bool) throws -> String {
        guard !hopsOnly else { throw CLIError("--regions ranks costs; hops are the same in every region: drop --regions, or run it without hops") }
        guard let list = parsed.values["--regions"] else { return "" }
        if parsed.values["--region"] != nil {
            throw CLIError("--regions and --region together: --regions prices each region it names; drop --region")
        }
        let options = try ScenarioOptions(parsed)
        let available = try options.catalog.regions()
        let regions: [String]
        if list == "all" {
            regions = available
        } else {
            regions = list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for region in regions where !available.contains(region) {
                let hint = Suggestion.closest(to: region, in: available).map { "did you mean '\($0)'? " } ?? ""
                throw CLIError("--regions: '\(HCLError.excerpt(region, limit: 60))' has no price table; \(hint)give all, or a list of: \(available.joined(separator: ", "))")
            }
            if Set(regions).count != regions.count { throw CLIError("--regions names a region twice; give each once") }
        }
        let comparison = try RegionComparison.build(options.scenario, regions: regions, catalog: options.catalog)
        switch options.format {
        case "csv": return RegionRenderer.csv(comparison)
        case "json": return RegionRenderer.json(comparison, inputs: options.inputs, toolVersion: version)
        case "markdown": return RegionRenderer.markdown(comparison)
        case "dot": throw CLIError("--regions ranks costs in a table; --format dot draws one region: drop one of them")
        default: return RegionRenderer.table(comparison, inputs: options.inputs, toolVersion: version)
        }
    }

    /// Options -> scenario -> report: the one path every command takes.
    static func analyse(_ parsed: ParsedArguments) throws -> (ScenarioOptions, Report) {
        let options = try ScenarioOptions(parsed)
        let book = try options.catalog.book(for: options.scenario.topology.region)
        return (options, ReportBuilder.build(scenario: options.scenario, prices: book, inputs: options.inputs, toolVersion: version))
    }

    /// `albgw-cost dot`: Graphviz DOT of the comparison (or of `--design`), or every diagram into `--out DIR`.
    static func dot(_ arguments: [String]) throws -> String {
        if arguments.contains("--help") || arguments.contains("-h") { return try Help.main() }
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.all + OptionTable.dot, command: "\(command) dot")
        try refuseRegions(parsed, "albgw-cost dot draws one region's diagrams")
        if let format = parsed.values["--format"], format != "dot" {
            throw CLIError("albgw-cost dot writes Graphviz DOT; drop --format \(format), or use it without the dot command")
        }
        let (_, report) = try analyse(parsed)
        guard let directory = parsed.values["--out"] else { return DOTRenderer.render(report) }
        let files = DOTRenderer.files(report)
        try AtomicWriter.write(files.map { ($0.name, Data($0.text.utf8)) }, into: directory)
        return
            "Wrote \(files.map(\.name).joined(separator: ", ")) to \(directory). Render: dot -Tsvg \(directory)/\(files[0].name) -o \(files[0].name.replacingOccurrences(of: ".dot", with: ".svg"))\n"
    }

    /// `--regions` ranks the main command's costs across regions; the other commands work in one
    /// region, and say so rather than quietly pricing `--region`'s.
    static func refuseRegions(_ parsed: ParsedArguments, _ what: String) throws {
        guard parsed.values["--regions"] != nil else { return }
        throw CLIError(
            "\(what); --regions ranks regions on the main command only: give --region CODE instead (once per region), or rank them with albgw-cost --rps N --regions all")
    }

    static func versionText() -> String {
        let regions = (try? PriceCatalog.bundled.regions()) ?? []
        return "\(command) \(version) (bundled price tables for \(regions.count) regions, gathered 2026-11-22)\n"
    }
}
