import Foundation
import HCL

/// Where the root module's variables get their values, in Terraform's order of precedence (later
/// wins): `TF_VAR_name` in the environment, `terraform.tfvars`, `terraform.tfvars.json`, every
/// `*.auto.tfvars` and `*.auto.tfvars.json` in name order, then `--var-file` and `--var` in the order
/// given on the command line.
package struct VariableInputs: Sendable, Equatable {
    /// `--var-file FILE` and `--var NAME=VALUE`, in command-line order.
    package enum Given: Sendable, Equatable {
        case file(String)
        case assignment(name: String, value: String)
    }

    package var given: [Given]
    /// `TF_VAR_` variables of the environment, without the prefix.
    package var environment: [String: String]

    package init(given: [Given] = [], environment: [String: String] = [:]) {
        self.given = given
        self.environment = environment
    }

    /// Variables given on the command line as a dictionary (tests and callers that only use `--var`).
    package init(_ assignments: [String: String]) {
        self.init(given: assignments.keys.sorted().map { .assignment(name: $0, value: assignments[$0]!) })
    }

    /// The `TF_VAR_` variables of `environment`.
    package static func terraformVariables(in environment: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("TF_VAR_") && name.count > 7 { result[String(name.dropFirst(7))] = value }
        return result
    }
}

/// The values of the root module's variables, each with where it came from.
struct VariableValues {
    var values: [String: HCL.Value] = [:]
    /// `var.region` → `terraform.tfvars:3`, `--var`, `TF_VAR_region`.
    var sources: [String: String] = [:]
    /// Where a variable file writes each value it gives (the last file's, as the value is).
    var positions: [String: SourcePosition] = [:]
    var warnings: [String] = []
    /// See `load`.
    private var declaredElsewhere: Set<String> = []
    /// The variable files read, as findings show them.
    var files: [String] = []

    /// Reads every source of `inputs` for a root module whose variables are `declared` (name → type).
    /// `declaredElsewhere`: variables another file of the module declares (one file reviewed on its
    /// own): a value for one is not used, and is no undeclared variable either.
    static func load(
        _ inputs: VariableInputs, rootDirectory: String?, declared: [String: TypeConstraint], declaredElsewhere: Set<String> = []
    ) throws -> VariableValues {
        var result = VariableValues()
        result.declaredElsewhere = declaredElsewhere
        for name in inputs.environment.keys.sorted() {
            // Terraform reads TF_VAR_ only for declared variables, and as a string unless the type says otherwise.
            guard let type = declared[name] else { continue }
            result.set(name, try literal(inputs.environment[name]!, type: type, origin: "TF_VAR_\(name)", example: "TF_VAR_\(name)="), from: "TF_VAR_\(name)")
        }
        // terraform.tfvars and *.auto.tfvars next to the root module (a file reviewed on its own: its directory).
        if let root = rootDirectory {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            let automatic =
                ["terraform.tfvars", "terraform.tfvars.json"].filter(names.contains)
                + names.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }.sorted()
            for name in automatic {
                try result.read(file: (root as NSString).appendingPathComponent(name), display: name, declared: declared)
            }
        }
        for given in inputs.given {
            switch given {
            case .file(let path):
                guard FileManager.default.fileExists(atPath: path) else {
                    throw TerraformLoader.LoadError.variableFileNotFound(path)
                }
                try result.read(file: path, display: path, declared: declared)
            case .assignment(let name, let value):
                guard let type = declared[name] else {
                    if declaredElsewhere.contains(name) {
                        result.warnings.append(
                            "--var \(HCLError.excerpt(name, limit: 60)): another file of the directory declares it, and a file reviewed on its own does not take that file's variables' values: review the directory to use it"
                        )
                        continue
                    }
                    let hint = Suggestion.hint(for: name, in: Array(declared.keys))
                    result.warnings.append(
                        "--var \(HCLError.excerpt(name, limit: 60)): the root module declares no variable of that name, so the value is not used; \(hint)declared: \(declared.isEmpty ? "none" : declared.keys.sorted().joined(separator: ", "))"
                    )
                    continue
                }
                result.set(name, try literal(value, type: type, origin: "--var \(name)", example: "--var \(name)="), from: "--var")
            }
        }
        return result
    }

    private mutating func set(_ name: String, _ value: HCL.Value, from source: String, at position: SourcePosition? = nil) {
        values[name] = value
        sources[name] = source
        positions[name] = position
    }

    /// A tfvars file: attributes only, each a constant expression (`*.tfvars.json`: one JSON object).
    private mutating func read(file path: String, display: String, declared: [String: TypeConstraint]) throws {
        let source = try ModuleFiles.read(file: path, display: display, asVariables: true)
        files.append(display)
        var undeclared: [String] = []
        var elsewhere: [String] = []
        for attribute in source.syntax.body.attributes {
            let line = source.position(attribute.position).line
            guard declared[attribute.name] != nil else {
                if declaredElsewhere.contains(attribute.name) { elsewhere.append(attribute.name) } else { undeclared.append(attribute.name) }
                continue
            }
            guard let value = Evaluator().value(of: attribute.expression) else {
                throw TerraformLoader.LoadError.parse(
                    "\(HCLError.excerpt(display, limit: 200)):\(line): the value of \(HCLError.excerpt(attribute.name, limit: 60)) is not a constant; variable files hold literal values only"
                )
            }
            if let type = declared[attribute.name], let reason = type.rejection(of: value) {
                throw TerraformLoader.LoadError.parse(
                    "\(HCLError.excerpt(display, limit: 200)):\(line): \(HCLError.excerpt(attribute.name, limit: 60)) = \(value.excerpt()) is not a value of the variable's type (\(reason)); Terraform rejects it: write one such as \(HCLError.excerpt(attribute.name, limit: 60)) = \(type.example)"
                )
            }
            set(attribute.name, value, from: "\(display):\(line)", at: source.position(attribute.expression.position))
        }
        for block in source.syntax.body.blocks {
            throw TerraformLoader.LoadError.parse(
                "\(HCLError.excerpt(display, limit: 200)):\(source.position(block.position).line): a variable file holds NAME = VALUE lines, not blocks (\(HCLError.excerpt(block.type, limit: 40)))"
            )
        }
        if !undeclared.isEmpty {
            // Each with the nearest declared name, as --var's warning gives it.
            let named = undeclared.prefix(5).map { name in
                HCLError.excerpt(name, limit: 40) + (Suggestion.closest(to: name, in: Array(declared.keys) + declaredElsewhere.sorted()).map { " (did you mean \($0)?)" } ?? "")
            }
            warnings.append(
                "\(HCLError.excerpt(display, limit: 200)) sets \(undeclared.count == 1 ? "a variable" : "\(undeclared.count) variables") the root module does not declare (\(named.joined(separator: ", "))\(undeclared.count > 5 ? ", ..." : "")): Terraform ignores \(undeclared.count == 1 ? "it" : "them") with a warning"
            )
        }
        if !elsewhere.isEmpty {
            warnings.append(
                "\(HCLError.excerpt(display, limit: 200)) sets \(elsewhere.prefix(5).map { HCLError.excerpt($0, limit: 40) }.joined(separator: ", "))\(elsewhere.count > 5 ? ", ..." : ""), which another file of the directory declares: a file reviewed on its own does not take \(elsewhere.count == 1 ? "its value" : "their values"); review the directory to use \(elsewhere.count == 1 ? "it" : "them")"
            )
        }
    }

    /// A value from the command line or the environment: the text itself for a string (or a variable
    /// without a type, as Terraform takes it), else an HCL expression such as `["a", "b"]` or `3`.
    /// `example` starts the example of the message (`--var region=`, `TF_VAR_region=`).
    static func literal(_ text: String, type: TypeConstraint, origin: String, example: String) throws -> HCL.Value {
        switch type {
        case .string, .any: return .string(text)
        default:
            var reason: String?
            if let expression = try? HCLParser.parse("v = \(text)\n", path: origin).body.attribute(named: "v")?.expression,
                let value = Evaluator().value(of: expression)
            {
                reason = type.rejection(of: value)
                if reason == nil { return type.convert(value) }
            }
            throw CLIError(
                "\(origin)=\(HCLError.excerpt(text, limit: 60)) is not a value of the variable's type\(reason.map { " (\($0))" } ?? ""); write it as Terraform would, e.g. \(example)'\(type.example)'"
            )
        }
    }
}
