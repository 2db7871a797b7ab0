import SentinelForecast

/// The season `forecast` and `anomalies` use when `--season` is not given.
enum SeasonDefault {
    /// One day of points when the step divides a day, the day has at most 1 000 points and
    /// the series covers at least three days; otherwise 1 (no season).
    static func season(for series: LoadSeries) -> Int {
        guard let day = series.pointsPerDay, day <= 1_000, series.count >= 3 * day else { return 1 }
        return day
    }

    /// The same rule for rows as written, with their median spacing as the step.
    static func season(for rows: SeriesRows) -> Int {
        guard let day = LoadSeries.pointsPerDay(step: rows.medianStep), day <= 1_000, rows.count >= 3 * day else { return 1 }
        return day
    }
}
