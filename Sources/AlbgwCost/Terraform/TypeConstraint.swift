import Foundation
import HCL

/// A variable's `type`, as Terraform converts values to it: an object type fills its `optional`
/// attributes that are absent or null with their default (or null), drops attributes it does not
/// declare, and converts each attribute; collections convert their elements. What Terraform would
/// reject is left as it is: the review never invents a value.
indirect enum TypeConstraint: Sendable, Equatable {
    case any
    case string
    case number
    case bool
    case list(TypeConstraint)
    case map(TypeConstraint)
    case tuple([TypeConstraint])
    case object([String: Attribute])

    struct Attribute: Sendable, Equatable {
        var type: TypeConstraint
        var optional: Bool
        /// The default of an optional attribute, as written (converted to `type` when applied).
        var defaultValue: HCL.Value?
        /// Where that default is written.
        var defaultPosition: HCL.SourcePosition? = nil
    }

    /// The constraint a `type = ...` expression spells; `any` for what it cannot read.
    init(_ expression: HCLExpression) {
        switch expression.kind {
        case .variable(let name):
            switch name {
            case "string": self = .string
            case "number": self = .number
            case "bool": self = .bool
            default: self = .any
            }
        case .functionCall(let call):
            let arguments = call.arguments
            switch call.name {
            case "list", "set": self = arguments.first.map { .list(TypeConstraint($0)) } ?? .any
            case "map": self = arguments.first.map { .map(TypeConstraint($0)) } ?? .any
            case "tuple":
                if let first = arguments.first, case .tuple(let elements) = first.kind {
                    self = .tuple(elements.map(TypeConstraint.init))
                } else {
                    self = .any
                }
            case "object":
                guard let first = arguments.first, case .object(let items) = first.kind else {
                    self = .any
                    return
                }
                var attributes: [String: Attribute] = [:]
                for item in items {
                    guard let name = item.key.literalName else { continue }
                    if case .functionCall(let inner) = item.value.kind, inner.name == "optional", let type = inner.arguments.first {
                        let defaultValue = inner.arguments.count > 1 ? Evaluator().value(of: inner.arguments[1]) : nil
                        attributes[name] = Attribute(
                            type: TypeConstraint(type), optional: true, defaultValue: defaultValue, defaultPosition: inner.arguments.count > 1 ? inner.arguments[1].position : nil)
                    } else {
                        attributes[name] = Attribute(type: TypeConstraint(item.value), optional: false, defaultValue: nil)
                    }
                }
                self = .object(attributes)
            default: self = .any
            }
        default:
            self = .any
        }
    }

    /// `value` converted to this type where Terraform would convert it.
    func convert(_ value: HCL.Value) -> HCL.Value {
        switch (self, value) {
        case (_, .unknown), (_, .null), (.any, _): return value
        case (.string, .number(let number)): return .string(HCL.Value.format(number))
        case (.string, .bool(let flag)): return .string(flag ? "true" : "false")
        case (.number, .string(let text)):
            if let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), ExactDecimal(exactly: text) != nil { return .number(number) }
            return value
        case (.bool, .string("true")): return .bool(true)
        case (.bool, .string("false")): return .bool(false)
        case (.list(let element), .list(let items)): return .list(items.map(element.convert))
        case (.tuple(let elements), .list(let items)):
            return .list(items.enumerated().map { $0.offset < elements.count ? elements[$0.offset].convert($0.element) : $0.element })
        case (.map(let element), .object(let members)): return .object(members.mapValues(element.convert))
        case (.object(let attributes), .object(let members)):
            var result: [String: HCL.Value] = [:]
            for (name, attribute) in attributes {
                if let present = members[name], present != .null {
                    result[name] = attribute.type.convert(present)
                } else if attribute.optional {
                    result[name] = attribute.defaultValue.map(attribute.type.convert) ?? .null
                } else if let present = members[name] {
                    result[name] = present
                } else {
                    // A required attribute is missing: Terraform rejects the value; keep it unconverted.
                    return value
                }
            }
            return .object(result)
        default:
            return value
        }
    }

    /// The first `optional(TYPE, DEFAULT)` whose default its own type does not take, Terraform's
    /// "Invalid default value for optional attribute": the attribute, why, and where the default is.
    func rejectedOptionalDefault() -> (attribute: String, reason: String, position: HCL.SourcePosition)? {
        switch self {
        case .any, .string, .number, .bool: return nil
        case .list(let element), .map(let element): return element.rejectedOptionalDefault()
        case .tuple(let elements): return elements.lazy.compactMap { $0.rejectedOptionalDefault() }.first
        case .object(let attributes):
            for name in attributes.keys.sorted() {
                let attribute = attributes[name]!
                if let value = attribute.defaultValue, let position = attribute.defaultPosition, let reason = attribute.type.rejection(of: value) {
                    return (name, reason, position)
                }
                if let inner = attribute.type.rejectedOptionalDefault() { return inner }
            }
            return nil
        }
    }

    /// A value of this type as a variable file or `--var` writes it, for messages.
    var example: String {
        switch self {
        case .any, .string: "text"
        case .number: "5"
        case .bool: "true"
        case .list(let element): "[\(element.example), \(element.example)]"
        case .tuple(let elements): "[" + elements.map(\.example).joined(separator: ", ") + "]"
        case .map(let element): "{ key = \(element.example) }"
        case .object(let attributes):
            "{ " + attributes.keys.sorted().filter { !attributes[$0]!.optional }.map { "\($0) = \(attributes[$0]!.type.example)" }.joined(separator: ", ") + " }"
        }
    }

    /// Why Terraform would refuse `value` for this type, in its words (`a number is required`), with
    /// the place inside the value (`["web"].port: ...`); nil when it converts. Only what is certain is
    /// refused: unknown and null values pass, and so does whatever `any` stands for, elements of
    /// `list(any)` or `map(any)` included (Terraform's unifying of their types is not modelled), and
    /// an empty `[]` or `{}` where the other was meant.
    func rejection(of value: HCL.Value) -> String? {
        rejection(of: value, at: "")
    }

    private func rejection(of value: HCL.Value, at path: String) -> String? {
        func refused(_ what: String) -> String { path.isEmpty ? what : "\(path): \(what)" }
        switch (self, value) {
        case (_, .unknown), (_, .null), (.any, _):
            return nil
        case (.string, .string), (.string, .number), (.string, .bool):
            return nil
        case (.string, _):
            return refused("a string is required")
        case (.number, .number):
            return nil
        case (.number, .string(let text)):
            // Terraform reads a string as a number when it spells one in decimal (1e3 included).
            return ExactDecimal.isDecimalNumeral(text) ? nil : refused("a number is required")
        case (.number, _):
            return refused("a number is required")
        case (.bool, .bool):
            return nil
        case (.bool, .string(let text)):
            return ["true", "false", "1", "0"].contains(text) ? nil : refused("a bool is required")
        case (.bool, _):
            return refused("a bool is required")
        case (.list(let element), .list(let items)):
            for (index, item) in items.enumerated() {
                if let reason = element.rejection(of: item, at: "\(path)[\(index)]") { return reason }
            }
            return nil
        case (.tuple(let elements), .list(let items)):
            guard items.count == elements.count else { return refused("a tuple of \(elements.count) elements is required") }
            for (index, (element, item)) in zip(elements, items).enumerated() {
                if let reason = element.rejection(of: item, at: "\(path)[\(index)]") { return reason }
            }
            return nil
        case (.list, .object(let members)) where members.isEmpty, (.tuple([]), .object(let members)) where members.isEmpty:
            return nil
        case (.list, _):
            return refused("a list is required")
        case (.tuple, _):
            return refused("a tuple is required")
        case (.map(let element), .object(let members)):
            for key in members.keys.sorted() {
                if let reason = element.rejection(of: members[key]!, at: "\(path)[\(HCL.Value.string(key).excerpt(limit: 40))]") { return reason }
            }
            return nil
        case (.map, .list(let items)) where items.isEmpty, (.object, .list(let items)) where items.isEmpty:
            return nil
        case (.map, _):
            return refused("a map is required")
        case (.object(let attributes), .object(let members)):
            for name in attributes.keys.sorted() {
                let attribute = attributes[name]!
                if let present = members[name] {
                    if let reason = attribute.type.rejection(of: present, at: "\(path).\(HCLError.excerpt(name, limit: 40))") { return reason }
                } else if !attribute.optional {
                    return refused("attribute \"\(HCLError.excerpt(name, limit: 40))\" is required")
                }
            }
            return nil
        case (.object, _):
            return refused("an object is required")
        }
    }
}
