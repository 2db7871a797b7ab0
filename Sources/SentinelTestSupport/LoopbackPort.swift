/// Free loopback ports for tests.
public enum LoopbackPort {
    /// A loopback port that was free a moment ago (bound, noted, released), chosen below Linux's
    /// ephemeral range (32768–60999): a test that binds it later, or binds it again (a receiver
    /// restarted on the same port), must not find it taken by another test's outgoing
    /// connection, to which the kernel gives ephemeral ports.
    public static func free() throws -> UInt16 {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let port = UInt16.random(in: 20_000..<32_000, using: &generator)
            if let probe = try? WebhookReceiver(port: port) {
                probe.stop()
                return port
            }
        }
        let probe = try WebhookReceiver()
        defer { probe.stop() }
        return probe.port
    }
}
