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
}
