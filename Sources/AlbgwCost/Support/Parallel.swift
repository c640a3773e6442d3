import Foundation

/// Work on `0..<count` split into contiguous ranges, one per core, results in order: the same
/// output whatever the number of cores.
package enum Parallel {
    /// `work` on each range, in range order; one range (no thread) when there are fewer than
    /// `minimumChunk` items a core.
    package static func chunks<T: Sendable>(count: Int, minimumChunk: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumChunk), 8))
        guard workers > 1 else { return [work(0..<count)] }
        let size = (count + workers - 1) / workers
        let results = Results<T>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = min(count, worker * size)
            results.set(worker, work(start..<min(count, start + size)))
        }
        return results.values()
    }

    /// Results of parallel chunks, written once each and read after all are done.
    private final class Results<T: Sendable>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func values() -> [T] { slots.map { $0! } }
    }
}
