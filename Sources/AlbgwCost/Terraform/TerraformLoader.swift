import Foundation
import HCL

/// Reads a configuration as Terraform would plan it: a directory's `.tf` and `.tf.json` files (or one
/// file), the modules it calls, and the variable files and values given; or the JSON of a plan or a
/// state (`terraform show -json`, see `PlanReader`). Yields the flat `TerraformConfiguration` the
/// recognizer and the review read.
package enum TerraformLoader {
    /// Errors met while reading: exit 66 for paths, 65 for content.
    package enum LoadError: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case variableFileNotFound(String)
        /// A directory without configuration; the plan or state JSON files it holds, if any.
        case noTerraformFiles(String, json: [String] = [], archives: [String] = [])
        case notRegularFile(String, what: String, wanted: String)
        case linkLoop(String)
        case danglingLink(String, target: String)
        case unreadable(String, reason: String)
        case parse(String)
        /// Terraform's own errors: duplicate declarations, arguments no variable takes...
        case invalid(String)
        /// `--var` or `--var-file` with a plan or a state, which holds its values already.
        case variablesForPlan(String)

        package var description: String {
            switch self {
            case .notFound(let path): "'\(Self.shown(path))' does not exist; give a .tf file, a directory of them, or a plan's JSON (terraform show -json)"
            case .variableFileNotFound(let path): "--var-file '\(Self.shown(path))' does not exist; give the path of a .tfvars or .tfvars.json file"
            case .noTerraformFiles(let path, let json, let archives):
                !json.isEmpty
                    ? "'\(Self.shown(path))' holds no .tf or .tf.json files; a plan's or a state's JSON is reviewed as a file: albgw-cost review \(Self.shown((path as NSString).appendingPathComponent(json[0])))"
                    : !archives.isEmpty
                        ? "'\(Self.shown(path))' holds no .tf or .tf.json files, but \(Self.shown(archives[0]))\(archives.count > 1 ? " and \(archives.count - 1) more" : ""), which may hold them: unpack it and review what it holds (albgw-cost review \(ShellWords.quoted(Self.shown((path as NSString).appendingPathComponent(archives[0])))) says how)"
                        : "'\(Self.shown(path))' holds no .tf or .tf.json files; give the directory of the root module"
            case .notRegularFile(let path, let what, let wanted): "'\(Self.shown(path))' is not a regular file (\(what)); give \(wanted)"
            case .linkLoop(let path): "'\(Self.shown(path))' is a symbolic link loop; fix or remove the link"
            case .danglingLink(let path, let target): "'\(Self.shown(path))' is a symbolic link to '\(Self.shown(target))', which does not exist; fix or remove the link"
            case .unreadable(let path, let reason): "cannot read '\(Self.shown(path))': \(reason)"
            case .parse(let message), .invalid(let message): message
            case .variablesForPlan(let path):
                "--var and --var-file do not apply to '\(Self.shown(path))': a plan holds the values it was made with, a state the values applied; drop them, or review the .tf files with them"
            }
        }

        /// Paths come from the user or the file system: one line, control characters escaped, cut short.
        static func shown(_ path: String) -> String { HCLError.excerpt(path, limit: 200) }

        /// Content errors are 65 (EX_DATAERR); everything about paths is 66 (EX_NOINPUT).
        package var exitCode: ExitCode {
            switch self {
            case .parse, .invalid: .dataError
            case .variablesForPlan: .usage
            default: .noInput
            }
        }
    }

    /// The files a load read, whose texts its caller frees once nothing will show an expression as
    /// written: the review, once its result is made and before it is rendered, the part of a run that
    /// needs the most memory. A file's text is the largest single block a review holds, and goes back
    /// to the system at once, where the tree's many small blocks would stay in the heap.
    package struct SourceTexts: Sendable {
        let files: [SourceFile]

        package func release() {
            for file in files { file.releaseText() }
        }
    }

    /// Reads `path` with `variables` (`--var` values only; see `load(_:inputs:)` for variable files).
    package static func load(_ path: String, variables: [String: String]) throws -> TerraformConfiguration {
        try load(path, inputs: VariableInputs(variables))
    }

    package static func load(_ path: String, inputs: VariableInputs) throws -> TerraformConfiguration {
        try loadWithTexts(path, inputs: inputs).configuration
    }

    /// As `load(_:inputs:)`, with the files read (none for a plan's JSON).
    package static func loadWithTexts(_ path: String, inputs: VariableInputs) throws -> (configuration: TerraformConfiguration, texts: SourceTexts) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            _ = try ModuleFiles.resolve(path)  // names a link loop or a dangling link
            throw LoadError.notFound(path)
        }
        let rootDirectory: String
        let expander: ModuleExpander
        let root: ModuleExpander.ModuleDefinition
        if isDirectory.boolValue {
            rootDirectory = path
            expander = ModuleExpander(rootDirectory: rootDirectory)
            root = try expander.definition(directory: path, display: "")
            guard !expander.files.isEmpty else {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                // Named as Terraform's JSON output usually is: plan.json, tfplan.json, state.json.
                let json = names.filter { name in
                    name.hasSuffix(".json") && (name.lowercased().contains("plan") || name.lowercased().contains("state"))
                }.sorted()
                // Archives and compressed files, by name: what a project is often handed over as.
                let archives = names.filter { name in
                    [".tgz", ".tar", ".gz", ".bz2", ".xz", ".zst", ".zip", ".tbz2", ".txz"].contains { name.lowercased().hasSuffix($0) }
                }.sorted()
                throw LoadError.noTerraformFiles(path, json: json, archives: archives)
            }
        } else if let plan = try PlanReader.load(path, variablesGiven: !inputs.given.isEmpty) {
            return (plan, SourceTexts(files: []))
        } else {
            rootDirectory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
            expander = ModuleExpander(rootDirectory: rootDirectory)
            // An override file changes blocks of other files: read ahead, its blocks would be taken as written.
            let name = (path as NSString).lastPathComponent
            let file = try ModuleFiles.read(file: path, display: name, ahead: ModuleFiles.isOverride(name) ? nil : expander)
            root = try ModuleExpander.ModuleDefinition(directory: try ModuleFiles.resolve(rootDirectory), display: "", files: [file], ahead: expander.takeEarly())
            expander.adopt(root, files: [file.display])
        }
        // A file reviewed on its own is one of its directory's: what the others declare is declared,
        // and the directory's variable files set its variables as they set the directory's.
        let siblings = isDirectory.boolValue ? Siblings() : Siblings(of: path, in: rootDirectory)
        let values = try VariableValues.load(
            inputs, rootDirectory: rootDirectory, declared: root.declarations.mapValues(\.type),
            declaredElsewhere: Set(siblings.declared.filter { $0.hasPrefix("var.") }.map { String($0.dropFirst(4)) }))
        expander.rootValueSources = values.sources
        expander.rootValuePositions = values.positions
        try expander.expand(root, prefix: "", callKey: "", inputs: values.values, arguments: [:], through: [:], stack: [root.directory])
        expander.forgetReadAhead()
        var config = TerraformConfiguration(
            files: expander.files + values.files, blocks: expander.blocks, givenVariables: Set(values.values.keys), notes: expander.notes + siblings.notes,
            warnings: values.warnings, declaredWithoutInstances: expander.declaredWithoutInstances.union(siblings.declared),
            declaredLocals: expander.declaredLocals.union(siblings.locals), indexed: expander.takeIndexed(root: root))
        config.failedValidations = expander.failedValidations
        config.typesDeclaredElsewhere = siblings.resourceTypes
        config.unreadModules = expander.unseenModuleCalls + siblings.modules
        config.unreadSiblings = siblings.unread || !config.unreadModules.isEmpty
        let files = expander.sourceFiles
        // The module definitions are read no more (the blocks keep the syntax their expressions
        // evaluate from): another core frees them.
        Release.onAnotherThread(expander)
        return (config, SourceTexts(files: files))
    }

    /// What the other files of a reviewed file's directory declare: Terraform reads a module's files
    /// together, so a reference from the file to a variable, local value, resource or module call
    /// another file declares is no error. The other files are read for that alone, not reviewed.
    struct Siblings {
        var declared: Set<String> = []
        var locals: Set<String> = []
        var notes: [String] = []
        /// The resource types they declare, and whether one of them could not be read (it may declare
        /// anything, as a module call in `modules` may).
        var resourceTypes: Set<String> = []
        var unread = false
        /// The module calls they hold, whose contents are not read.
        var modules: [UnreadModule] = []

        init() {}

        /// Whether a metric alarm another file declares may watch API Gateway's 5XXError or Lambda's
        /// Errors (`TerraformReview.errorAlarm`), from its syntax alone: a metric name or namespace
        /// written as a literal is judged, anything else may be one; a dynamic block may be anything.
        static func mayWatchErrors(_ alarm: Block) -> Bool {
            func watches(_ body: Body) -> Bool {
                guard let name = body.attribute(named: "metric_name") else { return false }
                guard let literal = name.expression.literalString else { return true }
                guard let namespace = TerraformReview.errorMetrics[literal], let written = body.attribute(named: "namespace") else { return false }
                return written.expression.literalString.map { $0 == namespace } ?? true
            }
            if !alarm.blocks(type: "dynamic").isEmpty { return true }
            return watches(alarm.body)
                || alarm.blocks(type: "metric_query").contains { query in
                    !query.blocks(type: "dynamic").isEmpty || query.blocks(type: "metric").contains { watches($0.body) }
                }
        }

        init(of path: String, in directory: String) {
            let reviewed = (try? ModuleFiles.resolve(path)) ?? path
            let names = (try? ModuleFiles.names(in: directory)) ?? []
            var read: [String] = []
            var unread: [String] = []
            for name in names {
                let other = (directory as NSString).appendingPathComponent(name)
                guard ((try? ModuleFiles.resolve(other)) ?? other) != reviewed else { continue }
                // A file that is not Terraform, or one that does not parse: its declarations are not known.
                guard let file = try? ModuleFiles.read(file: other, display: name) else {
                    unread.append(name)
                    continue
                }
                read.append(name)
                for case .block(let block) in file.syntax.body.items {
                    let labels = block.labels
                    switch block.type {
                    case "resource" where labels.count >= 2:
                        declared.insert("\(labels[0]).\(labels[1])")
                        // An alarm counts only when it may watch the errors the review asks an alarm on.
                        if labels[0] != "aws_cloudwatch_metric_alarm" || Self.mayWatchErrors(block) { resourceTypes.insert(labels[0]) }
                    case "data" where labels.count >= 2: declared.insert("data.\(labels[0]).\(labels[1])")
                    case "variable" where !labels.isEmpty: declared.insert("var.\(labels[0])")
                    case "module" where !labels.isEmpty:
                        declared.insert("module.\(labels[0])")
                        // What a module declares is not read here: it may declare anything.
                        modules.append(UnreadModule(address: "module.\(labels[0])", reason: .inAnotherFile(name)))
                    case "locals": for case .attribute(let attribute) in block.body.items { locals.insert("local.\(attribute.name)") }
                    default: break
                    }
                }
            }
            let file = (path as NSString).lastPathComponent
            if !read.isEmpty {
                let one = read.count == 1
                notes.append(
                    "\(file) is reviewed on its own; what its directory's other \(one ? "file" : "files") (\(read.joined(separator: ", "))) \(one ? "declares" : "declare") is taken as declared, but \(one ? "its" : "their") values and blocks are not reviewed: review the directory to review \(one ? "it" : "them") too"
                )
            }
            if !unread.isEmpty {
                self.unread = true
                let one = unread.count == 1
                notes.append(
                    "\(file)'s directory holds \(unread.joined(separator: ", ")), which could not be read: references to what \(one ? "it declares" : "they declare") may be reported as undeclared"
                )
            }
        }
    }
}
