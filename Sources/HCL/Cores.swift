import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The cores this process may run on, read once: the fewer of those the system gives it (its
/// control group's share, which Foundation reads) and, on Linux, those its affinity allows
/// (`taskset -c 0` leaves one, which Foundation does not count).
package enum Cores {
    package static let available: Int = {
        let counted = max(1, ProcessInfo.processInfo.activeProcessorCount)
        #if canImport(Glibc)
            // glibc declares `sched_getaffinity` only for _GNU_SOURCE, which Swift's Glibc module
            // leaves out: looked up by name.
            typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity") {
                var mask = [UInt64](repeating: 0, count: 16)  // 1,024 processors, glibc's cpu_set_t
                let status = mask.withUnsafeMutableBytes { unsafeBitCast(symbol, to: GetAffinity.self)(0, $0.count, $0.baseAddress!) }
                let allowed = mask.reduce(0) { $0 + $1.nonzeroBitCount }
                if status == 0, allowed > 0 { return min(counted, allowed) }
            }
        #endif
        return counted
    }()
}
