/// sysexits-style exit codes, as ArgumentParser and `swift build` use them.
package enum ExitCode: Int32, Sendable {
    case success = 0
    /// Findings at or above `review --fail-on`'s severity; the output was printed in full.
    case findings = 1
    /// EX_USAGE: a wrong option, value or combination.
    case usage = 64
    /// EX_DATAERR: input data (a price table) is malformed.
    case dataError = 65
    /// EX_NOINPUT: an input file or directory does not exist or cannot be read.
    case noInput = 66
    /// EX_SOFTWARE: a bug; the message asks for a report.
    case software = 70
    /// EX_CANTCREAT: an output file or directory cannot be written.
    case cannotCreate = 73
    /// EX_IOERR: standard output could not be written (a full disk, a closed descriptor).
    case ioError = 74
}

/// A problem to report on one line, with the exit code it maps to.
package struct CLIError: Error, Equatable, CustomStringConvertible {
    package var message: String
    package var code: ExitCode

    package init(_ message: String, code: ExitCode = .usage) {
        self.message = message
        self.code = code
    }

    package var description: String { message }

    /// Maps a price-table error to its exit code: missing files 66, bad content 65, unknown region 64.
    package init(_ error: PriceTableError) {
        switch error {
        case .directoryNotFound, .notADirectory, .unreadable: self.init(error.description, code: .noInput)
        case .malformed: self.init(error.description, code: .dataError)
        case .unknownRegion: self.init(error.description, code: .usage)
        }
    }
}

/// A run that printed its output in full and fails all the same (`review --fail-on` met a finding),
/// or succeeds with a warning for the log of a CI step (`code` .success): `CLI.run` prints `stdout`,
/// then `message` as one line on stderr, and exits with `code`.
package struct FailedRun: Error, Equatable {
    package var output: StandardOutput
    package var message: String
    package var code: ExitCode = .findings

    package init(stdout: String, message: String, code: ExitCode = .findings) {
        self.init(output: .text(stdout), message: message, code: code)
    }

    package init(output: StandardOutput, message: String, code: ExitCode = .findings) {
        self.output = output
        self.message = message
        self.code = code
    }

    package var stdout: String { output.text }
}
