import Foundation
import SentinelTestSupport
import Testing

/// Byte-for-byte proof that a refactoring changed nothing a user sees: the machine outputs
/// (JSON and CSV) of `analyze`, `evaluate`, `forecast` and `plan` on the bundled data,
/// recorded before the restructure of issue 11 into `Tests/Golden/`, compared with what the
/// built binary prints now.
///
/// To record them again (only when an output is meant to change, and say so in the commit):
/// `SENTINEL_RECORD_GOLDEN=1 swift test --skip-build --filter GoldenOutputTests`.
enum GoldenOutputs {
    /// One recorded output: the command line and the file it is kept in.
    struct Case: CustomStringConvertible, Sendable {
        var file: String
        var arguments: [String]
        var description: String { file }
    }

    /// `analyze` (packets and logs) and `evaluate` with the shipped models.
    static let detection: [Case] = [
        Case(file: "analyze-mixed.json", arguments: ["analyze", "--format", "json", "--no-progress", "captures/mixed.pcap"]),
        Case(file: "analyze-mixed.csv", arguments: ["analyze", "--format", "csv", "--no-progress", "captures/mixed.pcap"]),
        Case(file: "analyze-mixed.txt", arguments: ["analyze", "--no-progress", "captures/mixed.pcap"]),
        Case(file: "analyze-log-errors_30pct_5rps.txt", arguments: ["analyze", "--log", "captures/logs/errors_30pct_5rps.log"]),
        Case(
            file: "analyze-log-errors_30pct_5rps.json",
            arguments: ["analyze", "--format", "json", "--log", "captures/logs/errors_30pct_5rps.log"]),
        Case(
            file: "analyze-log-errors_30pct_5rps.csv",
            arguments: ["analyze", "--format", "csv", "--log", "captures/logs/errors_30pct_5rps.log"]),
        Case(
            file: "analyze-log-normal_flash_crowd.csv",
            arguments: ["analyze", "--format", "csv", "--log", "captures/logs/normal_flash_crowd.log"]),
        Case(
            file: "evaluate-default-captures.json",
            arguments: ["evaluate", "--model", "models/default.json", "--captures", "captures", "--per-file", "--format", "json"]),
        Case(
            file: "evaluate-default-captures.txt",
            arguments: ["evaluate", "--model", "models/default.json", "--captures", "captures", "--per-file"]),
        Case(
            file: "evaluate-logs.json",
            arguments: ["evaluate", "--model", "models/logs.json", "--logs", "captures/logs", "--per-file", "--format", "json"]),
    ]

    /// `forecast` and `plan`, kept apart (in `Tests/Golden/forecast-plan/`, in their own test):
    /// the forecasting behaviour is being changed on purpose (issue 12), and whoever changes it
    /// regenerates these files alone without touching the detection goldens.
    static let forecastAndPlan: [Case] = [
        Case(
            file: "forecast-plan/forecast-hourly-daily.json",
            arguments: ["forecast", "captures/series/hourly-daily.csv", "--method", "hw", "--horizon", "24", "--format", "json"]),
        Case(
            file: "forecast-plan/forecast-real-flash-crowd-1s.json",
            arguments: ["forecast", "captures/series/real-flash-crowd-1s.csv", "--method", "ols", "--format", "json"]),
        Case(file: "forecast-plan/plan-flood.json", arguments: ["plan", "--trace", "rules/traces/flood.csv", "--format", "json"]),
        Case(
            file: "forecast-plan/plan-flash-crowd.json",
            arguments: ["plan", "--trace", "rules/traces/flash-crowd.csv", "--format", "json"]),
    ]

    static var folder: String { SharedData.packageRoot + "/Tests/Golden" }

    /// Run timestamps and durations, which differ from run to run (none of the outputs above
    /// holds one today; the masks keep the comparison honest if one is added), and the
    /// checkout's path (the text report names the model file by its absolute path).
    static func masked(_ text: String) -> String {
        var lines: [String] = []
        let text = text.replacingOccurrences(of: SharedData.packageRoot + "/", with: "<package>/")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if ["\"generated_at\"", "\"elapsed_s\"", "\"duration_ms\""].contains(where: { trimmed.hasPrefix($0) }) {
                lines.append(String(line.prefix { $0 == " " }) + "<masked run time>")
            } else {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func check(_ golden: Case) throws {
        let result = try SentinelProcess.run(golden.arguments, timeout: 600)
        #expect(result.status == 0, "\(golden.arguments): \(result.stderr)")
        let path = folder + "/" + golden.file
        if ProcessInfo.processInfo.environment["SENTINEL_RECORD_GOLDEN"] == "1" {
            try masked(result.stdout).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let same = masked(result.stdout) == masked(expected)
        if !same { try? result.stdout.write(toFile: path + ".actual", atomically: true, encoding: .utf8) }
        #expect(same, "sentinel \(golden.arguments.joined(separator: " ")) no longer prints it: diff \(path) \(path).actual")
    }
}

@Suite("golden outputs: analyze and evaluate on the bundled data")
struct GoldenOutputTests {
    @Test("the output is byte for byte the recorded one", arguments: GoldenOutputs.detection)
    func detection(_ golden: GoldenOutputs.Case) throws { try GoldenOutputs.check(golden) }
}

/// Separate from ``GoldenOutputTests`` so the forecast/plan goldens can be regenerated alone
/// (`--filter GoldenForecastPlanTests`) while issue 12 changes forecasting on purpose.
@Suite("golden outputs: forecast and plan on the bundled series and traces")
struct GoldenForecastPlanTests {
    @Test("the output is byte for byte the recorded one", arguments: GoldenOutputs.forecastAndPlan)
    func forecastAndPlan(_ golden: GoldenOutputs.Case) throws { try GoldenOutputs.check(golden) }
}
