import SentinelCapture

/// Why a flow left the flow table.
public enum FlowCloseReason: String, CaseIterable, Sendable {
    /// No packet for the idle timeout.
    case idle
    /// Open longer than the active timeout; a new flow continues it.
    case active
    /// FIN from both sides and the final ACK.
    case fin
    /// A RST.
    case rst
    /// Pushed out because the table was full.
    case evicted
    /// Still open when the capture ended.
    case end
}

/// A finished flow: its endpoints and feature values.
public struct FlowRecord: Sendable {
    /// The client: the sender of the flow's first packet.
    public var client: IPAddress
    /// The client's port.
    public var clientPort: UInt16
    /// The server.
    public var server: IPAddress
    /// The server's port.
    public var serverPort: UInt16
    /// IP protocol number.
    public var ipProtocol: UInt8
    /// First packet time, seconds since the epoch.
    public var start: Double
    /// Last packet time.
    public var end: Double
    /// Why the flow was closed.
    public var closeReason: FlowCloseReason
    /// Values indexed by `FlowFeature.rawValue`.
    public var values: [Double]

    /// The value of one feature.
    public subscript(feature: FlowFeature) -> Double { values[feature.rawValue] }

    /// The feature names in column order.
    public static var featureNames: [String] { FlowFeature.allCases.map(\.name) }
}
