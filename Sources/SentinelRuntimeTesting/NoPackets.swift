import SentinelCapture

/// The packet source the harness opens for each interface: it ends at once, because the
/// harness queues the interface's frames itself, in the clock's time.
final class NoPackets: PacketSource {
    var warnings: [String] { [] }

    func read() throws -> ReadResult { .end }

    func statistics() -> CaptureStatistics { CaptureStatistics() }
}
