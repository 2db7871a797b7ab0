/// The forecasting methods by command-line name.
public enum ForecastMethodKind: String, CaseIterable, Sendable, Codable {
    /// Seasonal naive, the baseline.
    case naive
    /// Linear regression on trend and lags (OLS).
    case ols
    /// Holt-Winters exponential smoothing.
    case hw
    /// Holt-Winters with a daily and a weekly season.
    case dshw
    /// Autoregression with the order chosen by AIC.
    case ar
    /// The neural NARX forecaster.
    case narx
    /// The recurrent (GRU) forecaster.
    case gru

    /// The method with its default settings.
    public var method: any ForecastMethod {
        switch self {
        case .naive: return SeasonalNaive()
        case .ols: return LinearRegressionForecaster()
        case .hw: return HoltWinters()
        case .dshw: return DoubleSeasonalHoltWinters()
        case .ar: return AutoRegressive()
        case .narx: return NARXForecaster()
        case .gru: return GRUForecaster()
        }
    }

    /// One line for people.
    public var explanation: String {
        switch self {
        case .naive: return "seasonal naive: the value one season earlier (the baseline)"
        case .ols: return "least-squares regression on a trend and lagged values"
        case .hw: return "Holt-Winters exponential smoothing, form chosen on in-sample error"
        case .dshw: return "Holt-Winters with a daily and a weekly season (needs two weeks)"
        case .ar: return "autoregression AR(p), p chosen by AIC"
        case .narx: return "neural network on lagged load, hour of day and attack share"
        case .gru: return "recurrent network (GRU) on the last values, hour of day and the value a season back"
        }
    }
}
