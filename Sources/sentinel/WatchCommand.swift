import ArgumentParser
import SentinelCapture
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelOutput
import SentinelRuntime

/// `sentinel watch --interface IF`: live capture with per-window output.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Capture live from an interface and print each window as it closes.",
        discussion: """
            Needs capture privileges: run as root, or once \
            `sudo setcap cap_net_raw,cap_net_admin+eip $(command -v sentinel)`.
            Windows close on wall-clock time even when no packet arrives; each is classified by \
            the model (--model, else the shipped default) and printed with its verdict. Kernel and interface \
            drop counts (pcap_stats) are printed to stderr every --stats-interval seconds and at \
            the end. Ctrl-C or SIGTERM stops cleanly with a final summary.
            """
    )

    @Option(name: [.short, .long], help: "Interface to capture on (e.g. eth0, lo, any).")
    var interface: String

    @Option(name: .long, help: "BPF capture filter, e.g. 'tcp port 443'.")
    var filter: String?

    @Option(name: .long, help: "Bytes kept of each packet (headers need ~128).")
    var snaplen: Int32 = 256

    @Option(name: .customLong("buffer-mb"), help: "Kernel capture buffer in MiB.")
    var bufferMB: Int32 = 16

    @Flag(name: .long, help: "Do not put the interface in promiscuous mode.")
    var noPromiscuous = false

    @Option(name: .long, help: "Per-window output: text lines, json (one object per line) or csv.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Seconds between drop-count reports on stderr (0: only at the end).")
    var statsInterval: Double = 10

    @Option(name: .long, help: "Stop after this many packets.")
    var count: UInt64?

    @Option(name: .long, help: "Stop after this many seconds.")
    var duration: Double?

    @OptionGroup var analysis: AnalysisArguments
    @OptionGroup var modelOptions: ModelArguments

    func validate() throws {
        guard snaplen >= 64 else { throw ValidationError("--snaplen must be at least 64") }
        guard (1...2047).contains(bufferMB) else { throw ValidationError("--buffer-mb must be 1…2047") }
        guard statsInterval >= 0 else { throw ValidationError("--stats-interval must be 0 or more") }
    }

    func run() throws {
        let detector = try modelOptions.detector()?.detector
        var capture = LiveCaptureOptions(interface: interface, filter: filter)
        capture.snapshotLength = snaplen
        capture.bufferMegabytes = bufferMB
        capture.promiscuous = !noPromiscuous
        let windowsWriter: LineFileWriter?
        let flowsWriter: LineFileWriter?
        do {
            windowsWriter = try analysis.windowsOut.map { try LineFileWriter(path: $0) }
            flowsWriter = try analysis.flowsOut.map { try LineFileWriter(path: $0) }
        } catch {
            throw CommandFailure(error)
        }
        let header = detector.map { CSVFormat.windowHeader(classNames: $0.classNames) } ?? CSVFormat.windowHeader
        windowsWriter?.write(line: header)
        flowsWriter?.write(line: CSVFormat.flowHeader)
        let format = self.format
        let windowLength = analysis.window
        if format == .csv { Console.output(header + "\n") }
        let monitor: LiveMonitor
        do {
            monitor = try LiveMonitor(
                capture: capture, analysis: analysis.options,
                onFlow: flowsWriter.map { writer in { writer.write(line: CSVFormat.flowRow($0)) } },
                onWindow: { window in
                    let verdict = detector?.classify(window, explain: format != .csv)
                    windowsWriter?.write(line: CSVFormat.windowRow(window, verdict: verdict))
                    Console.output(
                        WatchCommand.line(
                            for: window, verdict: verdict, classNames: detector?.classNames ?? [],
                            format: format, windowLength: windowLength))
                })
        } catch let error as CaptureError {
            throw CommandFailure(error)
        }
        for warning in monitor.warnings { Console.error("warning: \(warning)") }
        StopSignal.install()
        Console.error("capturing on \(interface)\(filter.map { " (filter: \($0))" } ?? ""); Ctrl-C stops")
        var limits = LiveMonitor.Limits()
        limits.maxFrames = count
        limits.duration = duration
        let summary: AnalysisSummary
        do {
            summary = try monitor.run(
                limits: limits, statsInterval: statsInterval, shouldStop: { StopSignal.requested },
                onStats: { Console.error(WatchCommand.statsLine($0)) })
        } catch let error as CaptureError {
            throw CommandFailure(error, exitCode: 1)
        }
        windowsWriter?.close()
        flowsWriter?.close()
        Console.error(WatchCommand.statsLine(summary.capture))
        if format == .text {
            Console.output("\n" + TextReport.render(summary: summary, windows: [], maxRows: 0))
        }
    }

    static func statsLine(_ s: CaptureStatistics) -> String {
        "stats: received \(s.received), dropped by kernel \(s.droppedByKernel), dropped by interface \(s.droppedByInterface)"
    }

    static func line(
        for window: WindowRecord, verdict: WindowVerdict?, classNames: [String],
        format: OutputFormat, windowLength: Double
    ) -> String {
        switch format {
        case .json:
            var json = JSONWriter()
            JSONReport.writeWindow(window, verdict: verdict.map { (classNames, $0) }, into: &json)
            return json.text + "\n"
        case .csv:
            return CSVFormat.windowRow(window, verdict: verdict) + "\n"
        case .text:
            let f = window.features
            var line = HumanFormat.time(window.start, dateless: true, fractional: windowLength < 1)
            line += "  pkts/s \(HumanFormat.compact(f[.packetsPerSecond]))"
            line += "  bytes/s \(HumanFormat.compact(f[.bytesPerSecond]))"
            line += "  newfl/s \(HumanFormat.compact(f[.newFlowsPerSecond]))"
            line += "  SYN:SA \(HumanFormat.compact(f[.synToSynAckRatio]))"
            line += "  halfopen \(HumanFormat.compact(f[.halfOpenConnections]))"
            line += "  srcs \(HumanFormat.compact(f[.distinctSources]))"
            if let top = window.topTalkers.first { line += "  top \(top.address) (\(top.packets))" }
            if let verdict {
                line += "  → \(verdict.className) \(HumanFormat.percent(verdict.confidence))"
                if verdict.isAttack, let reasons = verdict.explanation?.reasons, !reasons.isEmpty {
                    line += "  [" + reasons.prefix(3).joined(separator: "; ") + "]"
                }
            }
            return line + "\n"
        }
    }
}
