import SentinelCapture

extension SentinelRuntime {
    /// Queues a frame on `interface` as that interface's capture thread does; the next
    /// ``pass(wait:)`` turns it into windows. The in-process harness feeds capture files
    /// this way, in step with the clock it moves.
    ///
    /// - Returns: `false` when no such interface is configured.
    package func enqueue(_ frame: CapturedFrame, interface name: String) -> Bool {
        guard let interface = interfaces.first(where: { $0.name == name }) else { return false }
        interface.queue.push(
            OwnedFrame(
                timestamp: frame.timestamp, wireLength: frame.wireLength, linkType: frame.linkType,
                bytes: Array(frame.bytes.bindMemory(to: UInt8.self))))
        return true
    }
}
