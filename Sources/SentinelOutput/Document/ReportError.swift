import Foundation

/// Why a report could not be written.
package enum ReportError: Error, CustomStringConvertible, Equatable {
    /// The file could not be written.
    case cannotWrite(path: String, reason: String)

    package var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write the report: \(reason)"
        }
    }
}
