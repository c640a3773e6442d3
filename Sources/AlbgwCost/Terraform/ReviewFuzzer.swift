import Foundation
import HCL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Seeded mutation fuzzing of the whole review, shared by the test suite (a short run) and
/// `AlbgwCostFuzz` (long runs in batches, driven by Scripts/fuzz-review).
///
/// An input is a configuration tree (a root module, its local modules, variable files, links, an
/// installed-modules manifest) made from the test fixtures by one to four mutations: Terraform-level
/// ones (a duplicated block, a renamed reference, odd `count` and `for_each`, deeply nested values,
/// swapped module sources, `dynamic` blocks, deleted variables, control characters and very long
/// names, odd files) and the HCL fuzzer's byte-level ones. Input number `n` depends only on the seed,
/// `n` and the corpus, so a run can be split into batches and a failing input rebuilt on its own.
///
/// The property (`exercise`): `review DIR` and `review DIR --rps 50 --format json` return, with an
/// exit code in {0, 1, 64, 65, 66}, a stderr that is empty or one line without raw control
/// characters, and JSON that parses when the JSON run succeeds.
package struct ReviewFuzzer: Sendable {
    /// One entry of a configuration tree.
    package enum Entry: Sendable, Equatable {
        case file([UInt8])
        /// A symbolic link with this target, as written (relative to the link's directory).
        case link(String)
        /// An empty directory (with a name such as `dir.tf`).
        case directory
        /// A named pipe: reading it would never end.
        case fifo
    }

    /// A configuration: entries by path relative to the directory reviewed (`main.tf`, `modules/alb/main.tf`).
    package struct Tree: Sendable, Equatable {
        package var entries: [String: Entry]

        package init(_ entries: [String: Entry]) { self.entries = entries }

        /// Paths in a fixed order: a dictionary's order changes from process to process.
        package var paths: [String] { entries.keys.sorted() }

        var files: [String] {
            paths.filter { path in
                if case .file = entries[path] { return true }
                return false
            }
        }

        func text(_ path: String) -> String {
            guard case .file(let bytes)? = entries[path] else { return "" }
            return String(decoding: bytes, as: UTF8.self)
        }

        mutating func setText(_ path: String, _ text: String) { entries[path] = .file(Array(text.utf8)) }

        /// The bytes of every file.
        package var byteCount: Int {
            entries.values.reduce(0) { total, entry in
                if case .file(let bytes) = entry { return total + bytes.count }
                return total
            }
        }
    }

    /// A configuration and the extra arguments both runs get (`--var NAME=VALUE`, `--var-file FILE`;
    /// `{root}` stands for the directory reviewed).
    package struct Input: Sendable, Equatable {
        package var tree: Tree
        package var arguments: [String]

        package init(tree: Tree, arguments: [String] = []) {
            self.tree = tree
            self.arguments = arguments
        }
    }

    /// The configurations mutations start from.
    package let corpus: [Tree]
    package let seed: UInt64
    /// The reader's fuzzer, for byte-level mutations and splices of every corpus file.
    private let bytes: Fuzzer

    package init(seed: UInt64, corpus: [Tree]) {
        self.seed = seed
        self.corpus = corpus.isEmpty ? [Tree(["main.tf": .file([])])] : corpus
        let texts = self.corpus.flatMap { tree in tree.files.map { tree.text($0) } }
        bytes = Fuzzer(seed: seed, corpus: texts)
    }

    /// The test fixtures of the review and of the reader, each a tree of its own: the three single-file
    /// designs, the module fixture with its local module and variable file, the tutorial and the blog post.
    package static func corpus(repository: String) -> [Tree] {
        let terraform = (repository as NSString).appendingPathComponent("Tests/AlbgwCostTests/Fixtures/terraform")
        let seeds = (repository as NSString).appendingPathComponent("Tests/HCLTests/Fixtures")
        var trees: [Tree] = []
        for file in ["alb-lambda.tf", "good-private-api.tf", "private-custom-domain.tf"] {
            if let data = FileManager.default.contents(atPath: "\(terraform)/\(file)") { trees.append(Tree(["main.tf": .file([UInt8](data))])) }
        }
        if let tree = readTree("\(terraform)/modules/alb-module") { trees.append(tree) }
        for name in ["tutorial", "blog"] {
            if let data = FileManager.default.contents(atPath: "\(seeds)/\(name)/main.tf") { trees.append(Tree(["main.tf": .file([UInt8](data))])) }
        }
        return trees
    }

    /// Every regular file under `directory` (a regression fixture or a corpus tree); links are kept as links.
    package static func readTree(_ directory: String) -> Tree? {
        guard let paths = FileManager.default.subpaths(atPath: directory), !paths.isEmpty else { return nil }
        var entries: [String: Entry] = [:]
        for path in paths.sorted() {
            let full = (directory as NSString).appendingPathComponent(path)
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
                entries[path] = .link(target)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if (try? FileManager.default.contentsOfDirectory(atPath: full))?.isEmpty ?? false { entries[path] = .directory }
                continue
            }
            if let data = FileManager.default.contents(atPath: full) { entries[path] = .file([UInt8](data)) }
        }
        return Tree(entries)
    }

    /// The largest input made: a mutation that would pass it is undone. Mutations compound (a value
    /// repeated 10,000 times, then a name in it lengthened by 100,000 characters everywhere made a
    /// 2 GB file that took 80 s to write and review); 8 MB is near the largest Terraform seen.
    package static let maximumInputBytes = 8 << 20

    /// Input number `iteration`: a corpus tree with one to four mutations applied.
    package func input(_ iteration: Int) -> Input {
        var random = SplitMix64(seed: seed ^ 0x5EED_F022_4E71_E300, stream: UInt64(truncatingIfNeeded: iteration))
        var input = Input(tree: corpus[random.below(corpus.count)])
        for _ in 0...random.below(4) {
            let before = input
            mutate(&input, &random)
            // The random numbers are drawn all the same, so that every other input stays as it was.
            if input.tree.byteCount > Self.maximumInputBytes { input = before }
        }
        return input
    }

    // MARK: - Writing and running

    /// Writes `input` under `base` and returns the directory to review, `base/w/x/y/root`, deep
    /// enough that the `..` of module sources and links stays inside `base`. Extra arguments have
    /// `{root}` replaced by that directory.
    package static func write(_ input: Input, into base: String) throws -> (root: String, arguments: [String]) {
        let root = (base as NSString).appendingPathComponent("w/x/y/root")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try writeTree(input.tree, into: root)
        return (root, input.arguments.map { $0.replacingOccurrences(of: "{root}", with: root) })
    }

    /// Saves `input` as a regression fixture or a failure: the tree in `directory/root`, the extra
    /// arguments (if any) as a JSON array in `directory/arguments.json`.
    package static func save(_ input: Input, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try writeTree(input.tree, into: (directory as NSString).appendingPathComponent("root"))
        if !input.arguments.isEmpty {
            try JSONSerialization.data(withJSONObject: input.arguments, options: [.sortedKeys]).write(
                to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("arguments.json")))
        }
    }

    private static func writeTree(_ tree: Tree, into root: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        for path in tree.paths {
            let full = (root as NSString).appendingPathComponent(path)
            try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            switch tree.entries[path]! {
            case .file(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: full))
            // A path already taken by a directory (a link named like one) is skipped, as a user cannot have both.
            case .link(let target): try? manager.createSymbolicLink(atPath: full, withDestinationPath: target)
            case .directory: try? manager.createDirectory(atPath: full, withIntermediateDirectories: true)
            case .fifo: _ = mkfifo(full, 0o600)
            }
        }
    }

    /// An input saved by `save(_:into:)`.
    package static func savedInput(_ directory: String) -> Input? {
        guard let tree = readTree((directory as NSString).appendingPathComponent("root")) else { return nil }
        let argumentsFile = (directory as NSString).appendingPathComponent("arguments.json")
        let arguments = FileManager.default.contents(atPath: argumentsFile).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String] } ?? []
        return Input(tree: tree, arguments: arguments)
    }

    /// What reviewing one input did.
    package enum Outcome: Sendable, Equatable {
        /// Both runs kept the property; the plain review's exit code.
        case passed(exitCode: Int32)
        /// The property was broken (a crash is not caught here: it ends the process).
        case violation(String)
    }

    /// Writes `input` to a new temporary directory, reviews it twice through `CLI.run` and checks the
    /// property; a run slower than `timeLimit` is a violation too (a hang, as near as one process can tell).
    package static func exercise(_ input: Input, timeLimit: Duration = .seconds(30)) -> Outcome {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("albgw-review-fuzz-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let root: String
        let extra: [String]
        do {
            (root, extra) = try write(input, into: base)
        } catch {
            return .violation("cannot write the input: \(error)")
        }
        var first: Int32 = 0
        for (index, arguments) in [["review", root] + extra, ["review", root, "--rps", "50", "--format", "json"] + extra].enumerated() {
            var result = CLI.Result(exitCode: 0, stdout: "", stderr: "")
            let elapsed = ContinuousClock().measure { result = CLI.run(arguments) }
            if elapsed > timeLimit { return .violation("review \(index == 0 ? "" : "--rps 50 --format json ")took \(elapsed)") }
            if let problem = check(result.replacing(root), json: index == 1) {
                return .violation("review\(index == 0 ? "" : " --rps 50 --format json"): \(problem)")
            }
            if index == 0 { first = result.exitCode }
        }
        return .passed(exitCode: first)
    }

    /// The property of one run, or what broke it.
    package static func check(_ result: CLI.Result, json: Bool) -> String? {
        let stderr = result.stderr
        guard [0, 1, 64, 65, 66].contains(result.exitCode) else {
            return "exit code \(result.exitCode): \(HCLError.excerpt(stderr, limit: 300))"
        }
        if result.exitCode != 0 && stderr.isEmpty { return "exit code \(result.exitCode) without a message" }
        if !stderr.isEmpty {
            let line = stderr.dropLast()
            guard stderr.hasSuffix("\n"), !line.unicodeScalars.contains(where: isControl) else {
                return "stderr is not one line: \(HCLError.excerpt(stderr, limit: 300))"
            }
            let length = line.unicodeScalars.count
            if length > messageLimit { return "stderr is \(length) characters long: \(HCLError.excerpt(line, limit: 300))" }
        }
        if json && result.exitCode == 0 {
            guard (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil else {
                return "stdout is not JSON: \(HCLError.excerpt(result.stdout, limit: 300))"
            }
        }
        return nil
    }

    /// The longest error line accepted: a message names a few paths and values, each cut short.
    package static let messageLimit = 2_000

    /// What must not appear raw on a line: C0, DEL, C1, line and paragraph separators, bidirectional controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    // MARK: - Mutations

    private func mutate(_ input: inout Input, _ random: inout SplitMix64) {
        switch random.below(16) {
        case 0, 1, 2: mutateBytes(&input.tree, &random)
        case 3: duplicateBlock(&input.tree, &random)
        case 4: renameReference(&input.tree, &random)
        case 5: setCountOrForEach(&input.tree, &random)
        case 6: nestValue(&input.tree, &random)
        case 7: swapModuleSource(&input.tree, &random)
        case 8: insertDynamic(&input.tree, &random)
        case 9: deleteVariable(&input.tree, &random)
        case 10: insertOddCharacters(&input.tree, &random)
        case 11: lengthenName(&input.tree, &random)
        case 12: replaceValue(&input.tree, &random)
        case 13: changeFiles(&input, &random)
        case 14: addJSONFile(&input.tree, &random)
        default: addArguments(&input, &random)
        }
    }

    /// A file to mutate: a configuration or variable file when there is one.
    private func pickFile(_ tree: Tree, _ random: inout SplitMix64) -> String? {
        let files = tree.files
        let terraform = files.filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") || $0.hasSuffix(".tfvars") }
        let pool = terraform.isEmpty || random.below(8) == 0 ? files : terraform
        return pool.isEmpty ? nil : pool[random.below(pool.count)]
    }

    private func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T? { items.isEmpty ? nil : items[random.below(items.count)] }

    private func mutateBytes(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random), case .file(var data)? = tree.entries[path] else { return }
        for _ in 0...random.below(2) { bytes.mutate(&data, &random) }
        tree.entries[path] = .file(data)
    }

    /// The top-level blocks of a file as line ranges: a line that starts a block at column 0 and ends
    /// in `{`, to the next line that is `}` at column 0 (the layout of the fixtures and of `terraform fmt`).
    private static func topLevelBlocks(_ lines: [Substring]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        var start: Int?
        for (index, line) in lines.enumerated() {
            if start == nil, let first = line.first, first.isLetter, line.trimmingCharacters(in: .whitespaces).hasSuffix("{") {
                start = index
            } else if let begun = start, line.hasPrefix("}") {
                result.append(begun...index)
                start = nil
            }
        }
        return result
    }

    private static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// A block copied: into the same file or another, its labels kept (a duplicate Terraform rejects) or renamed.
    private func duplicateBlock(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        let lines = Self.lines(tree.text(path))
        guard let range = pick(Self.topLevelBlocks(lines), &random) else { return }
        var copy = lines[range].map(String.init)
        if random.below(2) == 0, let quote = copy[0].lastIndex(of: "\"") {
            copy[0].insert(contentsOf: pick(["_copy", "2", "-", "", "\\u001b"], &random)!, at: quote)
        }
        let target = random.below(3) == 0 ? pick(tree.files.filter { $0.hasSuffix(".tf") }, &random) ?? path : path
        tree.setText(target, tree.text(target) + "\n" + copy.joined(separator: "\n") + "\n")
    }

    private static let referencePattern = try? NSRegularExpression(pattern: #"\b(aws_[a-z0-9_]+|var|local|module|data\.[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)"#)

    /// One reference made to point elsewhere: a name that does not exist, an empty one, a built-in.
    private func renameReference(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random), let pattern = Self.referencePattern else { return }
        let text = tree.text(path)
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard let match = pick(matches, &random) else { return }
        let part = random.below(4) == 0 ? 1 : 2
        guard let range = Range(match.range(at: part), in: text) else { return }
        let original = String(text[range])
        let replacements =
            part == 1
            ? ["aws_alb", "aws_lbx", "var", "local", "module", "data.aws_lb", "each", "count", "self", "path", "terraform", "provider", "resource"]
            : [original + "x", "missing", "_", "count", "each", "0", "é", original.uppercased(), original + "-" + original, String(repeating: "n", count: 300)]
        tree.setText(path, text.replacingCharacters(in: range, with: pick(replacements, &random)!))
    }

    private static let countValues = [
        "0", "-1", "1e9", "\"x\"", "\"3\"", "1.5", "null", "true", "[]", "{}", "1e999", "-0", "9999", "10000", "10001", "100000000000000000000",
        "range(100000)", "length(range(5000))", "timestamp()", "aws_vpc.missing.id", "var.undeclared", "local.nowhere", "count.index", "each.value",
        "var.create ? 1 : 0", "length(var.subnets)", "3", "2",
    ]

    private static let forEachValues = [
        "{}", "[]", "toset([])", "toset([\"a\", \"a\", \"b\"])", "[\"a\", \"b\"]", "[1, 2]", "{ a = 1, b = 2 }", "\"x\"", "0", "-1", "1e9", "null",
        "range(100000)", "toset([for i in range(20000) : tostring(i)])", "{ for i in range(10001) : tostring(i) => i }", "var.undeclared",
        "aws_subnet.a[*].id", "timestamp()", "[\"\\u001b[31m\", \"\\n\"]", "{ \"\" = 1 }", "[null]", "[[\"a\"]]", "toset(range(3))",
        "{ for k in [\"a\", \"b\"] : k => { port = 443, protocol = \"HTTPS\" } }", "var.listeners", "var.target_groups", "local.nowhere",
    ]

    /// `count` or `for_each` set to an odd value on a resource, a data source or a module call.
    private func setCountOrForEach(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        var lines = Self.lines(tree.text(path)).map(String.init)
        let headers = lines.indices.filter { lines[$0].hasPrefix("resource ") || lines[$0].hasPrefix("data ") || lines[$0].hasPrefix("module ") }
        guard let header = pick(headers, &random) else { return }
        let useCount = random.below(2) == 0
        let value = pick(useCount ? Self.countValues : Self.forEachValues, &random)!
        let line = "  \(useCount ? "count" : "for_each") = \(value)"
        // Replace what the block says already, or add it (a block with both is an error Terraform names).
        if random.below(3) != 0, let existing = lines[header...].prefix(40).firstIndex(where: { $0.hasPrefix("  count ") || $0.hasPrefix("  for_each ") }) {
            lines[existing] = line
        } else {
            lines.insert(line, at: header + 1)
        }
        tree.setText(path, lines.joined(separator: "\n"))
    }

    private static let attributePattern = try? NSRegularExpression(pattern: #"^(\s*[A-Za-z_][A-Za-z0-9_-]*\s*=\s*)(.*[^\s{\[(,])\s*$"#, options: [.anchorsMatchLines])

    /// The value lines of a file: `name = value` on one line, as (range of the whole line, range of the value).
    private static func valueLines(_ text: String) -> [Range<String.Index>] {
        guard let pattern = attributePattern else { return [] }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            let value = Range(match.range(at: 2), in: text)
            guard let value, !text[value].contains("<<") else { return nil }
            return value
        }
    }

    private static let wrappers = [
        "[%]", "(%)", "{ a = % }", "merge(%, {})", "try(%, null)", "\"${%}\"", "true ? % : 0", "[for x in [1] : %]", "-%", "!%", "lookup({ a = % }, \"a\")",
        "concat([%], [])", "coalesce(%, 1)", "tolist([%])", "{ for k in [\"a\"] : k => % }", "element([%], 0)", "one([%])", "jsonencode(%)", "%[0]",
    ]

    /// A value replaced by a deeply nested expression around it (or around a long operator chain).
    private func nestValue(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        let text = tree.text(path)
        guard let range = pick(Self.valueLines(text), &random) else { return }
        var value = String(text[range])
        if random.below(4) == 0 {
            let link = pick([" + 1", " * 2", " || true", " && false", " == 1", "[0]", ".a", "[*].b", " - var.x"], &random)!
            value = "(" + value + ")" + String(repeating: link, count: pick([10, 257, 1_000, 10_000], &random)!)
        } else {
            let wrapper = pick(Self.wrappers, &random)!.split(separator: "%", omittingEmptySubsequences: false)
            let depth = pick([4, 30, 100, 255, 256, 300, 1_000, 5_000], &random)!
            value = String(repeating: String(wrapper[0]), count: depth) + value + String(repeating: String(wrapper[1]), count: depth)
        }
        tree.setText(path, text.replacingCharacters(in: range, with: value))
    }

    private static let moduleSources = [
        "./", "../", ".", "./.", "..", "./main.tf", "./modules/alb/main.tf", "./modules/alb", "./modules/alb/", "./modules/alb/../alb", "./modules",
        "./nonexistent", "../../", "../../../", "./modules/alb/modules/alb", "terraform-aws-modules/alb/aws", "git::https://example.com/x.git", "",
        "/nonexistent-albgw-fuzz", "./\u{1B}[31m", "./\\u001b", "./modules//alb", "../root", "../root/modules/alb", "./terraform.tfvars", "./dir.tf",
        "./link", "./" + String(repeating: "a", count: 5_000), "${path.module}/modules/alb", "registry.terraform.io/x/y/aws",
    ]

    /// A module call's source swapped for another path: itself, its parent, a file, nothing, a registry.
    private func swapModuleSource(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        let text = tree.text(path)
        let source = pick(Self.moduleSources, &random)!.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\u{1B}", with: "\\u001b")
        if let pattern = try? NSRegularExpression(pattern: #"(?m)^\s*source\s*=\s*("[^"\n]*")"#),
            let match = pick(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)), &random), random.below(4) != 0,
            let range = Range(match.range(at: 1), in: text)
        {
            tree.setText(path, text.replacingCharacters(in: range, with: "\"\(source)\""))
        } else {
            // A new call, with an argument no module declares half the time.
            let argument = random.below(2) == 0 ? "\n  name = \"x\"" : ""
            tree.setText(path, text + "\nmodule \"fuzz\" {\n  source = \"\(source)\"\(argument)\n}\n")
        }
    }

    private static let dynamicBlocks = [
        "dynamic \"ingress\" {\n    for_each = %\n    content {\n      from_port = ingress.value\n      to_port = 443\n      cidr_blocks = [\"0.0.0.0/0\"]\n    }\n  }",
        "dynamic \"health_check\" {\n    for_each = %\n    iterator = hc\n    content {\n      matcher = hc.value\n      port = hc.key\n    }\n  }",
        "dynamic \"default_action\" {\n    for_each = %\n    content {\n      type = \"forward\"\n      target_group_arn = aws_lb_target_group.missing[default_action.key].arn\n    }\n  }",
        "dynamic \"endpoint_configuration\" {\n    for_each = %\n    content {\n      types = [endpoint_configuration.value]\n    }\n  }",
        "dynamic \"outer\" {\n    for_each = %\n    content {\n      dynamic \"inner\" {\n        for_each = outer.value\n        content { v = inner.value }\n      }\n    }\n  }",
        "dynamic \"no_content\" {\n    for_each = %\n  }",
        "dynamic {\n    for_each = %\n    content {}\n  }",
        "dynamic \"a\" \"b\" {\n    for_each = %\n    content { x = a.value }\n  }",
        "dynamic \"dynamic\" {\n    for_each = %\n    iterator = each\n    content { x = each.value }\n  }",
        "dynamic \"subnet_mapping\" {\n    for_each = %\n    content { subnet_id = subnet_mapping.value }\n  }",
    ]

    private func insertDynamic(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        var lines = Self.lines(tree.text(path)).map(String.init)
        let blocks = Self.topLevelBlocks(lines.map { Substring($0) })
        guard let block = pick(blocks, &random) else { return }
        let values = Self.forEachValues + ["[\"200-499\", \"403\", \"500-200\"]", "[\"PRIVATE\"]", "{ \"443\" = \"HTTPS\" }", "range(3)", "[[1, 2], [3]]"]
        let text = pick(Self.dynamicBlocks, &random)!.replacingOccurrences(of: "%", with: pick(values, &random)!)
        lines.insert("  " + text, at: block.upperBound)
        tree.setText(path, lines.joined(separator: "\n"))
    }

    /// A variable block deleted (its references stay), or its default, or one local value.
    private func deleteVariable(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        var lines = Self.lines(tree.text(path)).map(String.init)
        let blocks = Self.topLevelBlocks(lines.map { Substring($0) })
        switch random.below(3) {
        case 0:
            guard let block = pick(blocks.filter { lines[$0.lowerBound].hasPrefix("variable ") }, &random) else { return }
            lines.removeSubrange(block)
        case 1:
            guard let line = pick(lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("default") }, &random) else { return }
            lines.remove(at: line)
        default:
            guard let block = pick(blocks.filter { lines[$0.lowerBound].hasPrefix("locals") }, &random), block.count > 2 else { return }
            lines.remove(at: block.lowerBound + 1 + random.below(block.count - 2))
        }
        tree.setText(path, lines.joined(separator: "\n"))
    }

    /// Inside strings (labels half the time): raw controls, escapes HCL decodes into them, separators,
    /// bidirectional overrides, combining marks, astral characters.
    private static let oddStrings = [
        "\u{1B}[31m", "\u{1B}]0;title\u{07}", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{200F}", "\u{FEFF}", "é", "e\u{301}", "🙂",
        "\u{10FFFF}", String(repeating: "\u{301}", count: 2_000), "\\u001b[2J", "\\n", "\\r", "\\t", "\\u0000", "\\u202e", "\\u2028", "\\\\", "\\\"",
        "${\"\\n\"}", "$${x}", "%%{x}", "\r", "\t", "\u{C}", "\u{B}",
    ]

    private func insertOddCharacters(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        var lines = Self.lines(tree.text(path)).map(String.init)
        let quoted = lines.indices.filter { lines[$0].contains("\"") }
        let headers = quoted.filter { lines[$0].first?.isLetter == true }
        guard let index = pick(random.below(2) == 0 && !headers.isEmpty ? headers : quoted, &random),
            let quote = lines[index].firstIndex(of: "\"")
        else { return }
        lines[index].insert(contentsOf: pick(Self.oddStrings, &random)!, at: lines[index].index(after: quote))
        tree.setText(path, lines.joined(separator: "\n"))
    }

    /// A name used in the configuration (a label, an attribute, a variable) replaced everywhere by a very long one.
    private func lengthenName(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random), let pattern = try? NSRegularExpression(pattern: #"[A-Za-z_][A-Za-z0-9_]{2,}"#) else { return }
        let text = tree.text(path)
        guard let match = pick(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)), &random), let range = Range(match.range, in: text) else {
            return
        }
        let name = String(text[range])
        let long = name + String(repeating: pick(["a", "_", "é", "-", "0"], &random)!, count: pick([255, 256, 4_096, 100_000], &random)!)
        let everywhere = random.below(2) == 0
        // Not made when it would pass the size limit (`input(_:)` would undo it): counted before it is built.
        let growth = long.utf8.count - name.utf8.count
        let occurrences = everywhere ? tree.files.reduce(0) { $0 + tree.text($1).components(separatedBy: name).count - 1 } : 1
        guard tree.byteCount + occurrences * growth <= Self.maximumInputBytes else { return }
        for file in everywhere ? tree.files : [path] {
            tree.setText(file, file == path && !everywhere ? text.replacingCharacters(in: range, with: long) : tree.text(file).replacingOccurrences(of: name, with: long))
        }
    }

    /// Values the review reads and computes with: ranges, CIDRs, ports, policies, runtimes, references.
    private static let oddValues = [
        "\"\"", "\"/\"", "\"500-200\"", "\"200-\"", "\"-\"", "\"403-403\"", "\"0-99999999999999999999\"", "\"200,,403\"", "null", "-1", "0", "1e999",
        "\"1e999\"", "99999999999999999999999", "[]", "{}", "[\"\"]", "[null]", "\"${timestamp()}\"", "\"\\u0000\"", "\"\\u001b[2J\"", "\"a\\nb\"",
        "\"\\u202e\"", "true", "\"true\"", "\"HTTPS\"", "\"ELBSecurityPolicy-2016-08\"", "\"com.amazonaws.us-east-1.execute-api\"",
        "\"com.amazonaws..execute-api\"", "\"......\"", "\"lambda\"", "\"ip\"", "\"PRIVATE\"", "[\"PRIVATE\"]", "\"Interface\"", "\"CNAME\"", "\"python3.6\"",
        "\"arm64\"", "[\"arm64\", \"x86_64\"]", "\"10.0.0.0/8\"", "\"0.0.0.0/0\"", "\"256.256.256.256/99\"", "\"1.2.3\"", "\"4294967296\"",
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "0.0000001", "\"-1\"", "1.5", "file(\"/dev/zero\")",
        "jsonencode({ Statement = [{ Effect = \"Deny\", Condition = { StringNotEquals = { \"aws:SourceVpce\" = \"vpc-123\" } } }] })",
        "\"{\\\"Effect\\\": \\\"Allow\\\", \\\"aws:SourceVpce\\\": \\\"vpce-1\\\"}\"", "provider::aws::arn_parse(\"x\")", "self", "each", "count", "var",
        "module", "data", "path.module", "terraform.workspace", "local", "aws_lb.this[*]", "aws_lb.this[\"\\u001b\"]", "aws_lb.this[-1]", "aws_lb.this[1e9]",
        "aws_subnet.a[count.index]", "aws_vpc_endpoint.missing.id", "data.aws_network_interface.missing.private_ip", "module.alb", "module.alb.arn",
        "module.missing.x", "var.region", "[for s in aws_subnet.a : s.id]", "aws_subnet.a[*].id", "tolist(aws_vpc_endpoint.x.network_interface_ids)[0]",
        "range(10000)", "[\"subnet-1\", \"subnet-1\"]", "{ types = [\"PRIVATE\"] }", "\"x\" == \"x\" ? 1 : \"a\"", "upper(1)", "format(\"%d\", \"x\")",
    ]

    private func replaceValue(_ tree: inout Tree, _ random: inout SplitMix64) {
        guard let path = pickFile(tree, &random) else { return }
        let text = tree.text(path)
        guard let range = pick(Self.valueLines(text), &random) else { return }
        tree.setText(path, text.replacingCharacters(in: range, with: pick(Self.oddValues, &random)!))
    }

    private static let fileNames = [
        "override.tf", "main_override.tf", "extra.tf", "terraform.tfvars", "a.auto.tfvars", "z.auto.tfvars.json", "terraform.tfvars.json", "main.tf.json",
        ".hidden.tf", "x.tfvars", "modules/alb/extra.tf", "modules/alb/override.tf", "modules/other/main.tf", "empty.tf", "\u{1B}.tf", "é.tf",
        String(repeating: "n", count: 200) + ".tf",
    ]

    private static let links: [(String, String)] = [
        ("loop.tf", "loop.tf"), ("a.tf", "b.tf"), ("dangling.tf", "nowhere.tf"), ("linked.tf", "main.tf"), ("modules/self", "."), ("modules/up", ".."),
        ("modules/link", "alb"), ("dir.tf", "modules"), ("modules/alb/loop.tf", "../alb/loop.tf"), ("link", "modules/alb"),
    ]

    /// Files added, removed, renamed, linked: override and variable files, links (loops, dangling,
    /// to directories), a pipe, a directory named like a file, an installed-modules manifest, a second tree.
    private func changeFiles(_ input: inout Input, _ random: inout SplitMix64) {
        var tree = input.tree
        switch random.below(9) {
        case 0:
            guard let path = pick(tree.paths, &random) else { return }
            tree.entries[path] = nil
        case 1:
            guard let path = pickFile(tree, &random), let entry = tree.entries[path] else { return }
            let name = pick(Self.fileNames, &random)!
            tree.entries[name] = entry
            if random.below(2) == 0 { tree.entries[path] = nil }
        case 2:
            let (link, target) = pick(Self.links, &random)!
            tree.entries[link] = .link(target)
            if link == "a.tf" { tree.entries["b.tf"] = .link("a.tf") }
        case 3:
            tree.entries[pick(["pipe.tf", "terraform.tfvars", "modules/alb/pipe.tf", "x.auto.tfvars"], &random)!] = .fifo
        case 4:
            tree.entries[pick(["dir.tf", "dir.tf.json", "terraform.tfvars", "modules/alb/dir.tf", "z.auto.tfvars"], &random)!] = .directory
        case 5:
            // What terraform init writes, with odd directories: the root itself, a file, outside, nothing.
            let dir = pick(["", ".", "..", "modules/alb", "modules/alb/", "main.tf", "/nonexistent-albgw-fuzz", "modules/alb/../..", "\u{0}", "../../../.."], &random)!
            let key = pick(["alb", "remote", "alb.inner", "", "fuzz"], &random)!
            let manifest =
                "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},{\"Key\":\"\(key)\",\"Source\":\"registry.terraform.io/x/alb/aws\",\"Dir\":\"\(dir.replacingOccurrences(of: "\u{0}", with: "\\u0000"))\"}]}"
            tree.setText(".terraform/modules/modules.json", random.below(4) == 0 ? String(manifest.dropLast(random.below(manifest.count))) : manifest)
            if random.below(2) == 0 {
                tree.setText("remote.tf", "module \"\(key)\" {\n  source  = \"terraform-aws-modules/alb/aws\"\n  version = \"~> 9.0\"\n  name = \"x\"\n}\n")
            }
        case 6:
            let values = [
                "region = \"us-\\nwest-2\"", "region = \"\\u001b[31m\"", "memory = \"x\"", "memory = 1e999", "memory = -1", "region = var.x", "block {}",
                "region = [\"a\"]", "undeclared = 1", "\u{1B} = 1", "region = \"" + String(repeating: "r", count: 5_000) + "\"", "memory = 512\nmemory = 1024",
                "tls_policy = null", "create = false", "name = \"é\u{202E}\"",
            ]
            let name = pick(["terraform.tfvars", "a.auto.tfvars", "b.auto.tfvars.json"], &random)!
            let value = pick(values, &random)!
            tree.setText(name, name.hasSuffix(".json") ? "{\"region\": \"\\u001b\", \"memory\": [1, {\"a\": null}], \"x\": 1e999}\n" : value + "\n")
        case 7:
            // A second configuration as a local module, called from the first.
            guard let other = pick(corpus, &random) else { return }
            for (path, entry) in other.entries { tree.entries["modules/other/" + path] = entry }
            let main = tree.files.first { $0.hasSuffix(".tf") && !$0.contains("/") } ?? "main.tf"
            tree.setText(main, tree.text(main) + "\nmodule \"other\" {\n  source = \"./modules/other\"\n}\n")
        default:
            guard let path = pickFile(tree, &random) else { return }
            tree.entries[path] = .file(random.below(2) == 0 ? [] : [0xEF, 0xBB, 0xBF] + Array(tree.text(path).utf8))
        }
        input.tree = tree
    }

    private static let jsonFiles = [
        #"{"resource": {"aws_lb": {"api": {"internal": true, "subnets": ["subnet-a", "subnet-b"]}}, "aws_lb_target_group": {"fn": {"target_type": "lambda"}}, "aws_lb_target_group_attachment": {"fn": {"target_group_arn": "${aws_lb_target_group.fn.arn}", "target_id": "${aws_lambda_function.app.arn}"}}, "aws_lambda_function": {"app": {"memory_size": 256, "runtime": "python3.8"}}}}"#,
        #"{"resource": []}"#, #"{"resource": {"aws_lb": {"x": [{"internal": true}, {}]}}}"#, #"{"variable": {"v": {"default": {"a": [1, {"b": null}]}}}}"#,
        #"{"module": {"m": {"source": "./"}}}"#, #"{"module": {"m": {"source": "./modules/alb", "name": "j", "count": -1}}}"#,
        #"{"locals": [{"a": "${local.a}"}, {"b": 1}]}"#, #"{"//": "comment", "output": {"o": {"value": "${aws_lb.x.arn}"}}}"#,
        #"{"resource": {"aws_lb": {"\u001b[31m": {}}}}"#, #"{"provider": {"aws": [{"region": "us-east-1"}, {"alias": "b", "region": "\n"}]}}"#,
        #"{"resource": {"aws_security_group": {"g": {"dynamic": {"ingress": {"for_each": [1, 2], "content": {"from_port": "${ingress.value}"}}}}}}}"#,
        #"{"data": {"aws_iam_policy_document": {"p": {"statement": [{"effect": "Deny", "condition": {"test": "StringNotEquals", "variable": "aws:SourceVpce", "values": ["x"]}}]}}}}"#,
        #"{"resource": {"aws_vpc": {"v": {"cidr_block": "", "count": 1e9}}}}"#, #"{"terraform": {"required_version": ">= 1.0"}, "x": 1}"#, #"[]"#, #"{"a": "\ud800"}"#,
        "{\"resource\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}",
    ]

    private func addJSONFile(_ tree: inout Tree, _ random: inout SplitMix64) {
        var data = Array(pick(Self.jsonFiles, &random)!.utf8)
        if random.below(3) == 0 { bytes.mutate(&data, &random) }
        tree.entries[pick(["extra.tf.json", "main.tf.json", "modules/alb/extra.tf.json", "override.tf.json"], &random)!] = .file(data)
    }

    /// `--var` and `--var-file` given to both runs, with odd names and values.
    private func addArguments(_ input: inout Input, _ random: inout SplitMix64) {
        let choices: [[String]] = [
            ["--var", "region=us-\nwest-2"], ["--var", "region="], ["--var", "=x"], ["--var", "memory=["], ["--var", "memory=1e999"], ["--var", "x=y"],
            ["--var", "region=\u{1B}[31m"], ["--var", "memory=-1"], ["--var", "subnets=[\"a\", \"b\"]"], ["--var", "create=maybe"],
            ["--var", "\u{202E}=1"], ["--var", String(repeating: "v", count: 10_000) + "=1"], ["--var-file", "{root}/terraform.tfvars"],
            ["--var-file", "{root}/main.tf"], ["--var-file", "{root}/nonexistent.tfvars"], ["--var-file", "{root}"], ["--var-file", "{root}/pipe.tf"],
            ["--var-file", "{root}/loop.tf"], ["--var", "region=us-west-2"], ["--var", "tls_policy=ELBSecurityPolicy-2016-08"],
        ]
        input.arguments += pick(choices, &random)!
    }
}

extension CLI.Result {
    /// The result with the temporary directory's path replaced, so that messages compare and show alike.
    fileprivate func replacing(_ root: String) -> CLI.Result {
        CLI.Result(exitCode: exitCode, stdout: stdout, stderr: stderr.replacingOccurrences(of: root, with: "ROOT"))
    }
}
