/// Errors that stop a capture from opening or running. Each names the file or interface
/// and says what to do.
public enum CaptureError: Error, CustomStringConvertible, Equatable {
    /// The path does not exist.
    case noSuchFile(path: String)
    /// The path is a directory, not a capture file.
    case isDirectory(path: String)
    /// libpcap could not open the file (empty, not a capture, truncated header…).
    case cannotOpenFile(path: String, reason: String)
    /// The process lacks the privileges to capture on `interface`.
    case permissionDenied(interface: String, reason: String)
    /// The interface does not exist or cannot capture.
    case cannotOpenInterface(interface: String, reason: String)
    /// libpcap rejected the BPF filter expression.
    case badFilter(filter: String, reason: String)
    /// A live capture failed while running.
    case readFailed(source: String, reason: String)

    public var description: String {
        switch self {
        case .noSuchFile(let path):
            return "\(path): no such file"
        case .isDirectory(let path):
            return "\(path): is a directory, not a capture file (give .pcap or .pcapng files)"
        case .cannotOpenFile(let path, let reason):
            return "\(path): not a readable pcap/pcapng capture: \(reason)"
        case .permissionDenied(let interface, let reason):
            return """
                \(interface): no permission to capture (\(reason)).
                Run as root, or grant the capabilities once: \
                sudo setcap cap_net_raw,cap_net_admin+eip $(command -v sentinel)
                """
        case .cannotOpenInterface(let interface, let reason):
            return "\(interface): cannot capture: \(reason)"
        case .badFilter(let filter, let reason):
            return "bad capture filter '\(filter)': \(reason)"
        case .readFailed(let source, let reason):
            return "\(source): capture failed: \(reason)"
        }
    }
}
