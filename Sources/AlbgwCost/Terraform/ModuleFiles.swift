import Foundation
import HCL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file of a module: its name as findings show it (relative to the path reviewed), its syntax
/// tree, and for `*.tf.json` the map from the lines of the native syntax it was turned into back
/// to the JSON's own lines. A class: every block converted from the file points at it.
final class SourceFile: @unchecked Sendable {
    let display: String
    let jsonLines: [Int: Int]?
    // Read under `lock`: `releaseText()` may run on another thread than the one that asks.
    private var parsed: HCLFile
    private let lock = NSLock()

    init(display: String, syntax: HCLFile, jsonLines: [Int: Int]?) {
        self.display = display
        self.parsed = syntax
        self.jsonLines = jsonLines
    }

    /// The file's syntax tree and text.
    var syntax: HCLFile { lock.withLock { parsed } }

    /// `body` of the text's bytes `start..<end`; nil when they are not in it (its text freed).
    func withText<T>(from start: Int, to end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        var text = lock.withLock { parsed.source }
        return text.withUTF8 { bytes in
            guard start >= 0, start <= end, end <= bytes.count else { return nil }
            return body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// Frees the file's text once nothing will show an expression as written (the review is done):
    /// it is the largest single block a review holds, and handed back to the system at once, where
    /// the tree's many small ones would stay in the heap. Expressions then read as empty text.
    func releaseText() { lock.withLock { parsed.source = "" } }

    /// Override files (`override.tf`, `*_override.tf` and their `.tf.json`) are merged into the blocks
    /// they name, as Terraform does, instead of declaring them again.
    var isOverride: Bool { ModuleFiles.isOverride((display as NSString).lastPathComponent) }

    func position(_ position: HCL.SourcePosition) -> SourcePosition {
        self.position(SourcePoint(line: position.line, column: position.column, offset: 0))
    }

    /// Whether `range` is in this file (an override file's attributes sit in blocks of other files).
    func holds(_ range: HCL.SourceRange) -> Bool { range.isInSameFile(as: syntax.body.range) }

    /// Where `point` of this file stands as findings show it.
    func position(_ point: SourcePoint) -> SourcePosition {
        SourcePosition(file: display, line: jsonLines.map { $0[point.line] ?? point.line } ?? point.line, column: jsonLines == nil ? point.column : 1)
    }

    /// Where `position` stands as findings show it: in `file`'s terms when the file is known, else as parsed.
    static func position(_ position: HCL.SourcePosition, in file: SourceFile?) -> SourcePosition {
        file?.position(position) ?? SourcePosition(file: position.file, line: position.line, column: position.column)
    }
}

/// What is done with a module's `.tf` files while they parse (`HCLParser.parse(_:path:skimming:keeping:)`): each
/// file is begun, its top-level items are added as the parser reads them, and it is completed. The
/// file keeps what `add` returns: the item, or less of it.
protocol ReadAhead: AnyObject {
    /// `bytes`: the file's size, for what is kept of its blocks to be sized once.
    func begin(file display: String, bytes: Int)
    /// The top-level blocks handed to `add` skimmed, without trees (`SkimRule`).
    var skimRule: SkimRule? { get }
    func add(_ item: TopLevelItem) -> BodyItem?
    func completed(_ file: HCL.SourceRange)
}

/// Reads the files of a module directory as Terraform does: every `.tf` and `.tf.json` file of the
/// directory, sorted by name, not recursive, without hidden files and editors' backups and locks
/// (`.main.tf`, `.#main.tf`, `main.tf~`, `#main.tf#`) or directories. Symbolic links are followed
/// (module test fixtures use them); a link loop or a dangling link is refused with its name. Only
/// regular files are read.
enum ModuleFiles {
    /// Override files (`override.tf`, `*_override.tf` and their `.tf.json`), by name.
    static func isOverride(_ name: String) -> Bool {
        ["override.tf", "override.tf.json"].contains(name) || name.hasSuffix("_override.tf") || name.hasSuffix("_override.tf.json")
    }

    /// Terraform's rule (`IsIgnoredFile` in its configuration loader): names of hidden files, of vim's
    /// backups and of emacs's autosaves and locks are not configuration.
    static func isIgnored(_ name: String) -> Bool { name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#")) }

    /// `display` is the directory as findings show it (`""` for the path reviewed, `modules/alb/`).
    /// `ahead`, when given, sees each file's top-level blocks while the rest of the file parses.
    static func read(directory: String, display: String, ahead: ReadAhead? = nil) throws -> [SourceFile] {
        let wanted = try names(in: directory)
        // An override file changes blocks of other files: read ahead, they would be taken as written.
        let ahead = wanted.contains(where: isOverride) ? nil : ahead
        return try wanted.map { name in try read(file: (directory as NSString).appendingPathComponent(name), display: display + name, ahead: ahead) }
    }

    /// The names of a module's files in `directory`, sorted: `.tf` and `.tf.json`, neither ignored
    /// nor directories.
    static func names(in directory: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TerraformLoader.LoadError.unreadable(directory, reason: "cannot list the directory")
        }
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let path = (directory as NSString).appendingPathComponent(name)
            return (name.hasSuffix(".tf") || name.hasSuffix(".tf.json")) && !isIgnored(name)
                && !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
        }.sorted()
    }

    /// Reads and parses one file; `asVariables` reads a variable file (`*.tfvars.json` is a plain
    /// object of values, not the configuration syntax).
    static func read(file path: String, display: String, asVariables: Bool = false, ahead: ReadAhead? = nil) throws -> SourceFile {
        let wanted = asVariables ? "a .tfvars or .tfvars.json file" : "a .tf file or a directory of them"
        if display.hasSuffix(".json") {
            let data = try contents(of: path, wanted: wanted)
            // terraform plan 1.11.4 refuses a variable file that starts with a byte order mark.
            if asVariables && data.starts(with: [0xEF, 0xBB, 0xBF]) {
                throw TerraformLoader.LoadError.parse(
                    "\(HCLError.excerpt(display, limit: 200)):1:1: the file starts with a byte order mark, which Terraform refuses in JSON (Invalid start of value): save it as UTF-8 without one"
                )
            }
            let json: OrderedJSON
            do {
                json = try OrderedJSON.parse(data)
            } catch let error as OrderedJSON.ParseError {
                throw TerraformLoader.LoadError.parse("\(HCLError.excerpt(display, limit: 200)):\(error.line):\(error.column): \(error.message) (Terraform's JSON syntax)")
            }
            do {
                let (text, lines) = try asVariables ? TerraformJSONSyntax.variables(json) : TerraformJSONSyntax.convert(json)
                return SourceFile(display: display, syntax: try HCLAdapter.parse(text, file: display, lines: lines), jsonLines: lines)
            } catch let error as OrderedJSON.ParseError {
                throw TerraformLoader.LoadError.parse("\(HCLError.excerpt(display, limit: 200)):\(error.line):1: \(error.message)")
            }
        }
        // The bytes are freed as soon as they are text: a 10 MB file's would otherwise be held beside
        // its text while the tree is built, the time when a review needs the most memory.
        let text: String = try {
            let data = try contents(of: path, wanted: wanted)
            // A compressed or archived file named .tf: said as such, not as invalid UTF-8.
            if let message = PlanReader.archiveMessage(data, shown: HCLError.excerpt(path, limit: 200)) { throw TerraformLoader.LoadError.parse(message) }
            return try HCLAdapter.text(data, file: display)
        }()
        guard let ahead else { return SourceFile(display: display, syntax: try HCLAdapter.parse(text, file: display), jsonLines: nil) }
        ahead.begin(file: display, bytes: text.utf8.count)
        let syntax = try HCLAdapter.parse(text, file: display, skimming: ahead.skimRule, keeping: ahead.add)
        ahead.completed(syntax.body.range)
        return SourceFile(display: display, syntax: syntax, jsonLines: nil)
    }

    /// The bytes of a regular file, links followed; directories, devices, pipes, loops and dangling
    /// links are refused by name, with `wanted`, what to give instead.
    static func contents(of path: String, wanted: String = "a .tf file or a directory of them") throws -> Data {
        let resolved = try resolve(path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
        // Devices such as /dev/zero never end; only regular files are read.
        let type = attributes?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw TerraformLoader.LoadError.notRegularFile(path, what: type == .typeDirectory ? "a directory" : "a device or a pipe", wanted: wanted)
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: resolved))
        } catch {
            throw TerraformLoader.LoadError.unreadable(path, reason: (error as NSError).localizedFailureReason ?? "permission denied or an I/O error")
        }
    }

    /// The real path of `path`, following every link; a loop or a dangling link is an error that names it.
    static func resolve(_ path: String) throws -> String {
        guard let real = realpath(path, nil) else {
            let code = errno
            if code == ELOOP { throw TerraformLoader.LoadError.linkLoop(path) }
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) { throw TerraformLoader.LoadError.danglingLink(path, target: target) }
            if code == ENOENT { throw TerraformLoader.LoadError.notFound(path) }
            throw TerraformLoader.LoadError.unreadable(path, reason: String(cString: strerror(code)))
        }
        defer { free(real) }
        return String(cString: real)
    }

    /// `a/b/../c/./` as `a/c/`: a path relative to the directory reviewed, as findings show it. Leading
    /// `..` steps stay. Ends in `/` unless empty.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }

    /// `.terraform/modules/modules.json`, written by `terraform init`: module call keys (`alb`,
    /// `alb.lambda`) to directories relative to the root module. Empty when absent or unreadable.
    static func installedModules(root: String) -> [String: String] {
        let path = (root as NSString).appendingPathComponent(".terraform/modules/modules.json")
        guard let data = FileManager.default.contents(atPath: path), let json = try? OrderedJSON.parse(data),
            case .object(let top) = json, let modules = top.first(where: { $0.key == "Modules" })?.value, case .array(let entries) = modules
        else { return [:] }
        var result: [String: String] = [:]
        for entry in entries {
            guard case .object(let members) = entry,
                case .string(let key)? = members.first(where: { $0.key == "Key" })?.value,
                case .string(let dir)? = members.first(where: { $0.key == "Dir" })?.value
            else { continue }
            result[key] = dir
        }
        return result
    }
}
