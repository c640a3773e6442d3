import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The cores this process may run on, read once: the fewer of those the system gives it (its
/// control group's share, which Foundation reads) and, on Linux, those its affinity allows
/// (`taskset -c 0` leaves one, which Foundation does not count); in the executable, less those other
/// runnable tasks hold as it starts (`/proc/loadavg`, machine-wide: one sample). Work split over
/// cores another process keeps busy only takes turns with it, at the cost of handing the work over;
/// on one core the work is done in turn. The output is the same either way.
package enum Cores {
    package static let available: Int = max(1, allowed - (leavesOutBusyCores ? busy(running: runnableTasks()) : 0))

    /// Whether `available` leaves out the cores other runnable tasks hold: set by the executable
    /// before anything counts the cores (`CLI.main`), and never in a test's process, whose own
    /// parallel tests would take cores from the paths they exercise.
    nonisolated(unsafe) package static var leavesOutBusyCores = false

    /// The cores held by other tasks when `running` tasks, this one among them, are runnable.
    static func busy(running: Int?) -> Int { max(0, (running ?? 1) - 1) }

    /// How many tasks are runnable now, this one included: the first number of the fourth field of
    /// `/proc/loadavg` (`2/345`); nil where there is no such file or it reads otherwise.
    static func runnableTasks(_ path: String = "/proc/loadavg") -> Int? {
        #if canImport(Glibc)
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 128)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            return runnableTasks(in: buffer[..<count])
        #else
            return nil
        #endif
    }

    /// The same, of the file's bytes: `0.42 0.30 0.31 2/345 12345`.
    static func runnableTasks(in bytes: some Collection<UInt8>) -> Int? {
        let fields = bytes.split(separator: UInt8(ascii: " "))
        guard fields.count >= 4, let slash = fields[3].firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let digits = fields[3][..<slash]
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The cores the system and the affinity give this process.
    static let allowed: Int = {
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
