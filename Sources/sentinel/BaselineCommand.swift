import ArgumentParser
import Foundation
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
            """
    )

    @Argument(help: "Captures of the site's ordinary traffic (.pcap or .pcapng).")
    var files: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the baseline.", valueName: "site.json"))
    var output: String

    @Option(name: .long, help: "Seconds after which a window's weight in the level halves (how fast the normal moves).")
    var halfLife: Double = 1_800

    @Option(name: .long, help: "The robust z-score at which a metric makes a window unusual.")
    var unusualZ: Double = 4

    @Option(name: .long, help: "Seconds an unusual stretch is kept out of the baseline before it is the new normal.")
    var hold: Double = 600

    @OptionGroup var analysis: AnalysisArguments

    func validate() throws {
        for (name, value) in [("--half-life", halfLife), ("--unusual-z", unusualZ), ("--hold", hold)] where !(value.isFinite && value > 0) {
            throw ValidationError("\(name) must be a positive number")
        }
    }

    func run() throws {
        let run = try OfflinePacketRun(
            files: files, filter: nil, analysis: analysis, detector: nil, tallyPorts: false, showProgress: true)
        var configuration = SiteBaseline.Configuration()
        configuration.halfLifeSeconds = halfLife
        configuration.unusualZ = unusualZ
        configuration.holdSeconds = hold
        // An offline baseline is learnt from traffic known to be normal: it is warm when read.
        configuration.warmupWindows = 0
        var baseline = SiteBaseline(configuration: configuration)
        var learnt = 0
        for window in run.result.windows where !window.isEmpty {
            baseline.learn(window.siteMetrics, seconds: window.end - window.start)
            learnt += 1
        }
        guard learnt > 0 else { throw CommandFailure("no traffic in \(files.joined(separator: ", ")): nothing to learn") }
        let file = SiteBaselineFile(kind: "packets", windowSeconds: analysis.window, sources: files, baseline: baseline)
        do {
            try file.write(to: output)
        } catch {
            throw CommandFailure(error.description)
        }
        Console.output(Self.summary(baseline, windows: learnt, output: output))
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
