import Foundation

/// A JSON document with ordered keys and exact decimal numbers, serialised by hand so that the
/// output is byte-identical run to run and numbers keep their full precision.
package indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(ExactDecimal)
    case bool(Bool)
    case null
    /// Text already serialised at the right indentation (a sweep's points, written in one pass).
    case raw(String)
    /// An array whose elements are made as they are written, each freed once written: a review of a
    /// thousand designs never holds all of their documents (`element(index)` for `0..<count`).
    case elements(count: Int, element: @Sendable (Int) -> JSONValue)
    /// An object whose members are strings, numbers, booleans or null, written as `object` writes
    /// them: a review's thousands of findings and facts, without a box for each member.
    case record([(String, Scalar)])
    /// A value written straight into the bytes by the code that knows its shape, through `Lines`
    /// (a SARIF result: a dozen nested members, without a value for each). It is given its own depth
    /// and starts where the value starts: the line's indentation and any `"name": ` are written
    /// already; it ends after its closing bracket, before the `,` or line end that follows.
    case written(@Sendable (_ out: inout [UInt8], _ depth: Int) -> Void)

    /// A member of a `record`.
    package enum Scalar: Sendable {
        case string(String)
        case number(ExactDecimal)
        case bool(Bool)
        case null
    }

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    /// Pretty-printed with two-space indentation and a trailing newline.
    package func serialized() -> String {
        var pieces: [[UInt8]] = []
        produce { piece in
            pieces.append(piece)
            return true
        }
        return String(joining: &pieces)
    }

    /// Hands the document's UTF-8 pieces to `write` in order, as they are made (a long array's
    /// elements a few hundred at a time), so that a large document is never held whole; `write`
    /// takes each piece and returns false to stop (what is left is then not made).
    package func produce(_ write: (inout [UInt8]) -> Bool) {
        // Written as UTF-8 bytes: appending many short pieces to a String costs several times more.
        // Long arrays are written in pieces, handed over with the bytes around them as they are made.
        withoutActuallyEscaping(write) { write in
            let finished = Finished(write)
            var out: [UInt8] = []
            self.write(to: &out, indent: 0, finished: finished)
            out.append(UInt8(ascii: "\n"))
            finished.add(&out)
        }
    }

    /// The bytes written so far, in order, when the document is written in pieces.
    private final class Finished {
        let write: (inout [UInt8]) -> Bool
        /// Set once `write` returned false: nothing more is made.
        private(set) var stopped = false

        init(_ write: @escaping (inout [UInt8]) -> Bool) { self.write = write }

        func add(_ piece: inout [UInt8]) {
            if !stopped, !write(&piece) { stopped = true }
            piece = []
        }
    }

    /// A long array's elements are written this many at a time on every core, and handed over
    /// before the next are made.
    private static let window = 256

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Two spaces per level, copied from a run of spaces (appending a repeated element costs more).
    private static func pad(_ depth: Int, into out: inout [UInt8]) {
        var count = 2 * depth
        while count > 0 {
            out.append(contentsOf: spaces[..<min(count, spaces.count)])
            count -= spaces.count
        }
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        // In place (`withUTF8Bytes`): `withUTF8` is mutating, and the copy it needs counts a reference.
        text.withUTF8Bytes { out.append(contentsOf: $0) }
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Arrays of at least this many elements are written in pieces on every core (the designs and
    /// findings of a large review), and the pieces joined in order: the same bytes, sooner.
    private static let parallelMinimum = 512

    /// About how many bytes a piece of a long array holds (see `write`).
    private static let pieceSize = 1 << 20

    /// `finished`: where the bytes before a long array and its pieces go when it is split over the
    /// cores; nil inside a piece, which is written whole.
    private func write(to out: inout [UInt8], indent: Int, finished: Finished?) {
        switch self {
        case .object(let members):
            Self.writeObject(members, to: &out, indent: indent) { value, out in value.write(to: &out, indent: indent + 1, finished: finished) }
        case .record(let members):
            Self.writeObject(members, to: &out, indent: indent) { value, out in
                switch value {
                case .string(let text): Self.quote(text, into: &out)
                case .number(let number): number.appendDescription(to: &out)
                case .bool(let flag): Self.append(flag ? "true" : "false", to: &out)
                case .null: Self.append("null", to: &out)
                }
            }
        case .array(let values): Self.writeArray(count: values.count, { values[$0] }, to: &out, indent: indent, finished: finished)
        case .elements(let count, let element): Self.writeArray(count: count, element, to: &out, indent: indent, finished: finished)
        case .string(let text): Self.quote(text, into: &out)
        case .number(let number): number.appendDescription(to: &out)
        case .bool(let flag): Self.append(flag ? "true" : "false", to: &out)
        case .null: Self.append("null", to: &out)
        case .raw(let text): Self.append(text, to: &out)
        case .written(let write): write(&out, indent)
        }
    }

    /// What `.written` values write with: the lines of an object as `object` writes them (two
    /// spaces a level, a member a line, `"name": value`).
    package enum Lines {
        /// Opens an object: `{` and its line end.
        package static func open(_ out: inout [UInt8]) { append("{\n", to: &out) }

        /// Opens an array: `[` and its line end.
        package static func openArray(_ out: inout [UInt8]) { append("[\n", to: &out) }

        /// A member's start at `depth` (its object's depth plus one): its indentation and `"name": `,
        /// the name written as it is (a name in code, with nothing to escape).
        package static func key(_ name: StaticString, depth: Int, _ out: inout [UInt8]) {
            pad(depth, into: &out)
            out.append(UInt8(ascii: "\""))
            append(name, to: &out)
            append("\": ", to: &out)
        }

        /// The end of a member: `,` unless it is the last, and the line end.
        package static func next(last: Bool = false, _ out: inout [UInt8]) { append(last ? "\n" : ",\n", to: &out) }

        /// The indentation of a line at `depth`.
        package static func indent(_ depth: Int, _ out: inout [UInt8]) { pad(depth, into: &out) }

        /// Closes an object at `depth`, its own depth: the indentation and `}`.
        package static func closeObject(depth: Int, _ out: inout [UInt8]) {
            pad(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        }

        /// Closes an array at `depth`, its own depth: the indentation and `]`.
        package static func closeArray(depth: Int, _ out: inout [UInt8]) {
            pad(depth, into: &out)
            out.append(UInt8(ascii: "]"))
        }

        /// A string literal of `parts` joined, each escaped as `quote` escapes it.
        package static func string(_ parts: String..., into out: inout [UInt8]) {
            out.append(UInt8(ascii: "\""))
            for part in parts { escape(part, into: &out) }
            out.append(UInt8(ascii: "\""))
        }

        /// A whole number.
        package static func number(_ value: Int, _ out: inout [UInt8]) { ExactDecimal(value).appendDescription(to: &out) }

        /// A member whose value is a string, `"name": "value"`, and its `,` (unless `last`) and line end.
        package static func member(_ name: StaticString, _ value: String, depth: Int, last: Bool = false, _ out: inout [UInt8]) {
            key(name, depth: depth, &out)
            string(value, into: &out)
            next(last: last, &out)
        }

        /// A member whose value is a whole number, `"name": 12`, and its `,` (unless `last`) and line end.
        package static func member(_ name: StaticString, number value: Int, depth: Int, last: Bool = false, _ out: inout [UInt8]) {
            key(name, depth: depth, &out)
            number(value, &out)
            next(last: last, &out)
        }
    }

    /// An object's members, one a line, each value written by `value`: `object`'s and `record`'s.
    @inline(__always) private static func writeObject<Value>(_ members: [(String, Value)], to out: inout [UInt8], indent: Int, _ value: (Value, inout [UInt8]) -> Void) {
        guard !members.isEmpty else { return append("{}", to: &out) }
        append("{\n", to: &out)
        // Each name and value read where it is (`pointer(to:)`): a member read out of the array is a
        // copy, its name and value each counted and let go again, for millions of them.
        members.withUnsafeBufferPointer { list in
            for index in list.indices {
                let member = list.baseAddress! + index
                pad(indent + 1, into: &out)
                quote(member.pointer(to: \.0)!.pointee, into: &out)
                append(": ", to: &out)
                value(member.pointer(to: \.1)!.pointee, &out)
                append(index == list.count - 1 ? "\n" : ",\n", to: &out)
            }
        }
        pad(indent, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func writeArray(
        count: Int, _ value: @escaping @Sendable (Int) -> JSONValue, to out: inout [UInt8], indent: Int, finished: Finished?
    ) {
        guard count > 0 else { return Self.append("[]", to: &out) }
        Self.append("[\n", to: &out)
        @Sendable func element(_ index: Int, into out: inout [UInt8], finished: Finished?) {
            Self.pad(indent + 1, into: &out)
            value(index).write(to: &out, indent: indent + 1, finished: finished)
            Self.append(index == count - 1 ? "\n" : ",\n", to: &out)
        }
        if let finished, count >= Self.parallelMinimum {
            finished.add(&out)
            // A window of elements at a time, split over the cores; a core's elements are cut into
            // pieces of about a megabyte. Each window's pieces are handed over before the next is made.
            for start in stride(from: 0, to: count, by: Self.window) where !finished.stopped {
                let end = min(count, start + Self.window)
                let pieces = Parallel.chunks(count: end - start, minimumChunk: Self.window / 2) { range in
                    var pieces: [[UInt8]] = [], piece: [UInt8] = []
                    for index in range {
                        element(start + index, into: &piece, finished: nil)
                        if piece.count >= Self.pieceSize {
                            pieces.append(piece)
                            piece = []
                        }
                    }
                    return pieces + [piece]
                }
                for core in pieces {
                    for var piece in core where !piece.isEmpty { finished.add(&piece) }
                }
            }
        } else {
            for index in 0..<count { element(index, into: &out, finished: finished) }
        }
        Self.pad(indent, into: &out)
        out.append(UInt8(ascii: "]"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether a byte of `bytes` is a control character, a quote or a backslash: eight bytes at a
    /// time (a review's JSON is megabytes of strings, nearly all without one).
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte of `word` is zero: the classic test, exact for the lowest such byte and never
        // true when none is (a borrow only runs past a byte that is zero).
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var at = 0
        while at + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
            // Below 0x20: the byte minus 0x20 borrows, and its high bit was clear.
            let control = (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
            if control || hasZero(word ^ 0x2222_2222_2222_2222) || hasZero(word ^ 0x5C5C_5C5C_5C5C_5C5C) { return true }
            at += 8
        }
        while at < bytes.count {
            if isEscaped(base[at]) { return true }
            at += 1
        }
        return false
    }

    /// A control character, a quote or a backslash: what a JSON string writes escaped.
    @inline(__always) private static func isEscaped(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }

    /// A JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
    package static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        quote(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the literal; text without anything to escape is appended whole, other text a run
    /// between escapes at a time.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        escape(text, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// What `quote` writes between the quotes.
    private static func escape(_ text: String, into out: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            guard needsEscape(bytes) else { return out.append(contentsOf: bytes) }
            var run = 0
            for (index, byte) in bytes.enumerated() where isEscaped(byte) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"", to: &out)
                case UInt8(ascii: "\\"): append("\\\\", to: &out)
                case UInt8(ascii: "\n"): append("\\n", to: &out)
                case UInt8(ascii: "\r"): append("\\r", to: &out)
                case UInt8(ascii: "\t"): append("\\t", to: &out)
                default:  // a control character
                    append("\\u00", to: &out)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }
}
