import Foundation

/// Number formatting for people: fixed rules, no locale, so output is byte-identical everywhere.
package enum Format {
    /// `$1,234.56`: rounded half away from zero to cents. The only place money is rounded.
    package static func money(_ value: ExactDecimal) -> String {
        let sign = value < 0 ? "-" : ""
        return "\(sign)$\(fixed(abs(value), places: 2))"
    }

    /// `$0.0000166667` or `$3.50`: unit prices keep every digit the table has; at least 2 places.
    package static func unitPrice(_ value: ExactDecimal) -> String {
        let text = "\(value)"
        let places = text.split(separator: ".").dropFirst().first?.count ?? 0
        return "$\(fixed(value, places: max(2, places)))"
    }

    /// `131,400,000` or `0.8583`: thousands separators and at most `places` decimals, trailing zeros dropped.
    package static func quantity(_ value: ExactDecimal, places: Int = 4) -> String {
        let sign = value < 0 ? "-" : ""
        var text = fixed(abs(value), places: places)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return sign + text
    }

    /// `12.5%` from a fraction, one decimal place.
    package static func percent(_ fraction: ExactDecimal) -> String {
        "\(fixed(fraction * 100, places: 1))%"
    }

    /// Rounds to `places` and writes exactly that many decimals, grouping the integer part.
    package static func fixed(_ value: ExactDecimal, places: Int) -> String {
        let rounded = value.rounded(scale: places)
        let text = "\(rounded)"
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = grouped(String(parts[0]))
        guard places > 0 else { return integer }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, places - fraction.count))
        return "\(integer).\(fraction)"
    }

    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}

extension Format {
    /// `3,450`, `0.0123`, `1.05`: three significant figures, for values found by bisection.
    package static func threeSignificant(_ value: ExactDecimal) -> String {
        guard !value.isZero else { return "0" }
        let normal = value.normalized
        let top = ExactDecimal.digitCount(normal.mantissa.magnitude) + Int(normal.exponent)
        let scale = 3 - top
        return quantity(value.rounded(scale: scale), places: max(0, scale))
    }

    /// A `Double` (a point placed on a log scale) as an exact decimal of `digits` significant digits.
    package static func significant(_ value: Double, digits: Int) -> ExactDecimal {
        guard value.isFinite, value > 0 else { return 0 }
        var exponent = Int(Foundation.floor(log10(value))) - (digits - 1)
        var scaled = (value / Foundation.pow(10, Double(exponent))).rounded()
        if scaled >= Foundation.pow(10, Double(digits)) {
            scaled = (scaled / 10).rounded()
            exponent += 1
        }
        return ExactDecimal(mantissa: Int128(scaled), exponent: Int32(exponent)).normalized
    }

    /// `1,234.5678901`, `0.00175`: every digit of the value, thousands grouped. Sweep values are shown
    /// this way so that the value shown is the value evaluated and can be typed back.
    package static func exact(_ value: ExactDecimal) -> String {
        let text = value.description
        let negative = text.hasPrefix("-")
        let parts = (negative ? String(text.dropFirst()) : text).split(separator: ".", omittingEmptySubsequences: false)
        return (negative ? "-" : "") + grouped(String(parts[0])) + (parts.count > 1 ? ".\(parts[1])" : "")
    }

    /// `$0.6789`: four decimals, for per-hour and per-million-requests figures where cents hide the difference.
    package static func money4(_ value: ExactDecimal) -> String {
        let sign = value < 0 ? "-" : ""
        return "\(sign)$\(fixed(abs(value), places: 4))"
    }
}
