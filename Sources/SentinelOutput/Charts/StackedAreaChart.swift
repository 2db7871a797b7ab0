/// Class probabilities over time as stacked areas (each point's layers sum to 1).
struct StackedAreaChart {
    /// The element id.
    var id: String
    /// The chart's name.
    var title: String
    /// The class names, bottom layer first.
    var classNames: [String]
    /// Colour of each class.
    var classColors: [String: String]
    /// Start and end time of each point.
    var spans: [(start: Double, end: Double)]
    /// `probabilities[c][i]`: mean probability of class `c` at point `i`.
    var probabilities: [[Double]]
    /// A tooltip per point (nil: none).
    var pointTitles: [String]? = nil

    /// The SVG.
    func render(width: Double = 1100, plotHeight: Double = 170) -> String {
        let frame = ChartFrame(left: 70, top: 14, right: width - 16, bottom: 14 + plotHeight)
        guard let first = spans.first, let last = spans.last else { return "" }
        let time = LinearScale(lower: first.start, upper: max(last.end, first.start + 1e-3), from: frame.left, to: frame.right)
        let y = LinearScale(lower: 0, upper: 1, from: frame.bottom, to: frame.top)
        let legend = classNames.map { LegendEntry(name: $0, color: classColors[$0] ?? Palette.normal) }
        let rows = TimeSeriesChart.legendRows(legend, width: width - 70)
        var svg = SVGBuilder(width: width, height: frame.bottom + 46 + Double(rows) * 18 + 4)
        frame.drawValueAxis(&svg, scale: y, ticks: [0, 0.25, 0.5, 0.75, 1], title: "probability (0–1)") { String($0) }

        // Step shape: each point holds its value over its whole span.
        var xs: [Double] = []
        for span in spans { xs.append(time(span.start)); xs.append(time(span.end)) }
        var below = [Double](repeating: 0, count: spans.count)
        for (c, name) in classNames.enumerated() where c < probabilities.count {
            let above = zip(below, probabilities[c]).map { $0 + $1 }
            guard probabilities[c].contains(where: { $0 > 0.0005 }) else { below = above; continue }
            var upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
            for i in spans.indices {
                upper.append((xs[2 * i], y(min(1, above[i]))))
                upper.append((xs[2 * i + 1], y(min(1, above[i]))))
                lower.append((xs[2 * i], y(min(1, below[i]))))
                lower.append((xs[2 * i + 1], y(min(1, below[i]))))
            }
            svg.path(
                upper + lower.reversed(), closed: true, fill: classColors[name] ?? Palette.normal,
                className: "layer", title: "p(\(name))", data: name)
            below = above
        }
        frame.drawTimeAxis(&svg, scale: time)
        if let pointTitles {
            frame.drawPointTitles(&svg, spans: spans, titles: pointTitles, scale: time)
        }
        svg.legend(legend, x: frame.left, y: frame.bottom + 62, maxX: width - 10)
        return svg.svg(id: id, title: title, summary: "Stacked probability of each class per point; \(spans.count) points")
    }
}
