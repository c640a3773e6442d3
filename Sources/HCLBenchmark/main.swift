import Foundation
import HCL
#if canImport(Glibc)
    import Glibc
#endif

// Parse-speed benchmark (not a test): builds ~10 MB of realistic Terraform by repeating the tutorial
// fixture with every resource and data source renamed per copy, then times HCLParser.parse.
// Usage: swift build -c release --product HCLBenchmark && .build/release/HCLBenchmark [megabytes]
// `HCLBenchmark fuzz ...` runs the reader's fuzzer instead (see Fuzz.swift and Scripts/fuzz-hcl).

if CommandLine.arguments.dropFirst().first == "fuzz" {
    exit(FuzzCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}

/// The resident set size now, from /proc (Linux), 0 elsewhere.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
}

// `HCLBenchmark parse FILE...`: reads the files and parses them into full syntax trees, kept to the
// end, nothing else, so that Scripts/benchmark-review can set the review's time against the parse time
// of the same input. (The review reads the same bytes but skims most blocks, building no trees for
// them: the baseline is the reader's full parse.)
if CommandLine.arguments.dropFirst().first == "parse" {
    var files: [HCLFile] = []
    let start = residentBytes()
    for path in CommandLine.arguments.dropFirst(2) {
        guard let data = FileManager.default.contents(atPath: path), let file = try? HCLParser.parse(data, path: path) else {
            FileHandle.standardError.write(Data("cannot parse \(path)\n".utf8))
            exit(1)
        }
        files.append(file)
    }
    let blocks = files.map(\.body.blocks.count).reduce(0, +)
    print("parsed \(blocks) top-level blocks; the trees and sources hold \((residentBytes() - start) / 1_000_000) MB resident")
    exit(0)
}

let fixtureURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Tests/HCLTests/Fixtures/tutorial/main.tf")
let targetMegabytes = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 10

let fixture: String
do {
    fixture = try String(contentsOf: fixtureURL, encoding: .utf8)
} catch {
    print("cannot read \(fixtureURL.path): \(error)")
    exit(1)
}
let template = try HCLParser.parse(fixture, path: "main.tf")

/// Renames every resource/data block of one copy, in labels and in references, so copies do not collide.
func renamedCopy(_ index: Int) -> String {
    var text = fixture
    for block in template.body.blocks where (block.type == "resource" || block.type == "data") && block.labels.count == 2 {
        let (type, name) = (block.labels[0], block.labels[1])
        let newName = "\(name)_\(index)"
        text = text.replacingOccurrences(of: "\"\(type)\" \"\(name)\"", with: "\"\(type)\" \"\(newName)\"")
        text = text.replacingOccurrences(of: "\(type).\(name).", with: "\(type).\(newName).")
    }
    // Variables and the output must be unique too.
    for name in ["region", "custom_domain_name_prefix", "domain_name"] {
        text = text.replacingOccurrences(of: "variable \"\(name)\"", with: "variable \"\(name)_\(index)\"")
        text = text.replacingOccurrences(of: "var.\(name)", with: "var.\(name)_\(index)")
    }
    return text.replacingOccurrences(of: "output \"final_url\"", with: "output \"final_url_\(index)\"")
}

var pieces: [String] = []
var size = 0
while Double(size) < targetMegabytes * 1_000_000 {
    let piece = renamedCopy(pieces.count)
    size += piece.utf8.count
    pieces.append(piece)
}
let source = pieces.joined(separator: "\n")
let megabytes = Double(source.utf8.count) / 1_000_000

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let clock = ContinuousClock()
var timings: [Double] = []
var blockCount = 0
for _ in 0..<5 {
    var file: HCLFile?
    let elapsed = clock.measure { file = try? HCLParser.parse(source, path: "bench.tf") }
    guard let file else {
        print("benchmark input failed to parse")
        exit(1)
    }
    blockCount = file.body.blocks.count
    timings.append(seconds(elapsed))
}
timings.sort()
let cores = ProcessInfo.processInfo.activeProcessorCount
print(
    String(
        format: "parsed %.2f MB (%d copies, %d top-level blocks) in %.3f s best, %.3f s median of 5 runs (%.1f MB/s, %d cores)",
        megabytes, pieces.count, blockCount, timings[0], timings[2], megabytes / timings[0], cores))
