import Foundation
import HCL

/// `HCLBenchmark fuzz`: runs a range of the seeded fuzzer's inputs in this process.
///
/// A crash ends the process; Scripts/fuzz-hcl runs batches in child processes, narrows a crashing batch
/// down to one input and saves it with `--print-input`.
enum FuzzCommand {
    static let usage = """
        usage: HCLBenchmark fuzz [--seed S] [--start K] [--count N]
               HCLBenchmark fuzz [--seed S] --print-input K    (writes input K to stdout)
        """

    static func run(_ arguments: [String]) -> Int32 {
        var options: [String: UInt64] = ["--seed": 1, "--start": 0, "--count": 1_000]
        var printInput: UInt64?
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let text = rest.popFirst(), let value = UInt64(text), value <= UInt64(Int.max) else {
                FileHandle.standardError.write(Data("\(usage)\n".utf8))
                return 64
            }
            if name == "--print-input" {
                printInput = value
            } else if options[name] != nil {
                options[name] = value
            } else {
                FileHandle.standardError.write(Data("unknown option '\(name)'\n\(usage)\n".utf8))
                return 64
            }
        }
        let fuzzer = Fuzzer(seed: options["--seed"]!, corpus: corpus())
        if let iteration = printInput {
            FileHandle.standardOutput.write(Data(fuzzer.input(Int(iteration))))
            return 0
        }
        let start = Int(options["--start"]!), count = Int(options["--count"]!)
        var parsed = 0, rejected = 0
        let began = ContinuousClock.now
        for iteration in start..<start + count {
            switch Fuzzer.exercise(fuzzer.input(iteration)) {
            case .parsed: parsed += 1
            case .rejected: rejected += 1
            case .violation(let message):
                FileHandle.standardError.write(Data("fuzz: input \(iteration) of seed \(fuzzer.seed): \(message)\n".utf8))
                return 1
            }
        }
        let elapsed = ContinuousClock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "fuzz: seed %llu, inputs %d..<%d: %d parsed, %d rejected in %.2f s", fuzzer.seed, start, start + count, parsed, rejected, seconds))
        return 0
    }

    /// The test fixtures, fuzz regressions included, found next to this source file's package.
    private static func corpus() -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fixtures = root.appendingPathComponent("Tests/HCLTests/Fixtures")
        let paths = (FileManager.default.subpaths(atPath: fixtures.path) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        return paths.compactMap { try? String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8) }
    }
}
