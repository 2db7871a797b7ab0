import ArgumentParser
import SentinelCapture
import SentinelDetection
import SentinelFeatures
import SentinelOutput

/// `sentinel analyze FILE...`: offline analysis of capture files.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse pcap/pcapng captures: flows, per-window features, top talkers, and each window's verdict.",
        discussion: """
            Files are merged in timestamp order. --log adds access logs (nginx/Apache combined, \
            HAProxy httplog or JSON lines, detected from the first lines): per-window requests/s, \
            status shares, latency percentiles, clients and growth; malformed lines are counted by \
            reason and skipped, the first ones quoted with file and line. Damaged packets are counted by reason and \
            skipped (exit 0); a file that cannot be opened stops the run with exit code 2.
            Machine output (--format json|csv, --windows-out, --flows-out) is a stable contract: \
            see docs/features.md for every feature's name, unit and meaning.
            Every window is classified by the model (--model, else the shipped default): the \
            report lists attack runs with their top sources and why; JSON windows gain verdict, \
            confidence, p_<class> and explanation, and the windows CSV gains the same columns.
            """
    )

    @Argument(help: "Capture files (.pcap or .pcapng); - reads one capture from standard input.")
    var files: [String] = []

    @OptionGroup var logOptions: LogArguments

    @Option(name: .long, help: "Output format: text, json or csv (the windows CSV).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Only analyse packets matching this BPF filter.")
    var filter: String?

    @Option(name: .long, help: "Most rows in the text window table; longer captures are grouped. 0 shows all.")
    var rows: Int = 120

    @Flag(name: .long, help: "Never show the progress line (it only shows on a terminal anyway).")
    var noProgress = false

    @Option(name: .long, help: ArgumentHelp("Also write the HTML report (as `sentinel report`) to this file.", valueName: "report.html"))
    var html: String?

    @OptionGroup var analysis: AnalysisArguments
    @OptionGroup var modelOptions: ModelArguments

    func validate() throws {
        guard !files.isEmpty || !logOptions.logs.isEmpty else {
            throw ValidationError("give at least one capture file, or an access log with --log")
        }
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
    }

    func run() throws {
        let logs = try logOptions.analyse(
            window: analysis.window,
            detector: logOptions.logs.isEmpty ? nil : try modelOptions.logDetector(),
            gate: try modelOptions.siteGate(kind: "logs"))
        guard !files.isEmpty else {
            switch format {
            case .text: Console.output(LogReport.text(logs!, windowLength: analysis.window, maxRows: rows == 0 ? Int.max : rows))
            case .json: Console.output(JSONReport.render(summary: nil, windows: [], logs: logs))
            case .csv: Console.output(LogReport.csv(logs!).joined(separator: "\n") + "\n")
            }
            if let html { try ReportCommand.write(AnalysisReport.Input(logs: logs, generator: ReportCommand.generator), to: html) }
            return
        }
        let run = try OfflinePacketRun(
            files: files, filter: filter, analysis: analysis, detector: try modelOptions.detector(),
            gate: try modelOptions.siteGate(kind: "packets"), tallyPorts: html != nil, showProgress: !noProgress)
        let (result, detection) = (run.result, run.detection)
        switch format {
        case .text:
            Console.output(
                TextReport.render(
                    summary: result.summary, windows: result.windows,
                    maxRows: rows == 0 ? Int.max : rows, detection: detection)
                    + (logs.map { LogReport.text($0, windowLength: analysis.window, maxRows: rows == 0 ? Int.max : rows) } ?? ""))
        case .json:
            Console.output(JSONReport.render(summary: result.summary, windows: result.windows, detection: detection, logs: logs))
        case .csv:
            let csv = run.windowsCSV ?? OfflinePacketRun.windowsCSV(result.windows, detection: detection)
            Console.output(([csv.header] + csv.rows).joined(separator: "\n") + "\n")
        }
        if let html {
            try ReportCommand.write(
                AnalysisReport.Input(
                    analysis: result, detection: detection, logs: logs, ports: run.ports,
                    generator: ReportCommand.generator), to: html)
        }
        for warning in result.summary.warnings where format != .text {
            Console.error("warning: \(warning)")
        }
    }
}
