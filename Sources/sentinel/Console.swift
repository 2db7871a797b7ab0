import Foundation

/// Writes to standard error and knows whether it is a terminal.
enum Console {
    /// Writes `text` to standard error as is.
    static func errorRaw(_ text: String) {
        // `write(_: Data)` traps on a closed descriptor (a `try!` inside Foundation); a
        // sentinel whose stderr was closed keeps running and says nothing.
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Writes `sentinel: text` and a newline to standard error.
    static func error(_ text: String) {
        errorRaw("sentinel: \(text)\n")
    }

    /// Puts `/dev/null` on standard input, output or error when the process was started with
    /// one of them closed (`>&-`): otherwise the next file opened (the store) would get
    /// descriptor 1, and the report meant for standard output would be written into it.
    static func reserveStandardDescriptors() {
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 {
            // open() takes the lowest free descriptor: the closed one.
            _ = open("/dev/null", O_RDWR)
        }
    }

    /// Whether standard error is a terminal (progress lines only go to terminals).
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Writes to standard output without buffering surprises between lines.
    static func output(_ text: String) {
        // Never the trapping `write(_: Data)`: stdout may be closed or a pipe nobody reads.
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }
}
