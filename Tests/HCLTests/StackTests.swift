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

    @Test func maximalTreesCanBeWalked() {
        // Walkers recurse on the caller's stack: measured ≤ 256 KiB optimised and ≤ 1.5 MiB in debug builds
        // for trees at the nesting limit, so give this debug test 4 MiB.
        let sources = [
            "a = " + String(repeating: "\"${", count: 250) + "var.x" + String(repeating: "}\"", count: 250),
            "a = " + String(repeating: "concat([{k = (", count: 62) + "var.x" + String(repeating: ")}])", count: 62),
            "a = " + String(repeating: "var.x + ", count: 250) + "1",
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
