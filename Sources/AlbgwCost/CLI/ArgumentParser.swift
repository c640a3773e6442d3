import HCL

/// Options as given on the command line, by name; values are still text.
package struct ParsedArguments: Sendable, Equatable {
    package var values: [String: String] = [:]
    package var flags: Set<String> = []
    /// Every value of a repeatable option, in order.
    package var repeated: [String: [String]] = [:]

    package func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }
}

/// Splits arguments into options and values against an option table. Accepts `--name value` and
/// `--name=value`; rejects unknown options (with a suggestion), repeats and stray words.
package enum ArgumentParser {
    /// The line for an option `command` does not take: the commands that take it (`--fail-on` is
    /// review's; `--format` the analysis's, review's and sweep's), else the nearest option it does take.
    static func unknownOption(_ name: String, among names: [String], command: String) -> String {
        let shown = HCLError.excerpt(name, limit: 60)
        // prices writes its tables with an option of its own.
        if name == "--out" && command == "albgw-cost prices" {
            return "--out is not an option of albgw-cost prices: --export DIR writes the price tables (see 'albgw-cost prices --help')"
        }
        var owners: [String] = []
        for spec in CommandCatalog.all where spec.options.contains(where: { $0.name == name }) {
            let owner = spec.name == "compare" ? "albgw-cost" : "albgw-cost \(spec.name)"
            if owner != command && !owners.contains(owner) { owners.append(owner) }
        }
        if let owner = owners.first {
            return "\(shown) is an option of \(owners.joined(separator: ", ", lastSeparator: " and ")), not of \(command) (see '\(owner) --help')"
        }
        return "unknown option '\(shown)'" + (Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? "") + " (see '\(command) --help')"
    }

    package static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        let see = "see '\(command) --help'"
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-"), argument.count > 1 else {
                throw CLIError("unexpected argument '\(argument)'; options start with '--' (\(see))")
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if name == "-h" { name = "--help" }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw CLIError(unknownOption(name, among: options.map(\.name), command: command))
            }
            guard spec.repeatable || !parsed.has(name) else { throw CLIError("\(name) is given twice; give it once") }
            if spec.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count, !isOptionName(arguments[index], options: options) else {
                        throw CLIError("\(name) needs a value: \(name) \(spec.metavar ?? "VALUE") (\(see))")
                    }
                    value = arguments[index]
                    index += 1
                }
                guard !value.isEmpty else { throw CLIError("\(name) needs a value, got an empty one: \(name) \(spec.metavar ?? "VALUE")") }
                parsed.values[name] = value
                if spec.repeatable { parsed.repeated[name, default: []].append(value) }
            } else {
                guard inlineValue == nil else { throw CLIError("\(name) takes no value; write it alone") }
                parsed.flags.insert(name)
            }
        }
        return parsed
    }

    /// True for `--word` tokens (so `--rps --region` reports a missing value), but not for `-5`.
    private static func isOptionName(_ token: String, options: [OptionSpec]) -> Bool {
        token.hasPrefix("--")
    }
}
