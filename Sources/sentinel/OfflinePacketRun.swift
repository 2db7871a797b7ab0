import SentinelCapture
import SentinelDetection
import SentinelFeatures
import SentinelOutput

/// The offline analysis of capture files as `analyze` and `report` run it: the progress
/// line, `--flows-out`, every window classified, and `--windows-out`.
struct OfflinePacketRun {
    /// The analysis: totals and windows.
    var result: OfflineAnalysis.Result
    /// Each window's verdict (nil without a model).
    var detection: PacketDetection?
    /// Flows per server port (filled only when asked for, for the HTML report).
    var ports: PortTally
    /// The site gate after every window (nil without one).
    var gate: SiteGate<WindowRecord>?
    /// The windows CSV, when `--windows-out` asked for it.
    var windowsCSV: (header: String, rows: [String])?

    /// Analyses `files`.
    /// - Parameters:
    ///   - tallyPorts: count flows per server port (for the HTML report).
    ///   - showProgress: draw the progress line (it only shows on a terminal anyway).
    /// - Throws: ``CommandFailure`` naming a capture or an output file that cannot be used.
    init(
        files: [String], filter: String?, analysis: AnalysisArguments, detector: (detector: WindowDetector, source: String)?,
        gate: SiteGate<WindowRecord>? = nil, tallyPorts: Bool, showProgress: Bool
    ) throws {
        let flowsWriter: LineFileWriter? = try CommandFailure.wrapping { try analysis.flowsOut.map { try LineFileWriter(path: $0) } }
        flowsWriter?.write(line: CSVFormat.flowHeader)
        var ports = PortTally()
        let onFlow: ((FlowRecord) -> Void)? =
            flowsWriter == nil && !tallyPorts
            ? nil
            : { flow in
                flowsWriter?.write(line: CSVFormat.flowRow(flow))
                if tallyPorts { ports.add(flow) }
            }
        let progress = ProgressLine(enabled: showProgress && Console.standardErrorIsTerminal)
        do {
            result = try OfflineAnalysis.run(
                paths: files, options: analysis.options, filter: filter, onFlow: onFlow,
                progress: { progress.update(share: $0, frames: $1) })
        } catch {
            // A file that cannot be read, or more windows than an analysis keeps.
            progress.clear()
            throw CommandFailure(error)
        }
        progress.clear()
        flowsWriter?.close()
        self.ports = ports
        detection = detector.map { [result] in Detection(windows: result.windows, detector: $0.detector, modelSource: $0.source) }
        if var gate, detection != nil {
            detection!.apply(&gate, windows: &result.windows)
            self.gate = gate
        }
        if let path = analysis.windowsOut {
            let csv = Self.windowsCSV(result.windows, detection: detection)
            try CommandFailure.wrapping { try LineFileWriter.write([csv.header] + csv.rows, to: path) }
            windowsCSV = csv
        }
    }

    /// The windows CSV, with the verdict columns when there is a detection.
    static func windowsCSV(_ windows: [WindowRecord], detection: PacketDetection?) -> (header: String, rows: [String]) {
        guard let detection else { return (CSVFormat.windowHeader, windows.map { CSVFormat.windowRow($0) }) }
        return (
            CSVFormat.windowHeader(classNames: detection.classNames),
            zip(windows, detection.verdicts).map { CSVFormat.windowRow($0, verdict: $1) }
        )
    }
}
