import ArgumentParser
import Foundation
import SentinelForecast
import SentinelOutput
import SentinelPlanner

/// `sentinel plan --trace T.csv`: replays a load trace through the forecaster and planner,
/// beside a purely reactive HPA, and compares them.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Replay a load trace through the forecaster and planner, against a reactive HPA baseline.",
        discussion: """
            The trace is a CSV file time,legit,attack[,label] at a regular step (rules/traces/ \
            holds a daily cycle, a flash crowd and floods; rules/traces/make-traces.py makes them). \
            Both strategies use the same HPA rule (replicas = load ÷ (capacity × utilisation), \
            tolerance, bounds, stabilisation); the planner scales on the forecast of legitimate \
            load over --horizon rows and blocks the sources of attack rows, the baseline scales \
            on the load it measures now and blocks nothing. New replicas serve after --delay rows.

            Reported per strategy: SLO-violation rows (admitted load above ready capacity), \
            replica-minutes (cost), attack requests admitted, legitimate requests blocked.

            With --html FILE it also writes a self-contained HTML page: the planner's one-step \
            forecast of legitimate load against the actual load with 95 % prediction intervals, \
            attack load and ready capacity, both strategies' replicas with each planner action \
            as a marker explained on hover, the trace's verdict bands and the comparison table.

            Example:
              sentinel plan --trace rules/traces/flood.csv --capacity 100 --html plan.html
            """
    )

    @Option(name: .long, help: ArgumentHelp("The load trace (time,legit,attack[,label]).", valueName: "trace.csv"))
    var trace: String

    @Option(name: .long, help: "Load one replica serves at 100 % (the trace's unit, e.g. requests/s).")
    var capacity: Double = 100

    @Option(name: .long, help: "Utilisation to size for (0 < u ≤ 1).")
    var targetUtilization: Double = 0.7

    @Option(name: .long, help: "Fewest replicas.")
    var minReplicas: Int = 1

    @Option(name: .long, help: "Most replicas.")
    var maxReplicas: Int = 20

    @Option(name: .long, help: "Rows ahead the planner's forecast looks.")
    var horizon: Int = 2

    @Option(name: .long, help: "Rows before a requested replica serves.")
    var delay: Int = 1

    @Option(name: .long, help: "Seconds of recommendations a scale-down must agree over.")
    var scaleDownStabilization: Double = 300

    @Option(name: .long, help: "Season length in rows (default: one day of rows when the trace covers three days, else 1).")
    var season: Int?

    @Option(name: .long, help: "Forecasting method of the planner: hw, naive, ols, ar or narx.")
    var method: ForecastMethodChoice = .hw

    @Option(name: .long, help: "Output format: table or json.")
    var format: ListFormat = .table

    @Option(name: .long, help: ArgumentHelp("Also write an HTML report of the run.", valueName: "report.html"))
    var html: String?

    func validate() throws {
        guard capacity > 0 else { throw ValidationError("--capacity must be positive") }
        guard targetUtilization > 0, targetUtilization <= 1 else { throw ValidationError("--target-utilization must be in (0, 1]") }
        guard minReplicas >= 1, maxReplicas >= minReplicas else { throw ValidationError("need 1 ≤ --min-replicas ≤ --max-replicas") }
        guard horizon >= 1, horizon <= 10_000, delay >= 0, delay <= 10_000 else {
            throw ValidationError("--horizon must be between 1 and 10000 and --delay between 0 and 10000")
        }
        guard method != .auto else { throw ValidationError("--method auto is for `forecast`; pick hw, naive, ols, ar or narx") }
        if let season, season < 1 { throw ValidationError("--season must be at least 1 (got \(season)); 1 means no season.") }
    }

    func run() throws {
        let loaded: LoadTrace
        do {
            loaded = try LoadTrace(path: trace)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        var scale = ScalePolicy(target: "service", capacityPerReplica: capacity)
        scale.targetUtilization = targetUtilization
        scale.minReplicas = minReplicas
        scale.maxReplicas = maxReplicas
        scale.horizon = horizon
        scale.scaleDownStabilization = scaleDownStabilization
        var policy = PlannerPolicy()
        policy.scale = scale
        let day = Int((86_400 / loaded.step).rounded())
        policy.season = season ?? (abs(Double(day) * loaded.step - 86_400) < 1 && loaded.rows.count >= 3 * day ? day : 1)
        guard policy.season == 1 || 2 * policy.season <= loaded.rows.count else {
            Console.error(
                "\(trace): a season of \(policy.season) rows needs at least \(2 * policy.season) rows and the trace has \(loaded.rows.count): pass a shorter --season, or 1 for none"
            )
            throw ExitCode(2)
        }
        var simulation = TraceSimulation(policy: policy, provisioningDelay: delay)
        simulation.recordsForecast = html != nil
        let (planner, reactive) = simulation.run(loaded, forecaster: (method.kind ?? .hw).method)
        if let html {
            let settings =
                "Capacity \(String(format: "%g", capacity)) per replica at \(Int((targetUtilization * 100).rounded())) % utilisation, "
                + "\(minReplicas)–\(maxReplicas) replicas, horizon \(horizon) rows, provisioning delay \(delay) rows, "
                + "scale-down stabilisation \(Int(scaleDownStabilization)) s, season \(policy.season) rows."
            let page = PlanReport.html(
                PlanReport.Input(
                    traceName: trace, trace: loaded, planner: planner, reactive: reactive,
                    settings: settings, generator: ReportCommand.generator))
            do { try ReportFile.write(page, to: html) } catch { Console.error("\(error)"); throw ExitCode(2) }
            Console.error("report: \(html) (\(page.utf8.count) bytes)")
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            struct Output: Encodable {
                var trace: String, rows: Int, step: Double, season: Int, planner: StrategyResult, reactive: StrategyResult
            }
            let data = try encoder.encode(
                Output(
                    trace: trace, rows: loaded.rows.count, step: loaded.step, season: policy.season,
                    planner: planner, reactive: reactive))
            Console.output(String(decoding: data, as: UTF8.self) + "\n")
        case .table:
            Console.output(
                Self.table(
                    planner: planner, reactive: reactive, trace: trace, rows: loaded.rows.count,
                    step: loaded.step, season: policy.season))
        }
    }

    static func table(planner: StrategyResult, reactive: StrategyResult, trace: String, rows: Int, step: Double, season: Int) -> String {
        var out = "Trace \(trace): \(rows) rows of \(Int(step)) s, season \(season) rows\n\n"
        func line(_ name: String, _ a: String, _ b: String) -> String {
            name.padding(toLength: 30, withPad: " ", startingAt: 0) + a.padding(toLength: 28, withPad: " ", startingAt: 0) + b + "\n"
        }
        out += line("", planner.name, reactive.name)
        out += line("SLO-violation rows", "\(planner.sloViolations)", "\(reactive.sloViolations)")
        out += line("replica-minutes", String(format: "%.0f", planner.replicaMinutes), String(format: "%.0f", reactive.replicaMinutes))
        out += line(
            "attack requests admitted", String(format: "%.0f", planner.attackAdmitted), String(format: "%.0f", reactive.attackAdmitted))
        out += line(
            "legitimate requests blocked", String(format: "%.0f", planner.legitimateBlocked),
            String(format: "%.0f", reactive.legitimateBlocked))
        out += line("peak replicas", "\(planner.peakReplicas)", "\(reactive.peakReplicas)")
        out += line("actions", "\(planner.actions)", "\(reactive.actions)")
        return out
    }
}
