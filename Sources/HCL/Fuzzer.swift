import Foundation

/// Seeded mutation fuzzing of the reader, shared by the test suite (a short run) and
/// `HCLBenchmark fuzz` (long runs driven by Scripts/fuzz-hcl).
///
/// Input number `n` depends only on the seed, `n` and the corpus, so a run can be split into batches
/// (each in its own process, so a crash loses nothing) and a crashing input can be rebuilt on its own.
package struct Fuzzer: Sendable {
    /// Texts the mutations start from and splice in: the given corpus plus `snippets`.
    package let corpus: [[UInt8]]
    /// The seed every input derives from.
    package let seed: UInt64

    /// Creates a fuzzer over `corpus` (typically the test fixtures) and the built-in snippets.
    package init(seed: UInt64, corpus: [String]) {
        self.seed = seed
        self.corpus = (corpus + Fuzzer.snippets).map { Array($0.utf8) }
    }

    /// Input number `iteration`: a corpus text with one to four mutations applied.
    package func input(_ iteration: Int) -> [UInt8] {
        var random = SplitMix64(seed: seed, stream: UInt64(truncatingIfNeeded: iteration))
        var bytes = corpus[random.below(corpus.count)]
        for _ in 0...random.below(4) { mutate(&bytes, &random) }
        return bytes
    }

    // MARK: - The property

    /// What reading one input did.
    package enum Outcome: Sendable, Equatable {
        /// It parsed, and every walk over the tree finished.
        case parsed
        /// It was rejected with a well-formed `HCLError`.
        case rejected
        /// Something that must never happen (a crash is not caught here: it ends the process).
        case violation(String)
    }

    /// Parses `bytes` the way the tool reads files, then walks the result as consumers do: references,
    /// rendering, exact source text, evaluation, hashing. Errors must be `HCLError`s with one short line.
    package static func exercise(_ bytes: [UInt8], path: String = "fuzz.tf") -> Outcome {
        let file: HCLFile
        do {
            file = try HCLParser.parse(Data(bytes), path: path)
        } catch let error as HCLError {
            let text = error.description
            if text.unicodeScalars.contains(where: { isLineBreakOrControl($0) }) { return .violation("error is not one line: \(text)") }
            if text.unicodeScalars.count > 1_000 { return .violation("error is \(text.unicodeScalars.count) characters long") }
            if error.line < 1 || error.column < 1 { return .violation("error has no position: \(text)") }
            return .rejected
        } catch {
            return .violation("not an HCLError: \(error)")
        }
        _ = file.body.references
        _ = file.hashValue
        let size = file.source.utf8.count
        var pending = [file.body]
        while let body = pending.popLast() {
            for item in body.items {
                switch item {
                case .block(let block):
                    pending.append(block.body)
                case .attribute(let attribute):
                    let expression = attribute.expression
                    let range = expression.range
                    guard 0 <= range.start.offset, range.start.offset <= range.end.offset, range.end.offset <= size else {
                        return .violation("range \(range) outside the file")
                    }
                    _ = file.sourceText(of: expression)
                    _ = expression.sourceText
                    _ = expression.references
                    _ = evaluator.evaluate(expression)
                    if case .template(let template) = expression.kind { _ = evaluator.evaluate(template) }
                }
            }
        }
        return .parsed
    }

    private static func isLineBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Values for the names mutated inputs most often use, so evaluation goes past the first reference.
    /// A lower work limit than the default keeps runs fast; hitting it is an ordinary outcome.
    private static let evaluator = Evaluator(
        variables: ["x": [1, "a", ["k": true]], "n": 3, "s": "text", "m": ["a": [1, 2], "b": "c"]],
        locals: ["x": [1, 2, 3], "name": "n"],
        scope: ["each": ["key": "k", "value": ["name": "v"]], "count": ["index": 0], "y": [[1], [2, 3]]],
        workLimit: 50_000)

    // MARK: - Mutations

    /// Applies one random byte-level mutation (also used by the review's fuzzer on each file of a configuration).
    package func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        switch random.below(12) {
        case 0:  // replace a byte: mostly punctuation and letters, sometimes anything
            guard !bytes.isEmpty else { return }
            let any = random.below(4) == 0
            bytes[random.below(bytes.count)] = any ? UInt8(random.below(256)) : Fuzzer.printable[random.below(Fuzzer.printable.count)]
        case 1:  // insert an HCL token
            bytes.insert(contentsOf: Array(Fuzzer.tokens[random.below(Fuzzer.tokens.count)].utf8), at: random.below(bytes.count + 1))
        case 2:  // delete a range
            guard !bytes.isEmpty else { return }
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(64)))
        case 3:  // duplicate a line
            let line = randomLine(bytes, &random)
            bytes.insert(contentsOf: Array(bytes[line]), at: line.upperBound)
        case 4:  // duplicate a range (often a whole block or more)
            guard !bytes.isEmpty else { return }
            let start = random.below(bytes.count)
            let slice = Array(bytes[start..<min(bytes.count, start + 1 + random.below(2_048))])
            bytes.insert(contentsOf: slice, at: random.below(bytes.count + 1))
        case 5:  // splice in a fragment of another corpus text
            let other = corpus[random.below(corpus.count)]
            guard !other.isEmpty else { return }
            let start = random.below(other.count)
            let fragment = other[start..<min(other.count, start + 1 + random.below(512))]
            bytes.insert(contentsOf: fragment, at: random.below(bytes.count + 1))
        case 6:  // a burst of nesting, closed or not
            let (open, close) = Fuzzer.openers[random.below(Fuzzer.openers.count)]
            let count = Fuzzer.burstSizes[random.below(Fuzzer.burstSizes.count)]
            var burst = Array(String(repeating: open, count: count).utf8) + Array("x".utf8)
            if random.below(2) == 0 { burst += Array(String(repeating: close, count: count).utf8) }
            bytes.insert(contentsOf: burst, at: insertionPoint(bytes, &random))
        case 7:  // a long operator or traversal chain
            let link = Fuzzer.chainLinks[random.below(Fuzzer.chainLinks.count)]
            let count = Fuzzer.chainLengths[random.below(Fuzzer.chainLengths.count)]
            bytes.insert(contentsOf: Array(String(repeating: link, count: count).utf8), at: insertionPoint(bytes, &random))
        case 8:  // truncate
            bytes.removeSubrange(random.below(bytes.count + 1)...)
        case 9:  // swap two lines
            let first = randomLine(bytes, &random), second = randomLine(bytes, &random)
            guard first.upperBound <= second.lowerBound else { return }
            let (a, b) = (Array(bytes[first]), Array(bytes[second]))
            bytes.replaceSubrange(second, with: a)
            bytes.replaceSubrange(first, with: b)
        case 10:  // a control, separator or broken UTF-8 sequence
            bytes.insert(contentsOf: Fuzzer.oddBytes[random.below(Fuzzer.oddBytes.count)], at: random.below(bytes.count + 1))
        default:  // flip one bit
            guard !bytes.isEmpty else { return }
            bytes[random.below(bytes.count)] ^= UInt8(1) << UInt8(random.below(8))
        }
    }

    /// The byte range of a random line, including its newline.
    private func randomLine(_ bytes: [UInt8], _ random: inout SplitMix64) -> Range<Int> {
        guard !bytes.isEmpty else { return 0..<0 }
        var start = random.below(bytes.count)
        while start > 0 && bytes[start - 1] != Byte.newline { start -= 1 }
        var end = start
        while end < bytes.count && bytes[end] != Byte.newline { end += 1 }
        return start..<min(bytes.count, end + 1)
    }

    /// Half the time just before a newline (where an expression usually ends), else anywhere.
    private func insertionPoint(_ bytes: [UInt8], _ random: inout SplitMix64) -> Int {
        let position = random.below(bytes.count + 1)
        guard random.below(2) == 0 else { return position }
        return bytes[position...].firstIndex(of: Byte.newline) ?? bytes.count
    }

    // MARK: - Ingredients

    private static let printable = Array("{}[]()\"$%~\\\n=<>#*/.-!?:,&|+ abxyz019_".utf8)

    private static let tokens = [
        "{", "}", "[", "]", "(", ")", "\"", "${", "%{", "~}", "${~", "<<EOF\n", "\nEOF\n", "<<-EOT\n", "\n  EOT\n", "=", "==",
        "=>", ":", "::", "?", ",", ".", "...", ".*", "[*]", "#", "//", "/*", "*/", "\\", "\\u", "\n", "&&", "||", "!", "-",
        "+", "%", " for ", " in ", " if ", "%{ if x }", "%{ else }", "%{ endif }", "%{ for v in x }", "%{ endfor }", "0.1",
        ".0.1", ".0", "1e999", "99999999999999999999999", "null", "true", "x", "var.", "each.value", " a = 1\n", "b {\n",
        "c { d = 1 }", "$${", "%%{", "provider::p::f(", "\r\n", "\t",
    ]

    private static let openers = [
        ("[", "]"), ("(", ")"), ("{a=", "}"), ("\"${", "}\""), ("f(", ")"), ("-", ""), ("!", ""), ("x[", "]"),
        ("%{if true}", "%{endif}"), ("%{for v in [1, 2]}", "%{endfor}"), ("[for v in [1, 2] : ", "]"),
        ("{for k, v in {a = 1, b = 2} : k => ", "}"), ("true ? ", " : 0"), ("b {\n", "}\n"), ("<<EOF\n${", "}\nEOF\n"),
    ]

    private static let burstSizes = [4, 16, 64, 255, 256, 257, 600, 5_000]

    private static let chainLinks = [
        " + x", " * 2", " - 1", " / 3", " % n", " || y", " && z", " == 1", " < 2", "[*]", ".a", "[0]", ".*", ".0", "[*].b",
        ".*.c", "[\"k\"]", "[x]",
    ]

    private static let chainLengths = [10, 100, 300, 3_000, 30_000]

    private static let oddBytes: [[UInt8]] = [
        [0x00], [0x1B], [0x7F], [0x0D], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xCC, 0x81],
    ]

    /// Small texts covering the syntax the fixtures do not: directives, heredocs, for, splats, odd numbers.
    static let snippets = [
        """
        a = "x-${var.x[0]}-%{ if n > 2 }big%{ else }small%{ endif }"
        b = <<-EOT
            %{~ for i, v in local.x ~}
            ${i}: ${v}
            %{~ endfor ~}
          EOT
        """,
        """
        c = [for k, v in var.m : "${k}=${v}" if k != "b"]
        d = {for v in local.x : tostring(v) => v * 2...}
        e = var.x[*].k
        f = y.*.0
        g = concat(local.x, [4, 5]...)
        """,
        """
        resource "r" "n" {
          count = var.n > 1 ? 2 : 1
          tags  = merge({ Name = "x" }, { for k in ["a", "b"] : k => upper(k) })
          lifecycle { create_before_destroy = true }
          dynamic "d" {
            for_each = each.value
            content { v = d.value }
          }
        }
        """,
        "h = -1.5e3 + 2 * 3 % 4 / 5 - 0\ni = !true || false && 1 >= 2 != (3 <= 4)\nj = jsonencode({ a = [1, null, \"\\u00e9\\n\"] })\n",
        "k = format(\"%s-%d\", s, n)\nl = provider::aws::arn_parse(x)\nm = lookup(var.m, \"a\", [])[1]\nn = element(local.x, 7)\n",
        "# comment\n/* block\ncomment */ o = \"$${literal} %%{literal}\" // tail\np = <<EOF\n${s}\\n\nEOF\n",
    ]
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and good enough to drive mutations.
package struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator for one `stream` (e.g. an iteration number) of `seed`.
    package init(seed: UInt64, stream: UInt64) {
        state = seed
        state = next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
    }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random number in `0..<bound` (`bound` > 0).
    package mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next() % UInt64(bound))
    }
}
