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
        // The decimals of the value's plain text: those of its normalized form.
        let places = value.isZero ? 0 : max(0, -Int(value.normalized.exponent))
        return "$" + fixed(value, places: max(2, places))
    }

    /// `131,400,000` or `0.8583`: thousands separators and at most `places` decimals, trailing zeros dropped.
    package static func quantity(_ value: ExactDecimal, places: Int = 4) -> String {
        var bytes = fixedBytes(abs(value), places: places)
        if bytes.contains(UInt8(ascii: ".")) {
            while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        }
        if value < 0 { bytes.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `12.5%` from a fraction, one decimal place.
    package static func percent(_ fraction: ExactDecimal) -> String {
        "\(fixed(fraction * 100, places: 1))%"
    }

    /// Rounds to `places` and writes exactly that many decimals, grouping the integer part.
    package static func fixed(_ value: ExactDecimal, places: Int) -> String {
        String(decoding: fixedBytes(value, places: places), as: UTF8.self)
    }

    /// `fixed` as ASCII bytes, built without intermediate strings: the integer part of the value's
    /// plain text grouped by threes (counting a minus sign as a digit, as `fixed` always has), then
    /// the point and exactly `places` decimals.
    private static func fixedBytes(_ value: ExactDecimal, places: Int) -> [UInt8] {
        let rounded = value.rounded(scale: places)
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        if !rounded.isZero {
            if rounded.mantissa < 0 { integer.append(UInt8(ascii: "-")) }
            let digits = Array(ExactDecimal.digits(rounded.mantissa.magnitude).utf8)
            let exponent = Int(rounded.exponent)
            if exponent >= 0 {
                integer += digits
                integer += repeatElement(UInt8(ascii: "0"), count: exponent)
            } else if digits.count > -exponent {
                integer += digits[..<(digits.count + exponent)]
                fraction += digits[(digits.count + exponent)...]
            } else {
                integer.append(UInt8(ascii: "0"))
                fraction += repeatElement(UInt8(ascii: "0"), count: -exponent - digits.count)
                fraction += digits
            }
        } else {
            integer.append(UInt8(ascii: "0"))
        }
        var out: [UInt8] = []
        out.reserveCapacity(integer.count * 4 / 3 + max(0, places) + 2)
        for (index, byte) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(byte)
        }
        guard places > 0 else { return out }
        out.append(UInt8(ascii: "."))
        out += fraction
        if fraction.count < places { out += repeatElement(UInt8(ascii: "0"), count: places - fraction.count) }
        return out
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
        // The value's plain text, its integer digits grouped (the sign is not counted as a digit).
        let text = Array(value.description.utf8)
        let start = text.first == UInt8(ascii: "-") ? 1 : 0
        let point = text.firstIndex(of: UInt8(ascii: ".")) ?? text.count
        var out: [UInt8] = []
        out.reserveCapacity(text.count + (point - start) / 3)
        out += text[..<start]
        for index in start..<point {
            if index > start && (point - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(text[index])
        }
        out += text[point...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `$0.6789`: four decimals, for per-hour and per-million-requests figures where cents hide the difference.
    package static func money4(_ value: ExactDecimal) -> String {
        let sign = value < 0 ? "-" : ""
        return "\(sign)$\(fixed(abs(value), places: 4))"
    }
}
