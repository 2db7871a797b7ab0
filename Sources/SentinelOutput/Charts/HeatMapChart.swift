/// A confusion matrix as a heat map: rows are true classes, columns predicted ones, each
/// cell shaded by its share of the row (recall for the diagonal) and labelled with its count.
struct HeatMapChart {
    /// The element id.
    var id: String
    /// The chart's name.
    var title: String
    /// The class names.
    var classNames: [String]
    /// `matrix[t][p]`: rows of true class `t` predicted as `p`.
    var matrix: [[Int]]

    /// The SVG.
    func render() -> String {
        let n = classNames.count
        let labelWidth = Double(classNames.map(\.count).max() ?? 6) * 7 + 40
        let cell = max(44, min(80, 640 / Double(max(n, 1))))
        let left = labelWidth, top = 40.0
        let size = cell * Double(n)
        let legendY = top + size + Double(classNames.map(\.count).max() ?? 6) * 6.2 + 30
        var svg = SVGBuilder(width: left + size + 30, height: legendY + 30)
        svg.text("predicted class", x: left + size / 2, y: 16, anchor: "middle", className: "axis-title")
        svg.text("true class", x: 14, y: top + size / 2, anchor: "middle", className: "axis-title", rotate: true)
        for (t, row) in matrix.enumerated() {
            let total = row.reduce(0, +)
            svg.text(classNames[t], x: left - 6, y: top + Double(t) * cell + cell / 2 + 4, anchor: "end", className: "tick")
            for (p, count) in row.enumerated() {
                let share = total > 0 ? Double(count) / Double(total) : 0
                let x = left + Double(p) * cell, y = top + Double(t) * cell
                let title =
                    "true \(classNames[t]), predicted \(classNames[p]): \(count) (\(Markup.percent(share)) of \(total) \(classNames[t]) rows)"
                svg.rect(
                    x: x, y: y, width: cell - 1, height: cell - 1, fill: t == p ? "#0072B2" : "#D55E00",
                    className: "cell", opacity: count == 0 ? 0.04 : 0.15 + 0.85 * share, title: title,
                    extra:
                        " data-true=\"\(Markup.escape(classNames[t]))\" data-predicted=\"\(Markup.escape(classNames[p]))\" data-count=\"\(count)\""
                )
                svg.text(
                    String(count), x: x + cell / 2, y: y + cell / 2 + 4, anchor: "middle",
                    className: share > 0.55 ? "cell-text strong" : "cell-text")
            }
        }
        for (p, name) in classNames.enumerated() {
            let x = left + Double(p) * cell + cell / 2 + 4, y = top + size + 8
            svg.raw(
                "<text x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y))\" text-anchor=\"end\" class=\"tick\" transform=\"rotate(-60 \(Markup.coordinate(x)) \(Markup.coordinate(y)))\">\(Markup.escape(name))</text>"
            )
        }
        svg.legend(
            [
                LegendEntry(name: "correct (shade = share of the true class's rows)", color: "#0072B2", opacity: 0.7),
                LegendEntry(name: "confused", color: "#D55E00", opacity: 0.7),
            ],
            x: 10, y: legendY, maxX: left + size + 30)
        return svg.svg(id: id, title: title, summary: "Confusion matrix of \(n) classes: rows true, columns predicted", kind: "heatmap")
    }
}
