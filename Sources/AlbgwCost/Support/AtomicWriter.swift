import Foundation

/// Writes files so that a crash never leaves one half-written: each file is written to a temporary
/// name in the same directory and renamed over the target.
package enum AtomicWriter {
    package static func write(_ files: [(name: String, data: Data)], into directory: String) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create directory '\(directory)'; choose a writable location", code: .cannotCreate)
        }
        for (name, data) in files {
            let target = URL(fileURLWithPath: directory).appendingPathComponent(name)
            do {
                try data.write(to: target, options: .atomic)
            } catch {
                throw CLIError("cannot write '\(target.path)'; check the directory's permissions and free space", code: .cannotCreate)
            }
        }
    }
}
