import Foundation

/// A fully known HCL value.
public enum Value: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A number (HCL numbers are arbitrary precision; Decimal keeps 38 significant digits).
    case number(Decimal)
    /// A boolean.
    case bool(Bool)
    /// `null`.
    case null
    /// A list, tuple or set.
    case list([Value])
    /// An object or map.
    case object([String: Value])
    /// A value known only after apply, inside a value that is otherwise known (an evaluator with
    /// `partialUnknowns` produces it; a fully unknown expression is `EvaluationResult.unknown`).
    case unknown

    /// The string, if this is a string.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    /// The number, if this is a number.
    public var numberValue: Decimal? { if case .number(let value) = self { value } else { nil } }
    /// The boolean, if this is a boolean.
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    /// The elements, if this is a list.
    public var listValue: [Value]? { if case .list(let value) = self { value } else { nil } }
    /// The attributes, if this is an object.
    public var objectValue: [String: Value]? { if case .object(let value) = self { value } else { nil } }
    /// True for `null`.
    public var isNull: Bool { self == .null }
    /// True when this value, or anything inside it, is `.unknown`.
    public var containsUnknown: Bool {
        switch self {
        case .unknown: return true
        case .list(let elements): return elements.contains { $0.containsUnknown }
        case .object(let attributes): return attributes.values.contains { $0.containsUnknown }
        default: return false
        }
    }

    /// A short name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        case .null: return "null"
        case .list: return "list"
        case .object: return "object"
        case .unknown: return "unknown value"
        }
    }

    /// Compact JSON, as Terraform's `jsonencode` writes it: object keys sorted, `<`, `>` and `&` escaped.
    public var jsonString: String {
        var out = ""
        writeJSON(into: &out)
        return out
    }

    private func writeJSON(into out: inout String) {
        switch self {
        case .string(let string): Value.writeJSONString(string, into: &out)
        case .number(let number): out += Value.format(number)
        case .bool(let bool): out += bool ? "true" : "false"
        case .null, .unknown: out += "null"
        case .list(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                element.writeJSON(into: &out)
            }
            out += "]"
        case .object(let attributes):
            out += "{"
            for (i, key) in attributes.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Value.writeJSONString(key, into: &out)
                out += ":"
                attributes[key]!.writeJSON(into: &out)
            }
            out += "}"
        }
    }

    private static func writeJSONString(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Formats a number the way Terraform prints it: no exponent, no trailing zeros.
    public static func format(_ number: Decimal) -> String { number.description }
}

extension Value: CustomStringConvertible {
    /// HCL-style literal text, e.g. `"a"`, `443`, `["x", 1]`, `{ k = "v" }` (object keys sorted).
    public var description: String {
        switch self {
        case .string(let string): return Value.jsonQuoted(string)
        case .number(let number): return Value.format(number)
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return "null"
        case .unknown: return "(known after apply)"
        case .list(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let attributes):
            if attributes.isEmpty { return "{}" }
            return "{ " + attributes.keys.sorted().map { "\($0) = \(attributes[$0]!.description)" }.joined(separator: ", ") + " }"
        }
    }

    private static func jsonQuoted(_ string: String) -> String { Value.string(string).jsonString }

    /// The start of `description`, for messages: cut to `limit` characters, escaped, and built without
    /// rendering the rest (a value can be large, and lists can share elements many times over).
    package func excerpt(limit: Int = HCLError.echoLimit) -> String {
        var out = ""
        writeExcerpt(into: &out, limit: limit)
        return HCLError.excerpt(out, limit: limit)
    }

    /// Writes `description` into `out` until it is longer than `limit`; every value writes at least one
    /// character, so this visits at most `limit` values.
    private func writeExcerpt(into out: inout String, limit: Int) {
        guard out.unicodeScalars.count <= limit else { return }
        switch self {
        case .string(let string): out += Value.jsonQuoted(String(string.unicodeScalars.prefix(limit + 1)))
        case .number, .bool, .null, .unknown: out += description
        case .list(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                guard out.unicodeScalars.count <= limit else { return }
                if i > 0 { out += ", " }
                element.writeExcerpt(into: &out, limit: limit)
            }
            out += "]"
        case .object(let attributes):
            out += attributes.isEmpty ? "{}" : "{ "
            for (i, key) in attributes.keys.sorted().enumerated() {
                guard out.unicodeScalars.count <= limit else { return }
                out += (i > 0 ? ", " : "") + String(key.unicodeScalars.prefix(limit + 1)) + " = "
                attributes[key]!.writeExcerpt(into: &out, limit: limit)
            }
            if !attributes.isEmpty { out += " }" }
        }
    }
}

extension Value: ExpressibleByStringLiteral {
    /// `"text"` as a string value.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension Value: ExpressibleByIntegerLiteral {
    /// `42` as a number value.
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
}

extension Value: ExpressibleByBooleanLiteral {
    /// `true` / `false` as a bool value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Value: ExpressibleByArrayLiteral {
    /// `[a, b]` as a list value.
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
}

extension Value: ExpressibleByDictionaryLiteral {
    /// `["k": v]` as an object value.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
