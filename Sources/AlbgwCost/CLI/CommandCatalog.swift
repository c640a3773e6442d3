/// One command of `albgw-cost`: what it does in a line, how it is called, the options it takes and a
/// few examples. Per-command help and the shell completion scripts are generated from it, and its
/// options come from the option table, so neither can drift from what the parser accepts.
package struct CommandSpec: Sendable {
    /// The word after `albgw-cost`. `compare` is also what runs when no command is given.
    package var name: String
    /// What it does, in one line (the global help's command list).
    package var summary: String
    /// Usage lines, each a whole command line.
    package var usage: [String]
    /// The word the command takes besides options (`review PATH`), if any.
    package var operand: Operand?
    /// Options shown in full, each on one line: the command's own first, then the analysis options
    /// it leans on most. For `compare`, every option, in the main help's sections.
    package var sections: [(title: String, options: [OptionSpec])]
    /// Analysis options it accepts as well, listed by name in its help (`compare --help` explains them).
    package var alsoAccepts: [OptionSpec] = []
    /// Two or three command lines that work as written.
    package var examples: [String]
    /// A short paragraph after the examples, when the options alone do not say it.
    package var about: String? = nil

    /// Every option the command accepts, for completion: those shown in full and those listed by name.
    package var options: [OptionSpec] { sections.flatMap(\.options) + alsoAccepts }

    /// The word after the command (`review PATH`, `completions SHELL`, `help COMMAND`).
    package struct Operand: Sendable {
        package var metavar: String
        package var help: String
        package var kind: Kind

        package enum Kind: Sendable, Equatable {
            /// A file or directory.
            case path
            /// One of these words.
            case choices([String])
            /// A command's name.
            case command
        }
    }
}

/// The commands, in the order help lists them.
package enum CommandCatalog {
    package static let all: [CommandSpec] = [compare, hops, dot, report, review, sweep, prices, completions, help]

    package static var names: [String] { all.map(\.name) }

    package static func named(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

    /// `--help` as every command takes it.
    static let helpOption = OptionTable.output.first { $0.name == "--help" }!

    /// The options that describe the workload and the setting, which every analysing command reads.
    /// `--regions` (main command only), `--format` (each command has its own), `--detail` (the
    /// table's, main command and review), `--help` and `--version` are not among them.
    static var analysisOptions: [OptionSpec] {
        OptionTable.all.filter { !["--regions", "--format", "--help", "--version", "--detail"].contains($0.name) }
    }

    /// The analysis options named, in the order given, and the remaining ones to list by name, less
    /// those the command refuses.
    static func analysis(featuring names: [String], excluding: [String] = []) -> (featured: [OptionSpec], rest: [OptionSpec]) {
        let options = analysisOptions
        return (names.map { name in options.first { $0.name == name }! }, options.filter { !names.contains($0.name) && !excluding.contains($0.name) })
    }

    /// A `--format` that takes these formats, described as `help` says.
    static func format(_ choices: [String], help: String, defaultText: String? = "table") -> OptionSpec {
        OptionSpec(name: "--format", metavar: "FORMAT", help: help, defaultText: defaultText, choices: choices)
    }

    /// Options to name in the section of a subcommand: its own, the featured analysis ones, `--help`.
    static func subcommand(
        name: String, summary: String, usage: [String], operand: CommandSpec.Operand? = nil, own: [OptionSpec], featuring: [String], excluding: [String] = [],
        examples: [String], about: String? = nil
    ) -> CommandSpec {
        let (featured, rest) = analysis(featuring: featuring, excluding: excluding)
        return CommandSpec(
            name: name, summary: summary, usage: usage, operand: operand, sections: [("OPTIONS", own + featured + [helpOption])], alsoAccepts: rest,
            examples: examples, about: about)
    }

    static let compare = CommandSpec(
        name: "compare", summary: "the default: each design's costs, limits and request paths; --regions ranks regions",
        usage: ["albgw-cost [compare] --rps N [--region CODE] [options]", "albgw-cost [compare] --rps N --regions all|CODE,... [options]"],
        sections: OptionTable.sections,
        examples: [
            "albgw-cost --rps 50 --region us-west-2",
            "albgw-cost --rps 50 --region us-west-2 --format json",
            "albgw-cost --rps 50 --regions all --format csv",
        ],
        about: "compare runs when no command is given: albgw-cost --rps 50 is albgw-cost compare --rps 50.")

    static let hops = subcommand(
        name: "hops", summary: "each design's request path hop by hop, with its limits and warnings",
        usage: ["albgw-cost hops --rps N [--region CODE] [options]"],
        own: [format(["table", "json", "markdown", "dot"], help: "table (the request paths), or json, markdown or dot (the whole analysis)")],
        featuring: ["--rps", "--requests-per-month", "--region", "--design", "--hop-latency-ms", "--preset"],
        examples: [
            "albgw-cost hops --rps 50 --region us-west-2",
            "albgw-cost hops --rps 50 --region us-west-2 --hop-latency-ms alb=3,vpce=1,apigw=15",
            "albgw-cost hops --rps 50 --request-kb 2048 --design alb-lambda",
        ])

    static let dot = subcommand(
        name: "dot", summary: "Graphviz diagrams of the designs and their comparison",
        usage: ["albgw-cost dot --rps N [--region CODE] [options] [--out DIR]"],
        own: OptionTable.dot,
        featuring: ["--rps", "--requests-per-month", "--region", "--design", "--preset"],
        examples: [
            "albgw-cost dot --rps 50 --region us-west-2 | dot -Tsvg > comparison.svg",
            "albgw-cost dot --rps 50 --preset tutorial --design alb-vpce-apigw-lambda | dot -Tsvg > a.svg",
            "albgw-cost dot --rps 50 --region us-west-2 --out diagrams",
        ])

    static let report = subcommand(
        name: "report", summary: "a Markdown design-review report with its diagrams, written into a directory",
        usage: ["albgw-cost report --rps N [--region CODE] [options] --out DIR"],
        own: ReportCommand.options,
        featuring: ["--rps", "--requests-per-month", "--region", "--needs", "--preset", "--design"],
        examples: [
            "albgw-cost report --rps 50 --region us-west-2 --out review",
            "albgw-cost report --rps 50 --region us-west-2 --needs usage-plans --out review",
            "albgw-cost report --rps 50 --preset hybrid --out hybrid-review",
        ])

    static let review = subcommand(
        name: "review", summary: "read Terraform, recognise the design, review the code; with --rps, its costs too",
        usage: ["albgw-cost review PATH [--rps N] [--var NAME=VALUE] [--var-file FILE] [options]", "albgw-cost review plan.json [--rps N] [options]"],
        operand: .init(metavar: "PATH", help: "a .tf file, a directory of them, or the JSON of a plan or a state (terraform show -json)", kind: .path),
        own: ReviewCommand.options + [
            format(
                ReviewOutput.formats.filter { $0 != "csv" },
                help: "table, json, markdown, dot (the analysis; needs --rps) or sarif (the findings, for code scanning)"),
            OptionTable.output.first { $0.name == "--detail" }!,
        ],
        // The code describes the topology: a preset cannot as well.
        featuring: ["--rps", "--requests-per-month", "--region"], excluding: ["--preset"],
        examples: [
            "albgw-cost review plan.json   (made with: terraform plan -out tfplan && terraform show -json tfplan > plan.json)",
            "albgw-cost review ./infra --rps 50 --var region=us-west-2",
            "albgw-cost review ./infra --rps 50 --format sarif --fail-on high > review.sarif",
        ])

    static let sweep = subcommand(
        name: "sweep", summary: "every design across a range of one input: where the cheapest changes, where limits bind",
        usage: ["albgw-cost sweep --vary VAR=FROM..TO [--points N] [--scale log|linear] [--format FORMAT] [--out DIR] [options]"],
        own: SweepCommand.options + [
            format(SweepCommand.formats, help: "table, csv (RFC 4180, every point), json or svg (a chart)")
        ],
        featuring: ["--rps", "--requests-per-month", "--region", "--design", "--preset"],
        examples: [
            "albgw-cost sweep --vary rps=10..10000 --region us-west-2",
            "albgw-cost sweep --vary request-kb=1..2048 --rps 50 --format csv > sizes.csv",
            "albgw-cost sweep --vary lambda-duration-ms=100..60000 --rps 20 --out sweep",
        ],
        about: """
            Each point is evaluated with the engine of the single-point command: its totals are what
            albgw-cost prints for that value, to the cent. The sweep finds, by bisection with exact
            arithmetic, where the cheapest design that can carry the workload changes (to three
            significant figures) and where a design stops being able to carry it (at its limit, exactly).
            """)

    static let prices = CommandSpec(
        name: "prices", summary: "the price tables: regions and their gaps, one region's sources, an export to edit",
        usage: ["albgw-cost prices [--region CODE] [--prices DIR]", "albgw-cost prices --export DIR"],
        sections: [("OPTIONS", OptionTable.prices)],
        examples: [
            "albgw-cost prices",
            "albgw-cost prices --region us-west-1",
            "albgw-cost prices --export ./prices   (edit, then: albgw-cost --rps 50 --prices ./prices)",
        ],
        about: """
            A table lists each price under "prices" with usd (or tiers), unit, source, asOf (YYYY[-MM[-DD]])
            and confidence (high, medium-high, medium, low). A price nobody could source is listed under
            "missing" with the reason; move it to "prices" once you have a source.
            """)

    static let completions = CommandSpec(
        name: "completions", summary: "a completion script for bash, zsh or fish",
        usage: ["albgw-cost completions bash|zsh|fish"],
        operand: .init(metavar: "SHELL", help: "the shell to complete in", kind: .choices(Completions.shells)),
        sections: [("OPTIONS", [helpOption])],
        examples: [
            "albgw-cost completions bash > ~/.local/share/bash-completion/completions/albgw-cost   (after mkdir -p of that directory)",
            "albgw-cost completions zsh > ~/.zfunc/_albgw-cost   (after mkdir -p ~/.zfunc; with fpath=(~/.zfunc $fpath) before compinit)",
            "albgw-cost completions fish > ~/.config/fish/completions/albgw-cost.fish   (after mkdir -p of that directory)",
        ])

    static let help = CommandSpec(
        name: "help", summary: "the full help, or one command's options and examples",
        usage: ["albgw-cost help [COMMAND]"],
        operand: .init(metavar: "COMMAND", help: "the command to explain; without it, the full help", kind: .command),
        sections: [],
        examples: ["albgw-cost help review", "albgw-cost help compare"])
}
