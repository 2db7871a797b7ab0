import SentinelCore
import SentinelPlanner

extension PlanReport {
    /// Colours: the planner blue, the reactive HPA orange, the forecast the text colour, the actual
    /// legitimate load green, attack load purple.
    static let plannerColor = Palette.series[0], reactiveColor = Palette.series[1], forecastColor = "currentColor"
    static let actualColor = Palette.series[2], attackColor = Palette.series[3]
    /// Marker colour per action kind.
    static let actionColors = ["scale": "#009E73", "block": "#D55E00", "rate-limit": "#E69F00", "lift": "#56B4E9"]

    /// Forecast against actual legitimate load; attack load and ready capacity; replicas.
    static func charts(_ page: inout HTMLDocument, _ input: Input, maxPoints: Int) {
        let rows = input.trace.rows, step = input.trace.step
        guard !rows.isEmpty else { return }
        let buckets = WindowBuckets(windowCount: rows.count, maxPoints: maxPoints)
        let spans = buckets.ranges.map { (start: rows[$0.lowerBound].time, end: rows[$0.upperBound - 1].time + step) }
        let labels = rows.map(\.label)
        var classNames = [ClassLabel.normal]
        for label in labels where !classNames.contains(label) { classNames.append(label) }
        let colors = Palette.classColors(classNames)
        let verdicts = buckets.verdicts(labels)
        let bands = TimeSeriesChart.bands(verdicts: verdicts, spans: spans, windowsPerPoint: buckets.ranges.map(\.count))
        func series(_ name: String, _ color: String, _ values: [Double]) -> TimeSeriesChart.Series {
            let a = buckets.aggregate(values)
            return TimeSeriesChart.Series(
                name: name, color: color, values: a.mean, envelope: buckets.isAggregated ? (a.minimum, a.maximum) : nil)
        }
        let each =
            "per \(Markup.compact(step)) s row; \(Markup.count(rows.count)) rows, \(buckets.caption.replacingOccurrences(of: "window", with: "row")). "
        // The planner's lines are drawn last, over the reactive HPA's where they coincide.
        let bandNote = "Bands: the trace's verdict labels (normal has none)."

        page.heading("Legitimate load: forecast against actual", id: "forecast")
        let forecast = forecastSeries(input.planner.forecast, count: rows.count, buckets: buckets)
        let legit = series("actual legitimate load", actualColor, rows.map(\.legit))
        let attack = rows.map(\.attack)
        let titles = buckets.ranges.enumerated().map { b, range in
            pointTitle(spans[b], range: range, input: input, forecast: forecast, bucket: b, verdict: verdicts[b])
        }
        page.figure(
            TimeSeriesChart(
                id: "plan-forecast", title: "Legitimate load: one-step forecast against actual", valueLabel: "requests/s",
                spans: spans, series: [legit, forecast], bands: bands, classColors: colors, pointTitles: titles
            ).render(),
            caption: "Legitimate load " + each + "The forecast of each row is made one step ahead by the planner's method from the "
                + "planner's own legitimate-load history (attack rows enter it as their forecast); shaded: its 95 % prediction "
                + "interval (±1.96σ of the residuals). " + bandNote)

        page.heading("Attack load and ready capacity", id: "capacity")
        let capacity = [
            series("attack load offered", attackColor, attack),
            series("attack admitted (planner)", Palette.qualitative[0], input.planner.admittedAttack),
            series("ready capacity (reactive HPA)", reactiveColor, input.reactive.readyCapacity),
            series("ready capacity (planner)", plannerColor, input.planner.readyCapacity),
        ]
        page.figure(
            TimeSeriesChart(
                id: "plan-capacity", title: "Attack load and ready capacity", valueLabel: "requests/s",
                spans: spans, series: capacity, bands: bands, classColors: colors
            ).render(),
            caption: "Attack load " + each + "Ready capacity: replicas that serve (after the provisioning delay) × capacity per "
                + "replica. The reactive HPA admits all the attack load offered. " + bandNote)

        page.heading("Replicas and planner actions", id: "replicas")
        let replicas = [
            series("replicas (reactive HPA)", reactiveColor, input.reactive.replicas.map(Double.init)),
            series("replicas (planner)", plannerColor, input.planner.replicas.map(Double.init)),
        ]
        page.figure(
            TimeSeriesChart(
                id: "plan-replicas", title: "Replicas requested", valueLabel: "replicas", spans: spans, series: replicas,
                bands: bands, points: actionPoints(input), classColors: colors
            ).render(),
            caption: "Replicas requested " + each + "Dots: the planner's actions (scale at its new replica count, block and "
                + "lift on the planner's line); hover one for its explanation. " + bandNote)
    }

    /// The forecast per point, with its prediction interval as the envelope (non-finite
    /// where there is none).
    static func forecastSeries(_ forecast: [RowForecast?], count: Int, buckets: WindowBuckets) -> TimeSeriesChart.Series {
        func column(_ pick: (RowForecast) -> Double?) -> [Double] {
            (0..<count).map { i in i < forecast.count ? forecast[i].flatMap(pick) ?? .nan : .nan }
        }
        let value = buckets.aggregate(column(\.value)), lower = buckets.aggregate(column(\.lower)),
            upper = buckets.aggregate(column(\.upper))
        return TimeSeriesChart.Series(
            name: "forecast (planner, one step ahead)", color: forecastColor, values: value.mean,
            envelope: (lower.minimum, upper.maximum), envelopeName: "95 % prediction interval")
    }

    /// One dot per planner action, at the replicas after it.
    static func actionPoints(_ input: Input) -> [TimeSeriesChart.PointMarker] {
        let rows = input.trace.rows, replicas = input.planner.replicas
        guard let first = rows.first else { return [] }
        return input.planner.plannedActions.map { action in
            var value: Double
            if case let .scale(_, to) = action.kind {
                value = Double(to)
            } else {
                let row = min(max(Int(((action.time - first.time) / input.trace.step).rounded()) - 1, 0), max(replicas.count - 1, 0))
                value = replicas.isEmpty ? 0 : Double(replicas[row])
            }
            return TimeSeriesChart.PointMarker(
                time: action.time, value: value, kind: action.kindName,
                color: actionColors[action.kindName] ?? Palette.normal,
                title: "\(TimeFormat.dateTime(action.time)) \(actionLabel(action)) \(action.target) "
                    + "(\(action.rule)): \(action.explanation)")
        }
    }

    /// The tooltip of one point of the forecast chart.
    static func pointTitle(
        _ span: (start: Double, end: Double), range: Range<Int>, input: Input, forecast: TimeSeriesChart.Series,
        bucket b: Int, verdict: String
    ) -> String {
        let rows = input.trace.rows[range]
        func mean(_ values: [Double]) -> String { Markup.compact(values.reduce(0, +) / Double(max(values.count, 1))) }
        var text = "\(TimeFormat.dateTime(span.start))"
        if range.count > 1 { text += " (\(range.count) rows)" }
        text += ": legitimate \(mean(rows.map(\.legit))) req/s"
        if forecast.values[b].isFinite {
            text += ", forecast \(Markup.compact(forecast.values[b]))"
            if let envelope = forecast.envelope, envelope.minimum[b].isFinite, envelope.maximum[b].isFinite {
                text += " [\(Markup.compact(envelope.minimum[b]))–\(Markup.compact(envelope.maximum[b]))]"
            }
        }
        text += ", attack \(mean(rows.map(\.attack))) req/s, verdict \(verdict)"
        let planner = range.compactMap { $0 < input.planner.replicas.count ? input.planner.replicas[$0] : nil }.max()
        let reactive = range.compactMap { $0 < input.reactive.replicas.count ? input.reactive.replicas[$0] : nil }.max()
        if let planner, let reactive { text += "; replicas: planner \(planner), reactive \(reactive)" }
        return text
    }
}
