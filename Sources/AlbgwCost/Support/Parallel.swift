import Foundation
import HCL

/// Work on `0..<count` split into contiguous ranges, one per core (`chunks`) or small ones taken by
/// the cores as each is free (`ranges`), results in range order: the same output whatever the number
/// of cores.
package enum Parallel {
    /// The cores this process may use (`Cores.available`), read once: Foundation reads the control
    /// group's files each time it is asked, and a large review's output asks for every array it writes.
    package static let cores = Cores.available

    /// `work` on each range, in range order; one range (no thread) when there are fewer than
    /// `minimumChunk` items a core.
    package static func chunks<T: Sendable>(count: Int, minimumChunk: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let workers = max(1, min(cores, count / max(1, minimumChunk), 8))
        guard workers > 1 else { return [work(0..<count)] }
        let size = (count + workers - 1) / workers
        let results = Results<T>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = min(count, worker * size)
            results.set(worker, work(start..<min(count, start + size)))
        }
        return results.values()
    }

    /// `work` on ranges of `chunk` items (the last may hold fewer), in range order, taken by the
    /// cores as each is free: for work that shares the cores with other threads, where equal halves
    /// would finish apart. One range, no thread, when there is one; on one core, each range in turn
    /// on this thread (a result for each, as callers that index them by range expect).
    package static func ranges<T: Sendable>(count: Int, chunk: Int, cores: Int = cores, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let chunk = max(1, chunk)
        let pieces = (count + chunk - 1) / chunk
        guard pieces > 1 else { return [work(0..<count)] }
        guard cores > 1 else { return (0..<pieces).map { piece in work(piece * chunk..<min(count, piece * chunk + chunk)) } }
        let results = Results<T>(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = piece * chunk
            results.set(piece, work(start..<min(count, start + chunk)))
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

/// Work begun on a thread of its own, its result waited for where it is needed: two independent
/// parts of one run (the review's checks of the configuration as a whole and the recognition of
/// its designs) on two cores.
package final class Background<T: Sendable>: @unchecked Sendable {
    // Written once on the worker before `finished` is signalled, read after waiting for it.
    private var result: T?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` at once.
    package init(_ work: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            result = work()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result, once the work is done (waits for it the first time).
    package var value: T {
        finished.wait()
        defer { finished.signal() }
        return result!
    }
}

extension String {
    /// `pieces` of UTF-8 one after another, each copied once into the string and freed as soon as it
    /// is copied: while a large output is joined, it is held about once, not twice. Leaves `pieces` empty.
    package init(joining pieces: inout [[UInt8]]) {
        let count = pieces.reduce(0) { $0 + $1.count }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for index in pieces.indices {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(from: pieces[index])
                offset += pieces[index].count
                pieces[index] = []
            }
            return offset
        }
        pieces = []
    }
}

/// A large structure freed on a thread of its own, while the caller goes on: the caller hands over
/// the last reference.
package enum Release {
    private final class Box<T>: @unchecked Sendable {
        // Read and cleared by the releasing thread alone, once the caller has let go.
        var value: T?
        init(_ value: T) { self.value = value }
    }

    package static func onAnotherThread<T>(_ value: consuming T) {
        let box = Box(value)
        Thread { box.value = nil }.start()
    }
}
