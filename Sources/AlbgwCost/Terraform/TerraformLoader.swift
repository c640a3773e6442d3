import Foundation

/// Reads a `.tf` file, or every `.tf` file of a directory (sorted by name, not recursive, as
/// Terraform does), into a `TerraformConfiguration`.
package enum TerraformLoader {
    /// Errors met while reading: exit 66 for paths, 65 for content.
    package enum LoadError: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case noTerraformFiles(String)
        case notRegularFile(String)
        case unreadable(String, reason: String)
        case parse(String)

        package var description: String {
            switch self {
            case .notFound(let path): "'\(path)' does not exist; give a .tf file or a directory of them"
            case .noTerraformFiles(let path): "'\(path)' holds no .tf files; give the directory of the root module"
            case .notRegularFile(let path): "'\(path)' is not a regular file (a device, pipe or link loop); give a .tf file or a directory of them"
            case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
            case .parse(let message): message
            }
        }
    }

    package static func load(_ path: String, variables: [String: String]) throws -> TerraformConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
            throw isLink ? LoadError.notRegularFile(path) : LoadError.notFound(path)
        }
        var files: [(display: String, full: String)] = []
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".tf") }.sorted().map { ($0, URL(fileURLWithPath: path).appendingPathComponent($0).path) }
            guard !files.isEmpty else { throw LoadError.noTerraformFiles(path) }
        } else {
            files = [(URL(fileURLWithPath: path).lastPathComponent, path)]
        }
        let parsed = try files.map { file in
            // Devices such as /dev/zero never end; only regular files are read.
            let attributes = try? FileManager.default.attributesOfItem(atPath: file.full)
            guard (attributes?[.type] as? FileAttributeType) == .typeRegular else { throw LoadError.notRegularFile(file.full) }
            do {
                return try HCLAdapter.parse(try Data(contentsOf: URL(fileURLWithPath: file.full)), file: file.display)
            } catch let error as LoadError {
                throw error
            } catch {
                throw LoadError.unreadable(file.full, reason: (error as NSError).localizedFailureReason ?? "permission denied or an I/O error")
            }
        }
        // Variable defaults may sit in any file, so every file is parsed before any is evaluated.
        let values = HCLAdapter.variables(parsed, given: variables)
        return TerraformConfiguration(
            files: files.map(\.display), blocks: parsed.flatMap { HCLAdapter.blocks($0, variables: values) }, givenVariables: Set(variables.keys))
    }
}
