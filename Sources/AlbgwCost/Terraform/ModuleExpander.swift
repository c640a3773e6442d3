import Foundation
import HCL

/// Evaluates a root module and the modules it calls into the flat list of blocks the recognizer and
/// the review read, as Terraform's plan would see them before apply:
/// - a module call binds its arguments to the module's variables (converted to their `type`, with
///   `optional()` defaults), and its outputs become `module.NAME.OUTPUT`;
/// - locals and module calls are evaluated in the order their references need;
/// - `count` and `for_each` over known values give one block per instance with its key (none for 0 or
///   empty), and `dynamic` blocks over known values give their nested blocks;
/// - every reference is named in the root namespace (`module.alb.aws_lb.this`), and a module's
///   variables, locals and outputs pass on the references of what they were set to, so wiring through
///   a module is seen.
/// Values that cannot be known stay unknown; nothing is guessed.
final class ModuleExpander {
    /// Terraform's errors that make a configuration invalid: duplicate declarations, calls to
    /// undeclared variables. Each names the file and line.
    static let maximumDepth = 32
    static let maximumInstances = 10_000
    /// At most this many instances made by `count`, `for_each` and `dynamic` in the whole
    /// configuration (module instances, resources, data sources and nested blocks, every module
    /// instance counted): an expansion that would pass it is reviewed as one block, with a note. A
    /// module with `count = 100` of resources with `count = 100` each would otherwise multiply, and the
    /// checks that pair ALBs, listeners and target groups grow faster than the number of blocks.
    static let instanceBudget = 1_000

    let rootDirectory: String
    let installed: [String: String]
    private var definitions: [String: ModuleDefinition] = [:]
    private(set) var files: [String] = []
    private(set) var blocks: [TerraformBlock] = []
    /// The indexes of `blocks` worked out as each is made (see `TerraformConfiguration.Indexed`): the
    /// kind and type of each, and where the root module's blocks converted ahead were put.
    private var indexed = TerraformConfiguration.Indexed()
    /// Places in `indexed.kindsAndTypes` by type, for resources, data sources and module calls (the
    /// kinds indexed so): one name hashed for each block rather than two.
    private var kindAndTypePlaces: (resource: [String: Int32], data: [String: Int32], module: [String: Int32]) = ([:], [:], [:])
    /// Where each block converted ahead was put in `blocks` (-1: it was not taken as converted).
    private var placesOfEarly: [Int32] = []
    private(set) var notes: [String] = []
    /// Resources and data sources declared with no instance (`count = 0`, an empty `for_each`).
    private(set) var declaredWithoutInstances: Set<String> = []
    /// `local.x` of every module instance expanded (`module.alb.local.x`).
    private(set) var declaredLocals: Set<String> = []
    private var instances = 0
    /// The module calls whose contents were not read (no literal source, not installed, too deep), by
    /// address (`module.alb`, `module.app.module.db`), each once: each may declare anything a rule
    /// finds missing.
    private(set) var unseenModuleCalls: [UnreadModule] = []

    /// Each call once, without instance keys: `module.app[0].module.db` and `[1]`'s are `module.app.module.db`.
    /// Whether it is new (its note is written once too).
    @discardableResult
    private func unseen(_ keyed: String, _ reason: UnreadModule.Reason) -> Bool {
        let address = Self.withoutKeys(keyed)
        guard !unseenModuleCalls.contains(where: { $0.address == address }) else { return false }
        unseenModuleCalls.append(UnreadModule(address: address, reason: reason))
        return true
    }
    /// Instances made by count, for_each and dynamic so far (see `instanceBudget`).
    private var expanded = 0
    private var overBudget: Set<String> = []
    /// The references of the root module's expressions, worked out while its files were parsed.
    let precomputed = PrecomputedReferences()
    /// What reading the root module's files ahead made so far: their plain resources and data sources
    /// converted while the files parsed, where each file's are, and their declarations checked for
    /// duplicates.
    private var early = ReadAheadBlocks()
    /// The context of the root module file being read ahead; its evaluator and file are bound when
    /// its first block is taken.
    private var earlyContext: (file: String, context: ExpressionContext)?
    private var boundContexts: Set<ObjectIdentifier> = []

    /// What reading ahead made of the root module's files, for their module definition.
    struct ReadAheadBlocks {
        /// The blocks converted while the files parsed, file after file, each file's in source order.
        var blocks: [EarlyBlock] = []
        /// Each file read ahead whole, and where its blocks are in `blocks`.
        var files: [String: Range<Int>] = [:]
        /// Where the blocks of the file being read begin.
        var start = 0
        /// Whether an address was declared twice (by a variable, module call, output, resource or data
        /// source): then the module definition checks every block again by its key, to say which ones
        /// as Terraform does. Two declarations may share an address and be no duplicate (labels that
        /// hold dots, `resource "aws_lb" "x.y"` and `resource "aws_lb.x" "y"`; `resource "var" "x"` beside
        /// `variable "x"`); the exact check then finds none.
        var duplicate = false
        /// The blocks by base address, each with its place in `blocks`: made while each is at hand, the
        /// configuration's index of them once their places in the configuration are known.
        var byBase: [String: TerraformConfiguration.Instances] = [:]
        /// The addresses of the other declarations met so far (variables, module calls, outputs,
        /// resources and data sources not converted here): for `referencesDeclared` (which never asks
        /// for an output's) and the check for duplicates.
        var declared: Set<String> = []
        /// The addresses of those that are resources or data sources: only these can declare what a
        /// block converted here declares.
        var resourcesDeclared: [String] = []
    }

    /// A block converted ahead, and the locals and module outputs it reads (`local.x`,
    /// `module.m.out`): when one of those stands for references of its own, the block is parsed again
    /// from its file's text and converted again, so that they follow. Its file keeps nothing of it,
    /// and its expressions keep where they are written: it was skimmed, read without syntax trees
    /// (`skimRule`).
    struct EarlyBlock {
        /// Moved out by the expansion of the root module (`ModuleDefinition.takeBlock`).
        fileprivate(set) var block: TerraformBlock
        let context: ExpressionContext
        let reads: [String]
        /// Where the block is written.
        let range: HCL.SourceRange
        /// Its kind and type, as a place in the expander's list of them.
        let kindAndType: Int32
        /// Whether the review's check of references has nothing to say of it (`referencesDeclared`).
        let referencesChecked: Bool
        /// Whether `ReadAheadBlocks.byBase` holds its place (another block converted ahead may have
        /// taken its address first: it is then indexed with the blocks the expansion makes).
        let indexedByAddress: Bool
    }

    init(rootDirectory: String) {
        self.rootDirectory = rootDirectory
        installed = ModuleFiles.installedModules(root: rootDirectory)
    }

    // MARK: - Module definitions

    /// A module directory, read once however many calls use it.
    final class ModuleDefinition {
        let directory: String
        let display: String
        let sources: [String: SourceFile]
        let variables: [HCL.Block]
        /// What each variable declares, by name, read and checked once however many instances use it.
        let declarations: [String: VariableDeclaration]
        let locals: [(name: String, attribute: HCL.Attribute)]
        let calls: [HCL.Block]
        let resources: [Declared]
        let outputs: [HCL.Block]
        let others: [HCL.Block]
        /// The root module's resources and data sources converted while their files parsed
        /// (`Declared.early` gives a place in it).
        private(set) var early: [EarlyBlock]
        /// `ReadAheadBlocks.byBase`, until the expansion takes it (`takeEarlyByBase`).
        private var earlyByBase: [String: TerraformConfiguration.Instances]

        /// The block converted ahead at `index`, moved out (its place keeps `taken`): the root module's
        /// expansion takes each once. A copy would touch each block's count of references, and the
        /// blocks lie far apart in memory: half of the expansion's profiled samples went to that alone.
        func takeBlock(_ index: Int) -> TerraformBlock {
            var block = Self.taken
            swap(&block, &early[index].block)
            return block
        }

        /// The blocks converted ahead by base address, moved out (a copy would be copied again when changed).
        func takeEarlyByBase() -> [String: TerraformConfiguration.Instances] {
            var taken: [String: TerraformConfiguration.Instances] = [:]
            swap(&taken, &earlyByBase)
            return taken
        }

        private static let taken = TerraformBlock(
            kind: "", labels: [], attributesInOrder: [], blocks: [], position: SourcePosition(file: "", line: 0, column: 0), module: "")

        /// A block of the module: its syntax, or for a root module resource or data source converted
        /// while its file parsed, where what that made is in `early` (its file keeps nothing of it).
        /// A place, not a copy: thousands of them are sorted among the blocks, and a copy would touch
        /// each one's objects, far apart in memory.
        enum Declared {
            case syntax(HCL.Block)
            case early(Int)
        }

        /// `ahead`: what reading the files ahead made of them (their blocks converted while they parsed).
        init(directory: String, display: String, files: [SourceFile], ahead: ReadAheadBlocks = ReadAheadBlocks()) throws {
            self.directory = directory
            self.display = display
            var sources: [String: SourceFile] = [:]
            for file in files { sources[file.display] = file }
            self.sources = sources
            // Override files are merged into the blocks they name, after every other file. One pass over
            // each file's items: a block is copied once, into the list of its kind. A file's blocks
            // converted early go where they are written among the others.
            let early = ahead.blocks
            self.early = early
            earlyByBase = ahead.byBase
            func type(_ declared: Declared) -> String {
                switch declared {
                case .syntax(let block): block.type
                case .early(let index): early[index].block.kind
                }
            }
            func labels(_ declared: Declared) -> [String] {
                switch declared {
                case .syntax(let block): block.labels
                case .early(let index): early[index].block.labels
                }
            }
            func range(_ declared: Declared) -> HCL.SourceRange {
                switch declared {
                case .syntax(let block): block.range
                case .early(let index): early[index].range
                }
            }
            var ordinary: [Declared] = []
            ordinary.reserveCapacity(early.count)
            var overrides: [HCL.Block] = []
            for file in files {
                let isOverride = file.isOverride
                let converted = ahead.files[file.display] ?? 0..<0
                var next = converted.lowerBound
                for case .block(let block) in file.syntax.body.items {
                    if isOverride {
                        overrides.append(block)
                        continue
                    }
                    while next < converted.upperBound, early[next].range.start.offset < block.range.start.offset {
                        ordinary.append(.early(next))
                        next += 1
                    }
                    ordinary.append(.syntax(block))
                }
                ordinary += (next..<converted.upperBound).map(Declared.early)
            }
            // Every file read ahead, and no declaration met twice there: only local values are left to
            // check (the blocks converted ahead lie far apart in memory, and a look at each costs).
            let checkedAhead = !ahead.duplicate && overrides.isEmpty && files.allSatisfy { ahead.files[$0.display] != nil }
            var indexByKey: [DeclarationKey: Int] = [:]
            if !checkedAhead { indexByKey.reserveCapacity(ordinary.count) }
            var localNames: [String: HCL.SourcePosition] = [:]
            var locals: [(name: String, attribute: HCL.Attribute)] = []
            for (index, declared) in ordinary.enumerated() {
                if case .syntax(let block) = declared, block.type == "locals" {
                    for case .attribute(let attribute) in block.body.items {
                        if let first = localNames[attribute.name] {
                            throw Self.duplicate("local value \"\(attribute.name)\"", at: attribute.position, first: first, sources: sources)
                        }
                        localNames[attribute.name] = attribute.position
                        locals.append((attribute.name, attribute))
                    }
                    continue
                }
                guard !checkedAhead, let key = Self.declarationKey(type: type(declared), labels: labels(declared)) else { continue }
                if let first = indexByKey.updateValue(index, forKey: key) {
                    throw Self.duplicate(
                        Self.describe(type: type(declared), labels: labels(declared)), at: range(declared).position, first: range(ordinary[first]).position,
                        sources: sources)
                }
            }
            // An override that names nothing in the other files is Terraform's error ("Missing resource to
            // override", "Missing base local value definition to override").
            for override in overrides {
                if override.type == "locals" {
                    for case .attribute(let attribute) in override.body.items {
                        guard let index = locals.firstIndex(where: { $0.name == attribute.name }) else {
                            throw Self.overridesNothing("local value \"\(HCLError.excerpt(attribute.name, limit: 60))\"", at: attribute.position, sources: sources)
                        }
                        locals[index].attribute = attribute
                    }
                    continue
                }
                guard let key = Self.declarationKey(type: override.type, labels: override.labels) else { continue }
                guard let index = indexByKey[key] else { throw Self.overridesNothing(Self.describe(override), at: override.position, sources: sources) }
                // Files with an override are not read ahead: every block of them is syntax.
                if case .syntax(let block) = ordinary[index] { ordinary[index] = .syntax(Self.merge(block, override)) }
            }
            self.locals = locals
            var variables: [HCL.Block] = [], calls: [HCL.Block] = [], resources: [Declared] = [], outputs: [HCL.Block] = [], others: [HCL.Block] = []
            for declared in ordinary {
                guard case .syntax(let block) = declared else {
                    resources.append(declared)
                    continue
                }
                switch block.type {
                case "variable": if !block.labels.isEmpty { variables.append(block) }
                case "module": if !block.labels.isEmpty { calls.append(block) }
                case "resource", "data": if block.labels.count >= 2 { resources.append(declared) }
                case "output": if !block.labels.isEmpty { outputs.append(block) }
                case "locals": break  // `locals`, override files applied: one block per instance (`localValues`)
                default: others.append(block)
                }
            }
            (self.variables, self.calls, self.resources, self.outputs, self.others) = (variables, calls, resources, outputs, others)
            var declarations: [String: VariableDeclaration] = [:]
            for variable in variables {
                declarations[variable.labels[0]] = try VariableDeclaration(variable, sources: sources)
            }
            self.declarations = declarations
        }

        /// A variable's `type`, `nullable` and `default`. Terraform refuses, when it loads the module, a
        /// default the type does not take, a null default with `nullable = false`, and an
        /// `optional(TYPE, DEFAULT)` whose default its type does not take.
        struct VariableDeclaration {
            let type: TypeConstraint
            let nullable: Bool
            /// Whether a `default` is written (`default = null` included); without one, every call sets it.
            let hasDefault: Bool
            let defaultValue: HCL.Value?

            init(_ variable: HCL.Block, sources: [String: SourceFile]) throws {
                let name = HCLError.excerpt(variable.labels[0], limit: 60)
                func at(_ position: HCL.SourcePosition) -> SourcePosition { SourceFile.position(position, in: sources[position.file]) }
                type = variable.attribute(named: "type").map { TypeConstraint($0.expression) } ?? .any
                nullable = variable.attribute(named: "nullable").flatMap { Evaluator().value(of: $0.expression) } != .bool(false)
                let defaultAttribute = variable.attribute(named: "default")
                hasDefault = defaultAttribute != nil
                defaultValue = defaultAttribute.flatMap { Evaluator().value(of: $0.expression) }
                if let (attribute, reason, position) = type.rejectedOptionalDefault() {
                    throw TerraformLoader.LoadError.invalid(
                        "\(at(position)): variable \"\(name)\" gives the optional attribute \(HCLError.excerpt(attribute, limit: 60)) a default its type does not take (\(reason)); Terraform rejects the type: change the default or the attribute's type"
                    )
                }
                guard let defaultAttribute, let defaultValue else { return }
                if defaultValue == .null, !nullable {
                    throw TerraformLoader.LoadError.invalid(
                        "\(at(defaultAttribute.expression.position)): variable \"\(name)\" has nullable = false and the default null; Terraform rejects the default: give one that is not null, or drop the default to make the variable required"
                    )
                }
                if let reason = type.rejection(of: defaultValue) {
                    throw TerraformLoader.LoadError.invalid(
                        "\(at(defaultAttribute.expression.position)): variable \"\(name)\" has the default \(defaultValue.excerpt()), which its type does not take (\(reason)); Terraform rejects the default: change it or the type"
                    )
                }
            }
        }

        /// What Terraform requires to be unique in a module: the block type and the labels that name it,
        /// hashed once (the exact check's table grows without hashing the names again).
        struct DeclarationKey: Hashable {
            let type: String
            let first: String
            let second: String
            /// Of the three names, worked out once.
            let hash: Int

            init(type: String, first: String, second: String) {
                (self.type, self.first, self.second) = (type, first, second)
                var hasher = Hasher()
                hasher.combine(type)
                hasher.combine(first)
                hasher.combine(second)
                hash = hasher.finalize()
            }

            func hash(into hasher: inout Hasher) { hasher.combine(hash) }

            static func == (lhs: Self, rhs: Self) -> Bool {
                lhs.hash == rhs.hash && lhs.type == rhs.type && lhs.first == rhs.first && lhs.second == rhs.second
            }
        }

        static func declarationKey(type: String, labels: [String]) -> DeclarationKey? {
            switch type {
            case "resource", "data": return labels.count >= 2 ? DeclarationKey(type: type, first: labels[0], second: labels[1]) : nil
            case "variable", "output", "module": return labels.first.map { DeclarationKey(type: type, first: $0, second: "") }
            default: return nil
            }
        }

        static func describe(_ block: HCL.Block) -> String { describe(type: block.type, labels: block.labels) }

        static func describe(type: String, labels: [String]) -> String {
            let labels = labels.map { "\"\(HCLError.excerpt($0, limit: 60))\"" }.joined(separator: " ")
            return type == "module" ? "module call \(labels)" : "\(type) \(labels)"
        }

        static func overridesNothing(_ what: String, at position: HCL.SourcePosition, sources: [String: SourceFile]) -> TerraformLoader.LoadError {
            .invalid(
                "\(SourceFile.position(position, in: sources[position.file])): the override file's \(what) overrides nothing: the module's other files do not declare it; Terraform rejects the override: declare it in a file that is not an override, or remove it"
            )
        }

        static func duplicate(_ what: String, at position: HCL.SourcePosition, first: HCL.SourcePosition, sources: [String: SourceFile]) -> TerraformLoader.LoadError {
            let here = SourceFile.position(position, in: sources[position.file])
            let there = SourceFile.position(first, in: sources[first.file])
            return .invalid(
                "\(here): duplicate \(what), already declared at \(there); Terraform rejects the configuration: rename or remove one"
            )
        }

        /// An override block's attributes replace the original's; its nested blocks of a type replace
        /// all of the original's blocks of that type.
        static func merge(_ original: HCL.Block, _ override: HCL.Block) -> HCL.Block {
            var merged = original
            let overridden = Set(override.body.attributes.map(\.name))
            let replacedBlocks = Set(override.body.blocks.map(\.type))
            merged.body.items =
                original.body.items.filter { item in
                    switch item {
                    case .attribute(let attribute): !overridden.contains(attribute.name)
                    case .block(let block): !replacedBlocks.contains(block.type)
                    }
                } + override.body.items
            return merged
        }
    }

    func definition(directory: String, display: String) throws -> ModuleDefinition {
        let real = try ModuleFiles.resolve(directory)
        if let known = definitions[real] { return known }
        // The root module's files are read ahead while they parse (see `ReadAhead`).
        let files = try ModuleFiles.read(directory: real, display: display, ahead: definitions.isEmpty && display.isEmpty ? self : nil)
        let definition = try ModuleDefinition(directory: real, display: display, files: files, ahead: takeEarly())
        definitions[real] = definition
        self.files += files.map(\.display)
        return definition
    }

    /// Every file read, in no particular order.
    var sourceFiles: [SourceFile] { definitions.values.flatMap { $0.sources.values } }

    /// Records a definition read by the caller (a single file reviewed on its own).
    func adopt(_ definition: ModuleDefinition, files: [String]) {
        definitions[definition.directory] = definition
        self.files += files
    }

    // MARK: - Scope

    /// What expressions of one module instance can read.
    struct Scope {
        /// `module.alb.` (or `module.alb["a"].`), empty in the root module.
        var prefix: String
        var variables: [String: HCL.Value]
        var locals: [String: HCL.Value] = [:]
        var modules: [String: HCL.Value] = [:]
        /// References that `var.x`, `local.y` and `module.z.out` stand for, in the root namespace.
        var through: [String: [TerraformReference]] = [:]
        /// For `var.x` in a module: the caller's argument, whose elements are the module's elements.
        var arguments: [String: TerraformExpression] = [:]
        var pathModule: String
        var definition: ModuleDefinition
        /// Converting a root module block parsed again from its text: its expressions are not those
        /// whose references were worked out while the file parsed (`precomputed`).
        var parsedAgain = false

        /// `onlyModules`, `onlyLocals`: the module calls whose outputs and the local values the
        /// evaluated expressions may read (see `namesRead`), nil for all of them.
        func evaluator(_ extra: [String: HCL.Value] = [:], onlyModules: Set<String>? = nil, onlyLocals: Set<String>? = nil) -> Evaluator {
            // A module call's own blocks keep their evaluator. Given all the outputs so far, the calls
            // of a module called a thousand times would keep a thousand copies of a growing list of
            // them, each made when the next call's outputs are added: memory and time that grow with
            // the square of the calls (4,000 calls of a module of one resource: 1.3 GB). The same of
            // local values, set between the calls (`local.a = module.m.out`, read by the next call).
            var scope: [String: HCL.Value] = [
                "module": .object(ModuleExpander.only(onlyModules, of: modules)), "path": ["module": .string(pathModule), "root": ".", "cwd": "."],
                "terraform": ["workspace": "default"],
            ]
            for (name, value) in extra { scope[name] = value }
            return Evaluator(variables: variables, locals: ModuleExpander.only(onlyLocals, of: locals), scope: scope, partialUnknowns: true)
        }
    }

    /// The values of `names` among `values`, all of them when `names` is nil: looked up by name, not
    /// filtered (a filter would pass over every value so far, for each evaluator made).
    static func only(_ names: Set<String>?, of values: [String: HCL.Value]) -> [String: HCL.Value] {
        guard let names else { return values }
        var kept: [String: HCL.Value] = [:]
        for name in names { kept[name] = values[name] }
        return kept
    }

    /// At most this many references are carried through one variable, local or output.
    static let throughLimit = 64

    // MARK: - Expansion

    /// Evaluates one instance of `definition` and appends its blocks. Returns its outputs' values and
    /// the references each output stands for.
    @discardableResult
    func expand(
        _ definition: ModuleDefinition, prefix: String, callKey: String, inputs: [String: HCL.Value], arguments: [String: TerraformExpression],
        through: [String: [TerraformReference]], stack: [String]
    ) throws -> (outputs: [String: HCL.Value], through: [String: [TerraformReference]]) {
        instances += 1
        var scope = Scope(
            prefix: prefix, variables: [:], through: [:], arguments: arguments, pathModule: definition.display.isEmpty ? "." : String(definition.display.dropLast()),
            definition: definition)
        // Variables: the value given, else the default; converted to the declared type. Each is
        // converted with those of the variables set so far that it reads (its validation reads itself,
        // and may read others): its converted block keeps its evaluator, and one that held every
        // variable set so far would be a copy for each (4,000 variables: 659 MB).
        let variablesEvaluator = scope.evaluator()
        for variable in definition.variables {
            let name = variable.labels[0]
            let declaration = definition.declarations[name]!
            var value = inputs[name]
            if value == nil || (value == .null && !declaration.nullable) { value = declaration.defaultValue }
            if let value { scope.variables[name] = declaration.type.convert(value) }
            if let passed = through["var.\(name)"] { scope.through["var.\(name)"] = passed }
            var evaluator = variablesEvaluator
            evaluator.variables = Self.only(Self.namesRead(variable.references, root: "var"), of: scope.variables)
            append(convert(variable, scope: scope, evaluator: evaluator))
        }
        try checkValidations(definition, scope: scope, given: inputs)
        for (name, _) in definition.locals { declaredLocals.insert("\(prefix)local.\(name)") }
        try evaluateLocalsAndCalls(definition, scope: &scope, callKey: callKey, stack: stack)
        // Locals and module outputs are settled: one evaluator serves every block that follows.
        let evaluator = scope.evaluator()
        if !definition.locals.isEmpty { append(localValues(definition, scope: scope, evaluator: evaluator)) }
        expandResources(definition, scope: scope, evaluator: evaluator)
        for block in definition.others { append(convert(block, scope: scope, evaluator: evaluator)) }
        var outputs: [String: HCL.Value] = [:]
        var outputThrough: [String: [TerraformReference]] = [:]
        for output in definition.outputs {
            let name = output.labels[0]
            let converted = convert(output, scope: scope, evaluator: evaluator)
            append(converted)
            guard let attribute = output.attribute(named: "value") else { continue }
            outputs[name] = evaluator.value(of: attribute.expression) ?? .unknown
            outputThrough[name] = converted["value"]?.references ?? []
        }
        return (outputs, outputThrough)
    }

    /// Where the root module's variables were given values (`terraform.tfvars:3`, `--var`,
    /// `TF_VAR_region`), and where a variable file writes each value, for their validations.
    var rootValueSources: [String: String] = [:]
    var rootValuePositions: [String: SourcePosition] = [:]
    /// Values that fail their variables' validations (see `checkValidations`).
    private(set) var failedValidations: [FailedValidation] = []

    /// Terraform's "Invalid value for variable": a `validation` whose condition is false for the value
    /// a variable has, given or its default. A value from the command line or the environment is a
    /// usage error; one from the code or a variable file, a finding. A condition that cannot be worked
    /// out (a function this reader does not evaluate, such as `can(regex(...))`, or an unknown value)
    /// is left to Terraform.
    private func checkValidations(_ definition: ModuleDefinition, scope: Scope, given: [String: HCL.Value]) throws {
        let evaluator = scope.evaluator()
        for variable in definition.variables {
            let name = variable.labels[0]
            guard let value = scope.variables[name] else { continue }
            // A set's value is read as a list, duplicates kept: what a condition says of it is not Terraform's.
            if let type = variable.attribute(named: "type"), Self.namesSet(type.expression) { continue }
            for rule in variable.blocks(type: "validation") {
                guard let condition = rule.body.attribute(named: "condition"), evaluator.value(of: condition.expression) == .bool(false),
                    Self.decides(condition.expression, evaluator)
                else { continue }
                let written = rule.body.attribute(named: "error_message").map { attribute in
                    evaluator.value(of: attribute.expression).flatMap { if case .string(let text) = $0 { text } else { nil } }
                        ?? definition.sources[attribute.position.file].map { $0.syntax.sourceText(of: attribute.expression.range) } ?? "no message"
                }
                var message = HCLError.excerpt(written ?? "no message", limit: 300)
                while message.hasSuffix(".") { message.removeLast() }
                let ruleAt = SourceFile.position(rule.position, in: definition.sources[rule.position.file])
                let isGiven = given[name] != nil
                // Named without instance keys, as Terraform reports it once per module call: instances
                // that count or for_each make with the same value give one finding (the value tells
                // those with another apart).
                let shown = "\(Self.withoutKeys(scope.prefix))var.\(HCLError.excerpt(name, limit: 60)) = \(value.excerpt())"
                if scope.prefix.isEmpty, isGiven, let source = rootValueSources[name], rootValuePositions[name] == nil {
                    throw CLIError(
                        "\(source == "--var" ? "--var \(name)" : source): \(shown) fails the variable's validation at \(ruleAt): \(message); Terraform's plan fails: give a value the condition accepts"
                    )
                }
                // Where the value is written: the caller's argument, a variable file's line, the variable (its default).
                let position =
                    (isGiven ? scope.arguments[name]?.position ?? (scope.prefix.isEmpty ? rootValuePositions[name] : nil) : nil)
                    ?? SourceFile.position(variable.position, in: definition.sources[variable.position.file])
                failedValidations.append(FailedValidation(position: position, value: shown, rule: ruleAt, message: message, isDefault: !isGiven))
            }
        }
    }

    /// `module.a["x"].module.b[0].` without its instance keys: `module.a.module.b.`.
    static func withoutKeys(_ prefix: String) -> String {
        var result = ""
        var depth = 0
        var quoted = false
        var previous: Character = " "
        for character in prefix {
            if quoted {
                if character == "\"" && previous != "\\" { quoted = false }
            } else if character == "\"" && depth > 0 {
                quoted = true
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            } else if depth == 0 {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    /// Whether a type constraint names `set` anywhere (`set(string)`, `map(set(number))`).
    static func namesSet(_ type: HCLExpression) -> Bool {
        switch type.kind {
        case .variable(let name): return name == "set"
        case .functionCall(let call): return call.name == "set" || call.arguments.contains(where: namesSet)
        case .object(let items): return items.contains { namesSet($0.value) }
        case .tuple(let items): return items.contains(where: namesSet)
        case .parenthesized(let inner): return namesSet(inner)
        default: return false
        }
    }

    /// Whether this reader's value of `condition` is Terraform's, as far as the operators in it tell:
    /// `==` and `!=` between collections depend on types the reader does not keep (a list(string) is
    /// never equal to the `[]` literal in Terraform, and is here); arithmetic and comparisons of
    /// fractions are exact here and binary floating point in Terraform; an operand that cannot be
    /// worked out on its own (inside a `for`) could be either. Conditions with those are left to
    /// Terraform, so that a finding never rests on a difference of arithmetic or types.
    static func decides(_ condition: HCLExpression, _ evaluator: Evaluator) -> Bool {
        func plain(_ value: HCL.Value?) -> Bool {
            switch value {
            case .string, .bool, .null: return true
            case .number(var number):
                var whole = Decimal()
                NSDecimalRound(&whole, &number, 0, .plain)
                return whole == number
            default: return false
            }
        }
        func decides(_ expression: HCLExpression) -> Bool {
            switch expression.kind {
            case .binary:
                // The left spine of an operator chain in a loop: it can be as long as the chain. Its
                // operands are checked, each once: what `+`, `-`, `*` and comparisons make of plain
                // values is plain, so the values in between need no look.
                var node = expression
                var innermost: BinaryOperator?
                while case .binary(let op, let left, let right) = node.kind {
                    if op == .divide || op == .modulo { return false }
                    if op != .and && op != .or, !plain(evaluator.value(of: right)) { return false }
                    guard decides(right) else { return false }
                    innermost = op
                    node = left
                }
                if let innermost, innermost != .and && innermost != .or, !plain(evaluator.value(of: node)) { return false }
                return decides(node)
            case .unary(_, let operand), .parenthesized(let operand): return decides(operand)
            case .conditional(let test, let yes, let no): return decides(test) && decides(yes) && decides(no)
            case .functionCall(let call): return call.arguments.allSatisfy(decides)
            case .tuple(let items): return items.allSatisfy(decides)
            case .object(let items): return items.allSatisfy { item in decides(item.value) && { if case .expression(let key) = item.key { decides(key) } else { true } }() }
            case .forExpression(let loop):
                return decides(loop.collection) && decides(loop.valueExpression) && (loop.keyExpression.map(decides) ?? true) && (loop.condition.map(decides) ?? true)
            case .traversal(let base, let steps):
                return decides(base) && steps.allSatisfy { if case .index(let key) = $0 { decides(key) } else { true } }
            case .template(let template): return decides(template.parts)
            case .number, .bool, .null, .variable: return true
            }
        }
        func decides(_ parts: [TemplatePart]) -> Bool {
            parts.allSatisfy { part in
                switch part {
                case .literal: true
                case .interpolation(let interpolation): decides(interpolation.expression)
                case .ifDirective(let directive): decides(directive.condition) && decides(directive.thenParts) && decides(directive.elseParts ?? [])
                case .forDirective(let directive): decides(directive.collection) && decides(directive.body)
                }
            }
        }
        return decides(condition)
    }

    /// Locals and module calls in the order their references need (source order among equals; a
    /// cycle, which Terraform rejects, is broken in source order and its values stay unknown).
    private func evaluateLocalsAndCalls(_ definition: ModuleDefinition, scope: inout Scope, callKey: String, stack: [String]) throws {
        enum Node {
            case local(String, HCL.Attribute)
            case call(HCL.Block)
        }
        var nodes: [(id: String, node: Node, needs: Set<String>)] = []
        for (name, attribute) in definition.locals {
            nodes.append(("local.\(name)", .local(name, attribute), Self.needs(attribute.expression.references)))
        }
        for call in definition.calls {
            nodes.append(("module.\(call.labels[0])", .call(call), Self.needs(call.body.references)))
            // Until it is expanded (or when it cannot be), a module's outputs are unknown, not missing.
            scope.modules[call.labels[0]] = .unknown
        }
        for index in Self.dependencyOrder(ids: nodes.map(\.id), needs: nodes.map(\.needs)) {
            let node = nodes[index].node
            switch node {
            case .local(let name, let attribute):
                // Worked out before it is set: an evaluator still held when the locals change would make
                // the change copy all of them.
                let (value, through) = { () -> (HCL.Value, [TerraformReference]) in
                    let evaluator = scope.evaluator()
                    return (
                        evaluator.value(of: attribute.expression) ?? .unknown, Array(references(attribute.expression, scope: scope, evaluator: evaluator).prefix(Self.throughLimit))
                    )
                }()
                scope.locals[name] = value
                scope.through["local.\(name)"] = through
            case .call(let call):
                try expandCall(call, scope: &scope, callKey: callKey, stack: stack)
            }
        }
    }

    /// The order in which `evaluateLocalsAndCalls` takes its nodes: each time, the first node left (in
    /// the order given) whose needs are all taken, a need that names no node or the node itself not
    /// counting; the first node left when none is ready (a cycle). The nodes ready are kept in a heap
    /// by their place, rather than those left scanned for each: a chain of 4,000 calls written
    /// last-first, each reading the next, took 2 s.
    static func dependencyOrder(ids: [String], needs: [Set<String>]) -> [Int] {
        let known = Set(ids)
        var dependents: [String: [Int]] = [:]
        var unmet = Array(repeating: 0, count: ids.count)
        for index in ids.indices {
            for need in needs[index] where need != ids[index] && known.contains(need) {
                unmet[index] += 1
                dependents[need, default: []].append(index)
            }
        }
        var ready = PlaceHeap()
        for index in ids.indices where unmet[index] == 0 { ready.push(index) }
        var taken = Array(repeating: false, count: ids.count)
        var done: Set<String> = []
        var order: [Int] = []
        order.reserveCapacity(ids.count)
        var first = 0
        while order.count < ids.count {
            // A node taken in a cycle may be ready later: passed over here.
            while let top = ready.min, taken[top] { ready.removeMin() }
            let pick: Int
            if let top = ready.min {
                ready.removeMin()
                pick = top
            } else {
                while taken[first] { first += 1 }
                pick = first
            }
            taken[pick] = true
            order.append(pick)
            guard done.insert(ids[pick]).inserted else { continue }
            for dependent in dependents[ids[pick]] ?? [] {
                unmet[dependent] -= 1
                if unmet[dependent] == 0 && !taken[dependent] { ready.push(dependent) }
            }
        }
        return order
    }

    /// Places, the smallest first: a binary heap.
    struct PlaceHeap {
        private var items: [Int] = []

        var min: Int? { items.first }

        mutating func push(_ place: Int) {
            items.append(place)
            var child = items.count - 1
            while child > 0, case let parent = (child - 1) / 2, items[parent] > items[child] {
                items.swapAt(parent, child)
                child = parent
            }
        }

        mutating func removeMin() {
            guard !items.isEmpty else { return }
            items.swapAt(0, items.count - 1)
            items.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count && items[left] < items[smallest] { smallest = left }
                if right < items.count && items[right] < items[smallest] { smallest = right }
                guard smallest != parent else { return }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    /// The names under `root` that an expression with these references may read (`module.NAME`,
    /// `var.NAME`), nil when it may read any (`root` not followed by a name).
    static func namesRead(_ references: [HCL.Reference], root: String) -> Set<String>? {
        var names: Set<String> = []
        for reference in references where reference.root == root {
            guard let first = reference.steps.first, case .attribute(let name) = first else { return nil }
            names.insert(name)
        }
        return names
    }

    /// The `local.x` and `module.y` an expression needs first.
    private static func needs(_ references: [HCL.Reference]) -> Set<String> {
        var result: Set<String> = []
        for reference in references where reference.root == "local" || reference.root == "module" {
            if let first = reference.steps.first, case .attribute(let name) = first { result.insert("\(reference.root).\(name)") }
        }
        return result
    }

    /// A `module "NAME"` call: its source read, its instances expanded, its outputs put in scope.
    private func expandCall(_ call: HCL.Block, scope: inout Scope, callKey: String, stack: [String]) throws {
        let name = call.labels[0]
        let key = callKey.isEmpty ? name : "\(callKey).\(name)"
        let position = position(call.position, scope: scope)
        // Only the outputs of the calls and the local values it reads: the call's converted block
        // keeps its evaluator.
        let references = call.body.references
        let read = Self.namesRead(references, root: "module"), readLocals = Self.namesRead(references, root: "local")
        let evaluator = scope.evaluator(onlyModules: read, onlyLocals: readLocals)
        append(convert(call, scope: scope, evaluator: evaluator))
        guard let sourceText = call.attribute(named: "source").flatMap({ evaluator.value(of: $0.expression)?.stringValue }) else {
            if unseen("\(scope.prefix)module.\(name)", .noLiteralSource) {
                notes.append("\(Self.withoutKeys(scope.prefix))module.\(name) at \(position) has no literal source, so the review cannot see inside it")
            }
            return
        }
        let directory: String
        let display: String
        var installedBy: String?
        if sourceText.hasPrefix("./") || sourceText.hasPrefix("../") {
            directory = (scope.definition.directory as NSString).appendingPathComponent(sourceText)
            display = ModuleFiles.normalized(scope.definition.display + sourceText)
        } else if let installedDirectory = installed[key] {
            directory = (rootDirectory as NSString).appendingPathComponent(installedDirectory)
            display = ModuleFiles.normalized(installedDirectory)
            installedBy = installedDirectory
        } else {
            if unseen("\(scope.prefix)module.\(name)", .notInstalled) {
                notes.append(
                    "\(Self.withoutKeys(scope.prefix))module.\(name) (source \"\(HCLError.excerpt(sourceText, limit: 80))\") is not installed: run terraform init so that .terraform/modules holds it, or the review cannot see inside it"
                )
            }
            return
        }
        guard stack.count < Self.maximumDepth else {
            if unseen("\(scope.prefix)module.\(name)", .tooDeep) {
                notes.append("\(Self.withoutKeys(scope.prefix))module.\(name) is nested more than \(Self.maximumDepth) modules deep; the review stops there")
            }
            return
        }
        let definition: ModuleDefinition
        do {
            definition = try self.definition(directory: directory, display: display)
        } catch TerraformLoader.LoadError.notFound {
            // Listed by terraform init but gone: the install is stale, not the source wrong.
            if let installedBy {
                throw TerraformLoader.LoadError.invalid(
                    "\(position): module.\(HCLError.excerpt(name, limit: 60)) is listed in .terraform/modules/modules.json at \(HCLError.excerpt(installedBy, limit: 80)), which is missing: run terraform init again"
                )
            }
            throw TerraformLoader.LoadError.invalid(
                "\(position): module.\(HCLError.excerpt(name, limit: 60)) has source \"\(HCLError.excerpt(sourceText, limit: 80))\", which is not a directory; Terraform cannot load it: fix the path"
            )
        }
        guard !stack.contains(definition.directory) else {
            throw TerraformLoader.LoadError.invalid(
                "\(position): module.\(HCLError.excerpt(name, limit: 60)) calls \(display.isEmpty ? "." : display), which is already being loaded: a module cannot call itself; Terraform rejects the cycle"
            )
        }
        let meta: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]
        let declared = Set(definition.variables.map { $0.labels[0] })
        let shownModule = display.isEmpty ? "." : display
        for attribute in call.body.attributes where !meta.contains(attribute.name) && !declared.contains(attribute.name) {
            throw TerraformLoader.LoadError.invalid(
                "\(self.position(attribute.position, scope: scope)): module.\(HCLError.excerpt(name, limit: 60)) has no variable \"\(HCLError.excerpt(attribute.name, limit: 60))\" (module \(shownModule)); Terraform rejects the argument: declare it in the module or remove it"
            )
        }
        // A variable without a default must be set by every call (whatever its count), and a value the
        // call gives must be one the variable's type takes.
        for variable in definition.variables {
            let variableName = variable.labels[0]
            guard definition.declarations[variableName]?.hasDefault == false, call.body.attribute(named: variableName) == nil else { continue }
            throw TerraformLoader.LoadError.invalid(
                "\(position): module.\(HCLError.excerpt(name, limit: 60)) does not set \(HCLError.excerpt(variableName, limit: 60)), which module \(shownModule) requires (its variable has no default, \(self.position(variable.position, scope: scope))); Terraform rejects the call: set \(HCLError.excerpt(variableName, limit: 60)) = ... in it, or give the variable a default"
            )
        }
        var outputsByKey: [(key: String?, outputs: [String: HCL.Value])] = []
        var through: [String: [TerraformReference]] = [:]
        guard let expansion = instanceKeys(of: call, scope: scope, evaluator: evaluator) else {
            scope.modules[name] = .unknown
            return
        }
        for (instanceKey, extra, _) in expansion.instances {
            guard instances < Self.maximumInstances else {
                notes.append("more than \(Self.maximumInstances) module instances; the review stops expanding at \(scope.prefix)module.\(name)")
                break
            }
            let instanceEvaluator = scope.evaluator(extra, onlyModules: read, onlyLocals: readLocals)
            var inputs: [String: HCL.Value] = [:]
            var arguments: [String: TerraformExpression] = [:]
            var argumentThrough: [String: [TerraformReference]] = [:]
            for attribute in call.body.attributes where !meta.contains(attribute.name) {
                let value = instanceEvaluator.value(of: attribute.expression) ?? .unknown
                let declaration = definition.declarations[attribute.name]
                if value == .null, let declaration, !declaration.nullable, !declaration.hasDefault {
                    throw TerraformLoader.LoadError.invalid(
                        "\(self.position(attribute.position, scope: scope)): \(HCLError.excerpt(scope.prefix, limit: 200))module.\(HCLError.excerpt(name, limit: 60))\(instanceKey ?? "") sets \(HCLError.excerpt(attribute.name, limit: 60)) to null, which its variable in module \(shownModule) does not take (nullable = false, no default); Terraform rejects the value: pass one that is not null"
                    )
                }
                if let reason = declaration?.type.rejection(of: value) {
                    throw TerraformLoader.LoadError.invalid(
                        "\(self.position(attribute.position, scope: scope)): \(HCLError.excerpt(scope.prefix, limit: 200))module.\(HCLError.excerpt(name, limit: 60))\(instanceKey ?? "") sets \(HCLError.excerpt(attribute.name, limit: 60)) to \(value.excerpt()), which the type of its variable in module \(shownModule) does not take (\(reason)); Terraform rejects the value: pass one of that type"
                    )
                }
                inputs[attribute.name] = value
                let converted = convert(attribute.expression, scope: scope, evaluator: instanceEvaluator)
                arguments[attribute.name] = converted
                argumentThrough["var.\(attribute.name)"] = Array(converted.references.prefix(Self.throughLimit))
            }
            let result = try expand(
                definition, prefix: "\(scope.prefix)module.\(name)\(instanceKey ?? "").", callKey: key, inputs: inputs, arguments: arguments,
                through: argumentThrough, stack: stack + [definition.directory])
            outputsByKey.append((instanceKey, result.outputs))
            for (output, references) in result.through {
                var merged = through["module.\(name).\(output)", default: []]
                for reference in references where merged.count < Self.throughLimit && !merged.contains(reference) { merged.append(reference) }
                through["module.\(name).\(output)"] = merged
            }
        }
        for (id, references) in through { scope.through[id] = references }
        switch expansion.style {
        case .single: scope.modules[name] = .object(outputsByKey.first?.outputs ?? [:])
        case .count: scope.modules[name] = .list(outputsByKey.map { .object($0.outputs) })
        case .forEach:
            var map: [String: HCL.Value] = [:]
            for (instance, made) in zip(expansion.instances, outputsByKey) { map[instance.each ?? ""] = .object(made.outputs) }
            scope.modules[name] = .object(map)
        }
    }

    // MARK: - Instances

    enum ExpansionStyle { case single, count, forEach }

    /// The instances `count` or `for_each` make: their keys and the values of `count` / `each`. Nil when
    /// the block has none (count 0, an empty for_each). Unknown `count`/`for_each`: one instance
    /// without a key, as written.
    private func instanceKeys(
        of block: HCL.Block, scope: Scope, evaluator: Evaluator
    ) -> (style: ExpansionStyle, instances: [(key: String?, extra: [String: HCL.Value], each: String?)])? {
        if let count = block.attribute(named: "count") {
            guard case .number(let number)? = evaluator.value(of: count.expression), abs(number) < 1_000_000_000,
                case let n = NSDecimalNumber(decimal: number).intValue, n >= 0, Decimal(n) == number
            else { return (.single, [(nil, [:], nil)]) }
            if n == 0 { return nil }
            guard spend(n, at: count.position, scope: scope) else { return (.single, [(nil, [:], nil)]) }
            return (.count, (0..<n).map { ("[\($0)]", ["count": ["index": .number(Decimal($0))]], nil) })
        }
        if let forEach = block.attribute(named: "for_each") {
            let value = evaluator.value(of: forEach.expression)
            var pairs: [(String, HCL.Value)] = []
            switch value {
            case .object(let members)?:
                pairs = members.keys.sorted().map { ($0, members[$0]!) }
            case .list(let elements)?:
                var keys: [String] = []
                for element in elements {
                    guard case .string(let text) = element else { return (.single, [(nil, [:], nil)]) }
                    keys.append(text)
                }
                pairs = Array(Set(keys)).sorted().map { ($0, .string($0)) }
            default:
                return (.single, [(nil, [:], nil)])
            }
            if pairs.isEmpty { return nil }
            guard spend(pairs.count, at: forEach.position, scope: scope) else { return (.single, [(nil, [:], nil)]) }
            return (
                .forEach,
                pairs.map { key, value in (TerraformReference.keyText(.string(key)), ["each": ["key": .string(key), "value": value]], key) }
            )
        }
        return (.single, [(nil, [:], nil)])
    }

    /// Takes `count` instances from the budget, or says with a note why the block is reviewed as one.
    private func spend(_ count: Int, at position: HCL.SourcePosition, scope: Scope) -> Bool {
        guard count <= Self.instanceBudget - expanded else {
            // Once per place: a module's blocks are met again in each of its instances.
            let place = self.position(position, scope: scope)
            if overBudget.insert(place.description).inserted {
                notes.append(
                    "\(place): \(count) instances would pass the review's limit of \(Self.instanceBudget) made by count, for_each and dynamic in all; reviewed as one"
                )
            }
            return false
        }
        expanded += count
        return true
    }

    /// The instances of a module's resources and data sources, in order.
    private func expandResources(_ definition: ModuleDefinition, scope: Scope, evaluator: Evaluator) {
        // What the blocks converted ahead read stands for nothing here (the root module's usual case):
        // each is taken as it is, moved out of the definition (`takeBlock`), and the context a file's
        // blocks share is bound once.
        let asConverted = scope.prefix.isEmpty && scope.through.isEmpty
        if scope.prefix.isEmpty && placesOfEarly.count < definition.early.count {
            placesOfEarly += repeatElement(-1, count: definition.early.count - placesOfEarly.count)
        }
        var lastBound: ObjectIdentifier?
        /// `moving`: the root module's expansion (a root with local values comes here through the
        /// general path), the last to ask for the block: a module that calls the root is a cycle.
        func take(_ index: Int, moving: Bool) {
            let context = ObjectIdentifier(definition.early[index].context)
            if context != lastBound {
                lastBound = context
                if boundContexts.insert(context).inserted {
                    definition.early[index].context.bind(evaluator: evaluator, file: source(definition.early[index].range.file, scope: scope))
                }
            }
            guard moving else { return append(definition.early[index].block) }
            // As converted, and already indexed by its address: its place is set once all are placed.
            placesOfEarly[index] = Int32(blocks.count)
            if !definition.early[index].indexedByAddress { indexed.others.append(blocks.count) }
            indexed.kindAndType.append(definition.early[index].kindAndType)
            indexed.referencesChecked.append(definition.early[index].referencesChecked)
            blocks.append(definition.takeBlock(index))
        }
        for resource in definition.resources {
            switch resource {
            case .syntax(let written): expand(written, scope: scope, evaluator: evaluator)
            case .early(let index) where asConverted: take(index, moving: true)
            case .early(let index):
                // Its file kept nothing of it: parsed again, and its references worked out again, when
                // what it reads stands for references (or, never met, in a module's namespace). Read in
                // place: a copy of the entry would touch the block's count of references.
                let range = definition.early[index].range
                guard !scope.prefix.isEmpty || definition.early[index].reads.contains(where: { scope.through[$0] != nil }),
                    let file = source(range.file, scope: scope)?.syntax,
                    let whole = HCLParser.block(in: file.source, path: file.path, range: range)
                else {
                    take(index, moving: scope.prefix.isEmpty)
                    continue
                }
                var again = scope
                again.parsedAgain = true
                expand(whole, scope: again, evaluator: evaluator)
            }
        }
    }

    /// The instances of one resource or data block (none when its count or for_each has no known value).
    private func expand(_ block: HCL.Block, scope: Scope, evaluator: Evaluator) {
        guard let expansion = instanceKeys(of: block, scope: scope, evaluator: evaluator) else {
            let local = block.type == "data" ? "data.\(block.labels[0]).\(block.labels[1])" : "\(block.labels[0]).\(block.labels[1])"
            declaredWithoutInstances.insert(scope.prefix + local)
            return
        }
        for (key, extra, _) in expansion.instances {
            var instance = evaluator
            for (name, value) in extra { instance.scope[name] = value }
            append(convert(block, scope: scope, evaluator: instance, key: key))
        }
    }

    // MARK: - Indexing

    /// Appends a block made by the expansion; the configuration indexes it by its address.
    private func append(_ block: TerraformBlock) {
        indexed.kindAndType.append(kindAndType(of: block))
        indexed.referencesChecked.append(false)
        indexed.others.append(blocks.count)
        blocks.append(block)
    }

    /// The place of the block's kind and type in `indexed.kindsAndTypes`, added when new; -1 for the
    /// kinds not indexed so.
    private func kindAndType(of block: TerraformBlock) -> Int32 {
        func place(in places: inout [String: Int32]) -> Int32 {
            let type = block.type
            if let place = places[type] { return place }
            let place = Int32(indexed.kindsAndTypes.count)
            indexed.kindsAndTypes.append(TerraformConfiguration.KindAndType(kind: block.kind, type: type))
            places[type] = place
            return place
        }
        switch block.kind {
        case "resource": return place(in: &kindAndTypePlaces.resource)
        case "data": return place(in: &kindAndTypePlaces.data)
        case "module": return place(in: &kindAndTypePlaces.module)
        default:
            assert(!TerraformConfiguration.KindAndType.isIndexed(block.kind), "an indexed kind without its table of places")
            return -1
        }
    }

    /// The indexes of `blocks` once `root` is expanded, handed over (the expander keeps none): the
    /// blocks its files converted ahead by their addresses, with their places in `blocks`.
    func takeIndexed(root: ModuleDefinition) -> TerraformConfiguration.Indexed {
        var byBase = root.takeEarlyByBase()
        // Places in `early` become places in `blocks`, in place (no address hashed again); a block not
        // taken as converted (parsed again) was indexed with the others, or not placed at all.
        // Walked by index, not over `values.indices`: that collection holds the dictionary, and the
        // first change then copied all of it (34,503 entries on the 10 MB designs input).
        var unplaced: [String] = []
        var position = byBase.startIndex
        while position != byBase.endIndex {
            let early = byBase.values[position].first
            let place = early < placesOfEarly.count ? Int(placesOfEarly[early]) : -1
            if place < 0 { unplaced.append(byBase.keys[position]) } else { byBase.values[position].first = place }
            byBase.formIndex(after: &position)
        }
        for address in unplaced { byBase[address] = nil }
        var taken = TerraformConfiguration.Indexed()
        swap(&taken, &indexed)
        taken.byBase = byBase
        kindAndTypePlaces = ([:], [:], [:])
        placesOfEarly = []
        return taken
    }

    // MARK: - Conversion

    /// The module instance's local values as one `locals` block, each with the references it writes
    /// itself (not those of what it reads): a reference is checked where it is written, as Terraform
    /// reports it, and once, however many blocks read the local value.
    private func localValues(_ definition: ModuleDefinition, scope: Scope, evaluator: Evaluator) -> TerraformBlock {
        let attributes = definition.locals.map { name, attribute in
            let expression = attribute.expression
            let context = ExpressionContext(evaluator: evaluator, file: source(expression.range.file, scope: scope))
            return TerraformAttribute(
                name: name,
                expression: TerraformExpression(expression, context: context, references: written(expression, scope: scope, evaluator: evaluator).references, elements: nil))
        }
        return TerraformBlock(
            kind: "locals", labels: [], attributesInOrder: attributes, blocks: [], position: position(definition.locals[0].attribute.position, scope: scope),
            module: scope.prefix)
    }

    func position(_ position: HCL.SourcePosition, scope: Scope) -> SourcePosition {
        SourceFile.position(position, in: source(position.file, scope: scope))
    }

    private func source(_ name: String, scope: Scope) -> SourceFile? { scope.definition.sources[name] }

    /// `kind` and `labels` replace the block's own (a dynamic block's content becomes the block it makes).
    private func convert(
        _ block: HCL.Block, scope: Scope, evaluator: Evaluator, key: String? = nil, kind: String? = nil, labels: [String]? = nil, at: HCL.SourcePosition? = nil
    ) -> TerraformBlock {
        convert(
            block, scope: scope, context: ExpressionContext(evaluator: evaluator, file: source(block.range.file, scope: scope)), key: key, kind: kind, labels: labels,
            at: at)
    }

    private func convert(
        _ block: HCL.Block, scope: Scope, context: ExpressionContext, key: String? = nil, kind: String? = nil, labels: [String]? = nil,
        at: HCL.SourcePosition? = nil
    ) -> TerraformBlock {
        let items = block.body.items
        var attributes: [TerraformAttribute] = []
        attributes.reserveCapacity(items.count)
        var nested: [TerraformBlock] = []
        for item in items {
            switch item {
            case .attribute(let attribute):
                attributes.append(TerraformAttribute(name: attribute.name, expression: convert(attribute.expression, scope: scope, context: context)))
            case .block(let inner):
                if inner.type == "dynamic", let name = inner.labels.first,
                    let expanded = expandDynamic(inner, name: name, scope: scope, evaluator: context.evaluator)
                {
                    nested += expanded
                } else {
                    nested.append(convert(inner, scope: scope, context: context))
                }
            }
        }
        return TerraformBlock(
            kind: kind ?? block.type, labels: labels ?? block.labels, attributesInOrder: attributes, blocks: nested,
            position: at.map { position($0, scope: scope) } ?? self.position(of: block, context: context, scope: scope), module: scope.prefix, key: key)
    }

    /// Where `block` starts, as findings show it: in the context's file unless an override file put it there.
    private func position(of block: HCL.Block, context: ExpressionContext, scope: Scope) -> SourcePosition {
        if let file = context.file, file.holds(block.range) { return file.position(block.range.start) }
        return position(block.position, scope: scope)
    }

    /// `dynamic "NAME" { for_each = ...; content { ... } }` over a known collection: one `NAME` block
    /// per element, its `content` evaluated with the iterator bound. Nil when the collection is unknown.
    private func expandDynamic(_ block: HCL.Block, name: String, scope: Scope, evaluator: Evaluator) -> [TerraformBlock]? {
        guard let forEach = block.attribute(named: "for_each"), let content = block.blocks(type: "content").first else { return nil }
        let iterator =
            block.attribute(named: "iterator").flatMap { attribute -> String? in
                if case .variable(let variable) = attribute.expression.kind { return variable }
                return nil
            } ?? name
        let pairs: [(HCL.Value, HCL.Value)]
        switch evaluator.value(of: forEach.expression) {
        case .object(let members)?: pairs = members.keys.sorted().map { (.string($0), members[$0]!) }
        case .list(let elements)?: pairs = elements.enumerated().map { (.number(Decimal($0.offset)), $0.element) }
        default: return nil
        }
        guard spend(pairs.count, at: forEach.position, scope: scope) else { return nil }
        return pairs.map { key, value in
            var inner = evaluator
            inner.scope[iterator] = ["key": key, "value": value]
            return convert(
                content, scope: scope, evaluator: inner, kind: name, labels: block.labels.count > 1 ? Array(block.labels.dropFirst()) : [], at: block.position)
        }
    }

    func convert(_ expression: HCLExpression, scope: Scope, evaluator: Evaluator) -> TerraformExpression {
        convert(expression, scope: scope, context: ExpressionContext(evaluator: evaluator, file: source(expression.range.file, scope: scope)))
    }

    /// Only the references are worked out now; text, position and value when asked for (see `TerraformExpression`).
    private func convert(_ expression: HCLExpression, scope: Scope, context: ExpressionContext) -> TerraformExpression {
        // An override file's attribute sits in the block of another file.
        let range = expression.range
        let context = context.file?.holds(range) == true ? context : ExpressionContext(evaluator: context.evaluator, file: source(range.file, scope: scope))
        var elements: [TerraformExpression]?
        switch expression.kind {
        case .tuple(let items):
            elements = items.map { convert($0, scope: scope, context: context) }
        case .traversal(let base, let steps):
            // `var.x` inside a module stands for the caller's argument, elements included.
            if case .variable("var") = base.kind, steps.count == 1, case .attribute(let name) = steps[0] { elements = scope.arguments[name]?.elements }
        default:
            break
        }
        return TerraformExpression(expression, context: context, references: references(expression, scope: scope, evaluator: context.evaluator), elements: elements)
    }

    /// The expression's references in the root namespace, followed by what the variables, locals and
    /// module outputs it reads stand for. In the root module, those of the files read while they
    /// were being parsed are looked up (`precomputed`) rather than worked out again.
    func references(_ expression: HCLExpression, scope: Scope, evaluator: Evaluator) -> [TerraformReference] {
        written(expression, scope: scope, evaluator: evaluator).followed(through: scope.through)
    }

    /// The references the expression writes itself, in the root namespace.
    private func written(_ expression: HCLExpression, scope: Scope, evaluator: Evaluator) -> WrittenReferences {
        (scope.prefix.isEmpty && !scope.parsedAgain ? precomputed.written(expression) : nil)
            ?? WrittenReferences(expression, module: scope.prefix, evaluator: evaluator)
    }
}

// MARK: - Reading ahead

extension ModuleExpander: ReadAhead {
    func begin(file display: String, bytes: Int) {
        earlyContext = (display, ExpressionContext(evaluator: Evaluator(), file: nil))
        early.start = early.blocks.count
        // About a declaration per 256 bytes (the tutorial has one per 260): the table of addresses
        // is sized once rather than grown and rehashed a dozen times.
        early.byBase.reserveCapacity(early.byBase.count + bytes / 256)
    }

    /// The resources and data sources whose conversion needs no value: no `count`, `for_each` or
    /// `dynamic` block, no index key that needs one. The parser hands them over skimmed: where each
    /// expression is written and the references it writes, without trees.
    var skimRule: SkimRule? { Self.skimmed }

    private static let skimmed = SkimRule(
        blockTypes: ["resource", "data"], minimumLabels: 2, refusingAttributes: ["count", "for_each"], refusingBlockTypes: ["dynamic"])

    /// Converts a skimmed block (see `skimRule`), and works out the references of the items kept
    /// whole for their conversion (`precomputed`). The file keeps nothing of a block converted here
    /// (see `EarlyBlock`).
    func add(_ item: TopLevelItem) -> BodyItem? {
        switch item {
        case .item(let item):
            // Declarations are noted here, while their blocks are at hand; resources and data sources
            // are set against the blocks converted here once all are read (`takeEarly`).
            declare(item)
            precomputed.add(item)
            return item
        case .skimmed(let skimmed):
            let block = skimmed.block
            // A file read ahead is begun first (`ModuleFiles.read`), and only then does the parser skim.
            guard let (file, context) = earlyContext else {
                assertionFailure("a block skimmed outside a file read ahead")
                return nil
            }
            var reads: [String] = []
            let (attributes, blocks) = convertAhead(block, references: skimmed.references, context: context, reads: &reads)
            let start = block.range.start
            let made = TerraformBlock(
                kind: block.type, labels: block.labels, attributesInOrder: attributes, blocks: blocks,
                position: SourcePosition(file: file, line: start.line, column: start.column), module: "", key: nil)
            keep(made, context: context, reads: reads, range: block.range)
            return nil
        }
    }

    /// Keeps a block converted ahead, indexed by its address.
    private func keep(_ made: TerraformBlock, context: ExpressionContext, reads: [String], range: HCL.SourceRange) {
        // Indexed now, while the block is at hand. Two declarations may share an address when a label
        // holds a dot (`resource "aws_lb" "x.y"`, `resource "aws_lb.x" "y"`), which Terraform does not
        // refuse here: the first keeps the place, the next is indexed with the others (`indexedByAddress`).
        // One lookup in the usual case (the address is new); declared twice, the address is a
        // duplicate to check (see `ReadAheadBlocks.duplicate`).
        let previous = early.byBase.updateValue(TerraformConfiguration.Instances(first: early.blocks.count), forKey: made.baseAddress)
        let indexedByAddress = previous == nil
        if let previous {
            early.byBase[made.baseAddress] = previous
            early.duplicate = true
        }
        early.blocks.append(
            EarlyBlock(
                block: made, context: context, reads: reads, range: range, kindAndType: kindAndType(of: made),
                referencesChecked: referencesDeclared(made, top: made), indexedByAddress: indexedByAddress))
    }

    /// Keeps the address of a declaration not converted here (see `ReadAheadBlocks.declared`), and
    /// notes an address declared twice (see `ReadAheadBlocks.duplicate`).
    private func declare(_ item: BodyItem) {
        guard case .block(let block) = item else { return }
        switch (block.type, block.labels.count) {
        case ("variable", 1...), ("module", 1...), ("output", 1...), ("resource", 2...), ("data", 2...):
            let address = TerraformBlock.baseAddress(kind: block.type, labels: block.labels, module: "")
            if !early.declared.insert(address).inserted { early.duplicate = true }
            // Against the blocks converted here once all are read (`takeEarly`): they are many, these few.
            if block.type == "resource" || block.type == "data" { early.resourcesDeclared.append(address) }
        default: break
        }
    }

    /// Whether `TerraformReview.referenceFindings` finds nothing to say of a root module block converted
    /// here, decided while it is at hand: each reference it writes to a declaration names one met
    /// before it in the files read (or itself), without an instance key, and none is a local value or a
    /// name written alone. Met before, a declaration is declared once the module is expanded (a
    /// duplicate fails the load). False says only that the review looks at it, as at every other block.
    private func referencesDeclared(_ block: TerraformBlock, top: TerraformBlock) -> Bool {
        // The tables taken once: read from the expander for each reference, each was counted and let go again.
        Self.referencesDeclared(block, module: top.module, converted: early.byBase, declared: early.declared)
    }

    private static func referencesDeclared(
        _ block: TerraformBlock, module: String, converted: [String: TerraformConfiguration.Instances], declared: Set<String>
    ) -> Bool {
        // Through the buffers: an expression or a reference is looked at in place, not copied out of its array.
        let all = block.attributeList.withUnsafeBufferPointer { list in
            for index in list.indices {
                let found = list[index].expression.references.withUnsafeBufferPointer { references in
                    if TerraformExpression.mayHoldBareNames(references) { return false }
                    for index in references.indices where references[index].module == module {
                        guard let address = TerraformReview.declarable(references[index]) else { continue }
                        guard references[index].root != "local", references[index].key == nil, converted[address] != nil || declared.contains(address) else {
                            return false
                        }
                    }
                    return true
                }
                if !found { return false }
            }
            return true
        }
        return all && block.blocks.allSatisfy { referencesDeclared($0, module: module, converted: converted, declared: declared) }
    }

    /// What was read ahead so far, for the module definition of its files.
    func takeEarly() -> ReadAheadBlocks {
        defer { early = ReadAheadBlocks() }
        if early.resourcesDeclared.contains(where: { early.byBase[$0] != nil }) { early.duplicate = true }
        return early
    }

    func completed(_ file: HCL.SourceRange) {
        precomputed.completed(file)
        if let (display, _) = earlyContext { early.files[display] = early.start..<early.blocks.count }
        earlyContext = nil
    }

    /// Once the root module is expanded, what was read ahead is not looked up again.
    func forgetReadAhead() {
        // A large review's tables take several milliseconds to free: another core frees them.
        Release.onAnotherThread(precomputed.forget())
    }

    /// What `convert(_:scope:context:...)` makes of a root module block's body, before the module's
    /// values are known, from the block skimmed: where each expression is written, its references,
    /// the elements of tuples.
    private func convertAhead(
        _ block: SkimmedBlock, references: SkimmedReferences, context: ExpressionContext, reads: inout [String]
    ) -> (attributes: [TerraformAttribute], blocks: [TerraformBlock]) {
        var attributes: [TerraformAttribute] = []
        attributes.reserveCapacity(block.attributes.count)
        // Through the buffers: a skimmed attribute or block read out of its array is copied whole
        // (each of its names, lists and ranges counted, and let go again).
        block.attributes.withUnsafeBufferPointer { list in
            for index in list.indices {
                let expression = convertAhead(list[index].expression, references: references, context: context, reads: &reads).expression
                attributes.append(TerraformAttribute(name: list[index].name, expression: expression))
            }
        }
        var nested: [TerraformBlock] = []
        nested.reserveCapacity(block.blocks.count)
        block.blocks.withUnsafeBufferPointer { list in
            for index in list.indices {
                let (innerAttributes, innerBlocks) = convertAhead(list[index], references: references, context: context, reads: &reads)
                let start = list[index].range.start
                nested.append(
                    TerraformBlock(
                        kind: list[index].type, labels: list[index].labels, attributesInOrder: innerAttributes, blocks: innerBlocks,
                        position: SourcePosition(file: earlyContext!.file, line: start.line, column: start.column), module: "", key: nil))
            }
        }
        return (attributes, nested)
    }

    /// A skimmed expression converted, and its references. A tuple's are its elements' in order, each
    /// once; what each of its other expressions reads (`var.x` aside) is added to `reads`.
    private func convertAhead(
        _ expression: SkimmedExpression, references: SkimmedReferences, context: ExpressionContext, reads: inout [String]
    ) -> (expression: TerraformExpression, written: WrittenReferences) {
        let written: WrittenReferences
        var elements: [TerraformExpression]?
        if let items = expression.elements {
            var converted: [TerraformExpression] = []
            var parts: [WrittenReferences] = []
            converted.reserveCapacity(items.count)
            parts.reserveCapacity(items.count)
            items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    let (element, written) = convertAhead(items[index], references: references, context: context, reads: &reads)
                    converted.append(element)
                    parts.append(written)
                }
            }
            elements = converted
            written = WrittenReferences(concatenating: parts)
        } else {
            written = precomputed.references(of: expression.references, in: references)
            Self.note(written, in: &reads)
        }
        return (TerraformExpression(written: expression.range, context: context, references: written.references, elements: elements), written)
    }

    /// Adds to `reads` what an expression that writes `written` reads: its local values and module
    /// outputs (a variable is the caller's to pass).
    private static func note(_ written: WrittenReferences, in reads: inout [String]) {
        guard let all = written.reads else { return }
        for case let read? in all where !read.hasASCIIPrefix("var.") { reads.append(read) }
    }
}
