import Foundation
import Testing

/// Golden files: plain text compared for equality. `UPDATE_GOLDENS=1 swift test` re-records them;
/// review the `git diff` before committing.
enum Golden {
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = repositoryPath("Tests/AlbgwCostTests/Goldens/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("golden \(name) is missing; record it with UPDATE_GOLDENS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            let lines = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), text.split(separator: "\n", omittingEmptySubsequences: false))
            let first = lines.enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record(
                "\(name) differs from its golden at line \((first?.offset ?? 0) + 1): expected \(first.map { String($0.element.0) } ?? "(end)"), got \(first.map { String($0.element.1) } ?? "(end)"). If the change is intended: UPDATE_GOLDENS=1 swift test, then review git diff.",
                sourceLocation: sourceLocation)
        }
    }
}

/// Real clients of our output, run as subprocesses: Graphviz `dot` and `cmark-gfm`.
enum ExternalTool {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// True when `name` is on PATH.
    static func available(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    /// In CI a missing tool is a failure (`.ci/run` installs it); elsewhere the test is skipped.
    static func required(_ name: String) -> Bool { available(name) || ProcessInfo.processInfo.environment["CI"] != nil }

    static func run(_ name: String, _ arguments: [String], input: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Feed and drain concurrently so large outputs never fill a pipe and block.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8)); try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: errorData.finish())
    }

    /// Reads a pipe on its own thread.
    final class ErrorCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }.start()
        }
        func finish() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
