import Foundation
import Testing
@testable import HCL

/// Secondary threads can have small stacks (512 KiB on macOS, including Swift concurrency's threads).
/// Parsing runs on its own large-stack thread, so hostile nesting must be safe even from such a caller.
@Suite("Stack usage")
struct StackTests {
    /// Runs `body` on a thread with a `bytes`-sized stack and waits for it.
    private func onThread(stack bytes: Int, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = bytes
        thread.start()
        done.wait()
    }

    @Test(arguments: ["[", "(", "{a=", "f(", "-", "\"${", "[for x in y : ", "%{if true}", "b {\n", "a ? b : "])
    func hostileNestingIsSafeFromASmallStack(opener: String) {
        let deep = RobustnessTests.deeplyNested(opener)
        onThread(stack: 512 * 1024) {
            #expect(parseError(deep)?.expected == "at most 256 levels of nesting")
        }
    }

    /// Chains are unbounded, so every walk over them (references, rendering, evaluation, equality,
    /// hashing and freeing the tree) must loop rather than recurse: here on a 512 KiB stack, in a debug build.
    @Test func hundredThousandTermChainsAreWalkedOnASmallStack() {
        let terms = 100_000
        let source = "a = " + Array(repeating: "var.x", count: terms).joined(separator: " + ")
        onThread(stack: 512 * 1024) {
            do {
                let file = try parse(source)
                let expression = try #require(file.body.attribute(named: "a")).expression
                #expect(expression.references.count == terms)
                #expect(expression.sourceText == source.dropFirst(4))
                #expect(expression.evaluate(variables: ["x": 2]) == .known(.number(Decimal(2 * terms))))
                let again = try parse(source)
                #expect(again == file)
                #expect(again.hashValue == file.hashValue)
                let other = try #require(try parse(source + " + 1").body.attribute(named: "a")).expression
                #expect(other != expression)
            } catch {
                Issue.record("\(error)")
            }
            // Leaving this closure frees the trees on this small stack too.
        }
    }

    @Test func maximalTreesCanBeWalked() {
        // Walkers recurse on the caller's stack: measured ≤ 256 KiB optimised and ≤ 1.5 MiB in debug builds
        // for trees at the nesting limit, so give this debug test 4 MiB.
        let sources = [
            "a = " + String(repeating: "\"${", count: 250) + "var.x" + String(repeating: "}\"", count: 250),
            "a = " + String(repeating: "concat([{k = (", count: 62) + "var.x" + String(repeating: ")}])", count: 62),
            "a = " + String(repeating: "var.x + ", count: 250) + "1",
            "a = var.x" + String(repeating: "[*]", count: 255),
            "a = var.x" + String(repeating: ".*[0]", count: 254),
        ]
        onThread(stack: 4 << 20) {
            for source in sources {
                guard let expression = try? parse(source).body.attribute(named: "a")?.expression else {
                    Issue.record("should parse: \(source.prefix(30))")
                    continue
                }
                #expect(!expression.sourceText.isEmpty)
                #expect(expression.references.first?.description == "var.x")
                #expect(expression.evaluate(variables: ["x": 1]).value != nil)
            }
        }
    }
}
