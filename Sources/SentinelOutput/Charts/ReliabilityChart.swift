import SentinelLearning

/// A reliability diagram: for each confidence bin, a bar as tall as the share of its windows
/// the model got right, beside the diagonal a calibrated model would follow; bins below the
/// diagonal are over-confident. Each bar's tooltip gives its windows and mean confidence.
struct ReliabilityChart {
    /// The element id.
    var id: String
    /// The chart's name.
    var title: String
    /// The table drawn.
    var table: ReliabilityTable

    /// The SVG.
    func render(width: Double = 420) -> String {
        let frame = ChartFrame(left: 56, top: 10, right: width - 16, bottom: width - 70)
        let x = LinearScale(lower: 0, upper: 1, from: frame.left, to: frame.right)
        let y = LinearScale(lower: 0, upper: 1, from: frame.bottom, to: frame.top)
        var svg = SVGBuilder(width: width, height: frame.bottom + 44)
        let ticks = stride(from: 0.0, through: 1.0, by: 0.2).map { $0 }
        frame.drawValueAxis(&svg, scale: y, ticks: ticks, title: "share right")
        for tick in ticks {
            svg.text(String(format: "%.1f", tick), x: x(tick), y: frame.bottom + 14, anchor: "middle", className: "tick")
        }
        svg.text(
            "confidence of the verdict", x: (frame.left + frame.right) / 2, y: frame.bottom + 32, anchor: "middle", className: "axis-title")
        for bin in table.bins where bin.count > 0 {
            let left = x(bin.lower) + 1, right = x(bin.upper) - 1
            let gap = bin.accuracy < bin.meanConfidence ? Palette.series[3] : Palette.series[0]
            svg.rect(
                x: left, y: y(bin.accuracy), width: right - left, height: frame.bottom - y(bin.accuracy), fill: gap, className: "bar",
                title: String(
                    format: "confidence %.1f–%.1f: %d windows, mean confidence %.3f, %.1f %% right", bin.lower, bin.upper, bin.count,
                    bin.meanConfidence, 100 * bin.accuracy))
            svg.circle(x: x(bin.meanConfidence), y: y(bin.meanConfidence), radius: 2.5, fill: "currentColor", className: "point")
        }
        svg.line(x1: x(0), y1: y(0), x2: x(1), y2: y(1), className: "axis")
        return svg.svg(
            id: id, title: title,
            summary: "\(title): \(table.bins.filter { $0.count > 0 }.count) bins, \(table.summary)", kind: "reliability")
    }
}
