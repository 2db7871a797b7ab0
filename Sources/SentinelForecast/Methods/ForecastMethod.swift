/// A forecasting method: given a history, the point forecasts of the next steps.
///
/// Methods are values holding their settings only; each call fits on the history it is
/// given, so a rolling-origin backtest can refit at every origin.
public protocol ForecastMethod: Sendable {
    /// The name used on the command line and in reports: `naive`, `ols`, `hw`, `ar`, `narx`.
    var name: String { get }

    /// The fewest points of history the method needs for `season`.
    func minimumHistory(season: Int) -> Int

    /// Fits on `history` and forecasts the next `horizon` points.
    ///
    /// - Throws: ``ForecastError`` when the history is too short or the fit fails.
    func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast
}
