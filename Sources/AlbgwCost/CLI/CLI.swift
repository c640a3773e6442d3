import Foundation
import HCL

#if canImport(Glibc)
    import Glibc
#endif

/// The whole command line, in-process: parse, analyse, render. Never calls `exit`; tests drive it
/// directly and the executable only forwards its exit code.
package enum CLI {
    package static let version = "0.1.0"
    package static let command = "albgw-cost"

    /// What a run printed and how it ended.
    package struct Result: Sendable, Equatable {
        package var exitCode: Int32
        /// Standard output, in pieces for a large review (written so by `deliver`).
        package var output: StandardOutput
        package var stderr: String

        package init(exitCode: Int32, stdout: String, stderr: String) {
            self.init(exitCode: exitCode, output: .text(stdout), stderr: stderr)
        }

        init(exitCode: Int32, output: StandardOutput, stderr: String) {
            self.exitCode = exitCode
            self.output = output
            self.stderr = stderr
        }

        package var stdout: String { output.text }
    }

    /// Runs with `arguments` (without the program name) and returns the output instead of printing it.
    /// `environment` gives the terminal width (`COLUMNS`); tests leave it empty for 120 columns.
    /// An error is one line on stderr whatever it echoes (see `line(_:)`).
    package static func run(_ arguments: [String], environment: [String: String] = [:]) -> Result {
        // No arguments at all: how to call it, on stderr, as a usage error.
        guard !arguments.isEmpty else { return Result(exitCode: ExitCode.usage.rawValue, stdout: "", stderr: Help.shortUsage) }
        do {
            let output = try dispatch(arguments, width: TextWrap.width(environment))
            return Result(exitCode: ExitCode.success.rawValue, output: output, stderr: "")
        } catch let failed as FailedRun {
            return Result(exitCode: failed.code.rawValue, output: failed.output, stderr: line("\(command): \(failed.message)"))
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
        tuneAllocator()
        // The cores other runnable tasks hold are left out (`Cores.available`), counted before this
        // process starts threads of its own, which would count as other tasks'.
        Cores.leavesOutBusyCores = true
        _ = Parallel.cores
        // Only COLUMNS is read (building the whole environment costs start-up time); without it, a
        // terminal's own width, as `ls` does; piped output keeps 120.
        let environment = getenv("COLUMNS").map { ["COLUMNS": String(cString: $0)] } ?? terminalWidth().map { ["COLUMNS": "\($0)"] } ?? [:]
        return deliver(run(Array(commandLine.dropFirst()), environment: environment), stdout: STDOUT_FILENO, stderr: STDERR_FILENO)
    }

    /// Writes a run's output and returns its exit code; when standard output cannot take all of it (a
    /// full disk, a closed descriptor), says so on stderr and ends with EX_IOERR, so that a CI step
    /// that redirects the output to a file does not pass with a cut-off file.
    static func deliver(_ result: consuming Result, stdout: Int32, stderr: Int32) -> Int32 {
        var output = StandardOutput.text("")
        swap(&output, &result.output)
        if let failure = emit(&output, to: stdout) {
            let reason = String(cString: strerror(failure))
            emit(
                result.stderr
                    + line(
                        "\(command): error: could not write the output to standard output (\(reason)); nothing after that point was written: \(failure == ENOSPC || failure == EDQUOT ? "free some space" : failure == EBADF ? "give the command an open standard output" : "check where the output goes"), then run it again"
                    ), to: stderr)
            return ExitCode.ioError.rawValue
        }
        emit(result.stderr, to: stderr)
        return result.exitCode
    }

    /// glibc's allocator serves a block of 128 KiB or more from a mapping of its own and unmaps it when
    /// freed, until the first such block is freed: from then on it raises that size to the freed
    /// block's. Reading a 10 MB file frees a 10 MB buffer, and later blocks of a few megabytes (grown
    /// arrays, output) then stay in the heap after they are freed. Fixed at 2 MiB, a 10 MB review's
    /// peak is about 10 MB lower at the same speed; at 128 KiB (glibc's start) it is as low, but the
    /// megabyte token chunks, mapped and unmapped one after another, made it 7-12% slower.
    /// And one heap per core (see below).
    static func tuneAllocator() {
        #if canImport(Glibc)
            // mallopt is declared in <malloc.h>, which the Glibc module leaves out; M_MMAP_THRESHOLD is -3.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, 2 << 20)
            // M_ARENA_MAX (-8): a heap per processor, not glibc's eight per processor. Each thread that
            // allocates gets a heap of its own up to that number, and what a heap frees stays in it:
            // with a review's checks on threads of their own besides the cores' workers, the 10 MB
            // designs input of Scripts/benchmark-review peaked 1.4 MB higher (104.5 MB against 103.1,
            // medians). The machine's processors, not the cores this process may use (`Parallel.cores`):
            // Dispatch sizes its workers by the former. A limit the user sets is left alone.
            let userSet = getenv("MALLOC_ARENA_MAX") != nil || getenv("GLIBC_TUNABLES").map { String(cString: $0).contains("arena_max") } == true
            if !userSet { _ = mallopt(-8, Int32(clamping: max(2, ProcessInfo.processInfo.processorCount))) }
        #endif
    }

    /// The width of the terminal standard output is, when it is one.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes all of `text` to a file descriptor straight from the string's UTF-8 bytes, without a
    /// copy (a sweep's JSON can be tens of megabytes) and without a `Data` (building one costs a
    /// run-time conformance lookup, a fair share of a short run).
    /// Returns the error number when the descriptor took less than all of it, nil when it took it all.
    @discardableResult
    static func emit(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { emit($0, to: descriptor) }
    }

    /// Writes `output`, a piece at a time, each freed once written; the error number as `emit(_:to:)`.
    static func emit(_ output: inout StandardOutput, to descriptor: Int32) -> Int32? {
        switch output {
        case .text(let text): return emit(text, to: descriptor)
        case .pieces(var pieces):
            output = .text("")
            for index in pieces.indices {
                if let failure = pieces[index].withUnsafeBufferPointer({ emit($0, to: descriptor) }) { return failure }
                pieces[index] = []
            }
            return nil
        case .document(let document):
            output = .text("")
            var failure: Int32?
            document.produce { piece in
                failure = piece.withUnsafeBufferPointer { emit($0, to: descriptor) }
                return failure == nil
            }
            return failure
        case .stream(let count, let part):
            output = .text("")
            for index in 0..<count {
                for piece in part(index) {
                    if let failure = piece.withUnsafeBufferPointer({ emit($0, to: descriptor) }) { return failure }
                }
            }
            return nil
        }
    }

    private static func emit(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return written < 0 ? errno : EIO
            }
        }
        return nil
    }

    static func dispatch(_ arguments: [String], width: Int = TextWrap.defaultWidth) throws -> StandardOutput {
        if arguments.first != "review" { try ReviewOutput.refuseSARIF(outsideReview: arguments) }
        guard let first = arguments.first, !first.hasPrefix("-") else {
            if arguments.contains("--help") || arguments.contains("-h") { return .text(try Help.main(width: width)) }
            return .text(try compare(arguments, width: width))
        }
        let rest = Array(arguments.dropFirst())
        if first != "help", let spec = CommandCatalog.named(first), rest.contains("--help") || rest.contains("-h") { return .text(Help.command(spec, width: width)) }
        if ["hops", "dot", "report", "sweep"].contains(first), rest.contains("--detail") {
            throw CLIError(
                "--detail prints the main command's table in full; albgw-cost \(first) has no shorter form: drop --detail\(first == "hops" ? " (hops prints every hop in full already)" : "")"
            )
        }
        switch first {
        case "prices": return .text(try PricesCommand.run(rest, width: width))
        case "compare": return .text(try compare(rest))
        case "hops": return .text(try compare(rest, hopsOnly: true, width: width))
        case "dot": return .text(try dot(rest))
        case "report": return .text(try ReportCommand.run(rest))
        case "review": return try ReviewCommand.output(rest, width: width)
        case "sweep": return .text(try SweepCommand.run(rest, width: width))
        case "completions": return .text(try Completions.run(rest))
        case "help": return .text(try help(rest, width: width))
        default:
            let hint = Suggestion.hint(for: first, in: CommandCatalog.names)
            throw CLIError(
                "unknown command '\(first)'; \(hint)commands: \(CommandCatalog.names.joined(separator: ", ")) (compare is the default; see '\(command) --help')")
        }
    }

    /// `albgw-cost help [COMMAND]`: the full help, or one command's.
    static func help(_ arguments: [String], width: Int = TextWrap.defaultWidth) throws -> String {
        let words = arguments.filter { $0 != "--help" && $0 != "-h" }
        guard let name = words.first else {
            return words.count < arguments.count ? Help.command(CommandCatalog.help, width: width) : try Help.main(width: width)
        }
        guard words.count == 1 else {
            throw CLIError("albgw-cost help takes one COMMAND, got \(words.count): \(words.joined(separator: " ")); e.g. albgw-cost help review")
        }
        guard let spec = CommandCatalog.named(name) else {
            let hint = Suggestion.hint(for: name, in: CommandCatalog.names)
            throw CLIError("no command '\(name)' to explain; \(hint)commands: \(CommandCatalog.names.joined(separator: ", ")) (albgw-cost help COMMAND)")
        }
        return Help.command(spec, width: width)
    }

    static func compare(_ arguments: [String], hopsOnly: Bool = false, width: Int = TextWrap.defaultWidth) throws -> String {
        try refuseOut(arguments, hopsOnly: hopsOnly)
        if arguments.contains("--version") {
            guard arguments == ["--version"] else { throw CLIError("--version takes no other arguments; run albgw-cost --version on its own") }
            return versionText()
        }
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.all, command: hopsOnly ? "\(command) hops" : command)
        if parsed.flags.contains("--detail"), let format = parsed.values["--format"], format != "table" {
            throw CLIError("--detail prints the table in full; --format \(format) holds everything already: drop --detail")
        }
        if parsed.values["--regions"] != nil { return try regions(parsed, hopsOnly: hopsOnly, width: width) }
        if hopsOnly, parsed.values["--format"] == "csv" {
            throw CLIError("albgw-cost hops prints the request paths; --format csv writes the line items: drop hops, or use --format table, json or markdown")
        }
        if hopsOnly, parsed.values["--format"] == "svg" {
            throw CLIError(
                "albgw-cost hops prints the request paths; --format svg draws a sweep's chart (albgw-cost sweep --vary VAR=FROM..TO --format svg): use --format table, json or markdown"
            )
        }
        let (options, report) = try analyse(parsed)
        switch options.format {
        case "csv": return CSV.lineItems(report)
        case "json": return JSONRenderer.render(report)
        case "dot": return DOTRenderer.render(report)
        case "markdown":
            var withRange = report
            withRange.range = try RangeAnalysis.build(for: report, catalog: options.catalog)
            withRange.command = [command] + (hopsOnly ? ["hops"] : []) + arguments
            return MarkdownRenderer.render(withRange, diagrams: nil)
        default:
            return hopsOnly ? HopsRenderer.render(report, width: width) : TableRenderer.render(report, width: width, detail: parsed.flags.contains("--detail"))
        }
    }

    /// `--regions all|CODE,...`: the designs ranked across regions.
    static func regions(_ parsed: ParsedArguments, hopsOnly: Bool, width: Int = TextWrap.defaultWidth) throws -> String {
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
                let hint = Suggestion.hint(for: region, in: available)
                throw CLIError("--regions: '\(HCLError.excerpt(region, limit: 60))' has no price table; \(hint)give all, or a list of: \(available.joined(separator: ", "))")
            }
            if Set(regions).count != regions.count { throw CLIError("--regions names a region twice; give each once") }
        }
        var comparison = try RegionComparison.build(options.scenario, regions: regions, catalog: options.catalog)
        comparison.unusedOptions = ReportBuilder.unusedOptions(options.inputs, scenario: options.scenario)
        switch options.format {
        case "csv": return RegionRenderer.csv(comparison)
        case "json": return RegionRenderer.json(comparison, inputs: options.inputs, toolVersion: version)
        case "markdown": return RegionRenderer.markdown(comparison)
        case "dot": throw CLIError("--regions ranks costs in a table; --format dot draws one region: drop one of them")
        default: return RegionRenderer.table(comparison, inputs: options.inputs, toolVersion: version, width: width)
        }
    }

    /// Options -> scenario -> report: the one path every command takes.
    static func analyse(_ parsed: ParsedArguments) throws -> (ScenarioOptions, Report) {
        let options = try ScenarioOptions(parsed)
        let book = try options.catalog.book(for: options.scenario.topology.region)
        return (options, ReportBuilder.build(scenario: options.scenario, prices: book, inputs: options.inputs, toolVersion: version))
    }

    /// `--out` writes files, which `report` and `dot` do: the main command and `hops` print. Says so,
    /// with the command line that does it.
    static func refuseOut(_ arguments: [String], hopsOnly: Bool) throws {
        guard arguments.contains(where: { $0 == "--out" || $0.hasPrefix("--out=") }) else { return }
        // Neither report nor dot takes a --format other than dot's own: leave it out of the fix.
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--format" {
                index += 1
                continue
            }
            if !word.hasPrefix("--format=") { kept.append(word) }
        }
        let line = kept.joined(separator: " ")
        throw CLIError(
            "--out belongs to report, dot, sweep and review, which write files; \(hopsOnly ? "hops" : "the main command") prints: run albgw-cost report \(line) (the Markdown report and its diagrams) or albgw-cost dot \(line) (the diagrams)"
        )
    }

    /// `albgw-cost dot`: Graphviz DOT of the comparison (or of `--design`), or every diagram into `--out DIR`.
    static func dot(_ arguments: [String]) throws -> String {
        let parsed = try ArgumentParser.parse(arguments, options: OptionTable.all + OptionTable.dot, command: "\(command) dot")
        try refuseRegions(parsed, "albgw-cost dot draws one region's diagrams")
        if let format = parsed.values["--format"], format != "dot" {
            if format == "svg" {
                throw CLIError("albgw-cost dot writes Graphviz DOT, which dot draws as SVG: drop --format svg and pipe it, albgw-cost dot --rps N | dot -Tsvg > designs.svg")
            }
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
