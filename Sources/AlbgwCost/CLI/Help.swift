import Foundation

/// `--help`, generated from the option table so that it never drifts from what the parser accepts.
package enum Help {
    package static func main() throws -> String {
        let regions = (try? PriceCatalog.bundled.regions()) ?? []
        var out = """
            albgw-cost \(CLI.version): what it costs to put a private API Gateway behind an Application Load
            Balancer, to let the ALB invoke Lambda directly, or to reach the private API by its own custom
            domain name through the endpoint, per hour, per month and per 1M requests.

            USAGE
              albgw-cost --rps N [--region CODE] [options]      costs, limits and request paths
              albgw-cost hops --rps N [--region CODE] [options] the request paths in full, limits, warnings
              albgw-cost dot --rps N [options] [--out DIR]      Graphviz diagrams (dot -Tsvg renders them)
              albgw-cost report --rps N [options] --out DIR     a Markdown design-review report with diagrams
              albgw-cost review PATH --rps N [--var K=V] ...   read Terraform, recognise the design, review it
              albgw-cost sweep --vary VAR=FROM..TO [options]    every design across a range of one input, the
                                                               crossovers and limits (see 'albgw-cost sweep --help')
              albgw-cost --rps N --regions all [options]        the designs ranked across regions
              albgw-cost prices [--region CODE] [--export DIR]  the price tables, their sources and gaps

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
              albgw-cost sweep --vary rps=10..10000 --region us-west-2 --format svg > traffic.svg
              albgw-cost --rps 50 --regions all --format csv
              albgw-cost prices --export ./prices   (edit, then: albgw-cost --rps 50 --prices ./prices)

            DESIGNS

            """
        let width = DesignCatalog.all.map(\.id.rawValue.count).max() ?? 0
        for design in DesignCatalog.all {
            out += "  \(design.id.rawValue)\(String(repeating: " ", count: width - design.id.rawValue.count))  \(design.detail)\n"
        }
        out += "\n"
        out += section("WORKLOAD", OptionTable.workload)
        out += section("WHERE IT RUNS", OptionTable.topology)
        out += section("LIMITS (AWS defaults; give yours if AWS raised them)", OptionTable.limits)
        out += section("THE WHOLE BILL (all off unless given; --preset hybrid turns on a VPN and a Resolver endpoint)", OptionTable.wholeBill)
        out += section("BILLING", OptionTable.billing)
        out += section("OUTPUT", OptionTable.output)
        out += section("REVIEW (albgw-cost review PATH; --format sarif prints its findings for code scanning)", ReviewCommand.options)
        out += """
            CONVENTIONS (also printed with every result)
              1 KiB = 1,024 bytes; 1 GB = 2^30 bytes. A month is --hours-per-month hours (730 by default).
              Monthly requests = rps x 3,600 x hours per month.
              ALB LCUs per hour = max(new connections/s / 25, active connections / 3,000,
                processed GB/h / 1 (IP targets: the endpoint ENIs) or / 0.4 (Lambda targets),
                rule evaluations/s / 1,000 with max(0, rules - 10) per request).
                New connections/s = rps / requests per connection; active = new/s x connection seconds.
              Interface endpoint: one endpoint-hour per subnet per hour; GB processed = request + response.
              API Gateway requests, Lambda GB-seconds and internet egress are priced through their tiers.
              Internet-facing ALB: one public IPv4 address per AZ; responses leave as data transfer out.
              Internal ALB: responses over VPN or Direct Connect are priced with --hybrid-link vpn|dx.
              Free tiers are off unless --free-tier. Prices missing from a table are reported, never guessed.

            PRICE TABLES
              Bundled for: \(regions.joined(separator: ", ")).
              Every price carries its source, as-of date and confidence; see 'albgw-cost prices --region CODE'.

            EXIT CODES
              0 success; 1 review --fail-on met a finding at or above its severity (the output is complete);
              64 usage error; 65 malformed price table or Terraform; 66 missing file or directory;
              73 output cannot be written (--out DIR of dot, report, prices --export).

            """
        return out
    }

    static func section(_ title: String, _ options: [OptionSpec]) -> String {
        let lefts = options.map { option in option.metavar.map { "\(option.name) \($0)" } ?? option.name }
        let width = lefts.map(\.count).max() ?? 0
        var out = "\(title)\n"
        for (left, option) in zip(lefts, options) {
            let padding = String(repeating: " ", count: width - left.count)
            let fallback = option.defaultText.map { " (default: \($0))" } ?? ""
            out += "  \(left)\(padding)  \(option.help)\(fallback)\n"
        }
        return out + "\n"
    }
}
