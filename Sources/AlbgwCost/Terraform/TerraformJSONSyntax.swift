import Foundation

/// A JSON value that keeps object keys in order and the line each value starts on: Terraform's
/// JSON syntax (`*.tf.json`) is order-sensitive in places, and findings need lines.
indirect enum OrderedJSON: Sendable, Equatable {
    case object([(key: String, value: OrderedJSON, line: Int)])
    case array([OrderedJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    struct ParseError: Error {
        var line: Int
        /// The character on the line, from 1 (Terraform prints a plan's JSON on one line).
        var column = 1
        var message: String
        /// The text ended where more JSON was expected: the file was cut short.
        var atEnd = false

        init(line: Int, column: Int = 1, message: String, atEnd: Bool = false) {
            self.line = line
            self.column = column
            self.message = message
            self.atEnd = atEnd
        }
    }

    /// Parses RFC 8259 JSON; nesting is bounded (256) so that hostile input cannot exhaust the stack.
    static func parse(_ data: Data) throws -> OrderedJSON {
        var parser = Parser(bytes: [UInt8](data))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// Where the current line starts.
        var lineStart = 0

        init(bytes: [UInt8]) {
            // A byte-order mark is not JSON but editors write it.
            self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                if bytes[index] == 0x0A {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }

        /// An error at the current position: its line, and its column in characters (UTF-8
        /// continuation bytes are not counted).
        func error(_ message: String) -> ParseError {
            let end = min(index, bytes.count)
            let column = bytes[min(lineStart, end)..<end].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return ParseError(line: line, column: column, message: message, atEnd: index >= bytes.count)
        }

        mutating func value(depth: Int) throws -> OrderedJSON {
            guard depth < 256 else { throw error("nested deeper than 256 levels") }
            guard index < bytes.count else { throw error("unexpected end of the file") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: OrderedJSON, line: Int)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    let keyLine = line
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected an object key in quotes") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
                    index += 1
                    skipSpace()
                    members.append((key, try value(depth: depth + 1), keyLine))
                    skipSpace()
                    guard index < bytes.count else { throw error("unexpected end of the file in an object") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an object") }
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [OrderedJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                while true {
                    skipSpace()
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw error("unexpected end of the file in an array") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in an array") }
                    index += 1
                    return .array(elements)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for (word, result) in [("true", OrderedJSON.bool(true)), ("false", .bool(false)), ("null", .null)] where matches(word) {
                    index += word.utf8.count
                    return result
                }
                throw error("unexpected word")
            default:
                let start = index
                while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
                guard index > start, let text = String(bytes: bytes[start..<index], encoding: .utf8), Double(text) != nil else {
                    throw error("unexpected character")
                }
                return .number(text)
            }
        }

        func matches(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            return index + utf8.count <= bytes.count && Array(bytes[index..<(index + utf8.count)]) == utf8
        }

        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                if !raw.isEmpty {
                    scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                    raw = []
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
                            throw error("bad \\u escape")
                        }
                        index += 4
                        var scalar = code
                        // A surrogate pair.
                        if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                            let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low)
                        {
                            scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        }
                        scalars.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
                    default: scalars.append(Unicode.Scalar(escape))
                    }
                case 0x0A:
                    throw error("a line break inside a string")
                default:
                    raw.append(byte)
                }
            }
            throw error("unterminated string")
        }
    }
}

/// Terraform's JSON configuration syntax (`*.tf.json`) written as native syntax, so that one parser
/// and one evaluator read both. Strings keep their `${...}` templates. Each block header and
/// attribute is one generated line, and `lines` maps it back to the JSON line it came from.
enum TerraformJSONSyntax {
    /// Nested blocks this tool reads (JSON cannot tell a nested block from an object attribute
    /// without the provider's schema); everything else is an attribute.
    static let nestedBlocks: Set<String> = [
        "endpoint_configuration", "health_check", "default_action", "action", "ingress", "egress", "subnet_mapping", "forward", "target_group",
        "stickiness", "lifecycle", "condition", "redirect", "fixed_response", "access_logs", "statement", "principals", "content", "alias",
        "ephemeral_storage",
    ]

    static func convert(_ json: OrderedJSON) throws -> (text: String, lines: [Int: Int]) {
        var writer = Writer()
        guard case .object(let top) = json else { throw OrderedJSON.ParseError(line: 1, message: "a .tf.json file holds one JSON object") }
        for (kind, value, line) in top {
            switch kind {
            case "resource", "data":
                for (type, types, _) in members(value) {
                    for (name, body, bodyLine) in members(types) { writer.block(kind, labels: [type, name], body: body, line: bodyLine) }
                }
            case "module", "variable", "output", "provider":
                for (name, body, bodyLine) in members(value) {
                    // A provider may be an array of configurations (aliases).
                    if case .array(let bodies) = body {
                        for item in bodies { writer.block(kind, labels: [name], body: item, line: bodyLine) }
                    } else {
                        writer.block(kind, labels: [name], body: body, line: bodyLine)
                    }
                }
            case "locals", "terraform":
                if case .array(let bodies) = value {
                    for item in bodies { writer.block(kind, labels: [], body: item, line: line) }
                } else {
                    writer.block(kind, labels: [], body: value, line: line)
                }
            default:
                continue  // comments ("//") and anything Terraform does not define at the top level
            }
        }
        return (writer.text, writer.lines)
    }

    /// A `*.tfvars.json` file: one object of values, whose strings are taken literally.
    static func variables(_ json: OrderedJSON) throws -> (text: String, lines: [Int: Int]) {
        guard case .object(let top) = json else { throw OrderedJSON.ParseError(line: 1, message: "a .tfvars.json file holds one JSON object") }
        var writer = Writer()
        for (key, value, line) in top { writer.line("\(writer.quotedKey(key)) = \(writer.literal(value))", from: line) }
        return (writer.text, writer.lines)
    }

    static func members(_ value: OrderedJSON) -> [(key: String, value: OrderedJSON, line: Int)] {
        if case .object(let members) = value { return members }
        return []
    }

    struct Writer {
        var text = ""
        var lines: [Int: Int] = [:]
        var current = 1

        mutating func line(_ content: String, from jsonLine: Int) {
            lines[current] = jsonLine
            text += content + "\n"
            current += 1
        }

        mutating func block(_ kind: String, labels: [String], body: OrderedJSON, line jsonLine: Int) {
            line("\(kind)\(labels.map { " " + quoted($0) }.joined()) {", from: jsonLine)
            for (key, value, keyLine) in TerraformJSONSyntax.members(body) {
                if key == "//" { continue }
                if key == "dynamic" {
                    for (name, dynamic, dynamicLine) in TerraformJSONSyntax.members(value) { block("dynamic", labels: [name], body: dynamic, line: dynamicLine) }
                } else if TerraformJSONSyntax.nestedBlocks.contains(key), case .object = value {
                    block(key, labels: [], body: value, line: keyLine)
                } else if TerraformJSONSyntax.nestedBlocks.contains(key), case .array(let items) = value, items.allSatisfy({ if case .object = $0 { true } else { false } }) {
                    for item in items { block(key, labels: [], body: item, line: keyLine) }
                } else {
                    attribute(identifierOrQuoted(key), value, line: keyLine)
                }
            }
            line("}", from: jsonLine)
        }

        /// `name = value`; an object whose members stand on lines of their own in the JSON is written a
        /// member a line, each on its member's JSON line, so that what a member holds is placed on it.
        mutating func attribute(_ name: String, _ value: OrderedJSON, line keyLine: Int) {
            guard case .object(let members) = value, members.contains(where: { $0.line != keyLine }) else {
                return line("\(name) = \(expression(value))", from: keyLine)
            }
            line("\(name) = {", from: keyLine)
            for member in members { attribute(quoted(member.key), member.value, line: member.line) }
            line("}", from: members.last?.line ?? keyLine)
        }

        func expression(_ value: OrderedJSON) -> String {
            switch value {
            case .string(let text): return template(text)
            case .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            case .null: return "null"
            case .array(let items): return "[" + items.map(expression).joined(separator: ", ") + "]"
            case .object(let members): return "{ " + members.map { "\(quoted($0.key)) = \(expression($0.value))" }.joined(separator: ", ") + " }"
            }
        }

        /// A JSON string as an HCL template: `${` and `%{` stay live; in its text, quotes, backslashes
        /// and line breaks are escaped. The code of `${ }` and `%{ }` is copied as written (its strings
        /// are HCL's: `"${var.on ? "a" : ""}"`), a line break in it as a space, to keep one line.
        func template(_ text: String) -> String {
            var out = "\""
            let characters = Array(text)
            // Inside the outer text (empty), code (`{`) or a string of that code (`"`).
            var enclosing: [Character] = []
            var index = 0
            func next(_ offset: Int) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }
            while index < characters.count {
                let character = characters[index]
                let inText = enclosing.last != "{"
                if inText, character == "$" || character == "%", next(1) == character, next(2) == "{" {
                    out += "\(character)\(character){"  // `$${`: text, not code
                    index += 3
                    continue
                }
                if inText, character == "$" || character == "%", next(1) == "{" {
                    out += "\(character){"
                    enclosing.append("{")
                    index += 2
                    continue
                }
                switch enclosing.last {
                case nil:
                    switch character {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    case "\n": out += "\\n"
                    case "\r": out += "\\r"
                    case "\t": out += "\\t"
                    default: out += Self.escapingControls(character)
                    }
                case "{":
                    switch character {
                    case "{": enclosing.append("{")
                    case "}": enclosing.removeLast()
                    case "\"": enclosing.append("\"")
                    default: break
                    }
                    out.append(character == "\n" || character == "\r" ? " " : character)
                default:
                    if character == "\\", let escaped = next(1) {
                        out.append(character)
                        out.append(escaped)
                        index += 2
                        continue
                    }
                    if character == "\"" { enclosing.removeLast() }
                    out += Self.escapingControls(character)
                }
                index += 1
            }
            return out + "\""
        }

        /// A control character (NUL included, which JSON may carry as `\u0000`) as HCL's `\uNNNN`;
        /// line breaks and tabs as they are.
        static func escapingControls(_ character: Character) -> String {
            guard let scalar = character.unicodeScalars.first, scalar.value < 0x20, character != "\n", character != "\r", character != "\t" else {
                return String(character)
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }

        /// A JSON value as a constant HCL expression: strings literal, `${` included.
        func literal(_ value: OrderedJSON) -> String {
            switch value {
            case .string(let text): return quoted(text)
            case .array(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
            case .object(let members): return "{ " + members.map { "\(quoted($0.key)) = \(literal($0.value))" }.joined(separator: ", ") + " }"
            default: return expression(value)
            }
        }

        /// A variable name as an attribute name; a name HCL cannot spell stays quoted and fails to parse
        /// with its position, as Terraform rejects it.
        func quotedKey(_ key: String) -> String { identifierOrQuoted(key) }

        func quoted(_ text: String) -> String { template(text.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")) }

        func identifierOrQuoted(_ key: String) -> String {
            let valid =
                !key.isEmpty && key.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" }
                && !(key.first?.isNumber ?? true)
            return valid ? key : quoted(key)
        }
    }
}
