import ArgumentParser
import Foundation
import SentinelFeatures

/// What one pipeline run in a child process reports (one JSON line on standard output).
struct PipelineChildReport: Codable {
    var packets: UInt64
    var seconds: Double
    /// VmHWM before the pipeline ran (the runtime's own footprint), KiB.
    var baselinePeakKiB: Int
    /// VmHWM at the end, KiB: the process's peak resident memory.
    var peakKiB: Int
    var flowsCreated: UInt64
    var peakOpenFlows: Int
    var windows: Int
}

/// `run-pipeline FILE` (hidden): the full pipeline once, in its own process, so its peak
/// memory is the pipeline's alone. `run` invokes it.
struct RunPipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-pipeline",
        abstract: "Run the full pipeline once and print packets, seconds and VmHWM as JSON.",
        shouldDisplay: false
    )

    @Argument(help: "Capture file.")
    var file: String

    @Option(name: .long, help: "Most flows held in memory.")
    var maxFlows: Int = 1_000_000

    func run() throws {
        let baseline = Measure.statusKiB("VmHWM") ?? 0
        var options = AnalysisOptions()
        options.flows.maxFlows = maxFlows
        let start = Measure.now()
        let result = try OfflineAnalysis.run(paths: [file], options: options)
        let seconds = Measure.now() - start
        let report = PipelineChildReport(
            packets: result.summary.frames, seconds: seconds, baselinePeakKiB: baseline,
            peakKiB: Measure.statusKiB("VmHWM") ?? 0, flowsCreated: result.summary.flows.created,
            peakOpenFlows: result.summary.flows.peakOpen, windows: result.windows.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
