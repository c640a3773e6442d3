import Foundation

/// An exact decimal number: `mantissa x 10^exponent`, with a 128-bit signed mantissa (up to 38
/// significant digits). Sums, differences and products are exact whenever the result has at most 38
/// significant digits, as every figure of this tool's bills has; a quotient is exact when it
/// terminates within 38 digits and is otherwise rounded to 38 significant digits, half away from
/// zero, as Foundation's `Decimal` rounds. It exists for speed: its arithmetic is native 128-bit
/// integer arithmetic, about a hundred times faster than `Decimal`'s, and it parses and prints
/// without a `Locale`.
///
/// Values are not kept normalized (trailing zeros may sit in the mantissa); equality, hashing,
/// ordering and text all see the same number whatever its representation.
package struct ExactDecimal: Sendable {
    // The mantissa is stored as two 64-bit halves: a stored `Int128` needs 16-byte alignment, which
    // memory an async task allocates on Linux does not always give (a crash under swift-testing).
    @usableFromInline var high: Int64
    @usableFromInline var low: UInt64
    package var exponent: Int32

    /// The signed 128-bit mantissa.
    @inlinable package var mantissa: Int128 {
        get { Int128(high) << 64 | Int128(low) }
        set {
            high = Int64(truncatingIfNeeded: newValue >> 64)
            low = UInt64(truncatingIfNeeded: newValue)
        }
    }

    @inlinable package init(mantissa: Int128, exponent: Int32) {
        self.high = Int64(truncatingIfNeeded: mantissa >> 64)
        self.low = UInt64(truncatingIfNeeded: mantissa)
        self.exponent = exponent
    }

    /// The most significant digits a value keeps: 10^38 < Int128.max < 10^39.
    package static let maximumDigits = 38

    /// 10^0 ... 10^38.
    @usableFromInline static let powersOfTen: [UInt128] = {
        var result: [UInt128] = [1]
        for _ in 1...38 { result.append(result.last! * 10) }
        return result
    }()

    /// 5^0 ... 5^54 (5^55 exceeds 128 bits).
    @usableFromInline static let powersOfFive: [UInt128] = {
        var result: [UInt128] = [1]
        for _ in 1...54 { result.append(result.last! * 5) }
        return result
    }()

    @inlinable package init(_ value: Int) { self.init(mantissa: Int128(value), exponent: 0) }

    /// True when the value is zero.
    @inlinable package var isZero: Bool { mantissa == 0 }
}

// MARK: - Building from wide magnitudes

extension ExactDecimal {
    /// Decimal digits of a magnitude (0 has 1).
    @usableFromInline static func digitCount(_ value: UInt128) -> Int {
        var low = 0
        var high = 39
        // The first power of ten above the value, by bisection over 10^0 ... 10^38.
        while low < high {
            let middle = (low + high) / 2
            if middle > 38 || value < powersOfTen[middle] { high = middle } else { low = middle + 1 }
        }
        return max(1, low)
    }

    /// `sign x magnitude x 10^exponent`, the magnitude given as 256 bits, rounded half away from zero
    /// to at most 38 significant digits (and to a mantissa that fits in 128 signed bits).
    @usableFromInline static func rounding(negative: Bool, high: UInt128, low: UInt128, exponent: Int) -> ExactDecimal {
        var high = high
        var low = low
        var exponent = exponent
        var lastRemainder: UInt128 = 0
        // Divide by ten until the magnitude fits in 38 digits; the last digit cut decides the rounding.
        while high != 0 || low >= powersOfTen[38] {
            let (quotient, remainder) = divide(high: high, low: low, by: 10)
            lastRemainder = remainder
            high = quotient.high
            low = quotient.low
            exponent += 1
        }
        // Half away from zero: a first cut digit of 5 or more rounds up.
        if lastRemainder >= 5 {
            low += 1
            if low == powersOfTen[38] {
                low = powersOfTen[37]
                exponent += 1
            }
        }
        let mantissa = Int128(low)
        return ExactDecimal(mantissa: negative ? -mantissa : mantissa, exponent: Int32(clamping: exponent))
    }

    /// (high, low) / divisor, as a 256-bit quotient and the remainder.
    @usableFromInline static func divide(high: UInt128, low: UInt128, by divisor: UInt128) -> (quotient: (high: UInt128, low: UInt128), remainder: UInt128) {
        let quotientHigh = high / divisor
        let remainderHigh = high % divisor
        let (quotientLow, remainder) = divisor.dividingFullWidth((high: remainderHigh, low: low))
        return ((quotientHigh, quotientLow), remainder)
    }

    /// The same number with the trailing zeros of the mantissa moved into the exponent; zero is 0 x 10^0.
    @inlinable package var normalized: ExactDecimal {
        guard mantissa != 0 else { return ExactDecimal(mantissa: 0, exponent: 0) }
        // Most values fit 64 bits, where division is far cheaper.
        if var small = Int64(exactly: mantissa) {
            var exponent = self.exponent
            while small % 10_000 == 0 {
                small /= 10_000
                exponent += 4
            }
            while small % 10 == 0 {
                small /= 10
                exponent += 1
            }
            return ExactDecimal(mantissa: Int128(small), exponent: exponent)
        }
        var mantissa = self.mantissa
        var exponent = self.exponent
        while mantissa % 10_000 == 0 {
            mantissa /= 10_000
            exponent += 4
        }
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return ExactDecimal(mantissa: mantissa, exponent: exponent)
    }
}

// MARK: - Arithmetic

extension ExactDecimal: AdditiveArithmetic {
    package static var zero: ExactDecimal { ExactDecimal(mantissa: 0, exponent: 0) }

    @inlinable package static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        if lhs.mantissa == 0 { return rhs }
        if rhs.mantissa == 0 { return lhs }
        if lhs.exponent == rhs.exponent {
            let (sum, overflow) = lhs.mantissa.addingReportingOverflow(rhs.mantissa)
            if !overflow { return ExactDecimal(mantissa: sum, exponent: lhs.exponent) }
        } else {
            // Scale the operand with the larger exponent down to the smaller one.
            let (big, small) = lhs.exponent > rhs.exponent ? (lhs, rhs) : (rhs, lhs)
            let shift = Int(big.exponent) - Int(small.exponent)
            if shift <= 38 {
                let (scaled, overflow) = big.mantissa.multipliedReportingOverflow(by: Int128(powersOfTen[shift]))
                if !overflow {
                    let (sum, overflow2) = scaled.addingReportingOverflow(small.mantissa)
                    if !overflow2 { return ExactDecimal(mantissa: sum, exponent: small.exponent) }
                }
            }
        }
        return wideSum(lhs, rhs)
    }

    @inlinable package static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        lhs + ExactDecimal(mantissa: -rhs.mantissa, exponent: rhs.exponent)
    }

    @inlinable package static func += (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs + rhs }
    @inlinable package static func -= (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs - rhs }

    /// A sum that does not fit the fast path. Both operands go to a common exponent no lower than 39
    /// digits below the larger one's leading digit (what lies below only touches rounding at the 38th
    /// digit, and is cut), are added as 256-bit magnitudes, and the sum is rounded to 38 digits.
    @usableFromInline static func wideSum(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> ExactDecimal {
        let a = lhs.normalized
        let b = rhs.normalized
        let aTop = digitCount(a.mantissa.magnitude) + Int(a.exponent)
        let bTop = digitCount(b.mantissa.magnitude) + Int(b.exponent)
        let common = max(min(Int(a.exponent), Int(b.exponent)), max(aTop, bTop) - 39)
        func wide(_ value: ExactDecimal) -> (high: UInt128, low: UInt128) {
            let shift = Int(value.exponent) - common
            if shift >= 0 { return value.mantissa.magnitude.multipliedFullWidth(by: powersOfTen[shift]) }
            // Below the common exponent: cut (only digits far below the 38th are lost).
            return -shift > 38 ? (0, 0) : (0, value.mantissa.magnitude / powersOfTen[-shift])
        }
        let x = wide(a)
        let y = wide(b)
        let xNegative = a.mantissa < 0
        let yNegative = b.mantissa < 0
        if xNegative == yNegative {
            let (low, carry) = x.low.addingReportingOverflow(y.low)
            return rounding(negative: xNegative, high: x.high &+ y.high &+ (carry ? 1 : 0), low: low, exponent: common)
        }
        // Opposite signs: the larger magnitude minus the smaller, with the larger one's sign.
        let xLarger = x.high != y.high ? x.high > y.high : x.low >= y.low
        let (big, small, negative) = xLarger ? (x, y, xNegative) : (y, x, yNegative)
        let (low, borrow) = big.low.subtractingReportingOverflow(small.low)
        return rounding(negative: negative, high: big.high &- small.high &- (borrow ? 1 : 0), low: low, exponent: common)
    }

    @inlinable package static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let (product, overflow) = lhs.mantissa.multipliedReportingOverflow(by: rhs.mantissa)
        if !overflow { return ExactDecimal(mantissa: product, exponent: lhs.exponent + rhs.exponent) }
        return wideProduct(lhs, rhs)
    }

    @inlinable package static func *= (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs * rhs }

    @usableFromInline static func wideProduct(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> ExactDecimal {
        let a = lhs.normalized
        let b = rhs.normalized
        let (product, overflow) = a.mantissa.multipliedReportingOverflow(by: b.mantissa)
        if !overflow { return ExactDecimal(mantissa: product, exponent: a.exponent + b.exponent) }
        let wide = a.mantissa.magnitude.multipliedFullWidth(by: b.mantissa.magnitude)
        return rounding(negative: (a.mantissa < 0) != (b.mantissa < 0), high: wide.high, low: wide.low, exponent: Int(a.exponent) + Int(b.exponent))
    }

    /// The quotient, exact when it terminates within 38 significant digits, else rounded to 38.
    package static func / (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        precondition(rhs.mantissa != 0, "division by zero")
        if lhs.mantissa == 0 { return .zero }
        let negative = (lhs.mantissa < 0) != (rhs.mantissa < 0)
        let dividend = lhs.mantissa.magnitude
        let divisor = rhs.mantissa.magnitude
        // A divisor made of twos and fives only (1,024, 2^30, 1,000, 0.4): multiply by its complement
        // to a power of ten, exactly, and move the point.
        if let (factor, places) = tenComplement(divisor) {
            let (product, overflow) = lhs.mantissa.multipliedReportingOverflow(by: Int128(factor))
            if !overflow {
                let value = ExactDecimal(mantissa: negative != (lhs.mantissa < 0) ? -product : product, exponent: lhs.exponent - rhs.exponent - Int32(places))
                return value
            }
        }
        // Whole quotient: exact at once.
        if dividend % divisor == 0 {
            let quotient = Int128(dividend / divisor)
            return ExactDecimal(mantissa: negative ? -quotient : quotient, exponent: lhs.exponent - rhs.exponent)
        }
        // Scale the dividend so that the quotient has 37 or 38 digits, then divide in 256 bits: the
        // scaled dividend has at most 37 + 39 = 76 digits, below 2^256.
        let divisorDigits = digitCount(divisor)
        let shift = max(0, 37 + divisorDigits - digitCount(dividend))
        let scaled: (high: UInt128, low: UInt128)
        if shift <= 38 {
            scaled = dividend.multipliedFullWidth(by: powersOfTen[shift])
        } else {
            let first = dividend.multipliedFullWidth(by: powersOfTen[38])
            let extra = powersOfTen[shift - 38]
            let lowPart = first.low.multipliedFullWidth(by: extra)
            scaled = (first.high &* extra &+ lowPart.high, lowPart.low)
        }
        let (quotient, remainder) = divide(high: scaled.high, low: scaled.low, by: divisor)
        let exponent = Int(lhs.exponent) - Int(rhs.exponent) - shift
        // Round half away from zero on the remainder, once: the quotient already has at most 38 digits.
        var low = quotient.low
        var high = quotient.high
        let twice = remainder.multipliedFullWidth(by: 2)
        if twice.high > 0 || twice.low >= divisor {
            let (sum, carry) = low.addingReportingOverflow(1)
            low = sum
            if carry { high += 1 }
        }
        let result = rounding(negative: negative, high: high, low: low, exponent: exponent)
        return remainder == 0 ? result.normalized : result
    }

    package static func /= (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs / rhs }

    /// For a divisor 2^a x 5^b, the factor 5^a x 2^b and the places a + b such that
    /// x / divisor = x x factor / 10^places; nil for any other divisor or one too large.
    @usableFromInline static func tenComplement(_ divisor: UInt128) -> (factor: UInt128, places: Int)? {
        guard divisor != 0 else { return nil }
        let twos = divisor.trailingZeroBitCount
        let rest = divisor >> twos
        // What is left must be a power of five: found by comparison, no division.
        guard let fives = rest == 1 ? 0 : powersOfFive.firstIndex(of: rest), twos <= 54, fives < 127 else { return nil }
        // 5^twos x 2^fives, checked for overflow.
        let (factor, overflow) = powersOfFive[twos].multipliedReportingOverflow(by: UInt128(1) << fives)
        return overflow ? nil : (factor, twos + fives)
    }

    @inlinable package static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(mantissa: -value.mantissa, exponent: value.exponent)
    }
}

extension ExactDecimal: SignedNumeric {
    package typealias Magnitude = ExactDecimal

    package init?<T: BinaryInteger>(exactly source: T) {
        guard let value = Int128(exactly: source) else { return nil }
        self.init(mantissa: value, exponent: 0)
    }

    @inlinable package var magnitude: ExactDecimal { ExactDecimal(mantissa: mantissa < 0 ? -mantissa : mantissa, exponent: exponent) }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    @inlinable package init(integerLiteral value: Int64) { self.init(mantissa: Int128(value), exponent: 0) }
}

// MARK: - Comparison

extension ExactDecimal: Comparable, Hashable {
    package static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.exponent == rhs.exponent { return lhs.mantissa == rhs.mantissa }
        let shift = Int(lhs.exponent) - Int(rhs.exponent)
        if shift > 0 && shift <= 38 {
            let (scaled, overflow) = lhs.mantissa.multipliedReportingOverflow(by: Int128(powersOfTen[shift]))
            if !overflow { return scaled == rhs.mantissa }
        } else if shift < 0 && -shift <= 38 {
            let (scaled, overflow) = rhs.mantissa.multipliedReportingOverflow(by: Int128(powersOfTen[-shift]))
            if !overflow { return lhs.mantissa == scaled }
        }
        let a = lhs.normalized
        let b = rhs.normalized
        return a.mantissa == b.mantissa && a.exponent == b.exponent
    }

    package func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.mantissa)
        hasher.combine(value.exponent)
    }

    @inlinable package static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.exponent == rhs.exponent { return lhs.mantissa < rhs.mantissa }
        // Fast path: bring the larger exponent down when that fits.
        let shift = Int(lhs.exponent) - Int(rhs.exponent)
        if shift > 0 && shift <= 38 {
            let (scaled, overflow) = lhs.mantissa.multipliedReportingOverflow(by: Int128(powersOfTen[shift]))
            if !overflow { return scaled < rhs.mantissa }
        } else if shift < 0 && -shift <= 38 {
            let (scaled, overflow) = rhs.mantissa.multipliedReportingOverflow(by: Int128(powersOfTen[-shift]))
            if !overflow { return lhs.mantissa < scaled }
        }
        let lhsSign = lhs.mantissa.signum()
        let rhsSign = rhs.mantissa.signum()
        if lhsSign != rhsSign { return lhsSign < rhsSign }
        if lhsSign == 0 { return false }
        return compareMagnitudes(lhs, rhs) == (lhsSign > 0 ? -1 : 1)
    }

    /// -1, 0 or 1 as |lhs| is below, equal to or above |rhs|.
    @usableFromInline static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        let a = lhs.normalized
        let b = rhs.normalized
        let aMagnitude = a.mantissa.magnitude
        let bMagnitude = b.mantissa.magnitude
        // Compare the positions of the leading digits first, then the digits themselves.
        let aTop = digitCount(aMagnitude) + Int(a.exponent)
        let bTop = digitCount(bMagnitude) + Int(b.exponent)
        if aTop != bTop { return aTop < bTop ? -1 : 1 }
        let shift = Int(a.exponent) - Int(b.exponent)
        let (x, y): (UInt128, UInt128)
        // Same leading position: both fit at the smaller exponent within 39 digits of 128 bits... unless
        // the shift is large, in which case the shorter is padded with a 256-bit product.
        if shift >= 0 {
            let wide = aMagnitude.multipliedFullWidth(by: powersOfTen[min(shift, 38)])
            if wide.high != 0 || shift > 38 { return 1 }
            (x, y) = (wide.low, bMagnitude)
        } else {
            let wide = bMagnitude.multipliedFullWidth(by: powersOfTen[min(-shift, 38)])
            if wide.high != 0 || -shift > 38 { return -1 }
            (x, y) = (aMagnitude, wide.low)
        }
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}

// MARK: - Rounding

extension ExactDecimal {
    /// Rounds half away from zero to `scale` decimal places. Used only for display.
    package func rounded(scale: Int) -> ExactDecimal {
        let cut = -Int(exponent) - scale
        guard cut > 0 else { return self }
        let magnitude = mantissa.magnitude
        guard cut <= 38 else { return .zero }
        let power = ExactDecimal.powersOfTen[cut]
        var kept = magnitude / power
        let remainder = magnitude % power
        if remainder.multipliedFullWidth(by: 2).low >= power || remainder.multipliedFullWidth(by: 2).high > 0 { kept += 1 }
        let value = Int128(kept)
        return ExactDecimal(mantissa: mantissa < 0 ? -value : value, exponent: Int32(-scale))
    }

    /// Rounded half away from zero to `digits` significant digits (`348.441` to 3 is `348`).
    package func rounded(significant digits: Int) -> ExactDecimal {
        guard !isZero else { return self }
        let normal = normalized
        let top = ExactDecimal.digitCount(normal.mantissa.magnitude) + Int(normal.exponent)
        return normal.rounded(scale: digits - top)
    }

    /// The decimal with the fewest significant digits from `low` to `high` (both included, `low`
    /// not above `high`): a bisection's final bracket written as one short number.
    package static func shortest(from low: ExactDecimal, to high: ExactDecimal) -> ExactDecimal {
        let middle = (low + high) / 2
        for digits in 1...38 {
            let candidate = middle.rounded(significant: digits)
            if candidate >= low && candidate <= high { return candidate.normalized }
        }
        return middle
    }

    /// The smallest whole number not less than this value.
    package var ceiling: ExactDecimal {
        guard exponent < 0 else { return self }
        let cut = -Int(exponent)
        guard cut <= 38 else { return mantissa > 0 ? 1 : .zero }
        let power = Int128(ExactDecimal.powersOfTen[cut])
        var whole = mantissa / power
        if mantissa % power != 0 && mantissa > 0 { whole += 1 }
        return ExactDecimal(mantissa: whole, exponent: 0)
    }

    /// The largest whole number not above this value.
    package var floor: ExactDecimal { -(-self).ceiling }

    /// True when the value has no fractional part.
    package var isWholeNumber: Bool { self == ceiling }

    /// The value as an `Int` when it is whole and fits; nil otherwise.
    package var intValue: Int? {
        guard isWholeNumber else { return nil }
        let value = normalized
        guard value.exponent <= 38 else { return nil }
        let (scaled, overflow) = value.mantissa.multipliedReportingOverflow(by: Int128(ExactDecimal.powersOfTen[Int(max(0, value.exponent))]))
        guard !overflow, let result = Int(exactly: scaled) else { return nil }
        return result
    }

    /// The nearest `Double`, for drawing only: never for money.
    package var doubleValue: Double { Double(mantissa) * pow(10, Double(exponent)) }
}

// MARK: - Text

extension ExactDecimal: CustomStringConvertible {
    /// Plain digits with a point where needed, no exponent and no trailing zeros: `0.5`, `131400000`,
    /// `0.0000166667`, `-3`.
    package var description: String {
        let value = normalized
        let digits = Self.digits(value.mantissa.magnitude)
        let sign = value.mantissa < 0 ? "-" : ""
        let exponent = Int(value.exponent)
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
        let point = digits.count + exponent
        if point > 0 {
            // Strings, not substrings: appending a substring goes through the generic append.
            return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        return sign + "0." + String(repeating: "0", count: -point) + digits
    }

    /// Appends the value rounded half away from zero to exactly `places` decimals, no grouping
    /// (`1234.50`): CSV and other plain text, without building intermediate strings.
    package func appendFixed(places: Int, to out: inout String) {
        let value = rounded(scale: places)
        let shift = Int(value.exponent) + places
        var magnitude = value.mantissa.magnitude
        if shift > 0 { magnitude *= ExactDecimal.powersOfTen[min(shift, 38)] }
        if value.mantissa < 0 && magnitude != 0 { out += "-" }
        let digits = Self.digits(magnitude)
        guard places > 0 else {
            out += digits
            return
        }
        if digits.utf8.count <= places {
            out += "0."
            out += String(repeating: "0", count: places - digits.utf8.count)
            out += digits
        } else {
            let point = digits.utf8.count - places
            out += digits.prefix(point)
            out += "."
            out += digits.suffix(places)
        }
    }

    /// Appends the bytes of `description` to `bytes` without building a `String`: what a
    /// 100,000-point sweep's JSON is written with.
    package func appendDescription(to bytes: inout [UInt8]) {
        let value = normalized
        if value.mantissa < 0 { bytes.append(UInt8(ascii: "-")) }
        let exponent = Int(value.exponent)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { reversed in
            // Digits, least significant first: 19 at a time through 64 bits.
            var count = 0
            var rest = value.mantissa.magnitude
            let piece: UInt128 = 10_000_000_000_000_000_000  // 10^19
            while rest > UInt128(UInt64.max) {
                var chunk = UInt64(rest % piece)
                rest /= piece
                for _ in 0..<19 {
                    reversed[count] = UInt8(ascii: "0") + UInt8(chunk % 10)
                    chunk /= 10
                    count += 1
                }
            }
            var small = UInt64(rest)
            repeat {
                reversed[count] = UInt8(ascii: "0") + UInt8(small % 10)
                small /= 10
                count += 1
            } while small > 0
            func digits(_ range: Range<Int>) {
                for index in range { bytes.append(reversed[count - 1 - index]) }
            }
            if exponent >= 0 {
                digits(0..<count)
                for _ in 0..<exponent { bytes.append(UInt8(ascii: "0")) }
                return
            }
            let point = count + exponent
            if point > 0 {
                digits(0..<point)
                bytes.append(UInt8(ascii: "."))
                digits(point..<count)
            } else {
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "."))
                for _ in 0 ..< -point { bytes.append(UInt8(ascii: "0")) }
                digits(0..<count)
            }
        }
    }

    /// The decimal digits of a magnitude, through 64-bit pieces (128-bit division per digit is slow).
    static func digits(_ value: UInt128) -> String {
        if let small = UInt64(exactly: value) { return String(small) }
        let piece: UInt128 = 10_000_000_000_000_000_000  // 10^19
        let high = value / piece
        let low = String(UInt64(value % piece))
        return digits(high) + String(repeating: "0", count: 19 - low.count) + low
    }

    /// Parses a plain decimal numeral (`12`, `0.0000166667`) exactly. Rejects signs, exponents,
    /// `nan`, `inf`, spaces and more than 38 significant digits other than trailing zeros.
    package init?(exactly text: String) {
        guard Self.isPlainNumeral(text) else { return nil }
        self.init(digits: text)
    }

    /// Digits with at most one point, checked by the caller. Beyond what the mantissa holds, zeros
    /// move the exponent; another digit is refused, or with `rounding` rounds half away from zero.
    private init?(digits text: String, rounding: Bool = false) {
        var mantissa: Int128 = 0
        var exponent: Int32 = 0
        var seenPoint = false
        var full = false
        var firstDropped: Int128? = nil
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            let digit = Int128(byte - UInt8(ascii: "0"))
            if !full {
                let (times10, overflow) = mantissa.multipliedReportingOverflow(by: 10)
                if !overflow && times10 <= Int128.max - digit {
                    mantissa = times10 + digit
                    if seenPoint { exponent -= 1 }
                    continue
                }
                full = true
            }
            // The mantissa is full: this digit only moves the exponent, or rounds.
            if digit != 0 {
                guard rounding else { return nil }
            }
            if firstDropped == nil { firstDropped = digit }
            if !seenPoint { exponent += 1 }
        }
        if let firstDropped, firstDropped >= 5 {
            let (next, overflow) = mantissa.addingReportingOverflow(1)
            if overflow {
                mantissa = mantissa / 10 + 1
                exponent += 1
            } else {
                mantissa = next
            }
        }
        self.init(mantissa: mantissa, exponent: exponent)
    }

    /// A decimal known at compile time, written as a string so that it never passes through `Double`.
    package static func literal(_ text: String) -> ExactDecimal {
        guard let value = ExactDecimal(exactly: text) else { preconditionFailure("bad decimal literal \(text)") }
        return value
    }

    /// `[+-]digits[.digits][e[+-]digits]`, `.5` and `5.` included: what Terraform reads as a number from
    /// a string. Not hexadecimal (`0x50`), `NaN` or `infinity`, which Swift's `Double` would take.
    package static func isDecimalNumeral(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// True for digits with at most one decimal point between digits. Any length: leading zeros and
    /// zeros after the last significant decimal cost nothing, and `init(exactly:)` refuses a digit
    /// it cannot keep.
    package static func isPlainNumeral(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var digitsBefore = 0
        var digitsAfter = 0
        var seenPoint = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!seenPoint || digitsAfter > 0)
    }

    /// From Foundation's `Decimal` (values read by the HCL evaluator), through its plain text.
    package init?(_ decimal: Foundation.Decimal) {
        let text = decimal.description
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        guard !digits.isEmpty, digits.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }), let value = ExactDecimal(digits: digits, rounding: true) else { return nil }
        self = negative ? -value : value
    }

    /// To Foundation's `Decimal`, through plain text.
    package var foundationDecimal: Foundation.Decimal {
        Foundation.Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}
