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

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    /// Pretty-printed with two-space indentation and a trailing newline.
    package func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    /// Indentation by depth, built once.
    private static let pads: [String] = (0..<64).map { String(repeating: "  ", count: $0) }

    private static func pad(_ depth: Int) -> String { depth < pads.count ? pads[depth] : String(repeating: "  ", count: depth) }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let pad = Self.pad(indent + 1)
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad
                Self.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += Self.pad(indent) + "}"
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            let pad = Self.pad(indent + 1)
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += pad
                value.write(to: &out, indent: indent + 1)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += Self.pad(indent) + "]"
        case .string(let text): Self.quote(text, into: &out)
        case .number(let number): out += number.description
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .raw(let text): out += text
        }
    }

    /// A JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
    package static func quote(_ text: String) -> String {
        var out = ""
        quote(text, into: &out)
        return out
    }

    /// Appends the literal; text without anything to escape is appended whole.
    static func quote(_ text: String, into out: inout String) {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
