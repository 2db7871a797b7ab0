import SentinelDetection
import SentinelFeatures

extension AnalysisReport {
    /// The access-log timelines (requests/s, latency, 5xx share), log probabilities and runs.
    static func logSection(_ page: inout HTMLDocument, _ logs: LogAnalysis.Result, maxPoints: Int) {
        page.heading("Access logs", id: "logs")
        let summary = logs.summary
        page.paragraph("Logs: " + zip(summary.sources, summary.formats).map { "\($0) (\($1))" }.joined(separator: ", "), className: "meta")
        page.cards([
            (Markup.count(summary.lines), "lines"), (Markup.count(summary.parsed), "requests"),
            (Markup.count(summary.malformedTotal), "lines skipped"), (Markup.count(logs.windows.count), "windows"),
            (Markup.count(logs.detection?.runs.count ?? 0), "log incidents"),
        ])
        let windows = logs.windows
        guard !windows.isEmpty else { page.paragraph("No log windows.", className: "note"); return }
        let detection = logs.detection
        let frame = TimelineFrame(windows, detection: detection, maxPoints: maxPoints, markerPrefix: "L", title: logRunTitle)
        let (buckets, spans, verdicts) = (frame.buckets, frame.spans, frame.verdicts)
        let rps = buckets.aggregate(windows.map { $0[.requestsPerSecond] })
        let titles = buckets.ranges.enumerated().map { b, range in
            var text =
                range.count == 1
                ? "\(TimeFormat.clock(spans[b].start)): \(Markup.compact(rps.mean[b])) requests/s"
                : "\(TimeFormat.clock(spans[b].start)) → \(TimeFormat.clock(spans[b].end)) (\(range.count) windows): mean \(Markup.compact(rps.mean[b])) requests/s"
            let w = windows[range.lowerBound]
            if range.count == 1 {
                text += ", p95 \(Markup.compact(w[.latencyP95])) ms, 5xx \(Markup.percent(w[.status5xxShare]))"
            }
            if let verdicts { text += "; verdict \(verdicts[b])" }
            return text
        }
        let charts: [(id: String, title: String, unit: String, series: [(String, LogWindowFeature)], percent: Bool)] = [
            ("logs-requests", "Requests per second", "requests/s", [("requests/s", .requestsPerSecond)], false),
            ("logs-latency", "Request latency", "latency (ms)", [("p95 latency", .latencyP95), ("p50 latency", .latencyP50)], false),
            ("logs-errors", "Server errors", "5xx share (%)", [("5xx share", .status5xxShare)], true),
        ]
        for chart in charts {
            let svg = frame.chart(
                id: chart.id, title: chart.title, unit: chart.unit,
                series: chart.series.map { name, feature in (name, windows.map { $0[feature] * (chart.percent ? 100 : 1) }) },
                pointTitles: chart.id == "logs-requests" ? titles : nil)
            page.figure(
                svg,
                caption: "\(chart.title) (\(chart.unit)) per log window; \(Markup.count(windows.count)) windows, \(buckets.caption)."
                    + (detection == nil ? "" : " Bands: log verdicts; numbered bars (L1, L2…): log incidents."))
        }
        probabilities(
            &page, spansOf: windows.map { ($0.start, $0.end) }, verdicts: detection?.verdicts,
            classNames: detection?.classNames, id: "logs-probabilities", what: "log windows", maxPoints: maxPoints)
        if let detection {
            page.heading("Log incidents", level: 3, id: "log-incidents")
            if detection.runs.isEmpty {
                page.paragraph("No degraded log windows.", className: "note")
            } else {
                page.table(
                    headers: ["#", "class", "start (UTC)", "end", "windows", "confidence", "requests", "busiest clients", "why"],
                    rows: detection.runs.enumerated().map { i, run in
                        [
                            "L\(i + 1)", run.className, TimeFormat.dateTime(run.start), TimeFormat.clock(run.end),
                            Markup.count(run.windows),
                            Markup.percent(run.meanConfidence), Markup.count(run.requests), run.clients.joined(separator: ", "),
                            run.reasons.prefix(4).joined(separator: "; "),
                        ]
                    }, numeric: [4, 5, 6])
            }
        }
    }

    static func logRunTitle(_ index: Int, _ run: LogRun) -> String {
        "Log incident L\(index + 1): \(run.className), \(TimeFormat.clock(run.start)) → \(TimeFormat.clock(run.end)), \(run.windows) windows, "
            + "confidence \(Markup.percent(run.meanConfidence)), \(Markup.count(run.requests)) requests"
    }
}
