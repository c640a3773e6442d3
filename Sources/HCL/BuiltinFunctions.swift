import Foundation

/// The pure Terraform functions the evaluator knows. Anything else (file access, hashing,
/// timestamps, provider functions...) is reported as unknown rather than approximated.
enum BuiltinFunctions {
    /// Names of the supported functions.
    static let names: Set<String> = [
        "tolist", "toset", "tomap", "tostring", "tonumber", "tobool", "length", "lower", "upper", "concat",
        "jsonencode", "format", "join", "split", "merge", "lookup", "element", "keys", "values", "contains",
        "coalesce", "min", "max", "abs", "ceil", "floor", "trimspace", "replace", "distinct", "flatten",
    ]

    static func call(_ name: String, _ args: [Value]) throws -> Value {
        guard names.contains(name) else { throw Unknown("function \(HCLError.excerpt(name))() is not evaluated statically") }
        func arity(_ count: ClosedRange<Int>) throws {
            guard count.contains(args.count) else {
                throw Unknown(
                    "\(name)() takes \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)-\(count.upperBound)") arguments, got \(args.count)")
            }
        }
        func list(_ value: Value) throws -> [Value] {
            guard case .list(let elements) = value else { throw Unknown("\(name)() needs a list, not a \(value.typeName)") }
            return elements
        }
        func object(_ value: Value) throws -> [String: Value] {
            guard case .object(let attributes) = value else { throw Unknown("\(name)() needs an object or map, not a \(value.typeName)") }
            return attributes
        }
        func string(_ value: Value) throws -> String { try Evaluator.string(value, "argument of \(name)()") }
        func number(_ value: Value) throws -> Decimal { try Evaluator.number(value, "argument of \(name)()") }
        func rounded(_ value: Value, _ mode: NSDecimalNumber.RoundingMode) throws -> Value {
            var input = try number(value)
            var result = Decimal()
            NSDecimalRound(&result, &input, 0, mode)
            return .number(result)
        }

        switch name {
        case "tolist":
            try arity(1...1)
            return .list(try list(args[0]))
        case "toset":
            try arity(1...1)
            return .list(setOrder(distinct(try list(args[0]))))
        case "tomap":
            try arity(1...1)
            return .object(try object(args[0]))
        case "tostring":
            try arity(1...1)
            return args[0] == .null ? .null : .string(try string(args[0]))
        case "tonumber":
            try arity(1...1)
            return args[0] == .null ? .null : .number(try number(args[0]))
        case "tobool":
            try arity(1...1)
            return args[0] == .null ? .null : .bool(try Evaluator.bool(args[0], "argument of tobool()"))
        case "length":
            try arity(1...1)
            switch args[0] {
            case .string(let string): return .number(Decimal(string.count))
            case .list(let elements): return .number(Decimal(elements.count))
            case .object(let attributes): return .number(Decimal(attributes.count))
            default: throw Unknown("length() needs a string, list or map, not a \(args[0].typeName)")
            }
        case "lower":
            try arity(1...1)
            return .string(try string(args[0]).lowercased())
        case "upper":
            try arity(1...1)
            return .string(try string(args[0]).uppercased())
        case "concat":
            return .list(try args.flatMap { try list($0) })
        case "jsonencode":
            try arity(1...1)
            return .string(args[0].jsonString)
        case "format":
            try arity(1...Int.max)
            return .string(try format(try string(args[0]), Array(args.dropFirst())))
        case "join":
            try arity(2...Int.max)
            let separator = try string(args[0])
            return .string(try args.dropFirst().flatMap { try list($0) }.map { try string($0) }.joined(separator: separator))
        case "split":
            try arity(2...2)
            let separator = try string(args[0]), text = try string(args[1])
            guard !separator.isEmpty else { return .list(text.map { .string(String($0)) }) }
            return .list(text.components(separatedBy: separator).map { .string($0) })
        case "merge":
            var result: [String: Value] = [:]
            for argument in args where argument != .null {
                result.merge(try object(argument)) { _, new in new }
            }
            return .object(result)
        case "lookup":
            try arity(2...3)
            let map = try object(args[0]), key = try string(args[1])
            if let value = map[key] { return value }
            guard args.count == 3 else { throw Unknown("lookup(): key \"\(HCLError.excerpt(key))\" not found and no default given") }
            return args[2]
        case "element":
            try arity(2...2)
            let elements = try list(args[0])
            guard !elements.isEmpty else { throw Unknown("element() on an empty list") }
            guard let index = Evaluator.integer(try number(args[1])), index >= 0 else { throw Unknown("element() needs a non-negative whole index") }
            return elements[index % elements.count]
        case "keys":
            try arity(1...1)
            return .list(try object(args[0]).keys.sorted().map { .string($0) })
        case "values":
            try arity(1...1)
            let map = try object(args[0])
            return .list(map.keys.sorted().map { map[$0]! })
        case "contains":
            try arity(2...2)
            return .bool(try list(args[0]).contains(args[1]))
        case "coalesce":
            for argument in args where argument != .null && argument != .string("") { return argument }
            throw Unknown("coalesce(): no non-null, non-empty argument")
        case "min", "max":
            try arity(1...Int.max)
            let numbers = try args.map { try number($0) }
            return .number(name == "min" ? numbers.min()! : numbers.max()!)
        case "abs":
            try arity(1...1)
            return .number(abs(try number(args[0])))
        case "ceil":
            try arity(1...1)
            return try rounded(args[0], .up)
        case "floor":
            try arity(1...1)
            return try rounded(args[0], .down)
        case "trimspace":
            try arity(1...1)
            return .string(try string(args[0]).trimmingCharacters(in: .whitespacesAndNewlines))
        case "replace":
            try arity(3...3)
            let text = try string(args[0]), search = try string(args[1]), replacement = try string(args[2])
            if search.count >= 2 && search.hasPrefix("/") && search.hasSuffix("/") {
                throw Unknown("replace() with a regular expression is not evaluated statically")
            }
            guard !search.isEmpty else { return .string(text) }
            return .string(text.replacingOccurrences(of: search, with: replacement))
        case "distinct":
            try arity(1...1)
            return .list(distinct(try list(args[0])))
        case "flatten":
            try arity(1...1)
            return .list(flatten(try list(args[0])))
        default:
            throw Unknown("function \(name)() is not evaluated statically")
        }
    }

    private static func distinct(_ values: [Value]) -> [Value] {
        var seen = Set<Value>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Terraform orders sets of strings lexically and sets of numbers numerically.
    private static func setOrder(_ values: [Value]) -> [Value] {
        let strings = values.compactMap(\.stringValue)
        if strings.count == values.count { return strings.sorted().map { .string($0) } }
        let numbers = values.compactMap(\.numberValue)
        if numbers.count == values.count { return numbers.sorted().map { .number($0) } }
        return values
    }

    private static func flatten(_ values: [Value]) -> [Value] {
        values.flatMap { value -> [Value] in
            if case .list(let inner) = value { return flatten(inner) }
            return [value]
        }
    }

    /// `format` with the verbs `%s`, `%d`, `%v`, `%t`, `%q` and `%%`; flags, widths and other verbs are unknown.
    private static func format(_ pattern: String, _ args: [Value]) throws -> String {
        var out = ""
        var next = 0
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else {
                out.append(character)
                continue
            }
            guard let verb = iterator.next() else { throw Unknown("format(): pattern ends with '%'") }
            if verb == "%" {
                out += "%"
                continue
            }
            guard next < args.count else { throw Unknown("format(): not enough arguments for the pattern") }
            let argument = args[next]
            next += 1
            switch verb {
            case "s":
                out += try Evaluator.string(argument, "format() argument")
            case "d":
                let number = try Evaluator.number(argument, "format() %d argument")
                guard Evaluator.integer(number) != nil else { throw Unknown("format(): %d needs a whole number, got \(Value.format(number))") }
                out += Value.format(number)
            case "v":
                switch argument {
                case .list, .object: out += argument.jsonString
                default: out += try Evaluator.string(argument, "format() argument")
                }
            case "t":
                out += try Evaluator.bool(argument, "format() %t argument") ? "true" : "false"
            case "q":
                out += Value.string(try Evaluator.string(argument, "format() %q argument")).jsonString
            default:
                throw Unknown("format(): verb %\(HCLError.excerpt(String(verb))) is not evaluated statically")
            }
        }
        return out
    }
}
