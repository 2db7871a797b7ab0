extension TimeSeriesChart {
    /// An event at one time and value, drawn as a dot whose tooltip explains it (a planner
    /// action on the replicas chart).
    struct PointMarker {
        /// When it happened (s since the epoch).
        var time: Double
        /// The value it sits at (e.g. the replicas after a scale action).
        var value: Double
        /// What kind of event: one legend entry and one colour per kind.
        var kind: String
        /// Its colour.
        var color: String
        /// The tooltip.
        var title: String
    }

    /// One legend entry per kind of point, in order of first appearance.
    static func pointLegend(_ points: [PointMarker]) -> [LegendEntry] {
        var kinds: [String] = []
        var entries: [LegendEntry] = []
        for point in points where !kinds.contains(point.kind) {
            kinds.append(point.kind)
            entries.append(LegendEntry(name: "action: \(point.kind)", color: point.color, style: .dot))
        }
        return entries
    }

    /// Draws the points over the lines.
    func drawPoints(_ svg: inout SVGBuilder, time: LinearScale, y: LinearScale) {
        guard !points.isEmpty else { return }
        svg.raw("<g class=\"points\">")
        for point in points {
            svg.circle(
                x: time(point.time), y: y(point.value), radius: 4.5, fill: point.color, className: "point",
                title: point.title, extra: " data-kind=\"\(Markup.escape(point.kind))\"")
        }
        svg.raw("</g>")
    }
}
