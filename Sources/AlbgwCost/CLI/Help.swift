import Foundation

/// `--help`, generated from the option table so that it never drifts from what the parser accepts.
/// Lines fit `width` (the terminal's, from `COLUMNS`): an option's or a command's text wraps under
/// itself, beside the names.
package enum Help {
    package static func main(width: Int = TextWrap.defaultWidth) throws -> String {
        let regions = (try? PriceCatalog.bundled.regions()) ?? []
        let intro =
            "albgw-cost \(CLI.version): what it costs to put a private API Gateway behind an Application Load Balancer, to let the ALB invoke Lambda directly, or to reach the private API by its own custom domain name through the endpoint, per hour, per month and per 1M requests."
        var out = """
            \(TextWrap.paragraph(intro, width: width))
            USAGE
            \(CommandCatalog.compare.usage.map { "  \($0)\n" }.joined())  albgw-cost COMMAND [options]

            \(title("COMMANDS ('albgw-cost help COMMAND', or COMMAND --help, shows its own options and examples)", width: width))\(commandList(width: width))
            EXAMPLES
              albgw-cost --rps 50 --region us-west-2
              albgw-cost --rps 50 --region us-west-2 --format json
              albgw-cost --rps 5 --alb-scheme internal --free-tier --lambda-arch arm64
              albgw-cost --requests-per-month 5000000 --hours-per-month 720 --vpce-subnets 1
              albgw-cost hops --rps 50 --region us-west-2 --hop-latency-ms alb=3,vpce=1,apigw=15
              albgw-cost --rps 50 --accounts cross --alb-scheme internet-facing
              albgw-cost dot --rps 50 --preset tutorial --design alb-vpce-apigw-lambda | dot -Tsvg > a.svg
              albgw-cost --rps 50 --preset hybrid --design vpce-apigw-lambda
              albgw-cost report --rps 50 --region us-west-2 --needs usage-plans --out review
              albgw-cost review ./infra --rps 50 --var region=us-west-2
              albgw-cost review ./infra --rps 50 --format sarif --fail-on high > review.sarif
              terraform show -json tfplan > plan.json && albgw-cost review plan.json --rps 50
              albgw-cost sweep --vary rps=10..10000 --region us-west-2 --format svg > traffic.svg
              albgw-cost --rps 50 --regions all --format csv
              albgw-cost prices --export ./prices   (edit, then: albgw-cost --rps 50 --prices ./prices)

            DESIGNS

            """
        out += list(DesignCatalog.all.map { ($0.id.rawValue, $0.detail) }, width: width) + "\n"
        for (title, options) in OptionTable.sections { out += section(title, options, width: width) }
        let reviewOwn = CommandCatalog.review.sections[0].options.filter { option in !CommandCatalog.analysisOptions.contains { $0.name == option.name } && option.name != "--help"
        }
        out += section(
            "REVIEW (albgw-cost review PATH: .tf files, or the JSON of a plan or a state; --format sarif prints its findings for code scanning)", reviewOwn,
            width: width)
        out += title("CONVENTIONS (also printed with every result)", width: width)
        out += paragraphs(
            [
                "1 KiB = 1,024 bytes; 1 GB = 2^30 bytes (10^9 in the ALB's processed bytes, as AWS's ALB example counts). A month is --hours-per-month hours (730 by default).",
                "Monthly requests = rps x 3,600 x hours per month.",
                "ALB LCUs per hour = max(new connections/s / 25, active connections / 3,000, processed GB/h / 1 (IP targets: the endpoint ENIs) or / 0.4 (Lambda targets), rule evaluations/s / 1,000 with max(0, rules - 10) per request).",
                "New connections/s = rps / requests per connection; active = new/s x connection seconds.",
                "Interface endpoint: one endpoint-hour per subnet per hour; GB processed = request + response.",
                "API Gateway requests, Lambda GB-seconds and internet egress are priced through their tiers.",
                "Internet-facing ALB: one public IPv4 address per AZ; responses leave as data transfer out.",
                "Internal ALB: responses over VPN or Direct Connect are priced with --hybrid-link vpn|dx.",
                "Free tiers are off unless --free-tier. Prices missing from a table are reported, never guessed.",
            ], width: width)
        out += "\nPRICE TABLES\n"
        out += paragraphs(
            [
                "Bundled for: \(regions.joined(separator: ", ")).",
                "Every price carries its source, as-of date and confidence; see 'albgw-cost prices --region CODE'.",
            ], width: width)
        out += "\nEXIT CODES\n"
        out += paragraphs(
            [
                "0 success; 1 review --fail-on met a finding at or above its severity (the output is complete); 64 usage error; 65 malformed price table or Terraform; 66 missing file or directory; 73 output cannot be written (--out DIR of dot, report, sweep, review, prices --export); 74 standard output cannot take the output (a full disk, a closed descriptor)."
            ], width: width)
        return out
    }

    /// Each text a paragraph indented by two spaces, its further lines by four.
    static func paragraphs(_ texts: [String], width: Int) -> String {
        texts.map { TextWrap.paragraph($0, width: width, first: "  ", rest: "    ") }.joined()
    }

    /// A heading, wrapped with its further lines indented past the options below it, should it not fit.
    static func title(_ text: String, width: Int) -> String { TextWrap.paragraph(text, width: width, rest: "    ") }

    /// Every command, with what it does.
    static func commandList(width: Int) -> String {
        list(CommandCatalog.all.map { ($0.name, $0.summary) }, width: width)
    }

    /// Names in a column, each followed by its text, which wraps under itself. When the names take
    /// more than half the width, or a word of the texts would not fit beside them, each name stands on
    /// its own line with its text below it, indented: a word is never cut to fill a line.
    static func list(_ rows: [(name: String, text: String)], width: Int) -> String {
        let column = (rows.map(\.name.count).max() ?? 0) + 4
        let longestWord = rows.flatMap { $0.text.split(separator: " ").map(\.count) }.max() ?? 0
        if column <= width / 2 && column + longestWord <= width {
            let rest = String(repeating: " ", count: column)
            return rows.map { name, text in
                TextWrap.paragraph(text, width: width, first: "  " + name + String(repeating: " ", count: column - 2 - name.count), rest: rest)
            }.joined()
        }
        return rows.map { name, text in "  \(name)\n" + TextWrap.paragraph(text, width: width, first: "      ") }.joined()
    }

    /// What `albgw-cost` alone prints on stderr: how to call it, the headline example, where help is.
    package static var shortUsage: String {
        let commands = CommandCatalog.names.filter { $0 != "compare" }.joined(separator: "|")
        return """
            usage: albgw-cost [compare] --rps N [--region CODE] [options]
                   albgw-cost \(commands) ...
            example: albgw-cost --rps 50 --region us-west-2
            'albgw-cost --help' lists every option; 'albgw-cost help COMMAND' explains one command.

            """
    }

    /// `albgw-cost COMMAND --help` and `albgw-cost help COMMAND`: the command's usage, examples and
    /// options, from its entry in the catalog.
    package static func command(_ spec: CommandSpec, width: Int = TextWrap.defaultWidth) -> String {
        var out = TextWrap.paragraph("albgw-cost \(spec.name): \(spec.summary)", width: width, rest: "  ") + "\nUSAGE\n"
        out += spec.usage.map { "  \($0)\n" }.joined() + "\n"
        out += "EXAMPLES\n" + spec.examples.map { "  \($0)\n" }.joined() + "\n"
        // One paragraph, written in lines for the source's sake: flowed again to the width.
        if let about = spec.about { out += TextWrap.paragraph(about.replacingOccurrences(of: "\n", with: " "), width: width) + "\n" }
        if let operand = spec.operand {
            let choices: String
            switch operand.kind {
            case .path: choices = ""
            case .choices(let words): choices = " (one of: \(words.joined(separator: ", ")))"
            case .command: choices = " (one of: \(CommandCatalog.names.joined(separator: ", ")))"
            }
            out += "ARGUMENTS\n" + list([(operand.metavar, operand.help + choices)], width: width) + "\n"
        }
        for (title, options) in spec.sections { out += section(title, options, width: width) }
        if !spec.alsoAccepts.isEmpty {
            out += title("ANALYSIS OPTIONS (as for the main command; 'albgw-cost help compare' explains each)", width: width)
            out += TextWrap.paragraph(spec.alsoAccepts.map(\.name).joined(separator: ", "), width: min(width, 100), first: "  ")
            out += "\n"
        }
        return out
    }

    static func section(_ title: String, _ options: [OptionSpec], width: Int) -> String {
        let rows = options.map { option in
            (option.metavar.map { "\(option.name) \($0)" } ?? option.name, option.help + (option.defaultText.map { " (default: \($0))" } ?? ""))
        }
        return Self.title(title, width: width) + list(rows, width: width) + "\n"
    }
}
