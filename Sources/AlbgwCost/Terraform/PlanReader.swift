import Foundation
import HCL

/// The JSON Terraform prints for a plan (`terraform show -json PLANFILE`) or a state (`terraform show
/// -json`), read into the same `TerraformConfiguration` the HCL path produces, so that the recognizer
/// and the review read it unchanged. The format is Terraform's JSON output format, format_version
/// 0.x and 1.x (developer.hashicorp.com/terraform/internals/json-format):
/// - Resources are the instances of `planned_values` (a plan; the data sources it read while planning
///   are in `prior_state`) or of `values` (a state), through every `child_modules`: one block per
///   instance, with its module instance (`module.alb.`) and instance key (`[0]`, `["api"]`), as the
///   HCL path expands `count` and `for_each`.
/// - Attribute values are planned or applied values. What `resource_changes[].change.after_unknown`
///   marks is known only after apply and stays unknown (nil, or `.unknown` inside a list); an unknown
///   attribute the configuration does not set is left out, as the HCL path never sees it (the provider
///   computes it). Nested blocks the tool reads (`TerraformJSONSyntax.nestedBlocks`) are nested blocks.
///   Sensitive values are unknown and never shown.
/// - References: a plan's `configuration` says what each expression refers to; inside a module,
///   `var.x` also refers to what the caller passed and `module.m.out` to what the output names, as in
///   `ModuleExpander`. A value equal to another resource's id, ARN, DNS name or private IP refers to it
///   (a state has no configuration: this is its only wiring), and a JSON document that holds one (a
///   policy) is shown with the reference in its place.
/// - Positions are the lines of the resources and attributes in the JSON file, column 1.
enum PlanReader {
    /// What a JSON document holds.
    enum Content: Equatable {
        case plan
        case state
        /// Terraform's JSON configuration syntax, which the HCL path reads.
        case configurationSyntax
        /// Anything else, described for the message.
        case other(String)
    }

    /// The top-level keys of Terraform's JSON configuration syntax.
    static let configurationKeys: Set<String> = ["resource", "data", "module", "provider", "variable", "output", "locals", "terraform"]

    /// Attributes whose values identify a resource: an equal value elsewhere refers to it, in this order
    /// of preference (`aws_lb`'s id is its ARN: the reference says `.arn`, as code does).
    static let identifying = [
        "arn", "id", "dns_name", "invoke_arn", "execution_arn", "qualified_arn", "qualified_invoke_arn", "domain_name_id", "private_ip", "network_interface_ids", "json",
    ]
    /// The preference of an identifying attribute (lower is preferred).
    static func rank(_ attribute: String) -> Int { identifying.firstIndex(of: attribute) ?? identifying.count }

    /// Shorter values (a function's id is its name: `app`) identify nothing.
    static let minimumIdentifyingLength = 6
    /// At most this many references are read from one expression, and carried through one variable or output.
    static let referenceLimit = 256
    static let throughLimit = 64

    static func content(of json: OrderedJSON) -> Content {
        guard case .object(let members) = json else { return .other(json.kindName) }
        let keys = Set(members.map(\.key))
        if keys.contains("format_version") {
            if keys.contains("planned_values") || keys.contains("resource_changes") { return .plan }
            // An empty state is `{"format_version": "1.0"}`, with the version of Terraform that wrote it.
            if keys.contains("values") || keys.isSubset(of: ["format_version", "terraform_version"]) { return .state }
            return .other("an object with format_version but neither planned_values nor values (not a plan or a state)")
        }
        if !keys.isDisjoint(with: configurationKeys) { return .configurationSyntax }
        return .other(members.isEmpty ? "an empty object" : "an object without format_version, planned_values or values")
    }

    /// Reads the file at `path` when it is a plan or a state; nil when it is configuration for the HCL
    /// path (`.tf`, `.tf.json`, JSON in the configuration syntax, or text that is not JSON). What is
    /// neither, but what users give in its place (the binary plan, the state file itself, the log of
    /// `terraform plan -json`, an empty or cut-short file), is named on one line with the command that
    /// makes the JSON.
    static func load(_ path: String, variablesGiven: Bool) throws -> TerraformConfiguration? {
        let name = (path as NSString).lastPathComponent
        if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") { return nil }
        var data = try ModuleFiles.contents(of: path)
        let shown = HCLError.excerpt(name, limit: 200)
        let isJSONName = name.hasSuffix(".json")
        // `terraform plan -out` writes a zip archive, whatever it is called, holding a `tfplan` entry;
        // another zip (a function's package) is named as what it is.
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard data.range(of: Data("tfplan".utf8)) != nil else {
                throw TerraformLoader.LoadError.parse(
                    "\(shown): is a zip archive, not Terraform (a function's package?); give a .tf file, a directory of them, or a plan's JSON (terraform show -json)")
            }
            let output = distinct("plan.json", from: shown)
            throw TerraformLoader.LoadError.parse(
                "\(shown): is a binary plan file; review its JSON instead: terraform show -json \(shown) > \(output), then albgw-cost review \(output)")
        }
        // Other archives users hand over for a project: named, with what to do instead.
        // Named by the path given, so that the command it suggests runs where the review was asked for.
        if let message = archiveMessage(data, shown: HCLError.excerpt(path, limit: 200)) { throw TerraformLoader.LoadError.parse(message) }
        // Windows PowerShell's `>` writes UTF-16 with a byte-order mark: read it as the text it is.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw TerraformLoader.LoadError.parse(
                    "\(shown): starts with a UTF-16 byte-order mark but is not UTF-16 text; write the JSON as UTF-8: terraform show -json tfplan > plan.json")
            }
            data = Data(text.utf8)
        }
        let start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let first = data.dropFirst(start).first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == nil && isJSONName {
            throw TerraformLoader.LoadError.parse(
                "\(shown): is empty; give the JSON of a plan or a state: terraform show -json tfplan > \(distinct(shown, from: "tfplan")) (or terraform show -json > \(shown) for the state)"
            )
        }
        // Text that opens with `{` is JSON whatever its name: HCL never starts so.
        guard isJSONName || first == UInt8(ascii: "{") else { return nil }
        let json: OrderedJSON
        do {
            json = try OrderedJSON.parse(data)
        } catch let error as OrderedJSON.ParseError {
            throw TerraformLoader.LoadError.parse(parseFailure(error, data: data, shown: shown))
        }
        switch content(of: json) {
        case .plan, .state:
            if variablesGiven { throw TerraformLoader.LoadError.variablesForPlan(path) }
            return try read(json, file: name)
        case .configurationSyntax:
            return nil
        case .other(let what):
            if case .object(let members) = json, Set(members.map(\.key)).isSuperset(of: ["version", "lineage"]) {
                let output = distinct("state.json", from: shown)
                throw TerraformLoader.LoadError.parse(
                    "\(shown): is Terraform's state file itself, not its JSON output; review that: terraform show -json \(shown) > \(output), then albgw-cost review \(output)"
                )
            }
            throw TerraformLoader.LoadError.parse(
                "\(shown): holds \(what), neither the JSON of a plan or a state (terraform show -json: an object with format_version and planned_values or values) nor Terraform's JSON configuration syntax (resource, module, provider... at the top); give one of those, a .tf file or a directory"
            )
        }
    }

    /// The line for a compressed file or a tar archive, known by its magic bytes (gzip, bzip2, xz,
    /// zstd; "ustar" at byte 257), with the command that unpacks it: `tar` for a name that says tar
    /// (`.tgz`, `.tar.gz`...), the decompressor for a single file (`main.tf.gz`, `plan.json.gz`).
    /// nil for anything else.
    static func archiveMessage(_ data: Data, shown: String) -> String? {
        let compressors: [(magic: [UInt8], name: String, tar: String, tool: String, suffix: String, tarSuffixes: [String])] = [
            ([0x1F, 0x8B], "gzip", "tar -xzf", "gunzip -c", ".gz", [".tgz", ".tar.gz"]),
            ([0x42, 0x5A, 0x68], "bzip2", "tar -xjf", "bunzip2 -c", ".bz2", [".tbz2", ".tbz", ".tar.bz2"]),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz", "tar -xJf", "unxz -c", ".xz", [".txz", ".tar.xz"]),
            ([0x28, 0xB5, 0x2F, 0xFD], "zstd", "tar --zstd -xf", "unzstd -c", ".zst", [".tzst", ".tar.zst"]),
        ]
        let name = shown.lowercased()
        let quoted = ShellWords.quoted(shown)
        if let compressor = compressors.first(where: { data.starts(with: $0.magic) }) {
            let article = compressor.name == "xz" ? "an" : "a"
            if compressor.tarSuffixes.contains(where: name.hasSuffix) {
                return "\(shown): is \(article) \(compressor.name)-compressed tar archive, not Terraform; unpack it (\(compressor.tar) \(quoted) -C DIR) and review the directory"
            }
            // Written to standard output, the command works whatever the file is called; it never
            // names a file that exists as its output.
            let stripped = name.hasSuffix(compressor.suffix) ? String(shown.dropLast(compressor.suffix.count)) : nil
            let output = stripped.flatMap { FileManager.default.fileExists(atPath: $0) ? nil : ShellWords.quoted($0) } ?? "FILE"
            return
                "\(shown): is \(compressor.name)-compressed, not Terraform text; decompress it (\(compressor.tool) \(quoted) > \(output)) and review what it holds: a .tf file, or a plan's JSON"
        }
        if data.count >= 262, data.dropFirst(257).prefix(5).elementsEqual("ustar".utf8) {
            return "\(shown): is a tar archive, not Terraform; unpack it (tar -xf \(quoted) -C DIR) and review the directory"
        }
        return nil
    }

    /// A file name for a command the message suggests, other than the input's: `terraform show -json
    /// plan.json > plan.json` would empty the file before Terraform reads it.
    static func distinct(_ preferred: String, from input: String) -> String {
        preferred != input ? preferred : input == "tfplan" ? "plan.json" : "shown-\(preferred)"
    }

    /// The one line for a file that is not JSON: cut short, the log of `terraform plan -json`, or else.
    static func parseFailure(_ error: OrderedJSON.ParseError, data: Data, shown: String) -> String {
        let at = "\(shown):\(error.line):\(error.column)"
        if error.atEnd {
            return
                "\(at): the JSON ends before it is complete (\(error.message)): the file was cut short; write it again: terraform show -json tfplan > \(distinct(shown, from: "tfplan"))"
        }
        // `terraform plan -json` streams one JSON message a line: {"@level":"info","@message":...}.
        if error.message == "unexpected text after the JSON value", error.line > 1, let newline = data.firstIndex(of: 0x0A),
            case .object(let members)? = try? OrderedJSON.parse(data[..<newline]), members.contains(where: { $0.key == "@message" })
        {
            return
                "\(shown): is the log of terraform plan -json (one message a line), not the plan; save the plan and show it: terraform plan -out tfplan && terraform show -json tfplan > plan.json"
        }
        return "\(at): \(error.message); expected the JSON of a plan or a state (terraform show -json tfplan > plan.json) or Terraform's JSON configuration syntax"
    }

    /// Reads a plan or a state (see `content(of:)`); `file` is the name positions show.
    static func read(_ json: OrderedJSON, file: String) throws -> TerraformConfiguration {
        try Reading(json, file: file).configuration()
    }
}

// MARK: - Addresses

extension PlanReader {
    /// A module instance: `module.alb["a"].` and the call names that lead to its configuration.
    struct ModuleInstance: Hashable {
        /// `module.alb["a"].module.inner.`; empty for the root module.
        var prefix: String
        /// The module calls from the root (`["alb", "inner"]`): the configuration's path.
        var calls: [String]
        /// The module instance that calls it; nil for the root module.
        var parentPrefix: String?

        static let root = ModuleInstance(prefix: "", calls: [], parentPrefix: nil)

        init(prefix: String, calls: [String], parentPrefix: String?) {
            self.prefix = prefix
            self.calls = calls
            self.parentPrefix = parentPrefix
        }

        init(_ steps: [(name: String, key: String?)]) {
            var prefix = ""
            var parent: String?
            for step in steps {
                parent = prefix
                prefix += "module.\(step.name)\(step.key ?? "")."
            }
            self.init(prefix: prefix, calls: steps.map(\.name), parentPrefix: parent)
        }
    }

    /// `module.a["x"].module.b[0]` as its calls and instance keys; nil when it is not a module address.
    static func moduleAddress(_ text: String) -> [(name: String, key: String?)]? {
        var scanner = AddressScanner(text)
        var steps: [(name: String, key: String?)] = []
        repeat {
            guard scanner.consume("module."), let name = scanner.identifier() else { return nil }
            var key: String?
            if scanner.peek == "[" {
                guard let index = scanner.indexKey() else { return nil }
                key = index
            }
            steps.append((name, key))
        } while scanner.consume(".")
        return scanner.atEnd ? steps : nil
    }

    /// A reference as the configuration writes it (`aws_lb.this[0].arn`, `module.alb.arn`), named in
    /// the module instance `module` (`module.alb.` or empty); nil when it does not parse.
    static func reference(_ text: String, module: String) -> TerraformReference? {
        var scanner = AddressScanner(text)
        guard let root = scanner.identifier() else { return nil }
        var steps: [TerraformReference.Step] = []
        while !scanner.atEnd {
            if scanner.consume(".") {
                guard let name = scanner.identifier() else { return nil }
                steps.append(.attribute(name))
            } else if scanner.peek == "[" {
                guard let key = scanner.indexKey() else { return nil }
                steps.append(.key(key))
            } else {
                return nil
            }
        }
        return TerraformReference(root: root, steps: steps, module: module)
    }

    /// A Terraform identifier: a letter or `_`, then letters, digits, `_` and `-`.
    static func isIdentifier(_ text: String) -> Bool {
        var scanner = AddressScanner(text)
        return scanner.identifier() != nil && scanner.atEnd
    }

    /// Reads addresses: identifiers, `.`, and index keys (`[0]`, `["a"]` with Go's escapes, as Terraform
    /// prints them), re-rendered as `TerraformReference` renders keys.
    struct AddressScanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func consume(_ literal: String) -> Bool {
            let wanted = Array(literal.unicodeScalars)
            guard index + wanted.count <= scalars.count, Array(scalars[index..<(index + wanted.count)]) == wanted else { return false }
            index += wanted.count
            return true
        }

        mutating func identifier() -> String? {
            guard let first = peek, first == "_" || first.properties.isAlphabetic else { return nil }
            var out = String.UnicodeScalarView()
            while let scalar = peek, scalar == "_" || scalar == "-" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.append(scalar)
                index += 1
            }
            return String(out)
        }

        /// `[12]` or `["text"]`, as `TerraformReference` renders it; nil when malformed.
        mutating func indexKey() -> String? {
            guard consume("[") else { return nil }
            if consume("\"") {
                var value = String.UnicodeScalarView()
                while let scalar = peek {
                    index += 1
                    switch scalar {
                    case "\"":
                        guard consume("]") else { return nil }
                        return TerraformReference.keyText(.string(String(value)))
                    case "\\":
                        guard let escaped = escape() else { return nil }
                        value.append(escaped)
                    default:
                        value.append(scalar)
                    }
                }
                return nil
            }
            var digits = ""
            while let scalar = peek, ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                index += 1
            }
            guard !digits.isEmpty, digits.count <= 18, let number = Int(digits), consume("]") else { return nil }
            return "[\(number)]"
        }

        /// One escape after a backslash, as Go's `%q` writes them.
        mutating func escape() -> Unicode.Scalar? {
            guard let scalar = peek else { return nil }
            index += 1
            switch scalar {
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "a": return "\u{07}"
            case "b": return "\u{08}"
            case "f": return "\u{0C}"
            case "v": return "\u{0B}"
            case "\\", "\"", "/", "'": return scalar
            case "x": return hex(2)
            case "u": return hex(4)
            case "U": return hex(8)
            default: return nil
            }
        }

        mutating func hex(_ count: Int) -> Unicode.Scalar? {
            guard index + count <= scalars.count else { return nil }
            let text = String(String.UnicodeScalarView(scalars[index..<(index + count)]))
            index += count
            return UInt32(text, radix: 16).flatMap(Unicode.Scalar.init)
        }
    }
}

// MARK: - Reading

extension PlanReader {
    /// One resource instance of the document.
    struct Instance {
        var module: ModuleInstance
        var data: Bool
        var type: String
        var name: String
        var key: String?
        var values: OrderedJSON?
        var unknown: OrderedJSON?
        var sensitive: OrderedJSON?
        var line: Int

        /// `aws_lb.this` or `data.aws_iam_policy_document.p`, as the module's configuration names it.
        var local: String { (data ? "data." : "") + type + "." + name }
        var baseAddress: String { module.prefix + local }
        var address: String { baseAddress + (key ?? "") }
    }

    /// One module of the configuration section.
    struct ConfigModule {
        /// Resource configurations by local address (`aws_lb.this`).
        var resources: [String: OrderedJSON] = [:]
        var variables: [(name: String, line: Int)] = []
        /// Output expressions by name.
        var outputs: [String: OrderedJSON] = [:]
        /// The expressions of each module call (its arguments), by call name.
        var calls: [String: OrderedJSON] = [:]
    }

    /// One value read: what the model holds, how it is shown, and what it refers to by value.
    struct Converted {
        var value: TerraformValue
        var text: String
        var references: [TerraformReference] = []
        /// A list's elements, each converted.
        var elements: [Converted]?
    }

    final class Reading {
        let document: OrderedJSON
        let file: String
        let shownFile: String
        let isPlan: Bool
        var instances: [Instance] = []
        var seenAddresses: Set<String> = []
        /// Module instances seen, by prefix.
        var modules: [String: ModuleInstance] = ["": .root]
        var configModules: [[String]: ConfigModule] = [:]
        var hasConfiguration = false
        /// `resource_changes` by the instance address Terraform printed: after_unknown and after_sensitive.
        var changes: [String: (unknown: OrderedJSON?, sensitive: OrderedJSON?)] = [:]
        /// Identifying values: value -> the instances and attributes that hold it.
        var identities: [String: [(instance: Int, attribute: String)]] = [:]
        var throughMemo: [String: [TerraformReference]] = [:]
        /// Module instances by their call in their parent (`module.alb`), sorted: built once modules are known.
        lazy var moduleChildren: [String: [ModuleInstance]] = {
            var children: [String: [ModuleInstance]] = [:]
            for child in modules.values {
                guard let parent = child.parentPrefix, let call = child.calls.last else { continue }
                children["\(parent)module.\(call)", default: []].append(child)
            }
            return children.mapValues { $0.sorted { $0.prefix < $1.prefix } }
        }()
        var throughActive: Set<String> = []

        init(_ document: OrderedJSON, file: String) throws {
            self.document = document
            self.file = file
            shownFile = HCLError.excerpt(file, limit: 200)
            switch PlanReader.content(of: document) {
            case .plan: isPlan = true
            case .state: isPlan = false
            default: throw TerraformLoader.LoadError.parse("\(shownFile): is not the JSON of a plan or a state (terraform show -json)")
            }
        }

        func failure(_ line: Int, _ message: String) -> TerraformLoader.LoadError {
            .parse("\(shownFile):\(line):1: \(message) (Terraform's JSON output of a plan or a state, terraform show -json)")
        }

        func position(_ line: Int) -> SourcePosition { SourcePosition(file: file, line: line, column: 1) }

        func configuration() throws -> TerraformConfiguration {
            try checkVersion()
            if isPlan {
                readConfiguration()
                readChanges()
                if let planned = document["planned_values"], planned != .null {
                    guard case .object = planned else { throw failure(document.line(of: "planned_values") ?? 1, "planned_values is \(planned.kindName), expected an object") }
                    if let root = planned["root_module"] { try walk(root, module: .root, line: planned.line(of: "root_module") ?? 1, what: "planned_values.root_module") }
                } else {
                    try readChangesAsInstances()
                }
                // Data sources read while planning are in the prior state, not among the changes.
                if let prior = document["prior_state"]?["values"]?["root_module"] {
                    try walk(prior, module: .root, line: document.line(of: "prior_state") ?? 1, what: "prior_state.values.root_module", dataOnly: true)
                }
            } else if let values = document["values"], values != .null {
                guard case .object = values else { throw failure(document.line(of: "values") ?? 1, "values is \(values.kindName), expected an object") }
                if let root = values["root_module"] { try walk(root, module: .root, line: values.line(of: "root_module") ?? 1, what: "values.root_module") }
            }
            indexIdentities()
            var blocks: [TerraformBlock] = []
            blocks += providerBlocks()
            blocks += variableBlocks()
            let accounts = hasConfiguration ? [:] : foreignAccounts()
            for index in instances.indices { blocks.append(block(index, account: accounts[index])) }
            return TerraformConfiguration(
                files: [file], blocks: blocks, givenVariables: givenVariables(), notes: notes(), declaredWithoutInstances: declaredWithoutInstances())
        }

        /// Terraform: "Reject any input which reports an unsupported major version."
        func checkVersion() throws {
            let line = document.line(of: "format_version") ?? 1
            guard case .string(let version)? = document["format_version"] else { throw failure(line, "format_version is not a string") }
            let major = version.split(separator: ".", omittingEmptySubsequences: false).first.flatMap { Int($0) }
            guard let major, major <= 1 else {
                throw failure(
                    line, "format_version \"\(HCLError.excerpt(version, limit: 20))\" is not one this reader knows (0.x and 1.x); give the JSON of a Terraform 1.x plan or state")
            }
        }

        // MARK: Instances

        /// The resources of one module of a values representation, and its child modules.
        func walk(_ module: OrderedJSON, module instance: ModuleInstance, line: Int, what: String, dataOnly: Bool = false) throws {
            guard case .object = module else { throw failure(line, "\(what) is \(module.kindName), expected an object") }
            if let resources = module["resources"], resources != .null {
                guard case .array(let items) = resources else {
                    throw failure(module.line(of: "resources") ?? line, "\(what).resources is \(resources.kindName), expected an array")
                }
                for item in items {
                    guard case .object = item else { throw failure(module.line(of: "resources") ?? line, "a resource is \(item.kindName), expected an object") }
                    try addInstance(
                        item, module: instance, values: item["values"], unknown: nil, sensitive: item["sensitive_values"], line: item.line(of: "address") ?? item.firstLine ?? line,
                        dataOnly: dataOnly)
                }
            }
            if let children = module["child_modules"], children != .null {
                let childrenLine = module.line(of: "child_modules") ?? line
                guard case .array(let items) = children else { throw failure(childrenLine, "\(what).child_modules is \(children.kindName), expected an array") }
                for child in items {
                    guard case .object = child else { throw failure(childrenLine, "a child module is \(child.kindName), expected an object") }
                    let childLine = child.line(of: "address") ?? child.firstLine ?? childrenLine
                    guard case .string(let address)? = child["address"], let steps = PlanReader.moduleAddress(address) else {
                        throw failure(childLine, "a child module's address is missing or not a module address (module.NAME)")
                    }
                    try walk(child, module: register(steps), line: childLine, what: HCLError.excerpt(address, limit: 80), dataOnly: dataOnly)
                }
            }
        }

        /// Records a module instance and its ancestors.
        func register(_ steps: [(name: String, key: String?)]) -> ModuleInstance {
            for count in 1...max(1, steps.count) where count <= steps.count {
                let instance = ModuleInstance(Array(steps.prefix(count)))
                if modules[instance.prefix] == nil { modules[instance.prefix] = instance }
            }
            return steps.isEmpty ? .root : ModuleInstance(steps)
        }

        func addInstance(
            _ item: OrderedJSON, module: ModuleInstance, values: OrderedJSON?, unknown: OrderedJSON?, sensitive: OrderedJSON?, line: Int, dataOnly: Bool
        ) throws {
            guard case .string(let mode)? = item["mode"], mode == "managed" || mode == "data" else {
                throw failure(line, "a resource's mode is missing or not managed or data")
            }
            if dataOnly && mode != "data" { return }
            guard case .string(let type)? = item["type"], PlanReader.isIdentifier(type) else {
                throw failure(line, "a resource's type is missing or not a Terraform name")
            }
            guard case .string(let name)? = item["name"], PlanReader.isIdentifier(name) else {
                throw failure(line, "\(type)'s name is missing or not a Terraform name")
            }
            var key: String?
            switch item["index"] {
            case nil, .null?: key = nil
            case .number(let text)?: key = TerraformReference.keyText(PlanReader.number(text))
            case .string(let text)?: key = TerraformReference.keyText(.string(text))
            case let other?: throw failure(line, "\(type).\(name)'s index is \(other.kindName), expected a number or a string")
            }
            switch values {
            case nil, .null?, .object?: break
            case let other?: throw failure(line, "\(type).\(name)'s values are \(other.kindName), expected an object")
            }
            var instance = Instance(module: module, data: mode == "data", type: type, name: name, key: key, values: values, unknown: unknown, sensitive: sensitive, line: line)
            guard seenAddresses.insert(instance.address).inserted else { return }
            // A plan's unknowns are in its changes, under the address Terraform printed.
            if unknown == nil, case .string(let printed)? = item["address"], let change = changes[printed] {
                instance.unknown = change.unknown
                if instance.sensitive == nil { instance.sensitive = change.sensitive }
            }
            instances.append(instance)
        }

        /// `resource_changes`: what is known only after apply, by address.
        func readChanges() {
            for change in document["resource_changes"]?.items ?? [] {
                guard case .string(let address)? = change["address"], change["deposed"] == nil, let body = change["change"] else { continue }
                if changes[address] == nil { changes[address] = (body["after_unknown"], body["after_sensitive"]) }
            }
        }

        /// A plan without planned_values: its instances from the changes' `after`.
        func readChangesAsInstances() throws {
            guard let changes = document["resource_changes"], changes != .null else { return }
            guard case .array(let items) = changes else {
                throw failure(document.line(of: "resource_changes") ?? 1, "resource_changes is \(changes.kindName), expected an array")
            }
            for item in items {
                guard case .object = item, item["deposed"] == nil, let body = item["change"], body["after"] != nil, body["after"] != .null else { continue }
                let line = item.line(of: "address") ?? item.firstLine ?? 1
                var module = ModuleInstance.root
                if case .string(let address)? = item["module_address"] {
                    guard let steps = PlanReader.moduleAddress(address) else { throw failure(line, "a change's module_address is not a module address (module.NAME)") }
                    module = register(steps)
                }
                try addInstance(item, module: module, values: body["after"], unknown: body["after_unknown"], sensitive: body["after_sensitive"], line: line, dataOnly: false)
            }
        }

        // MARK: Configuration

        func readConfiguration() {
            guard let root = document["configuration"]?["root_module"], case .object = root else { return }
            hasConfiguration = true
            readConfigModule(root, path: [])
        }

        func readConfigModule(_ json: OrderedJSON, path: [String]) {
            guard case .object = json, configModules[path] == nil, path.count < 64 else { return }
            var module = ConfigModule()
            for resource in json["resources"]?.items ?? [] {
                guard case .string(let mode)? = resource["mode"], case .string(let type)? = resource["type"], case .string(let name)? = resource["name"] else { continue }
                let local = (mode == "data" ? "data." : "") + type + "." + name
                if module.resources[local] == nil { module.resources[local] = resource }
            }
            for (name, _, line) in json["variables"]?.members ?? [] where PlanReader.isIdentifier(name) { module.variables.append((name, line)) }
            for (name, output, _) in json["outputs"]?.members ?? [] where module.outputs[name] == nil { module.outputs[name] = output["expression"] }
            configModules[path] = module
            for (name, call, _) in json["module_calls"]?.members ?? [] where PlanReader.isIdentifier(name) {
                if configModules[path]?.calls[name] == nil { configModules[path]?.calls[name] = call["expressions"] ?? .object([]) }
                if let child = call["module"] { readConfigModule(child, path: path + [name]) }
            }
        }

        /// The references an expression representation names, in `module`'s namespace: the longest of
        /// each chain Terraform unwraps (`aws_lb.this[0].arn`, not also `aws_lb.this[0]` and `aws_lb.this`).
        func configReferences(_ expression: OrderedJSON?, module: ModuleInstance) -> [TerraformReference] {
            guard let texts = expression?["references"]?.items else { return [] }
            var result: [TerraformReference] = []
            var last: String?
            for item in texts.prefix(PlanReader.referenceLimit) {
                guard case .string(let text) = item else { continue }
                if let last, last.hasPrefix(text), let next = last.dropFirst(text.count).first, next == "." || next == "[" { continue }
                last = text
                if let reference = PlanReader.reference(text, module: module.prefix) { result.append(reference) }
            }
            return result
        }

        /// What `var.x` and `module.m.out` stand for, in the root namespace, as `ModuleExpander` carries
        /// them: the caller's argument, the output's expression.
        func through(_ reference: TerraformReference, module: ModuleInstance, depth: Int = 0) -> [TerraformReference] {
            guard depth < 16 else { return [] }
            let names = reference.text.dropFirst(module.prefix.count)
            let memoKey = "\(module.prefix)\u{0}\(names)"
            if let known = throughMemo[memoKey] { return known }
            guard throughActive.insert(memoKey).inserted else { return [] }
            defer { throughActive.remove(memoKey) }
            var result: [TerraformReference] = []
            var seen: Set<String> = []
            func add(_ found: [TerraformReference], in inner: ModuleInstance) {
                for item in found where result.count < PlanReader.throughLimit {
                    if seen.insert(item.text).inserted { result.append(item) }
                    for passed in through(item, module: inner, depth: depth + 1) where result.count < PlanReader.throughLimit {
                        if seen.insert(passed.text).inserted { result.append(passed) }
                    }
                }
            }
            let steps = Self.steps(of: reference, in: module)
            switch reference.root {
            case "var":
                if case .attribute(let variable)? = steps.first, let call = module.calls.last, let parentPrefix = module.parentPrefix, let parent = modules[parentPrefix],
                    let argument = configModules[parent.calls]?.calls[call]?[variable]
                {
                    add(configReferences(argument, module: parent), in: parent)
                }
            case "module":
                guard case .attribute(let call)? = steps.first else { break }
                var rest = steps.dropFirst()
                var key: String?
                if case .key(let written)? = rest.first {
                    key = written
                    rest = rest.dropFirst()
                }
                guard case .attribute(let output)? = rest.first else { break }
                let children = (moduleChildren["\(module.prefix)module.\(call)"] ?? []).filter { key == nil || $0.prefix == "\(module.prefix)module.\(call)\(key!)." }
                for child in children {
                    if let expression = configModules[child.calls]?.outputs[output] { add(configReferences(expression, module: child), in: child) }
                }
            default:
                break
            }
            throughMemo[memoKey] = result
            return result
        }

        /// A reference's steps after its root, re-read from its text.
        static func steps(of reference: TerraformReference, in module: ModuleInstance) -> [TerraformReference.Step] {
            var scanner = AddressScanner(String(reference.text.dropFirst(module.prefix.count)))
            _ = scanner.identifier()
            var steps: [TerraformReference.Step] = []
            while !scanner.atEnd {
                if scanner.consume("."), let name = scanner.identifier() {
                    steps.append(.attribute(name))
                } else if scanner.peek == "[", let key = scanner.indexKey() {
                    steps.append(.key(key))
                } else {
                    break
                }
            }
            return steps
        }

        // MARK: Identities

        /// Every identifying value, with the instances that hold it.
        func indexIdentities() {
            for (index, instance) in instances.enumerated() {
                guard case .object(let members)? = instance.values else { continue }
                let sensitive = PlanReader.dictionary(instance.sensitive)
                for (key, value, _) in members where PlanReader.identifying.contains(key) {
                    // sensitive_values lists every list (`[false, false]`); true marks what is sensitive.
                    let mark = sensitive[key]?.value
                    var values: [OrderedJSON] = []
                    switch value {
                    case .string: values = mark == .bool(true) ? [] : [value]
                    case .array(let items):
                        values = mark == .bool(true) ? [] : items.enumerated().filter { mark?.items?[safe: $0.offset] != .bool(true) }.map(\.element)
                    default: break
                    }
                    for case .string(let text) in values where text.utf8.count >= PlanReader.minimumIdentifyingLength {
                        var holders = identities[text, default: []]
                        if let held = holders.firstIndex(where: { $0.instance == index }) {
                            // One instance, two attributes (an ALB's id is its ARN): the preferred one.
                            if PlanReader.rank(key) < PlanReader.rank(holders[held].attribute) { holders[held].attribute = key }
                        } else if holders.count < 3 {
                            // Three holders decide any owner: the value is ambiguous.
                            holders.append((index, key))
                        }
                        identities[text] = holders
                    }
                }
            }
        }

        /// The reference a value stands for: the one instance other than `owner` it identifies.
        func identify(_ text: String, owner: Int) -> TerraformReference? {
            guard text.utf8.count >= PlanReader.minimumIdentifyingLength, let holders = identities[text] else { return nil }
            let others = holders.filter { $0.instance != owner }
            guard others.count == 1, let holder = others.first else { return nil }
            let attribute = holder.attribute
            let target = instances[holder.instance]
            var steps: [TerraformReference.Step] = target.data ? [.attribute(target.type), .attribute(target.name)] : [.attribute(target.name)]
            if let key = target.key { steps.append(.key(key)) }
            steps.append(.attribute(attribute))
            return TerraformReference(root: target.data ? "data" : target.type, steps: steps, module: target.module.prefix)
        }

        // MARK: Blocks

        func block(_ index: Int, account: String?) -> TerraformBlock {
            let instance = instances[index]
            let config = configModules[instance.module.calls]?.resources[instance.local]
            var (attributes, nested) = body(
                values: instance.values, unknown: instance.unknown, sensitive: instance.sensitive, config: config?["expressions"], configured: config != nil, owner: index,
                managed: !instance.data, module: instance.module, line: instance.line, depth: 0)
            // What a for_each ranges over, as the code's blocks carry it: `each.value` stands for its elements.
            if let forEach = config?["for_each_expression"], attributes["for_each"] == nil {
                attributes["for_each"] = expression(
                    value: nil, unknown: .bool(true), sensitive: nil, config: forEach, owner: index, matching: false, module: instance.module, line: instance.line)
            }
            if case .string(let key)? = config?["provider_config_key"] {
                // `module.alb:aws.second`: the configuration's own provider address is after the module's.
                let local = key.split(separator: ":").last.map(String.init) ?? key
                if local.contains(".") {
                    attributes["provider"] = TerraformExpression(text: HCLError.excerpt(local, limit: 100), position: position(instance.line), value: nil, references: [])
                }
            } else if let account {
                attributes["provider"] = TerraformExpression(
                    text: "aws (account \(account), from its ARN)", position: position(instance.line), value: nil, references: [])
            }
            return TerraformBlock(
                kind: instance.data ? "data" : "resource", labels: [instance.type, instance.name], attributes: attributes, blocks: nested, position: position(instance.line),
                module: instance.module.prefix, key: instance.key)
        }

        /// The attributes and nested blocks of one object of values, with its unknown and sensitive
        /// marks and its configuration (block expressions), when known.
        func body(
            values: OrderedJSON?, unknown: OrderedJSON?, sensitive: OrderedJSON?, config: OrderedJSON?, configured: Bool, owner: Int, managed: Bool, module: ModuleInstance,
            line: Int, depth: Int
        ) -> (attributes: [String: TerraformExpression], blocks: [TerraformBlock]) {
            let valueMembers = values?.members ?? []
            let unknownByKey = PlanReader.dictionary(unknown)
            let sensitiveByKey = PlanReader.dictionary(sensitive)
            let configByKey = PlanReader.dictionary(config)
            var keys: [(key: String, value: OrderedJSON?, line: Int)] = valueMembers.map { ($0.key, $0.value, $0.line) }
            var listed = Set(valueMembers.map(\.key))
            // What is unknown is left out of the values.
            for (key, _, keyLine) in unknown?.members ?? [] where listed.insert(key).inserted { keys.append((key, nil, keyLine)) }
            var attributes: [String: TerraformExpression] = [:]
            var blocks: [TerraformBlock] = []
            var done: Set<String> = []
            for (key, value, keyLine) in keys where done.insert(key).inserted {
                let unknownMark = unknownByKey[key]?.value
                let sensitiveMark = sensitiveByKey[key]?.value
                let configEntry = configByKey[key]?.value
                if TerraformJSONSyntax.nestedBlocks.contains(key) {
                    if unknownMark == .bool(true) || sensitiveMark == .bool(true) { continue }
                    if let elements = Self.nestedElements(value, unknown: unknownMark, sensitive: sensitiveMark) {
                        let configBlocks = Self.configBlocks(configEntry)
                        for (number, element) in elements.enumerated() {
                            let blockConfig = configBlocks.flatMap { $0.count == elements.count ? $0[number] : nil }
                            let blockLine = element.values?.firstLine ?? keyLine
                            let (inner, innerBlocks) = body(
                                values: element.values, unknown: element.unknown, sensitive: element.sensitive, config: blockConfig, configured: blockConfig != nil, owner: owner,
                                managed: false, module: module, line: blockLine, depth: depth + 1)
                            blocks.append(TerraformBlock(kind: key, labels: [], attributes: inner, blocks: innerBlocks, position: position(blockLine), module: module.prefix))
                        }
                        continue
                    }
                }
                let wholeUnknown = unknownMark == .bool(true)
                // Known only after apply and not written: the provider computes it.
                if wholeUnknown && configured && configEntry == nil { continue }
                // Null is unset, as in the configuration.
                if value == nil || value == .null {
                    switch unknownMark {
                    case .bool(true)?, .array?, .object?: break
                    default: continue
                    }
                }
                let matching = !(managed && depth == 0 && PlanReader.identifying.contains(key))
                attributes[key] = expression(
                    value: value, unknown: unknownMark, sensitive: sensitiveMark, config: configEntry, owner: owner, matching: matching, module: module, line: keyLine)
            }
            return (attributes, blocks)
        }

        /// A nested block's instances: a list of objects or a single object, each with its marks.
        static func nestedElements(_ value: OrderedJSON?, unknown: OrderedJSON?, sensitive: OrderedJSON?) -> [(
            values: OrderedJSON?, unknown: OrderedJSON?, sensitive: OrderedJSON?
        )]? {
            switch value {
            case .object?: return [(value, unknown, sensitive)]
            case .array(let items)?:
                guard items.allSatisfy({ if case .object = $0 { true } else { false } }) else { return nil }
                return items.enumerated().map { number, item in (item, unknown?.items?[safe: number], sensitive?.items?[safe: number]) }
            default: return nil
            }
        }

        /// A nested block's configuration: block expressions, one or a list.
        static func configBlocks(_ entry: OrderedJSON?) -> [OrderedJSON]? {
            switch entry {
            case .array(let items)?: return items
            case .object(let members)? where !members.contains(where: { $0.key == "references" || $0.key == "constant_value" }): return [entry!]
            default: return nil
            }
        }

        func expression(
            value: OrderedJSON?, unknown: OrderedJSON?, sensitive: OrderedJSON?, config: OrderedJSON?, owner: Int, matching: Bool, module: ModuleInstance, line: Int
        ) -> TerraformExpression {
            var converted = convert(value, unknown: unknown, sensitive: sensitive, owner: owner, matching: matching)
            var references: [TerraformReference] = []
            var seen: Set<String> = []
            func add(_ reference: TerraformReference) {
                if seen.insert(reference.text).inserted { references.append(reference) }
            }
            let configured = configReferences(config, module: module)
            for reference in configured {
                add(reference)
                through(reference, module: module).forEach(add)
            }
            // Not known yet: what the code refers to says more than "(known after apply)" alone.
            if unknown == .bool(true), sensitive != .bool(true), !configured.isEmpty {
                let written = configured.map { String($0.text.dropFirst(module.prefix.count)) }
                let shown = written.count <= 3 ? written : Array(written.prefix(3)) + ["and \(written.count - 3) more"]
                converted.text = "(known after apply: \(HCLError.excerpt(shown.joined(separator: ", "), limit: 200)))"
            }
            converted.references.forEach(add)
            let at = position(line)
            let elements = converted.elements.flatMap { items in
                items.contains { !$0.references.isEmpty }
                    ? items.map { TerraformExpression(text: $0.text, position: at, value: $0.value == .unknown ? nil : $0.value, references: $0.references) } : nil
            }
            return TerraformExpression(
                text: converted.text, position: at, value: converted.value == .unknown ? nil : converted.value, references: references, elements: elements)
        }

        /// A JSON value with its unknown and sensitive marks as a value, its rendering and the
        /// references its strings make by value.
        func convert(_ value: OrderedJSON?, unknown: OrderedJSON?, sensitive: OrderedJSON?, owner: Int, matching: Bool) -> Converted {
            if sensitive == .bool(true) { return Converted(value: .unknown, text: "(sensitive value)") }
            if unknown == .bool(true) { return Converted(value: .unknown, text: "(known after apply)") }
            switch value {
            case .array(let items)?:
                return list(items.count, items: items, unknown: unknown, sensitive: sensitive, owner: owner, matching: matching)
            case .object(let members)?:
                return object(members.map { ($0.key, $0.value) }, unknown: unknown, sensitive: sensitive, owner: owner, matching: matching)
            case .string(let text)?:
                return string(text, owner: owner, matching: matching)
            case .number(let text)?:
                let number = PlanReader.number(text)
                return Converted(value: number, text: number == .null ? "null" : number.string ?? text)
            case .bool(let flag)?:
                return Converted(value: .bool(flag), text: flag ? "true" : "false")
            case .null?, nil:
                // Unknown elements of a list or attributes of an object: the value says nothing.
                switch unknown {
                case .array(let marks)?: return list(marks.count, items: [], unknown: unknown, sensitive: sensitive, owner: owner, matching: matching)
                case .object(let marks)?: return object(marks.map { ($0.key, OrderedJSON.null) }, unknown: unknown, sensitive: sensitive, owner: owner, matching: matching)
                default: return Converted(value: .null, text: "null")
                }
            }
        }

        func list(_ count: Int, items: [OrderedJSON], unknown: OrderedJSON?, sensitive: OrderedJSON?, owner: Int, matching: Bool) -> Converted {
            let unknownItems = unknown?.items
            let sensitiveItems = sensitive?.items
            let elements = (0..<count).map { number in
                convert(items[safe: number], unknown: unknownItems?[safe: number], sensitive: sensitiveItems?[safe: number], owner: owner, matching: matching)
            }
            return Converted(
                value: .list(elements.map(\.value)), text: "[" + elements.map(\.text).joined(separator: ", ") + "]", references: elements.flatMap(\.references),
                elements: elements)
        }

        func object(_ members: [(String, OrderedJSON)], unknown: OrderedJSON?, sensitive: OrderedJSON?, owner: Int, matching: Bool) -> Converted {
            let unknownByKey = PlanReader.dictionary(unknown)
            let sensitiveByKey = PlanReader.dictionary(sensitive)
            var all = members
            var seen = Set(members.map(\.0))
            for (key, _, _) in unknown?.members ?? [] where seen.insert(key).inserted { all.append((key, .null)) }
            var values: [String: TerraformValue] = [:]
            var parts: [String] = []
            var references: [TerraformReference] = []
            for (key, item) in all where values[key] == nil {
                let converted = convert(item, unknown: unknownByKey[key]?.value, sensitive: sensitiveByKey[key]?.value, owner: owner, matching: matching)
                values[key] = converted.value
                parts.append("\(PlanReader.isIdentifier(key) ? key : PlanReader.quoted(key)) = \(converted.text)")
                references += converted.references
            }
            return Converted(value: .object(values), text: parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }", references: references)
        }

        /// A string: a reference when it identifies another resource; a JSON document (a policy) as
        /// itself, with `${reference}` in place of the strings in it that identify resources (so that
        /// the review reads it as it reads `jsonencode` of references); else quoted.
        func string(_ text: String, owner: Int, matching: Bool) -> Converted {
            if matching, let reference = identify(text, owner: owner) {
                return Converted(value: .string(text), text: written(reference, from: owner), references: [reference])
            }
            let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            // Valid JSON holds no raw control character inside its strings: its text is shown as it is.
            guard trimmed.first == "{" || trimmed.first == "[", (try? OrderedJSON.parse(Data(text.utf8))) != nil else {
                return Converted(value: .string(text), text: PlanReader.quoted(text))
            }
            guard matching else { return Converted(value: .string(text), text: text) }
            var references: [TerraformReference] = []
            var out = String.UnicodeScalarView()
            let scalars = Array(text.unicodeScalars)
            var index = 0
            while index < scalars.count {
                guard scalars[index] == "\"" else {
                    out.append(scalars[index])
                    index += 1
                    continue
                }
                // A JSON string token: its end, past escapes.
                var end = index + 1
                var escaped = false
                while end < scalars.count && (escaped || scalars[end] != "\"") {
                    escaped = !escaped && scalars[end] == "\\"
                    end += 1
                }
                let token = String(String.UnicodeScalarView(scalars[(index + 1)..<min(end, scalars.count)]))
                if !token.contains("\\"), let reference = identify(token, owner: owner) {
                    let inside = written(reference, from: owner).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    out.append(contentsOf: "\"${\(inside)}\"".unicodeScalars)
                    references.append(reference)
                } else {
                    out.append(contentsOf: scalars[index..<min(end + 1, scalars.count)])
                }
                index = end + 1
            }
            return Converted(value: .string(text), text: String(out), references: references)
        }

        /// A reference as the code of `owner`'s module writes it: `aws_subnet.a.id` inside the module
        /// that declares the subnet, as the HCL path's text shows it; the whole address elsewhere.
        func written(_ reference: TerraformReference, from owner: Int) -> String {
            let module = instances[owner].module.prefix
            return reference.module == module ? String(reference.text.dropFirst(module.count)) : reference.text
        }

        // MARK: Providers, variables, accounts

        /// `provider "aws"` with the region the plan was made for, and the aliases the configuration declares.
        func providerBlocks() -> [TerraformBlock] {
            var blocks: [TerraformBlock] = []
            var region: (value: String, text: String, line: Int)?
            var defaultLine: Int?
            var defaultCredentials: [String: TerraformExpression] = [:]
            for (_, config, line) in document["configuration"]?["provider_config"]?.members ?? [] {
                guard case .string("aws")? = config["name"], config["module_address"] == nil || config["module_address"] == .string("") else { continue }
                // How it signs in, as written, for telling another account's configuration from one that only differs in region or tags.
                var credentials: [String: TerraformExpression] = [:]
                for key in DesignRecognizer.credentialSettings {
                    guard let expression = config["expressions"]?[key] else { continue }
                    let at = config["expressions"]?.line(of: key) ?? line
                    credentials[key] = TerraformExpression(text: PlanReader.canonical(expression), position: position(at), value: nil, references: [])
                }
                if case .string(let alias)? = config["alias"], !alias.isEmpty {
                    let alias = TerraformExpression(text: PlanReader.quoted(alias), position: position(line), value: .string(alias), references: [])
                    var attributes = credentials.merging(["alias": alias]) { $1 }
                    // The alias's own region, for the designs on it (`provider = aws.eu`).
                    if let expressions = config["expressions"], let expression = expressions["region"], let value = constantOrVariable(expression) {
                        attributes["region"] = TerraformExpression(
                            text: HCLError.excerpt(value.text, limit: 100), position: position(expressions.line(of: "region") ?? line), value: .string(value.value),
                            references: [])
                    }
                    blocks.append(TerraformBlock(kind: "provider", labels: ["aws"], attributes: attributes, blocks: [], position: position(line)))
                    continue
                }
                if defaultLine == nil { defaultCredentials = credentials }
                defaultLine = defaultLine ?? line
                guard region == nil, let expressions = config["expressions"], let expression = expressions["region"] else { continue }
                let at = expressions.line(of: "region") ?? line
                if let value = constantOrVariable(expression) { region = (value.value, value.text, at) }
            }
            if region == nil { region = resourceRegion() }
            var attributes = defaultCredentials
            if let region {
                attributes["region"] = TerraformExpression(
                    text: HCLError.excerpt(region.text, limit: 100), position: position(region.line), value: .string(region.value), references: [])
            }
            if defaultLine != nil || region != nil {
                blocks.insert(
                    TerraformBlock(kind: "provider", labels: ["aws"], attributes: attributes, blocks: [], position: position(defaultLine ?? region?.line ?? 1)), at: 0)
            }
            return blocks
        }

        /// A provider setting written as a constant or as a root variable the plan gives a value.
        func constantOrVariable(_ expression: OrderedJSON) -> (value: String, text: String)? {
            if case .string(let value)? = expression["constant_value"] { return (value, PlanReader.quoted(value)) }
            if let variable = configReferences(expression, module: .root).first(where: { $0.root == "var" })?.target,
                case .string(let value)? = document["variables"]?[String(variable.dropFirst(4))]?["value"]
            {
                return (value, variable)
            }
            return nil
        }

        /// A state's region: the `region` attribute resources carry (AWS provider 6), else the region in an ARN.
        func resourceRegion() -> (value: String, text: String, line: Int)? {
            for instance in instances {
                guard case .object(let members)? = instance.values, PlanReader.dictionary(instance.sensitive)["region"] == nil else { continue }
                if let member = members.first(where: { $0.key == "region" }), case .string(let value) = member.value, PlanReader.looksLikeRegion(value) {
                    return (value, PlanReader.quoted(value), member.line)
                }
            }
            for instance in instances {
                guard case .object(let members)? = instance.values, PlanReader.dictionary(instance.sensitive)["arn"] == nil,
                    let member = members.first(where: { $0.key == "arn" }), case .string(let arn) = member.value
                else { continue }
                let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                if parts.count >= 5, parts[0] == "arn", PlanReader.looksLikeRegion(String(parts[3])) {
                    return (String(parts[3]), "\"\(parts[3])\" (from \(instance.address)'s ARN)", member.line)
                }
            }
            return nil
        }

        /// Without a configuration, the provider aliases of a second account are gone; the accounts in
        /// the ARNs remain: instances in another account than most are marked with theirs.
        func foreignAccounts() -> [Int: String] {
            var accounts: [Int: String] = [:]
            var counts: [String: Int] = [:]
            var order: [String] = []
            for (index, instance) in instances.enumerated() {
                guard case .object(let members)? = instance.values else { continue }
                for name in ["arn", "execution_arn"] {
                    guard case .string(let arn)? = members.first(where: { $0.key == name })?.value else { continue }
                    let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                    guard parts.count >= 5, parts[0] == "arn", parts[4].utf8.count == 12, parts[4].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
                    let account = String(parts[4])
                    accounts[index] = account
                    if counts[account] == nil { order.append(account) }
                    counts[account, default: 0] += 1
                    break
                }
            }
            guard order.count > 1 else { return [:] }
            // The account most instances are in (the first of equals) is the configuration's own.
            var most = order[0]
            for account in order where counts[account]! > counts[most]! { most = account }
            return accounts.filter { $0.value != most }
        }

        /// The variables of every module instance the configuration declares, so that references to
        /// them are to declarations.
        func variableBlocks() -> [TerraformBlock] {
            var blocks: [TerraformBlock] = []
            for instance in modules.values.sorted(by: { $0.prefix < $1.prefix }) {
                for (name, line) in configModules[instance.calls]?.variables ?? [] {
                    blocks.append(TerraformBlock(kind: "variable", labels: [name], attributes: [:], blocks: [], position: position(line), module: instance.prefix))
                }
            }
            return blocks
        }

        /// A plan holds a value for every root variable: none is left for `--var`.
        func givenVariables() -> Set<String> {
            var names = Set(configModules[[]]?.variables.map(\.name) ?? [])
            for (name, _, _) in document["variables"]?.members ?? [] where PlanReader.isIdentifier(name) { names.insert(name) }
            return names
        }

        /// Resources the configuration declares in a module instance with no instance planned (count 0).
        func declaredWithoutInstances() -> Set<String> {
            let planned = Set(instances.map(\.baseAddress))
            var result: Set<String> = []
            for instance in modules.values {
                guard let declared = configModules[instance.calls]?.resources.keys else { continue }
                for local in declared where !planned.contains(instance.prefix + local) { result.insert(instance.prefix + local) }
            }
            return result
        }

        func notes() -> [String] {
            var notes: [String] = []
            if instances.isEmpty {
                notes.append(
                    isPlan
                        ? "\(shownFile) plans no resources (a destroy plan, or a configuration with none): review the plan that creates them"
                        : "\(shownFile) is a state with no resources (nothing applied yet?): review the plan instead: terraform plan -out tfplan && terraform show -json tfplan > plan.json"
                )
            }
            if document["errored"] == .bool(true) { notes.append("the plan errored (errored: true in \(shownFile)): it may lack resources; fix the error and plan again") }
            if document["complete"] == .bool(false) {
                notes.append("the plan is not complete (complete: false in \(shownFile)): resources it defers or leaves out (-target) are not in it")
            }
            return notes
        }
    }
}

// MARK: - Values

extension PlanReader {
    /// A JSON number: exact when it is a plain numeral (with a sign), else through Foundation's
    /// decimal when short; null when it cannot be held.
    static func number(_ text: String) -> TerraformValue {
        let negative = text.hasPrefix("-")
        if let value = ExactDecimal(exactly: negative ? String(text.dropFirst()) : text) { return .number(negative ? -value : value) }
        if text.utf8.count <= 40, let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), let value = ExactDecimal(decimal) {
            return .number(value)
        }
        return .null
    }

    /// `"text"` with quotes, backslashes and control characters escaped: one line, as HCL writes it.
    /// A JSON value as compact text, without the lines it was read from: two expressions written
    /// alike read alike.
    static func canonical(_ json: OrderedJSON) -> String {
        switch json {
        case .object(let members): "{" + members.map { "\(quoted($0.key)): \(canonical($0.value))" }.joined(separator: ", ") + "}"
        case .array(let elements): "[" + elements.map(canonical).joined(separator: ", ") + "]"
        case .string(let text): quoted(text)
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }

    static func quoted(_ text: String) -> String {
        // Most values are printable ASCII without quotes or backslashes: nothing to escape.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + text + "\"" }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { escaped.append("\\") }
            escaped.append(scalar)
        }
        return "\"" + HCLError.excerpt(String(escaped), limit: Int.max) + "\""
    }

    static func looksLikeRegion(_ text: String) -> Bool {
        text.utf8.count >= 6 && text.utf8.count <= 30 && text.contains("-") && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// An object's members by key, the first of duplicates; empty for anything else.
    static func dictionary(_ json: OrderedJSON?) -> [String: (value: OrderedJSON, line: Int)] {
        guard case .object(let members)? = json else { return [:] }
        var result: [String: (value: OrderedJSON, line: Int)] = [:]
        for (key, value, line) in members where result[key] == nil { result[key] = (value, line) }
        return result
    }
}

extension OrderedJSON {
    /// The first member named `key` of an object; nil for anything else.
    fileprivate subscript(_ key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    fileprivate func line(of key: String) -> Int? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.line
    }

    fileprivate var members: [(key: String, value: OrderedJSON, line: Int)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    fileprivate var items: [OrderedJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The line of an object's first member.
    fileprivate var firstLine: Int? { members?.first?.line }

    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
