import AlbgwCost
import Foundation

// `AlbgwCostFuzz`: runs a range of the review's seeded fuzzer (Sources/AlbgwCost/Terraform/ReviewFuzzer.swift)
// in this process. A crash ends the process; Scripts/fuzz-review runs batches in child processes, narrows
// a failing batch down to one input and saves it with --write-input.

let usage = """
    usage: AlbgwCostFuzz [--seed S] [--start K] [--count N]
           AlbgwCostFuzz [--seed S] --write-input K DIR    (writes input K as a directory tree, its arguments in DIR/arguments.json)
           AlbgwCostFuzz --replay DIR                       (reviews a saved input: DIR/root with DIR/arguments.json)
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
    exit(64)
}

var options: [String: UInt64] = ["--seed": 1, "--start": 0, "--count": 500]
var writeInput: (Int, String)?
var replay: String?
var rest = CommandLine.arguments.dropFirst()
while let name = rest.popFirst() {
    switch name {
    case "--write-input":
        guard let index = rest.popFirst().flatMap(Int.init), let directory = rest.popFirst() else { fail(usage) }
        writeInput = (index, directory)
    case "--replay":
        guard let directory = rest.popFirst() else { fail(usage) }
        replay = directory
    default:
        guard options[name] != nil, let value = rest.popFirst().flatMap(UInt64.init), value <= UInt64(Int.max) else { fail("unknown option or bad value '\(name)'\n\(usage)") }
        options[name] = value
    }
}

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

if let directory = replay {
    let input = ReviewFuzzer.savedInput(directory)
    guard let input else { fail("\(directory) holds no saved input (a root directory)") }
    switch ReviewFuzzer.exercise(input) {
    case .passed(let code):
        print("fuzz-review: \(directory): passed (exit code \(code))")
        exit(0)
    case .violation(let message):
        FileHandle.standardError.write(Data("fuzz-review: \(directory): \(message)\n".utf8))
        exit(1)
    }
}

let fuzzer = ReviewFuzzer(seed: options["--seed"]!, corpus: ReviewFuzzer.corpus(repository: repository))
if let (index, directory) = writeInput {
    do {
        try ReviewFuzzer.save(fuzzer.input(index), into: directory)
    } catch {
        fail("cannot write input \(index) into \(directory): \(error)")
    }
    exit(0)
}

let start = Int(options["--start"]!), count = Int(options["--count"]!)
var exitCodes: [Int32: Int] = [:]
var violations = 0
let began = ContinuousClock.now
// A broken property is reported and the batch goes on; only a crash or a hang ends it early.
for iteration in start..<start + count {
    switch ReviewFuzzer.exercise(fuzzer.input(iteration)) {
    case .passed(let code): exitCodes[code, default: 0] += 1
    case .violation(let message):
        violations += 1
        FileHandle.standardError.write(Data("fuzz-review: violation: input \(iteration) of seed \(fuzzer.seed): \(message)\n".utf8))
    }
}
let elapsed = ContinuousClock.now - began
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let codes = exitCodes.keys.sorted().map { "\(exitCodes[$0]!) exit \($0)" }.joined(separator: ", ")
print("fuzz-review: seed \(fuzzer.seed), inputs \(start)..<\(start + count): \(codes), \(violations) violations in \(String(format: "%.2f", seconds)) s")
exit(violations == 0 ? 0 : 1)
