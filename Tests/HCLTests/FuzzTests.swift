import Foundation
import Testing
@testable import HCL

/// Seeded mutation fuzzing (Sources/HCL/Fuzzer.swift): every input must parse or fail with a one-line
/// HCLError, and every walk over what parses must finish. Scripts/fuzz-hcl runs the same fuzzer for
/// hundreds of thousands of inputs; each input it ever failed on is kept in Fixtures/fuzz/.
@Suite("Fuzzing", .timeLimit(.minutes(1)))
struct FuzzTests {
    private static let corpus = [(try? fixture("tutorial/main.tf")) ?? "", (try? fixture("blog/main.tf")) ?? ""]

    @Test func seededMutationsParseOrFailCleanly() {
        let fuzzer = Fuzzer(seed: 20_240_601, corpus: FuzzTests.corpus)
        var parsed = 0, rejected = 0
        for iteration in 0..<800 {
            switch Fuzzer.exercise(fuzzer.input(iteration)) {
            case .parsed: parsed += 1
            case .rejected: rejected += 1
            case .violation(let message): Issue.record("input \(iteration): \(message)")
            }
        }
        // The mutations are neither all harmless nor all fatal.
        #expect(parsed > 80 && rejected > 80, "\(parsed) parsed, \(rejected) rejected")
    }

    @Test func inputsDependOnlyOnSeedAndIteration() {
        let fuzzer = Fuzzer(seed: 7, corpus: FuzzTests.corpus)
        #expect(fuzzer.input(123) == Fuzzer(seed: 7, corpus: FuzzTests.corpus).input(123))
        #expect(fuzzer.input(123) != Fuzzer(seed: 8, corpus: FuzzTests.corpus).input(123))
        #expect(fuzzer.input(123) != fuzzer.input(124))
        let unchanged = (0..<50).filter { FuzzTests.corpus.map { Array($0.utf8) }.contains(fuzzer.input($0)) }
        #expect(unchanged.count < 5)
    }

    static let regressionNames: [String] = {
        let directory = fixturePath("fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
    }()

    @Test func regressionFixturesExist() {
        #expect(!FuzzTests.regressionNames.isEmpty)
    }

    /// Each input the long fuzzer failed on (crash, hang or broken property) now parses or fails cleanly, quickly.
    @Test(arguments: FuzzTests.regressionNames)
    func regression(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturePath("fuzz/" + name))))
        var outcome = Fuzzer.Outcome.rejected
        let elapsed = ContinuousClock().measure { outcome = Fuzzer.exercise(bytes) }
        if case .violation(let message) = outcome { Issue.record("\(message)") }
        #expect(elapsed < .seconds(20))
    }

    /// The first failure Scripts/fuzz-hcl found: 64 nested `%{for v in [1, 2]}` directives in a heredoc
    /// (2^64 steps to evaluate). It parses; evaluation stops at the work limit.
    @Test func nestedForDirectivesStopAtTheWorkLimit() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath("fuzz/seed1-input118619-nested-for-directives.tf")))
        let file = try HCLParser.parse(data, path: "fuzz.tf")
        let evaluator = Evaluator(workLimit: 10_000)
        var results: [EvaluationResult] = []
        var bodies = [file.body]
        while let body = bodies.popLast() {
            results += body.attributes.map { evaluator.evaluate($0.expression) }
            bodies += body.blocks.map(\.body)
        }
        #expect(results.contains(.unknown(reason: Evaluator.Reason.tooMuchWork(10_000))))
    }
}
