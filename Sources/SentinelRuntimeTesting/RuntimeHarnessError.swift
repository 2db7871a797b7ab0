/// Why a ``RuntimeHarness`` could not be built.
package enum RuntimeHarnessError: Error, CustomStringConvertible, Equatable {
    /// The configuration names an interface the harness was given no capture file for.
    case noCapture(interface: String)
    /// A capture file could not be read.
    case unreadableCapture(path: String, reason: String)

    package var description: String {
        switch self {
        case .noCapture(let interface):
            return "the configuration captures on \(interface), and the harness has no capture file for it"
        case .unreadableCapture(let path, let reason):
            return "cannot read the capture \(path): \(reason)"
        }
    }
}
