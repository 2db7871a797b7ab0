import SentinelFeatures

/// The outputs of log analysis: text section, JSON members and the log-windows CSV.
public enum LogReport {
    /// Header of the log-windows CSV: `start,end,requests,` then every ``LogWindowFeature``.
    public static var csvHeader: String { (["start", "end", "requests"] + LogWindowRecord.names).joined(separator: ",") }

    /// One log-windows CSV row.
    public static func csvRow(_ w: LogWindowRecord) -> String {
        ([JSONWriter.format(w.start), JSONWriter.format(w.end), String(w.requests)] + w.values.map { JSONWriter.format($0) })
            .joined(separator: ",")
    }

    /// Writes `log_summary` and `log_windows` into an open JSON object.
    public static func writeJSON(_ result: LogAnalysis.Result, into json: inout JSONWriter) {
        let s = result.summary
        json.beginObject("log_summary")
        json.beginArray("sources")
        for source in s.sources { json.string(nil, source) }
        json.endArray()
        json.beginArray("formats")
        for format in s.formats { json.string(nil, format) }
        json.endArray()
        json.number("lines", s.lines)
        json.number("requests", s.parsed)
        json.number("malformed_total", s.malformedTotal)
        json.beginObject("malformed")
        for (reason, count) in s.malformed.sorted(by: { $0.key < $1.key }) { json.number(reason, count) }
        json.endObject()
        json.beginArray("malformed_examples")
        for example in s.examples { json.string(nil, example) }
        json.endArray()
        json.number("windows", s.windows)
        json.number("late_lines", s.lateRecords)
        json.endObject()
        json.beginArray("log_windows")
        for w in result.windows {
            json.newline()
            json.beginObject()
            json.number("start", w.start)
            json.number("end", w.end)
            json.number("requests", w.requests)
            for feature in LogWindowFeature.allCases { json.number(feature.name, w[feature]) }
            json.beginArray("top_clients")
            for client in w.topClients {
                json.beginObject()
                json.string("client", client.client)
                json.number("requests", client.requests)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    /// The text section: totals, skipped lines with examples, and a window table.
    public static func text(_ result: LogAnalysis.Result, windowLength: Double, maxRows: Int) -> String {
        let s = result.summary
        var out = "\nAccess log\(s.sources.count == 1 ? " \(s.sources[0])" : "s (\(s.sources.count))") (\(s.formats.joined(separator: ", "))):\n"
        out += "  lines \(HumanFormat.grouped(UInt64(s.lines)))  requests \(HumanFormat.grouped(UInt64(s.parsed)))"
        out += "  skipped \(HumanFormat.grouped(UInt64(s.malformedTotal)))  windows \(s.windows)\n"
        if let first = s.firstTimestamp, let last = s.lastTimestamp {
            out += "  time \(HumanFormat.time(first)) → \(HumanFormat.time(last)) UTC\n"
        }
        if s.malformedTotal > 0 {
            out += "  skipped lines by reason: " + s.malformed.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: " · ") + "\n"
            for example in s.examples.prefix(5) { out += "    \(example)\n" }
        }
        guard maxRows > 0, !result.windows.isEmpty else { return out }
        let windows = result.windows
        let group = max(1, (windows.count + maxRows - 1) / maxRows)
        out += "\nLog windows (\(HumanFormat.compact(windowLength)) s, \(windows.count) windows"
        out += group > 1 ? "; each row averages \(group) consecutive windows):\n" : "):\n"
        let columns: [(String, LogWindowFeature, Int, Bool)] = [
            ("req/s", .requestsPerSecond, 8, false), ("2xx", .status2xxShare, 7, true), ("4xx", .status4xxShare, 7, true),
            ("5xx", .status5xxShare, 7, true), ("p50 ms", .latencyP50, 8, false), ("p95 ms", .latencyP95, 8, false),
            ("p99 ms", .latencyP99, 8, false), ("slow", .slowRequestShare, 7, true), ("clients", .distinctClients, 8, false),
            ("growth", .requestRateGrowth, 7, false),
        ]
        var header = HumanFormat.pad("time (UTC)", 12, left: true)
        for c in columns { header += HumanFormat.pad(c.0, c.2) }
        out += header + "  top client\n"
        var index = 0
        while index < windows.count {
            let slice = windows[index..<min(windows.count, index + group)]
            var line = HumanFormat.pad(HumanFormat.time(slice.first!.start, dateless: true, fractional: windowLength < 1), 12, left: true)
            let requests = Double(slice.map(\.requests).reduce(0, +))
            for c in columns {
                // Rates average over the windows; shares and latencies over the requests.
                let perRequest = c.1 != .requestsPerSecond && c.1 != .distinctClients && c.1 != .requestRateGrowth
                let v = perRequest
                    ? (requests > 0 ? slice.map { $0[c.1] * Double($0.requests) }.reduce(0, +) / requests : 0)
                    : slice.map { $0[c.1] }.reduce(0, +) / Double(slice.count)
                line += HumanFormat.pad(c.3 ? HumanFormat.percent(v) : HumanFormat.compact(v), c.2)
            }
            if let busiest = slice.max(by: { $0.requests < $1.requests }), let top = busiest.topClients.first, busiest.requests > 0 {
                line += "  \(top.client) (\(HumanFormat.percent(Double(top.requests) / Double(busiest.requests))))"
            }
            out += line + "\n"
            index += group
        }
        return out
    }
}
