/// Why a `LogTailer` could not read its file. (A missing file is not an error: the tailer
/// waits for it to appear.)
public enum LogTailerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file exists but could not be opened (`reason` is the system's message).
    case cannotOpen(path: String, reason: String)
    /// The path is not a regular file (a directory, a socket…).
    case notRegularFile(path: String)
    /// Reading the open file failed.
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open the log: \(reason)"
        case .notRegularFile(let path): return "\(path): not a regular file"
        case .readFailed(let path, let reason): return "\(path): cannot read the log: \(reason)"
        }
    }
}
