import Foundation

/// Renders DOT to SVG with Graphviz's `dot` when it is installed. The report command uses it; the
/// renderers never do (they stay pure).
package enum Graphviz {
    /// The `dot` executable on PATH, or nil.
    package static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// SVG of `dot`, or nil when Graphviz is missing or fails.
    package static func svg(_ dot: String, using executable: String) -> Data? {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-cost-\(UUID().uuidString).dot")
        defer { try? FileManager.default.removeItem(at: input) }
        guard (try? Data(dot.utf8).write(to: input)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg", input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
