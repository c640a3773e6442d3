import Foundation
import Testing
@testable import AlbgwCost

/// Help that fits the command: each command's own usage, options and examples; a short usage when
/// nothing is given; `--out` where it belongs.
@Suite struct HelpTests {
    func run(_ line: String) -> CLI.Result { CLI.run(line.split(separator: " ").map(String.init)) }

    /// The options a help text explains one per line (every `  --name` line), in order.
    static func explained(_ help: String) -> [String] {
        let body = help.components(separatedBy: "\nANALYSIS OPTIONS")[0]
        return body.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  --") else { return nil }
            return String(line.dropFirst(2).prefix { $0 != " " })
        }
    }

    /// The options a help text lists by name under ANALYSIS OPTIONS.
    static func listed(_ help: String) -> [String] {
        let parts = help.components(separatedBy: "\nANALYSIS OPTIONS")
        guard parts.count == 2 else { return [] }
        return parts[1].split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    struct Expected: Sendable, CustomStringConvertible {
        var command: String
        var firstLine: String
        var usage: String
        var explained: [String]
        /// Options its help must not mention at all.
        var absent: [String]
        var description: String { command }
    }

    static let expected: [Expected] = [
        Expected(
            command: "hops", firstLine: "albgw-cost hops: each design's request path hop by hop, with its limits and warnings",
            usage: "  albgw-cost hops --rps N [--region CODE] [options]",
            explained: ["--format", "--rps", "--requests-per-month", "--region", "--design", "--hop-latency-ms", "--preset", "--help"],
            absent: ["--regions", "--out", "--var", "--version"]),
        Expected(
            command: "dot", firstLine: "albgw-cost dot: Graphviz diagrams of the designs and their comparison",
            usage: "  albgw-cost dot --rps N [--region CODE] [options] [--out DIR]",
            explained: ["--out", "--rps", "--requests-per-month", "--region", "--design", "--preset", "--help"],
            absent: ["--regions", "--format", "--var", "--export"]),
        Expected(
            command: "report", firstLine: "albgw-cost report: a Markdown design-review report with its diagrams, written into a directory",
            usage: "  albgw-cost report --rps N [--region CODE] [options] --out DIR",
            explained: ["--out", "--rps", "--requests-per-month", "--region", "--needs", "--preset", "--design", "--help"],
            absent: ["--regions", "--format", "--var", "--export"]),
        Expected(
            command: "review", firstLine: "albgw-cost review: read Terraform, recognise the design, review the code; with --rps, its costs too",
            usage: "  albgw-cost review PATH [--rps N] [--var NAME=VALUE] [--var-file FILE] [options]",
            explained: ["--var", "--var-file", "--out", "--fail-on", "--format", "--detail", "--rps", "--requests-per-month", "--region", "--help"],
            absent: ["--regions", "--preset", "--export", "--vary"]),
        Expected(
            command: "sweep", firstLine: "albgw-cost sweep: every design across a range of one input: where the cheapest changes, where limits bind",
            usage: "  albgw-cost sweep --vary VAR=FROM..TO [--points N] [--scale log|linear] [--format FORMAT] [--out DIR] [options]",
            explained: ["--vary", "--points", "--scale", "--out", "--format", "--rps", "--requests-per-month", "--region", "--design", "--preset", "--help"],
            absent: ["--regions", "--var-file", "--export"]),
        Expected(
            command: "prices", firstLine: "albgw-cost prices: the price tables: regions and their gaps, one region's sources, an export to edit",
            usage: "  albgw-cost prices --export DIR", explained: ["--export", "--region", "--prices", "--help"],
            absent: ["--format", "--out", "--design", "ANALYSIS OPTIONS"]),
        Expected(
            command: "completions", firstLine: "albgw-cost completions: a completion script for bash, zsh or fish",
            usage: "  albgw-cost completions bash|zsh|fish", explained: ["--help"], absent: ["--rps", "--format", "ANALYSIS OPTIONS"]),
        Expected(
            command: "help", firstLine: "albgw-cost help: the full help, or one command's options and examples", usage: "  albgw-cost help [COMMAND]",
            explained: [], absent: ["--rps", "ANALYSIS OPTIONS"]),
    ]

    @Test(arguments: expected)
    func eachCommandHasItsOwnHelp(_ expected: Expected) throws {
        let help = run("\(expected.command) --help")
        #expect(help.exitCode == 0 && help.stderr.isEmpty)
        let text = help.stdout
        #expect(text.hasPrefix(expected.firstLine + "\n\nUSAGE\n"))
        #expect(text.contains("\n\(expected.usage)\n"))
        #expect(Self.explained(text) == expected.explained)
        for word in expected.absent { #expect(!text.contains(word), "\(expected.command) --help mentions \(word)") }
        // The same text however it is asked for, and never the global help.
        #expect(run("help \(expected.command)").stdout == text)
        #expect(run("\(expected.command) -h").stdout == text)
        #expect(!text.contains("CONVENTIONS"))
        let examples = text.components(separatedBy: "\nEXAMPLES\n")[1].components(separatedBy: "\n\n")[0].split(separator: "\n")
        #expect((2...3).contains(examples.count))
        for example in examples { #expect(example == "  albgw-cost \(expected.command)" || example.hasPrefix("  albgw-cost \(expected.command) ")) }
    }

    /// Commands that analyse take every analysis option: those not explained are listed by name.
    @Test func analysisOptionsAreListedByName() {
        let hops = Self.listed(run("hops --help").stdout)
        #expect(hops.first == "--request-kb" && hops.last == "--prices")
        #expect(hops.contains("--waf") && hops.contains("--sla") && !hops.contains("--hop-latency-ms") && !hops.contains("--regions"))
        #expect(Set(Self.explained(run("hops --help").stdout) + hops).count == OptionTable.all.count - 3)  // less --regions, --version, --detail
        // review reads the topology from the code: no --preset.
        let review = Self.listed(run("review --help").stdout)
        #expect(review.contains("--hop-latency-ms") && !review.contains("--preset"))
    }

    /// `compare` is the main command: its help explains every option of the main command in the
    /// full help's sections, with its own examples, and says it is the default.
    @Test func compareHelp() {
        let text = run("compare --help").stdout
        #expect(text.hasPrefix("albgw-cost compare: the default: each design's costs, limits and request paths; --regions ranks regions\n\nUSAGE\n"))
        #expect(text.contains("\n  albgw-cost [compare] --rps N --regions all|CODE,... [options]\n"))
        #expect(text.contains("\n  albgw-cost --rps 50 --region us-west-2\n"))
        #expect(text.contains("\ncompare runs when no command is given: albgw-cost --rps 50 is albgw-cost compare --rps 50.\n"))
        #expect(Self.explained(text) == OptionTable.all.map(\.name))
        for title in ["WORKLOAD", "WHERE IT RUNS", "BILLING", "OUTPUT"] { #expect(text.contains("\n\(title)")) }
        #expect(run("help compare").stdout == text)
        #expect(!text.contains("--var") && !text.contains("CONVENTIONS"))
    }

    /// Every help fits the terminal (`COLUMNS`) but its example and usage lines, which stay whole to be
    /// copied: an option's text wraps under itself, beside the names.
    @Test func helpFitsTheWidth() {
        for command in ["--help"] + CommandCatalog.names.map({ "\($0) --help" }) {
            for columns in [80, 100] {
                let text = CLI.run(command.split(separator: " ").map(String.init), environment: ["COLUMNS": "\(columns)"]).stdout
                let commandLines = Set(
                    text.components(separatedBy: "\n\n").filter { $0.hasPrefix("EXAMPLES\n") || $0.hasPrefix("USAGE\n") }.flatMap { $0.split(separator: "\n") })
                for line in text.split(separator: "\n") where line.count > columns {
                    #expect(commandLines.contains(line), "\(command) at \(columns) columns: \(line)")
                }
            }
        }
        // At 80 columns, the text of --rps goes on under its own start.
        let help = CLI.run(["--help"], environment: ["COLUMNS": "80"]).stdout
        #expect(
            help.contains(
                "\n  --rps N                      average requests per second (fractions allowed);\n                               or give --requests-per-month\n"))
        #expect(Self.explained(help) == Self.explained(run("--help").stdout))
        #expect(help.hasSuffix("a closed descriptor).\n"))
    }

    /// However narrow the terminal, wrapping moves words and never cuts one: the words of each help at
    /// 40 to 60 columns are those of the help on one line per paragraph.
    @Test func narrowHelpCutsNoWord() {
        for command in ["--help"] + CommandCatalog.names.map({ "\($0) --help" }) {
            let arguments = command.split(separator: " ").map(String.init)
            let wide = CLI.run(arguments, environment: ["COLUMNS": "10000"]).stdout.split(whereSeparator: \.isWhitespace)
            for columns in stride(from: 40, through: 60, by: 2) {
                let narrow = CLI.run(arguments, environment: ["COLUMNS": "\(columns)"]).stdout.split(whereSeparator: \.isWhitespace)
                #expect(narrow == wide, "\(command) at \(columns) columns")
            }
        }
    }

    /// `--help` stays the full help, lists every command on one line, and says where each one's is.
    @Test func globalHelpListsTheCommands() {
        let text = run("--help").stdout
        let list = """
            COMMANDS ('albgw-cost help COMMAND', or COMMAND --help, shows its own options and examples)
              compare      the default: each design's costs, limits and request paths; --regions ranks regions
              hops         each design's request path hop by hop, with its limits and warnings
              dot          Graphviz diagrams of the designs and their comparison
              report       a Markdown design-review report with its diagrams, written into a directory
              review       read Terraform, recognise the design, review the code; with --rps, its costs too
              sweep        every design across a range of one input: where the cheapest changes, where limits bind
              prices       the price tables: regions and their gaps, one region's sources, an export to edit
              completions  a completion script for bash, zsh or fish
              help         the full help, or one command's options and examples

            """
        #expect(text.contains(list))
        for section in ["WORKLOAD", "REVIEW", "CONVENTIONS", "EXIT CODES"] { #expect(text.contains("\n\(section)")) }
        #expect(run("help").stdout == text)
        #expect(run("--rps 50 --help").stdout == text)
        #expect(run("help --help").stdout == run("help help").stdout)
        #expect(run("help review --help").stdout == run("review --help").stdout)
    }

    /// Every example in every command's help runs as written (a placeholder PATH becomes a real
    /// fixture; DIRs become temporary directories; pipes and redirections are dropped).
    @Test func everyExampleRuns() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-cost-help-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for spec in CommandCatalog.all {
            for example in spec.examples {
                let line = example.components(separatedBy: " |")[0].components(separatedBy: " >")[0].components(separatedBy: "   (")[0]
                var words = line.split(separator: " ").map(String.init).dropFirst().map {
                    $0 == "./infra"
                        ? repositoryPath("Tests/HCLTests/Fixtures/tutorial")
                        : $0 == "plan.json" ? repositoryPath("Tests/AlbgwCostTests/Fixtures/plans/terraform/good-private-api.plan.json") : $0
                }
                for (index, word) in words.enumerated() where ["--out", "--export"].contains(word) && index + 1 < words.count {
                    words[index + 1] = scratch.appendingPathComponent("\(spec.name)-\(index)-\(words[index + 1])").path
                }
                let result = CLI.run(words)
                // --fail-on high exits 1 by design when the code has a high finding; the output is complete.
                let allowed: Set<Int32> = words.contains("--fail-on") ? [0, 1] : [0]
                #expect(allowed.contains(result.exitCode), "\(example): \(result.stderr)")
                #expect(!result.stdout.isEmpty, "\(example)")
            }
        }
    }

    /// `albgw-cost` alone: a few lines of usage with the headline example, on stderr, exit 64.
    @Test func noArgumentsPrintsAShortUsage() {
        let result = CLI.run([])
        #expect(result.exitCode == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                usage: albgw-cost [compare] --rps N [--region CODE] [options]
                       albgw-cost hops|dot|report|review|sweep|prices|completions|help ...
                example: albgw-cost --rps 50 --region us-west-2
                'albgw-cost --help' lists every option; 'albgw-cost help COMMAND' explains one command.

                """)
    }

    /// `--out` on the main command (or hops) says which commands write files, with the command line.
    @Test(arguments: [
        (
            "--rps 50 --region us-west-2 --out review",
            "albgw-cost: error: --out belongs to report, dot, sweep and review, which write files; the main command prints: run albgw-cost report --rps 50 --region us-west-2 --out review (the Markdown report and its diagrams) or albgw-cost dot --rps 50 --region us-west-2 --out review (the diagrams)\n"
        ),
        (
            "--rps 50 --format json --out=x",
            "albgw-cost: error: --out belongs to report, dot, sweep and review, which write files; the main command prints: run albgw-cost report --rps 50 --out=x (the Markdown report and its diagrams) or albgw-cost dot --rps 50 --out=x (the diagrams)\n"
        ),
        (
            "hops --rps 5 --out x",
            "albgw-cost: error: --out belongs to report, dot, sweep and review, which write files; hops prints: run albgw-cost report --rps 5 --out x (the Markdown report and its diagrams) or albgw-cost dot --rps 5 --out x (the diagrams)\n"
        ),
    ])
    func outOnTheMainCommand(line: String, message: String) {
        let result = run(line)
        #expect(result.exitCode == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == message)
    }

    @Test(arguments: [
        (
            "help nope",
            "albgw-cost: error: no command 'nope' to explain; commands: compare, hops, dot, report, review, sweep, prices, completions, help (albgw-cost help COMMAND)\n"
        ),
        ("help hops dot", "albgw-cost: error: albgw-cost help takes one COMMAND, got 2: hops dot; e.g. albgw-cost help review\n"),
        (
            "reveiw x",
            "albgw-cost: error: unknown command 'reveiw'; did you mean 'review'? commands: compare, hops, dot, report, review, sweep, prices, completions, help (compare is the default; see 'albgw-cost --help')\n"
        ),
    ])
    func helpAndCommandErrors(line: String, message: String) {
        let result = run(line)
        #expect(result.exitCode == 64 && result.stdout.isEmpty)
        #expect(result.stderr == message)
    }

    /// A mistyped option points to the help of the command it was given to.
    @Test(arguments: [
        ("--rsp 50", "(see 'albgw-cost --help')"), ("hops --rsp 50", "(see 'albgw-cost hops --help')"), ("dot --rsp 50", "(see 'albgw-cost dot --help')"),
        ("report --rsp 50", "(see 'albgw-cost report --help')"), ("review x --rsp 50", "(see 'albgw-cost review --help')"),
        ("sweep --rsp 50", "(see 'albgw-cost sweep --help')"), ("prices --exprot x", "(see 'albgw-cost prices --help')"),
    ])
    func unknownOptionsPointToTheirCommandsHelp(line: String, pointer: String) {
        let result = run(line)
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasSuffix(pointer + "\n"), "\(result.stderr)")
    }

    /// The values completion offers are values the commands accept: each fixed choice of each
    /// option, with the other options it needs.
    @Test func everyChoiceIsAccepted() {
        let context: [String: [String]] = [
            "--hybrid-link": ["--alb-scheme", "internal"], "--dx-port": ["--alb-scheme", "internal", "--hybrid-link", "dx"],
        ]
        for option in OptionTable.all where !option.choices.isEmpty {
            for choice in option.choices {
                let value = choice.hasSuffix("=") ? choice + "1" : choice
                let words = ["--rps", "50", option.name, value] + (context[option.name] ?? [])
                let result = CLI.run(words)
                #expect(result.exitCode == 0, "\(words.joined(separator: " ")): \(result.stderr)")
            }
        }
        let fixture = repositoryPath("Tests/HCLTests/Fixtures/tutorial")
        for command in ["hops", "review", "sweep"] {
            let spec = CommandCatalog.named(command)!
            let format = spec.options.first { $0.name == "--format" }!
            for choice in format.choices {
                let words: [String]
                switch command {
                case "review": words = ["review", fixture, "--rps", "50", "--format", choice]
                case "sweep": words = ["sweep", "--vary", "rps=10..100", "--points", "2", "--format", choice]
                default: words = ["hops", "--rps", "50", "--format", choice]
                }
                #expect(CLI.run(words).exitCode == 0, "\(words.joined(separator: " "))")
            }
        }
        for choice in ReviewOutput.failOnOption.choices {
            #expect([0, 1].contains(CLI.run(["review", fixture, "--fail-on", choice]).exitCode))
        }
        for option in SweepCommand.options where !option.choices.isEmpty {
            for choice in option.choices {
                let words =
                    option.name == "--vary"
                    ? ["sweep", "--vary", choice + (choice.hasPrefix("lambda-memory") ? "128..256" : "1..2"), "--points", "2"]
                        + (choice.hasPrefix("requests-per-month") ? [] : choice.hasPrefix("rps") ? [] : ["--rps", "5"])
                    : ["sweep", "--vary", "rps=10..100", "--points", "2", option.name, choice]
                #expect(CLI.run(words).exitCode == 0, "\(words.joined(separator: " "))")
            }
        }
    }
}
