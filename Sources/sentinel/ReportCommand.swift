import ArgumentParser
import Foundation
import SentinelCapture
import SentinelDetection
import SentinelFeatures
import SentinelOutput

/// `sentinel report FILE... -o report.html`: one self-contained HTML page with SVG charts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (SVG charts) of captures and access logs.",
        discussion: """
            The page needs no network and no scripts: timelines of packets/s, bytes/s and new \
            flows/s (with --log: requests/s, latency and 5xx share) with each window's verdict as \
            a coloured band and the incidents marked; class probabilities over time; incidents \
            with their offending sources; top talkers, protocol mix and destination ports. \
            Captures longer than --max-points windows are drawn in groups of windows (mean with \
            a min–max envelope; a group with any attack window takes its most frequent attack \
            class); the captions say how many windows each point holds. See docs/report.md.
            """
    )

    @Argument(help: "Capture files (.pcap or .pcapng), merged in timestamp order.")
    var files: [String] = []

    @OptionGroup var logOptions: LogArguments

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write.", valueName: "report.html"))
    var output: String

    @Option(name: .long, help: "The report's title.")
    var title: String = "Sentinel report"

    @Option(name: .long, help: "Most points per chart; more windows are grouped.")
    var maxPoints: Int = AnalysisReport.defaultMaxPoints

    @Option(name: .long, help: "Only analyse packets matching this BPF filter.")
    var filter: String?

    @Flag(name: .long, help: "Never show the progress line (it only shows on a terminal anyway).")
    var noProgress = false

    @OptionGroup var analysis: AnalysisArguments
    @OptionGroup var modelOptions: ModelArguments

    func validate() throws {
        guard !files.isEmpty || !logOptions.logs.isEmpty else {
            throw ValidationError("give at least one capture file, or an access log with --log")
        }
        guard maxPoints >= 10 else { throw ValidationError("--max-points must be at least 10") }
    }

    func run() throws {
        let logs = try logOptions.analyse(
            window: analysis.window,
            detector: logOptions.logs.isEmpty ? nil : try modelOptions.logDetector())
        var input = AnalysisReport.Input(title: title, logs: logs, generator: Self.generator)
        if !files.isEmpty {
            let run = try OfflinePacketRun(
                files: files, filter: filter, analysis: analysis, detector: try modelOptions.detector(),
                tallyPorts: true, showProgress: !noProgress)
            let (result, detection, ports) = (run.result, run.detection, run.ports)
            for warning in result.summary.warnings { Console.error("warning: \(warning)") }
            input.analysis = result
            input.detection = detection
            input.ports = ports
        }
        try Self.write(input, to: output, maxPoints: maxPoints)
    }

    /// The program named in reports.
    static var generator: String { "sentinel \(SentinelCommand.configuration.version)" }

    /// Writes the report page to `path` and says so on standard error; exits 2 naming the
    /// path when it cannot be written.
    static func write(_ input: AnalysisReport.Input, to path: String, maxPoints: Int = AnalysisReport.defaultMaxPoints) throws {
        let html = AnalysisReport.html(input, maxPoints: maxPoints)
        try CommandFailure.wrapping { try ReportFile.write(html, to: path) }
        Console.error("report: \(path) (\(html.utf8.count) bytes)")
    }
}
