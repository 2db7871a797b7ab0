/// Settings for a live capture on one interface.
public struct LiveCaptureOptions: Sendable {
    /// Interface name (`eth0`, `lo`, `any`).
    public var interface: String
    /// Optional BPF filter expression.
    public var filter: String?
    /// Bytes kept of each packet: every header the decoder reads fits in 256, and a small
    /// snap length gives libpcap's ring more slots (fewer kernel drops under load).
    public var snapshotLength: Int32 = 256
    /// Kernel capture buffer in MiB.
    public var bufferMegabytes: Int32 = 16
    /// Whether to put the interface in promiscuous mode.
    public var promiscuous: Bool = true
    /// How long a read waits before reporting ``ReadResult/timeout``, in milliseconds.
    public var readTimeoutMilliseconds: Int32 = 100

    /// Creates options for `interface`.
    public init(interface: String, filter: String? = nil) {
        self.interface = interface
        self.filter = filter
    }
}
