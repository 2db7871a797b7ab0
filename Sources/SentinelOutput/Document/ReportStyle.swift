/// The report's inline CSS: light by default, dark under `prefers-color-scheme: dark`, and
/// black on white without backgrounds when printed.
enum ReportStyle {
    static let css = """
        :root{--bg:#ffffff;--fg:#1b1b1b;--muted:#5a5a5a;--grid:#e3e3e3;--axis:#707070;--panel:#f6f7f9;--border:#d6d9de;--hover:rgba(0,0,0,.07);color-scheme:light dark}
        @media (prefers-color-scheme: dark){:root{--bg:#15171a;--fg:#e8e8e8;--muted:#a8a8a8;--grid:#34383e;--axis:#8c8c8c;--panel:#1e2125;--border:#3a3f45;--hover:rgba(255,255,255,.09)}}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1180px;padding:24px;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid var(--border);padding-bottom:.2em}h3{font-size:1.05em;margin:1.1em 0 .3em}
        p.meta,figcaption,.note{color:var(--muted)}figcaption{font-size:.88em;margin-top:.2em}
        figure{margin:.6em 0 1.2em;break-inside:avoid;page-break-inside:avoid}
        .cards{display:flex;flex-wrap:wrap;gap:10px;margin:.8em 0}.card{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 12px;min-width:130px}
        .card b{display:block;font-size:1.2em}.card span{color:var(--muted);font-size:.85em}
        .row{display:flex;flex-wrap:wrap;gap:18px}.row>figure{flex:1 1 420px;min-width:0}
        table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}th,td{border-bottom:1px solid var(--border);padding:3px 10px;text-align:left;vertical-align:top}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        svg.chart{width:100%;height:auto;display:block;font-family:inherit;color:var(--fg)}svg.chart.bars{max-width:560px}svg.chart.heatmap{max-width:860px}
        svg .grid{stroke:var(--grid);stroke-width:1}svg .axis{stroke:var(--axis);stroke-width:1}
        svg .tick{fill:var(--muted);font-size:11px}svg .axis-title,svg .legend-text,svg .marker-label{fill:var(--fg);font-size:12px}
        svg .series{stroke-width:1.6;fill:none;stroke-linejoin:round}svg .envelope{fill-opacity:.22;stroke:none}
        svg .point{stroke:var(--bg);stroke-width:1.2}svg .point:hover{stroke:var(--fg);stroke-width:2}
        svg .layer{fill-opacity:.85;stroke:none}svg .incident{stroke-width:1.4;stroke-dasharray:4 3}
        svg .cell-text{fill:var(--fg);font-size:12px}svg .cell-text.strong{fill:#ffffff;font-weight:600}
        svg .hover rect{fill:transparent}svg .hover rect:hover{fill:var(--hover)}svg .bar:hover,svg .cell:hover{stroke:var(--fg);stroke-width:1}
        code{font-size:.92em}
        @media print{:root{--bg:#fff;--fg:#000;--muted:#333;--grid:#ddd;--axis:#555;--panel:#fff;--border:#bbb}body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}svg .hover{display:none}}
        """
}
