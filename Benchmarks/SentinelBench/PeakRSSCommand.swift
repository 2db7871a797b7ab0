import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `peak-rss` reports for one command.
struct PeakRSSReport: Codable {
    var label: String
    var command: [String]
    var status: Int32
    var seconds: Double
    /// The child's peak resident memory (ru_maxrss), KiB.
    var peakKiB: Int
}

/// `peak-rss -- COMMAND…` (hidden): runs one command and reports its peak RSS, without
/// needing /usr/bin/time. Its only child is the command, so RUSAGE_CHILDREN's ru_maxrss
/// is that command's peak.
struct PeakRSSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peak-rss",
        abstract: "Run a command (output discarded) and print its wall time and peak RSS as JSON.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "A name for the figure in reports.")
    var label: String = ""

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after `--`.")
    var command: [String]

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("give the command after --") }
    }

    func run() throws {
        let result = try Measure.run(command[0], Array(command.dropFirst()))
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let report = PeakRSSReport(
            label: label, command: command, status: result.status,
            seconds: result.seconds, peakKiB: Int(usage.ru_maxrss))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
        if result.status != 0 { throw ExitCode(result.status) }
    }
}

/// `summarize` (hidden): one Markdown table from `run --json` and `peak-rss` outputs.
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Print Markdown tables from saved `run --json` and `peak-rss` reports.",
        shouldDisplay: false
    )

    @Option(name: .customLong("run"), help: ArgumentHelp("A `run --json` output: NAME=FILE.", valueName: "name=file"))
    var runs: [String] = []

    @Option(name: .customLong("rss"), help: ArgumentHelp("A `peak-rss` output file.", valueName: "file"))
    var rss: [String] = []

    @Flag(name: .long, help: "Also print each run's detailed table.")
    var details = false

    func run() throws {
        let decoder = JSONDecoder()
        var detailed: [String] = []
        func mpps(_ v: Double) -> String { (v / 1e6).fixed(2) + " M" }
        func mib(_ k: Int) -> String { (Double(k) / 1024).fixed(0) + " MiB" }
        print(
            "| capture | packets | decode only (pkt/s) | full pipeline (pkt/s) | tcpdump -w /dev/null (pkt/s) | pipeline ÷ tcpdump | pipeline peak RSS |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for item in runs {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--run wants NAME=FILE, got \(item)") }
            let r = try decoder.decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: parts[1])))
            print(
                "| \(parts[0]) | \(Int(r.frames).grouped) | \(mpps(r.decodeOnly.packetsPerSecond)) | "
                    + "\(mpps(r.pipeline.packetsPerSecond)) | \(mpps(r.tcpdump.packetsPerSecond)) | "
                    + "\(r.pipelineToTcpdump.fixed(2))× | \(mib(r.pipelinePeakKiB)) |")
            detailed.append(RunCommand.table(r))
        }
        if !rss.isEmpty {
            print("")
            print("| command | wall time | peak RSS |")
            print("| --- | ---: | ---: |")
            for file in rss {
                let r = try decoder.decode(PeakRSSReport.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
                print("| \(r.label.isEmpty ? r.command.joined(separator: " ") : r.label) | \(r.seconds.fixed(2)) s | \(mib(r.peakKiB)) |")
            }
        }
        if details {
            for table in detailed { print("\n" + table) }
        }
    }
}
