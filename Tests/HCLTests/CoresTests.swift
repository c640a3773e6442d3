import Testing

@testable import HCL

/// The cores a review splits its work over: the process's, less those other runnable tasks hold as
/// it starts.
@Suite struct CoresTests {
    @Test func runnableTasksAreReadFromTheLoadAverage() {
        #expect(Cores.runnableTasks(in: Array("0.42 0.30 0.31 2/345 12345\n".utf8)) == 2)
        #expect(Cores.runnableTasks(in: Array("1.00 0.98 0.50 17/1024 99\n".utf8)) == 17)
        // Anything else is not read: no slash, no number, a field missing, a number too long.
        for text in ["", "0.42 0.30 0.31", "0.42 0.30 0.31 2-345 1", "0.42 0.30 0.31 /345 1", "0.42 0.30 0.31 x/345 1", "0.4 0.3 0.3 12345678901/2 1"] {
            #expect(Cores.runnableTasks(in: Array(text.utf8)) == nil, "\(text)")
        }
        #expect(Cores.runnableTasks("/nonexistent/loadavg") == nil)
    }

    @Test func otherRunnableTasksHoldCores() {
        // This process is one of the runnable tasks: alone, it finds every core free.
        #expect(Cores.busy(running: 1) == 0)
        #expect(Cores.busy(running: 3) == 2)
        #expect(Cores.busy(running: nil) == 0)
        #expect(Cores.busy(running: 0) == 0)
        // A test's process counts every core it may use: its own parallel tests run beside the paths
        // they exercise, and would take cores from them.
        #expect(!Cores.leavesOutBusyCores)
        #expect(Cores.available == Cores.allowed)
    }
}
