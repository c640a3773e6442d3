import Foundation
import Testing

@testable import AlbgwCost

/// Seeded mutation fuzzing of the whole review (Sources/AlbgwCost/Terraform/ReviewFuzzer.swift):
/// mutated configurations, written to a temporary directory, reviewed with and without a workload.
/// Every run returns, with exit code 0, 1, 64, 65 or 66, one clean line on stderr at most, and JSON
/// that parses. Scripts/fuzz-review runs the same fuzzer for hundreds of thousands of inputs; each
/// input it ever failed on is kept in Fixtures/fuzz/ and replayed here.
@Suite("Review fuzzing", .timeLimit(.minutes(1)))
struct ReviewFuzzTests {
    static let corpus = ReviewFuzzer.corpus(repository: repositoryPath(""))

    @Test func theCorpusHoldsEveryFixture() {
        #expect(ReviewFuzzTests.corpus.count == 6)
        #expect(ReviewFuzzTests.corpus.contains { $0.entries["modules/alb/variables.tf"] != nil && $0.entries["terraform.tfvars"] != nil })
    }

    @Test func seededMutationsAreReviewedOrRefusedCleanly() {
        let fuzzer = ReviewFuzzer(seed: 20_241_121, corpus: ReviewFuzzTests.corpus)
        var exitCodes: [Int32: Int] = [:]
        for iteration in 0..<ReviewFuzzTests.count {
            switch ReviewFuzzer.exercise(fuzzer.input(iteration), timeLimit: .seconds(10)) {
            case .passed(let code): exitCodes[code, default: 0] += 1
            case .violation(let message): Issue.record("input \(iteration): \(message)")
            }
        }
        // The mutations are neither all harmless nor all fatal.
        #expect(exitCodes[0, default: 0] > ReviewFuzzTests.count / 10 && exitCodes[65, default: 0] > ReviewFuzzTests.count / 10, "\(exitCodes)")
    }

    static let count = 40

    @Test func inputsDependOnlyOnSeedAndIteration() {
        let fuzzer = ReviewFuzzer(seed: 7, corpus: ReviewFuzzTests.corpus)
        #expect(fuzzer.input(42) == ReviewFuzzer(seed: 7, corpus: ReviewFuzzTests.corpus).input(42))
        #expect(fuzzer.input(42) != ReviewFuzzer(seed: 8, corpus: ReviewFuzzTests.corpus).input(42))
        #expect(fuzzer.input(42) != fuzzer.input(43))
        let unchanged = (0..<50).filter { ReviewFuzzTests.corpus.contains(fuzzer.input($0).tree) }
        #expect(unchanged.count < 10)
    }

    /// Scripts/fuzz-review 30000 2 stopped at input 4507: a value repeated 10,000 times, then the name
    /// in it lengthened by 100,000 characters everywhere, made a 2 GB main.tf whose review passed the
    /// time limit (80 s; 47 s and 5.9 GB alone, exit 0). Inputs now stay under 8 MB, and the others are
    /// unchanged by the limit.
    @Test func inputsStayUnderTheSizeLimit() {
        let fuzzer = ReviewFuzzer(seed: 2, corpus: ReviewFuzzTests.corpus)
        let input = fuzzer.input(4507)
        #expect(input.tree.byteCount <= ReviewFuzzer.maximumInputBytes)
        #expect(input.tree.byteCount > 0)
        if case .violation(let message) = ReviewFuzzer.exercise(input, timeLimit: .seconds(10)) { Issue.record("\(message)") }
        #expect((0..<200).allSatisfy { fuzzer.input($0).tree.byteCount <= ReviewFuzzer.maximumInputBytes })
    }

    @Test func theCheckRefusesWhatBreaksTheProperty() {
        let clean = CLI.Result(exitCode: 65, stdout: "", stderr: "albgw-cost: error: main.tf:1:1: expected a block\n")
        #expect(ReviewFuzzer.check(clean, json: false) == nil)
        #expect(ReviewFuzzer.check(CLI.Result(exitCode: 70, stdout: "", stderr: "x\n"), json: false) != nil)
        #expect(ReviewFuzzer.check(CLI.Result(exitCode: 65, stdout: "", stderr: "a\nb\n"), json: false) != nil)
        #expect(ReviewFuzzer.check(CLI.Result(exitCode: 65, stdout: "", stderr: "a \u{1B}[31m\n"), json: false) != nil)
        #expect(ReviewFuzzer.check(CLI.Result(exitCode: 65, stdout: "", stderr: ""), json: false) != nil)
        #expect(ReviewFuzzer.check(CLI.Result(exitCode: 0, stdout: "{\"a\": ", stderr: ""), json: true) != nil)
        #expect(ReviewFuzzer.check(CLI.Result(exitCode: 0, stdout: "{\"a\": 1}", stderr: ""), json: true) == nil)
    }

    static let regressionNames: [String] = {
        let directory = repositoryPath("Tests/AlbgwCostTests/Fixtures/fuzz")
        // Each saved input is a directory (its README says what they are).
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: "\(directory)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }()

    /// The inputs issue 14 named as crashes are there to be replayed: the list is never empty.
    @Test func theCrashesOfIssue14AreReplayed() {
        #expect(Self.regressionNames == ["empty-cidr", "reversed-matcher-range", "splat-chain"])
    }

    /// Each input the long fuzzer failed on (crash, hang or broken property) is now reviewed or refused cleanly, quickly.
    @Test(arguments: ReviewFuzzTests.regressionNames)
    func regression(name: String) throws {
        let input = try #require(ReviewFuzzer.savedInput(repositoryPath("Tests/AlbgwCostTests/Fixtures/fuzz/\(name)")))
        if case .violation(let message) = ReviewFuzzer.exercise(input, timeLimit: .seconds(10)) { Issue.record("\(message)") }
    }
}
