import Foundation

/// The pure Terraform functions the evaluator knows. Anything else (file access, hashing,
/// timestamps, provider functions...) is reported as unknown rather than approximated.
enum BuiltinFunctions {
    /// Names of the supported functions.
    static let names: Set<String> = [
        "tolist", "toset", "tomap", "tostring", "tonumber", "tobool", "length", "lower", "upper", "concat",
        "jsonencode", "format", "join", "split", "merge", "lookup", "element", "keys", "values", "contains",
        "coalesce", "min", "max", "abs", "ceil", "floor", "trimspace", "replace", "distinct", "flatten",
        "compact", "one", "zipmap", "range", "startswith", "endswith", "coalescelist", "alltrue", "anytrue", "sort", "reverse",
        "substr", "trimprefix", "trimsuffix", "sum", "index", "slice", "setunion",
    ]

    /// Functions that only move values around: elements known only after apply pass through them
    /// (`length([x, unknown])` is 2); any other function of such a value is unknown.
    static let structural: Set<String> = [
        "tolist", "tomap", "length", "concat", "merge", "lookup", "element", "keys", "values", "flatten", "one", "zipmap", "reverse", "slice",
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
            guard case .list(let elements) = value else { throw Invalid("\(name)() needs a list, not a \(value.typeName)") }
            return elements
        }
        func object(_ value: Value) throws -> [String: Value] {
            guard case .object(let attributes) = value else { throw Invalid("\(name)() needs an object or map, not a \(value.typeName)") }
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
            guard args.count == 3 else { throw Invalid("lookup(): key \"\(HCLError.excerpt(key))\" not found and no default given") }
            return args[2]
        case "element":
            try arity(2...2)
            let elements = try list(args[0])
            guard !elements.isEmpty else { throw Invalid("element() on an empty list") }
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
            throw Invalid("coalesce(): no non-null, non-empty argument")
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
        case "compact":
            try arity(1...1)
            return .list(try list(args[0]).filter { $0 != .null && $0 != .string("") })
        case "one":
            try arity(1...1)
            let elements = try list(args[0])
            guard elements.count <= 1 else { throw Invalid("one() of a list of \(elements.count) elements") }
            return elements.first ?? .null
        case "zipmap":
            try arity(2...2)
            let keys = try list(args[0]), values = try list(args[1])
            guard keys.count == values.count else { throw Invalid("zipmap() of \(keys.count) keys and \(values.count) values") }
            var result: [String: Value] = [:]
            for (key, value) in zip(keys, values) { result[try string(key)] = value }
            return .object(result)
        case "range":
            try arity(1...3)
            let numbers = try args.map { try number($0) }
            let (start, limit, step): (Decimal, Decimal, Decimal) =
                numbers.count == 1 ? (0, numbers[0], 1) : (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 1)
            guard step != 0 else { throw Invalid("range() with a step of 0") }
            var result: [Value] = []
            var value = start
            while step > 0 ? value < limit : value > limit {
                result.append(.number(value))
                guard result.count <= 1024 else { throw Unknown("range() of more than 1,024 elements is not evaluated statically") }
                value += step
            }
            return .list(result)
        case "startswith", "endswith":
            try arity(2...2)
            let text = try string(args[0]), affix = try string(args[1])
            return .bool(name == "startswith" ? text.hasPrefix(affix) : text.hasSuffix(affix))
        case "coalescelist":
            for argument in args where !(try list(argument)).isEmpty { return argument }
            throw Invalid("coalescelist(): every list is empty")
        case "alltrue", "anytrue":
            try arity(1...1)
            let flags = try list(args[0]).map { try Evaluator.bool($0, "element of \(name)()") }
            return .bool(name == "alltrue" ? flags.allSatisfy { $0 } : flags.contains(true))
        case "sort":
            try arity(1...1)
            return .list(try list(args[0]).map { try string($0) }.sorted().map { .string($0) })
        case "reverse":
            try arity(1...1)
            return .list(try list(args[0]).reversed())
        case "substr":
            try arity(3...3)
            let characters = Array(try string(args[0]))
            guard let offset = Evaluator.integer(try number(args[1])), let length = Evaluator.integer(try number(args[2])), offset >= 0, offset <= characters.count else {
                throw Invalid("substr() offset out of range")
            }
            let end = length < 0 ? characters.count : min(characters.count, offset + length)
            return .string(String(characters[offset..<max(offset, end)]))
        case "trimprefix", "trimsuffix":
            try arity(2...2)
            let text = try string(args[0]), affix = try string(args[1])
            if name == "trimprefix", text.hasPrefix(affix) { return .string(String(text.dropFirst(affix.count))) }
            if name == "trimsuffix", text.hasSuffix(affix) { return .string(String(text.dropLast(affix.count))) }
            return .string(text)
        case "sum":
            try arity(1...1)
            var total: Decimal = 0
            for element in try list(args[0]) { total += try number(element) }
            return .number(total)
        case "index":
            try arity(2...2)
            guard let position = try list(args[0]).firstIndex(of: args[1]) else { throw Invalid("index(): the value is not in the list") }
            return .number(Decimal(position))
        case "slice":
            try arity(3...3)
            let elements = try list(args[0])
            guard let start = Evaluator.integer(try number(args[1])), let end = Evaluator.integer(try number(args[2])), start >= 0, start <= end,
                end <= elements.count
            else { throw Invalid("slice() indexes out of range") }
            return .list(Array(elements[start..<end]))
        case "setunion":
            return .list(setOrder(distinct(try args.flatMap { try list($0) })))
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
