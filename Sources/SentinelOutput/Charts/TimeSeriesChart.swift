import SentinelCore

/// A line chart over time: one or more series (mean line, optional min–max envelope),
/// coloured bands for window verdicts, and markers for incidents.
struct TimeSeriesChart {
    /// One line.
    struct Series {
        /// Its name in the legend.
        var name: String
        /// Its colour.
        var color: String
        /// The value of each point.
        var values: [Double]
        /// The envelope (lowest and highest window of each point), when points aggregate windows.
        var envelope: (minimum: [Double], maximum: [Double])?
        /// The envelope's name in the legend (nil: the min–max of aggregated windows).
        var envelopeName: String? = nil
    }

    /// A span of time coloured by a verdict.
    struct Band {
        /// Start time (s since the epoch).
        var start: Double
        /// End time.
        var end: Double
        /// The class drawn.
        var className: String
        /// The tooltip.
        var title: String
    }

    /// An incident: a dashed line at its start and a bar over its span.
    struct Marker {
        /// Start time.
        var start: Double
        /// End time.
        var end: Double
        /// The short label drawn above (`1`, `2`…).
        var label: String
        /// The tooltip.
        var title: String
        /// The colour (the incident's class colour).
        var color: String
    }

    /// The element id.
    var id: String
    /// The chart's name.
    var title: String
    /// The value axis title with its unit.
    var valueLabel: String
    /// Start and end time of each point.
    var spans: [(start: Double, end: Double)]
    /// The lines.
    var series: [Series]
    /// Verdict bands.
    var bands: [Band] = []
    /// Incidents.
    var markers: [Marker] = []
    /// Events drawn as symbols at a time and value (planner actions).
    var points: [PointMarker] = []
    /// Colour of each class (for bands and the legend).
    var classColors: [String: String] = [:]
    /// A tooltip per point (nil: none).
    var pointTitles: [String]? = nil
    /// The format of value ticks.
    var format: (Double) -> String = Markup.compact

    /// The SVG.
    func render(width: Double = 1100, plotHeight: Double = 190) -> String {
        let frame = ChartFrame(left: 70, top: 26, right: width - 16, bottom: 26 + plotHeight)
        guard let first = spans.first, let last = spans.last else { return "" }
        let time = LinearScale(lower: first.start, upper: max(last.end, first.start + 1e-3), from: frame.left, to: frame.right)
        let maxValue = series.flatMap { ($0.envelope?.maximum ?? []) + $0.values }.filter(\.isFinite).max() ?? 1
        let minValue = series.flatMap { ($0.envelope?.minimum ?? []) + $0.values }.filter(\.isFinite).min() ?? 0
        let domain = LinearScale.niceDomain(minimum: minValue, maximum: maxValue)
        let y = LinearScale(lower: domain.lower, upper: domain.upper, from: frame.bottom, to: frame.top)

        var legend: [LegendEntry] = series.map { LegendEntry(name: $0.name, color: $0.color, style: .line) }
        if series.contains(where: { $0.envelope != nil && $0.envelopeName == nil }) {
            legend.append(LegendEntry(name: "min–max of the windows in a point", color: series[0].color, opacity: 0.25))
        }
        for s in series where s.envelope != nil {
            if let name = s.envelopeName { legend.append(LegendEntry(name: name, color: s.color, opacity: 0.25)) }
        }
        legend += Self.pointLegend(points)
        var bandClasses: [String] = []
        for band in bands where !bandClasses.contains(band.className) { bandClasses.append(band.className) }
        legend += bandClasses.map { LegendEntry(name: "verdict: \($0)", color: classColors[$0] ?? Palette.normal, opacity: 0.22) }
        if !markers.isEmpty {
            legend.append(LegendEntry(name: "incident start (number = incident)", color: "currentColor", style: .dashed))
        }
        let legendRows = Self.legendRows(legend, width: width - 70)
        var svg = SVGBuilder(width: width, height: frame.bottom + 46 + Double(legendRows) * 18 + 4)

        svg.raw("<g class=\"bands\">")
        for band in bands {
            svg.rect(
                x: time(band.start), y: frame.top, width: max(time(band.end) - time(band.start), 1.5), height: frame.height,
                fill: classColors[band.className] ?? Palette.normal, opacity: 0.22, title: band.title,
                extra: " data-verdict=\"\(Markup.escape(band.className))\"")
        }
        svg.raw("</g>")
        frame.drawValueAxis(&svg, scale: y, ticks: domain.ticks, title: valueLabel, format: format)
        frame.drawTimeAxis(&svg, scale: time)

        let xs: [Double] = spans.count == 1 ? [time(first.start), time(first.end)] : spans.map { time(($0.start + $0.end) / 2) }
        func stretch(_ values: [Double]) -> [Double] { spans.count == 1 ? [values[0], values[0]] : values }
        for s in series {
            // Non-finite values (no data) break the line and the envelope into runs.
            if let envelope = s.envelope {
                let maximum = stretch(envelope.maximum), minimum = stretch(envelope.minimum)
                for run in Self.finiteRuns(maximum, minimum) {
                    let upper = run.map { (xs[$0], y(maximum[$0])) }
                    let lower = run.reversed().map { (xs[$0], y(minimum[$0])) }
                    svg.path(upper + lower, closed: true, fill: s.color, className: "envelope", data: s.name + " envelope")
                }
            }
            let values = stretch(s.values)
            for run in Self.finiteRuns(values, values) {
                svg.path(run.map { (xs[$0], y(values[$0])) }, stroke: s.color, className: "series", title: s.name, data: s.name)
            }
        }
        drawPoints(&svg, time: time, y: y)
        // Many incidents: every one keeps its bar and tooltip; lines and labels only where they fit.
        var lastLabel = -Double.infinity
        for marker in markers {
            let x0 = time(marker.start), x1 = max(time(marker.end), x0 + 2)
            svg.raw("<g class=\"incident-marker\">")
            svg.rect(x: x0, y: frame.top - 10, width: x1 - x0, height: 6, fill: marker.color, title: marker.title)
            if markers.count <= Self.markerLines {
                svg.line(x1: x0, y1: frame.top - 4, x2: x0, y2: frame.bottom, className: "incident", stroke: marker.color)
            }
            if x0 - lastLabel >= Double(marker.label.count) * 7 + 6 {
                svg.text(marker.label, x: x0 + 1, y: frame.top - 13, className: "marker-label")
                lastLabel = x0
            }
            svg.raw("</g>")
        }
        if let pointTitles {
            frame.drawPointTitles(&svg, spans: spans, titles: pointTitles, scale: time)
        }
        svg.legend(legend, x: frame.left, y: frame.bottom + 62, maxX: width - 10)
        return svg.svg(id: id, title: title, summary: "\(title) (\(valueLabel)) over time; \(spans.count) points")
    }

    /// Index runs where both `a` and `b` are finite.
    static func finiteRuns(_ a: [Double], _ b: [Double]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for i in a.indices {
            if a[i].isFinite && i < b.count && b[i].isFinite {
                current.append(i)
            } else if !current.isEmpty {
                runs.append(current); current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Most incidents drawn with a dashed line down the plot (beyond, only their bars).
    static let markerLines = 40

    /// Legend rows needed for `entries` in `width` (matches ``SVGBuilder/legend``'s wrapping).
    static func legendRows(_ entries: [LegendEntry], width: Double) -> Int {
        var rows = 1, x = 0.0
        for entry in entries {
            let w = 22 + Double(entry.name.count) * 6.6 + 14
            if x + w > width && x > 0 { rows += 1; x = 0 }
            x += w
        }
        return entries.isEmpty ? 0 : rows
    }

    /// Bands for consecutive points of one non-`normal` verdict.
    static func bands(
        verdicts: [String], spans: [(start: Double, end: Double)], windowsPerPoint: [Int],
        normal: String = ClassLabel.normal
    ) -> [Band] {
        var bands: [Band] = []
        var i = 0
        while i < verdicts.count {
            guard verdicts[i] != normal else { i += 1; continue }
            var j = i
            while j + 1 < verdicts.count && verdicts[j + 1] == verdicts[i] { j += 1 }
            let windows = windowsPerPoint[i...j].reduce(0, +)
            bands.append(
                Band(
                    start: spans[i].start, end: spans[j].end, className: verdicts[i],
                    title:
                        "\(verdicts[i]): \(TimeFormat.clock(spans[i].start)) → \(TimeFormat.clock(spans[j].end)) (\(windows) window\(windows == 1 ? "" : "s"))"
                ))
            i = j + 1
        }
        return bands
    }
}
