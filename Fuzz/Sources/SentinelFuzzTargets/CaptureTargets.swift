import SentinelCapture
import SentinelFeatures

/// Packets: capture files through libpcap and the whole offline pipeline, and raw frames
/// straight into the decoder, flow table and window aggregator.
enum CaptureTargets {
    /// The analysis settings of both targets: a small flow table, so that eviction runs too,
    /// and a bound on windows, so that a timestamp far in the future ends the analysis with
    /// its error instead of filling memory.
    static var options: AnalysisOptions {
        var options = AnalysisOptions()
        options.flows.maxFlows = 64
        options.maxWindows = 5_000
        return options
    }

    /// The input as a capture file (pcap or pcapng: libpcap tells them apart by their magic),
    /// read by ``OfflineAnalysis`` as `sentinel analyze` reads it.
    @Sendable static func captureFile(_ bytes: UnsafeRawBufferPointer) {
        let path = ScratchFile.store(bytes, suffix: "pcap")
        do {
            let result = try OfflineAnalysis.run(paths: [path], options: options)
            precondition(result.summary.windows == result.windows.count, "windows emitted and kept differ")
        } catch {
            // A file libpcap refuses, or one that would need too many windows: a correct answer.
        }
    }

    /// The link types frames are decoded as: every one the decoder reads, and one it does not.
    static let linkTypes: [LinkType] = [
        .ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .rawAlternate, .ipv4, .ipv6, LinkType(rawValue: 105),
    ]

    /// The input as a run of frames, each `[link type][length, 2 bytes][time step][bytes]`:
    /// the link type indexes ``linkTypes``, the time step moves the clock by 0–2.55 s (so
    /// that windows close and flows expire). Frames go through ``Analyzer`` as live capture
    /// feeds it, with a tick between frames now and then.
    @Sendable static func frames(_ bytes: UnsafeRawBufferPointer) {
        let analyzer = Analyzer(options: options, onFlow: { _ in }, onWindow: { _ in })
        var offset = 0
        var time = 1_700_000_000.0
        while offset + 4 <= bytes.count {
            let linkType = linkTypes[Int(bytes[offset]) % linkTypes.count]
            let declared = Int(bytes[offset + 1]) | Int(bytes[offset + 2]) << 8
            time += Double(bytes[offset + 3]) / 100
            offset += 4
            let length = min(declared, bytes.count - offset)
            let frame = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
            // The wire length is what the header says, which may be less than was captured.
            analyzer.ingest(CapturedFrame(timestamp: time, wireLength: declared, bytes: frame, linkType: linkType))
            if bytes[offset - 1] == 0xff { analyzer.tick(now: time + 61) }
            offset += length
        }
        _ = analyzer.finish(source: nil)
    }
}
