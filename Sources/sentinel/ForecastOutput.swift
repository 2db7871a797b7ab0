import Foundation
import SentinelForecast

/// Renders a ``ForecastReport`` as tables for people or JSON for programs.
enum ForecastOutput {
    /// The JSON object of a report.
    static func object(_ report: ForecastReport, series: LoadSeries, chosenBy: String) -> [String: Any] {
        let format = series.timeFormat
        let baseline = report.baseline.map { Self.meanRMSE($0) }
        return [
            "series": [
                "name": series.name, "points": series.count, "step_seconds": series.step,
                "start": format.format(series.times.first ?? 0), "end": format.format(series.times.last ?? 0),
                "filled_points": series.filledIndices.count, "season": report.season,
            ] as [String: Any],
            "method": report.method.rawValue, "chosen_by": chosenBy, "summary": report.summary,
            "level": report.level, "interval_source": report.intervalSource,
            "forecast": report.points.map { point in
                [
                    "time": format.format(point.time), "seconds": point.time, "h": point.stepsAhead,
                    "value": point.value, "lower": point.lower, "upper": point.upper,
                ] as [String: Any]
            },
            "backtest": [
                "horizon": report.points.count,
                "origins": report.backtests.first?.result.origins ?? [],
                "methods": report.backtests.map { entry -> [String: Any] in
                    var object: [String: Any] = [
                        "method": entry.method.rawValue, "overall": metrics(entry.result.overall),
                        "mean_rmse": meanRMSE(entry.result),
                        "per_horizon": entry.result.perHorizon.enumerated().map { index, m in
                            var row = metrics(m)
                            row["h"] = index + 1
                            return row
                        },
                    ]
                    if let baseline, baseline > 0 { object["skill_vs_naive"] = 1 - meanRMSE(entry.result) / baseline }
                    return object
                },
            ] as [String: Any],
            "skipped": report.skipped.map { ["method": $0.method.rawValue, "reason": $0.reason] },
        ]
    }

    /// The forecast and the backtest as aligned tables.
    static func table(_ report: ForecastReport, series: LoadSeries, chosenBy: String) -> String {
        let format = series.timeFormat
        var out = "series: \(series.name) — \(series.count) points every \(describe(step: series.step))"
        out += report.season > 1 ? ", season \(report.season) points" : ", no season"
        if !series.filledIndices.isEmpty { out += ", \(series.filledIndices.count) missing points interpolated" }
        out += "\nmethod: \(report.method.rawValue) (\(chosenBy)): \(report.summary)\n\n"
        out += String(
            format: "Forecast with %g %% prediction intervals (%@):\n", 100 * report.level,
            report.intervalSource == "backtest" ? "± z·backtest RMSE of each step ahead" : "in-sample residuals × √h")
        out += StoreListOptions.table(
            headers: ["TIME", "H", "FORECAST", "LOWER", "UPPER"],
            rows: report.points.map { [format.format($0.time), "\($0.stepsAhead)", number($0.value), number($0.lower), number($0.upper)] })
        guard let first = report.backtests.first else {
            out += "\nNo backtest: \(report.skipped.map { "\($0.method.rawValue): \($0.reason)" }.joined(separator: "; "))\n"
            return out
        }
        let baseline = report.baseline.map { meanRMSE($0) }
        out += "\nBacktest: rolling origin, \(first.result.origins.count) origins over the last 20 % of the series, refit at each;\n"
        out += "errors over all \(report.points.count) steps ahead (skill = 1 − mean RMSE / seasonal naive's):\n"
        out += StoreListOptions.table(
            headers: ["METHOD", "RMSE", "MAE", "MAPE %", "R²", "SKILL", ""],
            rows: report.backtests.map { entry in
                let m = entry.result.overall
                let skill = baseline.flatMap { $0 > 0 ? 1 - meanRMSE(entry.result) / $0 : nil }
                return [
                    entry.method.rawValue, number(m.rmse), number(m.mae), m.mape.map(number) ?? "-",
                    m.r2.map { String(format: "%.3f", $0) } ?? "-", skill.map { String(format: "%+.1f %%", 100 * $0) } ?? "-",
                    entry.method == report.method ? "← forecast" : "",
                ]
            })
        out += "\nRMSE by steps ahead:\n"
        out += StoreListOptions.table(
            headers: ["H"] + report.backtests.map { $0.method.rawValue.uppercased() },
            rows: (0..<report.points.count).map { h in
                ["\(h + 1)"] + report.backtests.map { number($0.result.perHorizon[h].rmse) }
            })
        for skipped in report.skipped { out += "skipped \(skipped.method.rawValue): \(skipped.reason)\n" }
        return out
    }

    static func metrics(_ m: ErrorMetrics) -> [String: Any] {
        [
            "count": m.count, "rmse": m.rmse, "mae": m.mae, "mape": m.mape.map { $0 as Any } ?? NSNull(),
            "r2": m.r2.map { $0 as Any } ?? NSNull(),
        ]
    }

    static func meanRMSE(_ result: BacktestResult) -> Double {
        let all = result.perHorizon
        return all.reduce(0) { $0 + $1.rmse } / Double(max(1, all.count))
    }

    /// A value with 4 significant digits, never in exponent form for ordinary loads.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000 || magnitude == 0 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.4f", value)
    }

    static func describe(step: Double) -> String {
        if step >= 3_600, step.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(Int(step / 3_600)) h" }
        if step >= 60, step.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(step / 60)) min" }
        return step == step.rounded() ? "\(Int(step)) s" : "\(step) s"
    }
}
