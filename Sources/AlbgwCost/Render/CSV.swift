import Foundation

/// RFC 4180 text: one header row, CRLF line ends, fields quoted when they hold a comma, a quote or
/// a line break (quotes doubled). Numbers are plain: no currency signs, no thousands separators.
package enum CSV {
    package static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `--format csv`: every design's line items, one row each. Money is rounded once to cents;
    /// quantities and unit prices keep every digit.
    package static func lineItems(_ report: Report) -> String {
        var rows: [[String]] = []
        for design in report.designs {
            guard let cost = design.shownCost else { continue }
            for item in cost.lineItems {
                rows.append([
                    design.design.rawValue, design.isFeasible ? "yes" : "no", item.service, item.component, item.quantity.description, item.unit,
                    item.unitPrice?.description ?? "", item.monthlyCost.map(money) ?? "", item.scope.rawValue, item.priceKey?.rawValue ?? "",
                    item.confidence?.rawValue ?? "", item.missingReason ?? "",
                ])
            }
        }
        return render(
            header: [
                "design", "can_carry", "service", "component", "quantity", "unit", "unit_price_usd", "monthly_usd", "scope", "price_key", "confidence",
                "missing_price",
            ], rows: rows)
    }

    /// Money for a spreadsheet: rounded once to cents, plain digits (`1234.50`).
    package static func money(_ value: ExactDecimal) -> String {
        plain(value.rounded(scale: 2), places: 2)
    }

    /// A plain decimal with exactly `places` decimals, no grouping.
    package static func plain(_ value: ExactDecimal, places: Int) -> String {
        let rounded = value.rounded(scale: places)
        let text = rounded.description
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return "\(parts[0]).\(fraction)\(String(repeating: "0", count: max(0, places - fraction.count)))"
    }
}
