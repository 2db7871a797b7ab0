import Foundation

/// Writes to standard error and knows whether it is a terminal.
enum Console {
    /// Writes `text` to standard error as is.
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `sentinel: text` and a newline to standard error.
    static func error(_ text: String) {
        errorRaw("sentinel: \(text)\n")
    }

    /// Whether standard error is a terminal (progress lines only go to terminals).
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Writes to standard output without buffering surprises between lines.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
