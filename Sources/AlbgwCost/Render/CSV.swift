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

    /// `--format csv`: every design's line items, one row each, then its total. Each line's money is
    /// rounded to the cent on its own, as the table shows it; the total is the exact sum rounded
    /// once. When the rounded lines do not add up to it, a `rounding` row says by how much, so that
    /// a design's rows foot to its total in a spreadsheet. Quantities and unit prices keep every digit.
    package static func lineItems(_ report: Report) -> String {
        var rows: [[String]] = []
        for design in report.designs {
            guard let cost = design.shownCost else { continue }
            let id = design.design.rawValue
            let carries = design.isFeasible ? "yes" : "no"
            var shown: ExactDecimal = 0
            for item in cost.lineItems {
                if let monthly = item.monthlyCost { shown += monthly.rounded(scale: 2) }
                rows.append([
                    id, carries, item.service, item.component, item.quantity.description, item.unit, item.unitPrice?.description ?? "",
                    item.monthlyCost.map(money) ?? "", item.scope.rawValue, item.priceKey?.rawValue ?? "", item.confidence?.rawValue ?? "",
                    item.missingReason ?? "", "item", "",
                ])
            }
            let total = cost.monthlyCost.rounded(scale: 2)
            if total != shown {
                rows.append([
                    id, carries, "Rounding", "Lines rounded to the cent one by one", "", "", "", plain(total - shown, places: 2), "", "", "", "", "rounding",
                    "each line is rounded on its own; this row makes them add up to the total, the exact sum rounded once",
                ])
            }
            let note =
                [
                    cost.isComplete ? nil : "incomplete: a price is missing (see missing_price), so the total is a lower bound",
                    design.isFeasible ? nil : "if it were possible: this design cannot carry the workload here",
                ].compactMap { $0 }.joined(separator: "; ")
            rows.append([id, carries, "Total", "Total (exact sum, rounded once)", "", "", "", plain(total, places: 2), "", "", "", "", "total", note])
        }
        return render(
            header: [
                "design", "can_carry", "service", "component", "quantity", "unit", "unit_price_usd", "monthly_usd", "scope", "price_key", "confidence",
                "missing_price", "line", "note",
            ], rows: rows)
    }

    /// Money for a spreadsheet: rounded once to cents, plain digits (`1234.50`).
    package static func money(_ value: ExactDecimal) -> String { plain(value, places: 2) }

    /// A plain decimal with exactly `places` decimals, no grouping.
    package static func plain(_ value: ExactDecimal, places: Int) -> String {
        var text = ""
        value.appendFixed(places: places, to: &text)
        return text
    }
}
