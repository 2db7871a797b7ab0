import ArgumentParser
import Foundation
import SentinelForecast

/// `sentinel forecast`: forecasts a load series with prediction intervals and backtests the
/// methods against seasonal naive.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast a load series with prediction intervals, and backtest the methods against seasonal naive.",
        discussion: """
            Methods (--method):
              naive  the value one season earlier: the baseline
              ols    least squares on 1, t, y[t-1], y[t-2] and y[t-season]
              hw     Holt-Winters: level, (damped) trend, additive or
                     multiplicative season; α β γ φ by Nelder–Mead
              ar     autoregression AR(p), p chosen by AIC
              narx   neural network on lagged load, hour of day and the
                     attack share (optional third CSV column)
              auto   all of them; forecast with the lowest backtest RMSE

            Backtest: rolling origin over the last 20 % of the series (up to --origins origins, the \
            same for every method); at each origin the method is refitted on the points before it and \
            forecasts --horizon steps; RMSE, MAE, MAPE and R² are reported per method and per step \
            ahead, with the skill against seasonal naive. The prediction interval of step h is \
            forecast ± z·(backtest RMSE at h), never below 0.

            The series: timestamps strictly increasing on one step (the median spacing); up to \
            --max-gap missing points in a row are filled by linear interpolation; duplicates, \
            unsorted or off-step timestamps, NaN or negative values are errors naming file:line \
            (all of them are listed; exit status 2).

            Examples:
              sentinel forecast captures/series/hourly-daily.csv
              sentinel forecast captures/series/hourly-daily.csv --method hw --horizon 24 --format json
              sentinel forecast --db sentinel.db    # lists the series the store holds
              sentinel forecast --db sentinel.db --series requests_per_s:/var/log/nginx/access.log --season 1
            """
    )

    @OptionGroup var source: SeriesArguments

    @Option(name: .long, help: "The method, or auto to choose by backtest error.")
    var method: ForecastMethodChoice = .auto

    @Option(name: .long, help: ArgumentHelp("Steps ahead to forecast (and to backtest).", valueName: "n"))
    var horizon = 12

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The season length in points (1: none). Default: one day of points when the step divides a day and the series covers three days, else 1.",
            valueName: "n"))
    var season: Int?

    @Option(name: .long, help: ArgumentHelp("The prediction intervals' coverage, strictly between 0 and 1.", valueName: "p"))
    var level = 0.95

    @Option(name: .long, help: ArgumentHelp("The most backtest origins.", valueName: "n"))
    var origins = 20

    @Option(name: .long, help: "Print tables or JSON.")
    var format: ListFormat = .table

    func validate() throws {
        guard horizon >= 1, horizon <= 100_000 else { throw ValidationError("--horizon must be between 1 and 100000 (got \(horizon)).") }
        if let season, season < 1 || season > 1_000_000 {
            throw ValidationError("--season must be between 1 and 1000000 (got \(season)); 1 means no season.")
        }
        guard level > 0, level < 1 else { throw ValidationError("--level must be strictly between 0 and 1 (got \(level)).") }
        guard origins >= 1, origins <= 10_000 else { throw ValidationError("--origins must be between 1 and 10000 (got \(origins)).") }
    }

    func run() throws {
        let series = try source.load()
        let seasonLength = season ?? SeasonDefault.season(for: series)
        let forecaster = Forecaster(method: method.kind, horizon: horizon, season: seasonLength, level: level, maxOrigins: origins)
        let report: ForecastReport
        do {
            report = try forecaster.run(series)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        let chosenBy = method == .auto ? "chosen by backtest: lowest mean RMSE" : "as asked"
        switch format {
        case .json: Console.output(MetricsOutput.json(ForecastOutput.object(report, series: series, chosenBy: chosenBy)))
        case .table: Console.output(ForecastOutput.table(report, series: series, chosenBy: chosenBy))
        }
    }
}
