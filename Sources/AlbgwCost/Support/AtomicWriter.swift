import Foundation

/// Writes files so that a crash or a failure never leaves one half-written, nor a report with some
/// of its files new and some old.
package enum AtomicWriter {
    /// A file's bytes: whole, or in pieces written one after another (a report's Markdown for a
    /// thousand designs is megabytes, and joining its pieces first held them twice).
    package enum Bytes: Sendable {
        case data(Data)
        case pieces([[UInt8]])
    }

    /// `write(_:into:option:)` of files whose bytes are whole.
    package static func write(_ files: [(name: String, data: Data)], into directory: String, option: String = "--out") throws {
        try write(files.map { (name: $0.name, bytes: Bytes.data($0.data)) }, into: directory, option: option)
    }

    /// Writes every file or none: each is first written in full beside its target under a temporary
    /// name, and only when all of them are written are they renamed into place (each rename is
    /// atomic). A target that is a directory, or a file that cannot be written, stops the run before
    /// any file is replaced, and the temporary files are removed.
    /// `option` names where the directory came from in messages (`--out`, `--export`).
    package static func write(_ files: [(name: String, bytes: Bytes)], into directory: String, option: String = "--out") throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CLIError("cannot write into '\(directory)': it is a file, and \(option) takes a directory; choose a directory (it is created when missing)", code: .cannotCreate)
        }
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create directory '\(directory)'; choose a writable location", code: .cannotCreate)
        }
        let targets = files.map { URL(fileURLWithPath: directory).appendingPathComponent($0.name) }
        for target in targets {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CLIError("cannot write '\(target.path)': a directory has that name; remove it or choose another \(option)", code: .cannotCreate)
            }
        }
        var written: [URL] = []
        func removeWritten() { for temporary in written { try? manager.removeItem(at: temporary) } }
        for (target, file) in zip(targets, files) {
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(file.name).\(getpid()).tmp")
            do {
                switch file.bytes {
                case .data(let data): try data.write(to: temporary)
                case .pieces(let pieces): try write(pieces, to: temporary.path)
                }
                written.append(temporary)
            } catch {
                try? manager.removeItem(at: temporary)
                removeWritten()
                throw CLIError("cannot write '\(target.path)'; check the directory's permissions and free space (no file was replaced)", code: .cannotCreate)
            }
        }
        for (index, (temporary, target)) in zip(written, targets).enumerated() where rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            written = Array(written[index...])
            removeWritten()
            throw CLIError("cannot write '\(target.path)' (\(reason)); check the directory's permissions", code: .cannotCreate)
        }
    }

    private struct WriteFailed: Error {}

    /// Writes `pieces` one after another into a new file at `path` (created, or emptied, with the
    /// permissions `Data.write` gives a file).
    private static func write(_ pieces: [[UInt8]], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw WriteFailed() }
        var failed = false
        for piece in pieces where !failed {
            piece.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else {
                        failed = true
                        return
                    }
                    offset += count
                }
            }
        }
        if close(descriptor) != 0 { failed = true }
        if failed { throw WriteFailed() }
    }
}
