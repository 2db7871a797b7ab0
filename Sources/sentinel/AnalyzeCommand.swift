import ArgumentParser
import SentinelCapture
import SentinelEngine
import SentinelFeatures

/// `sentinel analyze FILE...`: offline analysis of capture files.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse pcap/pcapng captures: flows, per-window features, top talkers.",
        discussion: """
            Files are merged in timestamp order. Damaged packets are counted by reason and \
            skipped (exit 0); a file that cannot be opened stops the run with exit code 2.
            Machine output (--format json|csv, --windows-out, --flows-out) is a stable contract: \
            see README.md for every feature's name, unit and meaning.
            """
    )

    @Argument(help: "Capture files (.pcap or .pcapng); - reads one capture from standard input.")
    var files: [String]

    @Option(name: .long, help: "Output format: text, json or csv (the windows CSV).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Only analyse packets matching this BPF filter.")
    var filter: String?

    @Option(name: .long, help: "Most rows in the text window table; longer captures are grouped. 0 shows all.")
    var rows: Int = 120

    @Flag(name: .long, help: "Never show the progress line (it only shows on a terminal anyway).")
    var noProgress = false

    @OptionGroup var analysis: AnalysisArguments

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one capture file") }
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
    }

    func run() throws {
        let flowsWriter: LineFileWriter?
        do {
            flowsWriter = try analysis.flowsOut.map { try LineFileWriter(path: $0) }
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        flowsWriter?.write(line: CSVFormat.flowHeader)
        let onFlow: ((FlowRecord) -> Void)? = flowsWriter.map { writer in { writer.write(line: CSVFormat.flowRow($0)) } }
        let progress = ProgressLine(enabled: !noProgress && Console.standardErrorIsTerminal)
        let result: OfflineAnalysis.Result
        do {
            result = try OfflineAnalysis.run(
                paths: files, options: analysis.options, filter: filter, onFlow: onFlow,
                progress: { progress.update(share: $0, frames: $1) })
        } catch let error as CaptureError {
            progress.clear()
            Console.error("\(error)")
            throw ExitCode(2)
        }
        progress.clear()
        flowsWriter?.close()
        if let path = analysis.windowsOut {
            do {
                let writer = try LineFileWriter(path: path)
                writer.write(line: CSVFormat.windowHeader)
                for window in result.windows { writer.write(line: CSVFormat.windowRow(window)) }
                writer.close()
            } catch {
                Console.error("\(error)")
                throw ExitCode(2)
            }
        }
        switch format {
        case .text:
            Console.output(TextReport.render(summary: result.summary, windows: result.windows,
                                             maxRows: rows == 0 ? Int.max : rows))
        case .json:
            Console.output(JSONReport.render(summary: result.summary, windows: result.windows))
        case .csv:
            var text = CSVFormat.windowHeader + "\n"
            for window in result.windows { text += CSVFormat.windowRow(window) + "\n" }
            Console.output(text)
        }
        for warning in result.summary.warnings where format != .text {
            Console.error("warning: \(warning)")
        }
    }
}
