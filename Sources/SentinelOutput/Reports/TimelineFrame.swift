import SentinelDetection
import SentinelFeatures

/// What the timelines of one kind of window (packets or logs) share: the windows grouped
/// into points, their time spans, the class colours, the verdict bands and the numbered run
/// markers.
struct TimelineFrame {
    var buckets: WindowBuckets
    var spans: [(start: Double, end: Double)]
    var colors: [String: String]
    var verdicts: [String]?
    var bands: [TimeSeriesChart.Band]
    var markers: [TimeSeriesChart.Marker]

    /// - Parameters:
    ///   - markerPrefix: put before each run's number (`L` for log incidents).
    ///   - title: a run's tooltip, from its index and the run.
    init<Window>(
        _ windows: [Window], detection: Detection<Window>?, maxPoints: Int, markerPrefix: String,
        title: (Int, WindowRun<Window>) -> String
    ) {
        let buckets = WindowBuckets(windowCount: windows.count, maxPoints: maxPoints)
        let spans = buckets.ranges.map { (start: windows[$0.lowerBound].start, end: windows[$0.upperBound - 1].end) }
        let colors = Palette.classColors(detection?.classNames ?? [])
        let verdicts = detection.map { buckets.verdicts($0.verdicts.map(\.className)) }
        self.buckets = buckets
        self.spans = spans
        self.colors = colors
        self.verdicts = verdicts
        bands = verdicts.map { TimeSeriesChart.bands(verdicts: $0, spans: spans, windowsPerPoint: buckets.ranges.map(\.count)) } ?? []
        markers = (detection?.runs ?? []).enumerated().map { i, run in
            TimeSeriesChart.Marker(
                start: run.start, end: run.end, label: "\(markerPrefix)\(i + 1)", title: title(i, run),
                color: colors[run.className] ?? Palette.qualitative[0])
        }
    }

    /// One timeline chart: each named series of per-window values aggregated into the
    /// frame's points, drawn over the verdict bands and run markers.
    /// - Parameters:
    ///   - series: a name and a value per window, for each line of the chart.
    ///   - pointTitles: a tooltip per point, or nil for none.
    func chart(id: String, title: String, unit: String, series: [(String, [Double])], pointTitles: [String]?) -> String {
        let lines = series.enumerated().map { s, item in
            let values = buckets.aggregate(item.1)
            return TimeSeriesChart.Series(
                name: item.0, color: Palette.series[s], values: values.mean,
                envelope: buckets.isAggregated ? (values.minimum, values.maximum) : nil)
        }
        return TimeSeriesChart(
            id: id, title: title, valueLabel: unit, spans: spans, series: lines,
            bands: bands, markers: markers, classColors: colors, pointTitles: pointTitles
        ).render()
    }
}
