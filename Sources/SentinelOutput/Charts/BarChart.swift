/// Horizontal bars: one labelled bar per item, longest first as given.
struct BarChart {
    /// One bar.
    struct Bar {
        /// The label on the left.
        var label: String
        /// The value.
        var value: Double
        /// The text after the bar (the value, formatted, perhaps with a share).
        var valueText: String
        /// The tooltip.
        var title: String
        /// The colour.
        var color: String = Palette.series[0]
    }

    /// The element id.
    var id: String
    /// The chart's name.
    var title: String
    /// The value axis title with its unit.
    var valueLabel: String
    /// The bars.
    var bars: [Bar]
    /// Legend entries (empty: none).
    var legend: [LegendEntry] = []

    /// The SVG.
    func render(width: Double = 540) -> String {
        let labelWidth = min(190, Double(bars.map(\.label.count).max() ?? 4) * 7 + 12)
        let rowHeight = 22.0
        let frame = ChartFrame(left: labelWidth, top: 8, right: width - 80, bottom: 8 + rowHeight * Double(max(bars.count, 1)))
        let domain = LinearScale.niceDomain(minimum: 0, maximum: bars.map(\.value).max() ?? 1, target: 4)
        let x = LinearScale(lower: 0, upper: domain.upper, from: frame.left, to: frame.right)
        let rows = TimeSeriesChart.legendRows(legend, width: width - 20)
        var svg = SVGBuilder(width: width, height: frame.bottom + 44 + Double(rows) * 18)
        for tick in domain.ticks {
            svg.line(x1: x(tick), y1: frame.top, x2: x(tick), y2: frame.bottom, className: tick == 0 ? "axis" : "grid")
            svg.text(Markup.compact(tick), x: x(tick), y: frame.bottom + 14, anchor: "middle", className: "tick")
        }
        svg.text(valueLabel, x: (frame.left + frame.right) / 2, y: frame.bottom + 32, anchor: "middle", className: "axis-title")
        for (i, bar) in bars.enumerated() {
            let top = frame.top + Double(i) * rowHeight
            svg.text(String(bar.label.prefix(28)), x: frame.left - 6, y: top + 15, anchor: "end", className: "tick")
            svg.rect(
                x: frame.left, y: top + 4, width: x(bar.value) - frame.left, height: rowHeight - 8, fill: bar.color,
                className: "bar", title: bar.title)
            svg.text(bar.valueText, x: x(bar.value) + 4, y: top + 15, className: "tick")
        }
        if !legend.isEmpty { svg.legend(legend, x: 10, y: frame.bottom + 56, maxX: width - 10) }
        return svg.svg(id: id, title: title, summary: "\(title): \(bars.count) bars (\(valueLabel))", kind: "bars")
    }
}
