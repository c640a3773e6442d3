import Foundation

extension Decimal {
    /// Parses a plain decimal numeral (`12`, `0.0000166667`) exactly. Rejects signs, exponents,
    /// `nan`, `inf`, spaces and anything `Decimal(string:)` would otherwise read only a prefix of.
    package init?(exactly text: String) {
        guard Self.isPlainNumeral(text), let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        self = value
    }

    /// A decimal known at compile time, written as a string so that it never passes through `Double`.
    package static func literal(_ text: String) -> Decimal {
        guard let value = Decimal(exactly: text) else { preconditionFailure("bad decimal literal \(text)") }
        return value
    }

    /// True for digits with at most one decimal point between digits, 40 characters at most.
    package static func isPlainNumeral(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 40 else { return false }
        var digitsBefore = 0
        var digitsAfter = 0
        var seenPoint = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9":
                if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            case "." where !seenPoint:
                seenPoint = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!seenPoint || digitsAfter > 0)
    }

    /// Rounds half away from zero (`.plain`) to `scale` decimal places. Used only for display.
    package func rounded(scale: Int) -> Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// The smallest whole number not less than this value.
    package var ceiling: Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, .up)
        return result
    }

    /// True when the value has no fractional part.
    package var isWholeNumber: Bool { self == ceiling }
}
