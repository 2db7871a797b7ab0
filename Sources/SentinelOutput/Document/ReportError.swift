import Foundation

/// Why a report could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// The file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write the report: \(reason)"
        }
    }
}
