/// Accumulates the elements of one SVG image; every text is escaped.
///
/// Colours that do not depend on the data come from CSS classes (`axis`, `grid`, `label`, …)
/// defined in ``ReportStyle``, so the charts follow the page's light, dark and print themes.
struct SVGBuilder {
    /// Width of the view box.
    let width: Double
    /// Height of the view box.
    let height: Double
    private var body = ""

    /// Starts an image of `width`×`height` user units.
    init(width: Double, height: Double) {
        self.width = width
        self.height = height
        body.reserveCapacity(4096)
    }

    /// Appends markup as is (callers escape).
    mutating func raw(_ markup: String) { body += markup }

    /// A rectangle, with an optional tooltip.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil, className: String? = nil,
        opacity: Double? = nil, title: String? = nil, extra: String = ""
    ) {
        body +=
            "<rect x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y))\" width=\"\(Markup.coordinate(max(0, width)))\" height=\"\(Markup.coordinate(max(0, height)))\""
        if let fill { body += " fill=\"\(fill)\"" }
        if let className { body += " class=\"\(className)\"" }
        if let opacity { body += " fill-opacity=\"\(opacity)\"" }
        body += extra
        if let title { body += "><title>\(Markup.escape(title))</title></rect>" } else { body += "/>" }
    }

    /// A straight line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String, stroke: String? = nil) {
        body +=
            "<line x1=\"\(Markup.coordinate(x1))\" y1=\"\(Markup.coordinate(y1))\" x2=\"\(Markup.coordinate(x2))\" y2=\"\(Markup.coordinate(y2))\" class=\"\(className)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        body += "/>"
    }

    /// A path from points: a polyline, or a closed polygon when `closed`.
    mutating func path(
        _ points: [(Double, Double)], closed: Bool = false, stroke: String? = nil, fill: String? = nil,
        className: String, title: String? = nil, data: String? = nil
    ) {
        guard !points.isEmpty else { return }
        var d = ""
        d.reserveCapacity(points.count * 12)
        for (i, p) in points.enumerated() {
            d += (i == 0 ? "M" : "L") + Markup.coordinate(p.0) + " " + Markup.coordinate(p.1)
        }
        if closed { d += "Z" }
        body += "<path d=\"\(d)\" class=\"\(className)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        body += " fill=\"\(fill ?? "none")\""
        if let data { body += " data-series=\"\(Markup.escape(data))\"" }
        if let title { body += "><title>\(Markup.escape(title))</title></path>" } else { body += "/>" }
    }

    /// A circle, with an optional tooltip.
    mutating func circle(x: Double, y: Double, radius: Double, fill: String, className: String, title: String? = nil, extra: String = "") {
        body +=
            "<circle cx=\"\(Markup.coordinate(x))\" cy=\"\(Markup.coordinate(y))\" r=\"\(Markup.coordinate(radius))\" fill=\"\(fill)\" class=\"\(className)\""
            + extra
        if let title { body += "><title>\(Markup.escape(title))</title></circle>" } else { body += "/>" }
    }

    /// A text label.
    mutating func text(
        _ text: String, x: Double, y: Double, anchor: String = "start", className: String = "label",
        rotate: Bool = false, fill: String? = nil
    ) {
        body += "<text x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y))\" text-anchor=\"\(anchor)\" class=\"\(className)\""
        if rotate { body += " transform=\"rotate(-90 \(Markup.coordinate(x)) \(Markup.coordinate(y)))\"" }
        if let fill { body += " fill=\"\(fill)\"" }
        body += ">\(Markup.escape(text))</text>"
    }

    /// A legend row at (`x`, `y`): a swatch and a name per entry, wrapping at `maxX`.
    /// - Returns: the y below the legend.
    @discardableResult
    mutating func legend(_ entries: [LegendEntry], x: Double, y: Double, maxX: Double) -> Double {
        body += "<g class=\"legend\">"
        var cx = x, cy = y
        for entry in entries {
            let width = 22 + Double(entry.name.count) * 6.6 + 14
            if cx + width > maxX && cx > x { cx = x; cy += 18 }
            switch entry.style {
            case .swatch: rect(x: cx, y: cy - 9, width: 14, height: 10, fill: entry.color, opacity: entry.opacity)
            case .line: line(x1: cx, y1: cy - 4, x2: cx + 16, y2: cy - 4, className: "series", stroke: entry.color)
            case .dashed: line(x1: cx + 7, y1: cy - 11, x2: cx + 7, y2: cy + 2, className: "incident", stroke: entry.color)
            case .dot: circle(x: cx + 7, y: cy - 4, radius: 4.5, fill: entry.color, className: "point")
            }
            text(entry.name, x: cx + 20, y: cy, className: "legend-text")
            cx += width
        }
        body += "</g>"
        return cy + 18
    }

    /// The finished image; `title` and `summary` become its accessible name and description.
    func svg(id: String, title: String, summary: String, kind: String = "") -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(Markup.escape(id))\" class=\"chart\(kind.isEmpty ? "" : " " + kind)\" viewBox=\"0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))\" role=\"img\" aria-labelledby=\"\(Markup.escape(id))-title \(Markup.escape(id))-desc\">"
            + "<title id=\"\(Markup.escape(id))-title\">\(Markup.escape(title))</title><desc id=\"\(Markup.escape(id))-desc\">\(Markup.escape(summary))</desc>"
            + body + "</svg>"
    }
}
