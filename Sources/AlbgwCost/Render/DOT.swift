/// DOT grammar helpers: every ID and label is a double-quoted string with `\` and `"` escaped,
/// so names with quotes, backslashes or non-ASCII characters cannot break the graph.
package enum DOT {
    /// A quoted DOT string of `text`, with line breaks written as DOT's `\n`.
    package static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// A quoted, escaped label made of lines (centred).
    package static func label(_ lines: [String]) -> String { quote(lines.joined(separator: "\n")) }

    /// `key=value` attribute list with values quoted, in the given order.
    package static func attributes(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return " [" + pairs.map { "\($0.0)=\(quote($0.1))" }.joined(separator: ", ") + "]"
    }

    /// An ID made from a model name: ASCII letters, digits and `_` only, so it is stable and readable.
    package static func id(_ parts: String...) -> String {
        parts.joined(separator: "_").map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0).lowercased() : "_" }.joined()
    }
}
