import SentinelCapture
import SentinelRuntime

/// Drives a ``SentinelRuntime`` in-process, window by window, on a clock the test moves — in
/// the spirit of HummingbirdTesting's `.router` mode beside `.live`: the same runtime as
/// `sentinel run` (its gates, incidents, planner, store, outbox, enforcement), without
/// launching the binary, without libpcap, and without sleeping.
///
/// Each configured interface reads a capture file instead of a live device. Its frames are
/// fed in the clock's time: moving the clock to `t` queues every frame stamped at or before
/// `t`, then runs one pass of the runtime's loop at `t` (windows closed, incidents opened and
/// resolved, deliveries, leases, expiries, purges due by `t`).
///
/// ```swift
/// let harness = try RuntimeHarness(configuration: yaml, captures: ["eth0": "captures/syn_flood.pcap"]) {
///     try SentinelRuntime(configuration: $0, detector: detector, database: store, webhooks: [],
///                         host: "gw-a", modelName: "default", clock: $1, openCapture: $2)
/// }
/// harness.advance(by: 5)          // five one-second passes
/// ```
package final class RuntimeHarness {
    /// The clock every schedule of the runtime reads.
    package let clock: ManualClock
    /// The runtime under test.
    package let runtime: SentinelRuntime
    private var feeds: [CaptureFeed]

    /// Builds the runtime with `make`, handing it the harness's clock and a capture opener
    /// that gives each interface of `captures` its file; the clock starts at `start`, or at
    /// the first frame of the captures.
    ///
    /// - Parameters:
    ///   - captures: the capture file of each configured interface, by name.
    ///   - start: the clock's first reading (seconds since 1970).
    ///   - make: creates the runtime from the clock and the capture opener (pass both on).
    /// - Throws: ``RuntimeHarnessError`` for an interface without a capture file or a file
    ///   that cannot be read, or what `make` throws.
    package init(
        captures: [String: String] = [:], start: Double? = nil,
        make: (ManualClock, @escaping (LiveCaptureOptions) throws -> any PacketSource) throws -> SentinelRuntime
    ) throws {
        var feeds: [CaptureFeed] = []
        for (interface, path) in captures.sorted(by: { $0.key < $1.key }) {
            feeds.append(try CaptureFeed(interface: interface, path: path))
        }
        let first = feeds.compactMap(\.nextTimestamp).min()
        let clock = ManualClock(start: start ?? first ?? 0)
        let names = Set(captures.keys)
        self.clock = clock
        self.feeds = feeds
        self.runtime = try make(clock) { options in
            guard names.contains(options.interface) else { throw RuntimeHarnessError.noCapture(interface: options.interface) }
            // The harness feeds the interface itself; its capture thread ends at once.
            return NoPackets()
        }
        runtime.startCapture()
        feed(upTo: clock.now())
        runtime.pass()
    }

    /// Moves the clock forward by `seconds`, one pass every `step` seconds (and one at the end).
    package func advance(by seconds: Double, step: Double = 1) {
        advance(to: clock.now() + seconds, step: step)
    }

    /// Moves the clock to `time`, one pass every `step` seconds (and one at `time`).
    package func advance(to time: Double, step: Double = 1) {
        precondition(step > 0, "a step must be positive")
        var now = clock.now()
        while now < time {
            now = min(now + step, time)
            clock.set(to: now)
            feed(upTo: now)
            runtime.pass()
        }
    }

    /// Ends the run as a stop of `sentinel run` does: the open windows finished, what is
    /// queued delivered within the stop budget, the lease released.
    package func finish() -> RuntimeSummary {
        runtime.finish()
    }

    /// Queues every frame stamped at or before `time`, passing the runtime whenever a
    /// thousand are waiting so that no queue overflows.
    private func feed(upTo time: Double) {
        for index in feeds.indices {
            var queued = 0
            let interface = feeds[index].interface
            while feeds[index].next(upTo: time, { _ = runtime.enqueue($0, interface: interface) }) {
                queued += 1
                if queued % 1_000 == 0 { runtime.pass() }
            }
        }
    }
}
