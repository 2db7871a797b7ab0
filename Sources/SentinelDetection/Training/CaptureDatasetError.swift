/// Why labelled captures could not become a dataset.
package enum CaptureDatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `labels.csv` is missing or unreadable.
    case cannotRead(path: String)
    /// The header lacks `file` or `class`.
    case badHeader(path: String)
    /// A row is unusable.
    case badRow(path: String, line: Int, reason: String)
    /// A labelled capture could not be analysed.
    case capture(path: String, reason: String)
    /// No window of any file carried packets.
    case noWindows(directory: String)

    package var description: String {
        switch self {
        case let .cannotRead(path): return "\(path): cannot read the labels file"
        case let .badHeader(path): return "\(path): the header must name the columns file and class (and optionally start,end)"
        case let .badRow(path, line, reason): return "\(path):\(line): \(reason)"
        case let .capture(path, reason): return "\(path): \(reason)"
        case let .noWindows(directory): return "\(directory): the labelled captures hold no packets"
        }
    }
}
