import ArgumentParser
import Foundation
import SentinelCapture
import SentinelFeatures

/// One timed measurement (best of the repeats).
struct Timing: Codable {
    var packets: UInt64
    var seconds: Double
    var packetsPerSecond: Double
    /// Every repeat's seconds, in order.
    var allSeconds: [Double]
}

/// Everything `run` measured on one file.
struct RunReport: Codable {
    var file: String
    var fileBytes: Int
    var frames: UInt64
    var repeats: Int
    var decodeOnly: Timing
    var pipeline: Timing
    var tcpdump: Timing
    /// pipeline packets/s ÷ tcpdump packets/s.
    var pipelineToTcpdump: Double
    /// The pipeline child process's peak resident memory (VmHWM), KiB.
    var pipelinePeakKiB: Int
    /// The same child's VmHWM before the pipeline ran (runtime footprint), KiB.
    var pipelineBaselineKiB: Int
    var flowsCreated: UInt64
    var peakOpenFlows: Int
    var windows: Int
    var maxFlows: Int
}

/// `run FILE`: decode-only, full pipeline and tcpdump on the same file, best of --repeat.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure decode-only, the full pipeline and tcpdump on one capture.",
        discussion: """
            After one warm-up read (to bring the file into the page cache) each round runs, in \
            this order: (a) decode only: FilePacketSource + PacketDecoder over every frame; \
            (b) the full pipeline: OfflineAnalysis.run (decode + flow table + window features); \
            (c) `tcpdump -nn -r FILE -w /dev/null` as a child process, wall clock from launch to \
            exit. The best of --repeat rounds is reported for each. Peak memory (VmHWM) is \
            measured on one more pipeline run in a child process (`run-pipeline`), so that it \
            is the pipeline's alone. Timings vary with machine load.
            """
    )

    @Argument(help: "Capture file (.pcap or .pcapng).")
    var file: String

    @Option(name: .customLong("repeat"), help: "Rounds; the best of each measurement is reported.")
    var repeats: Int = 3

    @Option(name: .long, help: "--max-flows for the pipeline.")
    var maxFlows: Int = 1_000_000

    @Option(name: .long, help: "The tcpdump executable.")
    var tcpdump: String = "/usr/bin/tcpdump"

    @Flag(name: .long, help: "Print the figures as JSON instead of a table.")
    var json = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard maxFlows >= 1 else { throw ValidationError("--max-flows must be at least 1") }
        guard FileManager.default.isExecutableFile(atPath: tcpdump) else {
            throw ValidationError("tcpdump not found at \(tcpdump) (install it or pass --tcpdump PATH)")
        }
    }

    func run() throws {
        let frames = try countFrames()  // warm-up: the file is now in the page cache
        var options = AnalysisOptions()
        options.flows.maxFlows = maxFlows
        var decode: [(UInt64, Double)] = []
        var pipeline: [(UInt64, Double)] = []
        var dump: [(UInt64, Double)] = []
        var flowsCreated: UInt64 = 0, peakOpen = 0, windows = 0
        for round in 1...repeats {
            log("round \(round)/\(repeats): decode only…")
            decode.append(try decodeOnly())
            log("round \(round)/\(repeats): full pipeline…")
            let start = Measure.now()
            let result = try OfflineAnalysis.run(paths: [file], options: options)
            pipeline.append((result.summary.frames, Measure.now() - start))
            flowsCreated = result.summary.flows.created
            peakOpen = result.summary.flows.peakOpen
            windows = result.windows.count
            log("round \(round)/\(repeats): tcpdump…")
            let run = try Measure.run(tcpdump, ["-nn", "-r", file, "-w", "/dev/null"])
            guard run.status == 0 else {
                throw ValidationError("tcpdump exited with status \(run.status) on \(file)")
            }
            dump.append((frames, run.seconds))
        }
        log("pipeline memory in a child process…")
        let child = try Measure.run(
            Measure.selfExecutable(),
            ["run-pipeline", file, "--max-flows", String(maxFlows)],
            captureOutput: true)
        guard child.status == 0,
            let line = child.output.split(separator: "\n").last,
            let memory = try? JSONDecoder().decode(PipelineChildReport.self, from: Data(line.utf8))
        else {
            throw ValidationError("the run-pipeline child failed (status \(child.status)): \(child.output)")
        }
        let a = best(decode), b = best(pipeline), c = best(dump)
        let report = RunReport(
            file: file, fileBytes: Measure.fileSize(file), frames: frames, repeats: repeats,
            decodeOnly: a, pipeline: b, tcpdump: c,
            pipelineToTcpdump: b.packetsPerSecond / c.packetsPerSecond,
            pipelinePeakKiB: memory.peakKiB, pipelineBaselineKiB: memory.baselinePeakKiB,
            flowsCreated: flowsCreated, peakOpenFlows: peakOpen, windows: windows, maxFlows: maxFlows)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Self.table(report))
        }
    }

    /// The text table for one report.
    static func table(_ r: RunReport) -> String {
        func row(_ name: String, _ t: Timing) -> String {
            name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + Int(t.packets).grouped.leftPad(12) + t.seconds.fixed(3).leftPad(10)
                + Int(t.packetsPerSecond.rounded()).grouped.leftPad(14)
        }
        let mib = { (k: Int) in (Double(k) / 1024).fixed(1) + " MiB" }
        return """
            \(r.file): \(Int(r.frames).grouped) frames, \((Double(r.fileBytes) / 1_048_576).fixed(1)) MiB, best of \(r.repeats)
            \("measurement".padding(toLength: 28, withPad: " ", startingAt: 0))\("packets".leftPad(12))\("seconds".leftPad(10))\("packets/s".leftPad(14))
            \(row("(a) decode only", r.decodeOnly))
            \(row("(b) full pipeline", r.pipeline))
            \(row("(c) tcpdump -w /dev/null", r.tcpdump))
            pipeline / tcpdump: \(r.pipelineToTcpdump.fixed(2))× (target ≥ 0.5)
            pipeline peak RSS (child VmHWM): \(mib(r.pipelinePeakKiB)) (runtime baseline \(mib(r.pipelineBaselineKiB)))
            flows created \(Int(r.flowsCreated).grouped), peak open \(r.peakOpenFlows.grouped) (--max-flows \(r.maxFlows.grouped)), windows \(r.windows.grouped)
            """
    }

    private func best(_ runs: [(UInt64, Double)]) -> Timing {
        let fastest = runs.min { $0.1 < $1.1 }!
        return Timing(
            packets: fastest.0, seconds: fastest.1,
            packetsPerSecond: Double(fastest.0) / fastest.1, allSeconds: runs.map(\.1))
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data("sentinel-bench: \(text)\n".utf8))
    }

    private func countFrames() throws -> UInt64 {
        let source = try FilePacketSource(paths: [file])
        var n: UInt64 = 0
        while case .frame = try source.read() { n &+= 1 }
        return n
    }

    /// (a): read and decode every frame, folding a few fields into a sink so nothing is elided.
    private func decodeOnly() throws -> (UInt64, Double) {
        let start = Measure.now()
        let source = try FilePacketSource(paths: [file])
        let decoder = PacketDecoder(linkType: source.linkTypes[0])
        var frames: UInt64 = 0, ip: UInt64 = 0, sink: UInt64 = 0
        while case .frame(let frame) = try source.read() {
            frames &+= 1
            switch decoder.decode(frame.bytes, wireLength: frame.wireLength, timestamp: frame.timestamp) {
            case .ip(let view):
                ip &+= 1
                sink &+= UInt64(view.sourcePort) &+ UInt64(view.payloadLength) &+ view.source.low
            case .nonIP(let type):
                sink &+= UInt64(type)
            case .malformed:
                sink &+= 1
            }
        }
        let seconds = Measure.now() - start
        if sink == 0x5eed_5eed { print("") }  // keeps `sink` alive
        return (frames, seconds)
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
