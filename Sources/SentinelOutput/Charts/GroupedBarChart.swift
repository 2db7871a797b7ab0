/// Vertical bars grouped per category (per class: precision, recall and F1), values 0–1.
struct GroupedBarChart {
    /// The element id.
    var id: String
    /// The chart's name.
    var title: String
    /// The categories along the x axis.
    var categories: [String]
    /// The measures in each group, with their colours.
    var measures: [(name: String, color: String)]
    /// `values[c][m]`: measure `m` of category `c`, 0–1.
    var values: [[Double]]
    /// A note per category appended to tooltips (support, say).
    var notes: [String] = []

    /// The SVG.
    func render(width: Double = 1100) -> String {
        let frame = ChartFrame(left: 70, top: 14, right: width - 16, bottom: 214)
        let y = LinearScale(lower: 0, upper: 1, from: frame.bottom, to: frame.top)
        var svg = SVGBuilder(width: width, height: frame.bottom + 86)
        frame.drawValueAxis(&svg, scale: y, ticks: [0, 0.25, 0.5, 0.75, 1], title: "score (0–1)") { String($0) }
        let group = frame.width / Double(max(categories.count, 1))
        let bar = min(28, group * 0.8 / Double(max(measures.count, 1)))
        for (c, name) in categories.enumerated() {
            let start = frame.left + Double(c) * group + (group - bar * Double(measures.count)) / 2
            for (m, measure) in measures.enumerated() where m < values[c].count {
                let v = values[c][m]
                let note = c < notes.count ? ", \(notes[c])" : ""
                svg.rect(
                    x: start + Double(m) * bar, y: y(v), width: bar - 2, height: frame.bottom - y(v), fill: measure.color,
                    className: "bar", title: "\(name) \(measure.name): \(String(format: "%.3f", v))\(note)",
                    extra:
                        " data-class=\"\(Markup.escape(name))\" data-measure=\"\(Markup.escape(measure.name))\" data-value=\"\(String(format: "%.4f", v))\""
                )
            }
            svg.text(name, x: frame.left + (Double(c) + 0.5) * group, y: frame.bottom + 18, anchor: "middle", className: "tick")
        }
        svg.text("class", x: (frame.left + frame.right) / 2, y: frame.bottom + 38, anchor: "middle", className: "axis-title")
        svg.legend(measures.map { LegendEntry(name: $0.name, color: $0.color) }, x: frame.left, y: frame.bottom + 62, maxX: width - 10)
        return svg.svg(id: id, title: title, summary: "\(measures.map(\.name).joined(separator: ", ")) per class")
    }
}
