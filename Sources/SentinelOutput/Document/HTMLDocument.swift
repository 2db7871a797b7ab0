/// Builds one self-contained HTML page: inline CSS, inline SVG, no scripts, no fetches.
struct HTMLDocument {
    /// The page title.
    var title: String
    private var body = ""

    /// Starts a page titled `title`.
    init(title: String) { self.title = title }

    /// A heading (text escaped); `id` makes it a link target.
    mutating func heading(_ text: String, level: Int = 2, id: String? = nil) {
        body += "<h\(level)\(id.map { " id=\"\(Markup.escape($0))\"" } ?? "")>\(Markup.escape(text))</h\(level)>\n"
    }

    /// A paragraph of plain text.
    mutating func paragraph(_ text: String, className: String? = nil) {
        body += "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(Markup.escape(text))</p>\n"
    }

    /// Summary cards: a figure and what it counts.
    mutating func cards(_ items: [(value: String, label: String)]) {
        body += "<div class=\"cards\">"
        for item in items {
            body += "<div class=\"card\"><b>\(Markup.escape(item.value))</b><span>\(Markup.escape(item.label))</span></div>"
        }
        body += "</div>\n"
    }

    /// A chart with its caption.
    mutating func figure(_ svg: String, caption: String) {
        body += Self.figureMarkup(svg, caption: caption) + "\n"
    }

    /// The markup of a chart with its caption (for rows of figures).
    static func figureMarkup(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(Markup.escape(caption))</figcaption></figure>"
    }

    /// Figures side by side (wrapping on narrow screens).
    mutating func row(_ figures: [String]) {
        body += "<div class=\"row\">" + figures.joined() + "</div>\n"
    }

    /// A table of plain-text cells; columns listed in `numeric` are right-aligned.
    mutating func table(headers: [String], rows: [[String]], numeric: Set<Int> = []) {
        body += "<table><thead><tr>"
        for (i, h) in headers.enumerated() { body += "<th\(numeric.contains(i) ? " class=\"num\"" : "")>\(Markup.escape(h))</th>" }
        body += "</tr></thead><tbody>"
        for row in rows {
            body += "<tr>"
            for (i, cell) in row.enumerated() { body += "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(Markup.escape(cell))</td>" }
            body += "</tr>"
        }
        body += "</tbody></table>\n"
    }

    /// Markup made by this module's builders, as is.
    mutating func raw(_ markup: String) { body += markup }

    /// The page.
    func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="sentinel">
        <title>\(Markup.escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
