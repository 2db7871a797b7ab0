/// The plot area of a chart and the drawing of its grid, ticks and axis titles.
struct ChartFrame {
    /// Left edge of the plot area.
    var left: Double
    /// Top edge.
    var top: Double
    /// Right edge.
    var right: Double
    /// Bottom edge.
    var bottom: Double

    /// The plot's width.
    var width: Double { right - left }
    /// The plot's height.
    var height: Double { bottom - top }

    /// A horizontal value axis: grid lines and labels at `ticks`, `title` (with its unit)
    /// rotated beside it.
    func drawValueAxis(
        _ svg: inout SVGBuilder, scale: LinearScale, ticks: [Double], title: String,
        format: (Double) -> String = Markup.compact
    ) {
        for tick in ticks {
            let y = scale(tick)
            svg.line(x1: left, y1: y, x2: right, y2: y, className: tick == 0 ? "axis" : "grid")
            svg.text(format(tick), x: left - 6, y: y + 4, anchor: "end", className: "tick")
        }
        svg.text(title, x: 14, y: (top + bottom) / 2, anchor: "middle", className: "axis-title", rotate: true)
    }

    /// The time axis: ticks at round UTC times and the title `time (UTC)` with the date.
    func drawTimeAxis(_ svg: inout SVGBuilder, scale: LinearScale) {
        svg.line(x1: left, y1: bottom, x2: right, y2: bottom, className: "axis")
        for tick in TimeFormat.ticks(from: scale.lower, to: scale.upper) {
            let x = scale(tick.value)
            svg.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, className: "axis")
            svg.text(
                tick.label, x: x, y: bottom + 18, anchor: x > right - 28 ? "end" : (x < left + 28 ? "start" : "middle"), className: "tick")
        }
        svg.text(
            "time (UTC, \(TimeFormat.date(scale.lower)))", x: (left + right) / 2, y: bottom + 36,
            anchor: "middle", className: "axis-title")
    }

    /// One invisible hover target per point, as tall as the plot, each with its title
    /// (points past the end of `titles` get none).
    func drawPointTitles(_ svg: inout SVGBuilder, spans: [(start: Double, end: Double)], titles: [String], scale: LinearScale) {
        svg.raw("<g class=\"hover\">")
        for (i, span) in spans.enumerated() where i < titles.count {
            svg.rect(
                x: scale(span.start), y: top, width: max(scale(span.end) - scale(span.start), 0.5),
                height: height, title: titles[i])
        }
        svg.raw("</g>")
    }
}
