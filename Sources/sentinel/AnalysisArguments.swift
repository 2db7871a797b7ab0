import ArgumentParser
import SentinelFeatures

/// Window and flow settings shared by `analyze` and `watch`.
struct AnalysisArguments: ParsableArguments {
    @Option(name: .long, help: "Window length in seconds (0.001 to 86400).")
    var window: Double = 1

    @Option(name: .long, help: "Close a flow after this many seconds without a packet.")
    var idleTimeout: Double = 60

    @Option(name: .long, help: "Close (and continue as a new flow) a flow open this many seconds.")
    var activeTimeout: Double = 1800

    @Option(name: .long, help: "Most flows held in memory; the least recently seen is evicted beyond it.")
    var maxFlows: Int = 1_000_000

    @Option(name: .long, help: "Heavy hitters listed per window.")
    var topTalkers: Int = 5

    @Option(name: .long, help: "Write one CSV row per finished flow to this file.")
    var flowsOut: String?

    @Option(name: .long, help: "Write the windows CSV (start,end,features…) to this file.")
    var windowsOut: String?

    func validate() throws {
        // A lower bound: a window of 1e-6 s cuts a capture into billions of windows.
        guard window >= 0.001, window <= 86_400 else { throw ValidationError("--window must be from 0.001 to 86400 seconds") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive") }
        guard activeTimeout > 0 else { throw ValidationError("--active-timeout must be positive") }
        guard maxFlows >= 1 else { throw ValidationError("--max-flows must be at least 1") }
        guard topTalkers >= 0 else { throw ValidationError("--top-talkers must be 0 or more") }
    }

    var options: AnalysisOptions {
        var options = AnalysisOptions()
        options.windows.window = window
        options.windows.topTalkers = topTalkers
        options.flows.idleTimeout = idleTimeout
        options.flows.activeTimeout = activeTimeout
        options.flows.maxFlows = maxFlows
        return options
    }
}
