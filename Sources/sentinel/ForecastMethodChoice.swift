import ArgumentParser
import SentinelForecast

/// `--method` of `forecast`: a method, or `auto` to pick by backtest error.
enum ForecastMethodChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, ols, hw, dshw, ar, narx, gru, naive

    /// The method, nil for auto.
    var kind: ForecastMethodKind? { ForecastMethodKind(rawValue: rawValue) }
}
