import Foundation
import HCL
import Testing
@testable import AlbgwCost

/// `ExactDecimal` against Foundation's `Decimal`, the independent reference: the same results, digit
/// for digit, wherever both are exact, and within the 38th digit where a quotient must be rounded.
@Suite struct ExactDecimalTests {
    /// A seeded generator, so that every run checks the same values.
    struct Generator {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state, stream: 0) }
        mutating func next() -> UInt64 { random.next() }

        /// A plain numeral of up to `digits` significant digits with up to `places` decimals.
        mutating func numeral(digits: Int, places: Int) -> String {
            let count = Int(next() % UInt64(digits)) + 1
            var text = String((0..<count).map { _ in Character(String(next() % 10)) })
            let point = Int(next() % UInt64(min(places, count) + 1))
            if point > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -point)) }
            if text.hasPrefix(".") { text = "0" + text }
            return text
        }
    }

    func foundation(_ text: String) -> Foundation.Decimal { Foundation.Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    func exact(_ text: String) -> ExactDecimal { ExactDecimal(exactly: text)! }

    @Test func sumsDifferencesAndProductsMatchFoundation() {
        var random = Generator(state: 42)
        for _ in 0..<5_000 {
            let (a, b) = (random.numeral(digits: 18, places: 12), random.numeral(digits: 18, places: 12))
            let (x, y) = (exact(a), exact(b))
            let (fx, fy) = (foundation(a), foundation(b))
            #expect((x + y).description == (fx + fy).description, "\(a) + \(b)")
            #expect((x - y).description == (fx - fy).description, "\(a) - \(b)")
            #expect((y - x).description == (fy - fx).description, "\(b) - \(a)")
            #expect((x * y).description == (fx * fy).description, "\(a) x \(b)")
            #expect((x < y) == (fx < fy), "\(a) < \(b)")
            #expect((x == y) == (fx == fy), "\(a) == \(b)")
        }
    }

    /// Terminating quotients (a = b x c) come back exact and equal Foundation's; others agree with
    /// Foundation to the 26 or more digits it keeps (it sometimes stops there, where this type keeps
    /// 37 or 38).
    @Test func quotientsMatchFoundation() {
        var random = Generator(state: 7)
        for _ in 0..<3_000 {
            var b = random.numeral(digits: 12, places: 6)
            if exact(b).isZero { b = "3" }
            let c = random.numeral(digits: 14, places: 8)
            let a = exact(b) * exact(c)
            #expect(a / exact(b) == exact(c), "\(a) / \(b)")
            #expect((a / exact(b)).description == (a.foundationDecimal / foundation(b)).description, "\(a) / \(b)")
        }
        for _ in 0..<3_000 {
            let a = random.numeral(digits: 15, places: 8)
            var b = random.numeral(digits: 12, places: 6)
            if exact(b).isZero { b = "3" }
            let ours = exact(a) / exact(b)
            let theirs = foundation(a) / foundation(b)
            guard let reference = ExactDecimal(theirs) else {
                Issue.record("Foundation gave \(theirs) for \(a) / \(b)")
                continue
            }
            let difference = (reference - ours).magnitude
            let bound = ours.magnitude * ExactDecimal(mantissa: 1, exponent: -25) + ExactDecimal(mantissa: 1, exponent: -40)
            #expect(difference <= bound, "\(a) / \(b): \(ours) vs \(theirs)")
        }
        // Powers of two and ten divide exactly, as the tool's unit conversions do.
        #expect((exact("131400000") * 5 / exact("1048576")).description == "626.56402587890625")
        #expect((exact("1") / exact("1073741824")).description == "0.000000000931322574615478515625")
        #expect((exact("730") / exact("24")).description == "30.416666666666666666666666666666666667")
        #expect((exact("2") / exact("3")).description == "0.6666666666666666666666666666666666667")
    }

    @Test func textRoundTripsAndRejectsWhatIsNotPlain() {
        for text in ["0", "1", "0.5", "131400000", "0.0000166667", "0.0000000309", "123456789012345678901234567890.12345678"] {
            #expect(exact(text).description == foundation(text).description, "\(text)")
        }
        #expect(exact("2.50").description == "2.5")
        #expect(exact("0.000").description == "0")
        #expect(ExactDecimal(integerLiteral: -3).description == "-3")
        for bad in ["", "-1", "+1", "1e5", ".5", "5.", "1.2.3", " 1", "nan", "１", "1234567890123456789012345678901234567891"] {
            #expect(ExactDecimal(exactly: bad) == nil, "\(bad)")
        }
    }

    /// Display rounding is half away from zero, as `NSDecimalRound(.plain)`.
    @Test func roundingMatchesFoundation() {
        var random = Generator(state: 99)
        for _ in 0..<3_000 {
            let text = random.numeral(digits: 20, places: 10)
            let scale = Int(random.next() % 6)
            for value in [exact(text), -exact(text)] {
                var input = value.foundationDecimal
                var output = Foundation.Decimal()
                NSDecimalRound(&output, &input, scale, .plain)
                #expect(value.rounded(scale: scale).description == output.description, "\(value) at \(scale)")
            }
        }
        #expect(exact("2.5").rounded(scale: 0) == 3)
        #expect((-exact("2.5")).rounded(scale: 0) == -3)
        #expect(exact("0.005").rounded(scale: 2) == ExactDecimal.literal("0.01"))
        #expect(exact("0.0049999").rounded(scale: 2) == 0)
    }

    @Test func ceilingFloorAndWholeNumbers() {
        #expect(exact("730").ceiling == 730)
        #expect(exact("720.5").ceiling == 721)
        #expect(exact("0.0001").ceiling == 1)
        #expect((-exact("1.5")).ceiling == -1)
        #expect(exact("1.5").floor == 1)
        #expect(exact("12.000").isWholeNumber)
        #expect(!exact("12.001").isWholeNumber)
        #expect(exact("12.000").intValue == 12)
        #expect(exact("12.5").intValue == nil)
    }

    /// Beyond 38 digits results are rounded, not wrong: a product of two 30-digit numbers.
    @Test func wideResultsRoundToThirtyEightDigits() {
        let a = exact("123456789012345678901234567890")
        let product = a * a
        let reference = foundation("123456789012345678901234567890") * foundation("123456789012345678901234567890")
        let difference = (ExactDecimal(reference)! - product).magnitude
        #expect(difference <= product.magnitude * ExactDecimal(mantissa: 1, exponent: -37))
        // Sums across 60 orders of magnitude keep the larger operand's 38 digits.
        let big = exact("10000000000000000000000000000000000000")
        #expect((big + exact("0.000000000000000000001")).description == big.description)
        #expect(((big + 1) - big) == 1)
        // Equal values with different representations are equal and hash alike.
        let tens = ExactDecimal(mantissa: 1000, exponent: -3)
        #expect(tens == 1)
        #expect(Set([tens, ExactDecimal(1)]).count == 1)
    }

    @Test func foundationRoundTrip() {
        for text in ["0", "42", "0.0000166667", "626.56402587890625"] {
            #expect(ExactDecimal(foundation(text))! == exact(text))
            #expect(exact(text).foundationDecimal == foundation(text))
        }
        #expect(ExactDecimal(foundation("-2.5"))! == -exact("2.5"))
    }
}
