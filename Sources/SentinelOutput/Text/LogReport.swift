import SentinelCore
import SentinelDetection
import SentinelFeatures

/// The outputs of log analysis: text section, JSON members and the log-windows CSV.
package enum LogReport {
    /// Header of the log-windows CSV: `start,end,requests,` then every ``LogWindowFeature``,
    /// then with a model `verdict,confidence` and one `p_<class>` per class.
    package static func csvHeader(classNames: [String]? = nil) -> String {
        var columns = ["start", "end", "requests"] + LogWindowRecord.names
        if let classNames { columns += ["verdict", "confidence"] + classNames.map { "p_" + $0 } }
        return columns.joined(separator: ",")
    }

    /// One log-windows CSV row (with the verdict columns when a verdict is given).
    package static func csvRow(_ w: LogWindowRecord, verdict: WindowVerdict? = nil) -> String {
        var fields = [JSONWriter.format(w.start), JSONWriter.format(w.end), String(w.requests)] + w.values.map { JSONWriter.format($0) }
        if let verdict { fields += CSVFormat.verdictFields(verdict) }
        return fields.joined(separator: ",")
    }

    /// The whole log-windows CSV (header and rows, verdicts included when classified).
    package static func csv(_ result: LogAnalysis.Result) -> [String] {
        let d = result.detection
        return [csvHeader(classNames: d?.classNames)]
            + result.windows.indices.map { csvRow(result.windows[$0], verdict: d?.verdicts[$0]) }
    }

    /// Writes `log_summary` and `log_windows` into an open JSON object.
    package static func writeJSON(_ result: LogAnalysis.Result, into json: inout JSONWriter) {
        let s = result.summary
        json.beginObject("log_summary")
        json.strings("sources", s.sources)
        json.strings("formats", s.formats)
        json.number("lines", s.lines)
        json.number("requests", s.parsed)
        json.number("malformed_total", s.malformedTotal)
        json.beginObject("malformed")
        for (reason, count) in s.malformed.sorted(by: { $0.key < $1.key }) { json.number(reason, count) }
        json.endObject()
        json.strings("malformed_examples", s.examples)
        json.number("windows", s.windows)
        json.number("late_lines", s.lateRecords)
        json.endObject()
        if let d = result.detection { writeDetection(d, into: &json) }
        json.beginArray("log_windows")
        for (index, w) in result.windows.enumerated() {
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
            if let d = result.detection { JSONReport.writeVerdict(d.verdicts[index], classes: d.classNames, into: &json) }
            json.endObject()
        }
        json.endArray()
    }

    static func writeDetection(_ d: LogDetection, into json: inout JSONWriter) {
        DetectionSections.writeJSON(d, names: detectionNames(d), kind: false, into: &json) { run, json in
            json.number("requests", run.requests)
            json.strings("top_clients", run.clients)
        }
    }

    /// How the log detection's JSON and text name things.
    static func detectionNames(_ d: LogDetection) -> DetectionSections.Names {
        DetectionSections.Names(
            objectKey: "log_detection", runsKey: "runs", title: "Log detection (\(d.modelSource))",
            noRuns: "no degradation windows", runsHeading: "runs")
    }

    /// The text lines of a log detection: windows per class and each run with its reasons.
    static func detectionSection(_ d: LogDetection) -> String {
        DetectionSections.text(d, names: detectionNames(d)) { "\(HumanFormat.grouped(UInt64($0.requests))) requests" }
    }

    /// The text section: totals, skipped lines with examples, and a window table.
    package static func text(_ result: LogAnalysis.Result, windowLength: Double, maxRows: Int) -> String {
        let s = result.summary
        var out =
            "\nAccess log\(s.sources.count == 1 ? " \(s.sources[0])" : "s (\(s.sources.count))") (\(s.formats.joined(separator: ", "))):\n"
        out += "  lines \(HumanFormat.grouped(UInt64(s.lines)))  requests \(HumanFormat.grouped(UInt64(s.parsed)))"
        out += "  skipped \(HumanFormat.grouped(UInt64(s.malformedTotal)))  windows \(s.windows)\n"
        if let first = s.firstTimestamp, let last = s.lastTimestamp {
            out += "  time \(HumanFormat.time(first)) → \(HumanFormat.time(last)) UTC\n"
        }
        if s.malformedTotal > 0 {
            out +=
                "  skipped lines by reason: "
                + s.malformed.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: " · ") + "\n"
            for example in s.examples.prefix(5) { out += "    \(example)\n" }
        }
        if let d = result.detection { out += detectionSection(d) }
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
        if result.detection != nil { header += "  " + HumanFormat.pad("verdict", 20, left: true) }
        out += header + "  top client\n"
        var index = 0
        while index < windows.count {
            let slice = windows[index..<min(windows.count, index + group)]
            var line = HumanFormat.pad(HumanFormat.time(slice.first!.start, dateless: true, fractional: windowLength < 1), 12, left: true)
            let requests = Double(slice.map(\.requests).reduce(0, +))
            for c in columns {
                // Rates average over the windows; shares and latencies over the requests.
                let perRequest = c.1 != .requestsPerSecond && c.1 != .distinctClients && c.1 != .requestRateGrowth
                let v =
                    perRequest
                    ? (requests > 0 ? slice.map { $0[c.1] * Double($0.requests) }.reduce(0, +) / requests : 0)
                    : slice.map { $0[c.1] }.reduce(0, +) / Double(slice.count)
                line += HumanFormat.pad(c.3 ? HumanFormat.percent(v) : HumanFormat.compact(v), c.2)
            }
            if let verdicts = result.detection?.verdicts {
                line += "  " + HumanFormat.pad(TextReport.verdictLabel(verdicts[slice.startIndex..<slice.endIndex]), 20, left: true)
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
