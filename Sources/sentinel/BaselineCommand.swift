import ArgumentParser
import Foundation
import SentinelCapture
import SentinelDetection
import SentinelFeatures

/// `sentinel baseline CAPTURE... -o site.json`: learns a site's normal from its own traffic.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Learn a site's normal traffic from captures of it, for `analyze --baseline` and `run`.",
        discussion: """
            Every window of the captures (ordinary traffic of the site, with no attack in it) is \
            learnt: for each tracked rate (packets/s, new flows/s, SYN/s, RST/s, handshakes/s, \
            UDP and ICMP packets/s, the top source's packets/s, distinct sources and ports, the \
            largest fan-out, unanswered requests) its level and spread in log space, so \"3× my \
            normal\" reads the same at 50 and at 50,000 packets/s. With the baseline, an attack \
            verdict also needs the window to be unusual for this site (a metric at least \
            --unusual-z robust deviations above its level): a heavy API client or a busy hour \
            that the site always has stays normal, and an unusual window that no attack class \
            fits is reported as unknown_anomaly (never enforced). docs/detection.md has the \
            details and measured effect.

            With --log instead of captures, an access log's normal is learnt (requests/s, p50 \
            and p95 latency, 4xx/5xx and slow requests per second, the top client's \
            requests/s, distinct clients): a site that is always slow is then not degraded, \
            and one whose p95 doubles is.
            """
    )

    @Argument(help: "Captures of the site's ordinary traffic (.pcap or .pcapng).")
    var files: [String] = []

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp("An access log of the site's ordinary traffic (repeatable), instead of captures.", valueName: "file"))
    var logs: [String] = []

    @Option(name: .long, help: "Log format: auto (detected from the first lines), combined, haproxy or json.")
    var logFormat: LogFormat = .auto

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the baseline.", valueName: "site.json"))
    var output: String

    @Option(name: .long, help: "Seconds after which a window's weight in the level halves (how fast the normal moves).")
    var halfLife: Double = 1_800

    @Option(name: .long, help: "The robust z-score at which a metric makes a window unusual.")
    var unusualZ: Double = 4

    @Option(name: .long, help: "Seconds an unusual stretch is kept out of the baseline before it is the new normal.")
    var hold: Double = 600

    @Option(
        name: .long,
        help: "Seconds an unusual stretch that no model names an attack is kept out before it is adopted as the new normal.")
    var adoptAfter: Double = 60

    @OptionGroup var analysis: AnalysisArguments

    func validate() throws {
        guard files.isEmpty != logs.isEmpty else {
            throw ValidationError("give captures or access logs (--log) of the site's ordinary traffic, not both")
        }
        for (name, value) in [("--half-life", halfLife), ("--unusual-z", unusualZ), ("--hold", hold), ("--adopt-after", adoptAfter)]
        where !(value.isFinite && value > 0) {
            throw ValidationError("\(name) must be a positive number")
        }
    }

    func run() throws {
        var configuration = SiteBaseline.Configuration()
        configuration.halfLifeSeconds = halfLife
        configuration.unusualZ = unusualZ
        configuration.holdSeconds = hold
        configuration.adoptSeconds = adoptAfter
        // An offline baseline is learnt from traffic known to be normal: it is warm when read.
        configuration.warmupWindows = 0
        var baseline = SiteBaseline(configuration: configuration)
        let (kind, sources, learnt) = try logs.isEmpty ? learnCaptures(into: &baseline) : learnLogs(into: &baseline)
        guard learnt > 0 else { throw CommandFailure("no traffic in \(sources.joined(separator: ", ")): nothing to learn") }
        let file = SiteBaselineFile(kind: kind, windowSeconds: analysis.window, sources: sources, baseline: baseline)
        do {
            try file.write(to: output)
        } catch {
            throw CommandFailure(error.description)
        }
        Console.output(Self.summary(baseline, windows: learnt, output: output))
    }

    private func learnCaptures(into baseline: inout SiteBaseline) throws -> (String, [String], Int) {
        let run = try OfflinePacketRun(
            files: files, filter: nil, analysis: analysis, detector: nil, tallyPorts: false, showProgress: true)
        return ("packets", files, Self.learn(run.result.windows, into: &baseline))
    }

    private func learnLogs(into baseline: inout SiteBaseline) throws -> (String, [String], Int) {
        var configuration = LogWindowAggregator.Configuration()
        configuration.window = analysis.window
        do {
            let result = try LogAnalysis.run(paths: logs, format: logFormat, configuration: configuration)
            return ("logs", logs, Self.learn(result.windows, into: &baseline))
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Learns every window with traffic; returns how many.
    private static func learn<Window: SiteMetricWindow>(_ windows: [Window], into baseline: inout SiteBaseline) -> Int {
        var learnt = 0
        for window in windows where !window.isEmpty {
            baseline.learn(window.siteMetrics, seconds: window.end - window.start)
            learnt += 1
        }
        return learnt
    }

    /// The learnt normal, one metric per line.
    static func summary(_ baseline: SiteBaseline, windows: Int, output: String) -> String {
        var lines = ["Learnt \(windows) windows into \(output):", "  metric                      normal   typical spread"]
        for (name, track) in baseline.tracks.sorted(by: { $0.key < $1.key }) {
            let normal = expm1(track.level)
            let spread = exp(max(track.spread, BaselineTrack.spreadFloor) * 1.25)
            lines.append(
                "  " + name.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(format: "%10.1f   ×/÷ %.2f", normal, spread))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
